"""督导标准 edited by the manager, on screen and directly: an 一级指标 added with its 二级指标,
points and deductions checked (a deduction above the 一级指标's points, a negative one, points
below an item's deduction are refused naming the field), moved and retired; a supervisor only
reads it."""

from __future__ import annotations

import os
from datetime import date

import pytest

from app import inspections as insp
from app.domain.errors import ValidationError

SHOTS = os.environ.get("FRONTDESK_SHOTS")  # a folder: screenshots are saved there to look at


def test_points_and_deductions_are_checked(manager_ctx):
    ind = insp.save_indicator(manager_ctx, name="社区文化", points="2")
    with pytest.raises(ValidationError) as err:
        insp.save_item(manager_ctx, indicator_uuid=ind.uuid, name="活动组织", criteria="每季度一次",
                       method="查看相关文件及记录", basis="每个问题点", deduct="2.5")
    assert err.value.field == "扣分" and "超过了一级指标“社区文化”的分值 2 分" in str(err.value)
    with pytest.raises(ValidationError, match="不能为负数"):
        insp.save_item(manager_ctx, indicator_uuid=ind.uuid, name="活动组织", criteria="每季度一次",
                       method="查看相关文件及记录", basis="每个问题点", deduct="-0.5")
    with pytest.raises(ValidationError, match="不能为负数"):
        insp.save_indicator(manager_ctx, name="安全巡查", points="-3")
    item = insp.save_item(manager_ctx, indicator_uuid=ind.uuid, name="活动组织", criteria="每季度一次",
                          method="查看相关文件及记录", basis="每人每个问题点", deduct="1.5")
    assert item.deduction_text == "一人一个问题点扣1.5分"
    fresh = next(i for i in insp.standard(manager_ctx) if i.uuid == ind.uuid)
    with pytest.raises(ValidationError) as err:
        insp.save_indicator(manager_ctx, uuid=fresh.uuid, expected_version=fresh.version, name="社区文化", points="1")
    assert err.value.field == "分值" and "1.5" in str(err.value)


def test_moving_renumbers_indicators_and_items(manager_ctx):
    names = [i.name for i in insp.standard(manager_ctx)]
    second = insp.standard(manager_ctx)[1]
    insp.move(manager_ctx, second.uuid, -1)
    assert [i.name for i in insp.standard(manager_ctx)] == [names[1], names[0], *names[2:]]
    insp.move(manager_ctx, second.uuid, -1)  # already first: nothing moves
    assert insp.standard(manager_ctx)[0].name == names[1]
    first_items = [it.name for it in insp.standard(manager_ctx)[0].items]
    insp.move(manager_ctx, insp.standard(manager_ctx)[0].items[0].uuid, 1)
    assert [it.name for it in insp.standard(manager_ctx)[0].items] == first_items[::-1][:2] + first_items[2:]


def _view(qtbot, make_env, ctx):
    from PySide6.QtWidgets import QApplication
    from ui.inspections.inspections_page import InspectionsPage
    from ui.main import install_font_and_icon

    install_font_and_icon(QApplication.instance())
    page = InspectionsPage(make_env(ctx))
    page.resize(1366, 768)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.standard)
    return page, page.standard


def test_the_manager_builds_an_indicator_on_screen(qtbot, make_env, manager_ctx, supervisor_ctx, dialogs):
    page, view = _view(qtbot, make_env, manager_ctx)
    assert view.tree.topLevelItemCount() == len(insp.standard(manager_ctx)) and "满分 100 分" in view.total.text()
    view.new_indicator()
    view.ind_name.setText("社区文化")
    view.ind_points.setText("abc")
    view.save()
    assert view.message.text() == "分值：“abc”不是有效的分值" and "c62828" in view.ind_points.styleSheet()
    view.ind_points.setText("4")
    view.save()
    assert view.current_key() == next(i.uuid for i in insp.standard(manager_ctx) if i.name == "社区文化")
    assert "满分 104 分" in view.total.text()

    view.new_item()
    assert view.item_indicator.text() == "社区文化"
    view.item_name.setText("活动组织")
    view.criteria.setText("每季度至少一次社区活动\n活动有方案、签到和照片")
    view.basis.setCurrentText("每个问题点")
    view.deduct.setText("5")  # more than the indicator's 4 points
    view.save()
    assert "超过了一级指标“社区文化”的分值 4 分" in view.message.text() and "c62828" in view.deduct.styleSheet()
    assert [i for i in insp.standard(manager_ctx) if i.name == "社区文化"][0].items == ()  # nothing saved
    view.deduct.setText("0.5")
    view.save()
    ind = next(i for i in insp.standard(manager_ctx) if i.name == "社区文化")
    assert [(it.name, it.criteria, it.deduct_cp) for it in ind.items] == [
        ("活动组织", ("每季度至少一次社区活动", "活动有方案、签到和照片"), 50)]
    assert view.tree.currentItem().text(1) == "一个问题点扣0.5分"
    if SHOTS:
        page.grab().save(f"{SHOTS}/inspection_standard.png")
    # a new inspection is scored on the edited standard
    assert insp.start_inspection(supervisor_ctx, inspected_on=date(2026, 11, 20), inspector="陈静",
                                 area="前台").total_cp == 10400

    # the indicator moved to the top, then retired with a reason
    view.refresh(ind.uuid)
    for _ in range(len(insp.standard(manager_ctx))):
        view.move(-1)
    assert insp.standard(manager_ctx)[0].name == "社区文化" and view.tree.topLevelItem(0).text(0) == "社区文化"
    dialogs.text_answers.append("本年度不考核")
    view.retire()
    assert "社区文化" not in [i.name for i in insp.standard(manager_ctx)]
    assert view.tree.topLevelItemCount() == len(insp.standard(manager_ctx))


def test_a_supervisor_reads_the_standard(qtbot, make_env, supervisor_ctx):
    _page, view = _view(qtbot, make_env, supervisor_ctx)
    view.refresh()
    assert "new_ind" not in view.buttons and view.ind_name.isReadOnly()
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(0))
    assert view.item_name.text() == "服务礼仪" and view.deduct.text() == "0.3"
