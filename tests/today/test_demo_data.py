"""``demo-data`` gives a newcomer a lived-in site: every navigation page shows rows, the records
were made by the site's people (never 命令行, admin, root or the system), at plausible times (08:30
to 18:00 on working days), and the health check passes."""

import re
from datetime import datetime, time

import pytest
from PySide6.QtWidgets import QAbstractItemView
from sqlalchemy import DateTime, String, select

from app import demo, today
from app.core import maintenance
from app.core.calendar import load_calendar
from app.core.context import Actor
from app.db.base import Base
from app.domain.enums import Role

TECHNICAL = re.compile(r"admin|root|cli|system|命令行|系统", re.IGNORECASE)
#: Tables the site's set-up (by the system itself) fills before any person works.
SET_UP = {"department", "setting", "settings"}
#: Columns naming who did something.
WHO = re.compile(r"(^|_)(by|actor|visitor|handler|inspector|received_by|recorder|operator)$")
#: Columns stamping when something was made or received (deadlines and plans are not).
WHEN = {"created_at", "updated_at", "received_at", "visited_at", "at", "applied_at", "lent_at", "inspected_at",
        "dispatched_at", "picked_up_at", "completed_at", "returned_at", "sent_at", "replied_at"}


def _demo(ctx, clock, at: datetime):
    clock.set(at)
    return ctx, demo.generate(ctx, days=15, seed=7, buildings=2)


@pytest.fixture
def demo_site(admin_ctx, clock):
    return _demo(admin_ctx, clock, datetime(2026, 11, 20, 16, 0))  # a Friday afternoon


@pytest.fixture
def evening_demo_site(admin_ctx, clock):
    return _demo(admin_ctx, clock, datetime(2026, 11, 20, 19, 30))  # made after hours: it stops at closing time


def _columns(kind):
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, kind):
                yield table, column


def test_every_module_has_records_made_by_the_sites_people_in_office_hours(evening_demo_site):
    ctx, summary = evening_demo_site
    for label in ("来访来电", "投诉", "回访", "维修工单", "入伙预约", "入伙办理", "装修申请", "巡查记录",
                  "借用登记", "有偿服务", "服务申请", "内部联系函"):
        assert summary.get(label, 0) > 0, label
    roster = {name for _u, name, _r, _d in demo.ROSTER}
    cal = load_calendar(ctx)
    people: set[str] = set()
    with ctx.read() as s:
        for table, column in _columns(String):
            if not WHO.search(column.name) or table.name in ("staff", "site"):
                continue
            query = select(column).where(column.isnot(None)).distinct()
            if table.name == "audit_event":  # (the site's own set-up is the system's, not a person's)
                query = query.where(table.c.actor_username != "system")
            elif table.name in SET_UP:
                query = query.where(column != "系统")
            for (value,) in s.execute(query):
                assert not TECHNICAL.search(value), (table.name, column.name, value)
                people.add(value)
        bad = []
        for table, column in _columns(DateTime):
            if column.name not in WHEN:
                continue
            for (value,) in s.execute(select(column).where(column.isnot(None)).distinct()):
                if not (cal.is_workday(value.date()) and time(8, 30) <= value.time() <= time(18, 0)):
                    bad.append((table.name, column.name, value))
        assert bad == []
    assert roster <= people | {"周军"}  # every demo person did some of the work
    assert maintenance.check(ctx).ok

    # the 工作台 of the demo's receptionist has something to do in every module
    board = today.today(ctx.as_actor(Actor("wangli", "王丽", Role.RECEPTIONIST)))
    for key in ("complaints", "followups", "repair_requests", "repairs", "renovation", "movein", "desk"):
        assert board.section(key).lines, key
    assert any(line.late for line in board.section("complaints").lines)  # an overdue complaint
    assert any("缺陷" in line.kind for line in board.section("movein").lines)  # a defect past its deadline


def test_after_demo_data_every_navigation_page_has_rows(demo_site, qtbot, make_env):
    from ui.main_window import MainWindow
    from ui.registry import pages

    ctx, _ = demo_site
    manager = ctx.as_actor(Actor("zhoujun", "周军", Role.MANAGER))
    window = MainWindow(make_env(manager))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    qtbot.waitExposed(window)

    def rows(page) -> int:
        return sum(v.model().rowCount() for v in page.findChildren(QAbstractItemView)
                   if v.model() is not None and v.isVisible())

    empty = []
    for spec in pages():
        if spec.key in ("reports", "settings"):
            continue  # forms and settings, not records
        page = window.show_page(spec.key)
        try:
            qtbot.waitUntil(lambda p=page: rows(p) > 0, timeout=5000)
        except qtbot.TimeoutError:
            empty.append(spec.title)
    assert empty == []
