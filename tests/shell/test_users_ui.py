"""系统设置 → 用户管理 / 部门, the 修改密码 menu, and Qt's own Chinese strings."""

import pytest
from PySide6.QtCore import Qt

from app.domain.errors import AuthError
from app.core import departments, users
from tests.conftest import PASSWORD
from ui.shared.common import UiEnv
from ui.admin import departments_tab, users_tab
from ui.shared.tabbed_page import SettingsPage
from ui.shared.worker import TaskRunner


@pytest.fixture
def env_for(qtbot, db_url):  # after the database: the workers stop before it goes away
    runners = []

    def make(ctx):
        runners.append(TaskRunner())
        return UiEnv(ctx, runners[-1])

    yield make
    for r in runners:
        r.shutdown()


def _tab(qtbot, module, env):
    tab = module.Tab(env)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def _select(tab, predicate):
    tab.view.selectRow(tab.model.find(predicate))


def test_settings_tabs_follow_the_role(qtbot, env_for, admin_ctx, ctx, supervisor_ctx):
    def titles(c):
        page = SettingsPage(env_for(c))
        qtbot.addWidget(page)
        return [page.tabs.tabText(i) for i in range(page.tabs.count())]

    assert {"部门", "用户管理"} <= set(titles(admin_ctx))
    assert "用户管理" not in titles(supervisor_ctx) and "部门" in titles(supervisor_ctx)
    assert "用户管理" not in titles(ctx) and "部门" not in titles(ctx)


def test_admin_adds_resets_and_deactivates_users(qtbot, qtmodeltester, env_for, admin_ctx, ctx, dialogs):
    tab = _tab(qtbot, users_tab, env_for(admin_ctx))
    qtmodeltester.check(tab.model)
    assert {u.username for u in tab.model.rows} == {"wangli", "admin"}

    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    qtbot.keyClicks(dlg.username, "zhaoyun")
    dlg.name.setText("赵云")
    dlg.role.setCurrentText("客服主管")
    dlg.department.setCurrentText("客服部")
    qtbot.keyClicks(dlg.password, "garden841")
    qtbot.keyClicks(dlg.password2, "garden842")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "不一致" in dlg.message.text()
    dlg.password2.setText("garden841")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert tab.current().username == "zhaoyun" and tab.current().role == "客服主管"
    assert users.login(admin_ctx, "zhaoyun", "garden841").name == "赵云"

    # Lock wangli out, then reset the password from the tab: unlocked, new password works.
    for _ in range(5):
        with pytest.raises(AuthError):
            users.login(ctx, "wangli", "wrong")
    tab.refresh()
    _select(tab, lambda u: u.username == "wangli")
    assert tab.model.data(tab.view.currentIndex().siblingAtColumn(5)).startswith("锁定至")
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    tab.dialog.password.setText("new-pass-9")
    tab.dialog.password2.setText("new-pass-9")
    qtbot.mouseClick(tab.dialog.save_button, Qt.MouseButton.LeftButton)
    assert not tab.dialog.isVisible()
    assert users.login(ctx, "wangli", "new-pass-9").username == "wangli"

    # Deactivate, then reactivate: never deleted.
    _select(tab, lambda u: u.username == "wangli")
    assert tab.active_button.text() == "停用"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert tab.current().active is False and tab.active_button.text() == "启用"
    with pytest.raises(AuthError):
        users.login(ctx, "wangli", "new-pass-9")
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert tab.current().active is True

    # The admin cannot deactivate their own (last) admin account: told why, nothing changes.
    _select(tab, lambda u: u.username == "admin")
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors and "自己" in dialogs.errors[-1]
    assert tab.current().active is True


def test_departments_tab(qtbot, qtmodeltester, env_for, supervisor_ctx, ctx, dialogs):
    tab = _tab(qtbot, departments_tab, env_for(supervisor_ctx))
    qtmodeltester.check(tab.model)
    assert [d.name for d in tab.model.rows] == ["工程部", "安管部", "环境部", "财务", "客服部"]
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    tab.dialog.name.setText("工程部")
    qtbot.mouseClick(tab.dialog.save_button, Qt.MouseButton.LeftButton)
    assert "已存在" in tab.dialog.message.text()
    tab.dialog.name.setText("绿化部")
    tab.dialog.head.setText("周工")
    qtbot.mouseClick(tab.dialog.save_button, Qt.MouseButton.LeftButton)
    assert tab.current().name == "绿化部"

    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    tab.dialog.name.setText("园林部")
    qtbot.mouseClick(tab.dialog.save_button, Qt.MouseButton.LeftButton)
    assert tab.current().name == "园林部" and tab.current().head == "周工"

    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert [d.name for d in tab.model.rows][-2:] == ["园林部", "客服部"]
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert "园林部" not in departments.list_names(ctx)
    assert tab.current().active is False and tab.active_button.text() == "启用"
    assert dialogs.errors == []


def test_change_password_from_the_menu(qtbot, env_for, ctx, dialogs):
    from PySide6.QtGui import QAction

    from ui.main_window import MainWindow

    from ui.admin import account_menu

    window = MainWindow(env_for(ctx))
    qtbot.addWidget(window)
    account_menu.on_login(window.env, window)
    action = window.findChild(QAction, "change_password_action")
    assert action is not None and action.text() == "修改密码…"
    action.trigger()
    dlg = window._change_password_dialog
    dlg.old.setText("wrong-old")
    dlg.password.setText("brand-new-1")
    dlg.password2.setText("brand-new-1")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "密码错误" in dlg.message.text()
    dlg.old.setText(PASSWORD)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and "密码已修改" in dialogs.infos[-1]
    assert users.login(ctx, "wangli", "brand-new-1").name == "王丽"


def test_qt_chinese_translations_are_loaded(qtbot):
    """Standard dialogs speak Chinese: Qt's own qtbase_zh_CN is installed."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ui.main import install_translations

    loaded = install_translations(QApplication.instance())
    assert any(path.endswith("qtbase_zh_CN") for path in loaded)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])
