"""Step 1 of the handover window: the receiving party (业主 / 受托人 / 租户), the unit, the
mode and the time of the handover. Leaving this page saves it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from app import movein as mi
from ui.movein.step_base import Step, qdate


class PartyStep(Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如 3-2-1502 或 3栋2单元1502")
        self.party_kind = QComboBox()
        self.party_kind.addItems([p.value for p in mi.PartyKind])
        self.receiver = QLineEdit()
        self.receiver_phone = QLineEdit()
        self.owner = QLineEdit()
        self.owner_phone = QLineEdit()
        self.mode = QComboBox()
        self.mode.addItems([m.value for m in mi.HandoverMode])
        self.mode.setCurrentText(mi.HandoverMode.REGULAR.value)
        self.resale = QCheckBox("二手房（转售），需签前期物业服务协议")
        self.handover_at = QDateTimeEdit()
        self.handover_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.handover_at.setCalendarPopup(True)
        self.note = QLineEdit()
        self.owner_label = QLabel("业主姓名(&O)")
        self.owner_label.setBuddy(self.owner)
        form = QFormLayout()
        form.addRow("房号(&U)", self.unit)
        form.addRow("接收人身份(&K)", self.party_kind)
        form.addRow("接收人(&E)", self.receiver)
        form.addRow("接收人电话", self.receiver_phone)
        form.addRow(self.owner_label, self.owner)
        form.addRow("业主电话", self.owner_phone)
        form.addRow("交付方式(&M)", self.mode)
        form.addRow("", self.resale)
        form.addRow("办理时间(&T)", self.handover_at)
        form.addRow("备注", self.note)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.party_kind.currentTextChanged.connect(self._kind_changed)
        self.receiver.textChanged.connect(self._mirror_owner)
        self.unit.editingFinished.connect(self._fill_from_unit)
        self._kind_changed(self.party_kind.currentText())
        now = w.env.ctx.now()
        self.handover_at.setDateTime(QDateTime(qdate(now.date()), QTime(now.hour, now.minute)))

    def _kind_changed(self, kind: str) -> None:
        owner_self = kind == mi.PartyKind.OWNER.value
        self.owner.setReadOnly(owner_self)
        self.owner_label.setText("委托人（业主）(&O)" if kind == mi.PartyKind.PROXY.value else "业主姓名(&O)")
        if owner_self:
            self.owner.setText(self.receiver.text())
        hints = {
            mi.PartyKind.OWNER.value: "业主本人办理：核验业主身份证件，签业主临时管理规约和住宅装修管理协议。",
            mi.PartyKind.PROXY.value: "受托人代办：须出示经公证的授权委托书，核验业主和受托人双方身份证件并留存复印件"
                                      "（只打勾，不记录证件号码）。",
            mi.PartyKind.TENANT.value: "租户办理：签租户管理服务协议书（不签业主的规约和协议），核验租户身份证件和租赁合同。",
        }
        self.hint.setText(hints.get(kind, ""))

    def _fill_from_unit(self) -> None:
        """A known unit fills the owner (and, when the owner comes in person, the receiver) from
        业主与房屋, where those fields are still empty."""
        from app import residents
        from app.domain.enums import ResidentRole

        if self.unit.isReadOnly() or not self.unit.text().strip():
            return
        try:
            people = residents.residents_of_unit(self.w.env.ctx, self.unit.text())
        except Exception:  # an unknown or mistyped unit: nothing to fill, the save names the field
            return
        owners = [p for p in people if p.role == ResidentRole.OWNER.value]
        if not owners:
            return
        owner = owners[0]
        if self.party_kind.currentText() == mi.PartyKind.OWNER.value and not self.receiver.text():
            self.receiver.setText(owner.name)
            if not self.receiver_phone.text():
                self.receiver_phone.setText(owner.phone or "")
        if not self.owner.text():
            self.owner.setText(owner.name)
        if not self.owner_phone.text():
            self.owner_phone.setText(owner.phone or "")

    def _mirror_owner(self, text: str) -> None:
        if self.party_kind.currentText() == mi.PartyKind.OWNER.value:
            self.owner.setText(text)

    def values(self, data: mi.HandoverData | None = None) -> dict:
        """The page's values; an unchanged 办理时间 keeps the record's seconds."""
        q = self.handover_at.dateTime()
        d, t = q.date(), q.time()
        at = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        if data is not None and data.handover_at.replace(second=0) == at:
            at = data.handover_at
        return {
            "party_kind": self.party_kind.currentText(),
            "receiver_name": self.receiver.text(),
            "receiver_phone": self.receiver_phone.text() or None,
            "owner_name": self.owner.text() or None,
            "owner_phone": self.owner_phone.text() or None,
            "mode": self.mode.currentText(),
            "is_resale": self.resale.isChecked(),
            "handover_at": at,
            "note": self.note.text() or None,
        }

    def changed(self, data: mi.HandoverData) -> bool:
        v = self.values(data)
        return any(str(v[k] or "") != str(getattr(data, k) or "") for k in v)

    def load(self, data: mi.HandoverData | None) -> None:
        if data is None:
            return
        self.unit.setText(data.unit_no)
        self.unit.setReadOnly(True)
        self.party_kind.setCurrentText(data.party_kind)
        self.receiver.setText(data.receiver_name)
        self.receiver_phone.setText(data.receiver_phone or "")
        self.owner.setText(data.owner_name or "")
        self.owner_phone.setText(data.owner_phone or "")
        self.mode.setCurrentText(data.mode)
        self.resale.setChecked(data.is_resale)
        h = data.handover_at
        self.handover_at.setDateTime(QDateTime(qdate(h.date()), QTime(h.hour, h.minute)))
        self.note.setText(data.note or "")

    def set_editable(self, editable: bool) -> None:
        for widget in (self.party_kind, self.mode, self.resale, self.handover_at):
            widget.setEnabled(editable)
        for widget in (self.receiver, self.receiver_phone, self.owner_phone, self.note):
            widget.setReadOnly(not editable)
        self.owner.setReadOnly(not editable or self.party_kind.currentText() == mi.PartyKind.OWNER.value)

    def first_focus(self) -> QWidget:
        return self.unit if not self.unit.isReadOnly() else self.receiver
