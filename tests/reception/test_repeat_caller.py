"""A repeat caller: the phone (or unit) brings up the household's open complaint from the
morning and its last contacts under the form; F3 opens it."""

from datetime import datetime

from PySide6.QtCore import Qt

from app import complaints, reception, residents
from ui.reception.reception_page import ReceptionPage


def test_the_mornings_complaint_is_shown_when_the_same_number_calls_again(qtbot, ctx, clock, make_env):
    residents.add_resident(ctx, name="周建国", phone="13800138000", unit_no="3-2-1502")
    clock.set(datetime(2026, 11, 20, 8, 40))
    morning = reception.create_contact(ctx, method="来电", name="周建国", phone="13800138000", unit_no="3-2-1502",
                                       category="投诉", content="楼上深夜装修噪音，影响休息",
                                       handling_mode="转交", department="客服部", handler="张敏",
                                       due_at=datetime(2026, 11, 20, 17, 0))
    reception.create_contact(ctx, method="来访", name="周建国", unit_no="3-2-1502", category="咨询",
                             content="咨询物业费", handling="已告知")
    other = reception.create_contact(ctx, method="来电", name="别人", phone="13900001111", category="咨询",
                                     content="咨询停车", handling="已告知")
    clock.set(datetime(2026, 11, 20, 10, 15))
    page = ReceptionPage(make_env(ctx))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    form = page.form
    assert not form.household.isVisible()
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "138 0013 8000")
    qtbot.keyClick(form.phone, Qt.Key.Key_Return)  # Enter moves on: the number is looked up
    assert form.name.text() == "周建国" and form.unit.text() == "3-2-1502"
    assert form.household.isVisible()
    text = form.household.text()
    assert "此户未办结" in text and "08:40 投诉" in text and "装修噪音" in text
    assert "咨询物业费" in text  # the last contacts, by the same unit
    assert "咨询停车" not in text
    with qtbot.waitSignal(page.record_opened) as opened:
        qtbot.keyClick(form.unit, Qt.Key.Key_F3)
    assert opened.args[0].uuid == morning.uuid
    opened.args[0].close()
    # the complaint made at the desk carries the department it was handed to
    complaint = complaints.get(ctx, reception.get_contact(ctx, morning.uuid).complaint_uuid)
    assert complaint.department == "客服部" and complaint.handler == "张敏"
    # a new record: the panel goes away
    form.clear()
    assert not form.household.isVisible()
    assert other.uuid
