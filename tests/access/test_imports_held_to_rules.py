"""Imports held to the services' rules: a crafted workbook whose record the services would refuse
-- a time in the future, 已作废 without 作废原因, 已完成 without 处理情况, a NUL byte in a text -- is
refused with its error listed (sheet, row, column) and nothing imported, on every database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from app import reception
from app.exchange import service as exchange
from app.exchange.reader import WorkbookInvalid
from tests.exchange_helpers import empty_site, save_edited  # noqa: F401 - empty_site is a fixture

SHEET = "来访来电"


@pytest.fixture
def workbook(ctx, supervisor_ctx, clock, tmp_path):
    reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="咨询停车收费", handling="已答复")
    day = clock.now.date()
    return exchange.export_workbook(supervisor_ctx, day, day, tmp_path / "desk.xlsx").path


def _edit(path, tmp_path, **cells):
    wb = load_workbook(path)
    ws = wb[SHEET]
    headers = [c.value for c in ws[1]]
    for header, value in cells.items():
        ws.cell(row=2, column=headers.index(header) + 1).value = value
    out = tmp_path / "crafted.xlsx"
    save_edited(wb, out)  # an honest editor: the 校验码 recomputed, so the cells themselves are checked
    return out


@pytest.mark.parametrize("cells, column, words", [
    ({"登记时间": datetime.now().replace(microsecond=0) + timedelta(days=30)}, "登记时间", "还没有到"),
    ({"完成时间": datetime.now().replace(microsecond=0) + timedelta(days=3)}, "完成时间", "还没有到"),
    ({"状态": "已作废", "作废原因": None}, "作废原因", "必须填写"),
    ({"状态": "已完成", "处理情况": None}, "处理情况", "必须填写"),
    ({"内容": "咨询_x0000_停车"}, "内容", "控制字符"),
])
def test_a_crafted_record_is_refused_with_its_error_listed(workbook, tmp_path, empty_site, cells, column, words):  # noqa: F811
    crafted = _edit(workbook, tmp_path, **cells)
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, crafted)
    listed = [e for e in err.value.errors if SHEET in e and "第 2 行" in e and column in e]
    assert listed and words in listed[0], err.value.errors
    assert reception.count_contacts(empty_site) == 0


def test_the_untouched_workbook_imports(workbook, empty_site):  # noqa: F811
    exchange.import_workbook(empty_site, workbook)
    from app.core import maintenance

    report = maintenance.check(empty_site)
    assert report.ok, "\n".join(report.lines)


def test_a_nul_byte_typed_into_a_service_is_refused_the_same(ctx):
    from app.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="控制字符"):
        reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="咨询\x00停车",
                                 handling="已答复")
