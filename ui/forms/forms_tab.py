"""报表与导出 → 表单打印: choose a form and its period, preview the real pages, print or save.

The inputs are built from the form's declared parameters (``app/forms/spec.py`` Param),
so a form added by another module appears here with its own fields.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSpinBox, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv
from ui.shared.print_preview import FormPreview

TITLE = "表单打印"
ORDER = 10


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _date_edit(d: date) -> QDateEdit:
    w = QDateEdit(_qdate(d))
    w.setCalendarPopup(True)
    w.setDisplayFormat("yyyy-MM-dd")
    return w


class PrintLogModel(QAbstractTableModel):
    HEADERS = ["打印时间", "打印人", "表单", "日期/对象", "页数", "签字件", "归档文件"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return f"{r.at:%Y-%m-%d %H:%M}"
            if col == 1:
                return r.actor
            if col == 2:
                return f"{r.form_code} {r.form_name}"
            if col == 3:
                if r.period_from:
                    return f"{r.period_from}" + (f" 至 {r.period_to}" if r.period_to and r.period_to != r.period_from
                                                 else "")
                return r.subject or ""
            if col == 4:
                return str(r.pages or 0)
            if col == 5:
                if not r.job_code:
                    return ""
                return r.state + (f"（{r.signed_by} {r.signed_at:%m-%d %H:%M}）" if r.signed_at else "")
            if col == 6:
                return r.archive_path or ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6:
            return r.archive_path
        return None


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.inputs: dict[str, Any] = {}
        self.infos: dict[str, Any] = {}
        split = QSplitter(Qt.Orientation.Horizontal, self)
        layout = QHBoxLayout(self)
        layout.addWidget(split)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel("表单"))
        self.forms = QListWidget()
        self.forms.currentItemChanged.connect(lambda *_: self._build_inputs())
        lv.addWidget(self.forms, 1)
        self.params_box = QGroupBox("打印范围")
        self.params_form = QFormLayout(self.params_box)
        lv.addWidget(self.params_box)
        self.template_note = QLabel()
        self.template_note.setWordWrap(True)
        self.template_note.setStyleSheet("color:#7a4b00;")
        lv.addWidget(self.template_note)
        self.preview_button = QPushButton("生成预览")
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.make_preview)
        lv.addWidget(self.preview_button)
        lv.addWidget(QLabel("最近打印"))
        self.log_model = PrintLogModel(self)
        self.log_view = QTableView()
        self.log_view.setModel(self.log_model)
        self.log_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.log_view.verticalHeader().hide()
        lv.addWidget(self.log_view, 1)
        split.addWidget(left)

        self.preview = FormPreview(env, self)
        self.preview.archived.connect(lambda _row: self.refresh_log())
        split.addWidget(self.preview)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 900])
        self.refresh()

    # -- data ------------------------------------------------------------
    def refresh(self) -> None:
        from app.forms import printing

        current = self.current_key()
        self.forms.blockSignals(True)
        self.forms.clear()
        for info in printing.available_forms(self.env.ctx, listed_only=True):
            self.infos[info.key] = info
            item = QListWidgetItem(f"{info.code} {info.name}" + ("（本站模板）" if info.overridden else ""))
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            self.forms.addItem(item)
        self.forms.blockSignals(False)
        keys = [self.forms.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.forms.count())]
        if keys:
            self.select(current if current in keys else keys[0])
        self.refresh_log()

    def refresh_log(self) -> None:
        from app.forms import printing

        self.env.runner.submit(printing.print_log, self.env.ctx, limit=50, on_done=self.log_model.set_rows,
                               on_error=lambda e: None, label="打印记录")

    def current_key(self) -> str | None:
        item = self.forms.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, key: str) -> None:
        for i in range(self.forms.count()):
            if self.forms.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.forms.setCurrentRow(i)
                return

    # -- inputs ----------------------------------------------------------
    def _build_inputs(self) -> None:
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self.inputs = {}
        key = self.current_key()
        info = self.infos.get(key)
        if info is None:
            return
        self.template_note.setText(info.template_note)
        today = self.env.ctx.now().date()
        for p in info.params:
            if p.kind == "period":
                f, t = _date_edit(today), _date_edit(today)
                self.inputs["date_from"], self.inputs["date_to"] = f, t
                self.params_form.addRow("起始日期", f)
                self.params_form.addRow("结束日期", t)
                quick = QHBoxLayout()
                for label, days in (("今天", 0), ("昨天", 1), ("本月", -1)):
                    b = QPushButton(label)
                    b.clicked.connect(lambda _=False, d=days: self.set_period(d))
                    quick.addWidget(b)
                holder = QWidget()
                holder.setLayout(quick)
                self.params_form.addRow("", holder)
            elif p.kind == "date":
                w = _date_edit(today)
                self.inputs[p.name] = w
                self.params_form.addRow(p.label, w)
            elif p.kind == "int":
                w = QSpinBox()
                w.setRange(0, 2_000_000_000)
                if p.default is not None:
                    w.setValue(int(p.default))
                self.inputs[p.name] = w
                self.params_form.addRow(p.label, w)
            elif p.kind == "choice":
                w = QComboBox()
                w.addItems(list(p.choices))
                if p.default:
                    w.setCurrentText(p.default)
                self.inputs[p.name] = w
                self.params_form.addRow(p.label, w)
            else:
                w = QLineEdit()
                w.setPlaceholderText(p.help or p.label)
                self.inputs[p.name] = w
                self.params_form.addRow(p.label, w)

    def set_period(self, days_back: int) -> None:
        today = self.env.ctx.now().date()
        if days_back < 0:
            start, end = today.replace(day=1), today
        else:
            start = end = today - timedelta(days=days_back)
        if "date_from" in self.inputs:
            self.inputs["date_from"].setDate(_qdate(start))
            self.inputs["date_to"].setDate(_qdate(end))

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, w in self.inputs.items():
            if isinstance(w, QDateEdit):
                out[name] = _pydate(w.date())
            elif isinstance(w, QSpinBox):
                out[name] = w.value()
            elif isinstance(w, QComboBox):
                out[name] = w.currentText()
            else:
                out[name] = w.text().strip() or None
        return out

    def make_preview(self) -> None:
        key = self.current_key()
        if key is None:
            return
        from app.forms import printing

        self.preview_button.setEnabled(False)
        self.preview.status.setText("正在生成…")

        def done(rendered):
            self.preview_button.setEnabled(True)
            self.preview.show_rendered(rendered)

        def failed(exc):
            self.preview_button.setEnabled(True)
            self.preview.status.setText("")
            Dialogs.error(self, exc)

        self.env.runner.submit(printing.render_form, self.env.ctx, key, on_done=done, on_error=failed,
                               label="生成表单", **self.params())
