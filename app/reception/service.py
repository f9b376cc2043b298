"""接待登记: visits, calls and letters (来访来电), message relay (转告) and the day's
closing (日结). Rules: shared/domain.md §1.

A record is solved on the spot (当即处理, with 处理情况 written at once) or handed over
(转交) to a department with a 负责人 and a 要求完成时间 (default: the end of today's
desk hours). Statuses: 待处理 (open, not handed over) → 处理中 (handed over) → 已完成
(处理情况 and 完成时间 written); 已作废 with a reason (客服主管 and above). A record
without 处理情况 is an open item.

One entry, no double typing: category 投诉 opens the linked complaint in the same unit
of work (``complaints.open_from_contact``); 报修 stays a record the repairs module takes
as its intake (``list_repair_requests``); 转告 also creates the message for the absent
staff member.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.reception.models import ContactRecord, MessageRelay
from app.core.models import Department
from app.domain import validate as v
from app.domain.enums import DEFAULT_DEPARTMENTS, ContactMethod, Role
from app.complaints import ComplaintSeverity
from app.reception.vocab import ContactCategory, ContactStatus, HandlingMode, RelayStatus
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.core import records, settings
from app.reception import search
from app.core.badges import Badge
from app.core.context import Context

OPEN = (ContactStatus.PENDING.value, ContactStatus.IN_PROGRESS.value)
PAGE_SIZE = 100
SEARCH_PAGE = 50

GREETING = settings.define("reception.greeting", "您好，物业客服中心，我姓{surname}，请问有什么可以帮您？",
                           "来电问候语（{surname} 为接待人的姓）")
PHRASES = settings.define("reception.phrases", [
    "您好",
    "请稍等",
    "对于您反映的问题我们会立即处理，并尽快给您回复，好吗？",
    "请问您贵姓？您的房号是？",
    "请问您的联系电话是？",
    "对不起，让您久等了",
    "感谢您的来电，再见",
    "不客气，这是我们应该做的",
], "标准用语")
SEARCH_CAP = settings.define("reception.search_cap", 500, "搜索结果最多显示条数")
DEFAULT_DEPARTMENT_FOR = settings.define("reception.default_department",
                                         {"报修": "工程部", "投诉": "客服部", "求助": "安管部"},
                                         "各类别默认转交部门")

COMPLAINT_KEYWORDS = [
    (("装修", "噪音", "噪声", "吵"), "装修噪音扰民"),
    (("停车", "车位", "占位", "挪车"), "停车"),
    (("电梯", "路灯", "门禁", "监控", "水泵", "公共设施"), "公共设施故障"),
    (("漏水", "渗水", "插座", "电器", "水管", "下水"), "室内设施/电器维修"),
    (("快递", "邮件", "报纸", "报刊"), "邮件报刊"),
    (("垃圾", "清洁", "卫生", "绿化", "草坪", "树"), "公共区域清洁绿化"),
    (("老鼠", "蟑螂", "蚊", "虫"), "鼠虫害"),
    (("态度", "服务差", "不理"), "服务态度"),
    (("收费", "物业费", "费用", "账单"), "收费"),
    (("保安", "被盗", "陌生人", "安全", "秩序", "广场舞"), "安全秩序"),
]


# ---------------------------------------------------------------- rows

@dataclass(frozen=True)
class ContactRow:
    id: int
    uuid: str
    version: int
    received_at: datetime
    method: str
    name: str
    unit_no: str | None
    phone: str | None
    category: str
    content: str
    handling_mode: str | None
    department: str | None
    handler: str | None
    due_at: datetime | None
    handling: str | None
    completed_at: datetime | None
    status: str
    received_by: str
    complaint_uuid: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None
    overdue: bool = False
    relay_to: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after the record (received_at, id); ``count`` rows so far."""

    received_at: datetime
    id: int
    count: int


@dataclass(frozen=True)
class ContactPage:
    rows: tuple[ContactRow, ...]
    next_cursor: Cursor | None
    capped: bool = False  # the search stopped at its cap (SEARCH_CAP)
    backend: str | None = None  # search: fts5 / like


@dataclass(frozen=True)
class ContactFilter:
    """What the list shows. Dates are inclusive; None means open-ended."""

    date_from: date | None = None
    date_to: date | None = None
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    received_by: str | None = None
    overdue_only: bool = False


@dataclass(frozen=True)
class MessageRow:
    id: int
    uuid: str
    version: int
    contact_uuid: str | None
    to_staff: str
    from_person: str
    from_phone: str | None
    message: str
    received_at: datetime
    status: str
    passed_on_at: datetime | None
    passed_on_by: str | None
    created_by: str
    voided_at: datetime | None
    void_reason: str | None


