"""The pages of the handover window, one per step: receiving party, ID checks, documents,
agreements, items issued, fees and entrusted services, meters, keys, inspection, result.

Each page gets the window (``w``) and calls ``w.call(service_function, ...)``, which runs
the service with the handover's version, shows errors and reloads every page.
Every page has ``load(data)``, ``set_editable(bool)`` and ``first_focus()``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta


from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QTableView, QVBoxLayout,
    QWidget,
)

from app import movein as mi
from ui.shared.common import Dialogs
from ui.movein.defect_actions import DefectActions
from ui.shared.rows_table_model import Column, RowsTableModel



def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def reading_text(value: float) -> str:
    """A meter reading as typed: up to 3 decimals, no trailing zeros (12.5, 230, 1234567.125)."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def make_view(model: RowsTableModel, *, multi: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setMinimumSectionSize(56)
    view.setAlternatingRowColors(True)
    return view


def selected_rows(view: QTableView) -> list:
    model: RowsTableModel = view.model()
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().row()]
    return [model.row_at(r) for r in rows if model.row_at(r) is not None]


def keep_current(view: QTableView, model: RowsTableModel, rows: list) -> None:
    """Reload rows and keep the cursor on the same line (keyboard work goes on where it was)."""
    current = view.currentIndex()
    row, col = (current.row(), current.column()) if current.isValid() else (0, 0)
    model.set_rows(rows)
    if rows:
        row = min(row, len(rows) - 1)
        view.setCurrentIndex(model.index(row, max(col, 0)))


class _Step(QWidget):
    def __init__(self, w: QWidget):
        super().__init__()
        self.w = w

    def load(self, data: mi.HandoverData | None) -> None:  # pragma: no cover - overridden
        pass

    def set_editable(self, editable: bool) -> None:
        for widget in self.findChildren(QPushButton):
            widget.setEnabled(editable)

    def first_focus(self) -> QWidget:
        return self


# ---------------------------------------------------------------- 1 receiving party

class PartyStep(_Step):
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
        self._kind_changed(self.party_kind.currentText())
        now = w.env.ctx.now()
        self.handover_at.setDateTime(QDateTime(_qdate(now.date()), QTime(now.hour, now.minute)))

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
        self.handover_at.setDateTime(QDateTime(_qdate(h.date()), QTime(h.hour, h.minute)))
        self.note.setText(data.note or "")

    def set_editable(self, editable: bool) -> None:
        for widget in (self.party_kind, self.mode, self.resale, self.handover_at):
            widget.setEnabled(editable)
        for widget in (self.receiver, self.receiver_phone, self.owner_phone, self.note):
            widget.setReadOnly(not editable)
        self.owner.setReadOnly(not editable or self.party_kind.currentText() == mi.PartyKind.OWNER.value)

    def first_focus(self) -> QWidget:
        return self.unit if not self.unit.isReadOnly() else self.receiver


# ---------------------------------------------------------------- 2-5 checklists

