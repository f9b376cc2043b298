"""The supervisor's daily review (service) and the monthly statistics."""

from datetime import date, datetime

import pytest

from app.domain.errors import PermissionDenied, ValidationError
from app import complaints
from app.complaints import followups, statistics


def _receive(ctx, name, **kw):
    fields = dict(channel="来电", complainant=name, phone="13800138000", content=f"{name}的投诉", category="停车")
    fields.update(kw)
    return complaints.receive(ctx, **fields)


def test_the_days_list_and_the_sign_off(ctx, supervisor_ctx, clock):
    clock.set(datetime(2026, 11, 18, 9, 0))
    old_open = _receive(ctx, "甲")
    old_closed = _receive(ctx, "乙")
    old_closed = complaints.record_result(ctx, old_closed.uuid, result="已处理", expected_version=old_closed.version)
    followups.record_follow_up(ctx, "投诉", old_closed.uuid, method="电话", content="好", feedback="满意")
    changed_today = _receive(ctx, "丙")
    clock.set(datetime(2026, 11, 19, 10, 0))
    today = _receive(ctx, "丁")
    changed_today = complaints.record_result(ctx, changed_today.uuid, result="已协调", expected_version=changed_today.version)
    followups.record_follow_up(ctx, "投诉", changed_today.uuid, method="上门", content="好", feedback="满意")
    voided = _receive(ctx, "戊")
    complaints.void(supervisor_ctx, voided.uuid, "重复", expected_version=voided.version)

    review = complaints.daily_review(ctx, date(2026, 11, 19))
    names = {line.complaint.complainant: line for line in review.lines}
    assert set(names) == {"甲", "丙", "丁"}  # not 乙 (closed the day before), not 戊 (voided)
    assert (names["甲"].why, names["丙"].why, names["丁"].why) == ("未结", "当日变更", "当日受理")
    assert names["丙"].follow_up.startswith("满意") and names["甲"].late
    assert (review.received, review.handled, review.total) == (1, 1, 3)
    assert review.sign_off is None

    with pytest.raises(PermissionDenied, match="前台客服无权审核签字"):
        complaints.sign_off_day(ctx, date(2026, 11, 19), "同意")
    with pytest.raises(ValidationError, match="审核意见"):
        complaints.sign_off_day(supervisor_ctx, date(2026, 11, 19), "  ")
    with pytest.raises(ValidationError, match="未来"):
        complaints.sign_off_day(supervisor_ctx, date(2026, 11, 20), "同意")

    clock.set(datetime(2026, 11, 19, 17, 30))
    signed = complaints.sign_off_day(supervisor_ctx, date(2026, 11, 19), "甲的投诉明天上午必须答复业主")
    assert (signed.reviewer, signed.reviewed_at, signed.complaint_count) == ("张敏", clock.now, 3)
    review = complaints.daily_review(ctx, date(2026, 11, 19))
    assert review.sign_off == signed
    c = complaints.get(ctx, old_open.uuid)
    assert (c.reviewer, c.review_opinion) == ("张敏", "甲的投诉明天上午必须答复业主")
    assert complaints.history(ctx, today.uuid)[-1].action == "审核"
    # signing again replaces the opinion (the first one stays in the history)
    clock.set(datetime(2026, 11, 19, 17, 45))
    again = complaints.sign_off_day(supervisor_ctx, date(2026, 11, 19), "已补充处理意见")
    assert again.uuid == signed.uuid and again.version == signed.version + 1


def test_monthly_statistics(ctx, supervisor_ctx, clock):
    clock.set(datetime(2026, 11, 2, 9, 0))
    a = _receive(ctx, "甲", category="停车", channel="来访")
    b = _receive(ctx, "乙", category="停车", severity="重要")
    c = _receive(ctx, "丙", category="收费")
    d = _receive(ctx, "丁", category="收费")
    complaints.void(supervisor_ctx, d.uuid, "录错", expected_version=d.version)
    a = complaints.hand_to_department(ctx, a.uuid, department="安管部", expected_version=a.version)
    a = complaints.record_result(ctx, a.uuid, result="已处理", expected_version=a.version)
    b = complaints.record_result(ctx, b.uuid, result="已处理", expected_version=b.version)
    c = complaints.set_validity(supervisor_ctx, c.uuid, "无效", explanation="不属于物业服务范围", expected_version=c.version)
    clock.set(datetime(2026, 11, 3, 9, 0))
    followups.record_follow_up(ctx, "投诉", a.uuid, method="电话", content="x", feedback="不满意")
    a = complaints.get(ctx, a.uuid)
    clock.set(datetime(2026, 11, 4, 9, 0))  # late: a was due 2026-11-05, b (重要) done on time
    a = complaints.record_result(ctx, a.uuid, result="再次处理", expected_version=a.version)
    followups.record_follow_up(ctx, "投诉", a.uuid, method="电话", content="x", feedback="满意")
    followups.record_follow_up(ctx, "投诉", b.uuid, method="电话", content="x", feedback="较满意")
    clock.set(datetime(2026, 12, 1, 9, 0))
    _receive(ctx, "十二月")  # another month

    st = statistics.monthly(ctx, 2026, 11)
    assert st.received == 3 and (st.valid, st.invalid, st.undecided) == (0, 1, 2)
    assert [(r.name, r.count) for r in st.by_category] == [("停车", 2), ("收费", 1)]
    assert [(r.name, r.count) for r in st.by_severity] == [("一般", 1), ("重要", 2)]  # a went up after 不满意
    assert [(r.name, r.count) for r in st.by_channel] == [("来访", 1), ("来电", 2)]
    assert {r.name: r.count for r in st.by_department} == {"安管部": 1, statistics.NO_DEPARTMENT: 2}
    assert (st.finished, st.on_time) == (3, 3) and st.on_time_rate == 1.0
    assert (st.needing_follow_up, st.followed_up) == (2, 2) and st.follow_up_rate == 1.0
    assert (st.follow_ups, st.satisfied, st.fairly_satisfied, st.dissatisfied) == (3, 1, 1, 1)
    assert st.satisfaction_rate == pytest.approx(2 / 3)
    assert st.reopens == 1
    table = st.table()
    assert ("汇总", "重新处理次数", 1) in table and ("类别", "停车", 2) in table
    assert dict(st.summary())["回访率"] == "100.0%（2/2）"
    empty = statistics.monthly(ctx, 2026, 10)
    assert empty.received == 0 and empty.on_time_rate is None and dict(empty.summary())["按时完成率"] == "—"
    with pytest.raises(ValidationError, match="月份"):
        statistics.monthly(ctx, 2026, 13)
