"""One engine per process; SQLite tuned for a desk that must never lose a record."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: The newest migration. Lets every start skip importing Alembic when the database is
#: already current (tests/test_migrations.py checks it equals Alembic's own head).
HEAD_REVISION = "0015_today_indexes"


#: Execution option of the connections a writing unit of work uses (see ``writer``).
WRITE_OPTION = "frontdesk_write"


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) for units of work that write: on SQLite their
    transactions begin with ``BEGIN IMMEDIATE``."""
    return engine.execution_options(**{WRITE_OPTION: True})


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        from sqlalchemy.engine import make_url

        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # Let SQLAlchemy manage transactions (BEGIN issued on first statement).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # A unit of work that writes takes the write lock up front and waits for it within
            # the busy timeout; a deferred transaction that upgrades to a write later can fail
            # at once with "database is locked". Reads stay deferred (WAL: they never block).
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION)
                                 else "BEGIN")

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision stored in ``alembic_version`` (None for an empty database)."""
    with engine.connect() as conn:  # one connection, no schema inspector: every start asks this
        if not engine.dialect.has_table(conn, "alembic_version"):
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return rows[0][0] if len(rows) == 1 else None


def backup_sqlite(engine: Engine, backups: Path, label: str) -> Path | None:
    """Copy the SQLite database with SQLite's online backup (WAL content included)."""
    db = engine.url.database
    if engine.dialect.name != "sqlite" or not db or db == ":memory:" or not Path(db).exists():
        return None
    backups.mkdir(parents=True, exist_ok=True)
    target = backups / f"frontdesk-{datetime.now():%Y%m%d-%H%M%S}-{label}.db"
    src = sqlite3.connect(db)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def migrate(engine: Engine, backups: Path | None = None) -> Path | None:
    """Bring the database to the newest schema. An existing SQLite database is
    backed up first. Returns the backup's path, if one was made."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    from alembic import command

    cfg = alembic_config(engine)
    head = head_revision(engine)
    backup = None
    has_tables = bool(inspect(engine).get_table_names())
    if has_tables and backups is not None:
        backup = backup_sqlite(engine, backups, f"before-{head}")
    command.upgrade(cfg, "head")
    return backup


