"""A record's dialog lists its signed copies: print the record's form, scan the signed page,
import it, open the record → the copy is there (and a record without one says so in one line)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app import repairs
from app.forms import printing, scans
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
