"""Complaints (投诉处理). See domain.md §2.

``open_from_contact`` is called by reception inside its own unit of work when a
visit/call record of category 投诉 is saved: one entry, no double typing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db.models import Complaint, ContactRecord
from app.domain import validate as v
from app.domain.enums import ComplaintSeverity, ComplaintStatus, ComplaintValidity
from app.domain.errors import ValidationError
from app.services import records
from app.services.context import Context


def open_from_contact(ctx: Context, s: Session, contact: ContactRecord, *, category: str = "其他",
                      severity: ComplaintSeverity | str = ComplaintSeverity.NORMAL) -> Complaint:
    """Open the complaint (状态 已受理) linked to a reception record, in the caller's session."""
    if not contact.phone:
        raise ValidationError("联系电话", "投诉必须留联系电话（回访需要）", "phone")
    severity = v.choice("性质", severity, ComplaintSeverity, key="severity")
    complaint = records.create(
        ctx, s, Complaint, source_contact_uuid=contact.uuid, received_at=contact.received_at,
        channel=contact.method, complainant=contact.name, unit_no=contact.unit_no, phone=contact.phone,
        phone_digits=v.phone_digits(contact.phone), category=category, severity=severity.value,
        validity=ComplaintValidity.UNDECIDED.value, content=contact.content, within_desk_scope=True,
        overdue=False, escalation_level=0, reopen_count=0, status=ComplaintStatus.RECEIVED.value,
        received_by=contact.received_by, action="受理",
    )
    contact.complaint_uuid = complaint.uuid
    return complaint
