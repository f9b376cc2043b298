"""系统设置 → 工作日历: the year's statutory days off and make-up workdays (from the packages),
the admin's own days off / make-up workdays, and the warning when a year has no data."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView, QCalendarWidget, QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may, needs

TITLE = "工作日历"
ORDER = 45

OFF_COLOR = QColor("#c62828")
WORK_COLOR = QColor("#1565c0")


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.may_edit = may(env, "calendar.edit")  # the role 权限设置 gives 修改工作日历
        this_year = env.ctx.now().year
        self.warning = QLabel()
        self.warning.setObjectName("calendar_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff3e0; color: #8a4b00; padding: 6px;")
        self.year = QSpinBox()
        self.year.setRange(2004, 2100)
        self.year.setValue(this_year)
        self.year.setSuffix(" 年")
        self.year.valueChanged.connect(self._year_changed)
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.confirm = QCheckBox("该年的放假和调休安排已按国务院通知全部录入")
        self.confirm.setToolTip("软件包没有该年数据时，录入全年安排后勾选，警告即消失")
        self.confirm.clicked.connect(self._confirm)

        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(lambda d: self.day.setDate(d))
        self.calendar.currentPageChanged.connect(lambda y, _m: self.year.setValue(y) if y != self.year.value()
                                                 else None)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["日期", "星期", "类型", "名称/说明", "来源"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._table_selected)

        self.day = QDateEdit(QDate(env.ctx.now().date()))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.kind = QComboBox()
        self.kind.addItems(["休息日", "调休上班"])
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：国庆节 / 国庆节调休 / 台风停工")
        self.set_button = QPushButton("设置")
        self.set_button.clicked.connect(self._set)
        self.remove_button = QPushButton("撤销自定设置")
        self.remove_button.clicked.connect(self._remove)
        edit = QGroupBox("自定休息日 / 调休上班日")
        form = QFormLayout(edit)
        form.addRow("日期", self.day)
        form.addRow("类型", self.kind)
        form.addRow("说明", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.remove_button)
        form.addRow(buttons)
        if not self.may_edit:
            edit.setEnabled(False)
            self.confirm.setEnabled(False)
            edit.setToolTip(needs(env, "calendar.edit"))

        legend = QLabel("<span style='color:#c62828'>红色</span>：休息日（法定节假日、自定）　"
                        "<span style='color:#1565c0'>蓝色</span>：调休上班的周末")
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addStretch(1)
        self.import_button = QPushButton("导入国务院通知…")
        self.import_button.setToolTip("粘贴国务院办公厅的放假安排通知全文，逐月核对后保存为本站工作日历")
        self.import_button.clicked.connect(self.import_notice)
        self.import_button.setVisible(self.may_edit)
        top.addWidget(self.import_button)
        left.addLayout(top)
        left.addWidget(self.coverage)
        left.addWidget(self.confirm)
        left.addWidget(self.calendar)
        left.addWidget(legend)
        left.addWidget(edit)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(self.table, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(body, 1)
        self._formatted: list[QDate] = []
        self.refresh()

    def refresh(self) -> None:
        from app.core import calendar

        ctx = self.env.ctx
        year = self.year.value()
        warning = calendar.coverage_warning(ctx)
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))
        cov = calendar.coverage(ctx, [year])[0]
        if cov.source in ("chinese-calendar", "holidays"):
            text = (f"{year} 年数据来自 {cov.source} 软件包：工作日放假 {cov.days_off} 天，调休上班 {cov.make_up_days} 天"
                    f"；自定 {cov.overrides} 天。")
            self.confirm.setVisible(False)
        elif cov.known:
            text = f"{year} 年由管理员录入：自定 {cov.overrides} 天。"
            self.confirm.setVisible(True)
        else:
            text = (f"{year} 年没有法定节假日数据，只按周末计算（自定 {cov.overrides} 天）。"
                    "请按国务院办公厅通知录入放假和调休日期。")
            self.confirm.setVisible(True)
        self.coverage.setText(text)
        self.coverage.setStyleSheet("" if cov.known else "color: #c62828;")
        self.confirm.setChecked(cov.source == "管理员录入")

        days = calendar.special_days(ctx, year)
        for d in self._formatted:
            self.calendar.setDateTextFormat(d, QTextCharFormat())
        self._formatted = []
        self.table.setRowCount(len(days))
        for r, info in enumerate(days):
            values = [f"{info.day:%Y-%m-%d}", info.weekday_name, info.kind, info.name, info.source]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setForeground(WORK_COLOR if info.workday else OFF_COLOR)
                item.setData(Qt.ItemDataRole.UserRole, info.day)
                self.table.setItem(r, c, item)
            fmt = QTextCharFormat()
            fmt.setForeground(WORK_COLOR if info.workday else OFF_COLOR)
            fmt.setFontWeight(700)
            fmt.setToolTip(f"{info.kind} {info.name}".strip())
            qd = QDate(info.day)
            self.calendar.setDateTextFormat(qd, fmt)
            self._formatted.append(qd)
        self.table.resizeColumnsToContents()
        if self.calendar.yearShown() != year:
            self.calendar.setCurrentPage(year, self.calendar.monthShown())

    def _year_changed(self, year: int) -> None:
        d = self.day.date()
        if d.year() != year:
            self.day.setDate(QDate(year, d.month(), min(d.day(), 28)))
        self.refresh()

    def _table_selected(self) -> None:
        items = self.table.selectedItems()
        if items:
            day = items[0].data(Qt.ItemDataRole.UserRole)
            self.day.setDate(QDate(day))
            self.calendar.setSelectedDate(QDate(day))

    def selected_day(self) -> date:
        return self.day.date().toPython()

    def _set(self) -> None:
        from app.core import calendar

        try:
            calendar.set_override(self.env.ctx, self.selected_day(), self.kind.currentText(), self.note.text())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.note.clear()
        self.refresh()

    def _remove(self) -> None:
        from app.core import calendar

        try:
            calendar.remove_override(self.env.ctx, self.selected_day())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.refresh()

    def _confirm(self, checked: bool) -> None:
        from app.core import calendar

        try:
            calendar.confirm_year(self.env.ctx, self.year.value(), checked)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
        self.refresh()

    def import_notice(self):
        from ui.admin.notice_import_dialog import NoticeImportDialog

        dlg = NoticeImportDialog(self.env, self)
        dlg.accepted.connect(self.refresh)
        dlg.open()
        return dlg
