"""导入国务院通知: the admin pastes the State Council's 放假安排 notice, reads the year month by
month (days off in red, make-up working days in blue) and saves it as the site's calendar."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from ui.shared.common import Dialogs, UiEnv

WEEK = "一二三四五六日"


def month_html(year: int, month: int, days: dict) -> str:
    """A small month grid: 放假 red, 上班 blue, weekends grey."""
    import calendar as pycal

    rows = ["<tr>" + "".join(f"<th>{w}</th>" for w in WEEK) + "</tr>"]
    for week in pycal.Calendar().monthdatescalendar(year, month):
        cells = []
        for d in week:
            if d.month != month:
                cells.append("<td></td>")
                continue
            entry = days.get(d)
            if entry is not None and entry.off:
                style = "color:#fff; background:#c62828;"
            elif entry is not None:
                style = "color:#fff; background:#1565c0;"
            elif d.weekday() >= 5:
                style = "color:#999;"
            else:
                style = ""
            cells.append(f"<td align='center' style='{style}'>{d.day}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    names = sorted({e.name for e in days.values() if e.day.year == year and e.day.month == month})
    caption = f"<b>{month} 月</b>" + (f"　{'、'.join(names)}" if names else "")
    return f"{caption}<table cellspacing='0' cellpadding='1'>{''.join(rows)}</table>"


class NoticeImportDialog(QDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.notice = None
        self.setWindowTitle("导入国务院放假安排通知")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("把国务院办公厅《关于××××年部分节假日安排的通知》的全文粘贴在这里，"
                                     "然后点「读取」。调整或延长假期的通知可接着粘贴在后面。")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(env.ctx.now().year + 1)
        self.year.setToolTip("全文中有“××××年部分节假日安排”字样时以全文为准")
        self.read_button = QPushButton("读取")
        self.summary = QLabel("粘贴通知全文后点「读取」，核对每个月的放假和上班日期后保存。")
        self.summary.setWordWrap(True)
        self.months = QWidget()
        self.grid = QGridLayout(self.months)
        self.month_labels = []
        for m in range(12):
            label = QLabel()
            self.month_labels.append(label)
            self.grid.addWidget(label, m // 4, m % 4)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("确认保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.read_button)
        layout = QVBoxLayout(self)
        self.text.setMinimumHeight(120)
        layout.addWidget(self.text, 1)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.months, 3)
        layout.addWidget(self.buttons)
        self.read_button.clicked.connect(self.read)
        self.text.textChanged.connect(lambda: self.save_button.setEnabled(False))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(1000, 720)

    def read(self) -> bool:
        from app.core.holiday_notice import notice_year, parse_notice
        from app.domain.errors import ValidationError

        text = self.text.toPlainText()
        try:
            notice = parse_notice(text, notice_year(text) or self.year.value())
        except ValidationError as exc:
            self.summary.setText(str(exc))
            self.save_button.setEnabled(False)
            return False
        self.notice = notice
        self.year.setValue(notice.year)
        days = {d.day: d for d in notice.days}
        for m, label in enumerate(self.month_labels, start=1):
            label.setText(month_html(notice.year, m, days))
        before = [d for d in notice.days if d.day.year != notice.year]
        extra = f"（另有 {len(before)} 天在上一年末）" if before else ""
        self.summary.setText(f"{notice.year} 年：放假 {len(notice.days_off)} 天、调休上班 {len(notice.make_up_days)} 天"
                             f"{extra}。<span style='color:#c62828'>红色</span>放假，"
                             "<span style='color:#1565c0'>蓝色</span>上班。请逐月核对后点「确认保存」。")
        self.save_button.setEnabled(True)
        return True

    def save(self) -> None:
        from app.core.holiday_notice import save_notice

        if self.notice is None:
            return
        try:
            n = save_notice(self.env.ctx, self.notice)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, f"已保存 {self.notice.year} 年的放假安排（{n} 天）。")
        self.accept()
