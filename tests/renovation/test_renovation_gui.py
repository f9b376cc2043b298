"""装修管理 as the desk uses it: a supervisor approves an application and prints the permit;
a receptionist enters a five-unit round by keyboard, one with a violation, and the notice appears."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.forms import printing
from app import renovation as reno
from tests.renovation.helpers import application_data as _data, approved_application as _approved
from ui.shared.common import Dialogs, UiEnv
from ui.renovation.renovation_page import RenovationPage
from ui.shared.worker import TaskRunner


@pytest.fixture
def dialogs(monkeypatch):
    """Modal message boxes replaced: answers given, messages recorded."""
    said = {"error": [], "info": [], "confirm": [], "ask": [], "answer": "同意"}
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, exc, title="错误": said["error"].append(exc)))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text, title="提示": said["info"].append(text)))
    monkeypatch.setattr(Dialogs, "confirm",
                        classmethod(lambda cls, parent, text, title="请确认": said["confirm"].append(text) or True))
    monkeypatch.setattr(Dialogs, "ask_text", classmethod(
        lambda cls, parent, title, label, text="": said["ask"].append(label) or said["answer"]))
    return said


@pytest.fixture
def make_page(qtbot):
    runners = []

    def make(ctx):
        runner = TaskRunner()
        runners.append(runner)
        page = RenovationPage(UiEnv(ctx, runner))
        qtbot.addWidget(page)
        page.resize(1400, 800)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page

    yield make
    for runner in runners:
        runner.shutdown()


def test_supervisor_approves_and_the_permit_prints(qtbot, ctx, supervisor_ctx, dialogs, make_page, tmp_path,
                                                   monkeypatch, qtmodeltester):
    pending = reno.apply(ctx, _data("3-2-1502"))
    # A receptionist sees the application but no approval buttons.
    desk = make_page(ctx)
    desk.tabs.setCurrentWidget(desk.applications)
    assert desk.applications.approve_button.isHidden() and desk.applications.refuse_button.isHidden()

    page = make_page(supervisor_ctx)
    apps = page.applications
    page.tabs.setCurrentWidget(apps)
    qtmodeltester.check(apps.model)
    assert [r.unit_no for r in apps.model.rows] == ["3-2-1502"]
    assert apps.current().uuid == pending.uuid and apps.approve_button.isEnabled()
    assert "待审批" in apps.detail.toPlainText()

    qtbot.mouseClick(apps.approve_button, Qt.MouseButton.LeftButton)
    assert dialogs["error"] == []
    row = reno.get(ctx, pending.uuid)
    assert row.status == "施工中" and row.permit_no == "ZX2026-0001" and row.approved_by == "张敏"
    assert apps.current().status == "施工中" and not apps.approve_button.isEnabled()
    assert any("ZX2026-0001" in text for text in dialogs["confirm"])  # "print the permit now?" — yes
    # The unit joins today's round.
    assert [i.unit_no for i in page.round.model.rows] == ["3-2-1502"]

    # The permit preview opens (rendered on the worker); saving it writes and archives the PDF.
    qtbot.waitUntil(lambda: apps.last_preview is not None, timeout=30000)
    preview = apps.last_preview.preview
    assert "ZX-03" in preview.caption.text()
    out = tmp_path / "permit.pdf"
    monkeypatch.setattr(Dialogs, "save_file", classmethod(lambda cls, parent, title, default, filters: str(out)))
    preview.save()
    qtbot.waitUntil(lambda: bool(printing.print_log(ctx)), timeout=30000)
    [logged] = printing.print_log(ctx)
    assert (logged.form_code, logged.subject, logged.actor) == ("ZX-03", "ZX2026-0001", "张敏")
    text = "".join(PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text().split())
    assert "装修许可证" in text and "ZX2026-0001" in text and "3-2-1502" in text
    with open(logged.archive_path, "rb") as fh:
        assert fh.read() == out.read_bytes()
    apps.last_preview.close()


def test_refusal_needs_a_reason_and_is_shown(qtbot, ctx, supervisor_ctx, dialogs, make_page):
    pending = reno.apply(ctx, _data("5-1-0301"))
    page = make_page(supervisor_ctx)
    apps = page.applications
    page.tabs.setCurrentWidget(apps)
    dialogs["answer"] = "  "
    qtbot.mouseClick(apps.refuse_button, Qt.MouseButton.LeftButton)
    assert len(dialogs["error"]) == 1 and "驳回原因" in str(dialogs["error"][0])
    assert reno.get(ctx, pending.uuid).status == "待审批"
    dialogs["answer"] = "施工单位无资质"
    qtbot.mouseClick(apps.refuse_button, Qt.MouseButton.LeftButton)
    assert reno.get(ctx, pending.uuid).status == "已驳回"
    assert "施工单位无资质" in apps.detail.toPlainText()


def _ctrl_enter(qtbot):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_receptionist_enters_a_five_unit_round_by_keyboard(qtbot, ctx, supervisor_ctx, clock, dialogs, make_page,
                                                           qtmodeltester):
    for unit in ("3-2-1502", "3-2-1602", "5-1-0301", "5-1-0401", "12-0801"):
        _approved(ctx, supervisor_ctx, unit)
    clock.set(datetime(2026, 11, 20, 10, 0))
    page = make_page(ctx)
    round_ = page.round
    panel = round_.panel
    qtmodeltester.check(round_.model)
    assert [i.unit_no for i in round_.model.rows] == ["3-2-1502", "3-2-1602", "5-1-0301", "5-1-0401", "12-0801"]
    assert "未巡查 5 户" in round_.summary.text()

    # Enter on the first unit starts its visit.
    round_.table.setFocus()
    round_.table.selectRow(0)
    qtbot.keyClick(round_.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is panel.state

    # 1) 3-2-1502: working, nothing wrong — just Ctrl+Enter.
    _ctrl_enter(qtbot)
    assert round_.current().unit_no == "3-2-1602" and QApplication.focusWidget() is panel.state
    # 2) 3-2-1602: nobody there (one step down the list).
    qtbot.keyClick(panel.state, Qt.Key.Key_Down)
    assert panel.state.currentText() == "无人"
    _ctrl_enter(qtbot)
    # 3) 5-1-0301: progress 水电, key check 1 (承重结构) failed, a note.
    assert round_.current().unit_no == "5-1-0301"
    qtbot.keyClick(panel.state, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.progress
    qtbot.keyClick(panel.progress, Qt.Key.Key_Down)
    qtbot.keyClick(panel.progress, Qt.Key.Key_Down)
    assert panel.progress.currentText() == "水电"
    qtbot.keyClick(panel.progress, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.checks
    qtbot.keyClick(panel.checks, Qt.Key.Key_Space)
    assert panel.failed_checks() == ["承重结构"]
    panel.note.setText("卫生间与卧室间墙体已凿开")
    _ctrl_enter(qtbot)
    assert "ZG2026-0001" in panel.result.text() and panel.print_notice_button.isVisibleTo(panel)
    # 4) 5-1-0401: the door is not opened.
    assert round_.current().unit_no == "5-1-0401"
    qtbot.keyClick(panel.state, Qt.Key.Key_Down)
    qtbot.keyClick(panel.state, Qt.Key.Key_Down)
    assert panel.state.currentText() == "拒不开门"
    _ctrl_enter(qtbot)
    # 5) 12-0801: fine.
    assert round_.current().unit_no == "12-0801"
    _ctrl_enter(qtbot)
    assert dialogs["error"] == []

    items = {i.unit_no: i for i in round_.model.rows}
    assert all(i.visited_today for i in items.values())
    assert "已巡查 5 户，未巡查 0 户" in round_.summary.text()
    assert [v.site_state for v in items["3-2-1602"].visits_today] == ["无人"]
    assert [v.site_state for v in items["5-1-0401"].visits_today] == ["拒不开门"]
    [visit] = items["5-1-0301"].visits_today
    assert (visit.progress, visit.failed_checks, visit.note) == ("水电", "承重结构", "卫生间与卧室间墙体已凿开")
    assert items["5-1-0301"].open_notices == 1 and visit.notice_no == "ZG2026-0001"
    assert sum(i.open_notices for i in items.values()) == 1

    # The notice appears in 整改通知, and turns red once its deadline has passed.
    page.tabs.setCurrentWidget(page.notices)
    qtmodeltester.check(page.notices.model)
    [notice] = page.notices.model.rows
    assert (notice.notice_no, notice.unit_no, notice.failed_checks) == ("ZG2026-0001", "5-1-0301", "承重结构")
    assert not notice.overdue
    clock.set(datetime(2026, 11, 24, 9, 0))
    page.notices.refresh()
    index = page.notices.model.index(0, 0)
    assert page.notices.model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert "逾期 1 份" in page.notices.summary.text()
