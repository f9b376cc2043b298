"""Complaints (投诉处理). See domain.md §2.

Lifecycle (only these moves; anything else is :class:`InvalidTransition`)::

    已受理 ──开始处理 / 转交部门──▶ 处理中 ──处理完成──▶ 待回访 ──回访 满意/较满意──▶ 已关闭
      │  └────────────处理完成（当场解决）───────────▶   │
      │                              ◀──回访 不满意（性质升一级，重新处理次数 +1）──┘
      └── 判定无效（须向住户解释）──▶ 已关闭（无效）        any state ──作废（须填原因）──▶ 已作废

Every move is one ``records.update`` call, so the record's history shows exactly one entry
per transition, with who, when, the fields before/after and a note. Deadlines
(app/domain/deadlines.py) are computed on the working-day calendar when a complaint is
received or changes; ``next_due_at`` keeps the earliest pending one for the work lists.

``open_from_contact`` is called by reception inside its own unit of work when a
visit/call record of category 投诉 is saved: one entry, no double typing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select, update as sql_update
from sqlalchemy.orm import Session

from app.complaints.models import Complaint, FollowUp
from app.core.models import Department, Setting
from app.complaints.models import ComplaintDailyReview, ComplaintProgress
from app.complaints import deadlines as dl
from app.domain import validate as v
from app.complaints.deadlines import DeadlineRules
from app.complaints.vocab import DEFAULT_COMPLAINT_CATEGORIES, ESCALATION_LEVELS, ComplaintSeverity, ComplaintStatus, ComplaintValidity, Feedback, ReplyMethod
from app.domain.enums import ContactMethod, Role
from app.domain.errors import InvalidTransition, StaleRecord, ValidationError
from app.domain.workdays import Calendar
from app.core import calendar as calendar_service
from app.core import records, settings
from app.core.badges import Badge
from app.core.context import SYSTEM, Context

CATEGORIES = settings.define("complaints.categories", list(DEFAULT_COMPLAINT_CATEGORIES), "投诉类别")
RULES = settings.define("complaints.rules", DeadlineRules().as_dict(), "投诉处理时限")
DESK_DEPARTMENT = settings.define("complaints.desk_department", "客服部", "前台所在部门（转交本部门视为前台自行处理）")

S = ComplaintStatus
OPEN = [S.RECEIVED.value, S.IN_PROGRESS.value, S.AWAITING_FOLLOW_UP.value]
HANDLING = [S.RECEIVED.value, S.IN_PROGRESS.value]

#: action -> (states it may start from, state it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[tuple[ComplaintStatus, ...], ComplaintStatus | None]] = {
    "开始处理": ((S.RECEIVED,), S.IN_PROGRESS),
    "转交部门": ((S.RECEIVED, S.IN_PROGRESS), S.IN_PROGRESS),
    "处理完成": ((S.RECEIVED, S.IN_PROGRESS), S.AWAITING_FOLLOW_UP),
    "判定无效": ((S.RECEIVED, S.IN_PROGRESS), S.CLOSED),
    "回访关闭": ((S.AWAITING_FOLLOW_UP,), S.CLOSED),
    "不满意重新处理": ((S.AWAITING_FOLLOW_UP,), S.IN_PROGRESS),
    "作废": ((S.RECEIVED, S.IN_PROGRESS, S.AWAITING_FOLLOW_UP, S.CLOSED), S.VOID),
    # not state changes, but only allowed in these states
    "升级": ((S.RECEIVED, S.IN_PROGRESS, S.AWAITING_FOLLOW_UP), None),
    "进展记录": ((S.RECEIVED, S.IN_PROGRESS), None),
    "答复住户": ((S.RECEIVED, S.IN_PROGRESS, S.AWAITING_FOLLOW_UP, S.CLOSED), None),
    "判定有效性": ((S.RECEIVED, S.IN_PROGRESS, S.AWAITING_FOLLOW_UP), None),
    "修改": ((S.RECEIVED, S.IN_PROGRESS, S.AWAITING_FOLLOW_UP, S.CLOSED), None),
}


def allowed_actions(status: str) -> list[str]:
    """What may be done to a complaint in this state (the dialog enables its buttons from this)."""
    st = ComplaintStatus(status)
    return [a for a, (starts, _) in TRANSITIONS.items() if st in starts]


def _check(obj: Complaint, action: str) -> ComplaintStatus | None:
    starts, target = TRANSITIONS[action]
    if ComplaintStatus(obj.status) not in starts:
        allowed = "、".join(s.value for s in starts)
        raise InvalidTransition(f"投诉当前状态为“{obj.status}”，不能{action}（仅在 {allowed} 状态下可以）")
    return target


# ---------------------------------------------------------------- plain rows

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


@dataclass(frozen=True)
class EscalationRunData:
    checked: int
    marked_overdue: int
    escalated: list[str] = field(default_factory=list)  # complaint uuids moved up a level
    backfilled: int = 0


class WorkList(StrEnum):
    DUE_TODAY = "今日到期"
    OVERDUE = "已超时"
    AWAITING_FOLLOW_UP = "待回访"
    MINE = "我的"
    OPEN = "全部未结"


@dataclass(frozen=True)
class WorkCountsData:
    due_today: int
    overdue: int
    awaiting_follow_up: int
    mine: int
    soon: int  # of due_today: due within the next working hours (amber)
    open: int
    due_soon_hours: float = 2

    def count(self, which: WorkList | str) -> int:
        return {WorkList.DUE_TODAY: self.due_today, WorkList.OVERDUE: self.overdue,
                WorkList.AWAITING_FOLLOW_UP: self.awaiting_follow_up, WorkList.MINE: self.mine,
                WorkList.OPEN: self.open}[WorkList(which)]


# ---------------------------------------------------------------- settings

def _stored(s: Session, d: settings.SettingDef):
    row = s.get(Setting, d.key)
    return d.default if row is None else row.value


def _rules_from(s: Session) -> DeadlineRules:
    try:
        return DeadlineRules.from_mapping(_stored(s, RULES))
    except ValidationError:
        return DeadlineRules()


def calendar_and_rules(ctx: Context, s: Session) -> tuple[Calendar, DeadlineRules]:
    """The site's calendar and deadline rules, read in ``s`` (for modules working inside a unit of work)."""
    return calendar_service.load_calendar(ctx, s), _rules_from(s)


