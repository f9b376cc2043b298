"""The head-office workbook: layout as the spec says, round trip, formula-looking and rare text,
checking before writing, idempotent import by 记录编号 and 版本, masking."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.core.models import AuditEvent
from app.complaints.models import Complaint, FollowUp
from app.reception.models import ContactRecord
from app.domain.errors import PermissionDenied
from app.exchange.reader import WorkbookInvalid, WorkbookRefused
from app import demo
from app.exchange import service as exchange
from app.core import records
from tests.exchange_helpers import cells, empty_site, rows_by_header, save_edited  # noqa: F401 - empty_site is a fixture

# The contract (../shared/spec/export-workbook.md), spelled out once more on purpose.
HEADERS = {
    "来访来电": "记录编号 站点编码 版本 登记时间 方式 姓名 房号 联系电话 类别 内容 处理方式 转交部门 负责人 要求完成时间 "
            "处理情况 完成时间 状态 接待人 关联投诉编号 作废原因 最后修改时间 最后修改人".split(),
    "投诉": "记录编号 站点编码 版本 来源记录编号 受理时间 渠道 投诉人 房号 联系电话 类别 性质 有效性 内容 责任部门 处理人 "
          "处理时限 处理意见 处理结果 完成时间 是否超时 升级级别 重新处理次数 回复方式 回复时间 状态 审核人 审核时间 "
          "审核意见 受理人 作废原因 最后修改时间 最后修改人".split(),
    "回访": "记录编号 站点编码 版本 回访时间 关联类型 关联编号 房号 受访人 联系电话 回访方式 回访内容 反馈意见 回访人 备注 "
          "作废原因 最后修改时间 最后修改人".split(),
}
SUMMARY_KEYS = ["格式版本", "站点编码", "站点名称", "公司名称", "起始日期", "结束日期", "导出时间", "导出人", "软件版本",
                "手机号已脱敏", "导出序号", "校验码"]
DAY = date(2026, 11, 20)


# ---------------------------------------------------------------- helpers
def add_contact(ctx, **kw) -> str:
    fields = dict(received_at=ctx.now(), method="来电", name="张三", unit_no="3-2-1502", phone="13800138000",
                  phone_digits="13800138000", category="咨询", content="咨询物业费缴纳方式", status="待处理",
                  received_by=ctx.actor.name)
    fields.update(kw)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, ContactRecord, **fields).uuid


def add_complaint(ctx, **kw) -> str:
    fields = dict(received_at=ctx.now(), channel="来访", complainant="李四", unit_no="2-1-0801", phone="13900139000",
                  phone_digits="13900139000", category="装修噪音扰民", severity="重要", validity="有效",
                  content="楼上装修噪音", department="工程部", handler="李工", due_at=ctx.now() + timedelta(days=3),
                  overdue=False, escalation_level=1, reopen_count=0, status="处理中", received_by=ctx.actor.name)
    fields.update(kw)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, Complaint, **fields).uuid


def add_follow_up(ctx, **kw) -> str:
    fields = dict(visited_at=ctx.now(), subject_type="日常走访", interviewee="王五", phone="0755-88886666",
                  method="上门", content="日常走访", feedback="满意", visitor=ctx.actor.name)
    fields.update(kw)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, FollowUp, **fields).uuid


def get(ctx, model, uuid):
    """The record's column values as plain attributes."""
    with ctx.read() as s:
        obj = records.get_by_uuid(s, model, uuid)
        values = {c.key: getattr(obj, c.key) for c in model.__table__.columns}
    return SimpleNamespace(**values, is_void=values["voided_at"] is not None)


def count(ctx, model) -> int:
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def audit_count(ctx) -> int:
    return count(ctx, AuditEvent)


def export(ctx, tmp_path, name="out.xlsx", date_from=DAY, date_to=DAY, **kw):
    return exchange.export_workbook(ctx, date_from, date_to, tmp_path / name, **kw)


def edit(path, out, fn):
    """A copy of the workbook changed by ``fn`` and saved with its 校验码 recomputed."""
    wb = load_workbook(path)
    fn(wb)
    save_edited(wb, out)
    return out


def col(ws, header) -> int:
    return [c.value for c in ws[1]].index(header) + 1


