"""The ``frontdesk`` command. With no command it starts the GUI.

Commands live in ``app/cli/commands/``: every module there defines
``register(subparsers)``, adding its parsers with ``set_defaults(func=...)``.
Handlers import what they need when they run, so ``frontdesk --help`` and the GUI
start stay light. Bad input exits non-zero with one line, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import pkgutil
import sys

from app import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, in Chinese, exit 2
        self.exit(2, f"{self.prog}: 参数错误：{message}\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="frontdesk", description="FrontDesk 物业客服前台")
    parser.add_argument("--version", action="version", version=f"frontdesk {__version__}")
    parser.add_argument("--home", help="数据目录（数据库、设置、备份、归档、日志），也可用环境变量 FRONTDESK_HOME")
    parser.add_argument("--db", dest="db_url", help="数据库地址，如 postgresql+psycopg://user:pw@host/db，"
                                                    "也可用环境变量 FRONTDESK_DB_URL")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from app.cli import commands

    given = list(sys.argv[1:] if argv is None else argv)
    words = set(given)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if info.name == "print_cmd":
            module.register(sub, detailed="print" in words, argv=given)
        else:
            module.register(sub)
    return parser


def _log_crash(args, exc: BaseException) -> str | None:
    """Write the error by kind and place (never its message: a database error's message holds
    the statement's parameters) to <home>/logs/cli-errors.log."""
    try:
        from datetime import datetime

        from app.config import Paths
        from app.core.safe_log import describe

        paths = Paths.resolve(getattr(args, "home", None)).ensure()
        path = paths.logs / "cli-errors.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} frontdesk {getattr(args, 'command', '')}: {describe(exc)}\n")
        return str(path)
    except Exception:  # pragma: no cover - the log itself failed
        return None


def main(argv: list[str] | None = None, gui=None, *, whole_process: bool = False) -> int:
    """Run a command. ``gui(home=..., db_url=...)`` starts the windows when no command is given.
    ``whole_process``: this call is the whole process (``frontdesk``, ``python -m app``), which
    ends when the command returns."""
    if gui is not None:
        # no command: the windows start at once, without building every command's options
        pre = argparse.ArgumentParser(add_help=False)
        pre.add_argument("--home")
        pre.add_argument("--db", dest="db_url")
        known, rest = pre.parse_known_args(argv)
        if not rest:
            return gui(home=known.home, db_url=known.db_url)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        if gui is None:
            parser.print_help()
            return 0
        return gui(home=args.home, db_url=args.db_url)
    from app.domain.errors import FrontDeskError
    from app.features import load_all

    if getattr(args, "all_features", True):  # a command that needs only its own feature says so
        load_all()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    from app.core.safe_log import install

    for handler in logging.getLogger().handlers:
        install(handler, "%(levelname)s %(message)s")
    args.whole_process = whole_process  # (open_ctx reads it)
    try:
        return int(args.func(args) or 0)
    except FrontDeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback on the terminal
        log = _log_crash(args, exc)
        where = f"（详情见 {log}）" if log else ""
        print(f"错误：发生意外错误（{type(exc).__name__}）{where}", file=sys.stderr)
        return 1
    finally:
        from app.cli.common import close_databases

        close_databases()
        if whole_process:
            # The process ends now and every object with it. Frozen, they are left out of the
            # cycle collector's passes on the way out, which walk every object the imports and
            # the command made (about 0.1 s of a ``print``: bench/bench_forms.py). The database
            # connections are closed above; logging flushes its handlers at exit.
            gc.freeze()