_env = calendar_and_rules


def deadline_rules(ctx: Context) -> DeadlineRules:
    with ctx.read() as s:
        return _rules_from(s)


def set_deadline_rules(ctx: Context, **values: Any) -> DeadlineRules:
    """Change deadline figures (经理 or above). Applies to complaints received or changed from now on."""
    ctx.require_role(Role.MANAGER, "修改投诉处理时限")
    rules = deadline_rules(ctx).with_values(values)
    settings.put(ctx, RULES.key, rules.as_dict())
    return rules


def categories(ctx: Context) -> list[str]:
    with ctx.read() as s:
        return list(_stored(s, CATEGORIES) or DEFAULT_COMPLAINT_CATEGORIES)


def set_categories(ctx: Context, names: list[str]) -> list[str]:
    """Replace the category list (客服主管 or above). Existing complaints keep their category."""
    ctx.require_role(Role.SUPERVISOR, "修改投诉类别")
    clean: list[str] = []
    for i, name in enumerate(names, 1):
        name = v.text(f"类别第 {i} 项", name, required=True, max_len=50, key="categories")
        if name in clean:
            raise ValidationError("投诉类别", f"“{name}”重复", "categories")
        clean.append(name)
    if not clean:
        raise ValidationError("投诉类别", "至少需要一个类别", "categories")
    settings.put(ctx, CATEGORIES.key, clean)
    return clean


def departments(ctx: Context) -> list[str]:
    with ctx.read() as s:
        return [d.name for d in s.scalars(select(Department).where(
            Department.active.is_(True), Department.voided_at.is_(None)).order_by(Department.sort_order,
                                                                                  Department.name))]


# ---------------------------------------------------------------- helpers

def _get(s: Session, uuid: str) -> Complaint:
    return records.get_by_uuid(s, Complaint, v.uuid_text("投诉编号", uuid, required=True), "投诉")


def _soon_until(cal: Calendar, rules: DeadlineRules, now: datetime) -> datetime:
    return cal.add_working_hours(now, rules.due_soon_hours)


def _row(obj: Complaint, now: datetime | None = None, soon_until: datetime | None = None) -> ComplaintRow:
    state = None
    if now is not None and obj.status in OPEN and obj.next_due_at is not None:
        state = dl.due_state(obj.next_due_at, now, soon_until or now)
    return records.to_row(obj, ComplaintRow, due_state=state)


def _val(obj: Complaint, changes: dict, key: str):
    return changes[key] if key in changes else getattr(obj, key)


def _with_next_due(obj: Complaint, changes: dict) -> dict:
    """Add the earliest pending deadline of the record as it will be after ``changes``."""
    kind, due = dl.next_deadline(
        _val(obj, changes, "status"),
        **{k: _val(obj, changes, k) for k in ("started_at", "start_due_at", "completed_at", "due_at", "reply_at",
                                              "reply_due_at", "progress_due_at", "follow_up_due_at")})
    changes["next_due_at"] = due
    changes["next_due_kind"] = kind
    return changes


def _last_progress_at(s: Session, obj: Complaint) -> datetime | None:
    return s.scalar(select(func.max(ComplaintProgress.at)).where(
        ComplaintProgress.complaint_id == obj.id, ComplaintProgress.voided_at.is_(None)))


def _deadline_changes(s: Session, cal: Calendar, rules: DeadlineRules, obj: Complaint | None, *, severity,
                      within_desk_scope: bool, base: datetime, promised_reply_at: datetime | None) -> dict:
    d = dl.compute(cal, rules, severity=severity, within_desk_scope=within_desk_scope, base=base,
                   promised_reply_at=promised_reply_at)
    progress = d.progress_due_at
    if obj is not None and obj.id is not None:
        last = _last_progress_at(s, obj)
        if last is not None and last >= base:
            progress = dl.next_progress_due(cal, rules, base, last)
    return {"start_due_at": d.start_due_at, "due_at": d.due_at, "reply_due_at": d.reply_due_at,
            "promised_reply_at": d.promised_reply_at, "progress_due_at": progress}


def _base(obj: Complaint) -> datetime:
    return obj.reopened_at or obj.received_at


