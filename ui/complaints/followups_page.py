"""回访: the follow-ups still to make (complaints 待回访, and what other modules report), the
follow-ups of a period (KF-03), and recording a follow-up."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from app.complaints import Feedback, FollowUpSubject
from ui.shared.common import UiEnv
from ui.shared import print_preview
from ui.complaints.table_models import DueFollowUpTableModel, FollowUpTableModel


def _table(model) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.verticalHeader().setVisible(False)
    return t


class FollowUpsPage(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self._dialog = None
        self.tabs = QTabWidget()

        # -- due ---------------------------------------------------------------------
        self.due_model = DueFollowUpTableModel(self)
        self.due_table = _table(self.due_model)
        self.due_table.doubleClicked.connect(lambda idx: self.follow_up_due(idx.row()))
        self.due_label = QLabel()
        record = QPushButton("回访所选")
        record.clicked.connect(lambda: self.follow_up_due(self.due_table.currentIndex().row()))
        visit = QPushButton("登记日常走访 / 其他回访")
        visit.clicked.connect(self.new_visit)
        due_page = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(self.due_label, 1)
        bar.addWidget(record)
        bar.addWidget(visit)
        layout = QVBoxLayout(due_page)
        layout.addLayout(bar)
        layout.addWidget(self.due_table, 1)
        self.tabs.addTab(due_page, "待回访")

        # -- done -------------------------------------------------------------------------
        today = env.ctx.now().date()
        self.date_from = QDateEdit(QDate(today.replace(day=1)))
        self.date_to = QDateEdit(QDate(today))
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat("yyyy-MM-dd")
            d.setCalendarPopup(True)
            d.dateChanged.connect(lambda _d: self.refresh_done())
        self.subject = QComboBox()
        self.subject.addItems([""] + [s.value for s in FollowUpSubject])
        self.subject.currentIndexChanged.connect(lambda _i: self.refresh_done())
        self.done_label = QLabel()
        self.print_button = QPushButton("打印 KF-03")
        self.print_button.setObjectName("print_kf03")
        self.print_button.clicked.connect(self.print_form)
        self.done_model = FollowUpTableModel(self)
        self.done_table = _table(self.done_model)
        done_page = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("从"))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("到"))
        bar.addWidget(self.date_to)
        bar.addWidget(QLabel("类型"))
        bar.addWidget(self.subject)
        bar.addWidget(self.done_label, 1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(done_page)
        layout.addLayout(bar)
        layout.addWidget(self.done_table, 1)
        self.tabs.addTab(done_page, "回访记录")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        self.refresh_due()
        self.refresh_done()

    def refresh_due(self) -> None:
        from app.complaints import followups

        rows = followups.due_follow_ups(self.env.ctx)
        self.due_model.set_rows(rows)
        self.due_table.resizeColumnsToContents()
        late = sum(1 for r in rows if r.due_state == "overdue")
        self.due_label.setText(f"待回访 {len(rows)} 件" + (f"，其中已超时 {late} 件" if late else ""))
        self.tabs.setTabText(0, f"待回访 ({len(rows)})")

    def refresh_done(self) -> None:
        from app.complaints import followups

        try:
            rows = followups.list_follow_ups(self.env.ctx, self.date_from.date().toPython(),
                                             self.date_to.date().toPython(),
                                             subject_type=self.subject.currentText() or None)
        except Exception as exc:  # noqa: BLE001
            self.done_label.setText(str(exc))
            return
        self.done_model.set_rows(rows)
        self.done_table.resizeColumnsToContents()
        unhappy = sum(1 for r in rows if r.feedback == Feedback.DISSATISFIED)
        self.done_label.setText(f"共 {len(rows)} 条" + (f"，不满意 {unhappy} 条" if unhappy else ""))

    def _open(self, dlg) -> None:
        dlg.record_saved.connect(lambda _u: self._saved())
        self._dialog = dlg
        dlg.open()

    def _saved(self) -> None:
        self.refresh()
        window = self.window()
        if hasattr(window, "refresh_badges"):
            window.refresh_badges()

    def follow_up_due(self, row: int):
        from ui.complaints.follow_up_dialog import FollowUpDialog

        item = self.due_model.row_at(row)
        if item is None:
            return None
        dlg = FollowUpDialog(self.env, item.subject_type, item.subject_uuid, parent=self, title=item.title,
                             person=item.person, phone=item.phone, unit_no=item.unit_no)
        self._open(dlg)
        return dlg

    def new_visit(self):
        from ui.complaints.follow_up_dialog import FollowUpDialog

        dlg = FollowUpDialog(self.env, FollowUpSubject.ROUTINE.value, None, parent=self)
        self._open(dlg)
        return dlg

    def print_form(self) -> None:
        print_preview.preview_form(self.env, self, "follow-ups", date_from=self.date_from.date().toPython(),
                     date_to=self.date_to.date().toPython())

