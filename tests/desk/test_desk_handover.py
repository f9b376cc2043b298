"""交接班 and 日结: the shift's money by kind, its open items, a count that does not balance
needs an explanation, signed money refuses edits, voiding by a 客服主管, the day's report."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app import desk, reception
from app.domain.errors import PermissionDenied, StaleRecord, ValidationError


def _shift_with_money(ctx, clock):
    """A ladder lent and returned after 61 minutes (100.00 deposit in, 100.00 out, 5.00 fee), a trolley
    lent and still out (50.00 in), a paid service of 50.00 in cash and one of 80.00 by WeChat."""
    clock.set(datetime(2026, 11, 20, 9, 0))
    ladder = desk.lend(ctx, item_no="TZ-01", borrower="陈先生", unit_no="3-2-1502", deposit_receipt="YJ-1")
    clock.set(datetime(2026, 11, 20, 9, 10))
    trolley = desk.lend(ctx, item_no="TC-01", borrower="李女士", unit_no="5-1-0301", deposit_receipt="YJ-2")
    clock.set(datetime(2026, 11, 20, 10, 1))
    ladder = desk.return_item(ctx, ladder.uuid, expected_version=ladder.version)
    clock.set(datetime(2026, 11, 20, 11, 0))
    lock = desk.create_order(ctx, customer="赵先生", unit_no="7-1-0101", service="开锁", receipt_no="SF-1")
    drain = desk.create_order(ctx, customer="孙女士", service="疏通下水道", receipt_no="SF-2", pay_method="微信")
    return ladder, trolley, lock, drain


def test_the_shift_shows_its_money_by_kind_and_its_open_items(ctx, clock):
    ladder, trolley, lock, drain = _shift_with_money(ctx, clock)
    reception.create_message(ctx, to_staff="张敏", from_person="周先生", message="请回电话，关于车位")
    clock.set(datetime(2026, 11, 20, 14, 0))
    shift = desk.current_shift(ctx)
    t = shift.totals
    assert (t.deposits_in_fen, t.deposits_out_fen, t.loan_fees_fen, t.service_fees_fen) == (15000, 10000, 500, 13000)
    # Cash: 150.00 deposits in − 100.00 deposit out + 5.00 fee + 50.00 service; the WeChat 80.00 apart.
    assert t.cash_fen == 15000 - 10000 + 500 + 5000
    assert dict(t.by_method) == {"现金": t.cash_fen, "微信": 8000}
    assert shift.deposits_held_fen == 5000
    assert [x for x in shift.open_items if x.startswith("在借：")] == [
        "在借：小推车 TC-01　李女士 5-1-0301　应还 11-20 10:10（已超时）"]
    assert shift.start is None
    assert [x for x in shift.open_items if x.startswith("未转告：")] == ["未转告：11-20 11:00 周先生 转告 张敏：请回电话，关于车位"]


def test_a_count_that_does_not_balance_needs_an_explanation(ctx, clock):
    _shift_with_money(ctx, clock)
    clock.set(datetime(2026, 11, 20, 15, 0))
    expected = desk.current_shift(ctx).totals.cash_fen
    with pytest.raises(ValidationError) as e:
        desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected - 1000, expected_cash_fen=expected)
    assert e.value.field == "差异说明" and "少 10.00 元" in str(e.value)
    assert desk.list_handovers(ctx) == []  # nothing signed
    with pytest.raises(ValidationError) as e:
        desk.sign_handover(ctx, received_by="王丽", counted_cash_fen=expected)
    assert e.value.field == "接班人"
    h = desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected - 1000, expected_cash_fen=expected,
                           explanation="找零时多找 10 元，已报主管")
    assert (h.handed_by, h.received_by, h.difference_fen, h.signed_at) == ("王丽", "刘芳", -1000,
                                                                           datetime(2026, 11, 20, 15, 0))
    assert (h.deposits_in_fen, h.deposits_out_fen, h.fees_fen, h.loans_out, h.deposits_held_fen) == (
        15000, 10000, 13500, 1, 5000)
    # The next shift starts empty, from this handover.
    nxt = desk.current_shift(ctx)
    assert nxt.moves == () and nxt.start == datetime(2026, 11, 20, 15, 0)


def test_a_balanced_count_signs_without_explanation(ctx, clock):
    _shift_with_money(ctx, clock)
    expected = desk.current_shift(ctx).totals.cash_fen
    h = desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected, remarks="钥匙两把已交")
    assert h.explanation is None and h.difference_fen == 0


def test_money_that_came_in_during_the_count_is_not_signed_blind(ctx, clock):
    _shift_with_money(ctx, clock)
    seen = desk.current_shift(ctx).totals.cash_fen
    desk.create_order(ctx, customer="钱先生", service="开锁", receipt_no="SF-3")
    with pytest.raises(StaleRecord):
        desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=seen, expected_cash_fen=seen)


def test_once_signed_the_money_records_refuse_edits(ctx, supervisor_ctx, clock):
    ladder, trolley, lock, drain = _shift_with_money(ctx, clock)
    expected = desk.current_shift(ctx).totals.cash_fen
    desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected)
    lock = desk.get_order(ctx, lock.uuid)
    with pytest.raises(ValidationError) as e:
        desk.update_order(ctx, lock.uuid, {"receipt_no": "SF-9"}, expected_version=lock.version)
    assert e.value.field == "交接班" and "已在交接班时签字移交" in str(e.value) and "客服主管作废" in str(e.value)
    trolley = desk.get_loan(ctx, trolley.uuid)
    with pytest.raises(ValidationError):
        desk.update_loan(ctx, trolley.uuid, {"deposit_receipt": "YJ-9"}, expected_version=trolley.version)
    # What is not money may still be corrected: the trolley's due time and phone.
    moved = desk.update_loan(ctx, trolley.uuid, {"due_at": datetime(2026, 11, 20, 18, 0), "phone": "13900139000"},
                             expected_version=trolley.version)
    assert moved.due_at == datetime(2026, 11, 20, 18, 0)
    # The trolley comes back in the next shift: its refund belongs there, editable until that is signed.
    clock.set(datetime(2026, 11, 20, 16, 0))
    back = desk.return_item(ctx, trolley.uuid, expected_version=moved.version)
    assert back.lend_signed and not back.return_signed
    shift = desk.current_shift(ctx)
    # 09:10 to 16:00: the first hour free, 5 h 50 min charged as 6 hours begun at 3.00.
    assert {(m.kind, m.amount_fen) for m in shift.moves} == {("退还押金", 5000), ("借用费", 6 * 300)}
    # Only a 客服主管 voids a signed record, with a reason.
    with pytest.raises(PermissionDenied):
        desk.void_order(ctx, lock.uuid, "重复收费", expected_version=lock.version)
    voided = desk.void_order(supervisor_ctx, lock.uuid, "重复收费，已退款", expected_version=lock.version)
    assert voided.status == "已作废" and voided.signed


def test_voiding_a_handover_puts_its_money_back_into_the_open_shift(ctx, supervisor_ctx, clock):
    _shift_with_money(ctx, clock)
    expected = desk.current_shift(ctx).totals.cash_fen
    h = desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected)
    with pytest.raises(PermissionDenied):
        desk.void_handover(ctx, h.uuid, "点错", expected_version=h.version)
    desk.void_handover(supervisor_ctx, h.uuid, "接班人签错", expected_version=h.version)
    assert desk.current_shift(ctx).totals.cash_fen == expected


def test_the_day_cash_report_goes_to_finance_after_the_handovers(ctx, clock):
    _shift_with_money(ctx, clock)
    day = date(2026, 11, 20)
    with pytest.raises(ValidationError) as e:
        desk.close_day(ctx, day, received_by="财务 周会计")
    assert "未经交接班签字" in str(e.value)
    expected = desk.current_shift(ctx).totals.cash_fen
    desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected)
    data = desk.day_cash(ctx, day)
    assert data.unsigned == 0 and len(data.handovers) == 1 and data.totals.cash_fen == expected
    r = desk.close_day(ctx, day, received_by="周会计")
    assert (r.handed_by, r.received_by, r.cash_fen, r.service_fees_fen, r.loan_fees_fen) == (
        "王丽", "周会计", expected, 13000, 500)
    with pytest.raises(ValidationError):
        desk.close_day(ctx, day, received_by="周会计")
    assert desk.day_cash(ctx, day).report.uuid == r.uuid
