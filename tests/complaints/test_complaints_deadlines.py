"""Complaint deadlines on the working-day calendar (domain.md §2), as pure rules and through
the service: follow-up after the National Day holiday, a make-up Saturday, a 重要 complaint
at 17:50, the desk's same day, hand-over days, 重大 at intake, 72 hours, progress entries."""

from datetime import date, datetime

import pytest

from app.complaints import deadlines as dl
from app.complaints.deadlines import DeadlineRules
from app.complaints.vocab import ComplaintSeverity as Sev
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.workdays import Calendar
from app import complaints

CAL = Calendar()
RULES = DeadlineRules()


def _receive(ctx, **kw):
    fields = dict(channel="来电", complainant="赵先生", phone="13800138000", content="楼道灯坏了一周没人修",
                  category="公共设施故障")
    fields.update(kw)
    return complaints.receive(ctx, **fields)


# ---------------------------------------------------------------- pure rules

def test_follow_up_of_a_complaint_finished_before_national_day_is_due_after_it():
    finished = datetime(2026, 9, 30, 16, 0)  # the last working day before Oct 1–7
    due = dl.follow_up_due(CAL, RULES, finished)
    # Oct 8 (1), Oct 9 (2), Saturday Oct 10 (3, a make-up workday): end of desk hours
    assert due == datetime(2026, 10, 10, 18, 0)


def test_make_up_saturday_counts_as_a_working_day():
    finished = datetime(2026, 10, 9, 11, 0)  # Friday before the make-up Saturday
    assert dl.follow_up_due(CAL, RULES, finished) == datetime(2026, 10, 13, 18, 0)  # Sat 10, Mon 12, Tue 13
    plain_weekends = Calendar(provider=lambda y: __import__("app.domain.workdays", fromlist=["YearData"])
                              .YearData(y, ""))
    assert dl.follow_up_due(plain_weekends, RULES, finished) == datetime(2026, 10, 14, 18, 0)


def test_important_complaint_at_1750_has_until_next_working_morning_to_start():
    received = datetime(2026, 11, 20, 17, 50)  # Friday, desk closes at 18:00
    d = dl.compute(CAL, RULES, severity=Sev.IMPORTANT, within_desk_scope=True, base=received)
    assert d.start_due_at == datetime(2026, 11, 23, 9, 20)  # 10 min Friday + 50 min Monday from 08:30
    assert not dl.late(datetime(2026, 11, 23, 9, 0), d.start_due_at)
    assert dl.late(datetime(2026, 11, 23, 9, 30), d.start_due_at)
    assert d.due_at == datetime(2026, 11, 25, 18, 0)  # 3 working days: Mon, Tue, Wed


def test_normal_complaint_same_day_at_the_desk_or_three_days_elsewhere():
    received = datetime(2026, 11, 19, 10, 0)  # Thursday
    desk = dl.compute(CAL, RULES, severity=Sev.NORMAL, within_desk_scope=True, base=received)
    assert desk.start_due_at is None
    assert desk.due_at == datetime(2026, 11, 19, 18, 0)
    away = dl.compute(CAL, RULES, severity=Sev.NORMAL, within_desk_scope=False, base=received)
    assert away.due_at == datetime(2026, 11, 24, 18, 0)  # Fri, Mon, Tue
    calendar_days = dl.compute(CAL, RULES.with_values({"count_working_days": False}), severity=Sev.NORMAL,
                               within_desk_scope=False, base=received)
    assert calendar_days.due_at == datetime(2026, 11, 22, 17, 0)  # Sunday, the desk's weekend closing time
    saturday = dl.compute(CAL, RULES, severity=Sev.NORMAL, within_desk_scope=True, base=datetime(2026, 11, 21, 10))
    assert saturday.due_at == datetime(2026, 11, 21, 17, 0)  # the desk's own hours on a weekend


