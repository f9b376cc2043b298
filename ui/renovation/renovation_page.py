"""装修管理 page: 每日巡查 (the round and the visit entry), 装修申请, 整改通知."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ui.forms.awaiting import AwaitingSignatures
from ui.shared.common import UiEnv
from ui.shared.permissions import may
from ui.renovation.application_list import ApplicationList
from ui.renovation.notice_list import NoticeList
from ui.renovation.round_list import RoundList
from ui.renovation.settings_dialog import RenovationSettingsDialog


class RenovationPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.tabs = QTabWidget(self)
        self.round = RoundList(env, self)
        self.applications = ApplicationList(env, self)
        self.notices = NoticeList(env, self)
        self.tabs.addTab(self.round, "每日巡查")
        self.tabs.addTab(self.applications, "装修申请")
        self.tabs.addTab(self.notices, "整改通知")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.round.visit_saved.connect(lambda _v: self.notices.refresh())
        self.applications.changed.connect(self.round.refresh)
        self.notices.changed.connect(self.round.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(AwaitingSignatures(env, "renovation", self))
        if may(env, "settings.change"):  # 装修设置 are settings of the site
            bar = QHBoxLayout()
            bar.addStretch(1)
            settings = QPushButton("装修设置…")
            settings.setAutoDefault(False)
            settings.clicked.connect(self.open_settings)
            bar.addWidget(settings)
            layout.addLayout(bar)
        self.refresh()

    def refresh(self) -> None:
        widget = self.tabs.currentWidget()
        if hasattr(widget, "refresh"):
            widget.refresh()

    def open_settings(self) -> None:
        if RenovationSettingsDialog(self.env, self).exec():
            self.round.panel.load_lists()
            self.round.refresh()
