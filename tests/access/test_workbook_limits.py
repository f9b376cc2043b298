"""Crafted workbooks refused before their cells are trusted: a formula in an optional cell, a
renamed or missing record sheet (the 汇总 table is binding), and a file that unpacks to far more
than it weighs; each with a message and nothing imported."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from app import reception
from app.exchange import limits
from app.exchange import service as exchange
from app.exchange.reader import WorkbookInvalid, WorkbookRefused
from tests.exchange_helpers import empty_site, save_edited  # noqa: F401 - empty_site is a fixture


@pytest.fixture
def workbook(ctx, supervisor_ctx, clock, tmp_path):
    reception.create_contact(ctx, method="来电", name="甲", category="咨询", content="咨询停车收费", handling="已答复")
    day = clock.now.date()
    return exchange.export_workbook(supervisor_ctx, day, day, tmp_path / "desk.xlsx").path


def _count(ctx) -> int:
    from sqlalchemy import text

    with ctx.read() as s:
        return s.execute(text("SELECT count(*) FROM contact_record")).scalar()


def test_a_formula_in_an_optional_cell_is_refused_naming_its_sheet(workbook, empty_site, tmp_path):
    wb = load_workbook(workbook)
    ws = wb["来访来电"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("备注") + 1 if "备注" in headers else headers.index("处理情况") + 1).value = \
        "=HYPERLINK(\"http://x\",\"点我\")"
    out = tmp_path / "formula.xlsx"
    wb.save(out)  # the formula is found before the 校验码 is even looked at
    with pytest.raises(WorkbookRefused, match="来访来电：含有公式单元格"):
        exchange.import_workbook(empty_site, out)
    assert _count(empty_site) == 0


@pytest.mark.parametrize("how", ["renamed", "missing"])
def test_a_renamed_or_missing_record_sheet_is_refused(workbook, empty_site, tmp_path, how):
    wb = load_workbook(workbook)
    if how == "renamed":
        wb["来访来电"].title = "来访来电（改）"
    else:
        wb.remove(wb["投诉"])
    out = tmp_path / f"{how}.xlsx"
    wb.save(out)
    with pytest.raises((WorkbookRefused, WorkbookInvalid)) as err:
        exchange.import_workbook(empty_site, out)
    assert "汇总" in str(err.value) or "工作表" in str(err.value)
    assert _count(empty_site) == 0


def test_a_file_that_unpacks_to_far_more_than_it_weighs_is_refused_at_once(workbook, empty_site, tmp_path):
    out = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(workbook) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/sharedStrings.xml" or item.filename.endswith("sheet2.xml"):
                data = data + b"<!--" + b"A" * (limits.MAX_RATIO * 120_000) + b"-->"
            dst.writestr(item, data)
    assert out.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(WorkbookRefused, match="大小异常|超过上限"):
        exchange.import_workbook(empty_site, out)
    assert _count(empty_site) == 0
