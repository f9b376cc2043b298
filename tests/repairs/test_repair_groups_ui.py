"""合并处理 on the 维修工单 list: a supervisor merges three callers' orders, the list shows the
group (主单 / 随 <主工单>), and 取消合并 undoes it; a receptionist has neither action."""

from __future__ import annotations

import os
from datetime import timedelta

from PySide6.QtCore import Qt

from app import repairs
from app.repairs.vocab import RepairStatus as S

SHOTS = os.environ.get("FRONTDESK_SHOTS")  # a folder: screenshots are saved there to look at


def _orders(ctx, clock):
    out = []
    for reporter, unit in (("陈先生", "3-2-1502"), ("刘女士", "3-2-1402"), ("赵阿姨", "3-2-1302")):
        out.append(repairs.create_order(ctx, reporter=reporter, unit_no=unit, content="厨房顶渗水", category="渗漏水"))
        clock.set(clock.now + timedelta(minutes=5))
    repairs.create_order(ctx, reporter="周先生", unit_no="5-1-0801", content="门锁坏了", category="门窗")
    return out


def _list(qtbot, make_env, ctx):
    from ui.main import install_font_and_icon
    from PySide6.QtWidgets import QApplication
    from ui.repairs.repairs_page import RepairsPage

    install_font_and_icon(QApplication.instance())
    page = RepairsPage(make_env(ctx))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    page.tabs.setCurrentWidget(page.orders)
    page.orders.refresh()
    return page


def _column(view, title):
    model = view.model
    col = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)
    return {model.rows[r].number: model.data(model.index(r, col)) for r in range(model.rowCount())}


def test_merge_and_undo_from_the_order_list(qtbot, make_env, ctx, supervisor_ctx, clock, dialogs):
    lead, second, third = _orders(ctx, clock)
    page = _list(qtbot, make_env, supervisor_ctx)
    view = page.orders
    view.select(lead.uuid)
    assert view.buttons["merge"].isEnabled() and not view.buttons["unmerge"].isEnabled()
    view.merge()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible())
    dlg = view.dialog
    listed = [dlg.orders.item(i).text() for i in range(dlg.orders.count())]
    assert len(listed) == 3 and lead.number not in " ".join(listed)
    assert "门窗" in listed[-1]  # the same category comes first
    dlg.try_save()  # no reason given
    assert dlg.message.text() == "合并原因：必填，不能为空" and dlg.isVisible()
    dlg.reason.setText("同一立管漏水")
    dlg.try_save()  # nothing ticked
    assert "请至少选择一张其他维修工单" in dlg.message.text() and dlg.isVisible()
    for i in range(dlg.orders.count()):
        if dlg.orders.item(i).data(Qt.ItemDataRole.UserRole) in (second.uuid, third.uuid):
            dlg.orders.item(i).setCheckState(Qt.CheckState.Checked)
    if SHOTS:
        dlg.grab().save(f"{SHOTS}/repair_merge_dialog.png")
    dlg.try_save()
    qtbot.waitUntil(lambda: view.dialog is None)
    marks = _column(view, "合并")
    assert marks[lead.number] == "主单"
    assert marks[second.number] == marks[third.number] == f"随 {lead.number}"
    assert repairs.group_of(ctx, lead.uuid).size == 3
    if SHOTS:
        page.grab().save(f"{SHOTS}/repair_groups.png")

    view.select(second.uuid)
    assert view.buttons["unmerge"].isEnabled() and not view.buttons["merge"].isEnabled()
    view.unmerge()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible())
    view.dialog.text.setPlainText("不是同一故障")
    view.dialog.try_save()
    qtbot.waitUntil(lambda: view.dialog is None)
    marks = _column(view, "合并")
    assert marks[second.number] == "" and marks[third.number] == f"随 {lead.number}"
    assert repairs.get_order(ctx, second.uuid).status == S.AWAITING_DISPATCH


def test_a_receptionist_cannot_merge(qtbot, make_env, ctx, clock):
    lead, *_ = _orders(ctx, clock)
    view = _list(qtbot, make_env, ctx).orders
    view.select(lead.uuid)
    assert not view.buttons["merge"].isEnabled() and not view.buttons["unmerge"].isEnabled()
