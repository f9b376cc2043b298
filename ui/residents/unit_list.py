"""房屋 list: buildings on the left, their units on the right (filtered in SQL by a unit
number, a name or a phone), and the people of the selected unit below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from ui.shared.common import Dialogs, UiEnv
from ui.residents.building_dialog import BuildingDialog
from ui.residents.list_base import SearchableList, fit_columns, make_table
from ui.residents.resident_dialog import ResidentDialog
from ui.residents.resident_list import TieTableModel
from ui.residents.unit_dialog import UnitDialog
from ui.shared.rows_table_model import Column, RowsTableModel

ALL = "全部楼栋"


class BuildingTableModel(RowsTableModel):
    """Buildings; the first row (id 0) stands for all of them."""

    def __init__(self, parent=None):
        super().__init__([
            Column("楼栋", lambda b: b.label or b.name),
            Column("区域", lambda b: b.area),
            Column("房屋数", lambda b: b.unit_count, align_right=True),
        ], parent)


class UnitTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("房号", lambda u: u.code),
            Column("楼栋", lambda u: u.building),
            Column("单元", lambda u: u.entrance),
            Column("房间", lambda u: u.room),
            Column("建筑面积（㎡）", lambda u: u.floor_area, align_right=True),
            Column("已入住", lambda u: u.occupied),
            Column("住户", lambda u: u.residents),
            Column("备注", lambda u: u.note),
        ], parent, dimmed=lambda u: not u.occupied)


class UnitList(SearchableList):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, parent)
        self._select_code: str | None = None
        self.buildings = BuildingTableModel(self)
        self.buildings_view = make_table(self.buildings, "buildings_table")
        self.buildings_view.selectionModel().currentRowChanged.connect(self._building_changed)
        self.buildings_view.doubleClicked.connect(self.edit_building)
        self.add_building_button = QPushButton("新增楼栋…")
        self.edit_building_button = QPushButton("编辑楼栋…")
        self.add_building_button.clicked.connect(self.add_building)
        self.edit_building_button.clicked.connect(self.edit_building)

        self.search = QLineEdit()
        self.search.setObjectName("unit_search")
        self.search.setPlaceholderText("搜索：房号（如 3-2-1502、3栋2单元）、住户姓名或电话")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.schedule_refresh)
        self.search.returnPressed.connect(self.refresh)
        self.count_label = QLabel()
        self.add_unit_button = QPushButton("新增房屋…")
        self.edit_unit_button = QPushButton("编辑房屋…")
        self.add_person_button = QPushButton("登记住户…")
        self.move_out_button = QPushButton("迁出")
        self.move_out_button.setToolTip("所选住户从所选房屋迁出（记录保留）")
        self.add_unit_button.clicked.connect(self.add_unit)
        self.edit_unit_button.clicked.connect(self.edit_unit)
        self.add_person_button.clicked.connect(self.add_person)
        self.move_out_button.clicked.connect(self.move_out)

        self.model = UnitTableModel(self)
        self.view = make_table(self.model, "units_table")
        self.view.doubleClicked.connect(self.edit_unit)
        self.view.selectionModel().currentRowChanged.connect(self._show_ties)
        self.ties = TieTableModel(by_unit=True, parent=self)
        self.ties_view = make_table(self.ties, "unit_ties_table")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.add_building_button)
        left_buttons.addWidget(self.edit_building_button)
        left_layout.addLayout(left_buttons)
        left_layout.addWidget(self.buildings_view)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for b in (self.add_unit_button, self.edit_unit_button, self.add_person_button, self.move_out_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel("所选房屋的住户（灰色为已迁出）"))
        lower_layout.addWidget(self.ties_view)
        vsplit = QSplitter(Qt.Orientation.Vertical)
        vsplit.addWidget(self.view)
        vsplit.addWidget(lower)
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 1)
        right_layout.addLayout(top)
        right_layout.addLayout(buttons)
        right_layout.addWidget(vsplit, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([270, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._update_buttons()

    # -- loading ------------------------------------------------------------------------
    def building(self):
        index = self.buildings_view.currentIndex()
        row = self.buildings.row_at(index)
        return row if row is not None and row.id else None

    def refresh(self) -> None:
        """Reload the buildings (keeping the selection) and the units."""
        self._load(with_buildings=True)

    def _building_changed(self, *_args) -> None:
        self._update_buttons()
        self._load(with_buildings=False)

    def _load(self, *, with_buildings: bool) -> None:
        from app import residents

        ctx, text = self.env.ctx, self.search.text().strip()
        building = getattr(self.building(), "name", None)
        page = self.model.PAGE
        keep = self._select_code or getattr(self.current(), "code", None)

        def work():
            buildings = residents.list_buildings(ctx) if with_buildings else None
            if buildings is not None and building and all(b.name != building for b in buildings):
                filter_ = None
            else:
                filter_ = building
            return (buildings, filter_, residents.count_units(ctx, building=filter_, text=text),
                    residents.list_units(ctx, building=filter_, text=text, limit=page))

        def apply(result):
            buildings, filter_, total, rows = result
            if buildings is not None:
                all_row = residents.BuildingRow(0, "", "", ALL, None, None, sum(b.unit_count for b in buildings), 0)
                blocked = self.buildings_view.selectionModel().blockSignals(True)
                self.buildings.set_rows([all_row] + list(buildings))
                self.select_where(self.buildings_view, lambda b: b.name == (filter_ or ""))
                self.buildings_view.selectionModel().blockSignals(blocked)
            self.model.set_rows(rows, more=len(rows) < total, fetch=lambda offset, limit: residents.list_units(
                ctx, building=filter_, text=text, offset=offset, limit=limit))
            self.count_label.setText(f"共 {total} 户")
            self._select_code = None
            if keep:
                self.select_where(self.view, lambda u: u.code == keep)
            self._show_ties()

        self.load(work, apply, "正在查找房屋…" if text else "")

    def current(self):
        return self.selected(self.view)

    def _show_ties(self, *_args) -> None:
        from app import residents

        unit = self.current()
        self.ties.set_rows(residents.unit_ties(self.env.ctx, unit.id) if unit else [])
        fit_columns(self.ties_view)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.edit_building_button.setEnabled(self.building() is not None)
        has = self.current() is not None
        for b in (self.edit_unit_button, self.add_person_button, self.move_out_button):
            b.setEnabled(has)

    # -- actions ---------------------------------------------------------------------------
    def _open(self, dialog, select_code=None) -> None:
        self.dialog = dialog  # tests reach the open dialog here

        def saved():
            row = dialog.saved
            code = select_code(row) if select_code else getattr(row, "code", None)
            self._select_code = code
            self.refresh()

        dialog.accepted.connect(saved)
        dialog.open()

    def add_building(self) -> None:
        self._open(BuildingDialog(self.env, parent=self), lambda row: None)

    def edit_building(self, *_args) -> None:
        b = self.building()
        if b is not None:
            self._open(BuildingDialog(self.env, b, parent=self), lambda row: None)

    def add_unit(self) -> None:
        b = self.building()
        self._open(UnitDialog(self.env, building=b.name if b else None, parent=self))

    def edit_unit(self, *_args) -> None:
        unit = self.current()
        if unit is not None:
            self._open(UnitDialog(self.env, unit, parent=self))

    def add_person(self) -> None:
        unit = self.current()
        if unit is not None:
            self._open(ResidentDialog(self.env, unit_no=unit.code, parent=self), lambda row: unit.code)

    def move_out(self) -> None:
        from app import residents

        unit = self.current()
        index = self.ties_view.currentIndex()
        tie = self.ties.row_at(index)
        if unit is None or tie is None or not tie.current:
            Dialogs.info(self, "请先在下方选择要迁出的住户。")
            return
        if not Dialogs.confirm(self, f"{tie.resident_name} 从 {unit.code} 迁出（迁出日期：今天）？\n关联记录会保留在历史中。"):
            return
        try:
            residents.unlink_resident(self.env.ctx, tie.resident_id, unit.code)
        except Exception as exc:
            Dialogs.error(self, exc)
        self._select_code = unit.code
        self.refresh()
