"""Checking a visit/call record's input, every field at once (the entry form shows all errors
together), and the status the checked values give.

Rules: a record is solved on the spot (当即处理) or handed over (转交) to a department; a
转交 needs the department. A 投诉 needs a phone number (the follow-up calls back). A new
转告 needs the person it is for. Writing 处理情况 completes the record (完成时间 defaults
to now and cannot be earlier than 登记时间 or in the future); a 完成时间 without 处理情况 is
refused. Without 处理情况 the record gets a 要求完成时间: by default the end of the desk
hours of the day it was received.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import ContactMethod
from app.domain.errors import ValidationError
from app.reception.desk import default_due_at
from app.reception.models import ContactRecord
from app.reception.vocab import ContactCategory, ContactStatus, HandlingMode

#: The fields a record's input consists of, in form order.
FIELDS = ("method", "received_at", "phone", "unit_no", "name", "category", "content", "handling_mode",
          "handling", "completed_at", "department", "handler", "due_at")


@dataclass
class Cleaned:
    """The checked values by field, and every error found."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: list[ValidationError] = field(default_factory=list)

    def take(self, slot: str, fn, /, *args, **kwargs):
        try:
            value = fn(*args, **kwargs)
        except ValidationError as exc:
            if exc.key is None:
                exc.key = slot
            self.errors.append(exc)
            return None
        self.values[slot] = value
        return value

    def error(self, label: str, message: str, key: str) -> None:
        if not any(e.key == key for e in self.errors):
            self.errors.append(ValidationError(label, message, key))


def clean(ctx: Context, data: dict[str, Any], *, session: Session | None = None,
          existing: ContactRecord | None = None) -> Cleaned:
    """Check every field, collecting every error (the form shows them all at once)."""
    now = ctx.now()
    c = Cleaned()
    c.take("method", v.choice, "方式", data.get("method"), ContactMethod, key="method")
    received = data.get("received_at")
    if received is None:
        received = existing.received_at if existing is not None else now
    received = c.take("received_at", v.when, "登记时间", received, required=True, now=now, key="received_at")
    if received is not None:
        try:
            v.not_in_future("登记时间", received, now, key="received_at")
        except ValidationError as exc:
            c.errors.append(exc)
            received = None
    c.take("phone", v.normalize_phone, data.get("phone"), key="phone")
    c.take("unit_no", v.normalize_unit, data.get("unit_no"), key="unit_no")
    c.take("name", v.text, "姓名", data.get("name"), required=True, max_len=v.NAME_MAX, key="name")
    category = c.take("category", v.choice, "类别", data.get("category"), ContactCategory, key="category")
    c.take("content", v.text, "内容", data.get("content"), required=True, max_len=v.CONTENT_MAX, key="content")
    mode = c.take("handling_mode", v.choice, "处理方式", data.get("handling_mode") or HandlingMode.ON_THE_SPOT,
                  HandlingMode, key="handling_mode")
    handling = c.take("handling", v.text, "处理情况", data.get("handling"), max_len=v.CONTENT_MAX, key="handling")
    completed = c.take("completed_at", v.when, "完成时间", data.get("completed_at"), now=now, key="completed_at")
    department = c.take("department", v.text, "转交部门", data.get("department"), max_len=50, key="department")
    c.take("handler", v.text, "负责人", data.get("handler"), max_len=v.NAME_MAX, key="handler")
    due = c.take("due_at", v.when, "要求完成时间", data.get("due_at"), now=now, key="due_at")

    if mode is HandlingMode.HANDED_OVER and not department and "department" in c.values:
        c.error("转交部门", "转交时必须选择部门", "department")
    if category is ContactCategory.COMPLAINT and not c.values.get("phone") and "phone" in c.values:
        c.error("联系电话", "投诉必须留联系电话（回访需要）", "phone")
    if category is ContactCategory.RELAY and existing is None:
        to = c.take("relay_to", v.text, "转告对象", data.get("relay_to"), required=True, max_len=v.NAME_MAX,
                    key="relay_to")
        if to is None and not any(e.key == "relay_to" for e in c.errors):
            c.error("转告对象", "必填，请填写转告给谁", "relay_to")
    if handling:
        completed = completed or now
        c.values["completed_at"] = completed
    elif completed is not None:
        c.error("处理情况", "填写完成时间时必须填写处理情况", "handling")
    if received is not None:
        if completed is not None and "completed_at" in c.values:
            if completed < received:
                c.error("完成时间", "不能早于登记时间", "completed_at")
            else:
                try:
                    v.not_in_future("完成时间", completed, now, key="completed_at")
                except ValidationError as exc:
                    c.errors.append(exc)
        if due is not None and due < received:
            c.error("要求完成时间", "不能早于登记时间", "due_at")
        if due is None and not handling and mode is not None:
            c.values["due_at"] = default_due_at(ctx, max(received, now) if received.date() == now.date()
                                                else received, session=session)
    return c


def validate_contact(ctx: Context, **data) -> list[ValidationError]:
    """Every error of a new record's input, in form order (for showing them all at once)."""
    return clean(ctx, data).errors


def status_of(values: dict[str, Any]) -> str:
    """A new record's status: 已完成 with 处理情况, 处理中 when handed over, else 待处理."""
    if values.get("handling"):
        return ContactStatus.DONE.value
    if values.get("handling_mode") is HandlingMode.HANDED_OVER:
        return ContactStatus.IN_PROGRESS.value
    return ContactStatus.PENDING.value


def stored_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The checked values as the record stores them (words, the phone's digits; no department
    or 负责人 unless handed over)."""
    out = {k: values.get(k) for k in FIELDS}
    for k in ("method", "category", "handling_mode"):
        if out[k] is not None:
            out[k] = out[k].value
    out["phone_digits"] = v.phone_digits(out["phone"]) or None
    if out["handling_mode"] != HandlingMode.HANDED_OVER.value:
        out["department"] = None
        out["handler"] = None
    return out
