"""Routine household visits: half-year coverage per building, the not-yet-visited list,
points raised that must all be answered."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app import demo, residents
from app.repairs import household_visits as hv


@pytest.fixture
def site(ctx, admin_ctx):
    """A small demo site: 2 buildings × 1 entrance × 4 floors × 2 units (demo data is an
    administrator's command)."""
    demo.generate(admin_ctx, days=1, seed=7, buildings=2, entrances=1, floors=4, per_floor=2, contacts_per_day=1)
    return ctx


def _visit(ctx, code, **kw):
    fields = dict(unit_no=code, interviewee="住户", content="半年例行走访，了解居住情况")
    fields.update(kw)
    return hv.record_visit(ctx, **fields)


def _bar(ctx, building="1"):
    return next(b for b in hv.coverage(ctx).buildings if b.building == building)


def test_visiting_the_last_units_of_a_building_fills_its_bar(site):
    ctx = site
    start = _bar(ctx)
    units = residents.list_units(ctx, building="1")
    occupied = [u for u in units if u.occupied]
    assert start.visited_units == 0 and start.occupied_units == len(occupied) and start.percent == 0
    todo = hv.unvisited_units(ctx, building="1")
    assert [u.code for u in todo] == [u.code for u in occupied]
    for u in todo[:-2]:
        _visit(ctx, u.code)
    bar = _bar(ctx)
    assert bar.remaining == 2 and bar.percent == pytest.approx(100 * (len(occupied) - 2) / len(occupied))
    assert [u.code for u in hv.unvisited_units(ctx, building="1")] == [u.code for u in todo[-2:]]
    for u in todo[-2:]:
        _visit(ctx, u.code)
    assert _bar(ctx).percent == 100.0 and hv.unvisited_units(ctx, building="1") == []
    # A second visit of the same unit does not count twice; the other building is untouched.
    _visit(ctx, todo[0].code)
    assert _bar(ctx).visited_units == len(occupied)
    assert _bar(ctx, "2").visited_units == 0
    whole = hv.coverage(ctx)
    assert whole.visited_units == len(occupied) and whole.goal == 98


def test_vacant_units_do_not_count(site):
    ctx = site
    todo = hv.unvisited_units(ctx, building="1")
    for u in todo[:-1]:
        _visit(ctx, u.code)
    assert _bar(ctx).percent < 100
    # The last unvisited unit turns out to be empty: it leaves the count, and the bar is full.
    last = residents.get_unit(ctx, todo[-1].code)
    residents.update_unit(ctx, last.id, expected_version=last.version, occupied=False)
    bar = _bar(ctx)
    assert bar.percent == 100.0 and bar.vacant_units >= 1
    assert bar.occupied_units == len(todo) - 1
    # Visiting a vacant unit is allowed but does not raise the count.
    _visit(ctx, last.code, content="空置房巡查")
    assert _bar(ctx).visited_units == len(todo) - 1
    vacant = [u.code for u in residents.list_units(ctx, building="1") if not u.occupied]
    assert not set(vacant) & {u.code for u in hv.unvisited_units(ctx, building="1")}


def test_coverage_is_per_half_year(site, clock):
    ctx = site
    code = hv.unvisited_units(ctx, building="1")[0].code
    _visit(ctx, code, visited_at=datetime(2026, 6, 30, 10, 0))  # last half-year
    assert code in {u.code for u in hv.unvisited_units(ctx, building="1")}
    assert hv.coverage(ctx, 2026, 1).visited_units == 1
    assert hv.current_half(ctx).label == "2026年下半年"
    with pytest.raises(ValidationError):
        hv.coverage(ctx, 2026, 3)


def test_points_raised_must_all_be_answered(site):
    ctx = site
    code = hv.unvisited_units(ctx, building="2")[0].code
    v = _visit(ctx, code, feedback="较满意", points="1. 楼道声控灯不亮\n2、单元门闭门器坏了\n\n")
    assert (v.issues, v.open_issues) == (2, 2)
    issues = hv.list_issues(ctx, open_only=True)
    assert [i.content for i in issues] == ["楼道声控灯不亮", "单元门闭门器坏了"]
    stats = hv.issue_stats(ctx)
    assert (stats.raised, stats.answered, stats.rate) == (2, 0, 0.0)
    with pytest.raises(ValidationError) as err:
        hv.answer_issue(ctx, issues[0].uuid, answer=" ", expected_version=issues[0].version)
    assert err.value.field == "处理及答复"
    a = hv.answer_issue(ctx, issues[0].uuid, answer="工程部已更换灯泡，已电话告知业主", department="工程部",
                        expected_version=issues[0].version)
    assert a.status == "已答复" and a.answered_by == "王丽"
    with pytest.raises(InvalidTransition):
        hv.answer_issue(ctx, issues[0].uuid, answer="再次答复", expected_version=a.version)
    assert hv.issue_stats(ctx).rate == 0.5
    hv.answer_issue(ctx, issues[1].uuid, answer="已维修闭门器", expected_version=issues[1].version)
    assert hv.issue_stats(ctx).rate == 1.0 and hv.list_issues(ctx, open_only=True) == []
    visit = hv.list_visits(ctx)[0]
    assert visit.unit_no == code and (visit.issues, visit.open_issues) == (2, 0)


def test_the_supervisors_half_year_plan(site, supervisor_ctx):
    ctx = site
    with pytest.raises(PermissionDenied):
        hv.add_plan(ctx, year=2026, half=2, scope_kind="楼栋", scope="1", visitor="张敏")
    plan = hv.add_plan(supervisor_ctx, year=2026, half=2, scope_kind="区域", scope="东区", visitor="张敏",
                       start_on=date(2026, 7, 1), end_on=date(2026, 12, 20))
    assert plan.buildings == ("1",)
    with pytest.raises(ValidationError):
        hv.add_plan(supervisor_ctx, year=2026, half=2, scope_kind="区域", scope="东区", visitor="张敏")
    with pytest.raises(ValidationError) as err:
        hv.add_plan(supervisor_ctx, year=2026, half=2, scope_kind="楼栋", scope="9", visitor="张敏")
    assert err.value.field == "楼栋/区域"
    with pytest.raises(ValidationError) as err:
        hv.add_plan(supervisor_ctx, year=2026, half=2, scope_kind="楼栋", scope="2", visitor="张敏",
                    start_on=date(2026, 3, 1))
    assert err.value.field == "开始日期"
    assert [p.scope for p in hv.list_plans(ctx)] == ["东区"]
    assert _bar(ctx, "1").visitor == "张敏" and _bar(ctx, "2").visitor is None
    with pytest.raises(ValidationError) as err:
        _visit(ctx, "9-1-101")
    assert err.value.field == "房号"
