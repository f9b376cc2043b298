"""Database health: integrity, migration state, record counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy import table as sa_table

from app.db.engine import current_revision, head_revision
from app.core.context import Context


@dataclass
class CheckReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def add(self, good: bool, message: str) -> None:
        self.ok = self.ok and good
        self.lines.append(("正常  " if good else "异常  ") + message)


def check(ctx: Context) -> CheckReport:
    report = CheckReport()
    engine = ctx.engine
    report.lines.append(f"数据库：{engine.url.render_as_string(hide_password=True)}")
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
            report.add(result == ["ok"], "完整性检查：" + "；".join(result[:5]))
            if result != ["ok"]:
                from app.core.health import damaged_message

                ctx.storage_error = damaged_message(ctx.paths.database, "完整性检查未通过", ctx.paths.backups)
                report.lines.append(str(ctx.storage_error))
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            report.add(not fk, f"外键检查：{len(fk)} 处错误" if fk else "外键检查：无错误")
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            report.add(str(mode).lower() == "wal", f"日志模式：{mode}")
        else:
            conn.execute(text("SELECT 1"))
            report.add(True, f"连接正常（{engine.dialect.name}）")
    from app.core.backup import newest_verified

    newest = newest_verified(ctx.paths.backups)
    report.lines.append(f"最新备份：{newest.created_at:%Y-%m-%d %H:%M}（{newest.total_records} 条记录）{newest.path}"
                        if newest else "最新备份：还没有备份（可运行 frontdesk backup）")
    current, head = current_revision(engine), head_revision(engine)
    report.add(current == head, f"迁移版本：{current}（最新 {head}）")
    try:
        site = ctx.site
        report.add(True, f"站点：{site.code} {site.name}（{site.company_name}）")
    except Exception as exc:
        report.add(False, f"站点：{exc}")
        return report
    with ctx.read() as s:
        counts = []
        for table in ("contact_record", "complaint", "follow_up", "unit", "resident", "staff", "audit_event"):
            counts.append(f"{table} {s.scalar(select(func.count()).select_from(sa_table(table)))}")
        report.lines.append("记录数：" + "，".join(counts))
        from app.core import trail_check

        for good, message in trail_check.findings(s):
            report.add(good, message)
    return report
