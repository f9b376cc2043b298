"""装修申请: a new application or a correction (workers, fees, 拆改, agreements)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from app import renovation as reno
from ui.forms.signed_copies import SignedCopiesWidget
from ui.shared.common import UiEnv, error_text

DEFAULT_FEES = ["装修管理费", "垃圾清运费", "出入证工本费"]


def _qdate(d) -> QDate:
    return QDate(d.year, d.month, d.day)


class _Grid(QWidget):
    """A small editable table with 添加 / 删除 buttons."""

    def __init__(self, headers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(90)
        add = QPushButton("添加")
        remove = QPushButton("删除")
        add.setAutoDefault(False)
        remove.setAutoDefault(False)
        add.clicked.connect(lambda: self.add_row())
        remove.clicked.connect(self.remove_row)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(side)

    def add_row(self, values: tuple = (), data=None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c in range(self.table.columnCount()):
            value = values[c] if c < len(values) else ""
            item = QTableWidgetItem("" if value is None else str(value))
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, data)
            self.table.setItem(r, c, item)

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)

    def rows(self) -> list[tuple[list[str], object]]:
        out = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text() if self.table.item(r, c) else "").strip()
                     for c in range(self.table.columnCount())]
            if any(cells):
                first = self.table.item(r, 0)
                out.append((cells, first.data(Qt.ItemDataRole.UserRole) if first else None))
        return out


class ApplicationDialog(QDialog):
    def __init__(self, env: UiEnv, parent: QWidget | None = None, row: reno.RenovationRow | None = None):
        super().__init__(parent)
        self.env = env
        self.row = row
        self.saved_row: reno.RenovationRow | None = None
        self.setWindowTitle("修改装修申请" if row else "登记装修申请")
        today = env.ctx.now().date()

        self.unit_no = QLineEdit()
        self.unit_no.setPlaceholderText("如 3-2-1502 或 3栋2单元1502")
        self.unit_no.editingFinished.connect(self._fill_owner)
        self.owner = QLineEdit()
        self.owner_phone = QLineEdit()
        self.contractor = QLineEdit()
        self.manager = QLineEdit()
        self.manager_phone = QLineEdit()
        self.scope = QPlainTextEdit()
        self.scope.setPlaceholderText("如：厨卫翻新、铺地砖、墙面刷漆、更换门窗")
        self.scope.setMaximumHeight(70)
        self.start_date = QDateEdit(_qdate(today))
        self.end_date = QDateEdit(_qdate(today + timedelta(days=60)))
        for d in (self.start_date, self.end_date):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.structure = QCheckBox("结构（墙体、楼板）")
        self.facade = QCheckBox("外立面/门窗/护栏")
        self.waterproofing = QCheckBox("防水（卫生间、厨房、阳台）")
        self.gas = QCheckBox("燃气管道/表具")
        self.alteration_detail = QPlainTextEdit()
        self.alteration_detail.setPlaceholderText("涉及拆改时写明拆改内容（须另行审批）")
        self.alteration_detail.setMaximumHeight(55)
        for box in (self.structure, self.facade, self.waterproofing, self.gas):
            box.toggled.connect(self._alteration_changed)
        self.deposit = QLineEdit("2000")
        self.deposit_receipt = QLineEdit()
        self.fees = _Grid(["项目", "金额（元）", "收据号"])
        self.workers = _Grid(["姓名", "电话", "出入证号"])
        self.agreement = QCheckBox("已签《住宅装修管理协议》")
        self.liability = QCheckBox("已签《装修责任承担书》")
        self.note = QLineEdit()

        form = QFormLayout()
        form.addRow("房号 *", self.unit_no)
        form.addRow("业主 *", self.owner)
        form.addRow("业主电话", self.owner_phone)
        form.addRow("施工单位 *", self.contractor)
        form.addRow("施工负责人 *", self.manager)
        form.addRow("负责人电话 *", self.manager_phone)
        form.addRow("装修内容 *", self.scope)
        period = QHBoxLayout()
        period.addWidget(self.start_date)
        period.addWidget(QLabel("至"))
        period.addWidget(self.end_date)
        period.addStretch(1)
        form.addRow("施工期限 *", period)

        alter = QGroupBox("拆改（任一项须经拆改审批）")
        grid = QGridLayout(alter)
        grid.addWidget(self.structure, 0, 0)
        grid.addWidget(self.facade, 0, 1)
        grid.addWidget(self.waterproofing, 1, 0)
        grid.addWidget(self.gas, 1, 1)
        grid.addWidget(self.alteration_detail, 2, 0, 1, 2)

        money = QFormLayout()
        dep = QHBoxLayout()
        dep.addWidget(self.deposit)
        dep.addWidget(QLabel("收据号"))
        dep.addWidget(self.deposit_receipt)
        money.addRow("押金（元）", dep)
        money.addRow("其他费用", self.fees)
        money.addRow("施工人员", self.workers)
        signed = QHBoxLayout()
        signed.addWidget(self.agreement)
        signed.addWidget(self.liability)
        signed.addStretch(1)
        money.addRow("协议", signed)
        money.addRow("备注", self.note)

        self.message = QLabel()
        self.message.setStyleSheet("color:#c62828;")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(alter)
        cols = QHBoxLayout()
        cols.addLayout(left, 1)
        cols.addLayout(money, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(cols)
        layout.addWidget(SignedCopiesWidget(env, row.uuid if row else None, self))
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1000, 560)
        if row is not None:
            self._load(row)
        else:
            for item in DEFAULT_FEES[:1]:
                self.fees.add_row((item, "", ""))
        self._alteration_changed()

    def _load(self, row: reno.RenovationRow) -> None:
        self.unit_no.setText(row.unit_no)
        self.owner.setText(row.owner)
        self.owner_phone.setText(row.owner_phone or "")
        self.contractor.setText(row.contractor)
        self.manager.setText(row.manager)
        self.manager_phone.setText(row.manager_phone)
        self.scope.setPlainText(row.scope)
        self.start_date.setDate(_qdate(row.start_date))
        self.end_date.setDate(_qdate(row.planned_end_date))
        self.structure.setChecked(row.touches_structure)
        self.facade.setChecked(row.touches_facade)
        self.waterproofing.setChecked(row.touches_waterproofing)
        self.gas.setChecked(row.touches_gas)
        self.alteration_detail.setPlainText(row.alteration_detail or "")
        self.deposit.setText(f"{row.deposit:.2f}")
        self.deposit_receipt.setText(row.deposit_receipt or "")
        for f in row.fees:
            self.fees.add_row((f.item, f"{f.amount:.2f}", f.receipt or ""))
        for w in row.workers:
            self.workers.add_row((w.name, w.phone or "", w.pass_no or ""), data=w.uuid)
        self.agreement.setChecked(row.agreement_signed)
        self.liability.setChecked(row.liability_signed)
        self.note.setText(row.note or "")
        if row.status != reno.RenovationStatus.PENDING.value:
            for w in (self.unit_no, self.start_date, self.end_date, self.structure, self.facade,
                      self.waterproofing, self.gas):
                w.setEnabled(False)

    def _alteration_changed(self) -> None:
        on = any(b.isChecked() for b in (self.structure, self.facade, self.waterproofing, self.gas))
        self.alteration_detail.setEnabled(on)

    def _fill_owner(self) -> None:
        if self.owner.text().strip() or not self.unit_no.text().strip():
            return
        name, phone = reno.unit_owner(self.env.ctx, self.unit_no.text())
        if name:
            self.owner.setText(name)
            if phone and not self.owner_phone.text().strip():
                self.owner_phone.setText(phone)

    def data(self) -> reno.ApplicationData:
        fees = []
        for cells, _ in self.fees.rows():
            item, amount, receipt = (cells + ["", "", ""])[:3]
            if not amount and not receipt:
                continue  # an item named but not charged
            fees.append(reno.FeeData(item, amount or Decimal("0"), receipt or None))
        workers = [reno.WorkerData(c[0], c[1] or None, c[2] or None, uuid) for c, uuid in self.workers.rows()]
        return reno.ApplicationData(
            unit_no=self.unit_no.text(), owner=self.owner.text(), owner_phone=self.owner_phone.text(),
            contractor=self.contractor.text(), manager=self.manager.text(), manager_phone=self.manager_phone.text(),
            scope=self.scope.toPlainText(), start_date=self.start_date.date().toPython(),
            planned_end_date=self.end_date.date().toPython(), touches_structure=self.structure.isChecked(),
            touches_facade=self.facade.isChecked(), touches_waterproofing=self.waterproofing.isChecked(),
            touches_gas=self.gas.isChecked(), alteration_detail=self.alteration_detail.toPlainText(),
            deposit=self.deposit.text(), deposit_receipt=self.deposit_receipt.text(), fees=fees,
            agreement_signed=self.agreement.isChecked(), liability_signed=self.liability.isChecked(),
            workers=workers, note=self.note.text())

    def save(self) -> None:
        try:
            data = self.data()
            if self.row is None:
                self.saved_row = reno.apply(self.env.ctx, data)
            else:
                self.saved_row = reno.update_application(self.env.ctx, self.row.uuid, data,
                                                         expected_version=self.row.version)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog; nothing saved
            self.message.setText(error_text(exc))
            return
        self.accept()