def _late_changes(obj: Complaint, changes: dict, done_at: datetime, *due_keys: str) -> None:
    """A deadline met late marks the complaint 超时 (是否超时 in the workbook and KF-02)."""
    if any(dl.late(done_at, _val(obj, changes, k)) for k in due_keys):
        changes["overdue"] = True


def _apply(ctx: Context, s: Session, obj: Complaint, changes: dict, *, action: str, expected_version: int | None,
           note: str | None = None) -> Complaint:
    _with_next_due(obj, changes)
    return records.update(ctx, s, obj, changes, expected_version=expected_version, action=action, note=note)


def _when(label: str, value, ctx: Context, key: str, *, default_now: bool = True) -> datetime | None:
    if value is None:
        return ctx.now() if default_now else None
    value = v.when(label, value, now=ctx.now(), key=key)
    return v.not_in_future(label, value, ctx.now(), key=key)


# ---------------------------------------------------------------- intake

def _check_category(ctx: Context, s: Session, category: str | None, current: str | None = None) -> str:
    category = v.text("类别", category, required=True, max_len=50, key="category")
    allowed = list(_stored(s, CATEGORIES) or DEFAULT_COMPLAINT_CATEGORIES)
    if category != current and category not in allowed:
        raise ValidationError("类别", f"“{category}”不在投诉类别列表中（系统设置 → 投诉设置）", "category")
    return category


def _intake(ctx: Context, s: Session, *, received_at: datetime, severity: ComplaintSeverity, note: str | None,
            **fields) -> Complaint:
    cal, rules = _env(ctx, s)
    deadline = _deadline_changes(s, cal, rules, None, severity=severity, within_desk_scope=True, base=received_at,
                                 promised_reply_at=fields.pop("promised_reply_at", None))
    level = dl.intake_level(severity, rules)
    values = dict(fields, received_at=received_at, severity=severity.value, within_desk_scope=True, overdue=False,
                  escalation_level=level, reopen_count=0, status=S.RECEIVED.value, **deadline)
    if level:
        values["escalated_at"] = received_at
        values["escalation_reason"] = f"重大投诉，受理即上报{ESCALATION_LEVELS[level]}"
        note = "；".join(x for x in (note, values["escalation_reason"]) if x)
    kind, due = dl.next_deadline(S.RECEIVED, **{k: values.get(k) for k in (
        "started_at", "start_due_at", "completed_at", "due_at", "reply_at", "reply_due_at", "progress_due_at",
        "follow_up_due_at")})
    values["next_due_at"], values["next_due_kind"] = due, kind
    return records.create(ctx, s, Complaint, action="受理", audit_note=note, **values)


def open_from_contact(ctx: Context, s: Session, contact, *, category: str = "其他",
                      severity: ComplaintSeverity | str = ComplaintSeverity.NORMAL) -> Complaint:
    """Open the complaint (状态 已受理) linked to a reception record (``contact``, a visit-and-call
    record of the caller's session), in the caller's session,
    with its deadlines (and, for 重大, the escalation level set at intake)."""
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
    )
    contact.complaint_uuid = complaint.uuid
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
    received_at = _when("受理时间", received_at, ctx, "received_at")
    promised = _promised(ctx, promised_reply_at, received_at)
    with ctx.unit_of_work() as s:
        category = _check_category(ctx, s, category)
        obj = _intake(ctx, s, received_at=received_at, severity=severity, note=None, source_contact_uuid=None,
                      channel=channel.value, complainant=complainant, unit_no=unit_no, phone=phone,
                      phone_digits=v.phone_digits(phone), category=category, validity=validity.value,
                      content=content, received_by=actor.name, promised_reply_at=promised)
        return _row(obj, ctx.now())


def _promised(ctx: Context, value, after: datetime) -> datetime | None:
    if value is None:
        return None
    value = v.when("承诺答复日期", value, now=ctx.now(), key="promised_reply_at")
    if value.time() == time(0, 0):
        value = datetime.combine(value.date(), time(18, 0))
    if value < after:
        raise ValidationError("承诺答复日期", "不能早于受理时间", "promised_reply_at")
    return value


# ---------------------------------------------------------------- reading

def get(ctx: Context, uuid: str) -> ComplaintRow:
    with ctx.read() as s:
        obj = _get(s, uuid)
        cal, rules = _env(ctx, s)
        now = ctx.now()
        return _row(obj, now, _soon_until(cal, rules, now))


def history(ctx: Context, uuid: str) -> list[records.HistoryRow]:
    """Every change of the complaint, oldest first (one entry per transition)."""
    return records.history(ctx, uuid)


def progress_entries(ctx: Context, uuid: str) -> list[ProgressRow]:
    with ctx.read() as s:
        obj = _get(s, uuid)
        rows = s.scalars(select(ComplaintProgress).where(ComplaintProgress.complaint_id == obj.id,
                                                         ComplaintProgress.voided_at.is_(None))
                         .order_by(ComplaintProgress.at, ComplaintProgress.id))
        return [ProgressRow(p.uuid, p.at, p.note, p.created_by) for p in rows]


