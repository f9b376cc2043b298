"""The site's inspection standard (督导标准): read it (seeded from :mod:`app.inspections.seed`
on first use), and edit it: 一级指标 with points, 二级指标 with 检查标准, 检查方法, 扣分标准.
Editing is for 经理 and above; an item or indicator taken out is voided, never deleted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import records
from app.core.context import Context
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.inspections.models import StandardIndicator, StandardItem
from app.inspections.rules import parse_points, points_text
from app.inspections.seed import SEED
from app.inspections.vocab import DeductionBasis, Method


@dataclass(frozen=True)
class StandardItemRow:
    id: int
    uuid: str
    version: int
    indicator_uuid: str
    indicator: str
    name: str
    criteria: tuple[str, ...]
    method: str
    basis: str
    deduct_cp: int

    @property
    def deduction_text(self) -> str:
        who = "一人一个问题点" if self.basis == DeductionBasis.PER_PERSON else "一个问题点"
        return f"{who}扣{points_text(self.deduct_cp)}分"


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    uuid: str
    version: int
    name: str
    points_cp: int
    sort_order: int
    items: tuple[StandardItemRow, ...]


def _indicators(s: Session, ctx: Context) -> list[StandardIndicator]:
    return list(s.scalars(select(StandardIndicator).where(StandardIndicator.site_code == ctx.site.code,
                                                          StandardIndicator.voided_at.is_(None))
                          .order_by(StandardIndicator.sort_order, StandardIndicator.id)))


def ensure_seeded(ctx: Context, s: Session) -> None:
    """Write the seed standard for a site that has none yet (never touched again after)."""
    if s.scalar(select(StandardIndicator.id).where(StandardIndicator.site_code == ctx.site.code).limit(1)):
        return
    for n, ind in enumerate(SEED, start=1):
        row = records.create(ctx, s, StandardIndicator, name=ind["name"], points_cp=ind["points"], sort_order=n,
                             action="初始化督导标准")
        for m, it in enumerate(ind["items"], start=1):
            records.create(ctx, s, StandardItem, indicator_id=row.id, name=it["name"],
                           criteria="\n".join(it["criteria"]), method=str(it["method"]), basis=str(it["basis"]),
                           deduct_cp=it["deduct"], sort_order=m, action="初始化督导标准")


def load_standard(ctx: Context, s: Session) -> list[IndicatorRow]:
    ensure_seeded(ctx, s)
    inds = _indicators(s, ctx)
    items = list(s.scalars(select(StandardItem).where(StandardItem.indicator_id.in_([i.id for i in inds]),
                                                      StandardItem.voided_at.is_(None))
                           .order_by(StandardItem.sort_order, StandardItem.id))) if inds else []
    out = []
    for ind in inds:
        mine = tuple(records.to_row(it, StandardItemRow, indicator_uuid=ind.uuid, indicator=ind.name,
                                    criteria=tuple(x for x in it.criteria.splitlines() if x.strip()))
                     for it in items if it.indicator_id == ind.id)
        out.append(records.to_row(ind, IndicatorRow, items=mine))
    return out


def standard(ctx: Context) -> list[IndicatorRow]:
    """The site's standard, 一级指标 in order, each with its 二级指标."""
    ctx.require_actor()
    with ctx.unit_of_work() as s:
        return load_standard(ctx, s)


def _editor(ctx: Context) -> None:
    ctx.require_role(Role.MANAGER, "修改督导标准")


def save_indicator(ctx: Context, *, name: str, points, uuid: str | None = None, sort_order: int | None = None,
                   expected_version: int | None = None) -> IndicatorRow:
    _editor(ctx)
    name = v.text("一级指标", name, required=True, max_len=50, key="name")
    points_cp = parse_points("分值", points, key="points")
    with ctx.unit_of_work() as s:
        ensure_seeded(ctx, s)
        same = [i for i in _indicators(s, ctx) if i.name == name and i.uuid != uuid]
        if same:
            raise ValidationError("一级指标", f"“{name}”已存在", "name")
        if uuid is None:
            order = sort_order if sort_order is not None else len(_indicators(s, ctx)) + 1
            ind = records.create(ctx, s, StandardIndicator, name=name, points_cp=points_cp, sort_order=order)
        else:
            ind = records.get_by_uuid(s, StandardIndicator, uuid, "一级指标")
            largest = s.scalar(select(func.max(StandardItem.deduct_cp)).where(StandardItem.indicator_id == ind.id,
                                                                              StandardItem.voided_at.is_(None)))
            if largest and points_cp < largest:
                raise ValidationError("分值", f"不能小于其二级指标的扣分标准（最大每次扣 {points_text(largest)} 分）",
                                      "points")
            changes = {"name": name, "points_cp": points_cp}
            if sort_order is not None:
                changes["sort_order"] = sort_order
            records.update(ctx, s, ind, changes, expected_version=expected_version, action="修改督导标准")
        return next(r for r in load_standard(ctx, s) if r.uuid == ind.uuid)


