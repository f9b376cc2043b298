"""部门: the departments records are handed to (工程部, 安管部 …). Editable by 客服主管 and above;
never deleted, only deactivated. Records keep the department name they were handed to, so a
renamed department leaves older records as they were written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.core.models import Department
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.core import records
from app.core.context import Context

MANAGE = Role.SUPERVISOR


@dataclass(frozen=True)
class DepartmentRow:
    id: int
    uuid: str
    name: str
    head: str | None
    phone: str | None
    active: bool
    sort_order: int
    version: int


def _ordered(ctx: Context):
    return (select(Department).where(Department.site_code == ctx.site.code, Department.voided_at.is_(None))
            .order_by(Department.sort_order, Department.id))


def list_departments(ctx: Context, *, include_inactive: bool = True) -> list[DepartmentRow]:
    q = _ordered(ctx)
    if not include_inactive:
        q = q.where(Department.active.is_(True))
    with ctx.read() as s:
        return [records.to_row(d, DepartmentRow) for d in s.scalars(q)]


def list_names(ctx: Context) -> list[str]:
    """Names of the active departments, in the site's order (for pick lists)."""
    with ctx.read() as s:
        return list(s.scalars(_ordered(ctx).where(Department.active.is_(True)).with_only_columns(Department.name)))


def _name(value: str | None) -> str:
    return v.text("部门名称", value, required=True, max_len=50, key="name")


def _taken(s, ctx: Context, name: str, but: int | None = None) -> bool:
    q = select(Department.id).where(Department.site_code == ctx.site.code, Department.name == name)
    if but is not None:
        q = q.where(Department.id != but)
    return s.scalar(q) is not None


def add_department(ctx: Context, name: str, *, head: str | None = None, phone: str | None = None) -> DepartmentRow:
    ctx.require_role(MANAGE, "管理部门")
    name = _name(name)
    head = v.text("负责人", head, max_len=50, key="head")
    phone = v.normalize_phone(phone)
    with ctx.unit_of_work() as s:
        if _taken(s, ctx, name):
            raise ValidationError("部门名称", f"“{name}”已存在（如已停用，可重新启用）", "name")
        last = s.scalar(select(func.max(Department.sort_order)).where(Department.site_code == ctx.site.code))
        d = records.create(ctx, s, Department, name=name, head=head, phone=phone, active=True,
                           sort_order=(last or 0) + 1)
        return records.to_row(d, DepartmentRow)


def update_department(ctx: Context, department_id: int, *, expected_version: int, name: str,
                      head: str | None = None, phone: str | None = None) -> DepartmentRow:
    """Rename a department or change its head and phone."""
    ctx.require_role(MANAGE, "管理部门")
    name = _name(name)
    changes = {"name": name, "head": v.text("负责人", head, max_len=50, key="head"),
               "phone": v.normalize_phone(phone)}
    with ctx.unit_of_work() as s:
        d = records.get_by_id(s, Department, department_id, "部门")
        if _taken(s, ctx, name, but=d.id):
            raise ValidationError("部门名称", f"“{name}”已存在", "name")
        records.update(ctx, s, d, changes, expected_version=expected_version)
        return records.to_row(d, DepartmentRow)


def rename_department(ctx: Context, department_id: int, name: str, *, expected_version: int) -> DepartmentRow:
    with ctx.read() as s:
        d = records.get_by_id(s, Department, department_id, "部门")
        head, phone = d.head, d.phone
    return update_department(ctx, department_id, expected_version=expected_version, name=name, head=head,
                             phone=phone)


def set_active(ctx: Context, department_id: int, active: bool, *, expected_version: int | None = None
               ) -> DepartmentRow:
    """Deactivate (no longer offered in pick lists) or reactivate a department."""
    ctx.require_role(MANAGE, "管理部门")
    with ctx.unit_of_work() as s:
        d = records.get_by_id(s, Department, department_id, "部门")
        records.update(ctx, s, d, {"active": bool(active)}, expected_version=expected_version,
                       action="启用部门" if active else "停用部门")
        return records.to_row(d, DepartmentRow)


def move(ctx: Context, department_id: int, step: int) -> list[DepartmentRow]:
    """Move a department up (step -1) or down (+1) in the pick lists."""
    ctx.require_role(MANAGE, "管理部门")
    with ctx.unit_of_work() as s:
        rows = list(s.scalars(_ordered(ctx)))
        index = next((i for i, d in enumerate(rows) if d.id == department_id), None)
        if index is None:
            records.get_by_id(s, Department, department_id, "部门")  # raises NotFound
            return []
        target = index + step
        if 0 <= target < len(rows):
            rows[index], rows[target] = rows[target], rows[index]
            for i, d in enumerate(rows):
                if d.sort_order != i:
                    records.update(ctx, s, d, {"sort_order": i}, expected_version=None, action="调整顺序")
        return [records.to_row(d, DepartmentRow) for d in rows]
