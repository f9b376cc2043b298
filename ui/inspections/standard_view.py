"""督导标准: the site's inspection standard as a tree — 一级指标 with their points, under each
its 二级指标 with 检查方法 and 扣分标准 — and, beside it, the chosen entry's fields. 经理 and
above add, change, move and retire (停用: voided with a reason, past inspections keep their
copy) entries; everyone else reads it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QStackedWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app import inspections as insp
from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv, error_text
from ui.shared.form_dialog import TextArea

P = insp.points_text
KEY = Qt.ItemDataRole.UserRole


def _button(text: str, slot) -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(False)
    b.clicked.connect(slot)
    return b


class StandardView(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.editable = env.actor is None or env.actor.at_least(Role.MANAGER)
        self.indicators: list[insp.IndicatorRow] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("standard")
        self.tree.setHeaderLabels(["指标", "分值 / 扣分标准", "检查方法"])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 200)
        self.tree.currentItemChanged.connect(lambda *_: self.show_current())
        self.total = QLabel()
        self.total.setObjectName("total")

        # the chosen 一级指标
        self.ind_name = QLineEdit()
        self.ind_points = QLineEdit()
        self.ind_points.setPlaceholderText("如 10 或 14")
        ind_form = QFormLayout()
        ind_form.addRow("一级指标", self.ind_name)
        ind_form.addRow("分值", self.ind_points)
        ind_box = QWidget()
        ind_box.setLayout(ind_form)
        # the chosen 二级指标
        self.item_indicator = QLabel()
        self.item_name = QLineEdit()
        self.criteria = TextArea(6)
        self.criteria.setPlaceholderText("每行一条检查标准")
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(list(insp.METHODS))
        self.basis = QComboBox()
        self.basis.addItems([b.value for b in insp.DeductionBasis])
        self.deduct = QLineEdit()
        self.deduct.setPlaceholderText("如 0.5")
        item_form = QFormLayout()
        item_form.addRow("所属一级指标", self.item_indicator)
        item_form.addRow("二级指标", self.item_name)
        item_form.addRow("检查标准", self.criteria)
        item_form.addRow("检查方法", self.method)
        item_form.addRow("扣分标准", self.basis)
        item_form.addRow("每次扣分", self.deduct)
        item_box = QWidget()
        item_box.setLayout(item_form)
        self.forms = QStackedWidget()
        self.forms.addWidget(ind_box)
        self.forms.addWidget(item_box)
        self.fields = {"ind": {"name": self.ind_name, "points": self.ind_points},
                       "item": {"name": self.item_name, "criteria": self.criteria, "method": self.method,
                                "basis": self.basis, "deduct": self.deduct}}
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        right = QVBoxLayout()
        right.addWidget(self.forms)
        right.addWidget(self.message)
        self.buttons: dict[str, QPushButton] = {}
        if self.editable:
            edit_bar = QHBoxLayout()
            for key, text, slot in (("save", "保存修改", self.save), ("up", "上移", lambda: self.move(-1)),
                                    ("down", "下移", lambda: self.move(1)), ("retire", "停用…", self.retire)):
                self.buttons[key] = _button(text, slot)
                edit_bar.addWidget(self.buttons[key])
            edit_bar.addStretch(1)
            right.addLayout(edit_bar)
        right.addStretch(1)
        side = QWidget()
        side.setLayout(right)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(side)
        split.setSizes([700, 600])

        top = QHBoxLayout()
        if self.editable:
            for key, text, slot in (("new_ind", "新增一级指标", self.new_indicator),
                                    ("new_item", "新增二级指标", self.new_item)):
                self.buttons[key] = _button(text, slot)
                top.addWidget(self.buttons[key])
        else:
            top.addWidget(QLabel("督导标准由经理维护，这里只能查看。"))
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.total)
        self.new_under: str | None = None  # adding a 二级指标 under this 一级指标
        self.adding_indicator = False
        for w in (self.ind_name, self.ind_points, self.item_name, self.deduct):
            w.setReadOnly(not self.editable)
            w.returnPressed.connect(self.save)
        self.criteria.setReadOnly(not self.editable)
        self.method.setEnabled(self.editable)
        self.basis.setEnabled(self.editable)

    # -- the tree ----------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        chosen = select or self.current_key()
        self.indicators = insp.standard(self.env.ctx)
        self.tree.clear()
        pick = None
        for ind in self.indicators:
            top = QTreeWidgetItem([ind.name, f"{P(ind.points_cp)} 分", ""])
            top.setData(0, KEY, ind.uuid)
            self.tree.addTopLevelItem(top)
            pick = top if ind.uuid == chosen else pick
            for it in ind.items:
                child = QTreeWidgetItem([it.name, it.deduction_text, it.method])
                child.setData(0, KEY, it.uuid)
                child.setToolTip(0, "\n".join(it.criteria))
                top.addChild(child)
                pick = child if it.uuid == chosen else pick
        self.tree.expandAll()
        self.total.setText(f"共 {len(self.indicators)} 项一级指标，满分 {P(sum(i.points_cp for i in self.indicators))} 分")
        self.tree.setCurrentItem(pick or self.tree.topLevelItem(0))

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KEY) if item is not None else None

    def chosen(self):
        """The chosen 一级指标 or 二级指标 row (None when nothing is chosen)."""
        key = self.current_key()
        for ind in self.indicators:
            if ind.uuid == key:
                return ind
            for it in ind.items:
                if it.uuid == key:
                    return it
        return None

    def show_current(self) -> None:
        self.new_under, self.adding_indicator = None, False
        self._clear_message()
        row = self.chosen()
        if isinstance(row, insp.IndicatorRow):
            self.forms.setCurrentIndex(0)
            self.ind_name.setText(row.name)
            self.ind_points.setText(P(row.points_cp))
        elif row is not None:
            self.forms.setCurrentIndex(1)
            self.item_indicator.setText(row.indicator)
            self.item_name.setText(row.name)
            self.criteria.setText("\n".join(row.criteria))
            self.method.setCurrentText(row.method)
            self.basis.setCurrentText(row.basis)
            self.deduct.setText(P(row.deduct_cp))

    # -- editing -----------------------------------------------------------------------
    def new_indicator(self) -> None:
        self.tree.clearSelection()
        self.adding_indicator, self.new_under = True, None
        self.forms.setCurrentIndex(0)
        self.ind_name.clear()
        self.ind_points.clear()
        self._clear_message()
        self.ind_name.setFocus()

    def new_item(self) -> None:
        row = self.chosen()
        if row is None:
            Dialogs.info(self, "请先选中要添加二级指标的一级指标。")
            return
        ind_uuid = row.uuid if isinstance(row, insp.IndicatorRow) else row.indicator_uuid
        ind = next(i for i in self.indicators if i.uuid == ind_uuid)
        self.new_under, self.adding_indicator = ind.uuid, False
        self.forms.setCurrentIndex(1)
        self.item_indicator.setText(ind.name)
        for w in (self.item_name, self.criteria, self.deduct):
            w.clear()
        self.method.setCurrentIndex(0)
        self.basis.setCurrentIndex(0)
        self._clear_message()
        self.item_name.setFocus()

    def save(self) -> None:
        if not self.editable:
            return
        ctx = self.env.ctx
        row = None if (self.adding_indicator or self.new_under) else self.chosen()
        try:
            if self.forms.currentIndex() == 0:
                saved = insp.save_indicator(ctx, name=self.ind_name.text(), points=self.ind_points.text(),
                                            uuid=row.uuid if row else None,
                                            expected_version=row.version if row else None)
            else:
                saved = insp.save_item(ctx, indicator_uuid=self.new_under or row.indicator_uuid,
                                       name=self.item_name.text(), criteria=self.criteria.text(),
                                       method=self.method.currentText(), basis=self.basis.currentText(),
                                       deduct=self.deduct.text(), uuid=row.uuid if row else None,
                                       expected_version=row.version if row else None)
        except Exception as exc:  # noqa: BLE001 - shown beside the fields, nothing changed
            self._show_error(exc)
            return
        self.refresh(saved.uuid)
        self.message.setStyleSheet("color:#2e7d32;")
        self.message.setText(f"已保存“{saved.name}”。")

    def move(self, step: int) -> None:
        key = self.current_key()
        if key is None:
            return
        try:
            insp.move(self.env.ctx, key, step)
        except Exception as exc:  # noqa: BLE001 - shown as a message
            Dialogs.error(self, exc)
        self.refresh(key)

    def retire(self) -> None:
        row = self.chosen()
        if row is None:
            return
        what = f"一级指标“{row.name}”及其全部二级指标" if isinstance(row, insp.IndicatorRow) else f"二级指标“{row.name}”"
        reason = Dialogs.ask_text(self, "停用督导标准", f"停用{what}（以前的检查记录不受影响）。停用原因：")
        if reason is None:
            return
        try:
            insp.remove(self.env.ctx, row.uuid, reason, expected_version=row.version)
        except Exception as exc:  # noqa: BLE001 - shown as a message
            Dialogs.error(self, exc)
            return
        self.refresh()

    # -- messages ----------------------------------------------------------------------
    def _clear_message(self) -> None:
        self.message.clear()
        for group in self.fields.values():
            for w in group.values():
                w.setStyleSheet("")

    def _show_error(self, exc: Exception) -> None:
        self._clear_message()
        self.message.setStyleSheet("color:#c62828;")
        self.message.setText(error_text(exc))
        key = getattr(exc, "key", None)
        widget = self.fields["ind" if self.forms.currentIndex() == 0 else "item"].get(key)
        if widget is not None:
            widget.setStyleSheet("border: 1px solid #c62828;")
            widget.setFocus()
