"""The windows' side: an account an administrator created sets its own password right after its
first login; a stopped account's action ends with the message and the window back at login."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core import users
from app.domain.errors import SessionEnded
from ui.login_dialog import LoginDialog


def test_first_login_asks_for_an_own_password(qtbot, admin_ctx, tmp_path):
    users.add_user(admin_ctx, username="zhaoyun", name="赵云", role="前台客服", password="Lotus-pond-93")
    desk = admin_ctx.as_actor(None)
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    dlg.resize(1366 // 4, 768 // 3)
    dlg.set_backend(desk)
    dlg.username.setText("zhaoyun")
    dlg.password.setText("Lotus-pond-93")
    with qtbot.assertNotEmitted(dlg.logged_in):
        qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
    change = dlg.first_password_dialog
    qtbot.waitUntil(change.isVisible)
    assert change.windowTitle() == "首次登录：请设置您自己的密码" and not change.old.isEnabled()
    change.grab().save(str(tmp_path / "first_login.png"))
    change.password.setText("12345678")
    change.password2.setText("12345678")
    change.try_save()
    assert change.isVisible()  # a common password is refused; the dialog stays
    change.password.setText("My-own-choice-5")
    change.password2.setText("My-own-choice-5")
    with qtbot.waitSignal(dlg.logged_in):
        change.try_save()
    assert desk.actor.username == "zhaoyun" and not users.must_change_password(desk)


def test_a_stopped_account_goes_back_to_the_login_page(qtbot, ctx, admin_ctx, dialogs, monkeypatch):
    from ui import main
    from ui.shared.common import Dialogs

    ended = []
    monkeypatch.setattr(Dialogs, "error", Dialogs.error)  # restored after the test
    main.install_session_end(lambda: ended.append(True))
    users.set_active(admin_ctx, "wangli", False)
    from app import reception

    try:
        reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="x", handling="已答复")
    except SessionEnded as exc:
        Dialogs.error(None, exc)
    qtbot.waitUntil(lambda: ended == [True])
    assert dialogs.errors == ["您的账号已停用，不能继续操作。请联系管理员。"]
