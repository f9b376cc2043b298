"""前台服务 settings: the item register (编号, 名称, 押金, 免费分钟, 超时每小时收费), the price list of
paid services, and the memo / application / confirmation limits. 客服主管 and above, when
权限设置 lets them change settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app import desk
from app.domain.enums import Role
from app.domain.errors import ValidationError
from ui.shared.common import Dialogs, UiEnv

TITLE = "前台服务"
ORDER = 80
MIN_ROLE = Role.SUPERVISOR
ACTION = "settings.change"  # what it saves are settings of the site

ITEM_HEADERS = ["编号", "名称", "押金（元）", "免费分钟", "超时每小时（元）"]
PRICE_HEADERS = ["服务项目", "单位", "单价（元）"]


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _cells(table: QTableWidget, row: int) -> list[str]:
    return [(table.item(row, c).text().strip() if table.item(row, c) else "") for c in range(table.columnCount())]


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(0)
    for values in rows:
        r = table.rowCount()
        table.insertRow(r)
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.items = _table(ITEM_HEADERS)
        self.prices = _table(PRICE_HEADERS)
        self.memo = QSpinBox()
        self.memo.setRange(5, 1440)
        self.application = QSpinBox()
        self.application.setRange(1, 10)
        self.tries = QSpinBox()
        self.tries.setRange(1, 10)
        layout = QVBoxLayout(self)
        for title, table in (("借用物品登记", self.items), ("有偿服务价目表", self.prices)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            row = QHBoxLayout()
            add, remove = QPushButton("添加一行"), QPushButton("删除所选行")
            add.clicked.connect(lambda _c=False, t=table: t.insertRow(t.rowCount()))
            remove.clicked.connect(lambda _c=False, t=table: t.removeRow(t.currentRow()) if t.currentRow() >= 0
                                   else None)
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch(1)
            inner.addLayout(row)
            layout.addWidget(box, 1)
        form = QFormLayout()
        form.addRow("内部工作联系函：征询后几分钟内发出", self.memo)
        form.addRow("服务申请单：几个工作日内交还", self.application)
        form.addRow("重要告知：联系几次未果记为无法联系", self.tries)
        layout.addLayout(form)
        save = QPushButton("保存")
        save.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(save)
        layout.addLayout(bar)
        self.load()

    def load(self) -> None:
        ctx = self.env.ctx
        _fill(self.items, [[i.number, i.name, desk.yuan(i.deposit_fen), str(i.free_minutes), desk.yuan(i.rate_fen)]
                           for i in desk.items(ctx)])
        _fill(self.prices, [[p.name, p.unit, desk.yuan(p.price_fen)] for p in desk.prices(ctx)])
        self.memo.setValue(desk.memo_minutes(ctx))
        self.application.setValue(desk.application_days(ctx))
        self.tries.setValue(desk.confirm_tries(ctx))

    def save(self) -> None:
        ctx = self.env.ctx
        try:
            items = []
            for r in range(self.items.rowCount()):
                number, name, deposit, minutes, rate = _cells(self.items, r)
                if not any((number, name, deposit, minutes, rate)):
                    continue
                if not minutes.isdigit():
                    raise ValidationError(f"第{r + 1}行 免费分钟", "应为整数")
                items.append(desk.ItemData(number, name, desk.to_fen(f"第{r + 1}行 押金", deposit), int(minutes),
                                           desk.to_fen(f"第{r + 1}行 超时每小时", rate)))
            prices = []
            for r in range(self.prices.rowCount()):
                name, unit, price = _cells(self.prices, r)
                if any((name, unit, price)):
                    prices.append(desk.PriceData(name, unit, desk.to_fen(f"第{r + 1}行 单价", price)))
            desk.put_items(ctx, items)
            desk.put_prices(ctx, prices)
            desk.put_deadlines(ctx, memo=self.memo.value(), application=self.application.value(),
                               tries=self.tries.value())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        Dialogs.info(self, "前台服务设置已保存")
        self.load()
