"""The daily round: which units are on it, what is flagged, how a visit is checked, and the
key checks as an editable setting."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app import renovation as reno
from app.renovation import VisitData
from tests.renovation.helpers import DAY, application_data, approved_application


def test_round_lists_exactly_the_units_under_renovation(ctx, supervisor_ctx):
    working = [approved_application(ctx, supervisor_ctx, u).unit_no for u in ("12-0801", "3-2-1502", "3-1-0201")]
    reno.apply(ctx, application_data("7-1-0101"))  # waiting for approval
    later = approved_application(ctx, supervisor_ctx, "8-1-0101", start_date=DAY + timedelta(days=3))
    refused = reno.apply(ctx, application_data("9-1-0101"))
    reno.refuse(supervisor_ctx, refused.uuid, "资料不全", expected_version=refused.version)
    done = approved_application(ctx, supervisor_ctx, "10-1-0101")
    reno.request_acceptance(ctx, done.uuid, expected_version=done.version)
    voided = approved_application(ctx, supervisor_ctx, "11-1-0101")
    reno.void_application(supervisor_ctx, voided.uuid, "登记错误", expected_version=voided.version)

    items = reno.round_for(ctx, DAY)
    assert [i.unit_no for i in items] == ["3-1-0201", "3-2-1502", "12-0801"]  # by building, then unit
    assert sorted(working) == sorted(i.unit_no for i in items)
    assert [i.building for i in items] == ["3", "3", "12"]
    # The later one joins the round on its start date.
    assert "8-1-0101" in [i.unit_no for i in reno.round_for(ctx, later.start_date)]


def test_round_flags_units_not_inspected_today_and_for_two_days(ctx, supervisor_ctx, clock):
    a = approved_application(ctx, supervisor_ctx, "3-2-1502")
    b = approved_application(ctx, supervisor_ctx, "3-2-1602")
    first = {i.unit_no: i for i in reno.round_for(ctx, DAY)}
    assert not first["3-2-1502"].visited_today and not first["3-2-1502"].stale
    assert first["3-2-1502"].flag_text == "今日未巡查"

    clock.set(datetime(2026, 11, 20, 10, 0))
    reno.record_visit(ctx, VisitData(a.uuid, "施工中", "剔凿"))
    today = {i.unit_no: i for i in reno.round_for(ctx, DAY)}
    assert today["3-2-1502"].visited_today and today["3-2-1502"].flag_text == ""
    assert today["3-2-1502"].last_progress == "剔凿"
    assert not today["3-2-1602"].visited_today

    clock.set(datetime(2026, 11, 21, 9, 0))
    day2 = {i.unit_no: i for i in reno.round_for(ctx, DAY + timedelta(days=1))}
    assert not day2["3-2-1502"].visited_today and not day2["3-2-1502"].stale
    assert day2["3-2-1502"].days_since == 1

    clock.set(datetime(2026, 11, 22, 9, 0))
    day3 = {i.unit_no: i for i in reno.round_for(ctx, DAY + timedelta(days=2))}
    assert day3["3-2-1502"].stale and day3["3-2-1502"].days_since == 2
    assert day3["3-2-1502"].flag_text == "2 天未巡查"
    assert day3["3-2-1602"].stale and day3["3-2-1602"].flag_text == "从未巡查"
    badge = reno.nav_badge(ctx)
    assert badge.level == "amber" and badge.count == 2 and "未巡查" in badge.tooltip

    reno.record_visit(ctx, VisitData(b.uuid, "无人"))
    day3 = {i.unit_no: i for i in reno.round_for(ctx, DAY + timedelta(days=2))}
    assert not day3["3-2-1602"].stale and day3["3-2-1602"].last_state == "无人"


def test_visit_input_is_checked(ctx, supervisor_ctx, tmp_path):
    pending = reno.apply(ctx, application_data("5-1-0101"))
    with pytest.raises(InvalidTransition):
        reno.record_visit(ctx, VisitData(pending.uuid, "施工中"))
    row = approved_application(ctx, supervisor_ctx)
    with pytest.raises(ValidationError, match="现场情况"):
        reno.record_visit(ctx, VisitData(row.uuid, "在装修"))
    with pytest.raises(ValidationError, match="照片"):
        reno.record_visit(ctx, VisitData(row.uuid, "施工中", photos=[str(tmp_path / "missing.jpg")]))
    assert reno.list_visits(ctx, renovation_uuid=row.uuid) == []
    photo = tmp_path / "site.JPG"
    photo.write_bytes(b"\xff\xd8\xff fake jpeg")
    visit = reno.record_visit(ctx, VisitData(row.uuid, "施工中", "泥瓦", photos=[str(photo)], note="正常"))
    assert len(visit.photos) == 1 and visit.photos[0].endswith(".jpg")
    stored = ctx.paths.attachments / visit.photos[0]
    assert stored.read_bytes() == photo.read_bytes()
    assert visit.notice_no is None and visit.measures is None


def test_key_checks_are_an_editable_setting(ctx, supervisor_ctx):
    assert reno.key_checks(ctx)[0] == "承重结构" and len(reno.key_checks(ctx)) == 11
    with pytest.raises(PermissionDenied):
        reno.put_list_setting(ctx, reno.KEY_CHECKS.key, ["承重结构"])
    with pytest.raises(ValidationError):
        reno.put_list_setting(supervisor_ctx, reno.KEY_CHECKS.key, ["承重结构；燃气"])
    reno.put_list_setting(supervisor_ctx, reno.KEY_CHECKS.key, ["承重结构", "空调外机位", "承重结构"])
    assert reno.key_checks(ctx) == ["承重结构", "空调外机位"]
