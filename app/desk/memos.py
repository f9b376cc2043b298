"""内部工作联系函: an inquiry that needs another department goes to it as a memo within an hour
of the inquiry (the site's setting, clock time), from the record it came from (a visit or call,
a complaint, a service application); the department's reply is recorded. A memo sent after its
due time is late, and so is a reply still missing after the reply-by time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import complaints, reception
from app.core import records
from app.core.context import Context
from app.desk.applications import get_application
from app.desk.desk_settings import memo_minutes
from app.desk.models import InternalMemo
from app.desk.numbers import next_number
from app.desk.vocab import MemoSource, MemoStatus
from app.domain import validate as v
from app.domain.errors import InvalidTransition, NotFound, ValidationError


@dataclass(frozen=True)
class MemoRow:
    id: int
    uuid: str
    version: int
    number: str
    source_type: str
    source_uuid: str | None
    source_ref: str | None
    inquiry_at: datetime
    due_at: datetime
    sent_at: datetime
    department: str
    subject: str
    content: str
    reply_by: datetime | None
    reply: str | None
    replied_at: datetime | None
    replier: str | None
    status: str
    sent_by: str
    sent_late: bool  # sent after its due time
    reply_late: bool  # the reply came (or is still missing) after the reply-by time
    void_reason: str | None
    updated_at: datetime
    updated_by: str

    @property
    def late(self) -> bool:
        return self.sent_late or self.reply_late


def memo_row(m: InternalMemo, now: datetime) -> MemoRow:
    live = m.voided_at is None
    reply_late = live and m.reply_by is not None and (m.replied_at or now) > m.reply_by
    return records.to_row(m, MemoRow, sent_by=m.created_by, sent_late=live and m.sent_at > m.due_at,
                          reply_late=reply_late)


def _source(ctx: Context, kind: MemoSource, uuid: str | None) -> tuple[datetime | None, str | None, str | None]:
    """(inquiry time, a reference the desk reads, the source's uuid) of the record named."""
    if kind == MemoSource.OTHER or not uuid:
        return None, None, None
    try:
        if kind == MemoSource.CONTACT:
            c = reception.get_contact(ctx, uuid)
            return c.received_at, f"{c.received_at:%m-%d %H:%M} {c.name} {c.category}"[:60], c.uuid
        if kind == MemoSource.COMPLAINT:
            c = complaints.get(ctx, uuid)
            return c.received_at, f"投诉 {c.received_at:%m-%d %H:%M} {c.complainant}"[:60], c.uuid
        a = get_application(ctx, uuid)
        return a.applied_at, f"服务申请 {a.number}", a.uuid
    except NotFound:
        raise ValidationError("来源记录", f"找不到{kind.value}记录 {uuid}", "source_uuid") from None


def send_memo(ctx: Context, *, department: str, subject: str, content: str, source_type: str = MemoSource.OTHER,
              source_uuid: str | None = None, inquiry_at: datetime | None = None,
              reply_by: datetime | None = None) -> MemoRow:
    """Send a memo now. The inquiry time is the source record's (or the one given, or now); the
    memo is due that many minutes after it (the site's setting, 60 by default)."""
    ctx.require_actor()
    kind = v.choice("来源", source_type, MemoSource, key="source_type")
    department = v.text("接收部门", department, required=True, max_len=50, key="department")
    subject = v.text("主题", subject, required=True, max_len=200, key="subject")
    content = v.text("内容", content, required=True, max_len=v.CONTENT_MAX, key="content")
    now = ctx.now()
    at, ref, src = _source(ctx, kind, v.uuid_text("来源记录", source_uuid, key="source_uuid"))
    at = at or v.when("征询时间", inquiry_at, key="inquiry_at") or now
    if at > now:
        raise ValidationError("征询时间", "不能晚于当前时间", "inquiry_at")
    reply_by = v.when("要求回复时间", reply_by, key="reply_by")
    if reply_by is not None and reply_by <= now:
        raise ValidationError("要求回复时间", "应晚于发函时间", "reply_by")
    due = at + timedelta(minutes=memo_minutes(ctx))
    with ctx.unit_of_work() as s:
        m = records.create(ctx, s, InternalMemo, number=next_number(s, InternalMemo, ctx.site.code, now.date()),
                           source_type=kind.value, source_uuid=src, source_ref=ref, inquiry_at=at, due_at=due,
                           sent_at=now, department=department, subject=subject, content=content, reply_by=reply_by,
                           status=MemoStatus.SENT.value, action="发函")
        return memo_row(m, now)


def _load(s: Session, uuid: str) -> InternalMemo:
    return records.get_by_uuid(s, InternalMemo, v.uuid_text("记录编号", uuid, required=True), "内部工作联系函")


def record_reply(ctx: Context, uuid: str, *, reply: str, replier: str, expected_version: int) -> MemoRow:
    """The department's reply, received now."""
    ctx.require_actor()
    reply = v.text("回复内容", reply, required=True, max_len=v.CONTENT_MAX, key="reply")
    replier = v.text("回复人", replier, required=True, max_len=50, key="replier")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        m = _load(s, uuid)
        if m.status != MemoStatus.SENT:
            raise InvalidTransition(f"联系函 {m.number} 当前为“{m.status}”，不能登记回复")
        records.update(ctx, s, m, {"reply": reply, "replier": replier, "replied_at": now,
                                   "status": MemoStatus.REPLIED.value}, expected_version=expected_version,
                       action="登记回复")
        return memo_row(m, now)


def void_memo(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> MemoRow:
    with ctx.unit_of_work() as s:
        m = _load(s, uuid)
        records.void(ctx, s, m, reason, expected_version=expected_version)
        return memo_row(m, ctx.now())


def get_memo(ctx: Context, key: str) -> MemoRow:
    """By record number (UUID) or 联系函编号."""
    key = (key or "").strip()
    with ctx.read() as s:
        if len(key) == 36:
            return memo_row(_load(s, key), ctx.now())
        m = s.scalars(select(InternalMemo).where(InternalMemo.site_code == ctx.site.code,
                                                 InternalMemo.number == key.upper())).first()
        if m is None:
            raise NotFound(f"找不到内部工作联系函 {key}")
        return memo_row(m, ctx.now())


def list_memos(ctx: Context, date_from: date | None = None, date_to: date | None = None, *,
               open_only: bool = False, limit: int = 2000) -> list[MemoRow]:
    q = select(InternalMemo).where(InternalMemo.site_code == ctx.site.code)
    if open_only:
        q = q.where(InternalMemo.status == MemoStatus.SENT.value)
    if date_from is not None:
        q = q.where(InternalMemo.sent_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to is not None:
        q = q.where(InternalMemo.sent_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
    now = ctx.now()
    with ctx.read() as s:
        return [memo_row(m, now) for m in s.scalars(q.order_by(InternalMemo.sent_at.desc(), InternalMemo.id.desc())
                                                     .limit(limit))]
