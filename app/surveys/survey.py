"""A survey's plan and life: plan (计划) → approve (已批准, the sample drawn) → issue
(进行中) → end (已结束; the archive deadline set) → archive (已归档)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import residents
from app.core import numbering, records, settings
from app.core.badges import Badge
from app.core.calendar import load_calendar
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.surveys.models import Survey, SurveyCopy, SurveyTemplate
from app.surveys.rules import clean_items, items_of, items_text
from app.surveys.templates import ARCHIVE_DAYS, ensure_default
from app.surveys.vocab import BUILDING_SEPARATOR, CopyStatus, SurveyMethod, SurveyStatus, TargetGroup

#: Days between the plan's approval and the start, as the standard asks.
APPROVE_BEFORE_DAYS = 20


@dataclass(frozen=True)
class PlanData:
    title: str
    start_date: date
    end_date: date
    purpose: str | None = None
    target_group: str = TargetGroup.RESIDENTS
    buildings: tuple[str, ...] = ()  # empty: every building
    sample_percent: int = 100
    sample_rule: str | None = None
    method: str = SurveyMethod.PAPER
    people: str | None = None
    issue_goal: int = 100
    return_goal: int = 70
    template_uuid: str | None = None  # default: the site's first template
    note: str | None = None


@dataclass(frozen=True)
class SurveyRow:
    id: int
    uuid: str
    version: int
    survey_no: str
    title: str
    purpose: str | None
    target_group: str
    buildings: tuple[str, ...]
    sample_percent: int
    sample_rule: str | None
    method: str
    people: str | None
    start_date: date
    end_date: date
    issue_goal: int
    return_goal: int
    intro: str | None
    items: tuple[tuple[str, str], ...]
    status: str
    approved_by: str | None
    approved_at: datetime | None
    ended_at: datetime | None
    archive_deadline: date | None
    archived_at: datetime | None
    archived_by: str | None
    analysis: str | None
    note: str | None
    void_reason: str | None
    created_by: str
    sample: int
    issued: int
    returned: int
    archive_overdue: bool

    @property
    def scope_text(self) -> str:
        return "全部楼栋" if not self.buildings else "、".join(f"{b}栋" for b in self.buildings)


def _counts(s: Session, survey_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    rows = s.execute(select(SurveyCopy.survey_id, SurveyCopy.status, func.count())
                     .where(SurveyCopy.survey_id.in_(survey_ids), SurveyCopy.voided_at.is_(None))
                     .group_by(SurveyCopy.survey_id, SurveyCopy.status)).all() if survey_ids else []
    out: dict[int, list[int]] = {}
    for sid, status, n in rows:
        c = out.setdefault(sid, [0, 0, 0])
        c[0] += n
        if status in (CopyStatus.ISSUED, CopyStatus.RETURNED):
            c[1] += n
        if status == CopyStatus.RETURNED:
            c[2] += n
    return {k: tuple(c) for k, c in out.items()}


def survey_row(s: Session, sv: Survey, today: date, counts: tuple[int, int, int] | None = None) -> SurveyRow:
    sample, issued, returned = counts or _counts(s, [sv.id]).get(sv.id, (0, 0, 0))
    overdue = (sv.archive_deadline is not None and sv.archived_at is None and sv.voided_at is None
               and today > sv.archive_deadline)
    return records.to_row(sv, SurveyRow, buildings=buildings_of(sv.buildings),
                          items=tuple((i.text, i.scale) for i in items_of(sv.items)), sample=sample, issued=issued,
                          returned=returned, archive_overdue=overdue)


def buildings_of(text: str | None) -> tuple[str, ...]:
    return tuple(b for b in (text or "").split(BUILDING_SEPARATOR) if b)


def load_survey(s: Session, ctx: Context, ref: str) -> Survey:
    """By UUID or by number (MY2026-01)."""
    ref = v.text("调查", ref, required=True, max_len=40, key="survey")
    sv = s.scalars(select(Survey).where(Survey.site_code == ctx.site.code,
                                        (Survey.uuid == ref.lower()) | (func.upper(Survey.survey_no) == ref.upper()))
                   ).first()
    if sv is None:
        raise NotFound(f"找不到满意度调查 {ref}")
    return sv


def check_status(sv: Survey, allowed: Iterable[SurveyStatus], action: str) -> None:
    allowed = tuple(allowed)
    if sv.status not in allowed:
        raise InvalidTransition(f"调查“{sv.title}”当前为{sv.status}，不能{action}"
                                f"（{'/'.join(a.value for a in allowed)}时才可以）")


def _clean_plan(ctx: Context, data: PlanData) -> dict:
    title = v.text("调查名称", data.title, required=True, max_len=100, key="title")
    if not isinstance(data.start_date, date) or not isinstance(data.end_date, date):
        raise ValidationError("调查时间", "请填写开始和结束日期", "start_date")
    if data.end_date < data.start_date:
        raise ValidationError("结束日期", "不能早于开始日期", "end_date")
    if (data.end_date - data.start_date).days > 92:
        raise ValidationError("结束日期", "一次调查最长三个月", "end_date")
    percent = _int_between("抽样比例", data.sample_percent, 1, 100, "sample_percent")
    issue_goal = _int_between("发放率目标", data.issue_goal, 1, 100, "issue_goal")
    return_goal = _int_between("回收率目标", data.return_goal, 1, 100, "return_goal")
    known = {b.name for b in residents.list_buildings(ctx)}
    buildings = []
    for b in data.buildings or ():
        name = str(b).strip().removesuffix("栋").removesuffix("号楼")
        if name and name not in buildings:
            if name not in known:
                raise ValidationError("调查范围", f"没有楼栋“{b}”（请先在 业主与房屋 中登记）", "buildings")
            buildings.append(name)
    return {
        "title": title, "start_date": data.start_date, "end_date": data.end_date,
        "purpose": v.text("调查目的", data.purpose, max_len=2000, key="purpose"),
        "target_group": v.choice("调查对象", data.target_group, TargetGroup, key="target_group").value,
        "buildings": BUILDING_SEPARATOR.join(sorted(buildings, key=v.natural_key)) or None, "sample_percent": percent,
        "sample_rule": v.text("抽样方法", data.sample_rule, max_len=500, key="sample_rule"),
        "method": v.choice("调查方式", data.method, SurveyMethod, key="method").value,
        "people": v.text("调查人员", data.people, max_len=200, key="people"),
        "issue_goal": issue_goal, "return_goal": return_goal,
        "note": v.text("备注", data.note, max_len=2000, key="note"),
    }


def _int_between(label: str, value, low: int, high: int, key: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(label, f"“{value}”不是整数", key) from None
    if not low <= n <= high:
        raise ValidationError(label, f"应在 {low}–{high} 之间", key)
    return n


def plan_survey(ctx: Context, data: PlanData) -> SurveyRow:
    """Write a survey plan (计划) with the questionnaire copied from a template. 客服主管 and above."""
    ctx.require_role(Role.SUPERVISOR, "制定满意度调查计划")
    fields = _clean_plan(ctx, data)
    with ctx.unit_of_work() as s:
        if data.template_uuid:
            tpl = records.get_by_uuid(s, SurveyTemplate, data.template_uuid, "问卷模板")
        else:
            tpl = ensure_default(ctx, s)
        year = fields["start_date"].year
        n = numbering.next_value(s, ctx.site.code, "MY", str(year), lambda: numbering.highest_suffix(
            s.scalars(select(Survey.survey_no).where(Survey.site_code == ctx.site.code)), f"MY{year}-"))
        sv = records.create(ctx, s, Survey, survey_no=f"MY{year}-{n:02d}", intro=tpl.intro,
                            items=items_text(clean_items(tpl.items)), status=SurveyStatus.PLANNED.value, **fields)
        return survey_row(s, sv, ctx.now().date())


def update_plan(ctx: Context, ref: str, data: PlanData, *, expected_version: int | None) -> SurveyRow:
    """Change a plan that is not yet approved."""
    ctx.require_role(Role.SUPERVISOR, "修改满意度调查计划")
    fields = _clean_plan(ctx, data)
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        check_status(sv, (SurveyStatus.PLANNED,), "修改计划")
        if data.template_uuid:
            tpl = records.get_by_uuid(s, SurveyTemplate, data.template_uuid, "问卷模板")
            fields.update(intro=tpl.intro, items=items_text(clean_items(tpl.items)))
        records.update(ctx, s, sv, fields, expected_version=expected_version, action="修改调查计划")
        return survey_row(s, sv, ctx.now().date())


def set_items(ctx: Context, ref: str, items: Iterable, intro: str | None = None, *,
              expected_version: int | None) -> SurveyRow:
    """Edit this survey's own questionnaire before it is approved."""
    ctx.require_role(Role.SUPERVISOR, "修改问卷")
    cleaned = items_text(clean_items(items))
    intro = v.text("问卷说明", intro, max_len=2000, key="intro")
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        check_status(sv, (SurveyStatus.PLANNED,), "修改问卷")
        records.update(ctx, s, sv, {"items": cleaned, "intro": intro}, expected_version=expected_version,
                       action="修改问卷")
        return survey_row(s, sv, ctx.now().date())


