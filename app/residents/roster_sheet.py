"""The roster workbook (房屋住户): buildings, units and residents, checked row by row.

Only reading and checking live here; app.residents.roster.import_roster writes the
checked rows through the residents service in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain import validate as v
from app.domain.enums import ResidentRole
from app.domain.errors import ValidationError
from app.exchange import cells
from app.exchange.reader import ProgressFn, error_line
from app.exchange.spec import DATE, ENUM, NUMBER, TEXT, Column

ROSTER_SHEET = "房屋住户"

COLUMNS = (
    Column("楼栋", "building", TEXT, required=True, max_len=20),
    Column("单元", "entrance", TEXT, max_len=10),
    Column("房号", "room", TEXT, required=True, max_len=40),
    Column("建筑面积", "floor_area", NUMBER, min_value=0.01, max_value=99999),
    Column("姓名", "name", TEXT, max_len=50),
    Column("身份", "role", ENUM, choices=ResidentRole),
    Column("联系电话", "phone", TEXT, max_len=40),
    Column("入住日期", "move_in", DATE),
    Column("备注", "note", TEXT, max_len=500),
)
HEADERS = [c.header for c in COLUMNS]

_BUILDING_SUFFIX = re.compile(r"(号楼|栋|幢|座|楼|#)$")
_ENTRANCE_SUFFIX = re.compile(r"(单元|号门|门|梯)$")
_ROOM_SUFFIX = re.compile(r"(室|号|房)$")


@dataclass(frozen=True)
class RosterRow:
    row: int
    unit_code: str
    floor_area: float | None
    name: str | None
    role: str | None
    phone: str | None
    move_in: date | None
    note: str | None


@dataclass
class ParsedRoster:
    sheet: str
    rows: list[RosterRow]
    errors: list[str]
    warnings: list[str]


def unit_code(building: str, entrance: str | None, room: str) -> str:
    """The canonical unit number (3-2-1502) from the three roster columns."""
    b = _BUILDING_SUFFIX.sub("", building.strip())
    e = _ENTRANCE_SUFFIX.sub("", entrance.strip()) if entrance else ""
    r = room.strip()
    if re.search(r"[-/－]", r):  # the 房号 column holds the whole number, e.g. 3-2-1502
        full = v.parse_unit(r)
        if full.building != v.parse_unit(f"{b}-{full.room}").building:
            raise ValidationError("房号", f"“{room}”与楼栋“{building}”不一致")
        return full.code
    r = _ROOM_SUFFIX.sub("", r)
    return v.normalize_unit(f"{b}-{e}-{r}" if e else f"{b}-{r}", required=True)


def parse_roster(wb, *, progress: ProgressFn | None = None) -> ParsedRoster:
    name = ROSTER_SHEET if ROSTER_SHEET in wb.sheetnames else wb.sheetnames[0]
    ws = wb[name]
    errors: list[str] = []
    warnings: list[str] = []
    rows_iter = ws.iter_rows(values_only=True)
    header = next(rows_iter, None) or ()
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        if h is not None and str(h).strip():
            h = str(h).strip()
            if h in index:
                errors.append(error_line(name, 1, h, "列名重复"))
            index.setdefault(h, i)
    for col in COLUMNS:
        if col.header not in index:
            if col.required:
                errors.append(error_line(name, 1, col.header, "缺少必需的列"))
            else:
                warnings.append(error_line(name, 1, col.header, "缺少此列，按空值处理"))
    for h in index:
        if h not in HEADERS:
            warnings.append(error_line(name, 1, h, "不认识的列，已忽略"))
    if errors:
        return ParsedRoster(name, [], errors, warnings)
    out: list[RosterRow] = []
    total = max((ws.max_row or 1) - 1, 0)
    for rownum, row in enumerate(rows_iter, start=2):
        if progress and rownum % 500 == 0:
            progress(rownum - 1, total)
        if all(x is None or (isinstance(x, str) and not x.strip()) for x in row):
            continue
        values: dict[str, Any] = {}
        ok = True
        for col in COLUMNS:
            i = index.get(col.header)
            raw = row[i] if i is not None and i < len(row) else None
            try:
                values[col.attr] = cells.parse_cell(col, raw)
            except cells.CellError as exc:
                errors.append(error_line(name, rownum, col.header, str(exc)))
                ok = False
        if not ok:
            continue
        try:
            code = unit_code(values["building"], values["entrance"], values["room"])
        except ValidationError as exc:
            errors.append(error_line(name, rownum, "房号", exc.reason))
            continue
        phone = None
        if values["phone"]:
            try:
                phone = v.normalize_phone(values["phone"])
            except ValidationError as exc:
                errors.append(error_line(name, rownum, "联系电话", exc.reason))
                continue
        person = values["name"]
        if person is not None:
            person = person.strip()
            if not values["role"]:
                errors.append(error_line(name, rownum, "身份", "填写了姓名时必填，应为 业主 / 住户 / 租户"))
                continue
        elif phone or values["role"] or values["move_in"]:
            errors.append(error_line(name, rownum, "姓名", "填写了身份、联系电话或入住日期时必须填写姓名"))
            continue
        out.append(RosterRow(rownum, code, round(values["floor_area"], 2) if values["floor_area"] else None,
                             person, values["role"], phone, values["move_in"],
                             values["note"].strip() if values["note"] else None))
    return ParsedRoster(name, out, errors, warnings)
