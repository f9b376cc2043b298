"""The head-office window (opened instead of the desk's main window on a head-office home):
导入与台账, 接收情况 (site × day grid), 月度报表 (figures, charts, drill-down)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTabWidget

from ui.hq.grid_tab import GridTab
from ui.hq.import_tab import ImportTab
from ui.hq.report_tab import ReportTab
from ui.shared.common import UiEnv


class HqWindow(QMainWindow):
    def __init__(self, env: UiEnv, parent=None):
        super().__init__(parent)
        self.env = env
        site = env.ctx.site
        self.setWindowTitle(f"FrontDesk 总部 — {site.company_name}（{env.actor.name}）")
        self.tabs = QTabWidget()
        self.import_tab = ImportTab(env)
        self.grid_tab = GridTab(env)
        self.report_tab = ReportTab(env)
        self.tabs.addTab(self.import_tab, "导入与台账")
        self.tabs.addTab(self.grid_tab, "接收情况")
        self.tabs.addTab(self.report_tab, "月度报表")
        self.setCentralWidget(self.tabs)
        self.import_tab.imported.connect(self.grid_tab.refresh)
        self.resize(1280, 760)

    def run_login_hooks(self) -> None:
        """The desk's login hooks (reminders, automatic export) do not apply to head office."""
