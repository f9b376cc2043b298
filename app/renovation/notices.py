"""违章整改通知书 (rectification notices): a visit with a failed key check or a written violation
opens one with its own number and a deadline; a notice can also be written without a visit.
A re-inspection (复查) records 已整改, which closes it, or, on or after the deadline, 未整改,
which escalates (停工 / 报客服主管 / 移交执法部门) and sets a new deadline. An open notice
blocks the deposit refund."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.renovation.application import check_state, load_renovation
from app.renovation.models import RectificationNotice, Renovation, RenovationInspection
from app.renovation.rules import clean_checks, deadline_from, next_number
from app.renovation.site_settings import notice_basis, notice_days, notice_prefix, notice_requirement
from app.renovation.vocab import (
    CHECK_SEPARATOR, NOTICE_STATUS_AFTER_RECHECK, OPEN_NOTICE_STATUSES, Escalation, NoticeStatus, RecheckResult,
    RenovationStatus,
)


@dataclass(frozen=True)
class NoticeRow:
    id: int
    uuid: str
    version: int
    renovation_uuid: str
    inspection_uuid: str | None
    notice_no: str
    unit_no: str
    owner: str
    contractor: str
    issued_at: datetime
    issued_by: str
    failed_checks: str | None
    facts: str
    basis: str | None
    requirement: str
    deadline: datetime
    signed_by: str | None
    signed_at: datetime | None
    status: str
    recheck_at: datetime | None
    recheck_by: str | None
    recheck_result: str | None
    recheck_note: str | None
    escalation: str | None
    escalated_at: datetime | None
    escalated_by: str | None
    void_reason: str | None
    overdue: bool

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_NOTICE_STATUSES

    @property
    def failed_list(self) -> list[str]:
        return [c for c in (self.failed_checks or "").split(CHECK_SEPARATOR) if c]
def numbered_deadline(ctx: Context, s: Session, reno: Renovation, deadline, issued_at: datetime
                      ) -> tuple[str, datetime]:
    """The next notice number of the year and the checked deadline (default: notice_days later, 18:00)."""
    deadline = deadline_from("整改期限", deadline, issued_at, notice_days(ctx))
    number = next_number(s, RectificationNotice, RectificationNotice.notice_no,
                         notice_prefix(ctx), issued_at.year, reno.site_code)
    return number, deadline


def _create(ctx: Context, s: Session, *, renovation_id: int, site_code: str, unit_no: str, number: str,
            deadline: datetime, facts: str, failed_checks: str | None, requirement: str | None,
            basis: str | None, issued_at: datetime, issued_by: str, action: str, audit_note: str,
            **fields) -> RectificationNotice:
    """A new notice row; an empty requirement or basis takes the site's default."""
    return records.create(
        ctx, s, RectificationNotice, renovation_id=renovation_id, notice_no=number, unit_no=unit_no,
        issued_at=issued_at, issued_by=issued_by, failed_checks=failed_checks, facts=facts,
        basis=basis or notice_basis(ctx), requirement=requirement or notice_requirement(ctx), deadline=deadline,
        site_code=site_code, action=action, audit_note=audit_note, **fields)


def issue(ctx: Context, s: Session, reno: Renovation, ins: RenovationInspection | None, *, number: str,
          deadline: datetime, facts: str, failed: list[str], requirement: str | None, basis: str | None,
          signed_by: str | None, issued_at: datetime) -> RectificationNotice:
    """Open a notice (待整改) for an application, from a visit or without one; both are audited."""
    notice = _create(
        ctx, s, renovation_id=reno.id, site_code=reno.site_code, unit_no=reno.unit_no, number=number,
        deadline=deadline, facts=facts, failed_checks=CHECK_SEPARATOR.join(failed) or None,
        requirement=requirement, basis=basis, issued_at=issued_at, issued_by=ctx.actor.name,
        action="发出整改通知书", audit_note=f"{number}，期限 {deadline:%Y-%m-%d %H:%M}",
        inspection_id=ins.id if ins else None, signed_by=signed_by, signed_at=issued_at if signed_by else None,
        status=NoticeStatus.OPEN.value)
    records.audit(ctx, s, "发出整改通知书", reno, note=f"{number}：{facts}")
    return notice


