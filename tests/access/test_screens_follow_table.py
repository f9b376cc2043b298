"""The screens follow 系统设置 → 权限设置: a step of the table is offered to exactly the roles the
site gives it. With 作废记录 lowered to 前台客服 a receptionist finds 作废 on the complaint dialog
and the lists of the desk, move-in, renovation and residents screens, and voids through them;
with the table as shipped they find none. 修改工作日历 lowered to 客服主管 opens the calendar to
a supervisor; 修改设置 raised to 经理 takes the settings tabs away from one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from app import complaints, residents
from app.core import access, records, settings
from app.core import calendar as calendar_service
from ui.admin import calendar_tab
from ui.complaints import settings_tab as complaint_settings
from ui.complaints.complaint_dialog import ComplaintDialog
from ui.desk.application_list import ApplicationList as DeskApplications
from ui.desk.loan_list import LoanList
from ui.desk.memo_list import MemoList
from ui.desk.notice_list import NoticeList as DeskNotices
from ui.desk.service_list import ServiceList
from ui.exchange.workbook_tab import Tab as WorkbookTab
from ui.movein.handover_list import HandoverList
from ui.renovation.application_list import ApplicationList as RenovationApplications
from ui.renovation.notice_list import NoticeList as RenovationNotices
from ui.renovation.renovation_page import RenovationPage
from ui.repairs.repairs_page import RepairsPage
from ui.residents.resident_list import ResidentList
from ui.shared.tabbed_page import SettingsPage

#: The lists whose 作废 button follows 作废记录, besides the complaint dialog.
LISTS = {
    "借用登记": LoanList, "内部联系函": MemoList, "有偿服务": ServiceList, "服务申请": DeskApplications,
    "前台通知": DeskNotices, "入住交房": HandoverList, "装修申请": RenovationApplications,
    "整改通知": RenovationNotices, "住户": ResidentList,
}


def _give(admin_ctx, **roles):
    """The 管理员 saves 权限设置 with these steps moved (``record_void="前台客服"`` …)."""
    settings.put(admin_ctx, access.ROLES_SETTING, {k.replace("_", ".", 1): v for k, v in roles.items()})


def _void_shown(widget: QWidget) -> bool:
    """Whether a user of this screen would see a 作废 button on it."""
    return any(b.text().startswith("作废") and b.isVisibleTo(widget) for b in widget.findChildren(QPushButton))


def _complaint(ctx, **kw):
    fields = dict(channel="来电", complainant="赵六", phone="13800138000", content="楼道灯不亮",
                  category="公共设施故障")
    fields.update(kw)
    return complaints.receive(ctx, **fields)


def _screens(qtbot, env) -> dict[str, QWidget]:
    shown = {}
    for name, cls in LISTS.items():
        widget = cls(env)
        qtbot.addWidget(widget)
        shown[name] = widget
    return shown


def _dialog(qtbot, env, uuid) -> ComplaintDialog:
    dlg = ComplaintDialog(env, uuid)
    qtbot.addWidget(dlg)
    return dlg


def test_as_shipped_a_receptionist_finds_no_void_and_a_supervisor_finds_it_everywhere(
        qtbot, make_env, ctx, supervisor_ctx):
    c = _complaint(ctx)
    desk = make_env(ctx)
    assert {n: _void_shown(w) for n, w in _screens(qtbot, desk).items()} == {n: False for n in LISTS}
    dlg = _dialog(qtbot, desk, c.uuid)
    assert not dlg.buttons["void"].isVisibleTo(dlg) and not dlg.buttons["invalid"].isVisibleTo(dlg)

    supervisor = make_env(supervisor_ctx)
    assert {n: _void_shown(w) for n, w in _screens(qtbot, supervisor).items()} == {n: True for n in LISTS}
    dlg = _dialog(qtbot, supervisor, c.uuid)
    assert dlg.buttons["void"].isVisibleTo(dlg) and dlg.buttons["invalid"].isVisibleTo(dlg)


def test_voiding_lowered_to_the_desk_shows_void_and_the_receptionist_voids_through_the_screens(
        qtbot, make_env, dialogs, ctx, admin_ctx):
    c = _complaint(ctx)
    person = residents.add_resident(ctx, name="钱七", phone="13900139007", unit_no="5-1-0801")
    _give(admin_ctx, record_void="前台客服")
    env = make_env(ctx)
    assert {n: _void_shown(w) for n, w in _screens(qtbot, env).items()} == {n: True for n in LISTS}

    dlg = _dialog(qtbot, env, c.uuid)
    assert dlg.buttons["void"].isVisibleTo(dlg) and dlg.buttons["void"].isEnabled()
    assert not dlg.buttons["invalid"].isVisibleTo(dlg)  # 判定无效 stays with 客服主管
    dialogs.text_answers = ["重复登记"]
    qtbot.mouseClick(dlg.buttons["void"], Qt.MouseButton.LeftButton)
    assert dialogs.errors == []
    assert dlg.row.status == "已作废" and "重复登记" in dlg.header.text()
    assert complaints.get(ctx, c.uuid).void_reason == "重复登记"

    people = ResidentList(env)
    qtbot.addWidget(people)
    people.show()
    with qtbot.waitSignal(people.loaded, timeout=5000):
        people.refresh()
    people.view.selectRow(people.model.find(lambda r: r.name == "钱七"))
    dialogs.text_answers = ["录入错误"]
    with qtbot.waitSignal(people.loaded, timeout=5000):
        qtbot.mouseClick(people.void_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == []
    assert [r.name for r in people.model.rows] == []
    assert residents.search_residents(admin_ctx, "钱七") == []
    last = records.history(admin_ctx, person.uuid)[-1]
    assert (last.action, last.actor, last.note) == ("作废", "王丽", "录入错误")


def test_a_step_raised_above_a_role_is_not_offered_to_it(qtbot, make_env, dialogs, supervisor_ctx, admin_ctx):
    c = _complaint(supervisor_ctx)
    _give(admin_ctx, record_void="经理", complaint_close_invalid="经理")
    env = make_env(supervisor_ctx)
    assert {n: _void_shown(w) for n, w in _screens(qtbot, env).items()} == {n: False for n in LISTS}
    dlg = _dialog(qtbot, env, c.uuid)
    assert not dlg.buttons["void"].isVisibleTo(dlg) and not dlg.buttons["invalid"].isVisibleTo(dlg)


def test_lowering_a_complaint_is_refused_before_the_reason_unless_the_site_allows_it(
        qtbot, make_env, dialogs, ctx, admin_ctx):
    c = _complaint(ctx, severity="重大", promised_reply_at=ctx.now().replace(hour=17))
    dlg = _dialog(qtbot, make_env(ctx), c.uuid)
    assert not dlg.received_at.isEnabled()  # 修改受理时间 is the supervisor's
    dlg.severity.setCurrentText("一般")
    dialogs.text_answers = ["误判为重大"]
    qtbot.mouseClick(dlg.buttons["save"], Qt.MouseButton.LeftButton)
    assert dialogs.text_answers == ["误判为重大"]  # never asked for a reason it could not use
    assert "降低投诉性质需要客服主管或以上权限" in dlg.message.text()
    assert complaints.get(ctx, c.uuid).severity == "重大"

    _give(admin_ctx, complaint_lower_severity="前台客服", complaint_change_received_at="前台客服")
    dlg = _dialog(qtbot, make_env(ctx), c.uuid)
    assert dlg.received_at.isEnabled()
    dlg.severity.setCurrentText("一般")
    qtbot.mouseClick(dlg.buttons["save"], Qt.MouseButton.LeftButton)
    assert dialogs.errors == [] and dialogs.text_answers == []
    assert complaints.get(ctx, c.uuid).severity == "一般"


def test_the_calendar_lowered_to_a_supervisor_is_editable_by_one(qtbot, make_env, dialogs, supervisor_ctx,
                                                                 admin_ctx):
    tab = calendar_tab.Tab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    assert not tab.set_button.isEnabled() and not tab.import_button.isVisibleTo(tab)
    assert "修改工作日历需要管理员或以上权限" in tab.set_button.parentWidget().toolTip()

    _give(admin_ctx, calendar_edit="客服主管")
    tab = calendar_tab.Tab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    assert tab.set_button.isEnabled() and tab.import_button.isVisibleTo(tab)
    tab.year.setValue(2027)
    tab.day.setDate(QDate(2027, 10, 8))
    tab.kind.setCurrentText("休息日")
    tab.note.setText("台风停工")
    qtbot.mouseClick(tab.set_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == []
    assert not calendar_service.load_calendar(supervisor_ctx).is_workday(QDate(2027, 10, 8).toPython())


SETTINGS_TABS = {"前台服务", "投诉设置", "自动导出"}


def _tab_titles(qtbot, env) -> set[str]:
    page = SettingsPage(env)
    qtbot.addWidget(page)
    return {page.tabs.tabText(i) for i in range(page.tabs.count())}


def test_settings_raised_to_manager_leave_a_supervisor_without_the_settings_tabs(
        qtbot, make_env, dialogs, supervisor_ctx, manager_ctx, admin_ctx):
    supervisor = make_env(supervisor_ctx)
    assert SETTINGS_TABS <= _tab_titles(qtbot, supervisor)
    reno = RenovationPage(supervisor)
    qtbot.addWidget(reno)
    assert any(b.text() == "装修设置…" for b in reno.findChildren(QPushButton))

    _give(admin_ctx, settings_change="经理")
    supervisor = make_env(supervisor_ctx)
    titles = _tab_titles(qtbot, supervisor)
    assert not SETTINGS_TABS & titles
    assert {"工作日历", "部门", "权限设置"} <= titles  # what is not a setting stays
    reno = RenovationPage(supervisor)
    qtbot.addWidget(reno)
    assert not any(b.text() == "装修设置…" for b in reno.findChildren(QPushButton))
    repairs_page = RepairsPage(supervisor)
    qtbot.addWidget(repairs_page)
    assert not repairs_page.settings_button.isEnabled()
    assert SETTINGS_TABS <= _tab_titles(qtbot, make_env(manager_ctx))


def test_rules_lowered_to_a_supervisor_open_the_time_limits(qtbot, make_env, dialogs, supervisor_ctx, admin_ctx):
    tab = complaint_settings.Tab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    assert not tab.save_rules_button.isEnabled()
    assert tab.save_rules_button.toolTip() == "修改处理时限等规则需要经理或以上权限"

    _give(admin_ctx, rules_edit="客服主管")
    tab = complaint_settings.Tab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    assert tab.save_rules_button.isEnabled() and all(w.isEnabled() for w in tab.fields.values())
    qtbot.mouseClick(tab.save_rules_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == [] and dialogs.infos == ["处理时限已保存"]


@pytest.mark.parametrize("role, unmasked", [("客服主管", True), ("经理", False)])
def test_unmasked_export_is_offered_as_the_site_says(qtbot, make_env, dialogs, supervisor_ctx, admin_ctx,
                                                    role, unmasked):
    _give(admin_ctx, export_unmasked=role)
    tab = WorkbookTab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    assert tab.mask.isEnabled() is unmasked
    assert tab.mask.isChecked() is not unmasked
