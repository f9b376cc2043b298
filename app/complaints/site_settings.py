"""The site's complaint settings: the category list, the deadline figures and the desk's own
department (系统设置 → 投诉设置), and the working-day calendar they are applied on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.complaints.deadlines import DeadlineRules
from app.complaints.vocab import DEFAULT_COMPLAINT_CATEGORIES
from app.core import calendar as calendar_service
from app.core import access, settings
from app.core.context import Context
from app.core.models import Department, Setting
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.domain.workdays import Calendar

CATEGORIES = settings.define("complaints.categories", list(DEFAULT_COMPLAINT_CATEGORIES), "投诉类别")
RULES = settings.define("complaints.rules", DeadlineRules().as_dict(), "投诉处理时限")
DESK_DEPARTMENT = settings.define("complaints.desk_department", "客服部", "前台所在部门（转交本部门视为前台自行处理）")


def stored(s: Session, d: settings.SettingDef):
    """A setting's value as read in ``s`` (its default when never set)."""
    row = s.get(Setting, d.key)
    return d.default if row is None else row.value


def _rules_from(s: Session) -> DeadlineRules:
    try:
        return DeadlineRules.from_mapping(stored(s, RULES))
    except ValidationError:
        return DeadlineRules()


def calendar_and_rules(ctx: Context, s: Session) -> tuple[Calendar, DeadlineRules]:
    """The site's calendar and deadline rules, read in ``s`` (for modules working inside a unit of work)."""
    return calendar_service.load_calendar(ctx, s), _rules_from(s)


def soon_until(cal: Calendar, rules: DeadlineRules, now: datetime) -> datetime:
    """A deadline before this moment is “due soon” (amber)."""
    return cal.add_working_hours(now, rules.due_soon_hours)


def deadline_rules(ctx: Context) -> DeadlineRules:
    with ctx.read() as s:
        return _rules_from(s)


def set_deadline_rules(ctx: Context, **values: Any) -> DeadlineRules:
    """Change deadline figures (经理 or above). Applies to complaints received or changed from now on."""
    access.require(ctx, "rules.edit")
    rules = deadline_rules(ctx).with_values(values)
    settings.put(ctx, RULES.key, rules.as_dict())
    return rules


def category_list(s: Session) -> list[str]:
    return list(stored(s, CATEGORIES) or DEFAULT_COMPLAINT_CATEGORIES)


def categories(ctx: Context) -> list[str]:
    with ctx.read() as s:
        return category_list(s)


def set_categories(ctx: Context, names: list[str]) -> list[str]:
    """Replace the category list (客服主管 or above). Existing complaints keep their category."""
    ctx.require_role(Role.SUPERVISOR, "修改投诉类别")
    clean: list[str] = []
    for i, name in enumerate(names, 1):
        name = v.text(f"类别第 {i} 项", name, required=True, max_len=50, key="categories")
        if name in clean:
            raise ValidationError("投诉类别", f"“{name}”重复", "categories")
        clean.append(name)
    if not clean:
        raise ValidationError("投诉类别", "至少需要一个类别", "categories")
    settings.put(ctx, CATEGORIES.key, clean)
    return clean


def departments(ctx: Context) -> list[str]:
    with ctx.read() as s:
        return [d.name for d in s.scalars(select(Department).where(
            Department.active.is_(True), Department.voided_at.is_(None)).order_by(Department.sort_order,
                                                                                  Department.name))]
