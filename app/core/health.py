"""The state of a desk's data folder and database, checked before anything is written:

- a home on a network drive (UNC path, mapped drive, SMB/NFS mount) is refused: SQLite's
  locking does not hold there; several desks share a PostgreSQL database instead;
- a home in use by another computer is refused with the holder's name and time (processes
  on the same computer share it); an administrator may clear a stale holder;
- a damaged SQLite file (header, truncation) is found before the first write, and any later
  sign of damage stops all writing (see ``Context.unit_of_work``);
- a read-only home opens for reading.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.errors import DatabaseDamaged, HomeUnavailable

LOCK_FILE = "frontdesk.lock"
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs",
              "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone"}
SHARED_DB_HINT = "多台电脑共用数据时，请在 系统设置 中连接服务中心的共享数据库（PostgreSQL），不要把数据目录放在网络位置。"


# ---------------------------------------------------------------- network drives
def _mounts() -> list[tuple[str, str]]:
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            return [(parts[1].replace("\\040", " "), parts[2]) for parts in (line.split() for line in fh)
                    if len(parts) >= 3]
    except OSError:
        return []


def is_network_path(path: Path, *, mounts: list[tuple[str, str]] | None = None) -> bool:
    """Whether ``path`` lies on a network drive."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
        return False
    resolved = str(Path(text).resolve())
    best, kind = "", ""
    for mount, fstype in (mounts if mounts is not None else _mounts()):
        if (resolved == mount or resolved.startswith(mount.rstrip("/") + "/")) and len(mount) >= len(best):
            best, kind = mount, fstype
    return kind in NETWORK_FS


def refuse_network_home(home: Path) -> None:
    if is_network_path(home):
        raise HomeUnavailable(f"数据目录 {home} 位于网络位置，不能在这里保存数据库（多台电脑同时写入会损坏数据）。"
                              + SHARED_DB_HINT)


# ---------------------------------------------------------------- one home, one computer
@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    user: str
    since: datetime


def _lock_path(home: Path) -> Path:
    return home / LOCK_FILE