def test_reply_within_72_hours_and_major_reply_date():
    received = datetime(2026, 11, 19, 10, 0)
    d = dl.compute(CAL, RULES, severity=Sev.MAJOR, within_desk_scope=True, base=received)
    assert d.reply_due_at == datetime(2026, 11, 22, 10, 0)
    assert d.promised_reply_at == d.due_at == datetime(2026, 11, 24, 18, 0)
    assert dl.intake_level(Sev.MAJOR, RULES) == 2 and dl.intake_level(Sev.IMPORTANT, RULES) == 0
    promised = datetime(2026, 12, 1, 12, 0)
    d = dl.compute(CAL, RULES, severity=Sev.MAJOR, within_desk_scope=True, base=received, promised_reply_at=promised)
    assert d.due_at == promised


def test_progress_entry_every_working_day_after_five():
    received = datetime(2026, 11, 16, 9, 0)  # Monday
    first = dl.first_progress_due(CAL, RULES, received)
    assert first == datetime(2026, 11, 24, 18, 0)  # open past Mon 23 (5th working day): due Tue 24
    assert dl.next_progress_due(CAL, RULES, received, datetime(2026, 11, 24, 15, 0)) == datetime(2026, 11, 25, 18)
    assert dl.next_progress_due(CAL, RULES, received, datetime(2026, 11, 17, 15, 0)) == first


def test_severity_goes_up_one_level_and_stops_at_major():
    assert dl.raised("一般") is Sev.IMPORTANT
    assert dl.raised(Sev.IMPORTANT) is Sev.MAJOR
    assert dl.raised(Sev.MAJOR) is Sev.MAJOR


def test_pending_deadlines_follow_the_state():
    values = dict(started_at=None, start_due_at=datetime(2026, 1, 5, 9), completed_at=None,
                  due_at=datetime(2026, 1, 6, 18), reply_at=None, reply_due_at=datetime(2026, 1, 8, 9),
                  progress_due_at=datetime(2026, 1, 13, 18), follow_up_due_at=None)
    assert dl.next_deadline("已受理", **values) == (dl.START, datetime(2026, 1, 5, 9))
    values.update(started_at=datetime(2026, 1, 5, 8), completed_at=datetime(2026, 1, 6, 9),
                  follow_up_due_at=datetime(2026, 1, 9, 18))
    assert dl.next_deadline("待回访", **values) == (dl.REPLY, datetime(2026, 1, 8, 9))
    values["reply_at"] = datetime(2026, 1, 6, 9)
    assert dl.next_deadline("待回访", **values) == (dl.FOLLOW_UP, datetime(2026, 1, 9, 18))
    assert dl.next_deadline("已关闭", **values) == (None, None)


def test_rule_figures_are_checked():
    with pytest.raises(ValidationError, match="应在"):
        RULES.with_values({"handover_days": 0})
    with pytest.raises(ValidationError, match="未知"):
        RULES.with_values({"nonsense": 1})
    assert DeadlineRules.from_mapping({"handover_days": "2", "extra": 1}).handover_days == 2


# ---------------------------------------------------------------- through the service

def test_service_follow_up_due_after_the_holiday(ctx, clock):
    clock.set(datetime(2026, 9, 30, 9, 0))
    c = _receive(ctx)
    clock.set(datetime(2026, 9, 30, 16, 5))
    c = complaints.record_result(ctx, c.uuid, result="已更换灯管", expected_version=c.version,
                                 completed_at=datetime(2026, 9, 30, 16, 0), reply_method="电话")
    assert c.status == "待回访"
    assert c.follow_up_due_at == datetime(2026, 10, 10, 18, 0)
    assert (c.next_due_kind, c.next_due_at) == ("回访", datetime(2026, 10, 10, 18, 0))
    clock.set(datetime(2026, 10, 8, 9, 0))  # first working day after the holiday: not late
    assert complaints.work_counts(ctx).overdue == 0
    clock.set(datetime(2026, 10, 10, 18, 1))
    assert [r.uuid for r in complaints.work_list(ctx, "已超时")] == [c.uuid]


