"""报表与导出 → 签字扫描件 and the signed-copies widget a record dialog embeds."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from PIL import Image

from app.forms import printing
from tests.forms.test_scans import add_contact, scan_like

DAY = date(2026, 11, 20)


@pytest.fixture
def env(ctx, make_env):
    return make_env(ctx)


def test_dropped_scans_are_filed_and_the_record_shows_its_copy(env, qtbot, tmp_path, dialogs):
    from ui.forms.scans_tab import Tab
    from ui.forms.signed_copies import SignedCopiesWidget

    rec = add_contact(env.ctx, datetime(2026, 11, 20, 9, 0), name="孙悟空")
    rendered, job, _ = printing.print_form(env.ctx, "contact-log", date_from=DAY, date_to=DAY)
    tab = Tab(env, None)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    qtbot.waitUntil(lambda: tab.awaiting_view.rowCount() == 1)
    assert tab.awaiting_view.item(0, 5).text() == job.job_code
    assert tab.awaiting_view.item(0, 6).text() == "待签字件"

    scanned = tmp_path / "signed.jpg"
    scan_like(rendered.pdf)[0].save(scanned)
    blank = tmp_path / "blank.png"
    Image.new("L", (1000, 1400), 255).save(blank)
    tab.import_paths([str(scanned), str(blank)])
    qtbot.waitUntil(lambda: "归档 1 页" in tab.result.text() and tab.pending_view.rowCount() == 1, timeout=20000)
    qtbot.waitUntil(lambda: tab.awaiting_view.rowCount() == 0)
    if os.environ.get("FRONTDESK_SHOTS"):
        tab.grab().save(os.path.join(os.environ["FRONTDESK_SHOTS"], "scans_tab.png"))

    widget = SignedCopiesWidget(env, rec.uuid)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.list.count() == 1)
    assert "KF-01" in widget.list.item(0).text() and "第 1 页" in widget.list.item(0).text()
    assert widget.list.item(0).toolTip().endswith("_签字件_第1页.jpg")
