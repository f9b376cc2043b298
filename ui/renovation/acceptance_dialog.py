"""装修验收: every acceptance item ticked 合格 or not, with a note; the result follows the ticks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem

from app import renovation as reno
from ui.shared.common import UiEnv
from ui.shared.action_dialog import ActionDialog


class AcceptanceDialog(ActionDialog):
    def __init__(self, env: UiEnv, row: reno.RenovationRow, parent=None):
        super().__init__(env, f"装修验收 - {row.unit_no}", parent)
        self.row = row
        items = reno.acceptance_items(env.ctx)
        self.table = QTableWidget(len(items), 2)
        self.table.setHorizontalHeaderLabels(["验收项目（勾选为合格）", "说明"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for i, name in enumerate(items):
            item = QTableWidgetItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(i, 0, item)
            self.table.setItem(i, 1, QTableWidgetItem(""))
        self.table.itemChanged.connect(lambda _i: self._update())
        self.note = QLineEdit()
        self.note.setPlaceholderText("验收说明（不合格时写明原因）")
        self.result = QLabel()
        self.finish(QLabel(f"{row.unit_no}　{row.owner}　{row.contractor}　押金 {row.deposit:.2f} 元"),
                    (self.table, 1), self.note, self.result, ok_text="登记验收")
        self.resize(560, 420)
        self._update()

    def items(self) -> list[tuple[str, bool, str]]:
        out = []
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            note = self.table.item(i, 1)
            out.append((item.text(), item.checkState() == Qt.CheckState.Checked, note.text() if note else ""))
        return out

    def outcome(self) -> str:
        return reno.AcceptanceResult.PASSED.value if all(ok for _, ok, _ in self.items()) \
            else reno.AcceptanceResult.FAILED.value

    def _update(self) -> None:
        result = self.outcome()
        color = "#2e7d32" if result == reno.AcceptanceResult.PASSED else "#c62828"
        self.result.setText(f"验收结果：<b style='color:{color}'>{result}</b>")

    def submit(self) -> reno.RenovationRow:
        return reno.record_acceptance(self.env.ctx, self.row.uuid, self.outcome(), self.items(), self.note.text(),
                                      expected_version=self.row.version)
