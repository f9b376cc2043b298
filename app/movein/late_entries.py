"""The one-week rule: a handover whose data was entered more than the allowed days after
the handover date is flagged, and the manager spot-checks it.
"""

from __future__ import annotations


from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.movein.handover_record import get_record, record_step
from app.movein.handover_data import HandoverData, handover_data
from app.movein.worklists import HandoverRow, list_handovers


def list_late_entries(ctx: Context, *, unreviewed_only: bool = True) -> list[HandoverRow]:
    """Handovers whose data was entered more than a week after the handover date (for the manager)."""
    rows = list_handovers(ctx, late_only=True)
    return [r for r in rows if not (unreviewed_only and r.late_reviewed_at)]


def review_late_entry(ctx: Context, uuid: str, note: str | None = None, *,
                      expected_version: int | None = None) -> HandoverData:
    """The manager's spot-check of a late entry."""
    actor = ctx.require_role(Role.MANAGER, "核查逾期录入的入伙资料")
    note = v.text("核查意见", note, max_len=1000, key="note")
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        if not h.late_entry:
            raise ValidationError("逾期录入", "该记录没有逾期录入，无需核查")
        if h.late_reviewed_at is not None:
            raise ValidationError("逾期录入", f"已由 {h.late_reviewed_by} 于 {h.late_reviewed_at:%Y-%m-%d %H:%M} 核查")
        record_step(ctx, s, h, "核查逾期录入", note or "已核查",
                    changes={"late_reviewed_at": ctx.now(), "late_reviewed_by": actor.name, "late_review_note": note},
                    expected_version=expected_version, data_entry=False)
        return handover_data(ctx, s, h)
