"""Move a site onto the service centre's shared database without losing its history.

Every table of the current database is copied row by row with its primary keys, so every
record keeps its 记录编号, version, created/updated who and when, void state, and every audit
event stays attached to it. The target must be empty (the schema is created there by the
migrations). The copy is one transaction on the target: a failure leaves it empty. After the
copy, the row count of every table is compared and ``check`` runs on the target; only then is
this desk switched to it. The old database file is never written to: it stays as a backup.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import MetaData, func, inspect, select, text
from sqlalchemy.engine import Engine

from app.core import connection
from app.core.context import Context
from app.core.search_index import has_index, index_rows, is_index_table
from app.db.engine import make_engine, migrate
from app.domain.enums import Role
from app.domain.errors import FrontDeskError

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
BATCH = 2000
#: Tables that describe the schema, not the site's data.
SKIPPED = {"alembic_version"}


class MoveRefused(FrontDeskError):
    pass


@dataclass(frozen=True)
class MoveResult:
    target: str  # the target, without its password
    counts: dict[str, int] = field(default_factory=dict)
    check_lines: tuple[str, ...] = ()
    old_database: str | None = None  # the file left untouched as a backup

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _label(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _target_state(target: Engine) -> tuple[str | None, int]:
    """(site code, number of data rows) of the target; (None, 0) when it is empty."""
    names = set(inspect(target).get_table_names()) - SKIPPED
    if not names:
        return None, 0
    site = None
    rows = 0
    with target.connect() as conn:
        if "site" in names:
            site = conn.execute(text("SELECT code FROM site ORDER BY id")).scalar()
        for name in names:
            rows += conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar() or 0
    return site, rows


def check_target(ctx: Context, target: Engine) -> None:
    """Refuse a target that already holds data (of another site, or of this one)."""
    try:
        site, rows = _target_state(target)
    except Exception as exc:  # noqa: BLE001 - an unreachable target gets the connection message
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError) and target.dialect.name == "postgresql":
            db, _ = connection.SharedDatabase.from_url(target.url.render_as_string(hide_password=False))
            raise connection.classify(exc, db) from None
        raise
    here = ctx.site.code
    if site and site != here:
        raise MoveRefused(f"目标数据库已有站点 {site} 的数据，不能把本站点（{here}）迁入。请换一个空的数据库。")
    if site == here:
        raise MoveRefused(f"目标数据库已有本站点（{here}）的数据：可能已经迁移过。"
                          "请直接在首次设置中连接它，或换一个空的数据库。")
    if rows:
        raise MoveRefused("目标数据库不是空的（已有其他数据），不能迁入。请换一个空的数据库。")


def _fix_sequences(conn, tables) -> None:
    """After rows were inserted with their own ids, move each id sequence past the largest."""
    for table in tables:
        for col in table.primary_key.columns:
            if not col.autoincrement or col.type.python_type is not int:
                continue
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": col.name}).scalar()
            if seq:
                top = conn.execute(select(func.max(col))).scalar()
                conn.execute(text("SELECT setval(:s, :v, :called)"),
                             {"s": seq, "v": top or 1, "called": top is not None})


def _insert(conn, table, rows: list[dict]) -> int:
    from sqlalchemy.exc import DBAPIError

    try:
        conn.execute(table.insert(), rows)
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise
        log.error("move: rows of %s refused by the target: %s", table.name, str(exc.orig).splitlines()[0])
        raise MoveRefused(f"有数据不符合共享数据库的要求（{table.name} 表），没有迁移任何记录，本机仍使用原数据库。"
                          "详情已写入日志，请联系技术支持。") from None
    return len(rows)


def copy_database(source: Engine, target: Engine, *, progress: ProgressFn | None = None) -> dict[str, int]:
    """Copy every row of every table (ids included) from ``source`` into the migrated,
    empty ``target``, in one transaction on each side. Returns rows per table."""
    src_meta = MetaData()
    src_meta.reflect(source)
    dst_meta = MetaData()
    dst_meta.reflect(target)
    tables = [t for t in dst_meta.sorted_tables if t.name not in SKIPPED and not is_index_table(t.name)]
    missing = [t.name for t in tables if t.name not in src_meta.tables]
    if missing:
        raise MoveRefused(f"当前数据库缺少数据表 {'、'.join(missing)}：请先运行 frontdesk check。")
    totals = {}
    with source.connect() as src:
        if source.dialect.name == "postgresql":
            src.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        total = sum(src.execute(select(func.count()).select_from(src_meta.tables[t.name])).scalar() for t in tables)
        done = 0
        with target.begin() as dst:
            for table in tables:
                source_table = src_meta.tables[table.name]
                names = [c.name for c in table.columns if c.name in source_table.c]
                n = 0
                batch: list[dict] = []
                for row in src.execute(select(*[source_table.c[name] for name in names])).mappings():
                    batch.append(dict(row))
                    if len(batch) >= BATCH:
                        n += _insert(dst, table, batch)
                        batch = []
                if batch:
                    n += _insert(dst, table, batch)
                totals[table.name] = n
                done += n
                if progress:
                    progress(done, total)
            if target.dialect.name == "postgresql":
                _fix_sequences(dst, tables)
            elif has_index(dst):
                # the search index is derived, never copied: rebuilt from the records
                rows = dst.exec_driver_sql("SELECT id, received_at, name, content, unit_no, phone_digits "
                                           "FROM contact_record").all()
                index_rows(dst, rows, replace=True)
    return totals


def counts(engine: Engine) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                for t in meta.sorted_tables if t.name not in SKIPPED and not is_index_table(t.name)}


def move_to(ctx: Context, target_url: str, *, switch: bool = True, progress: ProgressFn | None = None) -> MoveResult:
    """Copy this site into the empty database at ``target_url``, verify it, and (with
    ``switch``) make this desk work on it from its next start. Administrators only.

    A PostgreSQL URL without a password takes it from the credential store; its password
    is stored there when the desk switches."""
    from app.core import maintenance

    ctx.require_role(Role.ADMIN, "迁移到共享数据库")
    if _label(ctx.engine) == _label(make_engine(target_url)):
        raise MoveRefused("目标就是当前使用的数据库。")
    shared = None
    password = None
    if target_url.startswith("postgresql"):
        shared, password = connection.SharedDatabase.from_url(target_url)
        if password is None:
            password = connection.stored_password(shared)
        target_url = shared.url(password)
    target = make_engine(target_url)
    try:
        check_target(ctx, target)
        migrate(target)
        copied = copy_database(ctx.engine, target, progress=progress)
        after = counts(target)
        before = {name: n for name, n in counts(ctx.engine).items() if name in after}
        wrong = [f"{name}（原 {before.get(name, 0)}，新 {after.get(name, 0)}）" for name in sorted(after)
                 if before.get(name, 0) != after.get(name, 0)]
        if wrong:
            raise MoveRefused("迁移后核对记录数不一致：" + "、".join(wrong) + "。本机仍使用原数据库。")
        target_ctx = Context(target, ctx.paths, actor=ctx.actor)
        report = maintenance.check(target_ctx)
        bad = [line for line in report.lines if line.startswith("异常") and "迁移版本" not in line]
        if bad:
            raise MoveRefused("迁移后检查未通过：" + "；".join(bad) + "。本机仍使用原数据库。")
        if switch:
            if shared is not None:
                connection.use_shared(ctx.paths, shared, password or "")
            else:
                log.info("moved to a non-PostgreSQL database; the desk is not switched")
        old = ctx.engine.url.database if ctx.engine.dialect.name == "sqlite" else None
        from app.core.records import audit

        with target_ctx.unit_of_work() as s:
            audit(target_ctx, s, "迁移到共享数据库", entity="site",
                  note=f"从 {_label(ctx.engine)} 迁入，共 {sum(copied.values())} 行")
        return MoveResult(_label(target), copied, tuple(report.lines), old)
    finally:
        target.dispose()
