"""export, import-workbook, import-roster: the head-office workbook from the command line."""

from __future__ import annotations

import sys

from app.cli.common import add_date_range_args, open_ctx


def register(sub) -> None:
    p = sub.add_parser("export", help="导出工作簿（汇总、来访来电、投诉、回访……），按日期范围")
    add_date_range_args(p)
    p.add_argument("--out", required=True, help="输出文件，如 SG01-20261120.xlsx")
    p.add_argument("--mask-phones", action="store_true", help="手机号脱敏（138****8000）；脱敏的工作簿不能再导入")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import-workbook", help="导入本软件导出的工作簿（先检查全部行，有错则不导入任何记录）")
    p.add_argument("file", help=".xlsx 文件")
    p.set_defaults(func=cmd_import_workbook)

    p = sub.add_parser("import-roster", help="导入房屋住户名册（楼栋、房屋、住户）")
    p.add_argument("file", help=".xlsx 文件，工作表“房屋住户”或第一个工作表")
    p.set_defaults(func=cmd_import_roster)


def _print_errors(exc) -> int:
    print(f"错误：{len(exc.errors)} 处错误，未导入任何记录：", file=sys.stderr)
    for line in exc.errors:
        print(f"  {line}", file=sys.stderr)
    return 2


def _print_warnings(warnings) -> None:
    for w in warnings:
        print(f"提示：{w}", file=sys.stderr)


def cmd_export(args) -> int:
    from app.cli.common import date_range
    from app.exchange import service as exchange

    date_from, date_to = date_range(args)
    ctx = open_ctx(args)
    result = exchange.export_workbook(ctx, date_from, date_to, args.out, mask_phones=args.mask_phones, kind="cli")
    counts = "，".join(f"{k} {v}" for k, v in result.counts.items())
    masked = "（手机号已脱敏）" if result.mask_phones else ""
    print(f"已导出 {result.path}{masked}：{counts}")
    return 0


def _import(args, service, what: str) -> int:
    from app.exchange.reader import WorkbookInvalid

    ctx = open_ctx(args)
    try:
        result = service(ctx, args.file)
    except WorkbookInvalid as exc:
        return _print_errors(exc)
    _print_warnings(result.warnings)
    print(f"已导入{what} {args.file}：{result.summary()}")
    return 0


def cmd_import_workbook(args) -> int:
    from app.exchange import service as exchange

    return _import(args, exchange.import_workbook, "")


def cmd_import_roster(args) -> int:
    from app import residents

    return _import(args, residents.import_roster, "名册")
