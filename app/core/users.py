"""Site set-up, staff accounts and login (argon2id hashes, lock-out after wrong passwords)."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select

from app.core.models import Department, Site, Staff
from app.domain import validate as v
from app.domain.enums import DEFAULT_DEPARTMENTS, Role
from app.domain.errors import AlreadyInitialised, AuthError, NotFound, ValidationError
from app.core import access, records, settings
from app.core.context import SYSTEM, Actor, Context

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{2,50}$")
PASSWORD_MIN = 8
COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common_passwords.txt"
#: The one answer to a wrong password or an unknown user name (no hint which it was).
WRONG = "用户名或密码错误"


#: argon2id cost for password hashes (a test checks these values; the test suite swaps in a
#: cheap profile so that creating accounts does not dominate its run time).
ARGON2_PARAMETERS = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}


def _hasher():
    from argon2 import PasswordHasher  # argon2id by default

    return PasswordHasher(**ARGON2_PARAMETERS)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


_DUMMY: dict[tuple, str] = {}


def _dummy_hash() -> str:
    """A hash to verify against when the user name is unknown, so that answer takes as long as
    a wrong password (made once per set of parameters)."""
    key = tuple(sorted(ARGON2_PARAMETERS.items()))
    if key not in _DUMMY:
        _DUMMY[key] = hash_password("no such account: this hash is only checked to spend the time")
    return _DUMMY[key]


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _check_password(password: str | None, label: str = "密码", *, username: str | None = None) -> str:
    """At least 8 characters, not one character repeated, not a common password, not the user name."""
    if not password or len(password) < PASSWORD_MIN:
        raise ValidationError(label, f"至少 {PASSWORD_MIN} 位", "password")
    if len(password) > 128:
        raise ValidationError(label, "最多 128 位", "password")
    if len(set(password)) == 1:
        raise ValidationError(label, "不能全部是同一个字符", "password")
    if not password.strip():
        raise ValidationError(label, "不能全是空格", "password")
    if password.lower() in common_passwords():
        raise ValidationError(label, "太常见，容易被猜中，请换一个", "password")
    if username and username.strip().lower() == password.strip().lower():
        raise ValidationError(label, "不能与用户名相同", "password")
    return password


def _check_username(username: str | None) -> str:
    username = v.text("用户名", username, required=True, max_len=50, key="username")
    if not USERNAME_RE.match(username):
        raise ValidationError("用户名", "只能包含字母、数字、下划线、点和横线，2–50 位", "username")
    return username


@dataclass(frozen=True)
class StaffRow:
    id: int
    uuid: str
    username: str
    name: str
    role: str
    department: str | None
    phone: str | None
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    version: int
    must_change_password: bool = False


def is_initialised(ctx: Context) -> bool:
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(Site)) > 0


def init_site(ctx: Context, *, site_code: str, site_name: str, company_name: str, admin_username: str,
              admin_name: str | None, password: str) -> Actor:
    """Create the site, its default departments and the first admin. Refused when done before."""
    code = v.text("站点编码", site_code, required=True, max_len=20, key="site_code")
    if not re.match(r"^[A-Za-z0-9_\-]+$", code):
        raise ValidationError("站点编码", "只能包含字母、数字、下划线和横线", "site_code")
    name = v.text("站点名称", site_name, required=True, max_len=100, key="site_name")
    company = v.text("公司名称", company_name, required=True, max_len=100, key="company_name")
    username = _check_username(admin_username)
    admin_name = v.text("管理员姓名", admin_name, max_len=50, key="admin_name") or username
    _check_password(password, username=username)
    now = ctx.now()
    with ctx.unit_of_work() as s:
        existing = s.scalars(select(Site)).first()
        if existing is not None:
            raise AlreadyInitialised(f"数据库已初始化（站点 {existing.code} {existing.name}），不能重复初始化")
        s.add(Site(code=code, name=name, company_name=company, created_at=now))
        s.flush()
        ctx.forget_site()
        boot = ctx.as_actor(SYSTEM)
        admin = records.create(boot, s, Staff, site_code=code, username=username, name=admin_name,
                               role=Role.ADMIN.value, password_hash=hash_password(password), active=True,
                               failed_attempts=0, action="初始化站点")
        for i, dept in enumerate(DEFAULT_DEPARTMENTS):
            records.create(boot, s, Department, site_code=code, name=dept, active=True, sort_order=i)
        actor = Actor(admin.username, admin.name, Role.ADMIN)
    ctx.forget_site()
    return actor


def login(ctx: Context, username: str, password: str) -> Actor:
    """Check a password. Five wrong in a row lock the account for five minutes.

    An unknown user name, a stopped account and a wrong password get the same answer after
    the same work (a hash is verified in every case)."""
    username = (username or "").strip()
    if not username:
        raise ValidationError("用户名", "必填，不能为空", "username")
    attempts = int(settings.get(ctx, settings.LOCK_ATTEMPTS.key))
    minutes = int(settings.get(ctx, settings.LOCK_MINUTES.key))
    now = ctx.now()
    from argon2.exceptions import VerifyMismatchError, VerificationError, InvalidHashError

    def matches(stored: str) -> bool:
        try:
            return _hasher().verify(stored, password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    with ctx.as_actor(None).unit_of_work() as s:  # whoever may be logged in here does not matter
        user = s.scalars(select(Staff).where(Staff.username == username)).first()
        if user is None or not user.active or user.is_void:
            matches(_dummy_hash())
            err = AuthError(WRONG)
        elif user.locked_until and user.locked_until > now:
            matches(_dummy_hash())
            left = math.ceil((user.locked_until - now).total_seconds() / 60)
            err = AuthError(f"账号已锁定，请 {left} 分钟后再试，或请管理员重置密码")
        elif not matches(user.password_hash):
            user.failed_attempts = (user.failed_attempts or 0) + 1
            actor = Actor(user.username, user.name, Role(user.role))
            if user.failed_attempts >= attempts:
                user.locked_until = now + timedelta(minutes=minutes)
                user.failed_attempts = 0
                records.audit(ctx, s, "账号锁定", user, actor=actor,
                              note=f"连续 {attempts} 次密码错误，锁定 {minutes} 分钟")
                err = AuthError(f"密码连续错误 {attempts} 次，账号已锁定 {minutes} 分钟")
            else:
                records.audit(ctx, s, "登录失败", user, actor=actor)
                err = AuthError(WRONG)
        else:
            err = None
            user.failed_attempts = 0
            user.locked_until = None
            user.last_login_at = now
            actor = Actor(user.username, user.name, Role(user.role), user.session_epoch or 0)
            records.audit(ctx, s, "登录", user, actor=actor)
    if err is not None:
        raise err
    return actor


def must_change_password(ctx: Context) -> bool:
    """Whether the logged-in account must choose a new password before working (an account an
    administrator created or reset)."""
    actor = ctx.actor
    if actor is None or not actor.is_person:
        return False
    with ctx.read() as s:
        return bool(s.scalar(select(Staff.must_change_password).where(Staff.username == actor.username)))


def add_user(ctx: Context, *, username: str, name: str, role: Role | str, password: str,
             department: str | None = None, phone: str | None = None) -> StaffRow:
    access.require(ctx, "users.manage")
    username = _check_username(username)
    name = v.text("姓名", name, required=True, max_len=50, key="name")
    role = v.choice("角色", role, Role, key="role")
    _check_password(password, username=username)
    department = v.text("部门", department, max_len=50, key="department")
    phone = v.normalize_phone(phone)
    with ctx.unit_of_work() as s:
        if s.scalars(select(Staff).where(Staff.username == username)).first() is not None:
            raise ValidationError("用户名", f"“{username}”已存在", "username")
        user = records.create(ctx, s, Staff, username=username, name=name, role=role.value,
                              password_hash=hash_password(password), department=department, phone=phone,
                              active=True, failed_attempts=0, must_change_password=True)
        return records.to_row(user, StaffRow)


def _user(s, username: str) -> Staff:
    user = s.scalars(select(Staff).where(Staff.username == username)).first()
    if user is None:
        raise NotFound(f"找不到用户“{username}”")
    return user


def _is_last_admin(s, user: Staff) -> bool:
    """True when ``user`` is the only active administrator left."""
    if user.role != Role.ADMIN.value or not user.active:
        return False
    others = s.scalar(select(func.count()).select_from(Staff).where(
        Staff.role == Role.ADMIN.value, Staff.active.is_(True), Staff.voided_at.is_(None), Staff.id != user.id))
    return not others


def get_user(ctx: Context, username: str) -> StaffRow:
    with ctx.read() as s:
        return records.to_row(_user(s, username), StaffRow)


def reset_password(ctx: Context, username: str, password: str) -> None:
    """Give an account a new password (管理员). The account's open windows are ended and it
    chooses its own password at its next login."""
    actor, _ = access.require(ctx, "users.manage")
    with ctx.unit_of_work() as s:
        user = _user(s, username)
        _check_password(password, "新密码", username=user.username)
        epoch = (user.session_epoch or 0) + 1
        records.update(ctx, s, user, {"password_hash": hash_password(password), "failed_attempts": 0,
                                      "locked_until": None, "must_change_password": True,
                                      "session_epoch": epoch},
                       expected_version=None, action="重置密码")
    if username == actor.username:
        ctx.actor = dataclasses.replace(actor, epoch=epoch)  # this window carries on


def change_own_password(ctx: Context, old: str, new: str) -> None:
    """The logged-in account changes its password (the old one is checked). Its other windows
    are ended; this one carries on."""
    actor = ctx.require_actor()
    login(ctx, actor.username, old)
    _check_password(new, "新密码", username=actor.username)
    if new == old:
        raise ValidationError("新密码", "不能与原密码相同", "password")
    with ctx.unit_of_work() as s:
        user = _user(s, actor.username)
        epoch = (user.session_epoch or 0) + 1
        records.update(ctx, s, user, {"password_hash": hash_password(new), "must_change_password": False,
                                      "session_epoch": epoch}, expected_version=None, action="修改密码")
    ctx.actor = dataclasses.replace(actor, epoch=epoch)


def set_active(ctx: Context, username: str, active: bool) -> StaffRow:
    """Deactivate (or reactivate) an account. Accounts are never deleted; a deactivated account
    is stopped at its next action."""
    actor, _ = access.require(ctx, "users.manage")
    with ctx.unit_of_work() as s:
        user = _user(s, username)
        if not active and user.username == actor.username:
            raise ValidationError("用户", "不能停用自己的账号")
        if not active and _is_last_admin(s, user):
            raise ValidationError("用户", "这是最后一个启用的管理员账号，不能停用")
        changes = {"active": active}
        if not active:
            changes["session_epoch"] = (user.session_epoch or 0) + 1
        records.update(ctx, s, user, changes, expected_version=None,
                       action="启用用户" if active else "停用用户")
        return records.to_row(user, StaffRow)


def update_user(ctx: Context, username: str, *, name: str | None = None, role: Role | str | None = None,
                department: str | None = None, phone: str | None = None) -> StaffRow:
    """Change an account (管理员). A changed role ends the account's open windows."""
    access.require(ctx, "users.manage")
    changes = {}
    if name is not None:
        changes["name"] = v.text("姓名", name, required=True, max_len=50, key="name")
    if role is not None:
        changes["role"] = v.choice("角色", role, Role, key="role").value
    if department is not None:
        changes["department"] = v.text("部门", department, max_len=50, key="department")
    if phone is not None:
        changes["phone"] = v.normalize_phone(phone)
    with ctx.unit_of_work() as s:
        user = _user(s, username)
        if changes.get("role", user.role) != Role.ADMIN.value and _is_last_admin(s, user):
            raise ValidationError("角色", "这是最后一个启用的管理员账号，不能改为其他角色")
        records.update(ctx, s, user, changes, expected_version=None)
        return records.to_row(user, StaffRow)


def list_users(ctx: Context, *, include_inactive: bool = True) -> list[StaffRow]:
    with ctx.read() as s:
        q = select(Staff).order_by(Staff.role, Staff.username)
        if not include_inactive:
            q = q.where(Staff.active.is_(True))
        return [records.to_row(u, StaffRow) for u in s.scalars(q)]


def staff_names(ctx: Context, *, min_role: Role | None = None) -> list[str]:
    """Display names of active staff (for pick lists such as 负责人 or 转告 recipients)."""
    return [u.name for u in list_users(ctx, include_inactive=False)
            if min_role is None or Role(u.role).rank >= min_role.rank]
