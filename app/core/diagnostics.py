"""导出诊断信息: a zip a support person can read, with nothing personal in it: the version, the
operating system, the database kind (never its password), the result of the health check
(counts, not records), the backups, and the last lines of the logs with names, phone and ID
numbers and record text taken out."""

from __future__ import annotations

import json
import platform
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from app import __version__
from app.core.context import Context

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_DIGITS = re.compile(r"\d[\d\s\-]{5,}\d")
_QUOTED = re.compile(r"(['\"“「]).*?(['\"”」])")
LOG_LINES = 300


def scrub(line: str) -> str:
    """A log line without personal data: quoted values, runs of digits (phones, ID numbers) and
    Chinese text (names, record text) are replaced."""
    line = _QUOTED.sub(r"\1…\2", line)
    line = _DIGITS.sub("#", line)
    return _CJK.sub("*", line)


def database_kind(ctx: Context) -> str:
    url = ctx.engine.url
    if url.get_backend_name() == "sqlite":
        return "本机数据库（SQLite）"
    return f"共享数据库（PostgreSQL，服务器 {url.host or ''}:{url.port or 5432}，数据库 {url.database}）"


def about(ctx: Context) -> dict[str, str]:
    return {"版本": __version__, "数据目录": str(ctx.paths.home), "数据库": database_kind(ctx),
            "操作系统": f"{platform.system()} {platform.release()}", "Python": platform.python_version()}


def export(ctx: Context, target: Path) -> Path:
    from app.core import backup_files, maintenance

    report = maintenance.check(ctx)
    check_lines = [scrub(line) if not line.startswith(("数据库：", "站点：")) else line.split("：")[0] + "：…"
                   for line in report.lines]
    backups = [{"time": b.created_at.isoformat(), "size": b.size, "records": b.total_records,
                "verified": b.verified, "reason": b.reason} for b in backup_files.list_backups(ctx.paths.backups)]
    info = {"version": __version__, "os": platform.platform(), "python": sys.version.split()[0],
            "database": ctx.engine.dialect.name, "generated": datetime.now().isoformat(timespec="seconds")}
    target = Path(target)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("about.json", json.dumps(info, ensure_ascii=False, indent=1))
        z.writestr("check.txt", "\n".join(check_lines))
        z.writestr("backups.json", json.dumps(backups, ensure_ascii=False, indent=1))
        for log in sorted(ctx.paths.logs.glob("*.log")):
            try:
                lines = log.read_text(encoding="utf-8", errors="replace").splitlines()[-LOG_LINES:]
            except OSError:
                continue
            z.writestr(f"logs/{log.name}", "\n".join(scrub(x) for x in lines))
    return target
