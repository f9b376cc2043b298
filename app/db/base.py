"""Declarative base and the columns every business record carries."""

from __future__ import annotations

import uuid as _uuid
from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: DateTime(), dict: JSON}


def new_uuid() -> str:
    return str(_uuid.uuid4())


class RecordMixin:
    """Integer key, UUID (记录编号), site code, created/updated at and by, version, void.

    ``version`` is SQLAlchemy's version counter: every UPDATE is issued with
    ``WHERE version = <the version read>``, so two sessions can never both win.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    site_code: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime())
    created_by: Mapped[str] = mapped_column(String(50))
    updated_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    updated_by: Mapped[str] = mapped_column(String(50))
    voided_at: Mapped[datetime | None] = mapped_column(DateTime())
    voided_by: Mapped[str | None] = mapped_column(String(50))
    void_reason: Mapped[str | None] = mapped_column(Text)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.version}

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