@dataclass(frozen=True)
class DayClosingData:
    day: date
    total: int
    completed: int
    by_category: tuple[tuple[str, int], ...]
    open_items: tuple[ContactRow, ...]  # today's records still 待处理/处理中
    without_handling: tuple[ContactRow, ...]  # today's records with no 处理情况 (not void)
    carried_over: tuple[ContactRow, ...]  # older records still open
    pending_messages: tuple[MessageRow, ...]


@dataclass(frozen=True)
class PhrasesData:
    greeting: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentChoice:
    name: str
    head: str | None


@dataclass
class _Clean:
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[ValidationError] = field(default_factory=list)

    def take(self, slot: str, fn, /, *args, **kwargs):
        try:
            value = fn(*args, **kwargs)
        except ValidationError as exc:
            if exc.key is None:
                exc.key = slot
            self.errors.append(exc)
            return None
        self.values[slot] = value
        return value

    def error(self, label: str, message: str, key: str) -> None:
        if not any(e.key == key for e in self.errors):
            self.errors.append(ValidationError(label, message, key))


def _row(ctx: Context, c: ContactRecord, now: datetime | None = None, relay_to: str | None = None) -> ContactRow:
    now = now or ctx.now()
    overdue = c.status in OPEN and c.due_at is not None and c.due_at < now
    return records.to_row(c, ContactRow, overdue=overdue, relay_to=relay_to)


def _message_row(m: MessageRelay) -> MessageRow:
    return records.to_row(m, MessageRow)


# ---------------------------------------------------------------- desk hours and defaults

def _desk_close(ctx: Context, day: date, session: Session | None = None) -> datetime:
    try:
        from app.core import calendar as _calendar

        return _calendar.load_calendar(ctx, session).desk_close(day)
    except ImportError:  # pragma: no cover - the calendar module ships with the complaints issue
        pass
    hours = settings.get(ctx, settings.DESK_HOURS.key) or settings.DESK_HOURS.default
    span = hours.get("weekend" if day.weekday() >= 5 else "weekday") or hours.get("weekday") or ["08:30", "18:00"]
    return datetime.combine(day, time.fromisoformat(str(span[1])))


def default_due_at(ctx: Context, at: datetime | None = None, *, session: Session | None = None) -> datetime:
    """要求完成时间 by default: the end of the desk hours of the day ``at`` (now) falls on,
    or of the next day when the desk has already closed."""
    at = at or ctx.now()
    close = _desk_close(ctx, at.date(), session)
    if at >= close:
        close = _desk_close(ctx, at.date() + timedelta(days=1), session)
    return close


def department_choices(ctx: Context) -> list[DepartmentChoice]:
    """Active departments in the site's order (the default list when none are set up)."""
    with ctx.read() as s:
        rows = s.execute(select(Department.name, Department.head)
                         .where(Department.site_code == ctx.site.code, Department.voided_at.is_(None),
                                Department.active.is_(True))
                         .order_by(Department.sort_order, Department.id)).all()
    if not rows:
        return [DepartmentChoice(n, None) for n in DEFAULT_DEPARTMENTS]
    return [DepartmentChoice(n, h) for n, h in rows]


def default_department(ctx: Context, category: str) -> str | None:
    mapping = settings.get(ctx, DEFAULT_DEPARTMENT_FOR.key) or {}
    return mapping.get(category)


def staff_names(ctx: Context) -> list[str]:
    """Display names of active staff (转告 recipients, 负责人)."""
    from app.core import users

    return users.staff_names(ctx)


def standard_phrases(ctx: Context) -> PhrasesData:
    """The call greeting with the logged-in receptionist's surname, and the standard phrases."""
    surname = ctx.actor.surname if ctx.actor else ""
    template = settings.get(ctx, GREETING.key) or GREETING.default
    try:
        greeting = str(template).format(surname=surname)
    except (KeyError, IndexError, ValueError):
        greeting = GREETING.default.format(surname=surname)
    phrases = settings.get(ctx, PHRASES.key) or PHRASES.default
    return PhrasesData(greeting, tuple(str(p) for p in phrases))


def guess_complaint_category(content: str | None) -> str:
    """A first guess of the complaint category from the words of the content."""
    text = content or ""
    for words, category in COMPLAINT_KEYWORDS:
        if any(w in text for w in words):
            return category
    return "其他"


# ---------------------------------------------------------------- validation

_FIELDS = ("method", "received_at", "phone", "unit_no", "name", "category", "content", "handling_mode",
           "handling", "completed_at", "department", "handler", "due_at")


