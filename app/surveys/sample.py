"""Self-test records of surveys: a planned, approved and issued survey."""

from datetime import timedelta

from app.surveys.survey import PlanData, approve_plan, issue_copies, plan_survey


def sample(ctx) -> dict[str, dict]:
    today = ctx.now().date()
    row = plan_survey(ctx, PlanData(title="自检满意度调查", start_date=today + timedelta(days=21),
                                    end_date=today + timedelta(days=35), purpose="自检"))
    row = approve_plan(ctx, row.survey_no, expected_version=row.version)
    issue_copies(ctx, row.survey_no)
    return {"satisfaction-survey": {"survey": row.survey_no, "code": None},
            "survey-report": {"survey": row.survey_no}}


def demo(ctx, scene) -> dict[str, int]:
    """This year's satisfaction survey, planned by the supervisor, approved by the manager and issued."""
    day = scene.days[0]
    with scene.at(scene.office_time(day), scene.supervisor) as c:
        row = plan_survey(c, PlanData(title=f"{scene.today:%Y}年度业主满意度调查",
                                      start_date=scene.today + timedelta(days=14),
                                      end_date=scene.today + timedelta(days=35), purpose="了解业主对物业服务的满意程度"))
    with scene.at(scene.later(scene.office_time(day), 1), scene.manager) as c:
        row = approve_plan(c, row.survey_no, expected_version=row.version)
        issue_copies(c, row.survey_no)
    return {"满意度调查": 1}
