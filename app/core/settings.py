"""Site settings: a key/value store with defaults declared by the modules that use them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.core import access
from app.core.models import Setting
from app.core.context import Context
from app.core.records import audit
from app.domain.errors import ValidationError


@dataclass(frozen=True)
class SettingDef:
    key: str
    default: Any
    label: str


_DEFS: dict[str, SettingDef] = {}


def define(key: str, default: Any, label: str) -> SettingDef:
    """Declare a setting and its default (called at import time by the module that owns it)."""
    d = SettingDef(key, default, label)
    _DEFS[key] = d
    return d


def definitions() -> list[SettingDef]:
    return sorted(_DEFS.values(), key=lambda d: d.key)


def get(ctx: Context, key: str | SettingDef, default: Any = None) -> Any:
    if isinstance(key, SettingDef):
        key = key.key
    with ctx.read() as s:
        row = s.get(Setting, key)
        if row is not None:
            return row.value
    if key in _DEFS:
        return _DEFS[key].default
    return default


def get_many(ctx: Context, prefix: str) -> dict[str, Any]:
    values = {k: d.default for k, d in _DEFS.items() if k.startswith(prefix)}
    with ctx.read() as s:
        for row in s.scalars(select(Setting).where(Setting.key.startswith(prefix))):
            values[row.key] = row.value
    return values


#: Limits of the settings that keep the lock-out meaningful.
_BOUNDS = {"auth.lock_attempts": (3, 10), "auth.lock_minutes": (1, 1440)}


def _check(key: str, value: Any) -> Any:
    if key == access.ROLES_SETTING:
        return access.check_overrides(value)
    if key in _BOUNDS:
        low, high = _BOUNDS[key]
        label = _DEFS[key].label if key in _DEFS else key
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(label, f"应为 {low}–{high} 之间的整数", key)
    return value


def put(ctx: Context, key: str, value: Any) -> None:
    """Store a setting: 客服主管 and above (callers may ask for more); the lock-out and the
    roles of sensitive steps only 管理员. Audited with the values before and after."""
    actor, _ = access.require(ctx, "settings.security" if key in access.SECURITY_SETTINGS else "settings.change")
    value = _check(key, value)
    with ctx.unit_of_work() as s:
        row = s.get(Setting, key)
        before = None if row is None else {"value": row.value}
        if row is None:
            row = Setting(key=key, value=value, updated_at=ctx.now(), updated_by=actor.name)
            s.add(row)
        else:
            row.value = value
            row.updated_at = ctx.now()
            row.updated_by = actor.name
        audit(ctx, s, "修改设置", entity="setting", entity_uuid=None, before=before,
              after={"key": key, "value": value})


def put_system(ctx: Context, key: str | SettingDef, value: Any) -> None:
    """Store the application's own bookkeeping (e.g. when a backup mirror was last written):
    not a user's setting, so no role and no history entry."""
    key = key.key if isinstance(key, SettingDef) else key
    with ctx.unit_of_work() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value, updated_at=ctx.now(), updated_by="系统"))
        else:
            row.value = value
            row.updated_at = ctx.now()


DESK_HOURS = define("desk.hours", {
    "weekday": ["08:30", "18:00"],
    "weekend": ["09:00", "17:00"],
}, "前台服务时间")
LOCK_ATTEMPTS = define("auth.lock_attempts", 5, "连续输错密码锁定次数")
LOCK_MINUTES = define("auth.lock_minutes", 5, "锁定分钟数")
