"""报表与导出 → 表单打印, the print preview window, and 系统设置 → 表单打印."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor

from app.forms import printing
from tests.forms.test_forms_pdf import add_contact
from ui.shared.common import Dialogs, UiEnv
from ui.shared.worker import TaskRunner


@pytest.fixture
def env(ctx, make_env):
    return make_env(ctx)


def _tab(env, qtbot):
    from ui.forms.forms_tab import Tab

    tab = Tab(env, None)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    return tab


def test_forms_tab_previews_saves_and_logs(env, qtbot, tmp_path, monkeypatch, qtmodeltester):
    add_contact(env.ctx, datetime(2026, 11, 20, 9, 30), name="欧阳娜娜", content="咨询门禁卡补办")
    tab = _tab(env, qtbot)
    labels = [tab.forms.item(i).text() for i in range(tab.forms.count())]
    for expected in ("KF-01 业主来访来电接洽投诉记录表", "KF-02 住户投诉处理意见表", "KF-03 回访记录表"):
        assert expected in labels
    tab.select("contact-log")
    tab.inputs["date_from"].setDate(QDate(2026, 11, 20))
    tab.inputs["date_to"].setDate(QDate(2026, 11, 20))
    assert not tab.preview.save_button.isEnabled()
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.preview.rendered is not None, timeout=20000)
    rendered = tab.preview.rendered
    assert rendered.code == "KF-01" and rendered.period_from == date(2026, 11, 20)
    assert "共 1 页" in tab.preview.caption.text()
    assert len(tab.preview.view.pages) == 1
    tab.show()
    qtbot.waitExposed(tab)
    shot = tab.preview.view.pages[0].grab().toImage()
    assert shot.pixelColor(shot.width() // 2, shot.height() - 30) == QColor("white")  # paper is white
    tab.grab().save(str(tmp_path / "forms_tab.png"))

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(Dialogs, "save_file", classmethod(lambda cls, *a, **k: str(target)))
    qtbot.mouseClick(tab.preview.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == rendered.pdf
    qtbot.waitUntil(lambda: tab.log_model.rowCount() == 1, timeout=20000)
    qtmodeltester.check(tab.log_model)
    assert tab.log_model.index(0, 2).data() == "KF-01 业主来访来电接洽投诉记录表"
    assert tab.log_model.index(0, 3).data() == "2026-11-20"
    logged = printing.print_log(env.ctx)
    assert len(logged) == 1 and logged[0].actor == "王丽"
    assert "已归档" in tab.preview.status.text()


def test_print_button_sends_every_page_to_the_printer(env, qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    from ui.shared.print_preview import FormPreview

    for i in range(60):
        add_contact(env.ctx, datetime(2026, 11, 20, 8, 0).replace(minute=i % 60, hour=8 + i // 60),
                    content=f"第{i}条 咨询停车月卡办理流程和收费标准，需要准备哪些材料")
    out = tmp_path / "printer.pdf"

    def fake_printer(self):
        p = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(out))
        return p

    monkeypatch.setattr(FormPreview, "ask_printer", fake_printer)
    tab = _tab(env, qtbot)
    tab.select("contact-log")
    tab.inputs["date_from"].setDate(QDate(2026, 11, 20))
    tab.inputs["date_to"].setDate(QDate(2026, 11, 20))
    tab.make_preview()
    qtbot.waitUntil(lambda: tab.preview.rendered is not None, timeout=20000)
    pages = tab.preview.rendered.pages
    assert pages >= 2
    assert tab.preview.print_() is True
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == pages
    qtbot.waitUntil(lambda: len(printing.print_log(env.ctx)) == 1, timeout=20000)


def test_cancelled_print_dialog_prints_and_logs_nothing(env, qtbot, monkeypatch):
    from ui.shared.print_preview import FormPreview

    monkeypatch.setattr(FormPreview, "ask_printer", lambda self: None)
    tab = _tab(env, qtbot)
    tab.make_preview()
    qtbot.waitUntil(lambda: tab.preview.rendered is not None, timeout=20000)
    assert tab.preview.print_() is False
    assert printing.print_log(env.ctx) == []


def test_preview_form_opens_a_window_for_any_form(env, qtbot):
    from ui.shared.print_preview import PreviewDialog, preview_form

    shown = []
    preview_form(env, None, "follow-ups", on_shown=shown.append, date_from=date(2026, 11, 20),
                 date_to=date(2026, 11, 20))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    dlg = shown[0]
    qtbot.addWidget(dlg)
    assert isinstance(dlg, PreviewDialog)
    assert "KF-03" in dlg.windowTitle()
    assert dlg.preview.rendered.name == "回访记录表"
    assert len(dlg.preview.view.pages) == 1


def test_preview_form_shows_an_error_instead_of_crashing(env, qtbot, monkeypatch):
    from ui.shared.print_preview import preview_form

    errors = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, exc, title="错误": errors.append(exc)))
    preview_form(env, None, "no-such-form")
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    assert "no-such-form" in str(errors[0])


def test_template_warning_is_shown_above_the_preview(env, qtbot):
    env.ctx.paths.templates.mkdir(parents=True, exist_ok=True)
    (env.ctx.paths.templates / "contact-log.toml").write_text("code = 1\n", encoding="utf-8")
    tab = _tab(env, qtbot)
    tab.select("contact-log")
    assert "contact-log.toml" in tab.template_note.text()
    tab.make_preview()
    qtbot.waitUntil(lambda: tab.preview.rendered is not None, timeout=20000)
    assert "contact-log.toml" in tab.preview.notes.text() and "内置模板" in tab.preview.notes.text()


def test_settings_tab_shows_the_font_and_copies_a_template(supervisor_ctx, qtbot, monkeypatch):
    from ui.forms.settings_tab import Tab

    runner = TaskRunner()
    try:
        tab = Tab(UiEnv(supervisor_ctx, runner), None)
        qtbot.addWidget(tab)
        assert tab.font_in_use.text() not in ("", "（无可用字体）")
        monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, *a, **k: None))
        tab.form_choice.setCurrentIndex(tab.form_choice.findData("follow-ups"))
        qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
        assert (supervisor_ctx.paths.templates / "follow-ups.toml").is_file()
        assert "follow-ups.toml" in tab.overrides.text()
    finally:
        runner.shutdown()
