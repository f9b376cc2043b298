"""The complaint dialog leads with the next step for this record and hides what this role may
not do (a receptionist is not offered 作废…, rather than refused after typing a reason)."""

from app import complaints
from ui.complaints.complaint_dialog import ComplaintDialog
from ui.shared.common import UiEnv


def _dialog(qtbot, ctx, uuid):
    dlg = ComplaintDialog(UiEnv(ctx, None), uuid)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_next_step_and_role(qtbot, ctx, supervisor_ctx):
    row = complaints.receive(ctx, channel="来电", complainant="周建国", phone="13800138000", content="楼道灯不亮",
                             category="公共设施故障")
    dlg = _dialog(qtbot, ctx, row.uuid)
    assert "开始处理" in dlg.next_step.text()
    assert dlg.buttons["start"].isDefault()
    assert not dlg.buttons["void"].isVisible()
    boss = _dialog(qtbot, supervisor_ctx, row.uuid)
    assert boss.buttons["void"].isVisible()
    complaints.start_handling(ctx, row.uuid, expected_version=row.version)
    dlg.reload()
    assert "处理完成" in dlg.next_step.text() and dlg.buttons["result"].isDefault()


def test_lowering_the_severity_asks_for_the_reason_and_keeps_it(qtbot, supervisor_ctx, dialogs):
    from app.complaints import history

    c = complaints.receive(supervisor_ctx, channel="来电", complainant="乙", phone="13800138000", content="楼道漏水",
                           category="公共设施故障", severity="重要")
    dlg = _dialog(qtbot, supervisor_ctx, c.uuid)
    dlg.severity.setCurrentText("一般")
    dialogs.text_answers.append("核实后属一般报修，不影响其他住户")
    dlg.do("save")
    assert dialogs.confirms == [] and dialogs.errors == []
    assert complaints.get(supervisor_ctx, c.uuid).severity == "一般"
    assert any("核实后属一般报修" in (h.note or "") for h in history(supervisor_ctx, c.uuid))
    # no reason given: nothing is saved
    dlg2 = _dialog(qtbot, supervisor_ctx, complaints.receive(
        supervisor_ctx, channel="来电", complainant="丙", phone="13800138000", content="x", category="停车",
        severity="重要").uuid)
    dlg2.severity.setCurrentText("一般")
    dlg2.do("save")
    assert "请填写原因" in dlg2.message.text()
