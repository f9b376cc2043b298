"""Head office imports the sites' workbooks: files and folders (recursively), each workbook
all or nothing and idempotent by (站点编码, 记录编号, 版本), through the workbook engine's own
checks (app.exchange). Every file given goes into the ledger with what became of it.

Memory stays bounded by the largest single workbook: files are read and written one at a time.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import select, text

from app.core import records
from app.core.context import Context
from app.domain.enums import Role
from app.domain.errors import FrontDeskError
from app.exchange import service as exchange
from app.exchange.reader import WorkbookInvalid, WorkbookRefused, open_book, read_manifest
from app.hq.home import require_head_office
from app.hq.models import HqImport, HqSite
from app.hq.vocab import ImportOutcome

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class FileOutcome:
    path: str
    file_name: str
    result: str  # ImportOutcome
    site_code: str | None
    date_from: date | None
    date_to: date | None
    sequence: int | None
    rows: dict[str, int]
    inserted: int
    updated: int
    unchanged: int
    message: str | None


@dataclass(frozen=True)
class BatchResult:
    files: tuple[FileOutcome, ...]

    def count(self, outcome: ImportOutcome) -> int:
        return sum(1 for f in self.files if f.result == outcome)

    @property
    def notices(self) -> tuple[FileOutcome, ...]:
        """Imported files with something to say (an older export, a version 1 workbook …)."""
        return tuple(f for f in self.files if f.result == ImportOutcome.IMPORTED and f.message)

    def summary(self) -> str:
        rows = sum(f.inserted + f.updated for f in self.files)
        return (f"共 {len(self.files)} 个文件：导入 {self.count(ImportOutcome.IMPORTED)}，"
                f"重复跳过 {self.count(ImportOutcome.DUPLICATE)}，拒绝 {self.count(ImportOutcome.REFUSED)}；"
                f"新增或更新记录 {rows} 条")


@dataclass(frozen=True)
class LedgerRow:
    id: int
    file_name: str
    sha256: str
    site_code: str | None
    date_from: date | None
    date_to: date | None
    sequence: int | None
    rows: dict[str, int] | None
    inserted: int
    updated: int
    unchanged: int
    result: str
    message: str | None
    imported_at: datetime
    imported_by: str


def workbook_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The .xlsx files named, and those in the folders named (recursively), in name order;
    Excel's lock files (~$…) and hidden files left out."""
    found: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*.xlsx") if f.is_file() and not _hidden(f)))
        elif p.exists():
            found.append(p)
        else:
            raise FrontDeskError(f"文件或文件夹不存在：{p}")
    return found


def _hidden(path: Path) -> bool:
    return path.name.startswith(("~$", "."))


def file_sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: Files written per transaction. Each file is still all or nothing (a savepoint of its own);
#: committing a batch at a time keeps a year of fifty sites from waiting on 18,000 disk syncs.
BATCH_FILES = 50


def import_paths(ctx: Context, paths: Iterable[str | os.PathLike], *,
                 progress: ProgressFn | None = None) -> BatchResult:
    """Import every workbook named (files and folders). A refused file does not stop the others."""
    ctx.require_role(Role.SUPERVISOR, "导入站点工作簿")
    require_head_office(ctx)
    files = workbook_files(paths)
    outcomes: list[FileOutcome] = []
    if progress:
        progress(0, len(files))
    for i in range(0, len(files), BATCH_FILES):
        with ctx.unit_of_work() as s:
            _roomy_cache(s)
            for path in files[i:i + BATCH_FILES]:
                outcomes.append(_import_one(ctx, s, path))
                if progress:
                    progress(len(outcomes), len(files))
    return BatchResult(tuple(outcomes))


def _roomy_cache(s) -> None:
    """A year of fifty sites makes a database of gigabytes whose indexes (记录编号, audit) take
    inserts all over: SQLite's default page cache (2 MB) would send most of them to the disk."""
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text("PRAGMA cache_size=-131072"))  # 128 MB, for this connection


def import_file(ctx: Context, path: str | os.PathLike) -> FileOutcome:
    """One workbook: skipped when the same file was imported before; refused (with the reason in
    the ledger) when it fails any check; else written with its ledger line."""
    ctx.require_role(Role.SUPERVISOR, "导入站点工作簿")
    require_head_office(ctx)
    with ctx.unit_of_work() as s:
        return _import_one(ctx, s, path)


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _what_it_says(path: Path) -> tuple[str | None, date | None, date | None, int | None]:
    """Site, range and 导出序号 a refused file claims, as far as its 汇总 can be read."""
    try:
        book = open_book(path)
    except FrontDeskError:
        return None, None, None, None
    try:
        summary, _table = read_manifest(book)
    except Exception:  # a damaged 汇总: the ledger shows the file without them
        return None, None, None, None
    finally:
        book.close()
    site = str(summary.get("站点编码") or "").strip()[:20] or None
    return site, _date(summary.get("起始日期")), _date(summary.get("结束日期")), _int(summary.get("导出序号"))


