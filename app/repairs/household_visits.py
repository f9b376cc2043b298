"""Routine household visits (日常走访).

The 客服主管 plans each half-year's visits per building or responsibility area
(区域); every household of the area is visited once per half-year (coverage goal
≥ 98%). Coverage counts occupied units only (``Unit.occupied``): visited occupied
units ÷ occupied units, per building. Each visit is a follow-up (回访) of type
日常走访; every point the resident raises becomes a :class:`VisitIssue` that must be
answered (处理率 = answered ÷ raised, goal 100%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.complaints import Feedback, FollowUp, FollowUpMethod, FollowUpSubject, followups
from app.core import records, settings
from app.core.context import Context
from app.core.models import Building, Resident, Unit, UnitResident
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError
from app.repairs.models import VisitIssue, VisitPlan
from app.repairs.vocab import HALF_LABELS, IssueStatus, ScopeKind

COVERAGE_GOAL = settings.define("visits.coverage_goal", 98, "日常走访覆盖率目标（%）")


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int

    @classmethod
    def of(cls, day: date | datetime) -> "HalfYear":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> datetime:
        return datetime(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> datetime:
        """Exclusive."""
        return datetime(self.year, 7, 1) if self.half == 1 else datetime(self.year + 1, 1, 1)

    @property
    def label(self) -> str:
        return f"{self.year}年{HALF_LABELS[self.half]}"

    def previous(self) -> "HalfYear":
        return HalfYear(self.year, 1) if self.half == 2 else HalfYear(self.year - 1, 2)


@dataclass(frozen=True)
class VisitPlanRow:
    id: int
    uuid: str
    year: int
    half: int
    scope_kind: str
    scope: str
    visitor: str
    start_on: date | None
    end_on: date | None
    note: str | None
    version: int
    buildings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildingCoverage:
    building: str
    label: str
    area: str | None
    occupied_units: int
    visited_units: int
    vacant_units: int
    visitor: str | None  # from the plan that covers the building

    @property
    def percent(self) -> float:
        """0–100; a building without occupied units counts as fully covered."""
        return 100.0 if self.occupied_units == 0 else 100.0 * self.visited_units / self.occupied_units

    @property
    def remaining(self) -> int:
        return self.occupied_units - self.visited_units


@dataclass(frozen=True)
class CoverageData:
    period: HalfYear
    buildings: tuple[BuildingCoverage, ...]
    goal: int

    @property
    def occupied_units(self) -> int:
        return sum(b.occupied_units for b in self.buildings)

    @property
    def visited_units(self) -> int:
        return sum(b.visited_units for b in self.buildings)

    @property
    def percent(self) -> float:
        total = self.occupied_units
        return 100.0 if total == 0 else 100.0 * self.visited_units / total


@dataclass(frozen=True)
class UnvisitedUnit:
    code: str
    building: str
    residents: str  # "张三(业主) 李四(租户)"


@dataclass(frozen=True)
class VisitRow:
    uuid: str
    visited_at: datetime
    unit_no: str | None
    interviewee: str
    phone: str | None
    method: str
    content: str
    feedback: str
    visitor: str
    remark: str | None
    issues: int
    open_issues: int


@dataclass(frozen=True)
class IssueRow:
    id: int
    uuid: str
    follow_up_uuid: str
    unit_no: str | None
    raised_at: datetime
    content: str
    department: str | None
    answer: str | None
    answered_at: datetime | None
    answered_by: str | None
    status: str
    version: int


@dataclass(frozen=True)
class IssueStats:
    raised: int
    answered: int

    @property
    def rate(self) -> float | None:
        return None if self.raised == 0 else self.answered / self.raised



def current_half(ctx: Context) -> HalfYear:
    return HalfYear.of(ctx.now())


def _period(ctx: Context, year: int | None, half: int | None) -> HalfYear:
    if year is None and half is None:
        return current_half(ctx)
    if year is None or half not in (1, 2) or not 2000 <= year <= 2100:
        raise ValidationError("半年度", "请给出年份和半年（1 = 上半年，2 = 下半年）", "half")
    return HalfYear(year, half)


# ---------------------------------------------------------------- plans

def _plan_buildings(s: Session, ctx: Context, plan: VisitPlan) -> tuple[str, ...]:
    q = select(Building.name).where(Building.site_code == ctx.site.code, Building.voided_at.is_(None))
    if plan.scope_kind == ScopeKind.BUILDING.value:
        q = q.where(Building.name == plan.scope)
    else:
        q = q.where(Building.area == plan.scope)
    return tuple(sorted(s.scalars(q), key=v.natural_key))


def add_plan(ctx: Context, *, year: int, half: int, scope_kind: ScopeKind | str, scope: str, visitor: str,
             start_on: date | None = None, end_on: date | None = None, note: str | None = None) -> VisitPlanRow:
    """The half-year visit plan for one building or responsibility area (客服主管 and above)."""
    ctx.require_role(Role.SUPERVISOR, "制定走访计划")
    period = _period(ctx, year, half)
    scope_kind = v.choice("计划范围", scope_kind, ScopeKind, key="scope_kind")
    scope = v.text("楼栋/区域", scope, required=True, max_len=50, key="scope")
    visitor = v.text("走访责任人", visitor, required=True, max_len=50, key="visitor")
    note = v.text("备注", note, max_len=1000, key="note")
    for label, day in (("开始日期", start_on), ("结束日期", end_on)):
        if day is not None and not period.start.date() <= day < period.end.date():
            raise ValidationError(label, f"应在{period.label}之内", "start_on" if label == "开始日期" else "end_on")
    if start_on and end_on and end_on < start_on:
        raise ValidationError("结束日期", "不能早于开始日期", "end_on")
    with ctx.unit_of_work() as s:
        if scope_kind is ScopeKind.BUILDING:
            parsed = v.text("楼栋", scope, required=True, max_len=20, key="scope")
            exists = s.scalars(select(Building).where(Building.site_code == ctx.site.code,
                                                      Building.name == parsed)).first()
            if exists is None:
                raise ValidationError("楼栋/区域", f"没有楼栋“{scope}”", "scope")
        else:
            exists = s.scalars(select(Building).where(Building.site_code == ctx.site.code,
                                                      Building.area == scope)).first()
            if exists is None:
                raise ValidationError("楼栋/区域", f"没有属于区域“{scope}”的楼栋", "scope")
        dup = s.scalars(select(VisitPlan).where(VisitPlan.site_code == ctx.site.code, VisitPlan.year == period.year,
                                                VisitPlan.half == period.half,
                                                VisitPlan.scope_kind == scope_kind.value, VisitPlan.scope == scope,
                                                VisitPlan.voided_at.is_(None))).first()
        if dup is not None:
            raise ValidationError("楼栋/区域", f"{period.label}已有“{scope}”的走访计划", "scope")
        plan = records.create(ctx, s, VisitPlan, year=period.year, half=period.half, scope_kind=scope_kind.value,
                              scope=scope, visitor=visitor, start_on=start_on, end_on=end_on, note=note,
                              action="制定走访计划")
        return records.to_row(plan, VisitPlanRow, buildings=_plan_buildings(s, ctx, plan))


def list_plans(ctx: Context, year: int | None = None, half: int | None = None) -> list[VisitPlanRow]:
    period = _period(ctx, year, half)
    with ctx.read() as s:
        plans = s.scalars(select(VisitPlan).where(VisitPlan.site_code == ctx.site.code,
                                                  VisitPlan.year == period.year, VisitPlan.half == period.half,
                                                  VisitPlan.voided_at.is_(None))
                          .order_by(VisitPlan.scope_kind, VisitPlan.scope))
        return [records.to_row(p, VisitPlanRow, buildings=_plan_buildings(s, ctx, p)) for p in plans]


def void_plan(ctx: Context, uuid: str, reason: str, *, expected_version: int | None) -> None:
    with ctx.unit_of_work() as s:
        plan = records.get_by_uuid(s, VisitPlan, uuid, "走访计划")
        records.void(ctx, s, plan, reason, expected_version=expected_version, status_field=None)


# ---------------------------------------------------------------- coverage

def _visited_codes(s: Session, ctx: Context, period: HalfYear) -> set[str]:
    return set(s.scalars(select(FollowUp.unit_no).where(
        FollowUp.site_code == ctx.site.code, FollowUp.subject_type == FollowUpSubject.ROUTINE.value,
        FollowUp.voided_at.is_(None), FollowUp.unit_no.is_not(None),
        FollowUp.visited_at >= period.start, FollowUp.visited_at < period.end).distinct()))


def coverage(ctx: Context, year: int | None = None, half: int | None = None) -> CoverageData:
    """Per building: occupied units, of which visited this half-year. Vacant units don't count."""
    period = _period(ctx, year, half)
    with ctx.read() as s:
        visited = _visited_codes(s, ctx, period)
        buildings = [(b.id, b.name, b.label, b.area) for b in s.scalars(
            select(Building).where(Building.site_code == ctx.site.code, Building.voided_at.is_(None)))]
        units = s.execute(select(Unit.building_id, Unit.code, Unit.occupied).where(
            Unit.site_code == ctx.site.code, Unit.voided_at.is_(None))).all()
        plans = s.execute(select(VisitPlan.scope_kind, VisitPlan.scope, VisitPlan.visitor).where(
            VisitPlan.site_code == ctx.site.code, VisitPlan.year == period.year, VisitPlan.half == period.half,
            VisitPlan.voided_at.is_(None)).order_by(VisitPlan.id)).all()
    per: dict[int, list[int]] = {b[0]: [0, 0, 0] for b in buildings}  # occupied, visited, vacant
    for building_id, code, occupied in units:
        counts = per.setdefault(building_id, [0, 0, 0])
        if occupied:
            counts[0] += 1
            counts[1] += code in visited
        else:
            counts[2] += 1
    by_building = {scope: who for kind, scope, who in plans if kind == ScopeKind.BUILDING.value}
    by_area = {scope: who for kind, scope, who in plans if kind == ScopeKind.AREA.value}
    rows = []
    for building_id, name, label, area in sorted(buildings, key=lambda b: v.natural_key(b[1])):
        occ, vis, vac = per[building_id]
        rows.append(BuildingCoverage(name, label or f"{name}栋", area, occ, vis, vac,
                                     by_building.get(name) or by_area.get(area or "")))
    goal = int(settings.get(ctx, COVERAGE_GOAL.key))
    return CoverageData(period, tuple(rows), goal)


