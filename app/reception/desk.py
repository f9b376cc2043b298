"""What the desk offers while a record is typed: the default 要求完成时间 (end of the desk
hours), the departments and their heads, staff names, the call greeting and standard
phrases, a first guess of a complaint's category; and the settings behind them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import calendar, settings, users
from app.core.context import Context
from app.core.models import Department
from app.domain.enums import DEFAULT_DEPARTMENTS
from app.reception.vocab import ContactCategory

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
DEFAULT_DEPARTMENT_FOR = settings.define("reception.default_department",
                                         {ContactCategory.REPAIR.value: "工程部",
                                          ContactCategory.COMPLAINT.value: "客服部",
                                          ContactCategory.HELP.value: "安管部"},
                                         "各类别默认转交部门")

#: Words of the content that suggest a complaint category (first match wins).
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
#: The guess when no keyword matches.
OTHER_COMPLAINT_CATEGORY = "其他"


@dataclass(frozen=True)
class PhrasesData:
    greeting: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentChoice:
    name: str
    head: str | None


def _desk_close(ctx: Context, day: date, session: Session | None = None) -> datetime:
    return calendar.load_calendar(ctx, session).desk_close(day)


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


def department_head(s: Session, ctx: Context, name: str | None) -> str | None:
    """The 负责人 a record handed to this department gets when none is named."""
    if not name:
        return None
    return s.scalar(select(Department.head).where(Department.site_code == ctx.site.code, Department.name == name,
                                                  Department.voided_at.is_(None)))


def default_department(ctx: Context, category: str) -> str | None:
    """The department a record of this category is handed to by default (None: solved on the spot)."""
    mapping = settings.get(ctx, DEFAULT_DEPARTMENT_FOR.key) or {}
    return mapping.get(category)


def staff_names(ctx: Context) -> list[str]:
    """Display names of active staff (转告 recipients, 负责人)."""
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
    return OTHER_COMPLAINT_CATEGORY
