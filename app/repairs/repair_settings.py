"""The site's repair settings: categories, the pick-up and finish deadlines, the follow-up
sample rate and the categories always followed up, the manager's monthly spot check."""

from __future__ import annotations

from dataclasses import dataclass

from app.core import settings
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.repairs.vocab import DEFAULT_CATEGORIES, DEFAULT_MUST_FOLLOW_UP, Urgency

CATEGORIES = settings.define("repairs.categories", DEFAULT_CATEGORIES, "维修类别")
PICKUP_MINUTES = settings.define("repairs.pickup_minutes", 30, "派工后接单时限（分钟）")
FINISH_HOURS = settings.define("repairs.finish_hours", {Urgency.NORMAL.value: 24, Urgency.URGENT.value: 4},
                               "无预约时间时的完成时限（小时，按紧急程度）")
SAMPLE_PERCENT = settings.define("repairs.sample_percent", 30, "维修回访抽样比例（%）")
MUST_FOLLOW_UP = settings.define("repairs.must_follow_up", DEFAULT_MUST_FOLLOW_UP, "必须回访的维修类别")
SPOT_CHECK_PERCENT = settings.define("repairs.spot_check_percent", 10, "经理每月抽查回访比例（%）")
FOLLOW_UP_DAYS = settings.define("repairs.follow_up_days", 3, "维修完工后回访时限（天）")
SPOT_CHECK_MIN = settings.define("repairs.spot_check_min", 5, "经理每月至少抽查回访条数")


@dataclass(frozen=True)
class RepairSettingsData:
    categories: tuple[str, ...]
    pickup_minutes: int
    finish_hours_normal: int
    finish_hours_urgent: int
    sample_percent: int
    must_follow_up: tuple[str, ...]
    spot_check_percent: int
    spot_check_min: int


def get_settings(ctx: Context) -> RepairSettingsData:
    values = settings.get_many(ctx, "repairs.")
    hours = values[FINISH_HOURS.key] or {}
    return RepairSettingsData(
        categories=tuple(values[CATEGORIES.key]),
        pickup_minutes=int(values[PICKUP_MINUTES.key]),
        finish_hours_normal=int(hours.get(Urgency.NORMAL.value, 24)),
        finish_hours_urgent=int(hours.get(Urgency.URGENT.value, 4)),
        sample_percent=int(values[SAMPLE_PERCENT.key]),
        must_follow_up=tuple(values[MUST_FOLLOW_UP.key]),
        spot_check_percent=int(values[SPOT_CHECK_PERCENT.key]),
        spot_check_min=int(values[SPOT_CHECK_MIN.key]),
    )


def categories(ctx: Context) -> list[str]:
    return list(settings.get(ctx, CATEGORIES.key))


def pickup_minutes(ctx: Context) -> int:
    return int(settings.get(ctx, PICKUP_MINUTES.key))


def follow_up_days(ctx: Context) -> int:
    return int(settings.get(ctx, FOLLOW_UP_DAYS.key))


def _int_setting(label: str, value, low: int, high: int, key: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(label, f"“{value}”不是整数", key) from None
    if not low <= number <= high:
        raise ValidationError(label, f"应在 {low} 到 {high} 之间", key)
    return number


def save_settings(ctx: Context, *, categories: list[str] | None = None, pickup_minutes=None,
                  finish_hours_normal=None, finish_hours_urgent=None, sample_percent=None,
                  must_follow_up: list[str] | None = None, spot_check_percent=None,
                  spot_check_min=None) -> RepairSettingsData:
    """Change the repair settings (客服主管 and above). Only the values given change."""
    ctx.require_role(Role.SUPERVISOR, "修改维修设置")
    current = get_settings(ctx)
    puts: dict[str, object] = {}
    cats = list(current.categories)
    if categories is not None:
        cats = []
        for raw in categories:
            name = v.text("维修类别", raw, max_len=50, key="categories")
            if name and name not in cats:
                cats.append(name)
        if not cats:
            raise ValidationError("维修类别", "至少保留一个类别", "categories")
        puts[CATEGORIES.key] = cats
    if must_follow_up is not None:
        must = []
        for raw in must_follow_up:
            name = v.text("必须回访的类别", raw, max_len=50, key="must_follow_up")
            if name and name not in must:
                if name not in cats:
                    raise ValidationError("必须回访的类别", f"“{name}”不在维修类别中", "must_follow_up")
                must.append(name)
        puts[MUST_FOLLOW_UP.key] = must
    if pickup_minutes is not None:
        puts[PICKUP_MINUTES.key] = _int_setting("接单时限（分钟）", pickup_minutes, 1, 24 * 60, "pickup_minutes")
    if finish_hours_normal is not None or finish_hours_urgent is not None:
        normal = current.finish_hours_normal if finish_hours_normal is None else _int_setting(
            "一般维修完成时限（小时）", finish_hours_normal, 1, 24 * 30, "finish_hours_normal")
        urgent = current.finish_hours_urgent if finish_hours_urgent is None else _int_setting(
            "紧急维修完成时限（小时）", finish_hours_urgent, 1, 24 * 30, "finish_hours_urgent")
        puts[FINISH_HOURS.key] = {Urgency.NORMAL.value: normal, Urgency.URGENT.value: urgent}
    if sample_percent is not None:
        puts[SAMPLE_PERCENT.key] = _int_setting("回访抽样比例（%）", sample_percent, 0, 100, "sample_percent")
    if spot_check_percent is not None:
        puts[SPOT_CHECK_PERCENT.key] = _int_setting("经理抽查比例（%）", spot_check_percent, 0, 100,
                                                    "spot_check_percent")
    if spot_check_min is not None:
        puts[SPOT_CHECK_MIN.key] = _int_setting("经理至少抽查条数", spot_check_min, 0, 1000, "spot_check_min")
    for key, value in puts.items():
        settings.put(ctx, key, value)
    return get_settings(ctx)
