"""The joint inspection (验房), room by room: items marked 合格 / 不适用 / 未查, and rooms
added for this unit. A failed item is a defect (see ``app.movein.defects``).
"""

from __future__ import annotations

import re
from typing import Iterable

from sqlalchemy import func, select

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.movein.models import Defect, InspectionItem
from app.movein.vocab import InspectionResult, OPEN_DEFECT
from app.movein.templates import COMMON_ITEMS, inspection_template
from app.movein.handover_record import get_child, get_record, record_step, require_open
from app.movein.handover_data import HandoverData, handover_data, load_lines


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
        h = get_record(s, ctx, uuid)
        require_open(h, "验房")
        names = []
        for iid in ids:
            insp = get_child(s, InspectionItem, h, iid, "检查项")
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
            record_step(ctx, s, h, "验房", f"{'、'.join(names)}：{result.value}", expected_version=expected_version)
        else:
            records.check_version(h, expected_version)
        return handover_data(ctx, s, h)


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
        item_list = list(tpl.get(room) or tpl.get(base) or COMMON_ITEMS)
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "验房")
        existing = {(i.room, i.item) for i in load_lines(s, h)[5]}
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
        record_step(ctx, s, h, "增加验房项", f"{room}：{'、'.join(item_list)}", expected_version=expected_version)
        return handover_data(ctx, s, h)
