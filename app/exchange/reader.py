"""Read and import the workbook: check every row of every sheet, then write all in one transaction."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime
from typing import Any, Callable

from openpyxl import load_workbook
from sqlalchemy import bindparam, insert, inspect as sa_inspect, select, update
from sqlalchemy.orm import Session

from app.core.conflicts import LINEAGE_SHEET
from app.domain.errors import FrontDeskError, ValidationError
from app.exchange import cells
from app.exchange.book import Book, BookUnreadable
from app.exchange.checksum import ManifestHash, cell_text
from app.exchange.registry import SUMMARY_SHEET, sheets
from app.exchange.spec import DATE, YES, SheetSpec
from app.exchange.writer import FORMAT_VERSION

ProgressFn = Callable[[int, int], None]
LOOKUP_CHUNK = 500
WRITE_CHUNK = 1000
SHOWN_ERRORS = 30


class WorkbookInvalid(FrontDeskError):
    """The workbook has errors; nothing was imported. ``errors``: every
    ``sheet / 第 N 行 / column：message`` line."""

    def __init__(self, errors: list[str], what: str = "工作簿"):
        self.errors = list(errors)
        shown = "\n".join(self.errors[:SHOWN_ERRORS])
        more = f"\n……另有 {len(self.errors) - SHOWN_ERRORS} 处错误" if len(self.errors) > SHOWN_ERRORS else ""
        super().__init__(f"{what}有 {len(self.errors)} 处错误，未导入任何记录：\n{shown}{more}")


class WorkbookRefused(FrontDeskError):
    """The workbook as a whole cannot be imported (masked, another site, not a workbook)."""


def error_line(sheet: str, row: int | None, column: str | None, message: str) -> str:
    where = [sheet]
    if row is not None:
        where.append(f"第 {row} 行")
    if column:
        return f"{' / '.join(where)} / {column}：{message}"
    return f"{' / '.join(where)}：{message}"


def date_text(value: Any) -> str:
    return cell_text(value, DATE)


def open_workbook(path: str | os.PathLike):
    """An openpyxl workbook (read-only), for sheets other than the record sheets (the roster)."""
    if not os.path.exists(path):
        raise WorkbookRefused(f"文件不存在：{path}")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookRefused(f"无法读取 {os.path.basename(path)}：不是有效的 Excel 工作簿（.xlsx）（{exc}）") from None


def open_book(path: str | os.PathLike) -> Book:
    """Open a workbook for import with the fast reader (app.exchange.book)."""
    if not os.path.exists(path):
        raise WorkbookRefused(f"文件不存在：{path}")
    from app.exchange.limits import problems

    found = problems(path)
    if found:
        raise WorkbookRefused("；".join(found))
    try:
        return Book(path)
    except BookUnreadable as exc:
        raise WorkbookRefused(str(exc)) from None


def _summary_value(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_manifest(wb) -> tuple[dict[str, Any], dict[str, Any]]:
    """汇总: the key/value block (until the first empty row) and the ``表名 | 记录数`` table
    (sheet name -> the count as written, in the table's order)."""
    summary: dict[str, Any] = {}
    table: dict[str, Any] = {}
    part = "keys"
    for row in wb.rows(SUMMARY_SHEET):
        key = _summary_value(row[0]) if row else None
        value = _summary_value(row[1]) if len(row) > 1 else None
        if part == "keys":
            if key is None:
                part = "gap"
                continue
            summary[str(key).strip()] = value
        elif part == "gap":
            if key is not None and str(key).strip() == "表名":
                part = "table"
        elif key is not None:
            table[str(key).strip()] = value
    return summary, table


@dataclass
class ParsedRow:
    row: int  # the Excel row number
    values: dict[str, Any]  # attr -> checked value (and derived attributes)


@dataclass
class ParsedSheet:
    spec: SheetSpec
    rows: list[ParsedRow] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # attrs the workbook carries


@dataclass
class ParsedWorkbook:
    summary: dict[str, Any]
    sheets: list[ParsedSheet]
    errors: list[str]
    warnings: list[str]
    #: Data rows per record sheet listed in 汇总, as found in the workbook.
    counts: dict[str, int] = field(default_factory=dict)
    #: The records' change lineage (sheet 版本来历), None when the workbook carries none.
    lineage: dict | None = None

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)

    @property
    def site_code(self) -> str:
        return str(self.summary.get("站点编码") or "").strip()


