"""Imports held to the services' rules: a crafted workbook whose record the services would refuse
-- a time in the future, 已作废 without 作废原因, a state without the fields its services fill in
(已完成 without 处理情况, 待回访 without 处理结果, 已销项 without 复验时间 …), a NUL byte in a text --
is refused with its error listed (sheet, row, column) and nothing imported, on every database;
every sheet of the workbook has at least one such case."""

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


# ---------------------------------------------------------------- every sheet, every state rule
#
# The day's workbook of a site where every feature's self-test records were made through the
# services (plus a defect, a signed shift, a closed day and an important notice, which the samples
# leave out): it imports untouched, so the rules below refuse nothing the services make. Each case
# then breaks one rule in one sheet's first row, the way a hand-edited workbook would.

_FULL: dict = {}


def _make_full_workbook(ctx, day, path):
    import importlib
    import importlib.util

    from app import desk, movein
    from app.features import FEATURES

    for feature in FEATURES:
        name = f"app.{feature.key}.sample"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).sample(ctx)
    handover = movein.list_handovers(ctx)[0]
    movein.add_defect(ctx, handover.uuid, room="客厅", item="墙面", description="墙面有裂缝")
    shift = desk.current_shift(ctx)
    desk.sign_handover(ctx, received_by="王丽", counted_cash_fen=shift.totals.cash_fen,
                       expected_cash_fen=shift.totals.cash_fen)
    desk.close_day(ctx, day, received_by="财务刘")
    desk.publish(ctx, kind="重要告知", title="停水通知", body="明日上午停水检修", target="指定房号",
                 targets=["1-1-101"])
    return exchange.export_workbook(ctx, day, day, path).path


@pytest.fixture
def full_workbook(request, clock, tmp_path_factory):
    """Made once for the module (it does not depend on the database it is imported into)."""
    if "path" not in _FULL:
        ctx = request.getfixturevalue("admin_ctx")
        _FULL["path"] = _make_full_workbook(ctx, clock.now.date(), tmp_path_factory.mktemp("full") / "full.xlsx")
    return _FULL["path"]


def _edit_sheet(path, out, sheet, cells):
    wb = load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    assert ws.max_row >= 2, f"{sheet} has no row to edit"
    for header, value in cells.items():
        ws.cell(row=2, column=headers.index(header) + 1).value = value
    save_edited(wb, out)
    return out


def _count(ctx, sheet):
    from sqlalchemy import func, select

    from app.exchange.registry import sheet as spec_of

    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(spec_of(sheet).model))


_LATER = datetime.now().replace(microsecond=0) + timedelta(days=10)
_EARLIER = datetime.now().replace(microsecond=0) - timedelta(days=400)

