"""A member of a merged repair group is handled on its lead: on the 维修工单 list its 派工, 接单,
完工 and 不予受理 are off with a tooltip naming the lead, the detail names the lead, and Enter
goes to the lead. Once the lead is done, a member sent back by its own 回访 is handled on its own."""

from __future__ import annotations

from tests.repairs.test_repair_groups_ui import SHOTS, _list, _orders

from app import repairs
from app.repairs.vocab import RepairStatus as S

STEPS = ("dispatch", "pickup", "complete", "decline")


def test_a_members_steps_are_off_and_point_to_the_lead(qtbot, make_env, ctx, supervisor_ctx, clock, dialogs):
    lead, second, third = _orders(ctx, clock)
    repairs.merge(supervisor_ctx, lead.uuid, [second.uuid, third.uuid], reason="同一立管漏水")
    view = _list(qtbot, make_env, ctx).orders

    view.select(second.uuid)
    for key in STEPS:
        button = view.buttons[key]
        assert not button.isEnabled(), key
        assert button.toolTip() == f"已合并到 {lead.number}，请在主工单上操作", key
    assert f"已合并到 {lead.number}" in view.detail.text()
    assert view.buttons["history"].isEnabled() and view.buttons["print"].isEnabled()
    if SHOTS:
        view.window().grab().save(f"{SHOTS}/repair_group_member.png")

    view.select(lead.uuid)  # the lead: its own steps, its own tooltips
    assert view.buttons["dispatch"].isEnabled() and view.buttons["dispatch"].toolTip() == "派工（Ctrl+D）"
    assert "已合并到" not in view.detail.text()

    view.select(third.uuid)
    view.next_step()  # Enter on a member selects its lead instead of opening a step it cannot take
    assert view.current().uuid == lead.uuid and view.dialog is None

    repairs.dispatch(ctx, lead.uuid, "工程部", expected_version=None)
    view.refresh(select_uuid=second.uuid)
    assert repairs.get_order(ctx, second.uuid).status == S.DISPATCHED
    assert not view.buttons["pickup"].isEnabled()  # 接单 too is done on the lead


def test_enter_on_a_member_brings_its_lead_into_a_filtered_list(qtbot, make_env, ctx, supervisor_ctx, clock,
                                                                 dialogs):
    lead, second, _third = _orders(ctx, clock)
    repairs.merge(supervisor_ctx, lead.uuid, [second.uuid], reason="同一立管漏水")
    view = _list(qtbot, make_env, ctx).orders
    view.search.setText("刘女士")
    view.refresh()
    assert [r.uuid for r in view.model.rows] == [second.uuid]
    view.next_step()
    assert view.current().uuid == lead.uuid


def test_a_member_is_on_its_own_again_once_the_lead_is_done(qtbot, make_env, ctx, supervisor_ctx, clock):
    lead, second, _third = _orders(ctx, clock)
    repairs.merge(supervisor_ctx, lead.uuid, [second.uuid], reason="同一立管漏水")
    repairs.dispatch(ctx, lead.uuid, "工程部", expected_version=None)
    repairs.pick_up(ctx, lead.uuid, "张师傅", expected_version=None)
    repairs.complete(ctx, lead.uuid, result="更换立管接头", expected_version=None)
    view = _list(qtbot, make_env, ctx).orders
    view.select(second.uuid)
    assert not view.model.rows[view.model.find(second.uuid)].held_by_lead
    assert view.buttons["follow_up"].isEnabled()
    assert "已合并到" not in view.buttons["complete"].toolTip()