def _clean(ctx: Context, data: dict[str, Any], *, session: Session | None = None,
           existing: ContactRecord | None = None) -> _Clean:
    """Check every field, collecting every error (the form shows them all at once)."""
    now = ctx.now()
    c = _Clean()
    c.take("method", v.choice, "方式", data.get("method"), ContactMethod, key="method")
    received = data.get("received_at")
    if received is None:
        received = existing.received_at if existing is not None else now
    received = c.take("received_at", v.when, "登记时间", received, required=True, now=now, key="received_at")
    if received is not None:
        try:
            v.not_in_future("登记时间", received, now, key="received_at")
        except ValidationError as exc:
            c.errors.append(exc)
            received = None
    c.take("phone", v.normalize_phone, data.get("phone"), key="phone")
    c.take("unit_no", v.normalize_unit, data.get("unit_no"), key="unit_no")
    c.take("name", v.text, "姓名", data.get("name"), required=True, max_len=v.NAME_MAX, key="name")
    category = c.take("category", v.choice, "类别", data.get("category"), ContactCategory, key="category")
    c.take("content", v.text, "内容", data.get("content"), required=True, max_len=v.CONTENT_MAX, key="content")
    mode = c.take("handling_mode", v.choice, "处理方式", data.get("handling_mode") or HandlingMode.ON_THE_SPOT,
                  HandlingMode, key="handling_mode")
    handling = c.take("handling", v.text, "处理情况", data.get("handling"), max_len=v.CONTENT_MAX, key="handling")
    completed = c.take("completed_at", v.when, "完成时间", data.get("completed_at"), now=now, key="completed_at")
    department = c.take("department", v.text, "转交部门", data.get("department"), max_len=50, key="department")
    c.take("handler", v.text, "负责人", data.get("handler"), max_len=v.NAME_MAX, key="handler")
    due = c.take("due_at", v.when, "要求完成时间", data.get("due_at"), now=now, key="due_at")

    if mode is HandlingMode.HANDED_OVER and not department and "department" in c.values:
        c.error("转交部门", "转交时必须选择部门", "department")
    if category is ContactCategory.COMPLAINT and not c.values.get("phone") and "phone" in c.values:
        c.error("联系电话", "投诉必须留联系电话（回访需要）", "phone")
    if category is ContactCategory.RELAY and existing is None:
        to = c.take("relay_to", v.text, "转告对象", data.get("relay_to"), required=True, max_len=v.NAME_MAX,
                    key="relay_to")
        if to is None and not any(e.key == "relay_to" for e in c.errors):
            c.error("转告对象", "必填，请填写转告给谁", "relay_to")
    if handling:
        completed = completed or now
        c.values["completed_at"] = completed
    elif completed is not None:
        c.error("处理情况", "填写完成时间时必须填写处理情况", "handling")
    if received is not None:
        if completed is not None and "completed_at" in c.values:
            if completed < received:
                c.error("完成时间", "不能早于登记时间", "completed_at")
            else:
                try:
                    v.not_in_future("完成时间", completed, now, key="completed_at")
                except ValidationError as exc:
                    c.errors.append(exc)
        if due is not None and due < received:
            c.error("要求完成时间", "不能早于登记时间", "due_at")
        if due is None and not handling and mode is not None:
            c.values["due_at"] = default_due_at(ctx, max(received, now) if received.date() == now.date()
                                                else received, session=session)
    return c


def validate_contact(ctx: Context, **data) -> list[ValidationError]:
    """Every error of a new record's input, in form order (for showing them all at once)."""
    return _clean(ctx, data).errors


def _status(values: dict[str, Any]) -> str:
    if values.get("handling"):
        return ContactStatus.DONE.value
    if values.get("handling_mode") is HandlingMode.HANDED_OVER:
        return ContactStatus.IN_PROGRESS.value
    return ContactStatus.PENDING.value


def _fields(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: values.get(k) for k in _FIELDS}
    for k in ("method", "category", "handling_mode"):
        if out[k] is not None:
            out[k] = out[k].value
    out["phone_digits"] = v.phone_digits(out["phone"]) or None
    if out["handling_mode"] != HandlingMode.HANDED_OVER.value:
        out["department"] = None
        out["handler"] = None
    return out


# ---------------------------------------------------------------- records

