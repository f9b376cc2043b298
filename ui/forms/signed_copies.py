"""A small list of a record's signed paper copies (scanned pages filed by 签字扫描件), for
any record dialog: ``SignedCopiesWidget(env, record_uuid, parent)``. It loads on the
background worker and opens a page in the system's image viewer on double-click. Without
copies it is one grey line; a record not yet saved shows nothing."""

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
        self.setObjectName("signed_copies")
        self.summary = QLabel("签字件：读取中…")
        self.summary.setStyleSheet("color: #666;")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(72)
        self.list.setVisible(False)
        self.list.itemDoubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.reload()

    def set_record(self, record_uuid: str | None) -> None:
        """For a dialog whose record is saved after it opened."""
        self.record_uuid = record_uuid
        self.reload()

    def reload(self) -> None:
        if not self.record_uuid:
            self.hide()
            return
        if self.isHidden() and self.parent() is not None:
            self.show()
        if self.env.runner is None:  # a dialog built without the worker (tests of the dialog alone)
            self._show(scans.signed_copies(self.env.ctx, self.record_uuid))
            return
        self.env.runner.submit(scans.signed_copies, self.env.ctx, self.record_uuid, on_done=self._show,
                               label="读取签字件")

    def _show(self, rows) -> None:
        self.rows = list(rows)
        self.list.clear()
        self.list.setVisible(bool(self.rows))
        if not self.rows:
            self.summary.setText("签字件：暂无")
            self.summary.setToolTip("打印的表单签字后扫描，在 报表与导出 → 签字扫描件 导入")
            return
        self.summary.setText(f"签字件：已存 {len(self.rows)} 页（双击查看）")
        for r in self.rows:
            item = QListWidgetItem(f"{r.form_code} {r.form_name} {r.subject}　第 {r.page} 页　"
                                   f"{r.filed_by} {r.filed_at:%Y-%m-%d %H:%M} 存档")
            item.setToolTip(r.file_path)
            self.list.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.toolTip()))
