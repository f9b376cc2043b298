"""服务申请单: the desk fills in the application with the applicant, a 客服主管 approves (or
declines with an explanation), and the signed form goes back to the applicant within the
site's working days (1 by default) on the working-day calendar: an application of a Friday is
due on Monday, or on a 调休 Saturday when that is a working day.

States::

    待审批 ──decide 同意 (客服主管+)──► 已批准 ──hand_back──► 已交还
       └────decide 不同意 (客服主管+)──► 不予受理 ─hand_back─┘
    any state but 已交还 ──void (客服主管+, reason)──► 已作废
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records
from app.core.calendar import load_calendar
from app.core.context import Context
from app.desk.desk_settings import application_days
from app.desk.models import ServiceApplication
from app.desk.numbers import next_number
from app.desk.vocab import LIST_SEPARATOR, ApplicationStatus, Decision
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    uuid: str
    version: int
    number: str
    applicant: str
    unit_no: str | None
    phone: str | None
    content: str
    attachments: str | None
    applied_at: datetime
    due_at: datetime
    departments: str | None
    decided_by: str | None
    decided_at: datetime | None
    decision: str | None
    opinion: str | None
    returned_at: datetime | None
    returned_by: str | None
    status: str
    received_by: str
    late: bool  # handed back after the due time, or still not back and past it
    void_reason: str | None
    updated_at: datetime
    updated_by: str

    @property
    def attachment_list(self) -> list[str]:
        return [a for a in (self.attachments or "").split(LIST_SEPARATOR) if a]


def application_row(a: ServiceApplication, now: datetime) -> ApplicationRow:
    late = a.voided_at is None and (a.returned_at or now) > a.due_at
    return records.to_row(a, ApplicationRow, received_by=a.created_by, late=late)


def due_time(cal, applied_at: datetime, days: int) -> datetime:
    """``days`` working days after the application, at the same time of day."""
    return cal.add_working_days(applied_at, days)


def _attachments(values) -> str | None:
    items = [v.text("附件", x, max_len=100) for x in (values or [])]
    return LIST_SEPARATOR.join(x for x in items if x) or None


def _load(s: Session, uuid: str) -> ServiceApplication:
    return records.get_by_uuid(s, ServiceApplication, v.uuid_text("记录编号", uuid, required=True), "服务申请单")


def apply(ctx: Context, *, applicant: str, content: str, unit_no: str | None = None, phone: str | None = None,
          attachments: list[str] | None = None, departments: str | None = None) -> ApplicationRow:
    """Register an application now; its due time follows the working-day calendar."""
    ctx.require_actor()
    applicant = v.text("申请人", applicant, required=True, max_len=50, key="applicant")
    content = v.text("申请事项", content, required=True, max_len=v.CONTENT_MAX, key="content")
    unit_no = v.normalize_unit(unit_no, key="unit_no") if unit_no else None
    phone = v.normalize_phone(phone, key="phone")
    departments = v.text("需执行部门", departments, max_len=200, key="departments")
    files = _attachments(attachments)
    now = ctx.now()
    days = application_days(ctx)
    with ctx.unit_of_work() as s:
        due = due_time(load_calendar(ctx, s), now, days)
        a = records.create(ctx, s, ServiceApplication, number=next_number(s, ServiceApplication, ctx.site.code,
                                                                          now.date()),
                           applicant=applicant, unit_no=unit_no, phone=phone, content=content, attachments=files,
                           applied_at=now, due_at=due, departments=departments,
                           status=ApplicationStatus.PENDING.value, action="受理")
        return application_row(a, now)


def decide(ctx: Context, uuid: str, decision: str, *, opinion: str | None = None, departments: str | None = None,
           expected_version: int) -> ApplicationRow:
    """A 客服主管 (or above) approves or declines; a decline needs the explanation for the applicant."""
    actor = ctx.require_role(Role.SUPERVISOR, "审批服务申请")
    choice = v.choice("审批意见", decision, Decision, key="decision")
    opinion = v.text("意见说明", opinion, required=choice == Decision.DECLINE, max_len=2000, key="opinion")
    departments = v.text("需执行部门", departments, max_len=200, key="departments")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        a = _load(s, uuid)
        if a.status != ApplicationStatus.PENDING:
            raise InvalidTransition(f"服务申请单 {a.number} 当前为“{a.status}”，不能审批")
        records.check_version(a, expected_version)
        status = ApplicationStatus.APPROVED if choice == Decision.APPROVE else ApplicationStatus.DECLINED
        changes = {"decision": choice.value, "opinion": opinion, "decided_by": actor.name, "decided_at": now,
                   "status": status.value}
        if departments:
            changes["departments"] = departments
        records.update(ctx, s, a, changes, expected_version=None, action="审批")
        return application_row(a, now)


def hand_back(ctx: Context, uuid: str, *, expected_version: int) -> ApplicationRow:
    """The signed form is handed back to the applicant now."""
    actor = ctx.require_actor()
    now = ctx.now()
    with ctx.unit_of_work() as s:
        a = _load(s, uuid)
        if a.status not in (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED):
            raise InvalidTransition(f"服务申请单 {a.number} 当前为“{a.status}”，审批后才能交还申请人")
        records.check_version(a, expected_version)
        records.update(ctx, s, a, {"returned_at": now, "returned_by": actor.name,
                                   "status": ApplicationStatus.RETURNED.value}, expected_version=None, action="交还")
        return application_row(a, now)


def update_application(ctx: Context, uuid: str, *, expected_version: int, **changes) -> ApplicationRow:
    """Correct an application while it waits for approval."""
    ctx.require_actor()
    clean = {}
    for key, value in changes.items():
        if key == "applicant":
            clean[key] = v.text("申请人", value, required=True, max_len=50, key=key)
        elif key == "content":
            clean[key] = v.text("申请事项", value, required=True, max_len=v.CONTENT_MAX, key=key)
        elif key == "unit_no":
            clean[key] = v.normalize_unit(value, key=key) if value else None
        elif key == "phone":
            clean[key] = v.normalize_phone(value, key=key)
        elif key == "attachments":
            clean[key] = _attachments(value)
        elif key == "departments":
            clean[key] = v.text("需执行部门", value, max_len=200, key=key)
        else:
            raise ValidationError("修改", f"不能直接修改“{key}”")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        a = _load(s, uuid)
        if a.status != ApplicationStatus.PENDING:
            raise InvalidTransition(f"服务申请单 {a.number} 已审批，不能再修改")
        records.update(ctx, s, a, clean, expected_version=expected_version)
        return application_row(a, now)


def void_application(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> ApplicationRow:
    with ctx.unit_of_work() as s:
        a = _load(s, uuid)
        records.void(ctx, s, a, reason, expected_version=expected_version)
        return application_row(a, ctx.now())


def get_application(ctx: Context, key: str) -> ApplicationRow:
    """By record number (UUID) or 申请单号."""
    key = (key or "").strip()
    with ctx.read() as s:
        if len(key) == 36:
            return application_row(_load(s, key), ctx.now())
        a = s.scalars(select(ServiceApplication).where(ServiceApplication.site_code == ctx.site.code,
                                                       ServiceApplication.number == key.upper())).first()
        if a is None:
            raise NotFound(f"找不到服务申请单 {key}")
        return application_row(a, ctx.now())


def list_applications(ctx: Context, date_from: date | None = None, date_to: date | None = None, *,
                      open_only: bool = False, limit: int = 2000) -> list[ApplicationRow]:
    q = select(ServiceApplication).where(ServiceApplication.site_code == ctx.site.code)
    if open_only:
        q = q.where(ServiceApplication.status.in_([ApplicationStatus.PENDING.value,
                                                   ApplicationStatus.APPROVED.value,
                                                   ApplicationStatus.DECLINED.value]))
    if date_from is not None:
        q = q.where(ServiceApplication.applied_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to is not None:
        q = q.where(ServiceApplication.applied_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
    now = ctx.now()
    with ctx.read() as s:
        return [application_row(a, now) for a in s.scalars(
            q.order_by(ServiceApplication.applied_at.desc(), ServiceApplication.id.desc()).limit(limit))]