def _is_blank_row(row) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _format_version(summary: dict[str, Any]) -> int | None:
    try:
        version = int(summary.get("格式版本"))
    except (TypeError, ValueError):
        return None
    return version if 1 <= version <= FORMAT_VERSION else None


def _check_manifest(summary: dict[str, Any], version: int | None, table: dict[str, Any],
                    sheetnames: list[str], known: set[str]) -> tuple[list[str], list[str]]:
    """What makes 汇总 and the workbook disagree (refusals), and what is only worth a warning."""
    problems: list[str] = []
    warnings: list[str] = []
    if version is None:
        problems.append(f"汇总的格式版本“{summary.get('格式版本')}”不是本软件能读取的格式版本（1 至 {FORMAT_VERSION}）")
    if version == 2:
        seq = summary.get("导出序号")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            problems.append(f"汇总的导出序号“{seq if seq is not None else ''}”应为不小于 1 的整数")
        code = summary.get("校验码")
        if not isinstance(code, str) or not re.fullmatch(r"[0-9a-f]{64}", code):
            problems.append("汇总缺少校验码，或校验码不是 64 位十六进制文字")
    elif version == 1:
        warnings.append("该工作簿为格式版本 1，没有校验码：无法确认内容未被修改")
    for name, count in table.items():
        if name not in sheetnames:
            problems.append(f"汇总列出的工作表“{name}”在工作簿中不存在")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            problems.append(f"汇总中工作表“{name}”的记录数“{count if count is not None else ''}”不是整数")
    for name in sheetnames:
        if name in (SUMMARY_SHEET, LINEAGE_SHEET) or name in table:
            continue  # 版本来历: the records' change lineage (app.core.conflicts), not a record sheet
        if name in known:
            problems.append(f"工作表“{name}”没有列在汇总的“表名 | 记录数”中")
        else:
            warnings.append(f"{name}：不认识的工作表，已忽略")
    return problems, warnings


def _text_functions(spec: SheetSpec | None, header: list) -> list[Callable[[Any], str]]:
    """Per header cell, the function giving a cell's 校验码 text (dates need the column's kind)."""
    kinds = {c.header: c.kind for c in spec.columns} if spec is not None else {}
    return [date_text if kinds.get(str(h).strip() if h is not None else None) == DATE else cell_text
            for h in header]


def _row_texts(texts: list, row: list) -> list[str]:
    n = len(texts)
    if len(row) <= n:
        return [f(v) for f, v in zip(texts, row)]
    return [f(v) for f, v in zip(texts, row)] + [cell_text(v) for v in row[n:]]


def workbook_checksum(wb: Book) -> str:
    """The 校验码 of an open workbook's record sheets as they are (the sheets 汇总's table lists)."""
    _summary, table = read_manifest(wb)
    specs = {s.name: s for s in sheets()}
    digest = ManifestHash()
    for name in wb.sheetnames:
        if name not in table:
            continue
        digest.sheet(name)
        rows = wb.rows(name)
        header = next(rows, None) or []
        texts = _text_functions(specs.get(name), header)
        digest.row([cell_text(h) for h in header])
        blank = 0
        for row in rows:
            if _is_blank_row(row):
                blank += 1
                continue
            for _ in range(blank):
                digest.row([])
            blank = 0
            digest.row(_row_texts(texts, row))
    return digest.hexdigest()


def _refuse(problems: list[str]) -> None:
    raise WorkbookRefused("工作簿与其汇总不符，不能导入：\n" + "\n".join(problems))


