"""工作台: one list, a heading per module with the count its navigation entry shows, then
the lines behind it (mine marked ★, late ones in red). Enter or a double click on a line opens
its record on the module's page. Loaded on the worker; F5 or showing the page again refreshes."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.shared.common import Dialogs, UiEnv
from ui.today.openers import open_line

log = logging.getLogger(__name__)

RED = QColor("#c62828")
AMBER = QColor("#b26a00")
LINE_ROLE = Qt.ItemDataRole.UserRole


class TodayPage(QWidget):
    loaded = Signal()  # the sections are on screen
    record_opened = Signal(object)  # the TodayLine opened

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.setObjectName("today_page")
        self.data = None
        self._reading = False  # a read is on the worker
        self._read_again = False  # asked to refresh while it was
        self.heading = QLabel()
        self.heading.setObjectName("today_heading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.mine_only = QCheckBox("只看我的")
        self.refresh_button = QPushButton("刷新（F5）")
        self.tree = QTreeWidget()
        self.tree.setObjectName("today_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        hint = QLabel("上下键选择，回车打开记录；★ 为与我有关的事项，红色为已超时。")
        hint.setStyleSheet("color: #666;")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.mine_only)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        self.tree.itemActivated.connect(lambda item, _col: self.open_item(item))
        self.refresh_button.clicked.connect(self.refresh)
        self.mine_only.toggled.connect(lambda _on: self._show())
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.heading.setText("工作台：正在读取今天的事项…")
        self.refresh()

    def refresh(self) -> None:
        """Read the sections on the worker. Asked again while a read is under way (the window
        shows the page just after building it), the page shows that read as soon as it is back
        and then reads once more, instead of discarding it and waiting for a second one."""
        from app import today

        if self._reading:
            self._read_again = True
            return
        self._reading, self._read_again = True, False

        def finished() -> None:
            self._reading = False
            if self._read_again:
                self.refresh()

        def done(data) -> None:
            if not shiboken6.isValid(self.tree):
                return
            self.data = data
            self._show()
            finished()

        def failed(exc) -> None:
            if not shiboken6.isValid(self.heading):
                return
            self.heading.setText("工作台：读取失败，请按 F5 重试")
            Dialogs.error(self, exc)
            finished()

        self.env.runner.submit(today.today, self.env.ctx, on_done=done, on_error=failed, label="")

    def _show(self) -> None:
        data = self.data
        if data is None:
            return
        mine_only = self.mine_only.isChecked()
        self.tree.clear()
        total = 0
        bold = QFont(self.tree.font())
        bold.setBold(True)
        first_line = None
        for section in data.sections:
            lines = [line for line in section.lines if line.mine or not mine_only]
            total += section.count
            head = QTreeWidgetItem([f"{section.title}　{section.count}"
                                    + ("（暂时无法读取）" if section.failed else "")])
            head.setFont(0, bold)
            head.setToolTip(0, section.tooltip)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if section.level == "red":
                head.setForeground(0, QBrush(RED))
            elif section.level == "amber":
                head.setForeground(0, QBrush(AMBER))
            self.tree.addTopLevelItem(head)
            for line in lines:
                item = QTreeWidgetItem([("★ " if line.mine else "　 ") + line.text])
                item.setData(0, LINE_ROLE, line)
                if line.late:
                    item.setForeground(0, QBrush(RED))
                self.tree.addTopLevelItem(item)
                first_line = first_line or item
            if not lines and section.count == 0 and not section.failed:
                empty = QTreeWidgetItem(["　 无"])
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                empty.setForeground(0, QBrush(QColor("#888")))
                self.tree.addTopLevelItem(empty)
        self.heading.setText(f"工作台　{data.at:%Y-%m-%d %H:%M}　待办 {total} 项")
        if first_line is not None:
            self.tree.setCurrentItem(first_line)
        self.tree.setFocus()
        self.loaded.emit()

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def open_item(self, item: QTreeWidgetItem) -> None:
        line = item.data(0, LINE_ROLE) if item is not None else None
        if line is None:
            return
        try:
            open_line(self.window(), line)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.record_opened.emit(line)
