"""The inspection screens: a finding entered through the dialog shows its deduction before it is
saved, the score per 一级指标 and the total follow, a re-check clears the rectification list, the trend."""

from __future__ import annotations

from datetime import date

from app import inspections as insp

SHOTS = None  # set to a folder to save screenshots while looking at the screens


def test_score_and_rectification_on_screen(qtbot, make_env, supervisor_ctx, dialogs):
    from ui.inspections.finding_dialog import FindingDialog
    from ui.inspections.inspections_page import InspectionsPage

    ins = insp.start_inspection(supervisor_ctx, inspected_on=date(2026, 11, 18), inspector="陈静", area="客服前台")
    page = InspectionsPage(make_env(supervisor_ctx))
    page.resize(1366, 768)
    qtbot.addWidget(page)
    page.show()
    lst = page.inspections
    assert lst.current().uuid == ins.uuid and "得分 100" in lst.total.text()

    dialog = FindingDialog(lst.env, lst.current(), lst)
    qtbot.addWidget(dialog)
    assert dialog.item.currentText() == "行为规范 / 服务礼仪" and dialog.rule.text().startswith("一人一个问题点扣0.3分")
    dialog.problems.setValue(2)
    dialog.persons.setValue(3)
    assert dialog.deduction.text() == "1.8 分"
    dialog.note.setText("前台未起身服务")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.message.text()
    lst.refresh()
    assert "得分 98.2" in lst.total.text()
    assert [(s.name, s.score_cp) for s in lst.scores.rows][0] == ("行为规范", 820)
    assert lst.findings.rows[0].deduction_cp == 180

    dialogs.text_answers.append("张敏")
    lst.complete()
    assert lst.current().status == insp.InspectionStatus.DONE
    page.tabs.setCurrentWidget(page.rectifications)
    rect = page.rectifications
    assert rect.model.rowCount() == 1
    rect.table.selectRow(0)
    rect.passed()
    assert rect.model.rowCount() == 0

    page.tabs.setCurrentWidget(page.trend)
    qtbot.waitUntil(lambda: page.trend.points is not None, timeout=5000)
    assert [p.score_cp for p in page.trend.points] == [9820]
    if SHOTS:
        page.tabs.setCurrentWidget(page.inspections)
        page.grab().save(f"{SHOTS}/inspections.png")