def restore_from_visit(ctx: Context, s: Session, renovation_id: int, visit: dict) -> RectificationNotice:
    """Recreate the notice a visit row names when this database does not know it (a workbook
    import): the facts are the visit's failed checks and violation, the requirement and basis
    the site's defaults, the status follows the visit's re-inspection result. Without it an
    imported open notice would no longer block the deposit refund.

    ``visit`` holds the visit's values by attribute name (``notice_no``, ``inspected_at`` …)."""
    result = visit.get("recheck_result")
    status = NOTICE_STATUS_AFTER_RECHECK.get(result, NoticeStatus.OPEN)
    failed = (visit.get("failed_checks") or "").replace(CHECK_SEPARATOR, "、")
    facts = CHECK_SEPARATOR.join(x for x in (failed, visit.get("violation")) if x) or "（由工作簿导入）"
    return _create(
        ctx, s, renovation_id=renovation_id, site_code=visit["site_code"], unit_no=visit["unit_no"],
        number=visit["notice_no"], deadline=visit["notice_deadline"], facts=facts,
        failed_checks=visit.get("failed_checks"), requirement=None, basis=None, issued_at=visit["inspected_at"],
        issued_by=visit["inspector"], action="导入", audit_note=f"由装修巡查记录 {visit['uuid']} 重建",
        inspection_id=None, status=status.value, recheck_at=visit.get("recheck_at"), recheck_result=result,
        created_at=visit["inspected_at"], created_by=visit["inspector"], updated_at=visit["updated_at"],
        updated_by=visit["updated_by"])


def issue_notice(ctx: Context, renovation_uuid: str, *, facts: str, failed_checks: Iterable[str] = (),
                 requirement: str | None = None, basis: str | None = None, deadline: datetime | date | None = None,
                 signed_by: str | None = None) -> NoticeRow:
    """A notice written without a visit (e.g. a violation reported by security)."""
    ctx.require_role(Role.RECEPTIONIST, "发出整改通知书")
    facts = v.text("违规事实", facts, required=True, max_len=v.CONTENT_MAX, key="facts")
    failed = clean_checks(failed_checks)
    requirement = v.text("整改要求", requirement, max_len=v.CONTENT_MAX, key="requirement")
    basis = v.text("依据", basis, max_len=v.CONTENT_MAX, key="basis")
    signed_by = v.text("签收人", signed_by, max_len=50, key="signed_by")
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, renovation_uuid)
        check_state(reno, (RenovationStatus.IN_PROGRESS, RenovationStatus.AWAITING_ACCEPTANCE), "发出整改通知书")
        now = ctx.now()
        number, due = numbered_deadline(ctx, s, reno, deadline, now)
        n = issue(ctx, s, reno, None, number=number, deadline=due, facts=facts, failed=failed,
                  requirement=requirement, basis=basis, signed_by=signed_by, issued_at=now)
        return notice_row(s, n, ctx.now())


def notice_row(s: Session, n: RectificationNotice, now: datetime, reno: Renovation | None = None,
               ins_uuid: str | None = None) -> NoticeRow:
    reno = reno or s.get(Renovation, n.renovation_id)
    if ins_uuid is None and n.inspection_id:
        ins_uuid = s.scalar(select(RenovationInspection.uuid).where(RenovationInspection.id == n.inspection_id))
    return records.to_row(n, NoticeRow, renovation_uuid=reno.uuid, inspection_uuid=ins_uuid, owner=reno.owner,
                          contractor=reno.contractor,
                          overdue=n.status in OPEN_NOTICE_STATUSES and n.deadline < now)


def inspection_of(s: Session, n: RectificationNotice) -> RenovationInspection | None:
    """The visit that opened a notice (by number for a notice recreated by an import)."""
    if n.inspection_id:
        return s.get(RenovationInspection, n.inspection_id)
    return s.scalars(select(RenovationInspection).where(RenovationInspection.site_code == n.site_code,
                                                        RenovationInspection.notice_no == n.notice_no)).first()


def _get_notice(s: Session, ctx: Context, ref: str) -> RectificationNotice:
    ref = v.text("整改通知书", ref, required=True, max_len=40, key="notice")
    n = s.scalars(select(RectificationNotice).where(
        RectificationNotice.site_code == ctx.site.code,
        or_(RectificationNotice.uuid == ref.lower(), func.upper(RectificationNotice.notice_no) == ref.upper()))).first()
    if n is None:
        raise NotFound(f"找不到整改通知书 {ref}")
    return n


def get_notice(ctx: Context, ref: str) -> NoticeRow:
    """By UUID or by number (e.g. ZG2026-0001)."""
    with ctx.read() as s:
        return notice_row(s, _get_notice(s, ctx, ref), ctx.now())


def sign_notice(ctx: Context, ref: str, signed_by: str, *, expected_version: int | None = None) -> NoticeRow:
    """Record who signed for the notice (签收人)."""
    ctx.require_role(Role.RECEPTIONIST, "登记签收")
    signed_by = v.text("签收人", signed_by, required=True, max_len=50, key="signed_by")
    with ctx.unit_of_work() as s:
        n = _get_notice(s, ctx, ref)
        records.update(ctx, s, n, {"signed_by": signed_by, "signed_at": ctx.now()},
                       expected_version=expected_version, action="签收", note=signed_by)
        return notice_row(s, n, ctx.now())


