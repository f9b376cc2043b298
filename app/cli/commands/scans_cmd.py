"""scans: signed paper comes home (import scanned pages, list and match the unread ones)."""

from __future__ import annotations

import sys

from app.cli.common import open_ctx


def register(sub) -> None:
    p = sub.add_parser("scans", help="签字扫描件：导入扫描的签字表单，按页面上的表单码归档",
                       description="导入签字后扫描的表单（PDF、JPG、PNG、TIFF，可多页、顺序任意），按每页右上角的"
                                   "表单码归档到原打印件旁；无法识别的页面进入“待人工匹配”。")
    ssub = p.add_subparsers(dest="scans_cmd", metavar="COMMAND", required=True)
    ip = ssub.add_parser("import", help="导入扫描件（文件或文件夹）")
    ip.add_argument("paths", nargs="+", metavar="PATH", help="PDF / 图片文件或文件夹")
    ip.set_defaults(func=cmd_import)
    lp = ssub.add_parser("pending", help="列出待人工匹配的扫描页")
    lp.set_defaults(func=cmd_pending)
    mp = ssub.add_parser("match", help="把一张待人工匹配的扫描页归到某次打印")
    mp.add_argument("scan", help="扫描页编号（scans pending 列出的前 8 位即可）")
    mp.add_argument("--job", required=True, help="打印单号（页面右上角二维码旁，如 7K3M9Q2X）")
    mp.add_argument("--page", type=int, required=True, help="页码")
    mp.set_defaults(func=cmd_match)


def cmd_import(args) -> int:
    from app.forms import scans

    ctx = open_ctx(args)
    result = scans.import_scans(ctx, args.paths)
    for e in result.errors:
        print(f"无法读取：{e}", file=sys.stderr)
    for r in result.filed:
        print(f"已归档  {r.form_code} {r.subject or ''} 打印单号 {r.job_code} 第 {r.page} 页  ← {r.source} 第 {r.source_page} 页")
    for r in result.unmatched:
        print(f"待人工匹配  {r.source} 第 {r.source_page} 页（{r.note}）→ {r.file_path}")
    print(result.summary() + f"；用时 {result.seconds:.1f} 秒")
    return 0 if not result.errors else 1


def cmd_pending(args) -> int:
    from app.forms import scans

    ctx = open_ctx(args)
    rows = scans.unmatched_scans(ctx)
    if not rows:
        print("没有待人工匹配的扫描页")
    for r in rows:
        print(f"{r.uuid[:8]}  {r.imported_at:%Y-%m-%d %H:%M} {r.imported_by}  {r.source} 第 {r.source_page} 页  {r.file_path}")
    return 0


def cmd_match(args) -> int:
    from app.domain.errors import NotFound
    from app.forms import scans

    ctx = open_ctx(args)
    wanted = args.scan.strip().lower()
    found = [r for r in scans.unmatched_scans(ctx) if r.uuid.lower().startswith(wanted)]
    if len(found) != 1:
        raise NotFound(f"待人工匹配的扫描页中没有编号为 {args.scan} 的一页" if not found
                       else f"编号 {args.scan} 不唯一，请多给几位")
    row = scans.match_scan(ctx, found[0].uuid, args.job, args.page, expected_version=found[0].version)
    print(f"已归档  {row.form_code} 打印单号 {row.job_code} 第 {row.page} 页 → {row.file_path}")
    return 0
