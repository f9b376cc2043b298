"""Repair work orders (维修工作单), the manager's follow-up spot checks, and
routine household visits (日常走访): the half-year plans and the points residents raise."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, RecordMixin


class RepairOrder(RecordMixin, Base):
    """One 维修工作单, from a reception 报修 record or entered directly."""

    __tablename__ = "repair_order"
    __table_args__ = (
        UniqueConstraint("site_code", "number", name="uq_repair_order_site_number"),
        Index("ix_repair_order_site_received", "site_code", "received_at"),
    )
    number: Mapped[str] = mapped_column(String(20))  # 单号, e.g. WX20261120001
    source_contact_uuid: Mapped[str | None] = mapped_column(String(36), index=True)  # 来源记录编号
    received_at: Mapped[datetime] = mapped_column(DateTime())  # 报修时间
    reporter: Mapped[str] = mapped_column(String(50))  # 报修人
    unit_no: Mapped[str | None] = mapped_column(String(40), index=True)  # 房号
    phone: Mapped[str | None] = mapped_column(String(40))  # 联系电话
    phone_digits: Mapped[str | None] = mapped_column(String(40), index=True)
    content: Mapped[str] = mapped_column(Text)  # 报修内容
    category: Mapped[str] = mapped_column(String(50))  # 类别
    urgency: Mapped[str] = mapped_column(String(10))  # 紧急程度
    paid: Mapped[bool] = mapped_column(Boolean, default=False)  # 是否有偿
    appointment_at: Mapped[datetime | None] = mapped_column(DateTime())  # 预约时间 (the agreed time)
    # dispatch and pick-up
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime())  # 派工时间
    dispatched_to: Mapped[str | None] = mapped_column(String(50))  # 工程部 or a named worker
    dispatched_by: Mapped[str | None] = mapped_column(String(50))
    pickup_due_at: Mapped[datetime | None] = mapped_column(DateTime())  # 接单时限
    picked_up_at: Mapped[datetime | None] = mapped_column(DateTime())  # 接单时间
    picked_up_by: Mapped[str | None] = mapped_column(String(50))  # 接单人
    pickup_late: Mapped[bool] = mapped_column(Boolean, default=False)
    # completion
    finish_due_at: Mapped[datetime | None] = mapped_column(DateTime())  # 完成时限
    completed_at: Mapped[datetime | None] = mapped_column(DateTime())  # 完成时间
    result: Mapped[str | None] = mapped_column(Text)  # 维修结果
    materials: Mapped[str | None] = mapped_column(Text)  # 材料 (what was used)
    cost: Mapped[float | None] = mapped_column(Numeric(12, 2, asdecimal=False))  # 材料及费用 (yuan)
    receipt_no: Mapped[str | None] = mapped_column(String(50))  # 收据号 (paid repairs)
    finish_late: Mapped[bool] = mapped_column(Boolean, default=False)
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)  # 是否超时 (sticky)
    chase_count: Mapped[int] = mapped_column(Integer, default=0)  # 催办次数
    last_chased_at: Mapped[datetime | None] = mapped_column(DateTime())
    # follow-up decision, drawn at completion and kept so the sample can be audited
    follow_up_required: Mapped[bool] = mapped_column(Boolean, default=False)  # 需回访
    follow_up_rule: Mapped[str | None] = mapped_column(String(20))  # 必访 / 抽中 / 未抽中
    sample_rate: Mapped[int | None] = mapped_column(Integer)  # percent in force at the draw
    sample_seed: Mapped[str | None] = mapped_column(String(40))  # random.Random(int(seed))
    sample_draw: Mapped[float | None] = mapped_column(Float)  # .random() of that generator
    feedback: Mapped[str | None] = mapped_column(String(10))  # last follow-up's 反馈意见
    closed_at: Mapped[datetime | None] = mapped_column(DateTime())
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    decline_reason: Mapped[str | None] = mapped_column(Text)  # 不予受理的说明
    status: Mapped[str] = mapped_column(String(10), index=True)  # 状态
    received_by: Mapped[str] = mapped_column(String(50))  # 受理人
    #: 合并处理: the UUID of the lead order of the group this one belongs to (the lead's own for
    #: the lead); ``group_saved`` keeps a member's own dispatch and deadlines to restore on undo.
    group_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    group_saved: Mapped[dict | None] = mapped_column(JSON)


class RepairSpotCheck(RecordMixin, Base):
    """One follow-up the manager re-calls in the monthly spot check, and what was found."""

    __tablename__ = "repair_spot_check"
    __table_args__ = (UniqueConstraint("site_code", "month", "follow_up_uuid", name="uq_repair_spot_check_pick"),)
    month: Mapped[str] = mapped_column(String(7), index=True)  # 2026-11
    follow_up_uuid: Mapped[str] = mapped_column(String(36))
    order_uuid: Mapped[str | None] = mapped_column(String(36))
    sample_seed: Mapped[str] = mapped_column(String(40))  # the month's draw (same for every pick)
    sample_size: Mapped[int] = mapped_column(Integer)
    population: Mapped[int] = mapped_column(Integer)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime())
    checked_by: Mapped[str | None] = mapped_column(String(50))
    result: Mapped[str | None] = mapped_column(String(10))  # 属实 / 不属实 / 未联系上
    note: Mapped[str | None] = mapped_column(Text)


class VisitPlan(RecordMixin, Base):
    """The supervisor's half-year plan of routine household visits for a building or an area."""

    __tablename__ = "visit_plan"
    year: Mapped[int] = mapped_column(Integer)
    half: Mapped[int] = mapped_column(Integer)  # 1 = 上半年, 2 = 下半年
    scope_kind: Mapped[str] = mapped_column(String(10))  # 楼栋 / 区域
    scope: Mapped[str] = mapped_column(String(50))  # building name or responsibility area
    visitor: Mapped[str] = mapped_column(String(50))  # 责任人
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class VisitIssue(RecordMixin, Base):
    """A point a resident raised on a routine visit: every one is answered (处理率 100%)."""

    __tablename__ = "visit_issue"
    follow_up_uuid: Mapped[str] = mapped_column(String(36), index=True)
    unit_no: Mapped[str | None] = mapped_column(String(40))
    raised_at: Mapped[datetime] = mapped_column(DateTime())
    content: Mapped[str] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(String(50))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime())
    answered_by: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), index=True)  # 待答复 / 已答复 / 已作废
