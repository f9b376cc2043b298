"""Business numbers of the desk services (借用单 JY…, 服务单 YF…, 申请单 SQ…, 联系函 LXH…,
告知 GZ…): the head, the date and a running number of that day from the site's counter,
taken in the caller's transaction so two desks never get the same number."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import numbering
from app.desk.rules import day_prefix

HEADS = {"desk_loan": "JY", "desk_service_order": "YF", "desk_application": "SQ", "desk_memo": "LXH",
         "desk_notice": "GZ"}


def next_number(s: Session, model, site_code: str, day: date) -> str:
    """The next number of ``model``'s series on ``day``, e.g. ``JY20261120001``."""
    prefix = day_prefix(HEADS[model.__tablename__], day)

    def existing() -> int:
        return numbering.highest_suffix(s.scalars(select(model.number).where(
            model.site_code == site_code, model.number.startswith(prefix))), prefix)

    seq = numbering.next_value(s, site_code, model.__tablename__, prefix, existing)
    return f"{prefix}{seq:03d}"
