"""Passwords and login: weak passwords refused for every account, the same answer after the same
work for an unknown user and a wrong password, the lock-out message telling the real time left,
and a first-login change for accounts an administrator created."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest

from app.core import users
from app.domain.errors import AuthError, ValidationError
from tests.conftest import PASSWORD

WEAK = ["123456", "aaaaaa", "password", "      ", "aaaaaaaa", "        ", "12345678", "password1", "qwerty123",
        "Password", "1234567", "zhaoyun"]


@pytest.mark.parametrize("weak", WEAK)
def test_weak_passwords_are_refused_for_a_new_account(admin_ctx, weak):
    with pytest.raises(ValidationError) as err:
        users.add_user(admin_ctx, username="zhaoyun", name="赵云", role="管理员", password=weak)
    assert err.value.field == "密码"
    assert [u.username for u in users.list_users(admin_ctx)] == ["admin"]


def test_weak_passwords_are_refused_on_reset_and_change(admin_ctx, ctx):
    with pytest.raises(ValidationError, match="常见"):
        users.reset_password(admin_ctx, "wangli", "iloveyou")
    users.add_user(admin_ctx, username="wangxiaoli", name="王小丽", role="前台客服", password="Lotus-pond-93")
    with pytest.raises(ValidationError, match="用户名"):
        users.reset_password(admin_ctx, "wangxiaoli", "WangXiaoLi")
    with pytest.raises(ValidationError, match="同一个字符"):
        users.change_own_password(ctx, PASSWORD, "zzzzzzzzzz")


def test_a_good_password_is_accepted(admin_ctx):
    row = users.add_user(admin_ctx, username="zhaoyun", name="赵云", role="前台客服", password="Lotus-pond-93")
    assert row.must_change_password


def test_an_admin_created_account_changes_its_password_at_first_login(admin_ctx):
    users.add_user(admin_ctx, username="zhaoyun", name="赵云", role="前台客服", password="Lotus-pond-93")
    desk = admin_ctx.as_actor(None)
    desk.actor = users.login(desk, "zhaoyun", "Lotus-pond-93")
    assert users.must_change_password(desk)
    with pytest.raises(ValidationError, match="不能与原密码相同"):
        users.change_own_password(desk, "Lotus-pond-93", "Lotus-pond-93")
    users.change_own_password(desk, "Lotus-pond-93", "My-own-choice-5")
    assert not users.must_change_password(desk)
    assert not users.must_change_password(admin_ctx)  # the site's first admin chose their own


def _answer(ctx, username, password):
    start = time.perf_counter()
    with pytest.raises(AuthError) as err:
        users.login(ctx.as_actor(None), username, password)
    return str(err.value), time.perf_counter() - start


def test_unknown_user_and_wrong_password_get_the_same_answer_in_the_same_time(admin_ctx, monkeypatch):
    # Hashing as costly as in production dominates both answers (as it does at a real desk).
    monkeypatch.setitem(users.ARGON2_PARAMETERS, "memory_cost", 32768)
    monkeypatch.setitem(users.ARGON2_PARAMETERS, "time_cost", 2)
    users.reset_password(admin_ctx, "admin", "Fresh-admin-88")  # a hash made with those parameters
    users.settings.put(admin_ctx, "auth.lock_attempts", 10)
    unknown, wrong = [], []
    for _ in range(4):
        text_u, t_u = _answer(admin_ctx, "nobody", "whatever-1")
        text_w, t_w = _answer(admin_ctx, "admin", "whatever-1")
        unknown.append(t_u)
        wrong.append(t_w)
        assert text_u == text_w == users.WRONG
    u, w = statistics.median(unknown), statistics.median(wrong)
    assert abs(u - w) < 0.35 * max(u, w), (u, w)


def test_lock_out_message_tells_the_real_time_left(admin_ctx, clock):
    for _ in range(4):
        _answer(admin_ctx, "admin", "wrong-pass-1")
    text, _ = _answer(admin_ctx, "admin", "wrong-pass-1")
    assert "锁定 5 分钟" in text
    text, _ = _answer(admin_ctx, "admin", PASSWORD)
    assert "请 5 分钟后再试" in text
    clock.set(clock.now + timedelta(minutes=3, seconds=30))
    text, _ = _answer(admin_ctx, "admin", PASSWORD)
    assert "请 2 分钟后再试" in text
    clock.set(clock.now + timedelta(minutes=1, seconds=31))
    assert users.login(admin_ctx.as_actor(None), "admin", PASSWORD).username == "admin"


def test_password_hashes_stay_out_of_the_history(admin_ctx, ctx):
    users.reset_password(admin_ctx, "wangli", "Fresh-start-42")
    from app.core import records

    for event in records.history(admin_ctx, users.get_user(admin_ctx, "wangli").uuid):
        assert "$argon2" not in repr(event.before) + repr(event.after)
