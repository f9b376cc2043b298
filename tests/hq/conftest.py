"""Three sites' daily workbooks (built once per session) and an empty head-office home per test.

Site A1 and B2 export 2 to 4 November 2026 day by day, C3 skips the 3rd; A1 also exports the
whole range once more at the end (导出序号 4). Every record is written by hand here, so the
tests can count what the report must say.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.config import Paths
from app.core import records, users
from app.core.context import Context
from app.db.engine import make_engine, migrate
from app.exchange import service as exchange
from app.exchange.registry import sheet
from tests.conftest import PASSWORD, PG_URL, Clock, _pg_database

DAYS = (date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4))
SITES = {"A1": "阳光花园服务中心", "B2": "翠湖苑服务中心", "C3": "锦绣家园服务中心"}


@dataclass
class SiteBooks:
    code: str
    daily: dict[date, Path] = field(default_factory=dict)
    whole: Path | None = None


def _site_ctx(base: Path, code: str, clock: Clock, schema_template) -> tuple[Context, callable]:
    if PG_URL:
        url, drop = _pg_database(PG_URL, template=schema_template)
    else:
        target = base / code / "frontdesk.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(schema_template, target)
        url, drop = f"sqlite:///{target}", None
    paths = Paths(base / code).ensure()
    engine = make_engine(url)
    migrate(engine, paths.backups)
    ctx = Context(engine, paths, clock=clock)
    ctx.actor = users.init_site(ctx, site_code=code, site_name=SITES[code], company_name="示例物业服务有限公司",
                                admin_username="admin", admin_name="管理员", password=PASSWORD)

    def close():
        engine.dispose()
        if drop:
            drop()

    return ctx, close


def _create(ctx: Context, sheet_name: str, **fields) -> str:
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, sheet(sheet_name).model, **fields).uuid


def contact(ctx, method="来电", **kw) -> str:
    fields = dict(received_at=ctx.now(), method=method, name="张三", unit_no="3-2-1502", phone="13800138000",
                  phone_digits="13800138000", category="咨询", content="咨询物业费缴纳方式", status="已完成",
                  handling="已告知缴费方式", completed_at=ctx.now(),
                  received_by=ctx.actor.name)
    fields.update(kw)
    return _create(ctx, "来访来电", **fields)


def complaint(ctx, severity="一般", category="装修噪音扰民", **kw) -> str:
    fields = dict(received_at=ctx.now(), channel="来访", complainant="李四", unit_no="2-1-0801", phone="13900139000",
                  phone_digits="13900139000", category=category, severity=severity, validity="有效",
                  content="楼上装修噪音", department="工程部", handler="李工", due_at=ctx.now() + timedelta(days=3),
                  overdue=False, escalation_level=0, reopen_count=0, status="处理中", received_by=ctx.actor.name)
    fields.update(kw)
    return _create(ctx, "投诉", **fields)


def follow_up(ctx, feedback="满意", **kw) -> str:
    fields = dict(visited_at=ctx.now(), subject_type="日常走访", unit_no="1-1-0101", interviewee="王五",
                  phone="0755-88886666", method="上门", content="日常走访", feedback=feedback, visitor=ctx.actor.name)
    fields.update(kw)
    return _create(ctx, "回访", **fields)


def _fill(ctx: Context, code: str, day: date, clock: Clock) -> None:
    """The day's records; what the report tests count by hand (see test_hq_report.py)."""
    at = lambda h, m=0: datetime.combine(day, datetime.min.time()) + timedelta(hours=h, minutes=m)  # noqa: E731
    clock.set(at(9))
    if code == "A1":
        contact(ctx, "来访")
        contact(ctx, "来电")
        c = complaint(ctx, "重要", received_at=at(9))
        if day == DAYS[0]:
            # Answered after 80 hours, completed on the 3rd; followed up on the 4th (within 3 working days).
            with ctx.unit_of_work() as s:
                obj = records.get_by_uuid(s, sheet("投诉").model, c)
                records.update(ctx, s, obj, dict(reply_at=at(9) + timedelta(hours=80), reply_method="电话",
                                                 result="已协调施工方", completed_at=at(10) + timedelta(days=1),
                                                 status="已关闭",
                                                 overdue=True, reopen_count=1), expected_version=None)
            clock.set(at(11) + timedelta(days=2))
            follow_up(ctx, "较满意", subject_type="投诉", subject_uuid=c, unit_no="2-1-0801")
            clock.set(at(9))
        else:
            with ctx.unit_of_work() as s:
                obj = records.get_by_uuid(s, sheet("投诉").model, c)
                records.update(ctx, s, obj, dict(reply_at=at(12), reply_method="电话"), expected_version=None)
        follow_up(ctx, "满意", unit_no=f"1-1-010{DAYS.index(day) + 1}")
    elif code == "B2":
        contact(ctx, "来电")
        complaint(ctx, "一般", category="停车")
        follow_up(ctx, "不满意", unit_no="5-1-0501")
    else:
        contact(ctx, "来访")
        complaint(ctx, "重大", category="安全秩序")


@pytest.fixture(scope="session")
def site_books(tmp_path_factory, schema_template, _cheap_password_hashes) -> dict[str, SiteBooks]:
    base = tmp_path_factory.mktemp("sites")
    out = base / "workbooks"
    clock = Clock(datetime(2026, 11, 2, 8, 0))
    books: dict[str, SiteBooks] = {}
    for code in SITES:
        ctx, close = _site_ctx(base, code, clock, schema_template)
        try:
            books[code] = SiteBooks(code)
            folder = out / code
            folder.mkdir(parents=True)
            for day in DAYS:
                if code == "C3" and day == DAYS[1]:
                    continue  # C3 sends nothing for the 3rd
                _fill(ctx, code, day, clock)
                clock.set(datetime.combine(day, datetime.min.time()) + timedelta(hours=18))
                path = folder / f"{code}-{day:%Y%m%d}.xlsx"
                exchange.export_workbook(ctx, day, day, path)
                books[code].daily[day] = path
            if code == "A1":
                clock.set(datetime(2026, 11, 4, 19, 0))
                books[code].whole = base / "A1-whole.xlsx"  # outside the folder the tests import
                exchange.export_workbook(ctx, DAYS[0], DAYS[-1], books[code].whole)
        finally:
            close()
    return books


@pytest.fixture
def hq_ctx(bare_ctx, clock):
    """An empty head-office home, logged in as its admin; the clock on 5 November 2026."""
    from app import hq

    clock.set(datetime(2026, 11, 5, 9, 0))
    bare_ctx.actor = hq.init_head_office(bare_ctx, company="示例物业服务有限公司", password=PASSWORD)
    return bare_ctx


@pytest.fixture
def folder(site_books) -> Path:
    """The folder holding every site's daily workbooks (one sub-folder per site)."""
    return next(iter(site_books.values())).daily[DAYS[0]].parent.parent


