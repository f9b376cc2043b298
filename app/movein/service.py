"""Move-in handover (入伙交付). See domain.md §5.

A handover of one unit goes through the steps the desk follows on a handover day:
the receiving party (业主 / 受托人 / 租户) and the ID checks, documents checked,
agreements signed, items issued and signed for, fees and entrusted services, meter
readings, keys, the joint inspection (验房) and the result: 已交付, or 需整改 with a
deadline, then defects rectified and re-inspected, then 已交付.

The checklist and the inspection (rooms × items) come from editable per-site
templates (settings ``movein.checklist`` and ``movein.inspection``). Each checklist
line says to whom it applies (全部 / 业主或受托人 / 受托人 / 租户 / 转售), so a tenant's
handover asks for 租户管理服务协议书 and not the owner's agreements, a resale for
前期物业服务协议, a proxy for the notarised power of attorney and both IDs.

Every step is one service call and one entry in the handover's history
(``records.history(handover_uuid)``), whose action names the step.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.db.base import new_uuid
from app.core.models import Building, Resident, Unit, UnitResident
from app.movein.models import (
    Appointment,
    Defect,
    EntrustedService,
    Handover,
    HandoverFee,
    HandoverItem,
    HandoverKey,
    InspectionItem,
    MeterReading,
)
from app.domain import validate as v
from app.domain.enums import ResidentRole, Role
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.core import records, settings
from app.core.badges import Badge
from app.core.context import Context


# ---------------------------------------------------------------- value words

class HandoverMode(StrEnum):
    BATCH = "集中交付"
    REGULAR = "平常交付"


class PartyKind(StrEnum):
    OWNER = "业主"
    PROXY = "受托人"
    TENANT = "租户"


class HandoverStatus(StrEnum):
    IN_PROGRESS = "办理中"
    NEEDS_RECTIFICATION = "需整改"
    DELIVERED = "已交付"
    VOID = "已作废"


class UnitStatus(StrEnum):
    """A unit's place in the building overview."""

    NOT_DELIVERED = "未交付"
    IN_PROGRESS = "办理中"
    NEEDS_RECTIFICATION = "需整改"
    DELIVERED = "已交付"


class ItemStatus(StrEnum):
    OPEN = "未完成"
    DONE = "已完成"
    NOT_APPLICABLE = "不适用"


class ChecklistGroup(StrEnum):
    IDENTITY = "证件核验"
    DOCUMENTS = "资料查验"
    AGREEMENTS = "协议签署"
    ISSUED = "资料发放"


class Applies(StrEnum):
    """To whom a checklist line applies."""

    ALL = "全部"
    OWNER_SIDE = "业主或受托人"
    PROXY = "受托人"
    TENANT = "租户"
    RESALE = "转售"


class InspectionResult(StrEnum):
    UNCHECKED = "未查"
    PASSED = "合格"
    FAILED = "不合格"
    NOT_APPLICABLE = "不适用"


class DefectSeverity(StrEnum):
    SERIOUS = "严重"
    NORMAL = "一般"
    MINOR = "轻微"


class DefectStatus(StrEnum):
    REGISTERED = "已登记"
    RECTIFYING = "整改中"
    AWAITING_REINSPECTION = "待复验"
    CLOSED = "已销项"
    CANCELLED = "已取消"


OPEN_DEFECT = (DefectStatus.REGISTERED.value, DefectStatus.RECTIFYING.value,
               DefectStatus.AWAITING_REINSPECTION.value)
OPEN_HANDOVER = (HandoverStatus.IN_PROGRESS.value, HandoverStatus.NEEDS_RECTIFICATION.value)


class MeterKind(StrEnum):
    WATER = "水"
    ELECTRICITY = "电"
    GAS = "燃气"


class AppointmentStatus(StrEnum):
    BOOKED = "已预约"
    DONE = "已办理"
    NO_SHOW = "未到"
    CANCELLED = "已取消"


#: The steps of the handover window, in order: (key, title).
STEPS: list[tuple[str, str]] = [
    ("party", "接收人"),
    ("identity", "证件核验"),
    ("documents", "资料查验"),
    ("agreements", "协议签署"),
    ("issued", "资料发放"),
    ("fees", "收费与代办"),
    ("meters", "水电燃气表"),
    ("keys", "钥匙"),
    ("inspection", "验房"),
    ("result", "交付结果"),
]
GROUP_STEP = {
    ChecklistGroup.IDENTITY.value: "identity",
    ChecklistGroup.DOCUMENTS.value: "documents",
    ChecklistGroup.AGREEMENTS.value: "agreements",
    ChecklistGroup.ISSUED.value: "issued",
}

# ---------------------------------------------------------------- settings (templates)

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
_COMMON = ["门窗", "墙面", "地面", "天花", "强弱电"]
DEFAULT_INSPECTION = [
    {"room": "入户", "items": ["入户门", "可视对讲", "强电箱", "弱电箱"]},
    {"room": "客厅", "items": _COMMON},
    {"room": "卧室", "items": _COMMON},
    {"room": "厨房", "items": _COMMON + ["给排水", "燃气管道"]},
    {"room": "卫生间", "items": _COMMON + ["给排水", "防水"]},
    {"room": "阳台", "items": ["门窗", "墙面", "地面", "给排水", "防水"]},
]

CHECKLIST = settings.define("movein.checklist", DEFAULT_CHECKLIST, "入伙清单模板（证件、资料、协议、发放物品）")
INSPECTION = settings.define("movein.inspection", DEFAULT_INSPECTION, "验房模板（房间 × 检查项）")
REQUIRED_METERS = settings.define("movein.required_meters", ["水", "电"], "入伙时必须抄录的表")
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


# ---------------------------------------------------------------- rows

@dataclass(frozen=True)
class ChecklistItemRow:
    id: int
    uuid: str
    group: str
    item: str
    required: bool
    applies: str
    applicable: bool
    status: str
    done_by: str | None
    done_at: datetime | None
    note: str | None


@dataclass(frozen=True)
class FeeRow:
    id: int
    uuid: str
    item: str
    amount: Decimal
    receipt_no: str | None
    note: str | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class ServiceRow:
    id: int
    uuid: str
    item: str
    detail: str | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class MeterRow:
    id: int
    uuid: str
    kind: str
    meter_no: str
    reading: float
    read_on: date
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class KeyRow:
    id: int
    uuid: str
    kind: str
    count: int
    signed: bool
    signed_at: datetime | None
    created_by: str


@dataclass(frozen=True)
class InspectionRow:
    id: int
    uuid: str
    room: str
    item: str
    result: str
    checked_by: str | None
    checked_at: datetime | None
    open_defects: int


@dataclass(frozen=True)
class DefectRow:
    id: int
    uuid: str
    version: int
    handover_uuid: str
    unit_no: str
    room: str
    item: str
    description: str
    severity: str
    responsible: str | None
    deadline: date | None
    status: str
    reinspected_at: datetime | None
    reinspected_by: str | None
    photos: tuple[str, ...]
    note: str | None
    created_at: datetime
    created_by: str
    overdue: bool


@dataclass(frozen=True)
class MissingItem:
    """Something still required before the handover can be completed; ``step`` is a key of STEPS."""

    step: str
    text: str


