"""系统设置 → 权限设置: a 管理员 lowers or raises the role a step needs and a receptionist's very
next service call follows it; a receptionist sees the table but cannot change it; a role outside
the step's range is refused with the step named and nothing stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import residents
from app.core import access, settings
from app.domain.enums import Role
from app.domain.errors import PermissionDenied
from ui.admin import roles_tab


def _tab(qtbot, make_env, ctx):
    tab = roles_tab.Tab(make_env(ctx))
    qtbot.addWidget(tab)
    return tab


def test_an_admin_lowers_then_raises_voiding_and_the_receptionist_follows(qtbot, make_env, dialogs, ctx,
                                                                         supervisor_ctx, admin_ctx):
    first = residents.add_resident(supervisor_ctx, name="李一", phone="13900139001")
    second = residents.add_resident(supervisor_ctx, name="李二", phone="13900139002")
    with pytest.raises(PermissionDenied, match="作废记录"):
        residents.void_resident(ctx, first.id, "重复登记", expected_version=first.version)

    tab = _tab(qtbot, make_env, admin_ctx)
    assert tab.role_shown("record.void") == "客服主管"
    tab.set_role("record.void", "前台客服")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == [] and dialogs.infos == ["权限设置已保存，对所有前台的下一步操作生效"]
    assert residents.void_resident(ctx, first.id, "重复登记", expected_version=first.version)

    tab.restore_defaults()  # back to 客服主管: a raise for the receptionist
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == []
    with pytest.raises(PermissionDenied, match="需要客服主管或以上权限"):
        residents.void_resident(ctx, second.id, "重复登记", expected_version=second.version)
    assert residents.get_resident(supervisor_ctx, second.id).version == second.version  # untouched
    assert settings.get(admin_ctx, access.ROLES_SETTING) == {}


def test_an_admin_raises_a_step_above_a_supervisor(qtbot, make_env, dialogs, supervisor_ctx, manager_ctx, admin_ctx):
    tab = _tab(qtbot, make_env, admin_ctx)
    tab.set_role("settings.change", "经理")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == []
    hours = {"weekday": ["08:00", "18:00"], "weekend": ["09:00", "17:00"]}
    with pytest.raises(PermissionDenied, match="修改设置"):
        settings.put(supervisor_ctx, "desk.hours", hours)
    settings.put(manager_ctx, "desk.hours", hours)
    assert settings.get(manager_ctx, "desk.hours") == hours


def test_the_change_is_in_the_history_with_who_made_it(qtbot, make_env, dialogs, admin_ctx):
    from sqlalchemy import select

    from app.core.models import AuditEvent

    tab = _tab(qtbot, make_env, admin_ctx)
    tab.set_role("residents.full_phone", "前台客服")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    with admin_ctx.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "修改设置")).all()
        seen = [(e.actor, e.after) for e in events]
    assert seen == [(admin_ctx.actor.name, {"key": "access.roles", "value": {"residents.full_phone": "前台客服"}})]


def test_a_receptionist_sees_the_table_but_cannot_change_it(qtbot, make_env, dialogs, ctx, supervisor_ctx):
    tab = _tab(qtbot, make_env, ctx)
    assert not tab.save_button.isEnabled() and not tab.combos["record.void"].isEnabled()
    assert "只有管理员可以修改" in tab.note.text()
    shown = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert shown == [a.name for a in access.ACTIONS.values()]
    tab.set_role("record.void", "前台客服")  # even forced past the disabled controls
    tab.save()
    assert dialogs.errors == ["前台客服无权修改登录与权限设置，需要管理员或以上权限"]
    assert access.role_for(ctx, "record.void") == Role.SUPERVISOR
    for who in (ctx, supervisor_ctx):  # and the service refuses on its own
        with pytest.raises(PermissionDenied):
            settings.put(who, access.ROLES_SETTING, {"record.void": "前台客服"})


def test_fixed_steps_offer_no_choice_and_a_role_out_of_range_is_refused(qtbot, make_env, dialogs, admin_ctx):
    tab = _tab(qtbot, make_env, admin_ctx)
    assert "users.manage" not in tab.combos and "settings.security" not in tab.combos
    assert [tab.combos["export.unmasked"].itemText(i) for i in range(tab.combos["export.unmasked"].count())] == \
        ["客服主管", "经理", "管理员"]
    tab.combos["export.unmasked"].addItem("前台客服")  # a screen out of step with the rules
    tab.set_role("export.unmasked", "前台客服")
    tab.set_role("record.void", "前台客服")
    tab.save()
    assert dialogs.errors == ["导出未遮盖电话的工作簿：只能交给客服主管或以上的角色"]
    assert not settings.get(admin_ctx, access.ROLES_SETTING)  # nothing stored, not even the valid part
    assert access.role_for(admin_ctx, "record.void") == Role.SUPERVISOR


def test_screenshot(qtbot, make_env, dialogs, admin_ctx, tmp_path):
    from ui.main import install_font_and_icon

    install_font_and_icon(QApplication.instance())
    settings.put(admin_ctx, access.ROLES_SETTING, {"record.void": "前台客服"})
    tab = _tab(qtbot, make_env, admin_ctx)
    tab.resize(1366, 768)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.table.item(3, 0).font().bold() and not tab.table.item(0, 0).font().bold()
    path = tmp_path / "roles_tab.png"
    assert tab.grab().save(str(path))


def test_the_tab_is_in_system_settings_for_everyone_and_editable_only_by_an_admin(qtbot, make_env, dialogs, ctx,
                                                                                  admin_ctx):
    from ui.shared.tabbed_page import SettingsPage

    for who, editable in ((ctx, False), (admin_ctx, True)):
        page = SettingsPage(make_env(who))
        qtbot.addWidget(page)
        titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
        assert roles_tab.TITLE in titles
        tab = page.tabs.widget(titles.index(roles_tab.TITLE))
        assert tab.save_button.isEnabled() is editable


def test_the_calendar_warning_names_whom_the_site_lets_edit_the_calendar(admin_ctx, clock):
    from datetime import datetime

    from app.core import calendar as calendar_service

    clock.set(datetime(2026, 11, 20, 9, 0))  # next year's days off not entered yet
    assert "请管理员在 系统设置 → 工作日历" in calendar_service.coverage_warning(admin_ctx)
    settings.put(admin_ctx, access.ROLES_SETTING, {"calendar.edit": "客服主管"})
    assert "请客服主管或以上人员在 系统设置 → 工作日历" in calendar_service.coverage_warning(admin_ctx)
