"""The month's repair figures by category: received, declined, completed, on time, followed
up, satisfaction; and how many orders are open and late right now."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.complaints import Feedback, FollowUp, FollowUpSubject
from app.core.context import Context
from app.repairs import rules
from app.repairs.models import RepairOrder
from app.repairs.repair_settings import categories
from app.repairs.vocab import OPEN_STATES, RepairStatus as S
from app.repairs.worklists import late_condition

TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class CategoryStats:
    category: str
    received: int = 0
    declined: int = 0
    completed: int = 0
    on_time: int = 0
    overdue: int = 0
    follow_up_required: int = 0
    followed_up: int = 0
    required_followed_up: int = 0
    satisfied: int = 0
    fairly_satisfied: int = 0
    dissatisfied: int = 0
    cost: float = 0.0

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return None if whole == 0 else part / whole

    @property
    def on_time_rate(self) -> float | None:
        return self._rate(self.on_time, self.completed)

    @property
    def follow_up_rate(self) -> float | None:
        return self._rate(self.followed_up, self.completed)

    @property
    def required_follow_up_rate(self) -> float | None:
        return self._rate(self.required_followed_up, self.follow_up_required)

    @property
    def satisfaction_rate(self) -> float | None:
        """(满意 + 较满意) ÷ follow-ups with feedback."""
        total = self.satisfied + self.fairly_satisfied + self.dissatisfied
        return self._rate(self.satisfied + self.fairly_satisfied, total)


@dataclass(frozen=True)
class MonthStatsData:
    year: int
    month: int
    rows: tuple[CategoryStats, ...]
    total: CategoryStats
    open_now: int
    late_now: int


_FIELDS = ("received", "declined", "completed", "on_time", "overdue", "follow_up_required", "followed_up",
           "required_followed_up", "satisfied", "fairly_satisfied", "dissatisfied", "cost")
_FEEDBACK_FIELD = {Feedback.SATISFIED.value: "satisfied", Feedback.FAIRLY_SATISFIED.value: "fairly_satisfied",
                   Feedback.DISSATISFIED.value: "dissatisfied"}


def month_statistics(ctx: Context, year: int, month: int) -> MonthStatsData:
    """The month's repairs by category: received (by 报修时间), completed, on time, followed up,
    satisfaction (follow-ups of repair orders made in the month)."""
    start, end = rules.month_range(year, month)
    now = ctx.now()
    order_cats = categories(ctx)
    acc: dict[str, dict[str, float]] = {}

    def bucket(cat: str) -> dict[str, float]:
        return acc.setdefault(cat, {f: 0 for f in _FIELDS})

    with ctx.read() as s:
        has_follow_up = select(FollowUp.id).where(FollowUp.subject_uuid == RepairOrder.uuid,
                                                  FollowUp.voided_at.is_(None)).exists()
        orders = s.execute(select(RepairOrder.category, RepairOrder.status, RepairOrder.completed_at,
                                  RepairOrder.overdue, RepairOrder.cost, RepairOrder.follow_up_required,
                                  has_follow_up.label("followed")).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.received_at >= start, RepairOrder.received_at < end,
            RepairOrder.voided_at.is_(None))).all()
        for o in orders:
            b = bucket(o.category)
            b["received"] += 1
            if o.status == S.DECLINED.value:
                b["declined"] += 1
                continue
            if o.completed_at is not None:
                b["completed"] += 1
                b["on_time"] += 0 if o.overdue else 1
                b["cost"] += o.cost or 0
                if o.follow_up_required:
                    b["follow_up_required"] += 1
                    b["required_followed_up"] += bool(o.followed)
                b["followed_up"] += bool(o.followed)
            if o.overdue:
                b["overdue"] += 1
        fups = s.execute(select(FollowUp.feedback, RepairOrder.category)
                         .join(RepairOrder, RepairOrder.uuid == FollowUp.subject_uuid)
                         .where(RepairOrder.site_code == ctx.site.code,
                                FollowUp.subject_type == FollowUpSubject.REPAIR.value,
                                FollowUp.voided_at.is_(None), FollowUp.visited_at >= start,
                                FollowUp.visited_at < end)).all()
        for feedback, cat in fups:
            key = _FEEDBACK_FIELD.get(feedback)
            if key:
                bucket(cat)[key] += 1
        open_now = s.scalar(select(func.count()).select_from(RepairOrder).where(
            RepairOrder.site_code == ctx.site.code, RepairOrder.status.in_([x.value for x in OPEN_STATES])))
        late_now = s.scalar(select(func.count()).select_from(RepairOrder).where(
            RepairOrder.site_code == ctx.site.code, late_condition(now)))
    for c in order_cats:
        bucket(c)
    ordered = list(order_cats) + sorted(c for c in acc if c not in order_cats)

    def make(cat: str, b: dict[str, float]) -> CategoryStats:
        return CategoryStats(cat, **{k: (round(val, 2) if k == "cost" else int(val)) for k, val in b.items()})

    rows = tuple(make(c, acc[c]) for c in ordered)
    total = {k: sum(acc[c][k] for c in acc) for k in _FIELDS}
    return MonthStatsData(year, month, rows, make(TOTAL_LABEL, total), int(open_now or 0), int(late_now or 0))
