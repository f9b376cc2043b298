"""The day's round (装修巡查): every unit under renovation, when it was last inspected, and what
is overdue — notices past their deadline, units not visited for days, works past their end date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from app.core.context import Context
from app.domain import validate as v
from app.domain.errors import ValidationError
from app.renovation.application import open_notice_counts
from app.renovation.models import Renovation, RenovationInspection
from app.renovation.noise import noise_complaint_counts
from app.renovation.site_settings import stale_days
from app.renovation.visits import VisitRow, visit_row
from app.renovation.vocab import RenovationStatus


@dataclass(frozen=True)
class RoundItem:
    """One unit on the day's round (装修巡查)."""

    renovation_uuid: str
    renovation_version: int
    unit_no: str
    building: str
    owner: str
    contractor: str
    manager: str
    manager_phone: str
    permit_no: str | None
    start_date: date
    planned_end_date: date
    last_visit_at: datetime | None
    last_state: str | None
    last_progress: str | None
    days_since: int  # days since the last visit (or since the start, never visited)
    visited_today: bool
    stale: bool  # not inspected for two days or more
    past_end: bool  # still working after the planned end date
    open_notices: int
    overdue_notices: int
    noise_complaints: int
    visits_today: tuple[VisitRow, ...] = ()

    @property
    def flag_text(self) -> str:
        parts = []
        if self.overdue_notices:
            parts.append(f"整改逾期 {self.overdue_notices}")
        if self.stale:
            parts.append(f"{self.days_since} 天未巡查" if self.last_visit_at else "从未巡查")
        elif not self.visited_today:
            parts.append("今日未巡查")
        if self.past_end:
            parts.append("已超工期")
        return "，".join(parts)


def _building_of(unit_no: str) -> str:
    try:
        parsed = v.parse_unit(unit_no)
        return parsed.building if parsed else ""
    except ValidationError:
        return unit_no.split("-")[0]


def round_for(ctx: Context, day: date | None = None) -> list[RoundItem]:
    """The day's round: every unit under renovation (施工中, started on or before the day),
    sorted by building and unit, with when it was last inspected and what is overdue."""
    day = day or ctx.now().date()
    stale_after = stale_days(ctx)
    end_of_day = datetime.combine(day + timedelta(days=1), time(0))
    now = ctx.now()
    cutoff = min(now, end_of_day) if day >= now.date() else end_of_day
    with ctx.read() as s:
        renos = s.scalars(select(Renovation).where(
            Renovation.site_code == ctx.site.code, Renovation.status == RenovationStatus.IN_PROGRESS.value,
            Renovation.start_date <= day, Renovation.voided_at.is_(None))).all()
        ids = [r.id for r in renos]
        if not ids:
            return []
        # The last visit of each unit up to the day (one aggregate), and the day's visits.
        start_of_day = datetime.combine(day, time(0))
        live = (RenovationInspection.renovation_id.in_(ids), RenovationInspection.voided_at.is_(None))
        latest = (select(RenovationInspection.renovation_id, func.max(RenovationInspection.inspected_at).label("at"))
                  .where(*live, RenovationInspection.inspected_at < end_of_day)
                  .group_by(RenovationInspection.renovation_id).subquery())
        lasts: dict[int, tuple] = {}
        for rid, at, state, progress in s.execute(
                select(RenovationInspection.renovation_id, RenovationInspection.inspected_at,
                       RenovationInspection.site_state, RenovationInspection.progress)
                .join(latest, (latest.c.renovation_id == RenovationInspection.renovation_id)
                      & (latest.c.at == RenovationInspection.inspected_at))
                .where(RenovationInspection.voided_at.is_(None))
                .order_by(RenovationInspection.id)):
            lasts[rid] = (at, state, progress)
        visits: dict[int, list[RenovationInspection]] = {}
        for ins in s.scalars(select(RenovationInspection).where(
                *live, RenovationInspection.inspected_at >= start_of_day, RenovationInspection.inspected_at < end_of_day)
                .order_by(RenovationInspection.inspected_at, RenovationInspection.id)):
            visits.setdefault(ins.renovation_id, []).append(ins)
        notices = open_notice_counts(s, ids, cutoff)
        complaints = noise_complaint_counts(s, ctx, renos)
        uuids = {r.id: r.uuid for r in renos}
        out = []
        for r in renos:
            today = visits.get(r.id, [])
            last_at, last_state, last_progress = lasts.get(r.id, (None, None, None))
            since_date = last_at.date() if last_at else r.start_date
            days_since = (day - since_date).days
            visited_today = bool(today)
            out.append(RoundItem(
                renovation_uuid=r.uuid, renovation_version=r.version, unit_no=r.unit_no,
                building=_building_of(r.unit_no), owner=r.owner, contractor=r.contractor, manager=r.manager,
                manager_phone=r.manager_phone, permit_no=r.permit_no, start_date=r.start_date,
                planned_end_date=r.planned_end_date, last_visit_at=last_at, last_state=last_state,
                last_progress=last_progress,
                days_since=days_since, visited_today=visited_today,
                stale=not visited_today and days_since >= stale_after, past_end=r.planned_end_date < day,
                open_notices=notices.get(r.id, (0, 0))[0], overdue_notices=notices.get(r.id, (0, 0))[1],
                noise_complaints=complaints.get(r.id, 0),
                visits_today=tuple(visit_row(x, uuids[r.id]) for x in today)))
    return sorted(out, key=lambda i: (v.natural_key(i.building), v.natural_key(i.unit_no)))

