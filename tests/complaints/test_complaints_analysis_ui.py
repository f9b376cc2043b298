"""报表与导出 → 投诉分析: a supervisor writes the month's analysis and prints the report with it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate


def test_supervisor_writes_the_analysis_and_prints_it(qtbot, supervisor_ctx, ctx, make_env, clock, monkeypatch):
    from app import complaints
    from app.complaints import analysis
    from ui.complaints import analysis_tab

    clock.set(datetime(2026, 11, 5, 9, 0))
    complaints.receive(ctx, channel="来电", complainant="甲", phone="13800138000", content="噪音", category="停车")
    printed = []
    monkeypatch.setattr(analysis_tab.print_preview, "preview_form",
                        lambda env, parent, key, **params: printed.append((key, params)))
    tab = analysis_tab.Tab(make_env(supervisor_ctx))
    qtbot.addWidget(tab)
    tab.month.setDate(QDate(2026, 11, 1))
    tab.text.setPlainText("停车投诉增多，已加强巡查。")
    tab.save_button.click()
    assert analysis.analysis(ctx, 2026, 11).text == "停车投诉增多，已加强巡查。"
    tab.print_month.click()
    assert printed == [("complaint-analysis", {"month": "2026-11"})]
    # a receptionist sees the text but cannot change it
    reader = analysis_tab.Tab(make_env(ctx))
    qtbot.addWidget(reader)
    reader.month.setDate(QDate(2026, 11, 1))
    assert reader.text.isReadOnly() and not reader.save_button.isVisibleTo(reader)
    assert reader.text.toPlainText() == "停车投诉增多，已加强巡查。"
