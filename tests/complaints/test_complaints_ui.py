"""pytest-qt: the supervisor signs off the day, a receptionist is refused with a message,
overdue complaints show in red with the count on the navigation entry; a complaint entered and
moved through its states in the dialog; the follow-ups page; the table models."""

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from app import complaints
from app.complaints import followups
from ui.complaints.complaints_page import ComplaintsPage
from ui.complaints.followups_page import FollowUpsPage
from ui.complaints.table_models import (
    RED, ComplaintTableModel, DueFollowUpTableModel, FollowUpTableModel, ReviewTableModel,
)


@pytest.fixture
def errors(dialogs):
    """The messages a user was shown (tests/conftest.py records every dialog)."""
    return dialogs.errors


def _receive(ctx, name, **kw):
    fields = dict(channel="来电", complainant=name, phone="13800138000", content=f"{name}反映楼道灯不亮",
                  category="公共设施故障")
    fields.update(kw)
    return complaints.receive(ctx, **fields)


def _page(qtbot, env) -> ComplaintsPage:
    page = ComplaintsPage(env)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def test_supervisor_signs_off_the_day(qtbot, supervisor_ctx, ctx, clock, make_env, errors):
    clock.set(datetime(2026, 11, 19, 10, 0))
    _receive(ctx, "甲")
    _receive(ctx, "乙")
    clock.set(datetime(2026, 11, 19, 17, 30))
    page = _page(qtbot, make_env(supervisor_ctx))
    review = page.show_list("每日审核")
    review.set_day(date(2026, 11, 19))
    assert review.model.rowCount() == 2
    assert "尚未审核" in review.signed_label.text()
    review.opinion.setPlainText("两件投诉明早九点前必须联系业主")
    qtbot.mouseClick(review.sign_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert "张敏" in review.signed_label.text() and "2026-11-19 17:30" in review.signed_label.text()
    assert "两件投诉明早九点前必须联系业主" in review.signed_label.text()
    signed = complaints.daily_review(ctx, date(2026, 11, 19)).sign_off
    assert (signed.reviewer, signed.opinion) == ("张敏", "两件投诉明早九点前必须联系业主")


def test_receptionist_sign_off_is_refused_with_a_message(qtbot, ctx, clock, make_env, errors):
    _receive(ctx, "甲")
    page = _page(qtbot, make_env(ctx))
    review = page.show_list("每日审核")
    review.opinion.setPlainText("我来签")
    qtbot.mouseClick(review.sign_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "前台客服无权审核签字" in errors[0] and "客服主管" in errors[0]
    assert "前台客服无权审核签字" in review.message.text()
    assert "尚未审核" in review.signed_label.text()
    assert complaints.daily_review(ctx, clock.now.date()).sign_off is None


def test_overdue_complaints_are_red_with_the_count_on_the_navigation_entry(qtbot, ctx, clock, errors):
    from ui.main import open_main_window
    from ui.main_window import RED as NAV_RED

    clock.set(datetime(2026, 11, 19, 9, 0))
    for name in ("甲", "乙"):
        _receive(ctx, name)  # due at 18:00 today (within the desk's scope)
    clock.set(datetime(2026, 11, 19, 9, 30))
    _receive(ctx, "丙", severity="重要")  # must start by 10:30
    clock.set(datetime(2026, 11, 20, 9, 0))  # the next morning: all three are overdue
    window = open_main_window(ctx)
    qtbot.addWidget(window)
    try:
        window.refresh_badges()
        qtbot.waitUntil(lambda: window.badge_of("complaints") is not None
                        and window.badge_of("complaints").count == 3, timeout=10000)
        badge = window.badge_of("complaints")
        assert badge.level == "red" and "已超时 3 件" in badge.tooltip
        row = next(i for i in range(window.nav.count()) if window.nav.item(i).text().startswith("投诉处理"))
        item = window.nav.item(row)
        assert item.text() == "投诉处理  (3)"
        assert item.foreground().color() == NAV_RED
        page = window.show_page("complaints")
        lst = page.show_list("已超时")
        assert page.tabs.tabText(page.tab_index("已超时")) == "已超时 (3)"
        assert page.tabs.tabBar().tabTextColor(page.tab_index("已超时")) == RED
        assert lst.model.rowCount() == 3
        for r in range(3):
            brush = lst.model.data(lst.model.index(r, 0), Qt.ItemDataRole.ForegroundRole)
            assert brush.color() == RED
        # the automatic escalation ran at login: each moved up to 客服主管, with the reason
        qtbot.waitUntil(lambda: all(c.escalation_level == 1 for c in complaints.work_list(ctx, "已超时")),
                        timeout=10000)
    finally:
        window.env.runner.shutdown()


def test_a_complaint_entered_and_handled_in_the_dialog(qtbot, ctx, clock, make_env, errors):
    clock.set(datetime(2026, 11, 19, 10, 0))
    page = _page(qtbot, make_env(ctx))
    dlg = page.new_complaint()
    qtbot.addWidget(dlg)
    dlg.complainant.setText("赵先生")
    qtbot.keyClicks(dlg.phone, "138 0013 8000")
    qtbot.keyClicks(dlg.unit_no, "3-2-1502")
    dlg.content.setPlainText("楼上漏水到我家卫生间")
    dlg.category.setCurrentText("室内设施/电器维修")
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert dlg.row is not None and dlg.row.status == "已受理" and dlg.row.phone == "13800138000"
    assert page.tabs.tabText(page.tab_index("今日到期")) == "今日到期 (1)"

    assert not dlg.buttons["follow_up"].isEnabled() and dlg.buttons["hand"].isEnabled()
    qtbot.mouseClick(dlg.buttons["hand"], Qt.MouseButton.LeftButton)  # no department chosen
    assert "责任部门" in dlg.message.text() and dlg.row.status == "已受理"
    dlg.department.setCurrentText("工程部")
    dlg.handler.setText("李工")
    qtbot.mouseClick(dlg.buttons["hand"], Qt.MouseButton.LeftButton)
    assert dlg.row.status == "处理中" and dlg.row.department == "工程部"
    assert not dlg.buttons["start"].isEnabled()

    qtbot.mouseClick(dlg.buttons["result"], Qt.MouseButton.LeftButton)  # no result yet
    assert errors and "处理结果" in errors[-1]
    dlg.result.setPlainText("已修复楼上防水层")
    dlg.reply_method.setCurrentText("电话")
    qtbot.mouseClick(dlg.buttons["result"], Qt.MouseButton.LeftButton)
    assert dlg.row.status == "待回访" and dlg.row.reply_method == "电话"
    assert dlg.buttons["follow_up"].isEnabled()
    actions = [dlg.history_table.item(r, 2).text() for r in range(dlg.history_table.rowCount())]
    assert actions == ["受理", "转交部门", "处理完成"]

    qtbot.mouseClick(dlg.buttons["follow_up"], Qt.MouseButton.LeftButton)
    fu = dlg._follow_up_dialog
    qtbot.addWidget(fu)
    assert fu.interviewee.text() == "赵先生" and fu.phone.text() == "13800138000"
    fu.content.setPlainText("业主确认不再漏水")
    fu.feedback_buttons["较满意"].setChecked(True)
    qtbot.mouseClick(fu.save_button, Qt.MouseButton.LeftButton)
    assert dlg.row.status == "已关闭"
    assert dlg.followup_table.rowCount() == 1 and dlg.followup_table.item(0, 3).text() == "较满意"


def test_invalid_escalate_and_void_from_the_dialog(qtbot, ctx, supervisor_ctx, clock, make_env, errors, dialogs):
    c = _receive(ctx, "甲")
    page = _page(qtbot, make_env(supervisor_ctx))
    dlg = page.open_complaint(c.uuid)
    qtbot.addWidget(dlg)
    dialogs.text_answers = ["业主要求经理出面", "施工时间符合规定，已解释", "重复登记"]
    qtbot.mouseClick(dlg.buttons["escalate"], Qt.MouseButton.LeftButton)
    assert dlg.row.escalation_level == 1 and "客服主管" in dlg.header.text()
    qtbot.mouseClick(dlg.buttons["invalid"], Qt.MouseButton.LeftButton)
    assert (dlg.row.status, dlg.row.validity) == ("已关闭", "无效")
    assert not dlg.buttons["escalate"].isEnabled()
    qtbot.mouseClick(dlg.buttons["void"], Qt.MouseButton.LeftButton)
    assert dlg.row.status == "已作废" and "重复登记" in dlg.header.text()
    assert errors == []


def test_follow_ups_page_records_a_due_follow_up(qtbot, ctx, clock, make_env, errors):
    clock.set(datetime(2026, 11, 19, 10, 0))
    c = _receive(ctx, "甲")
    complaints.record_result(ctx, c.uuid, result="已修好", expected_version=c.version)
    page = FollowUpsPage(make_env(ctx))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.due_model.rowCount() == 1 and page.tabs.tabText(0) == "待回访 (1)"
    dlg = page.follow_up_due(0)
    qtbot.addWidget(dlg)
    dlg.content.setPlainText("灯已修好")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert page.due_model.rowCount() == 0
    assert [r.content for r in page.done_model.rows] == ["灯已修好"]
    assert complaints.get(ctx, c.uuid).status == "已关闭"
    visit = page.new_visit()
    qtbot.addWidget(visit)
    visit.content.setPlainText("半年走访")
    qtbot.mouseClick(visit.save_button, Qt.MouseButton.LeftButton)
    assert errors and "受访人" in errors[-1]  # a routine visit needs the person visited
    visit.interviewee.setText("孙阿姨")
    qtbot.mouseClick(visit.save_button, Qt.MouseButton.LeftButton)
    assert len(page.done_model.rows) == 2


def test_table_models(qtmodeltester, ctx, supervisor_ctx, clock):
    clock.set(datetime(2026, 11, 19, 9, 0))
    a = _receive(ctx, "甲")
    b = _receive(ctx, "乙", severity="重大")
    a = complaints.record_result(ctx, a.uuid, result="ok", expected_version=a.version)
    clock.set(datetime(2026, 11, 20, 9, 0))
    followups.record_follow_up(ctx, "投诉", a.uuid, method="电话", content="好", feedback="不满意")
    complaints.run_escalation(ctx)

    model = ComplaintTableModel()
    model.set_rows(complaints.work_list(ctx, "全部未结"))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    review = ReviewTableModel()
    review.set_rows(complaints.daily_review(ctx, date(2026, 11, 20)).lines)
    qtmodeltester.check(review)
    done = FollowUpTableModel()
    done.set_rows(followups.list_follow_ups(ctx, date(2026, 11, 1), date(2026, 11, 30)))
    assert done.data(done.index(0, 6)) == "C 不满意"
    qtmodeltester.check(done)
    complaints.record_result(ctx, b.uuid, result="已答复", expected_version=complaints.get(ctx, b.uuid).version)
    due = DueFollowUpTableModel()
    due.set_rows(followups.due_follow_ups(ctx))
    assert due.rowCount() == 1
    qtmodeltester.check(due)
    empty = ComplaintTableModel()
    qtmodeltester.check(empty)


def test_print_buttons_open_kf02_and_kf03(qtbot, supervisor_ctx, clock, make_env, monkeypatch):
    preview = pytest.importorskip("ui.shared.print_preview")
    calls = []
    monkeypatch.setattr(preview, "preview_form", lambda env, parent, key, **params: calls.append((key, params)))
    page = _page(qtbot, make_env(supervisor_ctx))
    review = page.show_list("每日审核")
    review.set_day(date(2026, 11, 18))
    assert review.print_button.isEnabled()
    qtbot.mouseClick(review.print_button, Qt.MouseButton.LeftButton)
    fpage = FollowUpsPage(page.env)
    qtbot.addWidget(fpage)
    fpage.refresh()
    qtbot.mouseClick(fpage.print_button, Qt.MouseButton.LeftButton)
    assert calls == [("complaint-opinions", {"day": date(2026, 11, 18)}),
                     ("follow-ups", {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 20)})]
