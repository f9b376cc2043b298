"""Reception services: validation, statuses, permissions, stale updates, complaints,
message relay, badge, day closing."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.complaints.models import Complaint
from app.reception.models import ContactRecord, MessageRelay
from app.domain.errors import InvalidTransition, PermissionDenied, StaleRecord, ValidationError
from app import reception, residents


def _call(ctx, **kw):
    data = dict(method="来电", name="张三", category="咨询", content="咨询物业费缴纳方式", phone="13800138000",
                unit_no="3-2-1502")
    data.update(kw)
    return reception.create_contact(ctx, **data)


def _count(ctx, model=ContactRecord):
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_on_the_spot_with_handling_is_completed_and_listed_today(ctx, clock):
    row = _call(ctx, handling="已当场解答，业主满意")
    assert row.status == "已完成"
    assert row.completed_at == clock.now and row.received_at == clock.now
    assert row.received_by == "王丽" and row.due_at is None
    page = reception.list_contacts(ctx)
    assert [r.uuid for r in page.rows] == [row.uuid]


def test_phone_and_unit_are_normalised(ctx):
    row = _call(ctx, phone="+86 138 0013 8000", unit_no="3栋2单元1502室")
    assert row.phone == "13800138000"
    assert row.unit_no == "3-2-1502"


def test_handed_over_gets_the_end_of_todays_desk_hours(ctx, clock):
    # 2026-11-20 is a Friday: desk hours 08:30-18:00
    row = _call(ctx, category="报修", content="卫生间漏水", handling_mode="转交", department="工程部")
    assert row.status == "处理中"
    assert row.due_at == datetime(2026, 11, 20, 18, 0)
    assert row.department == "工程部"
    # after closing time, the default is the next day's closing time (a Saturday: 17:00)
    clock.set(datetime(2026, 11, 20, 19, 30))
    late = _call(ctx, category="报修", content="停电", handling_mode="转交", department="工程部")
    assert late.due_at == datetime(2026, 11, 21, 17, 0)


def test_open_on_the_spot_record_is_pending_until_completed(ctx, clock):
    row = _call(ctx)
    assert row.status == "待处理" and row.handling is None
    clock.set(clock.now + timedelta(minutes=20))
    done = reception.complete_contact(ctx, row.uuid, expected_version=row.version, handling="已告知缴费方式")
    assert done.status == "已完成" and done.completed_at == clock.now
    with pytest.raises(ValidationError) as err:
        reception.complete_contact(ctx, row.uuid, expected_version=done.version, handling="  ")
    assert err.value.field == "处理情况"


def test_validation_names_every_bad_field_and_saves_nothing(ctx):
    errors = reception.validate_contact(ctx, method="来电", name="", category="吐槽", content="x" * 5001,
                                        phone="12345abc", unit_no="不知道", handling_mode="转交")
    keys = {e.key for e in errors}
    assert {"name", "category", "content", "phone", "unit_no", "department"} <= keys
    assert all(str(e) and e.field for e in errors)
    content_error = next(e for e in errors if e.key == "content")
    assert "5000" in str(content_error)
    with pytest.raises(ValidationError) as err:
        _call(ctx, name="  ")
    assert err.value.field == "姓名" and "必填" in str(err.value)
    with pytest.raises(ValidationError) as err:
        _call(ctx, method="短信")
    assert err.value.field == "方式" and "来访" in str(err.value)
    assert _count(ctx) == 0


def test_times_must_make_sense(ctx, clock):
    with pytest.raises(ValidationError) as err:
        _call(ctx, received_at=clock.now + timedelta(hours=2))
    assert err.value.field == "登记时间"
    with pytest.raises(ValidationError) as err:
        _call(ctx, handling_mode="转交", department="工程部", due_at=clock.now - timedelta(hours=1))
    assert err.value.field == "要求完成时间"
    row = _call(ctx)
    with pytest.raises(ValidationError) as err:
        reception.complete_contact(ctx, row.uuid, expected_version=row.version, handling="好了",
                                   completed_at=clock.now - timedelta(days=1))
    assert err.value.field == "完成时间"


def test_complaint_opens_the_linked_complaint_in_the_same_unit_of_work(ctx):
    row = _call(ctx, category="投诉", content="楼上装修噪音太大，中午也在施工")
    assert row.complaint_uuid
    with ctx.read() as s:
        complaint = s.scalars(select(Complaint).where(Complaint.uuid == row.complaint_uuid)).one()
        assert complaint.source_contact_uuid == row.uuid
        assert complaint.status == "已受理"
        assert complaint.category == "装修噪音扰民"
        assert complaint.phone == "13800138000"
    # no phone: neither the record nor a complaint is saved
    with pytest.raises(ValidationError) as err:
        _call(ctx, category="投诉", phone="")
    assert err.value.field == "联系电话"
    assert _count(ctx) == 1 and _count(ctx, Complaint) == 1


def test_repair_requests_are_the_open_repair_records(ctx):
    repair = _call(ctx, category="报修", content="厨房水龙头漏水")
    _call(ctx, category="咨询")
    _call(ctx, category="报修", content="门锁坏了", handling="已当场修好")
    assert [r.uuid for r in reception.list_repair_requests(ctx)] == [repair.uuid]
    assert len(reception.list_repair_requests(ctx, include_done=True)) == 2


def test_receptionist_cannot_void_a_supervisor_can_with_a_reason(ctx, supervisor_ctx):
    row = _call(ctx)
    with pytest.raises(PermissionDenied):
        reception.void_contact(ctx, row.uuid, expected_version=row.version, reason="重复登记")
    with pytest.raises(ValidationError) as err:
        reception.void_contact(supervisor_ctx, row.uuid, expected_version=row.version, reason=" ")
    assert err.value.field == "作废原因"
    voided = reception.void_contact(supervisor_ctx, row.uuid, expected_version=row.version, reason="重复登记")
    assert voided.status == "已作废" and voided.void_reason == "重复登记" and voided.voided_by == "张敏"
    with pytest.raises(ValidationError):
        reception.complete_contact(ctx, row.uuid, expected_version=voided.version, handling="x")
    history = reception.contact_history(ctx, row.uuid)
    assert [h.action for h in history] == ["登记", "作废"]
    assert history[-1].actor == "张敏" and history[-1].note == "重复登记"


def test_stale_update_is_refused(ctx, supervisor_ctx):
    row = _call(ctx)
    reception.update_contact(supervisor_ctx, row.uuid, expected_version=row.version, content="咨询停车月卡办理")
    with pytest.raises(StaleRecord) as err:
        reception.update_contact(ctx, row.uuid, expected_version=row.version, content="咨询门禁卡")
    assert "张敏" in str(err.value)
    with pytest.raises(StaleRecord):
        reception.complete_contact(ctx, row.uuid, expected_version=row.version, handling="已答复")
    current = reception.get_contact(ctx, row.uuid)
    assert current.content == "咨询停车月卡办理" and current.status == "待处理"


def test_update_hands_over_and_audits_the_change(ctx, clock):
    row = _call(ctx, category="求助", content="老人忘带钥匙")
    clock.set(clock.now + timedelta(minutes=5))
    moved = reception.hand_over(ctx, row.uuid, expected_version=row.version, department="安管部", handler="赵队长")
    assert moved.status == "处理中" and moved.handler == "赵队长" and moved.version == row.version + 1
    last = reception.contact_history(ctx, row.uuid)[-1]
    assert last.action == "修改" and last.after["department"] == "安管部" and last.before["status"] == "待处理"


def test_completed_record_is_corrected_only_by_a_supervisor(ctx, supervisor_ctx):
    row = _call(ctx, handling="已答复")
    with pytest.raises(InvalidTransition):
        reception.update_contact(ctx, row.uuid, expected_version=row.version, name="张四")
    with pytest.raises(InvalidTransition):
        reception.complete_contact(ctx, row.uuid, expected_version=row.version, handling="改一下")
    fixed = reception.update_contact(supervisor_ctx, row.uuid, expected_version=row.version, name="张四")
    assert fixed.name == "张四" and fixed.status == "已完成"


def test_a_complaint_record_keeps_its_category(ctx):
    row = _call(ctx, category="投诉", content="电梯经常停运")
    with pytest.raises(ValidationError) as err:
        reception.update_contact(ctx, row.uuid, expected_version=row.version, category="咨询")
    assert err.value.field == "类别"


def test_message_relay_from_a_record_and_passed_on(ctx, supervisor_ctx, clock):
    row = _call(ctx, category="转告", content="请张主管回电，关于车位续租", relay_to="张敏")
    assert row.relay_to == "张敏"
    pending = reception.list_pending_messages(ctx, "张敏")
    assert [m.message for m in pending] == ["请张主管回电，关于车位续租"]
    assert pending[0].from_person == "张三" and pending[0].from_phone == "13800138000"
    assert reception.my_pending_messages(supervisor_ctx) == pending
    assert reception.my_pending_messages(ctx) == []
    clock.set(clock.now + timedelta(minutes=30))
    done = reception.mark_passed_on(supervisor_ctx, pending[0].uuid, expected_version=pending[0].version)
    assert done.status == "已转告" and done.passed_on_at == clock.now and done.passed_on_by == "张敏"
    assert reception.list_pending_messages(ctx, "张敏") == []
    contact = reception.get_contact(ctx, row.uuid)
    assert contact.status == "已完成" and "张敏" in contact.handling
    with pytest.raises(InvalidTransition):
        reception.mark_passed_on(ctx, done.uuid, expected_version=done.version)
    with pytest.raises(ValidationError) as err:
        _call(ctx, category="转告", relay_to=" ")
    assert err.value.key == "relay_to"


def test_standalone_message(ctx):
    m = reception.create_message(ctx, to_staff="李强", message="请回电", from_person="快递员", from_phone="021-6666 8888")
    assert m.status == "待转告" and m.from_phone == "021-66668888"
    with pytest.raises(ValidationError) as err:
        reception.create_message(ctx, to_staff="", message="请回电", from_person="x")
    assert err.value.field == "转告对象"
    assert _count(ctx, MessageRelay) == 1


def test_list_pages_filters_and_order(ctx, clock):
    start = clock.now
    for i in range(230):
        clock.set(start + timedelta(seconds=i * 30))
        _call(ctx, method="来访" if i % 3 == 0 else "来电", category="报修" if i % 2 else "咨询",
              content=f"记录{i}", handling="已答复" if i % 5 == 0 else None)
    seen, cursor = [], None
    while True:
        page = reception.list_contacts(ctx, after=cursor, limit=100)
        seen.extend(page.rows)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == 230 and len({r.uuid for r in seen}) == 230
    assert [r.content for r in seen[:3]] == ["记录229", "记录228", "记录227"]
    assert reception.count_contacts(ctx) == 230
    flt = reception.ContactFilter(date_from=start.date(), date_to=start.date(), statuses=("已完成",),
                                  methods=("来访",), categories=("咨询",), received_by="王丽")
    rows = reception.list_contacts(ctx, flt, limit=500).rows
    expected = [i for i in range(230) if i % 5 == 0 and i % 3 == 0 and i % 2 == 0]
    assert sorted(int(r.content[2:]) for r in rows) == expected
    assert reception.list_contacts(ctx, reception.ContactFilter(received_by="别人")).rows == ()
    with pytest.raises(ValidationError):
        reception.list_contacts(ctx, reception.ContactFilter(date_from=start.date(),
                                                             date_to=start.date() - timedelta(days=1)))


def test_badge_counts_open_items_and_turns_red_when_overdue(ctx, clock):
    assert reception.nav_badge(ctx) is None
    _call(ctx, handling="已答复")
    _call(ctx, category="报修", content="漏水", handling_mode="转交", department="工程部")
    badge = reception.nav_badge(ctx)
    assert badge.count == 1 and badge.level is None and "今日未办结 1" in badge.tooltip
    clock.set(datetime(2026, 11, 20, 18, 30))
    badge = reception.nav_badge(ctx)
    assert badge.level == "red" and "已超时 1" in badge.tooltip
    row = reception.list_contacts(ctx, reception.ContactFilter(overdue_only=True)).rows[0]
    assert row.overdue


def test_day_closing_lists_open_items_and_records_without_handling(ctx, clock):
    clock.set(datetime(2026, 11, 19, 10, 0))
    old = _call(ctx, category="报修", content="昨天的漏水", handling_mode="转交", department="工程部")
    clock.set(datetime(2026, 11, 20, 9, 0))
    done = _call(ctx, handling="已答复")
    open_ = _call(ctx, content="咨询快递柜位置")
    handed = _call(ctx, category="报修", content="灯不亮", handling_mode="转交", department="工程部")
    reception.create_message(ctx, to_staff="李强", message="请回电", from_person="业主")
    data = reception.day_closing(ctx)
    assert data.total == 3 and data.completed == 1
    assert {r.uuid for r in data.open_items} == {open_.uuid, handed.uuid}
    assert {r.uuid for r in data.without_handling} == {open_.uuid, handed.uuid}
    assert [r.uuid for r in data.carried_over] == [old.uuid]
    assert dict(data.by_category) == {"咨询": 2, "报修": 1}
    assert len(data.pending_messages) == 1
    assert done.uuid not in {r.uuid for r in data.open_items}


def test_standard_phrases_greet_with_the_receptionists_surname(ctx, supervisor_ctx):
    assert reception.standard_phrases(ctx).greeting == "您好，物业客服中心，我姓王，请问有什么可以帮您？"
    assert "我姓张" in reception.standard_phrases(supervisor_ctx).greeting
    assert "请稍等" in reception.standard_phrases(ctx).phrases


def test_department_head_is_the_default_handler(ctx, admin_ctx):
    from app.core import departments

    dept = next(d for d in departments.list_departments(admin_ctx) if d.name == "工程部")
    departments.update_department(admin_ctx, dept.id, expected_version=dept.version, name="工程部", head="李工")
    row = _call(ctx, category="报修", content="漏水", handling_mode="转交", department="工程部")
    assert row.handler == "李工"


def test_known_phone_is_found_for_the_form(ctx):
    residents.add_resident(ctx, name="李四", phone="13900001111", unit_no="5-1-0801")
    matches = residents.find_by_phone(ctx, "139 0000 1111")
    assert [(m.name, m.unit_no) for m in matches] == [("李四", "5-1-0801")]
