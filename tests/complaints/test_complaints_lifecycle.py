"""One complaint through every state (incl. automatic escalation, reopen after 不满意, 无效 and
作废) with exactly one history entry per transition; the allowed moves only; escalation;
intake from reception; work lists and the navigation badge."""

from datetime import datetime

import pytest

from app.domain.enums import Role
from app.domain.errors import InvalidTransition, PermissionDenied, StaleRecord, ValidationError
from app import complaints
from app.complaints import followups
from app.core import records
from app.core.context import Actor


def _receive(ctx, **kw):
    fields = dict(channel="来访", complainant="赵先生", phone="138 0013 8000", unit_no="3栋2单元1502",
                  content="楼上装修中午还在电钻施工", category="装修噪音扰民")
    fields.update(kw)
    return complaints.receive(ctx, **fields)


def test_one_complaint_through_every_state(ctx, supervisor_ctx, clock):
    clock.set(datetime(2026, 11, 16, 9, 0))  # Monday
    c = _receive(ctx)
    assert (c.status, c.validity, c.escalation_level) == ("已受理", "待定", 0)
    assert c.phone == "13800138000" and c.unit_no == "3-2-1502" and c.received_by == "王丽"
    assert c.due_at == datetime(2026, 11, 16, 18, 0)  # within the desk's scope: the same day

    # 18:30: nobody acted -> automatic escalation to 客服主管, recorded with the reason
    clock.set(datetime(2026, 11, 16, 18, 30))
    run = complaints.run_escalation(ctx)
    assert run.escalated == [c.uuid] and run.marked_overdue == 1
    c = complaints.get(ctx, c.uuid)
    assert c.escalation_level == 1 and c.level_label == "客服主管" and c.overdue
    assert "处理完成时限" in c.escalation_reason
    assert [r.uuid for r in complaints.work_list(supervisor_ctx, "我的")] == [c.uuid]
    assert complaints.run_escalation(ctx).escalated == []  # the same missed deadline moves it once

    clock.set(datetime(2026, 11, 17, 9, 0))
    c = complaints.hand_to_department(supervisor_ctx, c.uuid, department="安管部", handler="刘队长",
                                      opinion="安管部上门制止中午施工", expected_version=c.version)
    assert c.status == "处理中" and c.department == "安管部"
    c = complaints.record_reply(ctx, c.uuid, method="电话", expected_version=c.version)
    clock.set(datetime(2026, 11, 17, 14, 0))
    c = complaints.record_result(ctx, c.uuid, result="已告知装修户午休时间禁止施工", expected_version=c.version)
    assert c.status == "待回访" and c.follow_up_due_at == datetime(2026, 11, 20, 18, 0)

    clock.set(datetime(2026, 11, 18, 10, 0))
    f = followups.record_follow_up(ctx, "投诉", c.uuid, method="电话", content="业主称中午仍有噪音",
                                   feedback="不满意")
    assert (f.interviewee, f.phone, f.unit_no, f.visitor) == ("赵先生", "13800138000", "3-2-1502", "王丽")
    c = complaints.get(ctx, c.uuid)
    assert (c.status, c.severity, c.reopen_count) == ("处理中", "重要", 1)
    assert c.result is None and c.completed_at is None

    with pytest.raises(ValidationError, match="无效说明"):
        complaints.set_validity(ctx, c.uuid, "无效", expected_version=c.version)
    assert complaints.get(ctx, c.uuid).version == c.version  # bad input changes nothing
    c = complaints.set_validity(supervisor_ctx, c.uuid, "无效", expected_version=c.version,
                                explanation="施工时段符合装修管理规定，已向业主解释")
    assert (c.status, c.validity) == ("已关闭", "无效") and c.closed_at == datetime(2026, 11, 18, 10, 0)

    with pytest.raises(PermissionDenied):
        complaints.void(ctx, c.uuid, "重复登记", expected_version=c.version)
    c = complaints.void(supervisor_ctx, c.uuid, "与 11 月 15 日的投诉重复", expected_version=c.version)
    assert c.status == "已作废" and c.void_reason == "与 11 月 15 日的投诉重复"

    history = complaints.history(ctx, c.uuid)
    assert [h.action for h in history] == ["受理", "自动升级", "转交部门", "答复住户", "处理完成", "不满意重新处理",
                                           "判定无效", "作废"]
    by_action = {h.action: h for h in history}
    assert by_action["自动升级"].actor == "系统" and "客服主管" in by_action["自动升级"].note
    assert by_action["转交部门"].actor == "张敏" and by_action["转交部门"].after["status"] == "处理中"
    assert by_action["不满意重新处理"].before["severity"] == "一般"
    assert by_action["不满意重新处理"].after["severity"] == "重要"
    assert by_action["作废"].at == datetime(2026, 11, 18, 10, 0)
    states = [h.after.get("status") for h in history if h.action not in ("受理", "自动升级", "答复住户")]
    assert states == ["处理中", "待回访", "处理中", "已关闭", "已作废"]


