"""The 满意度调查 and 调查问卷 sheets: the documented columns, and export → import into an empty
database → export gives the same cells; a bad answer is named and nothing is imported."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app import surveys
from app.exchange import service as exchange
from app.exchange.reader import WorkbookInvalid
from tests.exchange_helpers import empty_site, rows_by_header, save_edited, sheet_cells  # noqa: F401 - empty_site is a fixture
from tests.surveys.helpers import approved, estate

HEADERS = {
    "满意度调查": "记录编号 站点编码 版本 调查编号 调查名称 调查目的 调查对象 调查范围 抽样比例 抽样方法 调查方式 调查人员 "
             "开始日期 结束日期 发放率目标 回收率目标 问卷项目 状态 批准人 批准时间 结束时间 归档期限 归档时间 归档人 "
             "分析意见 样本户数 发放数 回收数 作废原因 最后修改时间 最后修改人".split(),
    "调查问卷": "记录编号 站点编码 版本 调查记录编号 问卷编号 房号 楼栋 受访人 状态 发放时间 发放人 调查方式 回收时间 "
            "录入人 答案 意见和建议 作废原因 最后修改时间 最后修改人".split(),
}
START, END = date(2026, 11, 1), date(2026, 11, 30)


def _site_with_a_survey(ctx, supervisor_ctx, manager_ctx, clock):
    estate(ctx, layout=((1, 3), (2, 2)))
    row = approved(supervisor_ctx, manager_ctx, buildings=("1", "2"))
    surveys.issue_copies(ctx, row.uuid, codes=["MY2026-01-0001", "MY2026-01-0002", "MY2026-01-0004"])
    clock.set(datetime(2026, 11, 21, 10, 0))
    surveys.record_return(ctx, row.uuid, "1", keys="ABCAB-AAAA4", comment="=希望增加停车位")
    surveys.record_return(ctx, row.uuid, "4", keys="AAAAAAAAAA5", channel="电话")
    return row


def test_sheets_follow_the_documented_columns(ctx, supervisor_ctx, manager_ctx, clock, tmp_path):
    row = _site_with_a_survey(ctx, supervisor_ctx, manager_ctx, clock)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "out.xlsx")
    wb = load_workbook(tmp_path / "out.xlsx")
    for sheet, headers in HEADERS.items():
        assert [c.value for c in wb[sheet][1]] == headers
    assert wb.sheetnames.index("装修巡查") < wb.sheetnames.index("满意度调查") < wb.sheetnames.index("调查问卷")
    [survey] = rows_by_header(tmp_path / "out.xlsx", "满意度调查")
    assert survey["记录编号"] == row.uuid and survey["调查编号"] == "MY2026-01"
    assert survey["调查范围"] == "1、2" and survey["抽样比例"] == 100 and survey["状态"] == "进行中"
    assert survey["问卷项目"].splitlines()[0] == "ABC：客服前台的服务态度与礼仪"
    assert (survey["样本户数"], survey["发放数"], survey["回收数"]) == (5, 3, 2)
    copies = {r["问卷编号"]: r for r in rows_by_header(tmp_path / "out.xlsx", "调查问卷")}
    first = copies["MY2026-01-0001"]
    assert first["答案"] == "1=A；2=B；3=C；4=A；5=B；7=A；8=A；9=A；10=A；11=4"
    assert first["意见和建议"] == "=希望增加停车位" and first["状态"] == "已回收"
    assert copies["MY2026-01-0003"]["状态"] == "待发放" and copies["MY2026-01-0003"]["发放时间"] is None
    ws = wb["调查问卷"]
    col = [c.value for c in ws[1]].index("意见和建议") + 1
    assert ws.cell(row=2, column=col).data_type == "s"


def test_round_trip_gives_the_same_cells(ctx, supervisor_ctx, manager_ctx, clock, tmp_path, empty_site):
    row = _site_with_a_survey(ctx, supervisor_ctx, manager_ctx, clock)
    first = exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    assert first.counts["满意度调查"] == 1 and first.counts["调查问卷"] == 5
    exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    second = exchange.export_workbook(empty_site, START, END, tmp_path / "second.xlsx")
    assert second.counts == first.counts
    for sheet in HEADERS:
        assert sheet_cells(tmp_path / "first.xlsx", sheet) == sheet_cells(tmp_path / "second.xlsx", sheet)
    # the imported survey computes the same figures
    here, there = surveys.survey_result(ctx, row.uuid), surveys.survey_result(empty_site, row.uuid)
    assert there.rates == here.rates and there.items == here.items
    again = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert again.inserted == 0 and again.updated == 0


def test_an_answer_outside_the_scale_is_named_and_nothing_is_imported(ctx, supervisor_ctx, manager_ctx, clock,
                                                                       tmp_path, empty_site):
    _site_with_a_survey(ctx, supervisor_ctx, manager_ctx, clock)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    wb = load_workbook(tmp_path / "first.xlsx")
    ws = wb["调查问卷"]
    col = [c.value for c in ws[1]].index("答案") + 1
    ws.cell(row=2, column=col, value="1=D")
    save_edited(wb, tmp_path / "bad.xlsx")
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, tmp_path / "bad.xlsx")
    assert "调查问卷 / 第 2 行 / 答案" in "\n".join(err.value.errors)
    assert surveys.list_surveys(empty_site) == []
