"""What the residents modules share: the site's building or unit by number, a current tie
(not voided, not moved out), matching a person by name or phone digits, reading a typed unit
number (or a part of one), and the editor's permission."""

from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.context import Context
from app.core.models import Building, Resident, Unit, UnitResident
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError

#: A tie that holds now: not voided and not moved out.
CURRENT_TIE = (UnitResident.voided_at.is_(None), UnitResident.move_out.is_(None))


def chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def find_building(s: Session, ctx: Context, name: str) -> Building | None:
    return s.scalars(select(Building).where(Building.site_code == ctx.site.code, Building.name == name)).first()


def find_unit(s: Session, ctx: Context, code: str) -> Unit | None:
    return s.scalars(select(Unit).where(Unit.site_code == ctx.site.code, Unit.code == code)).first()


def require_editor(ctx: Context) -> None:
    ctx.require_role(Role.RECEPTIONIST, "编辑业主与房屋")


def person_matches(text: str):
    """Name contains the text, or the phone contains its digits (3 or more)."""
    conds = [Resident.name.contains(text, autoescape=True)]
    digits = v.phone_digits(text)
    if digits and len(digits) >= 3:
        conds.append(Resident.phone_digits.contains(digits, autoescape=True))
    return or_(*conds)


def unit_fragment(text: str) -> str:
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

