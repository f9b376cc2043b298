"""Reading the State Council's 放假安排 notice (国务院办公厅关于某年部分节假日安排的通知).

The admin pastes the notice's text; ``parse_notice(text)`` finds every holiday paragraph
(``一、元旦：…``, ``六、中秋节、国庆节：…``) and in it

- the days off: ``1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休``, a single
  ``4月5日放假``, spans across the year end (``2022年12月31日至2023年1月2日``), and
  ``与周末连休`` (the adjacent Saturday and Sunday belong to the holiday);
- the make-up working days: ``1月26日（周日）、2月8日（周六）上班``.

A later paragraph for the same holiday replaces the earlier one (an amendment notice pasted
after the original, as in 2019's 劳动节), and ``延长…春节假期至2月2日`` extends that holiday,
cancelling make-up days inside the extension (2020). Parenthesised remarks are ignored.
``save_notice(ctx, notice)`` stores the result as the site's calendar entries (audited).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.errors import ValidationError

HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_NAME = "(?:" + "|".join(HOLIDAY_NAMES) + ")"
_HEADER = re.compile(rf"(?:[一二三四五六七八九十]+、)?({_NAME}(?:[、和]{_NAME})*)[：:]")
_PARENS = re.compile(r"[（(][^（）()]*[）)]")
_DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")
_EXTEND = re.compile(rf"延长\s*(?:\d{{4}}年)?({_NAME})假期至")
_TITLE_YEAR = re.compile(r"(\d{4})年(?:部分)?节假日")


@dataclass(frozen=True)
class NoticeDay:
    day: date
    off: bool  # True: 放假; False: 上班 (a make-up working day)
    name: str

    @property
    def kind(self) -> str:
        return "放假" if self.off else "上班"


@dataclass(frozen=True)
class HolidayNotice:
    year: int
    days: tuple[NoticeDay, ...] = field(default_factory=tuple)

    @property
    def days_off(self) -> list[date]:
        return [d.day for d in self.days if d.off]

    @property
    def make_up_days(self) -> list[date]:
        return [d.day for d in self.days if not d.off]

    def months(self) -> dict[int, list[NoticeDay]]:
        """The notice's days by month of its year (days of the year before under month 0)."""
        out: dict[int, list[NoticeDay]] = {}
        for d in self.days:
            out.setdefault(d.day.month if d.day.year == self.year else 0, []).append(d)
        return out


def _dates(text: str, year: int) -> list[tuple[date, str]]:
    """The dates in a sentence with what joins each to the next (``至`` for a span)."""
    out = []
    month = None
    for m in _DATE.finditer(text):
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if y:
            year = int(y)
        if mo:
            month = int(mo)
        if month is None:
            continue
        try:
            day = date(year, month, int(d))
        except ValueError:
            raise ValidationError("通知内容", f"“{m.group(0)}”不是有效的日期", "text") from None
        out.append((day, text[m.end():m.end() + 1]))
    return out


def _span(found: list[tuple[date, str]]) -> list[date]:
    days: list[date] = []
    i = 0
    while i < len(found):
        start, joiner = found[i]
        if joiner == "至" and i + 1 < len(found):
            end = found[i + 1][0]
            if end < start:
                raise ValidationError("通知内容", f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d} 的起止顺序不对", "text")
            days += [start + timedelta(n) for n in range((end - start).days + 1)]
            i += 2
        else:
            days.append(start)
            i += 1
    return days


def _with_weekend(days: list[date]) -> list[date]:
    """``与周末连休``: the Saturday and Sunday next to the holiday are part of it."""
    out = set(days)
    first, last = min(days), max(days)
    d = first - timedelta(1)
    while d.weekday() >= 5:
        out.add(d)
        d -= timedelta(1)
    d = last + timedelta(1)
    while d.weekday() >= 5:
        out.add(d)
        d += timedelta(1)
    return sorted(out)


def notice_year(text: str) -> int | None:
    m = _TITLE_YEAR.search(text)
    return int(m.group(1)) if m else None


def parse_notice(text: str, year: int | None = None) -> HolidayNotice:
    """The days off and make-up working days of a pasted notice. ``year`` is the notice's year
    when its title is not part of the text. Raises ValidationError when nothing is found."""
    text = (text or "").replace("\u3000", " ")
    year = year or notice_year(text)
    if year is None:
        raise ValidationError("年份", "通知中没有找到“某年部分节假日安排”字样，请填写年份", "year")
    text = _PARENS.sub("", text)
    headers = list(_HEADER.finditer(text))
    if not headers:
        raise ValidationError("通知内容", "没有找到节日段落（如“一、元旦：1月1日放假”），请粘贴通知全文", "text")
    by_name: dict[str, tuple[list[date], list[date]]] = {}
    order: list[str] = []
    for i, h in enumerate(headers):
        name = h.group(1)
        body = text[h.end():headers[i + 1].start() if i + 1 < len(headers) else len(text)]
        off: list[date] = []
        work: list[date] = []
        for sentence in re.split(r"[。；;\n]", body):
            if not sentence.strip():
                continue
            found = _dates(sentence, year)
            if not found:
                continue
            if "放假" in sentence:
                days = _span(found)
                off += _with_weekend(days) if "与周末连休" in sentence else days
            elif "上班" in sentence and "正常上班" not in sentence:
                work += [d for d, _ in found]
        if off or work:
            if name not in by_name:
                order.append(name)
            by_name[name] = (off, work)  # a later paragraph for the same holiday replaces it
    for m in _EXTEND.finditer(text):  # 延长春节假期至2月2日
        name = next((n for n in order if m.group(1) in n), None)
        found = _dates(text[m.end():m.end() + 20], year)
        if name is None or not found:
            continue
        off, work = by_name[name]
        end = found[0][0]
        d = max(off) + timedelta(1)
        while d <= end:
            off.append(d)
            d += timedelta(1)
        by_name[name] = (off, [w for w in work if w not in off])
    days: dict[date, NoticeDay] = {}
    for name in order:
        off, work = by_name[name]
        for d in off:
            days[d] = NoticeDay(d, True, name)
        for d in work:
            days.setdefault(d, NoticeDay(d, False, name))
    if not days:
        raise ValidationError("通知内容", "通知中没有找到放假或上班的日期", "text")
    return HolidayNotice(year, tuple(sorted(days.values(), key=lambda d: d.day)))


def save_notice(ctx, notice: HolidayNotice) -> int:
    """Store the notice's days as the site's calendar entries (each one audited) and mark the
    year as entered completely. Admin only. Returns the number of days written."""
    from app.core import calendar

    n = calendar.set_overrides(ctx, [(d.day, "休息日" if d.off else "调休上班", f"{d.name}（国务院通知）")
                                     for d in notice.days], action="导入国务院放假通知")
    calendar.confirm_year(ctx, notice.year)
    return n
