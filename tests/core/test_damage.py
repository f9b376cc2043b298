"""A desk's data folder in trouble: a damaged database stops writing and says what to do (restore
the newest backup, or rescue what can be read), a read-only home opens for reading, a full disk
gives one clear message, a second computer and a network drive are refused."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import reception
from app.config import Paths
from app.core import backup, health
from app.core.bootstrap import open_context
from app.domain.errors import DatabaseDamaged, DiskFull, HomeUnavailable, ReadOnlyHome
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="about the desk's own SQLite file")

ROOT = Path(__file__).resolve().parents[2]


def _cli(home, *args, stdin=""):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("FRONTDESK_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "app", "--home", str(home), *args], input=stdin, text=True,
                          capture_output=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def desk_template(tmp_path_factory):
    """A home with a site, a few records and one verified backup, made once by the CLI."""
    home = tmp_path_factory.mktemp("template") / "desk"
    r = _cli(home, "init", "--site-code", "DEMO", "--site-name", "阳光花园", "--company", "示例物业",
             "--admin", "admin", "--password-stdin", stdin="secret-123x\n")
    assert r.returncode == 0, r.stderr
    assert _cli(home, "demo-data", "--days", "2").returncode == 0
    r = _cli(home, "user", "add", "liuyang", "--name", "刘洋", "--role", "receptionist", "--password-stdin",
             stdin="secret-123x\n")
    assert r.returncode == 0, r.stderr
    r = _cli(home, "backup")
    assert r.returncode == 0 and "校验通过" in r.stdout, r.stderr
    conn = sqlite3.connect(home / "frontdesk.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    (home / health.LOCK_FILE).unlink(missing_ok=True)
    return home


@pytest.fixture
def desk(desk_template, tmp_path):
    """A copy of the template desk for one test."""
    import shutil

    home = tmp_path / "desk"
    shutil.copytree(desk_template, home)
    return home


def _receptionist():
    from app.core.context import Actor
    from app.domain.enums import Role

    return Actor("liuyang", "刘洋", Role.RECEPTIONIST)


def _damage(db: Path, how: str) -> None:
    data = bytearray(db.read_bytes())
    if how == "header":
        data[0:16] = b"garbage-garbage!"
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "random":
        # noise over the root page of the audit history (a table every record writes to)
        conn = sqlite3.connect(db)
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='audit_event'").fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.close()
        start = (root - 1) * page
        data[start:start + page] = random.Random(7).randbytes(page)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["header", "truncated", "random"])
def test_damaged_database_gives_the_way_out_writes_nothing_and_restores(desk, how):
    db = desk / "frontdesk.db"
    _damage(db, how)
    damaged_bytes = db.read_bytes()
    r = _cli(desk, "check")
    assert r.returncode != 0
    said = r.stdout + r.stderr
    assert "数据库已损坏" in said and "frontdesk restore" in said and "frontdesk recover" in said
    assert "Traceback" not in said and "DatabaseError" not in said
    r = _cli(desk, "demo-data", "--days", "1")  # any writing command
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert db.read_bytes() == damaged_bytes  # nothing was written into the damaged file
    newest = backup.newest_verified(desk / "backups")
    r = _cli(desk, "restore", newest.path, "--yes")
    assert r.returncode == 0 and "已恢复" in r.stdout, r.stderr
    r = _cli(desk, "check")
    assert r.returncode == 0 and "完整性检查：ok" in r.stdout
    assert any(p.name.startswith("damaged-") for p in (desk / "backups").iterdir()) or how == "random"


def test_rescue_copies_what_can_be_read_and_keeps_the_damaged_file(desk):
    db = desk / "frontdesk.db"
    _damage(db, "header")
    r = _cli(desk, "recover", "--yes")
    assert r.returncode == 0 and "已抢救" in r.stdout, r.stderr
    kept = [p for p in (desk / "backups").iterdir() if p.name.startswith("damaged-")]
    assert kept and kept[0].read_bytes()[:16] == b"garbage-garbage!"
    r = _cli(desk, "check")
    assert r.returncode == 0, r.stdout + r.stderr
    ctx = open_context(desk)
    try:
        with ctx.read() as s:
            count = s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM contact_record")).scalar()
        assert count > 0
    finally:
        ctx.engine.dispose()


def test_damage_found_while_working_stops_all_writing(ctx, monkeypatch):
    from sqlalchemy.exc import DatabaseError as SADatabaseError

    orig = sqlite3.DatabaseError("database disk image is malformed")
    orig.sqlite_errorcode = 11
    problem = ctx.storage_problem(SADatabaseError("SELECT 1", {}, orig))
    assert isinstance(problem, DatabaseDamaged) and "已停止写入" in str(problem)
    with pytest.raises(DatabaseDamaged):
        reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="x", handling="已答复")


def test_a_full_disk_is_one_clear_message_and_nothing_half_saved(ctx, db_url):
    from sqlalchemy import event

    @event.listens_for(ctx.engine, "connect")
    def _tiny(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA max_page_count = 1")  # the file cannot grow: SQLITE_FULL

    ctx.engine.dispose()
    with ctx.read() as s:
        before = s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM contact_record")).scalar()
    with pytest.raises(DiskFull) as err:
        for i in range(200):
            reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="很长的内容" * 200,
                                     handling="已答复")
    assert "磁盘已满" in str(err.value) and "没有保存" in str(err.value)
    with ctx.read() as s:
        after = s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM contact_record")).scalar()
        audited = s.execute(__import__("sqlalchemy").text(
            "SELECT count(*) FROM audit_event WHERE entity = 'contact_record'")).scalar()
    assert after == audited and after >= before  # every saved record whole, the failed one not at all


def test_read_only_home_opens_for_reading_with_a_message_for_writes(desk):
    os.chmod(desk, 0o555)
    os.chmod(desk / "frontdesk.db", 0o444)
    try:
        if os.access(desk, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        ctx = open_context(desk)
        ctx.actor = _receptionist()
        assert isinstance(ctx.storage_error, ReadOnlyHome)
        assert ctx.site.code == "DEMO"
        from sqlalchemy import text

        with ctx.read() as s:
            assert s.execute(text("SELECT count(*) FROM contact_record")).scalar() > 0
        with pytest.raises(ReadOnlyHome):
            reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="x", handling="已答复")
    finally:
        os.chmod(desk, 0o755)
        os.chmod(desk / "frontdesk.db", 0o644)


def test_read_only_home_is_detected_even_as_an_administrator(desk, monkeypatch):
    """root may write anywhere; the check itself is what decides."""
    monkeypatch.setattr(health, "home_writable", lambda home, db: False)
    ctx = open_context(desk)
    ctx.actor = _receptionist()
    try:
        assert isinstance(ctx.storage_error, ReadOnlyHome)
        with pytest.raises(ReadOnlyHome):
            reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="x", handling="已答复")
        assert ctx.site.name == "阳光花园"
        from sqlalchemy import text

        with ctx.read() as s:
            assert s.execute(text("SELECT count(*) FROM contact_record")).scalar() > 0
    finally:
        ctx.engine.dispose()


def test_a_second_computer_is_refused_with_the_holders_name(desk, monkeypatch):
    first = open_context(desk)  # this computer now holds the home
    try:
        monkeypatch.setenv("FRONTDESK_HOSTNAME", "前台二号机")
        with pytest.raises(HomeUnavailable) as err:
            open_context(desk)
        assert "数据目录正由计算机" in str(err.value) and "unlock-home" in str(err.value)
        monkeypatch.delenv("FRONTDESK_HOSTNAME")
        again = open_context(desk)  # a second process on the same computer shares it
        again.engine.dispose()
        r = _cli(desk, "unlock-home")
        assert r.returncode == 0 and "已清除" in r.stdout
        monkeypatch.setenv("FRONTDESK_HOSTNAME", "前台二号机")
        open_context(desk).engine.dispose()  # after the admin cleared it
    finally:
        first.engine.dispose()


def test_network_drives_are_recognised_and_refused():
    mounts = [("/", "ext4"), ("/mnt/share", "cifs"), ("/srv/nfs", "nfs4")]
    assert health.is_network_path(Path("/mnt/share/FrontDesk"), mounts=mounts)
    assert health.is_network_path(Path("/srv/nfs"), mounts=mounts)
    assert not health.is_network_path(Path("/home/desk/FrontDesk"), mounts=mounts)
    assert health.is_network_path(Path("\\\\server\\share\\FrontDesk"), mounts=mounts)
    with pytest.raises(HomeUnavailable, match="网络位置"):
        health.refuse_network_home(Path("//server/share/FrontDesk"))


def test_missing_folder_that_cannot_be_made_is_one_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HomeUnavailable) as err:
        open_context(blocker / "home")
    assert "数据目录" in str(err.value)
    assert Paths.resolve(blocker / "home").home.name == "home"