def test_satisfied_follow_up_closes_the_complaint(ctx, clock):
    clock.set(datetime(2026, 11, 19, 10, 0))
    c = _receive(ctx)
    c = complaints.start_handling(ctx, c.uuid, expected_version=c.version, opinion="前台联系装修户")
    assert c.handler == "王丽" and c.status == "处理中"
    c = complaints.record_result(ctx, c.uuid, result="装修户已停工", expected_version=c.version,
                                 reply_method="电话")
    clock.set(datetime(2026, 11, 20, 10, 0))
    followups.record_follow_up(ctx, "投诉", c.uuid, method="上门", content="回访噪音已停止", feedback="较满意")
    c = complaints.get(ctx, c.uuid)
    assert c.status == "已关闭" and c.closed_at == datetime(2026, 11, 20, 10, 0) and not c.overdue
    assert [h.action for h in complaints.history(ctx, c.uuid)] == ["受理", "开始处理", "处理完成", "回访关闭"]
    assert [f.feedback for f in followups.follow_ups_of(ctx, c.uuid)] == ["较满意"]
    assert followups.due_follow_ups(ctx) == []


def test_only_allowed_transitions(ctx, supervisor_ctx, clock):
    c = _receive(ctx)
    with pytest.raises(InvalidTransition, match="已受理.*不能回访"):
        followups.record_follow_up(ctx, "投诉", c.uuid, method="电话", content="x", feedback="满意")
    c = complaints.record_result(ctx, c.uuid, result="当场解释清楚", expected_version=c.version)
    with pytest.raises(InvalidTransition, match="当前状态为“待回访”，不能开始处理"):
        complaints.start_handling(ctx, c.uuid, expected_version=c.version)
    with pytest.raises(InvalidTransition, match="不能判定无效"):
        complaints.set_validity(supervisor_ctx, c.uuid, "无效", explanation="x", expected_version=c.version)
    followups.record_follow_up(ctx, "投诉", c.uuid, method="电话", content="已解决", feedback="满意")
    c = complaints.get(ctx, c.uuid)
    for call in (lambda: complaints.hand_to_department(ctx, c.uuid, department="工程部", expected_version=c.version),
                 lambda: complaints.escalate(ctx, c.uuid, reason="x", expected_version=c.version),
                 lambda: complaints.add_progress(ctx, c.uuid, "x")):
        with pytest.raises(InvalidTransition):
            call()
    assert complaints.allowed_actions("已关闭") == ["作废", "答复住户", "修改"]
    c = complaints.void(supervisor_ctx, c.uuid, "测试数据", expected_version=c.version)
    with pytest.raises(InvalidTransition, match="已作废"):
        complaints.void(supervisor_ctx, c.uuid, "再次", expected_version=c.version)


def test_stale_version_is_refused(ctx, supervisor_ctx):
    c = _receive(ctx)
    complaints.update(supervisor_ctx, c.uuid, expected_version=c.version, content="楼上装修噪音，周末也施工")
    with pytest.raises(StaleRecord, match="修改"):
        complaints.start_handling(ctx, c.uuid, expected_version=c.version)


def test_escalation_continues_daily_up_to_the_vice_president(ctx, clock, manager_ctx):
    clock.set(datetime(2026, 11, 16, 9, 0))
    c = _receive(ctx)
    levels = []
    for when in (datetime(2026, 11, 16, 18, 30), datetime(2026, 11, 17, 9, 0), datetime(2026, 11, 17, 18, 30),
                 datetime(2026, 11, 18, 18, 31), datetime(2026, 11, 20, 18, 31)):
        clock.set(when)
        complaints.run_escalation(ctx)
        levels.append(complaints.get(ctx, c.uuid).escalation_level)
    assert levels == [1, 1, 2, 3, 3]
    c = complaints.get(ctx, c.uuid)
    assert c.uuid in [r.uuid for r in complaints.work_list(manager_ctx, "我的")]
    with pytest.raises(InvalidTransition, match="最高级别"):
        complaints.escalate(ctx, c.uuid, reason="业主要求", expected_version=c.version)
    assert [h.action for h in complaints.history(ctx, c.uuid)].count("自动升级") == 3


