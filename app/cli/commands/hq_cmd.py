"""hq: head office gathers every site's daily workbook (init, import, status, report, export, site)."""

from __future__ import annotations

import sys

from app.cli.common import open_ctx


def register(sub) -> None:
    p = sub.add_parser("hq", help="总部：汇集各站点每日工作簿（初始化、导入、接收情况、报表、合并导出）")
    hsub = p.add_subparsers(dest="hq_command", metavar="ACTION", required=True)

    a = hsub.add_parser("init", help="建立总部数据目录（可容纳多个站点，不做前台业务）")
    a.add_argument("--company", required=True, help="公司名称")
    a.add_argument("--code", default="HQ", help="总部编码（默认 HQ）")
    a.add_argument("--admin", default="admin", help="管理员用户名（默认 admin）")
    a.add_argument("--admin-name", help="管理员姓名")
    a.add_argument("--password-stdin", action="store_true", help="从标准输入读取管理员密码（不给则生成一个并显示）")
    a.set_defaults(func=cmd_init)

    a = hsub.add_parser("import", help="导入站点工作簿：文件或文件夹（含子文件夹），逐个全部导入或全部不导入")
    a.add_argument("paths", nargs="+", help=".xlsx 文件或文件夹")
    a.set_defaults(func=cmd_import)

    a = hsub.add_parser("status", help="各站点接收情况：最后收到的日期、缺失的工作日、被拒绝的文件")
    a.add_argument("--month", help="月份 YYYY-MM（默认本月）")
    a.set_defaults(func=cmd_status)

    a = hsub.add_parser("report", help="各站点月度报表（.xlsx 或带图表的 .pdf）")
    a.add_argument("--month", required=True, help="月份 YYYY-MM")
    a.add_argument("--out", required=True, help="输出文件 .xlsx 或 .pdf")
    a.set_defaults(func=cmd_report)

    a = hsub.add_parser("export", help="全部站点的合并工作簿（同一格式）")
    a.add_argument("--from", dest="date_from", required=True, help="起始日期 YYYY-MM-DD")
    a.add_argument("--to", dest="date_to", required=True, help="结束日期 YYYY-MM-DD")
    a.add_argument("--out", required=True, help="输出文件 .xlsx")
    a.set_defaults(func=cmd_export)

    a = hsub.add_parser("site", help="设置站点住户数（用于每百户投诉和走访覆盖率）")
    a.add_argument("code", help="站点编码")
    a.add_argument("--households", type=int, required=True, help="住户数")
    a.set_defaults(func=cmd_site)


def cmd_init(args) -> int:
    import secrets

    from app import hq
    from app.cli.common import read_password

    ctx = open_ctx(args, login=False)
    generated = None
    if args.password_stdin:
        password = read_password(args)
    else:
        generated = password = secrets.token_urlsafe(9)
    hq.init_head_office(ctx, company=args.company, code=args.code, admin_username=args.admin,
                        admin_name=args.admin_name, password=password)
    print(f"已建立总部数据目录：{args.company}（{args.code}），管理员 {args.admin}；数据目录 {ctx.paths.home}")
    if generated:
        print(f"管理员初始密码：{generated}（请登录后修改）")
    return 0


def cmd_import(args) -> int:
    from app import hq

    ctx = open_ctx(args)

    def progress(done: int, total: int) -> None:
        if total and sys.stderr.isatty():
            print(f"\r已处理 {done}/{total} 个文件", end="", file=sys.stderr, flush=True)

    result = hq.import_paths(ctx, args.paths, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for f in result.files:
        if f.result == hq.ImportOutcome.REFUSED:
            print(f"拒绝：{f.file_name}：{f.message}")
        elif f.result == hq.ImportOutcome.DUPLICATE:
            print(f"跳过：{f.file_name}：{f.message}")
        elif f.message:
            print(f"提示：{f.file_name}：{f.message}")
    print(result.summary())
    return 2 if result.count(hq.ImportOutcome.REFUSED) else 0


def _days_text(days) -> str:
    if not days:
        return "无"
    shown = "、".join(f"{d:%m-%d}" for d in days[:15])
    return shown + (f" 等 {len(days)} 天" if len(days) > 15 else f"（{len(days)} 天）")


def cmd_status(args) -> int:
    from app import hq

    ctx = open_ctx(args)
    hq.require_head_office(ctx)
    first, last = hq.month_range(args.month, ctx.now().date())
    rows = hq.site_status(ctx, args.month)
    print(f"{first:%Y-%m} 各站点接收情况（{len(rows)} 个站点）")
    for r in rows:
        last_day = f"{r.last_day:%Y-%m-%d}" if r.last_day else "从未收到"
        print(f"{r.code} {r.name}：最后收到 {last_day}；缺失工作日 {_days_text(r.missing)}；被拒绝文件 {len(r.refused)} 个")
        for f in r.refused:
            print(f"    拒绝 {f.file_name}（{f.imported_at:%Y-%m-%d %H:%M}）：{f.message.splitlines()[0]}")
    for f in hq.unattributed_refusals(ctx, args.month):
        print(f"站点未登记或无法识别的文件 {f.file_name}（{f.imported_at:%Y-%m-%d %H:%M}）被拒绝：{f.message.splitlines()[0]}")
    return 0


def cmd_report(args) -> int:
    from app import hq

    ctx = open_ctx(args)
    hq.require_head_office(ctx)
    report = hq.month_report(ctx, args.month)
    path = hq.write_report(report, args.out)
    t = report.total
    print(f"已生成 {path}：{report.month}，{len(report.sites)} 个站点，来访来电 {t.contacts}，投诉 {t.complaints}，维修 {t.repairs}")
    return 0


def cmd_export(args) -> int:
    from app import hq
    from app.cli.common import parse_date
    from app.domain.errors import ValidationError

    d1, d2 = parse_date("--from", args.date_from), parse_date("--to", args.date_to)
    if d1 > d2:
        raise ValidationError("日期", "--from 不能晚于 --to")
    ctx = open_ctx(args)
    result = hq.export_all(ctx, d1, d2, args.out)
    counts = "，".join(f"{k} {v}" for k, v in result.counts.items())
    print(f"已导出全部站点的工作簿 {result.path}：{counts}")
    return 0


def cmd_site(args) -> int:
    from app import hq

    ctx = open_ctx(args)
    hq.require_head_office(ctx)
    row = hq.set_households(ctx, args.code, args.households)
    print(f"站点 {row.code} {row.name}：住户数 {row.households}")
    return 0