@dataclass(frozen=True)
class HandoverRow:
    uuid: str
    version: int
    unit_no: str
    mode: str
    party_kind: str
    receiver_name: str
    owner_name: str | None
    handover_at: datetime
    status: str
    rectify_deadline: date | None
    handled_by: str
    completed_at: datetime | None
    completed_by: str | None
    late_entry: bool
    late_entry_at: datetime | None
    late_reviewed_at: datetime | None
    late_reviewed_by: str | None
    defects: int
    open_defects: int
    water_reading: float | None
    electricity_reading: float | None
    gas_reading: float | None
    keys_text: str | None
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class HandoverData:
    """Everything about one handover, for the window, the form and the checks."""

    uuid: str
    version: int
    unit_no: str
    mode: str
    party_kind: str
    receiver_name: str
    receiver_phone: str | None
    owner_name: str | None
    owner_phone: str | None
    is_resale: bool
    handover_at: datetime
    appointment_uuid: str | None
    status: str
    rectify_deadline: date | None
    handled_by: str
    completed_at: datetime | None
    completed_by: str | None
    late_entry: bool
    late_entry_at: datetime | None
    late_reviewed_at: datetime | None
    late_reviewed_by: str | None
    late_review_note: str | None
    note: str | None
    void_reason: str | None
    water_reading: float | None  # the 入伙 sheet's summary (latest reading of each kind)
    electricity_reading: float | None
    gas_reading: float | None
    keys_text: str | None  # 入户门×3；信报箱×1
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    checklist: tuple[ChecklistItemRow, ...]
    fees: tuple[FeeRow, ...]
    fee_total: Decimal
    services: tuple[ServiceRow, ...]
    meters: tuple[MeterRow, ...]
    keys: tuple[KeyRow, ...]
    inspection: tuple[InspectionRow, ...]
    defects: tuple[DefectRow, ...]
    missing: tuple[MissingItem, ...]

    @property
    def open_defects(self) -> tuple[DefectRow, ...]:
        return tuple(d for d in self.defects if d.status in OPEN_DEFECT)

    @property
    def principal(self) -> str | None:
        """委托人: the owner when someone else receives the unit."""
        return self.owner_name if self.party_kind != PartyKind.OWNER.value else None

    def items_of(self, group: str, *, applicable_only: bool = True) -> tuple[ChecklistItemRow, ...]:
        return tuple(i for i in self.checklist if i.group == group and (i.applicable or not applicable_only))

    def latest_reading(self, kind: str) -> MeterRow | None:
        rows = [m for m in self.meters if m.kind == kind]
        return max(rows, key=lambda m: (m.read_on, m.id)) if rows else None

    def missing_for(self, step: str) -> tuple[MissingItem, ...]:
        return tuple(m for m in self.missing if m.step == step)


def keys_text(keys: Iterable[KeyRow]) -> str:
    """``入户门×3；信报箱×1`` (the workbook's 钥匙 column)."""
    return "；".join(f"{k.kind}×{k.count}" for k in keys)


@dataclass(frozen=True)
class AppointmentRow:
    uuid: str
    version: int
    unit_no: str
    at: datetime
    name: str
    phone: str | None
    party_kind: str
    mode: str
    status: str
    handover_uuid: str | None
    handover_status: str | None
    note: str | None


@dataclass(frozen=True)
class UnitCell:
    """One unit in the building overview."""

    unit_no: str
    entrance: str | None
    room: str
    floor: str
    position: str
    status: str
    handover_uuid: str | None
    receiver: str | None
    open_defects: int
    overdue_defects: int


@dataclass(frozen=True)
class BuildingOverviewData:
    building: str
    cells: tuple[UnitCell, ...]
    counts: dict[str, int]  # per UnitStatus value, in that order
    open_defects: int


class HandoverIncomplete(InvalidTransition):
    """The handover cannot be completed: ``missing`` lists what is still required."""

    def __init__(self, action: str, missing: list[MissingItem]):
        lines = "；".join(m.text for m in missing)
        super().__init__(f"不能{action}，以下必需项尚未完成：{lines}")
        self.missing = missing


# ---------------------------------------------------------------- helpers

def _party_applies(applies: str, party_kind: str, is_resale: bool) -> bool:
    if applies == Applies.ALL.value:
        return True
    if applies == Applies.OWNER_SIDE.value:
        return party_kind in (PartyKind.OWNER.value, PartyKind.PROXY.value)
    if applies == Applies.PROXY.value:
        return party_kind == PartyKind.PROXY.value
    if applies == Applies.TENANT.value:
        return party_kind == PartyKind.TENANT.value
    if applies == Applies.RESALE.value:
        return is_resale and party_kind != PartyKind.TENANT.value
    return True


def _today(ctx: Context) -> date:
    return ctx.now().date()


def _bare(ctx: Context, model, **fields):
    """A child record filled from a template: the handover's own audit entry covers it."""
    actor = ctx.require_actor()
    now = ctx.now()
    return model(uuid=new_uuid(), site_code=ctx.site.code, created_at=now, created_by=actor.name,
                 updated_at=now, updated_by=actor.name, **fields)


def _get(s: Session, ctx: Context, uuid: str) -> Handover:
    h = s.scalars(select(Handover).where(Handover.uuid == uuid, Handover.site_code == ctx.site.code)).first()
    if h is None:
        raise NotFound(f"找不到入伙记录（编号 {uuid}）")
    return h


def _child(s: Session, model, h: Handover, child_id: int, label: str):
    obj = s.get(model, child_id)
    if obj is None or obj.handover_id != h.id or obj.voided_at is not None:
        raise NotFound(f"找不到该{label}（#{child_id}）")
    return obj


def _entry_deadline(ctx: Context, h: Handover) -> date:
    return h.handover_at.date() + timedelta(days=int(settings.get(ctx, ENTRY_DAYS.key) or 7))


def _require_open(h: Handover, action: str) -> None:
    if h.is_void:
        raise InvalidTransition(f"入伙记录已作废，不能{action}")
    if h.status == HandoverStatus.DELIVERED.value:
        raise InvalidTransition(f"{h.unit_no} 已交付，不能{action}")


def _touch(ctx: Context, s: Session, h: Handover, action: str, note: str | None, *,
           changes: dict[str, Any] | None = None, expected_version: int | None = None,
           data_entry: bool = True) -> None:
    """Record one step on the handover: bump its version, flag a late entry, audit it."""
    changes = dict(changes or {})
    if data_entry and not h.late_entry and _today(ctx) > _entry_deadline(ctx, h):
        changes["late_entry"] = True
        changes["late_entry_at"] = ctx.now()
    records.check_version(h, expected_version)
    flag_modified(h, "updated_at")  # the version grows even within the same second
    records.update(ctx, s, h, changes, expected_version=None, action=action, note=note or action)


_READING_ATTR = {MeterKind.WATER.value: "water_reading", MeterKind.ELECTRICITY.value: "electricity_reading",
                 MeterKind.GAS.value: "gas_reading"}


def _summary(s: Session, h: Handover) -> dict[str, Any]:
    """The 入伙 sheet's readings and keys, from the handover's current lines."""
    _, _, _, meters, keys, _, _ = _load(s, h)
    out: dict[str, Any] = {attr: None for attr in _READING_ATTR.values()}
    for m in meters:  # ordered by date: the last one wins
        out[_READING_ATTR[m.kind]] = m.reading
    out["keys_text"] = keys_text(records.to_row(k, KeyRow) for k in keys) or None
    return out


def _defect_row(d: Defect, handover_uuid: str, today: date) -> DefectRow:
    return records.to_row(d, DefectRow, handover_uuid=handover_uuid, photos=tuple(d.photos or ()),
                          overdue=bool(d.status in OPEN_DEFECT and d.deadline and d.deadline < today))


def _missing(ctx: Context, h: Handover, items, meters, keys, inspection, defects, *,
             include_defects: bool = True) -> list[MissingItem]:
    out: list[MissingItem] = []
    for i in items:
        if i.required and i.status == ItemStatus.OPEN.value and _party_applies(i.applies, h.party_kind, h.is_resale):
            out.append(MissingItem(GROUP_STEP.get(i.group_name, "identity"), f"{i.group_name}：{i.item}"))
    kinds = {m.kind for m in meters}
    # A handover imported from a workbook has only the summary columns.
    kinds |= {kind for kind, attr in _READING_ATTR.items() if getattr(h, attr) is not None}
    for kind in settings.get(ctx, REQUIRED_METERS.key) or []:
        if kind not in kinds:
            out.append(MissingItem("meters", f"抄表：{kind}表读数未录入"))
    if settings.get(ctx, REQUIRE_KEYS.key):
        if not keys and not h.keys_text:
            out.append(MissingItem("keys", "钥匙：未登记交付的钥匙"))
        for k in keys:
            if not k.signed:
                out.append(MissingItem("keys", f"钥匙：{k.kind}钥匙未签收"))
    unchecked = [f"{i.room}/{i.item}" for i in inspection if i.result == InspectionResult.UNCHECKED.value]
    if unchecked:
        more = "等" if len(unchecked) > 6 else ""
        out.append(MissingItem("inspection", f"验房：{len(unchecked)} 项未检查（{'、'.join(unchecked[:6])}{more}）"))
    if include_defects:
        open_ = [d for d in defects if d.status in OPEN_DEFECT]
        if open_:
            names = "、".join(f"{d.room}/{d.item}（{d.status}）" for d in open_[:6])
            out.append(MissingItem("result", f"缺陷：{len(open_)} 项未销项（{names}）"))
    return out


