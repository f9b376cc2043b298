"""Step 9 of the handover window: the joint inspection, room by room; a failed item is
registered as a defect.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import movein as mi
from ui.shared.common import Dialogs
from ui.shared.rows_table_model import Column, RowsTableModel
from ui.movein.tables import keep_current, make_view, selected_rows
from ui.movein.step_base import Step


class InspectionStep(Step):
    COLOUR = {mi.InspectionResult.PASSED.value: "green", mi.InspectionResult.FAILED.value: "red",
              mi.InspectionResult.NOT_APPLICABLE.value: "grey"}

    def __init__(self, w: QWidget):
        super().__init__(w)
        self.model = RowsTableModel([
            Column("房间", lambda r: r.room), Column("检查项", lambda r: r.item), Column("结果", lambda r: r.result),
            Column("未销项缺陷", lambda r: r.open_defects or ""), Column("检查人", lambda r: r.checked_by),
            Column("时间", lambda r: r.checked_at)], self, style=lambda r: self.COLOUR.get(r.result))
        self.view = make_view(self.model, multi=True)
        self.pass_button = QPushButton("合格(&G)")
        self.pass_button.clicked.connect(lambda: self._set(mi.InspectionResult.PASSED.value))
        self.room_button = QPushButton("整间合格(&H)")
        self.room_button.clicked.connect(self.pass_room)
        self.na_button = QPushButton("不适用(&X)")
        self.na_button.clicked.connect(lambda: self._set(mi.InspectionResult.NOT_APPLICABLE.value))
        self.reset_button = QPushButton("改回未查(&Z)")
        self.reset_button.clicked.connect(lambda: self._set(mi.InspectionResult.UNCHECKED.value))
        self.defect_button = QPushButton("登记缺陷(&D)…")
        self.defect_button.clicked.connect(self.add_defect)
        self.room_add_button = QPushButton("增加房间(&M)…")
        self.room_add_button.clicked.connect(self.add_room)
        buttons = QHBoxLayout()
        for b in (self.pass_button, self.room_button, self.na_button, self.reset_button, self.defect_button,
                  self.room_add_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("与业主逐间查验：选中一行或多行（Shift/Ctrl、Ctrl+A）后按“合格”；有问题的项“登记缺陷”。"))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)

    def load(self, data: mi.HandoverData | None) -> None:
        rows = list(data.inspection) if data else []
        selected = {r.id for r in selected_rows(self.view)} if self.model.rowCount() else set()
        keep_current(self.view, self.model, rows)
        sel = self.view.selectionModel()
        for i, r in enumerate(rows):
            if r.id in selected:
                sel.select(self.model.index(i, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.result] = counts.get(r.result, 0) + 1
        self.summary.setText(f"共 {len(rows)} 项：" + "，".join(f"{k} {counts[k]}" for k in
                                                                 [x.value for x in mi.InspectionResult] if k in counts))

    def _set(self, result: str, rows: list | None = None) -> None:
        d = self.w.data
        rows = rows if rows is not None else selected_rows(self.view)
        if d is None or not rows:
            return
        self.w.call(mi.set_inspection, d.uuid, [r.id for r in rows], result, expected_version=d.version)

    def pass_room(self) -> None:
        rows = selected_rows(self.view)
        if not rows:
            return
        room = rows[0].room
        self._set(mi.InspectionResult.PASSED.value,
                  [r for r in self.model.rows if r.room == room and r.result == mi.InspectionResult.UNCHECKED.value])

    def add_defect(self) -> None:
        d = self.w.data
        if d is None:
            return
        rows = selected_rows(self.view)
        row = rows[0] if rows else None
        values = self.w.ask_defect(room=row.room if row else None, item=row.item if row else None)
        if values is None:
            return
        inspection_id = row.id if row and row.room == values["room"] and row.item == values["item"] else None
        self.w.call(mi.add_defect, d.uuid, inspection_id=inspection_id, expected_version=d.version, **values)

    def add_room(self) -> None:
        d = self.w.data
        if d is None:
            return
        name = Dialogs.ask_text(self, "增加房间", "房间名称（如 卧室2、书房；检查项取自同类房间的模板）：")
        if name:
            self.w.call(mi.add_inspection_room, d.uuid, name, expected_version=d.version)

    def first_focus(self) -> QWidget:
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        return self.view