def _import_one(ctx: Context, s, path: str | os.PathLike) -> FileOutcome:
    path = Path(path)
    name = path.name
    try:
        sha = file_sha256(path)
    except OSError as exc:
        return _ledger(ctx, s, path, "0" * 64, ImportOutcome.REFUSED, (None, None, None, None), {}, (0, 0, 0),
                       f"无法读取文件：{exc.strerror or exc}")
    seen = s.execute(select(HqImport.imported_at, HqImport.file_name, HqImport.site_code, HqImport.date_from,
                            HqImport.date_to, HqImport.sequence)
                     .where(HqImport.sha256 == sha, HqImport.result == ImportOutcome.IMPORTED.value)
                     .order_by(HqImport.id).limit(1)).first()
    if seen is not None:
        message = f"与 {seen.imported_at:%Y-%m-%d %H:%M} 导入的“{seen.file_name}”内容相同，已跳过"
        return _ledger(ctx, s, path, sha, ImportOutcome.DUPLICATE, tuple(seen[2:]), {}, (0, 0, 0), message)
    try:
        parsed = exchange.check_workbook(path, None)
    except (WorkbookRefused, WorkbookInvalid) as exc:
        return _refused(ctx, s, path, sha, str(exc))
    summary = parsed.summary
    site = parsed.site_code
    d1, d2 = _date(summary.get("起始日期")), _date(summary.get("结束日期"))
    seq = _int(summary.get("导出序号"))
    if d1 is None or d2 is None or d1 > d2:
        return _refused(ctx, s, path, sha, "汇总的起始日期或结束日期缺失或无效")
    notes = list(parsed.warnings[:1]) if summary.get("格式版本") == 1 else []
    if seq is not None:
        newer = s.execute(select(HqImport.sequence, HqImport.file_name).where(
            HqImport.site_code == site, HqImport.result == ImportOutcome.IMPORTED.value,
            HqImport.date_from <= d1, HqImport.date_to >= d2, HqImport.sequence > seq)
            .order_by(HqImport.sequence.desc()).limit(1)).first()
        if newer is not None:
            notes.append(f"较旧的导出：导出序号 {seq} 低于已收到的“{newer.file_name}”（导出序号 {newer.sequence}），"
                         f"其日期范围已被覆盖；只有版本更高的记录才会更新")
    message = "；".join(notes) or None
    try:
        with s.begin_nested():  # this file, all or nothing
            _register_site(ctx, s, site, summary, name)
            # Head office has no desk search: the sheets' after-write hooks (search index) are skipped.
            sheets = exchange.write_parsed(ctx, s, parsed, name, after_write=False)
            totals = (sum(x.inserted for x in sheets), sum(x.updated for x in sheets),
                      sum(x.unchanged for x in sheets))
            outcome = _ledger(ctx, s, path, sha, ImportOutcome.IMPORTED, (site, d1, d2, seq), parsed.counts, totals,
                              message, summary.get("格式版本"))
            records.audit(ctx, s, "总部导入工作簿", entity="workbook",
                          note=f"{name}（{site} {d1:%Y-%m-%d} 至 {d2:%Y-%m-%d}）：新增 {totals[0]}，更新 {totals[1]}")
    except WorkbookInvalid as exc:
        return _refused(ctx, s, path, sha, str(exc))
    return outcome


def _register_site(ctx: Context, s, code: str, summary: dict, file_name: str) -> None:
    known = s.info.setdefault("hq_sites", set())  # sites seen in this transaction
    if code in known:
        return
    if s.scalar(select(HqSite.id).where(HqSite.code == code)) is not None:
        known.add(code)
        return
    now, who = ctx.now(), ctx.require_actor().name
    name = str(summary.get("站点名称") or code).strip()[:100]
    company = (str(summary.get("公司名称") or "").strip() or None)
    s.add(HqSite(code=code, name=name, company_name=company and company[:100], households=None,
                 registered_at=now, registered_by=who, updated_at=now, updated_by=who))
    records.audit(ctx, s, "登记站点", entity="hq_site", after={"code": code, "name": name},
                  note=f"由工作簿“{file_name}”登记")
    s.flush()


def _ledger(ctx: Context, s, path: Path, sha: str, result: ImportOutcome, claims, rows, totals,
            message: str | None, version=None) -> FileOutcome:
    site, d1, d2, seq = claims
    s.add(HqImport(file_name=path.name[:255], path=str(path), sha256=sha, site_code=site, date_from=d1,
                   date_to=d2, sequence=seq, format_version=_int(version), rows=dict(rows) or None,
                   inserted=totals[0], updated=totals[1], unchanged=totals[2], result=result.value,
                   message=message, imported_at=ctx.now(), imported_by=ctx.require_actor().name))
    s.flush()
    return FileOutcome(str(path), path.name, result.value, site, d1, d2, seq, dict(rows), *totals, message)


def _refused(ctx: Context, s, path: Path, sha: str, message: str) -> FileOutcome:
    return _ledger(ctx, s, path, sha, ImportOutcome.REFUSED, _what_it_says(path), {}, (0, 0, 0), message)


def ledger(ctx: Context, *, site_code: str | None = None, result: str | None = None,
           limit: int = 500) -> list[LedgerRow]:
    """The newest ledger lines first."""
    with ctx.read() as s:
        q = select(HqImport)
        if site_code:
            q = q.where(HqImport.site_code == site_code)
        if result:
            q = q.where(HqImport.result == result)
        rows = s.scalars(q.order_by(HqImport.imported_at.desc(), HqImport.id.desc()).limit(limit)).all()
        return [LedgerRow(r.id, r.file_name, r.sha256, r.site_code, r.date_from, r.date_to, r.sequence, r.rows,
                          r.inserted, r.updated, r.unchanged, r.result, r.message, r.imported_at, r.imported_by)
                for r in rows]
