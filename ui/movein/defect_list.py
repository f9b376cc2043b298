"""缺陷跟踪: the defects found at handover inspections, overdue ones red, moved along
整改中 → 待复验 → 已销项 from here too."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import movein as mi
from ui.shared.common import Dialogs, UiEnv
from ui.movein.defect_actions import DefectActions
from ui.movein.tables import make_view
from ui.shared.rows_table_model import Column, RowsTableModel

FILTERS = [("未销项", {"open_only": True}), ("已超期", {"overdue_only": True}), ("全部", {"open_only": False})]


class DefectList(QWidget):
    open_requested = Signal(str)  # handover uuid

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.filter = QComboBox()
        for label, _ in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.open_button = QPushButton("打开入伙记录(&O)")
        self.open_button.clicked.connect(self._open)
        top = QHBoxLayout()
        lab = QLabel("显示(&S)")
        lab.setBuddy(self.filter)
        top.addWidget(lab)
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.open_button)
        self.model = RowsTableModel([
            Column("房号", lambda r: r.unit_no), Column("部位", lambda r: r.room), Column("检查项", lambda r: r.item),
            Column("问题描述", lambda r: r.description), Column("严重程度", lambda r: r.severity),
            Column("责任方", lambda r: r.responsible), Column("整改期限", lambda r: r.deadline),
            Column("状态", lambda r: r.status), Column("复验人", lambda r: r.reinspected_by),
            Column("复验时间", lambda r: r.reinspected_at), Column("登记时间", lambda r: r.created_at)], self,
            style=lambda r: "red" if r.overdue else ("grey" if r.status not in mi.OPEN_DEFECT else None))
        self.view = make_view(self.model)
        self.view.doubleClicked.connect(lambda _: self._open())
        self.actions = DefectActions(env, self.current, self)
        self.actions.changed.connect(lambda _: self.refresh())
        self.view.selectionModel().currentChanged.connect(lambda *_: self.actions.update_buttons())
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.actions)
        layout.addWidget(self.summary)

    def current(self) -> mi.DefectRow | None:
        return self.model.row_at(self.view.currentIndex())

    def refresh(self) -> None:
        kwargs = FILTERS[self.filter.currentIndex()][1]
        self.env.runner.submit(mi.list_defects, self.env.ctx, on_done=self._loaded,
                               on_error=lambda exc: Dialogs.error(self, exc), label="", **kwargs)

    def _loaded(self, rows: list) -> None:
        current = self.current()
        self.model.set_rows(rows)
        if current is not None:
            for i, r in enumerate(rows):
                if r.uuid == current.uuid:
                    self.view.setCurrentIndex(self.model.index(i, 0))
        overdue = sum(1 for r in rows if r.overdue)
        self.summary.setText(f"共 {len(rows)} 项" + (f"，{overdue} 项已超过整改期限" if overdue else ""))
        self.actions.update_buttons()

    def _open(self) -> None:
        row = self.current()
        if row is not None:
            self.open_requested.emit(row.handover_uuid)
