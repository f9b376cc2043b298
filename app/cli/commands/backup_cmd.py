"""Backups and the ways out of a damaged database: backup, backups, restore, recover, unlock-home."""

from __future__ import annotations

import sys

from app.cli.common import open_ctx


def register(sub) -> None:
    p = sub.add_parser("backup", help="立即备份数据库（经校验、压缩，按规则保留）")
    p.add_argument("--to", dest="folder", help="备份到这个文件夹（默认数据目录下的 backups）")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("backups", help="列出备份：时间、大小、记录数、是否校验通过")
    p.set_defaults(func=cmd_backups)
    p = sub.add_parser("restore", help="用备份文件恢复数据库（当前数据库先保留为备份）")
    p.add_argument("file", help="备份文件（.db.gz）")
    p.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    p.add_argument("--other-site", action="store_true", help="允许恢复其他站点的备份")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("recover", help="数据库损坏时：把仍能读出的记录抢救到新的数据库文件（损坏的文件保留）")
    p.add_argument("--yes", action="store_true", help="不再询问")
    p.set_defaults(func=cmd_recover)
    p = sub.add_parser("unlock-home", help="清除另一台电脑对数据目录的占用（确认那台电脑已不再使用后）")
    p.set_defaults(func=cmd_unlock_home)


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def cmd_backup(args) -> int:
    from app.core import backup

    ctx = open_ctx(args)
    info = backup.make_backup(ctx, "manual", folder=args.folder)
    print(f"已备份：{info.path}（{_size(info.size)}，{info.total_records} 条记录，校验通过）")
    return 0


def cmd_backups(args) -> int:
    from app.config import Paths
    from app.core import backup

    paths = Paths.resolve(args.home)
    rows = backup.list_backups(paths.backups)
    if not rows:
        print(f"{paths.backups} 中还没有备份")
        return 0
    for b in rows:
        state = "校验通过" if b.verified else "未校验"
        print(f"{b.created_at:%Y-%m-%d %H:%M:%S}  {b.reason_text:<4}  {_size(b.size):>9}  "
              f"{b.total_records:>8} 条记录  {state}  {b.path}")
    return 0


def _confirm(args, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print("请加 --yes 确认（没有可用的终端来询问）", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes", "是")


def cmd_restore(args) -> int:
    from app.core import recovery

    if not _confirm(args, "恢复会用备份替换当前数据库（当前数据库会先保留为备份）。继续吗？"):
        return 1
    result = recovery.restore_path(args.file, args.home, allow_other_site=args.other_site)
    kept = f"；原数据库已保留为 {result.kept_as}" if result.kept_as else ""
    print(f"已恢复 {result.restored.created_at:%Y-%m-%d %H:%M} 的备份（{result.restored.total_records} 条记录）{kept}")
    return 0


def cmd_recover(args) -> int:
    from app.core import recovery

    if not _confirm(args, "抢救会用仍能读出的记录建立新的数据库（损坏的文件保留在 backups 中）。继续吗？"):
        return 1
    result, kept = recovery.recover_home(args.home)
    rows = sum(result.tables.values())
    lost = f"；无法读出的表：{'、'.join(result.lost_tables)}" if result.lost_tables else ""
    print(f"已抢救 {rows} 行记录到新的数据库{lost}。损坏的文件保留为 {kept}。请运行 frontdesk check 检查。")
    return 0


def cmd_unlock_home(args) -> int:
    from app.config import Paths
    from app.core import health

    paths = Paths.resolve(args.home)
    gone = health.clear_holder(paths.home)
    if gone is None:
        print("数据目录没有被占用")
    else:
        print(f"已清除计算机“{gone.host}”（自 {gone.since:%Y-%m-%d %H:%M} 起）对数据目录的占用")
    return 0
