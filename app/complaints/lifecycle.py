"""The states a complaint moves through, and which action is allowed in which state::

    已受理 ──开始处理 / 转交部门──▶ 处理中 ──处理完成──▶ 待回访 ──回访 满意/较满意──▶ 已关闭
      │  └────────────处理完成（当场解决）───────────▶   │
      │                              ◀──回访 不满意（性质升一级，重新处理次数 +1）──┘
      └── 判定无效（须向住户解释）──▶ 已关闭（无效）        any state ──作废（须填原因）──▶ 已作废

Anything else is refused with :class:`InvalidTransition`.
"""

from __future__ import annotations

from app.complaints.vocab import ComplaintAction as A
from app.complaints.vocab import ComplaintStatus as S
from app.domain.errors import InvalidTransition

_OPEN = (S.RECEIVED, S.IN_PROGRESS, S.AWAITING_FOLLOW_UP)
_HANDLING = (S.RECEIVED, S.IN_PROGRESS)
_NOT_VOID = (*_OPEN, S.CLOSED)

#: action -> (states it may start from, state it leads to; None = unchanged)
TRANSITIONS: dict[A, tuple[tuple[S, ...], S | None]] = {
    A.START: ((S.RECEIVED,), S.IN_PROGRESS),
    A.HAND_OVER: (_HANDLING, S.IN_PROGRESS),
    A.FINISH: (_HANDLING, S.AWAITING_FOLLOW_UP),
    A.DECLARE_INVALID: (_HANDLING, S.CLOSED),
    A.CLOSE_AFTER_FOLLOW_UP: ((S.AWAITING_FOLLOW_UP,), S.CLOSED),
    A.REOPEN: ((S.AWAITING_FOLLOW_UP,), S.IN_PROGRESS),
    A.VOID: (_NOT_VOID, S.VOID),
    # not state changes, but only allowed in these states
    A.ESCALATE: (_OPEN, None),
    A.PROGRESS: (_HANDLING, None),
    A.REPLY: (_NOT_VOID, None),
    A.DECIDE_VALIDITY: (_OPEN, None),
    A.EDIT: (_NOT_VOID, None),
}


def allowed_actions(status: str) -> list[str]:
    """What may be done to a complaint in this state (the dialog enables its buttons from this)."""
    st = S(status)
    return [a.value for a, (starts, _) in TRANSITIONS.items() if st in starts]


def check(status: str, action: A | str) -> S | None:
    """The state ``action`` leads to from ``status`` (None: unchanged); refused when not allowed."""
    starts, target = TRANSITIONS[A(action)]
    if S(status) not in starts:
        allowed = "、".join(s.value for s in starts)
        raise InvalidTransition(f"投诉当前状态为“{status}”，不能{A(action).value}（仅在 {allowed} 状态下可以）")
    return target
