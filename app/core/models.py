"""Site, people, places, staff, audit, settings and logs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, false, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, RecordMixin


class Site(Base):
    __tablename__ = "site"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    company_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime())


class Building(RecordMixin, Base):
    __tablename__ = "building"
    __table_args__ = (UniqueConstraint("site_code", "name", name="uq_building_site_name"),)
    name: Mapped[str] = mapped_column(String(20))  # the short building number, e.g. "3" or "A"
    label: Mapped[str | None] = mapped_column(String(50))  # e.g. "3栋"
    area: Mapped[str | None] = mapped_column(String(50))  # 区域 / responsibility area
    note: Mapped[str | None] = mapped_column(Text)
    units: Mapped[list[Unit]] = relationship(back_populates="building", lazy="raise")


class Unit(RecordMixin, Base):
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("site_code", "code", name="uq_unit_site_code"),)
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"), index=True)
    entrance: Mapped[str | None] = mapped_column(String(10))
    room: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))  # canonical 3-2-1502
    floor_area: Mapped[float | None] = mapped_column(Float)
    occupied: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)
    building: Mapped[Building] = relationship(back_populates="units", lazy="raise")


class Resident(RecordMixin, Base):
    __tablename__ = "resident"
    name: Mapped[str] = mapped_column(String(50), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    phone_digits: Mapped[str | None] = mapped_column(String(40), index=True)
    note: Mapped[str | None] = mapped_column(Text)


class UnitResident(RecordMixin, Base):
    """A person's tie to a unit: role (业主/住户/租户) and dates."""

    __tablename__ = "unit_resident"
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    move_in: Mapped[date | None] = mapped_column(Date)
    move_out: Mapped[date | None] = mapped_column(Date)


class Department(RecordMixin, Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("site_code", "name", name="uq_department_site_name"),)
    name: Mapped[str] = mapped_column(String(50))
    head: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Staff(RecordMixin, Base):
    __tablename__ = "staff"
    username: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10))
    department: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(40))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime())
    #: Grows when the password is reset or the account is stopped: a window logged in under an
    #: older value is ended at its next action.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Set for an account an administrator created or reset: the first login asks for a new password.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class AuditEvent(Base):
    """Who did what to which record, with the values before and after."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_code: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(50))  # display name
    actor_username: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    #: SHA-256 over the previous event's hash of the same site and this event's content
    #: (see ``app.core.audit_chain``): an edited or deleted event breaks the chain.
    chain_hash: Mapped[str | None] = mapped_column(String(64))


class AuditChain(Base):
    """The newest link of each site's audit chain; its row is locked by every writer that adds
    an audit event, so events are chained one after the other."""

    __tablename__ = "audit_chain"
    site_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_hash: Mapped[str] = mapped_column(String(64))
    events: Mapped[int] = mapped_column(Integer, default=0)


class CalendarOverride(Base):
    """A day the site's admin marks as day off ('off') or make-up workday ('work')."""

    __tablename__ = "calendar_override"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime())
    updated_by: Mapped[str] = mapped_column(String(50))


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime())
    updated_by: Mapped[str] = mapped_column(String(50))


class PrintLog(Base):
    """Every printed or saved form: who printed which form for which period, and where it was archived."""

    __tablename__ = "print_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_code: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(50))
    form_code: Mapped[str] = mapped_column(String(20))
    form_name: Mapped[str] = mapped_column(String(100))
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    subject: Mapped[str | None] = mapped_column(String(100))
    pages: Mapped[int | None] = mapped_column(Integer)
    archive_path: Mapped[str | None] = mapped_column(Text)
    #: the print job's number, in the QR code of every page (None before print jobs existed)
    job_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    #: when the last missing page's signed scan was filed, and by whom (None: 待签字件)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime())
    signed_by: Mapped[str | None] = mapped_column(String(50))


class PrintJobRecord(Base):
    """Which records a printed page shows (page 0: the whole form)."""

    __tablename__ = "print_job_record"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    print_log_id: Mapped[int] = mapped_column(ForeignKey("print_log.id"), index=True)
    page: Mapped[int] = mapped_column(Integer)
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)


class ScanPage(RecordMixin, Base):
    """One scanned page of a signed form: filed beside its print job, or waiting for a person
    to say which job it belongs to (status 待人工匹配)."""

    __tablename__ = "scan_page"
    print_log_id: Mapped[int | None] = mapped_column(ForeignKey("print_log.id"), index=True)
    page: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))
    file_path: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    source_page: Mapped[int] = mapped_column(Integer)
    code_text: Mapped[str | None] = mapped_column(String(40))


class ExportLog(Base):
    """Every workbook export, so the application knows which days were sent."""

    __tablename__ = "export_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_code: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(50))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # manual / auto / cli
    ok: Mapped[bool] = mapped_column(Boolean, default=True)
    rows: Mapped[int | None] = mapped_column(Integer)
    path: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)


class NumberCounter(Base):
    """The last business number handed out per site, series (WX, ZX, ZG …) and period (a day
    or a year): taken in the same transaction as the record, so numbers never collide."""

    __tablename__ = "number_counter"
    site_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    series: Mapped[str] = mapped_column(String(60), primary_key=True)
    period: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
