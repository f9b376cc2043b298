"""Shared test data of the survey tests: a small estate and a survey planned and approved on it."""

from __future__ import annotations

from datetime import date

from app import residents, surveys
from app.surveys import PlanData

START = date(2026, 12, 14)  # more than 20 days after the clock's day (2026-11-20)
END = date(2026, 12, 25)


def estate(ctx, layout=((1, 6), (2, 4))) -> list[str]:
    """Buildings with so many occupied units each (``1-1-101`` …), one owner per unit."""
    codes = []
    for building, count in layout:
        for i in range(1, count + 1):
            code = f"{building}-1-{100 + i}"
            residents.add_resident(ctx, name=f"业主{building}{i:02d}", phone=f"1380013{building}{i:03d}",
                                   unit_no=code)
            codes.append(code)
    return codes


def plan(supervisor_ctx, **kw) -> surveys.SurveyRow:
    values = dict(title="2026年度业主满意度调查", start_date=START, end_date=END, purpose="了解业主对物业服务的评价",
                  people="王丽、张敏", sample_rule="各楼栋全部在住户")
    values.update(kw)
    return surveys.plan_survey(supervisor_ctx, PlanData(**values))


def approved(supervisor_ctx, manager_ctx, **kw) -> surveys.SurveyRow:
    row = plan(supervisor_ctx, **kw)
    return surveys.approve_plan(manager_ctx, row.survey_no, expected_version=row.version)
