"""Open the database for the GUI or the CLI: paths, engine, migrations, context.

Before anything is written the home is checked (``app.core.health``): not on a network
drive, not in use by another computer, writable (a read-only home opens for reading), and
the SQLite file not damaged. An older schema is upgraded after a verified backup.
"""

from __future__ import annotations

from app.config import Paths
from app.core.context import Context
from app.db.engine import make_engine, migrate
from app.domain.errors import HomeUnavailable, ReadOnlyHome


def open_context(home=None, db_url: str | None = None, *, upgrade: bool = True) -> Context:
    """Resolve the home folder, check it, connect, upgrade an older schema (after a backup)
    and return a service context with no one logged in yet."""
    from app.core import connection, health

    paths = Paths.resolve(home)
    url = connection.resolve_url(paths, db_url)
    sqlite = url.startswith("sqlite")
    if sqlite:
        health.refuse_network_home(paths.home)
    try:
        paths.ensure()
    except PermissionError:
        if not paths.home.is_dir():
            raise HomeUnavailable(f"无法创建数据目录 {paths.home}：没有写入权限。请换一个数据目录，或请管理员检查权限。")
    except OSError as exc:
        raise HomeUnavailable(f"数据目录 {paths.home} 无法使用（{exc.strerror}）。请检查磁盘或换一个数据目录。") from None
    if not sqlite:
        engine = make_engine(url)
        if upgrade:
            migrate(engine)
        return Context(engine, paths)
    if not health.home_writable(paths.home, paths.database):
        if not paths.database.exists():
            raise HomeUnavailable(f"数据目录 {paths.home} 是只读的，也没有数据库，无法开始使用。请换一个数据目录。")
        ctx = Context(make_engine(f"sqlite:///file:{paths.database}?mode=ro&uri=true"), paths)
        ctx.storage_error = ReadOnlyHome("数据目录是只读的：可以查看，但不能保存任何修改。请联系管理员检查数据目录的权限。")
        return ctx
    problem = health.damage_of(paths.database)
    if problem:
        raise health.damaged_message(paths.database, problem, paths.backups)
    health.claim_home(paths.home)
    engine = make_engine(url)
    if upgrade:
        _upgrade(engine, paths)
    return Context(engine, paths)


def _upgrade(engine, paths: Paths) -> None:
    """Upgrade an older schema; a database that has tables gets a verified backup first."""
    from app.db.engine import HEAD_REVISION, current_revision

    current = current_revision(engine)
    if current == HEAD_REVISION:
        return
    if current is not None:
        from app.core import backup

        backup.make_backup(Context(engine, paths), "migrate")
    migrate(engine)
