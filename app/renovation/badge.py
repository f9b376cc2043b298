"""The navigation badge of 装修管理: what needs attention today."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.badges import Badge
from app.core.context import Context
from app.renovation.models import RectificationNotice, Renovation
from app.renovation.rounds import round_for
from app.renovation.vocab import OPEN_NOTICE_STATUSES, RenovationStatus


def nav_badge(ctx: Context) -> Badge | None:
    """Red: rectification notices past their deadline. Amber: units not inspected for
    two days or more, and applications waiting for approval."""
    now = ctx.now()
    with ctx.read() as s:
        overdue = s.scalar(select(func.count()).select_from(RectificationNotice).join(
            Renovation, Renovation.id == RectificationNotice.renovation_id).where(
            RectificationNotice.site_code == ctx.site.code,
            RectificationNotice.status.in_(OPEN_NOTICE_STATUSES), RectificationNotice.deadline < now,
            Renovation.voided_at.is_(None))) or 0
        pending = s.scalar(select(func.count()).select_from(Renovation).where(
            Renovation.site_code == ctx.site.code, Renovation.status == RenovationStatus.PENDING.value)) or 0
    if overdue:
        return Badge(overdue, "red", f"{overdue} 份整改通知书已过整改期限未复查")
    stale = sum(1 for item in round_for(ctx, now.date()) if item.stale)
    if stale or pending:
        parts = []
        if stale:
            parts.append(f"{stale} 户装修两天以上未巡查")
        if pending:
            parts.append(f"{pending} 份装修申请待审批")
        return Badge(stale + pending, "amber", "；".join(parts))
    return None
