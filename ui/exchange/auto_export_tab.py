"""系统设置 › 自动导出: export today's workbook at a set time into a chosen folder
(a USB drive or a shared folder) while the application is running."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTimeEdit, QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv, error_text

TITLE = "自动导出"
ORDER = 60
MIN_ROLE = Role.SUPERVISOR
ACTION = "settings.change"  # what it saves are settings of the site


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.enabled = QCheckBox("每天在设定时间自动导出当天的工作簿（软件须处于打开状态）")
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setMaximumWidth(100)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("U 盘或共享文件夹")
        self.browse = QPushButton("选择…")
        self.browse.clicked.connect(self._browse)
        self.mask = QCheckBox("手机号脱敏（脱敏的工作簿不能再导入）")
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        self.last = QLabel()
        self.last.setWordWrap(True)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("", self.enabled)
        form.addRow("导出时间", self.time)
        form.addRow("导出文件夹", folder_row)
        form.addRow("", self.mask)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addWidget(self.last)
        layout.addStretch(1)
        self.refresh()

    def choose_folder(self) -> str | None:
        """The folder picker (tests replace it)."""
        path = QFileDialog.getExistingDirectory(self, "选择自动导出文件夹", self.folder.text())
        return path or None

    def _browse(self) -> None:
        path = self.choose_folder()
        if path:
            self.folder.setText(path)

    def refresh(self) -> None:
        from app.exchange import service as exchange

        try:
            conf = exchange.auto_export_settings(self.env.ctx)
            autos = [r for r in exchange.list_exports(self.env.ctx, limit=50) if r.kind == "auto"]
        except Exception as exc:
            self.last.setText(error_text(exc))
            return
        self.enabled.setChecked(conf.enabled)
        h, m = (int(x) for x in conf.at.split(":"))
        self.time.setTime(QTime(h, m))
        self.folder.setText(conf.folder)
        self.mask.setChecked(conf.mask_phones)
        if not autos:
            self.last.setText("尚未自动导出过。")
        else:
            r = autos[0]
            state = f"成功，{r.rows} 条记录，{r.path}" if r.ok else f"失败：{r.message}"
            self.last.setText(f"最近一次自动导出：{r.at:%Y-%m-%d %H:%M} {state}")

    def save(self) -> None:
        from app.exchange import service as exchange

        try:
            exchange.save_auto_export_settings(self.env.ctx, enabled=self.enabled.isChecked(),
                                               at=self.time.time().toString("HH:mm"),
                                               folder=self.folder.text(), mask_phones=self.mask.isChecked())
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.refresh()
        Dialogs.info(self, "自动导出设置已保存。")