def search(ctx: Context, *, text: str | None = None, status: str | None = None, date_from: date | None = None,
           date_to: date | None = None, limit: int = 500) -> list[ComplaintRow]:
    """Complaints by received date, status and a text found in name, unit, phone or content."""
    q = select(Complaint).where(Complaint.site_code == ctx.site.code)
    if status:
        q = q.where(Complaint.status == v.choice("状态", status, ComplaintStatus, key="status").value)
    if date_from:
        q = q.where(Complaint.received_at >= datetime.combine(date_from, time()))
    if date_to:
        q = q.where(Complaint.received_at < datetime.combine(date_to + timedelta(days=1), time()))
    text = v.text("查找", text, max_len=100)
    if text:
        like = f"%{text}%"
        digits = v.phone_digits(text)
        conds = [Complaint.complainant.like(like), Complaint.unit_no.like(like), Complaint.content.like(like),
                 Complaint.category.like(like), Complaint.department.like(like)]
        if len(digits) >= 3:
            conds.append(Complaint.phone_digits.like(f"%{digits}%"))
        q = q.where(or_(*conds))
    q = q.order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit)
    with ctx.read() as s:
        cal, rules = _env(ctx, s)
        now = ctx.now()
        soon = _soon_until(cal, rules, now)
        return [_row(o, now, soon) for o in s.scalars(q)]


def _mine_condition(ctx: Context):
    actor = ctx.actor
    if actor is None:
        return None
    conds = [Complaint.received_by == actor.name, Complaint.handler == actor.name]
    rank = actor.role.rank
    if rank == 1:
        conds.append(Complaint.escalation_level == 1)
    elif rank == 2:  # the manager also holds what went above him (no 主管副总经理 account exists)
        conds.append(Complaint.escalation_level >= 2)
    elif rank >= 3:
        conds.append(Complaint.escalation_level == 3)
    return or_(*conds)


def _conditions(ctx: Context, now: datetime, soon: datetime) -> dict[WorkList, Any]:
    """Each work list as a condition on a site's non-voided complaints."""
    is_open = Complaint.status.in_(OPEN)
    end = max(datetime.combine(now.date() + timedelta(days=1), time()), soon + timedelta(seconds=1))
    mine = _mine_condition(ctx)
    return {
        WorkList.OVERDUE: and_(is_open, Complaint.next_due_at < now),
        WorkList.DUE_TODAY: and_(is_open, Complaint.next_due_at >= now, Complaint.next_due_at < end),
        WorkList.AWAITING_FOLLOW_UP: Complaint.status == S.AWAITING_FOLLOW_UP.value,
        WorkList.MINE: and_(is_open, mine if mine is not None else false()),
        WorkList.OPEN: is_open,
    }


def _list_query(ctx: Context, which: WorkList, now: datetime, soon: datetime):
    return select(Complaint).where(Complaint.site_code == ctx.site.code, Complaint.voided_at.is_(None),
                                   _conditions(ctx, now, soon)[which])


def work_list(ctx: Context, which: WorkList | str, *, limit: int = 1000) -> list[ComplaintRow]:
    """今日到期 (incl. due within the next working hours), 已超时, 待回访, 我的, 全部未结;
    earliest deadline first."""
    which = WorkList(which)
    with ctx.read() as s:
        cal, rules = _env(ctx, s)
        now = ctx.now()
        soon = _soon_until(cal, rules, now)
        q = _list_query(ctx, which, now, soon).order_by(
            Complaint.next_due_at.is_(None), Complaint.next_due_at, Complaint.received_at).limit(limit)
        return [_row(o, now, soon) for o in s.scalars(q)]


def work_counts(ctx: Context) -> WorkCountsData:
    """The size of every work list, in one query."""
    with ctx.read() as s:
        cal, rules = _env(ctx, s)
        now = ctx.now()
        soon = _soon_until(cal, rules, now)
        cond = _conditions(ctx, now, soon)
        sums = [func.coalesce(func.sum(case((c, 1), else_=0)), 0) for c in (
            cond[WorkList.DUE_TODAY], cond[WorkList.OVERDUE], cond[WorkList.AWAITING_FOLLOW_UP], cond[WorkList.MINE],
            and_(cond[WorkList.DUE_TODAY], Complaint.next_due_at <= soon), cond[WorkList.OPEN])]
        counts = s.execute(select(*sums).where(Complaint.site_code == ctx.site.code, Complaint.voided_at.is_(None),
                                               Complaint.status.in_(OPEN))).one()
        return WorkCountsData(*(int(n) for n in counts), due_soon_hours=rules.due_soon_hours)


def nav_badge(ctx: Context) -> Badge:
    """Navigation count: overdue + due today; red if any is overdue, amber if any is due
    within the next working hours."""
    c = work_counts(ctx)
    hours = c.due_soon_hours
    level = "red" if c.overdue else "amber" if c.soon else None
    tooltip = (f"已超时 {c.overdue} 件，今日到期 {c.due_today} 件（其中 {c.soon} 件 {hours:g} 个工作小时内到期），"
               f"待回访 {c.awaiting_follow_up} 件")
    return Badge(c.overdue + c.due_today, level, tooltip)


# ---------------------------------------------------------------- changes

_EDITABLE = {"channel", "complainant", "phone", "unit_no", "content", "category", "severity", "handler", "opinion",
             "promised_reply_at", "received_at"}


