"""Steps 2-5 of the handover window: one checklist group each (ID checks, documents,
agreements, items issued), ticked line by line from the keyboard.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import movein as mi
from ui.shared.common import Dialogs
from ui.shared.rows_table_model import Column, RowsTableModel
from ui.movein.tables import keep_current, make_view, selected_rows
from ui.movein.step_base import Step


class ChecklistStep(Step):
    """One checklist group. Space ticks the line under the cursor (已完成 with who and when)."""

    def __init__(self, w: QWidget, group: str, intro: str):
        super().__init__(w)
        self.group = group
        self.editable = True
        self.model = RowsTableModel([
            Column("项目", lambda r: r.item),
            Column("必需", lambda r: "必需" if r.required else ""),
            Column("状态", lambda r: r.status),
            Column("经办人", lambda r: r.done_by),
            Column("时间", lambda r: r.done_at),
            Column("说明", lambda r: r.note),
        ], self, checked=lambda r: r.status == mi.ItemStatus.DONE.value, checkable=lambda r: self.editable,
            style=lambda r: "grey" if r.status == mi.ItemStatus.NOT_APPLICABLE.value else None)
        self.model.check_toggled.connect(self._toggled)
        self.view = make_view(self.model)
        self.view.doubleClicked.connect(lambda i: self._toggle_row(i.row()))
        self.all_button = QPushButton("全部完成(&A)")
        self.all_button.clicked.connect(self.tick_all)
        self.na_button = QPushButton("不适用(&X)…")
        self.na_button.clicked.connect(self.not_applicable)
        self.undo_button = QPushButton("撤销(&Z)")
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        for b in (self.all_button, self.na_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        label = QLabel(intro + "　空格键勾选当前行，↑↓ 移动。")
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def load(self, data: mi.HandoverData | None) -> None:
        keep_current(self.view, self.model, list(data.items_of(self.group)) if data else [])

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        super().set_editable(editable)

    def _set(self, row: mi.ChecklistItemRow, status: str, note: str | None = None) -> None:
        data = self.w.data
        if data is None:
            return
        self.w.call(mi.set_item, data.uuid, row.id, status, note=note, expected_version=data.version)

    def _toggled(self, row: mi.ChecklistItemRow, checked: bool) -> None:
        self._set(row, mi.ItemStatus.DONE.value if checked else mi.ItemStatus.OPEN.value)

    def _toggle_row(self, i: int) -> None:
        row = self.model.row_at(i)
        if row is not None and self.editable:
            self._toggled(row, row.status != mi.ItemStatus.DONE.value)

    def tick_all(self) -> None:
        for row in self.model.rows:
            if row.status == mi.ItemStatus.OPEN.value:
                if self.w.call(mi.set_item, self.w.data.uuid, row.id, mi.ItemStatus.DONE.value,
                               expected_version=self.w.data.version) is None:
                    return

    def not_applicable(self) -> None:
        rows = selected_rows(self.view)
        if not rows:
            return
        row = rows[0]
        label = "原因（必需项必填）" if row.required else "原因（可不填）"
        note = Dialogs.ask_text(self, "标为不适用", f"“{row.item}”不适用于本户的{label}：", row.note or "")
        if note is None:
            return
        self._set(row, mi.ItemStatus.NOT_APPLICABLE.value, note)

    def undo(self) -> None:
        for row in selected_rows(self.view):
            self._set(row, mi.ItemStatus.OPEN.value)

    def first_focus(self) -> QWidget:
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            first_open = next((i for i, r in enumerate(self.model.rows) if r.status == mi.ItemStatus.OPEN.value), 0)
            self.view.setCurrentIndex(self.model.index(first_open, 0))
        return self.view
