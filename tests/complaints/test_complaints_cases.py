"""合并处理: three households complain about one leak; the supervisor merges them; one handling
finishes all three; each complainant gets their own 回访; undo gives each its own handling back."""

from __future__ import annotations

from datetime import datetime

import pytest

from app import complaints
from app.complaints import followups
from app.domain.errors import InvalidTransition, PermissionDenied


def _receive(ctx, name, unit):
    return complaints.receive(ctx, channel="来电", complainant=name, phone="13800138000", unit_no=unit,
                              content="楼道水管漏水", category="公共设施故障")


@pytest.fixture
def three(ctx, clock):
    clock.set(datetime(2026, 11, 18, 9, 0))
    a = _receive(ctx, "甲", "3-2-1502")
    clock.set(datetime(2026, 11, 18, 9, 20))
    b = _receive(ctx, "乙", "3-2-1602")
    clock.set(datetime(2026, 11, 18, 10, 5))
    c = _receive(ctx, "丙", "3-2-1402")
    return a, b, c


def test_merged_case_is_handled_once_and_each_complainant_is_followed_up(ctx, supervisor_ctx, three, clock):
    a, b, c = three
    with pytest.raises(PermissionDenied):
        complaints.merge(ctx, a.uuid, [b.uuid, c.uuid], reason="同一漏水点")
    case = complaints.merge(supervisor_ctx, a.uuid, [b.uuid, c.uuid], reason="同一漏水点")
    assert case.size == 3 and [m.complainant for m in case.members] == ["乙", "丙"]
    # one deadline for the case: the members take the lead's
    assert {m.due_at for m in case.members} == {case.lead.due_at}
    # handling is done on the lead only
    b_now = complaints.get(ctx, b.uuid)
    with pytest.raises(InvalidTransition, match="主投诉"):
        complaints.start_handling(ctx, b.uuid, expected_version=b_now.version)
    lead = complaints.get(ctx, a.uuid)
    lead = complaints.hand_to_department(ctx, a.uuid, department="工程部", expected_version=lead.version)
    clock.set(datetime(2026, 11, 18, 16, 0))
    lead = complaints.record_result(ctx, a.uuid, result="已更换漏水管段", expected_version=lead.version)
    rows = {r.complainant: r for r in (complaints.get(ctx, x.uuid) for x in (a, b, c))}
    assert {r.status for r in rows.values()} == {"待回访"}
    assert {r.department for r in rows.values()} == {"工程部"} and {r.result for r in rows.values()} == {"已更换漏水管段"}
    # the history of a member says the step came with the case
    assert any("随合并事项的主投诉一并办理" in (h.note or "") for h in complaints.history(ctx, b.uuid))
    # each complainant has their own follow-up, with their own feedback
    clock.set(datetime(2026, 11, 19, 10, 0))
    followups.record_follow_up(ctx, "投诉", a.uuid, method="电话", content="已修好", feedback="满意")
    followups.record_follow_up(ctx, "投诉", b.uuid, method="电话", content="已修好", feedback="较满意")
    followups.record_follow_up(ctx, "投诉", c.uuid, method="上门", content="仍有水渍", feedback="不满意")
    after = {x.complainant: complaints.get(ctx, x.uuid) for x in (a, b, c)}
    assert after["甲"].status == after["乙"].status == "已关闭"
    assert after["丙"].status == "处理中" and after["丙"].reopen_count == 1


def test_undo_gives_each_complaint_back_its_own_handling(ctx, supervisor_ctx, three):
    a, b, c = three
    own_due = {x.uuid: complaints.get(ctx, x.uuid).due_at for x in (b, c)}
    lead = complaints.get(ctx, a.uuid)
    complaints.hand_to_department(ctx, a.uuid, department="工程部", expected_version=lead.version)
    complaints.merge(supervisor_ctx, a.uuid, [b.uuid, c.uuid], reason="同一漏水点")
    assert complaints.get(ctx, b.uuid).department == "工程部"
    complaints.unmerge(supervisor_ctx, b.uuid, reason="不是同一漏水点")
    restored = complaints.get(ctx, b.uuid)
    assert restored.case_uuid is None and restored.department is None and restored.due_at == own_due[b.uuid]
    assert complaints.case_of(ctx, a.uuid).size == 2
    # the merge and its undo are both in the history
    actions = [h.action for h in complaints.history(ctx, b.uuid)]
    assert "合并处理" in actions and "取消合并" in actions
    # taking out the lead dissolves the case
    complaints.unmerge(supervisor_ctx, a.uuid, reason="分别处理")
    assert complaints.case_of(ctx, a.uuid) is None and complaints.get(ctx, c.uuid).due_at == own_due[c.uuid]


def test_a_finished_or_already_merged_complaint_cannot_join(ctx, supervisor_ctx, three):
    a, b, c = three
    complaints.merge(supervisor_ctx, a.uuid, [b.uuid], reason="同一漏水点")
    with pytest.raises(InvalidTransition, match="另一件合并事项"):
        complaints.merge(supervisor_ctx, c.uuid, [b.uuid], reason="x")
    cc = complaints.get(ctx, c.uuid)
    complaints.record_result(ctx, c.uuid, result="已处理", expected_version=cc.version)
    with pytest.raises(InvalidTransition, match="已办结"):
        complaints.merge(supervisor_ctx, a.uuid, [c.uuid], reason="x")


def test_supervisor_merges_from_the_list_and_the_list_shows_the_group(qtbot, supervisor_ctx, three, make_env, dialogs):
    from PySide6.QtCore import QItemSelectionModel, Qt

    from ui.complaints.complaints_page import ALL, ComplaintsPage

    page = ComplaintsPage(make_env(supervisor_ctx))
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.lists[ALL])
    lst = page.lists[ALL]
    lst.refresh()
    sel = lst.table.selectionModel()
    for i in range(lst.model.rowCount()):
        sel.select(lst.model.index(i, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    dialogs.text_answers.append("同一漏水点")
    page.merge_button.click()
    assert dialogs.errors == []
    col = next(c for c in range(lst.model.columnCount()) if lst.model.headerData(c, Qt.Orientation.Horizontal) == "合并")
    marks = sorted(lst.model.data(lst.model.index(i, col)) for i in range(lst.model.rowCount()))
    assert marks == ["主投诉", "已并入", "已并入"]
