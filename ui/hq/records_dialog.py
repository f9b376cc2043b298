"""A site's records of a period, sheet by sheet, read-only (the report's drill-down)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from ui.shared.common import UiEnv, error_text


class RecordsDialog(QDialog):
    def __init__(self, env: UiEnv, code: str, name: str, first, last, parent=None):
        from app import hq

        super().__init__(parent)
        self.env, self.code, self.first, self.last = env, code, first, last
        self.setWindowTitle(f"{code} {name}：{first:%Y-%m-%d} 至 {last:%Y-%m-%d} 的记录（只读）")
        self.resize(1100, 600)
        self.sheet = QComboBox()
        self.sheet.addItems(hq.sheet_names())
        self.sheet.currentTextChanged.connect(self.load)
        self.note = QLabel()
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        top = QHBoxLayout()
        top.addWidget(QLabel("工作表"))
        top.addWidget(self.sheet)
        top.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._task = None
        self.load(self.sheet.currentText())

    def load(self, sheet_name: str) -> None:
        from app import hq

        self.note.setText("正在读取…")
        self._task = self.env.runner.submit(hq.site_records, self.env.ctx, self.code, sheet_name, self.first,
                                            self.last, on_done=self._show,
                                            on_error=lambda exc: self.note.setText(error_text(exc)),
                                            label="正在读取记录…")

    def _show(self, table) -> None:
        self._task = None
        if table.sheet != self.sheet.currentText():
            return
        self.table.clear()
        self.table.setColumnCount(len(table.headers))
        self.table.setRowCount(len(table.rows))
        self.table.setHorizontalHeaderLabels(list(table.headers))
        for i, row in enumerate(table.rows):
            for j, v in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(v))
        more = "（只显示前 2000 条）" if table.truncated else ""
        self.note.setText(f"{len(table.rows)} 条{more}")
