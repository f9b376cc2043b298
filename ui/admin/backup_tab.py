"""系统设置 → 备份与恢复: the backups with their time, size, records and check; 立即备份; 恢复所选备份
(管理员; the current database is kept as a backup first); the second folder for copies."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv

TITLE = "备份与恢复"
ORDER = 85

HEADERS = ["备份时间", "方式", "大小", "记录数", "校验", "文件"]


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        from app.domain.enums import Role

        self.env = env
        self.is_admin = env.actor is not None and env.actor.at_least(Role.ADMIN)
        self.rows = []
        layout = QVBoxLayout(self)
        intro = QLabel("有修改时每 30 分钟自动备份一次，退出时和升级前也会备份。备份经过完整性校验并压缩，"
                       "保留今天全部、最近 7 天每天一份、8 周每周一份、12 个月每月一份。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("立即备份")
        self.backup_button.setObjectName("backup_now")
        self.restore_button = QPushButton("恢复所选备份…")
        self.restore_button.setObjectName("restore_selected")
        self.restore_button.setEnabled(self.is_admin)
        if not self.is_admin:
            self.restore_button.setToolTip("只有管理员可以恢复备份")
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        mirror = QHBoxLayout()
        mirror.addWidget(QLabel("第二份副本的文件夹（U 盘或网络文件夹，可不填）："))
        self.mirror = QLineEdit()
        self.mirror.setObjectName("mirror_folder")
        self.choose = QPushButton("选择…")
        self.save_mirror = QPushButton("保存")
        for w in (self.mirror, self.choose, self.save_mirror):
            mirror.addWidget(w)
            w.setEnabled(self.is_admin)
        layout.addLayout(mirror)
        self.status = QLabel()
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.choose.clicked.connect(self._choose_folder)
        self.save_mirror.clicked.connect(self._save_mirror)
        self.refresh()

    def refresh(self) -> None:
        from app.core import backup, settings

        self.rows = backup.list_backups(self.env.ctx.paths.backups)
        self.table.setRowCount(len(self.rows))
        for i, b in enumerate(self.rows):
            values = [f"{b.created_at:%Y-%m-%d %H:%M:%S}", b.reason_text, _size(b.size), str(b.total_records),
                      "通过" if b.verified else "未校验", b.path]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.mirror.setText(str(settings.get(self.env.ctx, backup.MIRROR_FOLDER) or ""))
        warning = backup.mirror_warning(self.env.ctx)
        if warning:
            self.status.setText(warning)

    def backup_now(self) -> None:
        from app.core import backup

        self.backup_button.setEnabled(False)
        self.status.setText("正在备份…")

        def done(info):
            self.backup_button.setEnabled(True)
            self.status.setText(f"已备份：{info.created_at:%Y-%m-%d %H:%M:%S}，{_size(info.size)}，"
                                f"{info.total_records} 条记录，校验通过。")
            self.refresh()

        def failed(exc):
            self.backup_button.setEnabled(True)
            self.status.setText("")
            Dialogs.error(self, exc)

        self.env.runner.submit(backup.make_backup, self.env.ctx, "manual", on_done=done, on_error=failed,
                               label="正在备份…")

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if not (0 <= row < len(self.rows)):
            Dialogs.info(self, "请先在列表中选择要恢复的备份。")
            return
        chosen = self.rows[row]
        if not Dialogs.confirm(self, f"用 {chosen.created_at:%Y-%m-%d %H:%M} 的备份替换当前数据库？\n"
                                     "当前数据库会先保留为一份备份；恢复后请重新登录。"):
            return
        from app.core import backup

        def done(result):
            Dialogs.info(self, f"已恢复 {result.restored.created_at:%Y-%m-%d %H:%M} 的备份。"
                               "原数据库已保留为备份。请退出后重新登录。")
            self.refresh()

        self.env.runner.submit(backup.restore, self.env.ctx, chosen.path, on_done=done,
                               on_error=lambda exc: Dialogs.error(self, exc), label="正在恢复备份…")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择第二份副本的文件夹", self.mirror.text())
        if folder:
            self.mirror.setText(folder)

    def _save_mirror(self) -> None:
        from app.core import backup, settings

        try:
            settings.put(self.env.ctx, backup.MIRROR_FOLDER.key, self.mirror.text().strip())
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.status.setText("已保存。下次备份时会同时写入这个文件夹。")