def update(ctx: Context, uuid: str, *, expected_version: int, **fields: Any) -> ComplaintRow:
    """Correct the complaint's details. A change of 性质 (or of the received time, or of the
    promised reply date) recomputes the deadlines; 重大 raises the escalation level at once."""
    ctx.require_actor()
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise ValidationError("字段", f"不能直接修改 {', '.join(sorted(unknown))}", sorted(unknown)[0])
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        _check(obj, "修改")
        cal, rules = _env(ctx, s)
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
            changes["category"] = _check_category(ctx, s, fields["category"], obj.category)
        if "handler" in fields:
            changes["handler"] = v.text("处理人", fields["handler"], max_len=v.NAME_MAX, key="handler")
        if "opinion" in fields:
            changes["opinion"] = v.text("处理意见", fields["opinion"], max_len=v.CONTENT_MAX, key="opinion")
        if "received_at" in fields:
            changes["received_at"] = _when("受理时间", fields["received_at"], ctx, "received_at")
        severity = dl.severity_of(obj.severity)
        if "severity" in fields:
            severity = v.choice("性质", fields["severity"], ComplaintSeverity, key="severity")
            changes["severity"] = severity.value
        promised = obj.promised_reply_at
        if "promised_reply_at" in fields:
            promised = _promised(ctx, fields["promised_reply_at"], _val(obj, changes, "received_at"))
        note = None
        recompute = obj.status in HANDLING and (
            changes.get("severity", obj.severity) != obj.severity
            or changes.get("received_at", obj.received_at) != obj.received_at
            or promised != obj.promised_reply_at)
        if recompute:
            base = obj.reopened_at or _val(obj, changes, "received_at")
            changes.update(_deadline_changes(s, cal, rules, obj, severity=severity,
                                             within_desk_scope=obj.within_desk_scope, base=base,
                                             promised_reply_at=promised if severity is ComplaintSeverity.MAJOR
                                             else None))
            if obj.started_at is not None:
                changes.pop("start_due_at", None)
            level = dl.intake_level(severity, rules)
            if level > obj.escalation_level:
                changes.update(escalation_level=level, escalated_at=ctx.now(),
                               escalation_reason=f"性质改为重大，上报{ESCALATION_LEVELS[level]}")
                note = changes["escalation_reason"]
        elif "promised_reply_at" in fields:
            changes["promised_reply_at"] = promised
        _apply(ctx, s, obj, changes, action="修改", expected_version=expected_version, note=note)
        return _row(obj, ctx.now())


def start_handling(ctx: Context, uuid: str, *, expected_version: int, handler: str | None = None,
                   opinion: str | None = None) -> ComplaintRow:
    """已受理 → 处理中, handled by the desk itself."""
    actor = ctx.require_actor()
    handler = v.text("处理人", handler, max_len=v.NAME_MAX, key="handler") or actor.name
    opinion = v.text("处理意见", opinion, max_len=v.CONTENT_MAX, key="opinion")
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        target = _check(obj, "开始处理")
        now = ctx.now()
        changes: dict[str, Any] = {"status": target.value, "handler": handler, "started_at": now}
        if opinion:
            changes["opinion"] = opinion
        _late_changes(obj, changes, now, "start_due_at")
        _apply(ctx, s, obj, changes, action="开始处理", expected_version=expected_version)
        return _row(obj, now)


def hand_to_department(ctx: Context, uuid: str, *, department: str, expected_version: int,
                       handler: str | None = None, opinion: str | None = None) -> ComplaintRow:
    """已受理/处理中 → 处理中 with the responsible department (责任部门); the finishing deadline
    becomes the hand-over one (一般: 3 days) unless the department is the desk's own."""
    ctx.require_actor()
    department = v.text("责任部门", department, required=True, max_len=50, key="department")
    handler = v.text("处理人", handler, max_len=v.NAME_MAX, key="handler")
    opinion = v.text("处理意见", opinion, max_len=v.CONTENT_MAX, key="opinion")
    known = departments(ctx)
    if known and department not in known:
        raise ValidationError("责任部门", f"“{department}”不在部门列表中", "department")
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        target = _check(obj, "转交部门")
        cal, rules = _env(ctx, s)
        now = ctx.now()
        desk = department == _stored(s, DESK_DEPARTMENT)
        changes: dict[str, Any] = {"status": target.value, "department": department, "handler": handler,
                                   "within_desk_scope": desk, "handed_over_at": now}
        if opinion:
            changes["opinion"] = opinion
        if obj.started_at is None:
            changes["started_at"] = now
            _late_changes(obj, changes, now, "start_due_at")
        if desk != obj.within_desk_scope:
            d = _deadline_changes(s, cal, rules, obj, severity=obj.severity, within_desk_scope=desk, base=_base(obj),
                                  promised_reply_at=obj.promised_reply_at)
            changes["due_at"] = d["due_at"]
        _apply(ctx, s, obj, changes, action="转交部门", expected_version=expected_version,
               note=f"转交{department}" + (f"（{handler}）" if handler else ""))
        return _row(obj, now)


