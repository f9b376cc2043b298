"""Move-in handover rules: what must be done before a unit is handed over,
who needs which agreement, meter readings, defects to closure, the one-week rule."""

from datetime import date, datetime

import pytest

from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app import movein as mi
from app.core import records
from app import residents


def _start(ctx, unit="3-2-1502", **kw):
    kw.setdefault("receiver_name", "张三")
    kw.setdefault("receiver_phone", "13800138000")
    return mi.start_handover(ctx, unit, **kw)


def _tick_all(ctx, data, *, skip=()):
    for item in data.checklist:
        if item.applicable and item.item not in skip:
            data = mi.set_item(ctx, data.uuid, item.id, mi.ItemStatus.DONE, expected_version=data.version)
    return data


def _meters_keys(ctx, data):
    data = mi.add_meter_reading(ctx, data.uuid, kind="水", meter_no="W-1502", reading="12.5",
                                expected_version=data.version)
    data = mi.add_meter_reading(ctx, data.uuid, kind="电", meter_no="E-1502", reading=230,
                                expected_version=data.version)
    data = mi.add_key(ctx, data.uuid, kind="入户门", count=3, signed=True, expected_version=data.version)
    return data


def _inspect_all(ctx, data):
    ids = [i.id for i in data.inspection if i.result == mi.InspectionResult.UNCHECKED]
    return mi.set_inspection(ctx, data.uuid, ids, mi.InspectionResult.PASSED, expected_version=data.version)


def _ready(ctx, data, **kw):
    return _inspect_all(ctx, _meters_keys(ctx, _tick_all(ctx, data, **kw)))


def test_required_item_open_blocks_completion_and_is_named(ctx):
    data = _ready(ctx, _start(ctx), skip=("防火责任书",))
    with pytest.raises(mi.HandoverIncomplete) as err:
        mi.complete_handover(ctx, data.uuid, expected_version=data.version)
    assert "资料发放：防火责任书" in str(err.value)
    assert [m.step for m in err.value.missing] == ["issued"]
    assert mi.get_handover(ctx, data.uuid).status == "办理中"
    item = next(i for i in data.checklist if i.item == "防火责任书")
    data = mi.set_item(ctx, data.uuid, item.id, "已完成")
    done = mi.complete_handover(ctx, data.uuid, expected_version=data.version)
    assert done.status == "已交付"
    assert done.completed_by == "王丽" and done.completed_at == ctx.now()


def test_everything_missing_is_listed_by_step(ctx):
    data = _start(ctx)
    steps = {m.step for m in data.missing}
    assert steps == {"identity", "documents", "agreements", "issued", "meters", "keys", "inspection"}
    texts = " ".join(m.text for m in data.missing)
    assert "水表读数未录入" in texts and "电表读数未录入" in texts and "燃气表" not in texts
    assert "钥匙：未登记交付的钥匙" in texts


def test_tenant_needs_tenant_agreement_not_owners(ctx):
    data = _start(ctx, party_kind="租户", receiver_name="赵租", owner_name="张三")
    applicable = {i.item for i in data.checklist if i.applicable}
    assert "租户管理服务协议书" in applicable
    assert "业主临时管理规约" not in applicable and "住宅装修管理协议" not in applicable
    data = _ready(ctx, data, skip=("租户管理服务协议书",))
    with pytest.raises(mi.HandoverIncomplete) as err:
        mi.complete_handover(ctx, data.uuid)
    assert "协议签署：租户管理服务协议书" in str(err.value)
    assert "业主临时管理规约" not in str(err.value)
    item = next(i for i in data.checklist if i.item == "租户管理服务协议书")
    data = mi.set_item(ctx, data.uuid, item.id, "已完成")
    assert mi.complete_handover(ctx, data.uuid).status == "已交付"
    # The tenant and the owner are now in 业主与房屋.
    people = {(p.name, p.role) for p in residents.residents_of_unit(ctx, "3-2-1502")}
    assert people == {("赵租", "租户"), ("张三", "业主")}


