"""A survey from plan to report: the sample, issue, returns, the rates against the goals with
the 70 % warning, per-item shares and per-building satisfaction, corrective actions for low
items, the archive deadline in working days."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app import surveys
from app.domain.errors import InvalidTransition, PermissionDenied, ValidationError
from app.surveys import CopyStatus, SurveyStatus
from tests.surveys.helpers import approved, estate, plan


def test_plan_takes_the_site_template_and_a_yearly_number(ctx, supervisor_ctx):
    row = plan(supervisor_ctx)
    assert row.survey_no == "MY2026-01" and row.status == SurveyStatus.PLANNED
    assert row.items[0] == ("客服前台的服务态度与礼仪", "ABC")
    assert row.items[-1][1] == "文字"
    assert plan(supervisor_ctx, title="第二次").survey_no == "MY2026-02"
    with pytest.raises(PermissionDenied):
        plan(ctx)
    with pytest.raises(ValidationError, match="结束日期"):
        plan(supervisor_ctx, end_date=date(2026, 12, 1))


def test_an_edited_template_does_not_change_a_planned_survey(supervisor_ctx):
    row = plan(supervisor_ctx)
    tpl = surveys.list_templates(supervisor_ctx)[0]
    surveys.save_template(supervisor_ctx, uuid=tpl.uuid, expected_version=tpl.version, name=tpl.name,
                          items=[("前台服务", "ABC")])
    assert surveys.list_templates(supervisor_ctx)[0].items == (("前台服务", "ABC"),)
    assert surveys.get_survey(supervisor_ctx, row.uuid).items == row.items
    with pytest.raises(ValidationError, match="至少需要一个"):
        surveys.save_template(supervisor_ctx, name="空", items=[("意见", "文字")])


def test_sample_of_chosen_buildings_with_codes(ctx, supervisor_ctx, manager_ctx):
    estate(ctx)
    row = approved(supervisor_ctx, manager_ctx, buildings=("2",))
    copies = surveys.list_copies(ctx, row.uuid)
    assert [c.unit_no for c in copies] == ["2-1-101", "2-1-102", "2-1-103", "2-1-104"]
    assert [c.code for c in copies] == [f"MY2026-01-000{i}" for i in range(1, 5)]
    assert copies[0].respondent == "业主201" and all(c.status == CopyStatus.SAMPLED for c in copies)
    with pytest.raises(PermissionDenied):
        surveys.approve_plan(supervisor_ctx, plan(supervisor_ctx).uuid)


def test_half_sample_takes_half_of_each_building_and_the_same_draw_every_time(ctx, supervisor_ctx, manager_ctx):
    estate(ctx)
    row = approved(supervisor_ctx, manager_ctx, sample_percent=50)
    copies = surveys.list_copies(ctx, row.uuid)
    assert sorted(c.building for c in copies) == ["1"] * 3 + ["2"] * 2
    from app.surveys.survey import draw
    units = [type("U", (), {"building": b, "code": f"{b}-{i}"})() for b in "12" for i in range(10)]
    assert [u.code for u in draw(units, 30, "seed")] == [u.code for u in draw(units, 30, "seed")]


def test_survey_from_plan_to_report(ctx, supervisor_ctx, manager_ctx, clock):
    estate(ctx)  # 10 households: 6 in building 1, 4 in building 2
    row = approved(supervisor_ctx, manager_ctx)
    assert row.sample == 10 and row.status == SurveyStatus.APPROVED
    result = surveys.survey_result(ctx, row.uuid)
    assert result.rates.issue_rate == 0.0 and "发放率 0.0%" in result.warnings[0]

    assert surveys.issue_copies(ctx, row.uuid) == 10
    assert surveys.get_survey(ctx, row.uuid).status == SurveyStatus.RUNNING
    # 11 scored items (10 ABC + 1 of 1-5) and a text item; six returns typed by key
    typed = {
        1: "AAAAAAAAAA5", 2: "ABAAAAAAAA4", 3: "ACBAAAAAAA3",   # building 1
        4: "BCAAAAAAAA4", 5: "ABAAAAAAA-5",                    # building 1
        7: "ACCAAAAAAA2",                                      # building 2
    }
    for code, keys in typed.items():
        surveys.record_return(ctx, row.uuid, str(code), keys=keys, comment="电梯保养要及时" if code == 7 else None)
    result = surveys.survey_result(ctx, row.uuid)
    assert (result.rates.sample, result.rates.issued, result.rates.returned) == (10, 10, 6)
    assert result.rates.issue_rate == 100.0 and result.rates.return_rate == 60.0
    assert result.warnings[0] == "回收率 60.0%，低于 70% 的要求（至少还需回收 1 份）"

    item2 = result.items[1]  # A, B, C, C, B, C
    assert item2.answered == 6 and dict(item2.counts) == {"A": 1, "B": 2, "C": 3}
    assert (item2.share("A"), item2.share("B"), item2.share("C")) == (16.7, 33.3, 50.0)
    assert item2.satisfaction == 50.0 and item2.low
    item3 = result.items[2]  # A, A, B, A, A, C
    assert item3.satisfaction == round(100 * 5 / 6, 1) and not item3.low
    item10 = result.items[9]  # five A and one unanswered
    assert item10.answered == 5 and item10.satisfaction == 100.0
    overall = result.items[10]  # 5, 4, 3, 4, 5, 2
    assert overall.mean == round(23 / 6, 2) and overall.satisfaction == round(100 * 4 / 6, 1)
    assert result.items[11].comments == ("电梯保养要及时",)
    assert [i.no for i in result.low_items] == [2, 11]
    # per building: satisfied answers of all scored answers
    b1, b2 = result.buildings
    assert (b1.building, b1.sample, b1.returned) == ("1", 6, 5)
    assert b1.satisfaction == round(100 * (11 + 11 + 9 + 10 + 10) / (11 + 11 + 11 + 11 + 10), 1)
    assert (b2.building, b2.sample, b2.returned) == ("2", 4, 1)
    assert b2.satisfaction == round(100 * 8 / 11, 1)

    surveys.record_return(ctx, row.uuid, "MY2026-01-0009", keys="AAAAAAAAAA5")
    result = surveys.survey_result(ctx, row.uuid)
    assert result.rates.return_rate == 70.0 and not [w for w in result.warnings if "回收率" in w]
    assert "尚未制定整改措施：第2项、第11项" in result.warnings[-1]

    action = surveys.add_action(supervisor_ctx, row.uuid, item_no=2, measure="来电接听纳入每周抽查",
                                owner="张敏", finding="满意率 50%")
    assert action.item_text == "来访来电接待与问题处理的及时性" and action.deadline > clock.now.date()
    surveys.add_action(supervisor_ctx, row.uuid, item_no=11, measure="召开业主座谈会", owner="李强")
    assert not surveys.survey_result(ctx, row.uuid).low_without_action

    clock.set(datetime(2026, 12, 23, 17, 0))  # closed on Wednesday, two days before the planned end
    ended = surveys.end_survey(supervisor_ctx, row.uuid, analysis="总体满意，接待及时性需改进")
    assert ended.status == SurveyStatus.ENDED
    assert ended.archive_deadline == date(2026, 12, 30)  # Thu 24, Fri 25, Mon 28, Tue 29, Wed 30
    with pytest.raises(InvalidTransition):
        surveys.record_return(ctx, row.uuid, "10", keys="AAAAAAAAAA5")
    clock.set(datetime(2026, 12, 31, 9, 0))
    assert surveys.get_survey(ctx, row.uuid).archive_overdue
    assert "已超过归档期限 2026-12-30" in surveys.survey_result(ctx, row.uuid).warnings[-1]
    archived = surveys.archive_survey(supervisor_ctx, row.uuid)
    assert archived.status == SurveyStatus.ARCHIVED and not archived.archive_overdue


def test_wrong_keys_are_refused_and_nothing_changes(ctx, supervisor_ctx, manager_ctx):
    estate(ctx, layout=((1, 2),))
    row = approved(supervisor_ctx, manager_ctx)
    with pytest.raises(ValidationError, match="应输入 11 个答案"):
        surveys.record_return(ctx, row.uuid, "1", keys="AAA")
    with pytest.raises(ValidationError, match="第 2 项“来访来电接待与问题处理的及时性”应为 A/B/C，填的是“D”"):
        surveys.record_return(ctx, row.uuid, "1", keys="ADAAAAAAAA5")
    with pytest.raises(ValidationError, match="第 11 项.*应为 1/2/3/4/5"):
        surveys.record_return(ctx, row.uuid, "1", keys="AAAAAAAAAAA")
    with pytest.raises(InvalidTransition, match="没有任何评价"):
        surveys.record_return(ctx, row.uuid, "1", keys="-----------")
    assert surveys.find_copy(ctx, row.uuid, "1").status == CopyStatus.SAMPLED


def test_a_phone_answer_issues_and_returns_at_once_and_can_be_corrected(ctx, supervisor_ctx, manager_ctx):
    estate(ctx, layout=((1, 2),))
    row = approved(supervisor_ctx, manager_ctx)
    first = surveys.record_return(ctx, row.uuid, "2", keys="aaaaaaaaaa5", channel="电话")
    assert first.status == CopyStatus.RETURNED and first.issued_at is not None and first.channel == "电话"
    assert first.answer_map[1] == "A"
    fixed = surveys.record_return(ctx, row.uuid, "2", keys="baaaaaaaaa5", expected_version=first.version)
    assert fixed.answer_map[1] == "B" and fixed.returned_at == first.returned_at
    result = surveys.survey_result(ctx, row.uuid)
    assert (result.rates.issued, result.rates.returned) == (1, 1) and result.rates.issue_rate == 50.0
