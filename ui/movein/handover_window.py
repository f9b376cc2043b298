"""The handover window: guides one unit's handover through the steps of a handover day
(party → ID checks → documents → agreements → items issued → fees → meters → keys →
inspection → result) and refuses to finish while something required is missing.

Keyboard: Alt+N next step, Alt+B previous step, Ctrl+PgDown / Ctrl+PgUp the same,
Alt+P print RH-01; each page's buttons carry their own Alt shortcuts; Space ticks a
checklist line. Every change is saved at once (one service call each).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from app.domain.enums import ResidentRole
from app.domain.errors import StaleRecord
from app import movein as mi
from app import residents
from ui.shared.common import Dialogs, UiEnv
from ui.forms.signed_copies import SignedCopiesWidget
from ui.movein.checklist_step import ChecklistStep
from ui.movein.defect_dialog import DefectDialog
from ui.movein.fees_step import FeesStep
from ui.movein.inspection_step import InspectionStep
from ui.movein.keys_step import KeysStep
from ui.movein.meters_step import MetersStep
from ui.movein.party_step import PartyStep
from ui.movein.result_step import ResultStep

OK = QColor("#2e7d32")
MISSING = QColor("#c62828")


class HandoverWindow(QDialog):
    """``HandoverWindow(env, parent, uuid=...)`` opens a handover; without ``uuid`` it starts one
    (``unit_no`` and an ``appointment`` row prefill the party page)."""

    saved = Signal(str)  # the handover's uuid, after every change

    def __init__(self, env: UiEnv, parent: QWidget | None = None, *, uuid: str | None = None,
                 unit_no: str | None = None, appointment: mi.AppointmentRow | None = None):
        super().__init__(parent)
        self.env = env
        self.data: mi.HandoverData | None = None
        self.appointment = appointment
        self.options = mi.choices(env.ctx)
        self.setWindowTitle("入伙办理")
        self.resize(1000, 680)

        self.party = PartyStep(self)
        self.identity = ChecklistStep(self, mi.ChecklistGroup.IDENTITY.value,
                                      "核验接收人的证件（只核验、留复印件，不记录证件号码）。")
        self.documents = ChecklistStep(self, mi.ChecklistGroup.DOCUMENTS.value, "查验入伙资料。")
        self.agreements = ChecklistStep(self, mi.ChecklistGroup.AGREEMENTS.value, "签署协议（按接收人身份和是否转售）。")
        self.issued = ChecklistStep(self, mi.ChecklistGroup.ISSUED.value, "发放资料并由接收人签收。")
        self.fees = FeesStep(self)
        self.meters = MetersStep(self)
        self.keys = KeysStep(self)
        self.inspection = InspectionStep(self)
        self.result = ResultStep(self)
        self.pages = {"party": self.party, "identity": self.identity, "documents": self.documents,
                      "agreements": self.agreements, "issued": self.issued, "fees": self.fees, "meters": self.meters,
                      "keys": self.keys, "inspection": self.inspection, "result": self.result}
        self.keys_order = [k for k, _ in mi.STEPS]

        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setMaximumWidth(180)
        self.steps.setSpacing(3)
        self.stack = QStackedWidget()
        for n, (key, title) in enumerate(mi.STEPS, 1):
            item = QListWidgetItem(f"{n}. {title}")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.steps.addItem(item)
            self.stack.addWidget(self.pages[key])
        self.steps.currentRowChanged.connect(self._step_clicked)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.back_button = QPushButton("上一步(&B)")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton("下一步(&N)")
        self.next_button.clicked.connect(self.next)
        self.next_button.setDefault(False)
        self.next_button.setAutoDefault(False)
        self.print_button = QPushButton("打印 RH-01(&P)")
        self.print_button.clicked.connect(self.print_form)
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.reject)
        for b in (self.back_button, self.print_button, self.close_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.back_button, self.next_button, self.print_button, self.close_button):
            buttons.addWidget(b)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        self.signed = SignedCopiesWidget(env, uuid, self)  # a new handover's once it is saved
        self.saved.connect(self.signed.set_record)
        layout.addWidget(self.signed)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=self.next)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=self.back)

        if uuid:
            self.show_data(mi.get_handover(env.ctx, uuid))
        else:
            self._prefill(unit_no, appointment)
            self.show_data(None)
        self._current = 0
        self.steps.setCurrentRow(0)
        self.go(0 if self.data is None or self.data.status in mi.OPEN_HANDOVER else len(self.keys_order) - 1)

    # -- data ----------------------------------------------------------------------------
    def _prefill(self, unit_no: str | None, appointment: mi.AppointmentRow | None) -> None:
        if appointment is not None:
            unit_no = appointment.unit_no
            self.party.party_kind.setCurrentText(appointment.party_kind)
            self.party.receiver.setText(appointment.name)
            self.party.receiver_phone.setText(appointment.phone or "")
            self.party.mode.setCurrentText(appointment.mode)
        if unit_no:
            self.party.unit.setText(unit_no)
            if appointment is None:
                owners = [p for p in residents.residents_of_unit(self.env.ctx, unit_no) if p.role == ResidentRole.OWNER.value] \
                    if self._unit_known(unit_no) else []
                if owners:
                    self.party.owner.setText(owners[0].name)
                    self.party.owner_phone.setText(owners[0].phone or "")

    def _unit_known(self, unit_no: str) -> bool:
        try:
            residents.get_unit(self.env.ctx, unit_no)
        except Exception:  # noqa: BLE001 - a new unit
            return False
        return True

    def reload(self) -> None:
        if self.data is not None:
            self.show_data(mi.get_handover(self.env.ctx, self.data.uuid))
            self.saved.emit(self.data.uuid)

    def call(self, fn, *args, **kwargs):
        """Run a service function; show its error, or show the handover it returns. None on error."""
        try:
            result = fn(self.env.ctx, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every error is shown, unexpected ones logged by Dialogs
            Dialogs.error(self, exc)
            if isinstance(exc, StaleRecord):
                self.reload()
            return None
        if isinstance(result, mi.HandoverData):
            self.show_data(result)
            self.saved.emit(result.uuid)
        return result

    def show_data(self, data: mi.HandoverData | None) -> None:
        self.data = data
        editable = data is None or (data.status in mi.OPEN_HANDOVER and not data.void_reason)
        for page in self.pages.values():
            page.load(data)
            page.set_editable(editable and (data is not None or page is self.party))
        if data is None:
            self.setWindowTitle("入伙办理 — 新建")
        else:
            self.setWindowTitle(f"入伙办理 — {data.unit_no}（{data.status}）")
        for i, key in enumerate(self.keys_order):
            item = self.steps.item(i)
            title = dict(mi.STEPS)[key]
            missing = data.missing_for(key) if data else ()
            enabled = data is not None or key == "party"
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if enabled else flags & ~Qt.ItemFlag.ItemIsEnabled)
            mark = ""
            if data is not None and data.status in mi.OPEN_HANDOVER:
                mark = f"  ({len(missing)})" if missing else "  ✓"
            item.setText(f"{i + 1}. {title}{mark}")
            item.setForeground(QBrush(MISSING if missing else (OK if mark else QColor("#000000"))))
        self.print_button.setEnabled(data is not None)
        if data is None:
            self.summary.setText("填写接收人后按“下一步”建立入伙记录。")
        elif data.status not in mi.OPEN_HANDOVER:
            self.summary.setText(f"状态：{data.status}" + (f"（作废原因：{data.void_reason}）" if data.void_reason else ""))
        elif data.missing:
            self.summary.setText(f"尚缺 {len(data.missing)} 项必需项：" + "；".join(m.text for m in data.missing[:3])
                                 + ("……" if len(data.missing) > 3 else ""))
        else:
            self.summary.setText("必需项已齐全，可以完成交付。")
        self.summary.setStyleSheet("color:#c62828" if data and data.missing else "color:#2e7d32")

    # -- navigation ------------------------------------------------------------------------
    def current_step(self) -> str:
        return self.keys_order[self.stack.currentIndex()]

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.keys_order) - 1))
        if index > 0 and self.data is None:
            return
        self._current = index
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        self.stack.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.keys_order) - 1)
        self.pages[self.keys_order[index]].first_focus().setFocus()

    def go_step(self, key: str) -> None:
        if self._leave_party():
            self.go(self.keys_order.index(key))

    def _step_clicked(self, row: int) -> None:
        if row < 0 or row == self._current:
            return
        if not self._leave_party():
            self.steps.blockSignals(True)
            self.steps.setCurrentRow(self._current)
            self.steps.blockSignals(False)
            return
        self.go(row)

    def _leave_party(self) -> bool:
        """Leaving the party page saves it: the first time it creates the handover."""
        if self.stack.currentIndex() != 0:
            return True
        values = self.party.values(self.data)
        if self.data is None:
            created = self.call(mi.start_handover, self.party.unit.text(),
                                appointment_uuid=self.appointment.uuid if self.appointment else None, **values)
            return created is not None
        if self.data.status in mi.OPEN_HANDOVER and self.party.changed(self.data):
            return self.call(mi.update_party, self.data.uuid, expected_version=self.data.version, **values) is not None
        return True

    def next(self) -> None:
        if self._leave_party():
            self.go(self.stack.currentIndex() + 1)

    def back(self) -> None:
        if self._leave_party():
            self.go(self.stack.currentIndex() - 1)

    # -- shared actions ------------------------------------------------------------------------
    def void_entry(self, kind: str, rows: list) -> None:
        if self.data is None or not rows:
            return
        row = rows[0]
        reason = Dialogs.ask_text(self, "作废", "作废原因（必填）：")
        if reason is None:
            return
        self.call(mi.void_entry, self.data.uuid, kind, row.id, reason, expected_version=self.data.version)

    def ask_defect(self, *, room: str | None, item: str | None) -> dict | None:
        """The defect dialog (tests replace this method)."""
        data = self.data
        rooms = list(dict.fromkeys(i.room for i in data.inspection)) if data else []
        items = list(dict.fromkeys(i.item for i in data.inspection)) if data else []
        default = self.env.ctx.now().date() + timedelta(days=self.options["defect_days"])
        dlg = DefectDialog(self, rooms=rooms, items=items, responsible=self.options["responsible"], room=room,
                           item=item, deadline=(data.rectify_deadline if data else None) or default)
        return dlg.values() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def print_form(self) -> None:
        if self.data is None:
            return
        from ui.shared.print_preview import preview_form

        preview_form(self.env, self, "move-in", unit=self.data.unit_no)

    def reject(self) -> None:  # Esc, 关闭 and the window's close box all come here
        if self.data is not None and self.stack.currentIndex() == 0 and not self._leave_party():
            return
        super().reject()