class ChecklistStep(_Step):
    """One checklist group. Space ticks the line under the cursor (已完成 with who and when)."""

    def __init__(self, w: QWidget, group: str, intro: str):
        super().__init__(w)
        self.group = group
        self.editable = True
        self.model = RowsTableModel([
            Column("项目", lambda r: r.item),
            Column("必需", lambda r: "必需" if r.required else ""),
            Column("状态", lambda r: r.status),
            Column("经办人", lambda r: r.done_by),
            Column("时间", lambda r: r.done_at),
            Column("说明", lambda r: r.note),
        ], self, checked=lambda r: r.status == mi.ItemStatus.DONE.value, checkable=lambda r: self.editable,
            style=lambda r: "grey" if r.status == mi.ItemStatus.NOT_APPLICABLE.value else None)
        self.model.check_toggled.connect(self._toggled)
        self.view = make_view(self.model)
        self.view.doubleClicked.connect(lambda i: self._toggle_row(i.row()))
        self.all_button = QPushButton("全部完成(&A)")
        self.all_button.clicked.connect(self.tick_all)
        self.na_button = QPushButton("不适用(&X)…")
        self.na_button.clicked.connect(self.not_applicable)
        self.undo_button = QPushButton("撤销(&Z)")
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        for b in (self.all_button, self.na_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        label = QLabel(intro + "　空格键勾选当前行，↑↓ 移动。")
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def load(self, data: mi.HandoverData | None) -> None:
        keep_current(self.view, self.model, list(data.items_of(self.group)) if data else [])

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        super().set_editable(editable)

    def _set(self, row: mi.ChecklistItemRow, status: str, note: str | None = None) -> None:
        data = self.w.data
        if data is None:
            return
        self.w.call(mi.set_item, data.uuid, row.id, status, note=note, expected_version=data.version)

    def _toggled(self, row: mi.ChecklistItemRow, checked: bool) -> None:
        self._set(row, mi.ItemStatus.DONE.value if checked else mi.ItemStatus.OPEN.value)

    def _toggle_row(self, i: int) -> None:
        row = self.model.row_at(i)
        if row is not None and self.editable:
            self._toggled(row, row.status != mi.ItemStatus.DONE.value)

    def tick_all(self) -> None:
        for row in self.model.rows:
            if row.status == mi.ItemStatus.OPEN.value:
                if self.w.call(mi.set_item, self.w.data.uuid, row.id, mi.ItemStatus.DONE.value,
                               expected_version=self.w.data.version) is None:
                    return

    def not_applicable(self) -> None:
        rows = selected_rows(self.view)
        if not rows:
            return
        row = rows[0]
        label = "原因（必需项必填）" if row.required else "原因（可不填）"
        note = Dialogs.ask_text(self, "标为不适用", f"“{row.item}”不适用于本户的{label}：", row.note or "")
        if note is None:
            return
        self._set(row, mi.ItemStatus.NOT_APPLICABLE.value, note)

    def undo(self) -> None:
        for row in selected_rows(self.view):
            self._set(row, mi.ItemStatus.OPEN.value)

    def first_focus(self) -> QWidget:
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            first_open = next((i for i, r in enumerate(self.model.rows) if r.status == mi.ItemStatus.OPEN.value), 0)
            self.view.setCurrentIndex(self.model.index(first_open, 0))
        return self.view


# ---------------------------------------------------------------- 6 fees and entrusted services

class FeesStep(_Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        opts = w.options
        self.fee_item = QComboBox()
        self.fee_item.setEditable(True)
        self.fee_item.addItems(opts["fee_items"])
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("元")
        self.receipt = QLineEdit()
        self.receipt.setPlaceholderText("收据号")
        self.add_fee_button = QPushButton("登记收费(&A)")
        self.add_fee_button.clicked.connect(self.add_fee)
        self.receipt.returnPressed.connect(self.add_fee)
        self.amount.returnPressed.connect(self.receipt.setFocus)
        row = QHBoxLayout()
        for label, widget in (("项目", self.fee_item), ("金额", self.amount), ("收据号", self.receipt)):
            row.addWidget(QLabel(label))
            row.addWidget(widget, 2 if widget is self.fee_item else 1)
        row.addWidget(self.add_fee_button)
        self.fee_model = RowsTableModel([
            Column("收费项目", lambda r: r.item), Column("金额（元）", lambda r: r.amount, align_right=True),
            Column("收据号", lambda r: r.receipt_no), Column("经办人", lambda r: r.created_by),
            Column("时间", lambda r: r.created_at)], self)
        self.fee_view = make_view(self.fee_model)
        self.total = QLabel()
        self.void_fee_button = QPushButton("作废所选收费(&V)…")
        self.void_fee_button.clicked.connect(lambda: self._void("fee", self.fee_view))
        fees = QGroupBox("入伙收费（收据号必填）")
        fl = QVBoxLayout(fees)
        fl.addLayout(row)
        fl.addWidget(self.fee_view)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total)
        bottom.addStretch(1)
        bottom.addWidget(self.void_fee_button)
        fl.addLayout(bottom)

        self.svc_item = QComboBox()
        self.svc_item.setEditable(True)
        self.svc_item.addItems(opts["service_items"])
        self.svc_detail = QLineEdit()
        self.svc_detail.setPlaceholderText("委托内容")
        self.svc_detail.returnPressed.connect(self.add_service)
        self.add_svc_button = QPushButton("登记代办(&S)")
        self.add_svc_button.clicked.connect(self.add_service)
        srow = QHBoxLayout()
        srow.addWidget(self.svc_item, 1)
        srow.addWidget(self.svc_detail, 2)
        srow.addWidget(self.add_svc_button)
        self.svc_model = RowsTableModel([
            Column("代办事项", lambda r: r.item), Column("委托内容", lambda r: r.detail),
            Column("经办人", lambda r: r.created_by), Column("时间", lambda r: r.created_at)], self)
        self.svc_view = make_view(self.svc_model)
        self.void_svc_button = QPushButton("作废所选代办…")
        self.void_svc_button.clicked.connect(lambda: self._void("service", self.svc_view))
        svcs = QGroupBox("委托代办")
        sl = QVBoxLayout(svcs)
        sl.addLayout(srow)
        sl.addWidget(self.svc_view)
        sl.addWidget(self.void_svc_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(fees, 3)
        layout.addWidget(svcs, 2)

    def load(self, data: mi.HandoverData | None) -> None:
        self.fee_model.set_rows(list(data.fees) if data else [])
        self.svc_model.set_rows(list(data.services) if data else [])
        self.total.setText(f"合计：{data.fee_total:.2f} 元（{len(data.fees)} 笔）" if data else "")

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for widget in (self.fee_item, self.svc_item):
            widget.setEnabled(editable)
        for widget in (self.amount, self.receipt, self.svc_detail):
            widget.setReadOnly(not editable)

    def add_fee(self) -> None:
        d = self.w.data
        if d is None or not self.add_fee_button.isEnabled():
            return
        if self.w.call(mi.add_fee, d.uuid, item=self.fee_item.currentText(), amount=self.amount.text(),
                       receipt_no=self.receipt.text(), expected_version=d.version) is not None:
            self.amount.clear()
            self.receipt.clear()
            self.fee_item.setFocus()

    def add_service(self) -> None:
        d = self.w.data
        if d is None or not self.add_svc_button.isEnabled():
            return
        if self.w.call(mi.add_service, d.uuid, item=self.svc_item.currentText(), detail=self.svc_detail.text(),
                       expected_version=d.version) is not None:
            self.svc_detail.clear()

    def _void(self, kind: str, view: QTableView) -> None:
        self.w.void_entry(kind, selected_rows(view))

    def first_focus(self) -> QWidget:
        return self.fee_item


# ---------------------------------------------------------------- 7 meters

class MetersStep(_Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        self.kind = QComboBox()
        self.kind.addItems([k.value for k in mi.MeterKind])
        self.meter_no = QLineEdit()
        self.meter_no.setPlaceholderText("表号")
        self.reading = QLineEdit()
        self.reading.setPlaceholderText("读数")
        self.read_on = QDateEdit()
        self.read_on.setDisplayFormat("yyyy-MM-dd")
        self.read_on.setCalendarPopup(True)
        self.read_on.setDate(_qdate(w.env.ctx.now().date()))
        self.add_button = QPushButton("录入(&A)")
        self.add_button.clicked.connect(self.add)
        self.meter_no.returnPressed.connect(self.reading.setFocus)
        self.reading.returnPressed.connect(self.add)
        self.previous = QLabel()
        self.previous.setStyleSheet("color:#555")
        self.kind.currentTextChanged.connect(lambda _: self._show_previous())
        self.meter_no.editingFinished.connect(self._show_previous)
        row = QHBoxLayout()
        for label, widget in (("表(&K)", self.kind), ("表号(&O)", self.meter_no), ("读数(&R)", self.reading),
                              ("抄表日期", self.read_on)):
            lab = QLabel(label)
            lab.setBuddy(widget)
            row.addWidget(lab)
            row.addWidget(widget)
        row.addWidget(self.add_button)
        self.model = RowsTableModel([
            Column("表", lambda r: f"{r.kind}表"), Column("表号", lambda r: r.meter_no),
            Column("读数", lambda r: reading_text(r.reading), align_right=True), Column("抄表日期", lambda r: r.read_on),
            Column("录入人", lambda r: r.created_by), Column("录入时间", lambda r: r.created_at)], self)
        self.view = make_view(self.model)
        self.void_button = QPushButton("作废所选读数(&V)…")
        self.void_button.clicked.connect(lambda: self.w.void_entry("meter", selected_rows(self.view)))
        self.required = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("读数只增不减：低于该表上次读数的会被拒绝。水、电表必抄，燃气表按实际。"))
        layout.addLayout(row)
        layout.addWidget(self.previous)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.required)
        bottom.addStretch(1)
        bottom.addWidget(self.void_button)
        layout.addLayout(bottom)

    def _show_previous(self) -> None:
        d = self.w.data
        if d is None:
            self.previous.clear()
            return
        try:
            prev = mi.previous_reading(self.w.env.ctx, d.unit_no, self.kind.currentText(),
                                       self.meter_no.text().strip() or None)
        except Exception:  # noqa: BLE001 - only a hint
            prev = None
        self.previous.setText("" if prev is None else
                              f"该户{prev.kind}表上次读数：{reading_text(prev.reading)}（表号 {prev.meter_no}，"
                              f"{prev.read_on:%Y-%m-%d}）")

    def load(self, data: mi.HandoverData | None) -> None:
        self.model.set_rows(list(data.meters) if data else [])
        if data:
            have = {m.kind for m in data.meters}
            need = [k for k in self.w.options["required_meters"] if k not in have]
            self.required.setText("尚未抄录：" + "、".join(f"{k}表" for k in need) if need else "必抄的表已录入")
        self._show_previous()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.kind.setEnabled(editable)
        self.read_on.setEnabled(editable)
        self.meter_no.setReadOnly(not editable)
        self.reading.setReadOnly(not editable)

    def add(self) -> None:
        d = self.w.data
        if d is None or not self.add_button.isEnabled():
            return
        kind = self.kind.currentText()
        if self.w.call(mi.add_meter_reading, d.uuid, kind=kind, meter_no=self.meter_no.text(),
                       reading=self.reading.text(), read_on=_pydate(self.read_on.date()),
                       expected_version=d.version) is None:
            self.reading.setFocus()
            self.reading.selectAll()
            return
        self.meter_no.clear()
        self.reading.clear()
        have = {m.kind for m in self.w.data.meters}
        nxt = next((k for k in [m.value for m in mi.MeterKind] if k not in have), kind)
        self.kind.setCurrentText(nxt)
        self.meter_no.setFocus()

    def first_focus(self) -> QWidget:
        return self.meter_no


# ---------------------------------------------------------------- 8 keys

class KeysStep(_Step):
    def __init__(self, w: QWidget):
        super().__init__(w)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(w.options["key_kinds"])
        self.count = QSpinBox()
        self.count.setRange(1, 99)
        self.count.setValue(1)
        self.signed = QCheckBox("已签收(&G)")
        self.signed.setChecked(True)
        self.add_button = QPushButton("登记(&A)")
        self.add_button.clicked.connect(self.add)
        self.count.lineEdit().returnPressed.connect(self.add)
        self.kind.lineEdit().returnPressed.connect(self.count.setFocus)
        row = QHBoxLayout()
        for label, widget in (("钥匙(&K)", self.kind), ("数量(&C)", self.count)):
            lab = QLabel(label)
            lab.setBuddy(widget)
            row.addWidget(lab)
            row.addWidget(widget)
        row.addWidget(self.signed)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.model = RowsTableModel([
            Column("钥匙种类", lambda r: r.kind), Column("数量", lambda r: r.count, align_right=True),
            Column("签收", lambda r: "已签收" if r.signed else "未签收"), Column("签收时间", lambda r: r.signed_at),
            Column("经办人", lambda r: r.created_by)], self,
            style=lambda r: None if r.signed else "red")
        self.view = make_view(self.model)
        self.sign_button = QPushButton("全部签收(&S)")
        self.sign_button.clicked.connect(self.sign_all)
        self.void_button = QPushButton("作废所选(&V)…")
        self.void_button.clicked.connect(lambda: self.w.void_entry("key", selected_rows(self.view)))
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("钥匙交付后由接收人在《领取钥匙签收记录》上签字，签字后勾选“已签收”。"))
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addStretch(1)
        bottom.addWidget(self.sign_button)
        bottom.addWidget(self.void_button)
        layout.addLayout(bottom)

    def load(self, data: mi.HandoverData | None) -> None:
        self.model.set_rows(list(data.keys) if data else [])
        self.summary.setText(f"共交付：{data.keys_text}" if data and data.keys else "")

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for widget in (self.kind, self.count, self.signed):
            widget.setEnabled(editable)

    def add(self) -> None:
        d = self.w.data
        if d is None or not self.add_button.isEnabled():
            return
        if self.w.call(mi.add_key, d.uuid, kind=self.kind.currentText(), count=self.count.value(),
                       signed=self.signed.isChecked(), expected_version=d.version) is not None:
            self.count.setValue(1)
            self.kind.setFocus()
            self.kind.lineEdit().selectAll()

    def sign_all(self) -> None:
        d = self.w.data
        if d is not None:
            self.w.call(mi.sign_keys, d.uuid, expected_version=d.version)

    def first_focus(self) -> QWidget:
        return self.kind


