"""After logging in, a staff member sees the 转告 messages left for them (by display name)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

KEY = "pending_messages_dialog"


def on_login(env, window) -> None:
    if env.actor is None:
        return
    from app import reception

    def show(messages) -> None:
        if not messages:
            return
        from ui.reception.pending_messages_dialog import PendingMessagesDialog

        dlg = PendingMessagesDialog(env, messages, window)
        env.extras[KEY] = dlg  # keep it alive; tests find it here
        dlg.show()
        dlg.raise_()

    env.runner.submit(reception.my_pending_messages, env.ctx, on_done=show,
                      on_error=lambda exc: log.warning("pending messages: %s", exc), label="")