# ---------------------------------------------------------------- layout
def test_export_follows_the_spec(admin_ctx, tmp_path):
    c = add_contact(admin_ctx, complaint_uuid=None)
    add_complaint(admin_ctx, source_contact_uuid=c)
    add_follow_up(admin_ctx)
    result = export(admin_ctx, tmp_path)
    assert {k: result.counts[k] for k in HEADERS} == {"来访来电": 1, "投诉": 1, "回访": 1}

    wb = load_workbook(tmp_path / "out.xlsx")
    # Later modules add their sheets after these, without changing them.
    assert wb.sheetnames[:4] == ["汇总", "来访来电", "投诉", "回访"]
    for name, headers in HEADERS.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == headers
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(headers)).column_letter}2"
        assert all(c.font.b for c in ws[1])
        # Chinese headers fit: a 4-character header needs more than 8 columns of width.
        assert ws.column_dimensions[ws.cell(1, col(ws, "最后修改时间")).column_letter].width >= 15

    summary = wb["汇总"]
    assert [summary.cell(i, 1).value for i in range(1, 13)] == SUMMARY_KEYS
    values = {summary.cell(i, 1).value: summary.cell(i, 2).value for i in range(1, 13)}
    assert values["格式版本"] == 2 and values["站点编码"] == "DEMO" and values["手机号已脱敏"] == "否"
    assert values["起始日期"] == datetime(2026, 11, 20) and values["导出人"] == "管理员"
    assert values["导出序号"] == 1 and len(values["校验码"]) == 64
    assert summary.cell(13, 1).value is None
    table = [[c.value for c in r] for r in summary.iter_rows(min_row=14)]
    assert table[:4] == [["表名", "记录数"], ["来访来电", 1], ["投诉", 1], ["回访", 1]]
    # the record sheets follow 汇总 in the table's order; the 版本来历 sheet (not a record sheet) comes last
    assert [r[0] for r in table[1:]] == wb.sheetnames[1:-1] and wb.sheetnames[-1] == "版本来历"

    ws = wb["来访来电"]
    row = {h: ws.cell(2, col(ws, h)) for h in HEADERS["来访来电"]}
    assert row["登记时间"].is_date and row["登记时间"].number_format == "yyyy-mm-dd hh:mm"
    assert row["登记时间"].value == datetime(2026, 11, 20, 9, 0)
    assert row["联系电话"].data_type == "s" and row["联系电话"].value == "13800138000"
    assert row["房号"].data_type == "s" and row["房号"].value == "3-2-1502"
    assert row["记录编号"].value == c and row["版本"].value == 1
    assert row["要求完成时间"].value is None  # empty optional values are empty cells
    ws = wb["投诉"]
    row = {h: ws.cell(2, col(ws, h)).value for h in HEADERS["投诉"]}
    assert row["是否超时"] == "否" and row["升级级别"] == 1 and row["来源记录编号"] == c
    assert row["处理时限"] == datetime(2026, 11, 23, 9, 0)


def test_range_takes_records_created_or_changed_in_it(admin_ctx, tmp_path, clock):
    clock.set(datetime(2026, 11, 18, 10, 0))
    old = add_contact(admin_ctx, content="前天登记，今天修改")
    untouched = add_contact(admin_ctx, content="前天登记，没有修改")
    clock.set(datetime(2026, 11, 20, 23, 59, 59))
    new = add_contact(admin_ctx, content="今天登记")
    with admin_ctx.unit_of_work() as s:
        obj = records.get_by_uuid(s, ContactRecord, old)
        records.update(admin_ctx, s, obj, {"status": "已完成"}, expected_version=1)
    clock.set(datetime(2026, 11, 21, 0, 0, 0))
    add_contact(admin_ctx, content="明天登记")
    export(admin_ctx, tmp_path)
    got = {r["记录编号"]: r for r in rows_by_header(tmp_path / "out.xlsx", "来访来电")}
    assert set(got) == {old, new}
    assert got[old]["版本"] == 2 and got[old]["状态"] == "已完成"
    assert untouched not in got
    result = export(admin_ctx, tmp_path, "range.xlsx", date(2026, 11, 18), date(2026, 11, 21))
    assert result.counts["来访来电"] == 4


