"""DD-01 督导检查报告: the scores per 一级指标 and in total as the service computes them, the
findings with their deduction and rectification, signatures; printed by the CLI."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from app import inspections as insp
from app.cli import main as cli_main
from app.forms import printing


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _inspection(supervisor_ctx):
    std = {i.name: i for i in insp.standard(supervisor_ctx)}
    earlier = insp.start_inspection(supervisor_ctx, inspected_on=date(2026, 10, 16), inspector="陈静", area="前台")
    insp.complete_inspection(supervisor_ctx, earlier.uuid, site_signer="张敏")
    ins = insp.start_inspection(supervisor_ctx, inspected_on=date(2026, 11, 18), inspector="总部品质部 陈静",
                                area="客服前台及档案室")
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=std["行为规范"].items[0].uuid, problems=6, persons=6,
                     criterion="见面微笑、主动问好、起身服务", note="前台均未起身服务")  # 10.8 > 10
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=std["房屋交付"].items[1].uuid, problems=2,
                     note="两户受托人无公证委托书", owner="王丽")
    return insp.complete_inspection(supervisor_ctx, ins.uuid, site_signer="张敏", summary="行为规范需整改")


def test_report_shows_the_scores_the_service_computed(supervisor_ctx):
    ins = _inspection(supervisor_ctx)
    assert ins.score_cp == 10000 - 1000 - 100
    text = _flat(printing.render_form(supervisor_ctx, "inspection-report", number=ins.inspection_no).pdf)
    assert "督导检查报告" in text and "DD-01" in text and "DD2026-002" in text
    assert "行为规范101100扣分合计10.8，本项最低0分" in text
    assert "房屋交付10119" in text
    assert "满分100分，扣11分，得分89分；发现问题2项，未整改完毕2项。" in text
    assert "一人一个问题点扣0.3分" in text and "6个×6人" in text and "10.8" in text
    assert "两户受托人无公证委托书" in text and "2026-11-25" in text  # 5 working days after Wed 18th
    assert "检查人签字" in text and "被检查单位负责人签字：张敏" in text
    assert "近期督导检查得分" in text


def test_cli_prints_the_report(supervisor_ctx, db_url, tmp_path, capsys):
    ins = _inspection(supervisor_ctx)
    out = tmp_path / "dd.pdf"
    rc = cli_main(["--home", str(supervisor_ctx.paths.home), "--db", db_url, "print", "inspection-report",
                   "--number", ins.inspection_no, "--out", str(out)])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert out.read_bytes()[:5] == b"%PDF-" and [r.form_code for r in printing.print_log(supervisor_ctx)] == ["DD-01"]
