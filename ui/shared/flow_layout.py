"""A row of buttons (or filters) that wraps onto a second line when the window is narrow,
instead of forcing the window wider than the desk's screen.

``FlowLayout`` lays its items left to right and starts a new line when the next one does not
fit; its minimum width is its widest item, and its height follows the width
(``heightForWidth``). ``addStretch`` pushes the following items to the right end of their line,
as in a QHBoxLayout; an item added with ``stretch=1`` takes the rest of its line.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ---------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt name
        super().addWidget(widget)
        if stretch:
            self._stretch[id(self._items[-1])] = stretch

    def addStretch(self, stretch: int = 1) -> None:  # noqa: N802 - Qt name
        spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.addItem(spacer)
        self._stretch[id(spacer)] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self._stretch.pop(id(item), None)
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        w = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(0, len(self._visible()) - 1)
        h = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- placing ---------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = item.minimumSize().width() if id(item) in self._stretch else item.sizeHint().width()
            need = w + (self._spacing if lines[-1] else 0)
            if lines[-1] and used + need > width:
                lines.append([])
                used = 0
                need = w
            lines[-1].append(item)
            used += need
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for line in self._lines(area.width()):
            widths = [i.minimumSize().width() if id(i) in self._stretch else i.sizeHint().width() for i in line]
            height = max(i.sizeHint().height() for i in line)
            spare = area.width() - sum(widths) - self._spacing * (len(line) - 1)
            stretches = [self._stretch.get(id(i), 0) for i in line]
            total = sum(stretches)
            x = area.x()
            for item, w, s in zip(line, widths, stretches):
                if total and spare > 0:
                    w += spare * s // total
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - item.sizeHint().height()) // 2),
                                           QSize(w, item.sizeHint().height())))
                x += w + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - area.y()) + m.top() + m.bottom()
