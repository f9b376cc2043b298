"""装修申请: the applications, their next steps, and the permit (ZX-03) to print.

Shortcuts: Ctrl+N 新申请, Ctrl+E 修改, Ctrl+P 打印许可证, Ctrl+F 查找, F5 刷新.
审批通过 / 驳回 / 拆改审批 / 作废 are for 客服主管 and above.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from app import renovation as reno
from app.renovation import RenovationStatus as S
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import granted
from ui.shared.print_preview import preview_form
from ui.renovation.acceptance_dialog import AcceptanceDialog
from ui.renovation.application_dialog import ApplicationDialog
from ui.renovation.detail_view import RenovationDetail
from ui.renovation.extension_dialog import ExtensionDialog
from ui.renovation.refund_dialog import RefundDialog
from ui.shared.rows_table_model import (
    AMBER_BG,
    GREY,
    RED,
    RED_BG,
    Column,
    RowStyle,
    RowsTableModel,
    rows_table_view,
)

ACTIVE = "进行中"
ALL = "全部"
FILTERS = [ACTIVE, ALL] + [s.value for s in S]

COLUMNS = [
    Column("申请时间", lambda r: r.applied_at),
    Column("房号", lambda r: r.unit_no),
    Column("业主", lambda r: r.owner),
    Column("施工单位", lambda r: r.contractor),
    Column("负责人", lambda r: f"{r.manager} {r.manager_phone}"),
    Column("施工期限", lambda r: f"{r.start_date:%m-%d} 至 {r.planned_end_date:%Y-%m-%d}"),
    Column("拆改", lambda r: (r.alteration_text or "是") if r.involves_alteration else ""),
    Column("押金", lambda r: r.deposit, align_right=True),
    Column("许可证号", lambda r: r.permit_no),
    Column("状态", lambda r: r.status),
    Column("整改通知", lambda r: (f"{r.open_notices} 份未结" + (f"，逾期 {r.overdue_notices}" if r.overdue_notices else ""))
           if r.open_notices else ""),
    Column("上次巡查", lambda r: r.last_inspected_at),
]


def app_style(row) -> RowStyle | None:
    if row.overdue_notices:
        return RowStyle(fg=RED, bg=RED_BG)
    if row.status == S.PENDING.value:
        return RowStyle(bg=AMBER_BG, bold=True)
    if row.status in (S.REFUSED.value, S.VOID.value, S.REFUNDED.value):
        return RowStyle(fg=GREY)
    return None


class ApplicationList(QWidget):
    changed = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None  # the dialog open right now (tests fill it in)
        self.last_preview = None  # the last print preview opened from here
        actor = env.actor
        self.is_supervisor = actor is not None and actor.at_least(Role.SUPERVISOR)
        self.grants = granted(env)  # the steps of 权限设置 this user may do here
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：房号、业主、施工单位、许可证号（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)

        self.model = RowsTableModel(COLUMNS, self, style=app_style)
        self.table = rows_table_view(self.model, "applications_table")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.edit())

        def button(text, slot, name, supervisor=False, action=None):
            b = QPushButton(text)
            b.setObjectName(name)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            if (supervisor and not self.is_supervisor) or (action is not None and action not in self.grants):
                b.setVisible(False)
            return b

        self.new_button = button("新申请 (Ctrl+N)", self.new, "new_application")
        self.edit_button = button("修改", self.edit, "edit_application")
        self.alteration_button = button("拆改审批", self.approve_alteration, "approve_alteration", True)
        self.approve_button = button("审批通过", self.approve, "approve_application", True)
        self.refuse_button = button("驳回", self.refuse, "refuse_application", True)
        self.permit_button = button("打印许可证", self.print_permit, "print_permit")
        self.history_button = button("打印巡查记录", self.print_history, "print_history")
        self.extend_button = button("延期", self.extend, "extend_application")
        self.complete_button = button("完工申请验收", self.request_acceptance, "request_acceptance")
        self.accept_button = button("验收", self.acceptance, "record_acceptance")
        self.refund_button = button("退押金", self.refund, "refund_deposit", action="renovation.refund_deposit")
        self.void_button = button("作废", self.void, "void_application", action="record.void")
        grid = QGridLayout()
        for i, b in enumerate((self.new_button, self.edit_button, self.alteration_button, self.approve_button,
                               self.refuse_button, self.permit_button, self.history_button, self.extend_button,
                               self.complete_button, self.accept_button, self.refund_button, self.void_button)):
            grid.addWidget(b, i // 6, i % 6)

        self.detail = RenovationDetail(env, self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(grid)
        for seq, slot in (("Ctrl+N", self.new), ("Ctrl+E", self.edit), ("Ctrl+P", self.print_permit),
                          ("F5", self.refresh), ("Ctrl+F", lambda: self.search.setFocus())):
            QShortcut(QKeySequence(seq), self, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._selection_changed()

    # -- data ------------------------------------------------------------------
    def refresh(self, keep: str | None = None, *, fallback: bool = True) -> None:
        current = keep or (self.current().uuid if self.current() else None)
        choice = self.filter.currentText()
        try:
            if choice == ACTIVE:
                rows = [r for r in reno.list_applications(self.env.ctx, text=self.search.text())
                        if r.status in {s.value for s in reno.ACTIVE_STATUSES}
                        or (r.status == S.ACCEPTED.value)]
            elif choice == ALL:
                rows = reno.list_applications(self.env.ctx, text=self.search.text(), include_void=True)
            else:
                rows = reno.list_applications(self.env.ctx, text=self.search.text(), status=choice)
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        self.model.set_rows(rows)
        row = self.model.find(current) if current else -1
        if row < 0 and rows and fallback:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._selection_changed()

    def current(self) -> reno.RenovationRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index)

    def select(self, uuid: str) -> None:
        row = self.model.find(uuid)
        if row < 0:
            self.filter.setCurrentText(ALL)
            row = self.model.find(uuid)
        if row >= 0:
            self.table.selectRow(row)
            self._selection_changed()

    def _selection_changed(self) -> None:
        row = self.current()
        status = row.status if row else None
        self.edit_button.setEnabled(status in (S.PENDING.value, S.IN_PROGRESS.value))
        self.alteration_button.setEnabled(status == S.PENDING.value and bool(row and row.involves_alteration
                                                                         and not row.alteration_approved_at))
        self.approve_button.setEnabled(status == S.PENDING.value)
        self.refuse_button.setEnabled(status == S.PENDING.value)
        self.permit_button.setEnabled(bool(row and row.permit_no and not row.void_reason))
        self.history_button.setEnabled(bool(row and row.last_inspected_at))
        self.extend_button.setEnabled(status == S.IN_PROGRESS.value)
        self.complete_button.setEnabled(status == S.IN_PROGRESS.value)
        self.accept_button.setEnabled(status in (S.IN_PROGRESS.value, S.AWAITING_ACCEPTANCE.value))
        self.refund_button.setEnabled(status == S.ACCEPTED.value)
        self.void_button.setEnabled(row is not None and status not in (S.VOID.value, S.REFUNDED.value))
        self.detail.show_row(row)

    def _done(self, row) -> None:
        if row is None:
            return
        self.refresh(keep=row.uuid, fallback=False)
        if self.model.find(row.uuid) < 0:  # no longer in this filter (e.g. 已驳回): still show what happened
            self.detail.show_row(row)
        self.changed.emit()

    def _run(self, fn, *args, **kwargs):
        try:
            row = fn(self.env.ctx, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - told to the user; nothing changed
            Dialogs.error(self, exc)
            self.refresh()
            return None
        self._done(row)
        return row

    # -- actions ---------------------------------------------------------------
    def _open(self, dialog) -> object | None:
        self.dialog = dialog
        try:
            ok = dialog.exec()
        finally:
            self.dialog = None
        if ok:
            self._done(dialog.saved_row)
            return dialog.saved_row
        return None

    def new(self) -> None:
        self._open(ApplicationDialog(self.env, self))

    def edit(self) -> None:
        row = self.current()
        if row is None or not self.edit_button.isEnabled():
            return
        self._open(ApplicationDialog(self.env, self, row))

    def approve_alteration(self) -> None:
        row = self.current()
        if row is None:
            return
        opinion = Dialogs.ask_text(self, "拆改审批", f"{row.unit_no} 拆改（{row.alteration_text or '是'}）："
                                                  f"{row.alteration_detail or ''}\n审批意见：", "同意")
        if opinion is not None:
            self._run(reno.approve_alteration, row.uuid, opinion, expected_version=row.version)

    def approve(self) -> None:
        row = self.current()
        if row is None:
            return
        opinion = Dialogs.ask_text(self, "审批装修申请", f"批准 {row.unit_no} 的装修申请，审批意见（可空）：", "同意")
        if opinion is None:
            return
        done = self._run(reno.approve, row.uuid, opinion=opinion, expected_version=row.version)
        if done is not None and Dialogs.confirm(self, f"已批准，许可证号 {done.permit_no}。现在打印装修许可证？"):
            self.print_permit()

    def refuse(self) -> None:
        row = self.current()
        if row is None:
            return
        reason = Dialogs.ask_text(self, "驳回装修申请", f"驳回 {row.unit_no} 的装修申请，原因：")
        if reason is not None:
            self._run(reno.refuse, row.uuid, reason, expected_version=row.version)

    def print_permit(self) -> None:
        row = self.current()
        if row is None or not row.permit_no:
            return
        preview_form(self.env, self, "renovation-permit", number=row.permit_no,
                     on_shown=lambda dlg: setattr(self, "last_preview", dlg))

    def print_history(self) -> None:
        row = self.current()
        if row is None:
            return
        preview_form(self.env, self, "renovation-round", unit=row.unit_no)

    def extend(self) -> None:
        row = self.current()
        if row is not None and self.extend_button.isEnabled():
            self._open(ExtensionDialog(self.env, row, self))

    def request_acceptance(self) -> None:
        row = self.current()
        if row is not None and Dialogs.confirm(self, f"{row.unit_no} 已完工，登记申请验收？"):
            self._run(reno.request_acceptance, row.uuid, expected_version=row.version)

    def acceptance(self) -> None:
        row = self.current()
        if row is not None and self.accept_button.isEnabled():
            self._open(AcceptanceDialog(self.env, row, self))

    def refund(self) -> None:
        row = self.current()
        if row is not None and self.refund_button.isEnabled():
            self._open(RefundDialog(self.env, row, self))

    def void(self) -> None:
        row = self.current()
        if row is None:
            return
        reason = Dialogs.ask_text(self, "作废装修记录", f"作废 {row.unit_no} 的装修记录，原因：")
        if reason is not None:
            self._run(reno.void_application, row.uuid, reason, expected_version=row.version)
