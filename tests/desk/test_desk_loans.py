"""借用物品: the fee rules (first hour free, every hour begun after it charged, over midnight),
the deposit refunded minus the fee, one item out at a time, overdue loans."""

from __future__ import annotations

from datetime import datetime

import pytest

from app import desk
from app.desk.rules import loan_fee, refund, to_fen, yuan
from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError

LADDER = "TZ-01"  # 人字梯: deposit 100.00, first 60 minutes free, then 5.00 an hour begun


def _lend_at(ctx, clock, when, **kw) -> desk.LoanRow:
    clock.set(when)
    return desk.lend(ctx, item_no=kw.pop("item_no", LADDER), borrower="陈先生", unit_no="3-2-1502",
                     phone="13800138000", deposit_receipt="YJ-001", **kw)


def _return_at(ctx, clock, loan, when, **kw) -> desk.LoanRow:
    clock.set(when)
    return desk.return_item(ctx, loan.uuid, expected_version=loan.version, **kw)


def test_returned_at_59_minutes_is_free_and_the_whole_deposit_comes_back(ctx, clock):
    loan = _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 0))
    assert (loan.deposit_fen, loan.free_minutes, loan.rate_fen, loan.status) == (10000, 60, 500, "借出")
    back = _return_at(ctx, clock, loan, datetime(2026, 11, 20, 9, 59))
    assert (back.fee_fen, back.refund_fen, back.status, back.returned_to) == (0, 10000, "已归还", "王丽")


def test_returned_at_61_minutes_is_charged_one_hour_out_of_the_deposit(ctx, clock):
    loan = _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 0))
    back = _return_at(ctx, clock, loan, datetime(2026, 11, 20, 10, 1))
    assert (back.fee_fen, back.refund_fen) == (500, 9500)
    assert back.refund_receipt == "YJ-001"  # refunded on the deposit's own receipt


def test_exactly_the_free_hour_is_still_free_and_each_hour_begun_counts():
    lent = datetime(2026, 11, 20, 9, 0)
    assert loan_fee(lent, datetime(2026, 11, 20, 10, 0), 60, 500) == 0
    assert loan_fee(lent, datetime(2026, 11, 20, 10, 0, 1), 60, 500) == 500
    assert loan_fee(lent, datetime(2026, 11, 20, 11, 0), 60, 500) == 500
    assert loan_fee(lent, datetime(2026, 11, 20, 11, 1), 60, 500) == 1000


def test_a_loan_over_midnight_counts_the_night(ctx, clock):
    loan = _lend_at(ctx, clock, datetime(2026, 11, 20, 22, 30))
    back = _return_at(ctx, clock, loan, datetime(2026, 11, 21, 1, 45))
    # 3 h 15 min: the first hour free, 2 h 15 min charged as 3 hours begun.
    assert (back.fee_fen, back.refund_fen) == (1500, 8500)
    assert desk.quote_return(loan, datetime(2026, 11, 21, 1, 45)).charged_hours == 3


def test_a_fee_above_the_deposit_keeps_it_all_and_the_rest_is_paid(ctx, clock):
    loan = _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 0), item_no="TC-01")  # deposit 50.00, 3.00 an hour
    back = _return_at(ctx, clock, loan, datetime(2026, 11, 21, 9, 0), condition="损坏", compensation_fen=2000)
    assert back.fee_fen == 23 * 300 + 2000
    assert (back.refund_fen, back.to_pay_fen) == (0, 8900 - 5000)
    assert "赔偿 20.00 元" in back.note
    assert refund(5000, 8900) == (0, 3900)


def test_an_item_out_cannot_be_lent_again_until_it_is_back(ctx, clock):
    loan = _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 0))
    with pytest.raises(ValidationError) as e:
        _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 5))
    assert e.value.field == "物品编号" and loan.number in str(e.value) and "尚未归还" in str(e.value)
    _return_at(ctx, clock, loan, datetime(2026, 11, 20, 9, 30))
    again = _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 40))
    assert again.number == "JY20261120002" and loan.number == "JY20261120001"
    with pytest.raises(InvalidTransition):
        desk.return_item(ctx, loan.uuid, expected_version=desk.get_loan(ctx, loan.uuid).version)


def test_overdue_loans_are_flagged_and_counted(ctx, clock):
    a = _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 0))
    _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 30), item_no="TC-01",
             due_at=datetime(2026, 11, 20, 17, 0))
    assert a.due_at == datetime(2026, 11, 20, 10, 0)  # the end of the free hour
    clock.set(datetime(2026, 11, 20, 10, 0))
    assert desk.overdue_count(ctx) == 0
    clock.set(datetime(2026, 11, 20, 10, 1))
    out = {x.item_no: x.overdue for x in desk.list_loans(ctx, out_only=True)}
    assert out == {"TZ-01": True, "TC-01": False}
    assert desk.overdue_count(ctx) == 1


def test_bad_input_names_the_field_and_nothing_is_lent(ctx, clock):
    for kw, field in (({"item_no": "XX-9"}, "物品编号"), ({"deposit_receipt": ""}, "押金收据号"),
                      ({"pay_method": "支票"}, "付款方式"), ({"due_at": datetime(2026, 11, 20, 8, 0)}, "应还时间")):
        args = dict(item_no=LADDER, borrower="陈先生", deposit_receipt="YJ-1") | kw
        with pytest.raises(ValidationError) as e:
            desk.lend(ctx, **args)
        assert e.value.field == field
    assert desk.list_loans(ctx) == []


def test_only_a_supervisor_voids_a_loan_with_a_reason(ctx, supervisor_ctx, clock):
    loan = _lend_at(ctx, clock, datetime(2026, 11, 20, 9, 0))
    with pytest.raises(PermissionDenied):
        desk.void_loan(ctx, loan.uuid, "登记错误", expected_version=loan.version)
    with pytest.raises(ValidationError):
        desk.void_loan(supervisor_ctx, loan.uuid, " ", expected_version=loan.version)
    voided = desk.void_loan(supervisor_ctx, loan.uuid, "登记错误", expected_version=loan.version)
    assert (voided.status, voided.void_reason) == ("已作废", "登记错误")


def test_money_is_typed_in_yuan_and_kept_in_fen():
    assert to_fen("押金", "12.5") == 1250 and to_fen("押金", "0.01") == 1 and yuan(1250) == "12.50"
    for bad in ("12.345", "-1", "abc"):
        with pytest.raises(ValidationError) as e:
            to_fen("押金", bad)
        assert e.value.field == "押金"
