"""住户 list: search by name, phone or unit; add, edit, tie to units, move out, void."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from ui.shared.common import Dialogs, UiEnv
from ui.shared.permissions import may
from ui.residents.link_dialog import LinkDialog
from ui.residents.list_base import SearchableList, fit_columns, make_table
from ui.residents.resident_dialog import ResidentDialog
from ui.shared.rows_table_model import Column, RowsTableModel


class ResidentTableModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("姓名", lambda r: r.name),
            Column("联系电话", lambda r: r.phone),
            Column("房屋（身份）", lambda r: "，".join(f"{code}（{role}）" for code, role in r.units)),
            Column("备注", lambda r: r.note),
        ], parent)


class TieTableModel(RowsTableModel):
    """A person's units, or a unit's people; ended ties (迁出) in grey."""

    def __init__(self, *, by_unit: bool, parent=None):
        first = ([Column("姓名", lambda t: t.resident_name), Column("联系电话", lambda t: t.phone)] if by_unit
                 else [Column("房号", lambda t: t.unit_code)])
        super().__init__(first + [
            Column("身份", lambda t: t.role),
            Column("入住日期", lambda t: t.move_in),
            Column("迁出日期", lambda t: t.move_out),
        ], parent, dimmed=lambda t: not t.current)


class ResidentList(SearchableList):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(env, parent)
        self._select_id: int | None = None
        self.search = QLineEdit()
        self.search.setObjectName("resident_search")
        self.search.setPlaceholderText("搜索：姓名、电话（可输入部分号码）或房号，如 3-2-1502、3栋2单元")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.schedule_refresh)
        self.search.returnPressed.connect(self.refresh)
        self.count_label = QLabel()
        self.add_button = QPushButton("新增住户…")
        self.edit_button = QPushButton("编辑…")
        self.link_button = QPushButton("关联房屋…")
        self.unlink_button = QPushButton("迁出")
        self.unlink_button.setToolTip("结束所选住户与下方所选房屋的关联（记录保留）")
        self.void_button = QPushButton("作废…")
        self.void_button.setToolTip("录入错误的住户：填写原因后作废")
        self.void_button.setVisible(may(env, "record.void"))
        self.add_button.clicked.connect(self.add_resident)
        self.edit_button.clicked.connect(self.edit_resident)
        self.link_button.clicked.connect(self.link_unit)
        self.unlink_button.clicked.connect(self.unlink_unit)
        self.void_button.clicked.connect(self.void_resident)

        self.model = ResidentTableModel(self)
        self.view = make_table(self.model, "residents_table")
        self.view.doubleClicked.connect(self.edit_resident)
        self.view.selectionModel().currentRowChanged.connect(self._show_ties)
        self.ties = TieTableModel(by_unit=False, parent=self)
        self.ties_view = make_table(self.ties, "resident_ties_table")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.link_button, self.unlink_button, self.void_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel("所选住户的房屋（灰色为已迁出）"))
        lower_layout.addWidget(self.ties_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        from app import residents

        ctx, text = self.env.ctx, self.search.text().strip()
        page = self.model.PAGE
        keep = self._select_id or getattr(self.current(), "id", None)

        def work():
            return residents.count_residents(ctx, text), residents.search_residents(ctx, text, limit=page)

        def apply(result):
            total, rows = result
            self.model.set_rows(rows, more=len(rows) < total,
                                fetch=lambda offset, limit: residents.search_residents(ctx, text, offset=offset,
                                                                                       limit=limit))
            self.count_label.setText(f"共 {total} 位")
            self._select_id = None
            if keep is not None:
                self.select_where(self.view, lambda r: r.id == keep)
            self._show_ties()

        self.load(work, apply, "正在查找住户…" if text else "")

    def current(self):
        return self.selected(self.view)

    def _show_ties(self, *_args) -> None:
        from app import residents

        person = self.current()
        self.ties.set_rows(residents.resident_ties(self.env.ctx, person.id) if person else [])
        fit_columns(self.ties_view)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for b in (self.edit_button, self.link_button, self.unlink_button, self.void_button):
            b.setEnabled(has)

    # -- actions -----------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self.dialog = dialog  # tests reach the open dialog here

        def saved():
            row = dialog.saved
            if row is not None:
                self._select_id = getattr(row, "id", None)
            self.refresh()

        dialog.accepted.connect(saved)
        dialog.open()

    def add_resident(self) -> None:
        self._open(ResidentDialog(self.env, parent=self))

    def edit_resident(self, *_args) -> None:
        from app import residents

        person = self.current()
        if person is not None:  # the one being handled: read whole (the list may show phones masked)
            self._open(ResidentDialog(self.env, residents.get_resident(self.env.ctx, person.id), parent=self))

    def link_unit(self) -> None:
        person = self.current()
        if person is not None:
            self._open(LinkDialog(self.env, person, parent=self))

    def unlink_unit(self) -> None:
        from app import residents

        person = self.current()
        if person is None:
            return
        index = self.ties_view.currentIndex()
        tie = self.ties.row_at(index)
        current = [t for t in self.ties.rows if t.current]
        if tie is None or not tie.current:
            tie = current[0] if len(current) == 1 else None
        if tie is None:
            Dialogs.info(self, "请先在下方选择要迁出的房屋。")
            return
        if not Dialogs.confirm(self, f"{person.name} 从 {tie.unit_code} 迁出（迁出日期：今天）？\n关联记录会保留在历史中。"):
            return
        try:
            residents.unlink_resident(self.env.ctx, person.id, tie.unit_code)
        except Exception as exc:
            Dialogs.error(self, exc)
        self._select_id = person.id
        self.refresh()

    def void_resident(self) -> None:
        from app import residents

        person = self.current()
        if person is None:
            return
        reason = Dialogs.ask_text(self, "作废住户", f"作废“{person.name}”的原因（必填）：")
        if reason is None:
            return
        try:
            residents.void_resident(self.env.ctx, person.id, reason, expected_version=person.version)
        except Exception as exc:
            Dialogs.error(self, exc)
            return
        self.refresh()