def create_contact(ctx: Context, *, method: ContactMethod | str, name: str, category: ContactCategory | str,
                   content: str, received_at: datetime | None = None, phone: str | None = None,
                   unit_no: str | None = None, handling_mode: HandlingMode | str = HandlingMode.ON_THE_SPOT,
                   handling: str | None = None, completed_at: datetime | None = None,
                   department: str | None = None, handler: str | None = None, due_at: datetime | None = None,
                   relay_to: str | None = None, complaint_category: str | None = None,
                   complaint_severity: ComplaintSeverity | str | None = None) -> ContactRow:
    """Record a visit, call or letter. 投诉 opens the linked complaint; 转告 creates the message."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记来访来电")
    data = dict(method=method, name=name, category=category, content=content, received_at=received_at,
                phone=phone, unit_no=unit_no, handling_mode=handling_mode, handling=handling,
                completed_at=completed_at, department=department, handler=handler, due_at=due_at,
                relay_to=relay_to)
    with ctx.unit_of_work() as s:
        cleaned = _clean(ctx, data, session=s)
        if cleaned.errors:
            raise cleaned.errors[0]
        values = cleaned.values
        fields = _fields(values)
        if fields["handling_mode"] == HandlingMode.HANDED_OVER.value and not fields["handler"]:
            fields["handler"] = _department_head(s, ctx, fields["department"])
        if not fields["handling"]:
            fields["completed_at"] = None
        contact = records.create(ctx, s, ContactRecord, status=_status(values), received_by=actor.name,
                                 action="登记", **fields)
        if contact.category == ContactCategory.COMPLAINT.value:
            _open_complaint(ctx, s, contact, complaint_category, complaint_severity)
        relay = None
        if contact.category == ContactCategory.RELAY.value:
            relay = records.create(ctx, s, MessageRelay, contact_uuid=contact.uuid, to_staff=values["relay_to"],
                                   from_person=contact.name, from_phone=contact.phone, message=contact.content,
                                   received_at=contact.received_at, status=RelayStatus.PENDING.value,
                                   action="登记转告")
        s.flush()
        return _row(ctx, contact, relay_to=relay.to_staff if relay else None)


def _open_complaint(ctx: Context, s: Session, contact: ContactRecord, category: str | None,
                    severity: ComplaintSeverity | str | None) -> None:
    from app import complaints

    complaints.open_from_contact(ctx, s, contact, category=category or guess_complaint_category(contact.content),
                                 severity=severity or ComplaintSeverity.NORMAL)


def _department_head(s: Session, ctx: Context, name: str | None) -> str | None:
    if not name:
        return None
    return s.scalar(select(Department.head).where(Department.site_code == ctx.site.code, Department.name == name,
                                                  Department.voided_at.is_(None)))


def _get(s: Session, ctx: Context, uuid: str) -> ContactRecord:
    contact = s.scalars(select(ContactRecord).where(ContactRecord.uuid == uuid,
                                                    ContactRecord.site_code == ctx.site.code)).first()
    if contact is None:
        raise NotFound(f"找不到来访来电记录（编号 {uuid}）")
    return contact


def update_contact(ctx: Context, uuid: str, *, expected_version: int, **changes) -> ContactRow:
    """Correct a record's details (方式, 时间, 电话, 房号, 姓名, 类别, 内容, 转交部门/负责人/要求完成时间).

    A completed record can only be corrected by a 客服主管 or above. Changing the category
    to 投诉 opens the complaint; a record that opened a complaint keeps the category 投诉.
    """
    actor = ctx.require_role(Role.RECEPTIONIST, "修改来访来电记录")
    allowed = set(_FIELDS) - {"handling", "completed_at"}
    unknown = set(changes) - allowed - {"complaint_category", "complaint_severity"}
    if unknown:
        raise ValidationError("修改", f"不能修改的字段：{', '.join(sorted(unknown))}")
    complaint_category = changes.pop("complaint_category", None)
    complaint_severity = changes.pop("complaint_severity", None)
    with ctx.unit_of_work() as s:
        contact = _get(s, ctx, uuid)
        records.check_version(contact, expected_version)
        if contact.is_void:
            raise ValidationError("状态", "记录已作废，不能修改")
        if contact.status == ContactStatus.DONE.value and not actor.at_least(Role.SUPERVISOR):
            raise InvalidTransition("记录已完成，只有客服主管及以上可以修改")
        data = {k: getattr(contact, k) for k in _FIELDS}
        data.update(changes)
        cleaned = _clean(ctx, data, session=s, existing=contact)
        if cleaned.errors:
            raise cleaned.errors[0]
        fields = _fields(cleaned.values)
        fields.pop("handling")
        fields.pop("completed_at")
        if contact.complaint_uuid and fields["category"] != ContactCategory.COMPLAINT.value:
            raise ValidationError("类别", "该记录已生成关联投诉，类别不能改为其他；如登记有误，请在投诉处理中作废该投诉",
                                  "category")
        if fields["handling_mode"] == HandlingMode.HANDED_OVER.value and not fields["handler"]:
            fields["handler"] = _department_head(s, ctx, fields["department"])
        if contact.status != ContactStatus.DONE.value:
            fields["status"] = (ContactStatus.IN_PROGRESS.value
                                if fields["handling_mode"] == HandlingMode.HANDED_OVER.value
                                else ContactStatus.PENDING.value)
        else:
            fields["due_at"] = contact.due_at if "due_at" not in changes else fields["due_at"]
        records.update(ctx, s, contact, fields, expected_version=expected_version)
        if contact.category == ContactCategory.COMPLAINT.value and not contact.complaint_uuid:
            _open_complaint(ctx, s, contact, complaint_category, complaint_severity)
            s.flush()
        return _row(ctx, contact)


def hand_over(ctx: Context, uuid: str, *, expected_version: int, department: str, handler: str | None = None,
              due_at: datetime | None = None) -> ContactRow:
    """转交: hand an open record to a department (状态 处理中)."""
    return update_contact(ctx, uuid, expected_version=expected_version, handling_mode=HandlingMode.HANDED_OVER,
                          department=department, handler=handler, due_at=due_at)


def complete_contact(ctx: Context, uuid: str, *, expected_version: int, handling: str,
                     completed_at: datetime | None = None) -> ContactRow:
    """Write 处理情况 and 完成时间: the record is 已完成. On a completed record this corrects
    them (客服主管 and above)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "填写处理情况")
    now = ctx.now()
    handling = v.text("处理情况", handling, required=True, max_len=v.CONTENT_MAX, key="handling")
    completed_at = v.when("完成时间", completed_at, now=now, key="completed_at") or now
    v.not_in_future("完成时间", completed_at, now, key="completed_at")
    with ctx.unit_of_work() as s:
        contact = _get(s, ctx, uuid)
        records.check_version(contact, expected_version)
        if contact.is_void:
            raise ValidationError("状态", "记录已作废，不能填写处理情况")
        if completed_at < contact.received_at:
            raise ValidationError("完成时间", "不能早于登记时间", "completed_at")
        action = "办结"
        if contact.status == ContactStatus.DONE.value:
            if not actor.at_least(Role.SUPERVISOR):
                raise InvalidTransition("记录已完成，只有客服主管及以上可以修改处理情况")
            action = "修改处理情况"
        records.update(ctx, s, contact, {"handling": handling, "completed_at": completed_at,
                                         "status": ContactStatus.DONE.value},
                       expected_version=expected_version, action=action)
        return _row(ctx, contact)


