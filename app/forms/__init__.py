"""Paper forms: a template-driven PDF engine (reportlab platypus) with embedded CJK fonts.

How a feature adds a form
=========================

1. A **provider module** in the feature's package (e.g. ``app/repairs/print_work_order.py``)
   defines ``FORM = FormSpec(key, code, name, provide, params, help, listed, order)``; the
   feature lists it under ``forms`` in ``app/features.py``. ``provide(ctx, **params)`` returns
   :class:`FormData` (``values`` for the template, ``subject`` for the print log and the file
   name, ``period_from``/``period_to`` for a listing). ``app.forms.registry.forms()`` /
   ``get(key)`` read the list; a module that fails to import is logged and skipped
   (``registry.BROKEN``), the other forms still work. The key ``log`` is reserved.
   ``listed=True`` forms appear in 报表与导出 → 表单打印 with inputs built from their params.
   ``get(key)`` tries the provider modules whose names hold the key's words first, so
   ``frontdesk print <key>`` imports that form's feature only: name a provider after its key.
   ``record_uuids`` names the records the whole form shows (a one-record form: that record);
   table rows that carry a ``uuid`` key are tracked page by page by the engine. Both go to
   the print job, so a signed scan of a page finds its records.
   Table rows may be dicts or objects with attributes; ``app/forms/data.py`` has small helpers
   (``bounds(date_from, date_to)`` → [start, end) datetimes, ``md_hm``).

2. **Parameters** (``app/forms/spec.py`` :class:`Param`) declare both the CLI options and the GUI
   inputs of 报表与导出; the provider receives them as keyword arguments:

   - ``Param.period("日期")`` → ``--date D`` or ``--from D --to D``; provider gets ``date_from``,
     ``date_to`` (``datetime.date``).
   - ``Param.day("day", "日期")`` → ``--date D``; provider gets ``day``.
   - ``Param.text("unit", "房号")`` → ``--unit 3-2-1502``; ``Param.text("number", "单号")`` → ``--number X``
     (``flag="--xyz"`` to choose another option name). Normalise/validate in the provider
     (raise ``ValidationError`` / ``NotFound``: the CLI prints one line, the GUI a message).
   - ``Param.integer(...)``, ``Param.choice(name, label, choices)``; ``required=False`` for optional
     ones (the provider then gets ``None`` or the ``default``).

   ``app/cli/commands/print_cmd.py`` builds ``frontdesk print <key> <options> [--out FILE.pdf]`` for
   every discovered form: it renders, writes ``--out``, archives under
   ``<home>/archive/YYYY/MM/`` and adds a PrintLog row.

3. A **template** ``forms_templates/<key>.toml`` (format: ``forms_templates/README.md``): ``code``,
   ``title``, ``page`` (A4/A5), ``orientation`` (portrait/landscape), ``header`` (label/key pairs
   under the title) and ``[[blocks]]`` of these types:

   - ``fields``   key/value grid for one record: ``columns`` (pairs per line), ``items = [{label, key,
     span, lines, format}]``;
   - ``table``    rows of a list: ``source``, ``columns = [{key, label, width, align, format}]`` (key ``"#"``
     = running number), ``empty_text`` (default ``本期无记录``), ``title``, ``min_rows`` (blank lines),
     ``row_min_mm`` (row height to sign in);
     header repeated on every page, long text wraps, tall rows split across pages;
   - ``checklist`` tick list: ``source`` (list of ``{label, checked}``) or ``items = [{label, key}]``
     (key → bool), ``columns``, ``title``;
   - ``text``     a paragraph with ``{key}`` placeholders: ``text``, ``size``, ``bold``, ``align``;
   - ``box``      a ruled box to write in: ``label``, ``key`` (printed inside when present), ``lines``;
   - ``signatures`` ``items = [{label, key}]`` printed as ``label：value____``; ``columns``;
   - ``spacer``   ``height_mm``.

   The trailing box/text/signatures blocks are kept together on the last page. Values the engine
   always provides: ``site_name``, ``company_name``, ``form_code``, ``form_title``, ``printed_at``,
   ``printed_by``, ``period`` (``2026-11-20`` or ``2026-11-01 至 2026-11-20`` from period_from/to).
   Dates/datetimes print as ``YYYY-MM-DD`` / ``YYYY-MM-DD HH:MM`` (``format`` = strftime to change),
   booleans as 是/否, None as blank. A site overrides a template with its own copy in
   ``<home>/templates/<key>.toml``; a broken override is reported (file + reason) and the bundled one used.

4. **Printing from code.** Services: ``app.forms.printing.render_form(ctx, key, **params) ->
   RenderedForm`` (``.pdf`` bytes, ``.pages``, ``.warnings``, ``.replaced_chars``),
   ``archive_form(ctx, rendered, action)`` (archive + PrintLog), ``print_form(ctx, key, out=None,
   **params)`` (both; what the CLI runs). GUI: ``ui.shared.print_preview.preview_form(env, parent, key, **params)``
   renders on ``env.runner`` and opens the preview window (pages on white, 打印 via the system print
   dialog, 另存为PDF; either one archives and logs). Pages call it from their own 打印 buttons, e.g.
   ``preview_form(self.env, self, "work-order", number=row.number)``. ``ui.shared.print_preview.FormPreview``
   is the embeddable widget (tests replace ``FormPreview.ask_printer`` to print to a PDF file).

5. **Paper that holds** (``render.py``, ``page.py``, ``linebreak.py``): at least 10 mm of margin on
   every side plus the binding margin on the left (setting ``forms.binding_mm``, default 10);
   one-record forms flow onto further pages with a running title and header; the footer is
   laid out by rule (one line, or two, long names shortened with …, the page number never);
   every text is broken by the engine (no line starts with closing punctuation or ends with
   opening punctuation; numbers, dates, codes and Latin words stay whole unless wider than
   the cell); a row continued on the next page repeats its ``#`` and ``repeat = true`` cells.

6. **Print jobs and signed scans** (``scans.py``): every rendering has a job code; each page
   carries a QR code ``FD:<job>:<page>`` and the number ``<job>-<page>`` in its top-right
   corner. ``archive_form`` stores the job (PrintLog.job_code) and the records of each page
   (PrintJobRecord). ``scans.import_scans(ctx, paths)`` (CLI ``frontdesk scans import``, GUI
   报表与导出 → 签字扫描件) files scanned pages beside the archived PDF and marks the job
   已存签字件 when all its pages are in; unread pages wait in 待人工匹配 (``match_scan``).
   A filed page is turned upright by the angle of its code. ``scans.signed_copies(ctx,
   record_uuid)`` lists a record's signed pages (``ui.forms.signed_copies.SignedCopiesWidget``
   shows them in a record's dialog); ``printing.awaiting_count(ctx, printing.feature_form_codes(
   feature))`` counts a feature's print jobs still waiting for theirs
   (``ui.forms.awaiting.AwaitingSignatures(env, feature)``: the 「待签字件 N 份」 line of a page).

7. **Tests** of a form: ``printing.render_form(ctx, key, **params).pdf`` and ``pypdf`` to read the text
   (white space removed: wrapped cells break lines anywhere).

Fonts: a TrueType subset is embedded in every PDF (``app/forms/fonts.py``): setting ``forms.font`` →
Windows fonts (simsun.ttc, msyh.ttc, simhei.ttf) → the bundled font in ``resources/fonts/`` → Linux
CJK TrueType fonts.
A character the main font lacks is drawn with a fallback font that has it (SimSun-ExtB, DejaVu
Sans…); one no font has is printed as a visible ``[U+XXXXX]``; both are logged and listed in
``RenderedForm.warnings``.

"""

from app.forms.spec import FormData, FormSpec, Param

__all__ = ["FormData", "FormSpec", "Param"]
