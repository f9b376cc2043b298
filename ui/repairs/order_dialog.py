"""新建维修工单 / 报修转工单 / 修改工单."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from app import repairs
from ui.forms.signed_copies import SignedCopiesWidget
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, OptionalDateTime, TextArea, combo


class OrderDialog(FormDialog):
    """``intake`` (an IntakeRow) turns a reception 报修 record into an order; ``order`` (a
    RepairRow) edits one; neither: a new order entered directly."""

    def __init__(self, env: UiEnv, parent: QWidget | None = None, *, intake=None, order=None):
        title = "报修转维修工单" if intake is not None else "修改维修工单" if order is not None else "新建维修工单"
        super().__init__(title, parent)
        self.env, self.intake, self.order = env, intake, order
        ctx = env.ctx
        src = order or intake
        self.reporter = self.add_row("报修人", QLineEdit(), "reporter")
        self.unit_no = self.add_row("房号", QLineEdit(), "unit_no")
        self.unit_no.setPlaceholderText("如 3-2-1502；公共区域可不填")
        self.phone = self.add_row("联系电话", QLineEdit(), "phone")
        self.content = self.add_row("报修内容", TextArea(3), "content")
        cats = repairs.categories(ctx)
        self.category = self.add_row("类别", combo(cats, current=getattr(order, "category", None)), "category")
        self.urgency = self.add_row("紧急程度", combo([u.value for u in repairs.Urgency],
                                                      current=getattr(order, "urgency", None)), "urgency")
        self.paid = self.add_row("是否有偿", QCheckBox("有偿维修（完工时填写收费金额和收据号）"), "paid")
        self.appointment = self.add_row("预约时间", OptionalDateTime("与业主约定了上门时间", ctx.now()),
                                        "appointment_at")
        if src is not None:
            self.reporter.setText(getattr(src, "reporter", None) or getattr(src, "name", "") or "")
            self.unit_no.setText(src.unit_no or "")
            self.phone.setText(src.phone or "")
            self.content.setText(src.content)
        if intake is not None:
            self.set_intro(f"来访来电记录：{intake.received_at:%Y-%m-%d %H:%M} {intake.method}，接待人 {intake.received_by}")
            self.category.setFocus()
        if order is not None:
            self.paid.setChecked(order.paid)
            self.appointment.set_value(order.appointment_at)
            self.form.addRow(SignedCopiesWidget(env, order.uuid, self))

    def _values(self) -> dict:
        return dict(reporter=self.reporter.text(), unit_no=self.unit_no.text(), phone=self.phone.text(),
                    content=self.content.text(), category=self.category.currentText(),
                    urgency=self.urgency.currentText(), paid=self.paid.isChecked(),
                    appointment_at=self.appointment.value())

    def save(self):
        ctx = self.env.ctx
        f = self._values()
        if self.intake is not None:
            return repairs.create_from_contact(ctx, self.intake.uuid, **f)
        if self.order is not None:
            return repairs.update_order(ctx, self.order.uuid, expected_version=self.order.version, **f)
        return repairs.create_order(ctx, **f)
