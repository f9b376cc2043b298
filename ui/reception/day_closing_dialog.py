"""日结: the day's figures, open items, records without 处理情况, older open records and
messages not yet passed on; print KF-01 for the day and export the day's workbook."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import shiboken6

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTabWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.reception import OVERDUE, HandlingMode
from ui.shared import print_preview
from ui.shared.common import Dialogs, UiEnv

RED = QColor("#c62828")


def _when(value: datetime | None) -> str:
    return f"{value:%m-%d %H:%M}" if value else ""


class DayClosingDialog(QDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None, day=None):
        super().__init__(parent)
        from app import reception

        self.env = env
        self.data = reception.day_closing(env.ctx, day)
        d = self.data
        self.setWindowTitle(f"日结 — {d.day:%Y-%m-%d}")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        cats = "，".join(f"{c} {n}" for c, n in d.by_category) or "无"
        self.summary = QLabel(
            f"{d.day:%Y年%m月%d日}：共登记 {d.total} 条（{cats}），已完成 {d.completed} 条，"
            f"未办结 {len(d.open_items)} 条，无处理情况 {len(d.without_handling)} 条；"
            f"往日未办结 {len(d.carried_over)} 条；待转告 {len(d.pending_messages)} 条。")
        self.summary.setObjectName("closing_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self._rows: dict[QTableWidget, list] = {}
        self.open_table = self._records_table(d.open_items)
        self.without_table = self._records_table(d.without_handling)
        self.older_table = self._records_table(d.carried_over)
        self.tabs.addTab(self.open_table, f"今日未办结（{len(d.open_items)}）")
        self.tabs.addTab(self.without_table, f"无处理情况（{len(d.without_handling)}）")
        self.tabs.addTab(self.older_table, f"往日未办结（{len(d.carried_over)}）")
        self.tabs.addTab(self._messages_table(d.pending_messages), f"待转告（{len(d.pending_messages)}）")
        layout.addWidget(self.tabs, 1)
        if not (d.open_items or d.without_handling):
            done = QLabel("今日记录均已写明处理情况。")
            done.setStyleSheet("color: #2e7d32;")
            layout.addWidget(done)

        buttons = QHBoxLayout()
        self.print_button = QPushButton("打印 KF-01（今日）")
        self.export_button = QPushButton("导出今日工作簿…")
        self.close_button = QPushButton("关闭")
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_day)
        self.export_button.clicked.connect(self.export_day)
        self.close_button.clicked.connect(self.accept)

    def _records_table(self, rows) -> QTableWidget:
        table = QTableWidget(len(rows), 8)
        table.setHorizontalHeaderLabels(["登记时间", "方式", "姓名", "房号", "类别", "内容", "处理方式", "状态"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        for i, r in enumerate(rows):
            handed = r.handling_mode == HandlingMode.HANDED_OVER
            mode = f"{HandlingMode.HANDED_OVER} {r.department or ''}" if handed else (r.handling_mode or "")
            status = OVERDUE if r.overdue else r.status
            for j, value in enumerate([_when(r.received_at), r.method, r.name, r.unit_no or "", r.category,
                                       r.content.replace("\n", " "), mode, status]):
                item = QTableWidgetItem(value)
                if r.overdue:
                    item.setForeground(QBrush(RED))
                table.setItem(i, j, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self._rows[table] = list(rows)
        table.itemActivated.connect(lambda item, t=table: self._open(t, item.row()))
        return table

    def _messages_table(self, messages) -> QTableWidget:
        table = QTableWidget(len(messages), 4)
        table.setHorizontalHeaderLabels(["登记时间", "转告给", "内容", "来电/来访人"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        for i, m in enumerate(messages):
            for j, value in enumerate([_when(m.received_at), m.to_staff, m.message, m.from_person]):
                table.setItem(i, j, QTableWidgetItem(value))
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _open(self, table: QTableWidget, row: int) -> None:
        rows = self._rows.get(table, [])
        if 0 <= row < len(rows):
            from ui.reception.contact_dialog import ContactDialog

            dlg = ContactDialog(self.env, rows[row].uuid, self)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.show()

    def print_day(self) -> None:
        # The preview opens when the PDF is ready; its parent is the page, which outlives this dialog.
        print_preview.preview_form(self.env, self.parentWidget() or self, "contact-log", date_from=self.data.day,
                date_to=self.data.day)

    def export_day(self) -> None:
        from app.exchange import service as exchange

        ctx = self.env.ctx
        day = self.data.day
        folder = getattr(ctx.paths, "exports", ctx.paths.home)
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
        except OSError:
            folder = ctx.paths.home
        name = exchange.default_filename(ctx, day, day)
        path = Dialogs.save_file(self, "导出今日工作簿", str(Path(folder) / name), "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self.export_button.setEnabled(False)

        def alive():  # the dialog may have been closed while the export ran
            if shiboken6.isValid(self):
                self.export_button.setEnabled(True)
                return self
            return None

        def done(result):
            Dialogs.info(alive(), f"已导出：{getattr(result, 'path', path)}")

        def failed(exc):
            Dialogs.error(alive(), exc)

        self.env.runner.submit(exchange.export_workbook, ctx, day, day, path, kind="closing", on_done=done,
                               on_error=failed,
                               label="正在导出今日工作簿…")