def parse_workbook(wb: Book, site_code: str | None, *, progress: ProgressFn | None = None) -> ParsedWorkbook:
    """Check everything; collect every error. Writes nothing.

    ``site_code``: the home's site; the workbook must be of that site. ``None`` (head office):
    any site, but every row must be of the workbook's own site (汇总's 站点编码).
    Refuses (:class:`WorkbookRefused`) a masked workbook, one of another site, one whose sheets
    disagree with 汇总's table, and one whose 校验码 does not match its record sheets.
    """
    errors: list[str] = []
    if SUMMARY_SHEET not in wb.sheetnames:
        raise WorkbookRefused(f"缺少工作表“{SUMMARY_SHEET}”：这不是 FrontDesk 导出的工作簿")
    summary, table = read_manifest(wb)
    if str(summary.get("手机号已脱敏") or "").strip() == YES:
        raise WorkbookRefused("该工作簿导出时已将手机号脱敏（汇总：手机号已脱敏 = 是），不能用于导入。"
                              "请导出不脱敏的工作簿再导入。")
    book_site = str(summary.get("站点编码") or "").strip()
    if site_code is not None and book_site != site_code:
        raise WorkbookRefused(f"工作簿的站点编码“{book_site}”与本站点“{site_code}”不符，不能导入")
    if not book_site:
        raise WorkbookRefused("汇总缺少站点编码，不能导入")
    version = _format_version(summary)
    specs = {s.name: s for s in sheets()}
    problems, warnings = _check_manifest(summary, version, table, wb.sheetnames, set(specs))
    if problems:
        _refuse(problems)
    digest = ManifestHash() if version == 2 else None
    total = sum(table.values())
    done = 0
    parsed: list[ParsedSheet] = []
    found: dict[str, int] = {}
    unescape = not wb.unescaped
    for name in wb.sheetnames:
        if name not in table:
            continue
        spec = specs.get(name)
        rows = wb.rows(name)
        header = next(rows, None) or []
        if digest is not None:
            digest.sheet(name)
        index: dict[str, int] = {}
        for i, h in enumerate(header):
            if h is None or (isinstance(h, str) and not h.strip()):
                continue
            h = str(h).strip()
            if h in index:
                errors.append(error_line(name, 1, h, "列名重复"))
                continue
            index[h] = i
        columns = []
        missing_required = spec is None
        ps = None
        if spec is None:
            warnings.append(f"{name}：本软件不认识此工作表，其记录未导入")
        else:
            ps = ParsedSheet(spec)
            parsed.append(ps)
            for col in spec.columns:
                if col.header not in index:
                    if col.required:
                        errors.append(error_line(name, 1, col.header, "缺少必需的列"))
                        missing_required = True
                    elif not col.readonly:
                        warnings.append(error_line(name, 1, col.header, "缺少此列，该列的值不导入"))
                    continue
                columns.append((col, index[col.header]))
                if not col.readonly:
                    ps.present.add(col.attr)
            for h in index:
                if h not in spec.headers:
                    warnings.append(error_line(name, 1, h, "不认识的列，已忽略"))
        texts = _text_functions(spec, header)
        if digest is not None:
            digest.row([cell_text(h) for h in header])
        pending_blank = 0
        data_rows = 0
        seen: dict[str, int] = {}
        for rownum, row in enumerate(rows, start=2):
            if _is_blank_row(row):
                pending_blank += 1
                continue
            data_rows += 1
            if digest is not None:
                for _ in range(pending_blank):
                    digest.row([])
                pending_blank = 0
                digest.row(_row_texts(texts, row))
            if missing_required:
                continue
            done += 1
            if progress and done % 500 == 0:
                progress(min(done, total), total)
            values: dict[str, Any] = {}
            row_ok = True
            width = len(row)
            for col, i in columns:
                raw = row[i] if i < width else None
                try:
                    value = cells.parse_cell(col, raw, unescape=unescape)
                except cells.CellError as exc:
                    errors.append(error_line(name, rownum, col.header, str(exc)))
                    row_ok = False
                    continue
                if not col.readonly:
                    values[col.attr] = value
            row_site = values.get("site_code")
            if row_site is not None and row_site != book_site:
                whose = "本站点" if site_code is not None else "工作簿的站点编码"
                errors.append(error_line(name, rownum, "站点编码", f"“{row_site}”与{whose}“{book_site}”不符"))
                row_ok = False
            uid = values.get("uuid")
            if uid is not None:
                if uid in seen:
                    errors.append(error_line(name, rownum, "记录编号", f"与第 {seen[uid]} 行重复（{uid}）"))
                    row_ok = False
                else:
                    seen[uid] = rownum
            if not row_ok:
                continue
            try:
                if spec.check is not None:
                    spec.check(values)
                if spec.derive is not None:
                    values.update(spec.derive(values))
            except ValidationError as exc:
                errors.append(error_line(name, rownum, exc.field, exc.reason))
                continue
            ps.rows.append(ParsedRow(rownum, values))
        found[name] = data_rows
        if data_rows != table[name]:
            problems.append(f"工作表“{name}”有 {data_rows} 行记录，汇总中的记录数为 {table[name]}")
    if problems:
        _refuse(problems)
    if digest is not None and digest.hexdigest() != summary.get("校验码"):
        raise WorkbookRefused("工作簿内容与校验码不符：可能被修改或损坏")
    if progress:
        progress(total, total)
    from app.core.conflicts import read_lineage_sheet

    return ParsedWorkbook(summary, parsed, errors, warnings, found, read_lineage_sheet(wb))


