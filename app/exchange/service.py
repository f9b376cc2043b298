"""The end-of-day workbook: export, import, roster import, the export log, the
closing reminder and the automatic export. The CLI and the GUI call these."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Callable

from sqlalchemy import func, or_, select

from app import __version__
from app.core.models import ExportLog, Resident, Setting, UnitResident
from app.domain import validate as v
from app.domain.enums import Role
from app.domain.errors import FrontDeskError, ValidationError
from app.core import access, audit_chain, records, settings
from app.core.context import Context

ProgressFn = Callable[[int, int], None]

AUTO_ENABLED = settings.define("export.auto.enabled", False, "自动导出：启用")
AUTO_TIME = settings.define("export.auto.time", "18:00", "自动导出：时间")
AUTO_FOLDER = settings.define("export.auto.folder", "", "自动导出：文件夹")
AUTO_MASK = settings.define("export.auto.mask_phones", False, "自动导出：手机号脱敏")
AUTO_RETRY_MINUTES = 30
EXPORT_SEQUENCE = settings.define("export.sequence", 0, "工作簿导出序号（最近一次）")


class ExportFailed(FrontDeskError):
    pass


@dataclass(frozen=True)
class ExportResult:
    path: str
    date_from: date
    date_to: date
    counts: dict[str, int]
    total: int
    mask_phones: bool


@dataclass(frozen=True)
class SheetImportRow:
    sheet: str
    inserted: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ImportResult:
    path: str
    sheets: tuple[SheetImportRow, ...]
    warnings: tuple[str, ...]

    @property
    def inserted(self) -> int:
        return sum(s.inserted for s in self.sheets)

    @property
    def updated(self) -> int:
        return sum(s.updated for s in self.sheets)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.sheets)

    def summary(self) -> str:
        parts = [f"{s.sheet}：新增 {s.inserted}，更新 {s.updated}，未变 {s.unchanged}" for s in self.sheets]
        return "；".join(parts) if parts else "工作簿中没有记录"


@dataclass(frozen=True)
class ExportLogRow:
    at: datetime
    actor: str
    date_from: date
    date_to: date
    kind: str
    ok: bool
    rows: int | None
    path: str | None
    message: str | None


# ---------------------------------------------------------------- export
def default_filename(ctx: Context, date_from: date, date_to: date) -> str:
    if date_from == date_to:
        return f"{ctx.site.code}-工作簿-{date_from:%Y%m%d}.xlsx"
    return f"{ctx.site.code}-工作簿-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"


def _check_range(date_from: date, date_to: date) -> None:
    if date_from is None or date_to is None:
        raise ValidationError("日期", "请选择起始和结束日期")
    if date_from > date_to:
        raise ValidationError("日期", "起始日期不能晚于结束日期")


#: Exports that are the desk's daily duty (today's workbook for head office): unmasked for every role.
DUTY_EXPORTS = ("auto", "closing")


def export_workbook(ctx: Context, date_from: date, date_to: date, path: str | os.PathLike, *,
                    mask_phones: bool = False, kind: str = "manual",
                    progress: ProgressFn | None = None, all_sites: bool = False) -> ExportResult:
    """Write the workbook of the records created or changed from ``date_from`` to ``date_to``.

    Every export, failed or not, is written to the export log (the closing reminder and the
    automatic export read it). A failure raises :class:`ExportFailed` with the reason.
    ``all_sites``: every site's records the database holds (head office's consolidated workbook).
    """
    from app.exchange.writer import SummaryInfo, write_workbook

    duty = kind in DUTY_EXPORTS  # the day's workbook for head office, at closing or automatically
    actor = access.require(ctx, "export.unmasked")[0] if not (mask_phones or duty) else ctx.require_actor()
    _check_range(date_from, date_to)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    site = ctx.site
    info = SummaryInfo(site.code, site.name, site.company_name, date_from, date_to, ctx.now(), actor.name,
                       __version__, mask_phones, next_export_sequence(ctx))
    try:
        if not path.parent.is_dir():
            raise ExportFailed(f"文件夹“{path.parent}”不存在或无法访问")
        with ctx.read() as s:
            counts = write_workbook(s, path, info, progress=progress, all_sites=all_sites)
    except Exception as exc:
        message = str(exc) if isinstance(exc, FrontDeskError) else _os_error_text(exc, path)
        _log_export(ctx, date_from, date_to, kind, ok=False, rows=None, path=str(path), message=message)
        if isinstance(exc, FrontDeskError) and not isinstance(exc, ExportFailed):
            raise
        raise ExportFailed(f"导出失败：{message}") from exc
    total = sum(counts.values())
    note = "手机号已脱敏" if mask_phones else "未脱敏（含完整电话）"
    _log_export(ctx, date_from, date_to, kind, ok=True, rows=total, path=str(path), message=note)
    return ExportResult(str(path), date_from, date_to, counts, total, mask_phones)


def next_export_sequence(ctx: Context) -> int:
    """The 导出序号 of the export about to be written: one more than the last one the site made
    (kept as a setting; taken with a row lock, so two exports never share a number)."""
    with ctx.unit_of_work() as s:
        row = s.scalars(select(Setting).where(Setting.key == EXPORT_SEQUENCE.key).with_for_update()).first()
        number = (int(row.value) if row is not None and row.value else 0) + 1
        if row is None:
            s.add(Setting(key=EXPORT_SEQUENCE.key, value=number, updated_at=ctx.now(),
                          updated_by=ctx.require_actor().name))
        else:
            row.value = number
            row.updated_at = ctx.now()
            row.updated_by = ctx.require_actor().name
    return number


def _os_error_text(exc: Exception, path: Path) -> str:
    if isinstance(exc, PermissionError):
        return f"没有权限写入“{path}”（文件是否正在 Excel 中打开？）"
    if isinstance(exc, OSError):
        return f"无法写入“{path}”：{exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"


def _log_export(ctx: Context, date_from: date, date_to: date, kind: str, *, ok: bool, rows: int | None,
                path: str | None, message: str | None) -> None:
    actor = ctx.require_actor()
    with ctx.unit_of_work() as s:
        s.add(ExportLog(site_code=ctx.site.code, at=ctx.now(), actor=actor.name, date_from=date_from,
                        date_to=date_to, kind=kind, ok=ok, rows=rows, path=path, message=message))


def list_exports(ctx: Context, limit: int = 20) -> list[ExportLogRow]:
    with ctx.read() as s:
        rows = s.scalars(select(ExportLog).where(ExportLog.site_code == ctx.site.code)
                         .order_by(ExportLog.at.desc(), ExportLog.id.desc()).limit(limit)).all()
        return [records.to_row(r, ExportLogRow) for r in rows]


def last_export(ctx: Context, day: date, *, kind: str | None = None) -> ExportLogRow | None:
    """The newest successful export whose range covers ``day``."""
    with ctx.read() as s:
        q = (select(ExportLog).where(ExportLog.site_code == ctx.site.code, ExportLog.ok.is_(True),
                                     ExportLog.date_from <= day, ExportLog.date_to >= day))
        if kind:
            q = q.where(ExportLog.kind == kind)
        row = s.scalars(q.order_by(ExportLog.at.desc(), ExportLog.id.desc()).limit(1)).first()
        return records.to_row(row, ExportLogRow) if row else None


def exported_days(ctx: Context, date_from: date, date_to: date) -> set[date]:
    """The days of [date_from, date_to] some successful export covered."""
    with ctx.read() as s:
        spans = s.execute(select(ExportLog.date_from, ExportLog.date_to).where(
            ExportLog.site_code == ctx.site.code, ExportLog.ok.is_(True),
            ExportLog.date_from <= date_to, ExportLog.date_to >= date_from)).all()
    days = set()
    for f, t in spans:
        d = max(f, date_from)
        while d <= min(t, date_to):
            days.add(d)
            d += timedelta(days=1)
    return days


def changes_since(ctx: Context, since: datetime) -> int:
    """Records of the workbook's sheets created or changed after ``since``."""
    from app.exchange.registry import sheets

    total = 0
    with ctx.read() as s:
        for spec in sheets():
            m = spec.model
            total += s.scalar(select(func.count()).select_from(m).where(
                m.site_code == ctx.site.code, or_(m.updated_at > since, m.created_at > since))) or 0
    return total


