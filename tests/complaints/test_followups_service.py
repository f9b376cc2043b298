"""Follow-ups (回访) of every kind: complaints (closing or reopening them), repairs and routine
visits that this module does not know, hooks of other modules, voiding, the due list and badge."""

from datetime import datetime

import pytest

from app.domain.errors import PermissionDenied, ValidationError
from app import complaints
from app.complaints import followups


def _receive(ctx, **kw):
    fields = dict(channel="来访", complainant="赵先生", phone="138 0013 8000", unit_no="3栋2单元1502",
                  content="楼上装修中午还在电钻施工", category="装修噪音扰民")
    fields.update(kw)
    return complaints.receive(ctx, **fields)


def test_follow_ups_of_other_subjects_never_fail(ctx, clock):
    seen = []
    followups.register_subject("其他", on_follow_up=lambda c, s, f: seen.append(f.content))
    try:
        visit = followups.record_follow_up(ctx, "日常走访", None, method="上门", content="半年走访，无意见",
                                           feedback="满意", interviewee="孙阿姨", unit_no="2-1-0101")
        assert visit.subject_type == "日常走访" and visit.unit_no == "2-1-0101"
        repair = followups.record_follow_up(ctx, "维修", None, method="电话", content="维修后无漏水",
                                            feedback="较满意", interviewee="周先生")
        assert repair.feedback_grade == "B 较满意"
        followups.record_follow_up(ctx, "其他", None, method="其他", content="问卷", feedback="满意",
                                   interviewee="吴女士")
        assert seen == ["问卷"]
    finally:
        followups._HOOKS.pop("其他", None)
    with pytest.raises(ValidationError, match="受访人"):
        followups.record_follow_up(ctx, "日常走访", None, method="上门", content="x", feedback="满意")
    day = clock.now.date()
    assert len(followups.list_follow_ups(ctx, day, day)) == 3


def test_a_follow_up_entered_by_mistake_is_voided_not_deleted(ctx, supervisor_ctx):
    f = followups.record_follow_up(ctx, "日常走访", None, method="上门", content="走错门", feedback="满意",
                                   interviewee="某")
    with pytest.raises(PermissionDenied):
        followups.void_follow_up(ctx, f.uuid, "录错", expected_version=f.version)
    f = followups.void_follow_up(supervisor_ctx, f.uuid, "录错房号", expected_version=f.version)
    assert f.voided_at is not None
    day = f.visited_at.date()
    assert followups.list_follow_ups(ctx, day, day) == []
    assert len(followups.list_follow_ups(ctx, day, day, include_void=True)) == 1


def test_follow_ups_due_list_and_badge(ctx, clock):
    clock.set(datetime(2026, 11, 16, 10, 0))
    c = _receive(ctx)
    complaints.record_result(ctx, c.uuid, result="已处理", expected_version=c.version)
    due = followups.due_follow_ups(ctx)
    assert [(d.subject_type, d.subject_uuid, d.due_at) for d in due] == [("投诉", c.uuid, datetime(2026, 11, 19, 18))]
    assert followups.nav_badge(ctx).level is None and followups.nav_badge(ctx).count == 1
    clock.set(datetime(2026, 11, 19, 17, 0))
    assert followups.nav_badge(ctx).level == "amber"
    clock.set(datetime(2026, 11, 19, 18, 1))
    assert followups.nav_badge(ctx).level == "red"
    assert complaints.run_escalation(ctx).escalated == [c.uuid]


def test_other_modules_hooks_refuse_or_add_to_the_due_list(ctx, clock):
    from app.domain.errors import InvalidTransition

    def refuse(c, s, f):
        raise InvalidTransition("工单尚未完工，不能回访")

    def due(c, s):
        return [followups.FollowUpDueRow("其他", "00000000-0000-0000-0000-000000000001", "满意度调查", "1-1-0101",
                                         "吴女士", None, datetime(2026, 11, 18, 9), datetime(2026, 11, 19, 18))]

    followups.register_subject("其他", on_follow_up=refuse, due=due)
    try:
        with pytest.raises(InvalidTransition, match="尚未完工"):
            followups.record_follow_up(ctx, "其他", "00000000-0000-0000-0000-000000000001", method="电话",
                                       content="x", feedback="满意", interviewee="吴女士")
        day = clock.now.date()
        assert followups.list_follow_ups(ctx, day, day) == []  # refused: nothing was stored
        clock.set(datetime(2026, 11, 20, 9, 0))
        rows = followups.due_follow_ups(ctx)
        assert [(r.title, r.due_state) for r in rows] == [("满意度调查", "overdue")]
        assert followups.nav_badge(ctx).level == "red"
    finally:
        followups._HOOKS.pop("其他", None)
        followups._DUE.pop("其他", None)
