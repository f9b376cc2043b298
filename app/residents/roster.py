"""The roster workbook (房屋住户): buildings, units and residents imported all or nothing;
importing the same roster again changes nothing."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import func, select

from app.core import records
from app.core.context import Context
from app.core.models import Building, Resident, UnitResident
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.residents.roster_sheet import parse_roster
from app.residents.units import ensure_unit

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class RosterResult:
    path: str
    rows: int
    buildings_created: int
    units_created: int
    units_updated: int
    residents_created: int
    residents_updated: int
    links_created: int
    links_updated: int
    warnings: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> int:
        return (self.buildings_created + self.units_created + self.units_updated + self.residents_created
                + self.residents_updated + self.links_created + self.links_updated)

    def summary(self) -> str:
        return (f"共 {self.rows} 行：新增楼栋 {self.buildings_created}，新增房屋 {self.units_created}，"
                f"更新房屋 {self.units_updated}，新增住户 {self.residents_created}，更新住户 {self.residents_updated}，"
                f"新增住户关联 {self.links_created}，更新住户关联 {self.links_updated}")


def import_roster(ctx: Context, path: str | os.PathLike, *, progress: ProgressFn | None = None) -> RosterResult:
    """Buildings, units and residents from the 房屋住户 sheet; all or nothing; re-import changes nothing."""
    from app.exchange.reader import WorkbookInvalid, open_workbook

    ctx.require_role(Role.SUPERVISOR, "导入房屋住户名册")
    wb = open_workbook(path)
    try:
        parsed = parse_roster(wb, progress=progress)
    finally:
        wb.close()
    if parsed.errors:
        raise WorkbookInvalid(parsed.errors, "名册")
    from app.exchange.reader import error_line

    stats = dict(buildings_created=0, units_created=0, units_updated=0, residents_created=0,
                 residents_updated=0, links_created=0, links_updated=0)
    site = ctx.site.code
    with ctx.unit_of_work() as s:
        buildings_before = s.scalar(select(func.count()).select_from(Building).where(Building.site_code == site))
        errors: list[str] = []
        for i, row in enumerate(parsed.rows, 1):
            if progress and i % 200 == 0:
                progress(i, len(parsed.rows))
            try:
                with s.begin_nested():
                    _roster_row(ctx, s, row, stats, ensure_unit)
            except ValidationError as exc:
                errors.append(error_line(parsed.sheet, row.row, exc.field, exc.reason))
        if errors:
            raise WorkbookInvalid(errors, "名册")
        stats["buildings_created"] = (s.scalar(select(func.count()).select_from(Building)
                                               .where(Building.site_code == site)) - buildings_before)
        result = RosterResult(str(path), len(parsed.rows), warnings=tuple(parsed.warnings), **stats)
        if result.changed:
            records.audit(ctx, s, "导入名册", entity="roster", note=f"{os.path.basename(str(path))}：{result.summary()}")
    return result


def _roster_row(ctx: Context, s, row, stats: dict, ensure_unit) -> None:
    unit, created = ensure_unit(ctx, s, row.unit_code, floor_area=row.floor_area)
    if created and row.name is None and row.note:
        records.update(ctx, s, unit, {"note": row.note}, expected_version=None, action="导入名册")
    if created:
        stats["units_created"] += 1
    else:
        changes = {}
        if row.floor_area is not None and unit.floor_area != row.floor_area:
            changes["floor_area"] = row.floor_area
        if row.name is None and row.note and unit.note != row.note:
            changes["note"] = row.note
        if changes:
            records.update(ctx, s, unit, changes, expected_version=None, action="导入名册")
            stats["units_updated"] += 1
    if row.name is None:
        return
    site = ctx.site.code
    q = select(Resident).where(Resident.site_code == site, Resident.voided_at.is_(None), Resident.name == row.name)
    if row.phone:
        person = s.scalars(q.where(Resident.phone_digits == v.phone_digits(row.phone))
                           .order_by(Resident.id)).first()
    else:
        tied = select(UnitResident.resident_id).where(UnitResident.unit_id == unit.id,
                                                      UnitResident.voided_at.is_(None))
        person = s.scalars(q.where(Resident.id.in_(tied)).order_by(Resident.id)).first()
    if person is None:
        person = records.create(ctx, s, Resident, name=row.name, phone=row.phone,
                                phone_digits=v.phone_digits(row.phone) or None, note=row.note, action="导入名册")
        stats["residents_created"] += 1
    elif row.note and person.note != row.note:
        records.update(ctx, s, person, {"note": row.note}, expected_version=None, action="导入名册")
        stats["residents_updated"] += 1
    tie = s.scalars(select(UnitResident).where(
        UnitResident.unit_id == unit.id, UnitResident.resident_id == person.id, UnitResident.voided_at.is_(None),
        UnitResident.move_out.is_(None)).order_by(UnitResident.id)).first()
    if tie is None:
        records.create(ctx, s, UnitResident, unit_id=unit.id, resident_id=person.id, role=row.role,
                       move_in=row.move_in, action="导入名册")
        stats["links_created"] += 1
    else:
        changes = {}
        if tie.role != row.role:
            changes["role"] = row.role
        if row.move_in is not None and tie.move_in != row.move_in:
            changes["move_in"] = row.move_in
        if changes:
            records.update(ctx, s, tie, changes, expected_version=None, action="导入名册")
            stats["links_updated"] += 1
