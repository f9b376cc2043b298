"""Nothing is deleted: records are voided with a reason by a supervisor, and every change
is in the history with who, when, and the values before and after."""

import pytest
from sqlalchemy import func, select

from app.core.models import AuditEvent, Resident
from app.domain.errors import PermissionDenied, ValidationError
from app.core import records
from app import residents


@pytest.fixture
def person(ctx):
    return residents.add_resident(ctx, name="李四", phone="139 0013 9000", unit_no="5栋1单元0801")


def test_receptionist_cannot_void(ctx, person):
    with pytest.raises(PermissionDenied) as err:
        residents.void_resident(ctx, person.id, "录入错误", expected_version=person.version)
    assert "前台客服" in str(err.value)
    assert residents.search_residents(ctx, "李四")[0].id == person.id
    with ctx.unit_of_work() as s:  # the generic helper refuses too
        with pytest.raises(PermissionDenied):
            records.void(ctx, s, s.get(Resident, person.id), "录入错误", expected_version=None, status_field=None)


def test_supervisor_voids_with_a_reason_and_nothing_is_deleted(ctx, supervisor_ctx, person, clock):
    with pytest.raises(ValidationError) as err:
        residents.void_resident(supervisor_ctx, person.id, "  ", expected_version=person.version)
    assert err.value.field == "作废原因"
    voided = residents.void_resident(supervisor_ctx, person.id, "重复录入", expected_version=person.version)
    assert voided.units == ()  # the tie to the unit ended
    assert residents.search_residents(ctx, "李四") == []
    assert residents.residents_of_unit(ctx, "5-1-0801") == []
    with ctx.read() as s:
        row = s.get(Resident, person.id)
        assert row is not None  # still in the database
        assert (row.void_reason, row.voided_by, row.voided_at) == ("重复录入", "张敏", clock.now)
    history = records.history(ctx, person.uuid)
    void = next(h for h in history if h.action == "作废")
    assert void.actor == "张敏" and void.note == "重复录入"
    assert void.before["voided_at"] is None and void.after["void_reason"] == "重复录入"
    # A voided record cannot be voided or changed again.
    with pytest.raises(ValidationError):
        residents.void_resident(supervisor_ctx, person.id, "再次", expected_version=voided.version)
    with pytest.raises(ValidationError):
        residents.update_resident(ctx, person.id, expected_version=voided.version, name="李四", phone=None)


def test_audit_events_have_before_and_after(ctx, person, clock):
    from datetime import timedelta

    clock.set(clock.now + timedelta(hours=1))
    residents.update_resident(ctx, person.id, expected_version=1, name="李四", phone="13700137000", note="新号码")
    history = records.history(ctx, person.uuid)
    assert [h.action for h in history] == ["新建", "修改"]
    created, changed = history
    assert created.before is None and created.after["name"] == "李四" and created.after["phone"] == "13900139000"
    assert "password_hash" not in created.after
    assert changed.actor == "王丽" and changed.at == clock.now
    assert changed.before == {"phone": "13900139000", "phone_digits": "13900139000", "note": None}
    assert changed.after == {"phone": "13700137000", "phone_digits": "13700137000", "note": "新号码"}


def test_failed_change_leaves_no_audit_event(ctx, person):
    with ctx.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(ValidationError):
        residents.update_resident(ctx, person.id, expected_version=1, name="", phone=None)
    with pytest.raises(ValidationError):
        residents.link_resident(ctx, person.id, "不是房号", "业主")
    with ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert residents.get_resident(ctx, person.id).version == 1


def test_unlinking_keeps_the_history(ctx, person, clock):
    residents.unlink_resident(ctx, person.id, "5栋1单元0801室")
    ties = residents.resident_ties(ctx, person.id)
    assert [(t.unit_code, t.role, t.move_out) for t in ties] == [("5-1-0801", "业主", clock.now.date())]
    assert residents.get_resident(ctx, person.id).units == ()