def export_reminder(ctx: Context) -> str | None:
    """What to say on closing: today's workbook not exported, or changed since it was."""
    today = ctx.now().date()
    last = last_export(ctx, today)
    if last is None:
        return f"今天（{today:%Y-%m-%d}）的工作簿还没有导出。请在“报表与导出”中导出后再退出。"
    # An export at 10:00 carries the records changed up to 10:00 (to the second).
    later = changes_since(ctx, last.at)
    if later:
        return (f"今天的工作簿已于 {last.at:%H:%M} 导出，之后又有 {later} 条记录新增或修改，"
                f"建议再导出一次。")
    return None


# ---------------------------------------------------------------- automatic export
@dataclass(frozen=True)
class AutoExportSettings:
    enabled: bool
    at: str  # "HH:MM"
    folder: str
    mask_phones: bool


def auto_export_settings(ctx: Context) -> AutoExportSettings:
    values = settings.get_many(ctx, "export.auto.")
    return AutoExportSettings(bool(values["export.auto.enabled"]), str(values["export.auto.time"]),
                              str(values["export.auto.folder"] or ""), bool(values["export.auto.mask_phones"]))


def _parse_hhmm(value: str) -> time:
    try:
        return datetime.strptime(value.strip(), "%H:%M").time()
    except (ValueError, AttributeError):
        raise ValidationError("自动导出时间", f"“{value}”不是有效的时间，应为 HH:MM，如 18:00") from None