def holder(home: Path) -> Holder | None:
    try:
        data = json.loads(_lock_path(home).read_text(encoding="utf-8"))
        return Holder(str(data["host"]), int(data["pid"]), str(data.get("user", "")),
                      datetime.fromisoformat(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def this_host() -> str:
    return os.environ.get("FRONTDESK_HOSTNAME") or socket.gethostname()


def claim_home(home: Path, *, now: datetime | None = None) -> None:
    """Record that this computer uses the home; refuse when another computer holds it."""
    current = holder(home)
    host = this_host()
    if current is not None and current.host != host:
        raise HomeUnavailable(
            f"数据目录正由计算机“{current.host}”使用（自 {current.since:%Y-%m-%d %H:%M} 起）。"
            "同一数据目录不能由两台电脑同时使用。如果那台电脑已经关机或不再使用，"
            "请管理员在确认后运行 frontdesk unlock-home 清除占用。" + SHARED_DB_HINT)
    if current is not None and current.host == host:
        return  # processes on one computer share the home
    try:
        user = os.environ.get("USERNAME") or os.environ.get("USER") or ""
        data = {"host": host, "pid": os.getpid(), "user": user,
                "since": (now or datetime.now()).isoformat(timespec="seconds")}
        _lock_path(home).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # a read-only home: nothing will be written anyway


def release_home(home: Path) -> None:
    current = holder(home)
    if current is not None and current.host == this_host():
        try:
            _lock_path(home).unlink()
        except OSError:
            pass


def clear_holder(home: Path) -> Holder | None:
    """An administrator's way out when the holding computer is gone: forget it."""
    current = holder(home)
    try:
        _lock_path(home).unlink()
    except OSError:
        pass
    return current


# ---------------------------------------------------------------- read-only and damage
def home_writable(home: Path, database: Path) -> bool:
    if not os.access(home, os.W_OK):
        return False
    return not database.exists() or os.access(database, os.W_OK)


def damage_of(database: Path) -> str | None:
    """A cheap look at a SQLite file before it is used: None when it looks sound, otherwise
    what is wrong (``frontdesk check`` runs the full integrity check)."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    try:
        with open(database, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return f"无法读取数据库文件（{exc.strerror}）"
    if not header.startswith(b"SQLite format 3\x00"):
        return "数据库文件头已损坏（不是有效的数据库文件）"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size = database.stat().st_size
    wal = database.with_name(database.name + "-wal")
    if pages and page_size and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        return f"数据库文件不完整（应有 {pages * page_size} 字节，实际 {size} 字节）"
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"数据库文件已损坏（{exc}）"
    return None


def integrity_problems(database: Path, *, limit: int = 5) -> list[str]:
    """SQLite's full integrity check: an empty list when the file is sound."""
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def damaged_message(database: Path, what: str, backups: Path) -> DatabaseDamaged:
    """The message for a damaged database: what happened and the ways out."""
    from app.core.backup_files import newest_verified

    newest = newest_verified(backups)
    if newest is not None:
        way = (f"最新的可用备份是 {newest.created_at:%Y-%m-%d %H:%M} 的备份（{newest.total_records} 条记录），"
               f"该时间之后录入的内容会丢失：可用 frontdesk restore \"{newest.path}\" 恢复；")
    else:
        way = "没有找到可用的备份；"
    return DatabaseDamaged(f"数据库已损坏：{what}。为防止进一步损坏，已停止写入。{way}"
                           "也可以用 frontdesk recover 把仍能读出的记录抢救到新的数据库文件（损坏的文件会保留，不会被覆盖）。")


# ---------------------------------------------------------------- recovery
def _reindex(conn: sqlite3.Connection) -> None:
    """Fill the search index of the recovered records (it is never copied: it is derived)."""
    from app.core.search_index import FTS_TABLE, index_rows

    if conn.execute("SELECT 1 FROM sqlite_master WHERE name=?", (FTS_TABLE,)).fetchone() is None:
        return
    rows = conn.execute("SELECT id, received_at, name, content, unit_no, phone_digits FROM contact_record").fetchall()
    index_rows(conn, rows, replace=True)


@dataclass(frozen=True)
class RecoveryResult:
    path: str
    tables: dict[str, int]   # rows recovered per table
    lost_tables: tuple[str, ...]


MAGIC = b"SQLite format 3\x00"


def _patched_copy(damaged: Path, copy: Path) -> Path:
    """A copy SQLite can open: the file's magic string put back, a truncated file padded to the
    size its header says (the missing pages read as damaged, the rest as before)."""
    import shutil

    shutil.copyfile(damaged, copy)
    for extra in ("-wal",):
        side = damaged.with_name(damaged.name + extra)
        if side.exists() and side.stat().st_size:
            shutil.copyfile(side, copy.with_name(copy.name + extra))
    with open(copy, "r+b") as fh:
        header = bytearray(fh.read(100))
        if len(header) == 100:
            if not header.startswith(MAGIC):
                header[:16] = MAGIC
                fh.seek(0)
                fh.write(header)
            page_size = int.from_bytes(header[16:18], "big")
            page_size = 65536 if page_size == 1 else page_size
            pages = int.from_bytes(header[28:32], "big")
            size = copy.stat().st_size
            if page_size and pages and size < pages * page_size:
                fh.truncate(pages * page_size)
    return copy


def recover(damaged: Path, target: Path, build_schema) -> RecoveryResult:
    """Copy every row that can still be read from ``damaged`` into a new database ``target``
    whose schema ``build_schema(path)`` creates (the current migrations). Rows are read in id
    ranges so one bad page loses only the rows stored on it."""
    build_schema(target)
    readable = _patched_copy(damaged, target.with_name(target.name + ".source"))
    out = sqlite3.connect(target)
    src = sqlite3.connect(f"file:{readable}?mode=ro", uri=True)
    recovered: dict[str, int] = {}
    lost: list[str] = []
    try:
        tables = [r[0] for r in out.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'contact_fts%' AND name != 'alembic_version'")]
        out.execute("PRAGMA foreign_keys=OFF")
        for table in tables:
            cols = [r[1] for r in out.execute(f'PRAGMA table_info("{table}")')]
            placeholders = ",".join("?" * len(cols))
            collist = ",".join(f'"{c}"' for c in cols)
            out.execute(f'DELETE FROM "{table}"')
            n = 0
            try:
                top = src.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
            except sqlite3.DatabaseError:
                top = None
            if top is None:
                try:
                    rows = src.execute(f'SELECT {collist} FROM "{table}"').fetchall()
                    out.executemany(f'INSERT INTO "{table}" ({collist}) VALUES ({placeholders})', rows)
                    n = len(rows)
                except sqlite3.DatabaseError:
                    lost.append(table)
            else:
                step = 500
                for start in range(0, top + 1, step):
                    try:
                        rows = src.execute(f'SELECT {collist} FROM "{table}" WHERE rowid >= ? AND rowid < ?',
                                           (start, start + step)).fetchall()
                    except sqlite3.DatabaseError:
                        rows = []
                        for rid in range(start, start + step):  # narrow down to single rows
                            try:
                                rows += src.execute(f'SELECT {collist} FROM "{table}" WHERE rowid = ?',
                                                    (rid,)).fetchall()
                            except sqlite3.DatabaseError:
                                continue
                    out.executemany(f'INSERT OR IGNORE INTO "{table}" ({collist}) VALUES ({placeholders})', rows)
                    n += len(rows)
            recovered[table] = n
        _reindex(out)
        out.commit()
    finally:
        src.close()
        out.close()
    return RecoveryResult(str(target), recovered, tuple(lost))