def _load(s: Session, h: Handover):
    def q(model, order):
        return s.scalars(select(model).where(model.handover_id == h.id, model.voided_at.is_(None))
                         .order_by(*order)).all()

    items = q(HandoverItem, (HandoverItem.sort_order, HandoverItem.id))
    fees = q(HandoverFee, (HandoverFee.id,))
    services = q(EntrustedService, (EntrustedService.id,))
    meters = q(MeterReading, (MeterReading.read_on, MeterReading.id))
    keys = q(HandoverKey, (HandoverKey.id,))
    inspection = q(InspectionItem, (InspectionItem.sort_order, InspectionItem.id))
    defects = q(Defect, (Defect.id,))
    return items, fees, services, meters, keys, inspection, defects


def _data(ctx: Context, s: Session, h: Handover) -> HandoverData:
    items, fees, services, meters, keys, inspection, defects = _load(s, h)
    today = _today(ctx)
    open_by_insp: dict[int, int] = {}
    for d in defects:
        if d.inspection_id and d.status in OPEN_DEFECT:
            open_by_insp[d.inspection_id] = open_by_insp.get(d.inspection_id, 0) + 1
    missing = [] if h.status not in OPEN_HANDOVER or h.is_void else _missing(
        ctx, h, items, meters, keys, inspection, defects)
    fee_rows = tuple(FeeRow(f.id, f.uuid, f.item, (Decimal(f.amount_cents) / 100).quantize(Decimal("0.01")),
                            f.receipt_no, f.note,
                            f.created_by, f.created_at) for f in fees)
    return records.to_row(
        h, HandoverData,
        checklist=tuple(ChecklistItemRow(i.id, i.uuid, i.group_name, i.item, i.required, i.applies,
                                         _party_applies(i.applies, h.party_kind, h.is_resale), i.status,
                                         i.done_by, i.done_at, i.note) for i in items),
        fees=fee_rows,
        fee_total=sum((f.amount for f in fee_rows), Decimal("0.00")).quantize(Decimal("0.01")),
        services=tuple(records.to_row(x, ServiceRow) for x in services),
        meters=tuple(records.to_row(m, MeterRow) for m in meters),
        keys=tuple(records.to_row(k, KeyRow) for k in keys),
        inspection=tuple(records.to_row(i, InspectionRow, open_defects=open_by_insp.get(i.id, 0))
                         for i in inspection),
        defects=tuple(_defect_row(d, h.uuid, today) for d in defects),
        missing=tuple(missing),
    )


def _handover_row(h: Handover, defects: int, open_defects: int) -> HandoverRow:
    return records.to_row(h, HandoverRow, defects=defects, open_defects=open_defects)


def _defect_counts(s: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    if not ids:
        return {}
    out: dict[int, tuple[int, int]] = {}
    rows = s.execute(select(Defect.handover_id, Defect.status, func.count())
                     .where(Defect.handover_id.in_(ids), Defect.voided_at.is_(None))
                     .group_by(Defect.handover_id, Defect.status)).all()
    for hid, status, n in rows:
        total, open_ = out.get(hid, (0, 0))
        out[hid] = (total + n, open_ + (n if status in OPEN_DEFECT else 0))
    return out


def _party(party_kind, receiver_name, receiver_phone, owner_name, owner_phone, mode, handover_at, now):
    kind = v.choice("接收人身份", party_kind, PartyKind, key="party_kind")
    receiver_name = v.text("接收人", receiver_name, required=True, max_len=50, key="receiver_name")
    receiver_phone = v.normalize_phone(receiver_phone, label="接收人电话", key="receiver_phone")
    owner_name = v.text("业主姓名", owner_name, max_len=50, key="owner_name")
    owner_phone = v.normalize_phone(owner_phone, label="业主电话", key="owner_phone")
    if kind == PartyKind.OWNER:
        owner_name = owner_name or receiver_name
        owner_phone = owner_phone or receiver_phone
        if owner_name != receiver_name:
            raise ValidationError("业主姓名", "业主本人办理时，接收人即业主本人；他人代办请选择“受托人”",
                                  "owner_name")
    elif kind == PartyKind.PROXY and not owner_name:
        raise ValidationError("业主姓名", "受托人办理时必须填写委托人（业主）姓名", "owner_name")
    mode = v.choice("交付方式", mode, HandoverMode, key="mode")
    handover_at = v.when("办理时间", handover_at, required=True, now=now, key="handover_at")
    v.not_in_future("办理时间", handover_at, now, key="handover_at")
    return {"party_kind": kind.value, "receiver_name": receiver_name, "receiver_phone": receiver_phone,
            "owner_name": owner_name, "owner_phone": owner_phone, "mode": mode.value, "handover_at": handover_at}


# ---------------------------------------------------------------- the handover

def start_handover(ctx: Context, unit_no: str, *, party_kind: PartyKind | str = PartyKind.OWNER,
                   receiver_name: str, receiver_phone: str | None = None, owner_name: str | None = None,
                   owner_phone: str | None = None, mode: HandoverMode | str = HandoverMode.REGULAR,
                   is_resale: bool = False, handover_at: datetime | None = None,
                   appointment_uuid: str | None = None, note: str | None = None) -> HandoverData:
    """Open the handover of a unit (状态 办理中) with the checklist and inspection from the templates."""
    actor = ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    now = ctx.now()
    code = v.normalize_unit(unit_no, required=True)
    fields = _party(party_kind, receiver_name, receiver_phone, owner_name, owner_phone, mode,
                    handover_at or now, now)
    note = v.text("备注", note, max_len=2000, key="note")
    checklist = checklist_template(ctx)
    rooms = inspection_template(ctx)
    with ctx.unit_of_work() as s:
        open_ = s.scalars(select(Handover).where(Handover.site_code == ctx.site.code, Handover.unit_no == code,
                                                 Handover.status.in_(OPEN_HANDOVER),
                                                 Handover.voided_at.is_(None))).first()
        if open_ is not None:
            raise ValidationError("房号", f"{code} 已有{open_.status}的入伙记录（{open_.handover_at:%Y-%m-%d}，"
                                          f"{open_.receiver_name}），请打开该记录继续办理", "unit_no")
        from app.residents import ensure_unit

        ensure_unit(ctx, s, code)
        appointment = None
        if appointment_uuid:
            appointment = records.get_by_uuid(s, Appointment, appointment_uuid, "入伙预约")
            if appointment.unit_no != code:
                raise ValidationError("房号", f"预约的房号是 {appointment.unit_no}，与 {code} 不一致", "unit_no")
        h = Handover(uuid=new_uuid(), site_code=ctx.site.code, unit_no=code, is_resale=bool(is_resale),
                     appointment_uuid=appointment.uuid if appointment else None,
                     status=HandoverStatus.IN_PROGRESS.value, handled_by=actor.name, late_entry=False, note=note,
                     created_at=now, created_by=actor.name, updated_at=now, updated_by=actor.name, **fields)
        if now.date() > _entry_deadline(ctx, h):
            h.late_entry, h.late_entry_at = True, now
        s.add(h)
        s.flush()
        for n, t in enumerate(checklist):
            s.add(_bare(ctx, HandoverItem, handover_id=h.id, group_name=t.group, item=t.item, required=t.required,
                        applies=t.applies, status=ItemStatus.OPEN.value, sort_order=n))
        n = 0
        for room in rooms:
            for item in room.items:
                s.add(_bare(ctx, InspectionItem, handover_id=h.id, room=room.room, item=item,
                            result=InspectionResult.UNCHECKED.value, sort_order=n))
                n += 1
        records.audit(ctx, s, "开始办理", h, after=records.snapshot(h),
                      note=f"清单 {len(checklist)} 项，验房 {n} 项" + ("；逾期录入" if h.late_entry else ""))
        if appointment is not None:
            records.update(ctx, s, appointment, {"status": AppointmentStatus.DONE.value, "handover_uuid": h.uuid},
                           expected_version=None, action="开始办理")
        s.flush()
        return _data(ctx, s, h)


def get_handover(ctx: Context, uuid: str) -> HandoverData:
    with ctx.read() as s:
        return _data(ctx, s, _get(s, ctx, uuid))


def current_handover(ctx: Context, unit_no: str) -> HandoverData | None:
    """The unit's latest handover that is not void (None when the unit was never handed over)."""
    code = v.normalize_unit(unit_no, required=True)
    with ctx.read() as s:
        h = s.scalars(select(Handover).where(Handover.site_code == ctx.site.code, Handover.unit_no == code,
                                             Handover.voided_at.is_(None))
                      .order_by(Handover.handover_at.desc(), Handover.id.desc())).first()
        return None if h is None else _data(ctx, s, h)


def form_data(ctx: Context, unit_no: str) -> HandoverData:
    """What RH-01 prints for a unit: its latest handover."""
    data = current_handover(ctx, unit_no)
    if data is None:
        raise NotFound(f"{v.normalize_unit(unit_no, required=True)} 还没有入伙记录")
    return data


def update_party(ctx: Context, uuid: str, *, expected_version: int | None,
                 party_kind: PartyKind | str, receiver_name: str, receiver_phone: str | None = None,
                 owner_name: str | None = None, owner_phone: str | None = None,
                 mode: HandoverMode | str = HandoverMode.REGULAR, is_resale: bool = False,
                 handover_at: datetime | None = None, note: str | None = None) -> HandoverData:
    """Change the receiving party and the handover's details; the checklist follows the party."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "修改接收人")
        fields = _party(party_kind, receiver_name, receiver_phone, owner_name, owner_phone, mode,
                        handover_at or h.handover_at, now)
        fields["is_resale"] = bool(is_resale)
        fields["note"] = v.text("备注", note, max_len=2000, key="note")
        changed = {k: val for k, val in fields.items() if getattr(h, k) != val}
        if not changed:
            records.check_version(h, expected_version)
            return _data(ctx, s, h)
        _touch(ctx, s, h, "修改接收人", "修改：" + "、".join(_FIELD_LABELS.get(k, k) for k in changed),
               changes=changed, expected_version=expected_version)
        return _data(ctx, s, h)


_FIELD_LABELS = {"party_kind": "接收人身份", "receiver_name": "接收人", "receiver_phone": "接收人电话",
                 "owner_name": "业主姓名", "owner_phone": "业主电话", "mode": "交付方式", "handover_at": "办理时间",
                 "is_resale": "转售", "note": "备注"}


def set_item(ctx: Context, uuid: str, item_id: int, status: ItemStatus | str, *, note: str | None = None,
             expected_version: int | None = None) -> HandoverData:
    """Tick a checklist line 已完成 or 不适用 (or back to 未完成); records who and when."""
    actor = ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    status = v.choice("办理状态", status, ItemStatus, key="status")
    note = v.text("说明", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "修改清单")
        item = _child(s, HandoverItem, h, item_id, "清单项目")
        if status == ItemStatus.NOT_APPLICABLE and item.required and not note:
            raise ValidationError("说明", f"“{item.item}”是必需项，标为不适用须写明原因", "note")
        if item.status == status.value and item.note == note:
            records.check_version(h, expected_version)
            return _data(ctx, s, h)
        done = status != ItemStatus.OPEN
        records.update(ctx, s, item, {"status": status.value, "note": note,
                                      "done_by": actor.name if done else None,
                                      "done_at": ctx.now() if done else None}, expected_version=None,
                       action="勾选清单")
        _touch(ctx, s, h, "勾选清单", f"{item.group_name}：{item.item} → {status.value}" + (f"（{note}）" if note else ""),
               expected_version=expected_version)
        return _data(ctx, s, h)


def add_item(ctx: Context, uuid: str, *, group: ChecklistGroup | str, item: str, required: bool = False,
             applies: Applies | str = Applies.ALL, expected_version: int | None = None) -> HandoverData:
    """An extra checklist line for this handover only."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    group = v.choice("分组", group, ChecklistGroup, key="group")
    item = v.text("项目", item, required=True, max_len=100, key="item")
    applies = v.choice("适用", applies, Applies, key="applies")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "修改清单")
        last = s.scalar(select(func.max(HandoverItem.sort_order)).where(HandoverItem.handover_id == h.id)) or 0
        records.create(ctx, s, HandoverItem, handover_id=h.id, group_name=group.value, item=item,
                       required=bool(required), applies=applies.value, status=ItemStatus.OPEN.value,
                       sort_order=last + 1)
        _touch(ctx, s, h, "增加清单项目", f"{group.value}：{item}", expected_version=expected_version)
        return _data(ctx, s, h)


