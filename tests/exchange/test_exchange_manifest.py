"""Format version 2: 导出序号, 校验码 and the binding sheet table of 汇总."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.exchange import service as exchange
from app.exchange.reader import WorkbookRefused
from tests.exchange.test_exchange_workbook import DAY, add_complaint, add_contact, add_follow_up
from tests.exchange_helpers import empty_site  # noqa: F401 - a fixture


def _export(ctx, tmp_path, name="out.xlsx"):
    return exchange.export_workbook(ctx, DAY, DAY, tmp_path / name)


def _summary(ws) -> dict:
    return {r[0].value: r[1].value for r in ws.iter_rows(max_col=2) if r[0].value}


def _checksum_as_the_contract_says(path) -> str:
    """Independently of app.exchange: every listed record sheet, in workbook order, per the spec."""
    wb = load_workbook(path)
    listed = []
    rows = list(wb["汇总"].iter_rows(max_col=2))
    start = next(i for i, r in enumerate(rows) if r[0].value == "表名")
    listed = [r[0].value for r in rows[start + 1:] if r[0].value]
    lines = []
    for name in wb.sheetnames:
        if name not in listed:
            continue
        lines.append(json.dumps(["#sheet", name], ensure_ascii=False, separators=(",", ":")))
        for row in wb[name].iter_rows():
            texts = []
            for c in row:
                v = c.value
                if v is None:
                    texts.append("")
                elif isinstance(v, datetime):
                    texts.append(v.strftime("%Y-%m-%d" if c.number_format == "yyyy-mm-dd" else "%Y-%m-%d %H:%M:%S"))
                elif isinstance(v, float):
                    texts.append(str(int(v)) if v.is_integer() else repr(v))
                else:
                    texts.append(str(v))
            while texts and texts[-1] == "":
                texts.pop()
            lines.append(json.dumps(texts, ensure_ascii=False, separators=(",", ":")))
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def test_summary_carries_a_growing_sequence_and_the_checksum_of_the_spec(admin_ctx, tmp_path):
    c = add_contact(admin_ctx, content="含“引号”和 \\ 反斜杠，+86 138 0013 8000", phone="+86 138 0013 8000")
    add_complaint(admin_ctx, source_contact_uuid=c)
    add_follow_up(admin_ctx)
    _export(admin_ctx, tmp_path, "one.xlsx")
    _export(admin_ctx, tmp_path, "two.xlsx")
    one = _summary(load_workbook(tmp_path / "one.xlsx")["汇总"])
    two = _summary(load_workbook(tmp_path / "two.xlsx")["汇总"])
    assert (one["格式版本"], one["导出序号"], two["导出序号"]) == (2, 1, 2)
    assert one["校验码"] == _checksum_as_the_contract_says(tmp_path / "one.xlsx")
    assert one["校验码"] == two["校验码"]  # the same cells, the same check


def test_a_changed_cell_is_refused_by_the_desk_import_too(admin_ctx, empty_site, tmp_path):  # noqa: F811
    add_contact(admin_ctx)
    _export(admin_ctx, tmp_path)
    wb = load_workbook(tmp_path / "out.xlsx")
    wb["来访来电"]["F2"].value = "王五"
    wb.save(tmp_path / "changed.xlsx")
    with pytest.raises(WorkbookRefused) as err:
        exchange.import_workbook(empty_site, tmp_path / "changed.xlsx")
    assert str(err.value) == "工作簿内容与校验码不符：可能被修改或损坏"


def _edited(src, out, fn):
    wb = load_workbook(src)
    fn(wb)
    wb.save(out)
    return out


def _row_of(ws, key):
    return next(r[0].row for r in ws.iter_rows(max_col=1) if r[0].value == key)


def test_version_1_imports_with_a_warning(admin_ctx, empty_site, tmp_path):  # noqa: F811
    add_contact(admin_ctx)
    _export(admin_ctx, tmp_path)

    def as_v1(wb):
        ws = wb["汇总"]
        ws["B1"].value = 1
        ws.delete_rows(_row_of(ws, "导出序号"), 2)
        ws["A1"].value = "格式版本"

    result = exchange.import_workbook(empty_site, _edited(tmp_path / "out.xlsx", tmp_path / "v1.xlsx", as_v1))
    assert result.inserted == 1
    assert "该工作簿为格式版本 1，没有校验码：无法确认内容未被修改" in result.warnings


@pytest.mark.parametrize("change, message", [
    (lambda wb: wb.remove(wb["回访"]), "汇总列出的工作表“回访”在工作簿中不存在"),
    (lambda wb: wb["汇总"].delete_rows(_row_of(wb["汇总"], "回访")), "工作表“回访”没有列在汇总的“表名 | 记录数”中"),
    (lambda wb: wb["汇总"].cell(_row_of(wb["汇总"], "来访来电"), 2, 5), "工作表“来访来电”有 1 行记录，汇总中的记录数为 5"),
])
def test_the_sheet_table_is_binding(admin_ctx, empty_site, tmp_path, change, message):  # noqa: F811
    add_contact(admin_ctx)
    _export(admin_ctx, tmp_path)
    bad = _edited(tmp_path / "out.xlsx", tmp_path / "bad.xlsx", change)
    with pytest.raises(WorkbookRefused) as err:
        exchange.import_workbook(empty_site, bad)
    assert message in str(err.value) and "不能导入" in str(err.value)


def test_calamine_reads_text_as_text_and_dates_as_dates(admin_ctx, empty_site, tmp_path):  # noqa: F811
    add_contact(admin_ctx, unit_no="1502", phone="=1+1", content="第一行\r\n第二行_x000D_字样")
    _export(admin_ctx, tmp_path)
    result = exchange.import_workbook(empty_site, tmp_path / "out.xlsx")
    assert result.inserted == 1
    again = exchange.export_workbook(empty_site, DAY, DAY, tmp_path / "again.xlsx")
    assert again.counts["来访来电"] == 1
    row = list(load_workbook(tmp_path / "again.xlsx", read_only=True)["来访来电"].iter_rows(min_row=2, values_only=True))[0]
    headers = [c for c in next(load_workbook(tmp_path / "again.xlsx", read_only=True)["来访来电"].iter_rows(values_only=True))]
    got = dict(zip(headers, row))
    first = list(load_workbook(tmp_path / "out.xlsx", read_only=True)["来访来电"].iter_rows(min_row=2, values_only=True))[0]
    assert got["内容"] == dict(zip(headers, first))["内容"]  # CR and a literal "_x000D_" both survive
    assert got["房号"] == "1502" and got["联系电话"] == "=1+1"
    assert got["登记时间"] == datetime(2026, 11, 20, 9, 0)
    assert date(2026, 11, 20) == got["最后修改时间"].date()


def test_a_record_voided_after_the_last_import_is_voided_by_the_next(admin_ctx, empty_site, tmp_path, clock):  # noqa: F811
    from app.core import records
    from app.exchange.registry import sheet

    uid = add_contact(admin_ctx)
    _export(admin_ctx, tmp_path, "before.xlsx")
    exchange.import_workbook(empty_site, tmp_path / "before.xlsx")
    model = sheet("来访来电").model
    with admin_ctx.unit_of_work() as s:
        records.void(admin_ctx, s, records.get_by_uuid(s, model, uid), "重复登记", expected_version=None)
    _export(admin_ctx, tmp_path, "after.xlsx")
    result = exchange.import_workbook(empty_site, tmp_path / "after.xlsx")
    assert result.updated == 1
    with empty_site.read() as s:
        got = records.get_by_uuid(s, model, uid)
        assert (got.void_reason, got.voided_at, got.voided_by) == ("重复登记", datetime(2026, 11, 20, 9, 0), "管理员")
