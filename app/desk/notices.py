"""告知: a notice (重要告知 / 一般告知 / 温馨提示) with its text, its target (all households,
some buildings, a list of units) and its channels. An important notice must reach every
household concerned: after the public notice each one is confirmed (by phone, a visit …),
with who confirmed and when; a household not reached after the site's number of tries is
marked unreachable. The coverage is confirmed households over households targeted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import residents
from app.core import records
from app.db.base import new_uuid
from app.core.context import Context
from app.desk.desk_settings import confirm_tries
from app.desk.models import Notice, NoticeConfirmation
from app.desk.numbers import next_number
from app.desk.vocab import (
    LIST_SEPARATOR, ConfirmMethod, ConfirmStatus, NoticeChannel, NoticeKind, NoticeStatus, NoticeTarget,
)
from app.domain import validate as v
from app.domain.errors import InvalidTransition, NotFound, ValidationError


@dataclass(frozen=True)
class Coverage:
    households: int
    confirmed: int
    unreachable: int

    @property
    def pending(self) -> int:
        return self.households - self.confirmed - self.unreachable

    @property
    def rate(self) -> float:
        """Confirmed over households (0.0 when there are none)."""
        return self.confirmed / self.households if self.households else 0.0

    @property
    def text(self) -> str:
        if not self.households:
            return ""
        return (f"已确认 {self.confirmed}/{self.households} 户（{self.rate:.1%}），无法联系 {self.unreachable} 户，"
                f"待确认 {self.pending} 户")


@dataclass(frozen=True)
class NoticeRow:
    id: int
    uuid: str
    version: int
    number: str
    kind: str
    title: str
    body: str
    target: str
    targets: str | None
    channels: str
    published_at: datetime
    status: str
    published_by: str
    coverage: Coverage
    void_reason: str | None
    updated_at: datetime
    updated_by: str

    @property
    def target_text(self) -> str:
        if self.target == NoticeTarget.ALL:
            return NoticeTarget.ALL.value
        return f"{self.target}：" + "、".join((self.targets or "").split(LIST_SEPARATOR))


@dataclass(frozen=True)
class ConfirmationRow:
    id: int
    uuid: str
    version: int
    notice_uuid: str
    unit_no: str
    tries: int
    last_try_at: datetime | None
    confirmed_by: str | None
    confirmed_at: datetime | None
    method: str | None
    staff: str | None
    status: str
    note: str | None


def _coverage(s: Session, notice_id: int) -> Coverage:
    counts = dict(s.execute(select(NoticeConfirmation.status, func.count()).where(
        NoticeConfirmation.notice_id == notice_id, NoticeConfirmation.voided_at.is_(None))
        .group_by(NoticeConfirmation.status)).all())
    return Coverage(sum(counts.values()), counts.get(ConfirmStatus.CONFIRMED.value, 0),
                    counts.get(ConfirmStatus.UNREACHABLE.value, 0))


def notice_row(s: Session, n: Notice) -> NoticeRow:
    return records.to_row(n, NoticeRow, published_by=n.created_by, coverage=_coverage(s, n.id))


def _list(label: str, values, enum=None) -> list[str]:
    out = []
    for x in values or []:
        x = v.text(label, x, max_len=50)
        if x is None:
            continue
        if enum is not None:
            x = v.choice(label, x, enum).value
        if x not in out:
            out.append(x)
    return out


def _households(ctx: Context, target: NoticeTarget, targets: list[str]) -> list[str]:
    if target == NoticeTarget.ALL:
        return residents.all_unit_codes(ctx)
    if target == NoticeTarget.BUILDINGS:
        known = {b.name for b in residents.list_buildings(ctx)}
        units = []
        for b in targets:
            if b not in known:
                raise ValidationError("告知对象", f"没有楼栋“{b}”", "targets")
            units += [u.code for u in residents.list_units(ctx, building=b)]
        return sorted(set(units), key=v.natural_key)
    return sorted({v.normalize_unit(u, label="告知对象", required=True, key="targets") for u in targets},
                  key=v.natural_key)


def publish(ctx: Context, *, kind: str, title: str, body: str, target: str = NoticeTarget.ALL,
            targets: list[str] | None = None, channels: list[str] | None = None) -> NoticeRow:
    """Publish a notice now. An important notice lists every household of its target, each
    waiting for its confirmation."""
    ctx.require_actor()
    kind = v.choice("告知类型", kind, NoticeKind, key="kind")
    title = v.text("标题", title, required=True, max_len=200, key="title")
    body = v.text("告知内容", body, required=True, max_len=v.CONTENT_MAX, key="body")
    target = v.choice("告知范围", target, NoticeTarget, key="target")
    names = _list("告知对象", targets)
    if target != NoticeTarget.ALL and not names:
        raise ValidationError("告知对象", "请填写楼栋或房号", "targets")
    chans = _list("告知方式", channels or [NoticeChannel.BOARD.value], NoticeChannel)
    if not chans:
        raise ValidationError("告知方式", "至少选择一种告知方式", "channels")
    units = _households(ctx, target, names) if target != NoticeTarget.ALL or kind == NoticeKind.IMPORTANT else []
    if target == NoticeTarget.UNITS:
        names = units
    if kind == NoticeKind.IMPORTANT and not units:
        raise ValidationError("告知对象", "重要告知须逐户确认，但所选范围内没有登记的房屋", "targets")
    now = ctx.now()
    with ctx.unit_of_work() as s:
        n = records.create(ctx, s, Notice, number=next_number(s, Notice, ctx.site.code, now.date()), kind=kind.value,
                           title=title, body=body, target=target.value,
                           targets=LIST_SEPARATOR.join(names) or None, channels=LIST_SEPARATOR.join(chans),
                           published_at=now, status=NoticeStatus.PUBLISHED.value, action="发布")
        if kind == NoticeKind.IMPORTANT:
            for unit in units:
                s.add(NoticeConfirmation(
                    uuid=new_uuid(), site_code=n.site_code, notice_id=n.id, unit_no=unit, tries=0,
                    status=ConfirmStatus.PENDING.value, created_at=now, created_by=ctx.actor.name, updated_at=now,
                    updated_by=ctx.actor.name))
            s.flush()
        return notice_row(s, n)


def _load(s: Session, uuid: str) -> Notice:
    return records.get_by_uuid(s, Notice, v.uuid_text("记录编号", uuid, required=True), "告知")


def record_contact(ctx: Context, notice_uuid: str, unit_no: str, *, reached: bool, confirmed_by: str | None = None,
                   method: str = ConfirmMethod.PHONE, note: str | None = None) -> ConfirmationRow:
    """One try to reach a household about an important notice: reached, it is confirmed (by
    whom of the household, how, now); not reached after the site's number of tries, it is
    unreachable."""
    actor = ctx.require_actor()
    unit = v.normalize_unit(unit_no, required=True, key="unit_no")
    how = v.choice("确认方式", method, ConfirmMethod, key="method")
    who = v.text("确认人", confirmed_by, required=reached, max_len=50, key="confirmed_by")
    note = v.text("备注", note, max_len=500, key="note")
    now = ctx.now()
    limit = confirm_tries(ctx)
    with ctx.unit_of_work() as s:
        n = _load(s, notice_uuid)
        if n.voided_at is not None:
            raise InvalidTransition(f"告知 {n.number} 已作废")
        c = s.scalars(select(NoticeConfirmation).where(NoticeConfirmation.notice_id == n.id,
                                                       NoticeConfirmation.unit_no == unit)).first()
        if c is None:
            raise ValidationError("房号", f"{unit} 不在告知 {n.number} 的确认名单中", "unit_no")
        if c.status == ConfirmStatus.CONFIRMED:
            raise InvalidTransition(f"{unit} 已于 {c.confirmed_at:%m-%d %H:%M} 确认")
        changes = {"tries": c.tries + 1, "last_try_at": now, "method": how.value, "staff": actor.name}
        if reached:
            changes.update(status=ConfirmStatus.CONFIRMED.value, confirmed_by=who, confirmed_at=now)
        elif c.tries + 1 >= limit:
            changes["status"] = ConfirmStatus.UNREACHABLE.value
        if note:
            changes["note"] = "；".join(x for x in (c.note, note) if x)
        records.update(ctx, s, c, changes, expected_version=None, action="告知确认" if reached else "联系未果")
        return _confirmation_row(c, n.uuid)


def _confirmation_row(c: NoticeConfirmation, notice_uuid: str) -> ConfirmationRow:
    return records.to_row(c, ConfirmationRow, notice_uuid=notice_uuid)


def confirmations(ctx: Context, notice_uuid: str) -> list[ConfirmationRow]:
    with ctx.read() as s:
        n = _load(s, notice_uuid)
        rows = s.scalars(select(NoticeConfirmation).where(NoticeConfirmation.notice_id == n.id))
        return sorted((_confirmation_row(c, n.uuid) for c in rows), key=lambda r: v.natural_key(r.unit_no))


def void_notice(ctx: Context, uuid: str, reason: str, *, expected_version: int) -> NoticeRow:
    with ctx.unit_of_work() as s:
        n = _load(s, uuid)
        records.void(ctx, s, n, reason, expected_version=expected_version)
        return notice_row(s, n)


def get_notice(ctx: Context, key: str) -> NoticeRow:
    """By record number (UUID) or 告知编号."""
    key = (key or "").strip()
    with ctx.read() as s:
        if len(key) == 36:
            return notice_row(s, _load(s, key))
        n = s.scalars(select(Notice).where(Notice.site_code == ctx.site.code, Notice.number == key.upper())).first()
        if n is None:
            raise NotFound(f"找不到告知 {key}")
        return notice_row(s, n)


def list_notices(ctx: Context, date_from: date | None = None, date_to: date | None = None, *,
                 limit: int = 2000) -> list[NoticeRow]:
    q = select(Notice).where(Notice.site_code == ctx.site.code)
    if date_from is not None:
        q = q.where(Notice.published_at >= datetime.combine(date_from, datetime.min.time()))
    if date_to is not None:
        q = q.where(Notice.published_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
    with ctx.read() as s:
        return [notice_row(s, n) for n in s.scalars(q.order_by(Notice.published_at.desc(), Notice.id.desc())
                                                     .limit(limit))]