# ---------------------------------------------------------------- writing
@dataclass(frozen=True)
class SheetOutcome:
    inserted: int
    updated: int
    unchanged: int


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


@lru_cache(maxsize=None)
def _column_names(model) -> dict[str, str]:
    """attr -> table column name, for the model's mapped columns."""
    mapper = sa_inspect(model)
    return {prop.key: prop.columns[0].name for prop in mapper.column_attrs}


def apply_sheet(session: Session, ctx, ps: ParsedSheet, *, audit: Callable, note: str,
                tick: Callable[[int], None], after_write: bool = True, detector=None) -> SheetOutcome:
    """Insert unknown 记录编号, update known ones whose 版本 is higher, leave the rest.
    ``after_write=False`` skips the sheet's after-write hook (head office keeps no desk search index).

    With a ``detector`` (``app.core.conflicts.ConflictDetector``) a known record is updated only
    when its local state is in the workbook's lineage; a record edited on both sides is kept
    as it is here and recorded as a conflict (both versions in its history)."""
    if not ps.rows:
        return SheetOutcome(0, 0, 0)
    spec = ps.spec
    model = spec.model
    table = model.__table__
    names = _column_names(model)
    entity = spec.entity or table.name
    existing: dict[str, tuple[int, int, str]] = {}
    local_states: dict[str, tuple] = {}
    uuids = [r.values["uuid"] for r in ps.rows]
    for i in range(0, len(uuids), LOOKUP_CHUNK):
        chunk = uuids[i:i + LOOKUP_CHUNK]
        for uid, id_, version, site, at, by in session.execute(
                select(model.uuid, model.id, model.version, model.site_code, model.updated_at, model.updated_by)
                .where(model.uuid.in_(chunk))):
            existing[uid] = (id_, version, site)
            local_states[uid] = (version, at, by)
    decisions = detector.decide(session, entity, local_states,
                                [(r.row, r.values) for r in ps.rows if r.values["uuid"] in existing]) \
        if detector is not None else {}
    diverged: list[tuple[ParsedRow, int]] = []
    inserts: list[tuple[ParsedRow, dict]] = []
    updates: list[tuple[ParsedRow, int, dict]] = []
    unchanged = 0
    errors: list[str] = []
    for r in ps.rows:
        values = dict(r.values)
        known = existing.get(values["uuid"])
        if known is not None and known[2] != values["site_code"]:
            errors.append(error_line(spec.name, r.row, "记录编号",
                                     f"{values['uuid']} 已是站点“{known[2]}”的记录，不能属于“{values['site_code']}”"))
            continue
        decision = decisions.get(values["uuid"])
        if decision == "conflict":
            diverged.append((r, known[0]))
            continue
        if known is not None and (decision == "unchanged" or decision is None and values["version"] <= known[1]):
            unchanged += 1
            continue
        if spec.prepare is not None:
            try:
                values = {**values, **spec.prepare(session, ctx, values)}
            except ValidationError as exc:
                errors.append(error_line(spec.name, r.row, exc.field, exc.reason))
                continue
        fields = {k: v for k, v in values.items() if k in names}
        if known is None:
            if spec.created_from:
                t_attr, p_attr = spec.created_from
                fields["created_at"] = values.get(t_attr) or values["updated_at"]
                fields["created_by"] = values.get(p_attr) or values["updated_by"]
            else:
                fields["created_at"] = values["updated_at"]
                fields["created_by"] = values["updated_by"]
            if "voided_at" in names and fields.get("void_reason"):
                fields.setdefault("voided_at", values["updated_at"])
                fields.setdefault("voided_by", values["updated_by"])
            inserts.append((r, fields))
        else:
            updates.append((r, known[0], fields))
    if errors:
        raise WorkbookInvalid(errors)

    for i in range(0, len(inserts), WRITE_CHUNK):
        chunk = inserts[i:i + WRITE_CHUNK]
        # Runs of rows with the same keys, in workbook order (so ids follow the rows).
        runs: list[tuple[tuple, list[dict]]] = []
        for _r, fields in chunk:
            keys = tuple(sorted(fields))
            if not runs or runs[-1][0] != keys:
                runs.append((keys, []))
            runs[-1][1].append({names[k]: v for k, v in fields.items()})
        for _keys, params in runs:
            session.execute(insert(table), params)
        for r, fields in chunk:
            audit(ctx, session, "导入", entity=entity, entity_uuid=fields["uuid"],
                  after={k: _plain(v) for k, v in fields.items()}, note=f"{note} {spec.name} 第 {r.row} 行")
        tick(len(chunk))

    updated_before: dict[int, dict] = {}
    for i in range(0, len(updates), WRITE_CHUNK):
        chunk = updates[i:i + WRITE_CHUNK]
        ids = [id_ for _r, id_, _f in chunk]
        voids = "voided_at" in names
        attrs = sorted({k for _r, _id, f in chunk for k in f} | ({"voided_at", "voided_by"} if voids else set()))
        cols = [getattr(model, a) for a in attrs]
        current = {row[0]: dict(zip(attrs, row[1:]))
                   for row in session.execute(select(model.id, *cols).where(model.id.in_(ids)))}
        by_keys: dict[tuple, list[dict]] = {}
        for r, id_, fields in chunk:
            before = current[id_]
            if voids and fields.get("void_reason") and before.get("voided_at") is None:
                # Voided at the site since the last import: void it here too, when and by whom it was.
                fields = {**fields, "voided_at": fields["updated_at"], "voided_by": fields["updated_by"]}
            changed = {k: v for k, v in fields.items() if before.get(k) != v}
            by_keys.setdefault(tuple(sorted(fields)), []).append(
                {"_id": id_, **{f"_v_{names[k]}": v for k, v in fields.items()}})
            audit(ctx, session, "导入", entity=entity, entity_uuid=fields["uuid"],
                  before={k: _plain(before.get(k)) for k in changed},
                  after={k: _plain(v) for k, v in changed.items()},
                  note=f"{note} {spec.name} 第 {r.row} 行（版本 {before.get('version')} → {fields['version']}）")
        for keys, params in by_keys.items():
            stmt = (update(table).where(table.c.id == bindparam("_id"))
                    .values({names[k]: bindparam(f"_v_{names[k]}") for k in keys}))
            session.execute(stmt, params)
        for _r, id_, _f in chunk:
            updated_before[id_] = current[id_]
        tick(len(chunk))
    if after_write and spec.after_write is not None and (inserts or updates):
        new_uuids = [fields["uuid"] for _r, fields in inserts]
        inserted_ids: list[int] = []
        for i in range(0, len(new_uuids), LOOKUP_CHUNK):
            inserted_ids.extend(session.scalars(select(model.id).where(model.uuid.in_(new_uuids[i:i + LOOKUP_CHUNK]))))
        spec.after_write(session, ctx, inserted_ids, updated_before)
    for r, id_ in diverged:
        incoming = {k: v for k, v in r.values.items() if k in names}
        cols = [getattr(model, k) for k in incoming]
        local = dict(zip(incoming, session.execute(select(*cols).where(model.id == id_)).one()))
        detector.record(ctx, session, sheet=spec.name, row=r.row, entity=entity, uuid=incoming["uuid"],
                        local=local, incoming=incoming, note=note, audit_fn=audit)
    tick(unchanged + len(diverged))
    return SheetOutcome(len(inserts), len(updates), unchanged)
