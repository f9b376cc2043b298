"""报表与导出 and 系统设置: pages made of tabs that the modules contribute."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.shared.common import UiEnv
from ui.shared.permissions import granted
from ui.registry import contributed


class _TabbedPage(QWidget):
    KIND = ""
    EMPTY = ""

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        from app.domain.enums import Role

        grants = granted(env)  # one read of 权限设置 for the whole page
        for module in contributed(self.KIND):
            min_role = getattr(module, "MIN_ROLE", Role.RECEPTIONIST)
            if env.actor is not None and not env.actor.at_least(min_role):
                continue
            action = getattr(module, "ACTION", None)
            if action is not None and action not in grants:
                continue
            tab_cls = getattr(module, "Tab", None)
            if tab_cls is None:
                continue
            self.tabs.addTab(tab_cls(env, self), getattr(module, "TITLE", module.__name__))
        if self.tabs.count() == 0:
            self.tabs.addTab(QLabel(self.EMPTY), "说明")
        # a tab shows its figures when it is opened, not only after its own button is pressed
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    def refresh(self) -> None:
        w = self.tabs.currentWidget()
        if hasattr(w, "refresh"):
            w.refresh()


class ReportsPage(_TabbedPage):
    KIND = "REPORT_TABS"
    EMPTY = "暂无报表。"


class SettingsPage(_TabbedPage):
    KIND = "SETTINGS_TABS"
    EMPTY = "暂无设置项。"
