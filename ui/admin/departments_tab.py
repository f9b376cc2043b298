"""部门: the departments work is handed to. Rename, reorder, deactivate; never delete."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv
from ui.residents.form_dialog import FormDialog
from ui.residents.list_base import fit_columns, make_table
from ui.shared.rows_table_model import Column, RowsTableModel

TITLE = "部门"
ORDER = 70
MIN_ROLE = Role.SUPERVISOR


class DepartmentTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("部门", lambda d: d.name),
            Column("负责人", lambda d: d.head),
            Column("电话", lambda d: d.phone),
            Column("状态", lambda d: "启用" if d.active else "停用"),
        ], parent, dimmed=lambda d: not d.active)


class DepartmentDialog(FormDialog):
    def __init__(self, env: UiEnv, row=None, parent: QWidget | None = None):
        super().__init__(f"编辑部门 {row.name}" if row else "新增部门", parent)
        self.env, self.row = env, row
        self.name = self.add_row("部门名称 *", QLineEdit(), "name")
        self.head = self.add_row("负责人", QLineEdit(), "head")
        self.phone = self.add_row("电话", QLineEdit(), "phone")
        if row is not None:
            self.name.setText(row.name)
            self.head.setText(row.head or "")
            self.phone.setText(row.phone or "")
            self.add_row("", QLabel("改名后，已有记录仍显示原来的部门名称。"))

    def save(self):
        from app.core import departments

        if self.row is None:
            return departments.add_department(self.env.ctx, self.name.text(), head=self.head.text(),
                                              phone=self.phone.text())
        return departments.update_department(self.env.ctx, self.row.id, expected_version=self.row.version,
                                             name=self.name.text(), head=self.head.text(), phone=self.phone.text())


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.model = DepartmentTableModel(self)
        self.view = make_table(self.model, "departments_table")
        self.view.doubleClicked.connect(self.edit_department)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton("新增部门…")
        self.edit_button = QPushButton("编辑…")
        self.active_button = QPushButton("停用")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.add_button.clicked.connect(self.add_department)
        self.edit_button.clicked.connect(self.edit_department)
        self.active_button.clicked.connect(self.toggle_active)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.active_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel("停用的部门不再出现在选择列表中；已有记录不受影响。"))
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        from app.core import departments

        keep = select or getattr(self.current(), "id", None)
        self.model.set_rows(departments.list_departments(self.env.ctx))
        fit_columns(self.view)
        self.model.select(self.view, None if keep is None else (lambda d: d.id == keep))
        self._update_buttons()

    def current(self):
        index = self.view.currentIndex()
        return self.model.row_at(index)

    def _update_buttons(self, *_args) -> None:
        d = self.current()
        for b in (self.edit_button, self.active_button, self.up_button, self.down_button):
            b.setEnabled(d is not None)
        self.active_button.setText("启用" if d is not None and not d.active else "停用")

    def _open(self, dialog) -> None:
        self.dialog = dialog  # tests reach the open dialog here
        dialog.accepted.connect(lambda: self.refresh(getattr(dialog.saved, "id", None)))
        dialog.open()

    def add_department(self) -> None:
        self._open(DepartmentDialog(self.env, parent=self))

    def edit_department(self, *_args) -> None:
        d = self.current()
        if d is not None:
            self._open(DepartmentDialog(self.env, d, parent=self))

    def _run(self, fn, *args, select=None, **kwargs) -> None:
        try:
            fn(self.env.ctx, *args, **kwargs)
        except Exception as exc:
            Dialogs.error(self, exc)
        self.refresh(select)

    def toggle_active(self) -> None:
        from app.core import departments

        d = self.current()
        if d is not None:
            self._run(departments.set_active, d.id, not d.active, expected_version=d.version, select=d.id)

    def move(self, step: int) -> None:
        from app.core import departments

        d = self.current()
        if d is not None:
            self._run(departments.move, d.id, step, select=d.id)