def unvisited_units(ctx: Context, *, building: str | None = None, year: int | None = None,
                    half: int | None = None) -> list[UnvisitedUnit]:
    """Occupied units not yet visited this half-year, in unit order."""
    period = _period(ctx, year, half)
    with ctx.read() as s:
        visited = _visited_codes(s, ctx, period)
        q = (select(Unit.id, Unit.code, Building.name).join(Building, Building.id == Unit.building_id)
             .where(Unit.site_code == ctx.site.code, Unit.voided_at.is_(None), Unit.occupied.is_(True)))
        if building:
            q = q.where(Building.name == building)
        rows = [(uid, code, bname) for uid, code, bname in s.execute(q).all() if code not in visited]
        names: dict[int, list[str]] = {}
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), 500):
            for unit_id, name, role in s.execute(
                    select(UnitResident.unit_id, Resident.name, UnitResident.role)
                    .join(Resident, Resident.id == UnitResident.resident_id)
                    .where(UnitResident.unit_id.in_(ids[i:i + 500]), UnitResident.voided_at.is_(None),
                           UnitResident.move_out.is_(None), Resident.voided_at.is_(None))
                    .order_by(UnitResident.unit_id, UnitResident.id)):
                names.setdefault(unit_id, []).append(f"{name}({role})")
    out = [UnvisitedUnit(code, bname, " ".join(names.get(uid, []))) for uid, code, bname in rows]
    return sorted(out, key=lambda u: v.natural_key(u.code))


