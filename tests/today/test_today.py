"""工作台: a known overdue complaint, a late repair and a pending message are listed, with the
counts the navigation shows, and Enter opens each one's record; it is the first page."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import complaints, reception, repairs, today
from ui.main_window import MainWindow
from ui.registry import pages, resolve
from ui.shared.common import UiEnv
from ui.shared.worker import TaskRunner


def _seed(ctx, clock):
    old = complaints.receive(ctx, channel="来电", complainant="周建国", phone="13800138000", unit_no="3-2-1502",
                             content="楼上深夜装修噪音", category="公共设施故障")
    late = repairs.dispatch(ctx, repairs.create_order(ctx, reporter="陈先生", content="灯不亮", category="电气").uuid,
                            "工程部", expected_version=1)
    clock.set(clock.now + timedelta(days=10))
    message = reception.create_message(ctx, to_staff="张敏", message="请回电话给 5-1-0801 李女士",
                                       from_person="李女士", from_phone="13900001111")
    return old, late, message


def test_the_board_lists_what_is_due_with_the_badge_counts(ctx, clock):
    old, late, message = _seed(ctx, clock)
    data = today.today(ctx)
    complaint_section = data.section("complaints")
    assert [line.uuid for line in complaint_section.lines if line.late] == [old.uuid]
    assert complaint_section.count == complaints.nav_badge(ctx).count == 1
    repair_section = data.section("repairs")
    assert [line.uuid for line in repair_section.lines] == [late.uuid]
    assert repair_section.count == repairs.nav_badge(ctx).count == 1 and repair_section.level == "red"
    messages = data.section("messages")
    assert [line.uuid for line in messages.lines] == [message.uuid] and messages.count == 1
    # every section's count is its navigation entry's badge
    for spec in pages():
        if spec.badge and spec.key in {s.key for s in data.sections}:
            badge = resolve(spec.badge)(ctx)
            assert data.section(spec.key).count == (badge.count if badge else 0), spec.key


def _window(qtbot, ctx):
    window = MainWindow(UiEnv(ctx, TaskRunner()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _line_item(page, uuid):
    from ui.today.today_page import LINE_ROLE

    return next(i for i in page.items() if i.data(0, LINE_ROLE) and i.data(0, LINE_ROLE).uuid == uuid)


def test_enter_on_a_line_opens_its_record(qtbot, supervisor_ctx, ctx, clock):
    old, late, message = _seed(ctx, clock)
    window = _window(qtbot, supervisor_ctx)
    assert pages()[0].key == "today" and window.current_page() is window.page("today")
    page = window.page("today")
    qtbot.waitUntil(lambda: page.data is not None, timeout=5000)
    texts = [i.text(0) for i in page.items()]
    assert any("周建国" in t and "已超时" in t for t in texts)
    assert any(late.number in t for t in texts)
    assert any("李女士" in t for t in texts)

    # the overdue complaint
    page.tree.setCurrentItem(_line_item(page, old.uuid))
    page.tree.setFocus()
    with qtbot.waitSignal(page.record_opened):
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert window.current_page() is window.page("complaints")
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if type(w).__name__ == "ComplaintDialog" and w.isVisible())
    assert dialog.uuid == old.uuid
    dialog.close()

    # the late repair: the 维修工单 list with that order selected
    window.show_page("today")
    page.tree.setCurrentItem(_line_item(page, late.uuid))
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    repairs_page = window.page("repairs")
    assert window.current_page() is repairs_page
    assert repairs_page.tabs.currentWidget() is repairs_page.orders
    qtbot.waitUntil(lambda: repairs_page.orders.current() is not None and
                    repairs_page.orders.current().uuid == late.uuid, timeout=5000)

    # the pending message: the 转告 list of the reception page
    window.show_page("today")
    page.tree.setCurrentItem(_line_item(page, message.uuid))
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    reception_page = window.page("reception")
    assert window.current_page() is reception_page
    assert reception_page.tabs.currentWidget() is reception_page.relay


def test_the_board_names_late_desk_services(ctx, supervisor_ctx, clock):
    from datetime import timedelta

    from app import desk
    from app.today import board

    memo = desk.send_memo(ctx, department="工程部", subject="东门改造工期", content="请答复完工时间",
                          reply_by=clock.now + timedelta(hours=1))
    clock.set(clock.now + timedelta(hours=3))  # the reply is late now
    section = board.today(ctx).section("desk")
    assert section.count == desk.nav_badge(ctx).count == 1
    assert [(line.kind, line.uuid, line.late) for line in section.lines] == [("联系函", memo.uuid, True)]
