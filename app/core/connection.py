"""Which database a desk works on: its own SQLite file, or the service centre's shared
PostgreSQL database.

The choice is remembered in ``<home>/connection.json`` (host, port, database, user: never the
password). The password lives in the operating system's credential store through the
``keyring`` package (Windows Credential Manager), keyed by user, host, port and database.
A ``--db`` URL given without a password takes it from the same store.

Connection failures become :class:`ConnectionFailed` with a Chinese message for each cause
(host unreachable, wrong password, database missing, server too old), and a connection that
drops while working becomes :class:`ConnectionLost` (see :func:`lost_connection`).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from app.config import Paths
from app.domain.errors import FrontDeskError, ValidationError
from app.domain import validate as v

log = logging.getLogger(__name__)

CONNECTION_FILE = "connection.json"
#: The name the passwords are filed under in the credential store.
KEYRING_SERVICE = "FrontDesk 共享数据库"
DEFAULT_PORT = 5432
DEFAULT_DATABASE = "frontdesk"
DEFAULT_USER = "frontdesk"
#: The oldest PostgreSQL the application supports (``server_version_num``).
MIN_SERVER_VERSION = 130000
CONNECT_TIMEOUT = 5


class ConnectionFailed(FrontDeskError):
    """The shared database cannot be reached or used; ``kind`` says why
    (``unreachable``, ``password``, ``database``, ``too_old``, ``other``)."""

    def __init__(self, message: str, kind: str = "other"):
        super().__init__(message)
        self.kind = kind


class PasswordNeeded(ConnectionFailed):
    """The shared database ``db`` needs a password this desk does not have: the credential
    store holds none (a new Windows user, a removed credential), or the server refused the one
    it had. The desk asks its user (ui/admin/password_prompt.py) and tries again."""

    def __init__(self, message: str, db: SharedDatabase):
        super().__init__(message, "password")
        self.db = db


class ConnectionLost(FrontDeskError):
    """The connection to the shared database dropped while working; nothing was saved."""


class CredentialStoreMissing(FrontDeskError):
    """This computer has no usable credential store for the database password."""


@dataclass(frozen=True)
class SharedDatabase:
    """Where the shared database is: everything but the password."""

    host: str
    port: int = DEFAULT_PORT
    database: str = DEFAULT_DATABASE
    user: str = DEFAULT_USER

    @classmethod
    def checked(cls, host: str, port, database: str, user: str) -> "SharedDatabase":
        host = v.text("服务器地址", host, required=True, max_len=200, key="host")
        try:
            port = int(str(port).strip() or DEFAULT_PORT)
        except ValueError:
            raise ValidationError("端口", "应为 1 到 65535 之间的整数", "port") from None
        if not 1 <= port <= 65535:
            raise ValidationError("端口", "应为 1 到 65535 之间的整数", "port")
        database = v.text("数据库名", database, required=True, max_len=63, key="database")
        user = v.text("用户名", user, required=True, max_len=63, key="user")
        return cls(host, port, database, user)

    @property
    def label(self) -> str:
        """What a user is shown: ``frontdesk@192.168.1.20:5432/frontdesk`` (no password)."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None) -> str:
        from sqlalchemy.engine import URL

        return URL.create("postgresql+psycopg", username=self.user, password=password or None, host=self.host,
                          port=self.port, database=self.database).render_as_string(hide_password=False)

    @classmethod
    def from_url(cls, url: str) -> tuple["SharedDatabase", str | None]:
        """The parts of a PostgreSQL URL, and its password (None when it has none)."""
        from sqlalchemy.engine import make_url

        u = make_url(url)
        if u.get_backend_name() != "postgresql":
            raise ValidationError("数据库地址", "共享数据库应为 PostgreSQL 地址，如 postgresql+psycopg://用户@服务器/frontdesk")
        return cls(u.host or "localhost", u.port or DEFAULT_PORT, u.database or DEFAULT_DATABASE,
                   u.username or DEFAULT_USER), u.password


# ---------------------------------------------------------------- the desk's choice
@dataclass(frozen=True)
class DeskConnection:
    """``mode`` is ``local`` (SQLite in the data folder) or ``shared``."""

    mode: str = "local"
    shared: SharedDatabase | None = None


def connection_path(paths: Paths) -> Path:
    return paths.home / CONNECTION_FILE


