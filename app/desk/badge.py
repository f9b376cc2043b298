"""The navigation badge of 前台服务: what is late at the desk."""

from __future__ import annotations

from app.core.badges import Badge
from app.core.context import Context
from app.desk.applications import list_applications
from app.desk.loans import list_loans
from app.desk.memos import list_memos


def nav_badge(ctx: Context) -> Badge | None:
    """Red: items overdue, applications not handed back in time, memos late (sent or replied)."""
    loans = sum(1 for x in list_loans(ctx, out_only=True) if x.overdue)
    apps = sum(1 for a in list_applications(ctx, open_only=True) if a.late)
    memos = sum(1 for m in list_memos(ctx, open_only=True) if m.reply_late)
    parts = [text for n, text in ((loans, f"{loans} 件借用物品超时未还"), (apps, f"{apps} 份服务申请超时未交还"),
                                  (memos, f"{memos} 份联系函超时未回复")) if n]
    if not parts:
        return None
    return Badge(loans + apps + memos, "red", "；".join(parts))
