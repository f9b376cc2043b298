"""The 督导检查 and 督导检查问题 sheets: the documented columns, the round trip, a wrong 扣分 refused."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from app import inspections as insp
from app.exchange import service as exchange
from app.exchange.reader import WorkbookInvalid
from tests.exchange_helpers import empty_site, rows_by_header, save_edited, sheet_cells  # noqa: F401 - empty_site is a fixture

HEADERS = {
    "督导检查": "记录编号 站点编码 版本 检查编号 检查日期 检查人 检查区域 一级指标 总分 得分 状态 完成时间 被检查单位负责人 "
            "检查意见 作废原因 最后修改时间 最后修改人".split(),
    "督导检查问题": "记录编号 站点编码 版本 督导检查记录编号 一级指标 二级指标 检查标准 检查方法 扣分标准 单位扣分 问题点数 人数 "
              "扣分 问题描述 整改责任人 整改期限 整改状态 整改情况 复查时间 复查人 复查结果 复查说明 作废原因 最后修改时间 "
              "最后修改人".split(),
}
START, END = date(2026, 11, 1), date(2026, 11, 30)


def _inspected(supervisor_ctx):
    ins = insp.start_inspection(supervisor_ctx, inspected_on=date(2026, 11, 18), inspector="总部品质部 陈静",
                                area="客服前台")
    std = {i.name: i for i in insp.standard(supervisor_ctx)}
    insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=std["行为规范"].items[0].uuid, problems=2, persons=3,
                     note="+未起身服务", owner="王丽")
    f = insp.add_finding(supervisor_ctx, ins.uuid, item_uuid=std["房屋交付"].items[0].uuid, note="缺少例会纪要")
    insp.complete_inspection(supervisor_ctx, ins.uuid, site_signer="张敏", summary="整体良好")
    insp.recheck_finding(supervisor_ctx, f.uuid, "合格")
    return ins


def test_sheets_and_round_trip(supervisor_ctx, tmp_path, empty_site):
    ins = _inspected(supervisor_ctx)
    first = exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    wb = load_workbook(tmp_path / "first.xlsx")
    for sheet, headers in HEADERS.items():
        assert [c.value for c in wb[sheet][1]] == headers
    [row] = rows_by_header(tmp_path / "first.xlsx", "督导检查")
    assert row["检查编号"] == "DD2026-001" and row["总分"] == 100 and row["得分"] == pytest.approx(97.7)
    assert row["一级指标"].startswith("行为规范 10分；房屋交付 10分；装修服务 14分")
    findings = rows_by_header(tmp_path / "first.xlsx", "督导检查问题")
    assert [(f["扣分标准"], f["单位扣分"], f["扣分"]) for f in findings] == [
        ("每人每个问题点", pytest.approx(0.3), pytest.approx(1.8)), ("每个问题点", pytest.approx(0.5), pytest.approx(0.5))]
    assert findings[1]["复查结果"] == "合格" and findings[1]["整改状态"] == "已整改"

    exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    second = exchange.export_workbook(empty_site, START, END, tmp_path / "second.xlsx")
    assert second.counts == first.counts
    for sheet in HEADERS:
        assert sheet_cells(tmp_path / "first.xlsx", sheet) == sheet_cells(tmp_path / "second.xlsx", sheet)
    there = insp.get_inspection(empty_site, "DD2026-001")
    assert there.score_cp == 9770 and there.scores == insp.get_inspection(supervisor_ctx, ins.uuid).scores


def test_a_deduction_not_following_its_standard_is_refused(supervisor_ctx, tmp_path, empty_site):
    _inspected(supervisor_ctx)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    wb = load_workbook(tmp_path / "first.xlsx")
    ws = wb["督导检查问题"]
    col = [c.value for c in ws[1]].index("扣分") + 1
    ws.cell(row=2, column=col, value=0.3)
    save_edited(wb, tmp_path / "bad.xlsx")
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, tmp_path / "bad.xlsx")
    assert "督导检查问题 / 第 2 行 / 扣分" in "\n".join(err.value.errors)
    assert insp.list_inspections(empty_site) == []
