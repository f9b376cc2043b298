"""The 工作簿 tab (报表与导出), the 自动导出 settings tab and the end-of-day hook, driven with pytest-qt."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMainWindow

from app.exchange import service as exchange
from tests.exchange.test_exchange_workbook import add_contact, col
from ui.shared.common import Dialogs
from tests.exchange_helpers import save_edited


@pytest.fixture
def dialogs(monkeypatch):
    """Replace the message boxes and file pickers; collect what would have been shown."""
    shown = {"error": [], "info": [], "save": None, "open": None}
    monkeypatch.setattr(Dialogs, "error", classmethod(
        lambda cls, parent, exc, title="错误": shown["error"].append((title, exc if isinstance(exc, str) else str(exc)))))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text, title="提示": shown["info"].append(text)))
    monkeypatch.setattr(Dialogs, "save_file", classmethod(lambda cls, *a: shown["save"]))
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a: shown["open"]))
    return shown


def test_export_tab_exports_with_progress_and_lists_import_errors(qtbot, admin_ctx, make_env, dialogs, tmp_path):
    from ui.exchange.workbook_tab import Tab

    for i in range(3):
        add_contact(admin_ctx, name=f"住户{i}")
    tab = Tab(make_env(admin_ctx))
    qtbot.addWidget(tab)
    assert tab.date_from.date() == QDate(2026, 11, 20)
    tab.date_from.setDate(QDate(2026, 11, 19))
    tab.mask.setChecked(False)
    dialogs["save"] = str(tmp_path / "日结.xlsx")
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert tab.busy and not tab.export_button.isEnabled()
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)
    assert dialogs["error"] == []
    assert "已导出" in tab.status.text() and "来访来电 3 条" in tab.status.text()
    assert (tab.progress.maximum(), tab.progress.value()) == (3, 3)  # the bar followed the export
    assert not tab.progress.isVisible() and tab.export_button.isEnabled()
    assert load_workbook(tmp_path / "日结.xlsx")["汇总"]["B5"].value == datetime(2026, 11, 19)
    assert "手动  2026-11-19 至 2026-11-20  3 条" in tab.history.item(0).text()

    # A broken copy: every error is listed, nothing is imported.
    wb = load_workbook(tmp_path / "日结.xlsx")
    ws = wb["来访来电"]
    ws.cell(2, col(ws, "方式")).value = "上门"
    ws.cell(3, col(ws, "状态")).value = "办完了"
    save_edited(wb, tmp_path / "bad.xlsx")
    dialogs["open"] = str(tmp_path / "bad.xlsx")
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)
    lines = tab.result.toPlainText().splitlines()
    assert lines == ["来访来电 / 第 2 行 / 方式：“上门”不是有效的值，应为 来访 / 来电 / 来函 / 其他",
                     "来访来电 / 第 3 行 / 状态：“办完了”不是有效的值，应为 待处理 / 处理中 / 已完成 / 已作废"]
    assert dialogs["error"] == [("导入未完成", "有 2 处错误，未导入任何记录。错误已列在下方。")]

    # The good one imports (nothing new: the records are ours already).
    dialogs["open"] = str(tmp_path / "日结.xlsx")
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)
    assert tab.status.text() == "导入完成：新增 0，更新 0，未变 3"


def test_roster_import_from_the_tab(qtbot, admin_ctx, make_env, dialogs, tmp_path):
    from tests.residents.test_exchange_roster import roster
    from ui.exchange.workbook_tab import Tab

    tab = Tab(make_env(admin_ctx))
    qtbot.addWidget(tab)
    dialogs["open"] = str(roster(tmp_path / "r.xlsx"))
    qtbot.mouseClick(tab.roster_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)
    assert "新增房屋 4" in tab.result.toPlainText()
    qtbot.mouseClick(tab.roster_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)
    assert tab.status.text() == "名册导入完成：没有需要更改的内容"


def test_receptionist_sees_export_but_not_import(qtbot, ctx, make_env):
    from ui.exchange.workbook_tab import Tab

    tab = Tab(make_env(ctx))
    qtbot.addWidget(tab)
    assert tab.export_button.isEnabled()
    assert not tab.import_button.isEnabled() and not tab.roster_button.isEnabled()


def test_auto_export_settings_tab(qtbot, supervisor_ctx, make_env, dialogs, tmp_path, monkeypatch):
    from ui.exchange.auto_export_tab import Tab

    tab = Tab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    assert not tab.enabled.isChecked() and tab.time.time() == QTime(18, 0)
    assert tab.last.text() == "尚未自动导出过。"
    monkeypatch.setattr(tab, "choose_folder", lambda: str(tmp_path))
    qtbot.mouseClick(tab.browse, Qt.MouseButton.LeftButton)
    tab.enabled.setChecked(True)
    tab.time.setTime(QTime(17, 30))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert dialogs["error"] == [] and dialogs["info"] == ["自动导出设置已保存。"]
    assert exchange.auto_export_settings(supervisor_ctx) == exchange.AutoExportSettings(True, "17:30", str(tmp_path),
                                                                                          False)
    tab.folder.setText(str(tmp_path / "gone"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "不存在" in dialogs["error"][-1][1]


def test_hook_reminds_on_close_and_shows_a_failed_auto_export(qtbot, admin_ctx, make_env, dialogs, clock, tmp_path):
    from ui.exchange import export_reminder

    env = make_env(admin_ctx)
    add_contact(admin_ctx)
    assert "还没有导出" in export_reminder.on_close(env)

    usb = tmp_path / "usb"
    usb.mkdir()
    exchange.save_auto_export_settings(admin_ctx, enabled=True, at="18:00", folder=str(usb))
    shutil.rmtree(usb)
    clock.set(datetime(2026, 11, 20, 18, 5))
    window = QMainWindow()
    qtbot.addWidget(window)
    export_reminder.on_login(env, window)
    exporter = window._auto_exporter
    with qtbot.waitSignal(exporter.failed, timeout=20000):
        pass
    assert dialogs["error"] and dialogs["error"][0][0] == "自动导出失败"
    assert "不存在或无法访问" in dialogs["error"][0][1]
    assert "自动导出失败" in window.statusBar().currentMessage()

    usb.mkdir()
    clock.set(datetime(2026, 11, 20, 18, 40))
    with qtbot.waitSignal(exporter.exported, timeout=20000) as blocker:
        exporter.check()
    assert blocker.args[0].path == str(usb / "DEMO-工作簿-20261120.xlsx")
    assert "已自动导出" in window.statusBar().currentMessage()
    assert export_reminder.on_close(env) is None
    assert exchange.last_export(admin_ctx, date(2026, 11, 20)).kind == "auto"
