"""报表与导出 → 签字扫描件: drop scanned signed forms (PDF / JPG / PNG / TIFF) here; each page
finds its print job by its code and is filed beside the printed original. Pages without a
readable code wait in 待人工匹配 until someone types the number printed beside the code; the
lower list shows printed forms still waiting for their signed copy."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from app.forms import printing, scans
from ui.shared.common import Dialogs, UiEnv

TITLE = "签字扫描件"
ORDER = 15
SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp")


class DropZone(QLabel):
    """A framed area that takes dropped files and folders."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("把签字后扫描的表单（PDF、JPG、PNG、TIFF，可多页、顺序不限）拖到这里", parent)
        self.setAcceptDrops(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(70)
        self.setStyleSheet("QLabel { border: 2px dashed #888; border-radius: 6px; color: #444; }")

    def dragEnterEvent(self, event):  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802 - Qt API
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)
            event.acceptProposedAction()


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for i, values in enumerate(rows):
        for j, v in enumerate(values):
            table.setItem(i, j, QTableWidgetItem(v))


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.pending: list = []
        self.awaiting: list = []
        self.drop = DropZone()
        self.drop.files_dropped.connect(self.import_paths)
        choose = QPushButton("选择文件导入…")
        choose.clicked.connect(self._choose)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.drop, 1)
        top.addWidget(choose)

        self.pending_view = _table(["导入时间", "导入人", "来源文件", "页", "说明"])
        self.match_button = QPushButton("指定所属表单…")
        self.match_button.clicked.connect(self._match)
        pending_box = QGroupBox("待人工匹配（未识别到表单码的页面）")
        pl = QVBoxLayout(pending_box)
        pl.addWidget(self.pending_view)
        pl.addWidget(self.match_button, 0, Qt.AlignmentFlag.AlignRight)

        self.awaiting_view = _table(["打印时间", "打印人", "表单", "日期/对象", "页数", "打印单号", "签字件"])
        awaiting_box = QGroupBox("待签字件（已打印、尚未存档签字扫描件的表单）")
        QVBoxLayout(awaiting_box).addWidget(self.awaiting_view)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.result)
        layout.addWidget(pending_box, 1)
        layout.addWidget(awaiting_box, 1)
        self.reload()

    # -- actions ------------------------------------------------------------
    def _choose(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "选择扫描件", "", "扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)")
        if files:
            self.import_paths(files)

    def import_paths(self, paths: list[str]) -> None:
        self.result.setText(f"正在识别 {len(paths)} 个文件…")
        self.env.runner.submit(scans.import_scans, self.env.ctx, paths, on_done=self._imported,
                               on_error=self._failed, label="导入签字扫描件")

    def _imported(self, result) -> None:
        text = result.summary() + "。"
        if result.errors:
            text += " 无法读取：" + "；".join(result.errors)
        self.result.setText(text)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.result.setText("")
        Dialogs.error(self, exc)

    def _match(self) -> None:
        row = self.pending_view.currentRow()
        if not 0 <= row < len(self.pending):
            Dialogs.info(self, "请先在“待人工匹配”中选中一页")
            return
        scan = self.pending[row]
        typed = Dialogs.ask_text(self, "指定所属表单", "页面右上角二维码旁的编号（如 7K3M9Q2X-2，即打印单号-页码）：")
        if not typed:
            return
        parsed = scans.parse_code(typed)
        if parsed is None:
            Dialogs.error(self, "编号应为 打印单号-页码，如 7K3M9Q2X-2")
            return
        self.env.runner.submit(scans.match_scan, self.env.ctx, scan.uuid, parsed[0], parsed[1],
                               expected_version=scan.version, on_done=lambda _r: self.reload(),
                               on_error=self._failed, label="匹配扫描页")

    # -- lists --------------------------------------------------------------
    def reload(self) -> None:
        self.env.runner.submit(scans.unmatched_scans, self.env.ctx, on_done=self._show_pending, label="待人工匹配")
        self.env.runner.submit(printing.print_log, self.env.ctx, limit=500, awaiting_only=True,
                               on_done=self._show_awaiting, label="待签字件")

    def _show_pending(self, rows) -> None:
        self.pending = list(rows)
        _fill(self.pending_view, [[f"{r.imported_at:%Y-%m-%d %H:%M}", r.imported_by, r.source, str(r.source_page),
                                   "未识别到表单码" if not r.job_code else ""] for r in self.pending])

    def _show_awaiting(self, rows) -> None:
        self.awaiting = list(rows)
        _fill(self.awaiting_view, [[f"{r.at:%Y-%m-%d %H:%M}", r.actor, f"{r.form_code} {r.form_name}", r.what,
                                    str(r.pages or 0), r.job_code or "", r.state] for r in self.awaiting])