def void_contact(ctx: Context, uuid: str, *, expected_version: int, reason: str) -> ContactRow:
    """作废 with a reason (客服主管 and above). A pending 转告 message of the record is voided too;
    a linked complaint is not (it is voided on the complaints screen, with its own reason)."""
    ctx.require_role(Role.SUPERVISOR, "作废来访来电记录")
    with ctx.unit_of_work() as s:
        contact = _get(s, ctx, uuid)
        records.void(ctx, s, contact, reason, expected_version=expected_version)
        for m in s.scalars(select(MessageRelay).where(MessageRelay.contact_uuid == contact.uuid,
                                                      MessageRelay.status == RelayStatus.PENDING.value)):
            records.void(ctx, s, m, reason, expected_version=None)
        return _row(ctx, contact)


def get_contact(ctx: Context, uuid: str) -> ContactRow:
    with ctx.read() as s:
        contact = _get(s, ctx, uuid)
        relay = s.scalar(select(MessageRelay.to_staff).where(MessageRelay.contact_uuid == contact.uuid)
                         .order_by(MessageRelay.id))
        return _row(ctx, contact, relay_to=relay)


def contact_history(ctx: Context, uuid: str) -> list[records.HistoryRow]:
    """Who did what to the record, oldest first (with its 转告 message's events)."""
    rows = records.history(ctx, uuid)
    with ctx.read() as s:
        relays = list(s.scalars(select(MessageRelay.uuid).where(MessageRelay.contact_uuid == uuid)))
    for r in relays:
        rows.extend(records.history(ctx, r))
    return sorted(rows, key=lambda h: h.at)


# ---------------------------------------------------------------- lists

def _day_start(d: date) -> datetime:
    return datetime.combine(d, time())


def _conditions(ctx: Context, flt: ContactFilter, now: datetime) -> list:
    conds = [ContactRecord.site_code == ctx.site.code]
    if flt.statuses:
        conds.append(ContactRecord.status.in_(list(flt.statuses)))
    if flt.categories:
        conds.append(ContactRecord.category.in_(list(flt.categories)))
    if flt.methods:
        conds.append(ContactRecord.method.in_(list(flt.methods)))
    if flt.received_by:
        conds.append(ContactRecord.received_by == flt.received_by)
    if flt.overdue_only:
        conds.append(and_(ContactRecord.status.in_(OPEN), ContactRecord.due_at < now))
    return conds


