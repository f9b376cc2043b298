"""Complaint deadlines, computed on the working-day :class:`Calendar`.

Pure rules, every figure from :class:`DeadlineRules` (defaults below; a site changes them in
系统设置 → 投诉设置):

- 一般, within the desk's own scope: finished the same day, by the end of desk hours.
- 一般, handed to another department: finished within 3 days.
- 重要: handling starts within 1 working hour (desk hours on working days); finished within 3 days.
- 重大: reported to the manager at once (escalation level 2 at intake); the resident is told a
  reply date (default: 3 days), which is its finishing deadline.
- every complaint is answered (回复) within 72 hours (clock hours).
- follow-up (回访) within 3 working days of completion.
- open longer than 5 working days: a progress entry (进展记录) every working day.

"Days" count working days unless ``count_working_days`` is off; a day-deadline ends at the
close of the desk's working-day hours.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any, Mapping

from app.complaints.vocab import HANDLING_STATES, OPEN_STATES, ComplaintSeverity, ComplaintStatus
from app.domain.errors import ValidationError
from app.domain.workdays import Calendar

SEVERITY_ORDER = [ComplaintSeverity.NORMAL, ComplaintSeverity.IMPORTANT, ComplaintSeverity.MAJOR]
MAX_LEVEL = 3

#: Kinds of deadline, as shown to the user.
START = "开始处理"
FINISH = "处理完成"
REPLY = "答复住户"
PROGRESS = "进展记录"
FOLLOW_UP = "回访"


@dataclass(frozen=True)
class DeadlineRules:
    count_working_days: bool = True
    handover_days: int = 3
    important_start_hours: float = 1
    important_finish_days: int = 3
    major_reply_days: int = 3
    major_escalation_level: int = 2
    reply_hours: float = 72
    follow_up_days: int = 3
    progress_after_days: int = 5
    due_soon_hours: float = 2
    escalate_every_days: int = 1
    auto_escalate: bool = True

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> "DeadlineRules":
        """Rules from stored settings; unknown keys are ignored, bad values refused."""
        rules = cls()
        if not values:
            return rules
        known = {f.name for f in fields(cls)}
        return rules.with_values({k: v for k, v in values.items() if k in known})

    def with_values(self, values: Mapping[str, Any]) -> "DeadlineRules":
        """A copy with some figures changed, each checked against :data:`RULE_FIELDS`."""
        clean = {}
        for key, value in values.items():
            spec = RULE_FIELDS.get(key)
            if spec is None:
                raise ValidationError("投诉时限", f"未知的设置项 {key}", key)
            clean[key] = spec.check(value)
        return replace(self, **clean)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RuleField:
    key: str
    label: str
    kind: type  # bool, int or float
    minimum: float = 0
    maximum: float = 0
    unit: str = ""

    def check(self, value):
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            if str(value).strip() in ("是", "true", "True", "1"):
                return True
            if str(value).strip() in ("否", "false", "False", "0"):
                return False
            raise ValidationError(self.label, f"“{value}”应为 是 或 否", self.key)
        try:
            number = self.kind(value)
        except (TypeError, ValueError):
            raise ValidationError(self.label, f"“{value}”不是有效的数字", self.key) from None
        if not (self.minimum <= number <= self.maximum):
            raise ValidationError(self.label, f"应在 {self.minimum:g}–{self.maximum:g}{self.unit} 之间", self.key)
        return number


RULE_FIELDS: dict[str, RuleField] = {f.key: f for f in [
    RuleField("count_working_days", "时限天数按工作日计算（否则按自然日）", bool),
    RuleField("handover_days", "一般投诉转交其他部门：完成时限", int, 1, 30, "天"),
    RuleField("important_start_hours", "重要投诉：开始处理时限", float, 0.25, 24, "工作小时"),
    RuleField("important_finish_days", "重要投诉：完成时限", int, 1, 30, "天"),
    RuleField("major_reply_days", "重大投诉：默认答复日期", int, 1, 60, "天"),
    RuleField("major_escalation_level", "重大投诉：受理即上报级别（1 客服主管 / 2 经理 / 3 主管副总经理）", int, 1, 3, ""),
    RuleField("reply_hours", "每件投诉答复时限", float, 1, 720, "小时"),
    RuleField("follow_up_days", "处理完成后回访时限", int, 1, 30, "个工作日"),
    RuleField("progress_after_days", "超过多少个工作日未结须每个工作日记录进展", int, 1, 60, "个工作日"),
    RuleField("due_soon_hours", "即将到期提醒（琥珀色）", float, 0.5, 48, "工作小时"),
    RuleField("escalate_every_days", "超时未处理：每隔多少个工作日再升一级", int, 1, 30, "个工作日"),
    RuleField("auto_escalate", "超时自动升级", bool),
]}


@dataclass(frozen=True)
class Deadlines:
    start_due_at: datetime | None
    due_at: datetime
    reply_due_at: datetime
    promised_reply_at: datetime | None
    progress_due_at: datetime


def severity_of(value) -> ComplaintSeverity:
    return value if isinstance(value, ComplaintSeverity) else ComplaintSeverity(value)


def raised(severity) -> ComplaintSeverity:
    """One level up (重大 stays 重大): a resident who does not accept the outcome."""
    sev = severity_of(severity)
    i = SEVERITY_ORDER.index(sev)
    return SEVERITY_ORDER[min(i + 1, len(SEVERITY_ORDER) - 1)]


def intake_level(severity, rules: DeadlineRules) -> int:
    """Escalation level a complaint starts at: 重大 is reported at once."""
    return rules.major_escalation_level if severity_of(severity) is ComplaintSeverity.MAJOR else 0


def end_after_days(cal: Calendar, rules: DeadlineRules, base: datetime, days: int) -> datetime:
    """Close of the desk on the ``days``-th (working) day after ``base``."""
    if rules.count_working_days:
        return cal.end_of_working_day(base, days)
    return cal.desk_close(base.date() + timedelta(days=days))


def compute(cal: Calendar, rules: DeadlineRules, *, severity, within_desk_scope: bool, base: datetime,
            promised_reply_at: datetime | None = None) -> Deadlines:
    """The deadlines of a complaint handled from ``base`` (received, or reopened)."""
    sev = severity_of(severity)
    start_due = None
    if sev in (ComplaintSeverity.IMPORTANT, ComplaintSeverity.MAJOR):
        start_due = cal.add_working_hours(base, rules.important_start_hours)
    if sev is ComplaintSeverity.MAJOR:
        promised = promised_reply_at or end_after_days(cal, rules, base, rules.major_reply_days)
        due = promised
    else:
        promised = None
        if sev is ComplaintSeverity.IMPORTANT:
            due = end_after_days(cal, rules, base, rules.important_finish_days)
        elif within_desk_scope:
            due = cal.end_of_desk_day(base)
        else:
            due = end_after_days(cal, rules, base, rules.handover_days)
    return Deadlines(
        start_due_at=start_due,
        due_at=due,
        reply_due_at=base + timedelta(hours=rules.reply_hours),
        promised_reply_at=promised,
        progress_due_at=first_progress_due(cal, rules, base),
    )


def first_progress_due(cal: Calendar, rules: DeadlineRules, base: datetime) -> datetime:
    """Open longer than N working days: the first progress entry is due by the end of day N+1."""
    return cal.end_of_working_day(base, rules.progress_after_days + 1)


def next_progress_due(cal: Calendar, rules: DeadlineRules, base: datetime, entry_at: datetime) -> datetime:
    """After a progress entry: the next is due by the end of the next working day (never before
    the first one is due at all)."""
    return max(first_progress_due(cal, rules, base), cal.end_of_working_day(entry_at, 1))


def follow_up_due(cal: Calendar, rules: DeadlineRules, completed_at: datetime) -> datetime:
    return cal.end_of_working_day(completed_at, rules.follow_up_days)


def pending(status, *, started_at=None, start_due_at=None, completed_at=None, due_at=None, reply_at=None,
            reply_due_at=None, progress_due_at=None, follow_up_due_at=None) -> list[tuple[str, datetime]]:
    """The deadlines still to be met, earliest first."""
    st = status if isinstance(status, ComplaintStatus) else ComplaintStatus(status)
    out: list[tuple[str, datetime]] = []
    if st in HANDLING_STATES:
        if started_at is None and start_due_at is not None:
            out.append((START, start_due_at))
        if completed_at is None and due_at is not None:
            out.append((FINISH, due_at))
        if progress_due_at is not None:
            out.append((PROGRESS, progress_due_at))
    if st in OPEN_STATES and reply_at is None and reply_due_at is not None:
        out.append((REPLY, reply_due_at))
    if st is ComplaintStatus.AWAITING_FOLLOW_UP and follow_up_due_at is not None:
        out.append((FOLLOW_UP, follow_up_due_at))
    return sorted(out, key=lambda kv: kv[1])


def next_deadline(status, **values) -> tuple[str | None, datetime | None]:
    items = pending(status, **values)
    return items[0] if items else (None, None)


def due_state(due: datetime | None, now: datetime, soon_until: datetime) -> str | None:
    """``"overdue"`` (red), ``"soon"`` (amber: within the next working hours), ``"today"`` or None."""
    if due is None:
        return None
    if due < now:
        return "overdue"
    if due <= soon_until:
        return "soon"
    if due.date() == now.date():
        return "today"
    return None


def late(done_at: datetime | None, due: datetime | None) -> bool:
    return done_at is not None and due is not None and done_at > due


def describe_overdue(kind: str, due: datetime, now: datetime) -> str:
    """“处理完成时限 11月23日 18:00 已过（超时 2 小时 5 分）”."""
    span = now - due
    hours, rest = divmod(int(span.total_seconds()) // 60, 60)
    days, hours = divmod(hours, 24)
    parts = []
    if days:
        parts.append(f"{days} 天")
    if hours:
        parts.append(f"{hours} 小时")
    if rest or not parts:
        parts.append(f"{rest} 分")
    return f"{kind}时限 {due.month}月{due.day}日 {due:%H:%M} 已过（超时 {' '.join(parts)}）"
