"""维修工单: the work orders, the reception 报修 records waiting to become orders, routine
household visits, and (客服主管 and above) the manager's follow-up spot check."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app import repairs
from app.domain.enums import Role
from ui.forms.awaiting import AwaitingSignatures
from ui.shared.common import UiEnv
from ui.shared.permissions import may
from ui.repairs.intake_list import IntakeList
from ui.repairs.order_list import OrderList
from ui.repairs.settings_dialog import RepairSettingsDialog
from ui.repairs.spot_check_view import SpotCheckView
from ui.repairs.visits_view import VisitsView


class RepairsPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None
        actor = env.actor
        self.orders = OrderList(env, self)
        self.intake = IntakeList(env, self)
        self.visits = VisitsView(env, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.orders, "维修工单")
        self.tabs.addTab(self.intake, "报修待转工单")
        self.tabs.addTab(self.visits, "日常走访")
        self.spot_check = None
        if actor is not None and actor.at_least(Role.SUPERVISOR):
            self.spot_check = SpotCheckView(env, self)
            self.tabs.addTab(self.spot_check, "回访抽查")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.intake.converted.connect(self._converted)
        self.orders.order_saved.connect(lambda _row: self._update_intake_title())
        self.settings_button = QPushButton("维修设置…")
        self.settings_button.setAutoDefault(False)
        self.settings_button.setEnabled(may(env, "settings.change"))  # 维修设置 are settings of the site
        self.settings_button.clicked.connect(self.open_settings)
        corner = QWidget()
        cl = QHBoxLayout(corner)
        cl.setContentsMargins(0, 0, 4, 0)
        cl.addWidget(self.settings_button)
        self.tabs.setCornerWidget(corner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(AwaitingSignatures(env, "repairs", self))

    def refresh(self) -> None:
        widget = self.tabs.currentWidget()
        if hasattr(widget, "refresh"):
            widget.refresh()
        self._update_intake_title()

    def _update_intake_title(self) -> None:
        try:
            n = len(repairs.intake_queue(self.env.ctx))
        except Exception:
            return
        self.tabs.setTabText(self.tabs.indexOf(self.intake), f"报修待转工单（{n}）" if n else "报修待转工单")

    def _converted(self, order) -> None:
        """After 转工单 the new order is shown selected, ready for 派工 (Enter)."""
        self.tabs.setCurrentWidget(self.orders)
        self.orders.refresh(select_uuid=order.uuid)
        self.orders.table.setFocus()

    def open_settings(self) -> None:
        dlg = RepairSettingsDialog(self.env, self)
        self.dialog = dlg
        dlg.accepted.connect(self.refresh)
        dlg.open()
