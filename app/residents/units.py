"""Units (房屋): the unit with a number (created with its building when missing), add,
correct, look up, list and count in natural order with a filter, complete a typed number."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.core.models import Building, Resident, Unit, UnitResident
from app.domain import validate as v
from app.domain.errors import NotFound, ValidationError
from app.residents.common import (
    CURRENT_TIE, chunks, find_building, find_unit, person_matches, require_editor, unit_fragment,
)


@dataclass(frozen=True)
class UnitRow:
    id: int
    uuid: str
    code: str
    building: str
    entrance: str | None
    room: str
    floor_area: float | None
    occupied: bool
    note: str | None
    residents: str  # "张三(业主) 李四(租户)"
    version: int


def ensure_unit(ctx: Context, s: Session, unit_no: str, *, floor_area: float | None = None,
                occupied: bool | None = None, note: str | None = None) -> tuple[Unit, bool]:
    """The unit with this number, created (with its building) when missing. Returns (unit, created)."""
    parsed = v.parse_unit(unit_no, required=True)
    building = find_building(s, ctx, parsed.building)
    if building is None:
        building = records.create(ctx, s, Building, name=parsed.building, label=f"{parsed.building}栋")
    unit = find_unit(s, ctx, parsed.code)
    if unit is not None:
        return unit, False
    unit = records.create(ctx, s, Unit, building_id=building.id, entrance=parsed.entrance, room=parsed.room,
                          code=parsed.code, floor_area=floor_area,
                          occupied=True if occupied is None else occupied, note=note)
    return unit, True


def _residents_by_unit(s: Session, unit_ids: list[int]) -> dict[int, str]:
    """"张三(业主) 李四(租户)" for each unit, in one query."""
    out: dict[int, list[str]] = {}
    for chunk in chunks(unit_ids):
        rows = s.execute(
            select(UnitResident.unit_id, Resident.name, UnitResident.role)
            .join(Resident, Resident.id == UnitResident.resident_id)
            .where(UnitResident.unit_id.in_(chunk), *CURRENT_TIE, Resident.voided_at.is_(None))
            .order_by(UnitResident.unit_id, UnitResident.id)).all()
        for unit_id, name, role in rows:
            out.setdefault(unit_id, []).append(f"{name}({role})")
    return {k: " ".join(v) for k, v in out.items()}


def _unit_row(s: Session, unit: Unit, building_name: str) -> UnitRow:
    return _unit_rows(s, [(unit, building_name)])[0]


def _unit_rows(s: Session, pairs: list[tuple[Unit, str]]) -> list[UnitRow]:
    names = _residents_by_unit(s, [u.id for u, _ in pairs])
    return [records.to_row(u, UnitRow, building=b, residents=names.get(u.id, "")) for u, b in pairs]


def add_unit(ctx: Context, unit_no: str, *, floor_area: float | None = None, occupied: bool = True,
             note: str | None = None) -> UnitRow:
    require_editor(ctx)
    floor_area = _area(floor_area)
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        code = v.normalize_unit(unit_no, required=True)
        if find_unit(s, ctx, code) is not None:
            raise ValidationError("房号", f"“{code}”已存在", "unit_no")
        unit, _ = ensure_unit(ctx, s, code, floor_area=floor_area, occupied=occupied, note=note)
        building = s.get(Building, unit.building_id)
        return _unit_row(s, unit, building.name)


def _area(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        area = float(value)
    except (TypeError, ValueError):
        raise ValidationError("建筑面积", f"“{value}”不是数字", "floor_area") from None
    if not 0 < area < 100000:
        raise ValidationError("建筑面积", "应大于 0 且小于 100000 平方米", "floor_area")
    return round(area, 2)


def update_unit(ctx: Context, unit_id: int, *, expected_version: int, floor_area=None, occupied: bool | None = None,
                note: str | None = None) -> UnitRow:
    require_editor(ctx)
    changes = {"floor_area": _area(floor_area), "note": v.text("备注", note, max_len=500, key="note")}
    if occupied is not None:
        changes["occupied"] = occupied
    with ctx.unit_of_work() as s:
        unit = records.get_by_id(s, Unit, unit_id, "房屋")
        records.update(ctx, s, unit, changes, expected_version=expected_version)
        return _unit_row(s, unit, s.get(Building, unit.building_id).name)


def get_unit(ctx: Context, unit_no: str) -> UnitRow:
    code = v.normalize_unit(unit_no, required=True)
    with ctx.read() as s:
        unit = find_unit(s, ctx, code)
        if unit is None:
            raise NotFound(f"找不到房屋 {code}")
        return _unit_row(s, unit, s.get(Building, unit.building_id).name)


def _unit_query(ctx: Context, building: str | None, text: str | None):
    q = (select(Unit, Building.name).join(Building, Building.id == Unit.building_id)
         .where(Unit.site_code == ctx.site.code, Unit.voided_at.is_(None)))
    if building:
        q = q.where(Building.name == building)
    text = (text or "").strip()
    if text:
        conds = [Unit.code.contains(unit_fragment(text), autoescape=True)]
        people = select(UnitResident.unit_id).join(Resident, Resident.id == UnitResident.resident_id).where(
            *CURRENT_TIE, Resident.voided_at.is_(None), person_matches(text))
        conds.append(Unit.id.in_(people))
        q = q.where(or_(*conds))
    return q


def list_units(ctx: Context, *, building: str | None = None, text: str | None = None, offset: int = 0,
               limit: int = 2000) -> list[UnitRow]:
    """Units in natural order (1-2-201 before 1-2-1001), filtered in SQL by building and by
    a unit number (any usual spelling, or a part), a resident's name or a phone fragment."""
    q = _unit_query(ctx, building, text).order_by(
        func.length(Building.name), Building.name, func.length(func.coalesce(Unit.entrance, "")),
        Unit.entrance, func.length(Unit.room), Unit.room, Unit.id)
    with ctx.read() as s:
        return _unit_rows(s, [(u, b) for u, b in s.execute(q.offset(offset).limit(limit)).all()])


def count_units(ctx: Context, *, building: str | None = None, text: str | None = None) -> int:
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(_unit_query(ctx, building, text).subquery()))


def complete_unit(ctx: Context, prefix: str, limit: int = 20) -> list[str]:
    """Unit numbers starting with what was typed (for a completer)."""
    prefix = (prefix or "").strip()
    try:
        prefix = v.normalize_unit(prefix) or prefix
    except ValidationError:
        pass
    with ctx.read() as s:
        q = (select(Unit.code).where(Unit.site_code == ctx.site.code, Unit.voided_at.is_(None),
                                     Unit.code.startswith(prefix, autoescape=True)).order_by(Unit.code).limit(limit))
        return list(s.scalars(q))


def all_unit_codes(ctx: Context) -> list[str]:
    with ctx.read() as s:
        codes = s.scalars(select(Unit.code).where(Unit.site_code == ctx.site.code, Unit.voided_at.is_(None)))
        return sorted(codes, key=v.natural_key)

