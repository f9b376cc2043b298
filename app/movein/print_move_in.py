"""RH-01 房屋交付验收单 / 入伙手续单: one unit's handover on one A4 page (or more): the receiving
party, the ticked documents, agreements and items issued, fees with receipt numbers, meter
readings, keys, the inspection room by room, the defects and the signature lines."""

from __future__ import annotations

from app.forms.spec import FormData, FormSpec, Param
from app.movein.handover import form_data
from app.movein.vocab import ChecklistGroup, HandoverStatus, InspectionResult, ItemStatus, MeterKind, PartyKind

#: The inspection column each result is printed in; the rest go together under 不适用/未查.
_OTHER_RESULTS = (InspectionResult.NOT_APPLICABLE.value, InspectionResult.UNCHECKED.value)


def _ticks(items, *, who: bool = False) -> list[dict]:
    """Tick entries; ``who`` adds the checker's name (the ID checks: seen, never their numbers)."""
    out = []
    for i in items:
        if i.status == ItemStatus.NOT_APPLICABLE.value:
            note = ItemStatus.NOT_APPLICABLE.value + (f"：{i.note}" if i.note else "")
        elif i.status == ItemStatus.DONE.value and who and i.done_by:
            note = f"{i.done_by}核验"
        else:
            note = i.note or ""
        out.append({"label": i.item, "checked": i.status == ItemStatus.DONE.value, "note": note})
    return out


def _reading(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def provide(ctx, *, unit: str) -> FormData:
    d = form_data(ctx, unit)
    rooms: dict[str, dict[str, list[str]]] = {}
    for i in d.inspection:
        r = rooms.setdefault(i.room, {x.value: [] for x in InspectionResult})
        r.setdefault(i.result, []).append(i.item)
    inspection = [{"room": room, "passed": "、".join(r[InspectionResult.PASSED.value]),
                   "failed": "、".join(r[InspectionResult.FAILED.value]),
                   "other": "；".join(f"{k}：{'、'.join(r[k])}" for k in _OTHER_RESULTS if r[k])}
                  for room, r in rooms.items()]
    defects = [{"room": x.room, "item": x.item, "description": x.description, "severity": x.severity,
                "responsible": x.responsible, "deadline": x.deadline, "status": x.status,
                "reinspection": (f"{x.reinspected_by} {x.reinspected_at:%Y-%m-%d}" if x.reinspected_at else "")}
               for x in d.defects]
    meters = [{"kind": f"{m.kind}表", "meter_no": m.meter_no, "reading": _reading(m.reading), "read_on": m.read_on}
              for m in d.meters]
    if not meters:  # a handover imported from a workbook carries only the summary readings
        summary = ((MeterKind.WATER, d.water_reading), (MeterKind.ELECTRICITY, d.electricity_reading),
                   (MeterKind.GAS, d.gas_reading))
        meters = [{"kind": f"{k.value}表", "meter_no": "", "reading": _reading(x), "read_on": None}
                  for k, x in summary if x is not None]
    keys = [{"kind": k.kind, "count": k.count, "signed": "已签收" if k.signed else "未签收"} for k in d.keys]
    if not keys and d.keys_text:
        keys = [{"kind": d.keys_text, "count": "", "signed": ""}]
    fees = [{"item": f.item, "amount": f"{f.amount:.2f}", "receipt_no": f.receipt_no} for f in d.fees]
    fee_total = f"{d.fee_total:.2f}"
    services = [{"item": x.item, "detail": x.detail} for x in d.services]
    if not d.recorded_step_by_step:
        # Imported from another desk's workbook: what was collected, entrusted and inspected is not
        # known here. One blank line each (to fill in by hand) rather than the 无收费 / 未验房 an empty
        # list prints, which would state something nobody recorded.
        fees, services, inspection, fee_total = [{}], [{}], [{}], ""
    open_defects = len(d.open_defects)
    if d.status == HandoverStatus.NEEDS_RECTIFICATION.value:
        result = f"{HandoverStatus.NEEDS_RECTIFICATION.value}（{open_defects} 项缺陷未销项）"
    elif d.status == HandoverStatus.DELIVERED.value:
        result = HandoverStatus.DELIVERED.value
        if d.completed_at:
            result += f"（{d.completed_by} {d.completed_at:%Y-%m-%d %H:%M}）"
    else:
        result = d.status
    party = d.party_kind
    if d.party_kind == PartyKind.PROXY.value:
        party = f"{PartyKind.PROXY.value}（凭经公证的授权委托书）"
    values = {
        "unit_no": d.unit_no,
        "mode": d.mode,
        "owner_name": d.owner_name,
        "owner_phone": d.owner_phone,
        "receiver_name": d.receiver_name,
        "receiver_phone": d.receiver_phone,
        "party_kind": party,
        "principal": d.principal,
        "resale": "是" if d.is_resale else "否",
        "handover_at": d.handover_at,
        "handled_by": d.handled_by,
        "status": d.status,
        "result": result,
        "rectify_deadline": d.rectify_deadline,
        "identity": _ticks(d.items_of(ChecklistGroup.IDENTITY.value), who=True),
        "documents": _ticks(d.items_of(ChecklistGroup.DOCUMENTS.value)),
        "agreements": _ticks(d.items_of(ChecklistGroup.AGREEMENTS.value)),
        "issued": _ticks(d.items_of(ChecklistGroup.ISSUED.value)),
        "fees": fees,
        "fee_total": fee_total,
        "services": services,
        "meters": meters,
        "keys": keys,
        "keys_text": d.keys_text,
        "inspection": inspection,
        "defects": defects,
        "defect_count": len(d.defects),
        "open_defect_count": open_defects,
    }
    return FormData(values=values, subject=d.unit_no, record_uuids=(d.uuid,))


FORM = FormSpec(
    key="move-in",
    code="RH-01",
    name="房屋交付验收单",
    provide=provide,
    params=(Param.text("unit", "房号", help="房号，如 3-2-1502"),),
    help="打印一户的房屋交付验收单 / 入伙手续单（RH-01）",
    listed=False,
    order=50,
)
