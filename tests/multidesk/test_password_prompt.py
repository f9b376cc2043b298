"""A shared desk whose credential store holds no password (a new Windows user, a removed
credential) asks for it at start, says so when it is wrong, and with 记住密码 files it in the
credential store, never in a file or a log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.config import Paths
from app.core import connection
from app.core.connection import DeskConnection, PasswordNeeded, SharedDatabase
from tests.multidesk.conftest import pg_only

#: Nothing listens on port 1 of this computer: the connection is refused at once.
NOWHERE = SharedDatabase("127.0.0.1", 1, "frontdesk", "frontdesk")


def _shared_desk(tmp_path, db: SharedDatabase) -> Paths:
    paths = Paths(tmp_path / "desk").ensure()
    connection.save(paths, DeskConnection("shared", db))
    return paths


def _start(qtbot, paths):
    """The login window and its loaders, wired as the application wires them."""
    from ui.login_dialog import LoginDialog
    from ui.main import start_loading

    login = LoginDialog(home=paths.home)
    qtbot.addWidget(login)
    login.show()
    holder: dict = {}
    load = start_loading(login, paths.home, None, holder)
    load()
    return login, holder


def _prompt(qtbot, login):
    qtbot.waitUntil(lambda: login.password_prompt is not None and login.password_prompt.isVisible(), timeout=30000)
    return login.password_prompt


def _answer(qtbot, prompt, password: str, *, remember: bool = True) -> None:
    prompt.password.setText(password)
    prompt.remember.setChecked(remember)
    qtbot.mouseClick(prompt.buttons.buttons()[0], Qt.MouseButton.LeftButton)


def _finish(holder) -> None:
    loader = holder.get("loader")
    if loader is not None:
        assert loader.wait(30000)


def test_a_desk_without_a_stored_password_is_asked_for_it(tmp_path):
    paths = _shared_desk(tmp_path, NOWHERE)
    with pytest.raises(PasswordNeeded) as err:
        connection.resolve_url(paths)
    assert err.value.db == NOWHERE and "本机没有保存共享数据库" in str(err.value)
    url = connection.resolve_url(paths, password="typed-secret")
    assert "typed-secret" in url and NOWHERE.host in url
    assert "typed-secret" not in connection.connection_path(paths).read_text(encoding="utf-8")


def test_the_prompt_asks_and_a_failed_connection_remembers_nothing(qtbot, tmp_path, memory_keyring):
    paths = _shared_desk(tmp_path, NOWHERE)
    login, holder = _start(qtbot, paths)
    prompt = _prompt(qtbot, login)
    assert "本机没有保存共享数据库" in prompt.message.text() and prompt.remember.isChecked()
    assert not login.login_button.isEnabled()
    # an empty password is named, the dialog stays
    qtbot.mouseClick(prompt.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert prompt.isVisible() and prompt.message.text() == "密码：请输入共享数据库的密码"
    _answer(qtbot, prompt, "typed-secret")
    qtbot.waitUntil(lambda: "无法连接到服务器 127.0.0.1:1" in login.message.text(), timeout=30000)
    _finish(holder)
    assert memory_keyring.saved == {}  # a password that opened nothing is not kept
    assert login.ctx is None


def test_cancelling_leaves_a_way_back_to_the_prompt(qtbot, tmp_path):
    paths = _shared_desk(tmp_path, NOWHERE)
    login, holder = _start(qtbot, paths)
    prompt = _prompt(qtbot, login)
    prompt.reject()
    assert "未输入共享数据库的密码" in login.message.text() and login.password_button.isVisible()
    qtbot.mouseClick(login.password_button, Qt.MouseButton.LeftButton)
    assert _prompt(qtbot, login) is not prompt
    login.password_prompt.reject()
    _finish(holder)


def _files_mention(root, secret: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


@pg_only()
@pytest.mark.parametrize("remember", [True, False], ids=["remember", "this-time-only"])
def test_a_wrong_password_is_said_and_the_right_one_opens_the_database(qtbot, tmp_path, empty_target, memory_keyring,
                                                                      remember):
    db, password = SharedDatabase.from_url(empty_target)
    paths = _shared_desk(tmp_path, db)
    login, holder = _start(qtbot, paths)
    prompt = _prompt(qtbot, login)
    _answer(qtbot, prompt, "wrong-password")
    qtbot.waitUntil(lambda: login.password_prompt is not None and login.password_prompt is not prompt, timeout=30000)
    again = login.password_prompt
    assert again.message.text().startswith("密码不正确") and db.user in again.message.text()
    _answer(qtbot, again, password, remember=remember)
    qtbot.waitUntil(lambda: login.ctx is not None, timeout=60000)
    _finish(holder)
    assert login.stack.currentIndex() == 1  # the empty shared database: the site is set up next
    assert login.password_prompt is None and login.database_password is None
    assert connection.stored_password(db) == (password if remember else None)
    # nothing in the desk's folder (connection choice, log) carries a typed password
    assert _files_mention(paths.home, "wrong-password") == []
    assert _files_mention(paths.home, f":{password}@") == []
    assert "password" not in connection.connection_path(paths).read_text(encoding="utf-8")
    login.ctx.engine.dispose()
