"""A small list of a record's signed paper copies (scanned pages filed by 签字扫描件), for
any record dialog: ``SignedCopiesWidget(env, record_uuid, parent)``. It loads on the
background worker and opens a page in the system's image viewer on double-click."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.forms import scans
from ui.shared.common import UiEnv


class SignedCopiesWidget(QWidget):
    def __init__(self, env: UiEnv, record_uuid: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.record_uuid = record_uuid
        self.rows: list = []
        self.summary = QLabel("签字件：")
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        self.list.itemDoubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.reload()

    def reload(self) -> None:
        if not self.record_uuid:
            self.summary.setText("签字件：尚未保存的记录没有签字件")
            return
        self.env.runner.submit(scans.signed_copies, self.env.ctx, self.record_uuid, on_done=self._show,
                               label="读取签字件")

    def _show(self, rows) -> None:
        self.rows = list(rows)
        self.list.clear()
        if not self.rows:
            self.summary.setText("签字件：暂无（打印的表单签字后扫描，在 报表与导出 → 签字扫描件 导入）")
            return
        self.summary.setText(f"签字件：已存 {len(self.rows)} 页（双击查看）")
        for r in self.rows:
            item = QListWidgetItem(f"{r.form_code} {r.form_name} {r.subject}　第 {r.page} 页　"
                                   f"{r.filed_by} {r.filed_at:%Y-%m-%d %H:%M} 存档")
            item.setToolTip(r.file_path)
            self.list.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.toolTip()))
