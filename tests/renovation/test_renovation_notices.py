"""Violations to rectification notices: the deadline, escalation when not rectified, closing
when rectified, and every step in the history."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app import renovation as reno
from app.renovation import VisitData
from tests.renovation.helpers import approved_application


def test_violation_notice_missed_deadline_escalation_each_step_in_history(ctx, supervisor_ctx, clock):
    row = approved_application(ctx, supervisor_ctx)
    clock.set(datetime(2026, 11, 20, 10, 30))
    visit = reno.record_visit(ctx, VisitData(row.uuid, "施工中", "水电", failed_checks=["承重结构", "私拉电线"],
                                             violation="拆除卫生间与卧室间承重墙约 1 平方米", signed_by="钱师傅"))
    assert visit.failed_checks == "承重结构；私拉电线"
    assert visit.measures == "当场制止，发出违章整改通知书"
    assert visit.notice_no == "ZG2026-0001"
    notice = reno.get_notice(ctx, visit.notice_no)
    assert notice.deadline == datetime(2026, 11, 23, 18, 0)
    assert notice.status == "待整改" and notice.signed_by == "钱师傅"
    assert "承重结构、私拉电线" in notice.facts and "承重墙" in notice.facts
    assert notice.owner == "赵建国" and notice.contractor == "安居装饰工程有限公司"
    assert reno.get(ctx, row.uuid).open_notices == 1

    # Before the deadline "未整改" cannot be recorded.
    clock.set(datetime(2026, 11, 22, 9, 0))
    with pytest.raises(ValidationError, match="未到"):
        reno.recheck_notice(ctx, notice.notice_no, "未整改", escalation="停工")

    # The deadline passes without a re-inspection: overdue, red in the round and on the navigation.
    clock.set(datetime(2026, 11, 24, 9, 0))
    assert reno.get_notice(ctx, notice.notice_no).overdue
    [item] = reno.round_for(ctx, clock.now.date())
    assert item.overdue_notices == 1 and "整改逾期" in item.flag_text
    badge = reno.nav_badge(ctx)
    assert (badge.count, badge.level) == (1, "red")
    assert reno.list_notices(ctx, open_only=True)[0].overdue

    # Re-inspection: not rectified; the escalation step must be chosen.
    with pytest.raises(ValidationError, match="升级措施"):
        reno.recheck_notice(ctx, notice.notice_no, "未整改")
    with pytest.raises(PermissionDenied):
        reno.recheck_notice(ctx, notice.notice_no, "未整改", escalation="移交执法部门")
    escalated = reno.recheck_notice(ctx, notice.notice_no, "未整改", escalation="停工", note="仍在施工")
    assert escalated.status == "已升级" and escalated.escalation == "停工"
    assert escalated.recheck_result == "未整改" and escalated.recheck_at == clock.now
    assert escalated.deadline == datetime(2026, 11, 27, 18, 0) and not escalated.overdue
    assert reno.nav_badge(ctx).level != "red"
    v = reno.list_visits(ctx, renovation_uuid=row.uuid)[0]
    assert (v.recheck_result, v.notice_deadline) == ("未整改", escalated.deadline)

    # Still not rectified after the new deadline: the supervisor hands it to the authorities.
    clock.set(datetime(2026, 11, 28, 9, 0))
    handed = reno.recheck_notice(supervisor_ctx, notice.notice_no, "未整改", escalation="移交执法部门")
    assert handed.escalation == "移交执法部门" and handed.is_open

    history = reno.renovation_history(ctx, row.uuid)
    steps = [(e.subject, e.action) for e in history]
    assert ("巡查 11-20 10:30", "巡查") in steps
    assert ("整改通知书 ZG2026-0001", "发出整改通知书") in steps
    escalations = [e for e in history if e.subject == "整改通知书 ZG2026-0001" and e.action == "复查未整改并升级"]
    assert [e.actor for e in escalations] == ["王丽", "张敏"]
    assert "停工" in escalations[0].note and "移交执法部门" in escalations[1].note
    assert [e.action for e in history if e.subject == "装修申请"][-3:] == ["发出整改通知书", "升级", "升级"]
    assert steps.index(("整改通知书 ZG2026-0001", "发出整改通知书")) < steps.index(
        ("整改通知书 ZG2026-0001", "复查未整改并升级"))


def test_rectified_closes_the_notice_and_numbers_follow_on(ctx, supervisor_ctx, clock):
    row = approved_application(ctx, supervisor_ctx)
    first = reno.record_visit(ctx, VisitData(row.uuid, "施工中", failed_checks=["垃圾乱堆"]))
    second = reno.issue_notice(ctx, row.uuid, facts="保安巡逻发现夜间 22:00 仍在切割瓷砖",
                               failed_checks=["超时施工噪音"], deadline=date(2026, 11, 21))
    assert (first.notice_no, second.notice_no) == ("ZG2026-0001", "ZG2026-0002")
    assert second.deadline == datetime(2026, 11, 21, 18, 0)
    closed = reno.recheck_notice(ctx, first.notice_no, "已整改")  # rectified early: fine
    assert closed.status == "已整改" and not closed.is_open
    with pytest.raises(InvalidTransition):
        reno.recheck_notice(ctx, first.notice_no, "已整改")
    signed = reno.sign_notice(ctx, second.notice_no, "钱师傅")
    assert signed.signed_by == "钱师傅"
    assert [n.notice_no for n in reno.list_notices(ctx, open_only=True)] == ["ZG2026-0002"]
