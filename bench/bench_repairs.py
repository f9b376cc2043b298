"""Repairs and routine visits on a large site, through the application's code, against the
bare sqlite3 module doing comparable SQL in the same run.

- the work-order list (newest 500, the page's default), against a bare SELECT … LIMIT 500;
- one order's whole life (create → 派工 → 接单 → 完工 → 回访, five units of work), against
  five bare INSERT/UPDATE + COMMIT;
- the half-year coverage per building and one building's not-yet-visited list, against a bare
  GROUP BY over units LEFT JOIN visits;
- the month's repair statistics.

    python bench/bench_repairs.py --out /tmp/fd-repairs/frontdesk.db --orders 50000
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import time
import uuid as _uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def line(label: str, ours: float, bare: float | None) -> None:
    ratio = f"{ours / bare:6.1f}×" if bare else ""
    bare_text = f"{bare:8.2f} ms" if bare is not None else " " * 11
    print(f"  {label:<36} {ours:8.2f} ms   bare {bare_text}   {ratio}")


def build(path: Path, orders: int):
    from app.config import Paths
    from app.db.engine import make_engine, migrate
    from app.repairs.models import RepairOrder
    from app import demo, repairs
    from app.core import users
    from app.core.context import Context

    if path.parent.exists():
        shutil.rmtree(path.parent)
    paths = Paths(path.parent).ensure()
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, paths.backups)
    clock = {"now": datetime(2026, 11, 20, 18, 30)}
    ctx = Context(engine, paths, clock=lambda: clock["now"])
    ctx.actor = users.init_site(ctx, site_code="BIG", site_name="大型小区服务中心", company_name="示例物业",
                                admin_username="admin", admin_name="管理员", password="secret-123")
    demo.generate(ctx, days=1, buildings=20, entrances=2, floors=18, per_floor=2, contacts_per_day=5)
    rnd = random.Random(1)
    cats = repairs.DEFAULT_CATEGORIES
    start = datetime(2025, 1, 1)
    span = (clock["now"] - timedelta(days=1) - start).total_seconds()
    rows = []
    for i in range(orders):
        at = start + timedelta(seconds=span * i / orders)
        closed = rnd.random() < 0.97
        rows.append(dict(
            uuid=str(_uuid.UUID(int=rnd.getrandbits(128))), site_code="BIG", version=4 if closed else 1,
            created_at=at, created_by="管理员", updated_at=at + timedelta(hours=3), updated_by="管理员",
            number=f"WX{at:%Y%m%d}{i % 1000:03d}{i // 1000:03d}"[:20], received_at=at, reporter="业主",
            unit_no=f"{rnd.randint(1, 20)}-1-{rnd.randint(1, 18)}01", phone="13800138000",
            phone_digits="13800138000", content="厨房水龙头漏水需要更换", category=rnd.choice(cats), urgency="一般",
            paid=False, dispatched_at=at + timedelta(minutes=5) if closed else None,
            picked_up_at=at + timedelta(minutes=20) if closed else None,
            completed_at=at + timedelta(hours=3) if closed else None, result="已修好" if closed else None,
            pickup_late=False, finish_late=False, overdue=rnd.random() < 0.05, chase_count=0,
            follow_up_required=closed and rnd.random() < 0.4, reopen_count=0,
            status="已关闭" if closed else "待派工", received_by="管理员"))
    with engine.begin() as conn:
        for i in range(0, len(rows), 5000):
            conn.execute(RepairOrder.__table__.insert(), rows[i:i + 5000])
    return ctx, clock


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="SQLite file to create")
    p.add_argument("--orders", type=int, default=50_000)
    p.add_argument("--runs", type=int, default=15)
    args = p.parse_args(argv)
    from app.repairs import household_visits as hv
    from app import repairs, residents

    path = Path(args.out).resolve()
    t0 = time.perf_counter()
    ctx, clock = build(path, args.orders)
    units = residents.list_units(ctx, limit=100000)
    occupied = [u for u in units if u.occupied]
    for u in occupied[: len(occupied) * 2 // 3]:
        hv.record_visit(ctx, unit_no=u.code, interviewee="住户", content="例行走访")
    print(f"site: {len(units)} units ({len(occupied)} occupied, {len(occupied) * 2 // 3} visited), "
          f"{args.orders:,} work orders; built in {time.perf_counter() - t0:.1f} s")

    bare = sqlite3.connect(path)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=30000"):
        bare.execute(f"PRAGMA {pragma}")
    runs = args.runs

    ours = median_ms(lambda: repairs.list_orders(ctx, limit=500), runs)
    raw = median_ms(lambda: bare.execute("SELECT * FROM repair_order WHERE site_code='BIG' "
                                         "ORDER BY received_at DESC, id DESC LIMIT 500").fetchall(), runs)
    line("工单列表（最新 500 张）", ours, raw)
    ours = median_ms(lambda: repairs.list_orders(ctx, text="3-1-501", limit=500), runs)
    raw = median_ms(lambda: bare.execute("SELECT * FROM repair_order WHERE site_code='BIG' AND "
                                         "(unit_no LIKE '%3-1-501%' OR content LIKE '%3-1-501%') "
                                         "ORDER BY received_at DESC LIMIT 500").fetchall(), runs)
    line("按房号查找", ours, raw)

    def life():
        o = repairs.create_order(ctx, reporter="陈先生", unit_no="3-1-501", content="漏水", category="给排水")
        o = repairs.dispatch(ctx, o.uuid, "工程部", expected_version=o.version)
        o = repairs.pick_up(ctx, o.uuid, "李师傅", expected_version=o.version)
        o = repairs.complete(ctx, o.uuid, result="修好", expected_version=o.version)
        if o.follow_up_required:
            repairs.record_follow_up(ctx, o.uuid, content="好", feedback="满意", expected_version=o.version)
        else:
            repairs.close(ctx, o.uuid, expected_version=o.version)

    counter = iter(range(10**9))

    def bare_life():
        n = next(counter)
        u = str(_uuid.uuid4())
        bare.execute("INSERT INTO repair_order (uuid, site_code, version, created_at, created_by, updated_at, "
                     "updated_by, number, received_at, reporter, content, category, urgency, paid, pickup_late, "
                     "finish_late, overdue, chase_count, follow_up_required, reopen_count, status, received_by) "
                     "VALUES (?, 'BIG', 1, '2026-11-20', 'x', '2026-11-20', 'x', ?, '2026-11-20', 'x', 'x', "
                     "'给排水', '一般', 0, 0, 0, 0, 0, 0, 0, '待派工', 'x')", (u, f"B{n}"))
        bare.commit()
        for status in ("已派工", "维修中", "待回访", "已关闭"):
            bare.execute("UPDATE repair_order SET status=?, version=version+1 WHERE uuid=?", (status, u))
            bare.commit()

    line("一张工单的全过程（5 个事务）", median_ms(life, runs), median_ms(bare_life, runs))
    ours = median_ms(lambda: hv.coverage(ctx), runs)
    raw = median_ms(lambda: bare.execute(
        "SELECT u.building_id, SUM(u.occupied), COUNT(DISTINCT f.unit_no) FROM unit u LEFT JOIN follow_up f "
        "ON f.unit_no = u.code AND f.subject_type='日常走访' AND f.visited_at >= '2026-07-01' AND u.occupied "
        "GROUP BY u.building_id").fetchall(), runs)
    line("各楼栋走访覆盖率", ours, raw)
    line("一栋楼未走访房屋", median_ms(lambda: hv.unvisited_units(ctx, building="7"), runs), None)
    line("月度维修统计", median_ms(lambda: repairs.month_statistics(ctx, 2026, 10), runs), None)
    line("导航角标（含超时标记）", median_ms(lambda: repairs.nav_badge(ctx), runs), None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
