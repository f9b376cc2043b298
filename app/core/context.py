"""The service context: engine, session factory, paths, clock and the actor."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.config import Paths
from app.db.engine import writer
from app.domain.enums import Role
from app.domain.errors import (
    DiskFull, FrontDeskError, NotInitialised, PermissionDenied, ReadOnlyHome, SessionEnded, StaleRecord,
    StorageError,
)

#: SQLite result codes that mean the file itself is damaged.
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_FULL = 13
_READONLY = 8


@dataclass(frozen=True)
class Actor:
    """The staff member doing the work (plain data, safe to keep in a window)."""

    username: str
    name: str
    role: Role
    #: The account's session epoch when it logged in (see :meth:`Context.verify_actor`).
    epoch: int = 0

    @property
    def is_person(self) -> bool:
        """A staff account of the database (not the system itself, nor the command line, whose
        user already holds the database file)."""
        return self.username != "system" and not self.username.startswith("cli:")

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
        self.WriteSession = sessionmaker(writer(engine), expire_on_commit=False)
        self._clock = clock or (lambda: datetime.now())
        self.actor: Actor | None = actor
        self._site: SiteInfo | None = None
        #: Set when the database cannot take writes: a read-only home, or damage found while
        #: working. Every later unit of work is refused with this error, so nothing more is
        #: written into a file known to be damaged.
        self.storage_error: StorageError | None = None

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
        other.storage_error = self.storage_error
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
        """The actor, when the account (checked in the database) holds ``role`` or above."""
        actor = self.require_actor()
        if not actor.at_least(role):
            raise PermissionDenied(f"{actor.role.value}无权{action}，需要{role.value}或以上权限")
        if actor.is_person:
            with self.read() as s:  # (a lost server or damaged file becomes the user's message)
                self.verify_actor(s)
        return actor

    def verify_actor(self, session: Session) -> None:
        """Stop an account that is no longer what it was when it logged in: deactivated, its
        role changed, or its password reset (its session epoch grew). One indexed read."""
        actor = self.actor
        if actor is None or not actor.is_person:
            return
        from app.core.models import Staff

        row = session.execute(select(Staff.active, Staff.voided_at, Staff.role, Staff.session_epoch)
                              .where(Staff.username == actor.username)).first()
        if row is None or not row.active or row.voided_at is not None:
            raise SessionEnded("您的账号已停用，不能继续操作。请联系管理员。")
        if row.role != actor.role.value:
            raise SessionEnded(f"您的角色已由{actor.role.value}改为{row.role}，请重新登录。")
        if (row.session_epoch or 0) != actor.epoch:
            raise SessionEnded("您的密码已被重置或账号已在别处更改，请重新登录。")

    # -- units of work -----------------------------------------------------
    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: commits on success, rolls back on any error.

        A concurrent change detected by the version counter becomes :class:`StaleRecord`.
        On SQLite the write lock is taken when the transaction begins, so two desks saving at
        once wait for each other (within the busy timeout) instead of failing.
        """
        if self.storage_error is not None:
            raise self.storage_error
        session = self.WriteSession()
        try:
            with session.begin():
                self.verify_actor(session)
                yield session
        except StaleDataError:
            raise StaleRecord("该记录已被他人修改，您的修改未保存。请刷新后重试。") from None
        except DatabaseError as exc:
            storage = self.storage_problem(exc)
            if storage is None:
                raise
            raise storage from None
        finally:
            session.close()

    def storage_problem(self, exc: BaseException) -> FrontDeskError | None:
        """The user's message for a database error that is about the storage itself (and, for
        damage, stop writing from now on); None for any other error."""
        code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
        if code is None:
            from app.core.connection import lost_connection

            return lost_connection(exc)
        if code & 0xFF in _CORRUPT:
            from app.core.health import damaged_message

            self.storage_error = damaged_message(self.paths.database, "读取时发现数据页损坏", self.paths.backups)
            return self.storage_error
        if code & 0xFF == _FULL:
            return DiskFull("磁盘已满，刚才的操作没有保存。请清理磁盘空间（或请管理员处理）后再保存；已录入的内容仍在窗口中。")
        if code & 0xFF == _READONLY:
            return ReadOnlyHome("数据目录是只读的，不能保存。请联系管理员检查数据目录的权限。")
        if code == 517:
            # SQLITE_BUSY_SNAPSHOT: another connection committed after this transaction read
            # its snapshot -- the same race the version counter catches on PostgreSQL.
            return StaleRecord("该记录已被他人修改，您的修改未保存。请刷新后重试。")
        return None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (no commit)."""
        session = self.Session()
        try:
            yield session
        except DatabaseError as exc:
            storage = self.storage_problem(exc)
            if storage is None:
                raise
            raise storage from None
        finally:
            session.rollback()
            session.close()
