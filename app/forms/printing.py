"""Printing paper forms: render (preview), archive under ``<home>/archive/YYYY/MM/`` and log.

``render_form`` has no side effects (a preview); ``archive_form`` is called when the
form is really printed or saved, and adds a PrintLog row (who printed which form for
which period, when, how many pages, where the archived copy is). ``print_form`` does
both and writes a copy where asked: the CLI's code path.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from app.core.models import PrintJobRecord, PrintLog, ScanPage
from app.domain.enums import Role
from app.domain.errors import ValidationError
from app.core import settings
from app.core.context import Context

log = logging.getLogger(__name__)

FONT = settings.define("forms.font", "", "表单字体文件（.ttf/.ttc，留空自动查找；.ttc 可用 路径#序号 指定其中一种）")
BINDING = settings.define("forms.binding_mm", 10, "表单左侧装订边距（毫米，在 10 毫米页边距之外，0–30）")

#: Letters of a job code: digits and capitals without I, L, O, U (no 0/O or 1/I/L mix-ups when typed).
JOB_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
JOB_LENGTH = 8
SIGNED, AWAITING = "已存签字件", "待签字件"


def new_job_code() -> str:
    return "".join(secrets.choice(JOB_ALPHABET) for _ in range(JOB_LENGTH))


def binding_mm(ctx: Context) -> float:
    try:
        value = float(settings.get(ctx, BINDING.key, BINDING.default))
    except (TypeError, ValueError):
        value = float(BINDING.default)
    return min(max(value, 0.0), 30.0)


@dataclass(frozen=True)
class RenderedForm:
    key: str
    code: str
    name: str
    pdf: bytes
    pages: int
    params: dict[str, Any]
    period_from: date | None
    period_to: date | None
    subject: str | None
    rendered_at: datetime
    font: str
    warnings: tuple[str, ...] = ()
    replaced_chars: str = ""
    missing_chars: str = ""
    template_path: str = ""
    seconds: float = 0.0
    #: the print job's number (QR code of every page) and, per page, the records it shows
    job_code: str = ""
    page_records: tuple[tuple[int, tuple[str, ...]], ...] = ()

    @property
    def period_label(self) -> str:
        if self.period_from and self.period_to and self.period_from != self.period_to:
            return f"{self.period_from:%Y-%m-%d} 至 {self.period_to:%Y-%m-%d}"
        d = self.period_from or self.period_to
        return f"{d:%Y-%m-%d}" if d else ""

    def suggested_filename(self) -> str:
        """E.g. ``KF-01_业主来访来电接洽投诉记录表_2026-11-20.pdf``."""
        if self.period_from and self.period_to and self.period_from != self.period_to:
            what = f"{self.period_from:%Y-%m-%d}_{self.period_to:%Y-%m-%d}"
        elif self.period_from or self.period_to:
            what = f"{(self.period_from or self.period_to):%Y-%m-%d}"
        else:
            what = self.subject or f"{self.rendered_at:%Y-%m-%d}"
        return _safe(f"{self.code}_{self.name}_{what}") + ".pdf"


@dataclass(frozen=True)
class PrintLogRow:
    id: int
    at: datetime
    actor: str
    form_code: str
    form_name: str
    period_from: date | None
    period_to: date | None
    subject: str | None
    pages: int | None
    archive_path: str | None
    job_code: str | None = None
    signed_at: datetime | None = None
    signed_by: str | None = None
    scanned_pages: int = 0

    @property
    def state(self) -> str:
        """已存签字件 (every page filed) or 待签字件 (with how many pages are in when some are)."""
        if self.signed_at:
            return SIGNED
        if self.scanned_pages:
            return f"{AWAITING}（已存 {self.scanned_pages}/{self.pages or '?'} 页）"
        return AWAITING

    @property
    def what(self) -> str:
        if self.period_from:
            return f"{self.period_from}" + (f" 至 {self.period_to}" if self.period_to and self.period_to != self.period_from
                                          else "")
        return self.subject or ""


@dataclass(frozen=True)
class FontStatus:
    """What the settings tab shows: the font in use, or why there is none."""

    configured: str
    in_use: str | None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    override_dir: str = ""
    overrides: tuple[str, ...] = field(default_factory=tuple)


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def _safe(name: str) -> str:
    return _UNSAFE.sub("_", name).strip("._")[:120] or "form"


def _check_params(spec, params: dict[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for p in spec.params:
        if p.kind == "period":
            f, t = out.get("date_from"), out.get("date_to")
            if (f is None) != (t is None) or (p.required and f is None):
                raise ValidationError(p.label, "请给出起止日期", "period")
            if f is not None and f > t:
                raise ValidationError(p.label, "起始日期不能晚于结束日期", "period")
            continue
        value = out.get(p.name, p.default)
        if isinstance(value, str):
            value = value.strip() or None
        if value is None and p.required:
            raise ValidationError(p.label, "必填，不能为空", p.name)
        if p.kind == "choice" and value is not None and p.choices and value not in p.choices:
            raise ValidationError(p.label, f"“{value}”不是有效的值，应为 {' / '.join(p.choices)}", p.name)
        out[p.name] = value
    return out


def render_form(ctx: Context, key: str, **params) -> RenderedForm:
    """Render a form to PDF bytes (no archive, no log): the preview."""
    from app.forms import registry
    from app.forms.fonts import find_main
    from app.forms.render import render
    from app.forms.template import load

    actor = ctx.require_actor()
    started = time.perf_counter()
    spec = registry.get(key)
    params = _check_params(spec, params)
    loaded = load(spec.template_file, spec.key, ctx.paths.templates)
    font = find_main(settings.get(ctx, FONT.key) or None)
    data = spec.provide(ctx, **params)
    now = ctx.now()
    site = ctx.site
    job = new_job_code()
    standard = {"site_name": site.name, "company_name": site.company_name, "printed_at": now,
                "printed_by": actor.name, "job_code": job, "binding_mm": binding_mm(ctx)}
    if data.parts:
        out = _render_parts(loaded.template, data.parts, font, standard)
    else:
        out = render(loaded.template, data, font=font, standard=standard)
    warnings = list(loaded.warnings) + list(font.warnings) + out.notes
    return RenderedForm(
        key=spec.key, code=loaded.template.code, name=loaded.template.title, pdf=out.pdf, pages=out.pages,
        params=params, period_from=data.period_from, period_to=data.period_to, subject=data.subject,
        rendered_at=now, font=font.choice.label, warnings=tuple(warnings),
        replaced_chars="".join(sorted(out.replaced)), missing_chars="".join(sorted(out.missing)),
        template_path=loaded.template.source_path, seconds=time.perf_counter() - started,
        job_code=job, page_records=tuple(out.page_records.items()),
    )


def _render_parts(template, parts, font, standard):
    """Each part drawn on its own pages, the PDFs joined in order into one job: the QR codes and
    the page records number through the whole job, so a signed scan of any page finds its part."""
    import io

    import pypdfium2 as pdfium

    from app.forms.render import render

    joined = pdfium.PdfDocument.new()
    first = None
    page_records: dict[int, tuple[str, ...]] = {}
    for part in parts:
        out = render(template, part, font=font, standard={**standard, "page_offset": len(joined)})
        joined.import_pages(pdfium.PdfDocument(out.pdf))
        page_records.update(out.page_records)
        if first is None:
            first = out
        else:
            first.notes.extend(n for n in out.notes if n not in first.notes)
            first.replaced.update(out.replaced)
            first.missing.update(out.missing)
    buf = io.BytesIO()
    joined.save(buf)
    first.pdf, first.pages, first.page_records = buf.getvalue(), len(joined), page_records
    return first


def save_pdf(rendered: RenderedForm, path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.write_bytes(rendered.pdf)
    except OSError as exc:
        raise ValidationError("保存位置", f"无法写入 {path}：{exc.strerror or exc}") from None
    return path


def archive_form(ctx: Context, rendered: RenderedForm, *, action: str = "打印") -> PrintLogRow:
    """Keep a copy under ``archive/YYYY/MM/`` and log the print (call when printed or saved).

    The log entry is the print job its QR codes name; printing or saving the same rendering
    again returns that entry (the same paper, the same job)."""
    actor = ctx.require_actor()
    now = ctx.now()
    if rendered.job_code:
        with ctx.read() as s:
            known = s.scalars(select(PrintLog).where(PrintLog.job_code == rendered.job_code)).first()
            if known is not None:
                log.info("%s %s again (job %s)", action, rendered.code, rendered.job_code)
                return _row(known)
    folder = ctx.paths.archive / f"{now:%Y}" / f"{now:%m}"
    stem = rendered.suggested_filename()[:-4] + f"_{now:%Y%m%d-%H%M%S}"
    path = folder / f"{stem}.pdf"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.pdf"
    save_pdf(rendered, path)
    subject = rendered.subject
    with ctx.unit_of_work() as s:
        row = PrintLog(site_code=ctx.site.code, at=now, actor=actor.name, form_code=rendered.code[:20],
                       form_name=rendered.name[:100], period_from=rendered.period_from,
                       period_to=rendered.period_to, subject=subject[:100] if subject else None,
                       pages=rendered.pages, archive_path=str(path), job_code=rendered.job_code or None)
        s.add(row)
        s.flush()
        rows = [{"print_log_id": row.id, "page": page, "record_uuid": u}
                for page, uuids in rendered.page_records for u in uuids]
        if rows:  # one statement for all of them (a 200-row form names 200 records)
            s.execute(insert(PrintJobRecord), rows)
        log.info("%s %s %s by %s -> %s", action, rendered.code, rendered.period_label or subject, actor.name, path)
        return _row(row)


def print_form(ctx: Context, key: str, *, out: str | Path | None = None, action: str = "打印",
               **params) -> tuple[RenderedForm, PrintLogRow, Path | None]:
    """Render, archive, log, and write a copy to ``out`` when given."""
    rendered = render_form(ctx, key, **params)
    written = save_pdf(rendered, out) if out else None
    logged = archive_form(ctx, rendered, action=action)
    return rendered, logged, written


def _row(r: PrintLog, scanned: int = 0) -> PrintLogRow:
    return PrintLogRow(r.id, r.at, r.actor, r.form_code, r.form_name, r.period_from, r.period_to, r.subject,
                       r.pages, r.archive_path, r.job_code, r.signed_at, r.signed_by, scanned)


def scanned_pages(s, log_ids: list[int]) -> dict[int, int]:
    """print log id → how many distinct pages have a filed scan."""
    from sqlalchemy import distinct, func

    if not log_ids:
        return {}
    q = (select(ScanPage.print_log_id, func.count(distinct(ScanPage.page)))
         .where(ScanPage.print_log_id.in_(log_ids), ScanPage.voided_at.is_(None), ScanPage.page.is_not(None))
         .group_by(ScanPage.print_log_id))
    return dict(s.execute(q).all())


def _log_query(ctx: Context, form_codes, awaiting_only: bool):
    q = select(PrintLog).where(PrintLog.site_code == ctx.site.code)
    if form_codes is not None:
        q = q.where(PrintLog.form_code.in_(list(form_codes)))
    if awaiting_only:
        q = q.where(PrintLog.signed_at.is_(None), PrintLog.job_code.is_not(None))
    return q


def print_log(ctx: Context, *, form_code: str | None = None, limit: int = 200,
              awaiting_only: bool = False, form_codes=None) -> list[PrintLogRow]:
    """The latest printed forms, newest first; ``awaiting_only``: those still waiting for
    their signed copy (print jobs with a code only); ``form_codes``: of these forms only."""
    if form_code:
        form_codes = (form_code,)
    with ctx.read() as s:
        q = _log_query(ctx, form_codes, awaiting_only).order_by(PrintLog.at.desc(), PrintLog.id.desc()).limit(limit)
        rows = list(s.scalars(q))
        counts = scanned_pages(s, [r.id for r in rows])
        return [_row(r, counts.get(r.id, 0)) for r in rows]


def feature_form_codes(feature: str) -> tuple[str, ...]:
    """The codes (KF-01 …) of the forms a feature prints, as its print jobs are logged."""
    from app.forms import registry

    return tuple(spec.code for spec in registry.feature_forms(feature))


def awaiting_count(ctx: Context, form_codes) -> int:
    """How many print jobs of these forms still wait for their signed copy."""
    from sqlalchemy import func

    with ctx.read() as s:
        q = _log_query(ctx, form_codes, True).with_only_columns(func.count(PrintLog.id))
        return int(s.scalar(q) or 0)


@dataclass(frozen=True)
class FormInfo:
    key: str
    code: str
    name: str
    params: tuple
    listed: bool
    overridden: bool
    template_note: str = ""


def available_forms(ctx: Context | None = None, *, listed_only: bool = False) -> list[FormInfo]:
    """Forms the GUI can offer, with their code/title as the site's templates say."""
    from app.forms import registry
    from app.forms.template import load

    out = []
    for spec in registry.forms():
        if listed_only and not spec.listed:
            continue
        code, name, overridden, note = spec.code, spec.name, False, ""
        try:
            loaded = load(spec.template_file, spec.key, ctx.paths.templates if ctx else None)
            code, name, overridden = loaded.template.code, loaded.template.title, loaded.template.overridden
            note = "；".join(loaded.warnings)
        except Exception as exc:  # noqa: BLE001 - shown, not fatal
            note = str(exc)
        out.append(FormInfo(spec.key, code, name, spec.params, spec.listed, overridden, note))
    return out


