"""The survey screens as a receptionist and a supervisor use them: thirty returns typed by
keyboard alone, the rates live, a wrong key refused in the line, the results with the warning."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import surveys
from tests.surveys.helpers import approved, estate

SHOTS = None  # set to a folder to save screenshots while looking at the screens


def _page(make_env, ctx):
    from ui.surveys.surveys_page import SurveysPage

    page = SurveysPage(make_env(ctx))
    page.resize(1366, 768)
    return page


def test_thirty_returns_by_keyboard(qtbot, make_env, ctx, supervisor_ctx, manager_ctx):
    estate(ctx, layout=((1, 20), (2, 20)))
    row = approved(supervisor_ctx, manager_ctx)
    surveys.issue_copies(ctx, row.uuid)
    page = _page(make_env, ctx)
    qtbot.addWidget(page)
    page.show()
    entry = page.entry
    assert entry.survey is not None and entry.survey.uuid == row.uuid
    answers = ["ABAAAAAAAA5", "AACAAAAAAA4", "BBBBBBBBBB3"]
    for n in range(1, 31):
        entry.code.setFocus()
        qtbot.keyClicks(entry.code, str(n))
        qtbot.keyClick(entry.code, Qt.Key.Key_Return)
        assert page.focusWidget() is entry.keys  # Enter moved on to the answers
        qtbot.keyClicks(entry.keys, answers[n % 3].lower())
        qtbot.keyClick(entry.keys, Qt.Key.Key_Return)
        assert entry.code.text() == "" and "已保存" in entry.message.text(), entry.message.text()
        assert page.focusWidget() is entry.code  # back on the number for the next paper
    result = surveys.survey_result(ctx, row.uuid)
    assert result.rates.returned == 30 and result.rates.return_rate == 75.0
    assert "已回收 30（回收率 75.0%，目标 ≥ 70%）" in entry.rates.text()
    assert entry.model.rowCount() == 30
    # every tenth paper answered B for the first item: 10 of 30 B, 20 A
    assert dict(result.items[0].counts) == {"A": 20, "B": 10, "C": 0}

    qtbot.keyClicks(entry.code, "31")
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    qtbot.keyClicks(entry.keys, "ADAAAAAAAA5")
    qtbot.keyClick(entry.keys, Qt.Key.Key_Return)
    assert "应为 A/B/C，填的是“D”" in entry.message.text() and entry.keys.text() == "ADAAAAAAAA5"
    assert surveys.survey_result(ctx, row.uuid).rates.returned == 30
    if SHOTS:
        page.grab().save(f"{SHOTS}/entry.png")


def test_results_show_the_warning_and_take_an_action(qtbot, make_env, ctx, supervisor_ctx, manager_ctx, dialogs):
    estate(ctx, layout=((1, 6), (2, 4)))
    row = approved(supervisor_ctx, manager_ctx)
    surveys.issue_copies(ctx, row.uuid)
    for code, keys in ((1, "ACAAAAAAAA5"), (2, "BCAAAAAAAA4"), (7, "AAAAAAAAAA5")):
        surveys.record_return(ctx, row.uuid, str(code), keys=keys, comment="希望增加儿童游乐设施" if code == 7 else None)
    page = _page(make_env, supervisor_ctx)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.results)
    view = page.results
    qtbot.waitUntil(lambda: view.result is not None, timeout=5000)
    assert "回收率 30.0%，低于 70% 的要求（至少还需回收 4 份）" in view.warnings.text()
    assert "总体满意率" in view.summary.text()
    assert view.items.rowCount() == 12
    bars = view.chart.chart().series()[0].barSets()[0]
    drawn = [bars.at(i) for i in range(bars.count())][::-1]  # the first item is drawn on top
    assert len(drawn) == 11 and drawn[1] == 33.3 and drawn[0] == 100.0  # item 2: two C of three
    view.item_view.selectRow(1)
    from ui.surveys import results_view

    class Accept:
        def __init__(self, env, survey_uuid, item_no, item_text, finding, parent):
            surveys.add_action(env.ctx, survey_uuid, item_no=item_no, measure="前台电话接听培训", owner="张敏",
                               finding=finding)

        def exec(self):
            return True

    results_view.CorrectiveActionDialog, saved = Accept, results_view.CorrectiveActionDialog
    try:
        view.add_action()
    finally:
        results_view.CorrectiveActionDialog = saved
    qtbot.waitUntil(lambda: view.actions.rowCount() == 1, timeout=5000)
    assert view.actions.rows[0].item_text == "来访来电接待与问题处理的及时性"
    assert view.actions.rows[0].finding == "满意率 33.3%"
    # the action carried out: its result is recorded from the same tab
    view.action_view.selectRow(0)
    dialogs.text_answers.append("")  # an empty result is refused with the field named
    view.complete_action()
    assert dialogs.errors and "整改结果" in dialogs.errors[-1]
    dialogs.text_answers.append("已完成前台电话接听培训，抽查10次均三响内接听")
    view.complete_action()
    qtbot.waitUntil(lambda: view.actions.rows[0].status == surveys.ActionStatus.DONE, timeout=5000)
    done = surveys.list_actions(ctx, row.uuid)[0]
    assert done.result == "已完成前台电话接听培训，抽查10次均三响内接听" and done.done_at is not None
    view.action_view.selectRow(0)
    view.complete_action()
    assert dialogs.infos[-1] == "这项整改措施已完成。"
    if SHOTS:
        page.grab().save(f"{SHOTS}/results.png")
