"""问卷模板 and a planned survey's own questionnaire: edited on screen and directly — items
added, reordered, retired (never deleted; a survey already planned keeps its copy), bad input
refused naming the field; and 打印全部问卷 from the page."""

from __future__ import annotations

import os

import pytest

from app import surveys
from app.domain.errors import InvalidTransition, ValidationError
from app.forms import printing
from tests.surveys.helpers import approved, estate, plan

SHOTS = os.environ.get("FRONTDESK_SHOTS")  # a folder: screenshots are saved there to look at


def _show(qtbot, widget):
    from PySide6.QtWidgets import QApplication
    from ui.main import install_font_and_icon

    install_font_and_icon(QApplication.instance())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_save_template_retires_never_deletes(supervisor_ctx):
    before = plan(supervisor_ctx)
    tpl = surveys.list_templates(supervisor_ctx)[0]
    first, second, *rest = tpl.entries
    # the second item first, the first retired, a new 1–5 item added
    edited = [second, (first[0], first[1], True), *rest, ("电梯运行与维保", "1-5")]
    saved = surveys.save_template(supervisor_ctx, uuid=tpl.uuid, expected_version=tpl.version, name=tpl.name,
                                  intro=tpl.intro, items=edited)
    assert saved.items[0] == second[:2] and first[:2] not in saved.items
    assert saved.entries[1] == (first[0], first[1], True) and saved.items[-1] == ("电梯运行与维保", "1-5")
    # an item left out is retired, not deleted
    again = surveys.save_template(supervisor_ctx, uuid=saved.uuid, expected_version=saved.version, name=saved.name,
                                  items=[e for e in saved.entries if e[0] != "绿化养护"])
    assert ("绿化养护", "ABC", True) in again.entries and ("绿化养护", "ABC") not in again.items
    # the survey planned before keeps its questionnaire; a new plan takes the edited one
    assert surveys.get_survey(supervisor_ctx, before.uuid).items == before.items
    after = plan(supervisor_ctx, title="2027年度业主满意度调查")
    assert after.items == again.items and after.items[0][0] == second[0]


def test_template_refusals_name_the_field(supervisor_ctx, ctx):
    tpl = surveys.list_templates(supervisor_ctx)[0]

    def save(items, name=tpl.name):
        return surveys.save_template(supervisor_ctx, uuid=tpl.uuid, expected_version=tpl.version, name=name,
                                     items=items)

    with pytest.raises(ValidationError, match="模板名称"):
        save(tpl.entries, name=" ")
    with pytest.raises(ValidationError, match="第 2 项没有填写内容"):
        save([("服务态度", "ABC"), ("", "ABC")])
    with pytest.raises(ValidationError, match="评价方式“1-10”"):
        save([("服务态度", "1-10")])
    with pytest.raises(ValidationError, match="出现了两次"):
        save([("服务态度", "ABC"), ("服务态度", "1-5")])
    with pytest.raises(ValidationError, match="至少需要一个在用的"):
        save([("服务态度", "ABC", True), ("意见", "文字")])
    assert surveys.list_templates(ctx)[0].version == tpl.version  # nothing changed


def test_set_items_edits_a_planned_survey_only(ctx, supervisor_ctx, manager_ctx):
    estate(ctx, ((1, 2),))
    row = plan(supervisor_ctx)
    changed = surveys.set_items(supervisor_ctx, row.uuid, [("前台服务态度", "ABC"), ("总体评价", "1-5"),
                                                             ("停车管理", "ABC", True), ("意见和建议", "文字")],
                                "请您评价", expected_version=row.version)
    assert changed.items == (("前台服务态度", "ABC"), ("总体评价", "1-5"), ("意见和建议", "文字"))
    assert changed.intro == "请您评价"
    with pytest.raises(ValidationError, match="调查项目"):
        surveys.set_items(supervisor_ctx, row.uuid, [("意见", "文字")], expected_version=changed.version)
    done = surveys.approve_plan(manager_ctx, row.uuid, expected_version=changed.version)
    with pytest.raises(InvalidTransition, match="不能修改问卷"):
        surveys.set_items(supervisor_ctx, row.uuid, [("前台", "ABC")], expected_version=done.version)


