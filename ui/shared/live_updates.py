"""Lists that follow what the other desks save, and a desk that says when the server is gone.

:class:`LiveUpdates` asks the database every few seconds (on the background worker) for its
change marker (``app.core.livelist``); when the marker moves it emits ``data_changed``, and the
main window refreshes the visible page and the badges. When the database cannot be reached it
emits ``connection_changed(False, message)`` and keeps asking; the first answer after that emits
``connection_changed(True, …)`` and ``data_changed``.

:class:`RecordWatch` is what a record dialog uses: given the record's table, uuid and the
version it shows, it checks on every ``data_changed`` whether someone else changed the record
and then shows a warning bar (who, when) at the top of the dialog, before its user types over
the other desk's work. Saving stays refused by the services when the version is stale.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui.shared.common import UiEnv

log = logging.getLogger(__name__)

#: Where the main window keeps its LiveUpdates in ``env.extras``.
EXTRA_KEY = "live_updates"


class LiveUpdates(QObject):
    data_changed = Signal()
    #: (connected, message for the status bar)
    connection_changed = Signal(bool, str)

    INTERVAL_MS = 3000

    def __init__(self, env: UiEnv, parent: QObject | None = None, *, interval_ms: int | None = None):
        super().__init__(parent)
        self.env = env
        self._marker = None
        self._pending = False
        self.connected = True
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms or self.INTERVAL_MS)
        self._timer.timeout.connect(self.poll)
        env.extras[EXTRA_KEY] = self

    def start(self) -> None:
        self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        """Ask for the marker once (skipped while the previous question is still out)."""
        if self._pending:
            return
        from app.core.livelist import change_marker

        self._pending = True
        self.env.runner.submit(change_marker, self.env.ctx, on_done=self._answered, on_error=self._failed, label="")

    def _answered(self, marker) -> None:
        self._pending = False
        if not self.connected:
            self.connected = True
            self.connection_changed.emit(True, "已重新连接到数据库")
        changed = self._marker is not None and marker != self._marker
        self._marker = marker
        if changed:
            self.data_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._pending = False
        if self.connected:
            self.connected = False
            log.warning("change poll failed: %s", type(exc).__name__)
            self.connection_changed.emit(False, _lost_text(exc))
        self._marker = None  # refresh once it is back: changes may have been missed


def _lost_text(exc: BaseException) -> str:
    from app.core.connection import ConnectionLost

    if isinstance(exc, ConnectionLost):
        return "与共享数据库的连接已中断，正在重试……（窗口中已录入的内容会保留）"
    from ui.shared.common import error_text

    return "暂时无法读取数据库，正在重试……" + ("" if not str(exc) else f"（{error_text(exc)}）")


def live_updates(env: UiEnv) -> LiveUpdates | None:
    return env.extras.get(EXTRA_KEY)


class RecordWatch(QObject):
    """Warns in ``bar`` when the record a dialog shows was changed elsewhere.

    ``watch = RecordWatch(env, "contact_record", uuid, lambda: self.row.version, dialog)``; add
    ``watch.bar`` at the top of the dialog's layout. ``version`` is the version the dialog shows,
    or a function returning it (so the dialog's own saves never count as changes elsewhere).
    """

    changed = Signal(object)  # app.core.livelist.RecordChange

    def __init__(self, env: UiEnv, entity: str, uuid: str, version, parent: QWidget | None = None):
        super().__init__(parent)
        self.env, self.entity, self.uuid = env, entity, uuid
        self._version = version
        self.change = None
        self.bar = QLabel()
        self.bar.setObjectName("record_changed_bar")
        self.bar.setWordWrap(True)
        self.bar.setStyleSheet("background: #fff3cd; color: #7a4f01; border: 1px solid #e69500; padding: 6px;")
        self.bar.setVisible(False)
        live = live_updates(env)
        if live is not None:
            live.data_changed.connect(self.check)

    @property
    def version(self) -> int:
        return self._version() if callable(self._version) else self._version

    def set_version(self, version: int) -> None:
        """The dialog saved (or reloaded) the record: this version is its own."""
        self._version = version
        self.change = None
        self.bar.setVisible(False)

    def check(self) -> None:
        from app.core.livelist import record_change

        if self.version is None:  # the dialog has not loaded the record yet
            return
        self.env.runner.submit(record_change, self.env.ctx, self.entity, self.uuid, self.version,
                               on_done=self._answered, on_error=lambda exc: None, label="")

    def _answered(self, change) -> None:
        try:
            seen = self.version
            if seen is None:
                return
            if change is None or change.version <= seen:
                if self.change is not None:
                    self.change = None
                    self.bar.setVisible(False)
                return
            self.change = change
            self.bar.setText(change.message(seen))
            self.bar.setVisible(True)
        except RuntimeError:  # the dialog closed meanwhile
            return
        self.changed.emit(change)
