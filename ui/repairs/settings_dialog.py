"""维修设置 (客服主管 and above): categories, deadlines, the follow-up sample."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app import repairs
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, TextArea


class RepairSettingsDialog(FormDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__("维修设置", parent)
        self.env = env
        conf = repairs.get_settings(env.ctx)
        self.categories = self.add_row("维修类别", TextArea(7), "categories")
        self.categories.setText("\n".join(conf.categories))
        self.categories.setToolTip("每行一个类别")
        self.must = self.add_row("必须回访的类别", QLineEdit("、".join(conf.must_follow_up)), "must_follow_up")
        self.must.setToolTip("用顿号或逗号分隔，如 渗漏水、安全设施")
        self.pickup = self.add_row("接单时限（分钟）", QLineEdit(str(conf.pickup_minutes)), "pickup_minutes")
        self.normal = self.add_row("一般维修完成时限（小时）", QLineEdit(str(conf.finish_hours_normal)),
                                   "finish_hours_normal")
        self.urgent = self.add_row("紧急维修完成时限（小时）", QLineEdit(str(conf.finish_hours_urgent)),
                                   "finish_hours_urgent")
        self.sample = self.add_row("回访抽样比例（%）", QLineEdit(str(conf.sample_percent)), "sample_percent")
        self.spot = self.add_row("经理抽查比例（%）", QLineEdit(str(conf.spot_check_percent)), "spot_check_percent")
        self.spot_min = self.add_row("经理至少抽查条数", QLineEdit(str(conf.spot_check_min)), "spot_check_min")

    def save(self):
        import re

        must = [x for x in re.split(r"[、,，;；\s]+", self.must.text()) if x]
        return repairs.save_settings(
            self.env.ctx, categories=self.categories.text().splitlines(), must_follow_up=must,
            pickup_minutes=self.pickup.text(), finish_hours_normal=self.normal.text(),
            finish_hours_urgent=self.urgent.text(), sample_percent=self.sample.text(),
            spot_check_percent=self.spot.text(), spot_check_min=self.spot_min.text())
