"""Finding applications: by permit number, and the list of applications with a text search."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from app.core.context import Context
from app.domain import validate as v
from app.domain.errors import NotFound, ValidationError
from app.renovation.application import RenovationRow, open_notice_counts, renovation_row, row_from
from app.renovation.models import Renovation, RenovationInspection


def find_by_permit(ctx: Context, permit_no: str) -> RenovationRow:
    permit_no = v.text("许可证号", permit_no, required=True, max_len=30, key="permit_no")
    with ctx.read() as s:
        reno = s.scalars(select(Renovation).where(Renovation.site_code == ctx.site.code,
                                                  func.upper(Renovation.permit_no) == permit_no.upper())).first()
        if reno is None:
            raise NotFound(f"找不到许可证号为 {permit_no} 的装修记录")
        return renovation_row(s, reno, ctx.now())


def list_applications(ctx: Context, *, status: str | None = None, text: str | None = None,
                      include_void: bool = False, limit: int = 2000) -> list[RenovationRow]:
    """Applications, newest first; ``text`` matches unit, owner, contractor or permit number."""
    now = ctx.now()
    with ctx.read() as s:
        q = select(Renovation).where(Renovation.site_code == ctx.site.code)
        if status:
            q = q.where(Renovation.status == status)
        elif not include_void:
            q = q.where(Renovation.voided_at.is_(None))
        text = (text or "").strip()
        if text:
            try:
                unit = v.normalize_unit(text)
            except ValidationError:
                unit = None
            conds = [Renovation.unit_no.contains(text, autoescape=True),
                     Renovation.owner.contains(text, autoescape=True),
                     Renovation.contractor.contains(text, autoescape=True),
                     Renovation.permit_no.contains(text.upper(), autoescape=True)]
            if unit:
                conds.append(Renovation.unit_no == unit)
            q = q.where(or_(*conds))
        renos = s.scalars(q.order_by(Renovation.created_at.desc(), Renovation.id.desc()).limit(limit)).all()
        ids = [r.id for r in renos]
        counts = open_notice_counts(s, ids, now)
        last = dict(s.execute(select(RenovationInspection.renovation_id, func.max(RenovationInspection.inspected_at))
                              .where(RenovationInspection.renovation_id.in_(ids),
                                     RenovationInspection.voided_at.is_(None))
                              .group_by(RenovationInspection.renovation_id)).all()) if ids else {}
        return [row_from(r, open_notices=counts.get(r.id, (0, 0))[0], overdue_notices=counts.get(r.id, (0, 0))[1],
                          last_inspected_at=last.get(r.id)) for r in renos]

