"""业主与房屋 as a receptionist uses it: find people by name, phone or unit; add and edit
people, buildings and units; tie people to units and move them out."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app import residents
from ui.shared.common import Dialogs, UiEnv
from ui.residents.residents_page import ResidentsPage
from ui.shared.rows_table_model import RowsTableModel
from ui.shared.worker import TaskRunner


@pytest.fixture
def dialogs(monkeypatch):
    """Modal message boxes replaced: answers given, messages recorded."""
    said = {"error": [], "info": [], "confirm": [], "ask": []}
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, exc, title="错误": said["error"].append(exc)))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text, title="提示": said["info"].append(text)))
    monkeypatch.setattr(Dialogs, "confirm",
                        classmethod(lambda cls, parent, text, title="请确认": said["confirm"].append(text) or True))
    monkeypatch.setattr(Dialogs, "ask_text", classmethod(
        lambda cls, parent, title, label, text="": said["ask"].append(label) or "重复录入"))
    return said


@pytest.fixture
def make_page(qtbot, db_url):  # after the database: the workers stop before it goes away
    runners = []

    def make(ctx, height=700):
        runner = TaskRunner()
        runners.append(runner)
        page = ResidentsPage(UiEnv(ctx, runner))
        qtbot.addWidget(page)
        page.resize(1100, height)
        page.show()
        return page

    yield make
    for runner in runners:
        runner.shutdown()


@pytest.fixture
def people(ctx):
    residents.add_resident(ctx, name="张三", phone="13800138000", unit_no="3栋2单元1502室")
    residents.add_resident(ctx, name="李四", phone="0755-88886666", unit_no="3-2-1502", role="租户")
    residents.add_resident(ctx, name="王五", phone="13912345678", unit_no="5-1-0801")


@pytest.fixture
def page(qtbot, ctx, people, dialogs, make_page):
    page = make_page(ctx)
    with qtbot.waitSignal(page.residents.loaded):
        page.refresh()
    return page


def names(lst):
    return sorted(r.name for r in lst.model.rows)


def search(qtbot, lst, text):
    with qtbot.waitSignal(lst.loaded, timeout=5000):
        lst.search.setText(text)


def save(qtbot, lst, dialog):
    with qtbot.waitSignal(lst.loaded, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_lists_and_searches_in_sql(qtbot, qtmodeltester, page):
    lst = page.residents
    assert names(lst) == ["张三", "李四", "王五"]
    assert lst.count_label.text() == "共 3 位"
    qtmodeltester.check(lst.model)
    search(qtbot, lst, "3栋2单元")  # a unit however it is written, or a part of it
    assert names(lst) == ["张三", "李四"]
    search(qtbot, lst, "3幢2单元1502室")
    assert names(lst) == ["张三", "李四"]
    search(qtbot, lst, "")
    with qtbot.waitSignal(lst.loaded, timeout=5000):
        qtbot.keyClicks(lst.search, "8888")  # a fragment of a phone number
    assert names(lst) == ["李四"]
    search(qtbot, lst, "王")
    assert names(lst) == ["王五"]
    lst.view.selectRow(0)
    assert [(t.unit_code, t.role) for t in lst.ties.rows] == [("5-1-0801", "业主")]
    qtmodeltester.check(lst.ties)
    search(qtbot, lst, "没有这个人")
    assert lst.model.rowCount() == 0 and lst.count_label.text() == "共 0 位"


def test_add_edit_link_and_move_out(qtbot, page, ctx, clock, dialogs):
    lst = page.residents
    qtbot.mouseClick(lst.add_button, Qt.MouseButton.LeftButton)
    dlg = lst.dialog
    assert dlg.isVisible()
    # Bad input: the dialog stays open, names the field, nothing is saved.
    dlg.phone.setText("12345x")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "姓名" in dlg.message.text()
    dlg.name.setText("赵六")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "联系电话" in dlg.message.text()
    assert residents.count_residents(ctx) == 3
    dlg.phone.setText("")
    qtbot.keyClicks(dlg.phone, "+86 138 1234 5678")
    qtbot.keyClicks(dlg.unit_no, "6-1-0302")
    dlg.role.setCurrentText("住户")
    save(qtbot, lst, dlg)
    added = lst.current()
    # A receptionist's list shows the phone masked; the saved record holds it whole.
    assert (added.name, added.phone, added.units) == ("赵六", "138****5678", (("6-1-0302", "住户"),))
    assert residents.get_resident(ctx, added.id).phone == "13812345678"
    assert names(lst) == ["张三", "李四", "王五", "赵六"]

    # Edit the selected person.
    qtbot.mouseClick(lst.edit_button, Qt.MouseButton.LeftButton)
    lst.dialog.note.setPlainText("腿脚不便，上门服务")
    save(qtbot, lst, lst.dialog)
    assert lst.current().note == "腿脚不便，上门服务" and lst.current().version == 2

    # Tie them to a second unit, then move out of the first one.
    qtbot.mouseClick(lst.link_button, Qt.MouseButton.LeftButton)
    lst.dialog.unit_no.setText("3栋2单元1502")
    lst.dialog.role.setCurrentText("业主")
    save(qtbot, lst, lst.dialog)
    assert sorted((t.unit_code, t.role) for t in lst.ties.rows) == [("3-2-1502", "业主"), ("6-1-0302", "住户")]
    assert [m.name for m in residents.residents_of_unit(ctx, "3-2-1502")] == ["张三", "李四", "赵六"]

    clock.set(clock.now + timedelta(days=1))
    row = lst.ties.find(lambda t: t.unit_code == "6-1-0302")
    lst.ties_view.selectRow(row)
    with qtbot.waitSignal(lst.loaded):
        qtbot.mouseClick(lst.unlink_button, Qt.MouseButton.LeftButton)
    assert "6-1-0302" in dialogs["confirm"][-1]
    assert lst.current().units == (("3-2-1502", "业主"),)
    past = next(t for t in lst.ties.rows if t.unit_code == "6-1-0302")
    assert past.move_out == clock.now.date()  # kept in the history, shown in grey
    assert lst.ties.data(lst.ties.index(lst.ties.rows.index(past), 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert dialogs["error"] == []


def test_stale_edit_is_refused_in_the_dialog(qtbot, page, ctx, supervisor_ctx):
    lst = page.residents
    lst.view.selectRow(0)
    person = lst.current()
    qtbot.mouseClick(lst.edit_button, Qt.MouseButton.LeftButton)
    residents.update_resident(supervisor_ctx, person.id, expected_version=person.version, name=person.name,
                              phone="13700137000", note="张敏先改了")
    lst.dialog.note.setPlainText("王丽后改的")
    qtbot.mouseClick(lst.dialog.save_button, Qt.MouseButton.LeftButton)
    assert lst.dialog.isVisible()
    assert "张敏" in lst.dialog.message.text() and "刷新" in lst.dialog.message.text()
    assert residents.get_resident(ctx, person.id).note == "张敏先改了"


def test_void_only_for_supervisor(qtbot, ctx, supervisor_ctx, people, dialogs, make_page):
    receptionist_page = make_page(ctx)
    assert not receptionist_page.residents.void_button.isVisibleTo(receptionist_page)
    page = make_page(supervisor_ctx)
    lst = page.residents
    with qtbot.waitSignal(lst.loaded):
        page.refresh()
    lst.view.selectRow(lst.model.find(lambda r: r.name == "王五"))
    assert lst.void_button.isVisibleTo(page) and lst.void_button.isEnabled()
    with qtbot.waitSignal(lst.loaded):
        qtbot.mouseClick(lst.void_button, Qt.MouseButton.LeftButton)
    assert "王五" in dialogs["ask"][-1]
    assert names(lst) == ["张三", "李四"]


def test_long_lists_load_page_by_page(qtbot, qtmodeltester, ctx, monkeypatch, dialogs, make_page):
    for i in range(12):
        residents.add_resident(ctx, name=f"住户{i:02d}", phone=f"1380000{i:04d}", unit_no=f"9-1-{i + 1}01")
    monkeypatch.setattr(RowsTableModel, "PAGE", 5)
    page = make_page(ctx, height=260)  # room for a few rows: the view asks for more only when scrolled
    lst = page.residents
    with qtbot.waitSignal(lst.loaded):
        page.refresh()
    assert lst.model.rowCount() == 5 and lst.count_label.text() == "共 12 位"
    assert lst.model.canFetchMore()
    lst.model.fetchMore()
    assert lst.model.rowCount() == 10
    qtmodeltester.check(lst.model)  # also fetches the rest
    lst.view.scrollToBottom()
    qtbot.waitUntil(lambda: lst.model.rowCount() == 12)
    assert not lst.model.canFetchMore()
    assert [r.name for r in lst.model.rows] == [f"住户{i:02d}" for i in range(12)]


def test_buildings_and_units(qtbot, qtmodeltester, page, ctx, dialogs):
    units = page.units
    with qtbot.waitSignal(units.loaded):
        page.tabs.setCurrentIndex(1)
    buildings = [b.label for b in units.buildings.rows]
    assert buildings == ["全部楼栋", "3栋", "5栋"]
    assert [u.code for u in units.model.rows] == ["3-2-1502", "5-1-0801"]
    assert units.model.rows[0].residents == "张三(业主) 李四(租户)"
    qtmodeltester.check(units.buildings)
    qtmodeltester.check(units.model)

    # A new building, typed the way people say it.
    qtbot.mouseClick(units.add_building_button, Qt.MouseButton.LeftButton)
    units.dialog.name.setText("12号楼")
    units.dialog.area.setText("北区")
    save(qtbot, units, units.dialog)
    assert [b.name for b in units.buildings.rows] == ["", "3", "5", "12"]

    # Units of building 12 only; add two, natural order (201 before 1001).
    with qtbot.waitSignal(units.loaded):
        units.buildings_view.selectRow(3)
    assert units.model.rowCount() == 0
    for no, area in (("12栋1单元1001室", "120.5"), ("12-1-201", "")):
        qtbot.mouseClick(units.add_unit_button, Qt.MouseButton.LeftButton)
        assert units.dialog.unit_no.text() == "12-"
        units.dialog.unit_no.setText(no)
        units.dialog.floor_area.setText(area)
        save(qtbot, units, units.dialog)
    assert [u.code for u in units.model.rows] == ["12-1-201", "12-1-1001"]
    assert units.current().code == "12-1-201"

    # Edit: a bad area is refused and named.
    qtbot.mouseClick(units.edit_unit_button, Qt.MouseButton.LeftButton)
    units.dialog.floor_area.setText("很大")
    qtbot.mouseClick(units.dialog.save_button, Qt.MouseButton.LeftButton)
    assert "建筑面积" in units.dialog.message.text()
    units.dialog.floor_area.setText("89")
    units.dialog.occupied.setChecked(False)
    save(qtbot, units, units.dialog)
    assert (units.current().floor_area, units.current().occupied) == (89.0, False)

    # Register a person in the selected unit, then move them out from the unit side.
    qtbot.mouseClick(units.add_person_button, Qt.MouseButton.LeftButton)
    assert units.dialog.unit_no.text() == "12-1-201"
    units.dialog.name.setText("孙七")
    save(qtbot, units, units.dialog)
    assert units.current().residents == "孙七(业主)"
    assert [t.resident_name for t in units.ties.rows] == ["孙七"]
    qtmodeltester.check(units.ties)
    units.ties_view.selectRow(0)
    with qtbot.waitSignal(units.loaded):
        qtbot.mouseClick(units.move_out_button, Qt.MouseButton.LeftButton)
    assert units.current().residents == ""
    assert units.ties.rows[0].move_out is not None

    # Search across all buildings by a resident's name.
    with qtbot.waitSignal(units.loaded):
        units.buildings_view.selectRow(0)
    search(qtbot, units, "李四")
    assert [u.code for u in units.model.rows] == ["3-2-1502"]
    assert dialogs["error"] == []


def test_screenshot(qtbot, page, tmp_path):
    """The page renders with Chinese text (kept for a person to look at)."""
    page.residents.view.selectRow(0)
    path = tmp_path / "residents.png"
    assert page.grab().save(str(path))
    assert path.stat().st_size > 10_000
