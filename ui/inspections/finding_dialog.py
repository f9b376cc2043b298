"""登记检查问题: pick the 二级指标 of the standard (its 检查标准 and 扣分标准 shown), the problem
points and persons; the deduction is shown as it will be counted."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from app import inspections as insp
from ui.shared.action_dialog import ActionDialog
from ui.shared.common import UiEnv
from ui.shared.form_dialog import TextArea


class FindingDialog(ActionDialog):
    def __init__(self, env: UiEnv, inspection: insp.InspectionRow, parent: QWidget | None = None):
        super().__init__(env, f"登记检查问题（{inspection.inspection_no}）", parent)
        self.inspection = inspection
        scored = {s.name for s in inspection.scores}
        self.items = [it for ind in insp.standard(env.ctx) if ind.name in scored for it in ind.items]
        self.item = QComboBox()
        self.item.addItems([f"{it.indicator} / {it.name}" for it in self.items])
        self.criterion = QComboBox()
        self.criterion.setEditable(True)
        self.rule = QLabel()
        self.problems = QSpinBox()
        self.problems.setRange(1, 999)
        self.persons = QSpinBox()
        self.persons.setRange(1, 999)
        self.deduction = QLabel()
        self.deduction.setObjectName("deduction")
        self.note = TextArea(3)
        self.owner = QLineEdit()
        form = QFormLayout()
        form.addRow("二级指标", self.item)
        form.addRow("检查标准", self.criterion)
        form.addRow("扣分标准", self.rule)
        form.addRow("问题点数", self.problems)
        form.addRow("人数", self.persons)
        form.addRow("扣分", self.deduction)
        form.addRow("问题描述", self.note)
        form.addRow("整改责任人", self.owner)
        self.item.currentIndexChanged.connect(self._item_chosen)
        self.problems.valueChanged.connect(self._show_deduction)
        self.persons.valueChanged.connect(self._show_deduction)
        self._item_chosen()
        self.finish(form)

    def current_item(self) -> insp.StandardItemRow:
        return self.items[self.item.currentIndex()]

    def _item_chosen(self) -> None:
        it = self.current_item()
        self.criterion.clear()
        self.criterion.addItems(list(it.criteria))
        self.rule.setText(f"{it.deduction_text}（{it.method}）")
        self.persons.setEnabled(it.basis == insp.DeductionBasis.PER_PERSON)
        self._show_deduction()

    def _show_deduction(self) -> None:
        it = self.current_item()
        persons = self.persons.value() if it.basis == insp.DeductionBasis.PER_PERSON else 1
        self.deduction.setText(f"{insp.points_text(it.deduct_cp * self.problems.value() * persons)} 分")

    def submit(self):
        return insp.add_finding(self.env.ctx, self.inspection.uuid, item_uuid=self.current_item().uuid,
                                problems=self.problems.value(), persons=self.persons.value(),
                                criterion=self.criterion.currentText(), note=self.note.text(),
                                owner=self.owner.text())
