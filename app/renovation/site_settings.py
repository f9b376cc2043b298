"""The site's renovation settings: the editable lists (key checks, progress stages,
acceptance items), the permitted working hours, the notice defaults and the number prefixes."""

from __future__ import annotations

from typing import Iterable

from app.core import settings
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.renovation.vocab import CHECK_SEPARATOR

KEY_CHECKS = settings.define("renovation.key_checks", [
    "承重结构", "燃气管/表移位", "排烟道/排气道", "外立面/窗外护栏", "户门外移", "上下水/卫生间防水",
    "私拉电线", "动火无审批", "超时施工噪音", "垃圾乱堆", "无证人员",
], "装修巡查关键检查项")
PROGRESS_STAGES = settings.define("renovation.progress_stages", [
    "未开工", "剔凿", "水电", "泥瓦", "木工", "油漆", "安装", "收尾",
], "装修施工进度阶段")
ACCEPTANCE_ITEMS = settings.define("renovation.acceptance_items", [
    "承重结构无改动", "燃气管道及表具无移位", "排烟道/排气道完好", "外立面及窗外护栏无改变",
    "卫生间防水（闭水试验）合格", "电气线路规范", "公共部位无损坏", "装修垃圾已清运",
], "装修验收项目")
NOISE_HOURS = settings.define("renovation.noise_hours", {
    "workday": [["08:00", "12:00"], ["14:00", "18:00"]],
    "day_off": [],
}, "装修允许施工时间（工作日 / 休息日及节假日；休息日为空表示不得进行产生噪声的施工）")
NOTICE_DAYS = settings.define("renovation.notice_days", 3, "整改通知书默认整改期限（天）")
STALE_DAYS = settings.define("renovation.stale_days", 2, "装修巡查间隔提醒（天未巡查即标出）")
NOTICE_BASIS = settings.define(
    "renovation.notice_basis",
    "《住宅室内装饰装修管理办法》（建设部令第110号）、《住宅装修管理协议》及本小区管理规约",
    "整改通知书默认依据")
NOTICE_REQUIREMENT = settings.define(
    "renovation.notice_requirement",
    "立即停止违规施工，在整改期限内恢复原状或按规定整改完毕，并通知物业服务中心复查。",
    "整改通知书默认整改要求")
PERMIT_PREFIX = settings.define("renovation.permit_prefix", "ZX", "装修许可证号前缀")
NOTICE_PREFIX = settings.define("renovation.notice_prefix", "ZG", "整改通知书编号前缀")

_LIST_LABELS = {KEY_CHECKS.key: "关键检查项", PROGRESS_STAGES.key: "施工进度", ACCEPTANCE_ITEMS.key: "验收项目"}


def key_checks(ctx: Context) -> list[str]:
    return [str(c) for c in settings.get(ctx, KEY_CHECKS.key) or []]


def progress_stages(ctx: Context) -> list[str]:
    return [str(c) for c in settings.get(ctx, PROGRESS_STAGES.key) or []]


def acceptance_items(ctx: Context) -> list[str]:
    return [str(c) for c in settings.get(ctx, ACCEPTANCE_ITEMS.key) or []]


def notice_days(ctx: Context) -> int:
    """Days a rectification notice gives by default (and a new deadline after an escalation)."""
    return int(settings.get(ctx, NOTICE_DAYS.key) or 3)


def stale_days(ctx: Context) -> int:
    """Days without a visit after which a unit on the round is flagged."""
    return int(settings.get(ctx, STALE_DAYS.key) or 2)


def notice_basis(ctx: Context) -> str:
    """The default 依据 printed on a rectification notice."""
    return str(settings.get(ctx, NOTICE_BASIS.key) or "")


def notice_requirement(ctx: Context) -> str:
    """The default 整改要求 of a rectification notice."""
    return str(settings.get(ctx, NOTICE_REQUIREMENT.key) or NOTICE_REQUIREMENT.default)


def noise_hours(ctx: Context) -> dict:
    """The permitted working hours: ``{"workday": [["08:00", "12:00"], …], "day_off": […]}``."""
    return settings.get(ctx, NOISE_HOURS.key) or {}


def permit_prefix(ctx: Context) -> str:
    return str(settings.get(ctx, PERMIT_PREFIX.key) or PERMIT_PREFIX.default)


def notice_prefix(ctx: Context) -> str:
    return str(settings.get(ctx, NOTICE_PREFIX.key) or NOTICE_PREFIX.default)


def put_list_setting(ctx: Context, key: str, values: Iterable[str]) -> list[str]:
    """Store one of the editable lists (key checks, progress stages, acceptance items); 客服主管+."""
    ctx.require_role(Role.SUPERVISOR, "修改装修设置")
    if key not in _LIST_LABELS:
        raise ValidationError("设置", f"未知的设置项 {key}")
    label = _LIST_LABELS[key]
    out: list[str] = []
    for item in values:
        item = v.text(label, item, max_len=30)
        if item is None:
            continue
        if CHECK_SEPARATOR in item:
            raise ValidationError(label, f"“{item}”不能包含“{CHECK_SEPARATOR}”")
        if item not in out:
            out.append(item)
    if not out:
        raise ValidationError(label, "至少需要一项")
    settings.put(ctx, key, out)
    return out
