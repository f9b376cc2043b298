"""Qt table models over plain service rows (ComplaintRow, ReviewLineRow, FollowUpRow,
FollowUpDueRow): the lists are small (open items, one day, one period) and fully loaded."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable, Sequence

from PySide6.QtGui import QColor

from app.complaints import ComplaintStatus, Feedback
from ui.shared import rows_table_model as shared
from ui.shared.rows_table_model import AMBER, RED, RowStyle

GREY = QColor("#757575")
# Whole rows: text colour only (no background), named by the models below.
STYLES = {"red": RowStyle(fg=RED), "overdue": RowStyle(fg=RED), "amber": RowStyle(fg=AMBER),
          "soon": RowStyle(fg=AMBER), "grey": RowStyle(fg=GREY)}


def fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def fmt_full(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def Column(title: str, get: Callable[[Any], Any], *, tooltip: Callable[[Any], str] | None = None,  # noqa: N802
           align_right: bool = False) -> shared.Column:
    """A shared :class:`ui.shared.rows_table_model.Column` whose cells use this module's short
    date-time format (month-day hour:minute: the lists are recent)."""
    return shared.Column(title, lambda row: fmt(get(row)), align_right=align_right, tooltip=tooltip)


class RowsTableModel(shared.RowsTableModel):
    """The shared model; ``color_of(row)`` names a text colour ("red", "overdue", "amber", "soon", "grey")."""

    def __init__(self, columns: Sequence[shared.Column], color_of: Callable[[Any], str | None] | None = None,
                 parent=None):
        super().__init__(columns, parent,
                         style=None if color_of is None else (lambda row: STYLES.get(color_of(row) or "")))


# ---------------------------------------------------------------- the models of this module

def _due(row) -> str:
    if row.next_due_at is None or not row.is_open:
        return ""
    return f"{row.next_due_kind or ''} {row.next_due_at:%m-%d %H:%M}"


def complaint_color(row) -> str | None:
    if row.status == ComplaintStatus.VOID:
        return "grey"
    return row.due_state if row.due_state in ("overdue", "soon") else None


class ComplaintTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("受理时间", lambda r: r.received_at),
            Column("投诉人", lambda r: r.complainant),
            Column("房号", lambda r: r.unit_no),
            Column("类别", lambda r: r.category),
            Column("性质", lambda r: r.severity),
            Column("状态", lambda r: r.status),
            Column("合并", lambda r: "" if not r.case_uuid else ("主投诉" if r.case_uuid == r.uuid else "已并入"),
                   tooltip=lambda r: "与其他投诉合并处理（同一事项）" if r.case_uuid else ""),
            Column("责任部门", lambda r: r.department or ("前台" if r.within_desk_scope else "")),
            Column("负责级别", lambda r: r.level_label),
            Column("下一时限", _due, tooltip=lambda r: {"overdue": "已超时", "soon": "即将到期"}.get(r.due_state or "", "")),
            Column("超时", lambda r: "是" if r.overdue else ""),
            Column("受理人", lambda r: r.received_by),
            Column("投诉内容", lambda r: r.content, tooltip=lambda r: r.content),
        ], complaint_color, parent)


class ReviewTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("受理时间", lambda r: r.complaint.received_at),
            Column("投诉人", lambda r: r.complaint.complainant),
            Column("房号", lambda r: r.complaint.unit_no),
            Column("渠道", lambda r: r.complaint.channel),
            Column("性质", lambda r: r.severity),
            Column("投诉内容", lambda r: r.complaint.content, tooltip=lambda r: r.complaint.content),
            Column("责任部门", lambda r: r.department),
            Column("处理意见", lambda r: r.complaint.opinion, tooltip=lambda r: r.complaint.opinion or ""),
            Column("处理结果", lambda r: r.result, tooltip=lambda r: r.result),
            Column("完成时间", lambda r: r.completed_at),
            Column("状态", lambda r: r.status),
            Column("是否超时", lambda r: "是" if r.late else "否"),
            Column("回访情况", lambda r: r.follow_up),
            Column("列入原因", lambda r: r.why),
        ], lambda r: "red" if r.late and r.complaint.is_open else None, parent)


class FollowUpTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("回访时间", lambda r: r.visited_at),
            Column("关联类型", lambda r: r.subject_type),
            Column("房号", lambda r: r.unit_no),
            Column("受访人", lambda r: r.interviewee),
            Column("回访方式", lambda r: r.method),
            Column("回访内容", lambda r: r.content, tooltip=lambda r: r.content),
            Column("反馈意见", lambda r: r.feedback_grade),
            Column("回访人", lambda r: r.visitor),
            Column("备注", lambda r: r.remark),
        ], lambda r: "red" if r.feedback == Feedback.DISSATISFIED else None, parent)


class DueFollowUpTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("类型", lambda r: r.subject_type),
            Column("事项", lambda r: r.title, tooltip=lambda r: r.title),
            Column("房号", lambda r: r.unit_no),
            Column("联系人", lambda r: r.person),
            Column("电话", lambda r: r.phone),
            Column("完成时间", lambda r: r.completed_at),
            Column("回访期限", lambda r: r.due_at),
            Column("状态", lambda r: {"overdue": "已超时", "soon": "即将到期", "today": "今日到期"}.get(r.due_state or "", "")),
        ], lambda r: r.due_state, parent)