def approve_plan(ctx: Context, ref: str, *, expected_version: int | None = None) -> SurveyRow:
    """Approve the plan (经理 and above) and draw the sample: households of the chosen buildings
    (or all), occupied units only, ``sample_percent`` of each building at random (the draw is
    repeatable: seeded by the survey), each with its questionnaire code."""
    ctx.require_role(Role.MANAGER, "批准满意度调查计划")
    with ctx.read() as s:
        sv = load_survey(s, ctx, ref)
        chosen = list(buildings_of(sv.buildings))
        seed, percent, number = sv.uuid, sv.sample_percent, sv.survey_no
    units = []
    for building in chosen or [b.name for b in residents.list_buildings(ctx)]:
        units.extend(u for u in residents.list_units(ctx, building=building, limit=100000) if u.occupied)
    if not units:
        raise ValidationError("调查范围", "范围内没有登记的在住房屋，无法抽样（请先在 业主与房屋 中登记或导入房屋）",
                              "buildings")
    sample = draw(units, percent, seed)
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        check_status(sv, (SurveyStatus.PLANNED,), "批准")
        now = ctx.now()
        note = None
        if (sv.start_date - now.date()).days < APPROVE_BEFORE_DAYS:
            note = f"批准时距开始不足 {APPROVE_BEFORE_DAYS} 天"
        records.update(ctx, s, sv, {"status": SurveyStatus.APPROVED.value, "approved_by": ctx.actor.name,
                                    "approved_at": now}, expected_version=expected_version, action="批准调查计划",
                       note=note)
        for i, u in enumerate(sample, start=1):
            records.create(ctx, s, SurveyCopy, survey_id=sv.id, code=f"{number}-{i:04d}", unit_no=u.code,
                           building=u.building, respondent=first_name(u.residents),
                           status=CopyStatus.SAMPLED.value, action="抽样")
        records.audit(ctx, s, "抽样", sv, note=f"抽取 {len(sample)} 户（共 {len(units)} 户，{percent}%）")
        return survey_row(s, sv, now.date())


