"""联系函: internal memos to departments, late ones red (sent after the hour, or the reply
missing after its time); 发联系函 (F2), 登记回复 (F3), 打印 (FW-06)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from app import desk
from ui.desk.memo_dialog import MemoDialog, ReplyDialog
from ui.desk.record_list import RecordList
from ui.shared.common import UiEnv
from ui.shared.permissions import may
from ui.shared.print_preview import preview_form
from ui.shared.rows_table_model import DIMMED, LATE, Column

COLUMNS = [
    Column("编号", lambda m: m.number),
    Column("征询时间", lambda m: m.inquiry_at),
    Column("发出时间", lambda m: m.sent_at),
    Column("接收部门", lambda m: m.department),
    Column("主题", lambda m: m.subject, tooltip=lambda m: m.content),
    Column("要求回复", lambda m: m.reply_by),
    Column("回复", lambda m: m.reply, tooltip=lambda m: m.reply or ""),
    Column("状态", lambda m: m.status + "".join(x for x, on in (("（发出超时）", m.sent_late), ("（回复超时）", m.reply_late))
                                                if on)),
]


class MemoList(RecordList):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, COLUMNS, "memos_table", parent,
                         style=lambda m: LATE if m.late and not m.void_reason else (DIMMED if m.void_reason else None))
        self.open_only = QCheckBox("只看待回复")
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.top.addWidget(self.open_only)
        self.add_button("发联系函", self.new, "F2")
        self.add_button("登记回复", self.reply, "F3")
        self.add_button("打印联系函", self.print_memo, "Ctrl+P")
        self.add_button("作废", self.void, visible=may(env, "record.void"))
        self.finish_buttons()

    def load(self) -> list:
        return desk.list_memos(self.env.ctx, open_only=self.open_only.isChecked())

    def after_refresh(self, rows: list) -> None:
        late = sum(1 for m in rows if m.late and not m.void_reason)
        self.summary.setText(f"{len(rows)} 份" + (f"，<span style='color:#c62828;font-weight:bold'>超时 {late} 份</span>"
                                                  if late else ""))

    def new(self) -> None:
        self.open_dialog(MemoDialog(self.env, self))

    def reply(self) -> None:
        m = self.need_current("联系函")
        if m is not None:
            self.open_dialog(ReplyDialog(self.env, m, self))

    def print_memo(self) -> None:
        m = self.need_current("联系函")
        if m is not None:
            preview_form(self.env, self, "internal-memo", number=m.number)

    def void(self) -> None:
        m = self.need_current("联系函")
        if m is not None:
            self.ask_void("联系函", desk.void_memo, m)
