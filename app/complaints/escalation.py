"""Automatic escalation (三级负责制): overdue complaints are marked 超时 and moved up one level
(接待人 → 客服主管 → 经理 → 主管副总经理), acting as 系统, with the reason in their history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update as sql_update
from sqlalchemy.orm import Session

from app.complaints import deadlines as dl
from app.complaints.complaint import DUE_FIELDS, OPEN, deadline_changes, handling_base
from app.complaints.deadlines import DeadlineRules
from app.complaints.models import Complaint
from app.complaints.site_settings import calendar_and_rules
from app.complaints.vocab import ESCALATION_LEVELS, ComplaintStatus
from app.core import records
from app.core.context import SYSTEM, Context
from app.domain.errors import StaleRecord
from app.domain.workdays import Calendar


@dataclass(frozen=True)
class EscalationRunData:
    checked: int
    marked_overdue: int
    escalated: list[str] = field(default_factory=list)  # complaint uuids moved up a level
    backfilled: int = 0


def _escalation_due(cal: Calendar, rules: DeadlineRules, obj: Complaint, now: datetime) -> bool:
    if not rules.auto_escalate or obj.escalation_level >= dl.MAX_LEVEL:
        return False
    if obj.escalated_at is None or obj.escalated_at < obj.next_due_at:
        return True  # not yet escalated for the deadline that was missed
    return now >= cal.add_working_days(obj.escalated_at, rules.escalate_every_days)


def _backfill(ctx: Context, s: Session, cal: Calendar, rules: DeadlineRules) -> int:
    """Open complaints without a stored next deadline (imported, or from demo data): compute the
    derived columns only (no version change, nothing the user entered is touched)."""
    n = 0
    for obj in s.scalars(select(Complaint).where(Complaint.status.in_(OPEN), Complaint.next_due_at.is_(None),
                                                 Complaint.voided_at.is_(None))):
        values: dict[str, Any] = {}
        if obj.due_at is None or obj.reply_due_at is None:
            d = deadline_changes(s, cal, rules, obj, severity=obj.severity, within_desk_scope=obj.within_desk_scope,
                                 base=handling_base(obj), promised_reply_at=obj.promised_reply_at)
            values.update({k: val for k, val in d.items() if getattr(obj, k) is None})
        if obj.status == ComplaintStatus.AWAITING_FOLLOW_UP.value and obj.follow_up_due_at is None and obj.completed_at:
            values["follow_up_due_at"] = dl.follow_up_due(cal, rules, obj.completed_at)
        merged = {k: values.get(k, getattr(obj, k)) for k in DUE_FIELDS}
        kind, due = dl.next_deadline(obj.status, **merged)
        if due is None:
            continue
        values.update(next_due_at=due, next_due_kind=kind)
        s.execute(sql_update(Complaint).where(Complaint.id == obj.id).values(**values)
                  .execution_options(synchronize_session=False))
        n += 1
    return n


def run_escalation(ctx: Context) -> EscalationRunData:
    """Mark overdue complaints 超时 and move each up one level (三级负责制), with the reason in
    its history, acting as 系统. An overdue complaint moves up once per missed deadline and
    again every ``escalate_every_days`` working days while it stays overdue.
    Run periodically by the GUI (and at login); safe to run any time."""
    system = ctx.as_actor(SYSTEM)
    now = ctx.now()
    with system.unit_of_work() as s:
        cal, rules = calendar_and_rules(system, s)
        backfilled = _backfill(system, s, cal, rules)
    with system.read() as s:
        ids = list(s.scalars(select(Complaint.id).where(Complaint.status.in_(OPEN), Complaint.voided_at.is_(None),
                                                        Complaint.next_due_at < now)))
    marked, escalated = 0, []
    for id_ in ids:
        try:
            with system.unit_of_work() as s:
                obj = s.get(Complaint, id_)
                if obj is None or obj.status not in OPEN or obj.next_due_at is None or obj.next_due_at >= now:
                    continue
                reason = dl.describe_overdue(obj.next_due_kind or "处理", obj.next_due_at, now)
                changes: dict[str, Any] = {}
                if not obj.overdue:
                    changes["overdue"] = True
                    marked += 1
                if _escalation_due(cal, rules, obj, now):
                    level = obj.escalation_level + 1
                    changes.update(escalation_level=level, escalated_at=now, escalation_reason="自动升级：" + reason)
                    records.update(system, s, obj, changes, expected_version=None, action="自动升级",
                                   note=f"升至{ESCALATION_LEVELS[level]}：{reason}")
                    escalated.append(obj.uuid)
                elif changes:
                    records.update(system, s, obj, changes, expected_version=None, action="标记超时", note=reason)
        except StaleRecord:
            continue  # someone changed it meanwhile; the next run looks again
    return EscalationRunData(len(ids), marked, escalated, backfilled)
