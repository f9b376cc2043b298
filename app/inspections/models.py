"""Supervision inspections (督导检查): the site's standard (一级指标 with points, their 二级指标
with 检查标准, 检查方法 and 扣分标准), inspections and their findings (each one a deduction and a
rectification with a deadline and a re-check).

Points are stored in hundredths of a point (``*_cp``: 1000 = 10 分, 30 = 0.3 分) so that
sums and the floor at zero are exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, RecordMixin


class StandardIndicator(RecordMixin, Base):
    """一级指标: its name and points."""

    __tablename__ = "inspection_indicator"
    name: Mapped[str] = mapped_column(String(50))
    points_cp: Mapped[int] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class StandardItem(RecordMixin, Base):
    """二级指标 of one 一级指标: its 检查标准 (one requirement per line), 检查方法 and 扣分标准."""

    __tablename__ = "inspection_item"
    indicator_id: Mapped[int] = mapped_column(ForeignKey("inspection_indicator.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    criteria: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(30))
    basis: Mapped[str] = mapped_column(String(20))  # 每个问题点 / 每人每个问题点
    deduct_cp: Mapped[int] = mapped_column(Integer)  # points taken per problem (per person)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Inspection(RecordMixin, Base):
    """One inspection of the service centre. ``indicators`` is the standard's 一级指标 as they
    were when it started (``行为规范 10分；房屋交付 10分``), so a later edit of the standard never
    changes a past score; ``score_cp`` is kept current with every finding."""

    __tablename__ = "inspection"
    __table_args__ = (UniqueConstraint("site_code", "inspection_no", name="uq_inspection_site_no"),)
    inspection_no: Mapped[str] = mapped_column(String(30))  # DD2026-001
    inspected_on: Mapped[date] = mapped_column(Date, index=True)
    inspector: Mapped[str] = mapped_column(String(100))  # 检查人 (head office or the manager)
    area: Mapped[str] = mapped_column(String(200))  # 检查区域 / 范围
    indicators: Mapped[str] = mapped_column(Text)  # 行为规范 10分；房屋交付 10分 …
    total_cp: Mapped[int] = mapped_column(Integer)
    score_cp: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime())
    site_signer: Mapped[str | None] = mapped_column(String(50))  # 被检查单位负责人
    summary: Mapped[str | None] = mapped_column(Text)  # 检查意见


class InspectionFinding(RecordMixin, Base):
    """One problem found against one 二级指标 (its texts copied), the deduction, and its
    rectification: owner, deadline, re-check."""

    __tablename__ = "inspection_finding"
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(50))
    item: Mapped[str] = mapped_column(String(50))
    criterion: Mapped[str | None] = mapped_column(Text)  # the requirement not met
    method: Mapped[str | None] = mapped_column(String(30))
    basis: Mapped[str] = mapped_column(String(20))
    unit_cp: Mapped[int] = mapped_column(Integer)  # 扣分标准
    problems: Mapped[int] = mapped_column(Integer, default=1)  # 问题点数
    persons: Mapped[int] = mapped_column(Integer, default=1)  # 人数 (per-person items)
    deduction_cp: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)  # what was seen
    photos: Mapped[list | None] = mapped_column(JSON)  # paths relative to the attachments folder
    owner: Mapped[str | None] = mapped_column(String(50))  # 整改责任人
    deadline: Mapped[date] = mapped_column(Date)
    rectify_status: Mapped[str] = mapped_column(String(10), index=True)
    rectified_note: Mapped[str | None] = mapped_column(Text)
    rechecked_at: Mapped[datetime | None] = mapped_column(DateTime())
    rechecked_by: Mapped[str | None] = mapped_column(String(50))
    recheck_result: Mapped[str | None] = mapped_column(String(10))
    recheck_note: Mapped[str | None] = mapped_column(Text)
