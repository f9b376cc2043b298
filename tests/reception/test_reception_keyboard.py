"""The reception form by keyboard only: Enter through the fields and save, Enter on 保存,
Ctrl+S from anywhere on the page, Esc asks before clearing typing and keeps an undo, and a
draft that survives the window being destroyed without saving."""

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import reception
from ui.reception.reception_page import ReceptionPage


def _page(qtbot, env, *, owned=True) -> ReceptionPage:
    page = ReceptionPage(env)
    if owned:
        qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _focused():
    return QApplication.focusWidget()


def _enter(qtbot):
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)


def _today(ctx):
    return list(reception.list_contacts(ctx, reception.today_filter(ctx)).rows)


def test_enter_moves_through_every_field_and_saves_from_the_last(qtbot, ctx, make_env, dialogs):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.method.setFocus()
    qtbot.waitUntil(lambda: _focused() is form.method)
    _enter(qtbot)
    assert _focused() is form.time
    _enter(qtbot)
    assert _focused() is form.phone
    qtbot.keyClicks(form.phone, "13800138000")
    _enter(qtbot)
    assert _focused() is form.unit
    qtbot.keyClicks(form.unit, "3-2-1502")
    _enter(qtbot)
    assert _focused() is form.name
    form.name.setText("张三")
    _enter(qtbot)
    assert _focused() is form.category
    _enter(qtbot)
    assert _focused() is form.content
    form.content.setText("咨询物业费缴纳方式")
    qtbot.keyClick(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert form.content.toPlainText().count("\n") == 1  # Shift+Enter: a new line, not the next field
    assert _focused() is form.content
    _enter(qtbot)
    assert _focused() is form.mode
    _enter(qtbot)
    assert _focused() is form.handling
    form.handling.setText("已当场告知")
    assert _today(ctx) == []
    _enter(qtbot)  # the last field of a 咨询 handled on the spot: saves

    rows = _today(ctx)
    assert [(r.name, r.unit_no, r.status) for r in rows] == [("张三", "3-2-1502", "已完成")]
    assert dialogs.errors == []
    assert _focused() is form.method and form.name.text() == ""


def test_enter_on_the_save_button_saves(qtbot, ctx, make_env):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.name.setText("李四")
    form.content.setText("咨询停车月卡")
    form.save_button.setFocus()
    qtbot.waitUntil(lambda: _focused() is form.save_button)
    _enter(qtbot)
    assert [r.name for r in _today(ctx)] == ["李四"]


def test_ctrl_s_saves_from_any_field_and_from_outside_the_form(qtbot, ctx, make_env):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    for i, widget in enumerate([form.phone, form.category, form.content, form.mode, form.save_button,
                                page.table, page.search_box]):
        form.name.setText(f"住户{i}")
        form.content.setText(f"第{i}条")
        widget.setFocus()
        qtbot.waitUntil(lambda w=widget: _focused() is w)
        qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert len(_today(ctx)) == i + 1, widget.objectName() or type(widget).__name__


def test_esc_asks_before_clearing_typing_and_the_clear_can_be_undone(qtbot, ctx, make_env, dialogs):
    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "13900001111")
    form.unit.setText("3-2-1502")
    form.content.setText("楼上漏水，已经三天了，家里天花板全湿")

    dialogs.confirm_answer = False
    qtbot.keyClick(form.phone, Qt.Key.Key_Escape)
    assert len(dialogs.confirms) == 1 and "清空" in dialogs.confirms[0]
    assert form.phone.text() == "13900001111" and "三天" in form.content.toPlainText()

    dialogs.confirm_answer = True
    qtbot.keyClick(form.phone, Qt.Key.Key_Escape)
    assert form.phone.text() == "" and form.content.toPlainText() == ""
    assert form.undo_button.isVisible()
    form.undo_button.click()
    assert form.phone.text() == "13900001111" and form.unit.text() == "3-2-1502"
    assert form.content.toPlainText() == "楼上漏水，已经三天了，家里天花板全湿"
    assert not form.undo_button.isVisible()

    # an empty form clears without a question
    form.clear()
    qtbot.keyClick(form.method, Qt.Key.Key_Escape)
    assert len(dialogs.confirms) == 2


def test_a_draft_survives_the_window_being_destroyed(qtbot, ctx, make_env):
    page = _page(qtbot, make_env(ctx), owned=False)  # destroyed below, as a crash would
    form = page.form
    path = ctx.paths.home / "drafts" / "reception.json"
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "13700002222")
    form.name.setText("赵六")
    form.category.setCurrentText("投诉")
    form.content.setText("电梯一周内第三次困人，要求给个说法")
    qtbot.waitUntil(lambda: path.exists() and "第三次" in path.read_text(encoding="utf-8"), timeout=3000)
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "赵六"
    import shiboken6

    shiboken6.delete(page)  # gone without closeEvent or any save: what a crash leaves behind
    del page, form

    again = _page(qtbot, make_env(ctx))
    form = again.form
    assert form.phone.text() == "13700002222" and form.name.text() == "赵六"
    assert form.category.currentText() == "投诉"
    assert form.content.toPlainText() == "电梯一周内第三次困人，要求给个说法"
    assert "恢复" in form.message.text()
    # once saved, the draft is gone
    form.save()
    assert not path.exists()
    assert [r.category for r in _today(ctx)] == ["投诉"]


def test_a_saved_repair_says_where_it_waits_and_the_repairs_badge_counts_it(qtbot, ctx, make_env):
    from app import repairs

    page = _page(qtbot, make_env(ctx))
    form = page.form
    form.name.setText("陈先生")
    form.category.setCurrentText("报修")
    form.mode.setCurrentText("当即处理")
    form.content.setText("卫生间漏水")
    assert form.save() is not None
    assert "报修待转工单" in form.message.text() and "共 1 条" in form.message.text()
    badge = repairs.nav_badge(ctx)
    assert badge.count == 1 and "报修待转工单 1 条" in badge.tooltip
