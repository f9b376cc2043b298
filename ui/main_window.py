"""The main window: navigation on the left, one page at a time on the right,
site and user in the status bar, a progress bar while the worker is busy.

Sized for the front desk's screen: usable down to 1024×600 (a page that still needs more
room scrolls inside its frame instead of pushing the window off the screen), opened maximised
on the first start, and its size, position and maximised state restored on the next."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QProgressBar, QScrollArea,
    QStackedWidget, QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv
from ui.registry import PageSpec, contributed, pages, resolve

log = logging.getLogger(__name__)

RED = QColor("#c62828")
AMBER = QColor("#e69500")


class PlaceholderPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(f"“{title}”模块尚未开放。")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("placeholder")
        layout.addWidget(label)


class MainWindow(QMainWindow):
    page_shown = Signal(str)

    BADGE_INTERVAL_MS = 60_000
    #: The smallest window that is still usable (a 1024×768 screen less its taskbar and title).
    MIN_SIZE = (1024, 600)
    NAV_WIDTH = 150

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        site = env.ctx.site
        self.setWindowTitle(f"FrontDesk 物业客服前台 — {site.name}")
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setStyleSheet("QListWidget#nav { font-size: 15px; }"
                               "QListWidget#nav::item { padding: 9px 10px; }")
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._specs: list[PageSpec] = pages()
        for spec in self._specs:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        self.nav.setFixedWidth(self.NAV_WIDTH)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)

        bar = self.statusBar()
        actor = env.actor
        self.status_site = QLabel(f"站点：{site.code} {site.name}")
        self.status_user = QLabel(f"用户：{actor.name}（{actor.role.value}）")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        for w in (self.status_site, self.status_user):
            bar.addWidget(w)
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress)
        env.runner.started.connect(self._task_started)
        env.runner.progressed.connect(self._task_progress)
        env.runner.busy_changed.connect(self._busy_changed)

        for i, spec in enumerate(self._specs[:9]):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, activated=lambda i=i: self.nav.setCurrentRow(i))

        self._restore_geometry()
        self._badge_timer = QTimer(self)
        self._badge_timer.timeout.connect(self.refresh_badges)
        self._badge_timer.start(self.BADGE_INTERVAL_MS)
        self.nav.setCurrentRow(0)
        QTimer.singleShot(0, self.refresh_badges)
        self._follow_other_desks()

    # -- pages ---------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page widget for a navigation key, built on first use."""
        if key not in self._pages:
            spec = next(s for s in self._specs if s.key == key)
            widget = None
            try:
                widget = resolve(spec.factory)(self.env, self)
            except Exception as exc:
                log.exception("page %s failed to open", key)
                Dialogs.error(self, exc)
            if widget is None:
                widget = PlaceholderPage(spec.title, self)
            self._pages[key] = widget
            self.stack.addWidget(self._framed(widget))
        return self._pages[key]

    def _framed(self, widget: QWidget) -> QScrollArea:
        """The page in a frame that scrolls only when the window is smaller than the page needs."""
        area = QScrollArea()
        area.setObjectName(f"frame_{widget.objectName()}")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(widget)
        return area

    def current_page(self) -> QWidget | None:
        frame = self.stack.currentWidget()
        return frame.widget() if isinstance(frame, QScrollArea) else frame

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(self._specs) if s.key == key)
        self.nav.setCurrentRow(row)
        return self._pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self._specs[row]
        widget = self.page(spec.key)
        self.stack.setCurrentWidget(widget.parentWidget().parentWidget())  # its scrolling frame
        if hasattr(widget, "refresh"):
            try:
                widget.refresh()
            except Exception as exc:
                Dialogs.error(self, exc)
        self.page_shown.emit(spec.key)

    # -- other desks -------------------------------------------------------------
    def _follow_other_desks(self) -> None:
        """What another desk saves shows here within seconds; a lost server is said in the status bar."""
        from ui.shared.live_updates import LiveUpdates

        self.live = LiveUpdates(self.env, self)
        self.status_connection = QLabel()
        self.status_connection.setObjectName("status_connection")
        self.statusBar().addWidget(self.status_connection)
        self.live.data_changed.connect(self.refresh_visible)
        self.live.connection_changed.connect(self._connection_changed)
        self.live.start()

    def refresh_visible(self) -> None:
        widget = self.current_page()
        if hasattr(widget, "refresh"):
            try:
                widget.refresh()
            except Exception:
                log.exception("refresh after a change elsewhere failed")
        self.refresh_badges()

    def _connection_changed(self, connected: bool, text: str) -> None:
        self.status_connection.setStyleSheet("" if connected else "color: #c62828; font-weight: bold;")
        self.status_connection.setText("" if connected else text)
        if connected:
            self.statusBar().showMessage(text, 5000)

    # -- badges ----------------------------------------------------------------
    def refresh_badges(self) -> None:
        specs = [s for s in self._specs if s.badge]
        ctx = self.env.ctx

        def compute():
            out = {}
            for spec in specs:
                try:
                    out[spec.key] = resolve(spec.badge)(ctx)
                except Exception:
                    log.exception("badge %s failed", spec.key)
            return out

        self.env.runner.submit(compute, on_done=self._apply_badges, on_error=lambda e: None, label="")

    def _apply_badges(self, badges: dict) -> None:
        for i, spec in enumerate(self._specs):
            if spec.key not in badges:
                continue
            item = self.nav.item(i)
            badge = badges[spec.key]
            if badge and badge.count:
                item.setText(f"{spec.title}  ({badge.count})")
                color = RED if badge.level == "red" else AMBER if badge.level == "amber" else None
                item.setForeground(QBrush(color) if color else QBrush())
                item.setToolTip(badge.tooltip)
            else:
                item.setText(spec.title)
                item.setForeground(QBrush())
                item.setToolTip("")
            item.setData(Qt.ItemDataRole.UserRole + 1, badge)

    def badge_of(self, key: str):
        row = next(i for i, s in enumerate(self._specs) if s.key == key)
        return self.nav.item(row).data(Qt.ItemDataRole.UserRole + 1)

    # -- background work ----------------------------------------------------------
    def _task_started(self, _id: int, label: str) -> None:
        if label:
            self.progress_label.setText(label)
            self.progress.setRange(0, 0)
            self.progress.setVisible(True)

    def _task_progress(self, _id: int, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _busy_changed(self, busy: bool) -> None:
        if not busy:
            self.progress.setVisible(False)
            self.progress_label.clear()

    # -- geometry and closing ---------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The last size, place and maximised state; on the first start, maximised when the
        screen is a desk's (up to 1440 px wide), else a comfortable 1280×760 within the screen."""
        self.setMinimumSize(*self.MIN_SIZE)
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        self.start_maximised = False
        if geometry is not None and self.restoreGeometry(geometry):
            self.start_maximised = bool(self.windowState() & Qt.WindowState.WindowMaximized)
            return
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1280, screen.width()), min(760, screen.height()))
        else:
            self.resize(1280, 760)
        if screen is None or screen.width() <= 1440 or screen.height() <= 900:
            self.start_maximised = True
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def run_login_hooks(self) -> None:
        for module in contributed("HOOKS"):
            hook = getattr(module, "on_login", None)
            if hook:
                try:
                    hook(self.env, self)
                except Exception:
                    log.exception("login hook %s failed", module.__name__)

    def end_session(self) -> None:
        """The account was stopped (or changed) elsewhere: close without the closing reminders
        and hooks, which would act for it."""
        self._session_ended = True
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if getattr(self, "_session_ended", False):
            super().closeEvent(event)
            return
        warnings = []
        for module in contributed("HOOKS"):
            hook = getattr(module, "on_close", None)
            if hook:
                try:
                    text = hook(self.env)
                except Exception:
                    log.exception("close hook %s failed", module.__name__)
                    text = None
                if text:
                    warnings.append(text)
        if warnings and not Dialogs.confirm(self, "\n".join(warnings) + "\n\n仍要退出吗？", "退出前提醒"):
            event.ignore()
            return
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        for module in contributed("HOOKS"):
            hook = getattr(module, "on_exit", None)
            if hook:
                try:
                    hook(self.env)
                except Exception:
                    log.exception("exit hook %s failed", module.__name__)
        super().closeEvent(event)