# ---------------------------------------------------------------- fees, services, keys

def _amount(value) -> int:
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("，", "").removeprefix("¥").removeprefix("￥")
    if value is None or value == "":
        raise ValidationError("金额", "必填，请填写金额", "amount")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError("金额", f"“{value}”不是有效的金额", "amount") from None
    if not d.is_finite() or d <= 0:
        raise ValidationError("金额", "应大于 0", "amount")
    if d != d.quantize(Decimal("0.01")):
        raise ValidationError("金额", "最多两位小数（元、角、分）", "amount")
    if d >= Decimal("10000000"):
        raise ValidationError("金额", "金额过大，请核对", "amount")
    return int(d * 100)


def add_fee(ctx: Context, uuid: str, *, item: str, amount, receipt_no: str | None, note: str | None = None,
            expected_version: int | None = None) -> HandoverData:
    """A fee collected (item, amount in yuan, receipt number)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    item = v.text("收费项目", item, required=True, max_len=100, key="item")
    cents = _amount(amount)
    receipt_no = v.text("收据号", receipt_no, required=True, max_len=50, key="receipt_no")
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "登记收费")
        other = s.execute(select(HandoverFee.item, Handover.unit_no).join(Handover, Handover.id == HandoverFee.handover_id)
                          .where(HandoverFee.site_code == ctx.site.code, HandoverFee.receipt_no == receipt_no,
                                 HandoverFee.voided_at.is_(None))).first()
        if other is not None:
            raise ValidationError("收据号", f"{receipt_no} 已用于 {other[1]} 的“{other[0]}”，请核对", "receipt_no")
        records.create(ctx, s, HandoverFee, handover_id=h.id, item=item, amount_cents=cents,
                       receipt_no=receipt_no, note=note, action="登记收费")
        _touch(ctx, s, h, "登记收费", f"{item} {Decimal(cents) / 100:.2f} 元，收据号 {receipt_no}",
               expected_version=expected_version)
        return _data(ctx, s, h)


def add_service(ctx: Context, uuid: str, *, item: str, detail: str | None = None,
                expected_version: int | None = None) -> HandoverData:
    """An entrusted service (委托代办)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    item = v.text("代办事项", item, required=True, max_len=100, key="item")
    detail = v.text("委托内容", detail, max_len=2000, key="detail")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "登记委托代办")
        records.create(ctx, s, EntrustedService, handover_id=h.id, item=item, detail=detail, action="登记委托代办")
        _touch(ctx, s, h, "登记委托代办", item, expected_version=expected_version)
        return _data(ctx, s, h)


def add_key(ctx: Context, uuid: str, *, kind: str, count: int, signed: bool = False,
            expected_version: int | None = None) -> HandoverData:
    """Keys handed over (kind and count); ``signed`` when the receiver has signed for them."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    kind = v.text("钥匙种类", kind, required=True, max_len=30, key="kind")
    try:
        count = int(count)
    except (TypeError, ValueError):
        raise ValidationError("数量", f"“{count}”不是整数", "count") from None
    if not 1 <= count <= 99:
        raise ValidationError("数量", "应为 1 到 99", "count")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "登记钥匙")
        records.create(ctx, s, HandoverKey, handover_id=h.id, kind=kind, count=count, signed=bool(signed),
                       signed_at=ctx.now() if signed else None, action="交付钥匙")
        s.flush()
        _touch(ctx, s, h, "交付钥匙", f"{kind}×{count}" + ("，已签收" if signed else ""),
               changes=_summary(s, h), expected_version=expected_version)
        return _data(ctx, s, h)


def sign_keys(ctx: Context, uuid: str, *, expected_version: int | None = None) -> HandoverData:
    """The receiver signed for every key not signed yet (钥匙领取签收)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "签收钥匙")
        keys = [k for k in _load(s, h)[4] if not k.signed]
        if not keys:
            raise ValidationError("钥匙", "没有待签收的钥匙", "keys")
        for k in keys:
            records.update(ctx, s, k, {"signed": True, "signed_at": ctx.now()}, expected_version=None,
                           action="签收钥匙")
        _touch(ctx, s, h, "签收钥匙", keys_text(records.to_row(k, KeyRow) for k in keys),
               expected_version=expected_version)
        return _data(ctx, s, h)


_VOIDABLE = {"fee": (HandoverFee, "收费记录", "作废收费"), "service": (EntrustedService, "委托代办", "作废委托代办"),
             "key": (HandoverKey, "钥匙记录", "作废钥匙记录"), "meter": (MeterReading, "抄表记录", "作废抄表记录")}


