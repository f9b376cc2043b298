"""Five desks on one database: five processes record visits and calls and update each other's
records for a while, on one PostgreSQL database and then on one SQLite home (same PC).

Counts what a service centre cares about: records lost (created but not found after), updates
lost (a record's final version must be 1 + the updates that succeeded on it), raw database errors
a user would have seen (anything that is not a FrontDesk message), stale updates refused (the
record changed since the desk read it: refused with the other desk's name, as designed); and
prints the throughput of both.

    python bench/bench_desks.py --seconds 120 [--desks 5] [--pg URL] [--skip-sqlite] [--skip-pg]

The PostgreSQL server comes from --pg or FRONTDESK_TEST_PG_URL (a throw-away database is made
on it and dropped after).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
import uuid as _uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-pass-1"


def _setup(url: str, home: Path, desks: int) -> None:
    from app.config import Paths
    from app.core import users
    from app.core.context import Context
    from app.db.engine import make_engine, migrate
    from app.domain.enums import Role

    users.ARGON2_PARAMETERS.update(time_cost=1, memory_cost=8, parallelism=1)
    engine = make_engine(url)
    migrate(engine)
    ctx = Context(engine, Paths(home).ensure())
    ctx.actor = users.init_site(ctx, site_code="BENCH", site_name="压力测试服务中心", company_name="示例物业",
                                admin_username="admin", admin_name="管理员", password=PASSWORD)
    for i in range(desks):
        users.add_user(ctx, username=f"desk{i + 1}", name=f"前台{i + 1}", role=Role.RECEPTIONIST, password=PASSWORD)
    engine.dispose()


def _desk(args) -> dict:
    """One desk process: create and update records until the deadline."""
    url, home, n, deadline, seed = args
    from app import reception
    from app.config import Paths
    from app.core.context import Actor, Context
    from app.db.engine import make_engine
    from app.domain.enums import Role
    from app.domain.errors import FrontDeskError, StaleRecord

    rnd = random.Random(seed)
    engine = make_engine(url)
    ctx = Context(engine, Paths(home), actor=Actor(f"desk{n}", f"前台{n}", Role.RECEPTIONIST))
    created: list[str] = []
    updates: dict[str, int] = {}
    stale = user_errors = raw = 0
    stale_named = 0
    ops = 0
    known: list[str] = []
    last_refresh = 0.0
    while time.time() < deadline:
        try:
            if not known or rnd.random() < 0.5:
                row = reception.create_contact(ctx, method="来电", name=f"业主{rnd.randrange(1000)}", category="咨询",
                                               content=f"咨询 {_uuid.uuid4().hex[:8]}", phone="13800138000")
                created.append(row.uuid)
                known.append(row.uuid)
            else:
                if time.time() - last_refresh > 1:
                    # the other desks' records, as a refreshed list shows them
                    known = [r.uuid for r in reception.list_contacts(ctx, limit=30).rows] or known
                    last_refresh = time.time()
                uid = rnd.choice(known[-30:])
                seen = reception.get_contact(ctx, uid)
                time.sleep(rnd.random() * 0.02)  # the receptionist types
                reception.update_contact(ctx, uid, expected_version=seen.version,
                                         content=f"{seen.content[:12]} / 前台{n} 第 {ops} 次补充")
                updates[uid] = updates.get(uid, 0) + 1
            ops += 1
        except StaleRecord as exc:
            stale += 1
            stale_named += "前台" in str(exc)
            if "前台" not in str(exc) and os.environ.get("BENCH_DEBUG"):
                import traceback
                traceback.print_exc()
        except FrontDeskError as exc:
            user_errors += 1
            if user_errors <= 3:
                print(f"desk {n}: {exc}", file=sys.stderr)
        except Exception as exc:  # a raw database error: what a user must never see
            raw += 1
            print(f"desk {n}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
    engine.dispose()
    return dict(created=created, updates=updates, stale=stale, stale_named=stale_named, user_errors=user_errors,
                raw=raw, ops=ops)


def _verify(url: str, home: Path, results: list[dict]) -> dict:
    from sqlalchemy import select

    from app.config import Paths
    from app.core.context import Context
    from app.db.engine import make_engine
    from app.reception import ContactRecord

    engine = make_engine(url)
    ctx = Context(engine, Paths(home))
    created = [u for r in results for u in r["created"]]
    updates: dict[str, int] = {}
    for r in results:
        for u, k in r["updates"].items():
            updates[u] = updates.get(u, 0) + k
    with ctx.read() as s:
        versions = dict(s.execute(select(ContactRecord.uuid, ContactRecord.version)).all())
    engine.dispose()
    lost = sum(1 for u in created if u not in versions)
    lost_updates = sum(1 for u in created if u in versions and versions[u] != 1 + updates.get(u, 0))
    return dict(created=len(created), lost=lost, lost_updates=lost_updates,
                updates=sum(updates.values()), stale=sum(r["stale"] for r in results),
                stale_named=sum(r["stale_named"] for r in results),
                user_errors=sum(r["user_errors"] for r in results), raw=sum(r["raw"] for r in results),
                ops=sum(r["ops"] for r in results))


def run(kind: str, url: str, home: Path, desks: int, seconds: float) -> dict:
    _setup(url, home, desks)
    deadline = time.time() + 3 + seconds  # the processes start within the first seconds
    start = deadline - seconds
    with mp.get_context("spawn").Pool(desks) as pool:
        results = pool.map(_desk, [(url, str(home), i + 1, deadline, i) for i in range(desks)])
    elapsed = max(time.time() - start, 1e-9)
    out = _verify(url, home, results)
    out["throughput"] = out["ops"] / min(elapsed, seconds + 1)
    print(f"{kind:<10} 桌面 {desks}  时长 {seconds:.0f} 秒  新建 {out['created']}  修改成功 {out['updates']}  "
          f"过期修改被拒 {out['stale']}（其中写明对方姓名 {out['stale_named']}）  "
          f"丢失记录 {out['lost']}  丢失修改 {out['lost_updates']}  "
          f"原始数据库错误 {out['raw']}  其他提示 {out['user_errors']}  吞吐 {out['throughput']:.1f} 次保存/秒",
          flush=True)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=120)
    p.add_argument("--desks", type=int, default=5)
    p.add_argument("--pg", default=os.environ.get("FRONTDESK_TEST_PG_URL"))
    p.add_argument("--skip-pg", action="store_true")
    p.add_argument("--skip-sqlite", action="store_true")
    args = p.parse_args(argv)
    bad = 0
    if args.pg and not args.skip_pg:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = "fd_bench_" + _uuid.uuid4().hex[:8]
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
            with tempfile.TemporaryDirectory() as tmp:
                r = run("PostgreSQL", url, Path(tmp), args.desks, args.seconds)
                bad += r["lost"] + r["lost_updates"] + r["raw"]
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            r = run("SQLite", f"sqlite:///{home / 'frontdesk.db'}", home, args.desks, args.seconds)
            bad += r["lost"] + r["lost_updates"] + r["raw"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
