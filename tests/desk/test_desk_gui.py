"""前台服务 as the desk uses it: a ladder lent and returned by keyboard (the fee shown before
confirming), overdue loans red with a count; the handover refusing an unexplained difference;
the service tab charging by the price list; a notice confirmed household by household."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import desk, residents
from ui.desk.desk_page import DeskPage

SHOTS = Path(__file__).parent / "_shots"


@pytest.fixture
def open_page(qtbot, make_env):
    def make(ctx) -> DeskPage:
        page = DeskPage(make_env(ctx))
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page

    return make


def _shot(widget, name: str) -> None:
    """Kept for a person to look at when FRONTDESK_SHOTS is set."""
    import os

    if os.environ.get("FRONTDESK_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def test_lending_and_returning_a_ladder_by_keyboard(qtbot, ctx, clock, open_page, dialogs):
    clock.set(datetime(2026, 11, 20, 9, 0))
    page = open_page(ctx)
    loans = page.loans
    loans.table.setFocus()
    qtbot.keyClick(loans.table, Qt.Key.Key_F2)  # 借出
    dlg = loans.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    assert dlg.item.currentText().startswith("TZ-01 人字梯")
    assert QApplication.focusWidget() is dlg.item  # the first field has the keyboard
    qtbot.keyClick(dlg.item, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Chen")  # 借用人
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "3-2-1502")  # 房号
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "13800138000")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "YJ-001")  # 押金收据号
    assert dlg.due.value() == datetime(2026, 11, 20, 10, 0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    [loan] = desk.list_loans(ctx, out_only=True)
    assert (loan.item_no, loan.borrower, loan.unit_no, loan.deposit_receipt, loan.deposit_fen) == (
        "TZ-01", "Chen", "3-2-1502", "YJ-001", 10000)
    assert loans.model.rowCount() == 1 and "在借 1 件" in loans.summary.text()

    # Past the hour it is red and counted.
    clock.set(datetime(2026, 11, 20, 10, 1))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    loans.table.setFocus()
    qtbot.keyClick(loans.table, Qt.Key.Key_F5)
    assert "超时未还 1 件" in loans.summary.text()
    assert loans.model.row_style(loans.model.row_at(0)).fg is not None
    _shot(page, "desk_loans_overdue")

    # 归还: the row is selected; F3 opens the return with the fee; Enter confirms.
    loans.table.setFocus()
    qtbot.keyClick(loans.table, Qt.Key.Key_F3)
    back = loans.dialog
    qtbot.waitUntil(back.isVisible)
    back.activateWindow()
    qtbot.waitUntil(back.isActiveWindow)
    assert back.quote.text() == "已借 1 小时 1 分，计费 1 小时，借用费 5.00 元，退还押金 95.00 元"
    _shot(back, "desk_return_dialog")
    qtbot.keyClick(back.condition, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not back.isVisible())
    loan = desk.get_loan(ctx, loan.uuid)
    assert (loan.status, loan.fee_fen, loan.refund_fen) == ("已归还", 500, 9500)
    assert loans.model.rowCount() == 0 and dialogs.errors == []


def test_an_item_already_out_is_not_offered_and_errors_stay_in_the_dialog(qtbot, ctx, clock, open_page):
    desk.lend(ctx, item_no="TZ-01", borrower="陈先生", deposit_receipt="YJ-1")
    page = open_page(ctx)
    page.loans.lend()
    dlg = page.loans.dialog
    assert all(not dlg.item.itemText(i).startswith("TZ-01") for i in range(dlg.item.count()))
    dlg.try_save()  # no borrower
    assert dlg.isVisible() and "借用人" in dlg.message.text()


def test_the_handover_refuses_an_unexplained_difference_and_then_signs(qtbot, ctx, clock, open_page, dialogs):
    desk.lend(ctx, item_no="TZ-01", borrower="陈先生", deposit_receipt="YJ-1")
    desk.create_order(ctx, customer="赵先生", service="开锁", receipt_no="SF-1")
    page = open_page(ctx)
    page.tabs.setCurrentWidget(page.handover)
    view = page.handover
    assert "应有现金 150.00 元" in view.totals.text() and view.moves.rowCount() == 2
    assert any(view.items.item(i).text().startswith("在借：人字梯 TZ-01") for i in range(view.items.count()))
    view.receiver.setEditText("刘芳")
    view.counted.setText("140")
    view.sign()
    assert dialogs.errors and "差异说明" in dialogs.errors[-1] and "少 10.00 元" in dialogs.errors[-1]
    view.explanation.setText("找零少十元，已报主管")
    _shot(page, "desk_handover")
    view.sign()
    assert any("已交接给 刘芳" in x for x in dialogs.infos)
    assert view.signed.rowCount() == 1 and view.moves.rowCount() == 0


def test_a_paid_service_is_charged_by_the_price_list(qtbot, ctx, open_page):
    page = open_page(ctx)
    page.tabs.setCurrentWidget(page.services)
    page.services.charge()
    dlg = page.services.dialog
    dlg.service.setCurrentIndex(1)  # 疏通下水道 80.00
    dlg.quantity.setValue(2)
    assert dlg.amount.text() == "160.00 元"
    dlg.customer.setText("赵先生")
    dlg.receipt.setText("SF-9")
    dlg.try_save()
    assert not dlg.isVisible()
    assert page.services.model.rowCount() == 1 and "合计 160.00 元" in page.services.summary.text()


def test_a_notice_is_confirmed_household_by_household(qtbot, ctx, admin_ctx, open_page, dialogs):
    for unit in ("3-1-0101", "3-1-0102"):
        residents.add_unit(admin_ctx, unit)
    desk.publish(ctx, kind="重要告知", title="3栋停水", body="明日停水", target="楼栋", targets=["3"])
    page = open_page(ctx)
    page.tabs.setCurrentWidget(page.notices)
    notices = page.notices
    notices.table.selectRow(0)
    notices.confirm()
    dlg = notices.dialog
    assert dlg.coverage.text().startswith("已确认 0/2 户")
    dlg.who.setText("陈先生（业主）")
    dlg.record(True)
    assert dlg.coverage.text().startswith("已确认 1/2 户（50.0%）")
    _shot(dlg, "desk_confirmations")
    dlg.accept()
    assert "1/2 户 50%" in notices.model.data(notices.model.index(0, 6))


def test_the_supervisor_edits_the_item_register_and_the_price_list(qtbot, supervisor_ctx, ctx, make_env, dialogs):
    from PySide6.QtWidgets import QTableWidgetItem

    from ui.desk.settings_tab import Tab

    tab = Tab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    assert tab.items.rowCount() == 4 and tab.items.item(0, 2).text() == "100.00"
    row = tab.items.rowCount()
    tab.items.insertRow(row)
    for c, value in enumerate(["PL-01", "平板车", "200", "30", "10.5"]):
        tab.items.setItem(row, c, QTableWidgetItem(value))
    tab.prices.item(0, 2).setText("60")
    tab.memo.setValue(45)
    tab.save()
    assert dialogs.errors == [] and dialogs.infos == ["前台服务设置已保存"]
    cart = desk.find_item(ctx, "PL-01")
    assert (cart.deposit_fen, cart.free_minutes, cart.rate_fen) == (20000, 30, 1050)
    assert desk.prices(ctx)[0].price_fen == 6000 and desk.memo_minutes(ctx) == 45
    tab.prices.item(1, 2).setText("12.345")
    tab.save()
    assert "最多两位小数" in dialogs.errors[-1] and desk.prices(ctx)[1].price_fen == 8000


def test_an_application_tells_the_department_in_writing(qtbot, ctx, supervisor_ctx, clock, open_page):
    a = desk.apply(ctx, applicant="陈先生", content="申请临时占用车位", departments="安管部")
    desk.decide(supervisor_ctx, a.uuid, "同意", expected_version=a.version)
    page = open_page(ctx)
    page.tabs.setCurrentWidget(page.applications)
    apps = page.applications
    apps.table.selectRow(0)
    apps.memo()
    dlg = apps.dialog
    assert dlg.department.currentText() == "安管部" and dlg.inquiry is None
    dlg.try_save()
    assert not dlg.isVisible()
    [memo] = desk.list_memos(ctx)
    assert (memo.source_type, memo.source_ref, memo.inquiry_at) == ("服务申请", f"服务申请 {a.number}", a.applied_at)
