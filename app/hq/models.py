"""Head office's own tables: the sites it receives workbooks from, and the ledger of every
workbook file it was given (imported, skipped as already seen, or refused and why).

The sites' records themselves live in the ordinary record tables (every row carries its
site_code), so a head-office home has the same schema as a desk."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class HqSite(Base):
    """A service centre head office has received a workbook from (registered by its first one)."""

    __tablename__ = "hq_site"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    company_name: Mapped[str | None] = mapped_column(String(100))
    #: Households of the estate (住户数), when head office knows the roster; None otherwise.
    households: Mapped[int | None] = mapped_column(Integer)
    registered_at: Mapped[datetime] = mapped_column(DateTime())
    registered_by: Mapped[str] = mapped_column(String(50))
    updated_at: Mapped[datetime] = mapped_column(DateTime())
    updated_by: Mapped[str] = mapped_column(String(50))


class HqImport(Base):
    """One workbook file given to head office, and what became of it (the ledger)."""

    __tablename__ = "hq_import"
    __table_args__ = (Index("ix_hq_import_site_range", "site_code", "date_from", "date_to"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    path: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    site_code: Mapped[str | None] = mapped_column(String(20))
    date_from: Mapped[date | None] = mapped_column(Date)
    date_to: Mapped[date | None] = mapped_column(Date)
    sequence: Mapped[int | None] = mapped_column(Integer)  # 导出序号
    format_version: Mapped[int | None] = mapped_column(Integer)
    rows: Mapped[dict | None] = mapped_column(JSON)  # {sheet: data rows}
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(String(10))  # vocab.ImportOutcome
    message: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    imported_by: Mapped[str] = mapped_column(String(50))
