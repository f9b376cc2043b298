"""The site's move-in templates and settings: the checklist (each line says to whom it
applies: 全部 / 业主或受托人 / 受托人 / 租户 / 转售), the inspection (rooms × items), the
suggestion lists of the handover window, the required meters and keys, and the day limits.
Editing a template changes new handovers only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable


from app.core import settings
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.movein.vocab import Applies, ChecklistGroup, MeterKind


def _t(group: ChecklistGroup, item: str, required: bool = True, applies: Applies = Applies.ALL) -> dict:
    return {"group": group.value, "item": item, "required": required, "applies": applies.value}


_G = ChecklistGroup
_A = Applies
DEFAULT_CHECKLIST = [
    _t(_G.IDENTITY, "业主身份证件已核验", True, _A.OWNER_SIDE),
    _t(_G.IDENTITY, "受托人身份证件已核验", True, _A.PROXY),
    _t(_G.IDENTITY, "经公证的授权委托书已核验", True, _A.PROXY),
    _t(_G.IDENTITY, "双方身份证件复印件已留存", True, _A.PROXY),
    _t(_G.IDENTITY, "租户身份证件已核验", True, _A.TENANT),
    _t(_G.IDENTITY, "房屋租赁合同已核验", True, _A.TENANT),
    _t(_G.DOCUMENTS, "入伙通知书", True, _A.ALL),
    _t(_G.DOCUMENTS, "入伙手续书", True, _A.ALL),
    _t(_G.DOCUMENTS, "购房合同", True, _A.OWNER_SIDE),
    _t(_G.DOCUMENTS, "卖方资料（不动产权证书或过户资料）", True, _A.RESALE),
    _t(_G.AGREEMENTS, "业主临时管理规约", True, _A.OWNER_SIDE),
    _t(_G.AGREEMENTS, "住宅装修管理协议", True, _A.OWNER_SIDE),
    _t(_G.AGREEMENTS, "前期物业服务协议", True, _A.RESALE),
    _t(_G.AGREEMENTS, "租户管理服务协议书", True, _A.TENANT),
    _t(_G.ISSUED, "房屋验收单", True, _A.ALL),
    _t(_G.ISSUED, "业主手册", True, _A.ALL),
    _t(_G.ISSUED, "入住须知", True, _A.ALL),
    _t(_G.ISSUED, "管理费收缴协议", True, _A.OWNER_SIDE),
    _t(_G.ISSUED, "防火责任书", True, _A.ALL),
    _t(_G.ISSUED, "住宅质量保证书", True, _A.OWNER_SIDE),
    _t(_G.ISSUED, "住宅使用说明书", True, _A.OWNER_SIDE),
    _t(_G.ISSUED, "装修须知/指引", True, _A.ALL),
    _t(_G.ISSUED, "收费标准", True, _A.ALL),
]
COMMON_ITEMS = ["门窗", "墙面", "地面", "天花", "强弱电"]
DEFAULT_INSPECTION = [
    {"room": "入户", "items": ["入户门", "可视对讲", "强电箱", "弱电箱"]},
    {"room": "客厅", "items": COMMON_ITEMS},
    {"room": "卧室", "items": COMMON_ITEMS},
    {"room": "厨房", "items": COMMON_ITEMS + ["给排水", "燃气管道"]},
    {"room": "卫生间", "items": COMMON_ITEMS + ["给排水", "防水"]},
    {"room": "阳台", "items": ["门窗", "墙面", "地面", "给排水", "防水"]},
]

CHECKLIST = settings.define("movein.checklist", DEFAULT_CHECKLIST, "入伙清单模板（证件、资料、协议、发放物品）")
INSPECTION = settings.define("movein.inspection", DEFAULT_INSPECTION, "验房模板（房间 × 检查项）")
REQUIRED_METERS = settings.define("movein.required_meters",
                                  [MeterKind.WATER.value, MeterKind.ELECTRICITY.value], "入伙时必须抄录的表")
KEY_KINDS = settings.define("movein.key_kinds", ["入户门", "单元门", "信报箱", "车库", "门禁卡"], "钥匙种类")
REQUIRE_KEYS = settings.define("movein.require_keys", True, "交付时必须登记并签收钥匙")
FEE_ITEMS = settings.define("movein.fee_items", ["物业服务费", "装修保证金", "装修垃圾清运费", "水电预存款",
                                                 "车位管理费"], "入伙收费项目")
SERVICE_ITEMS = settings.define("movein.service_items", ["代办水电开户", "代办燃气开通", "代办宽带/有线电视",
                                                         "代办门禁卡", "代收快递"], "委托代办项目")
RESPONSIBLE = settings.define("movein.responsible_parties", ["施工单位", "开发商", "物业服务中心", "业主"],
                              "缺陷责任方")
ENTRY_DAYS = settings.define("movein.entry_days", 7, "业主资料须在交付后几天内录入")
DEFECT_DAYS = settings.define("movein.defect_days", 15, "缺陷默认整改天数")


@dataclass(frozen=True)
class TemplateItem:
    group: str
    item: str
    required: bool
    applies: str


@dataclass(frozen=True)
class RoomTemplate:
    room: str
    items: tuple[str, ...]


def checklist_template(ctx: Context) -> list[TemplateItem]:
    raw = settings.get(ctx, CHECKLIST.key) or DEFAULT_CHECKLIST
    return [TemplateItem(d["group"], d["item"], bool(d.get("required", True)), d.get("applies") or Applies.ALL.value)
            for d in raw]


def inspection_template(ctx: Context) -> list[RoomTemplate]:
    raw = settings.get(ctx, INSPECTION.key) or DEFAULT_INSPECTION
    return [RoomTemplate(d["room"], tuple(d["items"])) for d in raw]


def _validate_checklist(items: Iterable[TemplateItem | dict]) -> list[dict]:
    out, seen = [], set()
    for n, raw in enumerate(items, 1):
        d = raw if isinstance(raw, dict) else raw.__dict__
        label = f"第 {n} 行"
        group = v.choice(f"{label} 分组", d.get("group"), ChecklistGroup)
        item = v.text(f"{label} 项目", d.get("item"), required=True, max_len=100)
        applies = v.choice(f"{label} 适用", d.get("applies") or Applies.ALL.value, Applies)
        if (group.value, item) in seen:
            raise ValidationError(f"{label} 项目", f"“{item}”在“{group.value}”中重复")
        seen.add((group.value, item))
        out.append({"group": group.value, "item": item, "required": bool(d.get("required", True)),
                    "applies": applies.value})
    if not out:
        raise ValidationError("入伙清单模板", "至少需要一项")
    return out


def save_checklist_template(ctx: Context, items: Iterable[TemplateItem | dict]) -> list[TemplateItem]:
    """Replace the site's checklist template (客服主管 and above). Existing handovers keep their lists."""
    ctx.require_role(Role.SUPERVISOR, "修改入伙清单模板")
    settings.put(ctx, CHECKLIST.key, _validate_checklist(items))
    return checklist_template(ctx)