def font_status(ctx: Context) -> FontStatus:
    from app.forms.fonts import FontNotFound, find_main

    configured = settings.get(ctx, FONT.key) or ""
    overrides = tuple(sorted(p.name for p in ctx.paths.templates.glob("*.toml"))) \
        if ctx.paths.templates.is_dir() else ()
    try:
        main = find_main(configured or None)
    except FontNotFound as exc:
        return FontStatus(configured, None, (), str(exc), str(ctx.paths.templates), overrides)
    return FontStatus(configured, main.choice.label, main.warnings, None, str(ctx.paths.templates), overrides)


def set_font(ctx: Context, path: str | None) -> FontStatus:
    """Choose the form font (客服主管 and above). An unusable file is refused."""
    from app.forms.fonts import FontNotFound, find_main

    ctx.require_role(Role.SUPERVISOR, "修改表单字体")
    value = (path or "").strip()
    if value:
        try:
            main = find_main(value)
        except FontNotFound:
            raise ValidationError("表单字体", f"{value} 不是可用的中文 TrueType 字体") from None
        if main.warnings:
            raise ValidationError("表单字体", "；".join(main.warnings[:-1]) or f"{value} 无法使用")
    settings.put(ctx, FONT.key, value)
    return font_status(ctx)


def copy_template(ctx: Context, key: str) -> Path:
    """Copy a bundled template into ``<home>/templates/`` for the site to edit (客服主管 and above).

    An existing override is never overwritten.
    """
    from app.config import BUNDLED_TEMPLATES
    from app.forms import registry

    ctx.require_role(Role.SUPERVISOR, "修改表单模板")
    spec = registry.get(key)
    target = ctx.paths.templates / spec.template_file
    if target.exists():
        raise ValidationError("表单模板", f"{target} 已存在，请直接编辑该文件")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((BUNDLED_TEMPLATES / spec.template_file).read_bytes())
    log.info("template %s copied to %s by %s", key, target, ctx.actor.name if ctx.actor else "?")
    return target
