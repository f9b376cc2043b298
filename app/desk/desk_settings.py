"""The desk services' site settings: the item register, the price list, the memo and
application deadlines, how many tries make a household unreachable.

The item register and the price list are lists a 客服主管 edits (every change is in the
history as a setting change); a loan or a service order keeps a copy of the item's terms or the
price it was sold at, so a later change never rewrites past money.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import settings
from app.core.context import Context
from app.desk.rules import check_fen
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError

ITEMS = settings.define("desk.items", [
    {"number": "TZ-01", "name": "人字梯", "deposit_fen": 10000, "free_minutes": 60, "rate_fen": 500},
    {"number": "TZ-02", "name": "人字梯", "deposit_fen": 10000, "free_minutes": 60, "rate_fen": 500},
    {"number": "TC-01", "name": "小推车", "deposit_fen": 5000, "free_minutes": 60, "rate_fen": 300},
    {"number": "TC-02", "name": "小推车", "deposit_fen": 5000, "free_minutes": 60, "rate_fen": 300},
], "借用物品登记（编号、名称、押金、免费时长、超时每小时收费）")
PRICES = settings.define("desk.prices", [
    {"name": "开锁", "unit": "次", "price_fen": 5000},
    {"name": "疏通下水道", "unit": "次", "price_fen": 8000},
    {"name": "更换水龙头（不含材料）", "unit": "个", "price_fen": 3000},
    {"name": "更换灯具（不含材料）", "unit": "个", "price_fen": 2000},
    {"name": "家政保洁", "unit": "小时", "price_fen": 4000},
], "有偿服务价目表（项目、单位、单价）")
MEMO_MINUTES = settings.define("desk.memo_minutes", 60, "内部工作联系函：征询后多少分钟内发出")
APPLICATION_DAYS = settings.define("desk.application_days", 1, "服务申请单：几个工作日内交还申请人")
CONFIRM_TRIES = settings.define("desk.confirm_tries", 3, "重要告知：联系几次未果记为无法联系")


@dataclass(frozen=True)
class ItemData:
    """One item of the register (借用物品)."""

    number: str
    name: str
    deposit_fen: int
    free_minutes: int = 60
    rate_fen: int = 0


@dataclass(frozen=True)
class PriceData:
    """One line of the price list (有偿服务价目表)."""

    name: str
    unit: str
    price_fen: int


def items(ctx: Context) -> list[ItemData]:
    return [ItemData(str(i["number"]), str(i["name"]), int(i["deposit_fen"]), int(i.get("free_minutes", 60)),
                     int(i.get("rate_fen", 0))) for i in settings.get(ctx, ITEMS) or []]


def find_item(ctx: Context, number: str) -> ItemData:
    code = v.text("物品编号", number, required=True, max_len=30, key="item_no")
    for item in items(ctx):
        if item.number.upper() == code.upper():
            return item
    raise ValidationError("物品编号", f"借用物品登记中没有编号为“{code}”的物品", "item_no")


def put_items(ctx: Context, rows: list[ItemData]) -> list[ItemData]:
    """Replace the item register (客服主管 and above)."""
    ctx.require_role(Role.SUPERVISOR, "修改借用物品登记")
    seen, out = set(), []
    for i, r in enumerate(rows, 1):
        number = v.text(f"第{i}行 编号", r.number, required=True, max_len=30)
        if number.upper() in seen:
            raise ValidationError(f"第{i}行 编号", f"编号“{number}”重复")
        seen.add(number.upper())
        name = v.text(f"第{i}行 名称", r.name, required=True, max_len=50)
        minutes = int(r.free_minutes)
        if not 0 <= minutes <= 24 * 60:
            raise ValidationError(f"第{i}行 免费时长", "应在 0 到 1440 分钟之间")
        out.append({"number": number, "name": name, "deposit_fen": check_fen(f"第{i}行 押金", r.deposit_fen),
                    "free_minutes": minutes, "rate_fen": check_fen(f"第{i}行 每小时收费", r.rate_fen)})
    settings.put(ctx, ITEMS.key, out)
    return items(ctx)


def prices(ctx: Context) -> list[PriceData]:
    return [PriceData(str(p["name"]), str(p.get("unit") or "次"), int(p["price_fen"]))
            for p in settings.get(ctx, PRICES) or []]


def find_price(ctx: Context, name: str) -> PriceData:
    name = v.text("服务项目", name, required=True, max_len=50, key="service")
    for p in prices(ctx):
        if p.name == name:
            return p
    raise ValidationError("服务项目", f"“{name}”不在有偿服务价目表中，请按价目表收费", "service")


def put_prices(ctx: Context, rows: list[PriceData]) -> list[PriceData]:
    """Replace the price list (客服主管 and above)."""
    ctx.require_role(Role.SUPERVISOR, "修改有偿服务价目表")
    seen, out = set(), []
    for i, r in enumerate(rows, 1):
        name = v.text(f"第{i}行 项目", r.name, required=True, max_len=50)
        if name in seen:
            raise ValidationError(f"第{i}行 项目", f"项目“{name}”重复")
        seen.add(name)
        unit = v.text(f"第{i}行 单位", r.unit, max_len=10) or "次"
        out.append({"name": name, "unit": unit, "price_fen": check_fen(f"第{i}行 单价", r.price_fen)})
    settings.put(ctx, PRICES.key, out)
    return prices(ctx)


def memo_minutes(ctx: Context) -> int:
    return int(settings.get(ctx, MEMO_MINUTES) or 60)


def application_days(ctx: Context) -> int:
    return int(settings.get(ctx, APPLICATION_DAYS) or 1)


def confirm_tries(ctx: Context) -> int:
    return int(settings.get(ctx, CONFIRM_TRIES) or 3)



def put_deadlines(ctx: Context, *, memo: int, application: int, tries: int) -> None:
    """The memo's minutes, the application's working days, the tries before unreachable (客服主管+)."""
    ctx.require_role(Role.SUPERVISOR, "修改前台服务时限")
    for label, value, low, high in (("联系函时限（分钟）", memo, 5, 24 * 60), ("申请单交还（工作日）", application, 1, 10),
                                    ("联系次数", tries, 1, 10)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(label, f"应为 {low} 到 {high} 之间的整数")
    settings.put(ctx, MEMO_MINUTES.key, memo)
    settings.put(ctx, APPLICATION_DAYS.key, application)
    settings.put(ctx, CONFIRM_TRIES.key, tries)
