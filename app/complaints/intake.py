"""Receiving a complaint (状态 已受理) and correcting its details.

``open_from_contact`` is called by reception inside its own unit of work when a visit/call
record of category 投诉 is saved: one entry, no double typing.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy.orm import Session

from app.complaints import deadlines as dl
from app.complaints.complaint import (
    DUE_FIELDS, ComplaintRow, apply_changes, check_action, deadline_changes, load, to_row, value_after, when,
)
from app.complaints.models import Complaint
from app.complaints.site_settings import calendar_and_rules, category_list
from app.complaints.vocab import (
    ESCALATION_LEVELS, HANDLING_STATES, ComplaintAction, ComplaintSeverity, ComplaintStatus, ComplaintValidity,
)
from app.core import access, records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import ContactMethod
from app.domain.errors import ValidationError


def check_category(s: Session, category: str | None, current: str | None = None) -> str:
    """One of the site's categories (a complaint keeps a category removed from the list since)."""
    category = v.text("类别", category, required=True, max_len=50, key="category")
    if category != current and category not in category_list(s):
        raise ValidationError("类别", f"“{category}”不在投诉类别列表中（系统设置 → 投诉设置）", "category")
    return category


def _intake(ctx: Context, s: Session, *, received_at: datetime, severity: ComplaintSeverity, note: str | None,
            **fields) -> Complaint:
    cal, rules = calendar_and_rules(ctx, s)
    deadline = deadline_changes(s, cal, rules, None, severity=severity, within_desk_scope=True, base=received_at,
                                promised_reply_at=fields.pop("promised_reply_at", None))
    level = dl.intake_level(severity, rules)
    values = dict(fields, received_at=received_at, severity=severity.value, within_desk_scope=True, overdue=False,
                  escalation_level=level, reopen_count=0, status=ComplaintStatus.RECEIVED.value, **deadline)
    if level:
        values["escalated_at"] = received_at
        values["escalation_reason"] = f"重大投诉，受理即上报{ESCALATION_LEVELS[level]}"
        note = "；".join(x for x in (note, values["escalation_reason"]) if x)
    kind, due = dl.next_deadline(ComplaintStatus.RECEIVED, **{k: values.get(k) for k in DUE_FIELDS})
    values["next_due_at"], values["next_due_kind"] = due, kind
    return records.create(ctx, s, Complaint, action="受理", audit_note=note, **values)


def open_from_contact(ctx: Context, s: Session, contact, *, category: str = "其他",
                      severity: ComplaintSeverity | str = ComplaintSeverity.NORMAL) -> Complaint:
    """Open the complaint (状态 已受理) linked to a reception record (``contact``, a visit-and-call
    record of the caller's session), in the caller's session,
    with its deadlines (and, for 重大, the escalation level set at intake). A record handed over
    at the desk (转交) gives the complaint its 责任部门 and 处理人."""
    if not contact.phone:
        raise ValidationError("联系电话", "投诉必须留联系电话（回访需要）", "phone")
    severity = v.choice("性质", severity, ComplaintSeverity, key="severity")
    category = v.text("类别", category, required=True, max_len=50, key="category")
    complaint = _intake(
        ctx, s, received_at=contact.received_at, severity=severity, note="来访来电登记转投诉",
        source_contact_uuid=contact.uuid, channel=contact.method, complainant=contact.name,
        unit_no=contact.unit_no, phone=contact.phone, phone_digits=v.phone_digits(contact.phone),
        category=category, validity=ComplaintValidity.UNDECIDED.value, content=contact.content,
        received_by=contact.received_by,
        department=getattr(contact, "department", None) or None, handler=getattr(contact, "handler", None) or None,
    )
    records.update(ctx, s, contact, {"complaint_uuid": complaint.uuid}, expected_version=None, action="转投诉")
    return complaint


def receive(ctx: Context, *, channel: str, complainant: str, phone: str, content: str, category: str,
            severity: ComplaintSeverity | str = ComplaintSeverity.NORMAL, unit_no: str | None = None,
            received_at: datetime | None = None, promised_reply_at: datetime | None = None,
            validity: ComplaintValidity | str = ComplaintValidity.UNDECIDED) -> ComplaintRow:
    """Enter a complaint directly on the complaints screen (状态 已受理)."""
    actor = ctx.require_actor()
    channel = v.choice("渠道", channel, ContactMethod, key="channel")
    complainant = v.text("投诉人", complainant, required=True, max_len=v.NAME_MAX, key="complainant")
    phone = v.normalize_phone(phone, required=True)
    unit_no = v.normalize_unit(unit_no)
    content = v.text("投诉内容", content, required=True, max_len=v.CONTENT_MAX, key="content")
    severity = v.choice("性质", severity, ComplaintSeverity, key="severity")
    validity = v.choice("有效性", validity, ComplaintValidity, key="validity")
    if validity is ComplaintValidity.INVALID:
        raise ValidationError("有效性", "受理后再判定无效（须填写向住户的解释）", "validity")
    received_at = when("受理时间", received_at, ctx, "received_at")
    promised = _promised(ctx, promised_reply_at, received_at)
    with ctx.unit_of_work() as s:
        category = check_category(s, category)
        obj = _intake(ctx, s, received_at=received_at, severity=severity, note=None, source_contact_uuid=None,
                      channel=channel.value, complainant=complainant, unit_no=unit_no, phone=phone,
                      phone_digits=v.phone_digits(phone), category=category, validity=validity.value,
                      content=content, received_by=actor.name, promised_reply_at=promised)
        return to_row(obj, ctx.now())


