"""From a visit/call or a complaint the desk sends an internal memo about it: the memo carries its
source, and its inquiry time is the record's (so the one-hour rule counts from the inquiry)."""

from __future__ import annotations

from datetime import datetime

from app import complaints, desk, reception


def _send(qtbot, dlg, subject):
    memo = dlg._memo_dialog
    qtbot.addWidget(memo)
    memo.department.setCurrentText("工程部")
    memo.subject.setText(subject)
    memo.content.setText("请工程部答复完工时间")
    memo.try_save()
    return memo


def test_a_memo_from_a_visit_and_from_a_complaint(qtbot, ctx, make_env, clock, dialogs):
    from ui.complaints.complaint_dialog import ComplaintDialog
    from ui.reception.contact_dialog import ContactDialog

    clock.set(datetime(2026, 11, 20, 9, 0))
    contact = reception.create_contact(ctx, method="来访", name="陈先生", category="咨询", content="东门何时完工",
                                       handling_mode="转交", department="工程部")
    complaint = complaints.receive(ctx, channel="来电", complainant="李女士", phone="13800138000", content="东门施工噪音",
                                   category="装修噪音扰民")
    clock.set(datetime(2026, 11, 20, 9, 40))
    env = make_env(ctx)
    cd = ContactDialog(env, contact.uuid)
    qtbot.addWidget(cd)
    cd.memo_button.click()
    _send(qtbot, cd, "东门改造工期")
    kd = ComplaintDialog(env, complaint.uuid)
    qtbot.addWidget(kd)
    kd.memo_button.click()
    _send(qtbot, kd, "东门施工噪音")
    assert dialogs.errors == []
    memos = {m.subject: m for m in desk.list_memos(ctx)}
    assert memos["东门改造工期"].source_type == "来访来电" and memos["东门施工噪音"].source_type == "投诉"
    assert memos["东门改造工期"].inquiry_at == datetime(2026, 11, 20, 9, 0)
    assert not memos["东门改造工期"].late  # sent 40 minutes after the visit
