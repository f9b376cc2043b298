"""The 满意度调查 and 督导检查 badges count what is overdue (a survey not archived five working
days after it ended, rectifications past their deadline), and the 工作台 lists the same."""

from __future__ import annotations

from datetime import date, datetime

from app import inspections as insp, surveys, today
from tests.surveys.helpers import approved, estate


def test_an_unarchived_survey_turns_the_badge_red_until_it_is_archived(ctx, supervisor_ctx, manager_ctx, clock):
    estate(ctx, ((1, 3),))
    row = approved(supervisor_ctx, manager_ctx)
    surveys.issue_copies(ctx, row.uuid)
    surveys.record_return(ctx, row.uuid, "1", keys="AAAAAAAAAA5")
    clock.set(datetime(2026, 12, 23, 17, 0))
    ended = surveys.end_survey(supervisor_ctx, row.uuid)
    assert ended.archive_deadline == date(2026, 12, 30)  # five working days after Wed 23
    clock.set(datetime(2026, 12, 30, 17, 0))
    assert surveys.nav_badge(ctx).count == 0  # the deadline day itself is not late
    clock.set(datetime(2026, 12, 31, 9, 0))
    badge = surveys.nav_badge(ctx)
    assert (badge.count, badge.level) == (1, "red") and "归档期限" in badge.tooltip
    section = today.today(ctx).section("surveys")
    assert section.count == 1 and [line.uuid for line in section.lines] == [row.uuid]
    assert row.survey_no in section.lines[0].text
    surveys.archive_survey(supervisor_ctx, row.uuid)
    assert surveys.nav_badge(ctx).count == 0 and today.today(ctx).section("surveys").count == 0


def test_overdue_rectifications_are_counted_until_rechecked(ctx, supervisor_ctx, clock):
    ins = insp.start_inspection(supervisor_ctx, inspected_on=date(2026, 11, 20), inspector="陈静", area="前台")
    ind = next(i for i in insp.standard(ctx) if i.name == "房屋交付")
    first = insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=ind.items[0].uuid, owner="王丽", note="缺例会纪要")
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=ind.items[1].uuid, owner="张敏", note="资料未录入")
    assert insp.nav_badge(ctx).count == 0  # deadlines 2026-11-27 not reached
    clock.set(datetime(2026, 11, 30, 10, 0))
    badge = insp.nav_badge(ctx)
    assert (badge.count, badge.level) == (2, "red")
    section = today.today(ctx).section("inspections")
    assert section.count == 2 and {line.uuid for line in section.lines} == {ins.uuid}
    insp.rectify(ctx, first.uuid, "已补齐")
    insp.recheck_finding(supervisor_ctx, first.uuid, "合格")
    assert insp.nav_badge(ctx).count == 1 == today.today(ctx).section("inspections").count
