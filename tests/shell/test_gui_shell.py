"""Log in through the login window, visit every navigation entry; lock-out after five wrong passwords."""

from PySide6.QtCore import Qt

from tests.conftest import PASSWORD
from ui.login_dialog import LoginDialog
from ui.main import open_main_window
from ui.registry import pages


def _login(qtbot, ctx, username, password):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    dlg.set_backend(ctx)
    qtbot.keyClicks(dlg.username, username)
    qtbot.keyClicks(dlg.password, password)
    qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
    return dlg


def test_login_and_visit_every_entry(qtbot, admin_ctx):
    admin_ctx.actor = None
    dlg = _login(qtbot, admin_ctx, "admin", PASSWORD)
    assert admin_ctx.actor is not None and admin_ctx.actor.username == "admin"
    window = open_main_window(admin_ctx)
    qtbot.addWidget(window)
    assert "admin" in window.status_user.text() or "管理员" in window.status_user.text()
    assert "DEMO" in window.status_site.text()
    seen = []
    for i, spec in enumerate(pages()):
        window.nav.setCurrentRow(i)
        assert window.current_page() is window.page(spec.key)
        seen.append(spec.title)
    assert seen == ["工作台", "接待登记", "投诉处理", "回访", "维修工单", "入伙交付", "装修管理", "前台服务", "业主与房屋",
                    "满意度调查", "督导检查", "报表与导出", "系统设置"]
    window.env.runner.shutdown()
    assert dlg.result() == dlg.DialogCode.Accepted


def test_five_wrong_passwords_lock_the_account(qtbot, admin_ctx, clock):
    admin_ctx.actor = None
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    dlg.set_backend(admin_ctx)
    dlg.username.setText("admin")
    for _ in range(5):
        dlg.password.setText("wrong-password")
        qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
    assert "锁定" in dlg.message.text()
    # Even the right password is refused while locked.
    dlg.password.setText(PASSWORD)
    qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
    assert admin_ctx.actor is None
    assert "锁定" in dlg.message.text()
    # Five minutes later the right password works again.
    from datetime import timedelta

    clock.set(clock.now + timedelta(minutes=5, seconds=1))
    dlg.password.setText(PASSWORD)
    qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
    assert admin_ctx.actor is not None


def test_first_start_creates_site_and_admin(qtbot, bare_ctx):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    dlg.set_backend(bare_ctx)
    assert dlg.stack.currentIndex() == 1
    dlg.site_code.setText("SG01")
    dlg.site_name.setText("阳光花园服务中心")
    dlg.company.setText("示例物业")
    dlg.admin_name.setText("陈主任")
    dlg.admin_password.setText("garden-8421")
    dlg.admin_password2.setText("garden-8422")
    qtbot.mouseClick(dlg.setup_button, Qt.MouseButton.LeftButton)
    assert "不一致" in dlg.message.text()
    dlg.admin_password2.setText("garden-8421")
    qtbot.mouseClick(dlg.setup_button, Qt.MouseButton.LeftButton)
    assert bare_ctx.actor is not None and bare_ctx.actor.name == "陈主任"
    assert bare_ctx.site.code == "SG01"


def test_unexpected_error_is_a_message_not_a_traceback(qtbot, tmp_path, dialogs, monkeypatch):
    import sys

    from ui.main import install_error_handling

    import logging

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    log_path = install_error_handling(tmp_path / "h")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert dialogs.errors and "意外错误" in dialogs.errors[0] and "Traceback" not in dialogs.errors[0]
    for h in logging.getLogger().handlers:
        h.flush()
    logged = open(log_path, encoding="utf-8").read()
    assert "RuntimeError" in logged and "test_unexpected_error_is_a_message_not_a_traceback" in logged  # kind, place
    assert "boom" not in logged  # never the message: a database error's carries its parameters


def test_first_start_by_keyboard_with_hints_and_the_roster_prompt(qtbot, bare_ctx, dialogs):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_backend(bare_ctx)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    assert "简短编码" in dlg.site_code.placeholderText() and "8 位" in dlg.admin_password.placeholderText()
    qtbot.keyClicks(dlg.site_code, "SG02")
    qtbot.keyClick(dlg.site_code, Qt.Key.Key_Return)
    qtbot.waitUntil(dlg.site_name.hasFocus, timeout=3000)  # Enter moves on
    dlg.site_name.setText("阳光花园服务中心")
    dlg.company.setText("示例物业")
    dlg.admin_name.setText("陈主任")
    dlg.admin_password.setText("garden-8421")
    dlg.admin_password2.setText("garden-8421")
    qtbot.keyClick(dlg.admin_password2, Qt.Key.Key_Return)  # Enter on the last field creates the site
    assert bare_ctx.site.code == "SG02" and bare_ctx.actor.name == "陈主任"
    assert any("房屋住户名册" in text for text in dialogs.infos)
