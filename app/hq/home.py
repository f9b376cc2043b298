"""A head-office home: made once with ``init_head_office``; it holds many sites' records and
no desk work. The kind of a home is a setting (``home.kind``), so the desk's screens are not
offered in a head-office home and head office's commands refuse a desk's home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.core import settings, users
from app.core.context import Actor, Context
from app.core.models import Setting
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import FrontDeskError, NotFound, ValidationError
from app.hq.models import HqSite

HEAD_OFFICE = "head_office"
HOME_KIND = settings.define("home.kind", "desk", "数据目录类型（desk 站点前台 / head_office 总部）")


class NotHeadOffice(FrontDeskError):
    """A head-office command on a desk's home."""


@dataclass(frozen=True)
class SiteRow:
    code: str
    name: str
    company_name: str | None
    households: int | None
    registered_at: datetime


def init_head_office(ctx: Context, *, company: str, code: str = "HQ", name: str | None = None,
                     admin_username: str = "admin", admin_name: str | None = None, password: str) -> Actor:
    """Make this empty home a head office of ``company`` with its first administrator."""
    company = v.text("公司名称", company, required=True, max_len=100, key="company_name")
    actor = users.init_site(ctx, site_code=code, site_name=name or f"{company}总部", company_name=company,
                            admin_username=admin_username, admin_name=admin_name, password=password)
    with ctx.unit_of_work() as s:
        s.add(Setting(key=HOME_KIND.key, value=HEAD_OFFICE, updated_at=ctx.now(), updated_by=actor.name))
    return actor


def is_head_office(ctx: Context) -> bool:
    with ctx.read() as s:
        return s.scalar(select(Setting.value).where(Setting.key == HOME_KIND.key)) == HEAD_OFFICE


def require_head_office(ctx: Context) -> None:
    if not is_head_office(ctx):
        raise NotHeadOffice("这不是总部数据目录：请先用 frontdesk hq init --company 公司名称 建立总部数据目录")


def list_sites(ctx: Context) -> list[SiteRow]:
    with ctx.read() as s:
        return [SiteRow(r.code, r.name, r.company_name, r.households, r.registered_at)
                for r in s.scalars(select(HqSite).order_by(HqSite.code))]


def set_households(ctx: Context, code: str, households: int | None) -> SiteRow:
    """The number of households of a site's estate (for complaints per 100 households)."""
    actor = ctx.require_role(Role.SUPERVISOR, "修改站点住户数")
    if households is not None and (not isinstance(households, int) or households < 1):
        raise ValidationError("住户数", "住户数应为正整数", "households")
    with ctx.unit_of_work() as s:
        site = s.scalars(select(HqSite).where(HqSite.code == code)).first()
        if site is None:
            raise NotFound(f"没有站点“{code}”：总部尚未收到该站点的工作簿")
        site.households = households
        site.updated_at = ctx.now()
        site.updated_by = actor.name
        return SiteRow(site.code, site.name, site.company_name, site.households, site.registered_at)
