"""A large site for benchmarks, on SQLite or PostgreSQL: buildings, units, residents and
(by default) one million visit/call records over N years.

Records are bulk-inserted with SQLAlchemy Core ``executemany`` on the model tables (not
through the services: a million records through the ORM would take longer than the
benchmark). The visit/call rows and their Chinese texts come from bench/gen_contacts.py
(the reception benchmark's generator), so both benchmarks see the same kind of data; its
units (buildings 1-30, entrances 1-4, floors 1-33, rooms 01-04) are created here with a
resident each. On SQLite the reception search index is filled as the application does.

    python bench/gen_large.py --out /tmp/fd-large/frontdesk.db --records 1000000 --years 4
    python bench/gen_large.py --db postgresql+psycopg://u:p@host/db --records 200000

Importable: ``build(url, records=..., years=...) -> Context`` (logged in as the admin).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid as _uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import gen_contacts  # noqa: E402  (the reception benchmark's row generator)

SITE = "BENCH"
PASSWORD = "bench-1234"
BATCH = 10_000
DATETIME_COLUMNS = {"created_at", "updated_at", "received_at", "due_at", "completed_at"}
#: The unit layout gen_contacts draws its unit numbers from.
BUILDINGS, ENTRANCES, FLOORS, ROOMS = 30, 4, 33, 4


def _log(msg: str) -> None:
    print(msg, flush=True)


def open_site(url: str, home: Path):
    """Migrate the database and create the bench site (or reuse it); returns a Context as admin."""
    from app.config import Paths
    from app.db.engine import make_engine, migrate
    from app.domain.enums import Role
    from app.core import users
    from app.core.context import Actor, Context

    paths = Paths(home).ensure()
    engine = make_engine(url)
    migrate(engine)
    ctx = Context(engine, paths)
    if not users.is_initialised(ctx):
        users.init_site(ctx, site_code=SITE, site_name="基准测试服务中心", company_name="基准物业服务有限公司",
                        admin_username="admin", admin_name="管理员", password=PASSWORD)
    ctx.actor = Actor("admin", "管理员", Role.ADMIN)
    return ctx


def _insert(conn, table, rows, batch=BATCH) -> int:
    n = 0
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            conn.execute(table.insert(), chunk)
            n += len(chunk)
            chunk = []
    if chunk:
        conn.execute(table.insert(), chunk)
        n += len(chunk)
    return n


def _base(rnd: random.Random, at: datetime, site: str) -> dict:
    return {"uuid": str(_uuid.UUID(int=rnd.getrandbits(128), version=4)), "site_code": site, "version": 1,
            "created_at": at, "created_by": "管理员", "updated_at": at, "updated_by": "管理员"}


def add_places(ctx, *, seed: int = 7) -> int:
    """Buildings, units and one resident (业主 or 租户) per occupied unit. Returns units added."""
    from sqlalchemy import func, select

    from app.core.models import Building, Resident, Unit, UnitResident

    rnd = random.Random(seed)
    site = ctx.site.code
    at = ctx.now()
    with ctx.engine.begin() as conn:
        if conn.scalar(select(func.count()).select_from(Unit.__table__)):
            return 0
        _insert(conn, Building.__table__, (dict(_base(rnd, at, site), name=str(b), label=f"{b}栋",
                                                area="东区" if b <= BUILDINGS // 2 else "西区")
                                           for b in range(1, BUILDINGS + 1)))
        ids = dict(conn.execute(select(Building.name, Building.id).where(Building.site_code == site)).all())
        units = []
        for b in range(1, BUILDINGS + 1):
            for e in range(1, ENTRANCES + 1):
                for f in range(1, FLOORS + 1):
                    for r in range(1, ROOMS + 1):
                        units.append(dict(_base(rnd, at, site), building_id=ids[str(b)], entrance=str(e),
                                          room=f"{f}{r:02d}", code=f"{b}-{e}-{f}{r:02d}",
                                          floor_area=rnd.choice([89.5, 105.2, 120.0, 138.6]),
                                          occupied=rnd.random() > 0.08))
        _insert(conn, Unit.__table__, units)
        people = []
        occupied = [u for u in units if u["occupied"]]
        for u in occupied:
            phone = rnd.choice(["138", "139", "150", "186", "137", "158", "189"]) + f"{rnd.randrange(10**8):08d}"
            name = rnd.choice(gen_contacts.SURNAMES) + "".join(
                rnd.choice(gen_contacts.GIVEN) for _ in range(rnd.choice((1, 2))))
            people.append(dict(_base(rnd, at, site), name=name, phone=phone, phone_digits=phone))
        _insert(conn, Resident.__table__, people)
        unit_ids = dict(conn.execute(select(Unit.code, Unit.id).where(Unit.site_code == site)).all())
        person_ids = dict(conn.execute(select(Resident.uuid, Resident.id).where(Resident.site_code == site)).all())
        _insert(conn, UnitResident.__table__, (
            dict(_base(rnd, at, site), unit_id=unit_ids[u["code"]], resident_id=person_ids[p["uuid"]],
                 role="业主" if rnd.random() > 0.15 else "租户") for u, p in zip(occupied, people)))
    return len(units)


def add_contacts(ctx, records: int, *, years: float = 4, end: datetime | None = None, seed: int = 7,
                 log=_log) -> int:
    """``records`` visit/call records spread over ``years`` up to ``end`` (default: now)."""
    from app.reception.models import ContactRecord

    table = ContactRecord.__table__
    end = end or ctx.now()
    columns = gen_contacts.COLUMNS
    dt_index = [i for i, c in enumerate(columns) if c in DATETIME_COLUMNS]

    def rows():
        for raw in gen_contacts.generate_rows(records, end=end, days=int(years * 365), seed=seed,
                                              site_code=ctx.site.code):
            raw = list(raw)
            for i in dt_index:
                if raw[i] is not None:
                    raw[i] = datetime.fromisoformat(raw[i])
            yield dict(zip(columns, raw))

    t0 = time.perf_counter()
    with ctx.engine.begin() as conn:  # one transaction: one sync to disk at the end
        n = _insert(conn, table, rows())
    log(f"  {n:,} visit/call records inserted in {time.perf_counter() - t0:.1f} s")
    if ctx.engine.dialect.name == "sqlite":
        _index_sqlite(ctx, log)
    with ctx.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return n


def _index_sqlite(ctx, log) -> None:
    """Fill reception's SQLite search index for rows inserted behind the ORM's back."""
    try:
        from app.reception.search import rebuild_index
    except ImportError:  # no search index in this version
        return
    t0 = time.perf_counter()
    if rebuild_index(ctx):
        log(f"  search index rebuilt in {time.perf_counter() - t0:.1f} s")


def build(url: str, *, records: int = 1_000_000, years: float = 4, seed: int = 7, home: Path | None = None,
          log=_log):
    """Create (or extend) a large site; returns a Context logged in as the admin."""
    home = Path(home) if home else Path(url.removeprefix("sqlite:///")).parent if url.startswith(
        "sqlite:///") else Path.cwd() / "fd-bench-home"
    t0 = time.perf_counter()
    ctx = open_site(url, home)
    units = add_places(ctx, seed=seed)
    if units:
        log(f"  {units:,} units with their residents added")
    if records:
        add_contacts(ctx, records, years=years, seed=seed, log=log)
    log(f"  done in {time.perf_counter() - t0:.1f} s")
    return ctx


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="SQLite file to create (replaced)")
    where.add_argument("--db", help="database URL (e.g. postgresql+psycopg://…); added to, not replaced")
    p.add_argument("--records", type=int, default=1_000_000)
    p.add_argument("--years", type=float, default=4)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    if args.out:
        out = Path(args.out).resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(out) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{out}"
    else:
        url = args.db
    _log(f"generating {args.records:,} records over {args.years:g} years into {url}")
    ctx = build(url, records=args.records, years=args.years, seed=args.seed)
    ctx.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
