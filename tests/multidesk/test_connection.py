"""The desk's choice of database: the connection file (never a password), the credential
store, and a Chinese message for each way a connection can fail."""

from __future__ import annotations

import json

import pytest

from app.config import Paths
from app.core import connection
from app.core.connection import ConnectionFailed, SharedDatabase
from tests.conftest import PG_URL


def _server() -> tuple[SharedDatabase, str]:
    """The test server's address and password (the suite's PostgreSQL, or a made-up one)."""
    if PG_URL:
        return SharedDatabase.from_url(PG_URL)
    return SharedDatabase("127.0.0.1", 5432, "postgres", "frontdesk"), "frontdesk"


def test_the_choice_is_remembered_without_the_password(tmp_path, memory_keyring):
    paths = Paths(tmp_path / "home").ensure()
    db = SharedDatabase.checked("192.168.1.20", "5432", "frontdesk", "frontdesk")
    connection.use_shared(paths, db, "Pa55-word!")
    saved = connection.connection_path(paths).read_text(encoding="utf-8")
    assert "Pa55-word!" not in saved
    assert json.loads(saved)["shared"]["host"] == "192.168.1.20"
    assert connection.load(paths).shared == db
    url = connection.resolve_url(paths)
    assert url.startswith("postgresql+psycopg://frontdesk:Pa55-word%21@192.168.1.20:5432/frontdesk")
    assert list(memory_keyring.saved.values()) == ["Pa55-word!"]


def test_a_db_url_without_password_takes_it_from_the_credential_store(tmp_path):
    paths = Paths(tmp_path / "home").ensure()
    db = SharedDatabase("db.local", 5433, "fd", "desk")
    connection.store_password(db, "s3cret")
    assert connection.resolve_url(paths, "postgresql+psycopg://desk@db.local:5433/fd") == \
        "postgresql+psycopg://desk:s3cret@db.local:5433/fd"
    # no saved choice: the desk's own file
    assert connection.resolve_url(paths) == f"sqlite:///{paths.database}"


def test_a_shared_choice_without_a_stored_password_says_so(tmp_path):
    paths = Paths(tmp_path / "home").ensure()
    connection.save(paths, connection.DeskConnection("shared", SharedDatabase("srv", 5432, "frontdesk", "frontdesk")))
    with pytest.raises(ConnectionFailed, match="没有保存共享数据库") as err:
        connection.resolve_url(paths)
    assert err.value.kind == "password"


@pytest.mark.parametrize("host, port, database, user, field", [
    ("", "5432", "frontdesk", "frontdesk", "服务器地址"),
    ("srv", "port", "frontdesk", "frontdesk", "端口"),
    ("srv", "70000", "frontdesk", "frontdesk", "端口"),
    ("srv", "5432", "", "frontdesk", "数据库名"),
    ("srv", "5432", "frontdesk", " ", "用户名"),
])
def test_bad_connection_fields_are_named(host, port, database, user, field):
    from app.domain.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        SharedDatabase.checked(host, port, database, user)
    assert err.value.field == field


pg = pytest.mark.skipif(not PG_URL, reason="needs FRONTDESK_TEST_PG_URL (a PostgreSQL server)")


@pg
def test_each_failure_has_its_own_message(monkeypatch):
    db, password = _server()
    info = connection.test_connection(db, password)
    assert info.version
    cases = {
        "password": (db, password + "-wrong", "用户名或密码不正确"),
        "database": (SharedDatabase(db.host, db.port, "no_such_frontdesk", db.user), password, "没有名为“no_such_frontdesk”"),
        "unreachable": (SharedDatabase(db.host, 1, db.database, db.user), password, "无法连接到服务器"),
    }
    for kind, (target, pw, words) in cases.items():
        with pytest.raises(ConnectionFailed) as err:
            connection.test_connection(target, pw)
        assert err.value.kind == kind
        assert words in str(err.value)
        assert "-wrong" not in str(err.value)  # a password is never repeated back
    with pytest.raises(ConnectionFailed) as err:
        connection.test_connection(SharedDatabase("no-such-host.invalid", db.port, db.database, db.user), password)
    assert err.value.kind == "unreachable"
    monkeypatch.setattr(connection, "MIN_SERVER_VERSION", 990000)
    with pytest.raises(ConnectionFailed, match="太旧了") as err:
        connection.test_connection(db, password)
    assert err.value.kind == "too_old"