# ---------------------------------------------------------------- round trip
def _busy_site(ctx, clock):
    """Demo records of three weeks plus the awkward ones: voided, changed, formula-looking, rare, long."""
    demo.generate(ctx, days=21)
    clock.set(datetime(2026, 11, 20, 17, 30))
    voided = add_contact(ctx, content="登记错了")
    with ctx.unit_of_work() as s:
        records.void(ctx, s, records.get_by_uuid(s, ContactRecord, voided), "重复登记", expected_version=1)
    changed = add_complaint(ctx)
    for text in ("第一次修改", "第二次修改"):
        with ctx.unit_of_work() as s:
            obj = records.get_by_uuid(s, Complaint, changed)
            records.update(ctx, s, obj, {"opinion": text}, expected_version=obj.version)
    add_contact(ctx, name="𠮷野家䶮", content="长" * 5000, handling="=1+1", department="@SUM(A1)",
                handler="-2", phone="+86 138 0013 8000", phone_digits="8613800138000")
    add_follow_up(ctx, remark="\t制表符开头\r\n第二行 _x000D_ 字面", content="+86 138 0013 8000 回访")
    clock.set(datetime(2026, 11, 20, 18, 30))
    return voided, changed


def test_round_trip_gives_the_same_cells(admin_ctx, empty_site, tmp_path, clock):
    voided, changed = _busy_site(admin_ctx, clock)
    first = export(admin_ctx, tmp_path, "first.xlsx", date(2026, 11, 1), date(2026, 11, 20))
    assert first.counts["来访来电"] > 100 and first.counts["投诉"] > 5 and first.counts["回访"] > 3

    result = exchange.import_workbook(empty_site, tmp_path / "first.xlsx")
    assert result.inserted == first.total and result.updated == 0 and result.warnings == ()
    second = export(empty_site, tmp_path, "second.xlsx", date(2026, 11, 1), date(2026, 11, 20))
    assert second.counts == first.counts

    a, b = cells(tmp_path / "first.xlsx"), cells(tmp_path / "second.xlsx")
    assert list(a) == list(b) and list(a)[:4] == ["汇总", "来访来电", "投诉", "回访"]
    for sheet in a:
        if sheet == "版本来历":
            continue  # each database's own history of the records (compared below)
        assert len(a[sheet]) == len(b[sheet])
        for i, (ra, rb) in enumerate(zip(a[sheet], b[sheet]), 1):
            assert ra == rb, f"{sheet} row {i}"

    # 版本来历: the importing database passed through each record's current state, which the
    # first database's lineage lists among the states it passed through.
    lineage_a, lineage_b = (set(rows[1:]) for rows in (a["版本来历"], b["版本来历"]))
    assert lineage_b and lineage_b <= lineage_a and len(lineage_a) > len(lineage_b)
    # What the import kept exactly: uuid, version, who/when, the void.
    mine, theirs = get(admin_ctx, Complaint, changed), get(empty_site, Complaint, changed)
    assert theirs.version == mine.version == 3
    assert (theirs.updated_at, theirs.updated_by, theirs.opinion) == (mine.updated_at, mine.updated_by, "第二次修改")
    v = get(empty_site, ContactRecord, voided)
    assert v.void_reason == "重复登记" and v.is_void and v.status == "已作废" and v.version == 2
    # One audit event per imported record, and one per 整改通知书 a 装修巡查 row brings with it.
    notices = sum(1 for row in rows_by_header(tmp_path / "first.xlsx", "装修巡查") if row["整改通知书编号"])
    with empty_site.read() as s:
        n = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "导入"))
    assert notices >= 1 and n == first.total + notices


def test_formula_looking_rare_and_long_text_survive(admin_ctx, empty_site, tmp_path):
    texts = {"name": "𠮷野家䶮", "content": "长" * 4990 + "𠮷䶮=+-@", "handling": "=1+1", "department": "@SUM(A1)",
             "handler": "-2", "phone": "+86 138 0013 8000", "unit_no": "\t3-2-1502"}
    uid = add_contact(admin_ctx, **texts)
    fid = add_follow_up(admin_ctx, remark="\r回车开头\r\n_x000D_", content="=HYPERLINK(\"http://x\")")
    export(admin_ctx, tmp_path)

    wb = load_workbook(tmp_path / "out.xlsx")
    ws = wb["来访来电"]
    for header, value in [("姓名", texts["name"]), ("处理情况", "=1+1"), ("转交部门", "@SUM(A1)"), ("负责人", "-2"),
                          ("联系电话", "+86 138 0013 8000"), ("内容", texts["content"]), ("房号", "\t3-2-1502")]:
        cell = ws.cell(2, col(ws, header))
        assert cell.data_type == "s", header  # a text cell, never a formula
        assert cell.value == value, header
    assert ws.cell(2, col(ws, "处理情况")).quotePrefix

    exchange.import_workbook(empty_site, tmp_path / "out.xlsx")
    got = get(empty_site, ContactRecord, uid)
    for key, value in texts.items():
        assert getattr(got, key) == value, key
    f = get(empty_site, FollowUp, fid)
    assert f.remark == "\r回车开头\r\n_x000D_" and f.content == "=HYPERLINK(\"http://x\")"