#: (sheet, cells changed in its first row, the column the error names, words of the error)
CASES = [
    ("来访来电", {"状态": "处理中", "处理方式": "转交", "转交部门": None}, "转交部门", "状态为处理中时必须填写"),
    ("来访来电", {"状态": "已完成", "完成时间": None}, "完成时间", "状态为已完成时必须填写"),
    ("投诉", {"状态": "待回访", "处理结果": None}, "处理结果", "状态为待回访时必须填写"),
    ("投诉", {"状态": "处理中", "处理人": None, "责任部门": None}, "处理人",
     "状态为处理中时，处理人和责任部门至少填写一项"),
    ("投诉", {"完成时间": None}, "完成时间", "已关闭（非无效投诉）时必须填写"),
    ("投诉", {"回复方式": "电话", "回复时间": None}, "回复时间", "回复方式与回复时间应同时填写"),
    ("投诉", {"受理时间": _EARLIER, "完成时间": _EARLIER - timedelta(days=1)}, "完成时间", "不能早于受理时间"),
    ("回访", {"关联编号": None}, "关联编号", "关联类型为投诉时必须填写"),
    ("维修", {"维修结果": None}, "维修结果", "状态为待回访时必须填写"),
    ("维修", {"状态": "维修中", "接单人": None}, "接单人", "状态为维修中时必须填写"),
    ("维修", {"状态": "已派工", "派工时间": None, "接单时间": None, "完成时间": None}, "派工时间",
     "状态为已派工时必须填写"),
    ("维修", {"是否有偿": "是", "材料及费用": None}, "材料及费用", "有偿维修完工后必须填写收费金额"),
    ("入伙", {"状态": "需整改", "整改期限": None}, "整改期限", "状态为需整改时必须填写"),
    ("入伙缺陷", {"状态": "已销项"}, "复验时间", "状态为已销项时必须填写"),
    ("装修", {"审批人": None}, "审批人", "状态为施工中时必须填写"),
    ("装修", {"状态": "已验收"}, "验收时间", "状态为已验收时必须填写"),
    ("装修", {"状态": "押金已退", "验收时间": _EARLIER, "验收结果": "合格", "押金退还金额": 0}, "押金退还时间",
     "状态为押金已退时必须填写"),
    ("装修巡查", {"巡查时间": _LATER}, "巡查时间", "还没有到"),
    ("满意度调查", {"批准时间": None}, "批准时间", "状态为进行中时必须填写"),
    ("满意度调查", {"状态": "已结束"}, "结束时间", "状态为已结束时必须填写"),
    ("调查问卷", {"状态": "已回收"}, "回收时间", "状态为已回收时必须填写"),
    ("调查问卷", {"发放人": None}, "发放人", "状态为已发放时必须填写"),
    ("督导检查", {"状态": "已完成"}, "完成时间", "状态为已完成时必须填写"),
    ("督导检查", {"检查日期": _LATER.date()}, "检查日期", "还没有到"),
    ("督导检查问题", {"整改状态": "已整改"}, "复查时间", "整改状态为已整改时必须填写"),
    ("督导检查问题", {"整改情况": "已整改_x0000_完毕"}, "整改情况", "控制字符"),
    ("交接班", {"交接时间": _LATER}, "交接时间", "还没有到"),
    ("交接班", {"备注": "交接_x0007_"}, "备注", "控制字符"),
    ("日结", {"日期": _LATER.date()}, "日期", "还没有到"),
    ("借用物品", {"归还经办人": None}, "归还经办人", "状态为已归还时必须填写"),
    ("借用物品", {"归还时间": _LATER}, "归还时间", "还没有到"),
    ("有偿服务", {"收费时间": _LATER}, "收费时间", "还没有到"),
    ("服务申请", {"状态": "已批准", "审批结果": "同意"}, "审批人", "状态为已批准时必须填写"),
    ("服务申请", {"状态": "不予受理", "审批结果": "不同意", "审批人": "张敏", "审批时间": _EARLIER},
     "审批意见", "状态为不予受理时必须填写"),
    ("内部联系函", {"状态": "已回复", "回复内容": "已安排"}, "回复时间", "状态为已回复时必须填写"),
    ("告知", {"发布时间": _LATER}, "发布时间", "还没有到"),
    ("告知确认", {"状态": "已确认", "确认时间": _EARLIER}, "确认人", "状态为已确认时必须填写"),
    ("告知确认", {"状态": "无法联系"}, "最后联系时间", "状态为无法联系时必须填写"),
]


def test_the_full_workbook_imports_untouched(full_workbook, empty_site):  # noqa: F811
    result = exchange.import_workbook(empty_site, full_workbook)
    assert result.inserted > 20
    for sheet in ("入伙缺陷", "交接班", "日结", "告知确认"):
        assert _count(empty_site, sheet) >= 1, sheet


@pytest.mark.parametrize("sheet, cells, column, words", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_every_sheet_refuses_a_row_its_services_would_refuse(full_workbook, empty_site, tmp_path, sheet, cells,
                                                             column, words):  # noqa: F811
    crafted = _edit_sheet(full_workbook, tmp_path / "crafted.xlsx", sheet, cells)
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, crafted)
    listed = [e for e in err.value.errors if e.startswith(sheet) and "第 2 行" in e and column in e]
    assert listed and words in listed[0], err.value.errors
    assert _count(empty_site, sheet) == 0 and reception.count_contacts(empty_site) == 0


@pytest.mark.parametrize("cells", [{"处理人": None, "责任部门": "工程部"}, {"处理人": "王丽", "责任部门": None}],
                         ids=["department-only", "handler-only"])
def test_a_complaint_in_progress_with_either_a_handler_or_a_department_imports(full_workbook, empty_site, tmp_path,
                                                                                cells):  # noqa: F811
    crafted = _edit_sheet(full_workbook, tmp_path / "crafted.xlsx", "投诉", {"状态": "处理中", **cells})
    exchange.import_workbook(empty_site, crafted)
    from app import complaints

    [row] = complaints.search(empty_site, status="处理中")
    assert (row.handler, row.department) == (cells["处理人"], cells["责任部门"])
