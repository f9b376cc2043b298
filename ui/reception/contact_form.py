"""The entry form at the top of the reception screen: everything by keyboard.

Tab order 方式 → 时间 → 联系电话 → 房号 → 姓名 → 类别 → 内容 → 处理方式 → 处理情况
(or 转交部门 → 负责人 → 要求完成时间) → 投诉类别/性质 or 转告给 → 保存.
Enter moves to the next field and saves from the last one (Shift+Enter: a new line in the
text fields); Ctrl+S or Ctrl+Enter saves from anywhere on the page; Ctrl+N starts a new
record; Esc asks before clearing typed content and keeps the cleared record for 恢复. The
typing is kept as a draft in ``<home>/drafts/reception.json`` and restored on the next start.
After saving the cursor is back in 方式. A known phone number fills in 姓名 and 房号 (several
matches: a short pick list) and shows the household's open items. Errors appear under the
field they concern, in Chinese. A unit the site's roster does not know is questioned at save
(and offered to the roster when the roster is still empty).

One file (over 500 lines) because it is one widget: its fields, key handling, draft, undo and
save share the form's state, and split apart each piece would reach into the others.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget,
)

from app.complaints import ComplaintSeverity
from app.domain.enums import ContactMethod
from app.reception import ContactCategory, HandlingMode
from ui.reception.fields import DT_FORMAT, ERROR_STYLE, DateTimeEdit, MultiLineText, qdt
from ui.reception.phone_fill import PhoneFill
from ui.shared.common import Dialogs, UiEnv
from ui.shared.drafts import DraftKeeper, drafts_folder
from ui.shared.form_keys import EnterMovesOn

log = logging.getLogger(__name__)

METHODS = [m.value for m in ContactMethod]
CATEGORIES = [c.value for c in ContactCategory]
MODES = [m.value for m in HandlingMode]
SEVERITIES = [s.value for s in ComplaintSeverity]


class ContactForm(QWidget):
    saved = Signal(object)  # ContactRow
    method_changed = Signal(str)
    open_requested = Signal(str)  # the uuid of a record of the same household (F3)

    def __init__(self, env: UiEnv, parent: QWidget | None = None, *, shortcut_host: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self._shortcut_host = shortcut_host or self
        self._undo: dict | None = None
        self.setObjectName("contact_form")
        self.errors: dict[str, QLabel] = {}
        self._filling = False
        self._time_touched = False
        self._mode_touched = False
        self._complaint_touched = False
        self._handler_auto = True
        self._due_manual = False
        self._departments: dict[str, str | None] = {}

        self.method = QComboBox()
        self.method.addItems(METHODS)
        self.method.setCurrentText(ContactMethod.CALL.value)
        self.time = DateTimeEdit()
        self.time.setDisplayFormat(DT_FORMAT)
        self.time.setCalendarPopup(True)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("手机或座机")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如 3-2-1502")
        self.name = QLineEdit()
        self.category = QComboBox()
        self.category.addItems(CATEGORIES)
        self.content = MultiLineText(2)
        self.content.setPlaceholderText("事由 / 内容（最多 5000 字）")
        self.mode = QComboBox()
        self.mode.addItems(MODES)
        self.handling = MultiLineText(2)
        self.handling.setPlaceholderText("当即处理的，写明处理情况；留空则为待处理")
        self.department = QComboBox()
        self.department.setEditable(True)
        self.handler = QLineEdit()
        self.due = DateTimeEdit()
        self.due.setDisplayFormat(DT_FORMAT)
        self.due.setCalendarPopup(True)
        self.complaint_category = QComboBox()
        self.severity = QComboBox()
        self.severity.addItems(SEVERITIES)
        self.relay_to = QLineEdit()
        self.relay_to.setPlaceholderText("转告给谁")
        self.save_button = QPushButton("保存（Ctrl+S）")
        self.save_button.setDefault(False)
        self.clear_button = QPushButton("清空（Esc）")
        self.undo_button = QPushButton("恢复清空的记录")
        self.undo_button.setObjectName("undo_clear")
        self.undo_button.setToolTip("找回刚才按 Esc 清空的内容（Ctrl+Shift+Z）")
        self.undo_button.setVisible(False)
        self.phone_fill = PhoneFill(env, self, self.phone, self.name, self.unit, self._show_error)
        self.phone_hint = self.phone_fill.hint
        self.pick_list = self.phone_fill.pick_list

        self._build_layout()
        self._wire()
        self._load_choices()
        self.drafts = DraftKeeper(self, drafts_folder(env.ctx.paths.home) / "reception.json", self.draft_data)
        self._watch_typing()
        left_over = self.drafts.load()  # read before clear() writes the empty form
        self.clear()
        self.restore_draft(left_over)

    # -- layout -----------------------------------------------------------------------
    def _cell(self, widget: QWidget, key: str) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        err = QLabel()
        err.setObjectName(f"error_{key}")
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.setVisible(False)
        lay.addWidget(err)
        self.errors[key] = err
        return box

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        top = Qt.AlignmentFlag.AlignTop

        line_height = QLineEdit().sizeHint().height()

        def put(row, col, caption, widget, key, span=1):
            label = QLabel(caption)
            label.setBuddy(widget)
            label.setMinimumHeight(line_height)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, col, top | Qt.AlignmentFlag.AlignRight)
            grid.addWidget(self._cell(widget, key), row, col + 1, 1, span, top)
            return label

        put(0, 0, "方式", self.method, "method")
        put(0, 2, "时间", self.time, "received_at")
        phone_cell = QWidget()
        pl = QVBoxLayout(phone_cell)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(0)
        pl.addWidget(self.phone)
        pl.addWidget(self.phone_hint)
        put(0, 4, "联系电话", phone_cell, "phone")
        put(0, 6, "房号", self.unit, "unit_no")
        put(0, 8, "姓名", self.name, "name")
        put(0, 10, "类别", self.category, "category")
        put(1, 0, "内容", self.content, "content", span=11)
        put(2, 0, "处理方式", self.mode, "handling_mode")
        self.handling_label = put(2, 2, "处理情况", self.handling, "handling", span=5)
        self.department_label = put(2, 2, "转交部门", self.department, "department")
        self.handler_label = put(2, 4, "负责人", self.handler, "handler")
        self.due_label = put(2, 6, "要求完成", self.due, "due_at")
        self.complaint_label = put(2, 8, "投诉类别", self.complaint_category, "complaint_category")
        self.severity_label = put(2, 10, "性质", self.severity, "severity")
        self.relay_label = put(2, 8, "转告给", self.relay_to, "relay_to", span=3)
        for col in (1, 3, 5, 7, 9, 11):
            grid.setColumnStretch(col, 1)
        # a filled-in unit (12-3-1502) and a name of four characters stay readable
        fm = self.fontMetrics()
        self.unit.setMinimumWidth(fm.horizontalAdvance("12-3-1502W") + 16)
        self.name.setMinimumWidth(fm.horizontalAdvance("欧阳晓明") + 16)
        self.phone.setMinimumWidth(fm.horizontalAdvance("13800138000") + 16)
        self.household = QLabel()
        self.household.setObjectName("household")
        self.household.setWordWrap(True)
        self.household.setTextFormat(Qt.TextFormat.RichText)
        self.household.setStyleSheet("QLabel#household { background: #fff8e1; border: 1px solid #f0c36d;"
                                     " padding: 3px; }")
        self.household.setVisible(False)
        self._household_first: str | None = None
        buttons = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("form_message")
        self.message.setStyleSheet("color: #2e7d32;")
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(grid)
        outer.addWidget(self.household)
        outer.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        order = [self.method, self.time, self.phone, self.unit, self.name, self.category, self.content, self.mode,
                 self.handling, self.department, self.handler, self.due, self.complaint_category, self.severity,
                 self.relay_to, self.save_button]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.enter_keys = EnterMovesOn(self, order[:-1], self.save, buttons=[self.save_button])

    def _wire(self) -> None:
        for seq in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self._shortcut_host, activated=self.save,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Escape"), self, activated=self.escape,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self._shortcut_host, activated=self.undo_clear,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F3"), self._shortcut_host, activated=self.open_household_item,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.escape)
        self.undo_button.clicked.connect(self.undo_clear)
        self.method.currentTextChanged.connect(self.method_changed)
        self.time.dateTimeChanged.connect(self._time_edited)
        self.due.dateTimeChanged.connect(self._due_edited)
        self.phone.editingFinished.connect(self.look_up_phone)
        self.unit.editingFinished.connect(self._normalise_unit)
        self.category.currentTextChanged.connect(self._category_changed)
        self.mode.currentTextChanged.connect(self._mode_changed)
        self.mode.activated.connect(lambda _i: setattr(self, "_mode_touched", True))
        self.department.currentTextChanged.connect(self._department_changed)
        self.handler.textEdited.connect(lambda _t: setattr(self, "_handler_auto", False))
        self.complaint_category.activated.connect(lambda _i: setattr(self, "_complaint_touched", True))
        self.content.textChanged.connect(self._guess_complaint)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(20_000)

    def _load_choices(self) -> None:
        from app.complaints import DEFAULT_COMPLAINT_CATEGORIES
        from app import reception, residents

        ctx = self.env.ctx
        try:
            units = residents.all_unit_codes(ctx)
        except Exception:  # a convenience: typing still works
            log.exception("unit list")
            units = []
        completer = QCompleter(QStringListModel(units, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.unit.setCompleter(completer)
        self._departments = {d.name: d.head for d in reception.department_choices(ctx)}
        self.department.addItems(list(self._departments))
        names = reception.staff_names(ctx)
        heads = [h for h in self._departments.values() if h]
        self.handler.setCompleter(QCompleter(sorted(set(names + heads)), self))
        self.relay_to.setCompleter(QCompleter(names, self))
        self.complaint_category.addItems(list(DEFAULT_COMPLAINT_CATEGORIES))

    def reload_units(self) -> None:
        from app import residents

        model = self.unit.completer().model()
        model.setStringList(residents.all_unit_codes(self.env.ctx))

    # -- behaviour ---------------------------------------------------------------------
    def now(self) -> datetime:
        return self.env.ctx.now()

    def _tick(self) -> None:
        if not self._time_touched:
            self._set_time(self.now())

    def _set_time(self, value: datetime) -> None:
        self._filling = True
        self.time.setDateTime(qdt(value))
        self._filling = False

    def _time_edited(self, *_args) -> None:
        if not self._filling:
            self._time_touched = True

    def _category_changed(self, category: str) -> None:
        from app import reception

        is_complaint = category == ContactCategory.COMPLAINT
        self.complaint_category.setVisible(is_complaint)
        self.severity.setVisible(is_complaint)
        self.complaint_label.setVisible(is_complaint)
        self.severity_label.setVisible(is_complaint)
        is_relay = category == ContactCategory.RELAY
        self.relay_to.setVisible(is_relay)
        self.relay_label.setVisible(is_relay)
        if not is_relay:
            self._show_error("relay_to", None)
        if is_complaint:
            self._guess_complaint()
        if not self._mode_touched:
            dept = reception.default_department(self.env.ctx, category) if not is_relay else None
            self.mode.setCurrentText(HandlingMode.HANDED_OVER if dept else HandlingMode.ON_THE_SPOT)
            if dept:
                self.department.setCurrentText(dept)

    def _mode_changed(self, mode: str) -> None:
        handed = mode == HandlingMode.HANDED_OVER
        for w in (self.handling, self.handling_label):
            w.setVisible(not handed)
        self.errors["handling"].parentWidget().setVisible(not handed)
        for w in (self.department, self.department_label, self.handler, self.handler_label, self.due, self.due_label):
            w.setVisible(handed)
        for key in ("department", "handler", "due_at"):
            self.errors[key].parentWidget().setVisible(handed)
        if handed:
            self._department_changed(self.department.currentText())
            if not self._due_touched():
                self._set_default_due()

    def _due_touched(self) -> bool:
        return self._due_manual

    def _due_edited(self, *_args) -> None:
        if not self._filling:
            self._due_manual = True

    def _set_default_due(self) -> None:
        from app import reception

        try:
            at = self._received_at() or self.now()
            due = reception.default_due_at(self.env.ctx, max(at, self.now()))
        except Exception:
            log.exception("default due")
            return
        filling, self._filling = self._filling, True
        self.due.setDateTime(qdt(due))
        self._filling = filling

    def _department_changed(self, name: str) -> None:
        if self._handler_auto:
            self.handler.setText(self._departments.get(name) or "")

    def _guess_complaint(self) -> None:
        if self.category.currentText() != ContactCategory.COMPLAINT or self._complaint_touched:
            return
        from app import reception

        self.complaint_category.setCurrentText(reception.guess_complaint_category(self.content.toPlainText()))

    def _normalise_unit(self) -> None:
        from app.domain import validate as v
        from app.domain.errors import ValidationError

        text = self.unit.text().strip()
        if not text:
            return
        try:
            code = v.normalize_unit(text)
        except ValidationError as exc:
            self._show_error("unit_no", exc.reason)
            return
        self._show_error("unit_no", None)
        if code and code != text:
            self.unit.setText(code)
        self.show_household()

    def look_up_phone(self) -> None:
        """A known resident's number fills in 姓名 and 房号; several: a short pick list. The
        household's open items and last contacts are shown under the form."""
        self.phone_fill.look_up()
        self.show_household()

    # -- a repeat caller ---------------------------------------------------------------
    def show_household(self) -> None:
        from app import reception

        phone, unit = self.phone.text().strip(), self.unit.text().strip()
        if not phone and not unit:
            self._set_household(None)
            return
        try:
            data = reception.household_contacts(self.env.ctx, phone=phone, unit_no=unit)
        except Exception:
            log.exception("household look-up")
            return
        self._set_household(data)

    def _set_household(self, data) -> None:
        if data is None or data.empty:
            self.household.clear()
            self.household.setVisible(False)
            self._household_first = None
            return
        parts = []
        if data.open_items:
            items = "；".join(
                f"<b>{r.received_at:%m-%d %H:%M} {r.category}</b> {r.name} {self._short(r.content)}（{r.status}"
                + ("，<span style='color:#c62828'>已超时</span>" if r.overdue else "") + "）"
                for r in data.open_items[:3])
            more = f" 等 {len(data.open_items)} 条" if len(data.open_items) > 3 else ""
            parts.append(f"此户未办结：{items}{more}")
        open_ids = {r.uuid for r in data.open_items}
        recent = [r for r in data.recent if r.uuid not in open_ids][:3]
        if recent:
            parts.append("最近来访来电：" + "；".join(
                f"{r.received_at:%m-%d} {r.category} {self._short(r.content, 16)}（{r.status}）" for r in recent))
        self._household_first = (data.open_items or data.recent)[0].uuid
        self.household.setText("<br>".join(parts) + "　<span style='color:#666'>按 F3 打开</span>")
        self.household.setVisible(True)

    @staticmethod
    def _short(text: str, n: int = 24) -> str:
        from html import escape

        text = " ".join((text or "").split())
        return escape(text if len(text) <= n else text[:n] + "…")

    def open_household_item(self) -> None:
        if self._household_first:
            self.open_requested.emit(self._household_first)

    # -- errors ------------------------------------------------------------------------
    def _show_error(self, key: str, text: str | None) -> None:
        label = self.errors.get(key)
        if label is None:
            return
        label.setText(text or "")
        label.setVisible(bool(text))

    def clear_errors(self) -> None:
        for key in self.errors:
            self._show_error(key, None)

    def error_text(self, key: str) -> str:
        label = self.errors.get(key)
        return label.text() if label is not None and label.isVisible() else ""

    def _field_widget(self, key: str) -> QWidget | None:
        return {"method": self.method, "received_at": self.time, "phone": self.phone, "unit_no": self.unit,
                "name": self.name, "category": self.category, "content": self.content, "handling_mode": self.mode,
                "handling": self.handling, "completed_at": self.handling, "department": self.department,
                "handler": self.handler, "due_at": self.due, "relay_to": self.relay_to,
                "severity": self.severity, "complaint_category": self.complaint_category}.get(key)

    def show_errors(self, errors) -> None:
        self.clear_errors()
        first = None
        for exc in errors:
            key = getattr(exc, "key", None) or ""
            if key == "completed_at":
                key = "handling"
            if (key == "category" and self.category.currentText() == ContactCategory.COMPLAINT
                    and getattr(exc, "field", "") != "类别"):
                key = "complaint_category"
            if key not in self.errors:
                continue
            self._show_error(key, getattr(exc, "reason", None) or str(exc))
            first = first or self._field_widget(key)
        if first is not None:
            first.setFocus()
        else:
            Dialogs.error(self, errors[0])

    # -- data --------------------------------------------------------------------------
    def _received_at(self) -> datetime | None:
        return self.time.dateTime().toPython().replace(microsecond=0) if self._time_touched else None

    def data(self) -> dict:
        handed = self.mode.currentText() == HandlingMode.HANDED_OVER
        d = dict(method=self.method.currentText(), received_at=self._received_at(), phone=self.phone.text(),
                 unit_no=self.unit.text(), name=self.name.text(), category=self.category.currentText(),
                 content=self.content.toPlainText(), handling_mode=self.mode.currentText(),
                 handling=None if handed else self.handling.toPlainText(),
                 department=self.department.currentText() if handed else None,
                 handler=self.handler.text() if handed else None,
                 due_at=self.due.dateTime().toPython().replace(microsecond=0, second=0) if handed else None)
        if d["category"] == ContactCategory.RELAY:
            d["relay_to"] = self.relay_to.text()
        return d

    def save(self):
        """Validate every field, save, clear and go back to the first field."""
        from app.domain.errors import FrontDeskError, ValidationError
        from app import reception

        if self.pick_list.isVisible():
            self.pick_list.hide()
        data = self.data()
        try:
            errors = reception.validate_contact(self.env.ctx, **data)
            if errors:
                self.show_errors(errors)
                return None
            if not self._unit_accepted(data["unit_no"]):
                return None
            extra = {}
            if data["category"] == ContactCategory.COMPLAINT:
                extra = dict(complaint_category=self.complaint_category.currentText(),
                             complaint_severity=self.severity.currentText())
            row = reception.create_contact(self.env.ctx, **data, **extra)
        except ValidationError as exc:
            self.show_errors([exc])
            return None
        except FrontDeskError as exc:
            Dialogs.error(self, exc)
            return None
        except Exception as exc:
            Dialogs.error(self, exc)
            return None
        self._undo = None
        self.undo_button.setVisible(False)
        self.clear()
        self.drafts.discard()
        note = "，已生成投诉" if row.complaint_uuid else (f"，待转告{row.relay_to}" if row.relay_to else "")
        if row.category == ContactCategory.REPAIR and not row.complaint_uuid:
            note += self._repair_cue()
        self.message.setText(f"已保存：{row.received_at:%H:%M} {row.name} {row.category}{note}")
        self.saved.emit(row)
        return row

    def _unit_accepted(self, unit_no: str) -> bool:
        """A unit the site's roster does not know: with units in the roster, probably a typing
        slip -- ask before saving (No goes back to 房号); with an empty roster, offer to add it
        (added through the residents service, so it is audited); the record is saved either way."""
        from app import residents
        from app.domain import validate as v
        from app.domain.errors import NotFound

        code = v.normalize_unit(unit_no)
        if not code:
            return True
        try:
            residents.get_unit(self.env.ctx, code)
            return True
        except NotFound:
            pass
        if residents.count_units(self.env.ctx) == 0:
            if Dialogs.confirm(self, f"本站的房屋名册还是空的，房号“{code}”不在其中。\n"
                                     f"要把“{code}”添加到房屋名册吗？\n"
                                     "（选「否」也会保存这条记录，只是不添加房屋；"
                                     "整个名册可在 报表与导出 → 工作簿 → 导入房屋住户名册 中一次导入。）", "添加房屋"):
                residents.add_unit(self.env.ctx, code)
                self.reload_units()
            return True
        if Dialogs.confirm(self, f"房号“{code}”不在本站的房屋名册中，可能输错了。\n"
                                 "仍按这个房号保存吗？（选「否」返回修改房号）", "房号不在名册中"):
            return True
        self._show_error("unit_no", "不在本站的房屋名册中，请核对房号")
        self.unit.setFocus()
        self.unit.selectAll()
        return False

    def _repair_cue(self) -> str:
        """Where a saved 报修 now waits, and how many wait there."""
        from app import repairs

        try:
            waiting = len(repairs.intake_queue(self.env.ctx))
        except Exception:
            log.exception("repair intake count")
            return "，已进入 维修工单 → 报修待转工单"
        return f"，已进入 维修工单 → 报修待转工单（共 {waiting} 条待转工单）"

    def clear(self) -> None:
        """A new, empty record (方式 stays); the cursor goes to the first field."""
        if self.pick_list.isVisible():
            self.pick_list.hide()
            return
        self.drafts.pause(True)
        self._filling = True
        self._time_touched = False
        self._mode_touched = False
        self._complaint_touched = False
        self._handler_auto = True
        self._due_manual = False
        self.phone_fill.reset()
        self._set_household(None)
        for w in (self.phone, self.unit, self.name, self.handler, self.relay_to):
            w.clear()
        self.content.clear()
        self.handling.clear()
        self.category.setCurrentIndex(0)
        self.mode.setCurrentText(HandlingMode.ON_THE_SPOT)
        self.severity.setCurrentIndex(0)
        self._filling = False
        self._set_time(self.now())
        self._category_changed(self.category.currentText())
        self._mode_changed(self.mode.currentText())
        self.clear_errors()
        self.drafts.pause(False)
        self.drafts.save_now()
        self.method.setFocus()

    def new_record(self) -> None:
        self.message.clear()
        self.escape()

    # -- typing that is never lost ---------------------------------------------------------
    TEXT_FIELDS = ("phone", "unit", "name", "content", "handling", "handler", "relay_to")

    def _watch_typing(self) -> None:
        touch = self.drafts.touch
        for w in (self.phone, self.unit, self.name, self.handler, self.relay_to):
            w.textChanged.connect(touch)
        for w in (self.content, self.handling):
            w.textChanged.connect(touch)
        for w in (self.method, self.category, self.mode, self.department, self.complaint_category, self.severity):
            w.currentTextChanged.connect(touch)
        for w in (self.time, self.due):
            w.dateTimeChanged.connect(touch)

    def has_typing(self) -> bool:
        """Something a person typed that would be lost by clearing."""
        return any(getattr(self, key).text().strip() for key in self.TEXT_FIELDS if key != "handler")

    def draft_data(self) -> dict | None:
        """The form as a JSON-able dict (None when nothing was typed)."""
        if not self.has_typing():
            return None
        return dict(
            user=self.env.actor.username if self.env.actor else None,
            saved_at=self.now().isoformat(timespec="seconds"),
            method=self.method.currentText(),
            received_at=self.time.dateTime().toPython().isoformat(timespec="minutes") if self._time_touched else None,
            phone=self.phone.text(), unit=self.unit.text(), name=self.name.text(),
            category=self.category.currentText(), content=self.content.toPlainText(),
            mode=self.mode.currentText(), handling=self.handling.toPlainText(),
            department=self.department.currentText(), handler=self.handler.text(),
            due_at=self.due.dateTime().toPython().isoformat(timespec="minutes") if self._due_manual else None,
            complaint_category=self.complaint_category.currentText() if self._complaint_touched else None,
            severity=self.severity.currentText(), relay_to=self.relay_to.text())

    def set_draft(self, d: dict) -> None:
        """Fill the form from ``draft_data()`` (a restored draft, or an undone clear)."""
        self.drafts.pause(True)
        try:
            self.method.setCurrentText(d.get("method") or self.method.currentText())
            if d.get("received_at"):
                self.time.setDateTime(qdt(datetime.fromisoformat(d["received_at"])))
                self._time_touched = True
            self.phone.setText(d.get("phone") or "")
            self.unit.setText(d.get("unit") or "")
            self.name.setText(d.get("name") or "")
            self.category.setCurrentText(d.get("category") or self.category.currentText())
            self.content.setPlainText(d.get("content") or "")
            if d.get("mode"):
                self._mode_touched = True
                self.mode.setCurrentText(d["mode"])
            self.handling.setPlainText(d.get("handling") or "")
            if d.get("department"):
                self.department.setCurrentText(d["department"])
            if d.get("handler") is not None:
                self.handler.setText(d["handler"])
                self._handler_auto = False
            if d.get("due_at"):
                self.due.setDateTime(qdt(datetime.fromisoformat(d["due_at"])))
                self._due_manual = True
            if d.get("complaint_category"):
                self.complaint_category.setCurrentText(d["complaint_category"])
                self._complaint_touched = True
            if d.get("severity"):
                self.severity.setCurrentText(d["severity"])
            self.relay_to.setText(d.get("relay_to") or "")
        finally:
            self.drafts.pause(False)
        self.drafts.save_now()

    def restore_draft(self, d: dict | None) -> bool:
        """A draft left by a crash or a forced close comes back, with a word about it."""
        if not d:
            return False
        try:
            self.set_draft(d)
        except (ValueError, TypeError):
            return False
        when = (d.get("saved_at") or "").replace("T", " ")[:16]
        self.message.setText(f"已恢复上次未保存的记录（{when}），请核对后保存")
        self.phone.setFocus()
        return True

    def escape(self) -> None:
        """Esc: close a pick list; on a form with typing, ask first and keep what is cleared."""
        if self.pick_list.isVisible():
            self.pick_list.hide()
            return
        if self.has_typing():
            if not Dialogs.confirm(self, "清空正在填写的这条记录吗？\n清空后可点「恢复清空的记录」找回。", "清空记录"):
                return
            self._undo = self.draft_data()
            self.undo_button.setVisible(True)
            self.message.setText("已清空。点「恢复清空的记录」（Ctrl+Shift+Z）可以找回。")
        self.clear()

    def undo_clear(self) -> None:
        if not self._undo:
            return
        d, self._undo = self._undo, None
        self.undo_button.setVisible(False)
        self.clear()
        self.set_draft(d)
        self.message.setText("已恢复清空的记录")
        self.phone.setFocus()
