"""Backups: consistent, verified, compressed copies of the database under ``<home>/backups/``,
kept by a rotation rule, optionally mirrored to a second folder, and restored on request.

A backup is two files side by side:

- ``frontdesk-<site>-<YYYYmmdd-HHMMSS>-<reason>.db.gz``: on SQLite the database file taken by
  SQLite's online backup (one step, so a consistent snapshot even while desks keep saving), on
  PostgreSQL the application's portable dump (every table as JSON lines), gzip-compressed;
- the same name with ``.json``: site, time, reason, record counts, schema revision, verified.

A copy is verified before it counts: on SQLite ``PRAGMA integrity_check`` of the copy and its
record counts; a backup that fails verification is deleted and reported.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import socket
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import MetaData, func, select, text
from sqlalchemy.engine import Engine

from app.core import settings
from app.core.context import Context
from app.domain.enums import Role
from app.core.backup_files import (
    PG_SUFFIX, REASONS, SUFFIX, BackupInfo, list_backups, manifest_path, newest_verified, read_info,  # noqa: F401
)
from app.domain.errors import FrontDeskError, ValidationError

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]

#: Tables whose rows are counted in a backup's summary (what a person recognises).
COUNTED = ("contact_record", "complaint", "follow_up", "repair_order", "movein", "renovation",
           "resident", "unit", "audit_event")

AUTO_MINUTES = settings.define("backup.auto_minutes", 30, "自动备份：有修改时的最短间隔（分钟）")
MIRROR_FOLDER = settings.define("backup.mirror_folder", "", "备份：第二份副本的文件夹（如 U 盘或网络文件夹）")
MIRROR_OK_AT = settings.define("backup.mirror_ok_at", "", "备份：最近一次成功写入第二份副本的时间")
KEEP_DAILY = settings.define("backup.keep_daily", 7, "备份保留：每日（天）")
KEEP_WEEKLY = settings.define("backup.keep_weekly", 8, "备份保留：每周（周）")
KEEP_MONTHLY = settings.define("backup.keep_monthly", 12, "备份保留：每月（月）")

class BackupFailed(FrontDeskError):
    pass


# ---------------------------------------------------------------- making a backup
def _stamp(at: datetime) -> str:
    return at.strftime("%Y%m%d-%H%M%S")


def _sqlite_file(engine: Engine) -> Path | None:
    db = engine.url.database
    if engine.dialect.name == "sqlite" and db and db != ":memory:":
        return Path(db)
    return None


def _counts_sqlite(conn: sqlite3.Connection) -> dict[str, int]:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED if t in names}


def _revision_sqlite(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _site_sqlite(conn: sqlite3.Connection) -> tuple[str, str]:
    try:
        row = conn.execute("SELECT code, name FROM site ORDER BY id LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return "", ""
    return (row[0], row[1]) if row else ("", "")


def verify_sqlite_file(path: Path) -> tuple[bool, dict[str, int], str]:
    """(sound, record counts, message) of a plain SQLite file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return False, {}, f"无法打开：{exc}"
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            return False, {}, "完整性检查未通过：" + "；".join(str(r[0]) for r in result[:3])
        return True, _counts_sqlite(conn), "完整性检查通过"
    except sqlite3.DatabaseError as exc:
        return False, {}, f"文件已损坏：{exc}"
    finally:
        conn.close()


def _snapshot_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup in one step: a consistent snapshot, WAL content included."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=0)
        finally:
            dst.close()
    finally:
        src.close()


def _gzip(source: Path, target: Path, progress: ProgressFn | None = None) -> None:
    total = source.stat().st_size or 1
    done = 0
    with open(source, "rb") as fin, gzip.open(target, "wb", compresslevel=6) as fout:
        while chunk := fin.read(1 << 18):  # small steps: the GUI thread gets the interpreter often
            fout.write(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)


def _gunzip(source: Path, target: Path) -> None:
    with gzip.open(source, "rb") as fin, open(target, "wb") as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)


