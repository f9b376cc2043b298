"""The work-order list: search and filter, late orders in red, every step by keyboard.

Enter on an order opens its next step (待派工 → 派工, 已派工 → 接单, 维修中 → 完工,
待回访 → 回访, or 关闭 when no follow-up is needed). Shortcuts: Ctrl+N 新建, Ctrl+D 派工,
Ctrl+K 接单, Ctrl+E 完工, Ctrl+R 回访, Ctrl+L 关闭, Ctrl+P 打印, Ctrl+F 查找, F5 刷新.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from app.domain.enums import Role
from app.core import records
from app import repairs
from app.repairs import OPEN_STATES, PUBLIC_AREA, FollowUpRule, RepairStatus as S
from ui.shared.flow_layout import FlowLayout
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.repairs.complete_dialog import CompleteDialog
from ui.repairs.dispatch_dialog import DispatchDialog
from ui.repairs.follow_up_dialog import FollowUpDialog
from ui.repairs.history_dialog import HistoryDialog
from ui.repairs.merge_dialog import MergeDialog
from ui.repairs.order_dialog import OrderDialog
from ui.repairs.pickup_dialog import PickUpDialog
from ui.repairs.reason_dialog import ReasonDialog
from ui.shared.print_preview import preview_form
from ui.shared.column_widths import size_columns
from ui.shared.rows_table_model import Column, RowsTableModel

ALL, OPEN, LATE = "全部", "未完成", "超时"
#: The steps a merged member leaves to its lead while the lead is being handled.
LEAD_STEPS = ("decline", "dispatch", "pickup", "complete")
FILTERS = [ALL, OPEN, LATE] + [s.value for s in S]


def _due(row) -> str:
    if row.status == S.DISPATCHED.value and row.pickup_due_at:
        return f"接单 {row.pickup_due_at:%m-%d %H:%M}"
    if row.status in OPEN_STATES and row.finish_due_at:
        return f"完工 {row.finish_due_at:%m-%d %H:%M}"
    return ""


def _follow(row) -> str:
    if row.follow_up_rule is None:
        return ""
    return row.follow_up_rule + (f"（{row.feedback}）" if row.feedback else "")


COLUMNS = [
    Column("单号", lambda r: r.number),
    Column("房号", lambda r: r.unit_no or PUBLIC_AREA),
    Column("报修人", lambda r: r.reporter),
    Column("紧急", lambda r: r.urgency),
    Column("报修内容", lambda r: r.content, tooltip=lambda r: r.content),
    Column("状态", lambda r: r.status),
    Column("派工至", lambda r: r.dispatched_to),
    Column("接单人", lambda r: r.picked_up_by),
    Column("时限", _due),
    Column("超时", lambda r: r.late_reason or ("是" if r.overdue else ""),
           tooltip=lambda r: r.late_reason or ("曾超时" if r.overdue else "")),
    Column("回访", _follow),
    Column("报修时间", lambda r: r.received_at),
    Column("类别", lambda r: r.category),
    Column("合并", lambda r: _group(r), tooltip=lambda r: _group(r, long=True)),
]
#: Widths in characters: at 1366 and 1280 px 状态, 接单人, 时限, 超时 and 回访 stay in view; 报修内容 takes
#: the rest (its full text is the tooltip). 报修时间 and 类别 come after them (both are also in the
#: detail panel beside the list).
COLUMN_CHARS = {"单号": 8.5, "报修时间": 6.8, "房号": 4.6, "报修人": 3.2, "类别": 3.2, "紧急": 2.4, "状态": 3.4,
                "派工至": 3.4, "接单人": 3.4, "时限": 8.2, "超时": 2.4, "回访": 4.6, "合并": 3}


def _group(row, *, long: bool = False) -> str:
    """合并处理: the lead says so; a member names its lead."""
    if row.group_uuid is None:
        return ""
    if row.group_lead:
        return "合并处理的主工单" if long else "主单"
    return f"随主工单 {row.group_number or ''} 处理" if long else f"随 {row.group_number or '主单'}"


class OrderList(QWidget):
    order_saved = Signal(object)

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.dialog = None  # the dialog open right now (tests fill it in)
        self.may_void = may(env, "record.void")
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：单号、房号、报修人、电话或内容（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.setCurrentText(ALL)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel("状态"))
        top.addWidget(self.filter)
        top.addWidget(self.count)

        self.model = RowsTableModel(COLUMNS, self, late=lambda r: r.late_now,
                                    dimmed=lambda r: r.status in (S.VOID.value, S.DECLINED.value, S.CLOSED.value))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        size_columns(self.table, COLUMN_CHARS, stretch="报修内容")
        self.table.verticalHeader().hide()
        self.table.activated.connect(lambda _i: self.next_step())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumWidth(260)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        self.buttons: dict[str, QPushButton] = {}
        self._tips: dict[str, str] = {}
        bar = FlowLayout()  # twelve buttons wrap instead of widening the window
        for key, text, shortcut, slot in [
            ("new", "新建工单", "Ctrl+N", self.new_order),
            ("edit", "修改", None, self.edit_order),
            ("dispatch", "派工", "Ctrl+D", self.dispatch),
            ("pickup", "接单", "Ctrl+K", self.pick_up),
            ("complete", "完工", "Ctrl+E", self.complete),
            ("follow_up", "回访", "Ctrl+R", self.follow_up),
            ("close", "关闭", "Ctrl+L", self.close_order),
            ("decline", "不予受理", None, self.decline),
            ("chase", "催办", None, self.chase),
            ("void", "作废", None, self.void),
            ("print", "打印", "Ctrl+P", self.print_order),
            ("history", "历史", None, self.show_history),
            ("merge", "合并处理…", None, self.merge),
            ("unmerge", "取消合并", None, self.unmerge),
        ]:
            button = QPushButton(text)
            button.setAutoDefault(False)
            if shortcut:
                button.setToolTip(f"{text}（{shortcut}）")
                QShortcut(QKeySequence(shortcut), self, activated=slot,
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            button.clicked.connect(slot)
            self.buttons[key] = button
            self._tips[key] = button.toolTip()
            bar.addWidget(button)
        bar.addStretch(1)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._selection_changed()

    # -- loading -------------------------------------------------------------------------
    def refresh(self, select_uuid: str | None = None) -> None:
        current = self.current()
        select_uuid = select_uuid or (current.uuid if current else None)
        f = self.filter.currentText()
        kwargs = {"text": self.search.text(), "limit": 500}
        if f == OPEN:
            kwargs["open_only"] = True
        elif f == LATE:
            kwargs["late_only"] = True
        elif f != ALL:
            kwargs["status"] = f
        try:
            rows = repairs.list_orders(self.env.ctx, **kwargs)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.model.set_rows(rows)
        late = sum(1 for r in rows if r.late_now)
        self.count.setText(f"共 {len(rows)} 张" + (f"，超时 {late} 张" if late else ""))
        self.select(select_uuid)

    def select(self, uuid: str | None) -> None:
        row = self.model.find(uuid) if uuid else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._selection_changed()

    def current(self):
        return self.model.row_at(self.table.currentIndex())

    def _selection_changed(self) -> None:
        row = self.current()
        status = row.status if row else None
        actor = self.env.actor
        can = {
            "new": True,
            "edit": status in (S.AWAITING_DISPATCH.value, S.DISPATCHED.value),
            "dispatch": status in (S.AWAITING_DISPATCH.value, S.DISPATCHED.value),
            "pickup": status == S.DISPATCHED.value,
            "complete": status == S.IN_REPAIR.value,
            "follow_up": status in (S.AWAITING_FOLLOW_UP.value, S.CLOSED.value),
            "close": status == S.AWAITING_FOLLOW_UP.value,
            "decline": status == S.AWAITING_DISPATCH.value,
            "chase": bool(row and row.is_open),
            "void": bool(row) and status not in (S.VOID.value, S.DECLINED.value, S.CLOSED.value) and self.may_void,
            "print": row is not None,
            "history": row is not None,
            "merge": bool(row and row.is_open and (row.group_uuid is None or row.group_lead))
            and actor is not None and actor.at_least(Role.SUPERVISOR),
            "unmerge": bool(row and row.group_uuid) and actor is not None and actor.at_least(Role.SUPERVISOR),
        }
        for key, button in self.buttons.items():
            button.setEnabled(bool(can.get(key)))
        self.detail.setText(self._detail_html(row) if row else "<i>未选择工单</i>")
        self._hold_member_steps(row)

    def _hold_member_steps(self, row) -> None:
        """A merged member is 派工 / 接单 / 完工 on its lead: those buttons are off, say where to go,
        and the detail names the lead."""
        held = bool(row and row.held_by_lead)
        note = f"已合并到 {row.group_number or '主工单'}，请在主工单上操作" if held else ""
        for key in LEAD_STEPS:
            button = self.buttons[key]
            if held:
                button.setEnabled(False)
            button.setToolTip(note or self._tips[key])
        if held:
            self.detail.setText(f"<p style='color:#1565c0'><b>{escape(note)}</b>（回复和回访仍在本工单上办理；"
                                f"Enter 转到主工单）</p>" + self.detail.text())

    @staticmethod
    def _detail_html(r) -> str:
        def line(label, value):
            if value in (None, ""):
                return ""
            if hasattr(value, "strftime"):
                value = f"{value:%Y-%m-%d %H:%M}"
            return f"<b>{label}</b>：{escape(str(value))}<br>"

        late = f"<p style='color:#c62828'><b>{escape(r.late_reason)}</b></p>" if r.late_now else ""
        sample = ""
        if r.follow_up_rule == FollowUpRule.MANDATORY.value:
            sample = f"必须回访（类别 {escape(r.category)}）"
        elif r.follow_up_rule:
            sample = (f"{r.follow_up_rule}：抽样比例 {r.sample_rate}%，随机数 {r.sample_draw:.4f}，"
                      f"种子 {r.sample_seed}")
        return (f"<h3>{escape(r.number)} <small>{escape(r.status)}</small></h3>{late}"
                + line("报修时间", r.received_at) + line("报修人", r.reporter) + line("房号", r.unit_no)
                + line("联系电话", r.phone) + line("类别", f"{r.category}（{r.urgency}）")
                + line("是否有偿", "是" if r.paid else None) + line("预约时间", r.appointment_at)
                + line("报修内容", r.content) + line("派工至", r.dispatched_to) + line("派工时间", r.dispatched_at)
                + line("接单时限", r.pickup_due_at) + line("接单人", r.picked_up_by)
                + line("接单时间", r.picked_up_at) + line("完成时限", r.finish_due_at)
                + line("完成时间", r.completed_at) + line("维修结果", r.result) + line("材料", r.materials)
                + line("材料及费用（元）", r.cost) + line("收据号", r.receipt_no)
                + line("是否超时", "是" if r.overdue else None) + line("催办次数", r.chase_count or None)
                + line("回访", sample) + line("反馈意见", r.feedback) + line("返修次数", r.reopen_count or None)
                + line("不予受理说明", r.decline_reason) + line("作废原因", r.void_reason)
                + line("受理人", r.received_by) + line("合并处理", _group(r, long=True)))

    # -- dialogs -------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda d=dialog: self._saved(d.saved))
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus()

    def _saved(self, row) -> None:
        self.refresh(select_uuid=getattr(row, "uuid", None))
        if row is not None:
            self.order_saved.emit(row)

    def _need(self):
        row = self.current()
        if row is None:
            Dialogs.info(self, "请先选择一张工单")
        return row

    def next_step(self) -> None:
        row = self.current()
        if row is None:
            return
        if row.held_by_lead:
            self._go_to_lead(row)
            return
        step = {S.AWAITING_DISPATCH.value: self.dispatch, S.DISPATCHED.value: self.pick_up,
                S.IN_REPAIR.value: self.complete}.get(row.status)
        if step is None and row.status == S.AWAITING_FOLLOW_UP.value:
            step = self.follow_up if row.follow_up_required else self.close_order
        if step is not None:
            step()

    def _go_to_lead(self, row) -> None:
        """Enter on a merged member selects its lead (shown in the list), or says which it is."""
        if self.model.find(row.group_uuid) < 0:
            self.search.clear()
            self.filter.setCurrentText(ALL)  # (refreshes)
            self.refresh(select_uuid=row.uuid)
        if self.model.find(row.group_uuid) >= 0:
            self.select(row.group_uuid)
        else:
            Dialogs.info(self, f"工单 {row.number} 已合并到 {row.group_number or '主工单'}，请在主工单上操作。")

    def new_order(self) -> None:
        self._open(OrderDialog(self.env, self))

    def edit_order(self) -> None:
        if (row := self._need()) and self.buttons["edit"].isEnabled():
            self._open(OrderDialog(self.env, self, order=row))

    def dispatch(self) -> None:
        if (row := self._need()) and self.buttons["dispatch"].isEnabled():
            self._open(DispatchDialog(self.env, row, self))

    def pick_up(self) -> None:
        if (row := self._need()) and self.buttons["pickup"].isEnabled():
            self._open(PickUpDialog(self.env, row, self))

    def complete(self) -> None:
        if (row := self._need()) and self.buttons["complete"].isEnabled():
            self._open(CompleteDialog(self.env, row, self))

    def follow_up(self) -> None:
        if (row := self._need()) and self.buttons["follow_up"].isEnabled():
            self._open(FollowUpDialog(self.env, row, self))

    def close_order(self) -> None:
        row = self._need()
        if not row or not self.buttons["close"].isEnabled():
            return
        if row.follow_up_required:
            Dialogs.info(self, f"工单 {row.number} 需要回访（{row.follow_up_rule}），请先回访（Ctrl+R）。")
            return
        if not Dialogs.confirm(self, f"工单 {row.number} 未被抽中回访，确认关闭？"):
            return
        try:
            saved = repairs.close(self.env.ctx, row.uuid, expected_version=row.version)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self._saved(saved)

    def decline(self) -> None:
        if (row := self._need()) and self.buttons["decline"].isEnabled():
            self._open(ReasonDialog(
                f"不予受理 — {row.number}", "向业主的说明", "decline_reason",
                lambda text: repairs.decline(self.env.ctx, row.uuid, text, expected_version=row.version), self,
                intro="超出物业服务范围的报修：写明已向业主作出的解释。", save_text="不予受理"))

    def chase(self) -> None:
        if (row := self._need()) and self.buttons["chase"].isEnabled():
            self._open(ReasonDialog(f"催办 — {row.number}", "催办说明", "note",
                                    lambda text: repairs.chase(self.env.ctx, row.uuid, text), self,
                                    intro=row.late_reason or "", save_text="催办"))

    def void(self) -> None:
        if (row := self._need()) and self.buttons["void"].isEnabled():
            self._open(ReasonDialog(f"作废 — {row.number}", "作废原因", "void_reason",
                                    lambda text: repairs.void_order(self.env.ctx, row.uuid, text,
                                                                    expected_version=row.version),
                                    self, intro="作废后工单不再处理，记录保留可查。", save_text="作废"))

    def print_order(self) -> None:
        row = self._need()
        if row is None:
            return
        preview_form(self.env, self, "work-order", number=row.number)

    def show_history(self) -> None:
        row = self._need()
        if row is None:
            return
        dlg = HistoryDialog(f"工单历史 — {row.number}", records.history(self.env.ctx, row.uuid), self)
        self.dialog = dlg
        dlg.finished.connect(lambda _r, d=dlg: self._closed(d))
        dlg.open()

    def merge(self) -> None:
        if (row := self._need()) and self.buttons["merge"].isEnabled():
            self._open(MergeDialog(self.env, row, self))

    def unmerge(self) -> None:
        if (row := self._need()) and self.buttons["unmerge"].isEnabled():
            what = "整个合并处理将取消，每张工单恢复各自的派工和时限。" if row.group_lead else \
                "本工单退出合并处理，恢复自己的派工和时限。"
            self._open(ReasonDialog(f"取消合并 — {row.number}", "取消原因", "reason",
                                    lambda text: repairs.unmerge(self.env.ctx, row.uuid, reason=text), self,
                                    intro=what, save_text="取消合并"))
