"""Renovation applications: registration with its checks, approval and refusal by a supervisor,
the 拆改 approval, extensions and voiding."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app import renovation as reno
from app.renovation import FeeData, WorkerData
from tests.renovation.helpers import DAY, application_data, approved_application, history_steps


def test_application_is_registered_with_workers_and_fees(ctx):
    row = reno.apply(ctx, application_data("3栋2单元1502室"))
    assert row.unit_no == "3-2-1502"
    assert row.status == "待审批"
    assert row.manager_phone == "13900139000"
    assert row.deposit == Decimal("2000.00") and row.fees_total == Decimal("300.00")
    assert [(w.name, w.pass_no) for w in row.workers] == [("孙工", "C-001"), ("周工", "C-002")]
    assert row.received_by == "王丽"
    # One unit cannot have two renovations going on at once.
    with pytest.raises(ValidationError, match="房号"):
        reno.apply(ctx, application_data("3-2-1502"))


@pytest.mark.parametrize("change, field", [
    (dict(planned_end_date=DAY - timedelta(days=1)), "计划完工日期"),
    (dict(manager_phone="138-abc"), "负责人电话"),
    (dict(deposit="-1"), "押金"),
    (dict(deposit="2000", deposit_receipt=""), "押金收据号"),
    (dict(deposit="12.345"), "押金"),
    (dict(touches_structure=True), "拆改说明"),
    (dict(workers=[WorkerData("", "13700137000")]), "施工人员1姓名"),
    (dict(fees=[FeeData("垃圾清运费", Decimal("200"), None)]), "收据号"),
])
def test_bad_application_names_the_field_and_saves_nothing(ctx, change, field):
    with pytest.raises(ValidationError) as err:
        reno.apply(ctx, application_data(**change))
    assert field in str(err.value)
    assert reno.list_applications(ctx) == []


def test_approval_and_refusal_need_a_supervisor(ctx, supervisor_ctx, manager_ctx):
    row = reno.apply(ctx, application_data())
    with pytest.raises(PermissionDenied):
        reno.approve(ctx, row.uuid, expected_version=row.version)
    with pytest.raises(PermissionDenied):
        reno.refuse(ctx, row.uuid, "资料不全", expected_version=row.version)
    assert reno.get(ctx, row.uuid).status == "待审批"

    approved = reno.approve(supervisor_ctx, row.uuid, expected_version=row.version, opinion="同意")
    assert approved.status == "施工中"
    assert approved.permit_no == "ZX2026-0001"
    assert approved.approved_by == "张敏"
    # A manager ranks above a supervisor; numbers follow on.
    other = reno.apply(ctx, application_data("5-1-0301"))
    assert reno.approve(manager_ctx, other.uuid, expected_version=other.version).permit_no == "ZX2026-0002"
    # Approving twice is refused.
    with pytest.raises(InvalidTransition):
        reno.approve(supervisor_ctx, row.uuid, expected_version=approved.version)

    third = reno.apply(ctx, application_data("6-1-0101"))
    with pytest.raises(ValidationError, match="驳回原因"):
        reno.refuse(supervisor_ctx, third.uuid, " ", expected_version=third.version)
    refused = reno.refuse(supervisor_ctx, third.uuid, "施工单位无资质", expected_version=third.version)
    assert refused.status == "已驳回" and refused.refuse_reason == "施工单位无资质"
    assert ("装修申请", "驳回") in history_steps(ctx, third.uuid)


def test_approval_needs_signed_agreements_and_alteration_approval(ctx, supervisor_ctx):
    row = reno.apply(ctx, application_data(agreement_signed=False, touches_gas=True, alteration_detail="燃气表移位 30cm"))
    assert row.involves_alteration and row.alteration_text == "燃气"
    with pytest.raises(ValidationError, match="住宅装修管理协议"):
        reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)
    data = application_data(touches_gas=True, alteration_detail="燃气表移位 30cm", workers=list(row.workers))
    row = reno.update_application(ctx, row.uuid, data, expected_version=row.version)
    assert len(row.workers) == 2  # the same two people, not four
    with pytest.raises(InvalidTransition, match="拆改审批"):
        reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)
    with pytest.raises(PermissionDenied):
        reno.approve_alteration(ctx, row.uuid, "同意", expected_version=row.version)
    row = reno.approve_alteration(supervisor_ctx, row.uuid, "同意，须由燃气公司施工", expected_version=row.version)
    row = reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)
    assert row.status == "施工中"
    assert [a for s, a in history_steps(ctx, row.uuid) if s == "装修申请"] == ["登记装修申请", "修改", "拆改审批", "审批通过"]


def test_extension_records_the_new_end_date(ctx, supervisor_ctx):
    row = approved_application(ctx, supervisor_ctx)
    old_end = row.planned_end_date
    with pytest.raises(ValidationError, match="新完工日期"):
        reno.extend(ctx, row.uuid, old_end, "工期延误", expected_version=row.version)
    row = reno.extend(ctx, row.uuid, old_end + timedelta(days=15), "瓷砖到货延误", expected_version=row.version)
    assert row.planned_end_date == old_end + timedelta(days=15)
    assert row.original_end_date == old_end
    assert [(e.old_end_date, e.new_end_date, e.reason) for e in row.extensions] == [
        (old_end, old_end + timedelta(days=15), "瓷砖到货延误")]
    # The period of an approved renovation changes only through an extension.
    with pytest.raises(ValidationError, match="延期"):
        reno.update_application(ctx, row.uuid, application_data(planned_end_date=DAY + timedelta(days=90)),
                                expected_version=row.version)


def test_void_needs_supervisor_and_reason(ctx, supervisor_ctx):
    row = reno.apply(ctx, application_data())
    with pytest.raises(PermissionDenied):
        reno.void_application(ctx, row.uuid, "重复登记", expected_version=row.version)
    with pytest.raises(ValidationError, match="作废原因"):
        reno.void_application(supervisor_ctx, row.uuid, "", expected_version=row.version)
    row = reno.void_application(supervisor_ctx, row.uuid, "重复登记", expected_version=row.version)
    assert row.status == "已作废" and row.void_reason == "重复登记"
    assert reno.list_applications(ctx) == []
    assert [r.uuid for r in reno.list_applications(ctx, include_void=True)] == [row.uuid]
