"""The manager's monthly spot check of repair follow-ups (抽查回访): a recorded random draw of
the month's repair follow-ups, re-called by the 经理, each with a result (属实 / 不属实 /
未联系上). The seed and sizes are kept, so the draw can be recomputed with :func:`spot_pick`."""

from __future__ import annotations

import math
import random
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints import FollowUp, FollowUpSubject
from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.repairs import rules
from app.repairs.models import RepairOrder, RepairSpotCheck
from app.repairs.repair_settings import get_settings
from app.repairs.vocab import SpotCheckResult


@dataclass(frozen=True)
class SpotCheckRow:
    uuid: str
    month: str
    follow_up_uuid: str
    order_uuid: str | None
    order_number: str | None
    visited_at: datetime | None
    unit_no: str | None
    interviewee: str | None
    phone: str | None
    feedback: str | None
    visitor: str | None
    sample_seed: str
    sample_size: int
    population: int
    checked_at: datetime | None
    checked_by: str | None
    result: str | None
    note: str | None
    version: int


def _spot_rows(s: Session, ctx: Context, picks: list[RepairSpotCheck]) -> list[SpotCheckRow]:
    out = []
    fups = {f.uuid: f for f in s.scalars(select(FollowUp).where(
        FollowUp.uuid.in_([p.follow_up_uuid for p in picks])))} if picks else {}
    numbers = dict(s.execute(select(RepairOrder.uuid, RepairOrder.number).where(
        RepairOrder.uuid.in_([p.order_uuid for p in picks if p.order_uuid]))).all()) if picks else {}
    for p in picks:
        f = fups.get(p.follow_up_uuid)
        out.append(SpotCheckRow(
            uuid=p.uuid, month=p.month, follow_up_uuid=p.follow_up_uuid, order_uuid=p.order_uuid,
            order_number=numbers.get(p.order_uuid), visited_at=f.visited_at if f else None,
            unit_no=f.unit_no if f else None, interviewee=f.interviewee if f else None,
            phone=f.phone if f else None, feedback=f.feedback if f else None, visitor=f.visitor if f else None,
            sample_seed=p.sample_seed, sample_size=p.sample_size, population=p.population,
            checked_at=p.checked_at, checked_by=p.checked_by, result=p.result, note=p.note, version=p.version))
    out.sort(key=lambda r: (r.visited_at or datetime.min, r.follow_up_uuid))
    return out


def spot_check_population(s: Session, ctx: Context, year: int, month: int,
                          as_of: datetime | None = None) -> list[FollowUp]:
    """The month's repair follow-ups in a fixed order (回访时间, 编号): what a draw samples."""
    start, end = rules.month_range(year, month)
    q = (select(FollowUp).join(RepairOrder, RepairOrder.uuid == FollowUp.subject_uuid)
         .where(RepairOrder.site_code == ctx.site.code, FollowUp.subject_type == FollowUpSubject.REPAIR.value,
                FollowUp.voided_at.is_(None), FollowUp.visited_at >= start, FollowUp.visited_at < end))
    if as_of is not None:
        q = q.where(FollowUp.created_at <= as_of)
    return list(s.scalars(q.order_by(FollowUp.visited_at, FollowUp.uuid)))


def spot_pick(population_uuids: list[str], seed: str, size: int) -> list[str]:
    """Which follow-ups a seed picks: ``random.Random(int(seed)).sample(population, size)``."""
    return random.Random(int(seed)).sample(population_uuids, size)


def spot_check_list(ctx: Context, year: int, month: int) -> list[SpotCheckRow]:
    """The month's list of follow-ups to re-call (empty until drawn)."""
    month_key = rules.month_key(year, month)
    with ctx.read() as s:
        picks = list(s.scalars(select(RepairSpotCheck).where(RepairSpotCheck.site_code == ctx.site.code,
                                                             RepairSpotCheck.month == month_key,
                                                             RepairSpotCheck.voided_at.is_(None))))
        return _spot_rows(s, ctx, picks)


def draw_spot_check(ctx: Context, year: int, month: int) -> list[SpotCheckRow]:
    """经理 draws the month's spot check (once per month): the site's spot-check percentage of
    the month's repair follow-ups, at least its minimum count; seed and sizes are kept."""
    ctx.require_role(Role.MANAGER, "抽查回访")
    month_key = rules.month_key(year, month)
    conf = get_settings(ctx)
    with ctx.unit_of_work() as s:
        existing = s.scalars(select(RepairSpotCheck).where(RepairSpotCheck.site_code == ctx.site.code,
                                                           RepairSpotCheck.month == month_key,
                                                           RepairSpotCheck.voided_at.is_(None))).first()
        if existing is not None:
            raise ValidationError("月份", f"{month_key} 的回访抽查已抽取，请直接登记结果", "month")
        population = spot_check_population(s, ctx, year, month)
        if not population:
            raise ValidationError("月份", f"{month_key} 没有维修回访记录，无可抽查", "month")
        size = min(len(population), max(conf.spot_check_min, math.ceil(len(population) * conf.spot_check_percent
                                                                        / 100)))
        seed = str(secrets.randbits(63))
        chosen = spot_pick([f.uuid for f in population], seed, size)
        by_uuid = {f.uuid: f for f in population}
        picks = []
        for uuid in chosen:
            picks.append(records.create(
                ctx, s, RepairSpotCheck, month=month_key, follow_up_uuid=uuid,
                order_uuid=by_uuid[uuid].subject_uuid, sample_seed=seed, sample_size=size,
                population=len(population), action="抽查抽取",
                audit_note=f"{month_key} 共 {len(population)} 条维修回访，种子 {seed}，抽取 {size} 条"))
        return _spot_rows(s, ctx, picks)


def record_spot_check(ctx: Context, uuid: str, *, result: SpotCheckResult | str, note: str | None = None,
                      expected_version: int | None) -> SpotCheckRow:
    """The manager's re-call result. A 不属实 check says the follow-up was not what was recorded."""
    actor = ctx.require_role(Role.MANAGER, "登记抽查结果")
    result = v.choice("抽查结果", result, SpotCheckResult, key="result")
    note = v.text("抽查说明", note, max_len=1000, key="note")
    if result is SpotCheckResult.NOT_CONFIRMED and not note:
        raise ValidationError("抽查说明", f"结果为“{SpotCheckResult.NOT_CONFIRMED.value}”时必须说明情况", "note")
    with ctx.unit_of_work() as s:
        pick = records.get_by_uuid(s, RepairSpotCheck, uuid, "抽查记录")
        records.update(ctx, s, pick, {"result": result.value, "note": note, "checked_at": ctx.now(),
                                      "checked_by": actor.name},
                       expected_version=expected_version, action="抽查结果", note=note)
        return _spot_rows(s, ctx, [pick])[0]
