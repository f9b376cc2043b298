"""The cross-site monthly report: per site and in total, from the records the sites' workbooks
brought. Counts are grouped in SQL (per site, over the indexed site/time columns); the few
figures that need a time difference or working days (72-hour answer, pick-up within 30 minutes,
follow-up within 3 working days) read only the month's rows of the sheets concerned.

Head office knows the sites' records as the workbook contract names them, so columns are looked
up by their sheet and header (``_col("投诉", "受理时间")``) through the workbook engine's registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select

from app.core.calendar import load_calendar
from app.core.context import Context
from app.exchange.registry import sheet
from app.hq.models import HqSite
from app.hq.status import month_range

SEVERITIES = ("一般", "重要", "重大")
FEEDBACK = (("A", "满意"), ("B", "较满意"), ("C", "不满意"))
TREND_MONTHS = 6
VISIT_SPAN_MONTHS = 6  # household visits: every household each half-year


def _model(name: str):
    return sheet(name).model


def _col(name: str, header: str):
    return getattr(_model(name), sheet(name).column(header).attr)


def _live(name: str):
    """Not voided (head office sees the void as its 作废原因)."""
    reason = _col(name, "作废原因")
    return or_(reason.is_(None), reason == "")


def _in(col, start: datetime, end: datetime):
    return and_(col >= start, col < end)


def _rate(num: int, den: int) -> float | None:
    return None if not den else num / den


@dataclass(frozen=True)
class SiteFigures:
    code: str
    name: str
    households: int | None
    visits: int = 0
    calls: int = 0
    contacts: int = 0
    complaints: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    on_time: int = 0  # complaints of the month not overdue
    answered_72h: int = 0
    completed: int = 0  # complaints completed in the month
    followed_3d: int = 0  # … followed up within 3 working days of completion
    feedback: dict[str, int] = field(default_factory=dict)  # A/B/C -> follow-ups of the month
    reopened: int = 0
    repairs: int = 0
    dispatched: int = 0
    picked_30: int = 0  # picked up within 30 minutes of dispatch
    repairs_late: int = 0
    households_visited: int = 0  # distinct units visited (日常走访) in the half-year to the month's end
    moveins_delivered: int = 0
    open_defects: int = 0
    renovations_active: int = 0
    open_violations: int = 0

    @property
    def per_100_households(self) -> float | None:
        return None if not self.households else self.complaints * 100 / self.households

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.on_time, self.complaints)

    @property
    def answered_72h_rate(self) -> float | None:
        return _rate(self.answered_72h, self.complaints)

    @property
    def follow_up_rate(self) -> float | None:
        return _rate(self.followed_3d, self.completed)

    @property
    def feedback_total(self) -> int:
        return sum(self.feedback.values())

    def feedback_share(self, grade: str) -> float | None:
        return _rate(self.feedback.get(grade, 0), self.feedback_total)

    @property
    def pick_up_rate(self) -> float | None:
        return _rate(self.picked_30, self.dispatched)

    @property
    def visit_coverage(self) -> float | None:
        return None if not self.households else min(1.0, self.households_visited / self.households)


@dataclass(frozen=True)
class TrendPoint:
    month: str  # YYYY-MM
    contacts: int
    complaints: int
    repairs: int


@dataclass(frozen=True)
class MonthReport:
    month: str
    first: date
    last: date
    sites: tuple[SiteFigures, ...]
    total: SiteFigures
    trend: tuple[TrendPoint, ...]  # oldest first, the report's month last
    categories: tuple[str, ...]  # every complaint category of the month, most frequent first


def _by_site(s, stmt) -> dict:
    return {row[0]: row[1] for row in s.execute(stmt)}


def _by_site_key(s, stmt) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for site, key, n in s.execute(stmt):
        out.setdefault(site, {})[key] = n
    return out


def _month_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())


def _shift_month(first: date, months: int) -> date:
    y, m = divmod(first.year * 12 + first.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _counts(s, start: datetime, end: datetime) -> tuple[dict, dict, dict]:
    """Contacts, complaints and repairs received in [start, end), per site."""
    out = []
    for name, header in (("来访来电", "登记时间"), ("投诉", "受理时间"), ("维修", "报修时间")):
        site = _col(name, "站点编码")
        out.append(_by_site(s, select(site, func.count()).where(_in(_col(name, header), start, end), _live(name))
                            .group_by(site)))
    return out[0], out[1], out[2]


def month_report(ctx: Context, month: str) -> MonthReport:
    first, last = month_range(month, ctx.now().date())
    start, end = _month_bounds(first, last)
    cal = load_calendar(ctx)
    per: dict[str, dict] = {}
    with ctx.read() as s:
        sites = s.execute(select(HqSite.code, HqSite.name, HqSite.households).order_by(HqSite.code)).all()
        for code, _name, _hh in sites:
            per[code] = {}

        def put(key: str, values: dict) -> None:
            for code, v in values.items():
                per.setdefault(code, {})[key] = v

        # 来访来电: by 方式
        site, method = _col("来访来电", "站点编码"), _col("来访来电", "方式")
        by_method = _by_site_key(s, select(site, method, func.count()).where(
            _in(_col("来访来电", "登记时间"), start, end), _live("来访来电")).group_by(site, method))
        put("visits", {c: d.get("来访", 0) for c, d in by_method.items()})
        put("calls", {c: d.get("来电", 0) for c, d in by_method.items()})
        put("contacts", {c: sum(d.values()) for c, d in by_method.items()})

        # 投诉
        cs = _col("投诉", "站点编码")
        in_month = and_(_in(_col("投诉", "受理时间"), start, end), _live("投诉"))
        put("complaints", _by_site(s, select(cs, func.count()).where(in_month).group_by(cs)))
        put("by_severity", _by_site_key(s, select(cs, _col("投诉", "性质"), func.count()).where(in_month)
                                        .group_by(cs, _col("投诉", "性质"))))
        put("by_category", _by_site_key(s, select(cs, _col("投诉", "类别"), func.count()).where(in_month)
                                        .group_by(cs, _col("投诉", "类别"))))
        put("on_time", _by_site(s, select(cs, func.count()).where(
            in_month, _col("投诉", "是否超时").is_not(True)).group_by(cs)))
        put("reopened", _by_site(s, select(cs, func.count()).where(
            in_month, _col("投诉", "重新处理次数") > 0).group_by(cs)))
        answered: dict[str, int] = {}
        for code, received, replied in s.execute(select(cs, _col("投诉", "受理时间"), _col("投诉", "回复时间"))
                                                 .where(in_month, _col("投诉", "回复时间").is_not(None))):
            if replied - received <= timedelta(hours=72):
                answered[code] = answered.get(code, 0) + 1
        put("answered_72h", answered)

        # Follow-up within 3 working days of completion (complaints completed in the month).
        subject = _col("回访", "关联编号")
        first_visit = (select(subject.label("uuid"), func.min(_col("回访", "回访时间")).label("at"))
                       .where(_col("回访", "关联类型") == "投诉", _live("回访")).group_by(subject).subquery())
        cm = _model("投诉")
        done = and_(_in(_col("投诉", "完成时间"), start, end), _live("投诉"))
        completed: dict[str, int] = {}
        followed: dict[str, int] = {}
        for code, finished, visited in s.execute(
                select(cs, _col("投诉", "完成时间"), first_visit.c.at).select_from(cm)
                .outerjoin(first_visit, first_visit.c.uuid == _col("投诉", "记录编号")).where(done)):
            completed[code] = completed.get(code, 0) + 1
            if visited is not None and visited.date() <= cal.add_working_days(finished.date(), 3):
                followed[code] = followed.get(code, 0) + 1
        put("completed", completed)
        put("followed_3d", followed)

        # Satisfaction of the month's follow-ups.
        fs, feedback = _col("回访", "站点编码"), _col("回访", "反馈意见")
        words = {w: g for g, w in FEEDBACK}
        fb = _by_site_key(s, select(fs, feedback, func.count()).where(
            _in(_col("回访", "回访时间"), start, end), _live("回访")).group_by(fs, feedback))
        put("feedback", {c: {words[w]: n for w, n in d.items() if w in words} for c, d in fb.items()})

        # Household visits (日常走访): distinct units in the half-year ending with the month.
        span_start = datetime.combine(_shift_month(first, 1 - VISIT_SPAN_MONTHS), time())
        put("households_visited", _by_site(s, select(fs, func.count(func.distinct(_col("回访", "房号")))).where(
            _in(_col("回访", "回访时间"), span_start, end), _col("回访", "关联类型") == "日常走访",
            _col("回访", "房号").is_not(None), _live("回访")).group_by(fs)))

        # 维修
        rs = _col("维修", "站点编码")
        r_month = and_(_in(_col("维修", "报修时间"), start, end), _live("维修"))
        put("repairs", _by_site(s, select(rs, func.count()).where(r_month).group_by(rs)))
        put("repairs_late", _by_site(s, select(rs, func.count()).where(r_month, _col("维修", "是否超时").is_(True))
                                     .group_by(rs)))
        dispatched: dict[str, int] = {}
        picked: dict[str, int] = {}
        for code, sent, took in s.execute(select(rs, _col("维修", "派工时间"), _col("维修", "接单时间"))
                                          .where(r_month, _col("维修", "派工时间").is_not(None))):
            dispatched[code] = dispatched.get(code, 0) + 1
            if took is not None and took - sent <= timedelta(minutes=30):
                picked[code] = picked.get(code, 0) + 1
        put("dispatched", dispatched)
        put("picked_30", picked)

        # 入伙 delivered in the month; defects still open (as last reported).
        hs = _col("入伙", "站点编码")
        put("moveins_delivered", _by_site(s, select(hs, func.count()).where(
            _in(_col("入伙", "办理时间"), start, end), _col("入伙", "状态") == "已交付", _live("入伙")).group_by(hs)))
        ds = _col("入伙缺陷", "站点编码")
        put("open_defects", _by_site(s, select(ds, func.count()).where(
            _col("入伙缺陷", "状态").not_in(("已销项", "已取消"))).group_by(ds)))

        # 装修 under works; violations not yet rectified (as last reported).
        ns = _col("装修", "站点编码")
        put("renovations_active", _by_site(s, select(ns, func.count()).where(
            _col("装修", "状态") == "施工中", _live("装修")).group_by(ns)))
        vs, checks = _col("装修巡查", "站点编码"), _col("装修巡查", "违规项")
        put("open_violations", _by_site(s, select(vs, func.count()).where(
            checks.is_not(None), checks != "", _live("装修巡查"),
            or_(_col("装修巡查", "复查结果").is_(None), _col("装修巡查", "复查结果") != "已整改")).group_by(vs)))

        trend = []
        for k in range(TREND_MONTHS - 1, -1, -1):
            m_first = _shift_month(first, -k)
            m_start, m_end = datetime.combine(m_first, time()), datetime.combine(_shift_month(m_first, 1), time())
            contacts, complaints, repairs = _counts(s, m_start, m_end)
            trend.append(TrendPoint(f"{m_first:%Y-%m}", sum(contacts.values()), sum(complaints.values()),
                                    sum(repairs.values())))

    names = {code: (name, hh) for code, name, hh in sites}
    figures = []
    for code in sorted(per):
        name, hh = names.get(code, (code, None))
        figures.append(SiteFigures(code, name, hh, **per[code]))
    total = _total(figures)
    categories = tuple(sorted(total.by_category, key=lambda c: (-total.by_category[c], c)))
    return MonthReport(f"{first:%Y-%m}", first, last, tuple(figures), total, tuple(trend), categories)


def _add(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def _total(figures: list[SiteFigures]) -> SiteFigures:
    """Sums of every site; rates follow from the summed counts. Per-household figures only when
    every site's household count is known (otherwise a total would mix known and unknown)."""
    kw: dict = {}
    for key in ("visits", "calls", "contacts", "complaints", "on_time", "answered_72h", "completed", "followed_3d",
                "reopened", "repairs", "dispatched", "picked_30", "repairs_late", "households_visited",
                "moveins_delivered", "open_defects", "renovations_active", "open_violations"):
        kw[key] = sum(getattr(f, key) for f in figures)
    for key in ("by_severity", "by_category", "feedback"):
        acc: dict = {}
        for f in figures:
            acc = _add(acc, getattr(f, key))
        kw[key] = acc
    households = sum(f.households for f in figures) if figures and all(f.households for f in figures) else None
    return SiteFigures("合计", "全部站点", households, **kw)