# ---------------------------------------------------------------- visits and points raised

_BULLET = re.compile(r"^\s*(?:[-•·*]|\d{1,2}\s*[.、)）](?!\d))\s*")


def _split_points(points) -> list[str]:
    if points is None:
        return []
    if isinstance(points, str):
        points = points.splitlines()
    out = []
    for p in points:
        text = v.text("反映问题", p, max_len=2000, key="points")
        if text:
            out.append(_BULLET.sub("", text) or text)
    return out


def record_visit(ctx: Context, *, unit_no: str, interviewee: str, content: str,
                 feedback: Feedback | str = Feedback.SATISFIED, method: FollowUpMethod | str = FollowUpMethod.VISIT,
                 phone: str | None = None, points: list[str] | str | None = None, remark: str | None = None,
                 visited_at: datetime | None = None) -> VisitRow:
    """One routine visit of one unit: a follow-up of type 日常走访, plus one record per point raised."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记日常走访")
    code = v.normalize_unit(unit_no, required=True)
    interviewee = v.text("受访人", interviewee, required=True, max_len=50, key="interviewee")
    content = v.text("走访内容", content, required=True, max_len=v.CONTENT_MAX, key="content")
    feedback = v.choice("反馈意见", feedback, Feedback, key="feedback")
    method = v.choice("走访方式", method, FollowUpMethod, key="method")
    phone = v.normalize_phone(phone)
    remark = v.text("备注", remark, max_len=1000, key="remark")
    issues = _split_points(points)
    now = ctx.now()
    visited_at = v.when("走访时间", visited_at, now=now, key="visited_at") or now
    v.not_in_future("走访时间", visited_at, now, key="visited_at")
    with ctx.unit_of_work() as s:
        unit = s.scalars(select(Unit).where(Unit.site_code == ctx.site.code, Unit.code == code,
                                            Unit.voided_at.is_(None))).first()
        if unit is None:
            raise ValidationError("房号", f"没有房屋 {code}", "unit_no")
        building = s.get(Building, unit.building_id)
        period = HalfYear.of(visited_at)
        plan = s.scalars(select(VisitPlan).where(
            VisitPlan.site_code == ctx.site.code, VisitPlan.year == period.year, VisitPlan.half == period.half,
            VisitPlan.voided_at.is_(None),
            ((VisitPlan.scope_kind == ScopeKind.BUILDING.value) & (VisitPlan.scope == building.name))
            | ((VisitPlan.scope_kind == ScopeKind.AREA.value) & (VisitPlan.scope == (building.area or ""))))
            .order_by(VisitPlan.scope_kind)).first()
        fup = followups.add_follow_up(ctx, s, FollowUpSubject.ROUTINE.value, plan.uuid if plan else None,
                                      method=method.value, content=content, feedback=feedback.value,
                                      interviewee=interviewee, phone=phone, unit_no=code, visitor=actor.name,
                                      visited_at=visited_at, remark=remark)
        for point in issues:
            records.create(ctx, s, VisitIssue, action="走访反映问题", follow_up_uuid=fup.uuid, unit_no=code,
                           raised_at=visited_at, content=point, status=IssueStatus.OPEN.value)
        return VisitRow(fup.uuid, fup.visited_at, fup.unit_no, fup.interviewee, fup.phone, fup.method, fup.content,
                        fup.feedback, fup.visitor, fup.remark, len(issues), len(issues))


def list_visits(ctx: Context, year: int | None = None, half: int | None = None, *,
                building: str | None = None) -> list[VisitRow]:
    period = _period(ctx, year, half)
    with ctx.read() as s:
        q = (select(FollowUp).where(FollowUp.site_code == ctx.site.code,
                                    FollowUp.subject_type == FollowUpSubject.ROUTINE.value,
                                    FollowUp.voided_at.is_(None), FollowUp.visited_at >= period.start,
                                    FollowUp.visited_at < period.end)
             .order_by(FollowUp.visited_at.desc(), FollowUp.id.desc()))
        if building:
            q = q.where(FollowUp.unit_no.startswith(f"{building}-", autoescape=True))
        visits = list(s.scalars(q))
        counts: dict[str, list[int]] = {}
        uuids = [f.uuid for f in visits]
        for i in range(0, len(uuids), 500):
            for fu, status, n in s.execute(
                    select(VisitIssue.follow_up_uuid, VisitIssue.status, func.count())
                    .where(VisitIssue.follow_up_uuid.in_(uuids[i:i + 500]), VisitIssue.voided_at.is_(None))
                    .group_by(VisitIssue.follow_up_uuid, VisitIssue.status)):
                c = counts.setdefault(fu, [0, 0])
                c[0] += n
                if status == IssueStatus.OPEN.value:
                    c[1] += n
        return [VisitRow(f.uuid, f.visited_at, f.unit_no, f.interviewee, f.phone, f.method, f.content, f.feedback,
                         f.visitor, f.remark, *counts.get(f.uuid, [0, 0])) for f in visits]


def list_issues(ctx: Context, *, open_only: bool = False, year: int | None = None,
                half: int | None = None) -> list[IssueRow]:
    """Points raised on visits; with ``open_only`` every unanswered one, whatever its half-year."""
    with ctx.read() as s:
        q = select(VisitIssue).where(VisitIssue.site_code == ctx.site.code, VisitIssue.voided_at.is_(None))
        if open_only:
            q = q.where(VisitIssue.status == IssueStatus.OPEN.value)
        else:
            period = _period(ctx, year, half)
            q = q.where(VisitIssue.raised_at >= period.start, VisitIssue.raised_at < period.end)
        q = q.order_by(VisitIssue.raised_at, VisitIssue.id)
        return [records.to_row(i, IssueRow) for i in s.scalars(q)]


def answer_issue(ctx: Context, uuid: str, *, answer: str, expected_version: int | None,
                 department: str | None = None) -> IssueRow:
    """Record the handling and the answer given to the resident (the point is then 已答复)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "答复走访问题")
    answer = v.text("处理及答复", answer, required=True, max_len=v.CONTENT_MAX, key="answer")
    department = v.text("处理部门", department, max_len=50, key="department")
    with ctx.unit_of_work() as s:
        issue = records.get_by_uuid(s, VisitIssue, uuid, "走访问题")
        if issue.status != IssueStatus.OPEN.value:
            raise InvalidTransition(f"该问题当前状态为“{issue.status}”，不能再答复")
        records.update(ctx, s, issue, {"answer": answer, "department": department, "answered_at": ctx.now(),
                                       "answered_by": actor.name, "status": IssueStatus.ANSWERED.value},
                       expected_version=expected_version, action="答复")
        return records.to_row(issue, IssueRow)


