"""The backups in a folder as plain data: what each one is (its ``.json`` description beside
it) and which is the newest verified one. Reads files only, so anything may use it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SUFFIX = ".db.gz"
PG_SUFFIX = ".jsonl.gz"
REASONS = {"auto": "自动", "close": "退出时", "manual": "手动", "migrate": "升级前", "restore": "恢复前",
           "nightly": "每晚"}



@dataclass(frozen=True)
class BackupInfo:
    path: str
    created_at: datetime
    reason: str
    site_code: str
    site_name: str
    size: int
    records: dict[str, int]
    verified: bool
    schema: str | None
    kind: str  # sqlite / postgresql

    @property
    def total_records(self) -> int:
        return sum(self.records.values())

    @property
    def reason_text(self) -> str:
        return REASONS.get(self.reason, self.reason)


def manifest_path(backup: Path) -> Path:
    name = backup.name
    for suffix in (SUFFIX, PG_SUFFIX):
        if name.endswith(suffix):
            return backup.with_name(name[: -len(suffix)] + ".json")
    return backup.with_suffix(".json")


def read_info(path: Path) -> BackupInfo | None:
    manifest = manifest_path(path)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return BackupInfo(str(path), datetime.fromisoformat(data["created_at"]), data.get("reason", ""),
                          data.get("site_code", ""), data.get("site_name", ""), path.stat().st_size,
                          dict(data.get("records", {})), bool(data.get("verified")), data.get("schema"),
                          data.get("kind", "sqlite"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in a folder, newest first (files without a readable description are left out)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.name.endswith((SUFFIX, PG_SUFFIX)):
            info = read_info(path)
            if info is not None:
                found.append(info)
    return sorted(found, key=lambda b: (b.created_at, b.path), reverse=True)


def newest_verified(folder: Path) -> BackupInfo | None:
    return next((b for b in list_backups(folder) if b.verified), None)
