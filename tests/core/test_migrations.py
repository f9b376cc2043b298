"""The migrations build exactly the schema the models describe, and an older
database is upgraded automatically after a backup."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.config import Paths
from app.db.engine import current_revision, head_revision, make_engine, migrate
from app.db.base import Base
from app.features import load_models


def test_migrations_match_models(bare_ctx):
    with bare_ctx.engine.connect() as conn:
        # The search index (FTS5, SQLite only) lives outside the ORM metadata.
        from app.core.search_index import include_name

        load_models()
        opts = {"compare_type": False, "include_name": include_name}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []


def test_head_constant_is_alembic_head(bare_ctx):
    from app.db.engine import HEAD_REVISION

    assert HEAD_REVISION == head_revision(bare_ctx.engine) == current_revision(bare_ctx.engine)


def test_old_database_upgraded_after_backup(tmp_path):
    from alembic import command

    from app.db.engine import alembic_config

    paths = Paths(tmp_path / "h").ensure()
    engine = make_engine(f"sqlite:///{paths.database}")
    command.upgrade(alembic_config(engine), "0001_core")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO site (code, name, company_name, created_at) "
                             "VALUES ('OLD', '旧站点', '旧公司', '2026-01-01 00:00:00')")
    assert current_revision(engine) == "0001_core"
    backup = migrate(engine, paths.backups)
    assert current_revision(engine) == head_revision(engine)
    assert backup is not None and backup.exists()
    import sqlite3

    with sqlite3.connect(backup) as b:
        assert b.execute("SELECT code FROM site").fetchall() == [("OLD",)]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT code FROM site").scalar() == "OLD"