# ---------------------------------------------------------------- checking
def test_malformed_workbook_imports_nothing_and_lists_every_error(admin_ctx, empty_site, tmp_path):
    add_contact(admin_ctx)
    add_contact(admin_ctx, name="赵六")
    add_complaint(admin_ctx)
    add_follow_up(admin_ctx)
    export(admin_ctx, tmp_path)

    def break_it(wb):
        ws = wb["来访来电"]
        ws.cell(2, col(ws, "方式")).value = "上门"
        ws.cell(3, col(ws, "记录编号")).value = ws.cell(2, col(ws, "记录编号")).value
        ws = wb["投诉"]
        ws.cell(2, col(ws, "受理时间")).value = "2026-13-45"
        ws = wb["回访"]
        ws.delete_cols(col(ws, "受访人"))

    bad = edit(tmp_path / "out.xlsx", tmp_path / "bad.xlsx", break_it)
    before = audit_count(empty_site)
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, bad)
    errors = err.value.errors
    assert errors == [
        "来访来电 / 第 2 行 / 方式：“上门”不是有效的值，应为 来访 / 来电 / 来函 / 其他",
        f"来访来电 / 第 3 行 / 记录编号：与第 2 行重复（{get(admin_ctx, ContactRecord, errors[1][-37:-1]).uuid}）",
        "投诉 / 第 2 行 / 受理时间：“2026-13-45”不是有效的时间，应为 2026-11-22 09:30 这样的日期时间",
        "回访 / 第 1 行 / 受访人：缺少必需的列",
    ]
    assert "4 处错误" in str(err.value)
    for model in (ContactRecord, Complaint, FollowUp):
        assert count(empty_site, model) == 0
    assert audit_count(empty_site) == before


def test_more_cell_errors_are_named_by_sheet_row_and_column(admin_ctx, empty_site, tmp_path):
    add_contact(admin_ctx)
    add_complaint(admin_ctx)
    export(admin_ctx, tmp_path)

    def break_it(wb):
        ws = wb["来访来电"]
        ws.cell(2, col(ws, "版本")).value = 0
        ws.cell(2, col(ws, "姓名")).value = None
        ws.cell(2, col(ws, "关联投诉编号")).value = "not-a-uuid"
        ws.cell(2, col(ws, "内容")).value = "长" * 5001
        ws.cell(2, 30).value = "多余"
        ws.cell(1, 30).value = "备用列"
        ws = wb["投诉"]
        ws.cell(2, col(ws, "是否超时")).value = "可能"
        ws.cell(2, col(ws, "站点编码")).value = "OTHER"
        ws.cell(2, col(ws, "最后修改时间")).value = "2026-11-20T10:15"  # ISO text is fine

    bad = edit(tmp_path / "out.xlsx", tmp_path / "bad.xlsx", break_it)
    with pytest.raises(WorkbookInvalid) as err:
        exchange.import_workbook(empty_site, bad)
    assert err.value.errors == [
        "来访来电 / 第 2 行 / 版本：0 小于最小值 1",
        "来访来电 / 第 2 行 / 姓名：必填，不能为空",
        "来访来电 / 第 2 行 / 内容：最多 5000 个字，现有 5001 个字",
        "来访来电 / 第 2 行 / 关联投诉编号：“not-a-uuid”不是有效的记录编号（应为 36 位 UUID）",
        "投诉 / 第 2 行 / 是否超时：“可能”不是有效的值，应为 是 / 否",
        "投诉 / 第 2 行 / 站点编码：“OTHER”与本站点“DEMO”不符",
    ]


