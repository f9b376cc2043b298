"""A desk record printed on its FW form finds its signed copy: each desk form names the records it
shows (so a scanned page is filed under them), and the desk's lists show the selected record's
signed copies under the table."""

from __future__ import annotations

from datetime import date

import pytest

from app import desk
from app.forms import printing, scans
from tests.desk.test_desk_forms import day  # noqa: F401 - the fixture: one day at the desk
from tests.forms.test_scans import scan_like

DAY = date(2026, 11, 20)


def _records(rendered) -> set[str]:
    return {u for _page, uuids in rendered.page_records for u in uuids}


@pytest.mark.parametrize("key, params, wanted", [
    ("service-order", lambda d: {"number": d["order"].number}, lambda d: {d["order"].uuid}),
    ("service-application", lambda d: {"number": d["app"].number}, lambda d: {d["app"].uuid}),
    ("internal-memo", lambda d: {"number": d["memo"].number}, lambda d: {d["memo"].uuid}),
    ("notice", lambda d: {"number": d["notice"].number}, lambda d: {d["notice"].uuid}),
    ("shift-handover", lambda d: {"handover": "上一班"}, lambda d: {d["handover"].uuid}),
])
def test_each_one_record_desk_form_names_its_record(ctx, day, key, params, wanted):  # noqa: F811
    rendered = printing.render_form(ctx, key, **params(day))
    assert wanted(day) <= _records(rendered)
    assert all(uuids for _page, uuids in rendered.page_records)  # every page names it


def test_the_register_and_the_day_report_name_the_records_on_their_rows(ctx, day):  # noqa: F811
    loans = {x.uuid for x in desk.list_loans(ctx, date_from=DAY, date_to=DAY)}
    assert len(loans) == 2
    assert loans <= _records(printing.render_form(ctx, "borrow-register", date_from=DAY, date_to=DAY))
    handover = printing.render_form(ctx, "shift-handover", handover="上一班")
    assert loans <= _records(handover) and day["order"].uuid in _records(handover)  # its money rows
    cash = printing.render_form(ctx, "daily-cash", day=DAY)
    assert day["handover"].uuid in _records(cash)
    assert len(_records(cash)) == 2  # the 日结 itself and its handover


def test_the_loan_list_shows_the_signed_fw01_of_the_selected_loan(ctx, day, make_env, qtbot, tmp_path):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from ui.desk.desk_page import DeskPage
    from ui.main import install_font_and_icon

    install_font_and_icon(QApplication.instance())  # Chinese on the screenshot

    rendered, _job, _ = printing.print_form(ctx, "borrow-register", date_from=DAY, date_to=DAY)
    page = tmp_path / "fw01.jpg"
    scan_like(rendered.pdf, angle=2.0)[0].save(page)
    assert len(scans.import_scans(ctx, [page]).filed) == 1
    lent = {x.item_name: x for x in desk.list_loans(ctx, date_from=DAY, date_to=DAY)}
    ladder, trolley = lent["人字梯"], lent["小推车"]  # the ladder came back, the trolley is still out
    after = desk.lend(ctx, item_no="TZ-01", borrower="王先生", deposit_receipt="YJ-3")  # printed on no form

    desk_page = DeskPage(make_env(ctx))
    qtbot.addWidget(desk_page)
    desk_page.resize(1366, 768)
    desk_page.show()
    qtbot.waitExposed(desk_page)
    loans = desk_page.loans
    loans.refresh()
    signed = loans.signed

    loans.model.select(loans.table, trolley.uuid)
    qtbot.waitUntil(lambda: signed.list.count() == 1)
    assert signed.record_uuid == trolley.uuid and signed.isVisible()
    assert "FW-01" in signed.list.item(0).text() and "第 1 页" in signed.list.item(0).text()
    assert "已存 1 页" in signed.summary.text()

    loans.model.select(loans.table, after.uuid)
    qtbot.waitUntil(lambda: signed.summary.text() == "签字件：暂无")
    assert signed.list.isHidden()

    loans.out_only.setChecked(False)  # the returned ladder is on the same signed page
    loans.model.select(loans.table, ladder.uuid)
    qtbot.waitUntil(lambda: signed.record_uuid == ladder.uuid and signed.list.count() == 1)
    import os

    if os.environ.get("FRONTDESK_SHOTS"):
        desk_page.grab().save(os.path.join(os.environ["FRONTDESK_SHOTS"], "desk_signed_copies.png"))