def _pg_dump(engine: Engine, target: Path, progress: ProgressFn | None = None) -> dict[str, int]:
    """Every table of the database as JSON lines (``{"table": …, "row": {…}}``), gzip-compressed."""
    meta = MetaData()
    meta.reflect(engine)
    counts: dict[str, int] = {}
    tables = meta.sorted_tables
    with engine.connect() as conn, gzip.open(target, "wt", encoding="utf-8") as out:
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for i, table in enumerate(tables):
            n = 0
            for row in conn.execute(select(table)).mappings():
                out.write(json.dumps({"table": table.name, "row": dict(row)}, ensure_ascii=False, default=str))
                out.write("\n")
                n += 1
            if table.name in COUNTED:
                counts[table.name] = n
            if progress:
                progress(i + 1, len(tables))
    return counts


def make_backup(ctx: Context, reason: str = "manual", *, folder: Path | None = None,
                progress: ProgressFn | None = None) -> BackupInfo:
    """Take, verify and compress a backup; then apply the rotation rule and copy it to the mirror."""
    folder = Path(folder) if folder else ctx.paths.backups
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFailed(f"无法创建备份文件夹 {folder}：{_os_reason(exc)}") from None
    at = ctx.now()
    try:
        site = ctx.site
        site_code, site_name = site.code, site.name
    except FrontDeskError:
        site_code, site_name = "", ""
    base = f"frontdesk-{site_code or 'new'}-{_stamp(at)}-{reason}"
    source = _sqlite_file(ctx.engine)
    try:
        if source is not None:
            info = _backup_sqlite(source, folder, base, at, reason, progress)
        else:
            info = _backup_pg(ctx.engine, folder, base, at, reason, site_code, site_name, progress)
    except OSError as exc:
        raise BackupFailed(f"备份未完成：{_os_reason(exc)}") from None
    if folder == ctx.paths.backups:
        rotate(ctx.paths.backups, at)
        _mirror(ctx, Path(info.path))
    return info


def _backup_sqlite(source: Path, folder: Path, base: str, at: datetime, reason: str,
                   progress: ProgressFn | None) -> BackupInfo:
    if not source.exists():
        raise BackupFailed(f"找不到数据库文件 {source}")
    with tempfile.TemporaryDirectory(dir=folder, prefix=".tmp-") as tmp:
        raw = Path(tmp) / "copy.db"
        _snapshot_sqlite(source, raw)
        ok, counts, message = verify_sqlite_file(raw)
        if not ok:
            raise BackupFailed(f"备份副本校验未通过（{message}）：当前数据库可能已损坏，请运行 frontdesk check")
        conn = sqlite3.connect(raw)
        try:
            schema = _revision_sqlite(conn)
            site_code, site_name = _site_sqlite(conn)
        finally:
            conn.close()
        target = folder / (base + SUFFIX)
        _gzip(raw, target.with_suffix(".part"), progress)
        os.replace(target.with_suffix(".part"), target)
    info = BackupInfo(str(target), at, reason, site_code, site_name, target.stat().st_size, counts, True, schema,
                      "sqlite")
    _write_manifest(info)
    return info


def _backup_pg(engine: Engine, folder: Path, base: str, at: datetime, reason: str, site_code: str,
               site_name: str, progress: ProgressFn | None) -> BackupInfo:
    target = folder / (base + PG_SUFFIX)
    part = target.with_suffix(".part")
    counts = _pg_dump(engine, part, progress)
    os.replace(part, target)
    with engine.connect() as conn:
        schema = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        live = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in counts}
    verified = live == counts  # nothing changed between the dump and the count: the copy is whole
    info = BackupInfo(str(target), at, reason, site_code, site_name, target.stat().st_size, counts, verified,
                      schema, "postgresql")
    _write_manifest(info)
    return info


def _write_manifest(info: BackupInfo) -> None:
    data = {"created_at": info.created_at.isoformat(), "reason": info.reason, "site_code": info.site_code,
            "site_name": info.site_name, "size": info.size, "records": info.records, "verified": info.verified,
            "schema": info.schema, "kind": info.kind, "host": socket.gethostname()}
    manifest_path(Path(info.path)).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


