"""The building overview: every unit of a building, floor by floor, with its handover status
and its open and overdue defects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from app.core.context import Context
from app.core.models import Building, Unit
from app.domain import validate as v
from app.domain.errors import NotFound
from app.movein.models import Defect, Handover
from app.movein.vocab import OPEN_DEFECT, UnitStatus
from app.movein.handover_record import site_today


@dataclass(frozen=True)
class UnitCell:
    """One unit in the building overview."""

    unit_no: str
    entrance: str | None
    room: str
    floor: str
    position: str
    status: str
    handover_uuid: str | None
    receiver: str | None
    open_defects: int
    overdue_defects: int


@dataclass(frozen=True)
class BuildingOverviewData:
    building: str
    cells: tuple[UnitCell, ...]
    counts: dict[str, int]  # per UnitStatus value, in that order
    open_defects: int


def _floor_position(room: str) -> tuple[str, str]:
    """``1502`` → (``15``, ``02``); a room that is not a number stays on its own row."""
    if room.isdigit() and len(room) >= 3:
        return str(int(room[:-2])), room[-2:]
    m = re.match(r"^([A-Z]?)(\d+)(\d\d)$", room)
    if m:
        return str(int(m.group(2))), m.group(1) + m.group(3)
    return "", room


def building_overview(ctx: Context, building: str) -> BuildingOverviewData:
    """Every unit of a building with its handover status and open defects."""
    building = v.text("楼栋", building, required=True, max_len=20, key="building")
    today = site_today(ctx)
    with ctx.read() as s:
        b = s.scalars(select(Building).where(Building.site_code == ctx.site.code, Building.name == building)).first()
        if b is None:
            raise NotFound(f"找不到楼栋 {building}")
        units = s.scalars(select(Unit).where(Unit.building_id == b.id, Unit.voided_at.is_(None))).all()
        codes = [u.code for u in units]
        latest: dict[str, Handover] = {}
        if codes:
            for h in s.scalars(select(Handover).where(Handover.site_code == ctx.site.code,
                                                      Handover.unit_no.in_(codes), Handover.voided_at.is_(None))
                               .order_by(Handover.handover_at, Handover.id)):
                latest[h.unit_no] = h
        open_: dict[str, int] = {}
        overdue: dict[str, int] = {}
        if codes:
            rows = s.execute(select(Defect.unit_no, Defect.deadline).join(Handover, Handover.id == Defect.handover_id)
                             .where(Defect.unit_no.in_(codes), Defect.status.in_(OPEN_DEFECT),
                                    Defect.voided_at.is_(None), Handover.voided_at.is_(None))).all()
            for code, deadline in rows:
                open_[code] = open_.get(code, 0) + 1
                if deadline and deadline < today:
                    overdue[code] = overdue.get(code, 0) + 1
        cells = []
        counts = {st.value: 0 for st in UnitStatus}
        for u in sorted(units, key=lambda u: v.natural_key(u.code)):
            h = latest.get(u.code)
            status = UnitStatus.NOT_DELIVERED.value if h is None else h.status
            counts[status] = counts.get(status, 0) + 1
            floor, pos = _floor_position(u.room)
            cells.append(UnitCell(u.code, u.entrance, u.room, floor, pos, status, h.uuid if h else None,
                                  h.receiver_name if h else None, open_.get(u.code, 0), overdue.get(u.code, 0)))
        return BuildingOverviewData(building, tuple(cells), counts, sum(open_.values()))