def recheck_notice(ctx: Context, ref: str, result: RecheckResult | str, *, note: str | None = None,
                   escalation: Escalation | str | None = None, new_deadline: datetime | date | None = None,
                   expected_version: int | None = None) -> NoticeRow:
    """复查. 已整改 closes the notice (at any time). 未整改 can only be found on or after
    the deadline and escalates with the chosen step (移交执法部门 needs a 客服主管) and a
    new deadline for the next re-inspection."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记复查")
    result = v.choice("复查结果", result, RecheckResult, key="result")
    note = v.text("复查说明", note, max_len=v.CONTENT_MAX, key="note")
    step = v.choice("升级措施", escalation, Escalation, required=result is RecheckResult.NOT_RECTIFIED,
                    key="escalation")
    if result is RecheckResult.RECTIFIED:
        step = None
    if step is Escalation.AUTHORITIES:
        ctx.require_role(Role.SUPERVISOR, "移交执法部门")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        n = _get_notice(s, ctx, ref)
        if n.status not in OPEN_NOTICE_STATUSES:
            raise InvalidTransition(f"整改通知书 {n.notice_no} 状态为“{n.status}”，无需复查")
        changes: dict = {"recheck_at": now, "recheck_by": actor.name, "recheck_result": result.value,
                         "recheck_note": note, "status": NOTICE_STATUS_AFTER_RECHECK[result].value}
        if result is RecheckResult.RECTIFIED:
            text_note = result.value + (f"：{note}" if note else "")
        else:
            if now.date() < n.deadline.date():
                raise ValidationError("复查结果", f"整改期限 {n.deadline:%Y-%m-%d %H:%M} 未到，"
                                              "期限当日或之后才能判定未整改", "result")
            deadline = deadline_from("新整改期限", new_deadline, now, notice_days(ctx))
            changes.update(escalation=step.value, escalated_at=now, escalated_by=actor.name, deadline=deadline)
            text_note = f"{result.value}，{step.value}，新期限 {deadline:%Y-%m-%d %H:%M}" + (f"：{note}" if note else "")
        records.update(ctx, s, n, changes, expected_version=expected_version,
                       action="复查" if result is RecheckResult.RECTIFIED else "复查未整改并升级", note=text_note)
        ins = inspection_of(s, n)
        if ins is not None and not ins.is_void:
            records.update(ctx, s, ins, {"recheck_at": now, "recheck_result": result.value,
                                         "notice_deadline": n.deadline},
                           expected_version=None, action="复查", note=f"{n.notice_no} {text_note}")
        reno = s.get(Renovation, n.renovation_id)
        records.audit(ctx, s, "复查" if result is RecheckResult.RECTIFIED else "升级", reno,
                      note=f"{n.notice_no} {text_note}")
        return notice_row(s, n, now, reno)


def void_notice(ctx: Context, ref: str, reason: str, *, expected_version: int | None = None) -> NoticeRow:
    """作废 (客服主管+) with a reason; the visit that opened it notes the voiding."""
    with ctx.unit_of_work() as s:
        n = _get_notice(s, ctx, ref)
        records.void(ctx, s, n, reason, expected_version=expected_version, void_status=NoticeStatus.VOID.value)
        ins = inspection_of(s, n)
        if ins is not None and not ins.is_void:
            records.update(ctx, s, ins, {}, expected_version=None,
                           action="整改通知书作废", note=f"{n.notice_no}：{n.void_reason}")
        return notice_row(s, n, ctx.now())


def list_notices(ctx: Context, *, open_only: bool = False, renovation_uuid: str | None = None,
                 include_void: bool = False) -> list[NoticeRow]:
    """Notices, overdue first, then by deadline."""
    now = ctx.now()
    with ctx.read() as s:
        q = select(RectificationNotice).where(RectificationNotice.site_code == ctx.site.code)
        if open_only:
            q = q.where(RectificationNotice.status.in_(OPEN_NOTICE_STATUSES))
        elif not include_void:
            q = q.where(RectificationNotice.voided_at.is_(None))
        if renovation_uuid:
            q = q.where(RectificationNotice.renovation_id == load_renovation(s, renovation_uuid).id)
        notices = s.scalars(q).all()
        renos = {r.id: r for r in s.scalars(select(Renovation).where(
            Renovation.id.in_({n.renovation_id for n in notices})))} if notices else {}
        ins_ids = {n.inspection_id for n in notices if n.inspection_id}
        ins_uuids = dict(s.execute(select(RenovationInspection.id, RenovationInspection.uuid)
                                   .where(RenovationInspection.id.in_(ins_ids))).all()) if ins_ids else {}
        rows = [notice_row(s, n, now, renos[n.renovation_id], ins_uuids.get(n.inspection_id)) for n in notices]
    return sorted(rows, key=lambda r: (not r.overdue, not r.is_open, r.deadline if r.is_open else datetime.max,
                                       r.notice_no))

