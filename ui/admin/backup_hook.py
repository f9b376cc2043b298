"""Automatic backups while the application runs: after changes, at most every
``backup.auto_minutes`` minutes (on the background worker, never on the GUI thread), and at
close; a status-bar warning when the mirror folder has not been reachable for a day."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 5 * 60_000


class AutoBackup:
    def __init__(self, env, window):
        from PySide6.QtCore import QTimer

        self.env = env
        self.window = window
        self.last_at = None
        self.last_marker = None
        self.busy = False
        self.timer = QTimer(window)
        self.timer.timeout.connect(self.tick)
        self.timer.start(CHECK_INTERVAL_MS)

    def tick(self) -> None:
        if self.busy or self.env.ctx.storage_error is not None:
            return
        self.busy = True
        ctx = self.env.ctx
        last_at, last_marker = self.last_at, self.last_marker

        def work():
            from app.core import backup

            warning = backup.mirror_warning(ctx)
            if not backup.auto_backup_due(ctx, last_at, last_marker):
                return None, None, warning
            marker = backup.changes_marker(ctx)
            return backup.make_backup(ctx, "auto"), marker, warning

        self.env.runner.submit(work, on_done=self._done, on_error=self._failed, label="")

    def _done(self, result) -> None:
        self.busy = False
        info, marker, warning = result
        if info is not None:
            self.last_at, self.last_marker = info.created_at, marker
        if warning:
            self.window.statusBar().showMessage(warning, 60_000)

    def _failed(self, exc) -> None:
        self.busy = False
        from ui.shared.common import error_text

        log.warning("automatic backup failed: %s", type(exc).__name__)
        self.window.statusBar().showMessage(f"自动备份未完成：{error_text(exc)}", 60_000)


def on_login(env, window) -> None:
    env.extras["auto_backup"] = AutoBackup(env, window)


def on_exit(env) -> None:
    """A backup at close, when anything changed since the last one."""
    from app.core import backup

    if env.ctx.storage_error is not None:
        return
    auto = env.extras.get("auto_backup")
    try:
        if backup.auto_backup_due(env.ctx, None, auto.last_marker if auto else None):
            backup.make_backup(env.ctx, "close")
    except Exception as exc:  # closing must go on; the reason is logged
        log.warning("backup at close failed: %s", type(exc).__name__)
