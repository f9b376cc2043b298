"""Small pieces every window uses: message boxes (patchable in tests), error text,
and the environment a page is built with."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ui.shared.worker import Cancelled, TaskRunner

if TYPE_CHECKING:
    from app.core.context import Context

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """What a user is told: the Chinese message of a known error, never a traceback."""
    from app.domain.errors import FrontDeskError

    if isinstance(exc, FrontDeskError):
        return str(exc)
    if isinstance(exc, Cancelled):
        return "操作已取消"
    return f"操作未完成：发生意外错误（{type(exc).__name__}）。详情已写入日志，请联系管理员。"


class Dialogs:
    """Modal dialogs behind classmethods, so tests can replace them."""

    @classmethod
    def info(cls, parent: QWidget | None, text: str, title: str = "提示") -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def error(cls, parent: QWidget | None, exc: BaseException | str, title: str = "错误") -> None:
        text = exc if isinstance(exc, str) else error_text(exc)
        if not isinstance(exc, str):
            from app.domain.errors import FrontDeskError

            if not isinstance(exc, FrontDeskError):
                log.error("unexpected error", exc_info=exc)
        QMessageBox.warning(parent, title, text)

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str, title: str = "请确认") -> bool:
        return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_text(cls, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    @classmethod
    def save_file(cls, parent: QWidget | None, title: str, default: str, filters: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(parent, title, default, filters)
        return path or None

    @classmethod
    def open_file(cls, parent: QWidget | None, title: str, filters: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path or None


@dataclass
class UiEnv:
    """What a page gets: the service context (with the logged-in actor) and the worker."""

    ctx: "Context"
    runner: "TaskRunner"
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def actor(self):
        return self.ctx.actor


TaskRunner.unhandled_error = staticmethod(lambda exc: Dialogs.error(None, exc))
