"""Buildings (楼栋): add, correct, list with their unit counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core import records
from app.core.context import Context
from app.core.models import Building, Unit
from app.domain import validate as v
from app.domain.errors import ValidationError
from app.residents.common import find_building, require_editor


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
    require_editor(ctx)
    name = _building_name(name)
    with ctx.unit_of_work() as s:
        if find_building(s, ctx, name) is not None:
            raise ValidationError("楼栋", f"“{name}”已存在", "name")
        b = records.create(ctx, s, Building, name=name,
                           label=v.text("楼栋名称", label, max_len=50, key="label") or f"{name}栋",
                           area=v.text("区域", area, max_len=50, key="area"),
                           note=v.text("备注", note, max_len=500, key="note"))
        return records.to_row(b, BuildingRow, unit_count=0)


def update_building(ctx: Context, building_id: int, *, expected_version: int, label: str | None = None,
                    area: str | None = None, note: str | None = None) -> BuildingRow:
    require_editor(ctx)
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

