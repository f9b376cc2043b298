"""The 维修工单 page, driven by keyboard: a reception 报修 record becomes a work order, is
dispatched, picked up, completed and followed up; late orders are red; household-visit bars."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.reception.models import ContactRecord
from app.repairs import household_visits as hv
from app.core import records
from app import repairs
from app.repairs.vocab import RepairStatus as S
from ui.shared.common import UiEnv
from ui.shared.worker import TaskRunner


@pytest.fixture
def env(ctx):
    runner = TaskRunner()
    yield UiEnv(ctx, runner)
    runner.shutdown()


@pytest.fixture
def page(qtbot, env):
    from ui.repairs.repairs_page import RepairsPage

    p = RepairsPage(env)
    qtbot.addWidget(p)
    p.resize(1300, 700)
    p.show()
    qtbot.waitExposed(p)
    p.refresh()
    return p


def _contact(ctx, **kw):
    fields = dict(received_at=ctx.now(), method="来电", name="王女士", unit_no="1-1-301", phone="13912345678",
                  phone_digits="13912345678", category="报修", content="卫生间天花板渗水", status="待处理",
                  received_by=ctx.actor.name)
    fields.update(kw)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, ContactRecord, **fields).uuid


def _dialog(qtbot, owner):
    qtbot.waitUntil(lambda: owner.dialog is not None and owner.dialog.isVisible())
    return owner.dialog


def _enter(qtbot, widget, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, Qt.Key.Key_Return, modifier)


def test_a_repair_request_goes_from_reception_to_closed_by_keyboard(qtbot, page, ctx, clock, qtmodeltester,
                                                                     dialogs):
    uuid = _contact(ctx)
    page.refresh()
    assert page.tabs.tabText(page.tabs.indexOf(page.intake)) == "报修待转工单（1）"
    # Ctrl+Tab to the intake tab; the request is selected; Enter opens 转工单.
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget() is page.intake
    qtmodeltester.check(page.intake.model)
    assert page.intake.current().uuid == uuid
    page.intake.table.setFocus()
    _enter(qtbot, page.intake.table)
    dlg = _dialog(qtbot, page.intake)
    assert dlg.reporter.text() == "王女士" and dlg.content.text() == "卫生间天花板渗水"
    qtbot.keyClick(dlg.category, Qt.Key.Key_Down)  # 给排水 → 渗漏水
    assert dlg.category.currentText() == "渗漏水"
    _enter(qtbot, dlg.category)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    # The new order is shown selected on the order list, ready for 派工.
    assert page.tabs.currentWidget() is page.orders
    order = page.orders.current()
    assert (order.status, order.category, order.source_contact_uuid) == (S.AWAITING_DISPATCH, "渗漏水", uuid)
    qtmodeltester.check(page.orders.model)

    _enter(qtbot, page.orders.table)  # 待派工 → 派工
    dlg = _dialog(qtbot, page.orders)
    assert dlg.target.currentText() == "工程部"
    _enter(qtbot, dlg.target)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert page.orders.current().status == S.DISPATCHED

    clock.set(clock.now + timedelta(minutes=12))
    _enter(qtbot, page.orders.table)  # 已派工 → 接单
    dlg = _dialog(qtbot, page.orders)
    dlg.worker.setText("李师傅")
    _enter(qtbot, dlg.worker)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert page.orders.current().status == S.IN_REPAIR and not page.orders.current().pickup_late

    clock.set(clock.now + timedelta(hours=1))
    _enter(qtbot, page.orders.table)  # 维修中 → 完工
    dlg = _dialog(qtbot, page.orders)
    _enter(qtbot, dlg.cost)  # nothing typed yet: refused, the dialog stays
    assert "维修结果" in dlg.message.text() and dlg.isVisible()
    dlg.result.setText("楼上卫生间防水层破损，已重做防水")
    qtbot.keyClicks(dlg.cost, "35.5")
    _enter(qtbot, dlg.cost)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    done = page.orders.current()
    assert (done.status, done.cost, done.follow_up_rule) == (S.AWAITING_FOLLOW_UP, 35.5, "必访")

    # 渗漏水 cannot be closed without a follow-up: Ctrl+L explains, Enter opens 回访.
    qtbot.keyClick(page.orders.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert any("回访" in m for m in dialogs.infos)
    assert repairs.get_order(ctx, done.uuid).status == S.AWAITING_FOLLOW_UP
    clock.set(clock.now + timedelta(hours=2))
    _enter(qtbot, page.orders.table)
    dlg = _dialog(qtbot, page.orders)
    assert dlg.interviewee.text() == "王女士" and dlg.feedback.currentText() == "满意"
    dlg.content.setText("业主确认已不再渗水")
    _enter(qtbot, dlg.content, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    closed = repairs.get_order(ctx, done.uuid)
    assert (closed.status, closed.feedback) == (S.CLOSED, "满意")
    assert page.orders.current().status == S.CLOSED
    with ctx.read() as s:
        assert records.get_by_uuid(s, ContactRecord, uuid).status == "已完成"


def test_late_orders_are_red(qtbot, page, ctx, clock):
    from ui.shared.rows_table_model import RED

    late = repairs.dispatch(ctx, repairs.create_order(ctx, reporter="陈先生", content="灯不亮", category="电气").uuid,
                            "工程部", expected_version=1)
    fine = repairs.create_order(ctx, reporter="李女士", content="门锁坏", category="门窗")
    clock.set(clock.now + timedelta(minutes=40))
    page.orders.refresh()
    model = page.orders.model
    rows = {model.row_at(i).number: i for i in range(model.rowCount())}
    red = model.data(model.index(rows[late.number], 0), Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color() == RED
    assert model.data(model.index(rows[fine.number], 0), Qt.ItemDataRole.ForegroundRole) is None
    assert "超时 1 张" in page.orders.count.text()
    # The 超时 filter shows only the late one.
    page.orders.filter.setCurrentText("超时")
    assert [r.number for r in model.rows] == [late.number]


def test_visiting_the_last_units_fills_the_building_bar(qtbot, page, ctx, qtmodeltester):
    from app import residents

    for code in ("5-1-101", "5-1-102", "5-1-201"):
        residents.add_unit(ctx, code)
    empty = residents.add_unit(ctx, "5-1-202", occupied=False)
    hv.record_visit(ctx, unit_no="5-1-101", interviewee="赵先生", content="例行走访")
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    view = page.visits
    assert page.tabs.currentWidget() is view
    assert view.bars["5"].value() == 333 and "1/3" in view.bars["5"].text()
    assert [u.code for u in view.unvisited_model.rows] == ["5-1-102", "5-1-201"]
    assert empty.code not in [u.code for u in view.unvisited_model.rows]
    qtmodeltester.check(view.unvisited_model)
    for expected in (667, 1000):
        view.unvisited.setFocus()
        _enter(qtbot, view.unvisited)
        dlg = _dialog(qtbot, view)
        assert dlg.unit_no.text() in ("5-1-102", "5-1-201")
        dlg.interviewee.setText("住户")
        dlg.content.setText("半年例行走访")
        dlg.points.setText("楼道灯不亮")
        _enter(qtbot, dlg.interviewee)
        qtbot.waitUntil(lambda: not dlg.isVisible())
        assert view.bars["5"].value() == expected
    assert view.unvisited_model.rowCount() == 0 and "全部走访" in view.unvisited_label.text()
    # Two points raised, both waiting for an answer; Enter on one opens 答复.
    view.tabs.setCurrentIndex(1)
    qtmodeltester.check(view.issue_model)
    assert [i.status for i in view.issue_model.rows] == ["待答复", "待答复"]
    view.issues.setCurrentIndex(view.issue_model.index(0, 0))
    view.issues.setFocus()
    _enter(qtbot, view.issues)
    dlg = _dialog(qtbot, view)
    dlg.answer.setText("已安排工程部更换灯泡")
    _enter(qtbot, dlg.answer, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert hv.issue_stats(ctx).answered == 1
    assert "处理率 <b>50%</b>" in view.summary.text()


def test_repair_statistics_tab(qtbot, env, ctx, clock, qtmodeltester):
    from ui.repairs import statistics_tab as repair_statistics_tab

    o = repairs.create_order(ctx, reporter="陈先生", content="水管漏水", category="给排水")
    o = repairs.dispatch(ctx, o.uuid, "工程部", expected_version=o.version)
    o = repairs.pick_up(ctx, o.uuid, "李师傅", expected_version=o.version)
    repairs.complete(ctx, o.uuid, result="更换水管", cost=20, expected_version=o.version)
    tab = repair_statistics_tab.Tab(env)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.refresh()
    qtmodeltester.check(tab.model)
    rows = {r.category: r for r in tab.model.rows}
    assert rows["给排水"].completed == 1 and rows["合计"].received == 1
    assert "按时完成率 100.0%" in tab.summary.text()
    total = tab.model.rowCount() - 1
    assert tab.model.data(tab.model.index(total, 0)) == "合计"
    assert tab.model.data(tab.model.index(total, 0), Qt.ItemDataRole.FontRole).bold()


def test_manager_spot_check_and_settings(qtbot, manager_ctx, clock, qtmodeltester, dialogs):
    from ui.repairs.repairs_page import RepairsPage

    ctx = manager_ctx
    for _ in range(3):
        o = repairs.create_order(ctx, reporter="陈先生", content="漏水", category="渗漏水")
        o = repairs.dispatch(ctx, o.uuid, "工程部", expected_version=o.version)
        o = repairs.pick_up(ctx, o.uuid, "李师傅", expected_version=o.version)
        o = repairs.complete(ctx, o.uuid, result="修好", expected_version=o.version)
        repairs.record_follow_up(ctx, o.uuid, content="好", feedback="满意", expected_version=o.version)
    runner = TaskRunner()
    page = RepairsPage(UiEnv(ctx, runner))
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.spot_check)
    view = page.spot_check
    assert view.model.rowCount() == 0 and view.draw_button.isEnabled()
    view.draw()
    assert view.model.rowCount() == 3 and not view.draw_button.isEnabled()
    qtmodeltester.check(view.model)
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.table.setFocus()
    _enter(qtbot, view.table)
    dlg = _dialog(qtbot, view)
    qtbot.keyClick(dlg.result, Qt.Key.Key_Down)  # 属实 → 不属实: needs an explanation
    _enter(qtbot, dlg.result)
    assert "抽查说明" in dlg.message.text()
    dlg.note.setText("业主说没有接到回访电话")
    _enter(qtbot, dlg.note, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert [r.result for r in view.model.rows].count("不属实") == 1
    # 维修设置: the pick-up time limit.
    page.open_settings()
    dlg = page.dialog
    dlg.pickup.setText("")
    qtbot.keyClicks(dlg.pickup, "15")
    _enter(qtbot, dlg.pickup)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert repairs.get_settings(ctx).pickup_minutes == 15
    runner.shutdown()


def test_ctrl_p_previews_the_work_order(qtbot, page, ctx, dialogs):
    from PySide6.QtWidgets import QApplication

    from ui.shared.print_preview import PreviewDialog

    o = repairs.create_order(ctx, reporter="陈先生", unit_no="3-2-1502", content="门锁坏", category="门窗")
    page.orders.refresh(select_uuid=o.uuid)
    page.orders.table.setFocus()
    qtbot.keyClick(page.orders.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    def preview():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewDialog) and w.isVisible()),
                    None)

    qtbot.waitUntil(lambda: preview() is not None, timeout=20000)
    dlg = preview()
    qtbot.addWidget(dlg)
    assert "维修工作单" in dlg.windowTitle() or "KF-04" in dlg.windowTitle()
    assert dialogs.errors == [] and dialogs.infos == []


def test_an_unsampled_order_closes_with_enter_after_confirming(qtbot, page, ctx, supervisor_ctx, clock, dialogs):
    repairs.save_settings(supervisor_ctx, sample_percent=0)
    o = repairs.create_order(ctx, reporter="陈先生", content="门锁坏", category="门窗")
    o = repairs.dispatch(ctx, o.uuid, "工程部", expected_version=o.version)
    o = repairs.pick_up(ctx, o.uuid, "李师傅", expected_version=o.version)
    o = repairs.complete(ctx, o.uuid, result="换锁芯", expected_version=o.version)
    assert o.follow_up_rule == "未抽中"
    page.orders.refresh(select_uuid=o.uuid)
    page.orders.table.setFocus()
    dialogs.confirm_answer = False
    _enter(qtbot, page.orders.table)
    assert dialogs.confirms and repairs.get_order(ctx, o.uuid).status == S.AWAITING_FOLLOW_UP
    dialogs.confirm_answer = True
    _enter(qtbot, page.orders.table)
    assert repairs.get_order(ctx, o.uuid).status == S.CLOSED
    assert page.orders.current().status == S.CLOSED
