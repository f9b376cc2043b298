"""Shared fixtures: a fresh database per test (SQLite in a temp folder, or
PostgreSQL when FRONTDESK_TEST_PG_URL is set), a clock the test controls, and
logged-in contexts for each role.

The schema is built once per session by the real migrations and copied for each test
(a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL); password hashes
use cheap argon2 parameters (production parameters are checked in tests/core/test_users.py).
Qt is imported only by tests that use it."""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from datetime import datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.config import Paths  # noqa: E402
from app.db.engine import make_engine, migrate  # noqa: E402
from app.domain.enums import Role
from app.core import users  # noqa: E402
from app.core.context import Actor, Context  # noqa: E402
from app.features import load_all  # noqa: E402

load_all()  # every feature's hooks in place, as the composition roots do

PG_URL = os.environ.get("FRONTDESK_TEST_PG_URL")
PASSWORD = "secret-123"


class Clock:
    """A settable clock: ``clock.now`` is what the services see as the current time."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, value: datetime) -> None:
        self.now = value


def _pg_database(base_url: str, template: str | None = None):
    """Create a throw-away PostgreSQL database (a copy of ``template`` when given); returns (url, drop)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "fd_test_" + uuid.uuid4().hex[:12]
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    url = make_url(base_url).set(database=name)

    def drop():
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.render_as_string(hide_password=False), drop


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes():
    saved = dict(users.ARGON2_PARAMETERS)
    users.ARGON2_PARAMETERS.update(time_cost=1, memory_cost=8, parallelism=1)
    yield
    users.ARGON2_PARAMETERS.clear()
    users.ARGON2_PARAMETERS.update(saved)


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory):
    """A database migrated to the newest schema, built once: a SQLite file, or a PostgreSQL
    database name to copy."""
    if PG_URL:
        from sqlalchemy.engine import make_url

        url, drop = _pg_database(PG_URL)
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        yield make_url(url).database
        drop()
    else:
        path = tmp_path_factory.mktemp("schema") / "frontdesk.db"
        engine = make_engine(f"sqlite:///{path}")
        migrate(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        yield path


@pytest.fixture
def db_url(tmp_path, schema_template):
    """A fresh database of the newest schema for this test."""
    if PG_URL:
        url, drop = _pg_database(PG_URL, template=schema_template)
        yield url
        drop()
    else:
        target = tmp_path / "home" / "frontdesk.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(schema_template, target)
        yield f"sqlite:///{target}"


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 20, 9, 0, 0))


@pytest.fixture
def bare_ctx(tmp_path, db_url, clock):
    """A migrated, empty database (no site yet)."""
    paths = Paths(tmp_path / "home").ensure()
    engine = make_engine(db_url)
    migrate(engine, paths.backups)
    ctx = Context(engine, paths, clock=clock)
    yield ctx
    engine.dispose()


@pytest.fixture
def admin_ctx(bare_ctx):
    """Site DEMO initialised; logged in as the admin ``admin``."""
    actor = users.init_site(bare_ctx, site_code="DEMO", site_name="阳光花园服务中心", company_name="示例物业服务有限公司",
                            admin_username="admin", admin_name="管理员", password=PASSWORD)
    bare_ctx.actor = actor
    return bare_ctx


def _user_ctx(admin_ctx, username, name, role) -> Context:
    users.add_user(admin_ctx, username=username, name=name, role=role, password=PASSWORD)
    return admin_ctx.as_actor(Actor(username, name, role))


@pytest.fixture
def ctx(admin_ctx):
    """Logged in as a receptionist (前台客服) 王丽 (username ``wangli``)."""
    return _user_ctx(admin_ctx, "wangli", "王丽", Role.RECEPTIONIST)


@pytest.fixture
def supervisor_ctx(admin_ctx):
    """A 客服主管 张敏 (username ``zhangmin``)."""
    return _user_ctx(admin_ctx, "zhangmin", "张敏", Role.SUPERVISOR)


@pytest.fixture
def manager_ctx(admin_ctx):
    """A 经理 李强 (username ``liqiang``)."""
    return _user_ctx(admin_ctx, "liqiang", "李强", Role.MANAGER)


class DialogRecorder:
    """Stands in for ui.shared.common.Dialogs in every test: a real modal box would block the
    suite. Records what a user would have been shown; answers are settable."""

    def __init__(self):
        self.infos: list[str] = []
        self.errors: list[str] = []
        self.confirms: list[str] = []
        self.confirm_answer = True
        self.text_answers: list[str | None] = []
        self.save_path: str | None = None
        self.open_path: str | None = None


@pytest.fixture(autouse=True)
def dialogs(request, monkeypatch):
    rec = DialogRecorder()
    if "ui.shared.common" not in sys.modules and not {"qtbot", "make_env"} & set(request.fixturenames):
        return rec  # a test without Qt
    from ui.shared import common

    monkeypatch.setattr(common.Dialogs, "info",
                        classmethod(lambda cls, parent, text, title="提示": rec.infos.append(text)))
    monkeypatch.setattr(common.Dialogs, "error", classmethod(
        lambda cls, parent, exc, title="错误": rec.errors.append(exc if isinstance(exc, str)
                                                                 else common.error_text(exc))))

    def confirm(cls, parent, text, title="请确认"):
        rec.confirms.append(text)
        return rec.confirm_answer

    monkeypatch.setattr(common.Dialogs, "confirm", classmethod(confirm))
    monkeypatch.setattr(common.Dialogs, "ask_text", classmethod(
        lambda cls, parent, title, label, text="": rec.text_answers.pop(0) if rec.text_answers else None))
    monkeypatch.setattr(common.Dialogs, "save_file", classmethod(lambda cls, *a, **k: rec.save_path))
    monkeypatch.setattr(common.Dialogs, "open_file", classmethod(lambda cls, *a, **k: rec.open_path))
    return rec


@pytest.fixture(autouse=True)
def _stop_workers():
    """Every background worker a test started is stopped when the test ends."""
    yield
    worker = sys.modules.get("ui.shared.worker")
    if worker is not None:
        worker.TaskRunner.shutdown_all()


@pytest.fixture
def make_env(qtbot):
    """``make_env(ctx)``: the environment a page is built with (context + a background
    worker). Workers are stopped after the test by ``_stop_workers``."""
    from ui.shared.common import UiEnv
    from ui.shared.worker import TaskRunner

    return lambda ctx: UiEnv(ctx, TaskRunner())
