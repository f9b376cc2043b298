"""楼栋总览: every unit of a building in a grid coloured by handover status (未交付 / 办理中 /
需整改 / 已交付), the count of each status, and the open defects of each unit. A click (or
Enter/Space on a focused unit) opens the unit's record."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QToolButton, QVBoxLayout, QWidget,
)

from app import movein as mi
from app import residents
from app.domain.validate import natural_key
from ui.shared.common import Dialogs, UiEnv

#: Status -> background colour of a unit.
COLOURS = {
    mi.UnitStatus.NOT_DELIVERED.value: "#e0e0e0",
    mi.UnitStatus.IN_PROGRESS.value: "#90caf9",
    mi.UnitStatus.NEEDS_RECTIFICATION.value: "#ffb74d",
    mi.UnitStatus.DELIVERED.value: "#81c784",
}


class UnitButton(QToolButton):
    def __init__(self, cell: mi.UnitCell, parent: QWidget | None = None):
        super().__init__(parent)
        self.cell = cell
        self.setObjectName(f"unit-{cell.unit_no}")
        self.setProperty("status", cell.status)
        text = cell.room
        if cell.open_defects:
            text += f"\n缺陷 {cell.open_defects}"
        elif cell.receiver:
            text += f"\n{cell.receiver}"
        self.setText(text)
        self.setMinimumSize(74, 44)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        border = "2px solid #c62828" if cell.overdue_defects else "1px solid #9e9e9e"
        colour = "#c62828" if cell.overdue_defects else "#000000"
        self.setStyleSheet(f"QToolButton {{ background:{COLOURS[cell.status]}; border:{border}; color:{colour};"
                           f" border-radius:3px; padding:2px; }} QToolButton:focus {{ border:2px solid #1565c0; }}")
        tip = f"{cell.unit_no}：{cell.status}"
        if cell.receiver:
            tip += f"，接收人 {cell.receiver}"
        if cell.open_defects:
            tip += f"，未销项缺陷 {cell.open_defects}"
        if cell.overdue_defects:
            tip += f"（{cell.overdue_defects} 项已超期）"
        self.setToolTip(tip)

    def background(self) -> str:
        return COLOURS[self.cell.status]


class BuildingOverview(QWidget):
    unit_opened = Signal(str, object)  # unit number, handover uuid (None: not handed over yet)

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.data: mi.BuildingOverviewData | None = None
        self.building = QComboBox()
        self.building.currentIndexChanged.connect(lambda _: self.refresh())
        self.refresh_button = QPushButton("刷新(&R)")
        self.refresh_button.clicked.connect(self.refresh)
        self.legend: dict[str, QLabel] = {}
        top = QHBoxLayout()
        lab = QLabel("楼栋(&L)")
        lab.setBuddy(self.building)
        top.addWidget(lab)
        top.addWidget(self.building)
        top.addWidget(self.refresh_button)
        top.addSpacing(16)
        for status, colour in COLOURS.items():
            label = QLabel()
            label.setStyleSheet(f"background:{colour}; border:1px solid #9e9e9e; padding:2px 8px;")
            self.legend[status] = label
            top.addWidget(label)
        self.defects_label = QLabel()
        top.addWidget(self.defects_label)
        top.addStretch(1)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(4)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.buttons: dict[str, UnitButton] = {}
        self._loading = False

    def load_buildings(self) -> None:
        current = self.building.currentData()
        names = [b.name for b in residents.list_buildings(self.env.ctx)]
        self.building.blockSignals(True)
        self.building.clear()
        for name in names:
            self.building.addItem(f"{name}栋", name)
        if current in names:
            self.building.setCurrentIndex(names.index(current))
        self.building.blockSignals(False)

    def set_building(self, name: str) -> None:
        self.load_buildings()
        i = self.building.findData(name)
        if i >= 0:
            if i == self.building.currentIndex():
                self.refresh()
            else:
                self.building.setCurrentIndex(i)

    def refresh(self) -> None:
        name = self.building.currentData()
        if not name:
            self.show_data(None)
            return
        self.env.runner.submit(mi.building_overview, self.env.ctx, name, on_done=self.show_data,
                               on_error=lambda exc: Dialogs.error(self, exc), label="")

    def show_data(self, data: mi.BuildingOverviewData | None) -> None:
        self.data = data
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.buttons = {}
        for status, label in self.legend.items():
            label.setText(f"{status} {data.counts.get(status, 0) if data else 0}")
        self.defects_label.setText(f"未销项缺陷 {data.open_defects}" if data else "")
        if data is None:
            return
        # Columns: entrance × position; rows: floors from the top down.
        columns = sorted({(c.entrance or "", c.position) for c in data.cells},
                         key=lambda k: (natural_key(k[0]), natural_key(k[1])))
        col_of = {k: i + 1 for i, k in enumerate(columns)}
        floors = sorted({c.floor for c in data.cells}, key=lambda f: (f == "", natural_key(f)), reverse=True)
        row_of = {f: i + 1 for i, f in enumerate(floors)}
        for (entrance, position), col in col_of.items():
            head = QLabel(f"{entrance}单元\n{position}" if entrance else position)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(head, 0, col)
        for floor, row in row_of.items():
            self.grid.addWidget(QLabel(f"{floor}层" if floor else "其他"), row, 0)
        for cell in data.cells:
            b = UnitButton(cell, self.grid_host)
            b.clicked.connect(lambda _=False, c=cell: self.unit_opened.emit(c.unit_no, c.handover_uuid))
            self.grid.addWidget(b, row_of[cell.floor], col_of[(cell.entrance or "", cell.position)])
            self.buttons[cell.unit_no] = b