def void_entry(ctx: Context, uuid: str, kind: str, entry_id: int, reason: str, *,
               expected_version: int | None = None) -> HandoverData:
    """Void a fee, service, key or meter line entered by mistake (kind: fee / service / key / meter)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    model, label, action = _VOIDABLE[kind]
    reason = v.text("作废原因", reason, required=True, max_len=500, key="void_reason")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, action)
        obj = _child(s, model, h, entry_id, label)
        records.void(ctx, s, obj, reason, expected_version=None, status_field=None, min_role=Role.RECEPTIONIST)
        s.flush()
        _touch(ctx, s, h, action, f"{label} #{entry_id}：{reason}", changes=_summary(s, h),
               expected_version=expected_version)
        return _data(ctx, s, h)


# ---------------------------------------------------------------- meters

def _reading(value) -> float:
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        raise ValidationError("读数", "必填，请填写表读数", "reading")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError("读数", f"“{value}”不是数字", "reading") from None
    if not d.is_finite():
        raise ValidationError("读数", f"“{value}”不是数字", "reading")
    if d < 0:
        raise ValidationError("读数", "不能为负数", "reading")
    if d >= Decimal("100000000"):
        raise ValidationError("读数", "读数过大，请核对", "reading")
    return float(round(d, 3))


def _fmt_reading(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e7 else f"{x:.3f}"


def add_meter_reading(ctx: Context, uuid: str, *, kind: MeterKind | str, meter_no: str, reading,
                      read_on: date | None = None, expected_version: int | None = None) -> HandoverData:
    """A meter reading. It may not be lower than that meter's previous reading (nor higher than a later one)."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    kind = v.choice("表类型", kind, MeterKind, key="kind")
    meter_no = v.text("表号", meter_no, required=True, max_len=50, key="meter_no")
    value = _reading(reading)
    read_on = read_on or _today(ctx)
    if isinstance(read_on, datetime):
        read_on = read_on.date()
    if read_on > _today(ctx):
        raise ValidationError("抄表日期", "不能晚于今天", "read_on")
    if read_on < date(2000, 1, 1):
        raise ValidationError("抄表日期", "早于 2000 年，请检查", "read_on")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "录入表读数")
        same = (MeterReading.site_code == ctx.site.code, MeterReading.unit_no == h.unit_no,
                MeterReading.kind == kind.value, MeterReading.meter_no == meter_no, MeterReading.voided_at.is_(None))
        prev = s.scalars(select(MeterReading).where(*same, MeterReading.read_on <= read_on)
                         .order_by(MeterReading.read_on.desc(), MeterReading.id.desc())).first()
        if prev is not None and value < prev.reading:
            raise ValidationError(
                "读数", f"{kind.value}表 {meter_no} 的读数 {_fmt_reading(value)} 低于该表上次读数 "
                        f"{_fmt_reading(prev.reading)}（{prev.read_on:%Y-%m-%d}，{prev.created_by}录入）。表读数只增不减，"
                        f"请核对；如已换表，请填写新表号", "reading")
        later = s.scalars(select(MeterReading).where(*same, MeterReading.read_on > read_on)
                          .order_by(MeterReading.read_on, MeterReading.id)).first()
        if later is not None and value > later.reading:
            raise ValidationError(
                "读数", f"{kind.value}表 {meter_no} 的读数 {_fmt_reading(value)} 高于该表之后 {later.read_on:%Y-%m-%d} "
                        f"的读数 {_fmt_reading(later.reading)}，表读数只增不减，请核对日期和读数", "reading")
        records.create(ctx, s, MeterReading, handover_id=h.id, unit_no=h.unit_no, kind=kind.value,
                       meter_no=meter_no, reading=value, read_on=read_on, action="录入表读数")
        s.flush()
        _touch(ctx, s, h, "录入表读数", f"{kind.value}表 {meter_no}：{_fmt_reading(value)}（{read_on:%Y-%m-%d}）",
               changes=_summary(s, h), expected_version=expected_version)
        return _data(ctx, s, h)


def previous_reading(ctx: Context, unit_no: str, kind: MeterKind | str, meter_no: str | None = None
                     ) -> MeterRow | None:
    """The unit's latest reading of a meter kind (of one meter when ``meter_no`` is given)."""
    code = v.normalize_unit(unit_no, required=True)
    kind = v.choice("表类型", kind, MeterKind)
    with ctx.read() as s:
        q = select(MeterReading).where(MeterReading.site_code == ctx.site.code, MeterReading.unit_no == code,
                                       MeterReading.kind == kind.value, MeterReading.voided_at.is_(None))
        if meter_no:
            q = q.where(MeterReading.meter_no == meter_no.strip())
        m = s.scalars(q.order_by(MeterReading.read_on.desc(), MeterReading.id.desc())).first()
        return None if m is None else records.to_row(m, MeterRow)


# ---------------------------------------------------------------- inspection and defects

def set_inspection(ctx: Context, uuid: str, inspection_ids: Iterable[int], result: InspectionResult | str, *,
                   expected_version: int | None = None) -> HandoverData:
    """Mark inspection items 合格 / 不适用 / 未查 (a defect is registered with :func:`add_defect`)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "验房")
    result = v.choice("验房结果", result, InspectionResult, key="result")
    if result == InspectionResult.FAILED:
        raise ValidationError("验房结果", "不合格项请登记缺陷（问题描述、严重程度、整改期限）", "result")
    ids = list(inspection_ids)
    if not ids:
        raise ValidationError("验房", "请先选择检查项", "inspection")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "验房")
        names = []
        for iid in ids:
            insp = _child(s, InspectionItem, h, iid, "检查项")
            open_ = s.scalar(select(func.count()).select_from(Defect).where(
                Defect.inspection_id == insp.id, Defect.status.in_(OPEN_DEFECT), Defect.voided_at.is_(None)))
            if open_:
                raise ValidationError("验房结果", f"{insp.room}/{insp.item} 有 {open_} 项未销项的缺陷，"
                                                  "请在缺陷中整改复验", "result")
            if insp.result == result.value:
                continue
            checked = result != InspectionResult.UNCHECKED
            records.update(ctx, s, insp, {"result": result.value,
                                          "checked_by": actor.name if checked else None,
                                          "checked_at": ctx.now() if checked else None},
                           expected_version=None, action="验房")
            names.append(f"{insp.room}/{insp.item}")
        if names:
            _touch(ctx, s, h, "验房", f"{'、'.join(names)}：{result.value}", expected_version=expected_version)
        else:
            records.check_version(h, expected_version)
        return _data(ctx, s, h)


def add_inspection_room(ctx: Context, uuid: str, room: str, items: Iterable[str] | None = None, *,
                        expected_version: int | None = None) -> HandoverData:
    """Add a room to this unit's inspection (e.g. 卧室2); its items come from the template of the
    room's kind (卧室) unless given."""
    ctx.require_role(Role.RECEPTIONIST, "验房")
    room = v.text("房间", room, required=True, max_len=30, key="room")
    item_list = [i.strip() for i in (items or []) if i and i.strip()]
    if not item_list:
        base = re.sub(r"[\d一二三四五六七八九十]+$", "", room) or room
        tpl = {r.room: r.items for r in inspection_template(ctx)}
        item_list = list(tpl.get(room) or tpl.get(base) or _COMMON)
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "验房")
        existing = {(i.room, i.item) for i in _load(s, h)[5]}
        last = s.scalar(select(func.max(InspectionItem.sort_order)).where(InspectionItem.handover_id == h.id)) or 0
        added = 0
        for item in item_list:
            item = v.text("检查项", item, required=True, max_len=50, key="item")
            if (room, item) in existing:
                continue
            added += 1
            records.create(ctx, s, InspectionItem, handover_id=h.id, room=room, item=item,
                           result=InspectionResult.UNCHECKED.value, sort_order=last + added, action="增加验房项")
        if not added:
            raise ValidationError("房间", f"“{room}”的检查项已存在", "room")
        _touch(ctx, s, h, "增加验房项", f"{room}：{'、'.join(item_list)}", expected_version=expected_version)
        return _data(ctx, s, h)


_PHOTO_EXT = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".heic", ".tif", ".tiff"}
PHOTO_MAX_BYTES = 20 * 1024 * 1024


