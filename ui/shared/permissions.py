"""What the logged-in user may do at this site, as 系统设置 → 权限设置 has it.

A screen offers a sensitive step of the table in :mod:`app.core.access` (作废, 降低投诉性质, 退押金,
修改设置, 修改工作日历, …) only to the roles the site gives that step, so nobody sees a button the
service would refuse, and nobody the site has allowed finds the button missing. Steps outside the
table (审批, 合并工单, 抽查, …) keep the fixed role their screens name.

The table is read when a screen is built: one small settings read, on the GUI thread. A page that
is already open keeps what it read; a screen built later (a dialog opened again, a page opened for
the first time) or the next login follows a change made in 权限设置. The services check the role
again at the step, so a page built before a change at worst shows a button that is refused with
the service's message.
"""

from __future__ import annotations

from app.core import access
from ui.shared.common import UiEnv


def granted(env: UiEnv) -> frozenset[str]:
    """The keys of the table's actions the logged-in user may do here (one read of the table);
    for a screen that gates several of them."""
    actor = env.actor
    if actor is None:
        return frozenset()
    return frozenset(line.action.key for line in access.site_table(env.ctx) if actor.at_least(line.role))


def may(env: UiEnv, key: str) -> bool:
    """Whether the logged-in user may do the table's action ``key`` here (at most one read)."""
    actor = env.actor
    return actor is not None and actor.at_least(access.role_for(env.ctx, key))


def needs(env: UiEnv, key: str) -> str:
    """What a user is told a step needs, e.g. 「作废记录需要客服主管或以上权限」 (at most one read)."""
    return f"{access.ACTIONS[key].name}需要{access.role_for(env.ctx, key).value}或以上权限"