def save_auto_export_settings(ctx: Context, *, enabled: bool, at: str, folder: str,
                              mask_phones: bool = False) -> AutoExportSettings:
    ctx.require_role(Role.SUPERVISOR, "修改自动导出设置")
    at = _parse_hhmm(at).strftime("%H:%M")
    folder = (folder or "").strip()
    if enabled and not folder:
        raise ValidationError("导出文件夹", "启用自动导出时必须选择文件夹")
    if enabled and not Path(folder).is_dir():
        raise ValidationError("导出文件夹", f"“{folder}”不存在或无法访问")
    new = {"export.auto.enabled": bool(enabled), "export.auto.time": at, "export.auto.folder": folder,
           "export.auto.mask_phones": bool(mask_phones)}
    current = settings.get_many(ctx, "export.auto.")
    for key, value in new.items():
        if current.get(key) != value:
            settings.put(ctx, key, value)
    return auto_export_settings(ctx)


def auto_export_due(ctx: Context) -> bool:
    """Enabled, the set time has passed today, and today's automatic export has not succeeded
    (a failed attempt is retried after AUTO_RETRY_MINUTES)."""
    conf = auto_export_settings(ctx)
    if not conf.enabled or not conf.folder:
        return False
    now = ctx.now()
    if now.time() < _parse_hhmm(conf.at):
        return False
    today = now.date()
    with ctx.read() as s:
        last = s.scalars(select(ExportLog).where(
            ExportLog.site_code == ctx.site.code, ExportLog.kind == "auto", ExportLog.date_from == today,
            ExportLog.at >= datetime.combine(today, time())).order_by(ExportLog.at.desc(), ExportLog.id.desc())
            .limit(1)).first()
        if last is None:
            return True
        if last.ok:
            return False
        return now - last.at >= timedelta(minutes=AUTO_RETRY_MINUTES)


def run_auto_export_if_due(ctx: Context, *, progress: ProgressFn | None = None) -> ExportResult | None:
    """Export today's workbook into the chosen folder when it is due. Returns None when not due;
    a failure raises :class:`ExportFailed` (and is in the export log)."""
    if not auto_export_due(ctx):
        return None
    conf = auto_export_settings(ctx)
    today = ctx.now().date()
    folder = Path(conf.folder)
    if not folder.is_dir():
        message = f"自动导出文件夹“{folder}”不存在或无法访问（U 盘未插入或共享文件夹未连接？）"
        _log_export(ctx, today, today, "auto", ok=False, rows=None, path=str(folder), message=message)
        raise ExportFailed(f"自动导出失败：{message}")
    try:
        return export_workbook(ctx, today, today, folder / default_filename(ctx, today, today),
                               mask_phones=conf.mask_phones, kind="auto", progress=progress)
    except ExportFailed as exc:
        raise ExportFailed(f"自动{exc}") from exc


