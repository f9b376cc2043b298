"""Desk services: loans of items (借用物品), paid service orders (有偿服务), shift handovers
(交接班) and the day's cash report for finance (日结), service applications (服务申请单),
internal memos (内部工作联系函) and notices (告知) with each household's confirmation.

Money is integer fen. The item register and the price list are site settings
(:mod:`app.desk.desk_settings`); a loan or an order keeps a copy of what it was lent or sold at.
A loan's deposit belongs to the shift it was lent in (``lend_handover_id``), its refund and fee
to the shift it came back in (``return_handover_id``); a service order's fee to its shift
(``handover_id``). Those ids are set when the shift is signed over, and from then on the
money of that record refuses edits.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, RecordMixin


class ShiftHandover(RecordMixin, Base):
    """交接班: one shift signed over to the next person, with the money and open items as signed.

    ``created_at`` / ``created_by`` are the signing time and the person handing over."""

    __tablename__ = "desk_handover"
    __table_args__ = (Index("ix_desk_handover_site_signed", "site_code", "signed_at"),)
    shift_start: Mapped[datetime | None] = mapped_column(DateTime())  # the previous handover (None: the first)
    signed_at: Mapped[datetime] = mapped_column(DateTime())  # 交接时间
    handed_by: Mapped[str] = mapped_column(String(50))  # 交班人
    received_by: Mapped[str] = mapped_column(String(50))  # 接班人
    deposits_in_fen: Mapped[int] = mapped_column(Integer, default=0)  # 收取押金
    deposits_out_fen: Mapped[int] = mapped_column(Integer, default=0)  # 退还押金
    fees_fen: Mapped[int] = mapped_column(Integer, default=0)  # 收费 (借用费 + 有偿服务费)
    expected_cash_fen: Mapped[int] = mapped_column(Integer, default=0)  # 应有现金 (cash only)
    counted_cash_fen: Mapped[int] = mapped_column(Integer, default=0)  # 实点现金
    explanation: Mapped[str | None] = mapped_column(Text)  # 差异说明
    deposits_held_fen: Mapped[int] = mapped_column(Integer, default=0)  # 在借押金 (items out, at signing)
    loans_out: Mapped[int] = mapped_column(Integer, default=0)  # 在借物品数
    open_items: Mapped[str | None] = mapped_column(Text)  # 未结事项 as signed, one per line
    remarks: Mapped[str | None] = mapped_column(Text)  # 备注
    status: Mapped[str] = mapped_column(String(10), default="已签字")


class DailyCash(RecordMixin, Base):
    """日结: the day's cash report handed to finance."""

    __tablename__ = "desk_daily_cash"
    __table_args__ = (Index("ix_desk_daily_cash_site_day", "site_code", "day"),)
    day: Mapped[date] = mapped_column(Date)
    deposits_in_fen: Mapped[int] = mapped_column(Integer, default=0)
    deposits_out_fen: Mapped[int] = mapped_column(Integer, default=0)
    loan_fees_fen: Mapped[int] = mapped_column(Integer, default=0)
    service_fees_fen: Mapped[int] = mapped_column(Integer, default=0)
    cash_fen: Mapped[int] = mapped_column(Integer, default=0)  # net cash of the day
    handovers: Mapped[int] = mapped_column(Integer, default=0)  # 当日交接班次数
    handed_by: Mapped[str] = mapped_column(String(50))  # 交款人
    received_by: Mapped[str] = mapped_column(String(50))  # 财务接收人
    remarks: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="已签字")


