"""frontdesk server prepare / connect / move-to on a real PostgreSQL server."""

from __future__ import annotations

import io
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.cli import main
from app.config import Paths
from app.core import connection
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs FRONTDESK_TEST_PG_URL (a PostgreSQL server)")


@pytest.fixture
def names():
    suffix = uuid.uuid4().hex[:8]
    db, role = f"fd_prep_{suffix}", f"fd_desk_{suffix}"
    yield db, role
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        c.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def _run(monkeypatch, capsys, argv, stdin: str):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_prepare_then_a_desk_connects_and_moves_its_site(tmp_path, monkeypatch, capsys, names, memory_keyring):
    db_name, role = names
    admin = make_url(PG_URL)
    code, out, err = _run(monkeypatch, capsys, [
        "server", "prepare", "--admin-user", admin.username, "--admin-host", admin.host, "--port", str(admin.port),
        "--database", db_name, "--user", role, "--admin-password-stdin"], admin.password + "\n")
    assert code == 0, err
    assert f"已创建账户 {role}" in out and f"数据库名    {db_name}" in out
    password = next(line.split()[-1] for line in out.splitlines() if line.strip().startswith("密码"))
    # the role can use its own database and nothing more
    engine = create_engine(make_url(PG_URL).set(username=role, password=password, database=db_name))
    with engine.connect() as c:
        assert c.execute(text("SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles "
                              "WHERE rolname = current_user")).scalar() is False
        assert c.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()

    # a desk with its own file moves its site there, from the command line
    home = tmp_path / "desk"
    assert _run(monkeypatch, capsys, ["--home", str(home), "init", "--site-code", "SG01", "--site-name", "阳光花园服务中心",
                                      "--company", "示例物业", "--admin", "admin", "--password-stdin"],
                "secret-123\n")[0] == 0
    url = f"postgresql+psycopg://{role}@{admin.host}:{admin.port}/{db_name}"
    code, out, err = _run(monkeypatch, capsys, ["--home", str(home), "move-to", url, "--password-stdin"], password + "\n")
    assert code == 0, err
    assert "核对记录数一致" in out and password not in out
    assert connection.load(Paths(home)).mode == "shared"
    code, out, err = _run(monkeypatch, capsys, ["--home", str(home), "check"], "")
    assert code == 0, out + err
    assert "SG01" in out and password not in out

    # another desk connects by command
    other = tmp_path / "desk2"
    code, out, err = _run(monkeypatch, capsys, ["--home", str(other), "server", "connect", "--host", admin.host,
                                                "--port", str(admin.port), "--database", db_name, "--user", role,
                                                "--password-stdin"], password + "\n")
    assert code == 0, err
    assert "已有站点 SG01" in out
    # a second site cannot be moved into it
    third = tmp_path / "desk3"
    _run(monkeypatch, capsys, ["--home", str(third), "init", "--site-code", "SG02", "--site-name", "另一中心",
                               "--company", "示例物业", "--admin", "admin", "--password-stdin"], "secret-123\n")
    code, out, err = _run(monkeypatch, capsys, ["--home", str(third), "move-to", url], "")
    assert code == 2 and "已有站点 SG01 的数据" in err


def test_prepare_with_a_wrong_superuser_password_says_so(monkeypatch, capsys, names):
    db_name, role = names
    admin = make_url(PG_URL)
    code, out, err = _run(monkeypatch, capsys, [
        "server", "prepare", "--admin-user", admin.username, "--admin-host", admin.host, "--port", str(admin.port),
        "--database", db_name, "--user", role, "--admin-password-stdin"], "not-the-password\n")
    assert code == 2 and "用户名或密码不正确" in err and "Traceback" not in err
