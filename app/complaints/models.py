"""Complaints (投诉), their progress entries, and follow-up visits (回访)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, RecordMixin


class Complaint(RecordMixin, Base):
    __tablename__ = "complaint"
    __table_args__ = (Index("ix_complaint_site_received", "site_code", "received_at"),)
    source_contact_uuid: Mapped[str | None] = mapped_column(String(36))
    #: 合并处理: the 记录编号 of the lead complaint of the case this one belongs to (the lead's own
    #: for the lead); ``case_saved`` keeps a member's own 责任部门/处理人/时限 to restore on undo.
    case_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    case_saved: Mapped[dict | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime(), index=True)  # 受理时间
    channel: Mapped[str] = mapped_column(String(10))  # 渠道
    complainant: Mapped[str] = mapped_column(String(50))
    unit_no: Mapped[str | None] = mapped_column(String(40), index=True)
    phone: Mapped[str] = mapped_column(String(40))
    phone_digits: Mapped[str | None] = mapped_column(String(40), index=True)
    category: Mapped[str] = mapped_column(String(50))
    severity: Mapped[str] = mapped_column(String(10))  # 性质
    validity: Mapped[str] = mapped_column(String(10))  # 有效性
    invalid_explanation: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(String(50))  # 责任部门
    handler: Mapped[str | None] = mapped_column(String(50))  # 处理人
    within_desk_scope: Mapped[bool] = mapped_column(Boolean, default=True)
    due_at: Mapped[datetime | None] = mapped_column(DateTime())  # 处理时限
    start_due_at: Mapped[datetime | None] = mapped_column(DateTime())
    reply_due_at: Mapped[datetime | None] = mapped_column(DateTime())
    promised_reply_at: Mapped[datetime | None] = mapped_column(DateTime())  # 重大: reply date told to resident
    follow_up_due_at: Mapped[datetime | None] = mapped_column(DateTime())
    started_at: Mapped[datetime | None] = mapped_column(DateTime())
    opinion: Mapped[str | None] = mapped_column(Text)  # 处理意见
    result: Mapped[str | None] = mapped_column(Text)  # 处理结果
    completed_at: Mapped[datetime | None] = mapped_column(DateTime())
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)  # 是否超时
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime())
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_method: Mapped[str | None] = mapped_column(String(10))
    reply_at: Mapped[datetime | None] = mapped_column(DateTime())
    status: Mapped[str] = mapped_column(String(10), index=True)
    reviewer: Mapped[str | None] = mapped_column(String(50))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime())
    review_opinion: Mapped[str | None] = mapped_column(Text)
    received_by: Mapped[str] = mapped_column(String(50))  # 受理人
    # Added by 0003_complaints: the work lists read these instead of recomputing deadlines.
    next_due_at: Mapped[datetime | None] = mapped_column(DateTime(), index=True)  # earliest pending deadline
    next_due_kind: Mapped[str | None] = mapped_column(String(10))  # 开始处理 / 处理完成 / 答复住户 / 进展记录 / 回访
    progress_due_at: Mapped[datetime | None] = mapped_column(DateTime())  # next 进展记录 due (open > 5 working days)
    handed_over_at: Mapped[datetime | None] = mapped_column(DateTime())  # 转交时间
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime())  # last 不满意 → 处理中
    closed_at: Mapped[datetime | None] = mapped_column(DateTime())
    escalation_reason: Mapped[str | None] = mapped_column(Text)


class ComplaintDailyReview(RecordMixin, Base):
    """The supervisor's sign-off of one day's complaints (KF-02 审核意见 / 审核人 / 审核时间)."""

    __tablename__ = "complaint_daily_review"
    __table_args__ = (UniqueConstraint("site_code", "day", name="uq_complaint_daily_review_site_day"),)
    day: Mapped[date] = mapped_column(Date)
    opinion: Mapped[str] = mapped_column(Text)  # 审核意见
    reviewer: Mapped[str] = mapped_column(String(50))  # 审核人 (display name)
    reviewer_username: Mapped[str] = mapped_column(String(50))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime())  # 审核时间
    complaint_count: Mapped[int] = mapped_column(Integer, default=0)  # 当日投诉 N 件 (the list signed)
    handled_count: Mapped[int] = mapped_column(Integer, default=0)
    overdue_count: Mapped[int] = mapped_column(Integer, default=0)


class ComplaintProgress(RecordMixin, Base):
    """A progress entry (进展记录) on a complaint open for long."""

    __tablename__ = "complaint_progress"
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime())
    note: Mapped[str] = mapped_column(Text)


class FollowUp(RecordMixin, Base):
    __tablename__ = "follow_up"
    visited_at: Mapped[datetime] = mapped_column(DateTime(), index=True)  # 回访时间
    subject_type: Mapped[str] = mapped_column(String(10))  # 关联类型
    subject_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    unit_no: Mapped[str | None] = mapped_column(String(40), index=True)
    interviewee: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(40))
    method: Mapped[str] = mapped_column(String(10))
    content: Mapped[str] = mapped_column(Text)
    feedback: Mapped[str] = mapped_column(String(10))
    visitor: Mapped[str] = mapped_column(String(50))
    remark: Mapped[str | None] = mapped_column(Text)
