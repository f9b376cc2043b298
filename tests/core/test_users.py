"""Staff accounts: lock-out after wrong passwords, deactivation instead of deletion,
administration only by an admin; departments."""

from datetime import timedelta

import pytest

from app.domain.enums import Role
from app.domain.errors import AuthError, PermissionDenied, StaleRecord, ValidationError
from app.core import departments, records, users
from tests.conftest import PASSWORD


def test_five_wrong_passwords_lock_for_five_minutes(ctx, clock):
    for _ in range(4):
        with pytest.raises(AuthError) as err:
            users.login(ctx, "wangli", "wrong")
        assert str(err.value) == "用户名或密码错误"  # the same answer as for an unknown user
    with pytest.raises(AuthError) as err:
        users.login(ctx, "wangli", "wrong")
    assert "锁定 5 分钟" in str(err.value)
    with pytest.raises(AuthError) as err:  # the right password is refused while locked
        users.login(ctx, "wangli", PASSWORD)
    assert "锁定" in str(err.value)
    clock.set(clock.now + timedelta(minutes=4, seconds=59))
    with pytest.raises(AuthError):
        users.login(ctx, "wangli", PASSWORD)
    clock.set(clock.now + timedelta(seconds=2))
    assert users.login(ctx, "wangli", PASSWORD).name == "王丽"
    # A good login resets the counter: four more wrong ones do not lock.
    for _ in range(4):
        with pytest.raises(AuthError):
            users.login(ctx, "wangli", "wrong")
    assert users.login(ctx, "wangli", PASSWORD).role is Role.RECEPTIONIST


def test_admin_reset_unlocks(admin_ctx, ctx):
    for _ in range(5):
        with pytest.raises(AuthError):
            users.login(ctx, "wangli", "wrong")
    users.reset_password(admin_ctx, "wangli", "Reset-pass-61")
    assert users.login(ctx, "wangli", "Reset-pass-61").username == "wangli"
    with pytest.raises(AuthError):
        users.login(ctx, "wangli", PASSWORD)


def test_deactivated_user_cannot_log_in_and_is_kept(admin_ctx, ctx):
    row = users.set_active(admin_ctx, "wangli", False)
    assert row.active is False
    with pytest.raises(AuthError):
        users.login(ctx, "wangli", PASSWORD)
    assert [u.username for u in users.list_users(admin_ctx) if not u.active] == ["wangli"]
    assert "王丽" not in users.staff_names(admin_ctx)
    users.set_active(admin_ctx, "wangli", True)
    assert users.login(ctx, "wangli", PASSWORD).name == "王丽"
    actions = [h.action for h in records.history(admin_ctx, row.uuid)]
    assert "停用用户" in actions and "启用用户" in actions


def test_only_admin_manages_users(ctx, supervisor_ctx, manager_ctx):
    for who in (ctx, supervisor_ctx, manager_ctx):
        with pytest.raises(PermissionDenied):
            users.add_user(who, username="x1", name="某人", role=Role.RECEPTIONIST, password="Abcdef-71")
        with pytest.raises(PermissionDenied):
            users.reset_password(who, "wangli", "Abcdef-71")
        with pytest.raises(PermissionDenied):
            users.set_active(who, "wangli", False)
        with pytest.raises(PermissionDenied):
            users.update_user(who, "wangli", role=Role.ADMIN)
    assert users.login(ctx, "wangli", PASSWORD).role is Role.RECEPTIONIST


def test_add_user_validates(admin_ctx):
    with pytest.raises(ValidationError) as err:
        users.add_user(admin_ctx, username="a b", name="某人", role=Role.RECEPTIONIST, password="Abcdef-71")
    assert err.value.field == "用户名"
    with pytest.raises(ValidationError) as err:
        users.add_user(admin_ctx, username="ab", name="某人", role=Role.RECEPTIONIST, password="123")
    assert err.value.field == "密码"
    with pytest.raises(ValidationError) as err:
        users.add_user(admin_ctx, username="admin", name="某人", role=Role.RECEPTIONIST, password="Abcdef-71")
    assert "已存在" in str(err.value)
    row = users.add_user(admin_ctx, username="zhaoyun", name="赵云", role="客服主管", password="Abcdef-71",
                         department="客服部", phone="138-0013-8000")
    assert (row.role, row.phone, row.active) == ("客服主管", "13800138000", True)


def test_last_admin_cannot_be_deactivated_or_demoted(admin_ctx):
    with pytest.raises(ValidationError):
        users.set_active(admin_ctx, "admin", False)
    users.add_user(admin_ctx, username="admin2", name="副管理员", role=Role.ADMIN, password="Abcdef-71")
    with pytest.raises(ValidationError):  # not oneself
        users.set_active(admin_ctx, "admin", False)
    users.update_user(admin_ctx, "admin2", role=Role.MANAGER)
    with pytest.raises(ValidationError):
        users.update_user(admin_ctx, "admin", role=Role.MANAGER)


def test_change_own_password(ctx):
    with pytest.raises(AuthError):
        users.change_own_password(ctx, "wrong", "brand-new-1")
    with pytest.raises(ValidationError):
        users.change_own_password(ctx, PASSWORD, "123")
    users.change_own_password(ctx, PASSWORD, "brand-new-1")
    assert users.login(ctx, "wangli", "brand-new-1").name == "王丽"


def test_departments(ctx, supervisor_ctx):
    assert departments.list_names(ctx) == ["工程部", "安管部", "环境部", "财务", "客服部"]
    with pytest.raises(PermissionDenied):
        departments.add_department(ctx, "绿化部")
    d = departments.add_department(supervisor_ctx, "绿化部", head="周工", phone="0755 8888 6666")
    assert d.phone == "0755-88886666"
    assert departments.list_names(ctx)[-1] == "绿化部"
    with pytest.raises(ValidationError):
        departments.add_department(supervisor_ctx, "工程部")
    renamed = departments.rename_department(supervisor_ctx, d.id, "园林部", expected_version=d.version)
    assert renamed.head == "周工" and renamed.version == d.version + 1
    with pytest.raises(StaleRecord):
        departments.rename_department(supervisor_ctx, d.id, "绿化组", expected_version=d.version)
    departments.set_active(supervisor_ctx, d.id, False)
    assert "园林部" not in departments.list_names(ctx)
    assert any(x.name == "园林部" and not x.active for x in departments.list_departments(ctx))
    departments.set_active(supervisor_ctx, d.id, True)
    rows = departments.move(supervisor_ctx, d.id, -1)
    assert [r.name for r in rows][-2:] == ["园林部", "客服部"]
    assert departments.list_names(ctx)[-2:] == ["园林部", "客服部"]


def test_production_password_hashes_use_argon2id_at_full_cost():
    """The suite hashes cheaply (tests/conftest.py); the application itself uses these values, and a
    hash made with them says so in its own header."""
    import subprocess
    import sys

    code = ("from app.core import users; h = users.hash_password('correct horse 9'); "
            "print(users.ARGON2_PARAMETERS, h.split('$')[1], h.split('$')[3])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=__import__("pathlib").Path(__file__).resolve().parents[2]).stdout
    assert "{'time_cost': 3, 'memory_cost': 65536, 'parallelism': 4}" in out
    assert "argon2id" in out and "m=65536,t=3,p=4" in out
