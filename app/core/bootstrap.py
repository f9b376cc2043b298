"""Open the database for the GUI or the CLI: paths, engine, migrations, context."""

from __future__ import annotations

from app.config import Paths
from app.db.engine import make_engine, migrate
from app.core.context import Context


def open_context(home=None, db_url: str | None = None, *, upgrade: bool = True) -> Context:
    """Resolve the home folder, connect, upgrade an older schema (after a backup) and
    return a service context with no one logged in yet."""
    paths = Paths.resolve(home).ensure()
    engine = make_engine(paths.database_url(db_url))
    if upgrade:
        migrate(engine, paths.backups)
    return Context(engine, paths)
