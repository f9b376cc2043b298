"""Renovation management: the state rules, the daily round, violations to escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app import renovation as reno
from app.renovation import ApplicationData, DeductionData, FeeData, VisitData, WorkerData

DAY = date(2026, 11, 20)  # the clock's day (a Friday)


def _data(unit="3-2-1502", **kw) -> ApplicationData:
    values = dict(unit_no=unit, owner="赵建国", owner_phone="13800138000", contractor="安居装饰工程有限公司",
                  manager="钱师傅", manager_phone="139 0013 9000", scope="厨卫翻新、铺地砖、墙面刷漆",
                  start_date=DAY, planned_end_date=DAY + timedelta(days=60), deposit="2000",
                  deposit_receipt="SJ-0001", fees=[FeeData("装修管理费", Decimal("300"), "SJ-0002")],
                  agreement_signed=True, liability_signed=True,
                  workers=[WorkerData("孙工", "13700137000", "C-001"), WorkerData("周工", None, "C-002")])
    values.update(kw)
    return ApplicationData(**values)


def _approved(ctx, supervisor_ctx, unit="3-2-1502", **kw):
    row = reno.apply(ctx, _data(unit, **kw))
    return reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)


def _actions(ctx, uuid):
    return [(e.subject.split(" ")[0], e.action) for e in reno.renovation_history(ctx, uuid)]


# ---------------------------------------------------------------- application and approval

def test_application_is_registered_with_workers_and_fees(ctx):
    row = reno.apply(ctx, _data("3栋2单元1502室"))
    assert row.unit_no == "3-2-1502"
    assert row.status == "待审批"
    assert row.manager_phone == "13900139000"
    assert row.deposit == Decimal("2000.00") and row.fees_total == Decimal("300.00")
    assert [(w.name, w.pass_no) for w in row.workers] == [("孙工", "C-001"), ("周工", "C-002")]
    assert row.received_by == "王丽"
    # One unit cannot have two renovations going on at once.
    with pytest.raises(ValidationError, match="房号"):
        reno.apply(ctx, _data("3-2-1502"))


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
        reno.apply(ctx, _data(**change))
    assert field in str(err.value)
    assert reno.list_applications(ctx) == []


def test_approval_and_refusal_need_a_supervisor(ctx, supervisor_ctx, manager_ctx):
    row = reno.apply(ctx, _data())
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
    other = reno.apply(ctx, _data("5-1-0301"))
    assert reno.approve(manager_ctx, other.uuid, expected_version=other.version).permit_no == "ZX2026-0002"
    # Approving twice is refused.
    with pytest.raises(InvalidTransition):
        reno.approve(supervisor_ctx, row.uuid, expected_version=approved.version)

    third = reno.apply(ctx, _data("6-1-0101"))
    with pytest.raises(ValidationError, match="驳回原因"):
        reno.refuse(supervisor_ctx, third.uuid, " ", expected_version=third.version)
    refused = reno.refuse(supervisor_ctx, third.uuid, "施工单位无资质", expected_version=third.version)
    assert refused.status == "已驳回" and refused.refuse_reason == "施工单位无资质"
    assert ("装修申请", "驳回") in _actions(ctx, third.uuid)


def test_approval_needs_signed_agreements_and_alteration_approval(ctx, supervisor_ctx):
    row = reno.apply(ctx, _data(agreement_signed=False, touches_gas=True, alteration_detail="燃气表移位 30cm"))
    assert row.involves_alteration and row.alteration_text == "燃气"
    with pytest.raises(ValidationError, match="住宅装修管理协议"):
        reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)
    data = _data(touches_gas=True, alteration_detail="燃气表移位 30cm", workers=list(row.workers))
    row = reno.update_application(ctx, row.uuid, data, expected_version=row.version)
    assert len(row.workers) == 2  # the same two people, not four
    with pytest.raises(InvalidTransition, match="拆改审批"):
        reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)
    with pytest.raises(PermissionDenied):
        reno.approve_alteration(ctx, row.uuid, "同意", expected_version=row.version)
    row = reno.approve_alteration(supervisor_ctx, row.uuid, "同意，须由燃气公司施工", expected_version=row.version)
    row = reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)
    assert row.status == "施工中"
    assert [a for s, a in _actions(ctx, row.uuid) if s == "装修申请"] == ["登记装修申请", "修改", "拆改审批", "审批通过"]


def test_extension_records_the_new_end_date(ctx, supervisor_ctx):
    row = _approved(ctx, supervisor_ctx)
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
        reno.update_application(ctx, row.uuid, _data(planned_end_date=DAY + timedelta(days=90)),
                                expected_version=row.version)


def test_void_needs_supervisor_and_reason(ctx, supervisor_ctx):
    row = reno.apply(ctx, _data())
    with pytest.raises(PermissionDenied):
        reno.void_application(ctx, row.uuid, "重复登记", expected_version=row.version)
    with pytest.raises(ValidationError, match="作废原因"):
        reno.void_application(supervisor_ctx, row.uuid, "", expected_version=row.version)
    row = reno.void_application(supervisor_ctx, row.uuid, "重复登记", expected_version=row.version)
    assert row.status == "已作废" and row.void_reason == "重复登记"
    assert reno.list_applications(ctx) == []
    assert [r.uuid for r in reno.list_applications(ctx, include_void=True)] == [row.uuid]


# ---------------------------------------------------------------- acceptance and refund

def test_refund_only_after_passed_acceptance_and_without_open_notice(ctx, supervisor_ctx, clock):
    row = _approved(ctx, supervisor_ctx)
    visit = reno.record_visit(ctx, VisitData(row.uuid, "施工中", "水电", failed_checks=["私拉电线"]))
    assert visit.notice_no
    row = reno.request_acceptance(ctx, row.uuid, expected_version=reno.get(ctx, row.uuid).version)
    assert row.status == "待验收"

    # Failed acceptance: no refund.
    items = [(i, i != "装修垃圾已清运", "" if i != "装修垃圾已清运" else "楼道仍有垃圾")
             for i in reno.acceptance_items(ctx)]
    with pytest.raises(ValidationError, match="不合格项"):
        reno.record_acceptance(ctx, row.uuid, "合格", items, expected_version=row.version)
    row = reno.record_acceptance(ctx, row.uuid, "不合格", items, expected_version=row.version)
    assert row.status == "待验收" and row.acceptance_result == "不合格"
    with pytest.raises(InvalidTransition, match="验收不合格"):
        reno.refund_deposit(ctx, row.uuid, receipt="TK-01", expected_version=row.version)

    # Passed acceptance, but the notice is still open: no refund.
    clock.set(clock.now + timedelta(days=1))
    ok_items = [(i, True, "") for i in reno.acceptance_items(ctx)]
    row = reno.record_acceptance(ctx, row.uuid, "合格", ok_items, expected_version=row.version)
    assert row.status == "已验收"
    with pytest.raises(InvalidTransition, match=visit.notice_no):
        reno.refund_deposit(ctx, row.uuid, receipt="TK-01", expected_version=row.version)

    reno.recheck_notice(ctx, visit.notice_no, "已整改", note="已改为穿管敷设")
    row = reno.get(ctx, row.uuid)
    with pytest.raises(ValidationError, match="扣款1原因"):
        reno.refund_deposit(ctx, row.uuid, receipt="TK-01", deductions=[DeductionData("", Decimal("100"))],
                            expected_version=row.version)
    with pytest.raises(ValidationError, match="超过押金"):
        reno.refund_deposit(ctx, row.uuid, receipt="TK-01",
                            deductions=[DeductionData("损坏电梯轿厢", Decimal("2500"))], expected_version=row.version)
    row = reno.refund_deposit(ctx, row.uuid, receipt="TK-01",
                              deductions=[DeductionData("损坏公共走道地砖", Decimal("150.50"))],
                              expected_version=row.version)
    assert row.status == "押金已退"
    assert row.refund_amount == Decimal("1849.50")
    assert row.refund_deductions == (DeductionData("损坏公共走道地砖", Decimal("150.50")),)
    assert row.refund_receipt == "TK-01" and row.refunded_at == clock.now
    steps = [a for s, a in _actions(ctx, row.uuid) if s == "装修申请"]
    assert steps[-5:] == ["完工申请验收", "验收", "验收", "复查", "退押金"]


# ---------------------------------------------------------------- the round

def test_round_lists_exactly_the_units_under_renovation(ctx, supervisor_ctx):
    working = [_approved(ctx, supervisor_ctx, u).unit_no for u in ("12-0801", "3-2-1502", "3-1-0201")]
    reno.apply(ctx, _data("7-1-0101"))  # waiting for approval
    later = _approved(ctx, supervisor_ctx, "8-1-0101", start_date=DAY + timedelta(days=3))
    refused = reno.apply(ctx, _data("9-1-0101"))
    reno.refuse(supervisor_ctx, refused.uuid, "资料不全", expected_version=refused.version)
    done = _approved(ctx, supervisor_ctx, "10-1-0101")
    reno.request_acceptance(ctx, done.uuid, expected_version=done.version)
    voided = _approved(ctx, supervisor_ctx, "11-1-0101")
    reno.void_application(supervisor_ctx, voided.uuid, "登记错误", expected_version=voided.version)

    items = reno.round_for(ctx, DAY)
    assert [i.unit_no for i in items] == ["3-1-0201", "3-2-1502", "12-0801"]  # by building, then unit
    assert sorted(working) == sorted(i.unit_no for i in items)
    assert [i.building for i in items] == ["3", "3", "12"]
    # The later one joins the round on its start date.
    assert "8-1-0101" in [i.unit_no for i in reno.round_for(ctx, later.start_date)]


def test_round_flags_units_not_inspected_today_and_for_two_days(ctx, supervisor_ctx, clock):
    a = _approved(ctx, supervisor_ctx, "3-2-1502")
    b = _approved(ctx, supervisor_ctx, "3-2-1602")
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
    pending = reno.apply(ctx, _data("5-1-0101"))
    with pytest.raises(InvalidTransition):
        reno.record_visit(ctx, VisitData(pending.uuid, "施工中"))
    row = _approved(ctx, supervisor_ctx)
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


# ---------------------------------------------------------------- violations

def test_violation_notice_missed_deadline_escalation_each_step_in_history(ctx, supervisor_ctx, clock):
    row = _approved(ctx, supervisor_ctx)
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
    row = _approved(ctx, supervisor_ctx)
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


# ---------------------------------------------------------------- noise hours and complaints

def test_noise_hours(ctx):
    friday = date(2026, 11, 20)
    assert reno.noise_allowed(ctx, datetime.combine(friday, datetime.min.time()).replace(hour=10))
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 20, 12, 30))
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 20, 7, 59))
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 21, 10, 0))  # Saturday
    assert "08:00–12:00、14:00–18:00" in reno.noise_hours_text(ctx)
    assert "休息日及法定节假日不得" in reno.noise_hours_text(ctx)


def test_noise_complaint_is_linked_to_the_renovation(ctx, supervisor_ctx, clock):
    from app.complaints.models import Complaint
    from app.core import records

    row = _approved(ctx, supervisor_ctx)
    other = _approved(ctx, supervisor_ctx, "5-1-0101")

    def complaint(unit, category, content, at):
        with ctx.unit_of_work() as s:
            records.create(ctx, s, Complaint, received_at=at, channel="来电", complainant="邻居",
                           unit_no=unit, phone="13800000000", category=category, severity="一般",
                           validity="待定", content=content, status="已受理", received_by="王丽")

    complaint("3-2-1502", "装修噪音扰民", "中午还在电钻", datetime(2026, 11, 20, 12, 40))
    complaint("3-2-1402", "装修噪音扰民", "楼上3-2-1502周六早上七点就开始砸墙", datetime(2026, 11, 21, 7, 30))
    complaint("3-2-1502", "停车", "车位被占", datetime(2026, 11, 20, 15, 0))
    complaint("3-2-1502", "装修噪音扰民", "去年的投诉", datetime(2025, 11, 20, 15, 0))
    linked = reno.noise_complaints(ctx, row.uuid)
    assert [c.content for c in linked] == ["中午还在电钻", "楼上3-2-1502周六早上七点就开始砸墙"]
    assert [c.during_noise_hours for c in linked] == [False, False]
    assert reno.noise_complaints(ctx, other.uuid) == []
    [item] = [i for i in reno.round_for(ctx, DAY) if i.unit_no == "3-2-1502"]
    assert item.noise_complaints == 2


def test_key_checks_are_an_editable_setting(ctx, supervisor_ctx):
    assert reno.key_checks(ctx)[0] == "承重结构" and len(reno.key_checks(ctx)) == 11
    with pytest.raises(PermissionDenied):
        reno.put_list_setting(ctx, reno.KEY_CHECKS.key, ["承重结构"])
    with pytest.raises(ValidationError):
        reno.put_list_setting(supervisor_ctx, reno.KEY_CHECKS.key, ["承重结构；燃气"])
    reno.put_list_setting(supervisor_ctx, reno.KEY_CHECKS.key, ["承重结构", "空调外机位", "承重结构"])
    assert reno.key_checks(ctx) == ["承重结构", "空调外机位"]


def test_no_noisy_work_on_days_off_of_the_working_day_calendar(ctx, admin_ctx):
    from app.core import calendar

    # 2026-10-01 (Thursday) is National Day; 2026-09-20 (Sunday) is a make-up workday (调休).
    assert not reno.noise_allowed(ctx, datetime(2026, 10, 1, 10, 0))
    assert reno.noise_allowed(ctx, datetime(2026, 9, 20, 10, 0))
    assert reno.noise_windows(ctx, date(2026, 10, 1)) == []
    # A day the site's admin marks as a day off.
    assert reno.noise_allowed(ctx, datetime(2026, 11, 25, 10, 0))
    calendar.set_override(admin_ctx, date(2026, 11, 25), "off", "停水停电")
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 25, 10, 0))
