"""The head-office window: import a folder with progress, the ledger, the grid, the report."""

from __future__ import annotations

import os
from datetime import date

from app import hq


def test_window_imports_a_folder_and_shows_the_grid_and_the_report(qtbot, make_env, hq_ctx, folder, dialogs):
    from ui.hq.hq_window import HqWindow

    env = make_env(hq_ctx)
    window = HqWindow(env)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    tab = window.import_tab
    seen = []
    env.runner.progressed.connect(lambda _id, done, total: seen.append((done, total)))
    tab.import_paths([str(folder)])
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    assert "共 8 个文件：导入 8" in tab.status.text()
    assert seen[-1] == (8, 8)  # the bar followed the files
    assert tab.table.rowCount() == 8
    assert {tab.table.item(i, 8).text() for i in range(8)} == {"已导入"}
    if os.environ.get("FRONTDESK_SHOTS"):
        window.grab().save(os.path.join(os.environ["FRONTDESK_SHOTS"], "hq-import.png"))

    window.tabs.setCurrentWidget(window.grid_tab)
    grid = window.grid_tab
    grid.month.setDate(grid.month.date().addMonths(0))  # November 2026 (the clock's month)
    grid.refresh()
    assert grid.grid.rowCount() == 3 and grid.grid.columnCount() == 30
    assert grid.state_at("C3", date(2026, 11, 3)) == "缺失"
    assert grid.state_at("A1", date(2026, 11, 3)) == "已收到"
    assert grid.state_at("A1", date(2026, 11, 1)) == "休息日"
    assert "C3 锦绣家园服务中心：最后收到 2026-11-04；缺失工作日 11-03" in grid.summary.toPlainText()
    if os.environ.get("FRONTDESK_SHOTS"):
        window.grab().save(os.path.join(os.environ["FRONTDESK_SHOTS"], "hq-grid.png"))

    window.tabs.setCurrentWidget(window.report_tab)
    report = window.report_tab
    report.run()
    qtbot.waitUntil(lambda: not report.busy, timeout=30000)
    assert report.table.rowCount() == 4 and report.table.item(3, 0).text() == "合计"
    headers = [report.table.horizontalHeaderItem(j).text() for j in range(report.table.columnCount())]
    assert report.table.item(3, headers.index("投诉")).text() == "8"
    assert report.bars.chart().series()[0].count() == 3  # 一般 / 重要 / 重大
    if os.environ.get("FRONTDESK_SHOTS"):
        window.grab().save(os.path.join(os.environ["FRONTDESK_SHOTS"], "hq-report.png"))

    from ui.hq.records_dialog import RecordsDialog

    report.drill_down(2)
    dialog = next(w for w in report.children() if isinstance(w, RecordsDialog))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog._task is None, timeout=10000)
    assert dialog.table.rowCount() == 2  # C3's two visits
    dialog.sheet.setCurrentText("投诉")
    qtbot.waitUntil(lambda: dialog._task is None and dialog.table.rowCount() == 2, timeout=10000)
    heads = [dialog.table.horizontalHeaderItem(j).text() for j in range(dialog.table.columnCount())]
    assert dialog.table.item(0, heads.index("性质")).text() == "重大"
    assert dialogs.errors == []
    assert len(hq.ledger(hq_ctx)) == 8
