"""Every step of one renovation in time order, from the audit trail of the application and
of its workers, extensions, visits, notices and acceptances."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.core.context import Context
from app.core.models import AuditEvent
from app.renovation.application import load_renovation
from app.renovation.models import (
    RectificationNotice, RenovationAcceptance, RenovationExtension, RenovationInspection, RenovationWorker,
)


@dataclass(frozen=True)
class RenovationEventRow:
    at: datetime
    actor: str
    action: str
    subject: str  # 装修申请 / 巡查 / 整改通知书 … (and its number)
    note: str | None
    before: dict | None
    after: dict | None


_ENTITY_LABEL = {
    "renovation": "装修申请", "renovation_worker": "施工人员", "renovation_extension": "延期",
    "renovation_inspection": "巡查", "rectification_notice": "整改通知书", "renovation_acceptance": "验收",
}


def renovation_history(ctx: Context, uuid: str) -> list[RenovationEventRow]:
    """Every step of one renovation: the application and its workers, extensions,
    visits, notices and acceptances, oldest first."""
    with ctx.read() as s:
        reno = load_renovation(s, uuid)
        subjects: dict[str, str] = {reno.uuid: "装修申请"}
        for model, label_fn in (
                (RenovationWorker, lambda x: f"施工人员 {x.name}"),
                (RenovationExtension, lambda x: "延期"),
                (RenovationInspection, lambda x: f"巡查 {x.inspected_at:%m-%d %H:%M}"),
                (RectificationNotice, lambda x: f"整改通知书 {x.notice_no}"),
                (RenovationAcceptance, lambda x: "验收")):
            for x in s.scalars(select(model).where(model.renovation_id == reno.id)):
                subjects[x.uuid] = label_fn(x)
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_uuid.in_(list(subjects)))
                           .order_by(AuditEvent.at, AuditEvent.id)).all()
        return [RenovationEventRow(e.at, e.actor, e.action,
                                   subjects.get(e.entity_uuid, _ENTITY_LABEL.get(e.entity, "")),
                                   e.note, e.before, e.after) for e in events]