def _bounds(flt: ContactFilter) -> tuple[datetime | None, datetime | None]:
    start = _day_start(flt.date_from) if flt.date_from else None
    end = _day_start(flt.date_to + timedelta(days=1)) if flt.date_to else None
    if start and end and start >= end:
        raise ValidationError("日期", "起始日期不能晚于结束日期", "date_from")
    return start, end


def today_filter(ctx: Context) -> ContactFilter:
    today = ctx.now().date()
    return ContactFilter(date_from=today, date_to=today)


def _relay_names(s: Session, contacts: list[ContactRecord]) -> dict[str, str]:
    uuids = [c.uuid for c in contacts if c.category == ContactCategory.RELAY.value]
    if not uuids:
        return {}
    return dict(s.execute(select(MessageRelay.contact_uuid, MessageRelay.to_staff)
                          .where(MessageRelay.contact_uuid.in_(uuids))).all())


def _page(ctx: Context, s: Session, contacts: list[ContactRecord], limit: int, count_before: int,
          cap: int | None = None, backend: str | None = None) -> ContactPage:
    now = ctx.now()
    more = len(contacts) > limit
    contacts = contacts[:limit]
    names = _relay_names(s, contacts)
    rows = tuple(_row(ctx, c, now, names.get(c.uuid)) for c in contacts)
    count = count_before + len(rows)
    capped = False
    cursor = None
    if more and rows:
        if cap is not None and count >= cap:
            capped = True
        else:
            cursor = Cursor(rows[-1].received_at, rows[-1].id, count)
    return ContactPage(rows, cursor, capped, backend)


def list_contacts(ctx: Context, flt: ContactFilter | None = None, *, after: Cursor | None = None,
                  limit: int = PAGE_SIZE) -> ContactPage:
    """One page of records, newest first (received time, then id). ``after`` continues a list."""
    flt = flt or today_filter(ctx)
    limit = max(1, min(int(limit), 1000))
    now = ctx.now()
    start, end = _bounds(flt)
    q = select(ContactRecord).where(*_conditions(ctx, flt, now))
    if start is not None:
        q = q.where(ContactRecord.received_at >= start)
    if end is not None:
        q = q.where(ContactRecord.received_at < end)
    if after is not None:
        q = q.where(or_(ContactRecord.received_at < after.received_at,
                        and_(ContactRecord.received_at == after.received_at, ContactRecord.id < after.id)))
    q = q.order_by(ContactRecord.received_at.desc(), ContactRecord.id.desc()).limit(limit + 1)
    with ctx.read() as s:
        return _page(ctx, s, list(s.scalars(q)), limit, after.count if after else 0)


def count_contacts(ctx: Context, flt: ContactFilter | None = None) -> int:
    flt = flt or today_filter(ctx)
    start, end = _bounds(flt)
    q = select(func.count()).select_from(ContactRecord).where(*_conditions(ctx, flt, ctx.now()))
    if start is not None:
        q = q.where(ContactRecord.received_at >= start)
    if end is not None:
        q = q.where(ContactRecord.received_at < end)
    with ctx.read() as s:
        return s.scalar(q) or 0


def search_contacts(ctx: Context, text: str, flt: ContactFilter | None = None, *, after: Cursor | None = None,
                    limit: int = SEARCH_PAGE) -> ContactPage:
    """Search all dates (or the filter's dates) by phone, unit, name or words of the content;
    newest first, in pages, stopping at the cap (setting reception.search_cap)."""
    ctx.require_actor()
    terms = search.parse(text)
    if not terms:
        return ContactPage((), None)
    flt = flt or ContactFilter()
    cap = int(settings.get(ctx, SEARCH_CAP.key) or SEARCH_CAP.default)
    count_before = after.count if after else 0
    limit = max(1, min(int(limit), cap - count_before)) if count_before < cap else 1
    start, end = _bounds(flt)
    with ctx.read() as s:
        kind = search.backend(s)
        found = search.find(s, terms, _conditions(ctx, flt, ctx.now()), date_from=start, date_to=end,
                            after=(after.received_at, after.id) if after else None, limit=limit + 1)
        return _page(ctx, s, found, limit, count_before, cap=cap, backend=kind)


