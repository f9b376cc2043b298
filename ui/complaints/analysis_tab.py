"""报表与导出 → 投诉分析: the month's analysis text the supervisor writes (原因分析与改进措施), the
有关方投诉分析报告 (KF-05) for management and the 投诉周报 (KF-06) for the general manager."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from ui.shared import print_preview
from ui.shared.common import Dialogs, UiEnv

TITLE = "投诉分析"
ORDER = 25


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        today = env.ctx.now().date()
        self.can_write = env.actor is not None and env.actor.at_least(Role.SUPERVISOR)
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setObjectName("analysis_month")
        self.month.setDisplayFormat("yyyy年M月")
        self.month.setCalendarPopup(True)
        self.month.setMaximumWidth(160)
        self.week = QDateEdit(QDate(today.year, today.month, today.day))
        self.week.setObjectName("summary_week")
        self.week.setDisplayFormat("yyyy-MM-dd")
        self.week.setCalendarPopup(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("analysis_text")
        self.text.setPlaceholderText("本月投诉的原因分析与改进措施（客服主管填写，打印在分析报告中）")
        self.text.setReadOnly(not self.can_write)
        self.save_button = QPushButton("保存分析")
        self.save_button.setVisible(self.can_write)
        self.print_month = QPushButton("打印月度分析报告（KF-05）")
        self.print_week = QPushButton("打印该周周报（KF-06）")
        form = QFormLayout()
        form.addRow("月份", self.month)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("原因分析与改进措施"))
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.print_month)
        row.addStretch(1)
        layout.addLayout(row)
        week_row = QHBoxLayout()
        week_row.addWidget(QLabel("周报：该周中的任一天"))
        week_row.addWidget(self.week)
        week_row.addWidget(self.print_week)
        week_row.addStretch(1)
        layout.addLayout(week_row)
        self.month.dateChanged.connect(lambda _d: self.load())
        self.save_button.clicked.connect(self.save)
        self.print_month.clicked.connect(self.print_analysis)
        self.print_week.clicked.connect(self.print_summary)
        self.load()

    def _ym(self) -> tuple[int, int]:
        d = self.month.date()
        return d.year(), d.month()

    def load(self) -> None:
        from app.complaints import analysis

        try:
            self.text.setPlainText(analysis.analysis(self.env.ctx, *self._ym()).text)
        except Exception as exc:
            Dialogs.error(self, exc)

    def save(self) -> None:
        from app.complaints import analysis

        try:
            analysis.save_analysis_text(self.env.ctx, *self._ym(), self.text.toPlainText())
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, "分析已保存，打印月度分析报告时会印在“原因分析与改进措施”一栏。")

    def print_analysis(self) -> None:
        year, month = self._ym()
        print_preview.preview_form(self.env, self, "complaint-analysis", month=f"{year}-{month:02d}")

    def print_summary(self) -> None:
        print_preview.preview_form(self.env, self, "weekly-summary", week=self.week.date().toPython())
