"""The workbook sheets 入伙 and 入伙缺陷: the contract's columns and words, and
export → import into an empty database → export gives the same cells."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.exchange.reader import WorkbookInvalid
from app.movein import sheet
from app.exchange import service as exchange
from app.forms import printing
from app import movein as mi
from tests.exchange_helpers import empty_site, rows_by_header, sheet_cells  # noqa: F401 - empty_site is a fixture
from tests.movein.test_movein_service import _inspect_all, _meters_keys, _ready, _start, _tick_all
from tests.exchange_helpers import save_edited

HEADERS = {
    "入伙": "记录编号 站点编码 版本 房号 交付方式 接收人 接收人身份 委托人 办理时间 水表读数 电表读数 燃气表读数 钥匙 "
          "缺陷数 未销项缺陷数 整改期限 状态 经办人 作废原因 最后修改时间 最后修改人".split(),
    "入伙缺陷": "记录编号 站点编码 版本 入伙记录编号 房号 部位 检查项 问题描述 严重程度 责任方 整改期限 状态 复验时间 "
            "复验人 最后修改时间 最后修改人".split(),
}
START, END = date(2026, 11, 1), date(2026, 11, 30)


def _site_with_handovers(ctx, supervisor_ctx, clock) -> dict:
    out = {}
    owner = _ready(ctx, _start(ctx, "3-2-1501", mode="集中交付"))
    out["owner"] = mi.complete_handover(ctx, owner.uuid)

    proxy = _start(ctx, "3-2-1502", party_kind="受托人", receiver_name="李四", owner_name="张三")
    proxy = _meters_keys(ctx, _tick_all(ctx, proxy))
    proxy = mi.add_key(ctx, proxy.uuid, kind="信报箱", count=1, signed=True)
    proxy = mi.add_meter_reading(ctx, proxy.uuid, kind="燃气", meter_no="G-1", reading="0.75")
    proxy = mi.add_defect(ctx, proxy.uuid, room="客厅", item="墙面", description="=1+1 墙面开裂\n第二行",
                          severity="一般", responsible="施工单位")
    proxy = mi.add_defect(ctx, proxy.uuid, room="卫生间", item="防水", description="闭水试验渗水", severity="严重")
    proxy = mi.add_defect(ctx, proxy.uuid, room="阳台", item="门窗", description="推拉门划痕", severity="轻微")
    proxy = _inspect_all(ctx, proxy)
    proxy = mi.require_rectification(ctx, proxy.uuid, deadline=date(2026, 12, 5))
    crack, leak, scratch = proxy.defects
    clock.set(datetime(2026, 11, 22, 10, 0))
    mi.start_rectification(ctx, crack.uuid)
    mi.mark_rectified(ctx, crack.uuid)
    mi.reinspect_defect(supervisor_ctx, crack.uuid, passed=True)
    mi.start_rectification(ctx, leak.uuid)
    mi.cancel_defect(ctx, scratch.uuid, "业主确认为搬家所致")
    out["proxy"] = mi.get_handover(ctx, proxy.uuid)

    out["tenant"] = _start(ctx, "5-1-0301", party_kind="租户", receiver_name="+86 赵租", owner_name="钱业主")
    voided = _start(ctx, "6-1-0101", receiver_name="孙七")
    out["void"] = mi.void_handover(supervisor_ctx, voided.uuid, "房号录错", expected_version=voided.version)
    clock.set(datetime(2026, 11, 25, 18, 0))
    return out


def test_contract_words_match_the_service():
    assert sheet.MODES == tuple(m.value for m in mi.HandoverMode)
    assert sheet.PARTY_KINDS == tuple(m.value for m in mi.PartyKind)
    assert sheet.HANDOVER_STATUS == tuple(m.value for m in mi.HandoverStatus)
    assert sheet.SEVERITIES == tuple(m.value for m in mi.DefectSeverity)
    assert sheet.DEFECT_STATUS == tuple(m.value for m in mi.DefectStatus)
    assert sheet.OPEN_DEFECT == mi.OPEN_DEFECT
    # the words the workbook contract fixes, so another desk's workbook reads the same
    assert sheet.MODES == ("集中交付", "平常交付")
    assert sheet.PARTY_KINDS == ("业主", "受托人", "租户")
    assert sheet.HANDOVER_STATUS == ("办理中", "需整改", "已交付", "已作废")
    assert sheet.SEVERITIES == ("严重", "一般", "轻微")
    assert sheet.DEFECT_STATUS == ("已登记", "整改中", "待复验", "已销项", "已取消")
    assert mi.OPEN_DEFECT == ("已登记", "整改中", "待复验")


def test_sheets_follow_the_contract(ctx, supervisor_ctx, clock, tmp_path):
    made = _site_with_handovers(ctx, supervisor_ctx, clock)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "out.xlsx")
    wb = load_workbook(tmp_path / "out.xlsx")
    names = wb.sheetnames
    assert names.index("回访") < names.index("入伙") < names.index("入伙缺陷")
    for name, headers in HEADERS.items():
        assert [c.value for c in wb[name][1]] == headers

    rows = {r["房号"]: r for r in rows_by_header(tmp_path / "out.xlsx", "入伙")}
    assert set(rows) == {"3-2-1501", "3-2-1502", "5-1-0301", "6-1-0101"}
    owner = rows["3-2-1501"]
    assert (owner["交付方式"], owner["接收人身份"], owner["委托人"], owner["状态"]) == ("集中交付", "业主", None, "已交付")
    assert (owner["水表读数"], owner["电表读数"], owner["燃气表读数"]) == (12.5, 230, None)
    assert owner["钥匙"] == "入户门×3" and owner["缺陷数"] == 0 and owner["经办人"] == "王丽"
    proxy = rows["3-2-1502"]
    assert proxy["记录编号"] == made["proxy"].uuid and proxy["版本"] == made["proxy"].version
    assert (proxy["接收人"], proxy["接收人身份"], proxy["委托人"]) == ("李四", "受托人", "张三")
    assert proxy["钥匙"] == "入户门×3；信报箱×1" and proxy["燃气表读数"] == 0.75
    assert (proxy["缺陷数"], proxy["未销项缺陷数"], proxy["状态"]) == (3, 1, "需整改")
    assert proxy["整改期限"] == datetime(2026, 12, 5) and proxy["办理时间"] == datetime(2026, 11, 20, 9, 0)
    assert rows["5-1-0301"]["委托人"] == "钱业主" and rows["5-1-0301"]["接收人"] == "+86 赵租"
    assert (rows["6-1-0101"]["状态"], rows["6-1-0101"]["作废原因"]) == ("已作废", "房号录错")
    ws = wb["入伙"]
    col = {c.value: c.column_letter for c in ws[1]}
    assert ws[f"{col['办理时间']}2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws[f"{col['整改期限']}3"].number_format == "yyyy-mm-dd"

    defects = rows_by_header(tmp_path / "out.xlsx", "入伙缺陷")
    assert [(d["部位"], d["状态"]) for d in defects] == [("客厅", "已销项"), ("卫生间", "整改中"), ("阳台", "已取消")]
    crack = defects[0]
    assert crack["入伙记录编号"] == made["proxy"].uuid and crack["房号"] == "3-2-1502"
    assert crack["问题描述"] == "=1+1 墙面开裂\n第二行" and crack["责任方"] == "施工单位"
    assert (crack["复验人"], crack["复验时间"]) == ("张敏", datetime(2026, 11, 22, 10, 0))
    assert crack["整改期限"] == datetime(2026, 12, 5)


def test_round_trip_gives_the_same_cells(ctx, supervisor_ctx, clock, tmp_path, empty_site):
    made = _site_with_handovers(ctx, supervisor_ctx, clock)
    first = exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    assert first.counts["入伙"] == 4 and first.counts["入伙缺陷"] == 3

    result = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert result.warnings == ()
    second = exchange.export_workbook(empty_site, START, END, tmp_path / "second.xlsx")
    assert second.counts == first.counts
    for name in HEADERS:
        a, b = sheet_cells(tmp_path / "first.xlsx", name), sheet_cells(tmp_path / "second.xlsx", name)
        assert len(a) == len(b)
        for i, (ra, rb) in enumerate(zip(a, b), 1):
            assert ra == rb, f"{name} row {i}"

    # The imported site knows the unit's state and its open defect.
    imported = mi.current_handover(empty_site, "3-2-1502")
    assert imported.status == "需整改" and imported.owner_name == "张三"
    assert [d.status for d in imported.open_defects] == ["整改中"]
    assert mi.list_defects(empty_site)[0].handover_uuid == made["proxy"].uuid
    assert not mi.get_handover(empty_site, made["owner"].uuid).late_entry

    # Importing the same workbook again changes nothing.
    again = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert again.inserted == 0 and again.updated == 0

    # RH-01 of an imported handover prints its summary readings and keys.
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        printing.render_form(empty_site, "move-in", unit="3-2-1502").pdf)).pages))
    for expected in ("燃气表", "0.75", "12.5", "入户门×3；信报箱×1", "闭水试验渗水", "需整改"):
        assert expected in text, expected


def test_a_later_workbook_updates_the_handover(ctx, supervisor_ctx, clock, tmp_path, empty_site):
    made = _site_with_handovers(ctx, supervisor_ctx, clock)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    leak = next(d for d in made["proxy"].defects if d.status == "整改中")
    clock.set(datetime(2026, 11, 26, 9, 0))
    mi.mark_rectified(ctx, leak.uuid)
    mi.reinspect_defect(supervisor_ctx, leak.uuid, passed=True)
    done = mi.complete_handover(ctx, made["proxy"].uuid)
    exchange.export_workbook(supervisor_ctx, date(2026, 11, 26), date(2026, 11, 26), tmp_path / "day.xlsx")
    result = exchange.import_workbook(empty_site, tmp_path / "day.xlsx")
    assert result.updated == 2  # the handover and the defect
    there = mi.get_handover(empty_site, done.uuid)
    assert there.status == "已交付" and there.version == done.version and there.open_defects == ()


def test_bad_rows_are_named_and_nothing_is_imported(ctx, supervisor_ctx, clock, tmp_path, empty_site):
    _site_with_handovers(ctx, supervisor_ctx, clock)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    wb = load_workbook(tmp_path / "first.xlsx")
    ws = wb["入伙"]
    col = {c.value: c.column for c in ws[1]}
    ws.cell(row=2, column=col["水表读数"], value=-3)
    ws.cell(row=3, column=col["接收人身份"], value="亲属")
    ws.cell(row=3, column=col["委托人"], value=None)
    save_edited(wb, tmp_path / "bad.xlsx")
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, tmp_path / "bad.xlsx")
    text = "\n".join(err.value.errors)
    assert "入伙 / 第 2 行 / 水表读数" in text and "入伙 / 第 3 行 / 接收人身份" in text
    assert mi.list_handovers(empty_site, include_void=True) == []

    # A defect pointing at a handover the database does not know is refused; nothing imported.
    wb = load_workbook(tmp_path / "first.xlsx")
    d = wb["入伙缺陷"]
    dcol = {c.value: c.column for c in d[1]}
    d.cell(row=2, column=dcol["入伙记录编号"], value="0f0e0d0c-0b0a-4909-8807-060504030201")
    save_edited(wb, tmp_path / "bad2.xlsx")
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, tmp_path / "bad2.xlsx")
    assert "入伙缺陷 / 第 2 行 / 入伙记录编号" in "\n".join(err.value.errors)
    assert mi.list_handovers(empty_site, include_void=True) == []


def _rh01_text(site, unit: str) -> str:
    pdf = printing.render_form(site, "move-in", unit=unit).pdf
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def test_rh01_of_an_imported_handover_leaves_what_was_not_recorded_blank(ctx, supervisor_ctx, clock, tmp_path, empty_site):
    data = _ready(ctx, _start(ctx, "3-2-1501"))
    data = mi.add_fee(ctx, data.uuid, item="物业服务费", amount="1200", receipt_no="R-0001",
                      expected_version=data.version)
    mi.complete_handover(ctx, data.uuid)
    exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "desk.xlsx")
    exchange.import_workbook(empty_site, tmp_path / "desk.xlsx")

    # At the desk that handled it: the fee, the inspection, and 无委托代办 because none was entrusted.
    here = _rh01_text(ctx, "3-2-1501")
    assert "物业服务费" in here and "R-0001" in here and "收费合计：1200.00元" in here
    assert "无委托代办" in here and "门窗" in here

    # The workbook carries no fees, services or inspection rows: the other desk's RH-01 leaves
    # them blank instead of saying none were collected, entrusted or inspected.
    there = _rh01_text(empty_site, "3-2-1501")
    for false in ("无收费", "无委托代办", "未验房", "0.00元"):
        assert false not in there, false
    assert "收费合计：元" in there
    # What the workbook does carry still prints.
    for carried in ("3-2-1501", "张三", "水表", "12.5", "入户门×3", "已交付", "无缺陷"):
        assert carried in there, carried