def record_result(ctx: Context, uuid: str, *, result: str, expected_version: int, completed_at: datetime | None = None,
                  opinion: str | None = None, reply_method: str | None = None,
                  reply_at: datetime | None = None) -> ComplaintRow:
    """已受理/处理中 → 待回访: the handling is finished (处理结果, 完成时间); the follow-up is due
    within 3 working days. Optionally the reply to the resident at the same time."""
    ctx.require_actor()
    result = v.text("处理结果", result, required=True, max_len=v.CONTENT_MAX, key="result")
    opinion = v.text("处理意见", opinion, max_len=v.CONTENT_MAX, key="opinion")
    completed_at = _when("完成时间", completed_at, ctx, "completed_at")
    reply = _reply_values(ctx, reply_method, reply_at) if reply_method else {}
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        target = _check(obj, "处理完成")
        if completed_at < obj.received_at:
            raise ValidationError("完成时间", "不能早于受理时间", "completed_at")
        cal, rules = _env(ctx, s)
        changes: dict[str, Any] = {"status": target.value, "result": result, "completed_at": completed_at,
                                   "follow_up_due_at": dl.follow_up_due(cal, rules, completed_at), **reply}
        if opinion:
            changes["opinion"] = opinion
        if obj.started_at is None:
            changes["started_at"] = completed_at
        if not obj.handler:
            changes["handler"] = ctx.actor.name
        _late_changes(obj, changes, completed_at, "due_at")
        _late_changes(obj, changes, changes.get("started_at", obj.started_at), "start_due_at")
        if reply:
            _late_changes(obj, changes, reply["reply_at"], "reply_due_at")
        _apply(ctx, s, obj, changes, action="处理完成", expected_version=expected_version)
        return _row(obj, ctx.now())


def _reply_values(ctx: Context, method, at) -> dict:
    method = v.choice("回复方式", method, ReplyMethod, key="reply_method")
    return {"reply_method": method.value, "reply_at": _when("回复时间", at, ctx, "reply_at")}


def record_reply(ctx: Context, uuid: str, *, method: str, expected_version: int,
                 at: datetime | None = None) -> ComplaintRow:
    """The resident was answered (回复方式, 回复时间): due within 72 hours of receipt."""
    ctx.require_actor()
    values = _reply_values(ctx, method, at)
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        _check(obj, "答复住户")
        if values["reply_at"] < obj.received_at:
            raise ValidationError("回复时间", "不能早于受理时间", "reply_at")
        changes = dict(values)
        _late_changes(obj, changes, values["reply_at"], "reply_due_at")
        _apply(ctx, s, obj, changes, action="答复住户", expected_version=expected_version)
        return _row(obj, ctx.now())


def set_validity(ctx: Context, uuid: str, validity: ComplaintValidity | str, *, expected_version: int,
                 explanation: str | None = None, reply_method: str | None = None) -> ComplaintRow:
    """有效 / 待定 is a plain change. 无效 needs the explanation given to the resident and closes
    the complaint as invalid (已受理/处理中 → 已关闭)."""
    ctx.require_actor()
    validity = v.choice("有效性", validity, ComplaintValidity, key="validity")
    explanation = v.text("无效说明", explanation, max_len=v.CONTENT_MAX, key="invalid_explanation")
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        now = ctx.now()
        if validity is ComplaintValidity.INVALID:
            target = _check(obj, "判定无效")
            if not explanation:
                raise ValidationError("无效说明", "判定无效必须填写向住户所做的解释", "invalid_explanation")
            changes: dict[str, Any] = {"validity": validity.value, "invalid_explanation": explanation,
                                       "status": target.value, "closed_at": now}
            if obj.reply_at is None:
                changes["reply_at"] = now
                changes["reply_method"] = v.choice("回复方式", reply_method or ReplyMethod.PHONE.value, ReplyMethod,
                                                   key="reply_method").value
                _late_changes(obj, changes, now, "reply_due_at")
            _apply(ctx, s, obj, changes, action="判定无效", expected_version=expected_version, note=explanation)
        else:
            _check(obj, "判定有效性")
            changes = {"validity": validity.value}
            if explanation is not None:
                changes["invalid_explanation"] = None
            action = "判定有效" if validity is ComplaintValidity.VALID else "改为待定"
            _apply(ctx, s, obj, changes, action=action, expected_version=expected_version)
        return _row(obj, now)


def escalate(ctx: Context, uuid: str, *, reason: str, expected_version: int) -> ComplaintRow:
    """Move the complaint up one level of 三级负责制 by hand (接待人 → 客服主管 → 经理 → 主管副总经理)."""
    ctx.require_actor()
    reason = v.text("升级原因", reason, required=True, max_len=500, key="reason")
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        _check(obj, "升级")
        if obj.escalation_level >= dl.MAX_LEVEL:
            raise InvalidTransition(f"已是最高级别（{ESCALATION_LEVELS[dl.MAX_LEVEL]}），不能再升级")
        level = obj.escalation_level + 1
        changes = {"escalation_level": level, "escalated_at": ctx.now(), "escalation_reason": reason}
        _apply(ctx, s, obj, changes, action="升级", expected_version=expected_version,
               note=f"升至{ESCALATION_LEVELS[level]}：{reason}")
        return _row(obj, ctx.now())