def test_owner_needs_owner_agreements_and_resale_needs_preliminary_agreement(ctx):
    data = _start(ctx)
    applicable = {i.item for i in data.checklist if i.applicable}
    assert {"业主临时管理规约", "住宅装修管理协议"} <= applicable
    assert "租户管理服务协议书" not in applicable and "前期物业服务协议" not in applicable
    data = mi.update_party(ctx, data.uuid, expected_version=data.version, party_kind="业主", receiver_name="张三",
                           is_resale=True)
    assert "前期物业服务协议" in {i.item for i in data.checklist if i.applicable}
    assert "协议签署：前期物业服务协议" in [m.text for m in data.missing]


def test_proxy_without_notarised_power_of_attorney_cannot_complete(ctx):
    with pytest.raises(ValidationError) as err:
        _start(ctx, party_kind="受托人", receiver_name="李四")
    assert err.value.field == "业主姓名"
    data = _start(ctx, party_kind="受托人", receiver_name="李四", owner_name="张三")
    party = {i.item for i in data.items_of("证件核验")}
    assert party == {"业主身份证件已核验", "受托人身份证件已核验", "经公证的授权委托书已核验", "双方身份证件复印件已留存"}
    data = _ready(ctx, data, skip=("经公证的授权委托书已核验",))
    with pytest.raises(mi.HandoverIncomplete) as err:
        mi.complete_handover(ctx, data.uuid)
    assert "经公证的授权委托书" in str(err.value)
    # Who checked the IDs is kept (a tick), never an ID number.
    ids = [i for i in mi.get_handover(ctx, data.uuid).items_of("证件核验") if i.status == "已完成"]
    assert ids and all(i.done_by == "王丽" for i in ids)
    assert data.principal == "张三"


def test_required_item_not_applicable_needs_a_reason(ctx):
    data = _start(ctx)
    item = next(i for i in data.checklist if i.item == "购房合同")
    with pytest.raises(ValidationError) as err:
        mi.set_item(ctx, data.uuid, item.id, "不适用")
    assert err.value.field == "说明"
    data = mi.set_item(ctx, data.uuid, item.id, "不适用", note="开发商代为保管，另行补交")
    assert "资料查验：购房合同" not in [m.text for m in data.missing]


def test_meter_reading_lower_than_previous_is_refused(ctx, clock):
    data = _start(ctx)
    data = mi.add_meter_reading(ctx, data.uuid, kind="电", meter_no="E-1502", reading="230.5",
                                read_on=date(2026, 11, 19))
    with pytest.raises(ValidationError) as err:
        mi.add_meter_reading(ctx, data.uuid, kind="电", meter_no="E-1502", reading="229")
    assert err.value.field == "读数"
    assert "低于该表上次读数 230.5" in str(err.value) and "只增不减" in str(err.value)
    with pytest.raises(ValidationError) as err:
        mi.add_meter_reading(ctx, data.uuid, kind="水", meter_no="W-1", reading="-1")
    assert "不能为负数" in str(err.value)
    with pytest.raises(ValidationError) as err:
        mi.add_meter_reading(ctx, data.uuid, kind="水", meter_no="W-1", reading="十二")
    assert err.value.field == "读数"
    # An earlier reading higher than a later one is refused too; the same or higher is fine.
    with pytest.raises(ValidationError) as err:
        mi.add_meter_reading(ctx, data.uuid, kind="电", meter_no="E-1502", reading="231", read_on=date(2026, 11, 1))
    assert "高于该表之后" in str(err.value)
    data = mi.add_meter_reading(ctx, data.uuid, kind="电", meter_no="E-1502", reading="230.5")
    assert [m.reading for m in data.meters] == [230.5, 230.5]
    assert data.latest_reading("电").read_on == date(2026, 11, 20)


