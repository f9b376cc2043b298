"""pytest-qt on the reception screen: a record typed without the mouse, saved with Ctrl+S
and shown in today's list; a known phone fills name and unit (several: a pick list); a 投诉
record creates its linked complaint; a supervisor closes a 转交 record with 处理情况; errors
next to the fields; Esc/Ctrl+N; search; 转告 and the login hook; 日结; the lazy table model."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.complaints.models import Complaint
from app import reception, residents
from ui.shared.common import Dialogs, error_text
from ui.reception.contact_table_model import STATUS_COLUMN, ContactTableModel
from ui.reception.reception_page import ReceptionPage


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []

    def error(cls, parent, exc, title="错误"):
        messages.append(exc if isinstance(exc, str) else error_text(exc))

    monkeypatch.setattr(Dialogs, "error", classmethod(error))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text, title="提示": messages.append(text)))
    return messages


def _page(qtbot, env) -> ReceptionPage:
    page = ReceptionPage(env)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _focused():
    return QApplication.focusWidget()


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(_focused(), key, modifier)


def _tab(qtbot, times=1):
    for _ in range(times):
        _key(qtbot, Qt.Key.Key_Tab)


def _stored(ctx, uuid):
    return reception.get_contact(ctx, uuid)


def test_a_record_typed_without_the_mouse_is_saved_and_listed_today(qtbot, ctx, make_env, shown):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.method.setFocus()
    qtbot.waitUntil(lambda: _focused() is form.method)
    _key(qtbot, Qt.Key.Key_Up)  # 来电 → 来访
    assert form.method.currentText() == "来访"
    _tab(qtbot)
    assert _focused() is form.time
    _tab(qtbot)
    assert _focused() is form.phone
    qtbot.keyClicks(_focused(), "138 0013 8000")
    _tab(qtbot)
    assert _focused() is form.unit
    qtbot.keyClicks(_focused(), "3-2-1502")
    _tab(qtbot)
    assert _focused() is form.name
    form.name.setText("张三")
    _tab(qtbot)
    assert _focused() is form.category
    _tab(qtbot)
    assert _focused() is form.content
    form.content.setText("咨询物业费缴纳方式")
    _tab(qtbot)
    assert _focused() is form.mode
    _tab(qtbot)
    assert _focused() is form.handling
    form.handling.setText("已当场告知缴费方式")
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert shown == []
    top = page.model.row_at(0)
    assert top is not None and top.name == "张三" and top.content == "咨询物业费缴纳方式"
    assert top.method == "来访" and top.status == "已完成" and top.received_by == "王丽"
    assert page.model.data(page.model.index(0, 4)) == "13800138000"
    assert page.model.data(page.model.index(0, 3)) == "3-2-1502"
    # the form is empty again and the cursor is back in the first field
    assert form.name.text() == "" and form.content.toPlainText() == "" and form.phone.text() == ""
    assert _focused() is form.method
    assert "张三" in form.message.text()
    # Ctrl+Enter saves too
    form.name.setText("李四")
    form.content.setText("咨询停车月卡")
    form.content.setFocus()
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.model.row_at(0).name == "李四"
    assert page.model.row_at(0).status == "待处理"
    assert "今日" in page.list_label.text()


def test_errors_appear_next_to_the_fields_and_nothing_is_saved(qtbot, ctx, make_env, shown):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.phone.setText("12ab")
    form.content.setText("x" * 5001)
    form.save()
    assert "必填" in form.error_text("name")
    assert "5000" in form.error_text("content")
    assert "电话" in form.error_text("phone") or "手机" in form.error_text("phone")
    assert form.errors["name"].isVisible()
    assert _focused() is form.phone  # the first field in error
    assert page.model.rowCount() == 0
    assert reception.count_contacts(ctx) == 0
    # 转交 without a department
    form.phone.setText("13800138000")
    form.name.setText("王五")
    form.content.setText("漏水")
    form.mode.setCurrentText("转交")
    form.department.setCurrentText("")
    form.save()
    assert "部门" in form.error_text("department")
    assert form.error_text("name") == ""
    assert shown == []


def test_esc_clears_and_ctrl_n_starts_a_new_record(qtbot, ctx, make_env):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.name.setFocus()
    qtbot.keyClicks(form.name, "abc")
    form.content.setText("内容")
    _key(qtbot, Qt.Key.Key_Escape)
    assert form.name.text() == "" and form.content.toPlainText() == ""
    assert _focused() is form.method
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "139")
    page.table.setFocus()
    _key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.phone.text() == "" and _focused() is form.method


def test_a_known_phone_fills_name_and_unit(qtbot, ctx, make_env):
    residents.add_resident(ctx, name="李四", phone="13900001111", unit_no="5-1-0801")
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "139-0000-1111")
    _tab(qtbot)
    assert form.name.text() == "李四"
    assert form.unit.text() == "5-1-0801"
    assert "李四" in form.phone_hint.text()
    # a name typed by hand is never overwritten
    form.clear()
    form.name.setText("李四的家人")
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "13900001111")
    _tab(qtbot)
    assert form.name.text() == "李四的家人" and form.unit.text() == "5-1-0801"


def test_several_matches_give_a_short_pick_list(qtbot, ctx, make_env):
    residents.add_resident(ctx, name="赵六", phone="13700002222", unit_no="2-1-0302")
    residents.add_resident(ctx, name="赵六妻", phone="13700002222", unit_no="7-2-1101")
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "13700002222")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(form.pick_list.isVisible)
    assert form.pick_list.count() == 2
    qtbot.keyClick(form.pick_list, Qt.Key.Key_Down)
    qtbot.keyClick(form.pick_list, Qt.Key.Key_Return)
    assert not form.pick_list.isVisible()
    assert (form.name.text(), form.unit.text()) == ("赵六妻", "7-2-1101")


def test_unit_is_completed_and_normalised(qtbot, ctx, make_env):
    residents.add_unit(ctx, "3-2-1502")
    residents.add_unit(ctx, "3-2-1503")
    page = _page(qtbot, make_env(ctx))
    form = page.form
    completer = form.unit.completer()
    completer.setCompletionPrefix("3-2-15")
    assert completer.completionCount() == 2
    form.unit.setFocus()
    qtbot.keyClicks(form.unit, "3")
    form.unit.setText("3栋2单元1502室")
    form.name.setFocus()
    form.unit.editingFinished.emit()
    assert form.unit.text() == "3-2-1502"


def test_a_complaint_record_creates_its_linked_complaint(qtbot, ctx, make_env, shown):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.category.setFocus()
    form.category.setCurrentText("投诉")
    assert form.complaint_category.isVisible() and form.mode.currentText() == "转交"
    form.phone.setText("13800138000")
    form.name.setText("王先生")
    form.unit.setText("1-1-101")
    form.content.setText("楼上装修噪音太大，中午也在施工")
    assert form.complaint_category.currentText() == "装修噪音扰民"
    form.content.setFocus()
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shown == []
    row = page.model.row_at(0)
    assert row.category == "投诉" and row.complaint_uuid
    with ctx.read() as s:
        complaint = s.scalars(select(Complaint).where(Complaint.source_contact_uuid == row.uuid)).one()
        assert complaint.uuid == row.complaint_uuid
        assert complaint.status == "已受理" and complaint.category == "装修噪音扰民"
    assert "投诉" in form.message.text()


def test_a_supervisor_closes_a_handed_over_record(qtbot, ctx, supervisor_ctx, make_env, clock, shown):
    handed = reception.create_contact(ctx, method="来电", name="孙七", category="报修", content="阳台下水管堵塞",
                                      phone="13600003333", handling_mode="转交", department="工程部")
    clock.set(clock.now + timedelta(hours=2))
    page = _page(qtbot, make_env(supervisor_ctx))
    i = page.model.find(handed.uuid)
    assert page.model.data(page.model.index(i, STATUS_COLUMN)) == "处理中"
    dlg = page.open_record(handed.uuid)
    qtbot.addWidget(dlg)
    assert dlg.void_button.isVisible()
    history = [dlg.history.item(r, 2).text() for r in range(dlg.history.rowCount())]
    assert history == ["登记"]
    dlg.handling.setPlainText("工程部已上门疏通，业主确认")
    dlg.complete_button.click()
    assert dlg.complete_error.text() == ""
    stored = _stored(ctx, handed.uuid)
    assert stored.status == "已完成" and stored.handling == "工程部已上门疏通，业主确认"
    assert stored.completed_at == datetime(2026, 11, 20, 11, 0)
    assert page.model.data(page.model.index(i, STATUS_COLUMN)) == "已完成"
    assert [dlg.history.item(r, 2).text() for r in range(dlg.history.rowCount())] == ["登记", "办结"]
    assert dlg.history.item(1, 1).text() == "张敏"
    # the supervisor voids it with a reason
    Dialogs.ask_text = classmethod(lambda cls, *a, **k: "重复登记")
    try:
        dlg.void_button.click()
    finally:
        del Dialogs.ask_text
    assert _stored(ctx, handed.uuid).void_reason == "重复登记"
    assert page.model.row_at(i).status == "已作废"
    assert shown == []


def test_a_receptionist_cannot_void_and_sees_overdue_in_red(qtbot, ctx, make_env, clock):
    handed = reception.create_contact(ctx, method="来电", name="孙七", category="报修", content="阳台下水管堵塞",
                                      phone="13600003333", handling_mode="转交", department="工程部")
    clock.set(datetime(2026, 11, 20, 18, 30))
    page = _page(qtbot, make_env(ctx))
    i = page.model.find(handed.uuid)
    assert page.model.data(page.model.index(i, STATUS_COLUMN)) == "已超时"
    brush = page.model.data(page.model.index(i, 2), Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#c62828"
    dlg = page.open_record(handed.uuid)
    qtbot.addWidget(dlg)
    assert not dlg.void_button.isVisible()
    assert dlg.handle_box.isEnabled()


def test_filters_and_date_range(qtbot, ctx, make_env, clock):
    clock.set(datetime(2026, 11, 19, 10, 0))
    reception.create_contact(ctx, method="来访", name="昨天", category="咨询", content="昨天的咨询")
    clock.set(datetime(2026, 11, 20, 9, 0))
    reception.create_contact(ctx, method="来电", name="今天甲", category="报修", content="漏水", handling="已修")
    reception.create_contact(ctx, method="来访", name="今天乙", category="咨询", content="咨询")
    page = _page(qtbot, make_env(ctx))
    assert sorted(r.name for r in page.model.rows) == ["今天乙", "今天甲"]
    page.method_filter.setCurrentText("来访")
    assert [r.name for r in page.model.rows] == ["今天乙"]
    page.method_filter.setCurrentIndex(0)
    page.status_filter.setCurrentText("已完成")
    assert [r.name for r in page.model.rows] == ["今天甲"]
    page.status_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.receptionist_filter.count() > 1)
    page.receptionist_filter.setCurrentText("王丽")
    assert len(page.model.rows) == 2
    page.receptionist_filter.setCurrentText("管理员")
    assert page.model.rows == []
    page.receptionist_filter.setCurrentIndex(0)
    page.date_from.setDate(page.date_from.date().addDays(-1))
    assert [r.name for r in page.model.rows] == ["今天乙", "今天甲", "昨天"]
    page.show_today()
    assert len(page.model.rows) == 2


def test_search_box_finds_across_dates(qtbot, ctx, make_env, clock):
    clock.set(datetime(2025, 3, 1, 10, 0))
    old = reception.create_contact(ctx, method="来电", name="老记录", category="报修", content="卫生间漏水")
    clock.set(datetime(2026, 11, 20, 9, 0))
    new = reception.create_contact(ctx, method="来电", name="新记录", category="报修", content="厨房漏水严重")
    reception.create_contact(ctx, method="来电", name="别的", category="咨询", content="咨询停车")
    page = _page(qtbot, make_env(ctx))
    page.search_box.setFocus()
    qtbot.keyClicks(page.search_box, "a")
    page.search_box.setText("漏水")
    with qtbot.waitSignal(page.list_loaded, timeout=5000):
        _key(qtbot, Qt.Key.Key_Return)
    assert [r.uuid for r in page.model.rows] == [new.uuid, old.uuid]
    assert "漏水" in page.list_label.text()
    with qtbot.waitSignal(page.list_loaded, timeout=5000):
        _key(qtbot, Qt.Key.Key_Escape)
    assert len(page.model.rows) == 2 and page.search_box.text() == ""


def test_phrases_panel_shows_the_greeting_while_a_call_is_entered(qtbot, ctx, make_env):
    page = _page(qtbot, make_env(ctx))
    page.form.method.setCurrentText("来电")
    assert page.phrases.isVisible()
    assert "我姓王" in page.phrases.greeting.text()
    assert page.phrases.phrases.count() >= 3
    page.form.method.setCurrentText("来访")
    assert not page.phrases.isVisible()


def test_message_relay_in_the_form_and_the_panel(qtbot, ctx, supervisor_ctx, make_env, shown):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.category.setCurrentText("转告")
    assert form.relay_to.isVisible()
    form.name.setText("快递员")
    form.content.setText("请张主管回电")
    form.save()
    assert "必填" in form.error_text("relay_to")
    form.relay_to.setText("张敏")
    assert form.save() is not None
    assert page.relay.pending_count == 1
    assert "1 待转告" in page.tabs.tabText(1)
    # a standalone message from the panel, then marked 已转告
    panel = page.relay
    panel.to_staff.setText("李强")
    panel.message.setText("财务请回电")
    panel.from_person.setText("业主")
    panel.add()
    assert panel.pending_count == 2
    row = next(i for i, m in enumerate(panel.messages) if m.to_staff == "李强")
    panel.table.setCurrentCell(row, 0)
    panel.mark_selected()
    assert panel.pending_count == 1
    assert reception.list_pending_messages(ctx, "李强") == []
    assert shown == []


def test_pending_messages_are_shown_after_login(qtbot, ctx, supervisor_ctx, make_env):
    from ui.reception import pending_messages_hook as pending_messages

    reception.create_message(ctx, to_staff="张敏", message="业主刘先生请回电", from_person="刘先生",
                             from_phone="13500004444")
    env = make_env(supervisor_ctx)
    pending_messages.on_login(env, None)
    qtbot.waitUntil(lambda: pending_messages.KEY in env.extras, timeout=5000)
    dlg = env.extras[pending_messages.KEY]
    qtbot.addWidget(dlg)
    assert dlg.isVisible() and dlg.table.rowCount() == 1
    assert dlg.table.item(0, 3).text() == "业主刘先生请回电"
    dlg.read_button.click()
    assert reception.list_pending_messages(ctx, "张敏") == []
    # nothing pending: nothing shown
    env2 = make_env(ctx)
    pending_messages.on_login(env2, None)
    qtbot.wait(300)
    assert pending_messages.KEY not in env2.extras


def test_day_closing_lists_open_items_and_offers_print(qtbot, ctx, make_env, monkeypatch, shown):
    from ui.reception import day_closing_dialog

    reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="咨询", handling="已答复")
    open_ = reception.create_contact(ctx, method="来电", name="乙", category="报修", content="灯不亮",
                                     handling_mode="转交", department="工程部")
    page = _page(qtbot, make_env(ctx))
    calls = []
    monkeypatch.setattr(day_closing_dialog.print_preview, "preview_form",
                        lambda env, parent, key, **kw: calls.append((key, kw)))
    dlg = page.open_day_closing()
    qtbot.addWidget(dlg)
    assert "共登记 2 条" in dlg.summary.text()
    assert dlg.open_table.rowCount() == 1 and dlg.open_table.item(0, 2).text() == "乙"
    assert dlg.without_table.rowCount() == 1
    assert dlg.print_button.isVisible()
    dlg.print_button.click()
    day = ctx.now().date()
    assert calls == [("contact-log", {"date_from": day, "date_to": day})]
    assert open_.uuid


def test_table_model_loads_lazily(qtmodeltester, ctx, clock):
    start = clock.now
    for i in range(230):
        clock.set(start + timedelta(seconds=i))
        reception.create_contact(ctx, method="来电", name=f"客{i}", category="咨询", content=f"内容{i}",
                                 handling="已答复" if i % 2 else None)
    calls = []

    def fetch(cursor):
        calls.append(cursor)
        return reception.list_contacts(ctx, after=cursor, limit=100)

    model = ContactTableModel(now=ctx.now)
    model.set_source(fetch)
    assert model.rowCount() == 100 and model.canFetchMore() and len(calls) == 1
    model.fetchMore()
    assert model.rowCount() == 200 and len(calls) == 2
    qtmodeltester.check(model)  # the tester fetches the rest
    assert model.rowCount() == 230 and not model.canFetchMore()
    assert len(calls) == 3
    assert model.data(model.index(0, 2)) == "客229"
    assert len({r.uuid for r in model.rows}) == 230
    model.set_source(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_day_closing_exports_the_days_workbook(qtbot, ctx, make_env, monkeypatch, tmp_path, shown):
    from ui.reception import day_closing_dialog

    reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="咨询物业费", handling="已答复")
    page = _page(qtbot, make_env(ctx))
    target = tmp_path / "today.xlsx"
    monkeypatch.setattr(Dialogs, "save_file", classmethod(lambda cls, *a, **k: str(target)))
    dlg = page.open_day_closing()
    qtbot.addWidget(dlg)
    assert dlg.export_button.isVisible()
    dlg.export_button.click()
    qtbot.waitUntil(lambda: any("已导出" in m for m in shown), timeout=10000)
    assert target.exists()
    from openpyxl import load_workbook

    sheet = load_workbook(target)["来访来电"]
    headers = [c.value for c in sheet[1]]
    first = [c.value for c in sheet[2]]
    assert first[headers.index("姓名")] == "甲" and first[headers.index("内容")] == "咨询物业费"


def test_day_closing_prints_kf01_through_the_preview(qtbot, ctx, make_env, shown):
    from ui.reception import day_closing_dialog

    from ui.shared.print_preview import PreviewDialog

    reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="咨询物业费", handling="已答复")
    page = _page(qtbot, make_env(ctx))
    dlg = page.open_day_closing()
    qtbot.addWidget(dlg)
    dlg.print_button.click()

    def previews():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewDialog) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(previews() or shown), timeout=20000)
    assert shown == []
    for w in previews():
        qtbot.addWidget(w)


def test_print_button_previews_kf01_for_the_listed_range(qtbot, ctx, make_env, clock):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication

    from ui.shared.print_preview import PreviewDialog

    reception.create_contact(ctx, method="来访", name="印刷测试", unit_no="3-2-1502", phone="13800138000",
                             category="咨询", content="咨询打印功能", handling="已解答")
    page = _page(qtbot, make_env(ctx))
    day = clock.now.date()
    page.date_from.setDate(QDate(day.year, day.month, day.day))
    page.date_to.setDate(QDate(day.year, day.month, day.day))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)

    def preview():
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, PreviewDialog) and w.isVisible()), None)

    qtbot.waitUntil(lambda: preview() is not None, timeout=20000)
    dlg = preview()
    qtbot.addWidget(dlg)
    assert "KF-01" in dlg.windowTitle()
    assert dlg.preview.rendered.period_from == day == dlg.preview.rendered.period_to
