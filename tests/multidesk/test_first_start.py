"""First start: keep the data on this computer, or connect to the service centre's shared
database, with a Chinese message for each way the connection test can fail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.config import Paths
from app.core import connection
from app.core.context import Context
from app.db.engine import make_engine, migrate
from tests.conftest import PASSWORD, PG_URL


@pytest.fixture
def new_desk(tmp_path, clock):
    """A desk started for the first time: an empty SQLite database in its data folder."""
    paths = Paths(tmp_path / "desk").ensure()
    engine = make_engine(f"sqlite:///{paths.database}")
    migrate(engine)
    yield Context(engine, paths, clock=clock)
    engine.dispose()


def _dialog(qtbot, ctx):
    from ui.login_dialog import LoginDialog

    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_backend(ctx)
    return dlg


def _fill(page, host, port, database, user, password):
    for widget, value in ((page.host, host), (page.port, str(port)), (page.database, database),
                          (page.user, user), (page.password, password)):
        widget.clear()
        widget.setText(value)
        widget.textEdited.emit(value)


def _test(qtbot, page) -> str:
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_button.isEnabled() and "正在连接" not in page.result.text(), timeout=15000)
    return page.result.text()


def test_the_desk_may_stay_local(qtbot, new_desk):
    dlg = _dialog(qtbot, new_desk)
    assert dlg.stack.currentIndex() == 1 and dlg.shared_link.isVisible()
    qtbot.mouseClick(dlg.shared_link, Qt.MouseButton.LeftButton)
    page = dlg.connection_page
    assert dlg.stack.currentWidget() is page
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.local_button, Qt.MouseButton.LeftButton)
    assert dlg.stack.currentIndex() == 1
    for widget, value in ((dlg.site_code, "SG01"), (dlg.site_name, "阳光花园服务中心"), (dlg.company, "示例物业服务有限公司"),
                          (dlg.admin_name, "管理员"), (dlg.admin_password, PASSWORD), (dlg.admin_password2, PASSWORD)):
        widget.setText(value)
    with qtbot.waitSignal(dlg.logged_in):
        qtbot.mouseClick(dlg.setup_button, Qt.MouseButton.LeftButton)
    assert connection.load(new_desk.paths).mode == "local"


def test_bad_fields_are_named_before_connecting(qtbot, new_desk):
    dlg = _dialog(qtbot, new_desk)
    qtbot.mouseClick(dlg.shared_link, Qt.MouseButton.LeftButton)
    page = dlg.connection_page
    _fill(page, "", 5432, "frontdesk", "frontdesk", "x")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.result.text() == "服务器地址：必填，不能为空"
    _fill(page, "srv", "54x", "frontdesk", "frontdesk", "x")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.result.text().startswith("端口：")
    assert not page.use_button.isEnabled()


def test_the_server_page_says_how(qtbot, new_desk):
    dlg = _dialog(qtbot, new_desk)
    dlg.connection_page.show_server_help()
    dlg.stack.setCurrentWidget(dlg.connection_page)
    text = dlg.connection_page.findChild(type(dlg.connection_page.stack.widget(2).layout().itemAt(0).widget()),
                                         "server_steps").toPlainText()
    assert "frontdesk server prepare" in text and "5432" in text and "PostgreSQL" in text


@pytest.mark.skipif(not PG_URL, reason="needs FRONTDESK_TEST_PG_URL (a PostgreSQL server)")
def test_each_failure_is_explained_and_a_good_connection_is_kept(qtbot, new_desk, memory_keyring, monkeypatch):
    db, password = connection.SharedDatabase.from_url(PG_URL)
    dlg = _dialog(qtbot, new_desk)
    qtbot.mouseClick(dlg.shared_link, Qt.MouseButton.LeftButton)
    page = dlg.connection_page

    _fill(page, db.host, 1, db.database, db.user, password)
    assert "无法连接到服务器" in _test(qtbot, page) and "防火墙" in page.result.text()
    _fill(page, db.host, db.port, db.database, db.user, "wrong-pass")
    assert "用户名或密码不正确" in _test(qtbot, page)
    _fill(page, db.host, db.port, "fd_missing", db.user, password)
    assert "没有名为“fd_missing”的数据库" in _test(qtbot, page)
    monkeypatch.setattr(connection, "MIN_SERVER_VERSION", 990000)
    _fill(page, db.host, db.port, db.database, db.user, password)
    assert "太旧了" in _test(qtbot, page)
    assert not page.use_button.isEnabled()
    monkeypatch.setattr(connection, "MIN_SERVER_VERSION", 130000)

    assert "连接成功" in _test(qtbot, page)
    with qtbot.waitSignal(dlg.retry_requested):
        qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    saved = connection.load(new_desk.paths)
    assert saved.mode == "shared" and saved.shared == db
    import json

    saved_file = json.loads(connection.connection_path(new_desk.paths).read_text(encoding="utf-8"))
    assert set(saved_file["shared"]) == {"host", "port", "database", "user"}  # never the password
    assert connection.stored_password(db) == password
    assert page.password.text() == ""
    # the next start opens the shared database
    assert connection.resolve_url(new_desk.paths) == db.url(password)
