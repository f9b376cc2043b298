"""The working-day calendar: weekends, Chinese statutory holidays, make-up workdays (调休)
and the site's own corrections, plus working-hour arithmetic on the desk's hours.

Pure: no database. :class:`Calendar` is fed by a per-year provider (by default
:func:`package_year`) and by the admin's overrides, both plain data.

Which package, and why
----------------------
``chinese-calendar`` is the primary source: it lists the State Council's days off *and*
the make-up workdays explicitly (``chinese_calendar.holidays`` / ``.workdays``), one
official notice per year, 2004 up to the year it was released for (2026 in 1.11.0).
``holidays`` (0.109) is the second source, used only for a year that chinese-calendar
does not know yet and for which ``holidays`` already carries the official substitutions:
its China calendar lists days off only, and names the make-up workday inside the
substituted day's name (“休息日（由 2026-09-20 调休）”), which we parse. For years it does not
know, ``holidays`` *estimates* days off by rule (no make-up days at all), which would
silently give wrong deadlines, so an estimated year counts as "no data": weekends only,
plus whatever the admin enters, and a warning. For 2019–2026 both packages agree day by
day (tests/test_calendar_workdays.py checks it), so whichever is upgraded first for a new
year (both publish within weeks of the State Council's notice) feeds the calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Mapping

#: Override kinds as stored in ``calendar_override.kind``.
OFF = "off"
WORK = "work"
KIND_LABELS = {OFF: "休息日", WORK: "调休上班"}

#: How far any search for the next working day may go before giving up (a broken calendar).
_MAX_DAYS = 3660

_CC_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
WEEKDAY_NAMES = "一二三四五六日"


@dataclass(frozen=True)
class YearData:
    """Statutory days of one year. ``source`` is empty when no package knows the year."""

    year: int
    source: str  # "chinese-calendar", "holidays" or ""
    days_off: Mapping[date, str] = field(default_factory=dict)  # statutory days off (incl. weekends inside)
    make_up_days: Mapping[date, str] = field(default_factory=dict)  # weekend days that are worked

    @property
    def known(self) -> bool:
        return bool(self.source)


def _from_chinese_calendar(year: int) -> YearData | None:
    try:
        import chinese_calendar as cc
    except ImportError:  # pragma: no cover - a dependency of the project
        return None
    days = [d for d in cc.holidays if d.year == year]
    if not days:
        return None
    off = {d: _CC_NAMES.get(_cc_name(cc.holidays[d]), _cc_name(cc.holidays[d])) for d in days}
    work = {d: _CC_NAMES.get(_cc_name(n), _cc_name(n)) + "调休上班" for d, n in cc.workdays.items() if d.year == year}
    return YearData(year, "chinese-calendar", off, work)


def _cc_name(value) -> str:
    return getattr(value, "value", value) or ""


_SUBST_ZH = re.compile(r"由\s*(\d{4})-(\d{2})-(\d{2})\s*调休")
_SUBST_EN = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")


def _from_holidays(year: int) -> YearData | None:
    try:
        import holidays
    except ImportError:  # pragma: no cover
        return None
    try:
        entries = holidays.China(years=year, language="zh_CN")
    except Exception:  # pragma: no cover - unsupported year/language in some release
        return None
    off: dict[date, str] = {}
    work: dict[date, str] = {}
    for day, name in sorted(entries.items()):
        off[day] = name
        for part in name.split(";"):
            m = _SUBST_ZH.search(part)
            if m:
                work[date(int(m[1]), int(m[2]), int(m[3]))] = "调休上班"
                continue
            m = _SUBST_EN.search(part)
            if m:
                work[date(int(m[3]), int(m[1]), int(m[2]))] = "调休上班"
    # Without a single substitution the year is the package's rule-based estimate, not the notice.
    if not work:
        return None
    return YearData(year, "holidays", off, work)


@lru_cache(maxsize=64)
def package_year(year: int) -> YearData:
    """The statutory calendar of a year from the installed packages (see the module docstring)."""
    return _from_chinese_calendar(year) or _from_holidays(year) or YearData(year, "")


@dataclass(frozen=True)
class DeskHours:
    """Front-desk hours: on working days, and on other days (None: the desk is closed)."""

    workday: tuple[time, time] = (time(8, 30), time(18, 0))
    offday: tuple[time, time] | None = (time(9, 0), time(17, 0))

    @classmethod
    def from_setting(cls, value: Mapping | None) -> "DeskHours":
        """``{"weekday": ["08:30", "18:00"], "weekend": ["09:00", "17:00"]}`` (the desk.hours setting)."""
        if not value:
            return cls()

        def pair(v):
            if not v:
                return None
            a, b = (time.fromisoformat(str(x)) for x in v)
            if b <= a:
                raise ValueError("desk hours end before they start")
            return a, b

        return cls(pair(value.get("weekday")) or cls.workday, pair(value.get("weekend")))


@dataclass(frozen=True)
class DayInfo:
    day: date
    workday: bool
    kind: str  # 工作日 / 周末 / 法定节假日 / 调休上班 / 休息日(自定) / 上班(自定)
    name: str = ""
    source: str = ""  # chinese-calendar / holidays / 管理员 / 周末规则

    @property
    def weekday_name(self) -> str:
        return "星期" + WEEKDAY_NAMES[self.day.weekday()]


class Calendar:
    """Working days and working hours of one site.

    ``overrides`` maps a day to ``"off"`` (a day off) or ``"work"`` (a make-up workday),
    optionally with a note: ``{date: ("off", "台风停工")}``. They win over the packages.
    A year no package knows counts as covered once the admin confirms it (``confirmed_years``)
    after entering that year's days off and make-up workdays.
    """

    def __init__(self, overrides: Mapping[date, tuple[str, str | None] | str] | None = None, *,
                 hours: DeskHours | None = None, provider: Callable[[int], YearData] = package_year,
                 confirmed_years: Iterable[int] = ()):
        self.hours = hours or DeskHours()
        #: Years the admin declared complete (entered by hand from the State Council's notice).
        self.confirmed_years = frozenset(int(y) for y in confirmed_years)
        self._provider = provider
        self._years: dict[int, YearData] = {}
        self.overrides: dict[date, tuple[str, str | None]] = {}
        for day, value in (overrides or {}).items():
            kind, note = (value, None) if isinstance(value, str) else value
            if kind not in (OFF, WORK):
                raise ValueError(f"unknown override kind {kind!r}")
            self.overrides[day] = (kind, note)

    # -- days ------------------------------------------------------------------
    def year(self, year: int) -> YearData:
        data = self._years.get(year)
        if data is None:
            data = self._years[year] = self._provider(year)
        return data

    def info(self, day: date | datetime) -> DayInfo:
        day = _as_date(day)
        if day in self.overrides:
            kind, note = self.overrides[day]
            if kind == OFF:
                return DayInfo(day, False, "休息日", note or "", "管理员")
            return DayInfo(day, True, "调休上班", note or "", "管理员")
        data = self.year(day.year)
        if day in data.make_up_days:
            return DayInfo(day, True, "调休上班", data.make_up_days[day], data.source)
        if day in data.days_off:
            return DayInfo(day, False, "法定节假日", data.days_off[day], data.source)
        if day.weekday() >= 5:
            return DayInfo(day, False, "周末", "", "周末规则")
        return DayInfo(day, True, "工作日", "", "周末规则")

    def is_workday(self, day: date | datetime) -> bool:
        return self.info(day).workday

    def next_workday(self, day: date | datetime, *, include: bool = False) -> date:
        """The first working day after ``day`` (or ``day`` itself when ``include`` and it is one)."""
        d = _as_date(day)
        if not include:
            d += timedelta(days=1)
        for _ in range(_MAX_DAYS):
            if self.is_workday(d):
                return d
            d += timedelta(days=1)
        raise ValueError("no working day within ten years")

    def add_working_days(self, start: date | datetime, n: int):
        """``n`` working days after ``start`` (a date, or a datetime keeping its time of day).

        Counting starts on the day after ``start``: a matter finished on Wednesday has
        Thursday as working day 1. ``n == 0`` gives ``start`` itself.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        d = _as_date(start)
        for _ in range(n):
            d = self.next_workday(d)
        if isinstance(start, datetime):
            return datetime.combine(d, start.time())
        return d

    def working_days_between(self, start: date | datetime, end: date | datetime) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        a, b = _as_date(start), _as_date(end)
        count = 0
        d = a + timedelta(days=1)
        while d <= b:
            if self.is_workday(d):
                count += 1
            d += timedelta(days=1)
        return count

    def days_in(self, first: date, last: date) -> list[DayInfo]:
        out, d = [], first
        while d <= last:
            out.append(self.info(d))
            d += timedelta(days=1)
        return out

    # -- desk hours --------------------------------------------------------------
    def desk_hours_on(self, day: date | datetime) -> tuple[datetime, datetime] | None:
        """Opening and closing time of the desk on a day (working-day hours on make-up days)."""
        d = _as_date(day)
        span = self.hours.workday if self.is_workday(d) else self.hours.offday
        if span is None:
            return None
        return datetime.combine(d, span[0]), datetime.combine(d, span[1])

    def desk_close(self, day: date | datetime) -> datetime:
        """End of the desk's hours on that day; a day the desk is closed: its working-day hours' end."""
        span = self.desk_hours_on(day)
        if span is None:
            return datetime.combine(_as_date(day), self.hours.workday[1])
        return span[1]

    def end_of_desk_day(self, moment: datetime) -> datetime:
        """The end of the desk's hours on the same day, or of the next day the desk is open
        when ``moment`` is already past closing (or the desk is closed that day)."""
        d = moment.date()
        for _ in range(_MAX_DAYS):
            span = self.desk_hours_on(d)
            if span is not None and moment < span[1]:
                return span[1]
            d += timedelta(days=1)
        raise ValueError("the desk is never open")

    def end_of_working_day(self, start: date | datetime, n: int) -> datetime:
        """Desk closing time of the ``n``-th working day after ``start`` (n == 0: that same day,
        or the next working day when ``start`` is not one)."""
        d = self.add_working_days(_as_date(start), n) if n > 0 else self.next_workday(start, include=True)
        return datetime.combine(d, self.hours.workday[1])

    def _working_span(self, d: date) -> tuple[datetime, datetime] | None:
        if not self.is_workday(d):
            return None
        a, b = self.hours.workday
        return datetime.combine(d, a), datetime.combine(d, b)

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment when ``hours`` of desk time on working days have passed since ``start``.

        Time outside the working-day desk hours (evenings, weekends, holidays) does not count:
        one working hour after Friday 17:50 is Monday 09:20 with desk hours 08:30–18:00.
        """
        remaining = timedelta(hours=hours)
        if remaining <= timedelta(0):
            return start
        d = start.date()
        for _ in range(_MAX_DAYS):
            span = self._working_span(d)
            if span is not None:
                begin = max(span[0], start)
                if begin < span[1]:
                    available = span[1] - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            d += timedelta(days=1)
        raise ValueError("no working hours within ten years")

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Working-day desk hours between two moments (negative when end < start)."""
        if end < start:
            return -self.working_hours_between(end, start)
        total = timedelta(0)
        d = start.date()
        while d <= end.date():
            span = self._working_span(d)
            if span is not None:
                a, b = max(span[0], start), min(span[1], end)
                if b > a:
                    total += b - a
            d += timedelta(days=1)
        return total.total_seconds() / 3600

    # -- coverage --------------------------------------------------------------------
    def known_year(self, year: int) -> bool:
        return self.year(year).known or year in self.confirmed_years

    def source_of(self, year: int) -> str:
        data = self.year(year)
        if data.known:
            return data.source
        return "管理员录入" if year in self.confirmed_years else ""

    def missing_years(self, years: Iterable[int]) -> list[int]:
        """Years with neither package data nor the admin's confirmed entries."""
        return [y for y in years if not self.known_year(y)]

    def coverage_warning(self, today: date | datetime) -> str | None:
        """A Chinese warning when the current or the next year has no holiday data."""
        year = _as_date(today).year
        missing = self.missing_years([year, year + 1])
        if not missing:
            return None
        years = "、".join(f"{y} 年" for y in missing)
        return (f"工作日历缺少 {years}的法定节假日和调休安排：这些日期只按周末计算。"
                "请在 系统设置 → 工作日历 中录入国务院公布的放假和调休日期，或升级 chinese-calendar / holidays 软件包。")


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