def test_iso_text_times_and_unknown_columns_are_accepted(admin_ctx, empty_site, tmp_path):
    uid = add_contact(admin_ctx)
    export(admin_ctx, tmp_path)

    def textual(wb):
        ws = wb["来访来电"]
        ws.cell(2, col(ws, "登记时间")).value = "2026-11-22T09:30"
        ws.cell(2, col(ws, "最后修改时间")).value = "2026-11-22 09:31:15"
        ws.cell(1, 25).value = "备注（总部）"
        ws.cell(2, 25).value = "总部自己加的列"

    edited = edit(tmp_path / "out.xlsx", tmp_path / "text.xlsx", textual)
    result = exchange.import_workbook(empty_site, edited)
    assert result.inserted == 1
    assert result.warnings == ("来访来电 / 第 1 行 / 备注（总部）：不认识的列，已忽略",)
    got = get(empty_site, ContactRecord, uid)
    assert got.received_at == datetime(2026, 11, 22, 9, 30) and got.updated_at == datetime(2026, 11, 22, 9, 31, 15)


# ---------------------------------------------------------------- idempotence and versions
def test_importing_twice_changes_nothing(admin_ctx, empty_site, tmp_path, clock):
    demo.generate(admin_ctx, days=5)
    first = export(admin_ctx, tmp_path, "a.xlsx", date(2026, 11, 15), DAY)
    exchange.import_workbook(empty_site, tmp_path / "a.xlsx")
    export(empty_site, tmp_path, "b.xlsx", date(2026, 11, 15), DAY)
    audits = audit_count(empty_site)
    clock.set(clock.now + timedelta(hours=1))
    again = exchange.import_workbook(empty_site, tmp_path / "a.xlsx")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, first.total)
    assert audit_count(empty_site) == audits + 1  # only the "导入工作簿" line itself
    export(empty_site, tmp_path, "c.xlsx", date(2026, 11, 15), DAY)
    b, c = cells(tmp_path / "b.xlsx"), cells(tmp_path / "c.xlsx")
    assert {k: v for k, v in b.items() if k != "汇总"} == {k: v for k, v in c.items() if k != "汇总"}
    # And importing a site's own workbook into itself changes nothing either.
    own = exchange.import_workbook(admin_ctx, tmp_path / "a.xlsx")
    assert own.inserted == own.updated == 0


def test_higher_version_updates_lower_is_ignored(admin_ctx, tmp_path, clock):
    uid = add_contact(admin_ctx, content="原内容")
    export(admin_ctx, tmp_path)

    def bump(version, content, by):
        def fn(wb):
            ws = wb["来访来电"]
            ws.cell(2, col(ws, "版本")).value = version
            ws.cell(2, col(ws, "内容")).value = content
            ws.cell(2, col(ws, "状态")).value = "已完成"
            ws.cell(2, col(ws, "处理情况")).value = "已答复"
            ws.cell(2, col(ws, "完成时间")).value = datetime(2026, 11, 20, 15, 40)  # 已完成 comes with both
            ws.cell(2, col(ws, "最后修改时间")).value = datetime(2026, 11, 20, 15, 45, 10)
            ws.cell(2, col(ws, "最后修改人")).value = by
        return fn

    newer = edit(tmp_path / "out.xlsx", tmp_path / "v5.xlsx", bump(5, "总部改过的内容", "总部李四"))
    result = exchange.import_workbook(admin_ctx, newer)
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 0)
    got = get(admin_ctx, ContactRecord, uid)
    assert got.version == 5  # the workbook's version, not the ORM counter's 2
    assert (got.content, got.status, got.updated_by) == ("总部改过的内容", "已完成", "总部李四")
    assert got.updated_at == datetime(2026, 11, 20, 15, 45, 10)
    trail = records.history(admin_ctx, uid)
    assert trail[-1].action == "导入" and trail[-1].before["content"] == "原内容"
    assert trail[-1].after["version"] == 5

    older = edit(tmp_path / "out.xlsx", tmp_path / "v3.xlsx", bump(3, "旧内容", "别人"))
    result = exchange.import_workbook(admin_ctx, older)
    assert (result.updated, result.unchanged) == (0, 1)
    same = edit(tmp_path / "out.xlsx", tmp_path / "v5b.xlsx", bump(5, "同版本不同内容", "别人"))
    assert exchange.import_workbook(admin_ctx, same).unchanged == 1
    assert get(admin_ctx, ContactRecord, uid).content == "总部改过的内容"

    # The ORM's optimistic lock carries on from the imported version.
    with admin_ctx.unit_of_work() as s:
        obj = records.get_by_uuid(s, ContactRecord, uid)
        records.update(admin_ctx, s, obj, {"handling": "已回电"}, expected_version=5)
    assert get(admin_ctx, ContactRecord, uid).version == 6