def draw(units: list, percent: int, seed: str) -> list:
    """``percent`` of each building's units (at least one per building), at random but the same
    draw for the same survey; the sample comes back in unit order."""
    by_building: dict[str, list] = {}
    for u in units:
        by_building.setdefault(u.building, []).append(u)
    rng = random.Random(seed)
    picked = []
    for building in sorted(by_building, key=v.natural_key):
        group = by_building[building]
        n = max(1, round(len(group) * percent / 100))
        picked.extend(group if n >= len(group) else rng.sample(group, n))
    return sorted(picked, key=lambda u: (v.natural_key(u.building), v.natural_key(u.code)))


def first_name(residents_text: str) -> str | None:
    """``张三(业主) 李四(租户)`` → ``张三``."""
    first = (residents_text or "").split(" ")[0]
    return first.split("(")[0] or None


def issue_copies(ctx: Context, ref: str, codes: Iterable[str] | None = None) -> int:
    """Mark questionnaires as handed out (all not yet issued, or the given codes); the survey
    is then 进行中. Returns how many were issued."""
    actor = ctx.require_role(Role.RECEPTIONIST, "发放问卷")
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        check_status(sv, (SurveyStatus.APPROVED, SurveyStatus.RUNNING), "发放问卷")
        q = select(SurveyCopy).where(SurveyCopy.survey_id == sv.id, SurveyCopy.status == CopyStatus.SAMPLED.value,
                                     SurveyCopy.voided_at.is_(None))
        if codes is not None:
            wanted = {c.strip().upper() for c in codes if c and c.strip()}
            q = q.where(func.upper(SurveyCopy.code).in_(wanted))
        now = ctx.now()
        copies = list(s.scalars(q.order_by(SurveyCopy.id)))
        for c in copies:
            records.update(ctx, s, c, {"status": CopyStatus.ISSUED.value, "issued_at": now,
                                       "issued_by": actor.name}, expected_version=None, action="发放")
        if copies and sv.status == SurveyStatus.APPROVED:
            records.update(ctx, s, sv, {"status": SurveyStatus.RUNNING.value}, expected_version=None,
                           action="开始调查")
        return len(copies)


