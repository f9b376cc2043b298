"""server prepare / server connect: the service centre's shared PostgreSQL database.

``frontdesk server prepare`` runs once on the always-on PC: with the PostgreSQL superuser it
creates a login role that owns one database (and nothing more: no superuser, no role or
database creation), builds the schema there by the migrations, and prints what the other desks
type into their first start. ``frontdesk server connect`` points this desk at a shared database
(the password goes to the system's credential store, never into a file).
"""

from __future__ import annotations

import getpass
import secrets
import socket
import sys


def register(sub) -> None:
    p = sub.add_parser("server", help="服务中心共享数据库（PostgreSQL）：准备服务器、连接本机")
    ssub = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    a = ssub.add_parser("prepare", help="在服务器电脑上创建数据库和账户，并显示其他前台的连接信息")
    a.add_argument("--admin-user", default="postgres", help="PostgreSQL 超级用户（默认 postgres）")
    a.add_argument("--admin-host", default="localhost", help="PostgreSQL 所在电脑（默认本机）")
    a.add_argument("--port", type=int, default=5432, help="端口（默认 5432）")
    a.add_argument("--database", default="frontdesk", help="要创建的数据库名（默认 frontdesk）")
    a.add_argument("--user", default="frontdesk", help="前台使用的账户名（默认 frontdesk）")
    a.add_argument("--admin-password-stdin", action="store_true",
                   help="从标准输入读取超级用户密码（第一行）；否则在终端询问")
    a.set_defaults(func=cmd_prepare)

    c = ssub.add_parser("connect", help="让本机改用共享数据库（密码存入系统凭据库）")
    c.add_argument("--host", required=True, help="服务器地址")
    c.add_argument("--port", type=int, default=5432)
    c.add_argument("--database", default="frontdesk")
    c.add_argument("--user", default="frontdesk")
    c.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码；否则在终端询问")
    c.set_defaults(func=cmd_connect)

    loc = ssub.add_parser("local", help="让本机改回使用本机的数据库文件")
    loc.set_defaults(func=cmd_local)


def _secret(flag: bool, prompt: str) -> str:
    if flag or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass(prompt)


def _lan_address() -> str:
    """This PC's address on the local network (what the other desks type)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: only picks the outgoing interface
            return s.getsockname()[0]
    except OSError:
        return socket.gethostname()


def prepare(admin_url: str, database: str, user: str, password: str) -> list[str]:
    """Create (or reset the password of) the role, create its database, migrate it.
    Returns what was done, in Chinese."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.db.engine import make_engine, migrate

    done = []
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            quoted_user = conn.dialect.identifier_preparer.quote(user)
            quoted_db = conn.dialect.identifier_preparer.quote(database)
            literal = password.replace("'", "''")
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": user}).first()
            verb = "ALTER" if exists else "CREATE"
            conn.exec_driver_sql(f"{verb} ROLE {quoted_user} LOGIN PASSWORD '{literal}' "
                                 "NOSUPERUSER NOCREATEDB NOCREATEROLE")
            done.append(f"{'已更新' if exists else '已创建'}账户 {user}（只能登录和使用自己的数据库）")
            if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}).first():
                done.append(f"数据库 {database} 已存在，未改动其内容")
            else:
                conn.exec_driver_sql(f"CREATE DATABASE {quoted_db} OWNER {quoted_user} ENCODING 'UTF8' TEMPLATE template0")
                done.append(f"已创建数据库 {database}（所有者 {user}，UTF-8）")
            conn.exec_driver_sql(f"REVOKE ALL ON DATABASE {quoted_db} FROM PUBLIC")
            conn.exec_driver_sql(f"GRANT CONNECT, TEMPORARY ON DATABASE {quoted_db} TO {quoted_user}")
    finally:
        admin.dispose()
    app_url = make_url(admin_url).set(username=user, password=password, database=database)
    engine = make_engine(app_url.render_as_string(hide_password=False))
    try:
        migrate(engine)
    finally:
        engine.dispose()
    done.append("已在数据库中建好 FrontDesk 的数据表")
    return done


def cmd_prepare(args) -> int:
    from sqlalchemy.engine import URL

    from app.core.connection import ConnectionFailed, SharedDatabase, classify

    admin_password = _secret(args.admin_password_stdin, f"PostgreSQL 超级用户 {args.admin_user} 的密码：")
    admin_url = URL.create("postgresql+psycopg", username=args.admin_user, password=admin_password or None,
                           host=args.admin_host, port=args.port, database="postgres")
    password = secrets.token_urlsafe(12)
    try:
        lines = prepare(admin_url.render_as_string(hide_password=False), args.database, args.user, password)
    except ConnectionFailed:
        raise
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            raise classify(exc, SharedDatabase(args.admin_host, args.port, "postgres", args.admin_user)) from None
        raise
    for line in lines:
        print(line)
    print()
    print("请在每台前台电脑的首次设置中选“连接服务中心共享数据库”，填写：")
    print(f"  服务器地址  {_lan_address()}")
    print(f"  端口        {args.port}")
    print(f"  数据库名    {args.database}")
    print(f"  用户名      {args.user}")
    print(f"  密码        {password}")
    print("（密码只显示这一次，请抄写后妥善保管；忘记时再次运行本命令会生成新密码。）")
    return 0


def cmd_connect(args) -> int:
    from app.config import Paths
    from app.core import connection

    db = connection.SharedDatabase.checked(args.host, args.port, args.database, args.user)
    password = _secret(args.password_stdin, f"{db.label} 的密码：")
    info = connection.test_connection(db, password)
    connection.use_shared(Paths.resolve(args.home), db, password)
    where = f"，其中已有站点 {info.site}" if info.site else "，这是新的数据库：请启动程序创建站点"
    print(f"已连接共享数据库 {db.label}（PostgreSQL {info.version}）{where}。密码已存入系统凭据库。")
    return 0


def cmd_local(args) -> int:
    from app.config import Paths
    from app.core import connection

    paths = Paths.resolve(args.home)
    connection.use_local(paths)
    print(f"本机今后使用数据库文件 {paths.database}")
    return 0
