"""The daily inspection visit (装修巡查): what the inspector found, the failed key checks and a
written violation, which open a rectification notice at once; photos are copied under the
attachments folder."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Iterable

from sqlalchemy import select

from app.core import records
from app.core.context import Context
from app.db.base import new_uuid
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.renovation.application import check_state, load_renovation
from app.renovation.models import Renovation, RenovationInspection
from app.renovation.notices import issue, numbered_deadline
from app.renovation.rules import clean_checks
from app.renovation.vocab import CHECK_SEPARATOR, RenovationStatus, SiteState


@dataclass(frozen=True)
class VisitData:
    """One inspection visit as the receptionist enters it."""

    renovation_uuid: str
    site_state: SiteState | str
    progress: str | None = None
    failed_checks: tuple[str, ...] | list[str] = ()
    violation: str | None = None  # a violation written in (not in the list)
    note: str | None = None
    measures: str | None = None  # 处理措施; defaults to 当场制止 + notice when there is a violation
    photos: tuple[str, ...] | list[str] = ()  # files to attach (copied under attachments)
    inspected_at: datetime | None = None
    signed_by: str | None = None  # who signed for the notice, when known at once
    deadline: datetime | date | None = None  # the notice's deadline (default: notice_days later)


@dataclass(frozen=True)
class VisitRow:
    id: int
    uuid: str
    version: int
    renovation_uuid: str
    unit_no: str
    inspected_at: datetime
    inspector: str
    site_state: str
    progress: str | None
    failed_checks: str | None
    violation: str | None
    measures: str | None
    note: str | None
    photos: tuple[str, ...]
    notice_no: str | None
    notice_deadline: datetime | None
    recheck_at: datetime | None
    recheck_result: str | None
    void_reason: str | None
    updated_at: datetime
    updated_by: str

    @property
    def failed_list(self) -> list[str]:
        return [c for c in (self.failed_checks or "").split(CHECK_SEPARATOR) if c]


def visit_row(ins: RenovationInspection, renovation_uuid: str) -> VisitRow:
    return records.to_row(ins, VisitRow, renovation_uuid=renovation_uuid, photos=tuple(ins.photos or ()))


def _store_photos(ctx: Context, reno_uuid: str, visit_uuid: str, photos: Iterable[str]) -> list[str]:
    stored = []
    folder = Path("renovation") / reno_uuid
    target_dir = ctx.paths.attachments / folder
    for i, src in enumerate(photos or (), start=1):
        path = Path(src)
        if not path.is_file():
            raise ValidationError("照片", f"找不到文件 {src}", "photos")
        target_dir.mkdir(parents=True, exist_ok=True)
        name = f"{visit_uuid[:8]}-{i}{path.suffix.lower()}"
        shutil.copy2(path, target_dir / name)
        stored.append((folder / name).as_posix())
    return stored


def record_visit(ctx: Context, data: VisitData) -> VisitRow:
    """One inspection visit. A failed key check or a written violation opens a
    违章整改通知书 (ZX-02) at once; its number is on the returned row."""
    actor = ctx.require_role(Role.RECEPTIONIST, "登记装修巡查")
    state = v.choice("现场情况", data.site_state, SiteState, key="site_state")
    progress = v.text("施工进度", data.progress, max_len=20, key="progress")
    failed = clean_checks(data.failed_checks)
    violation = v.text("违规描述", data.violation, max_len=v.CONTENT_MAX, key="violation")
    note = v.text("备注", data.note, max_len=v.CONTENT_MAX, key="note")
    measures = v.text("处理措施", data.measures, max_len=2000, key="measures")
    signed_by = v.text("签收人", data.signed_by, max_len=50, key="signed_by")
    now = ctx.now()
    at = v.when("巡查时间", data.inspected_at, now=now, key="inspected_at") or now
    v.not_in_future("巡查时间", at, now, key="inspected_at")
    has_violation = bool(failed or violation)
    if has_violation and not measures:
        measures = "当场制止，发出违章整改通知书"
    with ctx.unit_of_work() as s:
        reno = load_renovation(s, data.renovation_uuid)
        check_state(reno, (RenovationStatus.IN_PROGRESS,), "巡查登记")
        if at.date() < reno.start_date:
            raise ValidationError("巡查时间", f"早于开工日期 {reno.start_date:%Y-%m-%d}", "inspected_at")
        number, deadline = numbered_deadline(ctx, s, reno, data.deadline, at) if has_violation else (None, None)
        visit_uuid = new_uuid()
        photos = _store_photos(ctx, reno.uuid, visit_uuid, data.photos) if data.photos else None
        ins = records.create(ctx, s, RenovationInspection, uuid=visit_uuid, renovation_id=reno.id,
                             unit_no=reno.unit_no, inspected_at=at, inspector=actor.name, site_state=state.value,
                             progress=progress, failed_checks=CHECK_SEPARATOR.join(failed) or None,
                             violation=violation, measures=measures, note=note, photos=photos, notice_no=number,
                             notice_deadline=deadline, site_code=reno.site_code, action="巡查",
                             audit_note=f"{state.value}{' / ' + progress if progress else ''}"
                                        f"{'；违规：' + '、'.join(failed) if failed else ''}")
        if has_violation:
            issue(ctx, s, reno, ins, number=number, deadline=deadline,
                  facts=_facts(at, reno.unit_no, failed, violation), failed=failed, requirement=None, basis=None,
                  signed_by=signed_by, issued_at=at)
        return visit_row(ins, reno.uuid)


def _facts(at: datetime, unit_no: str, failed: list[str], violation: str | None) -> str:
    parts = []
    if failed:
        parts.append("检查发现：" + "、".join(failed))
    if violation:
        parts.append(violation)
    return f"{at:%Y年%m月%d日 %H:%M} 巡查 {unit_no}，" + "；".join(parts) + "。"


def list_visits(ctx: Context, *, renovation_uuid: str | None = None, date_from: date | None = None,
                date_to: date | None = None, include_void: bool = False) -> list[VisitRow]:
    """Visits in time order: one unit's whole history, or a period (a day's round)."""
    with ctx.read() as s:
        q = (select(RenovationInspection, Renovation.uuid)
             .join(Renovation, Renovation.id == RenovationInspection.renovation_id)
             .where(RenovationInspection.site_code == ctx.site.code))
        if renovation_uuid:
            q = q.where(RenovationInspection.renovation_id == load_renovation(s, renovation_uuid).id)
        if date_from:
            q = q.where(RenovationInspection.inspected_at >= datetime.combine(date_from, time(0)))
        if date_to:
            q = q.where(RenovationInspection.inspected_at < datetime.combine(date_to + timedelta(days=1), time(0)))
        if not include_void:
            q = q.where(RenovationInspection.voided_at.is_(None))
        q = q.order_by(RenovationInspection.inspected_at, RenovationInspection.id)
        return [visit_row(ins, ruuid) for ins, ruuid in s.execute(q).all()]


def void_visit(ctx: Context, uuid: str, reason: str, *, expected_version: int | None = None) -> VisitRow:
    """A visit entered by mistake (客服主管+). A notice it opened must be voided on its own."""
    with ctx.unit_of_work() as s:
        ins = records.get_by_uuid(s, RenovationInspection, v.uuid_text("记录编号", uuid, required=True), "巡查记录")
        records.void(ctx, s, ins, reason, expected_version=expected_version, status_field=None)
        return visit_row(ins, s.get(Renovation, ins.renovation_id).uuid)

