"""The 工作台's 装修 section and the 装修管理 badge count the same things: what the section lists."""

from datetime import datetime

from app import demo, renovation, today
from app.core.context import Actor
from app.domain.enums import Role


def test_demo_renovation_section_count_equals_its_lines_and_the_badge(admin_ctx, clock):
    clock.set(datetime(2026, 11, 20, 16, 0))  # a Friday afternoon
    demo.generate(admin_ctx, days=15, seed=7, buildings=2)
    ctx = admin_ctx.as_actor(Actor("wangli", "王丽", Role.RECEPTIONIST))

    board = today.today(ctx)
    assert [s.title for s in board.sections if s.failed] == []
    section = board.section("renovation")
    unvisited = [i for i in renovation.round_for(ctx, clock.now.date()) if not i.visited_today]
    assert unvisited, "the demo has units not inspected today"
    assert section.count == len(section.lines) > 0
    badge = renovation.nav_badge(ctx)
    assert badge is not None and badge.count == section.count
    assert {i.renovation_uuid for i in unvisited} <= {line.uuid for line in section.lines}
    assert f"{len(unvisited)} 户今日未巡查" in badge.tooltip


def test_inspecting_a_unit_takes_it_off_the_badge_and_the_section(admin_ctx, clock):
    clock.set(datetime(2026, 11, 20, 16, 0))
    demo.generate(admin_ctx, days=15, seed=7, buildings=2)
    ctx = admin_ctx.as_actor(Actor("wangli", "王丽", Role.RECEPTIONIST))
    before = today.today(ctx).section("renovation")
    item = next(i for i in renovation.round_for(ctx, clock.now.date())
                if not i.visited_today and not i.overdue_notices)

    clock.set(datetime(2026, 11, 20, 16, 30))
    renovation.record_visit(ctx, renovation.VisitData(item.renovation_uuid, "施工中"))

    after = today.today(ctx).section("renovation")
    assert after.count == before.count - 1 == len(after.lines)
    assert item.renovation_uuid not in {line.uuid for line in after.lines}
    assert renovation.nav_badge(ctx).count == after.count
