"""每日审核: the day's complaints (received that day, still open, or changed that day) with
their handling opinions; a 客服主管 or above writes 审核意见 and signs off; prints KF-02."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv, error_text
from ui.shared import print_preview
from ui.complaints.table_models import ReviewTableModel, fmt_full


class DailyReviewWidget(QWidget):
    signed = Signal(object)  # SignOffRow
    open_requested = Signal(str)  # complaint uuid

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.data = None
        self.day = QDateEdit(QDate(env.ctx.now().date()))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        prev_day = QPushButton("◀ 前一天")
        prev_day.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(-1)))
        next_day = QPushButton("后一天 ▶")
        next_day.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(1)))
        self.counts = QLabel()
        self.print_button = QPushButton("打印 KF-02")
        self.print_button.setObjectName("print_kf02")
        self.print_button.clicked.connect(self.print_form)

        self.model = ReviewTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)

        self.signed_label = QLabel()
        self.signed_label.setObjectName("signed")
        self.signed_label.setWordWrap(True)
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText("审核意见：对当日投诉处理的意见和要求")
        self.opinion.setMaximumHeight(80)
        self.sign_button = QPushButton("审核签字")
        self.sign_button.setObjectName("sign_off")
        self.sign_button.setToolTip("客服主管或以上权限")
        self.sign_button.clicked.connect(self.sign_off)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("日期"))
        top.addWidget(self.day)
        top.addWidget(prev_day)
        top.addWidget(next_day)
        top.addWidget(self.counts, 1)
        top.addWidget(self.print_button)
        sign = QGroupBox("客服主管审核")
        sign_layout = QVBoxLayout(sign)
        sign_layout.addWidget(self.signed_label)
        row = QHBoxLayout()
        row.addWidget(self.opinion, 1)
        row.addWidget(self.sign_button)
        sign_layout.addLayout(row)
        sign_layout.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(sign)

    def selected_day(self) -> date:
        return self.day.date().toPython()

    def set_day(self, day: date) -> None:
        self.day.setDate(QDate(day))

    def refresh(self) -> None:
        from app import complaints

        try:
            data = complaints.daily_review(self.env.ctx, self.selected_day())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.data = data
        self.model.set_rows(data.lines)
        self.table.resizeColumnsToContents()
        for col in (5, 7, 8):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 220))
        self.counts.setText(f"列入 {data.total} 件：{data.stats}")
        if data.sign_off:
            so = data.sign_off
            self.signed_label.setText(f"已审核：审核人 {so.reviewer}，审核时间 {fmt_full(so.reviewed_at)}"
                                      f"（审核时 {so.complaint_count} 件）\n审核意见：{so.opinion}")
            self.signed_label.setStyleSheet("color: #2e7d32;")
            self.sign_button.setText("重新审核签字")
        else:
            self.signed_label.setText("尚未审核")
            self.signed_label.setStyleSheet("color: #b26a00;")
            self.sign_button.setText("审核签字")
        self.message.clear()

    def sign_off(self) -> None:
        from app import complaints

        try:
            row = complaints.sign_off_day(self.env.ctx, self.selected_day(), self.opinion.toPlainText())
        except Exception as exc:  # noqa: BLE001 - a receptionist is told why, nothing changes
            self.message.setText(error_text(exc))
            Dialogs.error(self, exc)
            return
        self.opinion.clear()
        self.refresh()
        self.message.clear()
        self.signed.emit(row)

    def print_form(self) -> None:
        """KF-02 of the day shown: the same lines as the table."""
        print_preview.preview_form(self.env, self, "complaint-opinions", day=self.selected_day())

    def _open(self, index) -> None:
        line = self.model.row_at(index.row())
        if line is not None:
            self.open_requested.emit(line.complaint.uuid)
