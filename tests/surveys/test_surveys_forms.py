"""MY-01 满意度调查问卷 and MY-02 满意度调查分析报告: what a reader of the PDF sees (the report's
figures are the service's), and both printed by the CLI."""

from __future__ import annotations

import io
import re
from datetime import datetime

from pypdf import PdfReader

from app import surveys
from app.cli import main as cli_main
from app.forms import printing
from tests.surveys.helpers import approved, estate


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _survey_with_returns(ctx, supervisor_ctx, manager_ctx, clock):
    estate(ctx, layout=((1, 4), (2, 3)))
    row = approved(supervisor_ctx, manager_ctx)
    surveys.issue_copies(ctx, row.uuid)
    clock.set(datetime(2026, 11, 21, 9, 0))
    for code, keys in ((1, "ABAAAAAAAA5"), (2, "ACAAAAAAAA4"), (3, "BCAAAAAAAA3"), (5, "AAAAAAAAAA5")):
        surveys.record_return(ctx, row.uuid, str(code), keys=keys, comment="楼道灯常坏" if code == 2 else None)
    surveys.add_action(supervisor_ctx, row.uuid, item_no=2, measure="来电接听纳入每周抽查", owner="张敏")
    return row


def test_questionnaire_of_one_household_and_blank(ctx, supervisor_ctx, manager_ctx, clock):
    row = _survey_with_returns(ctx, supervisor_ctx, manager_ctx, clock)
    text = _flat(printing.render_form(ctx, "satisfaction-survey", survey="MY2026-01", code="3").pdf)
    assert "MY-01" in text and "满意度调查问卷" in text
    assert "问卷编号：MY2026-01-0003" in text and "1-1-103" in text and "业主103" in text
    assert "客服前台的服务态度与礼仪" in text and "□A满意□B较满意□C不满意" in text and "□1□2□3□4□5" in text
    assert "您对物业服务的意见和建议：" in text and "受访人签字" in text
    blank = _flat(printing.render_form(ctx, "satisfaction-survey", survey=row.uuid).pdf)
    assert "问卷编号：调查" in blank and "1-1-103" not in blank


def test_report_figures_are_the_service_figures(ctx, supervisor_ctx, manager_ctx, clock):
    row = _survey_with_returns(ctx, supervisor_ctx, manager_ctx, clock)
    result = surveys.survey_result(ctx, row.uuid)
    assert (result.rates.sample, result.rates.issued, result.rates.returned) == (7, 7, 4)
    rendered = printing.render_form(ctx, "survey-report", survey="MY2026-01")
    text = _flat(rendered.pdf)
    assert "满意度调查分析报告" in text and "MY-02" in text
    assert "样本户数7" in text and "发放份数7" in text and "回收份数4" in text
    assert "发放率100.0%（目标100%）" in text and "回收率57.1%（目标≥70%）" in text
    assert "回收率57.1%，低于70%的要求（至少还需回收1份）" in text
    item2 = result.items[1]  # B, C, C, A
    assert item2.satisfaction == 50.0
    assert "A25.0%B25.0%C50.0%50.0%需整改" in text
    assert "1栋" in text and "75.0%" in text  # building 1: 3 of 4 returned
    assert "来电接听纳入每周抽查" in text and "楼道灯常坏" in text
    assert rendered.pages >= 1 and not rendered.warnings


def test_cli_prints_both(ctx, supervisor_ctx, manager_ctx, clock, db_url, tmp_path, capsys):
    _survey_with_returns(ctx, supervisor_ctx, manager_ctx, clock)
    home = str(ctx.paths.home)
    for args, code in ((["satisfaction-survey", "--survey", "MY2026-01", "--code", "2"], "MY-01"),
                       (["survey-report", "--survey", "MY2026-01"], "MY-02")):
        out = tmp_path / f"{code}.pdf"
        rc = cli_main(["--home", home, "--db", db_url, "print", *args, "--out", str(out)])
        captured = capsys.readouterr()
        assert rc == 0, captured.err
        assert out.read_bytes()[:5] == b"%PDF-"
    rc = cli_main(["--home", home, "--db", db_url, "print", "survey-report", "--survey", "MY2099-09"])
    captured = capsys.readouterr()
    assert rc == 2 and "找不到满意度调查 MY2099-09" in captured.err and "Traceback" not in captured.err


def _page_texts(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_every_sampled_household_in_one_pdf_each_page_with_its_code(ctx, supervisor_ctx, manager_ctx, clock):
    row = _survey_with_returns(ctx, supervisor_ctx, manager_ctx, clock)  # 7 households sampled
    one = printing.render_form(ctx, "satisfaction-survey", survey=row.survey_no, code="1")
    batch = printing.render_form(ctx, "satisfaction-survey", survey=row.survey_no, code="全部")
    copies = surveys.list_copies(ctx, row.uuid)
    assert len(copies) == 7 and batch.pages == 7 * one.pages
    pages = _page_texts(batch.pdf)
    per = one.pages
    for n, c in enumerate(copies):
        for text in pages[n * per:(n + 1) * per]:
            assert f"问卷编号：{c.code}" in text
        assert c.unit_no in pages[n * per] and c.respondent in pages[n * per]
    # every page is numbered through the whole job (its QR code too) and names the household's
    # questionnaire record, so a signed scan of any page is filed with that household
    assert [f"{batch.job_code}-{k}" in text for k, text in enumerate(pages, start=1)] == [True] * len(pages)
    assert dict(batch.page_records) == {n * per + k: (c.uuid,) for n, c in enumerate(copies)
                                        for k in range(1, per + 1)}


def test_cli_prints_every_questionnaire(ctx, supervisor_ctx, manager_ctx, clock, db_url, tmp_path, capsys):
    _survey_with_returns(ctx, supervisor_ctx, manager_ctx, clock)
    out = tmp_path / "all.pdf"
    rc = cli_main(["--home", str(ctx.paths.home), "--db", db_url, "print", "satisfaction-survey",
                   "--survey", "MY2026-01", "--code", "全部", "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    pages = _page_texts(out.read_bytes())
    assert len(pages) == 7
    assert [p.split("问卷编号：")[1][:14] for p in pages] == [f"MY2026-01-{n:04d}" for n in range(1, 8)]
