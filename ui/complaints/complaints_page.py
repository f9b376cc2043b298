"""投诉处理: the work lists (今日到期, 已超时, 待回访, 我的, 全部) with counts, red for overdue and
amber for due within the next working hours; the search; the supervisor's daily review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)

from app.complaints import ComplaintStatus, WorkList
from ui.forms.awaiting import AwaitingSignatures
from ui.shared.common import Dialogs, UiEnv
from ui.complaints.daily_review_widget import DailyReviewWidget
from ui.complaints.table_models import AMBER, RED, ComplaintTableModel
from ui.shared.column_widths import size_columns

LISTS = [w.value for w in (WorkList.DUE_TODAY, WorkList.OVERDUE, WorkList.AWAITING_FOLLOW_UP, WorkList.MINE)]
ALL = "全部"
REVIEW = "每日审核"
STATUSES = [""] + [s.value for s in ComplaintStatus]
#: Widths in characters: at 1366 px 状态, 下一时限, 超时 and 受理人 stay in view; the content
#: column takes the rest (its full text is the tooltip).
COLUMN_CHARS = {"受理时间": 6.5, "投诉人": 3.5, "房号": 5, "类别": 6, "性质": 2.6, "状态": 3.6, "合并": 3,
                "责任部门": 4, "负责级别": 4, "下一时限": 10.5, "超时": 2.2, "受理人": 3.5}


class ComplaintList(QWidget):
    """One work list: a table of complaints."""

    def __init__(self, page: "ComplaintsPage", which: str):
        super().__init__(page)
        self.page = page
        self.which = which
        self.model = ComplaintTableModel(self)
        self.table = QTableView()
        self.table.setObjectName(f"list_{which}")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        size_columns(self.table, COLUMN_CHARS, stretch="投诉内容")
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda idx: self.page.open_complaint(self.model.row_at(idx.row()).uuid))
        self.empty = QLabel("没有投诉。")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #777;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if which == ALL:
            self.search = QLineEdit()
            self.search.setPlaceholderText("查找：姓名、房号、电话、内容、类别、部门")
            self.search.returnPressed.connect(self.refresh)
            self.status = QComboBox()
            self.status.addItems(STATUSES)
            self.status.setToolTip("状态")
            self.status.currentIndexChanged.connect(lambda _i: self.refresh())
            bar = QHBoxLayout()
            bar.addWidget(self.search, 1)
            bar.addWidget(QLabel("状态"))
            bar.addWidget(self.status)
            go = QPushButton("查找")
            go.clicked.connect(self.refresh)
            bar.addWidget(go)
            layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def refresh(self) -> None:
        from app import complaints

        ctx = self.page.env.ctx
        if self.which == ALL:
            rows = complaints.search(ctx, text=self.search.text(), status=self.status.currentText() or None)
        else:
            rows = complaints.work_list(ctx, self.which)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)

    def selected_uuid(self) -> str | None:
        idx = self.table.currentIndex()
        row = self.model.row_at(idx.row()) if idx.isValid() else None
        return row.uuid if row else None

    def selected_rows(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]


class ComplaintsPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.counts = None
        self._dialogs: list = []
        new = QPushButton("新建投诉")
        new.setObjectName("new_complaint")
        new.setToolTip("Ctrl+N")
        new.clicked.connect(self.new_complaint)
        open_button = QPushButton("打开")
        open_button.clicked.connect(self._open_selected)
        refresh = QPushButton("刷新")
        refresh.setToolTip("F5")
        refresh.clicked.connect(self.refresh)
        from app.domain.enums import Role

        supervisor = env.actor is not None and env.actor.at_least(Role.SUPERVISOR)
        self.merge_button = QPushButton("合并处理…")
        self.merge_button.setObjectName("merge_case")
        self.merge_button.setToolTip("选中同一事项的几件投诉（按住 Ctrl 多选），合并为一件处理；每位投诉人仍单独回复、回访")
        self.merge_button.clicked.connect(self.merge_selected)
        self.unmerge_button = QPushButton("取消合并…")
        self.unmerge_button.setObjectName("unmerge_case")
        self.unmerge_button.clicked.connect(self.unmerge_selected)
        for b in (self.merge_button, self.unmerge_button):
            b.setVisible(supervisor)
        self.warning = QLabel()
        self.warning.setObjectName("calendar_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff3e0; color: #8a4b00; padding: 4px;")
        self.warning.setVisible(False)

        self.tabs = QTabWidget()
        self.lists: dict[str, ComplaintList] = {}
        for which in LISTS + [ALL]:
            w = ComplaintList(self, which)
            self.lists[which] = w
            self.tabs.addTab(w, which)
        self.review = DailyReviewWidget(env, self)
        self.review.open_requested.connect(self.open_complaint)
        self.review.signed.connect(lambda _r: self.refresh())
        self.tabs.addTab(self.review, REVIEW)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())

        bar = QHBoxLayout()
        bar.addWidget(new)
        bar.addWidget(open_button)
        bar.addWidget(refresh)
        bar.addWidget(self.merge_button)
        bar.addWidget(self.unmerge_button)
        bar.addStretch(1)
        bar.addWidget(AwaitingSignatures(env, "complaints", self))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.warning)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_complaint)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)

    # -- lists -------------------------------------------------------------------
    def refresh(self) -> None:
        from app.core import calendar
        from app import complaints

        ctx = self.env.ctx
        self.counts = complaints.work_counts(ctx)
        bar = self.tabs.tabBar()
        for i, which in enumerate(LISTS):
            n = self.counts.count(which)
            self.tabs.setTabText(i, f"{which} ({n})")
            color = None
            if which == WorkList.OVERDUE and n:
                color = RED
            elif which == WorkList.DUE_TODAY and self.counts.soon:
                color = AMBER
            bar.setTabTextColor(i, color if color is not None else self.palette().windowText().color())
        actor = self.env.actor
        warning = calendar.coverage_warning(ctx) if actor is not None and actor.role.rank >= 1 else None
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))
        self._refresh_current()
        window = self.window()
        if hasattr(window, "refresh_badges"):
            window.refresh_badges()

    def _refresh_current(self) -> None:
        w = self.tabs.currentWidget()
        try:
            w.refresh()
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)

    def show_list(self, which: str) -> ComplaintList | DailyReviewWidget:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).split(" (")[0] == which:
                self.tabs.setCurrentIndex(i)
                return self.tabs.widget(i)
        raise KeyError(which)

    def tab_index(self, which: str) -> int:
        return next(i for i in range(self.tabs.count()) if self.tabs.tabText(i).split(" (")[0] == which)

    # -- dialogs -------------------------------------------------------------------------
    def _track(self, dlg) -> None:
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dlg]
        dlg.record_saved.connect(lambda _u: self.refresh())

    def new_complaint(self):
        from ui.complaints.complaint_dialog import ComplaintDialog

        dlg = ComplaintDialog(self.env, None, self)
        self._track(dlg)
        dlg.open()
        return dlg

    def open_complaint(self, uuid: str):
        from ui.complaints.complaint_dialog import ComplaintDialog

        try:
            dlg = ComplaintDialog(self.env, uuid, self)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return None
        self._track(dlg)
        dlg.open()
        return dlg

    def _open_selected(self) -> None:
        w = self.tabs.currentWidget()
        uuid = w.selected_uuid() if isinstance(w, ComplaintList) else None
        if uuid:
            self.open_complaint(uuid)

    # -- merged cases ---------------------------------------------------------------
    def _current_list(self):
        w = self.tabs.currentWidget()
        return w if isinstance(w, ComplaintList) else None

    def merge_selected(self) -> None:
        from app import complaints

        lst = self._current_list()
        rows = lst.selected_rows() if lst else []
        if len(rows) < 2:
            Dialogs.info(self, "请先在列表中选中同一事项的两件或更多投诉（按住 Ctrl 多选）。")
            return
        rows.sort(key=lambda r: r.received_at)
        lead = rows[0]
        reason = Dialogs.ask_text(self, "合并处理", f"以 {lead.complainant}（{lead.received_at:%m-%d %H:%M}）的投诉为主，"
                                                f"合并 {len(rows)} 件投诉。合并原因：")
        if not reason:
            return
        try:
            complaints.merge(self.env.ctx, lead.uuid, [r.uuid for r in rows[1:]], reason=reason)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.refresh()

    def unmerge_selected(self) -> None:
        from app import complaints

        lst = self._current_list()
        uuid = lst.selected_uuid() if lst else None
        if uuid is None:
            Dialogs.info(self, "请先选中要取消合并的投诉。")
            return
        reason = Dialogs.ask_text(self, "取消合并", "取消原因（取消主投诉会解散整个合并事项）：")
        if not reason:
            return
        try:
            complaints.unmerge(self.env.ctx, uuid, reason=reason)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.refresh()