def test_service_important_at_1750_started_next_morning_is_on_time(ctx, clock):
    clock.set(datetime(2026, 11, 20, 17, 50))
    c = _receive(ctx, severity="重要")
    assert c.start_due_at == datetime(2026, 11, 23, 9, 20)
    assert c.next_due_kind == "开始处理"
    clock.set(datetime(2026, 11, 20, 18, 55))  # an hour of clock time later: still not overdue
    assert complaints.run_escalation(ctx).escalated == []
    clock.set(datetime(2026, 11, 23, 9, 0))
    c = complaints.start_handling(ctx, c.uuid, expected_version=c.version)
    assert c.started_at == datetime(2026, 11, 23, 9, 0) and not c.overdue
    assert complaints.run_escalation(ctx).escalated == []
    assert complaints.get(ctx, c.uuid).escalation_level == 0


def test_service_important_started_late_is_marked_overdue(ctx, clock):
    clock.set(datetime(2026, 11, 20, 17, 50))
    c = _receive(ctx, severity="重要")
    clock.set(datetime(2026, 11, 23, 9, 30))
    c = complaints.hand_to_department(ctx, c.uuid, department="工程部", handler="李工", expected_version=c.version)
    assert c.overdue


def test_service_hand_over_changes_the_finishing_deadline(ctx, clock):
    clock.set(datetime(2026, 11, 19, 10, 0))
    c = _receive(ctx)
    assert c.due_at == datetime(2026, 11, 19, 18, 0) and c.within_desk_scope
    c = complaints.hand_to_department(ctx, c.uuid, department="工程部", expected_version=c.version)
    assert c.due_at == datetime(2026, 11, 24, 18, 0) and not c.within_desk_scope
    assert c.status == "处理中" and c.started_at == datetime(2026, 11, 19, 10, 0)


def test_service_major_is_reported_to_the_manager_at_intake(ctx, clock, manager_ctx):
    clock.set(datetime(2026, 11, 19, 10, 0))
    c = _receive(ctx, severity="重大", promised_reply_at=date(2026, 11, 27))
    assert c.escalation_level == 2 and c.level_label == "经理"
    assert c.promised_reply_at == datetime(2026, 11, 27, 18, 0) == c.due_at
    assert c.uuid in [r.uuid for r in complaints.work_list(manager_ctx, "我的")]
    history = complaints.history(ctx, c.uuid)
    assert [h.action for h in history] == ["受理"] and "上报经理" in history[0].note


def test_service_rules_are_site_settings(ctx, clock, manager_ctx):
    with pytest.raises(PermissionDenied):
        complaints.set_deadline_rules(ctx, handover_days=2)
    complaints.set_deadline_rules(manager_ctx, handover_days=2, follow_up_days=1)
    clock.set(datetime(2026, 11, 19, 10, 0))
    c = _receive(ctx)
    c = complaints.hand_to_department(ctx, c.uuid, department="工程部", expected_version=c.version)
    assert c.due_at == datetime(2026, 11, 23, 18, 0)  # Fri, Mon
    c = complaints.record_result(ctx, c.uuid, result="好了", expected_version=c.version)
    assert c.follow_up_due_at == datetime(2026, 11, 20, 18, 0)


def test_service_progress_entries_due_every_working_day_after_five(ctx, clock):
    clock.set(datetime(2026, 11, 16, 9, 0))
    c = _receive(ctx)
    c = complaints.hand_to_department(ctx, c.uuid, department="工程部", expected_version=c.version)
    assert c.progress_due_at == datetime(2026, 11, 24, 18, 0)
    clock.set(datetime(2026, 11, 24, 15, 0))
    complaints.record_reply(ctx, c.uuid, method="电话", expected_version=c.version)
    complaints.add_progress(ctx, c.uuid, "等待配件到货，已电话告知业主")
    c = complaints.get(ctx, c.uuid)
    assert c.progress_due_at == datetime(2026, 11, 25, 18, 0)
    assert [p.note for p in complaints.progress_entries(ctx, c.uuid)] == ["等待配件到货，已电话告知业主"]
    clock.set(datetime(2026, 11, 25, 18, 30))
    assert c.uuid in [r.uuid for r in complaints.work_list(ctx, "已超时")]
    assert complaints.get(ctx, c.uuid).next_due_kind in ("进展记录", "处理完成")