def void(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> ComplaintRow:
    """作废 with a reason (客服主管 or above). The record stays, marked 已作废."""
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        _check(obj, "作废")
        records.void(ctx, s, obj, reason, expected_version=expected_version, void_status=S.VOID.value,
                     min_role=Role.SUPERVISOR)
        return _row(obj)


def add_progress(ctx: Context, uuid: str, note: str, *, at: datetime | None = None) -> ProgressRow:
    """A progress entry (进展记录); once a complaint is open longer than 5 working days one is
    due every working day."""
    ctx.require_actor()
    note = v.text("进展情况", note, required=True, max_len=v.CONTENT_MAX, key="note")
    at = _when("记录时间", at, ctx, "at")
    with ctx.unit_of_work() as s:
        obj = _get(s, uuid)
        _check(obj, "进展记录")
        cal, rules = _env(ctx, s)
        entry = records.create(ctx, s, ComplaintProgress, complaint_id=obj.id, at=at, note=note, action="进展记录")
        changes = {"progress_due_at": dl.next_progress_due(cal, rules, _base(obj), at)}
        _late_changes(obj, changes, at, "progress_due_at")
        _apply(ctx, s, obj, changes, action="进展记录", expected_version=None, note=note)
        return ProgressRow(entry.uuid, entry.at, entry.note, entry.created_by)


# ---------------------------------------------------------------- follow-up (called by followups)

def apply_follow_up(ctx: Context, s: Session, complaint_uuid: str, follow_up: FollowUp) -> Complaint:
    """Inside the follow-up's unit of work: 满意/较满意 closes the complaint (待回访 → 已关闭);
    不满意 sends it back (待回访 → 处理中), raises 性质 one level and counts a reopen."""
    obj = _get(s, complaint_uuid)
    now = ctx.now()
    if follow_up.feedback == Feedback.DISSATISFIED.value:
        _check(obj, "不满意重新处理")
        cal, rules = _env(ctx, s)
        old, new = dl.severity_of(obj.severity), dl.raised(obj.severity)
        changes: dict[str, Any] = {}
        _late_changes(obj, changes, follow_up.visited_at, "follow_up_due_at")
        changes.update({
            "status": S.IN_PROGRESS.value, "severity": new.value, "reopen_count": (obj.reopen_count or 0) + 1,
            "reopened_at": now, "started_at": now, "completed_at": None, "result": None, "follow_up_due_at": None,
            "reply_at": None, "reply_method": None,
        })
        changes.update(_deadline_changes(s, cal, rules, obj, severity=new, within_desk_scope=obj.within_desk_scope,
                                         base=now, promised_reply_at=None))
        level = dl.intake_level(new, rules)
        note = (f"回访不满意：{follow_up.content}；性质 {old.value}→{new.value}；"
                f"第 {changes['reopen_count']} 次重新处理")
        if level > obj.escalation_level:
            changes.update(escalation_level=level, escalated_at=now,
                           escalation_reason=f"回访不满意，性质升为重大，上报{ESCALATION_LEVELS[level]}")
        _apply(ctx, s, obj, changes, action="不满意重新处理", expected_version=None, note=note)
    else:
        target = _check(obj, "回访关闭")
        changes = {"status": target.value, "closed_at": now}
        _late_changes(obj, changes, follow_up.visited_at, "follow_up_due_at")
        _apply(ctx, s, obj, changes, action="回访关闭", expected_version=None,
               note=f"回访（{follow_up.method}）：{follow_up.feedback}")
    return obj


def check_follow_up_allowed(s: Session, complaint_uuid: str) -> Complaint:
    obj = _get(s, complaint_uuid)
    if obj.status != S.AWAITING_FOLLOW_UP.value:
        raise InvalidTransition(f"投诉当前状态为“{obj.status}”，不能回访（处理完成、状态为 待回访 时才可以回访）")
    return obj


# ---------------------------------------------------------------- escalation

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
            d = _deadline_changes(s, cal, rules, obj, severity=obj.severity, within_desk_scope=obj.within_desk_scope,
                                  base=_base(obj), promised_reply_at=obj.promised_reply_at)
            values.update({k: val for k, val in d.items() if getattr(obj, k) is None})
        if obj.status == S.AWAITING_FOLLOW_UP.value and obj.follow_up_due_at is None and obj.completed_at:
            values["follow_up_due_at"] = dl.follow_up_due(cal, rules, obj.completed_at)
        merged = {k: values.get(k, getattr(obj, k)) for k in (
            "started_at", "start_due_at", "completed_at", "due_at", "reply_at", "reply_due_at", "progress_due_at",
            "follow_up_due_at")}
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
        cal, rules = _env(system, s)
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


# ---------------------------------------------------------------- the supervisor's daily review

@dataclass(frozen=True)
class ReviewLineRow:
    complaint: ComplaintRow
    why: str  # 当日受理 / 未结 / 当日变更
    follow_up: str  # 回访情况, e.g. "满意（11-20 电话）", "待回访", ""
    late: bool  # 是否超时 as printed


@dataclass(frozen=True)
class SignOffRow:
    uuid: str
    version: int
    day: date
    opinion: str
    reviewer: str
    reviewed_at: datetime
    complaint_count: int
    handled_count: int
    overdue_count: int


@dataclass(frozen=True)
class DailyReviewData:
    day: date
    lines: list[ReviewLineRow]
    received: int  # 当日投诉
    handled: int  # 已处理 (handled: 待回访 or 已关闭)
    overdue: int  # 超时
    sign_off: SignOffRow | None

    @property
    def total(self) -> int:
        return len(self.lines)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def _review_lines(ctx: Context, s: Session, day: date) -> tuple[list[ReviewLineRow], int, int, int]:
    """The day's list, on the same definition as the printed KF-02 (app/forms/providers/
    complaint_opinions.py), so screen and paper show the same rows and counts: received that day;
    changed that day (updated, completed, reviewed or a progress entry); or not yet handled at the
    end of the day. Voided complaints are left out."""
    start, end = _day_bounds(day)

    def in_day(col):
        return and_(col >= start, col < end)

    progressed = select(ComplaintProgress.complaint_id).where(in_day(ComplaintProgress.at),
                                                              ComplaintProgress.voided_at.is_(None))
    q = (select(Complaint)
         .where(Complaint.site_code == ctx.site.code, Complaint.voided_at.is_(None), Complaint.received_at < end,
                or_(in_day(Complaint.received_at), in_day(Complaint.updated_at), in_day(Complaint.completed_at),
                    in_day(Complaint.reviewed_at), Complaint.id.in_(progressed),
                    and_(Complaint.completed_at.is_(None), Complaint.status.in_(HANDLING)),
                    Complaint.completed_at >= end))
         .order_by(Complaint.received_at, Complaint.id))
    objs = list(s.scalars(q))
    now = ctx.now()
    cal, rules = _env(ctx, s)
    soon = _soon_until(cal, rules, now)
    latest: dict[str, FollowUp] = {}
    if objs:
        for f in s.scalars(select(FollowUp).where(FollowUp.subject_uuid.in_([o.uuid for o in objs]),
                                                  FollowUp.voided_at.is_(None), FollowUp.visited_at < end)
                           .order_by(FollowUp.visited_at, FollowUp.id)):
            latest[f.subject_uuid] = f
    lines = []
    received = handled = overdue = 0
    for o in objs:
        row = _row(o, now, soon)
        done_by_day = o.completed_at is not None and o.completed_at < end
        if start <= o.received_at < end:
            why = "当日受理"
            received += 1
        elif not done_by_day and o.status in OPEN:
            why = "未结"
        else:
            why = "当日变更"
        f = latest.get(o.uuid)
        if f is not None:
            fu = f"{f.feedback}（{f.visited_at:%m-%d} {f.method}）"
        elif o.status == S.AWAITING_FOLLOW_UP.value:
            fu = "待回访"
        else:
            fu = ""
        ref = o.completed_at if done_by_day else min(now, end)
        late = bool(o.overdue) or bool(o.due_at and ref > o.due_at)
        handled += done_by_day
        overdue += late
        lines.append(ReviewLineRow(row, why, fu, late))
    return lines, received, handled, overdue


def _sign_off_row(r: ComplaintDailyReview) -> SignOffRow:
    return SignOffRow(r.uuid, r.version, r.day, r.opinion, r.reviewer, r.reviewed_at, r.complaint_count,
                      r.handled_count, r.overdue_count)


def daily_review(ctx: Context, day: date) -> DailyReviewData:
    """The day's complaints for the supervisor (and KF-02): received that day, changed that day,
    or not yet handled at the end of it; with the sign-off when there is one."""
    with ctx.read() as s:
        lines, received, handled, overdue = _review_lines(ctx, s, day)
        review = s.scalars(select(ComplaintDailyReview).where(ComplaintDailyReview.site_code == ctx.site.code,
                                                              ComplaintDailyReview.day == day)).first()
        return DailyReviewData(day, lines, received, handled, overdue, _sign_off_row(review) if review else None)


def sign_off_day(ctx: Context, day: date, opinion: str) -> SignOffRow:
    """The supervisor's sign-off (客服主管 or above): 审核意见, 审核人, 审核时间 for the day, also
    written on each complaint of the day's list (审核人/审核时间/审核意见 in the workbook)."""
    actor = ctx.require_role(Role.SUPERVISOR, "审核签字")
    opinion = v.text("审核意见", opinion, required=True, max_len=2000, key="opinion")
    now = ctx.now()
    if day > now.date():
        raise ValidationError("日期", "不能审核未来的日期", "day")
    with ctx.unit_of_work() as s:
        lines, received, handled, overdue = _review_lines(ctx, s, day)
        review = s.scalars(select(ComplaintDailyReview).where(ComplaintDailyReview.site_code == ctx.site.code,
                                                              ComplaintDailyReview.day == day)).first()
        values = {"opinion": opinion, "reviewer": actor.name, "reviewer_username": actor.username,
                  "reviewed_at": now, "complaint_count": len(lines), "handled_count": handled,
                  "overdue_count": overdue}
        if review is None:
            review = records.create(ctx, s, ComplaintDailyReview, day=day, action="审核签字", **values)
        else:
            records.update(ctx, s, review, values, expected_version=None, action="重新审核签字")
        for line in lines:
            obj = s.get(Complaint, line.complaint.id)
            if obj is None or obj.is_void:
                continue
            records.update(ctx, s, obj, {"reviewer": actor.name, "reviewed_at": now, "review_opinion": opinion},
                           expected_version=None, action="审核", note=f"{day:%Y-%m-%d} 每日审核")
        return _sign_off_row(review)


# ---------------------------------------------------------------- follow-ups due (used by followups)

def awaiting_follow_up(ctx: Context, s: Session) -> list[Complaint]:
    return list(s.scalars(select(Complaint).where(Complaint.site_code == ctx.site.code,
                                                  Complaint.status == S.AWAITING_FOLLOW_UP.value,
                                                  Complaint.voided_at.is_(None))
                          .order_by(Complaint.follow_up_due_at.is_(None), Complaint.follow_up_due_at)))

