"""A short keyboard pick list shown under a field (several residents share a phone number)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class PickList(QListWidget):
    """A popup list: Up/Down to move, Enter to pick, Esc to close."""

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setObjectName("pick_list")
        self.itemActivated.connect(lambda item: self._pick(self.row(item)))
        self.itemClicked.connect(lambda item: self._pick(self.row(item)))

    def show_items(self, anchor: QWidget, texts: list[str]) -> None:
        self.clear()
        for text in texts:
            self.addItem(QListWidgetItem(text))
        self.setCurrentRow(0)
        width = max(anchor.width(), 260)
        row = max(self.sizeHintForRow(0), self.fontMetrics().height() + 6)
        height = min(8, len(texts)) * row + 2 * self.frameWidth() + 4
        self.setFixedSize(width, height)
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height())))
        self.show()
        self.activateWindow()
        self.setFocus()

    def _pick(self, row: int) -> None:
        if 0 <= row < self.count():
            self.hide()
            self.picked.emit(row)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._pick(self.currentRow())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)