def test_insert_keeps_version_and_who(admin_ctx, empty_site, tmp_path):
    uid = add_complaint(admin_ctx)
    for n in range(3):
        with admin_ctx.unit_of_work() as s:
            obj = records.get_by_uuid(s, Complaint, uid)
            records.update(admin_ctx, s, obj, {"reopen_count": n + 1}, expected_version=obj.version)
    export(admin_ctx, tmp_path)
    exchange.import_workbook(empty_site, tmp_path / "out.xlsx")
    got = get(empty_site, Complaint, uid)
    assert (got.version, got.reopen_count, got.updated_by, got.received_by) == (4, 3, "管理员", "管理员")
    assert got.created_at == got.received_at and got.phone_digits == "13900139000"


# ---------------------------------------------------------------- refusals
def test_masked_workbook_is_marked_and_refused(admin_ctx, empty_site, tmp_path):
    add_contact(admin_ctx, phone="13800138000")
    add_follow_up(admin_ctx, phone="0755-88886666")
    result = export(admin_ctx, tmp_path, mask_phones=True)
    assert result.mask_phones
    wb = load_workbook(tmp_path / "out.xlsx")
    assert wb["汇总"]["A10"].value == "手机号已脱敏" and wb["汇总"]["B10"].value == "是"
    ws = wb["来访来电"]
    assert ws.cell(2, col(ws, "联系电话")).value == "138****8000"
    ws = wb["回访"]
    assert ws.cell(2, col(ws, "联系电话")).value == "075*****6666"
    with pytest.raises(WorkbookRefused, match="脱敏"):
        exchange.import_workbook(empty_site, tmp_path / "out.xlsx")
    # Unmarking 汇总 by hand does not help: the masked numbers themselves are refused.
    unmarked = edit(tmp_path / "out.xlsx", tmp_path / "unmarked.xlsx",
                    lambda wb: setattr(wb["汇总"]["B10"], "value", "否"))
    with pytest.raises(WorkbookInvalid, match=r"联系电话：“138\*\*\*\*8000”是脱敏后的号码"):
        exchange.import_workbook(empty_site, unmarked)
    assert count(empty_site, ContactRecord) == 0


def test_other_site_and_non_workbooks_are_refused(admin_ctx, empty_site, tmp_path):
    add_contact(admin_ctx)
    export(admin_ctx, tmp_path)
    other = edit(tmp_path / "out.xlsx", tmp_path / "other.xlsx",
                 lambda wb: setattr(wb["汇总"]["B2"], "value", "SG99"))
    with pytest.raises(WorkbookRefused, match="SG99"):
        exchange.import_workbook(empty_site, other)
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(WorkbookRefused, match="不是有效的 Excel"):
        exchange.import_workbook(empty_site, tmp_path / "fake.xlsx")
    with pytest.raises(WorkbookRefused, match="不存在"):
        exchange.import_workbook(empty_site, tmp_path / "missing.xlsx")


def test_receptionist_may_export_but_not_import(ctx, tmp_path):
    add_contact(ctx)
    with pytest.raises(PermissionDenied, match="导出未遮盖电话"):
        export(ctx, tmp_path)
    assert export(ctx, tmp_path, "masked.xlsx", mask_phones=True).total == 1
    assert export(ctx, tmp_path, kind="closing").total == 1  # the day's workbook at closing
    with pytest.raises(PermissionDenied):
        exchange.import_workbook(ctx, tmp_path / "out.xlsx")


def test_bad_range_and_folder(admin_ctx, tmp_path):
    from app.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="起始日期不能晚于结束日期"):
        exchange.export_workbook(admin_ctx, date(2026, 11, 21), DAY, tmp_path / "x.xlsx")
    with pytest.raises(exchange.ExportFailed, match="不存在"):
        exchange.export_workbook(admin_ctx, DAY, DAY, tmp_path / "nope" / "x.xlsx")
    assert exchange.list_exports(admin_ctx)[0].ok is False
