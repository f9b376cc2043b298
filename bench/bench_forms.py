"""KF-01 for a 200-row day, in a fresh process, against a bare reportlab script that draws
the same table (same rows, same font file, same column widths, CJK wrapping, repeated
header) in a fresh process, in the same run. Also the file size and the render step alone.

    python bench/bench_forms.py [--rows 200] [--runs 5]

Figures printed:
- ``cli``: ``frontdesk print contact-log --date D --out F`` end to end (interpreter start,
  imports, opening and checking the database, the query, rendering, writing the file,
  the archived copy and the print-log row);
- ``render``: a fresh process that imports the application and calls
  ``printing.render_form`` (no archive, no log) and writes the PDF;
- ``bare``: a fresh process running a plain reportlab script on the same rows (read from
  a JSON file, so it does no database work at all);
- ``db_start``: a fresh process that only opens the database (the SQLAlchemy and model
  imports and the schema-version check every command pays; Alembic only loads when the
  schema is behind), to show what the ratio is made of;
- in-process: the engine's render versus the bare build, both warm, same process.
Goals: cli/bare ≤ 1.5×, file < 500 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DAY = date(2026, 11, 20)

BARE = r'''
import json, sys, time
t0 = time.perf_counter()
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
spec = json.load(open(sys.argv[1], encoding="utf-8"))
if "CJK" not in pdfmetrics.getRegisteredFontNames():  # once per process, as the application does
    pdfmetrics.registerFont(TTFont("CJK", spec["font"], subfontIndex=spec["index"]))
st = ParagraphStyle("c", fontName="CJK", fontSize=8.5, leading=11, wordWrap="CJK")
head = ParagraphStyle("h", parent=st, fontSize=15.5, leading=20, alignment=1)
size = landscape(A4)
width = size[0] - 20 * mm
weights = spec["widths"]
widths = [width * w / sum(weights) for w in weights]
data = [[Paragraph(x, st) for x in spec["labels"]]]
for row in spec["rows"]:
    data.append([Paragraph(x, st) for x in row])
t = Table(data, colWidths=widths, repeatRows=1)
t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))
doc = SimpleDocTemplate(sys.argv[2], pagesize=size, leftMargin=10 * mm, rightMargin=10 * mm,
                        topMargin=13 * mm, bottomMargin=11 * mm)
doc.build([Paragraph(spec["title"], head), t])
'''


def _setup(home: Path, rows: int) -> None:
    from app.config import Paths
    from app.db.engine import make_engine, migrate
    from app.reception.models import ContactRecord
    from app.core import records, users
    from app.core.context import Context

    paths = Paths(home).ensure()
    engine = make_engine(paths.database_url())
    migrate(engine, paths.backups)
    ctx = Context(engine, paths, clock=lambda: datetime(2026, 11, 20, 18, 0))
    ctx.actor = users.init_site(ctx, site_code="BENCH", site_name="阳光花园服务中心", company_name="示例物业服务有限公司",
                                admin_username="admin", admin_name="管理员", password="bench-pass-1")
    texts = ["咨询物业费缴纳方式和截止时间", "卫生间天花板漏水，楼上渗水到本户，需要尽快安排师傅上门查看并维修",
             "楼上装修噪音太大，中午也在施工，影响老人和孩子午休，请物业出面协调施工时间",
             "咨询停车月卡办理流程", "请转告工程部李经理回电"]
    start = datetime.combine(DAY, datetime.min.time()).replace(hour=8)
    with ctx.unit_of_work() as s:
        for i in range(rows):
            at = start + timedelta(minutes=(600 * i) // rows)
            handed = i % 3 == 0
            records.create(ctx, s, ContactRecord, received_at=at, method="来电" if i % 2 else "来访",
                           name=f"{'王李张刘陈杨黄赵'[i % 8]}{'伟芳娜秀英敏静丽'[i % 7]}{'强磊军'[i % 3]}",
                           unit_no=f"{i % 6 + 1}-{i % 2 + 1}-{i % 15 + 1}{i % 2 + 1:02d}", phone=f"138{i:08d}",
                           phone_digits=f"138{i:08d}", category=["咨询", "报修", "投诉", "咨询", "转告"][i % 5],
                           content=texts[i % 5], handling_mode="转交" if handed else "当即处理",
                           department="工程部" if handed else None, handling="已联系相关部门处理完毕，业主表示认可",
                           completed_at=at + timedelta(hours=2), status="已完成", received_by="王丽")
    engine.dispose()


def _spec_for_bare(home: Path, out: Path) -> dict:
    """The same rows as the form prints, as strings, and the same font file."""
    from app.config import BUNDLED_TEMPLATES, Paths
    from app.db.engine import make_engine
    from app.forms.fonts import find_main
    from app.reception.print_contact_log import provide
    from app.forms.render import fmt
    from app.forms.template import read_file
    from app.core.context import Actor, Context
    from app.domain.enums import Role

    paths = Paths(home)
    engine = make_engine(paths.database_url())
    ctx = Context(engine, paths)
    ctx.actor = Actor("admin", "管理员", Role.ADMIN)
    t = read_file(BUNDLED_TEMPLATES / "contact-log.toml", "contact-log")
    cols = t.blocks[0].columns
    data = provide(ctx, date_from=DAY, date_to=DAY)
    rows = [[str(n) if c.key == "#" else fmt(r.get(c.key), c.format) for c in cols]
            for n, r in enumerate(data.values["rows"], 1)]
    font = find_main(None).choice
    spec = {"font": font.path, "index": font.index, "labels": [c.label for c in cols],
            "widths": [c.width for c in cols], "rows": rows, "title": t.title}
    out.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    engine.dispose()
    return spec


def _time_all(cmds: dict[str, list[str]], runs: int, env: dict) -> dict[str, tuple[float, float]]:
    """Median wall and CPU (user+sys of the child) seconds per command; the commands take
    turns, so a change of machine load hits them alike. One warm-up round first."""
    import resource

    wall: dict[str, list[float]] = {k: [] for k in cmds}
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    for i in range(runs + 1):
        for name, cmd in cmds.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            r = subprocess.run(cmd, capture_output=True, text=True, env=env)
            dt = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if r.returncode != 0:
                raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
            if i:  # the first round warms the OS file cache
                wall[name].append(dt)
                cpu[name].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in cmds}


RENDER_ONLY = r'''
import sys
from app.core.bootstrap import open_context
from app.core.context import Actor
from app.domain.enums import Role
from datetime import date
ctx = open_context(sys.argv[1])
ctx.actor = Actor("admin", "管理员", Role.ADMIN)
from app.forms import printing
r = printing.render_form(ctx, "contact-log", date_from=date(2026, 11, 20), date_to=date(2026, 11, 20))
open(sys.argv[2], "wb").write(r.pdf)
'''


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    py = sys.executable
    env = dict(os.environ, PYTHONPATH=str(ROOT), FRONTDESK_HOME="")
    env.pop("FRONTDESK_DB_URL", None)
    with tempfile.TemporaryDirectory(prefix="fd-bench-forms-") as tmp:
        tmp = Path(tmp)
        home = tmp / "home"
        _setup(home, args.rows)
        spec_file = tmp / "bare.json"
        _spec_for_bare(home, spec_file)
        bare_py = tmp / "bare.py"
        bare_py.write_text(BARE, encoding="utf-8")
        render_py = tmp / "render_only.py"
        render_py.write_text(RENDER_ONLY, encoding="utf-8")
        ours_pdf, bare_pdf, render_pdf = tmp / "kf01.pdf", tmp / "bare.pdf", tmp / "render.pdf"

        t = _time_all({
            "cli": [py, "-m", "app", "--home", str(home), "print", "contact-log", "--date", DAY.isoformat(),
                    "--out", str(ours_pdf)],
            "render": [py, str(render_py), str(home), str(render_pdf)],
            "bare": [py, str(bare_py), str(spec_file), str(bare_pdf)],
            "startup": [py, "-c", "pass"],
            "db_start": [py, "-c", "import sys; from app.core.bootstrap import open_context; "
                                   "import app.forms.printing; open_context(sys.argv[1])", str(home)],
        }, args.runs, env)

        # warm, in one process: the engine against the bare build
        sys.path.insert(0, str(tmp))
        from app.forms import printing
        from app.core.bootstrap import open_context
        from app.core.context import Actor
        from app.domain.enums import Role

        ctx = open_context(home)
        ctx.actor = Actor("admin", "管理员", Role.ADMIN)
        printing.render_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
        warm_ours = statistics.median(_warm(lambda: printing.render_form(ctx, "contact-log", date_from=DAY,
                                                                           date_to=DAY), args.runs))
        code = compile(BARE, "bare", "exec")

        def bare_once():
            saved = sys.argv
            sys.argv = ["bare", str(spec_file), str(bare_pdf)]
            try:
                exec(code, {"__name__": "bare"})
            finally:
                sys.argv = saved
        bare_once()
        warm_bare = statistics.median(_warm(bare_once, args.runs))
        ctx.engine.dispose()

        from pypdf import PdfReader

        pages = len(PdfReader(str(ours_pdf)).pages)
        bare_pages = len(PdfReader(str(bare_pdf)).pages)
        size_kb = ours_pdf.stat().st_size / 1024
        (cli, cli_cpu), (render, render_cpu), (bare, bare_cpu) = t["cli"], t["render"], t["bare"]
        print(f"KF-01, {args.rows} rows on one day; median of {args.runs} fresh processes, taking turns "
              f"(wall / CPU; python -c pass: {t['startup'][0] * 1000:.0f} ms)")
        print(f"  cli: frontdesk print contact-log   {cli * 1000:6.0f} / {cli_cpu * 1000:6.0f} ms   "
              f"{cli / bare:4.2f}× / {cli_cpu / bare_cpu:4.2f}× bare   {pages} pages, {size_kb:.0f} KB")
        print(f"  render_form in a fresh process     {render * 1000:6.0f} / {render_cpu * 1000:6.0f} ms   "
              f"{render / bare:4.2f}× / {render_cpu / bare_cpu:4.2f}× bare")
        print(f"  bare reportlab script              {bare * 1000:6.0f} / {bare_cpu * 1000:6.0f} ms   "
              f"1.00×          {bare_pages} pages, {bare_pdf.stat().st_size / 1024:.0f} KB")
        db, db_cpu = t["db_start"]
        print(f"  of which opening the database      {db * 1000:6.0f} / {db_cpu * 1000:6.0f} ms   (imports of "
              f"SQLAlchemy and the models, schema-version check); cli without it: "
              f"{(cli - db) / bare:4.2f}× / {(cli_cpu - db_cpu) / bare_cpu:4.2f}× bare")
        print(f"  warm, same process: engine {warm_ours * 1000:.0f} ms, bare {warm_bare * 1000:.0f} ms "
              f"({warm_ours / warm_bare:.2f}×)")
        ok = cli_cpu / bare_cpu <= 1.5 and size_kb < 500
        print(f"  goals (cli ≤ 1.5× bare in CPU time, file < 500 KB): {'met' if ok else 'NOT met'}")
    return 0


def _warm(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
