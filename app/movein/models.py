"""Move-in handover (入伙交付): the handover of one unit, its checklist, fees, entrusted
services, meter readings, keys, joint inspection (验房) and the defects found, plus the
appointments of a batch handover day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, RecordMixin


class Handover(RecordMixin, Base):
    """One handover of one unit (sheet 入伙)."""

    __tablename__ = "movein"
    unit_no: Mapped[str] = mapped_column(String(40), index=True)  # 房号, canonical 3-2-1502
    mode: Mapped[str] = mapped_column(String(10))  # 交付方式: 集中交付 / 平常交付
    party_kind: Mapped[str] = mapped_column(String(10))  # 接收人身份: 业主 / 受托人 / 租户
    receiver_name: Mapped[str] = mapped_column(String(50))  # 接收人
    receiver_phone: Mapped[str | None] = mapped_column(String(40))
    owner_name: Mapped[str | None] = mapped_column(String(50))  # 业主 (委托人 when a proxy receives)
    owner_phone: Mapped[str | None] = mapped_column(String(40))
    is_resale: Mapped[bool] = mapped_column(Boolean, default=False)  # 二手房 (needs 前期物业服务协议)
    handover_at: Mapped[datetime] = mapped_column(DateTime(), index=True)  # 办理时间
    appointment_uuid: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(10), index=True)  # 办理中 / 需整改 / 已交付 / 已作废
    rectify_deadline: Mapped[date | None] = mapped_column(Date)  # 整改期限
    completed_at: Mapped[datetime | None] = mapped_column(DateTime())
    completed_by: Mapped[str | None] = mapped_column(String(50))
    handled_by: Mapped[str] = mapped_column(String(50))  # 经办人
    # The 入伙 sheet's summary of the readings and keys (latest reading of each kind; 入户门×3；信报箱×1),
    # kept by the service whenever a reading or a key changes, so an imported handover keeps them too.
    water_reading: Mapped[float | None] = mapped_column(Float)
    electricity_reading: Mapped[float | None] = mapped_column(Float)
    gas_reading: Mapped[float | None] = mapped_column(Float)
    keys_text: Mapped[str | None] = mapped_column(String(500))
    # The one-week rule: data entered more than a week after the handover date is flagged.
    late_entry: Mapped[bool] = mapped_column(Boolean, default=False)
    late_entry_at: Mapped[datetime | None] = mapped_column(DateTime())
    late_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime())
    late_reviewed_by: Mapped[str | None] = mapped_column(String(50))
    late_review_note: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class HandoverItem(RecordMixin, Base):
    """One line of the checklist: a document checked, an agreement signed, an item issued."""

    __tablename__ = "movein_item"
    #: The lines are made from the site's template when the handover starts (that step is in the
    #: handover's history); every later change to a line has its own history entry.
    audited_with_parent = True
    handover_id: Mapped[int] = mapped_column(ForeignKey("movein.id"), index=True)
    group_name: Mapped[str] = mapped_column(String(20))  # 证件核验 / 资料查验 / 协议签署 / 资料发放
    item: Mapped[str] = mapped_column(String(100))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    applies: Mapped[str] = mapped_column(String(20))  # 全部 / 业主或受托人 / 受托人 / 租户 / 转售
    status: Mapped[str] = mapped_column(String(10))  # 未完成 / 已完成 / 不适用
    done_by: Mapped[str | None] = mapped_column(String(50))
    done_at: Mapped[datetime | None] = mapped_column(DateTime())
    note: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class HandoverFee(RecordMixin, Base):
    """A fee collected at the handover (入伙收费记录)."""

    __tablename__ = "movein_fee"
    handover_id: Mapped[int] = mapped_column(ForeignKey("movein.id"), index=True)
    item: Mapped[str] = mapped_column(String(100))
    amount_cents: Mapped[int] = mapped_column(Integer)  # yuan × 100, exact
    receipt_no: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)


class EntrustedService(RecordMixin, Base):
    """A service the owner entrusts to the centre (委托代办服务记录)."""

    __tablename__ = "movein_service"
    handover_id: Mapped[int] = mapped_column(ForeignKey("movein.id"), index=True)
    item: Mapped[str] = mapped_column(String(100))
    detail: Mapped[str | None] = mapped_column(Text)


class MeterReading(RecordMixin, Base):
    """A water, electricity or gas meter reading taken at the handover."""

    __tablename__ = "movein_meter"
    handover_id: Mapped[int] = mapped_column(ForeignKey("movein.id"), index=True)
    unit_no: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # 水 / 电 / 燃气
    meter_no: Mapped[str] = mapped_column(String(50))
    reading: Mapped[float] = mapped_column(Float)
    read_on: Mapped[date] = mapped_column(Date)


class HandoverKey(RecordMixin, Base):
    """Keys handed over and signed for (领取钥匙签收记录)."""

    __tablename__ = "movein_key"
    handover_id: Mapped[int] = mapped_column(ForeignKey("movein.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # 入户门 / 单元门 / 信报箱 / 车库 …
    count: Mapped[int] = mapped_column(Integer)
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime())


class InspectionItem(RecordMixin, Base):
    """One room × item of the joint inspection (验房)."""

    __tablename__ = "movein_inspection"
    #: The lines are made from the site's template when the handover starts (that step is in the
    #: handover's history); every later change to a line has its own history entry.
    audited_with_parent = True
    handover_id: Mapped[int] = mapped_column(ForeignKey("movein.id"), index=True)
    room: Mapped[str] = mapped_column(String(30))
    item: Mapped[str] = mapped_column(String(50))
    result: Mapped[str] = mapped_column(String(10))  # 未查 / 合格 / 不合格 / 不适用
    checked_by: Mapped[str | None] = mapped_column(String(50))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime())
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Defect(RecordMixin, Base):
    """A defect found at the inspection, followed to closure (sheet 入伙缺陷)."""

    __tablename__ = "movein_defect"
    handover_id: Mapped[int] = mapped_column(ForeignKey("movein.id"), index=True)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("movein_inspection.id"))
    unit_no: Mapped[str] = mapped_column(String(40), index=True)
    room: Mapped[str] = mapped_column(String(30))  # 部位
    item: Mapped[str] = mapped_column(String(50))  # 检查项
    description: Mapped[str] = mapped_column(Text)  # 问题描述
    severity: Mapped[str] = mapped_column(String(10))  # 严重 / 一般 / 轻微
    responsible: Mapped[str | None] = mapped_column(String(50))  # 责任方
    deadline: Mapped[date | None] = mapped_column(Date)  # 整改期限
    status: Mapped[str] = mapped_column(String(10), index=True)  # 已登记 → 整改中 → 待复验 → 已销项 / 已取消
    reinspected_at: Mapped[datetime | None] = mapped_column(DateTime())  # 复验时间
    reinspected_by: Mapped[str | None] = mapped_column(String(50))  # 复验人
    photos: Mapped[list | None] = mapped_column(JSON)  # paths relative to the attachments folder
    note: Mapped[str | None] = mapped_column(Text)


class Appointment(RecordMixin, Base):
    """An appointment on a handover day (集中交付 batches or a single visit)."""

    __tablename__ = "movein_appointment"
    unit_no: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(40))
    party_kind: Mapped[str] = mapped_column(String(10))
    mode: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), index=True)  # 已预约 / 已办理 / 未到 / 已取消
    handover_uuid: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str | None] = mapped_column(Text)