def end_survey(ctx: Context, ref: str, *, analysis: str | None = None,
               expected_version: int | None = None) -> SurveyRow:
    """Close the returns (已结束): the archive deadline is the site's number of working days
    (default 5) after the end: the planned end date, or today when the survey closes early
    (closing late does not move the deadline)."""
    ctx.require_role(Role.SUPERVISOR, "结束满意度调查")
    analysis = v.text("分析意见", analysis, max_len=v.CONTENT_MAX, key="analysis")
    days = int(settings.get(ctx, ARCHIVE_DAYS))
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        check_status(sv, (SurveyStatus.RUNNING,), "结束")
        now = ctx.now()
        end = min(sv.end_date, now.date())
        deadline = load_calendar(ctx, s).add_working_days(end, days)
        changes = {"status": SurveyStatus.ENDED.value, "ended_at": now, "archive_deadline": deadline}
        if analysis:
            changes["analysis"] = analysis
        records.update(ctx, s, sv, changes, expected_version=expected_version, action="结束调查",
                       note=f"归档期限 {deadline:%Y-%m-%d}")
        return survey_row(s, sv, now.date())


def write_analysis(ctx: Context, ref: str, analysis: str | None, *, expected_version: int | None) -> SurveyRow:
    """The supervisor's written analysis, printed in the report."""
    ctx.require_role(Role.SUPERVISOR, "填写调查分析")
    analysis = v.text("分析意见", analysis, max_len=v.CONTENT_MAX, key="analysis")
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        check_status(sv, (SurveyStatus.RUNNING, SurveyStatus.ENDED), "填写分析")
        records.update(ctx, s, sv, {"analysis": analysis}, expected_version=expected_version, action="填写分析")
        return survey_row(s, sv, ctx.now().date())


def archive_survey(ctx: Context, ref: str, *, expected_version: int | None = None) -> SurveyRow:
    """The papers are filed (已归档); the audit note says whether it was within the deadline."""
    actor = ctx.require_role(Role.SUPERVISOR, "归档满意度调查")
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        check_status(sv, (SurveyStatus.ENDED,), "归档")
        now = ctx.now()
        late = sv.archive_deadline is not None and now.date() > sv.archive_deadline
        records.update(ctx, s, sv, {"status": SurveyStatus.ARCHIVED.value, "archived_at": now,
                                    "archived_by": actor.name}, expected_version=expected_version,
                       action="归档", note="超过归档期限" if late else None)
        return survey_row(s, sv, now.date())


def void_survey(ctx: Context, ref: str, reason: str, *, expected_version: int | None = None) -> SurveyRow:
    with ctx.unit_of_work() as s:
        sv = load_survey(s, ctx, ref)
        records.void(ctx, s, sv, reason, expected_version=expected_version, void_status=SurveyStatus.VOID.value)
        return survey_row(s, sv, ctx.now().date())


def get_survey(ctx: Context, ref: str) -> SurveyRow:
    with ctx.read() as s:
        return survey_row(s, load_survey(s, ctx, ref), ctx.now().date())


def list_surveys(ctx: Context, *, include_void: bool = False) -> list[SurveyRow]:
    """Newest first."""
    with ctx.read() as s:
        q = select(Survey).where(Survey.site_code == ctx.site.code)
        if not include_void:
            q = q.where(Survey.voided_at.is_(None))
        surveys = list(s.scalars(q.order_by(Survey.start_date.desc(), Survey.id.desc())))
        counts = _counts(s, [x.id for x in surveys])
        today = ctx.now().date()
        return [survey_row(s, x, today, counts.get(x.id, (0, 0, 0))) for x in surveys]


def archive_due(ctx: Context, within_days: int = 0) -> list[SurveyRow]:
    """Ended surveys not yet archived whose deadline is past or within ``within_days``."""
    limit = ctx.now().date() + timedelta(days=within_days)
    return [r for r in list_surveys(ctx) if r.status == SurveyStatus.ENDED and r.archive_deadline
            and r.archive_deadline <= limit]


def archive_overdue(ctx: Context) -> list[SurveyRow]:
    """Ended surveys whose archive deadline has passed without the archive."""
    return [r for r in list_surveys(ctx) if r.archive_overdue]


def nav_badge(ctx: Context) -> Badge:
    """The 满意度调查 badge: surveys not archived by their deadline, in red."""
    late = len(archive_overdue(ctx))
    if late:
        return Badge(late, "red", f"{late} 次满意度调查已过归档期限未归档")
    return Badge(0)