def _promised(ctx: Context, value, after: datetime) -> datetime | None:
    if value is None:
        return None
    value = v.when("承诺答复日期", value, now=ctx.now(), key="promised_reply_at")
    if value.time() == time(0, 0):
        value = datetime.combine(value.date(), time(18, 0))
    if value < after:
        raise ValidationError("承诺答复日期", "不能早于受理时间", "promised_reply_at")
    return value


_EDITABLE = {"channel", "complainant", "phone", "unit_no", "content", "category", "severity", "handler", "opinion",
             "promised_reply_at", "received_at"}
_HANDLING = [s.value for s in HANDLING_STATES]


def update(ctx: Context, uuid: str, *, expected_version: int, reason: str | None = None,
           **fields: Any) -> ComplaintRow:
    """Correct the complaint's details. A change of 性质 (or of the received time, or of the
    promised reply date) recomputes the deadlines; 重大 raises the escalation level at once.
    Lowering 性质 or changing the received time is a sensitive step (``reason`` required)."""
    ctx.require_actor()
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise ValidationError("字段", f"不能直接修改 {', '.join(sorted(unknown))}", sorted(unknown)[0])
    with ctx.unit_of_work() as s:
        obj = load(s, uuid)
        check_action(obj, ComplaintAction.EDIT)
        cal, rules = calendar_and_rules(ctx, s)
        changes: dict[str, Any] = {}
        if "channel" in fields:
            changes["channel"] = v.choice("渠道", fields["channel"], ContactMethod, key="channel").value
        if "complainant" in fields:
            changes["complainant"] = v.text("投诉人", fields["complainant"], required=True, max_len=v.NAME_MAX,
                                            key="complainant")
        if "phone" in fields:
            changes["phone"] = v.normalize_phone(fields["phone"], required=True)
            changes["phone_digits"] = v.phone_digits(changes["phone"])
        if "unit_no" in fields:
            changes["unit_no"] = v.normalize_unit(fields["unit_no"])
        if "content" in fields:
            changes["content"] = v.text("投诉内容", fields["content"], required=True, max_len=v.CONTENT_MAX,
                                        key="content")
        if "category" in fields:
            changes["category"] = check_category(s, fields["category"], obj.category)
        if "handler" in fields:
            changes["handler"] = v.text("处理人", fields["handler"], max_len=v.NAME_MAX, key="handler")
        if "opinion" in fields:
            changes["opinion"] = v.text("处理意见", fields["opinion"], max_len=v.CONTENT_MAX, key="opinion")
        if "received_at" in fields:
            changes["received_at"] = when("受理时间", fields["received_at"], ctx, "received_at")
        severity = dl.severity_of(obj.severity)
        if "severity" in fields:
            severity = v.choice("性质", fields["severity"], ComplaintSeverity, key="severity")
            changes["severity"] = severity.value
        promised = obj.promised_reply_at
        if "promised_reply_at" in fields:
            promised = _promised(ctx, fields["promised_reply_at"], value_after(obj, changes, "received_at"))
        note = None
        for key, lowered in (("complaint.lower_severity", dl.SEVERITY_ORDER.index(severity)
                              < dl.SEVERITY_ORDER.index(dl.severity_of(obj.severity))),
                             ("complaint.change_received_at", changes.get("received_at", obj.received_at)
                              != obj.received_at)):
            note = access.require(ctx, key, reason)[1] if lowered else note
        recompute = obj.status in _HANDLING and (
            changes.get("severity", obj.severity) != obj.severity
            or changes.get("received_at", obj.received_at) != obj.received_at
            or promised != obj.promised_reply_at)
        if recompute:
            base = obj.reopened_at or value_after(obj, changes, "received_at")
            changes.update(deadline_changes(s, cal, rules, obj, severity=severity,
                                            within_desk_scope=obj.within_desk_scope, base=base,
                                            promised_reply_at=promised if severity is ComplaintSeverity.MAJOR
                                            else None))
            if obj.started_at is not None:
                changes.pop("start_due_at", None)
            level = dl.intake_level(severity, rules)
            if level > obj.escalation_level:
                changes.update(escalation_level=level, escalated_at=ctx.now(),
                               escalation_reason=f"性质改为重大，上报{ESCALATION_LEVELS[level]}")
                note = "；".join(filter(None, (note, changes["escalation_reason"])))
        elif "promised_reply_at" in fields:
            changes["promised_reply_at"] = promised
        apply_changes(ctx, s, obj, changes, action=ComplaintAction.EDIT.value, expected_version=expected_version,
                      note=note)
        return to_row(obj, ctx.now())
