"""The State Council notices for 2019–2026 (tests/core/notices/, amendments pasted after the
original as a site would) read into exactly chinese-calendar's days off and make-up days; the
import saves them as the site's calendar entries, audited; bad text is refused in Chinese."""

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from app.core import calendar
from app.core.holiday_notice import parse_notice, save_notice
from app.domain.errors import ValidationError

NOTICES = Path(__file__).parent / "notices"


def _window(year):
    """A notice's days run from late December of the year before (元旦 spans) to mid-December."""
    d, end = date(year - 1, 12, 20), date(year, 12, 20)
    while d < end:
        yield d
        d += timedelta(1)


@pytest.mark.parametrize("year", range(2019, 2027))
def test_each_years_notice_gives_chinese_calendars_days(year):
    notice = parse_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    assert notice.year == year
    off, work = set(notice.days_off), set(notice.make_up_days)
    expected_work = {d for d in _window(year) if d in chinese_calendar.workdays
                     and chinese_calendar.workdays[d] is not None}
    assert work == expected_work
    for d in _window(year):
        parsed_off = d in off or (d.weekday() >= 5 and d not in work)
        assert parsed_off == chinese_calendar.is_holiday(d), d
    # every statutory holiday day chinese-calendar names is a day off of the notice
    named = {d for d in _window(year) if d in chinese_calendar.holidays and d.weekday() < 5}
    assert named <= off


def test_names_and_the_months_for_confirmation():
    notice = parse_notice((NOTICES / "2025.txt").read_text(encoding="utf-8"))
    by_day = {d.day: d for d in notice.days}
    assert by_day[date(2025, 1, 28)].name == "春节" and by_day[date(2025, 1, 28)].kind == "放假"
    assert by_day[date(2025, 10, 11)].name == "国庆节、中秋节" and by_day[date(2025, 10, 11)].kind == "上班"
    months = notice.months()
    assert [d.day.day for d in months[2] if d.off] == [1, 2, 3, 4]


def test_bad_text_is_refused_in_chinese():
    with pytest.raises(ValidationError) as e:
        parse_notice("今天天气很好")
    assert "年份" in str(e.value)
    with pytest.raises(ValidationError) as e:
        parse_notice("2027年部分节假日安排：各单位请注意安全。")
    assert "节日段落" in str(e.value)


def test_the_import_saves_the_sites_calendar_entries(admin_ctx, ctx):
    notice = parse_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    with pytest.raises(Exception):
        save_notice(ctx, notice)  # a receptionist may not
    assert save_notice(admin_ctx, notice) == len(notice.days)
    rows = {r.day: r for r in calendar.list_overrides(admin_ctx, 2026)}
    assert rows[date(2026, 2, 14)].note.startswith("春节") and rows[date(2026, 2, 14)].updated_by == "管理员"
    assert calendar.day_info(admin_ctx, "2026-02-16").workday is False
    assert calendar.day_info(admin_ctx, "2026-02-28").workday is True



def test_cli_import_and_show(admin_ctx, db_url, capsys):
    from app.cli import main

    base = ["--home", str(admin_ctx.paths.home), "--db", db_url, "calendar"]
    assert main(base + ["import-notice", str(NOTICES / "2026.txt"), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "2026-02-14 上班 春节" in out and "已保存" in out
    assert main(base + ["show", "--year", "2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2026-10-10 上班 国庆节" in lines and "2026-02-16 放假 春节" in lines
    assert all(len(line.split(" ", 2)) == 3 and line.split(" ")[1] in ("放假", "上班") for line in lines)
    # the entries carry a person's name, not a machine's
    assert {r.updated_by for r in calendar.list_overrides(admin_ctx, 2026)} == {"管理员"}
    # a year the packages know is listed too, whatever the source
    assert main(base + ["show", "--year", "2025"]) == 0
    assert "2025-01-28 放假" in capsys.readouterr().out


def test_the_warning_comes_from_1_november_and_says_what_to_do(admin_ctx, clock):
    from datetime import datetime

    clock.set(datetime(2026, 10, 31, 9, 0))
    assert calendar.coverage_warning(admin_ctx) is None
    clock.set(datetime(2026, 11, 1, 9, 0))
    warning = calendar.coverage_warning(admin_ctx)
    assert "2027" in warning and "导入国务院通知" in warning
    assert "chinese" not in warning and "软件包" not in warning
    notice = (NOTICES / "2026.txt").read_text(encoding="utf-8").replace("2026年", "2027年")
    save_notice(admin_ctx, parse_notice(notice))
    assert calendar.coverage_warning(admin_ctx) is None
