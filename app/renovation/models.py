"""Renovation management (装修管理): applications and permits, workers, extensions,
inspection visits (装修巡查), rectification notices (违章整改通知书), acceptance and refund.

Money is stored in fen (integer cents) so that SQLite and PostgreSQL keep it exactly;
the services turn it into ``Decimal`` yuan.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, RecordMixin


class Renovation(RecordMixin, Base):
    """One renovation application (装修申请) of one unit, from application to deposit refund.

    ``created_at`` / ``created_by`` are the application's 申请时间 and 受理人.
    """

    __tablename__ = "renovation"
    __table_args__ = (
        UniqueConstraint("site_code", "permit_no", name="uq_renovation_site_permit"),
        Index("ix_renovation_site_status", "site_code", "status"),
    )
    unit_no: Mapped[str] = mapped_column(String(40), index=True)  # 房号
    owner: Mapped[str] = mapped_column(String(50))  # 业主
    owner_phone: Mapped[str | None] = mapped_column(String(40))
    contractor: Mapped[str] = mapped_column(String(100))  # 施工单位
    manager: Mapped[str] = mapped_column(String(50))  # 施工负责人
    manager_phone: Mapped[str] = mapped_column(String(40))  # 负责人电话
    scope: Mapped[str] = mapped_column(Text)  # 装修内容
    touches_structure: Mapped[bool] = mapped_column(Boolean, default=False)  # 结构
    touches_facade: Mapped[bool] = mapped_column(Boolean, default=False)  # 外立面
    touches_waterproofing: Mapped[bool] = mapped_column(Boolean, default=False)  # 防水
    touches_gas: Mapped[bool] = mapped_column(Boolean, default=False)  # 燃气
    alteration: Mapped[bool] = mapped_column(Boolean, default=False)  # 涉及拆改 (any of the four; the sheet's 是/否)
    alteration_detail: Mapped[str | None] = mapped_column(Text)  # 拆改内容说明
    alteration_approved_by: Mapped[str | None] = mapped_column(String(50))  # 拆改审批
    alteration_approved_at: Mapped[datetime | None] = mapped_column(DateTime())
    alteration_opinion: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date] = mapped_column(Date)  # 开工日期
    planned_end_date: Mapped[date] = mapped_column(Date)  # 计划完工日期 (after extensions)
    deposit_fen: Mapped[int] = mapped_column(Integer, default=0)  # 押金
    deposit_receipt: Mapped[str | None] = mapped_column(String(50))
    fees: Mapped[list | None] = mapped_column(JSON)  # [{"item", "amount_fen", "receipt"}]
    agreement_signed: Mapped[bool] = mapped_column(Boolean, default=False)  # 住宅装修管理协议
    liability_signed: Mapped[bool] = mapped_column(Boolean, default=False)  # 责任承担书
    status: Mapped[str] = mapped_column(String(10), index=True)
    approved_by: Mapped[str | None] = mapped_column(String(50))  # 审批人 (approval or refusal)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime())
    approval_opinion: Mapped[str | None] = mapped_column(Text)
    refuse_reason: Mapped[str | None] = mapped_column(Text)
    permit_no: Mapped[str | None] = mapped_column(String(30))  # 许可证号
    completed_at: Mapped[datetime | None] = mapped_column(DateTime())  # 申请验收 (works finished)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime())  # last acceptance
    acceptance_result: Mapped[str | None] = mapped_column(String(10))  # 合格 / 不合格
    refund_fen: Mapped[int | None] = mapped_column(Integer)  # 押金退还金额
    refund_deductions: Mapped[list | None] = mapped_column(JSON)  # [{"reason", "amount_fen"}]
    refunded_at: Mapped[datetime | None] = mapped_column(DateTime())
    refund_receipt: Mapped[str | None] = mapped_column(String(50))
    refunded_by: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)


class RenovationWorker(RecordMixin, Base):
    """施工人员登记: name, phone and pass card. No ID numbers are stored."""

    __tablename__ = "renovation_worker"
    renovation_id: Mapped[int] = mapped_column(ForeignKey("renovation.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(40))
    pass_no: Mapped[str | None] = mapped_column(String(30))  # 出入证号


class RenovationExtension(RecordMixin, Base):
    """延期: the end date before and after, and why."""

    __tablename__ = "renovation_extension"
    renovation_id: Mapped[int] = mapped_column(ForeignKey("renovation.id"), index=True)
    old_end_date: Mapped[date] = mapped_column(Date)
    new_end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)


class RenovationInspection(RecordMixin, Base):
    """One inspection visit of one unit (one line of 装修巡查 / ZX-01).

    The notice columns (通知书编号, 整改期限, 复查时间, 复查结果) mirror the notice this
    visit opened, so the 装修巡查 sheet carries them and a re-inspection marks the row changed.
    """

    __tablename__ = "renovation_inspection"
    __table_args__ = (Index("ix_renovation_inspection_site_at", "site_code", "inspected_at"),)
    renovation_id: Mapped[int] = mapped_column(ForeignKey("renovation.id"), index=True)
    unit_no: Mapped[str] = mapped_column(String(40), index=True)
    inspected_at: Mapped[datetime] = mapped_column(DateTime())  # 巡查时间
    inspector: Mapped[str] = mapped_column(String(50))  # 巡查人
    site_state: Mapped[str] = mapped_column(String(10))  # 现场情况
    progress: Mapped[str | None] = mapped_column(String(20))  # 施工进度
    failed_checks: Mapped[str | None] = mapped_column(Text)  # 违规项, joined by ；
    violation: Mapped[str | None] = mapped_column(Text)  # 违规描述
    measures: Mapped[str | None] = mapped_column(Text)  # 处理措施
    note: Mapped[str | None] = mapped_column(Text)
    photos: Mapped[list | None] = mapped_column(JSON)  # paths relative to ctx.paths.attachments
    notice_no: Mapped[str | None] = mapped_column(String(30))
    notice_deadline: Mapped[datetime | None] = mapped_column(DateTime())
    recheck_at: Mapped[datetime | None] = mapped_column(DateTime())
    recheck_result: Mapped[str | None] = mapped_column(String(10))


class RectificationNotice(RecordMixin, Base):
    """违章整改通知书 (ZX-02)."""

    __tablename__ = "rectification_notice"
    __table_args__ = (UniqueConstraint("site_code", "notice_no", name="uq_rectification_notice_site_no"),)
    renovation_id: Mapped[int] = mapped_column(ForeignKey("renovation.id"), index=True)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("renovation_inspection.id"), index=True)
    notice_no: Mapped[str] = mapped_column(String(30))
    unit_no: Mapped[str] = mapped_column(String(40), index=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime())
    issued_by: Mapped[str] = mapped_column(String(50))
    failed_checks: Mapped[str | None] = mapped_column(Text)
    facts: Mapped[str] = mapped_column(Text)  # 违规事实
    basis: Mapped[str | None] = mapped_column(Text)  # 依据
    requirement: Mapped[str] = mapped_column(Text)  # 整改要求
    deadline: Mapped[datetime] = mapped_column(DateTime(), index=True)  # 整改期限
    signed_by: Mapped[str | None] = mapped_column(String(50))  # 签收人
    signed_at: Mapped[datetime | None] = mapped_column(DateTime())
    status: Mapped[str] = mapped_column(String(10), index=True)  # 待整改 / 已整改 / 已升级 / 已作废
    recheck_at: Mapped[datetime | None] = mapped_column(DateTime())  # 复查时间 (latest)
    recheck_by: Mapped[str | None] = mapped_column(String(50))
    recheck_result: Mapped[str | None] = mapped_column(String(10))  # 已整改 / 未整改
    recheck_note: Mapped[str | None] = mapped_column(Text)
    escalation: Mapped[str | None] = mapped_column(String(20))  # 停工 / 报客服主管 / 移交执法部门
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime())
    escalated_by: Mapped[str | None] = mapped_column(String(50))


class RenovationAcceptance(RecordMixin, Base):
    """装修验收: one acceptance inspection, with the items checked."""

    __tablename__ = "renovation_acceptance"
    renovation_id: Mapped[int] = mapped_column(ForeignKey("renovation.id"), index=True)
    accepted_at: Mapped[datetime] = mapped_column(DateTime())
    inspector: Mapped[str] = mapped_column(String(50))
    result: Mapped[str] = mapped_column(String(10))  # 合格 / 不合格
    items: Mapped[list | None] = mapped_column(JSON)  # [{"item", "ok", "note"}]
    note: Mapped[str | None] = mapped_column(Text)