def test_manual_escalation_and_major_by_update(ctx, supervisor_ctx, clock):
    clock.set(datetime(2026, 11, 19, 10, 0))
    c = _receive(ctx)
    with pytest.raises(ValidationError, match="升级原因"):
        complaints.escalate(ctx, c.uuid, reason=" ", expected_version=c.version)
    c = complaints.escalate(ctx, c.uuid, reason="业主情绪激动，要求主管出面", expected_version=c.version)
    assert c.escalation_level == 1
    c = complaints.update(supervisor_ctx, c.uuid, expected_version=c.version, severity="重大")
    assert c.escalation_level == 2 and c.start_due_at == datetime(2026, 11, 19, 11, 0)
    assert c.promised_reply_at == datetime(2026, 11, 24, 18, 0)
    assert [h.action for h in complaints.history(ctx, c.uuid)] == ["受理", "升级", "修改"]


def test_complaint_from_reception_gets_deadlines(ctx, clock):
    from app.reception.models import ContactRecord

    clock.set(datetime(2026, 11, 20, 17, 50))
    with ctx.unit_of_work() as s:
        contact = records.create(ctx, s, ContactRecord, received_at=clock.now, method="来电", name="钱女士",
                                 unit_no="5-1-0302", phone="13900139000", phone_digits="13900139000",
                                 category="投诉", content="电梯停运两小时", status="待处理", received_by="王丽")
        complaint = complaints.open_from_contact(ctx, s, contact, category="公共设施故障", severity="重要")
        uuid = complaint.uuid
        assert contact.complaint_uuid == uuid
    c = complaints.get(ctx, uuid)
    assert c.status == "已受理" and c.channel == "来电" and c.start_due_at == datetime(2026, 11, 23, 9, 20)
    assert c.next_due_kind == "开始处理"


def test_input_is_checked(ctx):
    with pytest.raises(ValidationError, match="联系电话"):
        _receive(ctx, phone="")
    with pytest.raises(ValidationError, match="类别"):
        _receive(ctx, category="不存在的类别")
    with pytest.raises(ValidationError, match="渠道"):
        _receive(ctx, channel="微信")
    assert complaints.search(ctx) == []


def test_categories_are_an_editable_list(ctx, supervisor_ctx):
    assert complaints.categories(ctx)[0] == "装修噪音扰民"
    with pytest.raises(PermissionDenied):
        complaints.set_categories(ctx, ["噪音"])
    with pytest.raises(ValidationError, match="重复"):
        complaints.set_categories(supervisor_ctx, ["噪音", "噪音"])
    complaints.set_categories(supervisor_ctx, ["噪音", "宠物", "其他"])
    assert complaints.categories(ctx) == ["噪音", "宠物", "其他"]
    c = _receive(ctx, category="宠物")
    assert c.category == "宠物"


def test_work_lists_and_badge(ctx, supervisor_ctx, clock):
    clock.set(datetime(2026, 11, 19, 9, 0))
    late = _receive(ctx, complainant="甲")  # due 18:00 today
    clock.set(datetime(2026, 11, 19, 9, 5))
    other = _receive(ctx, complainant="乙", severity="重要")  # must start by 10:05
    badge = complaints.nav_badge(ctx)
    assert (badge.count, badge.level) == (2, "amber")  # 10:05 is within the next two working hours
    clock.set(datetime(2026, 11, 19, 10, 30))
    counts = complaints.work_counts(ctx)
    assert (counts.overdue, counts.due_today, counts.mine) == (1, 1, 2)
    for which in complaints.WorkList:  # the counts are the lengths of the lists
        assert counts.count(which) == len(complaints.work_list(ctx, which)), which
    badge = complaints.nav_badge(ctx)
    assert (badge.count, badge.level) == (2, "red") and "已超时 1 件" in badge.tooltip
    overdue = complaints.work_list(ctx, "已超时")
    assert [r.uuid for r in overdue] == [other.uuid] and overdue[0].due_state == "overdue"
    today = complaints.work_list(ctx, "今日到期")
    assert [r.uuid for r in today] == [late.uuid] and today[0].due_state == "today"
    assert complaints.work_list(supervisor_ctx, "我的") == []
    assert [r.complainant for r in complaints.search(ctx, text="13800138000")] == ["乙", "甲"]
    assert [r.complainant for r in complaints.search(ctx, text="乙")] == ["乙"]


def test_mine_of_a_receptionist_is_only_their_own(admin_ctx):
    """A 前台客服 account sees its own complaints in 我的, not those escalated above it."""
    other = admin_ctx.as_actor(Actor("x", "某人", Role.RECEPTIONIST))
    assert complaints.work_list(other, "我的") == []
