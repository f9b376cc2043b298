"""系统设置 → 投诉设置: the complaint categories and the deadline figures, each with its Chinese
label and unit; shown to the roles 权限设置 lets change settings, the figures editable by those
it lets edit the rules (经理 and above unless the site says otherwise)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)
from PySide6.QtCore import Qt

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may, needs

TITLE = "投诉设置"
ORDER = 42
MIN_ROLE = Role.SUPERVISOR
ACTION = "settings.change"  # what it saves are settings of the site


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        from app.complaints import RULE_FIELDS

        self.env = env
        # -- categories -------------------------------------------------------------
        self.categories = QListWidget()
        self.categories.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.categories.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed)
        add = QPushButton("新增")
        add.clicked.connect(self.add_category)
        remove = QPushButton("删除所选")
        remove.setToolTip("已有投诉保留原类别，只是以后不能再选")
        remove.clicked.connect(self.remove_category)
        up = QPushButton("上移")
        up.clicked.connect(lambda: self._move(-1))
        down = QPushButton("下移")
        down.clicked.connect(lambda: self._move(1))
        self.save_categories_button = QPushButton("保存类别")
        self.save_categories_button.clicked.connect(self.save_categories)
        cat_box = QGroupBox("投诉类别（双击修改名称，可拖动排序）")
        cat_buttons = QVBoxLayout()
        for b in (add, remove, up, down):
            cat_buttons.addWidget(b)
        cat_buttons.addStretch(1)
        cat_buttons.addWidget(self.save_categories_button)
        cat_layout = QHBoxLayout(cat_box)
        cat_layout.addWidget(self.categories, 1)
        cat_layout.addLayout(cat_buttons)

        # -- deadline figures ----------------------------------------------------------------
        self.fields: dict[str, QWidget] = {}
        rules_box = QGroupBox("处理时限（默认值按《物业客服部工作标准》，可按本项目调整）")
        form = QFormLayout(rules_box)
        for key, spec in RULE_FIELDS.items():
            if spec.kind is bool:
                w = QCheckBox()
            elif spec.kind is int:
                w = QSpinBox()
                w.setRange(int(spec.minimum), int(spec.maximum))
                w.setSuffix(f" {spec.unit}" if spec.unit else "")
            else:
                w = QDoubleSpinBox()
                w.setRange(spec.minimum, spec.maximum)
                w.setDecimals(2)
                w.setSingleStep(0.5)
                w.setSuffix(f" {spec.unit}" if spec.unit else "")
            w.setObjectName(key)
            self.fields[key] = w
            form.addRow(spec.label, w)
        self.save_rules_button = QPushButton("保存时限")
        self.save_rules_button.clicked.connect(self.save_rules)
        if not may(env, "rules.edit"):  # the role 权限设置 gives 修改处理时限等规则
            for w in self.fields.values():
                w.setEnabled(False)
            self.save_rules_button.setEnabled(False)
            self.save_rules_button.setToolTip(needs(env, "rules.edit"))
        note = QLabel("修改后对新受理或之后有变动的投诉生效；工作日按 系统设置 → 工作日历 计算。")
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        form.addRow(self.save_rules_button)

        layout = QHBoxLayout(self)
        layout.addWidget(cat_box, 1)
        layout.addWidget(rules_box, 2)
        self.refresh()

    def refresh(self) -> None:
        from app import complaints

        ctx = self.env.ctx
        self.categories.clear()
        for name in complaints.categories(ctx):
            self._add_item(name)
        rules = complaints.deadline_rules(ctx).as_dict()
        for key, w in self.fields.items():
            value = rules[key]
            if isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            else:
                w.setValue(value)

    def _add_item(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.categories.addItem(item)
        return item

    def add_category(self) -> None:
        item = self._add_item("新类别")
        self.categories.setCurrentItem(item)
        self.categories.editItem(item)

    def remove_category(self) -> None:
        row = self.categories.currentRow()
        if row >= 0:
            self.categories.takeItem(row)

    def _move(self, step: int) -> None:
        row = self.categories.currentRow()
        target = row + step
        if row < 0 or not (0 <= target < self.categories.count()):
            return
        item = self.categories.takeItem(row)
        self.categories.insertItem(target, item)
        self.categories.setCurrentRow(target)

    def category_names(self) -> list[str]:
        return [self.categories.item(i).text() for i in range(self.categories.count())]

    def save_categories(self) -> None:
        from app import complaints

        try:
            complaints.set_categories(self.env.ctx, self.category_names())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, "投诉类别已保存")
        self.refresh()

    def rule_values(self) -> dict:
        return {key: (w.isChecked() if isinstance(w, QCheckBox) else w.value()) for key, w in self.fields.items()}

    def save_rules(self) -> None:
        from app import complaints

        try:
            complaints.set_deadline_rules(self.env.ctx, **self.rule_values())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, "处理时限已保存")
        self.refresh()
