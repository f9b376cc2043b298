"""合并处理…: the chosen order becomes the lead and the open orders ticked here (other callers
about the same fault) join it: one dispatch, one deadline, one completion; each caller keeps
their own order and 回访."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app import repairs
from app.repairs import PUBLIC_AREA
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, TextArea


def candidates(env: UiEnv, lead) -> list:
    """Open orders that may join ``lead``: not in a group, the same category first, newest first."""
    rows = [r for r in repairs.list_orders(env.ctx, open_only=True, limit=300)
            if r.uuid != lead.uuid and r.group_uuid is None]
    return sorted(rows, key=lambda r: r.category != lead.category)


class MergeDialog(FormDialog):
    def __init__(self, env: UiEnv, lead, parent: QWidget | None = None):
        super().__init__(f"合并处理 — 主工单 {lead.number}", parent, save_text="合并处理")
        self.env, self.lead = env, lead
        self.setMinimumWidth(620)
        self.set_intro(f"主工单：{lead.number} {lead.unit_no or PUBLIC_AREA} {lead.reporter}：{lead.content}\n"
                       "勾选报告同一故障的其他工单：之后派工、接单、完工都在主工单上办理，并同时记到每张工单；"
                       "每位报修人的工单和回访各自保留。")
        self.orders = QListWidget()
        self.orders.setMinimumHeight(180)
        for r in candidates(env, lead):
            item = QListWidgetItem(f"{r.number}  {r.unit_no or PUBLIC_AREA}  {r.reporter}  {r.category}  "
                                   f"{r.status}  {r.content[:40]}")
            item.setData(Qt.ItemDataRole.UserRole, r.uuid)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.orders.addItem(item)
        self.add_row("同一故障的工单", self.orders, "members")
        self.reason = self.add_row("合并原因", TextArea(2), "reason")
        self.orders.setFocus()

    def chosen(self) -> list[str]:
        return [self.orders.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.orders.count())
                if self.orders.item(i).checkState() == Qt.CheckState.Checked]

    def save(self):
        return repairs.merge(self.env.ctx, self.lead.uuid, self.chosen(), reason=self.reason.text()).lead