def test_unit_through_rectification_to_delivered_with_history(ctx, supervisor_ctx, clock):
    data = _tick_all(ctx, _start(ctx))
    data = _meters_keys(ctx, data)
    wall = next(i for i in data.inspection if i.room == "客厅" and i.item == "墙面")
    data = mi.add_defect(ctx, data.uuid, room="客厅", item="墙面", description="客厅东墙面开裂约 30 cm",
                         severity="一般", responsible="施工单位", inspection_id=wall.id)
    data = mi.add_defect(ctx, data.uuid, room="卫生间", item="防水", description="闭水试验楼下渗水",
                         severity="严重", responsible="施工单位")
    data = _inspect_all(ctx, data)
    assert {i.result for i in data.inspection if (i.room, i.item) in {("客厅", "墙面"), ("卫生间", "防水")}} == {"不合格"}
    with pytest.raises(mi.HandoverIncomplete) as err:
        mi.complete_handover(ctx, data.uuid)
    assert "缺陷：2 项未销项" in str(err.value)

    deadline = date(2026, 12, 5)
    data = mi.require_rectification(ctx, data.uuid, deadline=deadline, expected_version=data.version)
    assert data.status == "需整改" and data.rectify_deadline == deadline
    assert all(d.deadline <= deadline for d in data.defects)
    assert mi.building_overview(ctx, "3").cells[0].status == "需整改"

    crack, leak = data.defects
    mi.start_rectification(ctx, crack.uuid)
    mi.start_rectification(ctx, leak.uuid)
    clock.set(datetime(2026, 11, 28, 10, 0))
    mi.mark_rectified(ctx, crack.uuid)
    mi.mark_rectified(ctx, leak.uuid)
    with pytest.raises(InvalidTransition):
        mi.mark_rectified(ctx, leak.uuid)
    with pytest.raises(ValidationError):  # a failed re-inspection says why
        mi.reinspect_defect(supervisor_ctx, leak.uuid, passed=False)
    failed = mi.reinspect_defect(supervisor_ctx, leak.uuid, passed=False, note="仍有渗水")
    assert failed.status == "整改中" and failed.reinspected_by == "张敏"
    mi.mark_rectified(ctx, leak.uuid)
    clock.set(datetime(2026, 11, 30, 15, 0))
    closed = mi.reinspect_defect(supervisor_ctx, leak.uuid, passed=True)
    assert closed.status == "已销项" and closed.reinspected_at == datetime(2026, 11, 30, 15, 0)
    mi.reinspect_defect(supervisor_ctx, crack.uuid, passed=True)

    data = mi.get_handover(ctx, data.uuid)
    assert data.missing == ()
    done = mi.complete_handover(ctx, data.uuid, expected_version=data.version)
    assert done.status == "已交付" and done.completed_at == datetime(2026, 11, 30, 15, 0)
    assert not done.late_entry  # re-inspection weeks later is not late data entry

    actions = [h.action for h in records.history(ctx, done.uuid)]
    assert actions[0] == "开始办理" and actions[-1] == "交付完成"
    for step in ("勾选清单", "录入表读数", "交付钥匙", "登记缺陷", "验房", "需整改", "开始整改", "整改完成",
                 "复验不通过", "复验通过"):
        assert step in actions, step
    assert actions.count("复验通过") == 2 and actions.count("开始整改") == 2
    notes = [h.note for h in records.history(ctx, done.uuid) if h.action == "复验不通过"]
    assert notes == ["卫生间/防水：待复验 → 整改中（仍有渗水）"]
    assert mi.building_overview(ctx, "3").cells[0].status == "已交付"


def test_rectification_needs_an_open_defect_and_a_future_deadline(ctx):
    data = _ready(ctx, _start(ctx))
    with pytest.raises(ValidationError) as err:
        mi.require_rectification(ctx, data.uuid, deadline=date(2026, 12, 1))
    assert "直接完成交付" in str(err.value)
    data = mi.add_defect(ctx, data.uuid, room="阳台", item="防水", description="地漏周边渗水")
    with pytest.raises(ValidationError) as err:
        mi.require_rectification(ctx, data.uuid, deadline=date(2026, 11, 1))
    assert err.value.field == "整改期限"


def test_stale_version_refused(ctx):
    data = _start(ctx)
    item = data.checklist[0]
    mi.set_item(ctx, data.uuid, item.id, "已完成", expected_version=data.version)
    from app.domain.errors import StaleRecord

    with pytest.raises(StaleRecord):
        mi.set_item(ctx, data.uuid, data.checklist[1].id, "已完成", expected_version=data.version)


def test_one_open_handover_per_unit(ctx):
    _start(ctx)
    with pytest.raises(ValidationError) as err:
        _start(ctx, receiver_name="李四")
    assert err.value.field == "房号" and "办理中" in str(err.value)


