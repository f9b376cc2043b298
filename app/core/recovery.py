"""Ways out of a damaged database, usable before anyone can log in (the CLI and the start
window call these with the home folder only): restore the newest verified backup, or rescue
every row that can still be read into a new database file. The damaged file is always kept."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from app.config import Paths
from app.core import backup, health
from app.db.engine import make_engine, migrate
from app.domain.errors import ValidationError


def restore_newest(home=None) -> backup.RestoreResult:
    paths = Paths.resolve(home)
    newest = backup.newest_verified(paths.backups)
    if newest is None:
        raise ValidationError("备份", f"{paths.backups} 中没有可用的备份")
    return restore_path(newest.path, home, allow_other_site=False)


def restore_path(path, home=None, *, allow_other_site: bool = False) -> backup.RestoreResult:
    paths = Paths.resolve(home)
    paths.backups.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{paths.database}")
    try:
        current = _site_of(paths.database)
        return backup.restore_file(engine, paths, Path(path), allow_other_site=allow_other_site,
                                   current_site=current)
    finally:
        engine.dispose()


def _site_of(database: Path) -> str | None:
    import sqlite3

    if not database.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT code FROM site ORDER BY id LIMIT 1").fetchone()
        finally:
            conn.close()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None


def _build_schema(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate(engine)
    finally:
        engine.dispose()


def recover_home(home=None) -> tuple[health.RecoveryResult, str]:
    """Rescue what can be read: the damaged file is set aside under backups/, a new database
    with every readable row takes its place. Returns the result and where the damaged file is."""
    paths = Paths.resolve(home)
    if not paths.database.exists():
        raise ValidationError("数据库", f"找不到数据库文件 {paths.database}")
    paths.backups.mkdir(parents=True, exist_ok=True)
    kept = backup.set_aside(paths.database, paths.backups, datetime.now().replace(microsecond=0))
    with tempfile.TemporaryDirectory(dir=paths.home, prefix=".recover-") as tmp:
        target = Path(tmp) / "recovered.db"
        result = health.recover(Path(kept), target, _build_schema)
        for extra in ("-wal", "-shm"):
            side = paths.database.with_name(paths.database.name + extra)
            if side.exists():
                side.unlink()
        os.replace(target, paths.database)
    return health.RecoveryResult(str(paths.database), result.tables, result.lost_tables), kept
