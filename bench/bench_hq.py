"""Head office receives a year of every site's daily workbooks: generate them, import them, report.

1. One template site (demo data of a year, through app.demo) exports its 365 daily workbooks
   through the service once; each workbook is then re-labelled for every site code (site code,
   site name and the first two hex digits of every 记录编号 replaced inside the .xlsx's sheets
   (openpyxl's write_only mode writes inline strings), 校验码 recomputed), so the sites hold distinct records at the cost of a file copy.
2. ``app.hq.import_paths`` imports the folder into an empty head-office home (SQLite) in a fresh
   process, against bare openpyxl read_only reading every cell of the same files in another
   fresh process of the same run. Figures: both times and the ratio (goal <= 0.3), the peak RSS
   (VmHWM) of the import process (goal < 500 MB), files per second.
3. ``app.hq.month_report`` of one month over the imported year (goal < 2 s), and writing it as PDF.

    python bench/bench_hq.py [--sites 50] [--days 365] [--work /tmp/fd-hq] [--month 2025-11] [--skip-bare]

The generated workbooks stay in --work for reruns. On the 2-core development machine a full
50 × 365 run takes about 20 minutes, most of it the openpyxl baseline (--skip-bare leaves it out).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

YEAR = 2025
TEMPLATE = dict(code="TPL00", name="模板花园服务中心")
PASSWORD = "bench-1234"
UUID_T = re.compile(rb"<t>([0-9a-f]{2})([0-9a-f]{6}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})</t>")


def _ctx(home: Path, clock):
    from app.config import Paths
    from app.core.context import Context
    from app.db.engine import make_engine, migrate

    paths = Paths(home).ensure()
    engine = make_engine(f"sqlite:///{paths.database}")
    migrate(engine, paths.backups)
    return Context(engine, paths, clock=clock)


def template_workbooks(work: Path, days: int) -> list[Path]:
    """The template site's daily workbooks of the last ``days`` days of YEAR."""
    from app import demo
    from app.core import users
    from app.exchange import service as exchange

    out = work / "template"
    if out.exists() and len(list(out.glob("*.xlsx"))) == days:
        return sorted(out.glob("*.xlsx"))
    shutil.rmtree(work / "template-home", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    now = [datetime(YEAR, 12, 31, 18, 0)]
    ctx = _ctx(work / "template-home", lambda: now[0])
    ctx.actor = users.init_site(ctx, site_code=TEMPLATE["code"], site_name=TEMPLATE["name"],
                                company_name="示例物业服务有限公司", admin_username="admin", admin_name="管理员",
                                password=PASSWORD)
    t = time.perf_counter()
    demo.generate(ctx, days=days, seed=7)
    print(f"template site: {days} days of demo data in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    first = date(YEAR, 12, 31) - timedelta(days=days - 1)
    paths = []
    for i in range(days):
        day = first + timedelta(days=i)
        now[0] = datetime.combine(day, datetime.min.time()) + timedelta(hours=19)
        path = out / f"{TEMPLATE['code']}-{day:%Y%m%d}.xlsx"
        exchange.export_workbook(ctx, day, day, path, kind="auto")
        paths.append(path)
    print(f"template site: {days} daily workbooks exported in {time.perf_counter() - t:.1f} s", flush=True)
    ctx.engine.dispose()
    return paths


def relabel(template: Path, target: Path, code: str, name: str, index: int) -> None:
    """A copy of a template workbook for another site: distinct codes and 记录编号, 校验码 recomputed."""
    from app.exchange.reader import open_book, workbook_checksum

    prefix = f"{index:02x}".encode()
    with zipfile.ZipFile(template) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]

    def strings(data: bytes, checksum: bytes | None) -> bytes:
        data = data.replace(f"<t>{TEMPLATE['code']}</t>".encode(), f"<t>{code}</t>".encode())
        data = data.replace(f"<t>{TEMPLATE['name']}</t>".encode(), f"<t>{name}</t>".encode())
        data = UUID_T.sub(lambda m: b"<t>" + prefix + m.group(2) + b"</t>", data)
        if checksum is not None:
            data = re.sub(rb"<t>[0-9a-f]{64}</t>", b"<t>" + checksum + b"</t>", data)
        return data

    def write(checksum: bytes | None) -> None:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in members:
                if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
                    data = strings(data, checksum)
                z.writestr(info, data)

    write(None)
    book = open_book(target)
    try:
        digest = workbook_checksum(book).encode()
    finally:
        book.close()
    write(digest)


def site_folder(work: Path, sites: int, days: int) -> Path:
    templates = template_workbooks(work, days)
    folder = work / f"inbox-{sites}x{days}"
    if folder.exists() and sum(1 for _ in folder.rglob("*.xlsx")) == sites * days:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    for k in range(1, sites + 1):
        code = f"S{k:03d}"
        sub = folder / code
        sub.mkdir(parents=True)
        for tpl in templates:
            relabel(tpl, sub / tpl.name.replace(TEMPLATE["code"], code), code, f"第{k}服务中心", k)
    print(f"{sites} sites × {days} days: {sites * days} workbooks re-labelled in {time.perf_counter() - t:.1f} s",
          flush=True)
    return folder


CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
mode, home, folder = sys.argv[1:4]
import app.exchange.service, openpyxl, sqlalchemy  # what both processes load
from pathlib import Path
files = sorted(Path(folder).rglob("*.xlsx"))
t = time.perf_counter()
if mode == "import":
    sys.path.insert(0, {bench!r})
    from bench_hq import import_into
    result = import_into(Path(home), [folder])
else:
    from openpyxl import load_workbook
    n = 0
    for f in files:
        wb = load_workbook(f, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                n += len(row)
        wb.close()
    result = n
seconds = time.perf_counter() - t
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({{"seconds": seconds, "peak_kb": hwm, "result": result, "files": len(files)}}))
"""


def import_into(home: Path, paths) -> str:
    from app import hq

    ctx = _ctx(home, lambda: datetime(YEAR + 1, 1, 1, 9, 0))
    from app.core.context import Actor
    from app.domain.enums import Role

    if not hq.is_head_office(ctx):
        hq.init_head_office(ctx, company="示例物业服务有限公司", password=PASSWORD)
    ctx.actor = Actor("admin", "管理员", Role.ADMIN)
    result = hq.import_paths(ctx, paths)
    ctx.engine.dispose()
    return result.summary()


def child(mode: str, home: Path, folder: Path) -> dict:
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"))
    out = subprocess.run([sys.executable, "-c", code, mode, str(home), str(folder)], capture_output=True, text=True,
                         cwd=str(ROOT))
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, default=50)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--work", type=Path, default=None, help="folder for the generated workbooks (kept for reruns)")
    ap.add_argument("--month", default=f"{YEAR}-11")
    ap.add_argument("--skip-bare", action="store_true", help="leave out the openpyxl baseline (the import and report only)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.gettempdir()) / "fd-bench-hq"
    work.mkdir(parents=True, exist_ok=True)
    folder = site_folder(work, args.sites, args.days)
    size = sum(f.stat().st_size for f in folder.rglob("*.xlsx"))
    print(f"inbox: {args.sites * args.days} workbooks, {size / 1e6:.1f} MB", flush=True)

    bare = None if args.skip_bare else child("bare", work, folder)
    home = work / f"hq-{args.sites}x{args.days}"
    shutil.rmtree(home, ignore_errors=True)
    imp = child("import", home, folder)
    print(f"hq import: {imp['seconds']:.1f} s, {imp['files'] / imp['seconds']:.0f} files/s — {imp['result']}")
    print(f"peak RSS of the import process: {imp['peak_kb'] / 1024:.0f} MB (goal < 500)")
    if bare:
        print(f"bare openpyxl read_only, every cell: {bare['seconds']:.1f} s ({bare['result']} cells); "
              f"its peak RSS {bare['peak_kb'] / 1024:.0f} MB")
        print(f"ratio import / bare read: {imp['seconds'] / bare['seconds']:.2f} (goal <= 0.3)")

    again = child("import", home, folder)
    print(f"hq import again (every file a duplicate): {again['seconds']:.1f} s — {again['result']}")

    from app import hq
    from app.core.context import Actor
    from app.domain.enums import Role

    ctx = _ctx(home, lambda: datetime(YEAR + 1, 1, 1, 9, 0))
    ctx.actor = Actor("admin", "管理员", Role.ADMIN)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        report = hq.month_report(ctx, args.month)
        times.append(time.perf_counter() - t)
    print(f"hq report {args.month} over {len(report.sites)} sites: {min(times):.2f} s (best of 3; goal < 2 s); "
          f"complaints {report.total.complaints}, contacts {report.total.contacts}")
    t = time.perf_counter()
    hq.write_report(report, work / "report.pdf")
    print(f"  … written as PDF in {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