def test_one_week_rule_flags_late_entries_for_the_manager(ctx, manager_ctx, clock):
    # Entered the same week: not flagged.
    on_time = _start(ctx, "3-2-1501", handover_at=datetime(2026, 11, 16, 10, 0))
    assert not on_time.late_entry
    # Entered from paper ten days after the handover: flagged at once.
    late = _start(ctx, "3-2-1502", handover_at=datetime(2026, 11, 10, 10, 0))
    assert late.late_entry and late.late_entry_at == clock.now
    # Data added to the first one later than a week after its date: flagged then.
    clock.set(datetime(2026, 11, 24, 9, 0))
    data = mi.add_fee(ctx, on_time.uuid, item="物业服务费", amount="1,200.50", receipt_no="R0001")
    assert data.late_entry and data.fee_total == __import__("decimal").Decimal("1200.50")
    assert {r.unit_no for r in mi.list_late_entries(manager_ctx)} == {"3-2-1501", "3-2-1502"}
    assert "逾期录入" in mi.nav_badge(manager_ctx).tooltip
    with pytest.raises(PermissionDenied):
        mi.review_late_entry(ctx, late.uuid)
    mi.review_late_entry(manager_ctx, late.uuid, "已与业主核对")
    assert {r.unit_no for r in mi.list_late_entries(manager_ctx)} == {"3-2-1501"}


def test_fees_keys_services_and_voiding(ctx):
    data = _start(ctx)
    data = mi.add_fee(ctx, data.uuid, item="物业服务费", amount="1200", receipt_no="R0001")
    data = mi.add_fee(ctx, data.uuid, item="装修保证金", amount=2000, receipt_no="R0002")
    with pytest.raises(ValidationError) as err:
        mi.add_fee(ctx, data.uuid, item="水电预存款", amount=100, receipt_no="R0001")
    assert err.value.field == "收据号"
    with pytest.raises(ValidationError):
        mi.add_fee(ctx, data.uuid, item="水电预存款", amount="0.001", receipt_no="R0003")
    assert str(data.fee_total) == "3200.00"
    data = mi.void_entry(ctx, data.uuid, "fee", data.fees[1].id, "收据开错")
    assert [f.item for f in data.fees] == ["物业服务费"] and str(data.fee_total) == "1200.00"
    data = mi.add_service(ctx, data.uuid, item="代办燃气开通", detail="业主外地，委托办理")
    data = mi.add_key(ctx, data.uuid, kind="入户门", count=3)
    data = mi.add_key(ctx, data.uuid, kind="信报箱", count=1)
    assert "钥匙：入户门钥匙未签收" in [m.text for m in data.missing]
    data = mi.sign_keys(ctx, data.uuid)
    assert all(k.signed for k in data.keys) and data.keys_text == "入户门×3；信报箱×1"
    assert not data.missing_for("keys")


def test_defect_photos_are_kept_under_the_data_home(ctx, tmp_path):
    photo = tmp_path / "crack.JPG"
    photo.write_bytes(b"\xff\xd8\xff fake jpeg")
    data = _start(ctx)
    data = mi.add_defect(ctx, data.uuid, room="客厅", item="墙面", description="墙面开裂", photos=[photo])
    d = data.defects[0]
    assert d.photos == (f"movein/{d.uuid}/01.jpg",)
    assert mi.photo_path(ctx, d.photos[0]).read_bytes() == photo.read_bytes()
    bad = tmp_path / "note.txt"
    bad.write_text("x")
    with pytest.raises(ValidationError):
        mi.attach_defect_photos(ctx, d.uuid, [bad])
    assert len(mi.attach_defect_photos(ctx, d.uuid, [photo]).photos) == 2


def test_building_overview_counts_and_open_defects(ctx):
    for room in ("1501", "1502", "1601", "1602"):
        residents.add_unit(ctx, f"3-2-{room}")
    residents.add_unit(ctx, "5-1-0101")
    a = _ready(ctx, _start(ctx, "3-2-1501"))
    mi.complete_handover(ctx, a.uuid)
    b = _start(ctx, "3-2-1502", receiver_name="李四")
    mi.add_defect(ctx, b.uuid, room="厨房", item="给排水", description="水槽下水慢")
    over = mi.building_overview(ctx, "3")
    assert [c.unit_no for c in over.cells] == ["3-2-1501", "3-2-1502", "3-2-1601", "3-2-1602"]
    assert over.counts == {"未交付": 2, "办理中": 1, "需整改": 0, "已交付": 1}
    cell = {c.unit_no: c for c in over.cells}
    assert cell["3-2-1502"].open_defects == 1 and cell["3-2-1502"].receiver == "李四"
    assert (cell["3-2-1601"].floor, cell["3-2-1601"].position) == ("16", "01")
    assert over.open_defects == 1


