"""系统设置 → 权限设置: each sensitive step, the role it needs at this site, and the range a
管理员 may move it within. Everyone may read the table (it tells a receptionist why a step was
refused); only 管理员 may change it, and the service checks that again when it is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from app.core import access
from ui.shared.common import Dialogs, UiEnv

TITLE = "权限设置"
ORDER = 82

#: Columns of the table.
HEADERS = ("操作", "需要的角色", "系统默认", "需填原因", "可调整为")
ROLE_COLUMN = 1


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        actor = env.actor
        self.can_change = actor is not None and actor.at_least(access.ACTIONS["settings.security"].role)
        self.combos: dict[str, QComboBox] = {}
        self.lines: list[access.ActionRole] = []

        intro = QLabel("下表列出需要一定角色才能办理的操作：该角色及以上的账号可以办理，其他账号会被拒绝并看到提示。"
                       "涉及登录与安全的操作固定不变；其余可以在“可调整为”的范围内调整，保存后立即对所有前台生效，"
                       "并记入操作记录。名称加粗的操作已不同于系统默认。")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("roles_table")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(90)

        self.defaults_button = QPushButton("全部恢复默认")
        self.defaults_button.setToolTip("把可调整的操作恢复为系统默认角色（保存后生效）")
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        self.note = QLabel("" if self.can_change else "只有管理员可以修改权限设置；这里仅供查看。")
        self.note.setStyleSheet("color: #555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.note, 1)
        for b in (self.defaults_button, self.save_button):
            b.setEnabled(self.can_change)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.lines = access.site_table(self.env.ctx)
        self.combos.clear()
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            a = line.action
            self.table.setItem(row, 0, QTableWidgetItem(a.name))
            if a.adjustable:
                combo = QComboBox()
                combo.setObjectName(a.key)
                combo.addItems([r.value for r in a.choices()])
                combo.setCurrentText(line.role.value)
                combo.setEnabled(self.can_change)
                combo.currentTextChanged.connect(lambda _text, r=row: self._mark(r))
                self.combos[a.key] = combo
                self.table.setCellWidget(row, ROLE_COLUMN, combo)
            else:
                self.table.setItem(row, ROLE_COLUMN, QTableWidgetItem(f"{line.role.value}（固定）"))
            self.table.setItem(row, 2, QTableWidgetItem(a.role.value))
            self.table.setItem(row, 3, QTableWidgetItem("是" if a.reason else "—"))
            self.table.setItem(row, 4, QTableWidgetItem(f"{a.lowest.value}及以上" if a.adjustable else "不可调整"))
            self._mark(row)
        # as wide as its columns (with room for a scroll bar), not the whole window
        self.table.resizeColumnsToContents()
        self.table.setFixedWidth(self.table.horizontalHeader().length() + 2 * self.table.frameWidth()
                                 + self.table.verticalScrollBar().sizeHint().width() + 24)

    def _mark(self, row: int) -> None:
        """Steps whose role differs from the system default are shown in bold."""
        item = self.table.item(row, 0)
        font = QFont(item.font())
        font.setBold(self.role_shown(self.lines[row].action.key) != self.lines[row].action.role.value)
        item.setFont(font)

    def role_shown(self, key: str) -> str:
        """The role the screen shows for a step (its combo, or the fixed role)."""
        combo = self.combos.get(key)
        if combo is not None:
            return combo.currentText()
        return next(line.role.value for line in self.lines if line.action.key == key)

    def chosen(self) -> dict[str, str]:
        """The site's changes as the screen shows them: adjustable steps not at their default."""
        return {key: combo.currentText() for key, combo in self.combos.items()
                if combo.currentText() != access.ACTIONS[key].role.value}

    # -- changing --------------------------------------------------------------------------------
    def set_role(self, key: str, role: str) -> None:
        """Choose a role for a step, as a user picks it from the list."""
        self.combos[key].setCurrentText(role)

    def restore_defaults(self) -> None:
        for key, combo in self.combos.items():
            combo.setCurrentText(access.ACTIONS[key].role.value)

    def save(self) -> None:
        from app.core import settings

        try:
            settings.put(self.env.ctx, access.ROLES_SETTING, self.chosen())
        except Exception as exc:  # noqa: BLE001 - the user is told, nothing was changed
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, "权限设置已保存，对所有前台的下一步操作生效")
        self.refresh()
