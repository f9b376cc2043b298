"""Everyday operations on a large site, through the application's code, against the bare
database library doing the same SQL in the same run (SQLite: the sqlite3 module with the
same pragmas: WAL, synchronous=FULL).

- saving one record: a resident through ``residents.add_resident`` and a visit/call record
  through ``records.create`` in one unit of work (validation, audit event and search index
  included), against one bare INSERT + COMMIT;
- listing one day of visit/call records, against the bare SELECT;
- searching: visit/call records (app.reception.search, newest 50) and residents
  (``residents.search_residents``), against a bare ``LIKE`` scan.

    python bench/bench_core.py --out /tmp/fd-large/frontdesk.db --records 1000000
    python bench/bench_core.py --db postgresql+psycopg://… --records 200000

An existing database with records is reused (generate once, measure often).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import gen_large  # noqa: E402


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def line(label: str, ours: float, bare: float | None, note: str = "") -> None:
    ratio = f"{ours / bare:6.1f}×" if bare else "      "
    bare_text = f"{bare:8.2f} ms" if bare is not None else "           "
    print(f"  {label:<34} {ours:8.2f} ms   bare {bare_text}   ratio {ratio}  {note}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="SQLite file (created with --records records if missing or empty)")
    where.add_argument("--db", help="database URL")
    p.add_argument("--records", type=int, default=1_000_000)
    p.add_argument("--years", type=float, default=4)
    p.add_argument("--runs", type=int, default=15)
    args = p.parse_args(argv)

    from sqlalchemy import func, select

    from app.reception.models import ContactRecord
    from app.reception import ContactCategory, ContactStatus, HandlingMode
    from app.domain.enums import ContactMethod
    from app.core import records
    from app import residents

    url = f"sqlite:///{Path(args.out).resolve()}" if args.out else args.db
    ctx = gen_large.open_site(url, Path(args.out).resolve().parent if args.out else Path.cwd() / "fd-bench-home")
    with ctx.read() as s:
        count = s.scalar(select(func.count()).select_from(ContactRecord))
    if not count:
        print(f"generating {args.records:,} records over {args.years:g} years …")
        ctx = gen_large.build(url, records=args.records, years=args.years, home=ctx.paths.home)
        with ctx.read() as s:
            count = s.scalar(select(func.count()).select_from(ContactRecord))
    with ctx.read() as s:
        last = s.scalar(select(func.max(ContactRecord.received_at)))
        residents_count = residents.count_residents(ctx)
    sqlite = ctx.engine.dialect.name == "sqlite"
    bare = None
    if sqlite:
        bare = sqlite3.connect(ctx.engine.url.database, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
            bare.execute(f"PRAGMA {pragma}")
    print(f"database: {ctx.engine.url.render_as_string(hide_password=True)}")
    print(f"  {count:,} visit/call records, {residents_count:,} residents; median of {args.runs} runs\n")

    # -- saving one record ----------------------------------------------------------------
    n = [0]
    now = ctx.now()

    def save_resident():
        n[0] += 1
        residents.add_resident(ctx, name="基准测试", phone=f"1370000{n[0] % 10000:04d}", unit_no="1-1-101",
                               role="租户")

    def save_contact():
        n[0] += 1
        with ctx.unit_of_work() as s:
            records.create(ctx, s, ContactRecord, received_at=now, method=ContactMethod.CALL.value, name="基准测试",
                           unit_no="3-2-1502", phone="13800138000", phone_digits="13800138000",
                           category=ContactCategory.REPAIR.value, content=f"卫生间天花板漏水，请尽快派人维修 {n[0]}",
                           handling_mode=HandlingMode.HANDED_OVER.value, department="工程部",
                           status=ContactStatus.IN_PROGRESS.value, received_by="管理员")

    def bare_insert():
        n[0] += 1
        ts = now.isoformat(sep=" ")
        bare.execute("BEGIN")
        bare.execute("INSERT INTO contact_record (uuid, site_code, version, created_at, created_by, updated_at, "
                     "updated_by, received_at, method, name, unit_no, phone, phone_digits, category, content, status, "
                     "received_by) VALUES (?, 'BENCH', 1, ?, 'x', ?, 'x', ?, '来电', '基准', '3-2-1502', "
                     "'13800138000', '13800138000', '报修', ?, '处理中', 'x')",
                     (f"bench-{time.time_ns()}", ts, ts, ts, f"漏水 {n[0]}"))
        bare.execute("COMMIT")

    bare_save = median_ms(bare_insert, args.runs) if bare else None
    print("saving one record")
    line("resident (residents.add_resident)", median_ms(save_resident, args.runs), bare_save)
    line("visit/call (records.create + audit)", median_ms(save_contact, args.runs), bare_save)

    # -- listing one day --------------------------------------------------------------------
    day = (last - timedelta(days=1)).replace(hour=0, minute=0, second=0)
    site = ctx.site.code

    def list_day():
        with ctx.read() as s:
            rows = s.scalars(select(ContactRecord).where(
                ContactRecord.site_code == site, ContactRecord.received_at >= day,
                ContactRecord.received_at < day + timedelta(days=1)).order_by(ContactRecord.received_at)).all()
            return [(r.uuid, r.received_at, r.name, r.unit_no, r.phone, r.category, r.content, r.status)
                    for r in rows]

    def bare_list_day():
        return bare.execute("SELECT * FROM contact_record WHERE site_code = ? AND received_at >= ? AND received_at < ? "
                            "ORDER BY received_at", (site, day.isoformat(sep=" "),
                                                     (day + timedelta(days=1)).isoformat(sep=" "))).fetchall()

    rows_in_day = len(list_day())
    print(f"\nlisting one day ({day:%Y-%m-%d}, {rows_in_day} records)")
    line("visit/call records of the day", median_ms(list_day, args.runs),
         median_ms(bare_list_day, args.runs) if bare else None)

    # -- searching ----------------------------------------------------------------------------------
    print("\nsearching (newest 50)")
    try:
        from app.reception import search

        for text in ("漏水", "马蜂窝", "3栋2单元", "13800"):
            def find(text=text):
                with ctx.read() as s:
                    return search.find(s, search.parse(text), [ContactRecord.site_code == site], limit=50)

            def bare_like(text=text):
                return bare.execute("SELECT * FROM contact_record WHERE site_code = ? AND (content LIKE ? OR name LIKE ? "
                                    "OR phone_digits LIKE ?) ORDER BY received_at DESC LIMIT 50",
                                    (site, f"%{text}%", f"%{text}%", f"%{text}%")).fetchall()

            found = len(find())
            line(f"records “{text}” ({found} shown)", median_ms(find, args.runs),
                 median_ms(bare_like, max(3, args.runs // 3)) if bare else None, "bare = LIKE scan")
    except Exception as exc:  # reception's search module absent or changed
        print(f"  visit/call search: n/a ({type(exc).__name__}: {exc})")
    for text in ("王", "1380", "3栋2单元"):
        def find_people(text=text):
            return residents.search_residents(ctx, text, limit=50)

        def bare_people(text=text):
            return bare.execute("SELECT * FROM resident WHERE name LIKE ? OR phone_digits LIKE ? ORDER BY name "
                                "LIMIT 50", (f"%{text}%", f"%{text}%")).fetchall()

        line(f"residents “{text}”", median_ms(find_people, args.runs),
             median_ms(bare_people, args.runs) if bare else None)
    if bare:
        bare.close()
    ctx.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
