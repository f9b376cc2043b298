"""RH-01 房屋交付验收单 / 入伙手续单: one unit's handover on one A4 page (or more): the receiving
party, the ticked documents, agreements and items issued, fees with receipt numbers, meter
readings, keys, the inspection room by room, the defects and the signature lines."""

from __future__ import annotations

from app.forms.spec import FormData, FormSpec, Param


def _ticks(items, *, who: bool = False) -> list[dict]:
    """Tick entries; ``who`` adds the checker's name (the ID checks: seen, never their numbers)."""
    out = []
    for i in items:
        if i.status == "不适用":
            note = "不适用" + (f"：{i.note}" if i.note else "")
        elif i.status == "已完成" and who and i.done_by:
            note = f"{i.done_by}核验"
        else:
            note = i.note or ""
        out.append({"label": i.item, "checked": i.status == "已完成", "note": note})
    return out


def _reading(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def provide(ctx, *, unit: str) -> FormData:
    from app.movein import service as mi

    d = mi.form_data(ctx, unit)
    rooms: dict[str, dict[str, list[str]]] = {}
    for i in d.inspection:
        r = rooms.setdefault(i.room, {"合格": [], "不合格": [], "不适用": [], "未查": []})
        r.setdefault(i.result, []).append(i.item)
    inspection = [{"room": room, "passed": "、".join(r["合格"]), "failed": "、".join(r["不合格"]),
                   "other": "；".join(f"{k}：{'、'.join(r[k])}" for k in ("不适用", "未查") if r[k])}
                  for room, r in rooms.items()]
    defects = [{"room": x.room, "item": x.item, "description": x.description, "severity": x.severity,
                "responsible": x.responsible, "deadline": x.deadline, "status": x.status,
                "reinspection": (f"{x.reinspected_by} {x.reinspected_at:%Y-%m-%d}" if x.reinspected_at else "")}
               for x in d.defects]
    meters = [{"kind": f"{m.kind}表", "meter_no": m.meter_no, "reading": _reading(m.reading), "read_on": m.read_on}
              for m in d.meters]
    if not meters:  # a handover imported from a workbook carries only the summary readings
        meters = [{"kind": f"{k}表", "meter_no": "", "reading": _reading(x), "read_on": None}
                  for k, x in (("水", d.water_reading), ("电", d.electricity_reading), ("燃气", d.gas_reading))
                  if x is not None]
    keys = [{"kind": k.kind, "count": k.count, "signed": "已签收" if k.signed else "未签收"} for k in d.keys]
    if not keys and d.keys_text:
        keys = [{"kind": d.keys_text, "count": "", "signed": ""}]
    open_defects = len(d.open_defects)
    if d.status == mi.HandoverStatus.NEEDS_RECTIFICATION.value:
        result = f"需整改（{open_defects} 项缺陷未销项）"
    elif d.status == mi.HandoverStatus.DELIVERED.value:
        result = "已交付" + (f"（{d.completed_by} {d.completed_at:%Y-%m-%d %H:%M}）" if d.completed_at else "")
    else:
        result = d.status
    party = d.party_kind
    if d.party_kind == mi.PartyKind.PROXY.value:
        party = "受托人（凭经公证的授权委托书）"
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
        "identity": _ticks(d.items_of("证件核验"), who=True),
        "documents": _ticks(d.items_of("资料查验")),
        "agreements": _ticks(d.items_of("协议签署")),
        "issued": _ticks(d.items_of("资料发放")),
        "fees": [{"item": f.item, "amount": f"{f.amount:.2f}", "receipt_no": f.receipt_no} for f in d.fees],
        "fee_total": f"{d.fee_total:.2f}",
        "services": [{"item": x.item, "detail": x.detail} for x in d.services],
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
