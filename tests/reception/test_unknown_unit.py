"""A record for a unit the site's roster does not know: with an empty roster the receptionist is
offered to add the unit (added through the residents service, audited, and the record saved
either way); with a roster, the unit is probably mistyped -- asked first, No goes back to 房号."""

from app import reception, residents
from app.core import records
from ui.reception.reception_page import ReceptionPage


def _form(qtbot, env):
    page = ReceptionPage(env)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    form = page.form
    form.name.setText("张三")
    form.content.setText("咨询物业费缴纳方式")
    form.handling.setText("已当场告知")
    return form


def _saved(ctx):
    return [(r.name, r.unit_no) for r in reception.list_contacts(ctx, reception.today_filter(ctx)).rows]


def test_empty_roster_offers_to_add_the_unit_and_the_addition_is_audited(qtbot, ctx, make_env, dialogs):
    form = _form(qtbot, make_env(ctx))
    form.unit.setText("3-2-1502")
    dialogs.confirm_answer = True
    assert form.save() is not None
    assert len(dialogs.confirms) == 1
    assert "3-2-1502" in dialogs.confirms[0] and "添加到房屋名册" in dialogs.confirms[0]
    assert _saved(ctx) == [("张三", "3-2-1502")]
    unit = residents.get_unit(ctx, "3-2-1502")
    trail = records.history(ctx, unit.uuid)
    assert trail and trail[0].actor == "王丽"
    assert "3-2-1502" in form.unit.completer().model().stringList()  # offered from now on

    # the unit is known now: the next record for it saves without a question
    form.name.setText("李四")
    form.content.setText("咨询停车月卡")
    form.unit.setText("3-2-1502")
    assert form.save() is not None
    assert len(dialogs.confirms) == 1


def test_empty_roster_no_still_saves_the_record_without_adding_the_unit(qtbot, ctx, make_env, dialogs):
    form = _form(qtbot, make_env(ctx))
    form.unit.setText("3-2-1502")
    dialogs.confirm_answer = False
    assert form.save() is not None
    assert len(dialogs.confirms) == 1
    assert _saved(ctx) == [("张三", "3-2-1502")]
    assert residents.count_units(ctx) == 0


def test_a_unit_missing_from_a_roster_is_warned_and_no_goes_back_to_the_unit(qtbot, ctx, make_env, dialogs):
    residents.add_unit(ctx, "1-1-101")
    form = _form(qtbot, make_env(ctx))
    form.unit.setText("3-2-1502")
    dialogs.confirm_answer = False
    assert form.save() is None
    assert len(dialogs.confirms) == 1 and "不在本站的房屋名册中" in dialogs.confirms[0]
    assert _saved(ctx) == []
    assert "名册" in form.error_text("unit_no")
    assert form.unit.text() == "3-2-1502" and form.content.toPlainText() == "咨询物业费缴纳方式"  # nothing lost
    qtbot.waitUntil(lambda: form.unit.hasFocus() or not form.isActiveWindow(), timeout=1000)

    dialogs.confirm_answer = True  # 是: saved as typed, the roster unchanged
    assert form.save() is not None
    assert _saved(ctx) == [("张三", "3-2-1502")]
    assert residents.count_units(ctx) == 1

    form.name.setText("王五")  # a unit in the roster: no question at all
    form.content.setText("咨询快递柜位置")
    form.unit.setText("1-1-101")
    assert form.save() is not None
    assert len(dialogs.confirms) == 2
