"""A record's dialog lists its signed copies: print the record's form, scan the signed page,
import it, open the record → the copy is there (and a record without one says so in one line)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from app import repairs
from app.forms import printing, scans
from app.core.connection import ConnectionLost
from tests.forms.test_scans import add_contact, scan_like

DAY = date(2026, 11, 20)


@pytest.fixture
def env(ctx, make_env):
    return make_env(ctx)


def _print_and_sign(ctx, tmp_path, key: str, **params) -> str:
    rendered, job, _ = printing.print_form(ctx, key, **params)
    page = tmp_path / f"{key}.jpg"
    scan_like(rendered.pdf, angle=2.0)[0].save(page)
    result = scans.import_scans(ctx, [page])
    assert len(result.filed) == 1, result.summary()
    return job.job_code


def test_contact_dialog_lists_the_signed_kf01_page(env, qtbot, tmp_path):
    from ui.reception.contact_dialog import ContactDialog

    rec = add_contact(env.ctx, datetime(2026, 11, 20, 9, 0), name="孙悟空")
    other = add_contact(env.ctx, datetime(2026, 11, 21, 9, 0), name="猪八戒")
    job = _print_and_sign(env.ctx, tmp_path, "contact-log", date_from=DAY, date_to=DAY)

    dialog = ContactDialog(env, rec.uuid)
    qtbot.addWidget(dialog)
    from ui.forms.signed_copies import SignedCopiesWidget

    widget = dialog.findChild(SignedCopiesWidget)
    qtbot.waitUntil(lambda: widget.list.count() == 1)
    assert "KF-01" in widget.list.item(0).text() and "第 1 页" in widget.list.item(0).text()
    assert "已存 1 页" in widget.summary.text()
    assert job in scans.signed_copies(env.ctx, rec.uuid)[0].job_code

    unsigned = ContactDialog(env, other.uuid)  # printed on no form that came back
    qtbot.addWidget(unsigned)
    blank = unsigned.findChild(SignedCopiesWidget)
    qtbot.waitUntil(lambda: blank.summary.text() == "签字件：暂无")
    assert blank.list.isHidden()


def test_work_order_dialog_lists_the_signed_kf04(env, qtbot, tmp_path):
    from ui.forms.signed_copies import SignedCopiesWidget
    from ui.repairs.order_dialog import OrderDialog

    order = repairs.create_order(env.ctx, reporter="陈先生", unit_no="3-2-1502", phone="13800138000",
                                 content="卫生间漏水", category="给排水")
    _print_and_sign(env.ctx, tmp_path, "work-order", number=order.number)

    dialog = OrderDialog(env, order=repairs.get_order(env.ctx, order.uuid))
    qtbot.addWidget(dialog)
    widget = dialog.findChild(SignedCopiesWidget)
    qtbot.waitUntil(lambda: widget.list.count() == 1)
    assert order.number in widget.list.item(0).text()

    new = OrderDialog(env)  # a new order has no paper yet: no line at all
    qtbot.addWidget(new)
    assert new.findChild(SignedCopiesWidget) is None


def test_repairs_page_counts_printed_orders_awaiting_their_signed_copy(env, qtbot, tmp_path, monkeypatch):
    from ui.forms.awaiting import AwaitingDialog, AwaitingSignatures
    from ui.repairs.repairs_page import RepairsPage

    first = repairs.create_order(env.ctx, reporter="陈先生", unit_no="3-2-1502", content="卫生间漏水", category="给排水")
    second = repairs.create_order(env.ctx, reporter="李女士", unit_no="1-1-101", content="门锁坏了", category="给排水")
    printed, job, _ = printing.print_form(env.ctx, "work-order", number=first.number)
    printing.print_form(env.ctx, "work-order", number=second.number)
    add_contact(env.ctx, datetime(2026, 11, 20, 9, 0))
    printing.print_form(env.ctx, "contact-log", date_from=DAY, date_to=DAY)  # another page's form

    page = RepairsPage(env)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    line = page.findChild(AwaitingSignatures)
    qtbot.waitUntil(lambda: line.isVisible() and line.button.text() == "待签字件 2 份")

    opened = []
    monkeypatch.setattr(AwaitingDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    table = opened[0].table
    qtbot.waitUntil(lambda: table.rowCount() == 2)
    listed = {table.item(i, 2).text() for i in range(2)}
    assert listed == {first.number, second.number}
    assert {table.item(i, 1).text()[:5] for i in range(2)} == {"KF-04"}
    assert job.job_code in {table.item(i, 4).text() for i in range(2)}

    scanned = tmp_path / "signed.jpg"
    scan_like(printed.pdf)[0].save(scanned)
    scans.import_scans(env.ctx, [scanned])
    line.reload()
    qtbot.waitUntil(lambda: line.button.text() == "待签字件 1 份")


def test_the_minute_count_is_quiet_and_only_for_the_page_in_front(env, qtbot, dialogs, monkeypatch):
    from ui.forms import awaiting
    from ui.repairs.repairs_page import RepairsPage

    page = RepairsPage(env)
    qtbot.addWidget(page)
    page.show()
    line = page.findChild(awaiting.AwaitingSignatures)
    qtbot.waitUntil(lambda: not env.runner.busy)
    labels = []
    env.runner.started.connect(lambda _id, label: labels.append(label))

    def server_away(ctx, feature):
        raise ConnectionLost("与服务中心共享数据库的连接已中断")

    monkeypatch.setattr(awaiting, "_count", server_away)
    line._tick()  # the page is in front: counted again, quietly; a failure waits for the next minute
    qtbot.waitUntil(lambda: len(labels) == 1 and not env.runner.busy)
    assert labels == [""] and dialogs.errors == []
    page.hide()
    line._tick()  # another page in front: nothing asked
    qtbot.wait(50)
    assert len(labels) == 1
