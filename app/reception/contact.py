"""One visit, call or letter (来访来电): record it, correct it, hand it over, complete it,
void it; read it with its history.

A record is solved on the spot (当即处理, with 处理情况 written at once) or handed over
(转交) to a department with a 负责人 (the department head unless named) and a
要求完成时间. Statuses: 待处理 (open, not handed over) → 处理中 (handed over) → 已完成
(处理情况 and 完成时间 written); 已作废 with a reason (客服主管 and above). A completed
record is corrected only by a 客服主管 or above.

One entry, no double typing: category 投诉 opens the linked complaint in the same unit of
work; 报修 stays a record the repairs module takes as its intake; 转告 also creates the
message for the absent staff member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints import ComplaintSeverity, open_from_contact
from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import ContactMethod, Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.reception.desk import department_head, guess_complaint_category
from app.reception.models import ContactRecord, MessageRelay
from app.reception.validation import FIELDS, clean, status_of, stored_fields
from app.reception.vocab import OPEN_STATES, ContactCategory, ContactStatus, HandlingMode, RelayStatus


@dataclass(frozen=True)
class ContactRow:
    id: int
    uuid: str
    version: int
    received_at: datetime
    method: str
    name: str
    unit_no: str | None
    phone: str | None
    category: str
    content: str
    handling_mode: str | None
    department: str | None
    handler: str | None
    due_at: datetime | None
    handling: str | None
    completed_at: datetime | None
    status: str
    received_by: str
    complaint_uuid: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None
    overdue: bool = False
    relay_to: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


def contact_row(ctx: Context, c: ContactRecord, now: datetime | None = None,
                relay_to: str | None = None) -> ContactRow:
    """The record as a row; overdue when open past its 要求完成时间."""
    now = now or ctx.now()
    overdue = c.status in OPEN_STATES and c.due_at is not None and c.due_at < now
    return records.to_row(c, ContactRow, overdue=overdue, relay_to=relay_to)


def _get(s: Session, ctx: Context, uuid: str) -> ContactRecord:
    contact = s.scalars(select(ContactRecord).where(ContactRecord.uuid == uuid,
                                                    ContactRecord.site_code == ctx.site.code)).first()
    if contact is None:
        raise NotFound(f"找不到来访来电记录（编号 {uuid}）")
    return contact


def _open_complaint(ctx: Context, s: Session, contact: ContactRecord, category: str | None,
                    severity: ComplaintSeverity | str | None) -> None:
    open_from_contact(ctx, s, contact, category=category or guess_complaint_category(contact.content),
                      severity=severity or ComplaintSeverity.NORMAL)


def create_contact(ctx: Context, *, method: ContactMethod | str, name: str, category: ContactCategory | str,
                   content: str, received_at: datetime | None = None, phone: str | None = None,
                   unit_no: str | None = None, handling_mode: HandlingMode | str = HandlingMode.ON_THE_SPOT,
                   handling: str | None = None, completed_at: datetime | None = None,
                   department: str | None = None, handler: str | None = None, due_at: datetime | None = None,
                   relay_to: str | None = None, complaint_category: str | None = None,
                   complaint_severity: ComplaintSeverity | str | None = None) -> ContactRow:
    """Record a visit, call or letter. 投诉 opens the linked complaint; 转告 creates the message."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记来访来电")
    data = dict(method=method, name=name, category=category, content=content, received_at=received_at,
                phone=phone, unit_no=unit_no, handling_mode=handling_mode, handling=handling,
                completed_at=completed_at, department=department, handler=handler, due_at=due_at,
                relay_to=relay_to)
    with ctx.unit_of_work() as s:
        cleaned = clean(ctx, data, session=s)
        if cleaned.errors:
            raise cleaned.errors[0]
        values = cleaned.values
        fields = stored_fields(values)
        if fields["handling_mode"] == HandlingMode.HANDED_OVER.value and not fields["handler"]:
            fields["handler"] = department_head(s, ctx, fields["department"])
        if not fields["handling"]:
            fields["completed_at"] = None
        contact = records.create(ctx, s, ContactRecord, status=status_of(values), received_by=actor.name,
                                 action="登记", **fields)
        if contact.category == ContactCategory.COMPLAINT.value:
            _open_complaint(ctx, s, contact, complaint_category, complaint_severity)
        relay = None
        if contact.category == ContactCategory.RELAY.value:
            relay = records.create(ctx, s, MessageRelay, contact_uuid=contact.uuid, to_staff=values["relay_to"],
                                   from_person=contact.name, from_phone=contact.phone, message=contact.content,
                                   received_at=contact.received_at, status=RelayStatus.PENDING.value,
                                   action="登记转告")
        s.flush()
        return contact_row(ctx, contact, relay_to=relay.to_staff if relay else None)


