"""合并处理 of work orders: three households report one leak; one dispatch, one deadline and
one completion carry to all three, each is followed up on its own order, and undo gives each
member back its own handling. Every step is in each order's history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import repairs
from app.core import records
from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app.repairs.vocab import RepairStatus as S

CALLERS = (("陈先生", "3-2-1502", "1502 厨房顶渗水"), ("刘女士", "3-2-1402", "1402 厨房墙面渗水"),
           ("赵阿姨", "3-2-1302", "1302 厨房吊顶滴水"))


def _three(ctx, clock):
    out = []
    for reporter, unit, content in CALLERS:
        out.append(repairs.create_order(ctx, reporter=reporter, unit_no=unit, content=content, category="渗漏水"))
        clock.set(clock.now + timedelta(minutes=7))
    return out


def test_one_handling_completes_all_three_and_each_is_followed_up(ctx, supervisor_ctx, clock):
    lead, second, third = _three(ctx, clock)
    group = repairs.merge(supervisor_ctx, lead.number, [second.number, third.uuid], reason="同一立管漏水")
    assert group.size == 3 and [m.number for m in group.members] == [second.number, third.number]
    assert repairs.get_order(ctx, second.uuid).group_uuid == lead.uuid
    assert repairs.get_order(ctx, lead.uuid).group_lead
    # the members take the lead's deadline: one handling, one deadline
    assert {repairs.get_order(ctx, o.uuid).finish_due_at for o in (second, third)} == {lead.finish_due_at}
    # handling is done on the lead; a member refuses it and says where to go
    with pytest.raises(InvalidTransition, match=f"主工单 {lead.number}"):
        repairs.dispatch(ctx, second.number, "工程部", expected_version=None)

    row = repairs.dispatch(ctx, lead.number, "工程部", expected_version=None)
    assert {repairs.get_order(ctx, o.uuid).status for o in (second, third)} == {S.DISPATCHED}
    clock.set(clock.now + timedelta(minutes=10))
    row = repairs.pick_up(ctx, lead.number, "李师傅", expected_version=row.version)
    clock.set(clock.now + timedelta(hours=2))
    repairs.complete(ctx, lead.number, result="更换3栋2单元厨房立管接头，三户试水无渗漏", expected_version=row.version)
    done = [repairs.get_order(ctx, o.uuid) for o in (lead, second, third)]
    assert [o.status for o in done] == [S.AWAITING_FOLLOW_UP] * 3
    assert {o.result for o in done} == {"更换3栋2单元厨房立管接头，三户试水无渗漏"}
    assert {o.picked_up_by for o in done} == {"李师傅"} and len({o.completed_at for o in done}) == 1
    assert all(o.follow_up_required for o in done)  # 渗漏水 is always followed up

    # each caller is followed up on their own order, with their own answer
    answers = ("满意", "较满意", "不满意")
    for order, feedback in zip(done, answers):
        repairs.record_follow_up(ctx, order.number, content="渗水是否已解决", feedback=feedback,
                                 expected_version=order.version)
    after = [repairs.get_order(ctx, o.uuid) for o in done]
    assert [o.status for o in after] == [S.CLOSED, S.CLOSED, S.AWAITING_DISPATCH]  # the third is sent back
    for order, feedback in zip(done, answers):
        ups = repairs.follow_ups_of(ctx, order.number)
        assert [(u.interviewee, u.feedback) for u in ups] == [(order.reporter, feedback)]
    # the member sent back is handled on its own again
    assert repairs.dispatch(ctx, third.number, "工程部", expected_version=None).status == S.DISPATCHED
    # every member's history shows the merge and the carried steps
    actions = [h.action for h in records.history(ctx, second.uuid)]
    assert actions.index("合并处理") < actions.index("派工") < actions.index("接单") < actions.index("完工")


def test_undo_gives_each_member_back_its_own_handling(ctx, supervisor_ctx, clock):
    lead, second, third = _three(ctx, clock)
    repairs.dispatch(ctx, third.number, "张师傅", expected_version=None)  # the third was already dispatched
    own = repairs.get_order(ctx, third.uuid)
    repairs.merge(supervisor_ctx, lead.uuid, [second.uuid, third.uuid], reason="同一立管漏水")
    repairs.dispatch(ctx, lead.number, "工程部", expected_version=None)
    merged = repairs.get_order(ctx, third.uuid)
    assert (merged.status, merged.dispatched_to, merged.finish_due_at) == (S.DISPATCHED, "工程部", lead.finish_due_at)

    repairs.unmerge(supervisor_ctx, third.number, reason="不是同一故障")
    back = repairs.get_order(ctx, third.uuid)
    assert back.group_uuid is None
    assert (back.status, back.dispatched_to, back.pickup_due_at, back.finish_due_at) == \
        (own.status, "张师傅", own.pickup_due_at, own.finish_due_at)
    assert repairs.group_of(ctx, lead.uuid).size == 2
    # undoing from the lead dissolves the group: the second is back to 待派工 with its own deadline
    repairs.unmerge(supervisor_ctx, lead.number, reason="合并有误")
    second_back = repairs.get_order(ctx, second.uuid)
    assert (second_back.status, second_back.dispatched_to, second_back.finish_due_at) == \
        (S.AWAITING_DISPATCH, None, second.finish_due_at)
    assert repairs.group_of(ctx, lead.uuid) is None and repairs.get_order(ctx, lead.uuid).group_uuid is None
    assert [h.action for h in records.history(ctx, second.uuid)][-1] == "取消合并"
    # the lead is handled on its own; the others are free to be dispatched
    assert repairs.dispatch(ctx, second.number, "工程部", expected_version=None).status == S.DISPATCHED


def test_who_may_merge_and_what_is_refused(ctx, supervisor_ctx, clock):
    lead, second, third = _three(ctx, clock)
    with pytest.raises(PermissionDenied):
        repairs.merge(ctx, lead.uuid, [second.uuid], reason="同一故障")
    with pytest.raises(ValidationError) as err:
        repairs.merge(supervisor_ctx, lead.uuid, [second.uuid], reason=" ")
    assert err.value.field == "合并原因"
    with pytest.raises(ValidationError, match="其他维修工单"):
        repairs.merge(supervisor_ctx, lead.uuid, [lead.uuid], reason="同一故障")
    repairs.merge(supervisor_ctx, lead.uuid, [second.uuid], reason="同一故障")
    with pytest.raises(InvalidTransition, match="另一合并处理"):
        repairs.merge(supervisor_ctx, third.uuid, [second.uuid], reason="同一故障")
    with pytest.raises(InvalidTransition, match="请先取消合并"):
        repairs.void_order(supervisor_ctx, lead.uuid, "重复登记", expected_version=None)
    with pytest.raises(InvalidTransition, match="没有合并处理"):
        repairs.unmerge(supervisor_ctx, third.uuid, reason="误操作")
    assert repairs.get_order(ctx, third.uuid).status == S.AWAITING_DISPATCH
