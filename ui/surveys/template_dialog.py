"""问卷模板: the site edits its questionnaire — each item's wording and how it is answered
(A/B/C, a score 1–5, or free text), adds items, moves them up and down, and retires (停用) an
item it no longer asks: nothing is deleted, surveys already planned keep their own copy. The
same item editor changes a planned survey's own questionnaire before it is approved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app import surveys
from ui.shared.action_dialog import ActionDialog
from ui.shared.common import UiEnv
from ui.shared.form_dialog import TextArea

SCALE_LABELS = {surveys.Scale.ABC: "A 满意 / B 较满意 / C 不满意", surveys.Scale.FIVE: "评分 1–5",
                surveys.Scale.TEXT: "文字（意见和建议）"}
RETIRED, IN_USE = "已停用", "在用"
NEW_TEMPLATE = "（新建模板）"


class ItemsEditor(QWidget):
    """The items of a questionnaire in order: wording, scale, and whether it is still asked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("items")
        self.table.setHorizontalHeaderLabels(["调查项目", "评价方式", "状态"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda *_: self._show_retire_text())
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (("add", "添加项目", self.add_item), ("up", "上移", lambda: self.move(-1)),
                                ("down", "下移", lambda: self.move(1)), ("retire", "停用", self.toggle_retired)):
            b = QPushButton(text)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    # -- rows ------------------------------------------------------------------------
    def set_items(self, entries) -> None:
        """``(text, scale)`` or ``(text, scale, retired)`` in order."""
        self.table.setRowCount(0)
        for entry in entries:
            text, scale, retired = (tuple(entry) + (False,))[:3]
            self._append(text, scale, retired)
        if self.table.rowCount():
            self.table.setCurrentCell(0, 0)

    def _append(self, text: str, scale: str, retired: bool) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(text))
        scale_box = QComboBox()
        for value, label in SCALE_LABELS.items():
            scale_box.addItem(label, value.value)
        scale_box.setCurrentIndex(max(0, scale_box.findData(str(scale))))
        self.table.setCellWidget(row, 1, scale_box)
        state = QTableWidgetItem(RETIRED if retired else IN_USE)
        state.setFlags(state.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 2, state)
        self._paint(row)
        return row

    def _paint(self, row: int) -> None:
        retired = self.retired(row)
        brush = QBrush(QColor("#9e9e9e")) if retired else QBrush()
        for col in (0, 2):
            self.table.item(row, col).setForeground(brush)
        self.table.cellWidget(row, 1).setEnabled(not retired)

    def retired(self, row: int) -> bool:
        return self.table.item(row, 2).text() == RETIRED

    def entries(self) -> list[tuple[str, str, bool]]:
        return [(self.table.item(r, 0).text(), self.table.cellWidget(r, 1).currentData(), self.retired(r))
                for r in range(self.table.rowCount())]

    # -- actions -----------------------------------------------------------------------
    def add_item(self) -> None:
        row = self._append("", surveys.Scale.ABC.value, False)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        entries = self.entries()
        entries[row], entries[other] = entries[other], entries[row]
        self.set_items(entries)
        self.table.setCurrentCell(other, 0)

    def toggle_retired(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.item(row, 2).setText(IN_USE if self.retired(row) else RETIRED)
        self._paint(row)
        self._show_retire_text()

    def _show_retire_text(self) -> None:
        row = self.table.currentRow()
        self.buttons["retire"].setText("恢复使用" if row >= 0 and self.retired(row) else "停用")


class TemplateDialog(ActionDialog):
    """问卷模板: choose one of the site's templates (or start a new one) and edit it."""

    RESULT = "template"

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, "问卷模板", parent)
        self.resize(900, 640)
        self.templates = surveys.list_templates(env.ctx)
        self.chooser = QComboBox()
        self.chooser.addItems([t.name for t in self.templates] + [NEW_TEMPLATE])
        self.chooser.currentIndexChanged.connect(lambda _i: self.load())
        self.name = QLineEdit()
        self.intro = TextArea(3)
        self.editor = ItemsEditor(self)
        form = QFormLayout()
        form.addRow("模板", self.chooser)
        form.addRow("模板名称", self.name)
        form.addRow("问卷说明", self.intro)
        self.finish(form, (self.editor, 1), ok_text="保存模板")
        self.load()

    def current(self) -> surveys.TemplateRow | None:
        i = self.chooser.currentIndex()
        return self.templates[i] if 0 <= i < len(self.templates) else None

    def load(self) -> None:
        t = self.current()
        self.message.clear()
        self.name.setText(t.name if t else "")
        self.intro.setText(t.intro if t else "")
        self.editor.set_items(t.entries if t else [])

    def submit(self):
        t = self.current()
        return surveys.save_template(self.env.ctx, name=self.name.text(), intro=self.intro.text(),
                                     items=self.editor.entries(), uuid=t.uuid if t else None,
                                     expected_version=t.version if t else None)


class SurveyItemsDialog(ActionDialog):
    """修改问卷: a planned survey's own questionnaire, before the plan is approved (an item
    停用 here is left out of this survey's questionnaire)."""

    RESULT = "survey"

    def __init__(self, env: UiEnv, survey: surveys.SurveyRow, parent: QWidget | None = None):
        super().__init__(env, f"修改问卷 — {survey.survey_no} {survey.title}", parent)
        self.resize(900, 600)
        self.row = survey
        self.intro = TextArea(3)
        self.intro.setText(survey.intro or "")
        self.editor = ItemsEditor(self)
        self.editor.set_items(survey.items)
        form = QFormLayout()
        form.addRow("问卷说明", self.intro)
        self.finish(form, (self.editor, 1), ok_text="保存问卷")

    def submit(self):
        return surveys.set_items(self.env.ctx, self.row.uuid, self.editor.entries(), self.intro.text(),
                                 expected_version=self.row.version)
