"""The workbook sheets 装修 and 装修巡查: the contract's columns, and export → import into an
empty database → export gives the same cells."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.core import settings
from app.domain.errors import InvalidTransition
from app.exchange.reader import WorkbookInvalid
from app.exchange import service as exchange
from app import renovation as reno
from app.renovation import DeductionData, VisitData
from app.renovation.site_settings import NOTICE_REQUIREMENT
from tests.exchange_helpers import empty_site, rows_by_header, save_edited, sheet_cells  # noqa: F401 - empty_site is a fixture
from tests.renovation.helpers import application_data as _data, approved_application as _approved

HEADERS = {
    "装修": "记录编号 站点编码 版本 房号 业主 施工单位 施工负责人 负责人电话 装修内容 涉及拆改 开工日期 计划完工日期 押金 "
          "许可证号 状态 审批人 审批时间 验收时间 验收结果 押金退还金额 押金退还时间 作废原因 最后修改时间 最后修改人".split(),
    "装修巡查": "记录编号 站点编码 版本 装修记录编号 房号 巡查时间 巡查人 现场情况 施工进度 违规项 违规描述 处理措施 "
            "整改通知书编号 整改期限 复查时间 复查结果 作废原因 最后修改时间 最后修改人".split(),
}
START, END = date(2026, 11, 1), date(2026, 11, 30)


def _site_with_renovations(ctx, supervisor_ctx, clock) -> dict:
    out = {}
    out["pending"] = reno.apply(ctx, _data("7-1-0101", scope="=1+1 客厅吊顶", deposit="1999.99"))
    busy = reno.apply(ctx, _data("3-2-1502", touches_facade=True, alteration_detail="封阳台",
                                 owner="+86 138 0013 8000"))
    busy = reno.approve_alteration(supervisor_ctx, busy.uuid, "同意", expected_version=busy.version)
    busy = reno.approve(supervisor_ctx, busy.uuid, expected_version=busy.version)
    out["busy"] = busy
    clock.set(datetime(2026, 11, 20, 10, 15))
    visit = reno.record_visit(ctx, VisitData(busy.uuid, "施工中", "水电", failed_checks=["承重结构", "私拉电线"],
                                             violation="拆除承重墙\r\n第二行", signed_by="钱师傅"))
    clock.set(datetime(2026, 11, 20, 11, 0))
    reno.record_visit(ctx, VisitData(busy.uuid, "拒不开门", note="电话无人接听"))
    clock.set(datetime(2026, 11, 24, 9, 0))
    reno.recheck_notice(ctx, visit.notice_no, "未整改", escalation="停工")

    done = _approved(ctx, supervisor_ctx, "5-1-0301")
    reno.record_visit(ctx, VisitData(done.uuid, "完工", "收尾"))
    row = reno.request_acceptance(ctx, done.uuid, expected_version=reno.get(ctx, done.uuid).version)
    row = reno.record_acceptance(ctx, done.uuid, "合格", [(i, True, "") for i in reno.acceptance_items(ctx)],
                                 expected_version=row.version)
    reno.refund_deposit(supervisor_ctx, done.uuid, receipt="TK-9", deductions=[DeductionData("损坏地砖", Decimal("0.01"))],
                        expected_version=row.version)
    refused = reno.apply(ctx, _data("6-1-0101"))
    reno.refuse(supervisor_ctx, refused.uuid, "资料不全", expected_version=refused.version)
    voided = reno.apply(ctx, _data("8-1-0101"))
    reno.void_application(supervisor_ctx, voided.uuid, "重复登记", expected_version=voided.version)
    clock.set(datetime(2026, 11, 25, 18, 0))
    return out


def test_sheets_follow_the_contract(ctx, supervisor_ctx, clock, tmp_path):
    made = _site_with_renovations(ctx, supervisor_ctx, clock)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "out.xlsx")
    wb = load_workbook(tmp_path / "out.xlsx")
    names = wb.sheetnames
    assert names.index("装修") < names.index("装修巡查") and names.index("回访") < names.index("装修")
    for sheet, headers in HEADERS.items():
        assert [c.value for c in wb[sheet][1]] == headers

    apps = {r["房号"]: r for r in rows_by_header(tmp_path / "out.xlsx", "装修")}
    assert set(apps) == {"7-1-0101", "3-2-1502", "5-1-0301", "6-1-0101", "8-1-0101"}
    busy = apps["3-2-1502"]
    assert busy["记录编号"] == made["busy"].uuid and busy["涉及拆改"] == "是" and busy["状态"] == "施工中"
    assert busy["许可证号"] == "ZX2026-0001" and busy["审批人"] == "张敏"
    assert busy["开工日期"] == datetime(2026, 11, 20) and busy["押金"] == 2000
    assert busy["负责人电话"] == "13900139000"
    assert apps["7-1-0101"]["押金"] == pytest.approx(1999.99) and apps["7-1-0101"]["涉及拆改"] == "否"
    assert apps["7-1-0101"]["装修内容"] == "=1+1 客厅吊顶"
    refunded = apps["5-1-0301"]
    assert (refunded["状态"], refunded["验收结果"], refunded["押金退还金额"]) == ("押金已退", "合格", pytest.approx(1999.99))
    assert apps["8-1-0101"]["状态"] == "已作废" and apps["8-1-0101"]["作废原因"] == "重复登记"

    visits = rows_by_header(tmp_path / "out.xlsx", "装修巡查")
    first = visits[0]
    assert first["装修记录编号"] == made["busy"].uuid and first["房号"] == "3-2-1502"
    assert first["现场情况"] == "施工中" and first["施工进度"] == "水电"
    assert first["违规项"] == "承重结构；私拉电线"
    assert first["整改通知书编号"] == "ZG2026-0001" and first["整改期限"] == datetime(2026, 11, 27, 18, 0)
    assert first["复查时间"] == datetime(2026, 11, 24, 9, 0) and first["复查结果"] == "未整改"
    assert visits[1]["现场情况"] == "拒不开门" and visits[1]["复查结果"] is None
    ws = wb["装修巡查"]
    assert ws["F2"].number_format == "yyyy-mm-dd hh:mm" and ws["E2"].data_type == "s"


def test_round_trip_gives_the_same_cells(ctx, supervisor_ctx, clock, tmp_path, empty_site):
    _site_with_renovations(ctx, supervisor_ctx, clock)
    first = exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    assert first.counts["装修"] == 5 and first.counts["装修巡查"] == 3

    # The receiving site words its notices' requirement its own way.
    settings.put(empty_site, NOTICE_REQUIREMENT.key, "三日内恢复原状并报物业复查")
    result = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert result.warnings == ()
    second = exchange.export_workbook(empty_site, START, END, tmp_path / "second.xlsx")
    assert second.counts == first.counts
    for sheet in HEADERS:
        a, b = sheet_cells(tmp_path / "first.xlsx", sheet), sheet_cells(tmp_path / "second.xlsx", sheet)
        assert len(a) == len(b)
        for i, (ra, rb) in enumerate(zip(a, b), 1):
            assert ra == rb, f"{sheet} row {i}"

    # The imported site knows the open notice: the refund rule still holds there.
    [notice] = reno.list_notices(empty_site, open_only=True)
    assert (notice.notice_no, notice.status, notice.escalation) == ("ZG2026-0001", "已升级", None)
    # Rebuilt from the visit row: its checks and violation as the facts, that site's requirement,
    # the default basis, the visit's inspector as the issuer, and an 导入 step in the history.
    assert notice.facts.startswith("承重结构、私拉电线；拆除承重墙")
    assert notice.requirement == "三日内恢复原状并报物业复查"
    assert "住宅室内装饰装修管理办法" in notice.basis
    assert (notice.issued_at, notice.issued_by) == (datetime(2026, 11, 20, 10, 15), "王丽")
    assert notice.failed_list == ["承重结构", "私拉电线"]
    busy = reno.find_by_permit(empty_site, "ZX2026-0001")
    assert any(e.action == "导入" and e.subject == "整改通知书 ZG2026-0001"
               for e in reno.renovation_history(empty_site, busy.uuid))
    assert busy.open_notices == 1 and busy.involves_alteration and busy.deposit == Decimal("2000.00")
    refunded = reno.find_by_permit(empty_site, "ZX2026-0002")
    assert refunded.refund_amount == Decimal("1999.99") and refunded.status == "押金已退"
    with pytest.raises(InvalidTransition):
        reno.refund_deposit(empty_site, busy.uuid, receipt="X", expected_version=busy.version)

    # Importing the same workbook again changes nothing.
    again = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert again.inserted == 0 and again.updated == 0

    # A re-inspection in the imported site finds the visit by the notice number.
    clock.set(datetime(2026, 11, 28, 9, 0))
    reno.recheck_notice(empty_site, "ZG2026-0001", "已整改")
    [visit] = [x for x in reno.list_visits(empty_site) if x.notice_no == "ZG2026-0001"]
    assert visit.recheck_result == "已整改" and visit.version == 3  # 1 created, 2 re-inspected, 3 here


def test_bad_rows_are_named_and_nothing_is_imported(ctx, supervisor_ctx, clock, tmp_path, empty_site):
    _site_with_renovations(ctx, supervisor_ctx, clock)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    wb = load_workbook(tmp_path / "first.xlsx")
    apps = wb["装修"]
    col = {c.value: c.column for c in apps[1]}
    apps.cell(row=2, column=col["押金"], value=-5)
    apps.cell(row=3, column=col["状态"], value="装修中")
    visits = wb["装修巡查"]
    vcol = {c.value: c.column for c in visits[1]}
    visits.cell(row=2, column=vcol["装修记录编号"], value="0f0e0d0c-0b0a-4909-8807-060504030201")
    save_edited(wb, tmp_path / "bad.xlsx")
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, tmp_path / "bad.xlsx")
    text = "\n".join(err.value.errors)
    assert "装修 / 第 2 行 / 押金" in text and "装修 / 第 3 行 / 状态" in text
    assert reno.list_applications(empty_site, include_void=True) == []
    # A visit pointing at an unknown application is refused at write time; still nothing imported.
    apps.cell(row=2, column=col["押金"], value=2000)
    apps.cell(row=3, column=col["状态"], value="待审批")
    save_edited(wb, tmp_path / "bad2.xlsx")
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, tmp_path / "bad2.xlsx")
    assert "装修巡查 / 第 2 行 / 装修记录编号" in "\n".join(err.value.errors)
    assert reno.list_applications(empty_site, include_void=True) == []
