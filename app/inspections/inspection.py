"""An inspection: started against the site's standard, findings entered per 二级指标 (problem
count, persons, deduction from the 扣分标准, note, photos), the score per 一级指标 (never below
zero) and in total kept current, completed with the centre's signer; each finding is a
rectification with an owner, a deadline and a re-check; trends across inspections."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import numbering, records, settings
from app.core.badges import Badge
from app.core.calendar import load_calendar
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.inspections.models import Inspection, InspectionFinding, StandardIndicator, StandardItem
from app.inspections.rules import IndicatorScore, deduction, indicators_of, indicators_text, score, total
from app.inspections.standard import load_standard
from app.inspections.vocab import InspectionStatus, RecheckResult, RectifyStatus

RECTIFY_DAYS = settings.define("inspections.rectify_days", 5, "督导检查：问题默认整改期限（工作日）")
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".heic"}


@dataclass(frozen=True)
class FindingRow:
    id: int
    uuid: str
    version: int
    inspection_uuid: str
    inspection_no: str
    indicator: str
    item: str
    criterion: str | None
    method: str | None
    basis: str
    unit_cp: int
    problems: int
    persons: int
    deduction_cp: int
    note: str | None
    photos: tuple[str, ...]
    owner: str | None
    deadline: date
    rectify_status: str
    rectified_note: str | None
    rechecked_at: datetime | None
    rechecked_by: str | None
    recheck_result: str | None
    recheck_note: str | None
    overdue: bool


@dataclass(frozen=True)
class InspectionRow:
    id: int
    uuid: str
    version: int
    inspection_no: str
    inspected_on: date
    inspector: str
    area: str
    status: str
    total_cp: int
    score_cp: int
    completed_at: datetime | None
    site_signer: str | None
    summary: str | None
    created_by: str
    void_reason: str | None
    scores: tuple[IndicatorScore, ...]
    findings: tuple[FindingRow, ...]

    @property
    def open_findings(self) -> int:
        return sum(1 for f in self.findings if f.rectify_status != RectifyStatus.DONE)


def _finding_row(f: InspectionFinding, ins: Inspection, today: date) -> FindingRow:
    return records.to_row(f, FindingRow, inspection_uuid=ins.uuid, inspection_no=ins.inspection_no,
                          photos=tuple(f.photos or ()),
                          overdue=f.rectify_status != RectifyStatus.DONE and today > f.deadline)


def _active_findings(s: Session, ins: Inspection) -> list[InspectionFinding]:
    return list(s.scalars(select(InspectionFinding).where(InspectionFinding.inspection_id == ins.id,
                                                          InspectionFinding.voided_at.is_(None))
                          .order_by(InspectionFinding.id)))


def inspection_row(s: Session, ins: Inspection, today: date) -> InspectionRow:
    findings = _active_findings(s, ins)
    indicators = indicators_of(ins.indicators)
    order = {i["name"]: n for n, i in enumerate(indicators)}
    findings.sort(key=lambda f: (order.get(f.indicator, len(order)), f.id))
    scores = score(indicators, [(f.indicator, f.deduction_cp) for f in findings])
    return records.to_row(ins, InspectionRow, scores=tuple(scores),
                          findings=tuple(_finding_row(f, ins, today) for f in findings))


def _rescore(s: Session, ins: Inspection) -> dict:
    scores = score(indicators_of(ins.indicators), [(f.indicator, f.deduction_cp) for f in _active_findings(s, ins)])
    return {"score_cp": total(scores)}


def load_inspection(s: Session, ctx: Context, ref: str) -> Inspection:
    """By UUID or number (DD2026-001)."""
    ref = v.text("督导检查", ref, required=True, max_len=40, key="inspection")
    ins = s.scalars(select(Inspection).where(
        Inspection.site_code == ctx.site.code,
        (Inspection.uuid == ref.lower()) | (func.upper(Inspection.inspection_no) == ref.upper()))).first()
    if ins is None:
        raise NotFound(f"找不到督导检查 {ref}")
    return ins


def _open(ins: Inspection, action: str) -> None:
    if ins.status != InspectionStatus.OPEN:
        raise InvalidTransition(f"督导检查 {ins.inspection_no} 当前为{ins.status}，不能{action}")


def start_inspection(ctx: Context, *, inspected_on: date, inspector: str, area: str) -> InspectionRow:
    """A new inspection against the site's current standard (客服主管 and above)."""
    ctx.require_role(Role.SUPERVISOR, "登记督导检查")
    inspector = v.text("检查人", inspector, required=True, max_len=100, key="inspector")
    area = v.text("检查区域", area, required=True, max_len=200, key="area")
    if not isinstance(inspected_on, date):
        raise ValidationError("检查日期", "必填", "inspected_on")
    if inspected_on > ctx.now().date():
        raise ValidationError("检查日期", "不能晚于今天", "inspected_on")
    with ctx.unit_of_work() as s:
        indicators = [{"name": i.name, "points_cp": i.points_cp} for i in load_standard(ctx, s)]
        if not indicators:
            raise ValidationError("督导标准", "督导标准为空，请先在检查标准中添加一级指标")
        year = inspected_on.year
        n = numbering.next_value(s, ctx.site.code, "DD", str(year), lambda: numbering.highest_suffix(
            s.scalars(select(Inspection.inspection_no).where(Inspection.site_code == ctx.site.code)), f"DD{year}-"))
        total_cp = sum(i["points_cp"] for i in indicators)
        ins = records.create(ctx, s, Inspection, inspection_no=f"DD{year}-{n:03d}", inspected_on=inspected_on,
                             inspector=inspector, area=area, indicators=indicators_text(indicators), total_cp=total_cp,
                             score_cp=total_cp, status=InspectionStatus.OPEN.value)
        return inspection_row(s, ins, ctx.now().date())


