"""前台服务 page: 借用物品, 有偿服务, 交接班, 服务申请, 联系函, 告知 (one tab each)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.desk.application_list import ApplicationList
from ui.desk.handover_view import HandoverView
from ui.desk.loan_list import LoanList
from ui.desk.memo_list import MemoList
from ui.desk.notice_list import NoticeList
from ui.desk.service_list import ServiceList
from ui.forms.awaiting import AwaitingSignatures
from ui.shared.common import UiEnv


class DeskPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.tabs = QTabWidget(self)
        self.loans = LoanList(env, self)
        self.services = ServiceList(env, self)
        self.handover = HandoverView(env, self)
        self.applications = ApplicationList(env, self)
        self.memos = MemoList(env, self)
        self.notices = NoticeList(env, self)
        for widget, title in ((self.loans, "借用物品"), (self.services, "有偿服务"), (self.handover, "交接班"),
                              (self.applications, "服务申请"), (self.memos, "联系函"), (self.notices, "告知")):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(AwaitingSignatures(env, "desk", self))
        self.refresh()

    def refresh(self) -> None:
        widget = self.tabs.currentWidget()
        if hasattr(widget, "refresh"):
            widget.refresh()
