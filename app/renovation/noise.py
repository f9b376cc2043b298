"""Renovation noise: the permitted working hours (workdays, and days off on the site's
working-day calendar), and the noise complaints (装修噪音扰民) about a unit under renovation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.complaints import Complaint
from app.core import calendar
from app.core.context import Context
from app.domain import validate as v
from app.domain.errors import ValidationError
from app.renovation.application import load_renovation
from app.renovation.models import Renovation
from app.renovation.site_settings import noise_hours
from app.renovation.vocab import NOISE_CATEGORY, RenovationStatus


@dataclass(frozen=True)
class LinkedComplaintRow:
    uuid: str
    received_at: datetime
    complainant: str
    unit_no: str | None
    content: str
    status: str
    during_noise_hours: bool  # received inside the permitted hours (so perhaps not a violation)


def _parse_hhmm(text: str) -> time:
    h, m = str(text).split(":")
    return time(int(h), int(m))


def _noise_checker(ctx: Context):
    """``allowed(at) -> bool`` with the settings and the calendar read once."""
    hours = noise_hours(ctx)
    cal = calendar.load_calendar(ctx)
    windows = {key: [(_parse_hhmm(a), _parse_hhmm(b)) for a, b in hours.get(key) or []]
               for key in ("workday", "day_off")}

    def for_day(day: date) -> list[tuple[time, time]]:
        return windows["workday" if cal.is_workday(day) else "day_off"]

    def allowed(at: datetime) -> bool:
        return any(a <= at.time() < b for a, b in for_day(at.date()))

    allowed.windows = for_day  # type: ignore[attr-defined]
    return allowed


def noise_windows(ctx: Context, day: date) -> list[tuple[time, time]]:
    """The permitted working hours of a day: the workday windows, or the day-off ones
    (none by default) on a weekend or holiday of the site's working-day calendar."""
    return _noise_checker(ctx).windows(day)


def noise_allowed(ctx: Context, at: datetime) -> bool:
    """Whether noisy work is permitted at this moment."""
    return _noise_checker(ctx)(at)


def noise_hours_text(ctx: Context) -> str:
    """For the permit: 工作日 08:00–12:00、14:00–18:00；休息日及法定节假日不得进行产生噪声的施工."""
    hours = noise_hours(ctx)
    work = "、".join(f"{a}–{b}" for a, b in hours.get("workday") or []) or "不得施工"
    off = hours.get("day_off") or []
    off_text = ("休息日及法定节假日 " + "、".join(f"{a}–{b}" for a, b in off)) if off else \
        "休息日及法定节假日不得进行产生噪声的施工"
    return f"工作日 {work}；{off_text}"


def _unit_mentions(unit_no: str) -> list[str]:
    """How a complaint's text may name the unit: 3-2-1502, 3栋2单元1502, 3幢2单元1502."""
    try:
        u = v.parse_unit(unit_no)
    except ValidationError:
        return [unit_no]
    forms = [u.code]
    if u.entrance:
        forms.append(f"{u.building}栋{u.entrance}单元{u.room}")
        forms.append(f"{u.building}幢{u.entrance}单元{u.room}")
    else:
        forms.append(f"{u.building}栋{u.room}")
    return forms


def _complaint_window(reno: Renovation) -> tuple[datetime, datetime | None]:
    """From approval (or the start date) to the acceptance, while the unit was under renovation."""
    start = datetime.combine(reno.start_date, time(0))
    if reno.approved_at and reno.approved_at < start:
        start = reno.approved_at
    end = reno.accepted_at if reno.status in (RenovationStatus.ACCEPTED.value, RenovationStatus.REFUNDED.value) \
        else None
    return start, end


def _complaint_query(ctx: Context, reno: Renovation):
    start, end = _complaint_window(reno)
    mentions = [Complaint.content.contains(m, autoescape=True) for m in _unit_mentions(reno.unit_no)]
    q = select(Complaint).where(Complaint.site_code == reno.site_code, Complaint.category == NOISE_CATEGORY,
                                Complaint.voided_at.is_(None), Complaint.received_at >= start,
                                or_(Complaint.unit_no == reno.unit_no, *mentions))
    if end is not None:
        q = q.where(Complaint.received_at <= end)
    return q


def noise_complaint_counts(s: Session, ctx: Context, renos: list[Renovation]) -> dict[int, int]:
    """How many noise complaints concern each renovation: one query, matched here."""
    if not renos:
        return {}
    earliest = min(_complaint_window(r)[0] for r in renos)
    complaints = s.execute(select(Complaint.unit_no, Complaint.content, Complaint.received_at).where(
        Complaint.site_code == ctx.site.code, Complaint.category == NOISE_CATEGORY, Complaint.voided_at.is_(None),
        Complaint.received_at >= earliest)).all()
    out: dict[int, int] = {}
    for r in renos:
        start, end = _complaint_window(r)
        mentions = _unit_mentions(r.unit_no)
        n = sum(1 for unit_no, content, at in complaints
                if at >= start and (end is None or at <= end)
                and (unit_no == r.unit_no or any(m in (content or "") for m in mentions)))
        if n:
            out[r.id] = n
    return out


def noise_complaints(ctx: Context, renovation_uuid: str) -> list[LinkedComplaintRow]:
    """Complaints of category 装修噪音扰民 about this unit while it was under renovation:
    filed with its unit number, or naming it in the text (a neighbour's complaint)."""
    allowed = _noise_checker(ctx)
    with ctx.read() as s:
        reno = load_renovation(s, renovation_uuid)
        rows = s.scalars(_complaint_query(ctx, reno).order_by(Complaint.received_at)).all()
        return [LinkedComplaintRow(c.uuid, c.received_at, c.complainant, c.unit_no, c.content, c.status,
                                   allowed(c.received_at)) for c in rows]