def _store_photos(ctx: Context, ins: Inspection, finding_uuid: str, photos: Iterable[str], start: int) -> list[str]:
    folder = Path("inspections") / ins.inspection_no
    stored = []
    for i, src in enumerate(photos or (), start=start):
        path = Path(src)
        if not path.is_file():
            raise ValidationError("照片", f"找不到文件 {src}", "photos")
        if path.suffix.lower() not in PHOTO_TYPES:
            raise ValidationError("照片", f"{path.name} 不是照片文件（{'、'.join(sorted(PHOTO_TYPES))}）", "photos")
        target = ctx.paths.attachments / folder
        target.mkdir(parents=True, exist_ok=True)
        name = f"{finding_uuid[:8]}-{i}{path.suffix.lower()}"
        shutil.copy2(path, target / name)
        stored.append((folder / name).as_posix())
    return stored


def add_finding(ctx: Context, inspection: str, *, item_uuid: str, problems: int = 1, persons: int = 1,
                criterion: str | None = None, note: str | None = None, photos: Iterable[str] = (),
                owner: str | None = None, deadline: date | None = None) -> FindingRow:
    """A problem found against one 二级指标: the deduction follows its 扣分标准 (per problem, or
    per person per problem); the rectification deadline defaults to the site's number of
    working days after the inspection. Photos are copied under the attachments folder."""
    ctx.require_role(Role.SUPERVISOR, "登记检查问题")
    note = v.text("问题描述", note, max_len=v.CONTENT_MAX, key="note")
    criterion = v.text("检查标准", criterion, max_len=500, key="criterion")
    owner = v.text("整改责任人", owner, max_len=50, key="owner")
    problems, persons = _count("问题点数", problems, "problems"), _count("人数", persons, "persons")
    with ctx.unit_of_work() as s:
        ins = load_inspection(s, ctx, inspection)
        _open(ins, "登记问题")
        it = records.get_by_uuid(s, StandardItem, item_uuid, "二级指标")
        indicator = s.get(StandardIndicator, it.indicator_id)
        if indicator.name not in {i["name"] for i in indicators_of(ins.indicators)}:
            raise ValidationError("一级指标", f"“{indicator.name}”是本次检查开始后才加入标准的，不能用于本次检查")
        if deadline is None:
            deadline = load_calendar(ctx, s).add_working_days(ins.inspected_on, int(settings.get(ctx, RECTIFY_DAYS)))
        elif deadline < ins.inspected_on:
            raise ValidationError("整改期限", "不能早于检查日期", "deadline")
        f = records.create(ctx, s, InspectionFinding, inspection_id=ins.id, indicator=indicator.name, item=it.name,
                           criterion=criterion, method=it.method, basis=it.basis, unit_cp=it.deduct_cp,
                           problems=problems, persons=persons,
                           deduction_cp=deduction(it.basis, it.deduct_cp, problems, persons), note=note,
                           owner=owner, deadline=deadline, rectify_status=RectifyStatus.OPEN.value,
                           action="登记检查问题")
        if photos:
            f.photos = _store_photos(ctx, ins, f.uuid, photos, 1)
        records.update(ctx, s, ins, _rescore(s, ins), expected_version=None, action="计分")
        return _finding_row(f, ins, ctx.now().date())