def list_repair_requests(ctx: Context, *, include_done: bool = False, limit: int = 500) -> list[ContactRow]:
    """报修 records (not void), oldest first: the intake the repairs module turns into work
    orders. By default only the open ones (待处理 / 处理中)."""
    if include_done:
        q = select(ContactRecord).where(ContactRecord.site_code == ctx.site.code)
    else:
        q = _open_records(ctx.site.code)
    q = q.where(ContactRecord.category == ContactCategory.REPAIR.value, ContactRecord.voided_at.is_(None))
    q = q.order_by(ContactRecord.received_at, ContactRecord.id).limit(limit)
    with ctx.read() as s:
        now = ctx.now()
        return [_row(ctx, c, now) for c in s.scalars(q)]


def receptionists(ctx: Context, days: int = 31) -> list[str]:
    """接待人 names seen in the recent records and the active staff (for the list filter)."""
    since = ctx.now() - timedelta(days=days)
    with ctx.read() as s:
        seen = set(s.scalars(select(ContactRecord.received_by).where(ContactRecord.site_code == ctx.site.code,
                                                                     ContactRecord.received_at >= since)
                             .distinct()))
    try:
        seen.update(staff_names(ctx))
    except Exception:  # pragma: no cover - staff list is a convenience
        pass
    return sorted(seen)


def _open_records(site: str):
    """Open records (待处理/处理中) of the site, found through the status index: few rows
    however big the table is (the site code is wrapped so no planner prefers its index)."""
    return select(ContactRecord).where(func.coalesce(ContactRecord.site_code, "") == site,
                                       ContactRecord.status.in_(OPEN))


def nav_badge(ctx: Context) -> Badge | None:
    """Open records received today plus overdue ones; red when something is overdue."""
    now = ctx.now()
    start = _day_start(now.date())
    site = ctx.site.code
    with ctx.read() as s:
        rows = s.execute(_open_records(site).with_only_columns(ContactRecord.received_at, ContactRecord.due_at)).all()
        pending = s.scalar(select(func.count()).select_from(MessageRelay).where(
            MessageRelay.site_code == site, MessageRelay.status == RelayStatus.PENDING.value)) or 0
    open_today = sum(1 for received, _due in rows if received >= start)
    overdue = sum(1 for _received, due in rows if due is not None and due < now)
    overdue_old = sum(1 for received, due in rows if due is not None and due < now and received < start)
    count = open_today + overdue_old
    if not count and not pending:
        return None
    parts = [f"今日未办结 {open_today} 条"]
    if overdue:
        parts.append(f"已超时 {overdue} 条")
    if pending:
        parts.append(f"待转告 {pending} 条")
    return Badge(count, "red" if overdue else None, "，".join(parts))


def day_closing(ctx: Context, day: date | None = None) -> DayClosingData:
    """日结: the day's figures, its open items and records without 处理情况, older open
    records, and messages not yet passed on."""
    ctx.require_actor()
    now = ctx.now()
    day = day or now.date()
    start, end = _day_start(day), _day_start(day + timedelta(days=1))
    site = ctx.site.code
    with ctx.read() as s:
        todays = list(s.scalars(select(ContactRecord).where(
            ContactRecord.site_code == site, ContactRecord.received_at >= start, ContactRecord.received_at < end)
            .order_by(ContactRecord.received_at, ContactRecord.id)))
        older = sorted((c for c in s.scalars(_open_records(site)) if c.received_at < start),
                       key=lambda c: (c.received_at, c.id))[:500]
        pending = list(s.scalars(select(MessageRelay).where(
            MessageRelay.site_code == site, MessageRelay.status == RelayStatus.PENDING.value)
            .order_by(MessageRelay.received_at, MessageRelay.id)))
        live = [c for c in todays if not c.is_void]
        by_cat: dict[str, int] = {}
        for c in live:
            by_cat[c.category] = by_cat.get(c.category, 0) + 1
        order = [m.value for m in ContactCategory]
        return DayClosingData(
            day=day, total=len(live),
            completed=sum(1 for c in live if c.status == ContactStatus.DONE.value),
            by_category=tuple(sorted(by_cat.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)),
            open_items=tuple(_row(ctx, c, now) for c in live if c.status in OPEN),
            without_handling=tuple(_row(ctx, c, now) for c in live if not (c.handling or "").strip()),
            carried_over=tuple(_row(ctx, c, now) for c in older),
            pending_messages=tuple(_message_row(m) for m in pending),
        )


# ---------------------------------------------------------------- message relay (转告)