def load(paths: Paths) -> DeskConnection | None:
    """The choice saved in the home, or None when the desk has not chosen yet."""
    path = connection_path(paths)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("mode") == "shared":
            s = data["shared"]
            return DeskConnection("shared", SharedDatabase(str(s["host"]), int(s["port"]), str(s["database"]),
                                                           str(s["user"])))
        return DeskConnection("local")
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("connection file %s unreadable; using the local database", path)
        return None


def save(paths: Paths, choice: DeskConnection) -> Path:
    """Write the choice atomically (no password is ever written)."""
    path = connection_path(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    data: dict = {"mode": choice.mode}
    if choice.shared is not None:
        data["shared"] = asdict(choice.shared)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


# ---------------------------------------------------------------- passwords
def _account(db: SharedDatabase) -> str:
    return db.label


def store_password(db: SharedDatabase, password: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _account(db), password)
    except KeyringError:
        raise CredentialStoreMissing("本机的系统凭据库不可用，无法保存数据库密码。"
                                     "请在 Windows 凭据管理器可用的账户下运行，或请管理员处理。") from None


def stored_password(db: SharedDatabase) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, _account(db))
    except KeyringError:
        return None


def forget_password(db: SharedDatabase) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, _account(db))
    except (PasswordDeleteError, KeyringError):
        pass


def shared_database(paths: Paths, explicit: str | None = None) -> tuple[SharedDatabase, str | None] | None:
    """The shared database this desk works on and the password its URL carries, or None for a
    local (SQLite) desk: ``--db`` / ``FRONTDESK_DB_URL`` first, then the saved choice."""
    url = explicit or os.environ.get("FRONTDESK_DB_URL")
    if url:
        return SharedDatabase.from_url(url) if url.startswith("postgresql") else None
    choice = load(paths)
    if choice is not None and choice.mode == "shared" and choice.shared is not None:
        return choice.shared, None
    return None


def resolve_url(paths: Paths, explicit: str | None = None, *, password: str | None = None) -> str:
    """The database URL of this desk: ``--db`` / ``FRONTDESK_DB_URL`` first (a PostgreSQL URL
    without a password takes it from the credential store), then the saved choice, then the
    SQLite file in the home. ``password``: the one the user just typed (it wins over the
    store's). A saved shared choice with no password anywhere raises :class:`PasswordNeeded`."""
    url = explicit or os.environ.get("FRONTDESK_DB_URL")
    shared = shared_database(paths, explicit)
    if shared is None:
        return url or paths.database_url()
    db, in_url = shared
    if url:
        password = password or in_url or stored_password(db)
        if password is None or password == in_url:
            return url  # without one libpq may still find it (PGPASSWORD, pgpass.conf); a refusal asks
        from sqlalchemy.engine import make_url

        return make_url(url).set(password=password).render_as_string(hide_password=False)
    password = password or stored_password(db)
    if password is not None:
        return db.url(password)
    raise PasswordNeeded(f"本机没有保存共享数据库（{db.label}）的密码。请输入数据库密码"
                         "（在程序窗口中输入并勾选“记住密码”后，下次启动不再询问）。", db)


