"""Ties between people and units (业主/住户/租户): tie a person to a unit, end a tie (迁出,
kept in the history), and the ties of a person or of a unit, current first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.core.models import Resident, Unit, UnitResident
from app.domain import validate as v
from app.domain.enums import ResidentRole
from app.domain.errors import NotFound, ValidationError
from app.residents.common import CURRENT_TIE, find_unit, require_editor
from app.residents.people import ResidentRow, resident_row
from app.residents.units import ensure_unit


@dataclass(frozen=True)
class TieRow:
    """A person's tie to a unit (业主/住户/租户), current or ended (迁出)."""

    id: int
    unit_id: int
    unit_code: str
    resident_id: int
    resident_name: str
    phone: str | None
    role: str
    move_in: date | None
    move_out: date | None
    version: int

    @property
    def current(self) -> bool:
        return self.move_out is None


def link_resident(ctx: Context, resident_id: int, unit_no: str, role: ResidentRole | str,
                  move_in: date | None = None) -> ResidentRow:
    require_editor(ctx)
    role = v.choice("身份", role, ResidentRole, key="role")
    v.parse_unit(unit_no, required=True)
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        if r.is_void:
            raise ValidationError("住户", "已作废，不能关联房屋")
        unit, _ = ensure_unit(ctx, s, unit_no)
        tie = s.scalars(select(UnitResident).where(UnitResident.unit_id == unit.id,
                                                   UnitResident.resident_id == r.id, *CURRENT_TIE)).first()
        if tie is None:
            records.create(ctx, s, UnitResident, unit_id=unit.id, resident_id=r.id, role=role.value, move_in=move_in)
        else:
            changes = {"role": role.value}
            if move_in is not None:
                changes["move_in"] = move_in
            records.update(ctx, s, tie, changes, expected_version=None)
        return resident_row(s, r)


def unlink_resident(ctx: Context, resident_id: int, unit_no: str, move_out: date | None = None) -> ResidentRow:
    """End a person's tie to a unit (moved out); the history keeps it."""
    require_editor(ctx)
    code = v.normalize_unit(unit_no, required=True)
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        unit = find_unit(s, ctx, code)
        tie = None if unit is None else s.scalars(select(UnitResident).where(
            UnitResident.unit_id == unit.id, UnitResident.resident_id == r.id, *CURRENT_TIE)).first()
        if tie is None:
            raise NotFound(f"{r.name} 与 {code} 没有关联")
        move_out = move_out or ctx.now().date()
        if tie.move_in and move_out < tie.move_in:
            raise ValidationError("迁出日期", f"不能早于入住日期 {tie.move_in:%Y-%m-%d}", "move_out")
        records.update(ctx, s, tie, {"move_out": move_out}, expected_version=None, action="迁出")
        return resident_row(s, r)


def _tie_query():
    return (select(UnitResident, Unit.code, Resident.name, Resident.phone)
            .join(Unit, Unit.id == UnitResident.unit_id)
            .join(Resident, Resident.id == UnitResident.resident_id)
            .where(UnitResident.voided_at.is_(None)))


def _tie_rows(s: Session, q) -> list[TieRow]:
    out = []
    for tie, code, name, phone in s.execute(q).all():
        out.append(TieRow(tie.id, tie.unit_id, code, tie.resident_id, name, phone, tie.role, tie.move_in,
                          tie.move_out, tie.version))
    # current ties first, then the past ones, latest move-out first
    return sorted(out, key=lambda t: (t.move_out is not None, -(t.move_out.toordinal() if t.move_out else 0)))


def resident_ties(ctx: Context, resident_id: int, *, include_past: bool = True) -> list[TieRow]:
    """The units a person is or was tied to."""
    q = _tie_query().where(UnitResident.resident_id == resident_id).order_by(Unit.code, UnitResident.id)
    if not include_past:
        q = q.where(UnitResident.move_out.is_(None))
    with ctx.read() as s:
        return _tie_rows(s, q)


def unit_ties(ctx: Context, unit_id: int, *, include_past: bool = True) -> list[TieRow]:
    """The people who live or lived in a unit."""
    q = (_tie_query().where(UnitResident.unit_id == unit_id, Resident.voided_at.is_(None))
         .order_by(UnitResident.id))
    if not include_past:
        q = q.where(UnitResident.move_out.is_(None))
    with ctx.read() as s:
        return _tie_rows(s, q)

