"""Access is checked at the moment of use: a deactivated, demoted or reset account is stopped at
its next action with a message, from the database, even though its window still holds its actor."""

from __future__ import annotations

import time

import pytest

from app import reception, residents
from app.core import users
from app.domain.enums import Role
from app.domain.errors import PermissionDenied, SessionEnded
from tests.conftest import PASSWORD


def _contact(ctx, content="咨询停车收费"):
    return reception.create_contact(ctx, method="来电", name="甲", category="咨询", content=content,
                                    handling="已答复")


def test_a_deactivated_receptionist_is_stopped_at_the_next_action(ctx, admin_ctx):
    _contact(ctx)  # working normally
    users.set_active(admin_ctx, "wangli", False)
    with pytest.raises(SessionEnded, match="账号已停用"):
        _contact(ctx, "停用后仍想登记")
    assert reception.count_contacts(admin_ctx) == 1  # nothing saved after the stop


def test_a_demoted_supervisor_can_no_longer_void(supervisor_ctx, admin_ctx):
    person = residents.add_resident(supervisor_ctx, name="李四", phone="13900139000")
    users.update_user(admin_ctx, "zhangmin", role=Role.RECEPTIONIST)
    with pytest.raises(SessionEnded, match="角色已由客服主管改为前台客服"):
        residents.void_resident(supervisor_ctx, person.id, "录错", expected_version=person.version)
    assert residents.get_resident(admin_ctx, person.id).version == person.version


def test_a_password_reset_ends_the_windows_opened_before_it(admin_ctx, ctx):
    old_window = ctx.as_actor(users.login(ctx.as_actor(None), "wangli", PASSWORD))
    _contact(old_window)
    users.reset_password(admin_ctx, "wangli", "Fresh-start-42")
    with pytest.raises(SessionEnded, match="重新登录"):
        _contact(old_window, "重置后的旧窗口")
    # A new login with the new password works (and has to choose its own password first).
    new_window = ctx.as_actor(users.login(ctx.as_actor(None), "wangli", "Fresh-start-42"))
    assert users.must_change_password(new_window)
    _contact(new_window, "新登录")


def test_changing_ones_own_password_keeps_this_window_and_ends_the_others(ctx):
    here = ctx.as_actor(users.login(ctx.as_actor(None), "wangli", PASSWORD))
    elsewhere = ctx.as_actor(users.login(ctx.as_actor(None), "wangli", PASSWORD))
    users.change_own_password(here, PASSWORD, "Another-good-one-7")
    _contact(here)
    with pytest.raises(SessionEnded):
        _contact(elsewhere)


def test_a_reactivated_account_logs_in_again(ctx, admin_ctx):
    users.set_active(admin_ctx, "wangli", False)
    with pytest.raises(SessionEnded):
        _contact(ctx)
    users.set_active(admin_ctx, "wangli", True)
    again = ctx.as_actor(users.login(ctx.as_actor(None), "wangli", PASSWORD))
    _contact(again)


def test_session_ended_is_a_permission_refusal_users_understand():
    assert issubclass(SessionEnded, PermissionDenied)


def test_the_check_is_cheap(ctx):
    """One indexed read per unit of work: a hundred checks well under a second."""
    start = time.perf_counter()
    for _ in range(100):
        with ctx.unit_of_work():
            pass
    assert time.perf_counter() - start < 1.0
