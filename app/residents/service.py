"""业主与房屋: buildings, units and residents, and the look-ups reception uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core.models import Building, Resident, Unit, UnitResident
from app.domain import validate as v
from app.domain.enums import ResidentRole, Role
from app.domain.errors import NotFound, ValidationError
from app.core import records
from app.core.context import Context


@dataclass(frozen=True)
class BuildingRow:
    id: int
    uuid: str
    name: str
    label: str | None
    area: str | None
    note: str | None
    unit_count: int
    version: int


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


def _building(s: Session, ctx: Context, name: str) -> Building | None:
    return s.scalars(select(Building).where(Building.site_code == ctx.site.code, Building.name == name)).first()


def _unit(s: Session, ctx: Context, code: str) -> Unit | None:
    return s.scalars(select(Unit).where(Unit.site_code == ctx.site.code, Unit.code == code)).first()


def ensure_unit(ctx: Context, s: Session, unit_no: str, *, floor_area: float | None = None,
                occupied: bool | None = None, note: str | None = None) -> tuple[Unit, bool]:
    """The unit with this number, created (with its building) when missing. Returns (unit, created)."""
    parsed = v.parse_unit(unit_no, required=True)
    building = _building(s, ctx, parsed.building)
    if building is None:
        building = records.create(ctx, s, Building, name=parsed.building, label=f"{parsed.building}栋")
    unit = _unit(s, ctx, parsed.code)
    if unit is not None:
        return unit, False
    unit = records.create(ctx, s, Unit, building_id=building.id, entrance=parsed.entrance, room=parsed.room,
                          code=parsed.code, floor_area=floor_area,
                          occupied=True if occupied is None else occupied, note=note)
    return unit, True


def _require_editor(ctx: Context) -> None:
    ctx.require_role(Role.RECEPTIONIST, "编辑业主与房屋")


# ---------------------------------------------------------------- buildings

def _building_name(value: str | None) -> str:
    """The short building number used in unit codes: ``3栋`` / ``3号楼`` / ``三幢`` -> ``3``."""
    raw = v.text("楼栋", value, required=True, max_len=20, key="name")
    stripped = re.sub(r"(号楼|栋|幢|座|楼|#)$", "", raw.replace(" ", ""))
    try:
        unit = v.parse_unit(f"{stripped}-1", label="楼栋", key="name")
    except ValidationError:
        unit = None
    if unit is None or not re.fullmatch(r"[A-Za-z0-9]+", unit.building):
        raise ValidationError("楼栋", f"“{raw}”不是有效的楼栋号，应为数字或字母，如 3 或 A", "name")
    return unit.building


def add_building(ctx: Context, name: str, *, label: str | None = None, area: str | None = None,
                 note: str | None = None) -> BuildingRow:
    _require_editor(ctx)
    name = _building_name(name)
    with ctx.unit_of_work() as s:
        if _building(s, ctx, name) is not None:
            raise ValidationError("楼栋", f"“{name}”已存在", "name")
        b = records.create(ctx, s, Building, name=name,
                           label=v.text("楼栋名称", label, max_len=50, key="label") or f"{name}栋",
                           area=v.text("区域", area, max_len=50, key="area"),
                           note=v.text("备注", note, max_len=500, key="note"))
        return records.to_row(b, BuildingRow, unit_count=0)


def update_building(ctx: Context, building_id: int, *, expected_version: int, label: str | None = None,
                    area: str | None = None, note: str | None = None) -> BuildingRow:
    _require_editor(ctx)
    with ctx.unit_of_work() as s:
        b = records.get_by_id(s, Building, building_id, "楼栋")
        records.update(ctx, s, b, {"label": v.text("楼栋名称", label, max_len=50, key="label") or b.label,
                                   "area": v.text("区域", area, max_len=50, key="area"),
                                   "note": v.text("备注", note, max_len=500, key="note")},
                       expected_version=expected_version)
        count = s.scalar(select(func.count()).select_from(Unit).where(Unit.building_id == b.id,
                                                                      Unit.voided_at.is_(None)))
        return records.to_row(b, BuildingRow, unit_count=count)


def list_buildings(ctx: Context) -> list[BuildingRow]:
    with ctx.read() as s:
        counts = dict(s.execute(select(Unit.building_id, func.count()).where(Unit.voided_at.is_(None))
                                .group_by(Unit.building_id)).all())
        rows = s.scalars(select(Building).where(Building.site_code == ctx.site.code, Building.voided_at.is_(None)))
        out = [records.to_row(b, BuildingRow, unit_count=counts.get(b.id, 0)) for b in rows]
    return sorted(out, key=lambda r: v.natural_key(r.name))



# ---------------------------------------------------------------- units

_CURRENT_TIE = (UnitResident.voided_at.is_(None), UnitResident.move_out.is_(None))


def _residents_by_unit(s: Session, unit_ids: list[int]) -> dict[int, str]:
    """"张三(业主) 李四(租户)" for each unit, in one query."""
    out: dict[int, list[str]] = {}
    for chunk in _chunks(unit_ids):
        rows = s.execute(
            select(UnitResident.unit_id, Resident.name, UnitResident.role)
            .join(Resident, Resident.id == UnitResident.resident_id)
            .where(UnitResident.unit_id.in_(chunk), *_CURRENT_TIE, Resident.voided_at.is_(None))
            .order_by(UnitResident.unit_id, UnitResident.id)).all()
        for unit_id, name, role in rows:
            out.setdefault(unit_id, []).append(f"{name}({role})")
    return {k: " ".join(v) for k, v in out.items()}


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _unit_row(s: Session, unit: Unit, building_name: str) -> UnitRow:
    return _unit_rows(s, [(unit, building_name)])[0]


def _unit_rows(s: Session, pairs: list[tuple[Unit, str]]) -> list[UnitRow]:
    names = _residents_by_unit(s, [u.id for u, _ in pairs])
    return [records.to_row(u, UnitRow, building=b, residents=names.get(u.id, "")) for u, b in pairs]


def add_unit(ctx: Context, unit_no: str, *, floor_area: float | None = None, occupied: bool = True,
             note: str | None = None) -> UnitRow:
    _require_editor(ctx)
    floor_area = _area(floor_area)
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        code = v.normalize_unit(unit_no, required=True)
        if _unit(s, ctx, code) is not None:
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
    _require_editor(ctx)
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
        unit = _unit(s, ctx, code)
        if unit is None:
            raise NotFound(f"找不到房屋 {code}")
        return _unit_row(s, unit, s.get(Building, unit.building_id).name)


def _unit_fragment(text: str) -> str:
    """What a unit code contains when someone types a unit number or a part of one:
    ``3栋2单元1502`` -> ``3-2-1502``, ``3栋2单元`` -> ``3-2-``, ``3-2`` stays."""
    text = text.strip()
    try:
        code = v.normalize_unit(text)
        if code:
            return code
    except ValidationError:
        pass
    frag = re.sub(r"(号楼|栋|幢|座|#)", "-", text)
    frag = re.sub(r"(单元|门)", "-", frag)
    frag = re.sub(r"[室号房]$", "", frag)
    return frag.upper().replace(" ", "")


def _unit_query(ctx: Context, building: str | None, text: str | None):
    q = (select(Unit, Building.name).join(Building, Building.id == Unit.building_id)
         .where(Unit.site_code == ctx.site.code, Unit.voided_at.is_(None)))
    if building:
        q = q.where(Building.name == building)
    text = (text or "").strip()
    if text:
        conds = [Unit.code.contains(_unit_fragment(text), autoescape=True)]
        people = select(UnitResident.unit_id).join(Resident, Resident.id == UnitResident.resident_id).where(
            *_CURRENT_TIE, Resident.voided_at.is_(None), _person_matches(text))
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


# ---------------------------------------------------------------- residents

def _units_by_resident(s: Session, resident_ids: list[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for chunk in _chunks(resident_ids):
        rows = s.execute(select(UnitResident.resident_id, Unit.code, UnitResident.role)
                         .join(Unit, Unit.id == UnitResident.unit_id)
                         .where(UnitResident.resident_id.in_(chunk), *_CURRENT_TIE)
                         .order_by(UnitResident.resident_id, Unit.code)).all()
        for rid, code, role in rows:
            out.setdefault(rid, []).append((code, role))
    return {k: tuple(v) for k, v in out.items()}


def _resident_rows(s: Session, people: list[Resident]) -> list[ResidentRow]:
    ties = _units_by_resident(s, [r.id for r in people])
    return [records.to_row(r, ResidentRow, units=ties.get(r.id, ())) for r in people]


def _resident_row(s: Session, r: Resident) -> ResidentRow:
    return _resident_rows(s, [r])[0]


def _person_matches(text: str):
    """Name contains the text, or the phone contains its digits (3 or more)."""
    conds = [Resident.name.contains(text, autoescape=True)]
    digits = v.phone_digits(text)
    if digits and len(digits) >= 3:
        conds.append(Resident.phone_digits.contains(digits, autoescape=True))
    return or_(*conds)


def add_resident(ctx: Context, *, name: str, phone: str | None = None, unit_no: str | None = None,
                 role: ResidentRole | str = ResidentRole.OWNER, move_in: date | None = None,
                 note: str | None = None) -> ResidentRow:
    """Add a person, and tie them to a unit when one is given (the unit is created if missing)."""
    _require_editor(ctx)
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
        return _resident_row(s, r)


def update_resident(ctx: Context, resident_id: int, *, expected_version: int, name: str, phone: str | None,
                    note: str | None = None) -> ResidentRow:
    _require_editor(ctx)
    name = v.text("姓名", name, required=True, max_len=50, key="name")
    phone = v.normalize_phone(phone)
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        records.update(ctx, s, r, {"name": name, "phone": phone, "phone_digits": v.phone_digits(phone) or None,
                                   "note": note}, expected_version=expected_version)
        return _resident_row(s, r)


def get_resident(ctx: Context, resident_id: int) -> ResidentRow:
    with ctx.read() as s:
        return _resident_row(s, records.get_by_id(s, Resident, resident_id, "住户"))


def void_resident(ctx: Context, resident_id: int, reason: str, *, expected_version: int) -> ResidentRow:
    """A person entered by mistake: voided with a reason (客服主管 and above), ties ended too."""
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        records.void(ctx, s, r, reason, expected_version=expected_version, status_field=None)
        for tie in s.scalars(select(UnitResident).where(UnitResident.resident_id == r.id, *_CURRENT_TIE)):
            records.update(ctx, s, tie, {"move_out": ctx.now().date()}, expected_version=None, action="迁出",
                           note=f"住户作废：{r.void_reason}")
        return _resident_row(s, r)


def link_resident(ctx: Context, resident_id: int, unit_no: str, role: ResidentRole | str,
                  move_in: date | None = None) -> ResidentRow:
    _require_editor(ctx)
    role = v.choice("身份", role, ResidentRole, key="role")
    v.parse_unit(unit_no, required=True)
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        if r.is_void:
            raise ValidationError("住户", "已作废，不能关联房屋")
        unit, _ = ensure_unit(ctx, s, unit_no)
        tie = s.scalars(select(UnitResident).where(UnitResident.unit_id == unit.id,
                                                   UnitResident.resident_id == r.id, *_CURRENT_TIE)).first()
        if tie is None:
            records.create(ctx, s, UnitResident, unit_id=unit.id, resident_id=r.id, role=role.value, move_in=move_in)
        else:
            changes = {"role": role.value}
            if move_in is not None:
                changes["move_in"] = move_in
            records.update(ctx, s, tie, changes, expected_version=None)
        return _resident_row(s, r)


def unlink_resident(ctx: Context, resident_id: int, unit_no: str, move_out: date | None = None) -> ResidentRow:
    """End a person's tie to a unit (moved out); the history keeps it."""
    _require_editor(ctx)
    code = v.normalize_unit(unit_no, required=True)
    with ctx.unit_of_work() as s:
        r = records.get_by_id(s, Resident, resident_id, "住户")
        unit = _unit(s, ctx, code)
        tie = None if unit is None else s.scalars(select(UnitResident).where(
            UnitResident.unit_id == unit.id, UnitResident.resident_id == r.id, *_CURRENT_TIE)).first()
        if tie is None:
            raise NotFound(f"{r.name} 与 {code} 没有关联")
        move_out = move_out or ctx.now().date()
        if tie.move_in and move_out < tie.move_in:
            raise ValidationError("迁出日期", f"不能早于入住日期 {tie.move_in:%Y-%m-%d}", "move_out")
        records.update(ctx, s, tie, {"move_out": move_out}, expected_version=None, action="迁出")
        return _resident_row(s, r)


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


def _resident_query(ctx: Context, text: str | None):
    q = select(Resident).where(Resident.site_code == ctx.site.code, Resident.voided_at.is_(None))
    text = (text or "").strip()
    if text:
        unit_ids = (select(UnitResident.resident_id).join(Unit, Unit.id == UnitResident.unit_id)
                    .where(*_CURRENT_TIE, Unit.code.contains(_unit_fragment(text), autoescape=True)))
        q = q.where(or_(_person_matches(text), Resident.id.in_(unit_ids)))
    return q


def search_residents(ctx: Context, text: str | None = None, *, offset: int = 0, limit: int = 200) -> list[ResidentRow]:
    """By name, phone fragment or unit number (any usual spelling, or a part of one)."""
    q = _resident_query(ctx, text).order_by(Resident.name, Resident.id).offset(offset).limit(limit)
    with ctx.read() as s:
        return _resident_rows(s, list(s.scalars(q)))


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
             .where(Unit.site_code == ctx.site.code, Unit.code == code, *_CURRENT_TIE,
                    Resident.voided_at.is_(None))
             .order_by(UnitResident.id))
        return [PhoneMatch(n, p, c, r) for n, p, c, r in s.execute(q).all()]
