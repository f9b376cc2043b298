"""业主与房屋: the people (住户) and the places (房屋 / 楼栋) reception looks up."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.shared.common import UiEnv
from ui.residents.resident_list import ResidentList
from ui.residents.unit_list import UnitList


class ResidentsPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.tabs = QTabWidget(self)
        self.residents = ResidentList(env, self)
        self.units = UnitList(env, self)
        self.tabs.addTab(self.residents, "住户")
        self.tabs.addTab(self.units, "房屋")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()
