"""Step 10 of the handover window: what is still missing, the defects to closure, and the
result (已交付, or 需整改 with a deadline).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.shared.common import Dialogs
from ui.movein.defect_actions import DefectActions
from ui.shared.rows_table_model import Column, RowsTableModel
from ui.movein.tables import keep_current, make_view
from ui.movein.step_base import Step, pydate, qdate


_CLOSED = (mi.DefectStatus.CLOSED.value, mi.DefectStatus.CANCELLED.value)


class ResultStep(Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        self.status = QLabel()
        self.status.setStyleSheet("font-size:15px; font-weight:bold")
        self.missing = QListWidget()
        self.missing.setMaximumHeight(130)
        self.missing.itemActivated.connect(self._jump)
        self.model = RowsTableModel([
            Column("部位", lambda r: r.room), Column("检查项", lambda r: r.item),
            Column("问题描述", lambda r: r.description), Column("严重程度", lambda r: r.severity),
            Column("责任方", lambda r: r.responsible), Column("整改期限", lambda r: r.deadline),
            Column("状态", lambda r: r.status), Column("复验人", lambda r: r.reinspected_by),
            Column("复验时间", lambda r: r.reinspected_at), Column("照片", lambda r: len(r.photos) or "")], self,
            style=lambda r: "red" if r.overdue else ("grey" if r.status in _CLOSED else None))
        self.view = make_view(self.model)
        self.actions = DefectActions(w.env, self.current_defect, self)
        self.actions.changed.connect(lambda _row: self.w.reload())
        self.view.selectionModel().currentChanged.connect(lambda *_: self.actions.update_buttons())
        self.complete_button = QPushButton("完成交付(&F)")
        self.complete_button.clicked.connect(self.complete)
        self.deadline = QDateEdit()
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDate(qdate(w.env.ctx.now().date() + timedelta(days=w.options["defect_days"])))
        self.rectify_button = QPushButton("需整改(&Z)")
        self.rectify_button.clicked.connect(self.rectify)
        result_row = QHBoxLayout()
        result_row.addWidget(self.complete_button)
        result_row.addSpacing(20)
        lab = QLabel("整改期限(&L)")
        lab.setBuddy(self.deadline)
        result_row.addWidget(lab)
        result_row.addWidget(self.deadline)
        result_row.addWidget(self.rectify_button)
        result_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("尚未完成的必需项（双击跳到该步骤）："))
        layout.addWidget(self.missing)
        layout.addWidget(QLabel("缺陷（整改 → 复验 → 销项）："))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.actions)
        layout.addLayout(result_row)

    def current_defect(self) -> mi.DefectRow | None:
        return self.model.row_at(self.view.currentIndex())

    def load(self, data: mi.HandoverData | None) -> None:
        self.missing.clear()
        if data is None:
            self.status.setText("状态：尚未建立")
            keep_current(self.view, self.model, [])
            return
        text = f"状态：{data.status}"
        if data.status == mi.HandoverStatus.DELIVERED.value and data.completed_at:
            text += f"（{data.completed_by} {data.completed_at:%Y-%m-%d %H:%M} 完成交付）"
        elif data.status == mi.HandoverStatus.NEEDS_RECTIFICATION.value and data.rectify_deadline:
            text += f"（整改期限 {data.rectify_deadline:%Y-%m-%d}，{len(data.open_defects)} 项缺陷未销项）"
        self.status.setText(text)
        titles = dict(mi.STEPS)
        for m in data.missing:
            item = QListWidgetItem(f"［{titles.get(m.step, m.step)}］{m.text}")
            item.setData(Qt.ItemDataRole.UserRole, m.step)
            item.setForeground(Qt.GlobalColor.darkRed)
            self.missing.addItem(item)
        if not data.missing and data.status in mi.OPEN_HANDOVER:
            self.missing.addItem("必需项已齐全，可以完成交付。")
        keep_current(self.view, self.model, list(data.defects))
        if data.rectify_deadline:
            self.deadline.setDate(qdate(data.rectify_deadline))
        rectifying = data.status == mi.HandoverStatus.NEEDS_RECTIFICATION.value
        self.rectify_button.setText("修改整改期限(&Z)" if rectifying else "需整改(&Z)")
        self.complete_button.setText("复验完毕，完成交付(&F)" if rectifying else "完成交付(&F)")
        self.actions.update_buttons()

    def set_editable(self, editable: bool) -> None:
        self.complete_button.setEnabled(editable)
        self.rectify_button.setEnabled(editable)
        self.deadline.setEnabled(editable)
        d = self.w.data
        self.actions.set_editable(d is not None and not d.void_reason)

    def _jump(self, item: QListWidgetItem) -> None:
        step = item.data(Qt.ItemDataRole.UserRole)
        if step:
            self.w.go_step(step)

    def complete(self) -> None:
        d = self.w.data
        if d is None:
            return
        done = self.w.call(mi.complete_handover, d.uuid, expected_version=d.version)
        if done is not None:
            Dialogs.info(self.w, f"{done.unit_no} 已交付（{done.completed_by} {done.completed_at:%Y-%m-%d %H:%M}）。")

    def rectify(self) -> None:
        d = self.w.data
        if d is None:
            return
        self.w.call(mi.require_rectification, d.uuid, deadline=pydate(self.deadline.date()),
                    expected_version=d.version)

    def first_focus(self) -> QWidget:
        return self.complete_button if self.complete_button.isEnabled() else self.view
