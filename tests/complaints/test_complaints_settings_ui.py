"""系统设置 → 投诉设置 (categories, deadline figures) and 报表与导出 → 投诉统计 (table and chart)."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app import complaints
from ui.shared.common import UiEnv
from ui.complaints import statistics_tab
from ui.complaints import settings_tab as complaint_settings_tab


@pytest.fixture
def shown(dialogs):
    """Errors and notices a user was shown (tests/conftest.py records every dialog)."""
    return dialogs


def test_supervisor_edits_categories_but_not_deadlines(qtbot, supervisor_ctx, shown):
    tab = complaint_settings_tab.Tab(UiEnv(supervisor_ctx, None))
    qtbot.addWidget(tab)
    assert tab.category_names()[0] == "装修噪音扰民"
    tab.add_category()
    tab.categories.item(tab.categories.count() - 1).setText("宠物扰民")
    qtbot.mouseClick(tab.save_categories_button, Qt.MouseButton.LeftButton)
    assert shown.errors == [] and shown.infos == ["投诉类别已保存"]
    assert complaints.categories(supervisor_ctx)[-1] == "宠物扰民"
    assert not tab.save_rules_button.isEnabled()


def test_manager_changes_a_deadline_figure(qtbot, manager_ctx, shown):
    tab = complaint_settings_tab.Tab(UiEnv(manager_ctx, None))
    qtbot.addWidget(tab)
    assert tab.fields["handover_days"].value() == 3
    tab.fields["handover_days"].setValue(2)
    tab.fields["auto_escalate"].setChecked(False)
    qtbot.mouseClick(tab.save_rules_button, Qt.MouseButton.LeftButton)
    assert shown.errors == [] and shown.infos == ["处理时限已保存"]
    rules = complaints.deadline_rules(manager_ctx)
    assert rules.handover_days == 2 and rules.auto_escalate is False


def test_monthly_statistics_table_and_chart(qtbot, qtmodeltester, ctx, clock):
    clock.set(datetime(2026, 11, 10, 9, 0))
    for name, category in (("甲", "停车"), ("乙", "停车"), ("丙", "收费")):
        complaints.receive(ctx, channel="来电", complainant=name, phone="13800138000", content="x",
                           category=category)
    tab = statistics_tab.Tab(UiEnv(ctx, None))
    qtbot.addWidget(tab)
    tab.refresh()
    assert "受理投诉：3 件" in tab.summary.text()
    assert tab.bar_values() == [("停车", 2), ("收费", 1)]
    tab.group.setCurrentText("渠道")
    assert tab.bar_values() == [("来电", 3)]
    values = {(tab.model.data(tab.model.index(r, 0)), tab.model.data(tab.model.index(r, 1))):
              tab.model.data(tab.model.index(r, 2)) for r in range(tab.model.rowCount())}
    assert values[("汇总", "受理投诉")] == "3" and values[("汇总", "按时完成率")] == "—"
    qtmodeltester.check(tab.model)