def test_the_template_screen_adds_moves_and_retires(qtbot, make_env, supervisor_ctx, ctx, dialogs):
    from ui.surveys.template_dialog import TemplateDialog

    original = surveys.list_templates(ctx)[0]
    dlg = _show(qtbot, TemplateDialog(make_env(supervisor_ctx)))
    dlg.resize(1366, 768)
    ed = dlg.editor
    assert ed.table.rowCount() == len(original.entries)
    ed.table.setCurrentCell(1, 0)
    ed.move(-1)  # the second item goes to the top
    assert ed.table.item(0, 0).text() == original.items[1][0] and ed.table.currentRow() == 0
    ed.table.setCurrentCell(2, 0)
    ed.toggle_retired()
    assert ed.retired(2) and ed.buttons["retire"].text() == "恢复使用"
    ed.add_item()
    last = ed.table.rowCount() - 1
    ed.table.item(last, 0).setText("电梯运行与维保")
    ed.table.cellWidget(last, 1).setCurrentIndex(ed.table.cellWidget(last, 1).findData("1-5"))
    if SHOTS:
        dlg.grab().save(f"{SHOTS}/survey_template.png")
    dlg.save()
    assert not dlg.isVisible() and dlg.template is not None
    saved = surveys.list_templates(ctx)[0]
    assert saved.items[0][0] == original.items[1][0]
    assert saved.entries[2] == (original.items[2][0], "ABC", True)
    assert saved.items[-1] == ("电梯运行与维保", "1-5")
    assert saved.version == original.version + 1


def test_the_template_screen_shows_what_is_wrong_and_keeps_the_edit(qtbot, make_env, supervisor_ctx, ctx):
    from ui.surveys.template_dialog import TemplateDialog

    dlg = _show(qtbot, TemplateDialog(make_env(supervisor_ctx)))
    ed = dlg.editor
    ed.add_item()  # left empty
    dlg.save()
    assert dlg.isVisible() and "调查项目：第 13 项没有填写内容" in dlg.message.text()
    assert ed.table.rowCount() == 13  # what was typed is still there
    assert surveys.list_templates(ctx)[0].version == 1


def test_planned_survey_items_through_the_page(qtbot, make_env, supervisor_ctx, ctx, dialogs, monkeypatch):
    from ui.surveys import surveys_page

    row = plan(supervisor_ctx)
    page = _show(qtbot, surveys_page.SurveysPage(make_env(supervisor_ctx)))

    class Edit(surveys_page.SurveyItemsDialog):
        def exec(self):
            self.editor.table.setCurrentCell(11, 0)  # the text item
            self.editor.toggle_retired()
            self.editor.table.item(0, 0).setText("前台接待的服务态度")
            self.save()
            return self.result()

    monkeypatch.setattr(surveys_page, "SurveyItemsDialog", Edit)
    page.edit_items()
    changed = surveys.get_survey(ctx, row.uuid)
    assert changed.items[0] == ("前台接待的服务态度", "ABC") and len(changed.items) == 11
    assert all(scale != "文字" for _, scale in changed.items)


def test_print_every_questionnaire_from_the_page(qtbot, make_env, ctx, supervisor_ctx, manager_ctx, dialogs,
                                                 monkeypatch):
    from ui.surveys import surveys_page

    estate(ctx, ((1, 3), (2, 2)))
    row = approved(supervisor_ctx, manager_ctx)
    asked = []
    monkeypatch.setattr(surveys_page, "preview_form", lambda env, parent, key, **params: asked.append((key, params)))
    page = _show(qtbot, surveys_page.SurveysPage(make_env(ctx)))
    page.print_all()
    assert asked == [("satisfaction-survey", {"survey": row.uuid, "code": surveys.ALL_CODES})]
    rendered = printing.render_form(ctx, asked[0][0], **asked[0][1])
    one = printing.render_form(ctx, "satisfaction-survey", survey=row.uuid, code="1")
    assert rendered.pages == 5 * one.pages
