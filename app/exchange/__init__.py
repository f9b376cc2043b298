"""The workbook engine: the end-of-day workbook head office reads, and the same format imported
back (export, import, the export log, the closing reminder and the automatic export). It knows
no feature: every feature lists its sheet module in ``app/features.py`` and the registry
(``app.exchange.registry``) collects them; the contract of every sheet (names, headers, value
words) is declared by its ``SheetSpec`` beside the feature's code (e.g. ``app/repairs/sheet.py``).

Column(header, attr, kind=TEXT, required=False, choices=(), max_len=None (TEXT default 200),
min_value=None, max_value=None, phone=False, readonly=False, width=None)
  - ``attr``: a mapped column of the model, or a key of ``SheetSpec.extra``.
  - kinds (app.exchange.spec): UUID (lower-case 36-char text), TEXT (always a text cell; phones,
    unit numbers, free text; stored exactly as written), INT, NUMBER (float), DATETIME (real
    Excel date-time, ``yyyy-mm-dd hh:mm``; import also accepts ISO text), DATE (``yyyy-mm-dd``),
    ENUM (``choices``: a StrEnum class or a tuple of words), YESNO (是/否 <-> bool).
  - ``readonly=True``: exported only (computed values such as 缺陷数), ignored by import.

SheetSpec(name, order, model, columns, sort="created_at", created_from=None, extra={},
derive=None, check=None, prepare=None, where=None, entity=None) — full meaning in
app/exchange/spec.py. In short:
  - ``extra={"handover_uuid": select(Handover.uuid).where(Handover.id == Defect.handover_id)
    .scalar_subquery()}`` adds a computed value a Column can name (export);
    ``prepare(session, ctx, values) -> dict`` (import, write phase, inside the transaction, after the
    earlier sheets were written) turns it back into attributes, e.g. ``{"handover_id": ...}``;
    raise ``ValidationError(header, message)`` there to reject the row (all is rolled back).
    A plain string column ``handover_uuid`` on the model needs neither.
  - ``derive(values) -> dict``: attributes computed from the row (e.g. phone_digits), no database.
  - ``check(values)``: cross-column rules, raise ``ValidationError(header, message)``.
  - ``where(start, end)``: replaces the default range selection.
  - ``after_write(session, ctx, inserted_ids, updated_before)``: after the sheet's Core writes
    (which bypass ORM events), e.g. to refresh a search index (来访来电 does).

What the framework does for every sheet (the module writes none of it)
  - Export (``app.exchange.writer.write_workbook``): rows of this site created OR last changed in
    the range (``created_at`` or ``updated_at`` in [from 00:00, to+1 00:00)), streamed with
    ``yield_per``, write_only; styled header, frozen first row, autofilter, widths fitting Chinese,
    date-times as real cells ``yyyy-mm-dd hh:mm``, every TEXT/UUID/ENUM as a text cell; text
    starting with = + - @ tab CR is written as text (quotePrefix) and reads back unchanged; CR and
    control characters escaped as ``_x000D_`` (OOXML) and unescaped by our reader.
  - The manifest (format version 2, ``app.exchange.checksum``): 汇总 carries 导出序号 (a per-site
    counter, the setting ``export.sequence``) and 校验码, SHA-256 over the record sheets' cells in
    canonical text; the writer hashes what it writes, the reader what it reads. Import refuses
    (``WorkbookRefused``) a workbook whose 校验码 does not match, or whose sheets disagree with 汇总's
    ``表名 | 记录数`` table (a listed sheet missing, a record sheet unlisted, a count different);
    a version 1 workbook imports with a warning that it carries no check.
  - Reading (``app.exchange.book``): python-calamine, a sheet at a time; text cells stay text,
    date-times come back as datetime (at midnight as date), empty cells as "".
  - Import (``app.exchange.reader``): header matched by name (unknown columns: a warning; missing
    required column: an error), every cell checked by kind/required/choices/length/range, 记录编号
    duplicates and 站点编码 (must be this site; at head office the workbook's own) checked, a 记录编号
    already held by another site refused, all sheets checked before anything is written;
    then one transaction: unknown 记录编号 inserted, a known one updated only when 版本 is higher,
    otherwise left alone; uuid, version, updated_at/by kept exactly (Core INSERT/UPDATE through the
    session, not the ORM version counter); created_at/by from ``created_from`` (default
    updated_at/by); a non-empty 作废原因 sets voided_at/by = 最后修改时间/人 on insert;
    ``prepare`` runs only for rows that will be inserted or updated; one audit event per written
    record (action 导入; the same columns records.audit writes, inserted in batches). Errors: ``WorkbookInvalid`` with
    ``.errors`` = ["sheet / 第 N 行 / column：message", ...].
  - Tests a sheet module should add: a round trip of its own records (export -> import into an
    empty database of the same site -> export gives the same cells); ``tests/exchange_helpers.py``
    has the pieces.
  - Caveat: the workbook has no creation columns, so an inserted record's created_at/by come from
    ``created_from``; choose the record's own registration time/person (usually identical).

Service entry points (``app/exchange/service.py``; CLI and GUI call these, the GUI through env.runner —
each takes a ``progress(done, total)`` keyword):
  export_workbook(ctx, date_from, date_to, path, *, mask_phones=False, kind="manual", progress=None)
      -> ExportResult(path, date_from, date_to, counts: dict[sheet, int], total, mask_phones);
      every export (also a failed one, raised as ExportFailed) goes into ExportLog.
  check_workbook(path, site_code | None) -> ParsedWorkbook (None: any site, head office) and
  write_parsed(ctx, session, parsed, name) -> sheet outcomes, inside the caller's transaction:
      the two halves of an import, for a caller with its own unit of work (app/hq/importer.py).
  export_workbook(..., all_sites=True): every site's records the database holds (head office).
  import_workbook(ctx, path, *, progress=None) -> ImportResult(path, sheets, warnings) with
      .inserted/.updated/.unchanged/.summary(); needs 客服主管 or above. Errors: app.exchange.reader.WorkbookInvalid
      (``.errors``), WorkbookRefused (masked, another site, not a workbook).
  default_filename(ctx, d1, d2), list_exports(ctx), last_export(ctx, day), exported_days(ctx, d1, d2),
  export_reminder(ctx) -> str | None, auto_export_settings(ctx), save_auto_export_settings(ctx, ...),
  run_auto_export_if_due(ctx) -> ExportResult | None.

"""

from app.exchange.spec import (  # noqa: F401
    DATE, DATETIME, ENUM, INT, NUMBER, TEXT, UUID, VOID_REASON, YESNO, Column, SheetSpec, record_head, record_tail,
)