def save_item(ctx: Context, *, indicator_uuid: str, name: str, criteria: str | list[str], method: str,
              basis: str, deduct, uuid: str | None = None, expected_version: int | None = None) -> StandardItemRow:
    _editor(ctx)
    name = v.text("二级指标", name, required=True, max_len=50, key="name")
    if not isinstance(criteria, str):
        criteria = "\n".join(criteria)
    lines = [x.strip() for x in (criteria or "").splitlines() if x.strip()]
    if not lines:
        raise ValidationError("检查标准", "至少写一条检查标准", "criteria")
    text = v.text("检查标准", "\n".join(lines), required=True, max_len=v.CONTENT_MAX, key="criteria")
    method = v.text("检查方法", method, required=True, max_len=30, key="method")
    basis = v.choice("扣分标准", basis, DeductionBasis, key="basis").value
    deduct_cp = parse_points("扣分", deduct, key="deduct")
    with ctx.unit_of_work() as s:
        ind = records.get_by_uuid(s, StandardIndicator, indicator_uuid, "一级指标")
        if deduct_cp > ind.points_cp:
            raise ValidationError("扣分", f"{points_text(deduct_cp)} 分超过了一级指标“{ind.name}”的分值 "
                                        f"{points_text(ind.points_cp)} 分", "deduct")
        fields = {"indicator_id": ind.id, "name": name, "criteria": text, "method": method, "basis": basis,
                  "deduct_cp": deduct_cp}
        if uuid is None:
            count = len(list(s.scalars(select(StandardItem.id).where(StandardItem.indicator_id == ind.id))))
            it = records.create(ctx, s, StandardItem, sort_order=count + 1, **fields)
        else:
            it = records.get_by_uuid(s, StandardItem, uuid, "二级指标")
            records.update(ctx, s, it, fields, expected_version=expected_version, action="修改督导标准")
        return records.to_row(it, StandardItemRow, indicator_uuid=ind.uuid, indicator=ind.name, criteria=tuple(lines))


def remove(ctx: Context, uuid: str, reason: str, *, expected_version: int | None = None) -> None:
    """Take an 一级指标 (with its items) or a 二级指标 out of the standard (voided)."""
    _editor(ctx)
    with ctx.unit_of_work() as s:
        obj = s.scalars(select(StandardIndicator).where(StandardIndicator.uuid == uuid)).first() or \
            records.get_by_uuid(s, StandardItem, uuid, "督导标准项目")
        records.void(ctx, s, obj, reason, expected_version=expected_version, status_field=None, min_role=Role.MANAGER)
        if isinstance(obj, StandardIndicator):
            for it in s.scalars(select(StandardItem).where(StandardItem.indicator_id == obj.id,
                                                           StandardItem.voided_at.is_(None))):
                records.void(ctx, s, it, reason, expected_version=None, status_field=None, min_role=Role.MANAGER)


def move(ctx: Context, uuid: str, step: int) -> None:
    """Move an 一级指标 among the indicators, or a 二级指标 within its indicator, ``step`` places
    (−1 up, 1 down); the order is renumbered in one go."""
    _editor(ctx)
    with ctx.unit_of_work() as s:
        ensure_seeded(ctx, s)
        obj = s.scalars(select(StandardIndicator).where(StandardIndicator.uuid == uuid)).first()
        if obj is not None:
            siblings = _indicators(s, ctx)
        else:
            obj = records.get_by_uuid(s, StandardItem, uuid, "督导标准项目")
            siblings = list(s.scalars(select(StandardItem).where(StandardItem.indicator_id == obj.indicator_id,
                                                                 StandardItem.voided_at.is_(None))
                                      .order_by(StandardItem.sort_order, StandardItem.id)))
        at = siblings.index(obj)
        to = min(max(at + int(step), 0), len(siblings) - 1)
        if to == at:
            return
        siblings.insert(to, siblings.pop(at))
        for n, x in enumerate(siblings, start=1):
            if x.sort_order != n:
                records.update(ctx, s, x, {"sort_order": n}, expected_version=None, action="调整督导标准顺序")


METHODS = tuple(m.value for m in Method)