def create_message(ctx: Context, *, to_staff: str, message: str, from_person: str, from_phone: str | None = None,
                   received_at: datetime | None = None) -> MessageRow:
    """A message for a staff member who is absent (状态 待转告)."""
    ctx.require_role(Role.RECEPTIONIST, "登记转告")
    now = ctx.now()
    to_staff = v.text("转告对象", to_staff, required=True, max_len=v.NAME_MAX, key="to_staff")
    message = v.text("转告内容", message, required=True, max_len=v.CONTENT_MAX, key="message")
    from_person = v.text("来电/来访人", from_person, required=True, max_len=v.NAME_MAX, key="from_person")
    from_phone = v.normalize_phone(from_phone, key="from_phone")
    received_at = v.when("登记时间", received_at, now=now, key="received_at") or now
    v.not_in_future("登记时间", received_at, now, key="received_at")
    with ctx.unit_of_work() as s:
        m = records.create(ctx, s, MessageRelay, to_staff=to_staff, message=message, from_person=from_person,
                           from_phone=from_phone, received_at=received_at, status=RelayStatus.PENDING.value,
                           action="登记转告")
        return _message_row(m)


def _message(s: Session, ctx: Context, uuid: str) -> MessageRelay:
    m = s.scalars(select(MessageRelay).where(MessageRelay.uuid == uuid,
                                             MessageRelay.site_code == ctx.site.code)).first()
    if m is None:
        raise NotFound(f"找不到转告记录（编号 {uuid}）")
    return m


def mark_passed_on(ctx: Context, uuid: str, *, expected_version: int, at: datetime | None = None) -> MessageRow:
    """已转告, with the time it was passed on. The linked 转告 record is completed with it."""
    actor = ctx.require_role(Role.RECEPTIONIST, "标记已转告")
    now = ctx.now()
    at = v.when("转告时间", at, now=now, key="passed_on_at") or now
    v.not_in_future("转告时间", at, now, key="passed_on_at")
    with ctx.unit_of_work() as s:
        m = _message(s, ctx, uuid)
        records.check_version(m, expected_version)
        if m.is_void:
            raise ValidationError("状态", "转告已作废")
        if m.status == RelayStatus.PASSED_ON.value:
            raise InvalidTransition(f"该转告已于 {m.passed_on_at:%Y-%m-%d %H:%M} 由 {m.passed_on_by} 转告")
        if at < m.received_at:
            raise ValidationError("转告时间", "不能早于登记时间", "passed_on_at")
        records.update(ctx, s, m, {"status": RelayStatus.PASSED_ON.value, "passed_on_at": at,
                                   "passed_on_by": actor.name}, expected_version=expected_version, action="已转告")
        if m.contact_uuid:
            contact = s.scalars(select(ContactRecord).where(ContactRecord.uuid == m.contact_uuid)).first()
            if contact is not None and contact.status in OPEN:
                records.update(ctx, s, contact, {"handling": f"已转告{m.to_staff}", "completed_at": at,
                                                 "status": ContactStatus.DONE.value},
                               expected_version=None, action="办结", note="转告已送达")
        return _message_row(m)


def void_message(ctx: Context, uuid: str, *, expected_version: int, reason: str) -> MessageRow:
    ctx.require_role(Role.SUPERVISOR, "作废转告")
    with ctx.unit_of_work() as s:
        m = _message(s, ctx, uuid)
        records.void(ctx, s, m, reason, expected_version=expected_version)
        return _message_row(m)


def list_pending_messages(ctx: Context, to_staff: str | None = None) -> list[MessageRow]:
    """Messages not yet passed on, oldest first; for one staff member (display name) when given."""
    q = select(MessageRelay).where(MessageRelay.site_code == ctx.site.code,
                                   MessageRelay.status == RelayStatus.PENDING.value)
    if to_staff:
        q = q.where(MessageRelay.to_staff == to_staff.strip())
    with ctx.read() as s:
        return [_message_row(m) for m in s.scalars(q.order_by(MessageRelay.received_at, MessageRelay.id))]


def my_pending_messages(ctx: Context) -> list[MessageRow]:
    """The logged-in staff member's pending messages (shown after logging in)."""
    actor = ctx.require_actor()
    return list_pending_messages(ctx, actor.name)


def list_messages(ctx: Context, *, date_from: date | None = None, date_to: date | None = None,
                  include_passed: bool = True, limit: int = 500) -> list[MessageRow]:
    """Messages of a period (newest first); pending ones of any date are always included."""
    conds = [MessageRelay.site_code == ctx.site.code]
    period = []
    if date_from:
        period.append(MessageRelay.received_at >= _day_start(date_from))
    if date_to:
        period.append(MessageRelay.received_at < _day_start(date_to + timedelta(days=1)))
    pending = MessageRelay.status == RelayStatus.PENDING.value
    if include_passed:
        conds.append(or_(pending, and_(*period)) if period else True)
    else:
        conds.append(pending)
    q = select(MessageRelay).where(*conds).order_by(MessageRelay.received_at.desc(), MessageRelay.id.desc())
    with ctx.read() as s:
        return [_message_row(m) for m in s.scalars(q.limit(limit))]