def test_templates_are_editable_by_a_supervisor(ctx, supervisor_ctx):
    with pytest.raises(PermissionDenied):
        mi.save_checklist_template(ctx, mi.checklist_template(ctx))
    items = mi.checklist_template(supervisor_ctx) + [mi.TemplateItem("资料发放", "停车管理规定", False, "全部")]
    mi.save_checklist_template(supervisor_ctx, items)
    with pytest.raises(ValidationError):
        mi.save_checklist_template(supervisor_ctx, items + [items[-1]])
    rooms = mi.parse_inspection_template_text("客厅：门窗、墙面\n书房: 门窗，地面\n")
    mi.save_inspection_template(supervisor_ctx, rooms)
    with pytest.raises(ValidationError):
        mi.parse_inspection_template_text("客厅 门窗 墙面")
    data = _start(ctx)
    assert any(i.item == "停车管理规定" and not i.required for i in data.checklist)
    assert [(i.room, i.item) for i in data.inspection] == [("客厅", "门窗"), ("客厅", "墙面"), ("书房", "门窗"),
                                                             ("书房", "地面")]
    data = mi.add_inspection_room(ctx, data.uuid, "书房2")
    assert [(i.room, i.item) for i in data.inspection][-2:] == [("书房2", "门窗"), ("书房2", "地面")]


def test_overdue_defects_make_the_badge_red(ctx, clock):
    data = _start(ctx)
    mi.add_defect(ctx, data.uuid, room="客厅", item="地面", description="地砖空鼓", deadline=date(2026, 11, 25))
    assert mi.nav_badge(ctx) is None
    clock.set(datetime(2026, 11, 23, 9, 0))
    assert mi.nav_badge(ctx).level == "amber"
    clock.set(datetime(2026, 11, 26, 9, 0))
    badge = mi.nav_badge(ctx)
    assert (badge.count, badge.level) == (1, "red")
    assert [d.overdue for d in mi.list_defects(ctx, overdue_only=True)] == [True]


def test_appointment_day_list_and_starting_from_it(ctx):
    day = date(2026, 11, 21)
    a = mi.add_appointment(ctx, unit_no="3栋2单元1502", at=datetime(2026, 11, 21, 9, 30), name="张三",
                           phone="138 0013 8000")
    mi.add_appointment(ctx, unit_no="3-2-1501", at=datetime(2026, 11, 21, 9, 0), name="李四")
    with pytest.raises(ValidationError):
        mi.add_appointment(ctx, unit_no="3-2-1502", at=datetime(2026, 11, 22, 9, 0), name="张三")
    rows = mi.list_appointments(ctx, day)
    assert [(r.unit_no, r.status) for r in rows] == [("3-2-1501", "已预约"), ("3-2-1502", "已预约")]
    data = _start(ctx, "3-2-1502", appointment_uuid=a.uuid, mode="集中交付")
    rows = mi.list_appointments(ctx, day)
    assert (rows[1].status, rows[1].handover_status, rows[1].handover_uuid) == ("已办理", "办理中", data.uuid)
    mi.set_appointment_status(ctx, rows[0].uuid, "未到")
    assert mi.appointment_days(ctx, day, day) == {day: 2}


def test_void_handover_needs_supervisor(ctx, supervisor_ctx):
    data = _start(ctx)
    with pytest.raises(PermissionDenied):
        mi.void_handover(ctx, data.uuid, "录错房号", expected_version=data.version)
    voided = mi.void_handover(supervisor_ctx, data.uuid, "录错房号", expected_version=data.version)
    assert voided.status == "已作废"
    assert mi.current_handover(ctx, "3-2-1502") is None
    _start(ctx)  # the unit can be handled again
