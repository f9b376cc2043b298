"""Satisfaction surveys (满意度调查): the site's questionnaire templates, a survey (its plan,
its questionnaire, its goals), one row per sampled household (its code, issue and return,
the answers) and the corrective actions for low-scoring items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, RecordMixin


class SurveyTemplate(RecordMixin, Base):
    """A questionnaire the site edits: its items ``[{"text", "scale"}]`` (scale ``ABC`` /
    ``1-5`` / ``文字``). A survey copies the items when it is planned, so a later edit of
    the template never changes a survey already under way."""

    __tablename__ = "survey_template"
    name: Mapped[str] = mapped_column(String(100))
    intro: Mapped[str | None] = mapped_column(Text)  # 致住户的话, printed above the items
    items: Mapped[list] = mapped_column(JSON)


class Survey(RecordMixin, Base):
    """One survey: the plan (purpose, period, target, sample rule, method, people, deadline),
    the questionnaire it uses and the goals (issued 100 %, returned ≥ 70 %)."""

    __tablename__ = "survey"
    __table_args__ = (UniqueConstraint("site_code", "survey_no", name="uq_survey_site_no"),)
    survey_no: Mapped[str] = mapped_column(String(30))  # MY2026-01
    title: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str | None] = mapped_column(Text)
    target_group: Mapped[str] = mapped_column(String(10))  # 住户 / 商户
    buildings: Mapped[str | None] = mapped_column(String(500))  # building names joined by 、; empty = all
    sample_percent: Mapped[int] = mapped_column(Integer, default=100)  # 抽样比例 %
    sample_rule: Mapped[str | None] = mapped_column(Text)  # written rule, e.g. 每栋按比例随机抽取
    method: Mapped[str] = mapped_column(String(10))
    people: Mapped[str | None] = mapped_column(String(200))  # 调查人员
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    issue_goal: Mapped[int] = mapped_column(Integer, default=100)  # %
    return_goal: Mapped[int] = mapped_column(Integer, default=70)  # %
    intro: Mapped[str | None] = mapped_column(Text)
    items: Mapped[str] = mapped_column(Text)  # the questionnaire copied from a template, one item a line
    status: Mapped[str] = mapped_column(String(10), index=True)
    approved_by: Mapped[str | None] = mapped_column(String(50))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime())
    ended_at: Mapped[datetime | None] = mapped_column(DateTime())
    archive_deadline: Mapped[date | None] = mapped_column(Date)  # 归档期限: 5 working days after the end
    archived_at: Mapped[datetime | None] = mapped_column(DateTime())
    archived_by: Mapped[str | None] = mapped_column(String(50))
    analysis: Mapped[str | None] = mapped_column(Text)  # the supervisor's written analysis
    note: Mapped[str | None] = mapped_column(Text)


class SurveyCopy(RecordMixin, Base):
    """One sampled household's questionnaire (its code), issued and returned.

    ``answers`` is ``1=A；2=B；3=4；5=文字`` (item number = answer), the form the workbook carries."""

    __tablename__ = "survey_copy"
    __table_args__ = (UniqueConstraint("survey_id", "code", name="uq_survey_copy_survey_code"),
                      Index("ix_survey_copy_survey_status", "survey_id", "status"))
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))  # MY2026-01-0007
    unit_no: Mapped[str] = mapped_column(String(40))
    building: Mapped[str] = mapped_column(String(20))
    respondent: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime())
    issued_by: Mapped[str | None] = mapped_column(String(50))
    channel: Mapped[str | None] = mapped_column(String(10))  # how it was answered
    returned_at: Mapped[datetime | None] = mapped_column(DateTime())
    entered_by: Mapped[str | None] = mapped_column(String(50))
    answers: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)  # 意见和建议


class SurveyAction(RecordMixin, Base):
    """A corrective action (整改措施) for a low-scoring item: owner, deadline, outcome."""

    __tablename__ = "survey_action"
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    item_no: Mapped[int | None] = mapped_column(Integer)
    item_text: Mapped[str] = mapped_column(String(200))
    finding: Mapped[str | None] = mapped_column(Text)  # e.g. 满意率 62.5%
    measure: Mapped[str] = mapped_column(Text)  # 整改措施
    owner: Mapped[str] = mapped_column(String(50))
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    done_at: Mapped[datetime | None] = mapped_column(DateTime())
    result: Mapped[str | None] = mapped_column(Text)
