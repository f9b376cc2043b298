"""The desk services' paper forms (FW-01 … FW-07): what a reader of the PDF sees, and the CLI
(`frontdesk print borrow-register|service-order|shift-handover|daily-cash|service-application|
internal-memo|notice`)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from app import desk, residents
from app.cli import main as cli_main
from app.desk.print_service_order import amount_in_words
from app.forms import printing


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def day(ctx, supervisor_ctx, admin_ctx, clock):
    """One day at the desk: a ladder lent and returned late, a trolley still out, a paid service,
    a handover with a difference, the 日结, an application, a memo and an important notice."""
    residents.add_unit(admin_ctx, "3-2-1502")
    clock.set(datetime(2026, 11, 20, 9, 0))
    ladder = desk.lend(ctx, item_no="TZ-01", borrower="陈先生", unit_no="3-2-1502", phone="13800138000",
                       deposit_receipt="YJ-1")
    desk.lend(ctx, item_no="TC-01", borrower="李女士", deposit_receipt="YJ-2")
    clock.set(datetime(2026, 11, 20, 10, 1))
    desk.return_item(ctx, ladder.uuid, expected_version=ladder.version)
    order = desk.create_order(ctx, customer="赵先生", unit_no="3-2-1502", service="疏通下水道", receipt_no="SF-1")
    clock.set(datetime(2026, 11, 20, 12, 0))
    expected = desk.current_shift(ctx).totals.cash_fen
    h = desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected - 100, explanation="找零少一元")
    clock.set(datetime(2026, 11, 20, 17, 0))
    desk.close_day(ctx, date(2026, 11, 20), received_by="周会计")
    app = desk.apply(ctx, applicant="陈先生", unit_no="3-2-1502", content="申请周六搬运家具临时停车")
    app = desk.decide(supervisor_ctx, app.uuid, "同意", opinion="请安管部配合", expected_version=app.version)
    memo = desk.send_memo(ctx, department="工程部", subject="东门改造工期", content="业主询问完工时间",
                          inquiry_at=datetime(2026, 11, 20, 15, 50))
    notice = desk.publish(ctx, kind="重要告知", title="3栋停水通知", body="11月22日9:00至17:00停水，请提前储水。",
                          target="楼栋", targets=["3"], channels=["公告栏", "电话"])
    desk.record_contact(ctx, notice.uuid, "3-2-1502", reached=True, confirmed_by="陈先生")
    return {"order": order, "handover": h, "app": app, "memo": memo, "notice": notice}


def test_fw01_the_borrow_register_lists_the_loans_with_fee_and_refund(ctx, day):
    r = printing.render_form(ctx, "borrow-register", date_from=date(2026, 11, 20), date_to=date(2026, 11, 20))
    text = _flat(r.pdf)
    assert r.code == "FW-01" and not r.missing_chars
    assert "借用物品登记表" in text and "JY20261120001" in text and "人字梯TZ-01" in text
    assert "100.00" in text and "5.00" in text and "95.00" in text and "未还" in text
    assert "共借出2次，已归还1次，未还1次（其中超时1次），借用费合计5.00元" in text


def test_fw03_fw04_the_handover_and_the_day_report(ctx, day):
    r = printing.render_form(ctx, "shift-handover", handover="上一班")
    text = _flat(r.pdf)
    assert r.code == "FW-03" and "交接班对帐登记表" in text
    assert "交班人：王丽" in text and "接班人：刘芳" in text and "找零少一元" in text and "-1.00" in text
    assert "在借：小推车TC-01" in text and "YF20261120001" in text
    open_shift = _flat(printing.render_form(ctx, "shift-handover").pdf)
    assert "未签字" in open_shift and "本班无款项" in open_shift
    d = _flat(printing.render_form(ctx, "daily-cash", day=date(2026, 11, 20)).pdf)
    assert "日结现金报表" in d and "财务接收人：周会计" in d and "有偿服务费" in d and "80.00" in d


def test_fw02_fw05_fw06_fw07_one_record_each(ctx, day):
    order = _flat(printing.render_form(ctx, "service-order", number=day["order"].number).pdf)
    assert "有偿服务单" in order and "疏通下水道" in order and "捌拾元整" in order and "客户签字" in order
    app = _flat(printing.render_form(ctx, "service-application", number=day["app"].number).pdf)
    assert "服务申请单" in app and "申请周六搬运家具临时停车" in app and "同意。请安管部配合（张敏" in app
    memo = _flat(printing.render_form(ctx, "internal-memo", number=day["memo"].number).pdf)
    assert "内部工作联系函" in memo and "工程部" in memo and "发出超时（应于11-2016:50前发出）" in memo
    notice = _flat(printing.render_form(ctx, "notice", number=day["notice"].number).pdf)
    assert "3栋停水通知" in notice and "请提前储水" in notice and "2026年11月20日" in notice
    assert "陈先生" not in notice  # the posted notice names no household


def test_amount_in_words():
    assert [amount_in_words(f) for f in (8000, 100500, 12345, 10050000, 1)] == [
        "捌拾元整", "壹仟零伍元整", "壹佰贰拾叁元肆角伍分", "壹拾万零伍佰元整", "壹分"]


def test_the_cli_prints_the_desk_forms(ctx, day, db_url, tmp_path, capsys):
    home = str(ctx.paths.home)
    for args, code in ((["borrow-register", "--date", "2026-11-20"], "FW-01"),
                       (["shift-handover", "--handover", day["handover"].uuid], "FW-03"),
                       (["daily-cash", "--date", "2026-11-20"], "FW-04"),
                       (["notice", "--number", day["notice"].number], "FW-07")):
        out = tmp_path / f"{code}.pdf"
        rc = cli_main(["--home", home, "--db", db_url, "print", *args, "--out", str(out)])
        captured = capsys.readouterr()
        assert rc == 0, captured.err
        assert out.read_bytes()[:5] == b"%PDF-"
    rc = cli_main(["--home", home, "--db", db_url, "print", "service-order", "--number", "YF2099"])
    captured = capsys.readouterr()
    assert rc == 2 and "找不到有偿服务单" in captured.err and "Traceback" not in captured.err
