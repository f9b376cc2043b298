"""Edits on two databases: a workbook carries each record's lineage (sheet 版本来历); an import that
would replace an edit made here with one made elsewhere from an older state lists a conflict for a
客服主管, keeping both versions in the record's history."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app import reception
from app.core import conflicts, records
from app.core.conflicts import DIVERGED, UNCHANGED, UPDATE, classify
from app.domain.errors import PermissionDenied
from app.exchange import service as exchange
from tests.exchange_helpers import empty_site  # noqa: F401 - a fixture: a second database of the same site
from tests.exchange_helpers import save_edited

DAY = date(2026, 11, 20)


def _export(ctx, path, *, with_lineage=True):
    """The day's end-of-day workbook (it carries the 版本来历 sheet); ``with_lineage=False``: the
    same workbook as an older version of the software wrote it, without that sheet."""
    exchange.export_workbook(ctx, DAY, DAY, path, kind="closing")
    if not with_lineage:
        wb = load_workbook(path)
        del wb[conflicts.LINEAGE_SHEET]
        wb.save(path)
    return path


def _tick(clock, minutes=5):
    clock.set(clock.now + timedelta(minutes=minutes))


@pytest.fixture
def shared_record(ctx, supervisor_ctx, empty_site, tmp_path, clock):
    """A visit recorded on desk A and carried to database B by a workbook."""
    row = reception.create_contact(ctx, method="来访", name="周先生", category="报修", content="楼道灯不亮",
                                   handling_mode="转交", department="工程部")
    exchange.import_workbook(empty_site, _export(ctx, tmp_path / "a0.xlsx"))
    return row


def test_the_divergent_edit_is_a_conflict_with_both_versions_kept(ctx, supervisor_ctx, empty_site, shared_record,
                                                                  tmp_path, clock):
    uid = shared_record.uuid
    _tick(clock)
    mine = reception.update_contact(ctx, uid, expected_version=1, content="楼道灯不亮（3 单元 5 楼）")  # A: 版本 2
    _tick(clock)
    theirs = reception.update_contact(empty_site, uid, expected_version=1, content="楼道灯不亮，已报工程部")
    _tick(clock)
    theirs = reception.update_contact(empty_site, uid, expected_version=theirs.version, content="楼道灯已换")
    assert (mine.version, theirs.version) == (2, 3)

    result = exchange.import_workbook(supervisor_ctx, _export(empty_site, tmp_path / "b.xlsx"))

    # 3 > 2 did not replace A's edit
    assert reception.get_contact(ctx, uid).content == "楼道灯不亮（3 单元 5 楼）"
    assert reception.get_contact(ctx, uid).version == 2
    assert any("冲突" in w and uid in w for w in result.warnings)
    listed = conflicts.open_conflicts(supervisor_ctx)
    assert [(c.uuid, c.local["content"], c.incoming["content"]) for c in listed] == \
        [(uid, "楼道灯不亮（3 单元 5 楼）", "楼道灯已换")]
    assert (listed[0].local_by, listed[0].incoming_by) == ("王丽", "管理员")
    history = records.history(ctx, uid)
    assert history[-1].action == "导入冲突"
    assert history[-1].before["content"] == "楼道灯不亮（3 单元 5 楼）" and history[-1].after["content"] == "楼道灯已换"

    # importing the same workbook again adds no second conflict
    exchange.import_workbook(supervisor_ctx, tmp_path / "b.xlsx")
    assert len(conflicts.open_conflicts(supervisor_ctx)) == 1

    # the 客服主管 resolves it: a receptionist may not
    with pytest.raises(PermissionDenied):
        conflicts.resolve(ctx, listed[0].event_id, take_incoming=True)
    _tick(clock)
    version = conflicts.resolve(supervisor_ctx, listed[0].event_id, take_incoming=True)
    settled = reception.get_contact(ctx, uid)
    assert (settled.content, settled.version, version) == ("楼道灯已换", 4, 4)
    assert conflicts.open_conflicts(supervisor_ctx) == []
    assert [h.action for h in records.history(ctx, uid)][-2:] == ["导入冲突", "冲突处理"]

    # the settled record goes back to B as a plain update (B's state is in its lineage)
    result = exchange.import_workbook(empty_site, _export(ctx, tmp_path / "a1.xlsx"))
    assert not [w for w in result.warnings if "冲突" in w]
    assert reception.get_contact(empty_site, uid).content == "楼道灯已换"
    assert reception.get_contact(empty_site, uid).version == 4


def test_an_edit_made_only_elsewhere_updates_as_before(ctx, supervisor_ctx, empty_site, shared_record, tmp_path,
                                                       clock):
    uid = shared_record.uuid
    _tick(clock)
    reception.update_contact(empty_site, uid, expected_version=1, content="楼道灯已换")
    result = exchange.import_workbook(supervisor_ctx, _export(empty_site, tmp_path / "b.xlsx"))
    assert reception.get_contact(ctx, uid).content == "楼道灯已换"
    assert result.updated == 1 and conflicts.open_conflicts(supervisor_ctx) == []
    # and an older workbook never goes back
    result = exchange.import_workbook(supervisor_ctx, tmp_path / "b.xlsx")
    assert result.unchanged >= 1 and reception.get_contact(ctx, uid).version == 2


def test_a_workbook_without_lineage_is_imported_by_version(ctx, supervisor_ctx, empty_site, shared_record, tmp_path,
                                                           clock):
    uid = shared_record.uuid
    _tick(clock)
    reception.update_contact(ctx, uid, expected_version=1, content="本机的修改")
    _tick(clock)
    row = reception.update_contact(empty_site, uid, expected_version=1, content="对方的修改 1")
    reception.update_contact(empty_site, uid, expected_version=row.version, content="对方的修改 2")
    exchange.import_workbook(supervisor_ctx, _export(empty_site, tmp_path / "old.xlsx", with_lineage=False))
    assert reception.get_contact(ctx, uid).content == "对方的修改 2"  # the format-1 rule: 版本 decides


def test_the_decision_table():
    a = (datetime(2026, 11, 20, 9, 0), "王丽")
    b = (datetime(2026, 11, 20, 9, 5), "张敏")
    c = (datetime(2026, 11, 20, 9, 9), "张敏")
    assert classify(2, a, {a}, 3, c, {a, c}) == UPDATE  # they went on from our state
    assert classify(3, c, {a, c}, 2, a, {a}) == UNCHANGED  # we have it and went further
    assert classify(2, a, {a}, 3, c, {b, c}) == DIVERGED  # both went their own way
    assert classify(2, a, {a}, 3, c, None) == UPDATE  # no lineage: 版本 decides
    assert classify(2, a, {a}, 2, a, {a}) == UNCHANGED
    assert classify(3, c, {a, c}, 2, b, {a, b}) == DIVERGED  # a lower 版本 does not hide their edit
    assert classify(1, a, {a}, 2, a, {a}) == UPDATE  # one person's two saves within a second (a void)
    assert classify(2, c, {a, c}, 3, b, {a}) == UPDATE  # a row changed by hand: its lineage does not vouch
    assert classify(2, c, {a, c}, 3, b, {a}) == classify(2, c, {a, c}, 3, b, None)  # ... so 版本 decides
    assert classify(2, a, {a}, 3, c, set()) == UPDATE  # a record the sheet does not mention


def test_a_void_made_elsewhere_reaches_the_desk_as_an_update(ctx, supervisor_ctx, empty_site, shared_record, tmp_path,
                                                             clock):
    uid = shared_record.uuid
    _tick(clock)
    reception.void_contact(empty_site, uid, expected_version=1, reason="重复登记")
    result = exchange.import_workbook(supervisor_ctx, _export(empty_site, tmp_path / "b.xlsx"))
    got = reception.get_contact(ctx, uid)
    assert (got.is_void, got.void_reason, got.voided_by, got.version) == (True, "重复登记", "管理员", 2)
    assert got.status == "已作废"
    assert result.updated == 1 and not [w for w in result.warnings if "冲突" in w]
    assert conflicts.open_conflicts(supervisor_ctx) == []
    # the desk's older workbook sent back does not bring the record back to life there
    exchange.import_workbook(empty_site, tmp_path / "a0.xlsx")
    assert reception.get_contact(empty_site, uid).is_void and conflicts.open_conflicts(empty_site) == []


def test_a_void_beside_an_edit_is_a_conflict(ctx, supervisor_ctx, empty_site, shared_record, tmp_path, clock):
    uid = shared_record.uuid
    _tick(clock)
    reception.update_contact(ctx, uid, expected_version=1, content="楼道灯不亮（3 单元 5 楼）")
    _tick(clock)
    reception.void_contact(empty_site, uid, expected_version=1, reason="重复登记")
    exchange.import_workbook(supervisor_ctx, _export(empty_site, tmp_path / "b.xlsx"))
    got = reception.get_contact(ctx, uid)
    assert not got.is_void and got.content == "楼道灯不亮（3 单元 5 楼）"
    [listed] = conflicts.open_conflicts(supervisor_ctx)
    assert listed.incoming["void_reason"] == "重复登记" and listed.local["void_reason"] is None
    # the 客服主管 keeps this desk's version: B's void stays in the history, the record stays open
    conflicts.resolve(supervisor_ctx, listed.event_id, take_incoming=False)
    assert not reception.get_contact(ctx, uid).is_void and conflicts.open_conflicts(supervisor_ctx) == []
    history = records.history(ctx, uid)
    assert [h.action for h in history][-2:] == ["导入冲突", "冲突处理"]
    assert history[-2].after["void_reason"] == "重复登记"


def _hand_edit(source, target, **cells_by_header):
    """Change cells of the first 来访来电 row as someone would in Excel, 校验码 recomputed."""
    wb = load_workbook(source)
    ws = wb["来访来电"]
    headers = [c.value for c in ws[1]]
    for header, value in cells_by_header.items():
        ws.cell(2, headers.index(header) + 1).value = value
    save_edited(wb, target)
    return target


@pytest.mark.parametrize("stamp", [{}, {"最后修改时间": datetime(2026, 11, 20, 16, 0, 0), "最后修改人": "总部李四"}],
                         ids=["same-stamp", "new-stamp"])
def test_a_hand_edited_workbook_updates_a_record_not_changed_here(ctx, supervisor_ctx, empty_site, shared_record,
                                                                  tmp_path, clock, stamp):
    uid = shared_record.uuid
    edited = _hand_edit(tmp_path / "a0.xlsx", tmp_path / "edited.xlsx", 内容="楼道灯不亮（已核实）", 版本=2, **stamp)
    result = exchange.import_workbook(empty_site, edited)
    got = reception.get_contact(empty_site, uid)
    assert (got.content, got.version) == ("楼道灯不亮（已核实）", 2)
    assert result.updated == 1 and conflicts.open_conflicts(empty_site) == []


def test_a_hand_edited_workbook_does_not_list_conflicts_on_the_exporting_desk(ctx, supervisor_ctx, shared_record,
                                                                             tmp_path, clock):
    """The exporting desk itself gets its own workbook back with a cell changed (and 版本 raised)."""
    uid = shared_record.uuid
    edited = _hand_edit(tmp_path / "a0.xlsx", tmp_path / "edited.xlsx", 内容="改过的内容", 版本=2)
    result = exchange.import_workbook(supervisor_ctx, edited)
    assert reception.get_contact(ctx, uid).content == "改过的内容"
    assert result.updated == 1 and conflicts.open_conflicts(supervisor_ctx) == []


def test_an_open_conflict_does_not_make_the_other_side_look_older(ctx, supervisor_ctx, empty_site, shared_record,
                                                                  tmp_path, clock):
    """Until a 客服主管 settles it, the listed workbook version is not part of this desk's lineage:
    the desk's next workbook does not overwrite the other database's edit either."""
    uid = shared_record.uuid
    _tick(clock)
    reception.update_contact(ctx, uid, expected_version=1, content="本机的修改")
    _tick(clock)
    reception.update_contact(empty_site, uid, expected_version=1, content="对方的修改")
    exchange.import_workbook(supervisor_ctx, _export(empty_site, tmp_path / "b.xlsx"))
    assert len(conflicts.open_conflicts(supervisor_ctx)) == 1
    _tick(clock)
    reception.update_contact(ctx, uid, expected_version=2, content="本机又改了")  # 版本 3 > the other's 2
    exchange.import_workbook(empty_site, _export(ctx, tmp_path / "a1.xlsx"))
    assert reception.get_contact(empty_site, uid).content == "对方的修改"
    assert [c.uuid for c in conflicts.open_conflicts(empty_site)] == [uid]
