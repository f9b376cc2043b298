"""move-to: copy this site, with its whole history, into an empty shared database and switch to it."""

from __future__ import annotations

import sys

from app.cli.common import open_ctx


def register(sub) -> None:
    p = sub.add_parser("move-to", help="把本站点的全部记录（含历史）迁移到空的共享数据库，并改用它（原数据库文件保留为备份）")
    p.add_argument("url", help="共享数据库地址，如 postgresql+psycopg://frontdesk@192.168.1.20/frontdesk"
                               "（不含密码：密码从系统凭据库读取，或用 --password-stdin 提供）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取数据库密码")
    p.set_defaults(func=cmd_move_to)


def cmd_move_to(args) -> int:
    from app.core import connection, move

    url = args.url
    if args.password_stdin:
        db, _ = connection.SharedDatabase.from_url(url)
        url = db.url(sys.stdin.readline().rstrip("\r\n"))
    ctx = open_ctx(args)

    def progress(done: int, total: int) -> None:
        if total and (done == total or done % 20000 < 2000):
            print(f"  已复制 {done}/{total} 行", flush=True)

    result = move.move_to(ctx, url, progress=progress)
    print(f"已迁移 {result.total} 行到 {result.target}，核对记录数一致，检查通过。")
    for line in result.check_lines:
        print("  " + line)
    if result.old_database:
        print(f"本机今后使用共享数据库；原数据库文件 {result.old_database} 未改动，保留为备份。")
    return 0
