"""报修待转: reception 报修 records not yet turned into a work order. Enter opens 转工单."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from app import repairs
from ui.shared.common import Dialogs, UiEnv
from ui.repairs.order_dialog import OrderDialog
from ui.shared.rows_table_model import Column, RowsTableModel

COLUMNS = [
    Column("登记时间", lambda r: r.received_at),
    Column("方式", lambda r: r.method),
    Column("姓名", lambda r: r.name),
    Column("房号", lambda r: r.unit_no),
    Column("联系电话", lambda r: r.phone),
    Column("报修内容", lambda r: r.content, tooltip=lambda r: r.content),
    Column("接待人", lambda r: r.received_by),
    Column("状态", lambda r: r.status),
]


class IntakeList(QWidget):
    converted = Signal(object)  # the new RepairRow

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None
        self.model = RowsTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.convert())
        self.info = QLabel()
        self.convert_button = QPushButton("转为维修工单")
        self.convert_button.setToolTip("选中报修记录后按 Enter")
        self.convert_button.setAutoDefault(False)
        self.convert_button.clicked.connect(self.convert)
        refresh = QPushButton("刷新")
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar = QHBoxLayout()
        bar.addWidget(self.info, 1)
        bar.addWidget(self.convert_button)
        bar.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        try:
            rows = repairs.intake_queue(self.env.ctx)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(5, min(self.table.columnWidth(5), 300))
        self.info.setText(f"接待登记中尚未转为工单的报修：{len(rows)} 条" if rows else "没有待转工单的报修记录")
        self.convert_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.model.index(0, 0))

    def current(self):
        return self.model.row_at(self.table.currentIndex())

    def convert(self) -> None:
        row = self.current()
        if row is None:
            return
        dlg = OrderDialog(self.env, self, intake=row)
        self.dialog = dlg
        dlg.accepted.connect(lambda d=dlg: self._saved(d.saved))
        dlg.finished.connect(lambda _r, d=dlg: setattr(self, "dialog", None) if self.dialog is d else None)
        dlg.open()

    def _saved(self, order) -> None:
        self.refresh()
        self.converted.emit(order)