def _store_photos(ctx: Context, defect_uuid: str, sources: Iterable[str | Path], start: int) -> list[str]:
    """Copy photos into ``attachments/movein/<defect uuid>/``; returns paths relative to attachments."""
    out = []
    srcs = [Path(p) for p in sources if p]
    for p in srcs:
        if not p.is_file():
            raise ValidationError("照片", f"找不到文件 {p}", "photos")
        if p.suffix.lower() not in _PHOTO_EXT:
            raise ValidationError("照片", f"{p.name} 不是图片文件（jpg、png 等）", "photos")
        if p.stat().st_size > PHOTO_MAX_BYTES:
            raise ValidationError("照片", f"{p.name} 超过 20 MB", "photos")
    folder = Path(ctx.paths.attachments) / "movein" / defect_uuid
    for n, p in enumerate(srcs, start):
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{n:02d}{p.suffix.lower()}"
        shutil.copy2(p, folder / name)
        out.append(f"movein/{defect_uuid}/{name}")
    return out


def photo_path(ctx: Context, relative: str) -> Path:
    """The file of a stored photo."""
    return Path(ctx.paths.attachments) / relative


def _deadline(ctx: Context, value, label: str = "整改期限") -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValidationError(label, f"“{value}”不是有效的日期", "deadline")
    if value < _today(ctx):
        raise ValidationError(label, "不能早于今天", "deadline")
    if (value - _today(ctx)).days > 366:
        raise ValidationError(label, "超过一年，请检查", "deadline")
    return value


def add_defect(ctx: Context, uuid: str, *, room: str, item: str, description: str,
               severity: DefectSeverity | str = DefectSeverity.NORMAL, responsible: str | None = None,
               deadline: date | None = None, inspection_id: int | None = None,
               photos: Iterable[str | Path] = (), expected_version: int | None = None) -> HandoverData:
    """Register a defect (状态 已登记); the inspection item becomes 不合格. Photos are copied into the data home."""
    ctx.require_role(Role.RECEPTIONIST, "登记缺陷")
    room = v.text("部位", room, required=True, max_len=30, key="room")
    item = v.text("检查项", item, required=True, max_len=50, key="item")
    description = v.text("问题描述", description, required=True, max_len=2000, key="description")
    severity = v.choice("严重程度", severity, DefectSeverity, key="severity")
    responsible = v.text("责任方", responsible, max_len=50, key="responsible")
    deadline = _deadline(ctx, deadline)
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        _require_open(h, "登记缺陷")
        insp = None
        if inspection_id is not None:
            insp = _child(s, InspectionItem, h, inspection_id, "检查项")
            room, item = insp.room, insp.item
        else:
            insp = s.scalars(select(InspectionItem).where(InspectionItem.handover_id == h.id,
                                                          InspectionItem.room == room, InspectionItem.item == item,
                                                          InspectionItem.voided_at.is_(None))).first()
        if deadline is None:
            deadline = h.rectify_deadline or (_today(ctx) + timedelta(days=int(settings.get(ctx, DEFECT_DAYS.key) or 15)))
        d_uuid = new_uuid()
        stored = _store_photos(ctx, d_uuid, photos, 1)
        records.create(ctx, s, Defect, uuid=d_uuid, handover_id=h.id, inspection_id=insp.id if insp else None,
                       unit_no=h.unit_no, room=room, item=item, description=description, severity=severity.value,
                       responsible=responsible, deadline=deadline, status=DefectStatus.REGISTERED.value,
                       photos=stored or None, action="登记缺陷")
        if insp is not None and insp.result != InspectionResult.FAILED.value:
            records.update(ctx, s, insp, {"result": InspectionResult.FAILED.value, "checked_by": ctx.actor.name,
                                          "checked_at": ctx.now()}, expected_version=None, action="验房")
        _touch(ctx, s, h, "登记缺陷", f"{room}/{item}（{severity.value}）：{description}", data_entry=False,
               expected_version=expected_version)
        return _data(ctx, s, h)


def attach_defect_photos(ctx: Context, defect_uuid: str, photos: Iterable[str | Path]) -> DefectRow:
    ctx.require_role(Role.RECEPTIONIST, "登记缺陷")
    with ctx.unit_of_work() as s:
        d = records.get_by_uuid(s, Defect, defect_uuid, "缺陷")
        h = s.get(Handover, d.handover_id)
        existing = list(d.photos or [])
        stored = _store_photos(ctx, d.uuid, photos, len(existing) + 1)
        if not stored:
            raise ValidationError("照片", "请选择照片", "photos")
        records.update(ctx, s, d, {"photos": existing + stored}, expected_version=None, action="添加照片")
        _touch(ctx, s, h, "添加缺陷照片", f"{d.room}/{d.item}：{len(stored)} 张", data_entry=False)
        return _defect_row(d, h.uuid, _today(ctx))


#: action -> (allowed from, to, history action)
_DEFECT_STEPS = {
    "start": ((DefectStatus.REGISTERED.value,), DefectStatus.RECTIFYING.value, "开始整改"),
    "rectified": ((DefectStatus.RECTIFYING.value,), DefectStatus.AWAITING_REINSPECTION.value, "整改完成"),
    "pass": ((DefectStatus.AWAITING_REINSPECTION.value,), DefectStatus.CLOSED.value, "复验通过"),
    "fail": ((DefectStatus.AWAITING_REINSPECTION.value,), DefectStatus.RECTIFYING.value, "复验不通过"),
    "cancel": (OPEN_DEFECT, DefectStatus.CANCELLED.value, "取消缺陷"),
}
DEFECT_ACTIONS = {k: v_[2] for k, v_ in _DEFECT_STEPS.items()}


def advance_defect(ctx: Context, defect_uuid: str, action: str, *, note: str | None = None,
                   deadline: date | None = None, expected_version: int | None = None) -> DefectRow:
    """Move a defect along 已登记 → 整改中 → 待复验 → 已销项 (or back to 整改中 when the
    re-inspection fails; or 已取消 with a reason). The re-inspection records who and when."""
    actor = ctx.require_role(Role.RECEPTIONIST, "缺陷整改")
    if action not in _DEFECT_STEPS:
        raise ValidationError("操作", f"未知的缺陷操作“{action}”")
    allowed, target, label = _DEFECT_STEPS[action]
    note = v.text("说明", note, required=action in ("cancel", "fail"), max_len=1000, key="note")
    with ctx.unit_of_work() as s:
        d = records.get_by_uuid(s, Defect, defect_uuid, "缺陷")
        h = s.get(Handover, d.handover_id)
        if h.is_void:
            raise InvalidTransition("入伙记录已作废，不能处理其缺陷")
        records.check_version(d, expected_version)
        if d.status not in allowed:
            raise InvalidTransition(f"缺陷“{d.room}/{d.item}”当前为{d.status}，不能{label}")
        changes: dict[str, Any] = {"status": target}
        if action in ("pass", "fail"):
            changes.update(reinspected_at=ctx.now(), reinspected_by=actor.name)
        if action == "fail" and deadline is not None:
            changes["deadline"] = _deadline(ctx, deadline)
        if note:
            changes["note"] = (d.note + "\n" if d.note else "") + f"{ctx.now():%m-%d %H:%M} {label}：{note}"
        before = d.status
        records.update(ctx, s, d, changes, expected_version=None, action=label, note=note)
        _touch(ctx, s, h, label, f"{d.room}/{d.item}：{before} → {target}" + (f"（{note}）" if note else ""),
               data_entry=False)
        return _defect_row(d, h.uuid, _today(ctx))


def start_rectification(ctx: Context, defect_uuid: str, **kw) -> DefectRow:
    return advance_defect(ctx, defect_uuid, "start", **kw)


def mark_rectified(ctx: Context, defect_uuid: str, **kw) -> DefectRow:
    return advance_defect(ctx, defect_uuid, "rectified", **kw)


def reinspect_defect(ctx: Context, defect_uuid: str, *, passed: bool, **kw) -> DefectRow:
    return advance_defect(ctx, defect_uuid, "pass" if passed else "fail", **kw)


def cancel_defect(ctx: Context, defect_uuid: str, reason: str, **kw) -> DefectRow:
    return advance_defect(ctx, defect_uuid, "cancel", note=reason, **kw)


