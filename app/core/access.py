"""Sensitive steps by role: the one table of actions, the role each needs and whether it asks
for a reason. The services call :func:`require` at the step; the README lists the same table
(``python -m app.core.access`` prints it).

The site may change the role of an action marked ``adjustable`` (the setting ``access.roles``,
which only 管理员 may change), to any role from the action's ``lowest`` up to 管理员; the
others are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import validate as v
from app.domain.enums import Role
from app.core.models import Setting
from app.domain.errors import PermissionDenied, ValidationError


@dataclass(frozen=True)
class Action:
    key: str
    name: str  # what the user is told they may not do
    role: Role
    reason: bool = False  # the step asks for a reason, kept in its audit event
    adjustable: bool = True
    lowest: Role = Role.RECEPTIONIST  # the lowest role a site may give an adjustable action

    def choices(self) -> tuple[Role, ...]:
        """The roles a site may give this action (only its own role when it is fixed)."""
        if not self.adjustable:
            return (self.role,)
        return tuple(r for r in Role if r.rank >= self.lowest.rank)


_ACTIONS: tuple[Action, ...] = (
    Action("complaint.lower_severity", "降低投诉性质", Role.SUPERVISOR, reason=True),
    Action("complaint.change_received_at", "修改投诉受理时间", Role.SUPERVISOR, reason=True),
    Action("complaint.close_invalid", "判定投诉无效并关闭", Role.SUPERVISOR, reason=True),
    Action("record.void", "作废记录", Role.SUPERVISOR, reason=True),
    Action("renovation.refund_deposit", "办理退押金", Role.SUPERVISOR),
    Action("renovation.deduct_deposit", "扣除装修押金", Role.SUPERVISOR, reason=True),
    Action("settings.change", "修改设置", Role.SUPERVISOR, lowest=Role.SUPERVISOR),
    Action("settings.security", "修改登录与权限设置", Role.ADMIN, adjustable=False),
    Action("calendar.edit", "修改工作日历", Role.ADMIN, lowest=Role.SUPERVISOR),
    Action("rules.edit", "修改处理时限等规则", Role.MANAGER, lowest=Role.SUPERVISOR),
    Action("residents.full_phone", "查看住户完整电话", Role.SUPERVISOR),
    Action("export.unmasked", "导出未遮盖电话的工作簿", Role.SUPERVISOR, lowest=Role.SUPERVISOR),
    Action("users.manage", "管理用户", Role.ADMIN, adjustable=False),
)

#: key → action, in the order of the table.
ACTIONS: dict[str, Action] = {a.key: a for a in _ACTIONS}

#: The setting holding the site's changes to the table: {action key: role name}.
ROLES_SETTING = "access.roles"
#: Settings only 管理员 may change (they decide who gets in and who may do what).
SECURITY_SETTINGS = frozenset({ROLES_SETTING, "auth.lock_attempts", "auth.lock_minutes"})


def _overrides(ctx) -> dict:
    with ctx.read() as s:
        row = s.get(Setting, ROLES_SETTING)
        return row.value if row is not None and isinstance(row.value, dict) else {}


def _site_role(action: Action, overrides: dict) -> Role:
    """The action's role under the site's changes; a stored value the rules no longer allow
    (an unknown role, one below the action's ``lowest``) falls back to the table's role."""
    wanted = overrides.get(action.key) if action.adjustable else None
    return Role(wanted) if wanted in {r.value for r in action.choices()} else action.role


def role_for(ctx, key: str) -> Role:
    """The role an action needs at this site (the table, or the site's change where allowed)."""
    action = ACTIONS[key]
    return _site_role(action, _overrides(ctx) if action.adjustable else {})


@dataclass(frozen=True)
class ActionRole:
    """One line of the table as the site has it: the action and the role it needs here."""
    action: Action
    role: Role

    @property
    def changed(self) -> bool:
        return self.role != self.action.role


def site_table(ctx) -> list[ActionRole]:
    """The whole table with this site's roles, in the table's order (one read)."""
    overrides = _overrides(ctx)
    return [ActionRole(a, _site_role(a, overrides)) for a in _ACTIONS]


def allowed(ctx, key: str) -> bool:
    """Whether the logged-in actor may do the action (for a service deciding what to show, or a
    screen deciding what to offer). A yes is checked in the database like :func:`require`."""
    actor = ctx.actor
    role = role_for(ctx, key)
    if actor is None or not actor.at_least(role):
        return False
    ctx.require_role(role, ACTIONS[key].name)
    return True


def require(ctx, key: str, reason: str | None = None, *, reason_label: str = "原因", reason_key: str = "reason",
            max_len: int = 500):
    """The actor, when the account (checked in the database) may do the action; with the
    action's reason checked (required, at most ``max_len`` characters) when it asks for one.

    Returns ``(actor, reason)``.
    """
    action = ACTIONS[key]
    role = role_for(ctx, key)
    actor = ctx.require_actor()
    if not actor.at_least(role):
        raise PermissionDenied(f"{actor.role.value}无权{action.name}，需要{role.value}或以上权限")
    ctx.require_role(role, action.name)
    if action.reason:
        reason = v.text(reason_label, reason, required=True, max_len=max_len, key=reason_key)
    return actor, reason


def check_overrides(value) -> dict[str, str]:
    """A new value of the ``access.roles`` setting: only adjustable actions, each given a role
    its ``choices`` allow; an action set back to the table's role is left out."""
    if not isinstance(value, dict):
        raise ValidationError("权限设置", "格式不正确", ROLES_SETTING)
    clean = {}
    for key, role in value.items():
        action = ACTIONS.get(key)
        if action is None:
            raise ValidationError("权限设置", "含有本系统没有的操作，请重新打开权限设置后再保存", ROLES_SETTING)
        if not action.adjustable:
            raise ValidationError(action.name, "这一项关系到登录与安全，不能调整", key)
        chosen = v.choice(action.name, role, Role, key=key)
        if chosen not in action.choices():
            raise ValidationError(action.name, f"只能交给{action.lowest.value}或以上的角色", key)
        if chosen != action.role:  # the table's own role needs no entry
            clean[key] = chosen.value
    return clean


def table_markdown() -> str:
    """The table as Markdown, for the README."""
    lines = ["| 操作 | 代码 | 最低角色 | 需填原因 | 站点可调整为 |", "|---|---|---|---|---|"]
    for a in _ACTIONS:
        adjust = f"{a.lowest.value}及以上" if a.adjustable else "否"
        lines.append(f"| {a.name} | `{a.key}` | {a.role.value} | {'是' if a.reason else '—'} | {adjust} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - prints the README table
    print(table_markdown())
