"""The desk services' workbook sheets: the documented headers, and export → import into an
empty site → export gives the same cells for every record type; the imported site keeps
signed money locked."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app import desk, reception, repairs, residents
from app.desk import sheet as desk_sheet
from app.domain.errors import ValidationError
from app.exchange import service as exchange
from tests.exchange_helpers import empty_site, rows_by_header, sheet_cells  # noqa: F401 - empty_site is a fixture

HEADERS = {
    "交接班": "记录编号 站点编码 版本 交接时间 交班人 接班人 上次交接时间 收取押金 退还押金 收费 应有现金 实点现金 差异说明 "
           "在借物品数 在借押金 未结事项 备注 状态 作废原因 最后修改时间 最后修改人".split(),
    "日结": "记录编号 站点编码 版本 日期 收取押金 退还押金 借用费 有偿服务费 现金合计 交接班次数 交款人 财务接收人 备注 状态 "
          "作废原因 最后修改时间 最后修改人".split(),
    "借用物品": "记录编号 站点编码 版本 借用单号 物品编号 物品名称 借用人 房号 联系电话 借出时间 应还时间 押金 押金收据号 付款方式 "
            "免费分钟 每小时收费 归还时间 归还状况 借用费 退还押金 退款凭证号 归还经办人 状态 备注 借出交接班编号 归还交接班编号 "
            "经办人 作废原因 最后修改时间 最后修改人".split(),
    "有偿服务": "记录编号 站点编码 版本 服务单号 收费时间 客户 房号 联系电话 服务项目 单价 数量 金额 收据号 付款方式 关联维修单号 "
            "关联维修编号 状态 备注 交接班编号 经办人 作废原因 最后修改时间 最后修改人".split(),
    "服务申请": "记录编号 站点编码 版本 申请单号 申请时间 申请人 房号 联系电话 申请事项 附件 交还期限 需执行部门 审批结果 审批意见 "
            "审批人 审批时间 交还时间 交还人 状态 受理人 作废原因 最后修改时间 最后修改人".split(),
    "内部联系函": "记录编号 站点编码 版本 联系函编号 来源 来源记录编号 来源说明 征询时间 应发出时间 发出时间 接收部门 主题 内容 "
             "要求回复时间 回复内容 回复时间 回复人 状态 发函人 作废原因 最后修改时间 最后修改人".split(),
    "告知": "记录编号 站点编码 版本 告知编号 告知类型 标题 告知内容 告知范围 告知对象 告知方式 发布时间 发布人 户数 已确认户数 状态 "
          "作废原因 最后修改时间 最后修改人".split(),
    "告知确认": "记录编号 站点编码 版本 告知记录编号 房号 联系次数 最后联系时间 确认人 确认时间 确认方式 联系人 状态 备注 "
            "最后修改时间 最后修改人".split(),
}
START, END = date(2026, 11, 1), date(2026, 11, 30)


def test_the_sheet_modules_declare_the_documented_headers():
    assert {s.name: s.headers for s in desk_sheet.SHEETS} == HEADERS
    for s in desk_sheet.SHEETS:  # the module's docstring documents each header list
        assert " | ".join(s.headers) in " ".join(desk_sheet.__doc__.replace("\n", " ").split())


def _site_with_everything(ctx, supervisor_ctx, admin_ctx, clock) -> dict:
    made = {}
    for unit in ("3-1-0101", "3-2-1502"):
        residents.add_unit(admin_ctx, unit)
    clock.set(datetime(2026, 11, 20, 9, 0))
    ladder = desk.lend(ctx, item_no="TZ-01", borrower="=陈先生", unit_no="3-2-1502", phone="+86 138 0013 8000",
                       deposit_receipt="YJ-1")
    desk.lend(ctx, item_no="TC-01", borrower="李女士", deposit_receipt="YJ-2", pay_method="微信")
    clock.set(datetime(2026, 11, 20, 10, 1))
    desk.return_item(ctx, ladder.uuid, expected_version=ladder.version)
    repair = repairs.create_order(ctx, reporter="赵先生", unit_no="3-1-0101", phone="13700137000",
                                  content="厨房水龙头漏水，更换", category="给排水", paid=True)
    made["order"] = desk.create_order(ctx, customer="赵先生", unit_no="3-1-0101", service="更换水龙头（不含材料）",
                                      quantity=2, receipt_no="SF-1", repair=repair.number)
    wrong = desk.create_order(ctx, customer="钱先生", service="开锁", receipt_no="SF-2")
    desk.void_order(supervisor_ctx, wrong.uuid, "收错项目", expected_version=wrong.version)
    clock.set(datetime(2026, 11, 20, 12, 0))
    expected = desk.current_shift(ctx).totals.cash_fen
    made["handover"] = desk.sign_handover(ctx, received_by="刘芳", counted_cash_fen=expected + 50,
                                          explanation="多出五角，原因待查")
    clock.set(datetime(2026, 11, 20, 18, 0))
    made["day"] = desk.close_day(ctx, date(2026, 11, 20), received_by="周会计")

    app = desk.apply(ctx, applicant="陈先生", unit_no="3-2-1502", content="申请搬运家具", attachments=["身份证复印件"])
    app = desk.decide(supervisor_ctx, app.uuid, "同意", opinion="同意", departments="安管部", expected_version=app.version)
    desk.hand_back(ctx, app.uuid, expected_version=app.version)
    contact = reception.create_contact(ctx, method="来电", name="陈先生", category="咨询", content="东门何时开放")
    memo = desk.send_memo(ctx, department="工程部", subject="东门", content="请回复", source_type="来访来电",
                          source_uuid=contact.uuid, reply_by=datetime(2026, 11, 21, 12, 0))
    desk.record_reply(ctx, memo.uuid, reply="下周一开放", replier="刘工", expected_version=memo.version)
    desk.send_memo(ctx, department="安管部", subject="车位", content="来自申请", source_type="服务申请",
                   source_uuid=app.uuid)
    n = desk.publish(ctx, kind="重要告知", title="停水", body="3栋停水\n请储水", target="楼栋", targets=["3"],
                     channels=["公告栏", "电话"])
    desk.record_contact(ctx, n.uuid, "3-2-1502", reached=True, confirmed_by="陈先生")
    desk.record_contact(ctx, n.uuid, "3-1-0101", reached=False, note="无人接听")
    desk.publish(ctx, kind="温馨提示", title="降温", body="注意保暖")
    clock.set(datetime(2026, 11, 25, 18, 0))
    return made


def test_every_desk_record_round_trips_through_the_workbook(ctx, supervisor_ctx, admin_ctx, clock, tmp_path,
                                                           empty_site):
    made = _site_with_everything(ctx, supervisor_ctx, admin_ctx, clock)
    first = exchange.export_workbook(supervisor_ctx, START, END, tmp_path / "first.xlsx")
    wb = load_workbook(tmp_path / "first.xlsx")
    for name, headers in HEADERS.items():
        assert [c.value for c in wb[name][1]] == headers
    assert {k: first.counts[k] for k in HEADERS} == {"交接班": 1, "日结": 1, "借用物品": 2, "有偿服务": 2, "服务申请": 1,
                                                    "内部联系函": 2, "告知": 2, "告知确认": 2}
    loans = {r["物品编号"]: r for r in rows_by_header(tmp_path / "first.xlsx", "借用物品")}
    assert loans["TZ-01"]["借用人"] == "=陈先生" and loans["TZ-01"]["押金"] == 100 and loans["TZ-01"]["借用费"] == 5
    assert loans["TZ-01"]["借出交接班编号"] == made["handover"].uuid
    [order, _void] = sorted(rows_by_header(tmp_path / "first.xlsx", "有偿服务"), key=lambda r: r["服务单号"])
    assert (order["单价"], order["数量"], order["金额"], order["关联维修单号"]) == (30, 2, 60, made["order"].repair_number)
    [h] = rows_by_header(tmp_path / "first.xlsx", "交接班")
    assert h["实点现金"] - h["应有现金"] == pytest.approx(0.5) and h["差异说明"] == "多出五角，原因待查"
    notice = {r["告知类型"]: r for r in rows_by_header(tmp_path / "first.xlsx", "告知")}["重要告知"]
    assert (notice["户数"], notice["已确认户数"], notice["告知对象"]) == (2, 1, "3")

    result = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert result.warnings == ()
    second = exchange.export_workbook(empty_site, START, END, tmp_path / "second.xlsx")
    assert {k: second.counts[k] for k in HEADERS} == {k: first.counts[k] for k in HEADERS}
    for name in HEADERS:
        a, b = sheet_cells(tmp_path / "first.xlsx", name), sheet_cells(tmp_path / "second.xlsx", name)
        assert len(a) == len(b)
        for i, (ra, rb) in enumerate(zip(a, b), 1):
            assert ra == rb, f"{name} row {i}"

    # The imported site keeps the signed money locked and the coverage computed.
    order = desk.get_order(empty_site, made["order"].uuid)
    assert order.signed and order.amount_fen == 6000
    with pytest.raises(ValidationError) as e:
        desk.update_order(empty_site, order.uuid, {"receipt_no": "X"}, expected_version=order.version)
    assert e.value.field == "交接班"
    [n] = [x for x in desk.list_notices(empty_site) if x.kind == "重要告知"]
    assert (n.coverage.households, n.coverage.confirmed) == (2, 1)
    again = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert again.inserted == 0 and again.updated == 0
