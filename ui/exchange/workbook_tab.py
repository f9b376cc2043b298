"""报表与导出 › 工作簿: export the head-office workbook for a date range, import a workbook,
import the roster of buildings, units and residents. All of it on the background worker,
with a progress bar; import errors are listed one per line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv, error_text
from ui.shared.permissions import may, needs

TITLE = "工作簿导出/导入"
ORDER = 10

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self._task: int | None = None
        today = env.ctx.now().date()

        export_box = QGroupBox("导出工作簿（报总部）")
        form = QFormLayout(export_box)
        self.date_from = QDateEdit(_qdate(today))
        self.date_to = QDateEdit(_qdate(today))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.today_button = QPushButton("今天")
        self.today_button.clicked.connect(self._set_today)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("至"))
        dates.addWidget(self.date_to)
        dates.addWidget(self.today_button)
        dates.addStretch(1)
        form.addRow("日期范围", dates)
        self.mask = QCheckBox("手机号脱敏（138****8000；脱敏的工作簿不能再导入）")
        if not may(env, "export.unmasked"):  # this user exports masked workbooks only
            self.mask.setChecked(True)
            self.mask.setEnabled(False)
            self.mask.setToolTip(needs(env, "export.unmasked"))
        form.addRow("", self.mask)
        self.export_button = QPushButton("导出工作簿…")
        self.export_button.clicked.connect(self.export)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        form.addRow("", export_row)
        form.addRow(QLabel("包含该范围内新登记或有修改的记录；日结请选当天。"))

        import_box = QGroupBox("导入")
        row = QHBoxLayout(import_box)
        self.import_button = QPushButton("导入工作簿…")
        self.import_button.setToolTip("导入本软件导出的工作簿：先检查所有行，有任何错误则不导入任何记录")
        self.import_button.clicked.connect(self.import_workbook)
        self.roster_button = QPushButton("导入房屋住户名册…")
        self.roster_button.setToolTip("工作表“房屋住户”：楼栋 | 单元 | 房号 | 建筑面积 | 姓名 | 身份 | 联系电话 | 入住日期 | 备注")
        self.roster_button.clicked.connect(self.import_roster)
        row.addWidget(self.import_button)
        row.addWidget(self.roster_button)
        row.addStretch(1)
        may_import = env.actor is not None and env.actor.at_least(Role.SUPERVISOR)
        for b in (self.import_button, self.roster_button):
            b.setEnabled(may_import)
            if not may_import:
                b.setToolTip("需要客服主管或以上权限")

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setPlaceholderText("导出、导入的结果和错误列在这里")
        self.history = QListWidget()
        self.history.setMaximumHeight(140)

        layout = QVBoxLayout(self)
        layout.addWidget(export_box)
        layout.addWidget(import_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.result, 1)
        layout.addWidget(QLabel("最近的导出"))
        layout.addWidget(self.history)
        env.runner.progressed.connect(self._progressed)
        self.refresh()

    # -- state ------------------------------------------------------------------
    def refresh(self) -> None:
        from app.exchange import service as exchange

        try:
            rows = exchange.list_exports(self.env.ctx, limit=10)
        except Exception as exc:  # the list is a convenience; never block the tab
            self.history.clear()
            self.history.addItem(error_text(exc))
            return
        self.history.clear()
        kinds = {"manual": "手动", "auto": "自动", "cli": "命令行"}
        for r in rows:
            span = f"{r.date_from:%Y-%m-%d}" if r.date_from == r.date_to else f"{r.date_from:%Y-%m-%d} 至 {r.date_to:%Y-%m-%d}"
            state = f"{r.rows} 条" if r.ok else f"失败：{r.message}"
            self.history.addItem(f"{r.at:%Y-%m-%d %H:%M}  {kinds.get(r.kind, r.kind)}  {span}  {state}  {r.path or ''}")

    def _set_today(self) -> None:
        today = _qdate(self.env.ctx.now().date())
        self.date_from.setDate(today)
        self.date_to.setDate(today)

    def _busy(self, label: str) -> None:
        for b in (self.export_button, self.import_button, self.roster_button):
            b.setProperty("was_enabled", b.isEnabled())
            b.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(label)

    def _idle(self) -> None:
        self._task = None
        for b in (self.export_button, self.import_button, self.roster_button):
            b.setEnabled(bool(b.property("was_enabled")))
        self.progress.setVisible(False)

    def _progressed(self, task_id: int, done: int, total: int) -> None:
        if task_id != self._task or not total:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @property
    def busy(self) -> bool:
        return self._task is not None

    # -- export -------------------------------------------------------------------
    def export(self) -> None:
        from app.exchange import service as exchange

        d1, d2 = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        if d1 > d2:
            Dialogs.error(self, "起始日期不能晚于结束日期")
            return
        folder = Path(self.env.ctx.paths.exports)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            default = str(folder / exchange.default_filename(self.env.ctx, d1, d2))
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        path = Dialogs.save_file(self, "导出工作簿", default, XLSX_FILTER)
        if not path:
            return
        self._busy("正在导出工作簿…")
        self.result.clear()
        self._task = self.env.runner.submit(
            exchange.export_workbook, self.env.ctx, d1, d2, path, mask_phones=self.mask.isChecked(),
            kind="manual", on_done=self._exported, on_error=self._failed, label="正在导出工作簿…")

    def _exported(self, result) -> None:
        self._idle()
        counts = "，".join(f"{k} {v} 条" for k, v in result.counts.items())
        masked = "（手机号已脱敏）" if result.mask_phones else ""
        text = f"已导出 {result.path}{masked}：{counts}"
        self.status.setText(text)
        self.result.setPlainText(text)
        self.refresh()

    # -- import --------------------------------------------------------------------
    def import_workbook(self) -> None:
        from app.exchange import service as exchange

        path = Dialogs.open_file(self, "导入工作簿", XLSX_FILTER)
        if not path:
            return
        self._busy("正在检查并导入工作簿…")
        self.result.clear()
        self._task = self.env.runner.submit(exchange.import_workbook, self.env.ctx, path,
                                            on_done=self._imported, on_error=self._failed,
                                            label="正在导入工作簿…")

    def _imported(self, result) -> None:
        self._idle()
        lines = [f"已导入 {result.path}", *[f"{s.sheet}：新增 {s.inserted}，更新 {s.updated}，未变 {s.unchanged}"
                                           for s in result.sheets]]
        lines += [f"提示：{w}" for w in result.warnings]
        self.status.setText(f"导入完成：新增 {result.inserted}，更新 {result.updated}，未变 {result.unchanged}")
        self.result.setPlainText("\n".join(lines))

    def import_roster(self) -> None:
        from app import residents

        path = Dialogs.open_file(self, "导入房屋住户名册", XLSX_FILTER)
        if not path:
            return
        self._busy("正在检查并导入名册…")
        self.result.clear()
        self._task = self.env.runner.submit(residents.import_roster, self.env.ctx, path,
                                            on_done=self._roster_imported, on_error=self._failed,
                                            label="正在导入名册…")

    def _roster_imported(self, result) -> None:
        self._idle()
        self.status.setText("名册导入完成" if result.changed else "名册导入完成：没有需要更改的内容")
        self.result.setPlainText("\n".join([f"已导入名册 {result.path}", result.summary(),
                                            *[f"提示：{w}" for w in result.warnings]]))

    # -- errors ----------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        self._idle()
        errors = getattr(exc, "errors", None)
        if errors:  # a workbook with errors: every one listed, nothing imported
            self.status.setText(f"有 {len(errors)} 处错误，未导入任何记录。请改正后重新导入。")
            self.result.setPlainText("\n".join(errors))
            Dialogs.error(self, f"有 {len(errors)} 处错误，未导入任何记录。错误已列在下方。", "导入未完成")
        else:
            self.status.setText(error_text(exc))
            self.result.setPlainText(error_text(exc))
            Dialogs.error(self, exc)
        self.refresh()
