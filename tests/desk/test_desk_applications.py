"""服务申请单: due one working day after the application on the site's calendar (a weekend
skipped, a 调休 Saturday counted), approval by a 客服主管, late when handed back after it."""

from __future__ import annotations

from datetime import datetime

import pytest

from app import desk
from app.core import calendar
from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError


def _apply(ctx, clock, when) -> desk.ApplicationRow:
    clock.set(when)
    return desk.apply(ctx, applicant="陈先生", unit_no="3-2-1502", phone="13800138000",
                      content="周六上午在楼下空地搬运家具，申请临时占用消防通道旁车位两小时",
                      attachments=["身份证复印件", "搬家公司联系单"], departments="安管部")


def test_an_application_of_a_friday_is_due_on_monday(ctx, clock):
    a = _apply(ctx, clock, datetime(2026, 11, 20, 16, 30))  # a Friday
    assert a.number == "SQ20261120001" and a.status == "待审批"
    assert a.due_at == datetime(2026, 11, 23, 16, 30)  # Monday, the same time of day
    assert a.attachment_list == ["身份证复印件", "搬家公司联系单"]


def test_a_make_up_saturday_is_a_working_day(ctx, admin_ctx, clock):
    calendar.set_override(admin_ctx, "2026-11-21", "调休上班", "调休")
    a = _apply(ctx, clock, datetime(2026, 11, 20, 16, 30))
    assert a.due_at == datetime(2026, 11, 21, 16, 30)


def test_approved_and_handed_back_in_time_or_late(ctx, supervisor_ctx, clock):
    a = _apply(ctx, clock, datetime(2026, 11, 20, 16, 30))
    with pytest.raises(PermissionDenied):
        desk.decide(ctx, a.uuid, "同意", expected_version=a.version)
    with pytest.raises(InvalidTransition):
        desk.hand_back(ctx, a.uuid, expected_version=a.version)
    clock.set(datetime(2026, 11, 23, 9, 0))
    a = desk.decide(supervisor_ctx, a.uuid, "同意", opinion="同意，请安管部配合", expected_version=a.version)
    assert (a.status, a.decided_by, a.late) == ("已批准", "张敏", False)
    clock.set(datetime(2026, 11, 23, 16, 31))
    assert desk.get_application(ctx, a.number).late  # past due and still not back: red
    a = desk.hand_back(ctx, a.uuid, expected_version=a.version)
    assert (a.status, a.returned_by, a.late) == ("已交还", "王丽", True)


def test_a_decline_needs_the_explanation_for_the_applicant(ctx, supervisor_ctx, clock):
    a = _apply(ctx, clock, datetime(2026, 11, 20, 9, 0))
    with pytest.raises(ValidationError) as e:
        desk.decide(supervisor_ctx, a.uuid, "不同意", expected_version=a.version)
    assert e.value.field == "意见说明"
    a = desk.decide(supervisor_ctx, a.uuid, "不同意", opinion="消防通道不得占用，可改用地面临时车位",
                    expected_version=a.version)
    assert a.status == "不予受理"
    a = desk.hand_back(ctx, a.uuid, expected_version=a.version)
    assert not a.late


def test_bad_input_names_the_field(ctx):
    with pytest.raises(ValidationError) as e:
        desk.apply(ctx, applicant="陈先生", content=" ")
    assert e.value.field == "申请事项"
    assert desk.list_applications(ctx) == []