def void_issue(ctx: Context, uuid: str, reason: str, *, expected_version: int | None) -> IssueRow:
    with ctx.unit_of_work() as s:
        issue = records.get_by_uuid(s, VisitIssue, uuid, "走访问题")
        records.void(ctx, s, issue, reason, expected_version=expected_version, void_status=IssueStatus.VOID.value)
        return records.to_row(issue, IssueRow)


def issue_stats(ctx: Context, year: int | None = None, half: int | None = None) -> IssueStats:
    """处理率 of the half-year's points raised: answered ÷ raised."""
    period = _period(ctx, year, half)
    with ctx.read() as s:
        rows = dict(s.execute(select(VisitIssue.status, func.count()).where(
            VisitIssue.site_code == ctx.site.code, VisitIssue.voided_at.is_(None),
            VisitIssue.raised_at >= period.start, VisitIssue.raised_at < period.end)
            .group_by(VisitIssue.status)).all())
    answered = rows.get(IssueStatus.ANSWERED.value, 0)
    return IssueStats(answered + rows.get(IssueStatus.OPEN.value, 0), answered)


def open_issue_count(ctx: Context, older_than_days: int = 0) -> int:
    with ctx.read() as s:
        q = select(func.count()).select_from(VisitIssue).where(VisitIssue.site_code == ctx.site.code,
                                                                VisitIssue.voided_at.is_(None),
                                                                VisitIssue.status == IssueStatus.OPEN.value)
        if older_than_days:
            q = q.where(VisitIssue.raised_at < ctx.now() - timedelta(days=older_than_days))
        return int(s.scalar(q) or 0)