def update_contact(ctx: Context, uuid: str, *, expected_version: int, **changes) -> ContactRow:
    """Correct a record's details (方式, 时间, 电话, 房号, 姓名, 类别, 内容, 转交部门/负责人/要求完成时间).

    A completed record can only be corrected by a 客服主管 or above. Changing the category
    to 投诉 opens the complaint; a record that opened a complaint keeps the category 投诉.
    """
    actor = ctx.require_role(Role.RECEPTIONIST, "修改来访来电记录")
    allowed = set(FIELDS) - {"handling", "completed_at"}
    unknown = set(changes) - allowed - {"complaint_category", "complaint_severity"}
    if unknown:
        raise ValidationError("修改", f"不能修改的字段：{', '.join(sorted(unknown))}")
    complaint_category = changes.pop("complaint_category", None)
    complaint_severity = changes.pop("complaint_severity", None)
    with ctx.unit_of_work() as s:
        contact = _get(s, ctx, uuid)
        records.check_version(contact, expected_version)
        if contact.is_void:
            raise ValidationError("状态", "记录已作废，不能修改")
        if contact.status == ContactStatus.DONE.value and not actor.at_least(Role.SUPERVISOR):
            raise InvalidTransition("记录已完成，只有客服主管及以上可以修改")
        data = {k: getattr(contact, k) for k in FIELDS}
        data.update(changes)
        cleaned = clean(ctx, data, session=s, existing=contact)
        if cleaned.errors:
            raise cleaned.errors[0]
        fields = stored_fields(cleaned.values)
        fields.pop("handling")
        fields.pop("completed_at")
        if contact.complaint_uuid and fields["category"] != ContactCategory.COMPLAINT.value:
            raise ValidationError("类别", "该记录已生成关联投诉，类别不能改为其他；如登记有误，请在投诉处理中作废该投诉",
                                  "category")
        if fields["handling_mode"] == HandlingMode.HANDED_OVER.value and not fields["handler"]:
            fields["handler"] = department_head(s, ctx, fields["department"])
        if contact.status != ContactStatus.DONE.value:
            fields["status"] = (ContactStatus.IN_PROGRESS.value
                                if fields["handling_mode"] == HandlingMode.HANDED_OVER.value
                                else ContactStatus.PENDING.value)
        else:
            fields["due_at"] = contact.due_at if "due_at" not in changes else fields["due_at"]
        records.update(ctx, s, contact, fields, expected_version=expected_version)
        if contact.category == ContactCategory.COMPLAINT.value and not contact.complaint_uuid:
            _open_complaint(ctx, s, contact, complaint_category, complaint_severity)
            s.flush()
        return contact_row(ctx, contact)


def hand_over(ctx: Context, uuid: str, *, expected_version: int, department: str, handler: str | None = None,
              due_at: datetime | None = None) -> ContactRow:
    """转交: hand an open record to a department (状态 处理中)."""
    return update_contact(ctx, uuid, expected_version=expected_version, handling_mode=HandlingMode.HANDED_OVER,
                          department=department, handler=handler, due_at=due_at)


def complete_contact(ctx: Context, uuid: str, *, expected_version: int, handling: str,
                     completed_at: datetime | None = None) -> ContactRow:
    """Write 处理情况 and 完成时间: the record is 已完成. On a completed record this corrects
    them (客服主管 and above)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "填写处理情况")
    now = ctx.now()
    handling = v.text("处理情况", handling, required=True, max_len=v.CONTENT_MAX, key="handling")
    completed_at = v.when("完成时间", completed_at, now=now, key="completed_at") or now
    v.not_in_future("完成时间", completed_at, now, key="completed_at")
    with ctx.unit_of_work() as s:
        contact = _get(s, ctx, uuid)
        records.check_version(contact, expected_version)
        if contact.is_void:
            raise ValidationError("状态", "记录已作废，不能填写处理情况")
        if completed_at < contact.received_at:
            raise ValidationError("完成时间", "不能早于登记时间", "completed_at")
        action = "办结"
        if contact.status == ContactStatus.DONE.value:
            if not actor.at_least(Role.SUPERVISOR):
                raise InvalidTransition("记录已完成，只有客服主管及以上可以修改处理情况")
            action = "修改处理情况"
        records.update(ctx, s, contact, {"handling": handling, "completed_at": completed_at,
                                         "status": ContactStatus.DONE.value},
                       expected_version=expected_version, action=action)
        return contact_row(ctx, contact)


def void_contact(ctx: Context, uuid: str, *, expected_version: int, reason: str) -> ContactRow:
    """作废 with a reason (by the role 权限设置 gives 作废记录, checked by records.void). A pending
    转告 message of the record is voided too; a linked complaint is not (it is voided on the
    complaints screen, with its own reason)."""
    with ctx.unit_of_work() as s:
        contact = _get(s, ctx, uuid)
        records.void(ctx, s, contact, reason, expected_version=expected_version)
        for m in s.scalars(select(MessageRelay).where(MessageRelay.contact_uuid == contact.uuid,
                                                      MessageRelay.status == RelayStatus.PENDING.value)):
            records.void(ctx, s, m, reason, expected_version=None)
        return contact_row(ctx, contact)


def get_contact(ctx: Context, uuid: str) -> ContactRow:
    with ctx.read() as s:
        contact = _get(s, ctx, uuid)
        relay = s.scalar(select(MessageRelay.to_staff).where(MessageRelay.contact_uuid == contact.uuid)
                         .order_by(MessageRelay.id))
        return contact_row(ctx, contact, relay_to=relay)


def contact_history(ctx: Context, uuid: str) -> list[records.HistoryRow]:
    """Who did what to the record, oldest first (with its 转告 message's events)."""
    rows = records.history(ctx, uuid)
    with ctx.read() as s:
        relays = list(s.scalars(select(MessageRelay.uuid).where(MessageRelay.contact_uuid == uuid)))
    for r in relays:
        rows.extend(records.history(ctx, r))
    return sorted(rows, key=lambda h: h.at)
