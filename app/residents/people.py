"""Residents (住户): add (tied to a unit when one is given), correct, void, search by name,
phone or unit; the look-ups reception uses (by phone number, by unit)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core import access, records
from app.core.context import Context
from app.core.models import Resident, Unit, UnitResident
from app.domain import validate as v
from app.domain.enums import ResidentRole
from app.domain.errors import ValidationError
from app.residents.common import CURRENT_TIE, chunks, person_matches, require_editor, unit_fragment
from app.residents.units import ensure_unit


@dataclass(frozen=True)
class ResidentRow:
    id: int
    uuid: str
    name: str
    phone: str | None
    note: str | None
    units: tuple[tuple[str, str], ...]  # (unit code, role)
    version: int


@dataclass(frozen=True)
class PhoneMatch:
    """A known resident found by phone: what reception fills in."""

    name: str
    phone: str | None
    unit_no: str | None
    role: str | None


def _units_by_resident(s: Session, resident_ids: list[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for chunk in chunks(resident_ids):
        rows = s.execute(select(UnitResident.resident_id, Unit.code, UnitResident.role)
                         .join(Unit, Unit.id == UnitResident.unit_id)
                         .where(UnitResident.resident_id.in_(chunk), *CURRENT_TIE)
                         .order_by(UnitResident.resident_id, Unit.code)).all()
        for rid, code, role in rows:
            out.setdefault(rid, []).append((code, role))
    return {k: tuple(v) for k, v in out.items()}


def resident_rows(s: Session, people: list[Resident]) -> list[ResidentRow]:
    ties = _units_by_resident(s, [r.id for r in people])
    return [records.to_row(r, ResidentRow, units=ties.get(r.id, ())) for r in people]


def resident_row(s: Session, r: Resident) -> ResidentRow:
    return resident_rows(s, [r])[0]


def add_resident(ctx: Context, *, name: str, phone: str | None = None, unit_no: str | None = None,
                 role: ResidentRole | str = ResidentRole.OWNER, move_in: date | None = None,
                 note: str | None = None) -> ResidentRow:
    """Add a person, and tie them to a unit when one is given (the unit is created if missing)."""
    require_editor(ctx)
    name = v.text("姓名", name, required=True, max_len=50, key="name")
    phone = v.normalize_phone(phone)
    role = v.choice("身份", role, ResidentRole, key="role")
    note = v.text("备注", note, max_len=500, key="note")
    if unit_no:
        v.parse_unit(unit_no, required=True)
    with ctx.unit_of_work() as s:
        r = records.create(ctx, s, Resident, name=name, phone=phone, phone_digits=v.phone_digits(phone) or None,
                           note=note)
        if unit_no:
            unit, _ = ensure_unit(ctx, s, unit_no)
            records.create(ctx, s, UnitResident, unit_id=unit.id, resident_id=r.id, role=role.value,
                           move_in=move_in)
        return resident_row(s, r)


def update_resident(ctx: Context, resident_id: int, *, expected_version: int, name: str, phone: str | None,
                    note: str | None = None) -> ResidentRow:
    require_editor(ctx)
    name = v.text("姓名", name, required=True, max_len=50, key="name")
    phone = v.normalize_phone(phone)
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        records.update(ctx, s, r, {"name": name, "phone": phone, "phone_digits": v.phone_digits(phone) or None,
                                   "note": note}, expected_version=expected_version)
        return resident_row(s, r)


def get_resident(ctx: Context, resident_id: int) -> ResidentRow:
    with ctx.read() as s:
        return resident_row(s, records.get_by_id(s, Resident, resident_id, "住户"))


def void_resident(ctx: Context, resident_id: int, reason: str, *, expected_version: int) -> ResidentRow:
    """A person entered by mistake: voided with a reason (客服主管 and above), ties ended too."""
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        records.void(ctx, s, r, reason, expected_version=expected_version, status_field=None)
        for tie in s.scalars(select(UnitResident).where(UnitResident.resident_id == r.id, *CURRENT_TIE)):
            records.update(ctx, s, tie, {"move_out": ctx.now().date()}, expected_version=None, action="迁出",
                           note=f"住户作废：{r.void_reason}")
        return resident_row(s, r)


def _resident_query(ctx: Context, text: str | None):
    q = select(Resident).where(Resident.site_code == ctx.site.code, Resident.voided_at.is_(None))
    text = (text or "").strip()
    if text:
        unit_ids = (select(UnitResident.resident_id).join(Unit, Unit.id == UnitResident.unit_id)
                    .where(*CURRENT_TIE, Unit.code.contains(unit_fragment(text), autoescape=True)))
        q = q.where(or_(person_matches(text), Resident.id.in_(unit_ids)))
    return q


def search_residents(ctx: Context, text: str | None = None, *, offset: int = 0, limit: int = 200) -> list[ResidentRow]:
    """By name, phone fragment or unit number (any usual spelling, or a part of one). The list
    shows phones masked (138****8000) to roles that do not need them in full; opening one
    resident (:func:`get_resident`) shows the full number to the one handling it."""
    q = _resident_query(ctx, text).order_by(Resident.name, Resident.id).offset(offset).limit(limit)
    full = access.allowed(ctx, "residents.full_phone")
    with ctx.read() as s:
        rows = resident_rows(s, list(s.scalars(q)))
    return rows if full else [replace(r, phone=v.mask_phone(r.phone)) for r in rows]


def count_residents(ctx: Context, text: str | None = None) -> int:
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(_resident_query(ctx, text).subquery()))


def find_by_phone(ctx: Context, phone: str) -> list[PhoneMatch]:
    """Residents with this number, one line per unit they are tied to (reception's auto-fill)."""
    try:
        normalized = v.normalize_phone(phone)
    except ValidationError:
        return []
    digits = v.phone_digits(normalized)
    if not digits:
        return []
    with ctx.read() as s:
        q = (select(Resident.name, Resident.phone, Unit.code, UnitResident.role)
             .outerjoin(UnitResident, (UnitResident.resident_id == Resident.id) & UnitResident.voided_at.is_(None)
                        & UnitResident.move_out.is_(None))
             .outerjoin(Unit, Unit.id == UnitResident.unit_id)
             .where(Resident.site_code == ctx.site.code, Resident.voided_at.is_(None),
                    Resident.phone_digits == digits)
             .order_by(Resident.name, Unit.code))
        return [PhoneMatch(n, p, c, r) for n, p, c, r in s.execute(q).all()]


def residents_of_unit(ctx: Context, unit_no: str) -> list[PhoneMatch]:
    code = v.normalize_unit(unit_no, required=True)
    with ctx.read() as s:
        q = (select(Resident.name, Resident.phone, Unit.code, UnitResident.role)
             .join(UnitResident, UnitResident.resident_id == Resident.id)
             .join(Unit, Unit.id == UnitResident.unit_id)
             .where(Unit.site_code == ctx.site.code, Unit.code == code, *CURRENT_TIE,
                    Resident.voided_at.is_(None))
             .order_by(UnitResident.id))
        return [PhoneMatch(n, p, c, r) for n, p, c, r in s.execute(q).all()]

