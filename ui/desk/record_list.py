"""What every list of the 前台服务 page shares: a summary line, a table of rows (late ones red),
the selected record's signed paper copies (签字件) under the table, a row of buttons with their
keys, and one way to call a service and report its error."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.forms.signed_copies import SignedCopiesWidget
from ui.shared.common import Dialogs, UiEnv
from ui.shared.rows_table_model import Column, RowStyle, RowsTableModel, rows_table_view


class RecordList(QWidget):
    """Subclasses give the columns, ``load()`` (the rows) and their buttons via :meth:`add_button`."""

    changed = Signal()

    def __init__(self, env: UiEnv, columns: Sequence[Column], name: str, parent: QWidget | None = None, *,
                 style: Callable[[Any], RowStyle | None] | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None  # the dialog open now (tests reach it here)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.top = QHBoxLayout()
        self.top.addWidget(self.summary, 1)
        self.model = RowsTableModel(columns, self, style=style)
        self.table = rows_table_view(self.model, name)
        self.signed = SignedCopiesWidget(env, None, self)  # the selected record's signed copies
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_signed())
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.signed)
        layout.addLayout(self.buttons)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def add_button(self, text: str, slot: Callable[[], Any], key: str | None = None,
                   visible: bool = True) -> QPushButton:
        button = QPushButton(f"{text} ({key})" if key else text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        button.setVisible(visible)
        self.buttons.addWidget(button)
        if key:
            QShortcut(QKeySequence(key), self, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def current(self) -> Any | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def need_current(self, what: str) -> Any | None:
        row = self.current()
        if row is None:
            Dialogs.info(self, f"请先在列表中选中一条{what}")
        return row

    def call(self, fn: Callable, *args, **kwargs) -> Any | None:
        """Run one service call; its error is shown in Chinese and None returned."""
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure is shown to the user
            Dialogs.error(self, exc)
            return None
        self.refresh()
        self.changed.emit()
        return result

    def open_dialog(self, dialog) -> None:
        """Show ``dialog`` window-modal (without blocking); refresh when it saved."""
        self.dialog = dialog
        dialog.accepted.connect(self._dialog_saved)
        dialog.open()

    def _dialog_saved(self) -> None:
        self.refresh()
        self.changed.emit()
        saved = getattr(self.dialog, "saved", None)
        if saved is not None and hasattr(saved, "uuid"):
            self.model.select(self.table, saved.uuid)

    def refresh(self) -> None:
        keep = getattr(self.current(), "uuid", None)
        try:
            rows = self.load()
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.model.set_rows(rows)
        if keep:
            self.model.select(self.table, keep)
        self._show_signed(again=True)
        self.after_refresh(rows)

    def _show_signed(self, *, again: bool = False) -> None:
        """The panel follows the selected row; ``again`` reads it afresh (F5 after a scan import)."""
        uuid = getattr(self.current(), "uuid", None)
        if again or uuid != self.signed.record_uuid:
            self.signed.set_record(uuid)

    def load(self) -> list:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def after_refresh(self, rows: list) -> None:
        pass

    def ask_void(self, what: str, fn: Callable, row) -> None:
        reason = Dialogs.ask_text(self, f"作废{what}", "作废原因：")
        if reason is None:
            return
        self.call(fn, self.env.ctx, row.uuid, reason, expected_version=row.version)
