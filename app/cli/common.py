"""Helpers shared by the command handlers."""

from __future__ import annotations

import gc
import getpass
import sys
from datetime import date, datetime

from app.domain.errors import ValidationError


#: The engines the running command opened (see ``close_databases``).
_OPENED: list = []


def close_databases() -> None:
    """Close the connections of every database the command opened (``app.cli.main`` calls it when
    the command ends). On SQLite the last connection's close folds the write-ahead log back into
    the database file."""
    while _OPENED:
        _OPENED.pop().dispose()


def open_ctx(args, *, login: bool = True):
    """Open (and upgrade) the database named by --home/--db. With ``login`` the CLI acts as
    the site's administrator (whoever can run the command on this machine already holds the
    database file), so records carry a person's name; before any account exists, as 系统管理员."""
    from app.domain.enums import Role
    from app.core.bootstrap import open_context
    from app.core.context import Actor

    ctx = open_context(args.home, args.db_url)
    _OPENED.append(ctx.engine)
    if getattr(args, "whole_process", False):
        # What is loaded by now (the code, the mapped schema) stays until the process ends:
        # frozen, the cycle collector's full passes stop walking it (one such pass while the
        # font is read cost a print about 0.04 s: bench/bench_forms.py).
        gc.freeze()
    if login:
        ctx.actor = _site_admin(ctx) or Actor("cli:" + _os_user(), "系统管理员", Role.ADMIN)
    return ctx


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "cli"


def _site_admin(ctx):
    """The first active administrator account of the site, as the CLI's actor."""
    from app.core import users
    from app.core.context import Actor
    from app.domain.enums import Role

    try:
        admins = [u for u in users.list_users(ctx, include_inactive=False) if u.role == Role.ADMIN.value]
    except Exception:  # no site yet
        return None
    return Actor(admins[0].username, admins[0].name, Role.ADMIN) if admins else None


def read_password(args) -> str:
    if not getattr(args, "password_stdin", False):
        raise ValidationError("密码", "请用 --password-stdin 从标准输入提供密码")
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def parse_date(label: str, value: str | None) -> date | None:
    if value is None:
        return None
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    if value in ("today", "今天"):
        return date.today()
    raise ValidationError(label, f"“{value}”不是有效的日期，应为 YYYY-MM-DD")


def date_range(args, *, default_today: bool = False) -> tuple[date, date]:
    """--date D, or --from D --to D."""
    d = parse_date("--date", getattr(args, "date", None))
    f = parse_date("--from", getattr(args, "date_from", None))
    t = parse_date("--to", getattr(args, "date_to", None))
    if d and (f or t):
        raise ValidationError("日期", "--date 与 --from/--to 不能同时使用")
    if d:
        return d, d
    if f or t:
        if not (f and t):
            raise ValidationError("日期", "--from 和 --to 要同时给出")
        if f > t:
            raise ValidationError("日期", "--from 不能晚于 --to")
        return f, t
    if default_today:
        today = date.today()
        return today, today
    raise ValidationError("日期", "请用 --date D 或 --from D --to D 指定日期")


def add_date_range_args(parser) -> None:
    parser.add_argument("--date", help="某一天，YYYY-MM-DD")
    parser.add_argument("--from", dest="date_from", help="起始日期，YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="结束日期，YYYY-MM-DD")
