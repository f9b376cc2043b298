"""系统设置 → 工作日历: the admin enters next year's days off and make-up days; the warning
shows until the year is confirmed; others can look but not edit."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from app.core import calendar as calendar_service
from ui.shared.common import UiEnv
from ui.admin import calendar_tab


@pytest.fixture
def errors(dialogs):
    return dialogs.errors


def _tab(qtbot, ctx):
    tab = calendar_tab.Tab(UiEnv(ctx, None))
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_admin_enters_next_year(qtbot, admin_ctx, errors):
    tab = _tab(qtbot, admin_ctx)
    assert tab.warning.isVisible() and "2027" in tab.warning.text()
    assert "chinese-calendar" in tab.coverage.text()
    national_day = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())
                    if tab.table.item(r, 3).text() == "国庆节"]
    assert national_day[0] == "2026-10-01" and len(national_day) == 7

    tab.year.setValue(2027)
    assert tab.table.rowCount() == 0 and "没有法定节假日数据" in tab.coverage.text()
    tab.day.setDate(QDate(2027, 10, 1))
    tab.kind.setCurrentText("休息日")
    tab.note.setText("国庆节")
    qtbot.mouseClick(tab.set_button, Qt.MouseButton.LeftButton)
    tab.day.setDate(QDate(2027, 9, 25))
    tab.kind.setCurrentText("调休上班")
    qtbot.mouseClick(tab.set_button, Qt.MouseButton.LeftButton)
    assert errors == []
    rows = {tab.table.item(r, 0).text(): tab.table.item(r, 2).text() for r in range(tab.table.rowCount())}
    assert rows == {"2027-09-25": "调休上班", "2027-10-01": "休息日"}
    cal = calendar_service.load_calendar(admin_ctx)
    assert cal.is_workday(date(2027, 9, 25)) and not cal.is_workday(date(2027, 10, 1))
    assert tab.warning.isVisible()
    tab.confirm.click()
    assert not tab.warning.isVisible() and calendar_service.coverage_warning(admin_ctx) is None

    tab.day.setDate(QDate(2027, 9, 25))
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())] == ["2027-10-01"]


def test_others_may_look_but_not_edit(qtbot, ctx):
    tab = _tab(qtbot, ctx)
    assert not tab.set_button.isEnabled() and not tab.remove_button.isEnabled()
    assert tab.table.rowCount() > 20


def test_admin_imports_next_years_notice_month_by_month(qtbot, admin_ctx, dialogs):
    from pathlib import Path

    from ui.admin.notice_import_dialog import NoticeImportDialog

    tab = _tab(qtbot, admin_ctx)
    assert tab.import_button.isVisible()
    dlg = tab.import_notice()
    assert isinstance(dlg, NoticeImportDialog)
    text = (Path(__file__).parents[1] / "core" / "notices" / "2026.txt").read_text(encoding="utf-8")
    dlg.text.setPlainText(text.replace("2026年", "2027年"))
    assert not dlg.save_button.isEnabled()
    assert dlg.read()
    assert "2027 年" in dlg.summary.text() and dlg.save_button.isEnabled()
    assert "春节" in dlg.month_labels[1].text()  # February, for the admin to check
    dlg.grab().save(str(admin_ctx.paths.home / "notice_dialog.png"))
    dlg.save_button.click()
    assert dialogs.infos and "2027" in dialogs.infos[-1]
    assert calendar_service.coverage_warning(admin_ctx) is None
    assert not tab.warning.isVisible() or "2027" not in tab.warning.text()
    assert any(r.note and "春节" in r.note for r in calendar_service.list_overrides(admin_ctx, 2027))


def test_a_receptionist_sees_no_import(qtbot, ctx):
    tab = _tab(qtbot, ctx)
    assert not tab.import_button.isVisible()