def list_defects(ctx: Context, *, open_only: bool = True, overdue_only: bool = False, unit_no: str | None = None,
                 limit: int = 1000) -> list[DefectRow]:
    today = _today(ctx)
    with ctx.read() as s:
        q = (select(Defect, Handover.uuid).join(Handover, Handover.id == Defect.handover_id)
             .where(Defect.site_code == ctx.site.code, Defect.voided_at.is_(None), Handover.voided_at.is_(None)))
        if open_only or overdue_only:
            q = q.where(Defect.status.in_(OPEN_DEFECT))
        if overdue_only:
            q = q.where(Defect.deadline < today)
        if unit_no:
            q = q.where(Defect.unit_no == v.normalize_unit(unit_no, required=True))
        rows = s.execute(q.order_by(Defect.deadline, Defect.id).limit(limit)).all()
        return [_defect_row(d, hu, today) for d, hu in rows]


# ---------------------------------------------------------------- the result

def missing_items(ctx: Context, uuid: str) -> list[MissingItem]:
    return list(get_handover(ctx, uuid).missing)


def _register_residents(ctx: Context, s: Session, h: Handover) -> None:
    """The owner's data goes into 业主与房屋 (and a tenant's, as 租户)."""
    from app.residents import ensure_unit

    unit, _ = ensure_unit(ctx, s, h.unit_no)
    people = []
    if h.owner_name:
        people.append((h.owner_name, h.owner_phone, ResidentRole.OWNER.value))
    if h.party_kind == PartyKind.TENANT.value:
        people.append((h.receiver_name, h.receiver_phone, ResidentRole.TENANT.value))
    for name, phone, role in people:
        tie = s.execute(select(UnitResident, Resident).join(Resident, Resident.id == UnitResident.resident_id)
                        .where(UnitResident.unit_id == unit.id, Resident.name == name,
                               UnitResident.voided_at.is_(None), UnitResident.move_out.is_(None))).first()
        if tie is not None:
            resident = tie[1]
            if phone and not resident.phone:
                records.update(ctx, s, resident, {"phone": phone, "phone_digits": v.phone_digits(phone)},
                               expected_version=None, action="入伙登记")
            continue
        resident = records.create(ctx, s, Resident, name=name, phone=phone,
                                  phone_digits=v.phone_digits(phone) or None, note="入伙登记", action="入伙登记")
        records.create(ctx, s, UnitResident, unit_id=unit.id, resident_id=resident.id, role=role,
                       move_in=h.handover_at.date(), action="入伙登记")


def complete_handover(ctx: Context, uuid: str, *, expected_version: int | None = None) -> HandoverData:
    """Result 已交付: refused while anything required is open (the error lists what)."""
    actor = ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        if h.is_void or h.status not in OPEN_HANDOVER:
            raise InvalidTransition(f"入伙记录当前为{h.status}，不能完成交付")
        records.check_version(h, expected_version)
        items, _, _, meters, keys, inspection, defects = _load(s, h)
        missing = _missing(ctx, h, items, meters, keys, inspection, defects)
        if missing:
            raise HandoverIncomplete("完成交付", missing)
        after_rectification = h.status == HandoverStatus.NEEDS_RECTIFICATION.value
        _touch(ctx, s, h, "交付完成", "整改复验完毕，已交付" if after_rectification else "已交付",
               changes={"status": HandoverStatus.DELIVERED.value, "completed_at": ctx.now(),
                        "completed_by": actor.name}, data_entry=not after_rectification)
        _register_residents(ctx, s, h)
        return _data(ctx, s, h)


def require_rectification(ctx: Context, uuid: str, *, deadline: date, expected_version: int | None = None
                          ) -> HandoverData:
    """Result 需整改 with a rectification deadline: the open defects must be fixed and re-inspected."""
    ctx.require_role(Role.RECEPTIONIST, "办理入伙")
    deadline = _deadline(ctx, deadline)
    if deadline is None:
        raise ValidationError("整改期限", "必填，请选择日期", "deadline")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        if h.is_void or h.status not in OPEN_HANDOVER:
            raise InvalidTransition(f"入伙记录当前为{h.status}，不能设为需整改")
        records.check_version(h, expected_version)
        items, _, _, meters, keys, inspection, defects = _load(s, h)
        open_ = [d for d in defects if d.status in OPEN_DEFECT]
        if not open_:
            raise ValidationError("交付结果", "没有未销项的缺陷，不需要整改，请直接完成交付", "result")
        missing = _missing(ctx, h, items, meters, keys, inspection, defects, include_defects=False)
        if missing:
            raise HandoverIncomplete("设为需整改", missing)
        for d in open_:
            if d.deadline is None or d.deadline > deadline:
                records.update(ctx, s, d, {"deadline": deadline}, expected_version=None, action="修改整改期限")
        first = h.status == HandoverStatus.IN_PROGRESS.value
        _touch(ctx, s, h, "需整改" if first else "修改整改期限",
               f"{len(open_)} 项缺陷，整改期限 {deadline:%Y-%m-%d}",
               changes={"status": HandoverStatus.NEEDS_RECTIFICATION.value, "rectify_deadline": deadline},
               data_entry=first)
        return _data(ctx, s, h)


def void_handover(ctx: Context, uuid: str, reason: str, *, expected_version: int | None) -> HandoverData:
    """Void a handover entered by mistake (客服主管 and above); its appointment is booked again."""
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        records.void(ctx, s, h, reason, expected_version=expected_version)
        if h.appointment_uuid:
            a = s.scalars(select(Appointment).where(Appointment.uuid == h.appointment_uuid)).first()
            if a is not None and a.status == AppointmentStatus.DONE.value:
                records.update(ctx, s, a, {"status": AppointmentStatus.BOOKED.value, "handover_uuid": None},
                               expected_version=None, action="恢复预约", note="入伙记录已作废")
        return _data(ctx, s, h)


