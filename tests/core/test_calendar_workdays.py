"""The working-day calendar: real 2026 data (National Day 2026: Oct 1–7 off, Sep 20 and
Oct 10 worked), working-hour arithmetic, the admin's overrides and the coverage warning."""

from datetime import date, datetime, timedelta

import pytest

from app.domain.enums import Role
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.workdays import Calendar, DeskHours, YearData, package_year
from app.core import calendar as calendar_service

CAL = Calendar()


def test_national_day_2026_from_the_package():
    assert CAL.is_workday(date(2026, 9, 30))  # Wednesday, the last working day before the holiday
    for d in range(1, 8):
        assert not CAL.is_workday(date(2026, 10, d)), f"2026-10-0{d} is a day off"
    assert CAL.info(date(2026, 10, 1)).name == "国庆节"
    assert CAL.next_workday(date(2026, 9, 30)) == date(2026, 10, 8)


def test_make_up_weekend_days_are_working_days():
    sunday, saturday = date(2026, 9, 20), date(2026, 10, 10)
    assert sunday.weekday() == 6 and saturday.weekday() == 5
    assert CAL.is_workday(sunday) and CAL.is_workday(saturday)
    assert CAL.info(saturday).kind == "调休上班"
    assert not CAL.is_workday(date(2026, 10, 17))  # an ordinary Saturday
    # Friday 2026-10-09 + 1 working day is the make-up Saturday, not Monday.
    assert CAL.add_working_days(date(2026, 10, 9), 1) == saturday


def test_add_working_days_over_the_holiday():
    assert CAL.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)  # Oct 8, 9, 10 (make-up Sat)
    assert CAL.add_working_days(datetime(2026, 9, 30, 17, 0), 1) == datetime(2026, 10, 8, 17, 0)
    assert CAL.add_working_days(date(2026, 9, 30), 0) == date(2026, 9, 30)
    assert CAL.working_days_between(date(2026, 9, 30), date(2026, 10, 10)) == 3


def test_working_hours_skip_evenings_weekends_and_holidays():
    friday = datetime(2026, 11, 20, 17, 50)
    assert CAL.add_working_hours(friday, 1) == datetime(2026, 11, 23, 9, 20)
    assert CAL.working_hours_between(friday, datetime(2026, 11, 23, 9, 20)) == pytest.approx(1)
    assert CAL.add_working_hours(datetime(2026, 9, 30, 17, 30), 1) == datetime(2026, 10, 8, 9, 0)
    assert CAL.add_working_hours(datetime(2026, 11, 21, 10, 0), 0.5) == datetime(2026, 11, 23, 9, 0)  # Saturday
    assert CAL.add_working_hours(datetime(2026, 11, 19, 7, 0), 2) == datetime(2026, 11, 19, 10, 30)


def test_desk_hours_from_the_setting_shape():
    hours = DeskHours.from_setting({"weekday": ["09:00", "17:30"], "weekend": None})
    cal = Calendar(hours=hours)
    assert cal.desk_close(date(2026, 11, 20)) == datetime(2026, 11, 20, 17, 30)
    assert cal.desk_hours_on(date(2026, 11, 21)) is None  # closed on Saturdays
    # after closing on Friday, "end of the desk day" is next Monday's close
    assert cal.end_of_desk_day(datetime(2026, 11, 20, 18, 0)) == datetime(2026, 11, 23, 17, 30)
    with pytest.raises(ValueError):
        DeskHours.from_setting({"weekday": ["18:00", "08:00"]})


def test_both_packages_agree_on_every_day_they_both_know():
    """chinese-calendar is the primary source; holidays (make-up days parsed from the names)
    must give the same working days wherever both have the State Council's data."""
    from app.domain import workdays

    for year in range(2019, 2027):
        a = workdays._from_chinese_calendar(year)
        b = workdays._from_holidays(year)
        assert a is not None and b is not None, year
        ca = Calendar(provider=lambda y, a=a: a)
        cb = Calendar(provider=lambda y, b=b: b)
        d = date(year, 1, 1)
        while d.year == year:
            assert ca.is_workday(d) == cb.is_workday(d), d
            d += timedelta(days=1)


def test_year_without_data_counts_weekends_only_and_warns():
    assert package_year(2026).source == "chinese-calendar"
    assert not package_year(2027).known  # neither package has the 2027 notice in this release
    assert CAL.is_workday(date(2027, 10, 1))  # unknown: a Friday is a working day until entered
    warning = CAL.coverage_warning(date(2026, 11, 20))
    assert warning and "2027" in warning and "2026" not in warning
    assert Calendar(confirmed_years=[2027]).coverage_warning(date(2026, 11, 20)) is None
    assert "2026" in Calendar(provider=lambda y: YearData(y, "")).coverage_warning(date(2026, 3, 1))


def test_overrides_win_over_the_packages():
    cal = Calendar({date(2026, 10, 8): ("off", "台风停工"), date(2026, 10, 3): "work"})
    assert not cal.is_workday(date(2026, 10, 8))
    assert cal.info(date(2026, 10, 8)).name == "台风停工"
    assert cal.is_workday(date(2026, 10, 3))
    with pytest.raises(ValueError):
        Calendar({date(2026, 1, 1): "holiday"})


def test_admin_enters_next_year_and_the_warning_goes(admin_ctx, clock):
    ctx = admin_ctx
    assert "2027" in calendar_service.coverage_warning(ctx)
    calendar_service.set_override(ctx, "2027-10-01", "休息日", "国庆节")
    calendar_service.set_override(ctx, date(2027, 9, 26), "调休上班", "国庆节调休")
    cal = calendar_service.load_calendar(ctx)
    assert not cal.is_workday(date(2027, 10, 1)) and cal.is_workday(date(2027, 9, 26))
    # entries alone do not make a year complete: the admin confirms it
    assert "2027" in calendar_service.coverage_warning(ctx)
    calendar_service.confirm_year(ctx, 2027)
    assert calendar_service.coverage_warning(ctx) is None
    cov = {c.year: c for c in calendar_service.coverage(ctx)}
    assert cov[2026].source == "chinese-calendar" and cov[2027].source == "管理员录入" and cov[2027].overrides == 2
    days = {d.day: d for d in calendar_service.special_days(ctx, 2027)}
    assert days[date(2027, 9, 26)].kind == "调休上班" and days[date(2027, 9, 26)].source == "管理员"
    # change and take back an entry; both are in the audit trail
    calendar_service.set_override(ctx, "2027-10-01", "work")
    assert calendar_service.day_info(ctx, "2027-10-01").workday
    calendar_service.remove_override(ctx, "2027-10-01")
    assert [o.day for o in calendar_service.list_overrides(ctx, 2027)] == [date(2027, 9, 26)]
    from app.core.models import AuditEvent
    from sqlalchemy import select

    with ctx.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEvent).where(AuditEvent.entity == "calendar_override"))]
    assert actions == ["修改工作日历", "修改工作日历", "修改工作日历", "撤销工作日历设置"]


def test_only_the_admin_edits_the_calendar(ctx, supervisor_ctx):
    for c in (ctx, supervisor_ctx):
        with pytest.raises(PermissionDenied, match="管理员"):
            calendar_service.set_override(c, "2027-01-01", "休息日")
    with pytest.raises(ValidationError, match="类型"):
        calendar_service.set_override(ctx.as_actor(ctx.actor.__class__("admin", "管理员", Role.ADMIN)),
                                      "2027-01-01", "holiday")
