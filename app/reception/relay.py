"""转告: messages for staff members who are absent. A message is 待转告 until it is passed
on (已转告, with who and when); passing on the message of a 转告 record completes that
record. Pending messages of any date stay on the lists until passed on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.reception.models import ContactRecord, MessageRelay
from app.reception.vocab import OPEN_STATES, ContactStatus, RelayStatus


@dataclass(frozen=True)
class MessageRow:
    id: int
    uuid: str
    version: int
    contact_uuid: str | None
    to_staff: str
    from_person: str
    from_phone: str | None
    message: str
    received_at: datetime
    status: str
    passed_on_at: datetime | None
    passed_on_by: str | None
    created_by: str
    voided_at: datetime | None
    void_reason: str | None


def message_row(m: MessageRelay) -> MessageRow:
    return records.to_row(m, MessageRow)


def pending_messages_query(site: str):
    """The site's messages not yet passed on (void ones have status 已作废)."""
    return select(MessageRelay).where(MessageRelay.site_code == site,
                                      MessageRelay.status == RelayStatus.PENDING.value)


def create_message(ctx: Context, *, to_staff: str, message: str, from_person: str, from_phone: str | None = None,
                   received_at: datetime | None = None) -> MessageRow:
    """A message for a staff member who is absent (状态 待转告)."""
    ctx.require_role(Role.RECEPTIONIST, "登记转告")
    now = ctx.now()
    to_staff = v.text("转告对象", to_staff, required=True, max_len=v.NAME_MAX, key="to_staff")
    message = v.text("转告内容", message, required=True, max_len=v.CONTENT_MAX, key="message")
    from_person = v.text("来电/来访人", from_person, required=True, max_len=v.NAME_MAX, key="from_person")
    from_phone = v.normalize_phone(from_phone, key="from_phone")
    received_at = v.when("登记时间", received_at, now=now, key="received_at") or now
    v.not_in_future("登记时间", received_at, now, key="received_at")
    with ctx.unit_of_work() as s:
        m = records.create(ctx, s, MessageRelay, to_staff=to_staff, message=message, from_person=from_person,
                           from_phone=from_phone, received_at=received_at, status=RelayStatus.PENDING.value,
                           action="登记转告")
        return message_row(m)


def _message(s: Session, ctx: Context, uuid: str) -> MessageRelay:
    m = s.scalars(select(MessageRelay).where(MessageRelay.uuid == uuid,
                                             MessageRelay.site_code == ctx.site.code)).first()
    if m is None:
        raise NotFound(f"找不到转告记录（编号 {uuid}）")
    return m


def mark_passed_on(ctx: Context, uuid: str, *, expected_version: int, at: datetime | None = None) -> MessageRow:
    """已转告, with the time it was passed on. The linked 转告 record is completed with it."""
    actor = ctx.require_role(Role.RECEPTIONIST, "标记已转告")
    now = ctx.now()
    at = v.when("转告时间", at, now=now, key="passed_on_at") or now
    v.not_in_future("转告时间", at, now, key="passed_on_at")
    with ctx.unit_of_work() as s:
        m = _message(s, ctx, uuid)
        records.check_version(m, expected_version)
        if m.is_void:
            raise ValidationError("状态", "转告已作废")
        if m.status == RelayStatus.PASSED_ON.value:
            raise InvalidTransition(f"该转告已于 {m.passed_on_at:%Y-%m-%d %H:%M} 由 {m.passed_on_by} 转告")
        if at < m.received_at:
            raise ValidationError("转告时间", "不能早于登记时间", "passed_on_at")
        records.update(ctx, s, m, {"status": RelayStatus.PASSED_ON.value, "passed_on_at": at,
                                   "passed_on_by": actor.name}, expected_version=expected_version, action="已转告")
        if m.contact_uuid:
            contact = s.scalars(select(ContactRecord).where(ContactRecord.uuid == m.contact_uuid)).first()
            if contact is not None and contact.status in OPEN_STATES:
                records.update(ctx, s, contact, {"handling": f"已转告{m.to_staff}", "completed_at": at,
                                                 "status": ContactStatus.DONE.value},
                               expected_version=None, action="办结", note="转告已送达")
        return message_row(m)


def void_message(ctx: Context, uuid: str, *, expected_version: int, reason: str) -> MessageRow:
    """作废 a message with a reason (客服主管 and above)."""
    ctx.require_role(Role.SUPERVISOR, "作废转告")
    with ctx.unit_of_work() as s:
        m = _message(s, ctx, uuid)
        records.void(ctx, s, m, reason, expected_version=expected_version)
        return message_row(m)


def list_pending_messages(ctx: Context, to_staff: str | None = None) -> list[MessageRow]:
    """Messages not yet passed on, oldest first; for one staff member (display name) when given."""
    q = pending_messages_query(ctx.site.code)
    if to_staff:
        q = q.where(MessageRelay.to_staff == to_staff.strip())
    with ctx.read() as s:
        return [message_row(m) for m in s.scalars(q.order_by(MessageRelay.received_at, MessageRelay.id))]


def my_pending_messages(ctx: Context) -> list[MessageRow]:
    """The logged-in staff member's pending messages (shown after logging in)."""
    actor = ctx.require_actor()
    return list_pending_messages(ctx, actor.name)


def list_messages(ctx: Context, *, date_from: date | None = None, date_to: date | None = None,
                  include_passed: bool = True, limit: int = 500) -> list[MessageRow]:
    """Messages of a period (newest first); pending ones of any date are always included."""
    conds = [MessageRelay.site_code == ctx.site.code]
    period = []
    if date_from:
        period.append(MessageRelay.received_at >= datetime.combine(date_from, time()))
    if date_to:
        period.append(MessageRelay.received_at < datetime.combine(date_to + timedelta(days=1), time()))
    pending = MessageRelay.status == RelayStatus.PENDING.value
    if include_passed:
        conds.append(or_(pending, and_(*period)) if period else True)
    else:
        conds.append(pending)
    q = select(MessageRelay).where(*conds).order_by(MessageRelay.received_at.desc(), MessageRelay.id.desc())
    with ctx.read() as s:
        return [message_row(m) for m in s.scalars(q.limit(limit))]