def list_handovers(ctx: Context, *, text: str | None = None, status: str | None = None,
                   date_from: date | None = None, date_to: date | None = None, late_only: bool = False,
                   include_void: bool = False, limit: int = 1000) -> list[HandoverRow]:
    """Newest first. ``text`` matches the unit number or a name."""
    with ctx.read() as s:
        q = select(Handover).where(Handover.site_code == ctx.site.code)
        if not include_void:
            q = q.where(Handover.voided_at.is_(None))
        if status:
            q = q.where(Handover.status == status)
        if text and text.strip():
            t = text.strip()
            try:
                t = v.normalize_unit(t) or t
            except ValidationError:
                pass
            q = q.where(Handover.unit_no.contains(t, autoescape=True)
                        | Handover.receiver_name.contains(t, autoescape=True)
                        | Handover.owner_name.contains(t, autoescape=True))
        if date_from:
            q = q.where(Handover.handover_at >= datetime.combine(date_from, datetime.min.time()))
        if date_to:
            q = q.where(Handover.handover_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
        if late_only:
            q = q.where(Handover.late_entry.is_(True))
        hs = s.scalars(q.order_by(Handover.handover_at.desc(), Handover.id.desc()).limit(limit)).all()
        counts = _defect_counts(s, [h.id for h in hs])
        return [_handover_row(h, *counts.get(h.id, (0, 0))) for h in hs]


# ---------------------------------------------------------------- the one-week rule

def list_late_entries(ctx: Context, *, unreviewed_only: bool = True) -> list[HandoverRow]:
    """Handovers whose data was entered more than a week after the handover date (for the manager)."""
    rows = list_handovers(ctx, late_only=True)
    return [r for r in rows if not (unreviewed_only and r.late_reviewed_at)]


def review_late_entry(ctx: Context, uuid: str, note: str | None = None, *,
                      expected_version: int | None = None) -> HandoverData:
    """The manager's spot-check of a late entry."""
    actor = ctx.require_role(Role.MANAGER, "核查逾期录入的入伙资料")
    note = v.text("核查意见", note, max_len=1000, key="note")
    with ctx.unit_of_work() as s:
        h = _get(s, ctx, uuid)
        if not h.late_entry:
            raise ValidationError("逾期录入", "该记录没有逾期录入，无需核查")
        if h.late_reviewed_at is not None:
            raise ValidationError("逾期录入", f"已由 {h.late_reviewed_by} 于 {h.late_reviewed_at:%Y-%m-%d %H:%M} 核查")
        _touch(ctx, s, h, "核查逾期录入", note or "已核查",
               changes={"late_reviewed_at": ctx.now(), "late_reviewed_by": actor.name, "late_review_note": note},
               expected_version=expected_version, data_entry=False)
        return _data(ctx, s, h)


# ---------------------------------------------------------------- appointments

def _appointment_row(a: Appointment, handover_status: str | None) -> AppointmentRow:
    return records.to_row(a, AppointmentRow, handover_status=handover_status)


def add_appointment(ctx: Context, *, unit_no: str, at: datetime, name: str, phone: str | None = None,
                    party_kind: PartyKind | str = PartyKind.OWNER, mode: HandoverMode | str = HandoverMode.BATCH,
                    note: str | None = None) -> AppointmentRow:
    """Book a handover appointment (e.g. a slot on a 集中交付 day)."""
    ctx.require_role(Role.RECEPTIONIST, "预约入伙")
    code = v.normalize_unit(unit_no, required=True)
    at = v.when("预约时间", at, required=True, now=ctx.now(), key="at")
    name = v.text("姓名", name, required=True, max_len=50, key="name")
    phone = v.normalize_phone(phone)
    kind = v.choice("接收人身份", party_kind, PartyKind, key="party_kind")
    mode = v.choice("交付方式", mode, HandoverMode, key="mode")
    note = v.text("备注", note, max_len=500, key="note")
    with ctx.unit_of_work() as s:
        other = s.scalars(select(Appointment).where(Appointment.site_code == ctx.site.code,
                                                    Appointment.unit_no == code,
                                                    Appointment.status == AppointmentStatus.BOOKED.value,
                                                    Appointment.voided_at.is_(None))).first()
        if other is not None:
            raise ValidationError("房号", f"{code} 已预约 {other.at:%Y-%m-%d %H:%M}，请先取消原预约", "unit_no")
        done = s.scalars(select(Handover).where(Handover.site_code == ctx.site.code, Handover.unit_no == code,
                                                Handover.status.in_(OPEN_HANDOVER),
                                                Handover.voided_at.is_(None))).first()
        if done is not None:
            raise ValidationError("房号", f"{code} 已有{done.status}的入伙记录，不需要预约", "unit_no")
        a = records.create(ctx, s, Appointment, unit_no=code, at=at, name=name, phone=phone, party_kind=kind.value,
                           mode=mode.value, status=AppointmentStatus.BOOKED.value, note=note, action="预约入伙")
        return _appointment_row(a, None)


def set_appointment_status(ctx: Context, uuid: str, status: AppointmentStatus | str, *,
                           expected_version: int | None = None, note: str | None = None) -> AppointmentRow:
    """未到 (no-show), 已取消, or back to 已预约. 已办理 is set by starting the handover."""
    ctx.require_role(Role.RECEPTIONIST, "预约入伙")
    status = v.choice("预约状态", status, AppointmentStatus, key="status")
    if status == AppointmentStatus.DONE:
        raise ValidationError("预约状态", "请通过“开始办理”办理入伙", "status")
    with ctx.unit_of_work() as s:
        a = records.get_by_uuid(s, Appointment, uuid, "入伙预约")
        if a.status == AppointmentStatus.DONE.value:
            raise InvalidTransition("该预约已办理，不能修改状态")
        records.update(ctx, s, a, {"status": status.value}, expected_version=expected_version,
                       action={"未到": "未到", "已取消": "取消预约", "已预约": "恢复预约"}[status.value],
                       note=v.text("说明", note, max_len=500))
        return _appointment_row(a, None)


def list_appointments(ctx: Context, day: date) -> list[AppointmentRow]:
    """The appointments of one day, by time, with the status of the handover each led to."""
    start = datetime.combine(day, datetime.min.time())
    with ctx.read() as s:
        rows = s.scalars(select(Appointment).where(Appointment.site_code == ctx.site.code,
                                                   Appointment.voided_at.is_(None), Appointment.at >= start,
                                                   Appointment.at < start + timedelta(days=1))
                         .order_by(Appointment.at, Appointment.unit_no)).all()
        uuids = [a.handover_uuid for a in rows if a.handover_uuid]
        statuses = dict(s.execute(select(Handover.uuid, Handover.status).where(Handover.uuid.in_(uuids))).all()) \
            if uuids else {}
        return [_appointment_row(a, statuses.get(a.handover_uuid)) for a in rows]


def appointment_days(ctx: Context, date_from: date, date_to: date) -> dict[date, int]:
    """How many appointments each day of a range has (for a calendar)."""
    with ctx.read() as s:
        rows = s.scalars(select(Appointment.at).where(
            Appointment.site_code == ctx.site.code, Appointment.voided_at.is_(None),
            Appointment.status != AppointmentStatus.CANCELLED.value,
            Appointment.at >= datetime.combine(date_from, datetime.min.time()),
            Appointment.at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))).all()
    out: dict[date, int] = {}
    for at in rows:
        out[at.date()] = out.get(at.date(), 0) + 1
    return out


# ---------------------------------------------------------------- building overview

def _floor_position(room: str) -> tuple[str, str]:
    """``1502`` → (``15``, ``02``); a room that is not a number stays on its own row."""
    if room.isdigit() and len(room) >= 3:
        return str(int(room[:-2])), room[-2:]
    m = re.match(r"^([A-Z]?)(\d+)(\d\d)$", room)
    if m:
        return str(int(m.group(2))), m.group(1) + m.group(3)
    return "", room



def building_overview(ctx: Context, building: str) -> BuildingOverviewData:
    """Every unit of a building with its handover status and open defects."""
    building = v.text("楼栋", building, required=True, max_len=20, key="building")
    today = _today(ctx)
    with ctx.read() as s:
        b = s.scalars(select(Building).where(Building.site_code == ctx.site.code, Building.name == building)).first()
        if b is None:
            raise NotFound(f"找不到楼栋 {building}")
        units = s.scalars(select(Unit).where(Unit.building_id == b.id, Unit.voided_at.is_(None))).all()
        codes = [u.code for u in units]
        latest: dict[str, Handover] = {}
        if codes:
            for h in s.scalars(select(Handover).where(Handover.site_code == ctx.site.code,
                                                      Handover.unit_no.in_(codes), Handover.voided_at.is_(None))
                               .order_by(Handover.handover_at, Handover.id)):
                latest[h.unit_no] = h
        open_: dict[str, int] = {}
        overdue: dict[str, int] = {}
        if codes:
            rows = s.execute(select(Defect.unit_no, Defect.deadline).join(Handover, Handover.id == Defect.handover_id)
                             .where(Defect.unit_no.in_(codes), Defect.status.in_(OPEN_DEFECT),
                                    Defect.voided_at.is_(None), Handover.voided_at.is_(None))).all()
            for code, deadline in rows:
                open_[code] = open_.get(code, 0) + 1
                if deadline and deadline < today:
                    overdue[code] = overdue.get(code, 0) + 1
        cells = []
        counts = {st.value: 0 for st in UnitStatus}
        for u in sorted(units, key=lambda u: v.natural_key(u.code)):
            h = latest.get(u.code)
            status = UnitStatus.NOT_DELIVERED.value if h is None else h.status
            counts[status] = counts.get(status, 0) + 1
            floor, pos = _floor_position(u.room)
            cells.append(UnitCell(u.code, u.entrance, u.room, floor, pos, status, h.uuid if h else None,
                                  h.receiver_name if h else None, open_.get(u.code, 0), overdue.get(u.code, 0)))
        return BuildingOverviewData(building, tuple(cells), counts, sum(open_.values()))


# ---------------------------------------------------------------- badge

def nav_badge(ctx: Context) -> Badge | None:
    """Overdue defects (red); otherwise defects due within three days (amber)."""
    today = _today(ctx)
    with ctx.read() as s:
        base = (select(func.count()).select_from(Defect).join(Handover, Handover.id == Defect.handover_id)
                .where(Defect.site_code == ctx.site.code, Defect.status.in_(OPEN_DEFECT),
                       Defect.voided_at.is_(None), Handover.voided_at.is_(None)))
        overdue = s.scalar(base.where(Defect.deadline < today)) or 0
        soon = s.scalar(base.where(Defect.deadline >= today, Defect.deadline <= today + timedelta(days=3))) or 0
        late = 0
        if ctx.actor is not None and ctx.actor.at_least(Role.MANAGER):
            late = s.scalar(select(func.count()).select_from(Handover).where(
                Handover.site_code == ctx.site.code, Handover.late_entry.is_(True),
                Handover.late_reviewed_at.is_(None), Handover.voided_at.is_(None))) or 0
    extra = f"；{late} 条入伙资料逾期录入待核查" if late else ""
    if overdue:
        return Badge(overdue, "red", f"{overdue} 项入伙缺陷已超过整改期限" + extra)
    if soon:
        return Badge(soon, "amber", f"{soon} 项入伙缺陷 3 天内到期" + extra)
    if late:
        return Badge(late, "amber", f"{late} 条入伙资料逾期录入待经理核查")
    return None
