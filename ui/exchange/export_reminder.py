"""End of day: remind on closing when today's workbook was not exported (or changed since),
and run the automatic export at the set time while the application is open. A failed
automatic export is shown (a message box and the status bar), never swallowed; the
service retries it after half an hour."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from ui.shared.common import Dialogs, error_text

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 60_000


class AutoExporter(QObject):
    """Asks the service every minute (on the worker) whether the automatic export is due."""

    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, env, window):
        super().__init__(window)
        self.env = env
        self.window = window
        self._pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        from app.exchange import service as exchange

        if self._pending:
            return
        self._pending = True
        self.env.runner.submit(exchange.run_auto_export_if_due, self.env.ctx, on_done=self._done,
                               on_error=self._error, label="")

    def _done(self, result) -> None:
        self._pending = False
        if result is None:
            return
        text = f"已自动导出今天的工作簿：{result.path}（{result.total} 条记录）"
        bar = getattr(self.window, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 30_000)
        self.exported.emit(result)

    def _error(self, exc: BaseException) -> None:
        self._pending = False
        text = error_text(exc)
        log.warning("automatic export failed: %s", text)
        bar = getattr(self.window, "statusBar", None)
        if bar is not None:
            bar().showMessage(text)
        self.failed.emit(text)
        Dialogs.error(self.window, f"{text}\n\n将在 30 分钟后重试；也可在“报表与导出”中手动导出。", "自动导出失败")


def on_login(env, window) -> None:
    window._auto_exporter = AutoExporter(env, window)
    QTimer.singleShot(0, window._auto_exporter.check)


def on_close(env) -> str | None:
    from app.exchange import service as exchange

    return exchange.export_reminder(env.ctx)
