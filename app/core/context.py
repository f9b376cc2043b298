"""The service context: engine, session factory, paths, clock and the actor."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.config import Paths
from app.domain.enums import Role
from app.domain.errors import NotInitialised, PermissionDenied, StaleRecord


@dataclass(frozen=True)
class Actor:
    """The staff member doing the work (plain data, safe to keep in a window)."""

    username: str
    name: str
    role: Role

    def at_least(self, role: Role) -> bool:
        return self.role.rank >= role.rank

    @property
    def surname(self) -> str:
        return self.name[:1] if self.name else ""


#: The actor used by the system itself (automatic escalation, imports, migrations).
SYSTEM = Actor("system", "系统", Role.ADMIN)


@dataclass(frozen=True)
class SiteInfo:
    code: str
    name: str
    company_name: str


class Context:
    def __init__(self, engine: Engine, paths: Paths, *, clock: Callable[[], datetime] | None = None,
                 actor: Actor | None = None):
        self.engine = engine
        self.paths = paths
        self.Session = sessionmaker(engine, expire_on_commit=False)
        self._clock = clock or (lambda: datetime.now())
        self.actor: Actor | None = actor
        self._site: SiteInfo | None = None

    # -- time -------------------------------------------------------------
    def now(self) -> datetime:
        """Local time of the site, to the second."""
        return self._clock().replace(microsecond=0)

    def set_clock(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock

    # -- identity ----------------------------------------------------------
    def as_actor(self, actor: Actor | None) -> "Context":
        """A context sharing this engine with another actor (e.g. a second window in tests)."""
        other = Context(self.engine, self.paths, clock=self._clock, actor=actor)
        other._site = self._site
        return other

    @property
    def site(self) -> SiteInfo:
        if self._site is None:
            from app.core.models import Site

            with self.Session() as s:
                site = s.scalars(select(Site).order_by(Site.id)).first()
                if site is None:
                    raise NotInitialised("尚未初始化站点，请先运行 frontdesk init 或在首次启动时填写站点信息")
                self._site = SiteInfo(site.code, site.name, site.company_name)
        return self._site

    def forget_site(self) -> None:
        self._site = None

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise PermissionDenied("请先登录")
        return self.actor

    def require_role(self, role: Role, action: str) -> Actor:
        actor = self.require_actor()
        if not actor.at_least(role):
            raise PermissionDenied(f"{actor.role.value}无权{action}，需要{role.value}或以上权限")
        return actor

    # -- units of work -----------------------------------------------------
    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: commits on success, rolls back on any error.

        A concurrent change detected by the version counter becomes :class:`StaleRecord`.
        """
        session = self.Session()
        try:
            with session.begin():
                yield session
        except StaleDataError:
            raise StaleRecord("该记录已被他人修改，您的修改未保存。请刷新后重试。") from None
        except OperationalError as exc:
            # SQLite: another connection committed after this transaction read its snapshot
            # (SQLITE_BUSY_SNAPSHOT) -- the same race the version counter catches on PostgreSQL.
            if getattr(exc.orig, "sqlite_errorcode", None) == 517:
                raise StaleRecord("该记录已被他人修改，您的修改未保存。请刷新后重试。") from None
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (no commit)."""
        session = self.Session()
        try:
            yield session
        finally:
            session.rollback()
            session.close()
