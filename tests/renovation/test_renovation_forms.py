"""ZX-01 装修巡查记录表, ZX-02 违章整改通知书, ZX-03 装修许可证: what a reader of the PDF sees,
and the CLI (`frontdesk print renovation-round|rectification-notice|renovation-permit`)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from app.cli import main as cli_main
from app.domain.errors import NotFound, ValidationError
from app.forms import printing
from app import renovation as reno
from app.renovation import VisitData
from tests.renovation.helpers import approved_application as _approved


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def site(ctx, supervisor_ctx, clock):
    """Four units under renovation on 2026-11-20: one with a violation, one nobody home,
    one fine, one not inspected at all."""
    apps = {u: _approved(ctx, supervisor_ctx, u) for u in ("3-2-1502", "3-2-1602", "5-1-0301", "12-0801")}
    clock.set(datetime(2026, 11, 20, 10, 5))
    reno.record_visit(ctx, VisitData(apps["3-2-1502"].uuid, "施工中", "水电", failed_checks=["私拉电线"],
                                     violation="从楼道公共配电箱私接电源", signed_by="钱师傅"))
    clock.set(datetime(2026, 11, 20, 10, 20))
    reno.record_visit(ctx, VisitData(apps["3-2-1602"].uuid, "无人"))
    clock.set(datetime(2026, 11, 20, 10, 40))
    reno.record_visit(ctx, VisitData(apps["5-1-0301"].uuid, "施工中", "泥瓦"))
    clock.set(datetime(2026, 11, 20, 17, 0))
    return apps


def test_zx01_day_round(ctx, site):
    rendered = printing.render_form(ctx, "renovation-round", day=date(2026, 11, 20))
    text = _flat(_text(rendered.pdf))
    assert rendered.code == "ZX-01" and rendered.pages == 1 and not rendered.missing_chars
    assert "装修巡查记录表" in text and "ZX-01" in text and "阳光花园服务中心" in text
    assert "在施4户，已巡查3户，未巡查1户" in text
    assert "①承重结构" in text and "⑦私拉电线" in text
    for unit in ("3-2-1502", "3-2-1602", "5-1-0301", "12-0801"):
        assert unit in text
    assert "从楼道公共配电箱私接电源" in text and "ZG2026-0001" in text
    assert "当场制止，发出违章整改通知书" in text
    assert "未巡查" in text and "开工以来未巡查" in text
    assert "施工负责人签字" in text and "客服主管审核" in text
    # Building 3 before building 5 before building 12.
    assert text.index("3-2-1502") < text.index("5-1-0301") < text.index("12-0801")


def test_zx01_unit_history_and_empty_day(ctx, site, clock):
    clock.set(datetime(2026, 11, 24, 9, 0))
    reno.recheck_notice(ctx, "ZG2026-0001", "未整改", escalation="停工")
    rendered = printing.render_form(ctx, "renovation-round", unit="3栋2单元1502")
    text = _flat(_text(rendered.pdf))
    assert rendered.subject == "3-2-1502"
    assert "房号3-2-1502" in text and "许可证ZX2026-0001" in text
    assert "11-24复查未整改，停工" in text
    assert "3-2-1602" not in text
    # A day with nothing to print still gives a form to sign.
    empty = _flat(_text(printing.render_form(ctx, "renovation-round", day=date(2026, 11, 1)).pdf))
    assert "本期无记录" in empty
    with pytest.raises(ValidationError):
        printing.render_form(ctx, "renovation-round")
    with pytest.raises(NotFound):
        printing.render_form(ctx, "renovation-round", unit="9-9-0909")


def test_zx02_rectification_notice(ctx, site, clock):
    text = _flat(_text(printing.render_form(ctx, "rectification-notice", number="ZG2026-0001").pdf))
    assert "违章整改通知书" in text and "ZX-02" in text and "ZG2026-0001" in text
    assert "3-2-1502" in text and "赵建国" in text and "安居装饰工程有限公司" in text
    assert "从楼道公共配电箱私接电源" in text and "私拉电线" in text
    assert "住宅室内装饰装修管理办法" in text  # the basis
    assert "2026年11月23日18:00前" in text
    assert "签收人：钱师傅" in text and "物业服务中心（盖章）" in text
    clock.set(datetime(2026, 11, 24, 9, 0))
    reno.recheck_notice(ctx, "ZG2026-0001", "未整改", escalation="停工", note="仍在使用私接电源")
    text = _flat(_text(printing.render_form(ctx, "rectification-notice", number="zg2026-0001").pdf))
    assert "复查：未整改" in text and "停工" in text and "2026-11-2718:00" in text


def test_zx03_permit(ctx, site):
    rendered = printing.render_form(ctx, "renovation-permit", number="ZX2026-0001")
    text = _flat(_text(rendered.pdf))
    assert "装修许可证" in text and "ZX-03" in text and "ZX2026-0001" in text
    assert "3-2-1502" in text and "安居装饰工程有限公司" in text and "钱师傅13900139000" in text
    assert "2026年11月20日至2027年01月19日" in text
    assert "工作日08:00–12:00、14:00–18:00" in text and "休息日及法定节假日不得进行产生噪声的施工" in text
    assert "发证日期：2026年11月20日" in text
    # A5 landscape.
    box = PdfReader(io.BytesIO(rendered.pdf)).pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 420


def test_cli_prints_the_three_forms(ctx, site, db_url, tmp_path, capsys):
    home = str(ctx.paths.home)
    for args, code in ((["renovation-round", "--date", "2026-11-20"], "ZX-01"),
                       (["rectification-notice", "--number", "ZG2026-0001"], "ZX-02"),
                       (["renovation-permit", "--number", "ZX2026-0001"], "ZX-03")):
        out = tmp_path / f"{code}.pdf"
        rc = cli_main(["--home", home, "--db", db_url, "print", *args, "--out", str(out)])
        captured = capsys.readouterr()
        assert rc == 0, captured.err
        assert code in captured.out and "已归档" in captured.out
        assert out.read_bytes()[:5] == b"%PDF-"
    assert [r.form_code for r in printing.print_log(ctx)] == ["ZX-03", "ZX-02", "ZX-01"]
    rc = cli_main(["--home", home, "--db", db_url, "print", "renovation-permit", "--number", "ZX2099-0001"])
    captured = capsys.readouterr()
    assert rc == 2 and "找不到许可证号" in captured.err and "Traceback" not in captured.err
