"""Defects found at the inspection, followed to closure: 已登记 → 整改中 → 待复验 → 已销项
(back to 整改中 when the re-inspection fails; 已取消 with a reason), with photos kept under
the attachments folder.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import select

from app.core import records, settings
from app.core.context import Context
from app.db.base import new_uuid
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import InvalidTransition, ValidationError
from app.movein.models import Defect, Handover, InspectionItem
from app.movein.vocab import DefectSeverity, DefectStatus, InspectionResult, OPEN_DEFECT
from app.movein.templates import DEFECT_DAYS
from app.movein.handover_record import get_child, get_record, record_step, require_open, site_today
from app.movein.handover_data import DefectRow, HandoverData, defect_row, handover_data


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


def check_deadline(ctx: Context, value, label: str = "整改期限") -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValidationError(label, f"“{value}”不是有效的日期", "deadline")
    if value < site_today(ctx):
        raise ValidationError(label, "不能早于今天", "deadline")
    if (value - site_today(ctx)).days > 366:
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
    deadline = check_deadline(ctx, deadline)
    with ctx.unit_of_work() as s:
        h = get_record(s, ctx, uuid)
        require_open(h, "登记缺陷")
        insp = None
        if inspection_id is not None:
            insp = get_child(s, InspectionItem, h, inspection_id, "检查项")
            room, item = insp.room, insp.item
        else:
            insp = s.scalars(select(InspectionItem).where(InspectionItem.handover_id == h.id,
                                                          InspectionItem.room == room, InspectionItem.item == item,
                                                          InspectionItem.voided_at.is_(None))).first()
        if deadline is None:
            deadline = h.rectify_deadline or (site_today(ctx) + timedelta(days=int(settings.get(ctx, DEFECT_DAYS.key) or 15)))
        d_uuid = new_uuid()
        stored = _store_photos(ctx, d_uuid, photos, 1)
        records.create(ctx, s, Defect, uuid=d_uuid, handover_id=h.id, inspection_id=insp.id if insp else None,
                       unit_no=h.unit_no, room=room, item=item, description=description, severity=severity.value,
                       responsible=responsible, deadline=deadline, status=DefectStatus.REGISTERED.value,
                       photos=stored or None, action="登记缺陷")
        if insp is not None and insp.result != InspectionResult.FAILED.value:
            records.update(ctx, s, insp, {"result": InspectionResult.FAILED.value, "checked_by": ctx.actor.name,
                                          "checked_at": ctx.now()}, expected_version=None, action="验房")
        record_step(ctx, s, h, "登记缺陷", f"{room}/{item}（{severity.value}）：{description}", data_entry=False,
                    expected_version=expected_version)
        return handover_data(ctx, s, h)


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
        record_step(ctx, s, h, "添加缺陷照片", f"{d.room}/{d.item}：{len(stored)} 张", data_entry=False)
        return defect_row(d, h.uuid, site_today(ctx))


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
            changes["deadline"] = check_deadline(ctx, deadline)
        if note:
            changes["note"] = (d.note + "\n" if d.note else "") + f"{ctx.now():%m-%d %H:%M} {label}：{note}"
        before = d.status
        records.update(ctx, s, d, changes, expected_version=None, action=label, note=note)
        record_step(ctx, s, h, label, f"{d.room}/{d.item}：{before} → {target}" + (f"（{note}）" if note else ""),
                    data_entry=False)
        return defect_row(d, h.uuid, site_today(ctx))


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
    today = site_today(ctx)
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
        return [defect_row(d, hu, today) for d, hu in rows]
