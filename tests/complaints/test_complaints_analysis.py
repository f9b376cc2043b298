"""The monthly analysis report (KF-05) and the weekly summary (KF-06): their numbers are the
statistics service's, the cases they name are the month's, and the supervisor's text is printed."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from app import complaints
from app.complaints import analysis, followups, statistics
from app.domain.errors import PermissionDenied, ValidationError
from app.forms import printing


def _receive(ctx, name, unit="3-2-1502", **kw):
    fields = dict(channel="来电", complainant=name, phone="13800138000", content="楼上装修噪音", category="装修噪音扰民",
                  unit_no=unit)
    fields.update(kw)
    return complaints.receive(ctx, **fields)


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def month(ctx, clock):
    clock.set(datetime(2026, 10, 10, 9, 0))
    _receive(ctx, "十月甲", unit="1-1-101")  # the previous month: one complaint
    clock.set(datetime(2026, 11, 2, 9, 0))
    a = _receive(ctx, "甲", unit="3-2-1502", category="停车")
    b = _receive(ctx, "乙", unit="3-1-0901", category="停车")
    c = _receive(ctx, "丙", unit="5-1-0302", category="收费")
    a = complaints.record_result(ctx, a.uuid, result="已处理", expected_version=a.version)
    clock.set(datetime(2026, 11, 3, 9, 0))
    followups.record_follow_up(ctx, "投诉", a.uuid, method="电话", content="仍不满意", feedback="不满意")
    clock.set(datetime(2026, 11, 20, 9, 0))  # b and c are long past their deadlines by now
    complaints.run_escalation(ctx)
    return a, b, c


def test_analysis_numbers_are_the_statistics_services(ctx, month):
    data = analysis.analysis(ctx, 2026, 11)
    st = statistics.monthly(ctx, 2026, 11)
    assert data.this == st and data.previous == statistics.monthly(ctx, 2026, 10)
    rows = {r.item: r for r in data.comparison}
    assert (rows["受理投诉（件）"].this, rows["受理投诉（件）"].previous, rows["受理投诉（件）"].change) == ("3", "1", "+2")
    assert rows["重新处理（次）"].this == str(st.reopens) == "1"
    assert [(r.name, r.count) for r in data.top_categories] == [("停车", 2), ("收费", 1)]
    assert [(r.name, r.count) for r in data.top_buildings] == [("3栋", 2), ("5栋", 1)]
    assert [c.complainant for c in data.reopened] == ["甲"]
    assert {c.complainant for c in data.overdue} == {c.complainant for c in analysis._cases(
        ctx, datetime(2026, 11, 1), datetime(2026, 12, 1)) if c.overdue} and data.overdue


def test_the_report_prints_the_figures_the_cases_and_the_supervisors_text(ctx, supervisor_ctx, month):
    with pytest.raises(PermissionDenied):
        analysis.save_analysis_text(ctx, 2026, 11, "前台不能写")
    analysis.save_analysis_text(supervisor_ctx, 2026, 11, "停车投诉集中在3栋，已与安管部约定晚间巡查。")
    pdf = printing.render_form(ctx, "complaint-analysis", month="2026-11").pdf
    text = _text(pdf)
    st = statistics.monthly(ctx, 2026, 11)
    assert "有关方投诉分析报告" in text and "2026年11月" in text
    assert f"本月受理投诉{st.received}件（上月1件）" in text
    assert "停车" in text and "3栋" in text and "■" in text
    assert "甲" in text and "停车投诉集中在3栋，已与安管部约定晚间巡查。" in text
    with pytest.raises(ValidationError, match="月份"):
        printing.render_form(ctx, "complaint-analysis", month="2026-13")


def test_weekly_summary_counts_the_week_monday_to_sunday(ctx, month):
    data = analysis.weekly_summary(ctx, date(2026, 11, 4))  # a Wednesday
    assert (data.start, data.end) == (date(2026, 11, 2), date(2026, 11, 8))
    # 甲 went back to handling after the unsatisfied follow-up: all three are still open
    assert data.stats.received == 3 and {c.complainant for c in data.still_open} == {"甲", "乙", "丙"}
    text = _text(printing.render_form(ctx, "weekly-summary", week=date(2026, 11, 4)).pdf)
    assert "投诉周报" in text and "2026-11-02至2026-11-08" in text and "本周受理投诉3件" in text