def _count(label: str, value, key: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(label, f"“{value}”不是整数", key) from None
    if not 1 <= n <= 999:
        raise ValidationError(label, "应在 1–999 之间", key)
    return n


def _load_finding(s: Session, uuid: str) -> tuple[InspectionFinding, Inspection]:
    f = records.get_by_uuid(s, InspectionFinding, uuid, "检查问题")
    return f, s.get(Inspection, f.inspection_id)


def add_photos(ctx: Context, finding_uuid: str, photos: Iterable[str]) -> FindingRow:
    ctx.require_role(Role.RECEPTIONIST, "添加照片")
    with ctx.unit_of_work() as s:
        f, ins = _load_finding(s, finding_uuid)
        have = list(f.photos or ())
        added = _store_photos(ctx, ins, f.uuid, photos, len(have) + 1)
        records.update(ctx, s, f, {"photos": have + added}, expected_version=None, action="添加照片")
        return _finding_row(f, ins, ctx.now().date())


def void_finding(ctx: Context, finding_uuid: str, reason: str, *, expected_version: int | None = None) -> InspectionRow:
    """Take back a finding entered by mistake (while the inspection is open); the score is recomputed."""
    with ctx.unit_of_work() as s:
        f, ins = _load_finding(s, finding_uuid)
        _open(ins, "撤销问题")
        records.void(ctx, s, f, reason, expected_version=expected_version, status_field=None)
        records.update(ctx, s, ins, _rescore(s, ins), expected_version=None, action="计分")
        return inspection_row(s, ins, ctx.now().date())


def complete_inspection(ctx: Context, inspection: str, *, site_signer: str, summary: str | None = None,
                        expected_version: int | None = None) -> InspectionRow:
    """The inspection is finished and the centre's signer named; the score is final."""
    ctx.require_role(Role.SUPERVISOR, "完成督导检查")
    site_signer = v.text("被检查单位负责人", site_signer, required=True, max_len=50, key="site_signer")
    summary = v.text("检查意见", summary, max_len=v.CONTENT_MAX, key="summary")
    with ctx.unit_of_work() as s:
        ins = load_inspection(s, ctx, inspection)
        _open(ins, "完成")
        changes = {"status": InspectionStatus.DONE.value, "completed_at": ctx.now(), "site_signer": site_signer,
                   "summary": summary, **_rescore(s, ins)}
        records.update(ctx, s, ins, changes, expected_version=expected_version, action="完成督导检查")
        return inspection_row(s, ins, ctx.now().date())


def void_inspection(ctx: Context, inspection: str, reason: str, *, expected_version: int | None = None) -> InspectionRow:
    with ctx.unit_of_work() as s:
        ins = load_inspection(s, ctx, inspection)
        records.void(ctx, s, ins, reason, expected_version=expected_version, void_status=InspectionStatus.VOID.value,
                     min_role=Role.MANAGER)
        return inspection_row(s, ins, ctx.now().date())


def rectify(ctx: Context, finding_uuid: str, note: str, *, expected_version: int | None = None) -> FindingRow:
    """The centre reports what it did (awaits the re-check)."""
    ctx.require_role(Role.RECEPTIONIST, "登记整改情况")
    note = v.text("整改情况", note, required=True, max_len=v.CONTENT_MAX, key="rectified_note")
    with ctx.unit_of_work() as s:
        f, ins = _load_finding(s, finding_uuid)
        if f.rectify_status == RectifyStatus.DONE:
            raise InvalidTransition("该问题已复查合格")
        records.update(ctx, s, f, {"rectified_note": note}, expected_version=expected_version, action="登记整改情况")
        return _finding_row(f, ins, ctx.now().date())


def recheck_finding(ctx: Context, finding_uuid: str, result: RecheckResult | str, *, note: str | None = None,
                    new_deadline: date | None = None, expected_version: int | None = None) -> FindingRow:
    """复查: 合格 closes the rectification; 不合格 keeps it open with a new deadline (required)."""
    actor = ctx.require_role(Role.SUPERVISOR, "复查整改")
    result = v.choice("复查结果", result, RecheckResult, key="result")
    note = v.text("复查说明", note, max_len=v.CONTENT_MAX, key="recheck_note")
    with ctx.unit_of_work() as s:
        f, ins = _load_finding(s, finding_uuid)
        if f.rectify_status == RectifyStatus.DONE:
            raise InvalidTransition("该问题已复查合格")
        changes = {"rechecked_at": ctx.now(), "rechecked_by": actor.name, "recheck_result": result.value,
                   "recheck_note": note}
        if result is RecheckResult.PASSED:
            changes["rectify_status"] = RectifyStatus.DONE.value
        else:
            if new_deadline is None or new_deadline <= ctx.now().date():
                raise ValidationError("新整改期限", "复查不合格时请给出今天以后的新期限", "new_deadline")
            changes.update(rectify_status=RectifyStatus.FAILED.value, deadline=new_deadline)
        records.update(ctx, s, f, changes, expected_version=expected_version, action="复查", note=result.value)
        return _finding_row(f, ins, ctx.now().date())


def get_inspection(ctx: Context, ref: str) -> InspectionRow:
    with ctx.read() as s:
        return inspection_row(s, load_inspection(s, ctx, ref), ctx.now().date())


def list_inspections(ctx: Context, *, include_void: bool = False) -> list[InspectionRow]:
    """Newest first."""
    with ctx.read() as s:
        q = select(Inspection).where(Inspection.site_code == ctx.site.code)
        if not include_void:
            q = q.where(Inspection.voided_at.is_(None))
        today = ctx.now().date()
        return [inspection_row(s, i, today) for i in
                s.scalars(q.order_by(Inspection.inspected_on.desc(), Inspection.id.desc()))]


def open_rectifications(ctx: Context) -> list[FindingRow]:
    """Every finding of a valid inspection not yet re-checked as 合格, the earliest deadline first."""
    with ctx.read() as s:
        rows = s.execute(select(InspectionFinding, Inspection).join(Inspection, Inspection.id == InspectionFinding.inspection_id)
                         .where(Inspection.site_code == ctx.site.code, Inspection.voided_at.is_(None),
                                InspectionFinding.voided_at.is_(None),
                                InspectionFinding.rectify_status != RectifyStatus.DONE.value)
                         .order_by(InspectionFinding.deadline, InspectionFinding.id)).all()
        today = ctx.now().date()
        return [_finding_row(f, i, today) for f, i in rows]


def overdue_rectifications(ctx: Context) -> list[FindingRow]:
    """Rectifications past their deadline and not yet re-checked as 合格."""
    return [f for f in open_rectifications(ctx) if f.overdue]


def nav_badge(ctx: Context) -> Badge:
    """The 督导检查 badge: rectifications past their deadline, in red."""
    late = len(overdue_rectifications(ctx))
    if late:
        return Badge(late, "red", f"{late} 项督导检查问题已过整改期限未整改完成")
    return Badge(0)


@dataclass(frozen=True)
class TrendPoint:
    inspection_no: str
    inspected_on: date
    score_cp: int
    total_cp: int
    by_indicator: tuple[tuple[str, int, int], ...]  # (name, score_cp, points_cp)


def trend(ctx: Context, *, limit: int = 12) -> list[TrendPoint]:
    """The completed inspections' scores, oldest first (the last ``limit``)."""
    done = [r for r in list_inspections(ctx) if r.status == InspectionStatus.DONE][:limit]
    return [TrendPoint(r.inspection_no, r.inspected_on, r.score_cp, r.total_cp,
                       tuple((x.name, x.score_cp, x.points_cp) for x in r.scores)) for r in reversed(done)]