def _validate_inspection(rooms: Iterable[RoomTemplate | dict]) -> list[dict]:
    out, seen = [], set()
    for n, raw in enumerate(rooms, 1):
        d = raw if isinstance(raw, dict) else {"room": raw.room, "items": raw.items}
        room = v.text(f"第 {n} 个房间", d.get("room"), required=True, max_len=30)
        if room in seen:
            raise ValidationError(f"房间“{room}”", "重复")
        seen.add(room)
        items = []
        for item in d.get("items") or []:
            item = v.text(f"房间“{room}”的检查项", item, max_len=50)
            if item and item not in items:
                items.append(item)
        if not items:
            raise ValidationError(f"房间“{room}”", "至少需要一个检查项")
        out.append({"room": room, "items": items})
    if not out:
        raise ValidationError("验房模板", "至少需要一个房间")
    return out


def save_inspection_template(ctx: Context, rooms: Iterable[RoomTemplate | dict]) -> list[RoomTemplate]:
    ctx.require_role(Role.SUPERVISOR, "修改验房模板")
    settings.put(ctx, INSPECTION.key, _validate_inspection(rooms))
    return inspection_template(ctx)


def inspection_template_text(rooms: Iterable[RoomTemplate]) -> str:
    """One line per room: ``客厅：门窗、墙面、地面``."""
    return "\n".join(f"{r.room}：{'、'.join(r.items)}" for r in rooms)


def parse_inspection_template_text(text: str) -> list[RoomTemplate]:
    rooms = []
    for n, line in enumerate((text or "").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        room, sep, rest = re.sub(r"[:：]", "：", line).partition("：")
        if not sep:
            raise ValidationError(f"验房模板第 {n} 行", "应写成“房间：检查项、检查项”")
        items = tuple(i.strip() for i in re.split(r"[、,，;；/\s]+", rest) if i.strip())
        rooms.append(RoomTemplate(room.strip(), items))
    _validate_inspection(rooms)
    return rooms


def choices(ctx: Context) -> dict[str, Any]:
    """The site's suggestion lists for the window (key kinds, fee items, services, responsible parties,
    required meters) and the default rectification days."""
    return {
        "key_kinds": list(settings.get(ctx, KEY_KINDS.key) or []),
        "fee_items": list(settings.get(ctx, FEE_ITEMS.key) or []),
        "service_items": list(settings.get(ctx, SERVICE_ITEMS.key) or []),
        "responsible": list(settings.get(ctx, RESPONSIBLE.key) or []),
        "required_meters": list(settings.get(ctx, REQUIRED_METERS.key) or []),
        "defect_days": int(settings.get(ctx, DEFECT_DAYS.key) or 15),
    }
