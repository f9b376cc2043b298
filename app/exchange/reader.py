"""Read and import the workbook: check every row of every sheet, then write all in one transaction."""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable

from openpyxl import load_workbook
from sqlalchemy import bindparam, insert, inspect as sa_inspect, select, update
from sqlalchemy.orm import Session

from app.core.conflicts import LINEAGE_SHEET
from app.domain.errors import FrontDeskError, ValidationError
from app.exchange import cells
from app.exchange.registry import SUMMARY_SHEET, sheets
from app.exchange.spec import YES, SheetSpec
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


def open_workbook(path: str | os.PathLike):
    if not os.path.exists(path):
        raise WorkbookRefused(f"文件不存在：{path}")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookRefused(f"无法读取 {os.path.basename(path)}：不是有效的 Excel 工作簿（.xlsx）（{exc}）") from None


def read_summary(wb) -> dict[str, Any]:
    ws = wb[SUMMARY_SHEET]
    out: dict[str, Any] = {}
    for row in ws.iter_rows(min_row=1, max_col=2, values_only=True):
        if not row or row[0] is None:
            break
        out[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    return out


def read_counts(wb) -> dict[str, int]:
    """汇总's 表名 | 记录数 table (empty when missing or unreadable)."""
    counts: dict[str, int] = {}
    in_table = False
    for row in wb[SUMMARY_SHEET].iter_rows(max_col=2, values_only=True):
        if not row:
            continue
        key = row[0]
        if in_table and key is not None and isinstance(row[1] if len(row) > 1 else None, int):
            counts[str(key)] = row[1]
        elif key == "表名":
            in_table = True
    return counts


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

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def _is_blank_row(row) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def parse_workbook(wb, site_code: str, *, progress: ProgressFn | None = None) -> ParsedWorkbook:
    """Check everything; collect every error. Writes nothing."""
    errors: list[str] = []
    warnings: list[str] = []
    if SUMMARY_SHEET not in wb.sheetnames:
        raise WorkbookRefused(f"缺少工作表“{SUMMARY_SHEET}”：这不是 FrontDesk 导出的工作簿")
    summary = read_summary(wb)
    if str(summary.get("手机号已脱敏") or "").strip() == YES:
        raise WorkbookRefused("该工作簿导出时已将手机号脱敏（汇总：手机号已脱敏 = 是），不能用于导入。"
                              "请导出不脱敏的工作簿再导入。")
    version = summary.get("格式版本")
    try:
        version_no = int(version)
    except (TypeError, ValueError):
        version_no = None
    if version_no is None or not 1 <= version_no <= FORMAT_VERSION:
        errors.append(error_line(SUMMARY_SHEET, None, "格式版本",
                                 f"“{version}”不是本软件能读取的格式版本（应为 {FORMAT_VERSION}）"))
    book_site = str(summary.get("站点编码") or "").strip()
    if book_site != site_code:
        raise WorkbookRefused(f"工作簿的站点编码“{book_site}”与本站点“{site_code}”不符，不能导入")

    specs = [s for s in sheets() if s.name in wb.sheetnames]
    known = {s.name for s in sheets()} | {SUMMARY_SHEET, LINEAGE_SHEET}
    for name in wb.sheetnames:
        if name not in known:
            warnings.append(f"{name}：不认识的工作表，已忽略")
    # Progress total from 汇总's 表名 | 记录数 table (a read-only sheet's max_row would parse it all).
    declared = read_counts(wb)
    total = sum(declared.get(s.name, 0) for s in specs)
    done = 0
    parsed: list[ParsedSheet] = []
    for spec in specs:
        ps = ParsedSheet(spec)
        parsed.append(ps)
        rows = wb[spec.name].iter_rows(values_only=True)
        header = next(rows, None) or ()
        index: dict[str, int] = {}
        for i, h in enumerate(header):
            if h is None or (isinstance(h, str) and not h.strip()):
                continue
            h = str(h).strip()
            if h in index:
                errors.append(error_line(spec.name, 1, h, "列名重复"))
                continue
            index[h] = i
        missing_required = False
        columns = []
        for col in spec.columns:
            if col.header not in index:
                if col.required:
                    errors.append(error_line(spec.name, 1, col.header, "缺少必需的列"))
                    missing_required = True
                elif not col.readonly:
                    warnings.append(error_line(spec.name, 1, col.header, "缺少此列，该列的值不导入"))
                continue
            columns.append((col, index[col.header]))
            if not col.readonly and col.attr not in spec.extra:
                ps.present.add(col.attr)
            elif col.attr in spec.extra and not col.readonly:
                ps.present.add(col.attr)
        for h in index:
            if h not in spec.headers:
                warnings.append(error_line(spec.name, 1, h, "不认识的列，已忽略"))
        if missing_required:
            continue
        seen: dict[str, int] = {}
        for rownum, row in enumerate(rows, start=2):
            done += 1
            if progress and done % 500 == 0:
                progress(min(done, total), total)
            if _is_blank_row(row):
                continue
            values: dict[str, Any] = {}
            row_ok = True
            width = len(row)
            for col, i in columns:
                raw = row[i] if i < width else None
                try:
                    value = cells.parse_cell(col, raw)
                except cells.CellError as exc:
                    errors.append(error_line(spec.name, rownum, col.header, str(exc)))
                    row_ok = False
                    continue
                if not col.readonly:
                    values[col.attr] = value
            if values.get("site_code") not in (None, site_code):
                errors.append(error_line(spec.name, rownum, "站点编码",
                                         f"“{values['site_code']}”与本站点“{site_code}”不符"))
                row_ok = False
            uid = values.get("uuid")
            if uid is not None:
                if uid in seen:
                    errors.append(error_line(spec.name, rownum, "记录编号", f"与第 {seen[uid]} 行重复（{uid}）"))
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
                errors.append(error_line(spec.name, rownum, exc.field, exc.reason))
                continue
            ps.rows.append(ParsedRow(rownum, values))
    if progress:
        progress(total, total)
    return ParsedWorkbook(summary, parsed, errors, warnings)


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


def _column_names(model) -> dict[str, str]:
    """attr -> table column name, for the model's mapped columns."""
    mapper = sa_inspect(model)
    return {prop.key: prop.columns[0].name for prop in mapper.column_attrs}


def apply_sheet(session: Session, ctx, ps: ParsedSheet, *, audit: Callable, note: str,
                tick: Callable[[int], None], detector=None) -> SheetOutcome:
    """Insert unknown 记录编号, update known ones whose 版本 is higher, leave the rest.

    With a ``detector`` (``app.core.conflicts.ConflictDetector``) a known record is updated only
    when its local state is in the workbook's lineage; a record edited on both sides is kept
    as it is here and recorded as a conflict (both versions in its history)."""
    spec = ps.spec
    model = spec.model
    table = model.__table__
    names = _column_names(model)
    entity = spec.entity or table.name
    existing: dict[str, tuple[int, int]] = {}
    local_states: dict[str, tuple] = {}
    uuids = [r.values["uuid"] for r in ps.rows]
    for i in range(0, len(uuids), LOOKUP_CHUNK):
        chunk = uuids[i:i + LOOKUP_CHUNK]
        for uid, id_, version, at, by in session.execute(
                select(model.uuid, model.id, model.version, model.updated_at, model.updated_by)
                .where(model.uuid.in_(chunk))):
            existing[uid] = (id_, version)
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
        attrs = sorted({k for _r, _id, f in chunk for k in f})
        cols = [getattr(model, a) for a in attrs]
        current = {row[0]: dict(zip(attrs, row[1:]))
                   for row in session.execute(select(model.id, *cols).where(model.id.in_(ids)))}
        by_keys: dict[tuple, list[dict]] = {}
        for r, id_, fields in chunk:
            before = current[id_]
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
    if spec.after_write is not None and (inserts or updates):
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
