"""新增走访计划: the half-year plan of routine visits for a building or a responsibility area."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from app.repairs import household_visits as hv
from app import residents
from app.core import users
from ui.shared.common import UiEnv
from ui.shared.form_dialog import FormDialog, TextArea, combo


class PlanDialog(FormDialog):
    def __init__(self, env: UiEnv, period, parent: QWidget | None = None):
        super().__init__("新增走访计划", parent)
        self.env = env
        self.year = self.add_row("年份", QSpinBox(), "year")
        self.year.setRange(2000, 2100)
        self.year.setValue(period.year)
        self.half = self.add_row("半年", combo(list(hv.HALF_LABELS.values()),
                                               current=hv.HALF_LABELS[period.half]), "half")
        self.kind = self.add_row("计划范围", combo([k.value for k in hv.ScopeKind]), "scope_kind")
        buildings = residents.list_buildings(env.ctx)
        areas = sorted({b.area for b in buildings if b.area})
        self._choices = {hv.ScopeKind.BUILDING.value: [b.name for b in buildings],
                         hv.ScopeKind.AREA.value: areas}
        self.scope = self.add_row("楼栋/区域", combo(self._choices[hv.ScopeKind.BUILDING.value], editable=True),
                                  "scope")
        self.kind.currentTextChanged.connect(self._kind_changed)
        names = users.staff_names(env.ctx)
        me = env.actor.name if env.actor else ""
        self.visitor = self.add_row("走访责任人", combo(names, editable=True, current=me), "visitor")
        self.note = self.add_row("备注", TextArea(2), "note")
        self.kind.setFocus()

    def _kind_changed(self, kind: str) -> None:
        self.scope.clear()
        self.scope.addItems(self._choices.get(kind, []))

    def save(self):
        half = 1 if self.half.currentText() == hv.HALF_LABELS[1] else 2
        return hv.add_plan(self.env.ctx, year=self.year.value(), half=half, scope_kind=self.kind.currentText(),
                           scope=self.scope.currentText(), visitor=self.visitor.currentText(),
                           note=self.note.text())
