"""新建调查计划: purpose, period, scope (all buildings or chosen ones), sample, method, people, goals."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QListWidget, QListWidgetItem, QSpinBox, QWidget
from PySide6.QtCore import Qt

from app import residents, surveys
from ui.shared.action_dialog import ActionDialog
from ui.shared.common import UiEnv
from ui.shared.form_dialog import DateField, TextArea


class PlanDialog(ActionDialog):
    RESULT = "survey"

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, "新建满意度调查计划", parent)
        today = env.ctx.now().date()
        self.title = QLineEdit(f"{today.year}年度业主满意度调查")
        self.purpose = TextArea(2)
        self.purpose.setText("了解业主对物业服务的评价，找出不足并改进")
        self.group = QComboBox()
        self.group.addItems([g.value for g in surveys.TargetGroup])
        self.start = DateField(today + timedelta(days=21))
        self.end = DateField(today + timedelta(days=35))
        self.buildings = QListWidget()
        self.buildings.setMaximumHeight(90)
        for b in residents.list_buildings(env.ctx):
            item = QListWidgetItem(b.label or f"{b.name}栋")
            item.setData(Qt.ItemDataRole.UserRole, b.name)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.buildings.addItem(item)
        self.percent = QSpinBox()
        self.percent.setRange(1, 100)
        self.percent.setValue(100)
        self.percent.setSuffix(" %")
        self.rule = QLineEdit("各楼栋按比例随机抽取在住户")
        self.method = QComboBox()
        self.method.addItems([m.value for m in surveys.SurveyMethod])
        self.people = QLineEdit()
        self.return_goal = QSpinBox()
        self.return_goal.setRange(1, 100)
        self.return_goal.setValue(70)
        self.return_goal.setSuffix(" %")
        form = QFormLayout()
        for label, w in (("调查名称", self.title), ("调查目的", self.purpose), ("调查对象", self.group),
                         ("开始日期", self.start), ("结束日期", self.end),
                         ("调查范围（不选为全部楼栋）", self.buildings), ("抽样比例", self.percent),
                         ("抽样方法", self.rule), ("调查方式", self.method), ("调查人员", self.people),
                         ("回收率目标", self.return_goal)):
            form.addRow(label, w)
        self.finish(form, ok_text="保存计划")

    def chosen_buildings(self) -> tuple[str, ...]:
        return tuple(self.buildings.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.buildings.count())
                     if self.buildings.item(i).checkState() == Qt.CheckState.Checked)

    def submit(self):
        return surveys.plan_survey(self.env.ctx, surveys.PlanData(
            title=self.title.text(), purpose=self.purpose.text(), target_group=self.group.currentText(),
            start_date=self.start.value(), end_date=self.end.value(), buildings=self.chosen_buildings(),
            sample_percent=self.percent.value(), sample_rule=self.rule.text(), method=self.method.currentText(),
            people=self.people.text(), return_goal=self.return_goal.value()))