# ---------------------------------------------------------------- import
class _BulkAudit:
    """Writes the same audit rows as :func:`records.audit`, batched with one INSERT per
    thousand (an import of a year adds tens of thousands; ORM objects would dominate its time)."""

    BATCH = 1000

    def __init__(self, ctx: Context, session):
        actor = ctx.require_actor()
        self.session = session
        self.common = dict(site_code=ctx.site.code, actor=actor.name, actor_username=actor.username)
        self.rows: list[dict] = []

    def __call__(self, ctx: Context, session, action: str, obj=None, *, entity: str | None = None,
                 entity_uuid: str | None = None, before: dict | None = None, after: dict | None = None,
                 note: str | None = None) -> None:
        self.rows.append(dict(self.common, at=ctx.now(), action=action, entity=entity or "-",
                              entity_uuid=entity_uuid, before=before, after=after, note=note))
        if len(self.rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        from sqlalchemy import insert

        from app.core.models import AuditEvent

        if self.rows:
            audit_chain.link_rows(self.session, self.rows)
            self.session.execute(insert(AuditEvent), self.rows)
            self.rows = []


def check_workbook(path: str | os.PathLike, site_code: str | None, *,
                   progress: ProgressFn | None = None):
    """Read and check a workbook (nothing written): a ``ParsedWorkbook`` without errors, or
    ``WorkbookInvalid`` / ``WorkbookRefused``. ``site_code=None`` accepts any site (head office)."""
    from app.exchange.reader import WorkbookInvalid, open_book, parse_workbook

    wb = open_book(path)
    try:
        parsed = parse_workbook(wb, site_code, progress=progress)
    finally:
        wb.close()
    if parsed.errors:
        raise WorkbookInvalid(parsed.errors)
    return parsed


def write_parsed(ctx: Context, session, parsed, name: str, *, tick: Callable[[int], None] = lambda n: None,
                 after_write: bool = True, detector=None) -> tuple[SheetImportRow, ...]:
    """Write a checked workbook inside the caller's transaction: unknown 记录编号 inserted, known
    ones updated when their 版本 is higher, the rest left alone; one audit event per written record.
    ``after_write=False``: without the sheets' after-write hooks (the desk's search index)."""
    from app.exchange.reader import WorkbookInvalid, apply_sheet

    errors: list[str] = []
    outcomes = []
    audit = _BulkAudit(ctx, session)
    for ps in parsed.sheets:
        try:
            out = apply_sheet(session, ctx, ps, audit=audit, note=f"工作簿 {name}", tick=tick,
                              after_write=after_write, detector=detector)
        except WorkbookInvalid as exc:
            errors.extend(exc.errors)
            continue
        outcomes.append(SheetImportRow(ps.spec.name, out.inserted, out.updated, out.unchanged))
    audit.flush()
    if errors:
        raise WorkbookInvalid(errors)
    return tuple(outcomes)


def import_workbook(ctx: Context, path: str | os.PathLike, *, progress: ProgressFn | None = None) -> ImportResult:
    """Check every row of every sheet; on any error raise ``WorkbookInvalid`` listing each one
    (nothing imported); else write everything in one transaction."""
    ctx.require_role(Role.SUPERVISOR, "导入工作簿")

    def check_progress(done: int, total: int) -> None:
        if progress:
            progress(done, 2 * total)

    parsed = check_workbook(path, ctx.site.code, progress=check_progress)
    total = parsed.row_count
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(total + done[0], 2 * total)

    from app.core.conflicts import ConflictDetector

    name = os.path.basename(str(path))
    # a record edited both here and where the workbook comes from is kept and listed as a conflict
    detector = ConflictDetector(parsed.lineage)
    with ctx.unit_of_work() as s:
        outcomes = write_parsed(ctx, s, parsed, name, tick=tick, detector=detector)
        result = ImportResult(str(path), outcomes, tuple(parsed.warnings) + tuple(detector.warnings()))
        records.audit(ctx, s, "导入工作簿", entity="workbook", note=f"{name}：{result.summary()}")
    return result