# ---------------------------------------------------------------- rotation
def keep_set(times: Iterable[datetime], now: datetime, *, daily: int = 7, weekly: int = 8,
             monthly: int = 12) -> set[datetime]:
    """Which backup times the rule keeps: every one of today; the newest of each of the last
    ``daily`` days, of each of the last ``weekly`` ISO weeks and of each of the last ``monthly``
    months. Everything else may go."""
    times = sorted(set(times), reverse=True)
    today = now.date()
    keep = {t for t in times if t.date() == today}

    def newest_per(key, limit, since: date):
        seen: set = set()
        for t in times:
            if t.date() < since:
                break
            k = key(t)
            if k not in seen:
                seen.add(k)
                if len(seen) <= limit:
                    keep.add(t)

    newest_per(lambda t: t.date(), daily, today - timedelta(days=daily))
    newest_per(lambda t: t.isocalendar()[:2], weekly, today - timedelta(weeks=weekly))
    month_floor = date(today.year - (1 if today.month <= monthly % 12 else 0) - monthly // 12,
                       (today.month - monthly - 1) % 12 + 1, 1)
    newest_per(lambda t: (t.year, t.month), monthly, month_floor)
    return keep


def rotate(folder: Path, now: datetime, *, daily: int | None = None, weekly: int | None = None,
           monthly: int | None = None) -> list[str]:
    """Delete the backups the rule does not keep; returns the deleted paths."""
    backups = list_backups(folder)
    keep = keep_set((b.created_at for b in backups), now, daily=daily or 7, weekly=weekly or 8,
                    monthly=monthly or 12)
    gone = []
    for b in backups:
        if b.created_at not in keep:
            for p in (Path(b.path), manifest_path(Path(b.path))):
                try:
                    p.unlink()
                except OSError:
                    log.warning("cannot delete old backup %s", p.name)
            gone.append(b.path)
    return gone


# ---------------------------------------------------------------- mirror
def _mirror(ctx: Context, backup: Path) -> None:
    folder = settings.get(ctx, MIRROR_FOLDER)
    if not folder:
        return
    try:
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        for p in (backup, manifest_path(backup)):
            shutil.copy2(p, target / (p.name + ".part"))
            os.replace(target / (p.name + ".part"), target / p.name)
        rotate(target, ctx.now())
        settings.put_system(ctx, MIRROR_OK_AT, ctx.now().isoformat(timespec="seconds"))
    except OSError as exc:
        log.warning("backup mirror not reachable (%s)", type(exc).__name__)


def mirror_warning(ctx: Context) -> str | None:
    """A warning when a mirror folder is set but has not been written for a day."""
    folder = settings.get(ctx, MIRROR_FOLDER)
    if not folder:
        return None
    ok_at = settings.get(ctx, MIRROR_OK_AT)
    last = datetime.fromisoformat(ok_at) if ok_at else None
    if last is None or ctx.now() - last > timedelta(days=1):
        since = f"（上次成功：{last:%Y-%m-%d %H:%M}）" if last else ""
        return f"备份的第二份副本已超过一天未能写入 {folder}{since}：请检查 U 盘或网络文件夹是否连接。"
    return None


# ---------------------------------------------------------------- automatic backups
def changes_marker(ctx: Context) -> int:
    """Grows with every audited change (the newest audit event id)."""
    from app.core.models import AuditEvent

    with ctx.read() as s:
        return s.scalar(select(func.max(AuditEvent.id))) or 0


def auto_backup_due(ctx: Context, last_at: datetime | None, last_marker: int | None) -> bool:
    if last_marker is not None and changes_marker(ctx) == last_marker:
        return False
    if last_at is None:
        return True
    return ctx.now() - last_at >= timedelta(minutes=int(settings.get(ctx, AUTO_MINUTES)))


# ---------------------------------------------------------------- restore
@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    kept_as: str | None  # the pre-restore backup of the database that was replaced


def restore(ctx: Context, path: str | os.PathLike, *, allow_other_site: bool = False,
            progress: ProgressFn | None = None) -> RestoreResult:
    """Replace the database with a backup: the current database is backed up first (kept as a
    backup), the file is checked (sound, a backup of this site unless told otherwise), and the
    engine is reconnected to the restored database. SQLite homes only."""
    ctx.require_role(Role.ADMIN, "恢复备份")
    return restore_file(ctx.engine, ctx.paths, Path(path), allow_other_site=allow_other_site, progress=progress,
                        now=ctx.now(), current_site=_current_site(ctx))


