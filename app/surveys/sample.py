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