def open_failure(exc: BaseException, paths: Paths, explicit: str | None = None) -> ConnectionFailed | None:
    """What a failure to open this desk's shared database means for its user: a
    :class:`PasswordNeeded` when the server refused the password, else the cause in Chinese
    (:func:`classify`); None for a local desk or an error that is not the connection's."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, ConnectionFailed):
        return exc
    if not isinstance(exc, DBAPIError):
        return None
    try:
        shared = shared_database(paths, explicit)
    except ValidationError:
        return None
    if shared is None:
        return None
    db = shared[0]
    failure = classify(exc, db)
    if failure.kind == "password":
        return PasswordNeeded(f"密码不正确：服务器拒绝了用户“{db.user}”的登录（{db.label}）。"
                              "请重新输入数据库密码（区分大小写）。", db)
    return failure


def use_shared(paths: Paths, db: SharedDatabase, password: str) -> None:
    """Remember that this desk works on ``db`` (password to the credential store)."""
    store_password(db, password)
    save(paths, DeskConnection("shared", db))


def use_local(paths: Paths) -> None:
    save(paths, DeskConnection("local"))


# ---------------------------------------------------------------- testing a connection
@dataclass(frozen=True)
class ServerInfo:
    version: str
    site: str | None  # "SG01 阳光花园服务中心" when the database already holds a site
    empty: bool  # no FrontDesk tables yet


_UNREACHABLE = ("connection refused", "could not translate host", "failed to resolve host", "timeout expired",
                "timed out", "no route to host", "network is unreachable", "name or service not known",
                "could not connect", "server closed the connection", "connection reset", "拒绝连接", "超时")
_PASSWORD = ("password authentication failed", "authentication failed", "no password supplied",
             "role \"", "口令认证失败", "密码认证失败", "认证失败", "pg_hba.conf")
_DATABASE = ("does not exist", "不存在")


def classify(exc: BaseException, db: SharedDatabase) -> ConnectionFailed:
    """A user's message for a failure to connect (libpq's words are matched, since a failed
    connection carries no SQLSTATE)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if any(k in text for k in _PASSWORD):
        return ConnectionFailed(f"用户名或密码不正确：服务器拒绝了用户“{db.user}”的登录。请核对密码（区分大小写）。", "password")
    if "database" in text and any(k in text for k in _DATABASE) or "数据库" in text and "不存在" in text:
        return ConnectionFailed(f"服务器上没有名为“{db.database}”的数据库。请核对数据库名，"
                                "或在服务器上运行 frontdesk server prepare 创建它。", "database")
    if any(k in text for k in _UNREACHABLE):
        return ConnectionFailed(f"无法连接到服务器 {db.host}:{db.port}。请检查：服务器电脑已开机、地址和端口正确、"
                                "数据库服务已启动、防火墙已放行该端口。", "unreachable")
    return ConnectionFailed(f"无法连接到共享数据库 {db.label}（服务器的回答无法识别，详情已写入日志）。", "other")


def test_connection(db: SharedDatabase, password: str) -> ServerInfo:
    """Connect once and look: server version, and which site (if any) the database holds.
    Raises :class:`ConnectionFailed` with the reason in Chinese."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.exc import DBAPIError

    engine = create_engine(db.url(password), connect_args={"connect_timeout": CONNECT_TIMEOUT},
                           poolclass=_null_pool())
    try:
        with engine.connect() as conn:
            number = int(conn.execute(text("SHOW server_version_num")).scalar())
            version = str(conn.execute(text("SHOW server_version")).scalar()).split()[0]
            if number < MIN_SERVER_VERSION:
                raise ConnectionFailed(f"服务器的 PostgreSQL 版本是 {version}，太旧了：本软件需要 "
                                       f"{MIN_SERVER_VERSION // 10000} 或更新的版本。请在服务器上升级 PostgreSQL。",
                                       "too_old")
            tables = set(inspect(conn).get_table_names())
            site = None
            if "site" in tables:
                row = conn.execute(text("SELECT code, name FROM site ORDER BY id")).first()
                site = f"{row[0]} {row[1]}" if row else None
            return ServerInfo(version, site, not tables - {"alembic_version"})
    except DBAPIError as exc:
        log.warning("connection test to %s failed: %s", db.label, str(exc.orig).splitlines()[0] if exc.orig else "")
        raise classify(exc, db) from None
    finally:
        engine.dispose()


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


# ---------------------------------------------------------------- a connection lost while working
_LOST = ("server closed the connection", "connection reset", "terminating connection", "connection refused",
         "could not receive data", "could not send data", "ssl connection has been closed", "connection timed out",
         "consuming input failed", "the connection is lost", "connection is closed", "failed to resolve host",
         "timeout expired", "no route to host", "network is unreachable", "connection failed")


def lost_connection(exc: BaseException) -> ConnectionLost | None:
    """A :class:`ConnectionLost` when ``exc`` means the server went away (a PostgreSQL
    connection dropped or refused); None for any other error."""
    invalidated = bool(getattr(exc, "connection_invalidated", False))
    orig = getattr(exc, "orig", exc)
    module = type(orig).__module__ or ""
    if not module.startswith("psycopg"):
        return None
    text = str(orig).lower()
    if invalidated or type(orig).__name__ == "OperationalError" and any(k in text for k in _LOST) \
            or type(orig).__name__ == "InterfaceError":
        return ConnectionLost("与服务中心共享数据库的连接已中断，刚才的操作没有保存（已录入的内容仍在窗口中）。"
                              "请确认服务器电脑和网络正常，稍后再保存。")
    return None