def _current_site(ctx: Context) -> str | None:
    try:
        return ctx.site.code
    except Exception:  # an empty or damaged database has no readable site
        return None


def restore_file(engine: Engine, paths, path: Path, *, allow_other_site: bool = False,
                 progress: ProgressFn | None = None, now: datetime | None = None,
                 current_site: str | None = None) -> RestoreResult:
    """The restore itself (also used at start, when the database is too damaged to log in)."""
    target = _sqlite_file(engine)
    if target is None:
        raise ValidationError("备份文件", "共享数据库（PostgreSQL）请由服务器管理员按服务器说明恢复")
    path = Path(path)
    if not path.is_file():
        raise ValidationError("备份文件", f"找不到文件 {path}")
    now = now or datetime.now().replace(microsecond=0)
    with tempfile.TemporaryDirectory(dir=paths.backups, prefix=".tmp-") as tmp:
        raw = Path(tmp) / "restore.db"
        try:
            if path.name.endswith(".gz"):
                _gunzip(path, raw)
            else:
                shutil.copyfile(path, raw)
        except (OSError, EOFError, gzip.BadGzipFile):
            raise ValidationError("备份文件", "文件已损坏或不是 FrontDesk 的备份，未恢复") from None
        ok, counts, message = verify_sqlite_file(raw)
        if not ok:
            raise ValidationError("备份文件", f"备份文件不完整（{message}），未恢复")
        conn = sqlite3.connect(raw)
        try:
            site_code, _ = _site_sqlite(conn)
            if _revision_sqlite(conn) is None:
                raise ValidationError("备份文件", "不是 FrontDesk 的数据库备份，未恢复")
        finally:
            conn.close()
        if current_site and site_code and site_code != current_site and not allow_other_site:
            raise ValidationError("备份文件", f"这是站点 {site_code} 的备份，不是本站点（{current_site}）的；"
                                             "确需恢复请使用 --other-site")
        kept = None
        if target.exists():
            kept = _keep_current(target, paths.backups, now)
        engine.dispose()
        for extra in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            if extra.exists():
                extra.unlink()
        shutil.copyfile(raw, target.with_suffix(".restoring"))
        os.replace(target.with_suffix(".restoring"), target)
    info = read_info(path) or BackupInfo(str(path), now, "manual", site_code, "", path.stat().st_size, counts,
                                         True, None, "sqlite")
    return RestoreResult(info, kept)


def _keep_current(target: Path, folder: Path, now: datetime) -> str:
    """Keep the database about to be replaced: a verified backup when it is sound, otherwise the
    damaged file itself, set aside under a new name (never overwritten)."""
    ok, counts, _ = verify_sqlite_file(target)
    if ok:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".tmp-") as tmp:
            raw = Path(tmp) / "copy.db"
            _snapshot_sqlite(target, raw)
            conn = sqlite3.connect(raw)
            try:
                schema, (site_code, site_name) = _revision_sqlite(conn), _site_sqlite(conn)
            finally:
                conn.close()
            out = folder / f"frontdesk-{site_code or 'new'}-{_stamp(now)}-restore{SUFFIX}"
            _gzip(raw, out)
        _write_manifest(BackupInfo(str(out), now, "restore", site_code, site_name, out.stat().st_size, counts, True,
                                   schema, "sqlite"))
        return str(out)
    return set_aside(target, folder, now)


def set_aside(target: Path, folder: Path, now: datetime) -> str:
    """Move a damaged database (with its WAL) into the backups folder under a new name."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"damaged-{_stamp(now)}-{target.name}"
    shutil.copyfile(target, out)
    for extra in ("-wal", "-shm"):
        side = target.with_name(target.name + extra)
        if side.exists():
            shutil.copyfile(side, out.with_name(out.name + extra))
    return str(out)


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "磁盘已满"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限"
    if exc.errno == errno.ENOENT:
        return "文件夹不存在"
    return exc.strerror or type(exc).__name__
