"""告知: notices with their coverage (重要告知: households confirmed over households concerned);
发布 (F2), 逐户确认 (F3), 打印张贴 (FW-07)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app import desk
from ui.desk.confirmations_dialog import ConfirmationsDialog
from ui.desk.notice_dialog import NoticeDialog
from ui.desk.record_list import RecordList
from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import DIMMED, WARN, Column

COLUMNS = [
    Column("编号", lambda n: n.number),
    Column("类型", lambda n: n.kind),
    Column("标题", lambda n: n.title, tooltip=lambda n: n.body),
    Column("范围", lambda n: n.target_text),
    Column("方式", lambda n: n.channels),
    Column("发布时间", lambda n: n.published_at),
    Column("覆盖", lambda n: f"{n.coverage.confirmed}/{n.coverage.households} 户 {n.coverage.rate:.0%}"
           if n.coverage.households else ""),
    Column("状态", lambda n: n.status),
]


def notice_style(n):
    if n.void_reason:
        return DIMMED
    if n.coverage.households and n.coverage.pending:
        return WARN
    return None


class NoticeList(RecordList):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, COLUMNS, "notices_table", parent, style=notice_style)
        self.add_button("发布告知", self.new, "F2")
        self.add_button("逐户确认", self.confirm, "F3")
        self.table.activated.connect(lambda _i: self.confirm())
        self.add_button("打印张贴", self.print_notice, "Ctrl+P")
        self.add_button("作废", self.void, visible=may(env, "record.void"))
        self.finish_buttons()

    def load(self) -> list:
        return desk.list_notices(self.env.ctx)

    def after_refresh(self, rows: list) -> None:
        pending = sum(1 for n in rows if not n.void_reason and n.coverage.pending)
        self.summary.setText(f"{len(rows)} 份" + (f"，{pending} 份重要告知尚未逐户确认完" if pending else ""))

    def new(self) -> None:
        self.open_dialog(NoticeDialog(self.env, self))

    def confirm(self) -> None:
        n = self.need_current("告知")
        if n is None:
            return
        if not n.coverage.households:
            Dialogs.info(self, f"{n.kind}无需逐户确认")
            return
        self.open_dialog(ConfirmationsDialog(self.env, n, self))
        self.dialog.finished.connect(lambda _r: self.refresh())

    def print_notice(self) -> None:
        n = self.need_current("告知")
        if n is not None:
            preview_form(self.env, self, "notice", number=n.number)

    def void(self) -> None:
        n = self.need_current("告知")
        if n is not None:
            self.ask_void("告知", desk.void_notice, n)