class Loan(RecordMixin, Base):
    """One loan of one item (one line of 借用物品登记表)."""

    __tablename__ = "desk_loan"
    __table_args__ = (
        UniqueConstraint("site_code", "number", name="uq_desk_loan_site_number"),
        Index("ix_desk_loan_site_status", "site_code", "status"),
    )
    number: Mapped[str] = mapped_column(String(30))  # 借用单号
    item_no: Mapped[str] = mapped_column(String(30), index=True)  # 物品编号
    item_name: Mapped[str] = mapped_column(String(50))  # 物品名称
    borrower: Mapped[str] = mapped_column(String(50))  # 借用人
    unit_no: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    lent_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime())  # 应还时间
    deposit_fen: Mapped[int] = mapped_column(Integer, default=0)
    deposit_receipt: Mapped[str | None] = mapped_column(String(50))  # 押金收据号
    pay_method: Mapped[str] = mapped_column(String(10))
    free_minutes: Mapped[int] = mapped_column(Integer, default=60)
    rate_fen: Mapped[int] = mapped_column(Integer, default=0)  # 每小时收费 after the free period
    returned_at: Mapped[datetime | None] = mapped_column(DateTime())
    condition: Mapped[str | None] = mapped_column(String(10))  # 完好 / 损坏 / 丢失
    fee_fen: Mapped[int | None] = mapped_column(Integer)  # 借用费
    refund_fen: Mapped[int | None] = mapped_column(Integer)  # 退还押金
    refund_receipt: Mapped[str | None] = mapped_column(String(50))
    returned_to: Mapped[str | None] = mapped_column(String(50))  # 经办 of the return
    status: Mapped[str] = mapped_column(String(10), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    lend_handover_id: Mapped[int | None] = mapped_column(ForeignKey("desk_handover.id"), index=True)
    return_handover_id: Mapped[int | None] = mapped_column(ForeignKey("desk_handover.id"), index=True)


class ServiceOrder(RecordMixin, Base):
    """One paid service (有偿服务), charged by the price list; may be a paid repair."""

    __tablename__ = "desk_service_order"
    __table_args__ = (UniqueConstraint("site_code", "number", name="uq_desk_service_order_site_number"),)
    number: Mapped[str] = mapped_column(String(30))  # 服务单号
    customer: Mapped[str] = mapped_column(String(50))
    unit_no: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    service: Mapped[str] = mapped_column(String(50))  # 服务项目
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    amount_fen: Mapped[int] = mapped_column(Integer)
    receipt_no: Mapped[str | None] = mapped_column(String(50))
    pay_method: Mapped[str] = mapped_column(String(10))
    paid_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    repair_uuid: Mapped[str | None] = mapped_column(String(36))  # 关联维修工单
    repair_number: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("desk_handover.id"), index=True)


class ServiceApplication(RecordMixin, Base):
    """服务申请单: filled in with the applicant, approved, returned within one working day."""

    __tablename__ = "desk_application"
    __table_args__ = (UniqueConstraint("site_code", "number", name="uq_desk_application_site_number"),)
    number: Mapped[str] = mapped_column(String(30))
    applicant: Mapped[str] = mapped_column(String(50))
    unit_no: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text)  # 申请事项
    attachments: Mapped[str | None] = mapped_column(Text)  # 附件, joined by ；
    applied_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime())  # 交还期限
    departments: Mapped[str | None] = mapped_column(String(200))  # 需执行部门 (told in writing)
    decided_by: Mapped[str | None] = mapped_column(String(50))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime())
    decision: Mapped[str | None] = mapped_column(String(10))  # 同意 / 不同意
    opinion: Mapped[str | None] = mapped_column(Text)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime())
    returned_by: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), index=True)


class InternalMemo(RecordMixin, Base):
    """内部工作联系函: sent to a department within an hour of the inquiry, and its reply."""

    __tablename__ = "desk_memo"
    __table_args__ = (UniqueConstraint("site_code", "number", name="uq_desk_memo_site_number"),)
    number: Mapped[str] = mapped_column(String(30))
    source_type: Mapped[str] = mapped_column(String(10))
    source_uuid: Mapped[str | None] = mapped_column(String(36))
    source_ref: Mapped[str | None] = mapped_column(String(60))  # what the source was, as the desk reads it
    inquiry_at: Mapped[datetime] = mapped_column(DateTime())  # 征询时间
    due_at: Mapped[datetime] = mapped_column(DateTime())  # 应发出时间 (inquiry + the setting)
    sent_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    department: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    reply_by: Mapped[datetime | None] = mapped_column(DateTime())  # 要求回复时间
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(DateTime())
    replier: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), index=True)


class Notice(RecordMixin, Base):
    """告知: 重要告知 / 一般告知 / 温馨提示 to all households, some buildings or a list of units."""

    __tablename__ = "desk_notice"
    __table_args__ = (UniqueConstraint("site_code", "number", name="uq_desk_notice_site_number"),)
    number: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(10))  # 全体住户 / 楼栋 / 指定房号
    targets: Mapped[str | None] = mapped_column(Text)  # buildings or units, joined by ；
    channels: Mapped[str] = mapped_column(String(100))  # joined by ；
    published_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    status: Mapped[str] = mapped_column(String(10))


class NoticeConfirmation(RecordMixin, Base):
    """One household's confirmation of an important notice (or why it could not be had)."""

    __tablename__ = "desk_notice_confirmation"
    __table_args__ = (UniqueConstraint("notice_id", "unit_no", name="uq_desk_notice_confirmation_notice_unit"),)
    notice_id: Mapped[int] = mapped_column(ForeignKey("desk_notice.id"), index=True)
    unit_no: Mapped[str] = mapped_column(String(40))
    tries: Mapped[int] = mapped_column(Integer, default=0)  # 联系次数
    last_try_at: Mapped[datetime | None] = mapped_column(DateTime())
    confirmed_by: Mapped[str | None] = mapped_column(String(50))  # the household member who confirmed
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime())
    method: Mapped[str | None] = mapped_column(String(10))
    staff: Mapped[str | None] = mapped_column(String(50))  # who made the contact
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
