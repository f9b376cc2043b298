"""The pure rules of a work order: allowed steps, lateness, due times, the follow-up draw, months."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.errors import InvalidTransition, ValidationError
from app.repairs import rules
from app.repairs.vocab import RepairStatus as S

T0 = datetime(2026, 11, 20, 9, 0)


def test_declined_and_void_orders_can_take_no_further_step():
    for end in (S.DECLINED, S.VOID):
        for to in S:
            with pytest.raises(InvalidTransition):
                rules.check_move("WX20261120001", end.value, to, "派工")


def test_a_refused_step_names_the_order_its_state_and_the_step():
    with pytest.raises(InvalidTransition) as err:
        rules.check_move("WX20261120001", S.AWAITING_DISPATCH.value, S.AWAITING_FOLLOW_UP, "登记完工")
    assert str(err.value) == "工单 WX20261120001 当前状态为“待派工”，不能登记完工"


def test_the_happy_path_and_the_rework_loop_are_allowed():
    path = [S.AWAITING_DISPATCH, S.DISPATCHED, S.DISPATCHED, S.IN_REPAIR, S.AWAITING_FOLLOW_UP, S.CLOSED,
            S.AWAITING_DISPATCH]
    for here, to in zip(path, path[1:]):
        rules.check_move("WX20261120001", here.value, to, "下一步")  # raises if not allowed


def test_lateness_counts_only_the_deadline_that_applies_to_the_state():
    due_pickup, due_finish = T0 + timedelta(minutes=30), T0 + timedelta(hours=4)
    later = T0 + timedelta(hours=5)
    assert rules.late_reasons(S.DISPATCHED.value, due_pickup, due_finish, later) == ["接单超时", "完工超时"]
    assert rules.late_reasons(S.IN_REPAIR.value, due_pickup, due_finish, later) == ["完工超时"]
    assert rules.late_reasons(S.AWAITING_FOLLOW_UP.value, due_pickup, due_finish, later) == []
    assert rules.late_reasons(S.DISPATCHED.value, due_pickup, due_finish, due_pickup) == []


def test_an_agreed_time_wins_otherwise_the_hours_of_the_urgency():
    appointment = T0 + timedelta(days=2)
    assert rules.finish_due(T0, "紧急", appointment, hours_normal=24, hours_urgent=4) == appointment
    assert rules.finish_due(T0, "紧急", None, hours_normal=24, hours_urgent=4) == T0 + timedelta(hours=4)
    assert rules.finish_due(T0, "一般", None, hours_normal=24, hours_urgent=4) == T0 + timedelta(hours=24)


def test_the_draw_is_reproducible_from_its_seed_and_respects_the_rate():
    draw, chosen = rules.sample_decision("12345", 30)
    assert rules.sample_decision("12345", 30) == (draw, chosen)
    assert chosen == (draw < 0.30)
    assert rules.sample_decision("12345", 0)[1] is False
    assert rules.sample_decision("12345", 100)[1] is True


def test_months_roll_over_the_year_and_a_bad_month_names_the_field():
    assert rules.month_range(2026, 12) == (datetime(2026, 12, 1), datetime(2027, 1, 1))
    assert rules.month_key(2026, 3) == "2026-03"
    assert rules.number_prefix(T0.date()) == "WX20261120"
    with pytest.raises(ValidationError) as err:
        rules.month_range(2026, 13)
    assert err.value.field == "月份"