# ---------------------------------------------------------------- 9 inspection

class InspectionStep(_Step):
    COLOUR = {mi.InspectionResult.PASSED.value: "green", mi.InspectionResult.FAILED.value: "red",
              mi.InspectionResult.NOT_APPLICABLE.value: "grey"}

    def __init__(self, w: QWidget):
        super().__init__(w)
        self.model = RowsTableModel([
            Column("房间", lambda r: r.room), Column("检查项", lambda r: r.item), Column("结果", lambda r: r.result),
            Column("未销项缺陷", lambda r: r.open_defects or ""), Column("检查人", lambda r: r.checked_by),
            Column("时间", lambda r: r.checked_at)], self, style=lambda r: self.COLOUR.get(r.result))
        self.view = make_view(self.model, multi=True)
        self.pass_button = QPushButton("合格(&G)")
        self.pass_button.clicked.connect(lambda: self._set(mi.InspectionResult.PASSED.value))
        self.room_button = QPushButton("整间合格(&H)")
        self.room_button.clicked.connect(self.pass_room)
        self.na_button = QPushButton("不适用(&X)")
        self.na_button.clicked.connect(lambda: self._set(mi.InspectionResult.NOT_APPLICABLE.value))
        self.reset_button = QPushButton("改回未查(&Z)")
        self.reset_button.clicked.connect(lambda: self._set(mi.InspectionResult.UNCHECKED.value))
        self.defect_button = QPushButton("登记缺陷(&D)…")
        self.defect_button.clicked.connect(self.add_defect)
        self.room_add_button = QPushButton("增加房间(&M)…")
        self.room_add_button.clicked.connect(self.add_room)
        buttons = QHBoxLayout()
        for b in (self.pass_button, self.room_button, self.na_button, self.reset_button, self.defect_button,
                  self.room_add_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("与业主逐间查验：选中一行或多行（Shift/Ctrl、Ctrl+A）后按“合格”；有问题的项“登记缺陷”。"))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)

    def load(self, data: mi.HandoverData | None) -> None:
        rows = list(data.inspection) if data else []
        selected = {r.id for r in selected_rows(self.view)} if self.model.rowCount() else set()
        keep_current(self.view, self.model, rows)
        sel = self.view.selectionModel()
        for i, r in enumerate(rows):
            if r.id in selected:
                sel.select(self.model.index(i, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.result] = counts.get(r.result, 0) + 1
        self.summary.setText(f"共 {len(rows)} 项：" + "，".join(f"{k} {counts[k]}" for k in
                                                                 [x.value for x in mi.InspectionResult] if k in counts))

    def _set(self, result: str, rows: list | None = None) -> None:
        d = self.w.data
        rows = rows if rows is not None else selected_rows(self.view)
        if d is None or not rows:
            return
        self.w.call(mi.set_inspection, d.uuid, [r.id for r in rows], result, expected_version=d.version)

    def pass_room(self) -> None:
        rows = selected_rows(self.view)
        if not rows:
            return
        room = rows[0].room
        self._set(mi.InspectionResult.PASSED.value,
                  [r for r in self.model.rows if r.room == room and r.result == mi.InspectionResult.UNCHECKED.value])

    def add_defect(self) -> None:
        d = self.w.data
        if d is None:
            return
        rows = selected_rows(self.view)
        row = rows[0] if rows else None
        values = self.w.ask_defect(room=row.room if row else None, item=row.item if row else None)
        if values is None:
            return
        inspection_id = row.id if row and row.room == values["room"] and row.item == values["item"] else None
        self.w.call(mi.add_defect, d.uuid, inspection_id=inspection_id, expected_version=d.version, **values)

    def add_room(self) -> None:
        d = self.w.data
        if d is None:
            return
        name = Dialogs.ask_text(self, "增加房间", "房间名称（如 卧室2、书房；检查项取自同类房间的模板）：")
        if name:
            self.w.call(mi.add_inspection_room, d.uuid, name, expected_version=d.version)

    def first_focus(self) -> QWidget:
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        return self.view


# ---------------------------------------------------------------- 10 result

class ResultStep(_Step):
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
            style=lambda r: "red" if r.overdue else ("grey" if r.status in ("已销项", "已取消") else None))
        self.view = make_view(self.model)
        self.actions = DefectActions(w.env, self.current_defect, self)
        self.actions.changed.connect(lambda _row: self.w.reload())
        self.view.selectionModel().currentChanged.connect(lambda *_: self.actions.update_buttons())
        self.complete_button = QPushButton("完成交付(&F)")
        self.complete_button.clicked.connect(self.complete)
        self.deadline = QDateEdit()
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDate(_qdate(w.env.ctx.now().date() + timedelta(days=w.options["defect_days"])))
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
            self.deadline.setDate(_qdate(data.rectify_deadline))
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
        self.w.call(mi.require_rectification, d.uuid, deadline=_pydate(self.deadline.date()),
                    expected_version=d.version)

    def first_focus(self) -> QWidget:
        return self.complete_button if self.complete_button.isEnabled() else self.view
