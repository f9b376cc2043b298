"""calendar import-notice, calendar show: next year's days off and make-up working days."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import open_ctx
from app.domain.errors import ValidationError


def register(sub) -> None:
    p = sub.add_parser("calendar", help="工作日历：导入国务院放假安排通知、查看某年的放假和调休上班日")
    csub = p.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    i = csub.add_parser("import-notice", help="读取国务院《关于某年部分节假日安排的通知》全文（文本文件），存为本站工作日历")
    i.add_argument("file", help="通知全文的文本文件（UTF-8）")
    i.add_argument("--year", type=int, help="通知的年份（全文中没有标题时）")
    i.add_argument("--yes", action="store_true", help="不再询问，直接保存")
    i.set_defaults(func=cmd_import_notice)
    s = csub.add_parser("show", help="列出某年的放假日和调休上班日：YYYY-MM-DD 放假|上班 名称")
    s.add_argument("--year", type=int, required=True)
    s.set_defaults(func=cmd_show)


def _read(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise ValidationError("文件", f"找不到文件 {path}")
    raw = p.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("文件", "无法读取文件内容，请另存为 UTF-8 文本")


def cmd_import_notice(args) -> int:
    from app.core.holiday_notice import parse_notice, save_notice

    notice = parse_notice(_read(args.file), args.year)
    for d in notice.days:
        print(f"{d.day:%Y-%m-%d} {d.kind} {d.name}")
    print(f"共 {len(notice.days_off)} 天放假，{len(notice.make_up_days)} 天调休上班。")
    if not args.yes:
        answer = input(f"保存为 {notice.year} 年的工作日历吗？[y/N] ").strip().lower()
        if answer not in ("y", "yes", "是"):
            print("未保存。")
            return 1
    ctx = open_ctx(args)
    n = save_notice(ctx, notice)
    print(f"已保存 {n} 天到 {notice.year} 年的工作日历。")
    return 0


def cmd_show(args) -> int:
    from app.core import calendar

    ctx = open_ctx(args)
    for line in calendar.year_lines(ctx, args.year):
        print(line)
    return 0
