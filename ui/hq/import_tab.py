"""导入与台账: import a folder (or files) of site workbooks with progress; the ledger below."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv, error_text

LEDGER_HEADERS = ("导入时间", "文件", "站点", "日期范围", "导出序号", "记录数", "新增", "更新", "结果", "导入人", "说明")


class ImportTab(QWidget):
    imported = Signal()  # the records changed: the grid and the report refresh

    def __init__(self, env: UiEnv, parent=None):
        super().__init__(parent)
        self.env = env
        self._task: int | None = None
        self.folder_button = QPushButton("导入文件夹…")
        self.files_button = QPushButton("导入文件…")
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button.clicked.connect(self.choose_files)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("把各站点发来的工作簿放在一个文件夹里（可含子文件夹），一次导入；同一文件不会重复导入。")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(LEDGER_HEADERS))
        self.table.setHorizontalHeaderLabels(LEDGER_HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.files_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("接收台账（最近 500 个文件）"))
        layout.addWidget(self.table, 1)
        env.runner.progressed.connect(self._progressed)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._task is not None

    # -- choosing --------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放站点工作簿的文件夹")
        if folder:
            self.import_paths([folder])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "选择站点工作簿", "", "Excel 工作簿 (*.xlsx)")
        if files:
            self.import_paths(files)

    # -- importing -------------------------------------------------------------
    def import_paths(self, paths: list[str]) -> None:
        from app import hq

        self.folder_button.setEnabled(False)
        self.files_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText("正在检查并导入工作簿…")
        self._task = self.env.runner.submit(hq.import_paths, self.env.ctx, paths, on_done=self._done,
                                            on_error=self._failed, label="正在导入站点工作簿…")

    def _progressed(self, task_id: int, done: int, total: int) -> None:
        if task_id == self._task and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status.setText(f"正在导入：{done}/{total} 个文件")

    def _idle(self) -> None:
        self._task = None
        self.folder_button.setEnabled(True)
        self.files_button.setEnabled(True)
        self.progress.setVisible(False)

    def _done(self, result) -> None:
        self._idle()
        lines = [result.summary()]
        lines += [f"拒绝 {f.file_name}：{f.message.splitlines()[0]}" for f in result.files if f.result == "已拒绝"][:5]
        lines += [f"提示 {f.file_name}：{f.message}" for f in result.notices][:5]
        self.status.setText("\n".join(lines))
        self.refresh()
        self.imported.emit()

    def _failed(self, exc) -> None:
        self._idle()
        self.status.setText(error_text(exc))
        Dialogs.error(self, exc)

    # -- ledger ------------------------------------------------------------------
    def refresh(self) -> None:
        from app import hq

        try:
            rows = hq.ledger(self.env.ctx)
        except Exception as exc:  # the list is a convenience; never block the window
            self.status.setText(error_text(exc))
            return
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            span = "" if r.date_from is None else (
                f"{r.date_from:%Y-%m-%d}" if r.date_from == r.date_to else f"{r.date_from:%Y-%m-%d} 至 {r.date_to:%Y-%m-%d}")
            values = (f"{r.imported_at:%Y-%m-%d %H:%M}", r.file_name, r.site_code or "", span,
                      "" if r.sequence is None else str(r.sequence), str(sum((r.rows or {}).values())) if r.rows else "",
                      str(r.inserted), str(r.updated), r.result, r.imported_by,
                      (r.message or "").splitlines()[0] if r.message else "")
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
