"""Everything about one handover as the window, RH-01 and the checks see it: the row types
of its lines, what is still missing before it can be delivered, and the 入伙 sheet's
summary columns (latest reading of each meter kind, the keys as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import records, settings
from app.core.context import Context
from app.domain.errors import InvalidTransition
from app.movein.models import (
    Defect, EntrustedService, Handover, HandoverFee, HandoverItem, HandoverKey, InspectionItem, MeterReading,
)
from app.movein.vocab import (
    Applies, GROUP_STEP, InspectionResult, ItemStatus, MeterKind, OPEN_DEFECT, OPEN_HANDOVER, PartyKind,
)
from app.movein.templates import REQUIRED_METERS, REQUIRE_KEYS
from app.movein.handover_record import site_today


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
    def recorded_step_by_step(self) -> bool:
        """The handover went through this desk's steps: its checklist and inspection were copied
        from the site's templates when it started (a template is never empty). One imported
        from a workbook carries only the 入伙 sheet's columns, so its checklist, fees,
        services and inspection are unknown here, not absent."""
        return bool(self.checklist or self.inspection)

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


class HandoverIncomplete(InvalidTransition):
    """The handover cannot be completed: ``missing`` lists what is still required."""

    def __init__(self, action: str, missing: list[MissingItem]):
        lines = "；".join(m.text for m in missing)
        super().__init__(f"不能{action}，以下必需项尚未完成：{lines}")
        self.missing = missing


def party_applies(applies: str, party_kind: str, is_resale: bool) -> bool:
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


READING_ATTR = {MeterKind.WATER.value: "water_reading", MeterKind.ELECTRICITY.value: "electricity_reading",
                 MeterKind.GAS.value: "gas_reading"}


def summary_columns(s: Session, h: Handover) -> dict[str, Any]:
    """The 入伙 sheet's readings and keys, from the handover's current lines."""
    _, _, _, meters, keys, _, _ = load_lines(s, h)
    out: dict[str, Any] = {attr: None for attr in READING_ATTR.values()}
    for m in meters:  # ordered by date: the last one wins
        out[READING_ATTR[m.kind]] = m.reading
    out["keys_text"] = keys_text(records.to_row(k, KeyRow) for k in keys) or None
    return out


def defect_row(d: Defect, handover_uuid: str, today: date) -> DefectRow:
    return records.to_row(d, DefectRow, handover_uuid=handover_uuid, photos=tuple(d.photos or ()),
                          overdue=bool(d.status in OPEN_DEFECT and d.deadline and d.deadline < today))


def missing_lines(ctx: Context, h: Handover, items, meters, keys, inspection, defects, *,
                  include_defects: bool = True) -> list[MissingItem]:
    out: list[MissingItem] = []
    for i in items:
        if i.required and i.status == ItemStatus.OPEN.value and party_applies(i.applies, h.party_kind, h.is_resale):
            out.append(MissingItem(GROUP_STEP.get(i.group_name, "identity"), f"{i.group_name}：{i.item}"))
    kinds = {m.kind for m in meters}
    # A handover imported from a workbook has only the summary columns.
    kinds |= {kind for kind, attr in READING_ATTR.items() if getattr(h, attr) is not None}
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


def load_lines(s: Session, h: Handover):
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


def handover_data(ctx: Context, s: Session, h: Handover) -> HandoverData:
    items, fees, services, meters, keys, inspection, defects = load_lines(s, h)
    today = site_today(ctx)
    open_by_insp: dict[int, int] = {}
    for d in defects:
        if d.inspection_id and d.status in OPEN_DEFECT:
            open_by_insp[d.inspection_id] = open_by_insp.get(d.inspection_id, 0) + 1
    missing = [] if h.status not in OPEN_HANDOVER or h.is_void else missing_lines(
        ctx, h, items, meters, keys, inspection, defects)
    fee_rows = tuple(FeeRow(f.id, f.uuid, f.item, (Decimal(f.amount_cents) / 100).quantize(Decimal("0.01")),
                            f.receipt_no, f.note,
                            f.created_by, f.created_at) for f in fees)
    return records.to_row(
        h, HandoverData,
        checklist=tuple(ChecklistItemRow(i.id, i.uuid, i.group_name, i.item, i.required, i.applies,
                                         party_applies(i.applies, h.party_kind, h.is_resale), i.status,
                                         i.done_by, i.done_at, i.note) for i in items),
        fees=fee_rows,
        fee_total=sum((f.amount for f in fee_rows), Decimal("0.00")).quantize(Decimal("0.01")),
        services=tuple(records.to_row(x, ServiceRow) for x in services),
        meters=tuple(records.to_row(m, MeterRow) for m in meters),
        keys=tuple(records.to_row(k, KeyRow) for k in keys),
        inspection=tuple(records.to_row(i, InspectionRow, open_defects=open_by_insp.get(i.id, 0))
                         for i in inspection),
        defects=tuple(defect_row(d, h.uuid, today) for d in defects),
        missing=tuple(missing),
    )
