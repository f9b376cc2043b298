"""Automatic escalation of overdue complaints (三级负责制): run on the worker at login and every
few minutes while the main window is open; the navigation counts are refreshed after each run.
Also shows the working-day calendar's coverage warning in the status bar (non-blocking)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 5 * 60 * 1000


def _run(env, window) -> None:
    from app import complaints

    def done(result) -> None:
        if result.escalated or result.marked_overdue:
            log.info("escalation: %d escalated, %d marked overdue", len(result.escalated), result.marked_overdue)
        if hasattr(window, "refresh_badges"):
            window.refresh_badges()

    env.runner.submit(complaints.run_escalation, env.ctx, on_done=done,
                      on_error=lambda exc: log.error("automatic escalation failed: %s", exc), label="")


def on_login(env, window) -> None:
    _run(env, window)
    timer = QTimer(window)
    timer.setObjectName("complaint_escalation_timer")
    timer.timeout.connect(lambda: _run(env, window))
    timer.start(INTERVAL_MS)

    def warn(text) -> None:
        if text and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 60_000)

    if env.actor is not None and env.actor.role.rank >= 1:  # 客服主管 and above can act on it
        from app.core import calendar

        env.runner.submit(calendar.coverage_warning, env.ctx, on_done=warn, on_error=lambda exc: None, label="")
