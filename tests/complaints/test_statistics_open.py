"""报表与导出: opening the statistics tab shows the month's figures at once (no 统计 press needed)."""

from __future__ import annotations

from datetime import datetime


def test_statistics_tab_loads_when_opened(qtbot, supervisor_ctx, ctx, make_env, clock):
    from app import complaints
    from ui.complaints import statistics_tab
    from ui.shared.tabbed_page import ReportsPage

    clock.set(datetime(2026, 11, 5, 9, 0))
    complaints.receive(ctx, channel="来电", complainant="甲", phone="13800138000", content="噪音", category="停车")
    page = ReportsPage(make_env(supervisor_ctx))
    qtbot.addWidget(page)
    index = next(i for i in range(page.tabs.count()) if isinstance(page.tabs.widget(i), statistics_tab.Tab))
    tab = page.tabs.widget(index)
    assert tab.data is None
    page.tabs.setCurrentIndex(index)
    assert tab.data is not None and tab.data.received == 1 and "受理投诉" in tab.summary.text()
