"""The `维修` sheet of the head-office workbook: columns as the spec spells them, and
export → import into an empty site → export gives the same cells."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.reception.models import ContactRecord
from app.exchange.reader import WorkbookInvalid
from app.exchange import service as exchange
from app.core import records
from app import repairs
from tests.exchange_helpers import empty_site, sheet_cells  # noqa: F401 - empty_site is a fixture
from tests.exchange_helpers import save_edited

HEADERS = ["记录编号", "站点编码", "版本", "来源记录编号", "报修时间", "报修人", "房号", "联系电话", "报修内容", "类别",
           "紧急程度", "是否有偿", "派工时间", "接单时间", "接单人", "完成时间", "维修结果", "材料及费用", "是否超时",
           "需回访", "状态", "受理人", "作废原因", "最后修改时间", "最后修改人"]


def _orders(ctx, clock, supervisor):
    """Orders in every state, paid and free, one from reception, one voided, awkward texts."""
    clock.set(datetime(2026, 11, 20, 8, 0))
    with ctx.unit_of_work() as s:
        contact = records.create(ctx, s, ContactRecord, received_at=ctx.now(), method="来电", name="王女士",
                                 unit_no="1-1-301", phone="13912345678", phone_digits="13912345678", category="报修",
                                 content="卫生间天花板渗水", status="待处理", received_by=ctx.actor.name).uuid
    made = [repairs.create_from_contact(ctx, contact, category="渗漏水")]
    for i, (cat, content) in enumerate([("给排水", "=SUM(A1) 厨房下水堵"), ("电气", "+86 插座没电"), ("门窗", "门锁坏"),
                                        ("公共设施", "路灯不亮"), ("其他", "请修空调"), ("安全设施", "消防栓漏水")]):
        clock.set(clock.now + timedelta(minutes=7))
        made.append(repairs.create_order(ctx, reporter=f"业主{i}", unit_no=f"2-1-{i + 1}01", phone="138 0013 8000",
                                         content=content, category=cat, paid=(cat == "门窗"),
                                         urgency="紧急" if i == 1 else "一般"))
    clock.set(datetime(2026, 11, 20, 10, 50))
    leak, drain, power, door, lamp, aircon, hydrant = made
    for o in (leak, drain, power, door):
        late = o.uuid == power.uuid
        o = repairs.dispatch(ctx, o.uuid, "工程部", expected_version=o.version, at=datetime(2026, 11, 20, 10, 0))
        o = repairs.pick_up(ctx, o.uuid, "李师傅", expected_version=o.version,
                            at=datetime(2026, 11, 20, 10, 50 if late else 10))
    clock.set(datetime(2026, 11, 20, 11, 0))
    leak = repairs.complete(ctx, leak.uuid, result="重做防水", expected_version=repairs.get_order(ctx, leak.uuid).version)
    repairs.record_follow_up(ctx, leak.uuid, content="已不渗水", feedback="满意", expected_version=leak.version)
    repairs.complete(ctx, door.uuid, result="更换门锁", cost="120.50", receipt_no="R-0001",
                     expected_version=repairs.get_order(ctx, door.uuid).version)
    repairs.dispatch(ctx, lamp.uuid, "张师傅", expected_version=lamp.version)
    repairs.decline(ctx, aircon.uuid, "户内空调不属于物业维修范围，已告知业主联系厂家", expected_version=aircon.version)
    repairs.void_order(supervisor, hydrant.uuid, "重复登记", expected_version=hydrant.version)
    clock.set(datetime(2026, 11, 20, 18, 0))
    return made


def test_the_repair_sheet_round_trips(ctx, supervisor_ctx, empty_site, tmp_path, clock):
    made = _orders(ctx, clock, supervisor_ctx)
    day = date(2026, 11, 20)
    first = exchange.export_workbook(supervisor_ctx, day, day, tmp_path / "first.xlsx")
    assert first.counts["维修"] == len(made)
    wb = load_workbook(tmp_path / "first.xlsx")
    assert wb.sheetnames.index("维修") == wb.sheetnames.index("回访") + 1
    rows = sheet_cells(tmp_path / "first.xlsx", "维修")
    assert [c[0] for c in rows[0]] == HEADERS
    by_uuid = {r[0][0]: dict(zip(HEADERS, (c[0] for c in r))) for r in rows[1:]}
    door = by_uuid[made[3].uuid]
    assert (door["是否有偿"], door["材料及费用"], door["状态"], door["接单人"]) == ("是", 120.5, "待回访", "李师傅")
    assert by_uuid[made[0].uuid]["来源记录编号"] == made[0].source_contact_uuid
    assert by_uuid[made[0].uuid]["需回访"] == "是" and by_uuid[made[2].uuid]["是否超时"] == "是"
    assert by_uuid[made[6].uuid]["作废原因"] == "重复登记" and by_uuid[made[6].uuid]["状态"] == "已作废"
    assert by_uuid[made[1].uuid]["报修内容"] == "=SUM(A1) 厨房下水堵"
    assert isinstance(by_uuid[made[0].uuid]["完成时间"], datetime)

    result = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert next(s for s in result.sheets if s.sheet == "维修").inserted == len(made)
    second = exchange.export_workbook(empty_site, day, day, tmp_path / "second.xlsx")
    assert second.counts == first.counts
    assert sheet_cells(tmp_path / "second.xlsx", "维修") == rows
    # The imported orders are numbered per 报修 day in the same order, and keep their state.
    for o in made:
        theirs = repairs.get_order(empty_site, o.uuid)
        mine = repairs.get_order(ctx, o.uuid)
        assert (theirs.number, theirs.status, theirs.version) == (mine.number, mine.status, mine.version)
    assert repairs.get_order(empty_site, made[6].uuid).void_reason == "重复登记"
    # Importing again changes nothing.
    again = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert next(s for s in again.sheets if s.sheet == "维修").unchanged == len(made)
    # A later change travels as a higher 版本.
    lamp = repairs.get_order(ctx, made[4].uuid)
    lamp = repairs.pick_up(ctx, lamp.uuid, "张师傅", expected_version=lamp.version)
    exchange.export_workbook(supervisor_ctx, day, day, tmp_path / "third.xlsx")
    third = exchange.import_workbook(empty_site, tmp_path / "third.xlsx")
    assert next(s for s in third.sheets if s.sheet == "维修").updated == 1
    theirs = repairs.get_order(empty_site, lamp.uuid)
    assert (theirs.status, theirs.picked_up_by, theirs.version, theirs.number) == \
        ("维修中", "张师傅", lamp.version, lamp.number)


def test_a_bad_repair_row_is_named_and_nothing_is_imported(ctx, supervisor_ctx, empty_site, tmp_path, clock):
    _orders(ctx, clock, supervisor_ctx)
    day = date(2026, 11, 20)
    exchange.export_workbook(supervisor_ctx, day, day, tmp_path / "out.xlsx")
    wb = load_workbook(tmp_path / "out.xlsx")
    ws = wb["维修"]
    ws.cell(row=2, column=HEADERS.index("状态") + 1, value="已完成")
    ws.cell(row=3, column=HEADERS.index("紧急程度") + 1, value="很急")
    save_edited(wb, tmp_path / "bad.xlsx")
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, tmp_path / "bad.xlsx")
    text = "\n".join(err.value.errors)
    assert "维修 / 第 2 行 / 状态" in text and "维修 / 第 3 行 / 紧急程度" in text
    assert repairs.list_orders(empty_site) == []
