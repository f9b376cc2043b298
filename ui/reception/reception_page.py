"""接待登记: the screen a receptionist keeps open all day.

The entry form at the top (with the 标准用语 panel while a call is entered), today's
list below (any date range, filters, lazy paging), a search box over all dates, the
转告 panel, and 日结.
"""

from __future__ import annotations

import logging
from datetime import date

import shiboken6

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter,
    QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from app.reception import OVERDUE, ContactStatus, RelayStatus
from app.domain.enums import ContactMethod
from ui.forms.awaiting import AwaitingSignatures
from ui.shared.common import Dialogs, UiEnv
from ui.shared.flow_layout import FlowLayout
from ui.reception.contact_form import CATEGORIES, METHODS, ContactForm
from ui.reception.contact_table_model import CONTENT_COLUMN, STATUS_COLUMN, ContactTableModel
from ui.reception.phrases_panel import PhrasesPanel
from ui.reception.relay_panel import RelayPanel

log = logging.getLogger(__name__)

ALL = "全部"
STATUSES = [s.value for s in ContactStatus] + [OVERDUE]
#: Widths in characters of the list's columns (登记时间 … 接待人); 内容 takes what is left.
COLUMN_CHARS = [10.5, 2.6, 4.5, 6.5, 7.5, 2.6, 0, 4.2, 10.5, 10, 3.8, 4]
#: Shown right after 类别, so 状态 and 接待人 are never scrolled out of view at 1366 px.
KEY_COLUMNS = (STATUS_COLUMN, STATUS_COLUMN + 1)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class ReceptionPage(QWidget):
    list_loaded = Signal()  # the list (or a search) shows its first page
    record_opened = Signal(object)  # the ContactDialog

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        from app import reception

        self.env = env
        self.setObjectName("reception_page")
        self._search_text: str | None = None
        self._generation = 0
        self._today = env.ctx.now().date()

        self.form = ContactForm(env, self, shortcut_host=self)
        self.phrases = PhrasesPanel(self)
        self.phrases.setMaximumWidth(300)
        data = reception.standard_phrases(env.ctx)
        self.phrases.set_phrases(data.greeting, data.phrases)

        self.today_button = QPushButton("今天")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for w in (self.date_from, self.date_to):
            w.setDisplayFormat("yyyy-MM-dd")
            w.setCalendarPopup(True)
        self.status_filter = QComboBox()
        self.status_filter.addItems([f"{ALL}状态"] + STATUSES)
        self.category_filter = QComboBox()
        self.category_filter.addItems([f"{ALL}类别"] + CATEGORIES)
        self.method_filter = QComboBox()
        self.method_filter.addItems([f"{ALL}方式"] + METHODS)
        self.receptionist_filter = QComboBox()
        self.receptionist_filter.addItem(f"{ALL}接待人")
        env.runner.submit(reception.receptionists, env.ctx, on_done=self._fill_receptionists,
                          on_error=lambda exc: log.warning("receptionist list: %s", exc), label="")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText("搜索全部日期：电话 / 房号 / 姓名 / 内容（回车搜索，Ctrl+F）")
        self.closing_button = QPushButton("日结…")
        self.print_button = QPushButton("打印 KF-01…")
        self.print_button.setToolTip("打印所选日期范围的《业主来访来电接洽投诉记录表》")

        self.model = ContactTableModel(self, now=env.ctx.now)
        self.model.failed.connect(lambda exc: Dialogs.error(self, exc))
        self.table = QTableView()
        self.table.setObjectName("contact_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.table.fontMetrics().horizontalAdvance("中")
        for i, chars in enumerate(COLUMN_CHARS):
            header.resizeSection(i, int(chars * em) + 12)
        header.setSectionResizeMode(CONTENT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for n, column in enumerate(KEY_COLUMNS):
            header.moveSection(header.visualIndex(column), CONTENT_COLUMN + n)
        self.relay = RelayPanel(env, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "来访来电")
        self.tabs.addTab(self.relay, "转告")
        self.list_label = QLabel()
        self.list_label.setObjectName("list_label")

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.form, 1, Qt.AlignmentFlag.AlignTop)
        top_layout.addWidget(self.phrases)
        bar = FlowLayout()  # wraps onto a second line on a narrow window
        bar.addWidget(self.today_button)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("至"))
        bar.addWidget(self.date_to)
        for w in (self.status_filter, self.category_filter, self.method_filter, self.receptionist_filter):
            bar.addWidget(w)
        self.search_box.setMinimumWidth(self.search_box.fontMetrics().horizontalAdvance("搜索全部日期：电话 / 房号") + 30)
        bar.addWidget(self.search_box, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.closing_button)
        bar.addWidget(AwaitingSignatures(env, "reception", self))
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(bar)
        bottom_layout.addWidget(self.tabs, 1)
        bottom_layout.addWidget(self.list_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        splitter.setSizes([top.sizeHint().height(), 10_000])

        self.form.saved.connect(self._saved)
        self.form.open_requested.connect(self.open_record)
        self.form.method_changed.connect(self._method_changed)
        self.today_button.clicked.connect(self.show_today)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(self._filters_changed)
        for w in (self.status_filter, self.category_filter, self.method_filter, self.receptionist_filter):
            w.currentIndexChanged.connect(self._filters_changed)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text()))
        self.search_box.textChanged.connect(self._search_text_changed)
        self.closing_button.clicked.connect(self.open_day_closing)
        self.print_button.clicked.connect(self.print_contact_log)
        self.table.activated.connect(self._activated)
        self.relay.changed.connect(self._relay_changed)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.form.new_record,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self._focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Escape"), self.search_box, activated=lambda: self.search(""),
                  context=Qt.ShortcutContext.WidgetShortcut)

        self._set_dates(self._today, self._today)
        self._method_changed(self.form.method.currentText())
        self.reload()
        self.relay.refresh()
        self._update_relay_tab()
        self.form.method.setFocus()

    # -- filters -----------------------------------------------------------------------
    def _set_dates(self, d1: date, d2: date) -> None:
        for w in (self.date_from, self.date_to):
            w.blockSignals(True)
        self.date_from.setDate(_qdate(d1))
        self.date_to.setDate(_qdate(d2))
        for w in (self.date_from, self.date_to):
            w.blockSignals(False)

    def _choice(self, combo: QComboBox) -> str | None:
        return None if combo.currentIndex() <= 0 else combo.currentText()

    def current_filter(self, *, with_dates: bool = True):
        from app.reception import ContactFilter

        status = self._choice(self.status_filter)
        return ContactFilter(
            date_from=self.date_from.date().toPython() if with_dates else None,
            date_to=self.date_to.date().toPython() if with_dates else None,
            statuses=(status,) if status and status != OVERDUE else (),
            overdue_only=status == OVERDUE,
            categories=(self._choice(self.category_filter),) if self._choice(self.category_filter) else (),
            methods=(self._choice(self.method_filter),) if self._choice(self.method_filter) else (),
            received_by=self._choice(self.receptionist_filter))

    def _fill_receptionists(self, names: list[str]) -> None:
        if not shiboken6.isValid(self.receptionist_filter):
            return
        current = self.receptionist_filter.currentText()
        self.receptionist_filter.blockSignals(True)
        self.receptionist_filter.clear()
        self.receptionist_filter.addItem(f"{ALL}接待人")
        self.receptionist_filter.addItems(names)
        if current in names:
            self.receptionist_filter.setCurrentText(current)
        self.receptionist_filter.blockSignals(False)

    def _filters_changed(self, *_args) -> None:
        self.reload()

    def show_today(self) -> None:
        self._today = self.env.ctx.now().date()
        self._set_dates(self._today, self._today)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self._search_text = None
        self.reload()

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the list (or the current search) again from its first page."""
        if self._search_text:
            self.search(self._search_text)
        else:
            self._load_list()

    def _load_list(self) -> None:
        from app.domain.errors import FrontDeskError, ValidationError
        from app import reception

        self._generation += 1
        ctx = self.env.ctx
        try:
            flt = self.current_filter()
            if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
                raise ValidationError("日期", "起始日期不能晚于结束日期")
        except FrontDeskError as exc:
            self.list_label.setText(str(exc))
            return
        self.model.set_source(lambda cursor: reception.list_contacts(ctx, flt, after=cursor))
        is_today = flt.date_from == flt.date_to == ctx.now().date()
        span = "今日" if is_today else f"{flt.date_from:%Y-%m-%d} 至 {flt.date_to:%Y-%m-%d}"
        self.list_label.setText(f"{span}：已显示 {self.model.rowCount()} 条")
        generation = self._generation

        def counted(n: int) -> None:
            if shiboken6.isValid(self.list_label) and generation == self._generation:
                self.list_label.setText(f"{span}：共 {n} 条，已显示 {self.model.rowCount()} 条"
                                        + ("（向下滚动加载更多）" if self.model.has_more else ""))

        self.env.runner.submit(reception.count_contacts, ctx, flt, on_done=counted,
                               on_error=lambda exc: None, label="")
        self.list_loaded.emit()

    def search(self, text: str) -> None:
        """Search all dates (with the status/category/method/receptionist filters)."""
        from app import reception

        text = (text or "").strip()
        if not text:
            if self._search_text is not None:
                self._search_text = None
                self.search_box.blockSignals(True)
                self.search_box.clear()
                self.search_box.blockSignals(False)
            self._load_list()
            return
        self._search_text = text
        self._generation += 1
        generation = self._generation
        ctx = self.env.ctx
        flt = self.current_filter(with_dates=False)
        self.list_label.setText(f"正在搜索“{text}”…")

        def done(page) -> None:
            if not shiboken6.isValid(self.model) or generation != self._generation:
                return
            self.model.set_source(lambda cursor: reception.search_contacts(ctx, text, flt, after=cursor),
                                  first_page=page)
            self._search_label(text)
            self.list_loaded.emit()

        def failed(exc) -> None:
            if shiboken6.isValid(self.model) and generation == self._generation:
                self.list_label.setText(str(exc))
                self.model.set_source(None)
                self.list_loaded.emit()

        self.env.runner.submit(reception.search_contacts, ctx, text, flt, on_done=done, on_error=failed,
                               label="")

    def _search_label(self, text: str) -> None:
        n = self.model.rowCount()
        if n == 0:
            self.list_label.setText(f"搜索“{text}”（全部日期）：没有找到记录")
            return
        more = "，向下滚动加载更多" if self.model.has_more else ""
        capped = "；结果较多，只显示最新的这些，请加词缩小范围" if self.model.capped else ""
        self.list_label.setText(f"搜索“{text}”（全部日期，最新在前）：已显示 {n} 条{more}{capped}")

    def _search_text_changed(self, text: str) -> None:
        if not text.strip() and self._search_text:
            self.search("")

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def refresh(self) -> None:
        """Called when the page is shown again: new day, new data."""
        today = self.env.ctx.now().date()
        if today != self._today and self.date_from.date().toPython() == self.date_to.date().toPython() == self._today:
            self._today = today
            self._set_dates(today, today)
        self.reload()
        self.relay.refresh()
        self._update_relay_tab()

    # -- records ------------------------------------------------------------------------
    def _saved(self, row) -> None:
        if self._search_text is None:
            self._load_list()
            i = self.model.find(row.uuid)
            if i >= 0:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
        if row.relay_to:
            self.relay.refresh()
            self._update_relay_tab()
        self._refresh_badges()

    def _activated(self, index) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.open_record(row.uuid)

    def open_record(self, uuid: str):
        from ui.reception.contact_dialog import ContactDialog

        dlg = ContactDialog(self.env, uuid, self)
        dlg.changed.connect(self._record_changed)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        self.record_opened.emit(dlg)
        return dlg

    def _record_changed(self, row) -> None:
        if not self.model.replace_row(row):
            self.reload()
        self.relay.refresh()
        self._update_relay_tab()
        self._refresh_badges()

    def _relay_changed(self) -> None:
        self._update_relay_tab()
        self.reload()
        self._refresh_badges()

    def _update_relay_tab(self) -> None:
        n = self.relay.pending_count
        self.tabs.setTabText(1, f"转告（{n} {RelayStatus.PENDING}）" if n else "转告")

    def _refresh_badges(self) -> None:
        window = self.window()
        if hasattr(window, "refresh_badges"):
            try:
                window.refresh_badges()
            except Exception:
                log.exception("badges")

    #: Below this page width the 标准用语 panel gives its room to the form.
    PHRASES_MIN_PAGE_WIDTH = 1080

    def _method_changed(self, method: str) -> None:
        self._method = method
        self.phrases.setVisible(method == ContactMethod.CALL and self.width() >= self.PHRASES_MIN_PAGE_WIDTH)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._method_changed(getattr(self, "_method", self.form.method.currentText()))

    def print_contact_log(self) -> None:
        """KF-01 for the date range the list shows."""
        from ui.shared.print_preview import preview_form

        d1, d2 = self.date_from.date().toPython(), self.date_to.date().toPython()
        if d1 > d2:
            Dialogs.error(self, "日期：起始日期不能晚于结束日期")
            return
        preview_form(self.env, self, "contact-log", date_from=d1, date_to=d2)

    def open_day_closing(self):
        from ui.reception.day_closing_dialog import DayClosingDialog

        try:
            dlg = DayClosingDialog(self.env, self)
        except Exception as exc:
            Dialogs.error(self, exc)
            return None
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self.reload())
        dlg.open()
        return dlg
