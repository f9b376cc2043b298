"""One complaint as the screens see it (:class:`ComplaintRow`), reading it, and the helpers every
change of a complaint goes through.

Every change is one ``records.update`` call (:func:`apply_changes`), so the record's history
shows exactly one entry per transition, with who, when, the fields before/after and a note.
Deadlines are computed on the working-day calendar when a complaint is received or changes;
``next_due_at`` keeps the earliest pending one for the work lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.complaints import deadlines as dl
from app.complaints.deadlines import DeadlineRules
from app.complaints.lifecycle import allowed_actions, check
from app.complaints.models import Complaint, ComplaintProgress
from app.complaints.site_settings import calendar_and_rules, soon_until
from app.complaints.vocab import ESCALATION_LEVELS, OPEN_STATES, ComplaintAction, ComplaintStatus
from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.workdays import Calendar

OPEN = [s.value for s in OPEN_STATES]


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    uuid: str
    version: int
    site_code: str
    source_contact_uuid: str | None
    received_at: datetime
    channel: str
    complainant: str
    unit_no: str | None
    phone: str
    category: str
    severity: str
    validity: str
    invalid_explanation: str | None
    content: str
    department: str | None
    handler: str | None
    within_desk_scope: bool
    start_due_at: datetime | None
    due_at: datetime | None
    reply_due_at: datetime | None
    promised_reply_at: datetime | None
    progress_due_at: datetime | None
    follow_up_due_at: datetime | None
    started_at: datetime | None
    handed_over_at: datetime | None
    opinion: str | None
    result: str | None
    completed_at: datetime | None
    overdue: bool
    escalation_level: int
    escalated_at: datetime | None
    escalation_reason: str | None
    reopen_count: int
    reopened_at: datetime | None
    case_uuid: str | None
    reply_method: str | None
    reply_at: datetime | None
    status: str
    closed_at: datetime | None
    reviewer: str | None
    reviewed_at: datetime | None
    review_opinion: str | None
    received_by: str
    next_due_at: datetime | None
    next_due_kind: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None
    due_state: str | None = None  # overdue / soon / today / None, at the time the row was read

    @property
    def level_label(self) -> str:
        return ESCALATION_LEVELS.get(self.escalation_level, str(self.escalation_level))

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def actions(self) -> list[str]:
        return allowed_actions(self.status)


@dataclass(frozen=True)
class ProgressRow:
    uuid: str
    at: datetime
    note: str
    created_by: str


# ---------------------------------------------------------------- reading

def load(s: Session, uuid: str) -> Complaint:
    """The complaint with this number (a clear message when there is none)."""
    return records.get_by_uuid(s, Complaint, v.uuid_text("投诉编号", uuid, required=True), "投诉")


def check_action(obj: Complaint, action: ComplaintAction | str) -> ComplaintStatus | None:
    return check(obj.status, action)


def to_row(obj: Complaint, now: datetime | None = None, soon: datetime | None = None) -> ComplaintRow:
    """The plain row; with ``now``, its ``due_state`` (red/amber) at that moment."""
    state = None
    if now is not None and obj.status in OPEN and obj.next_due_at is not None:
        state = dl.due_state(obj.next_due_at, now, soon or now)
    return records.to_row(obj, ComplaintRow, due_state=state)


def get(ctx: Context, uuid: str) -> ComplaintRow:
    with ctx.read() as s:
        obj = load(s, uuid)
        cal, rules = calendar_and_rules(ctx, s)
        now = ctx.now()
        return to_row(obj, now, soon_until(cal, rules, now))


def history(ctx: Context, uuid: str) -> list[records.HistoryRow]:
    """Every change of the complaint, oldest first (one entry per transition)."""
    return records.history(ctx, uuid)


def progress_entries(ctx: Context, uuid: str) -> list[ProgressRow]:
    with ctx.read() as s:
        obj = load(s, uuid)
        rows = s.scalars(select(ComplaintProgress).where(ComplaintProgress.complaint_id == obj.id,
                                                         ComplaintProgress.voided_at.is_(None))
                         .order_by(ComplaintProgress.at, ComplaintProgress.id))
        return [ProgressRow(p.uuid, p.at, p.note, p.created_by) for p in rows]


# ---------------------------------------------------------------- helpers of every change

DUE_FIELDS = ("started_at", "start_due_at", "completed_at", "due_at", "reply_at", "reply_due_at", "progress_due_at",
              "follow_up_due_at")


def value_after(obj: Complaint, changes: dict, key: str):
    """The field's value once ``changes`` are applied."""
    return changes[key] if key in changes else getattr(obj, key)


def with_next_due(obj: Complaint, changes: dict) -> dict:
    """Add the earliest pending deadline of the record as it will be after ``changes``."""
    kind, due = dl.next_deadline(value_after(obj, changes, "status"),
                                 **{k: value_after(obj, changes, k) for k in DUE_FIELDS})
    changes["next_due_at"] = due
    changes["next_due_kind"] = kind
    return changes


def _last_progress_at(s: Session, obj: Complaint) -> datetime | None:
    return s.scalar(select(func.max(ComplaintProgress.at)).where(
        ComplaintProgress.complaint_id == obj.id, ComplaintProgress.voided_at.is_(None)))


def deadline_changes(s: Session, cal: Calendar, rules: DeadlineRules, obj: Complaint | None, *, severity,
                     within_desk_scope: bool, base: datetime, promised_reply_at: datetime | None) -> dict:
    """The deadline fields of a complaint handled from ``base``; a progress entry already made
    since ``base`` moves the next one on."""
    d = dl.compute(cal, rules, severity=severity, within_desk_scope=within_desk_scope, base=base,
                   promised_reply_at=promised_reply_at)
    progress = d.progress_due_at
    if obj is not None and obj.id is not None:
        last = _last_progress_at(s, obj)
        if last is not None and last >= base:
            progress = dl.next_progress_due(cal, rules, base, last)
    return {"start_due_at": d.start_due_at, "due_at": d.due_at, "reply_due_at": d.reply_due_at,
            "promised_reply_at": d.promised_reply_at, "progress_due_at": progress}


def handling_base(obj: Complaint) -> datetime:
    """Deadlines run from receipt, or from the last reopening."""
    return obj.reopened_at or obj.received_at


def mark_late(obj: Complaint, changes: dict, done_at: datetime, *due_keys: str) -> None:
    """A deadline met late marks the complaint 超时 (是否超时 in the workbook and KF-02)."""
    if any(dl.late(done_at, value_after(obj, changes, k)) for k in due_keys):
        changes["overdue"] = True


def apply_changes(ctx: Context, s: Session, obj: Complaint, changes: dict, *, action: str,
                  expected_version: int | None, note: str | None = None) -> Complaint:
    with_next_due(obj, changes)
    return records.update(ctx, s, obj, changes, expected_version=expected_version, action=action, note=note)


def when(label: str, value, ctx: Context, key: str, *, default_now: bool = True) -> datetime | None:
    """A time entered by the user: now when left empty, never in the future."""
    if value is None:
        return ctx.now() if default_now else None
    value = v.when(label, value, now=ctx.now(), key=key)
    return v.not_in_future(label, value, ctx.now(), key=key)
