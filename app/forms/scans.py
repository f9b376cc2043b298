"""Signed scans come home: scanned pages find their print job by the QR code every printed
page carries, are filed beside the printed original, and mark the job and its records.

- ``import_scans(ctx, paths)``: PDFs (any number of pages, forms in any order) and images
  (JPG/PNG/TIFF, multi-page TIFF too); each page's code is read (rotated or slightly skewed
  pages included), the page is turned upright by its code's angle and saved as ``<archived PDF name>_签字件_第N页.jpg`` beside the
  archived PDF, and a ScanPage row records it. A page whose code cannot be read is saved under
  ``archive/待人工匹配/`` with status 待人工匹配, for a person to ``match_scan``.
- A print job is 已存签字件 (``PrintLog.signed_at/by``) once every page has its scan; each record
  on a filed page gets an audit entry 签字件已存 (who, when, which job and page).
- ``signed_copies(ctx, record_uuid)``: a record's filed pages, for its dialog.

Decoding uses zxing-cpp (offline, wheels for Windows/macOS/Linux); PDF pages are rasterised
with pypdfium2 (no poppler needed); images are read with Pillow.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import select

from app.core import records
from app.core.context import Context
from app.core.models import PrintJobRecord, PrintLog, ScanPage
from app.domain.errors import NotFound, ValidationError

log = logging.getLogger(__name__)

FILED, UNMATCHED = "已归档", "待人工匹配"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}
PDF_DPI = 200
_CODE = re.compile(r"^FD:([0-9A-Z]{6,16}):(\d{1,4})$")
_TYPED = re.compile(r"^\s*([0-9A-Za-z]{6,16})\s*[-－:：]\s*(\d{1,4})\s*$")


@dataclass(frozen=True)
class ScanRow:
    uuid: str
    version: int
    status: str
    source: str
    source_page: int
    file_path: str
    imported_at: datetime
    imported_by: str
    job_code: str | None = None
    page: int | None = None
    form_code: str | None = None
    form_name: str | None = None
    subject: str | None = None
    note: str = ""


@dataclass(frozen=True)
class ImportResult:
    filed: tuple[ScanRow, ...]
    unmatched: tuple[ScanRow, ...]
    errors: tuple[str, ...]
    jobs_completed: tuple[str, ...]
    seconds: float = 0.0

    def summary(self) -> str:
        text = f"归档 {len(self.filed)} 页，待人工匹配 {len(self.unmatched)} 页"
        if self.jobs_completed:
            text += f"，{len(self.jobs_completed)} 份表单已存齐签字件"
        if self.errors:
            text += f"，{len(self.errors)} 个文件无法读取"
        return text


@dataclass(frozen=True)
class SignedCopyRow:
    job_code: str
    form_code: str
    form_name: str
    subject: str
    page: int
    pages: int | None
    file_path: str
    filed_at: datetime
    filed_by: str
    printed_at: datetime


# ------------------------------------------------------------- reading pages

def parse_code(text: str | None) -> tuple[str, int] | None:
    """``FD:<job>:<page>`` from a QR code, or the number printed beside it (``<job>-<page>``)."""
    if not text:
        return None
    m = _CODE.match(text.strip()) or _TYPED.match(text)
    return (m.group(1).upper(), int(m.group(2))) if m else None


def read_code(image) -> str | None:
    """The page's FrontDesk code, or None."""
    return read_page(image)[0]


def read_page(image) -> tuple[str | None, float]:
    """The page's FrontDesk code (or None) and how far the page is turned: the angle in
    degrees (counter-clockwise as the page lies) of the code's top edge, from the corners the
    decoder reports; 0 when there is no code. Tries the page as it is, then its top-right
    quarter enlarged (small codes on coarse scans), then a sharpened black-and-white copy
    (neither changes the angle)."""
    import zxingcpp
    from PIL import ImageOps

    gray = ImageOps.grayscale(image)
    w, h = gray.size
    corner = gray.crop((w // 2, 0, w, h // 2))
    candidates = [gray, corner.resize((corner.width * 2, corner.height * 2))]
    for cand in candidates + [None]:
        if cand is None:
            cand = gray.point(lambda v: 255 if v > 150 else 0)
        for result in zxingcpp.read_barcodes(cand, formats=zxingcpp.BarcodeFormat.QRCode):
            if parse_code(result.text):
                return result.text, _fine_turn(cand, result)
    return None, 0.0


def _fine_turn(image, result) -> float:
    """The code's angle read again on its neighbourhood enlarged three to six times: the
    decoder gives corners in whole pixels, which on a 150 dpi scan (a code some 80 pixels
    wide) is worth about half a degree; enlarged, a fraction of a pixel."""
    import zxingcpp
    from PIL import Image

    p = result.position
    xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
    pad = max(max(xs) - min(xs), max(ys) - min(ys)) // 3 + 4
    box = (max(min(xs) - pad, 0), max(min(ys) - pad, 0), min(max(xs) + pad, image.width),
           min(max(ys) + pad, image.height))
    crop = image.crop(box)
    turns = []
    for k in (3, 4, 5, 6):  # each enlargement rounds the corners differently: their mean is steadier
        big = crop.resize((crop.width * k, crop.height * k), Image.Resampling.BICUBIC)
        turns.extend(_turn(again.position) for again in zxingcpp.read_barcodes(
            big, formats=zxingcpp.BarcodeFormat.QRCode) if again.text == result.text)
    return _mean_angle(turns) if turns else _turn(p)


def _turn(position) -> float:
    """Degrees the code's edges rise from the level (its four edges averaged; the corners come
    in whole pixels), as seen on the image whose y axis points down: a page rotated 2°
    counter-clockwise gives 2."""
    import math

    def angle(a, b) -> float:
        return math.degrees(math.atan2(-(b.y - a.y), b.x - a.x))

    p = position
    edges = [angle(p.top_left, p.top_right), angle(p.bottom_left, p.bottom_right),
             angle(p.bottom_left, p.top_left) - 90, angle(p.bottom_right, p.top_right) - 90]
    return _mean_angle(edges)


def _mean_angle(degrees: list[float]) -> float:
    """The mean of angles on the circle (a page upside down reads near ±180 on every edge)."""
    import math

    x = sum(math.cos(math.radians(e)) for e in degrees)
    y = sum(math.sin(math.radians(e)) for e in degrees)
    return math.degrees(math.atan2(y, x))


def straighten(image, turn: float):
    """The page turned back by ``turn`` degrees so its code (and so its text) stands level;
    the corners uncovered are white. Angles under 0.25° are left alone."""
    from PIL import Image

    if abs(turn) < 0.25:
        return image
    fill = 255 if image.mode == "L" else (255,) * len(image.getbands())
    # bilinear: as sharp as a scan needs, at less than half the time of bicubic on an A4 page
    return image.rotate(-turn, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=fill)


def pages_of(path: Path) -> Iterator[tuple[int, object]]:
    """(page number, PIL image) of a PDF or an image file."""
    from PIL import Image, ImageSequence

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(doc)):
                page = doc[i]
                yield i + 1, page.render(scale=PDF_DPI / 72, grayscale=True).to_pil()
                page.close()
        finally:
            doc.close()
        return
    if suffix not in IMAGE_SUFFIXES:
        raise ValidationError("文件", f"{path.name} 不是 PDF 或图片（JPG/PNG/TIFF）")
    with Image.open(path) as img:
        for i, frame in enumerate(ImageSequence.Iterator(img), 1):
            yield i, frame.convert("L") if frame.mode not in ("L", "RGB") else frame.copy()


def expand(paths) -> list[Path]:
    """Files given, folders opened (their PDFs and images, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.suffix.lower() in IMAGE_SUFFIXES | {".pdf"}))
        else:
            out.append(p)
    return out


# ------------------------------------------------------------------ import

@dataclass
class _Page:
    source: Path
    number: int
    image: object
    code: str | None
    turn: float = 0.0


def import_scans(ctx: Context, paths) -> ImportResult:
    """Read every page, file those with a code, keep the others for a person to match."""
    import time

    started = time.perf_counter()
    ctx.require_actor()
    pages: list[_Page] = []
    errors: list[str] = []
    for path in expand(paths):
        if not path.is_file():
            errors.append(f"{path}：文件不存在")
            continue
        try:
            for n, image in pages_of(path):
                pages.append(_Page(path, n, image, *read_page(image)))
        except ValidationError as exc:
            errors.append(exc.message if hasattr(exc, "message") else str(exc))
        except Exception as exc:  # noqa: BLE001 - a damaged file must not stop the others
            log.warning("cannot read scan %s: %s", path, exc)
            errors.append(f"{path.name}：无法读取（文件损坏或格式不支持）")
    filed: list[ScanRow] = []
    unmatched: list[ScanRow] = []
    completed: list[str] = []
    now = ctx.now()
    with ctx.unit_of_work() as s:
        jobs: dict[str, PrintLog | None] = {}
        for p in pages:
            parsed = parse_code(p.code)
            job = None
            if parsed:
                code, page_no = parsed
                if code not in jobs:
                    jobs[code] = s.scalars(select(PrintLog).where(PrintLog.job_code == code)).first()
                job = jobs[code]
                if job is not None and job.pages and not 1 <= page_no <= job.pages:
                    job = None
            if job is None:
                target = _unmatched_path(ctx, now, p)
                _save(p.image, target)
                row = records.create(ctx, s, ScanPage, action="导入扫描件", status=UNMATCHED, file_path=str(target),
                                     source=str(p.source), source_page=p.number, code_text=p.code)
                unmatched.append(_scan_row(row, None, note="未识别到表单码" if not p.code else
                                           f"表单码 {p.code} 找不到对应的打印记录"))
                continue
            target = _filed_path(job, parsed[1])
            _save(straighten(p.image, p.turn), target)  # the archived page stands straight
            row = records.create(ctx, s, ScanPage, action="导入扫描件", status=FILED, file_path=str(target),
                                 source=str(p.source), source_page=p.number, code_text=p.code,
                                 print_log_id=job.id, page=parsed[1])
            _mark_records(ctx, s, job, parsed[1])
            filed.append(_scan_row(row, job))
        s.flush()
        for job in {j.id: j for j in jobs.values() if j is not None}.values():
            if _complete(ctx, s, job):
                completed.append(job.job_code)
    log.info("scans imported: %d filed, %d unmatched, %d errors", len(filed), len(unmatched), len(errors))
    return ImportResult(tuple(filed), tuple(unmatched), tuple(errors), tuple(completed),
                        time.perf_counter() - started)


def match_scan(ctx: Context, scan_uuid: str, job_code: str, page: int, *, expected_version: int | None) -> ScanRow:
    """A person says which print job (and page) an unread scan belongs to; it is filed there."""
    ctx.require_actor()
    parsed = parse_code(f"{job_code}-{page}")
    if parsed is None:
        raise ValidationError("打印单号", "请填写页面右上角的单号，如 7K3M9Q2X，和页码", "job_code")
    code, page_no = parsed
    with ctx.unit_of_work() as s:
        scan = records.get_by_uuid(s, ScanPage, scan_uuid, "扫描页")
        if scan.status != UNMATCHED:
            raise ValidationError("状态", "该扫描页已归档，不需要再匹配")
        job = s.scalars(select(PrintLog).where(PrintLog.job_code == code)).first()
        if job is None:
            raise NotFound(f"找不到打印单号 {code} 的打印记录")
        if job.pages and not 1 <= page_no <= job.pages:
            raise ValidationError("页码", f"该表单共 {job.pages} 页，没有第 {page_no} 页", "page")
        target = _filed_path(job, page_no)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(scan.file_path, target)
        records.update(ctx, s, scan, {"status": FILED, "print_log_id": job.id, "page": page_no,
                                      "file_path": str(target)}, expected_version=expected_version, action="人工匹配")
        _mark_records(ctx, s, job, page_no)
        s.flush()
        _complete(ctx, s, job)
        return _scan_row(scan, job)


def unmatched_scans(ctx: Context) -> list[ScanRow]:
    with ctx.read() as s:
        q = (select(ScanPage).where(ScanPage.site_code == ctx.site.code, ScanPage.status == UNMATCHED,
                                    ScanPage.voided_at.is_(None)).order_by(ScanPage.created_at, ScanPage.id))
        return [_scan_row(x, None) for x in s.scalars(q)]


def signed_copies(ctx: Context, record_uuid: str) -> list[SignedCopyRow]:
    """The filed signed pages that show this record, newest first."""
    with ctx.read() as s:
        q = (select(ScanPage, PrintLog)
             .join(PrintLog, PrintLog.id == ScanPage.print_log_id)
             .join(PrintJobRecord, (PrintJobRecord.print_log_id == PrintLog.id)
                   & (PrintJobRecord.page == ScanPage.page))
             .where(PrintJobRecord.record_uuid == record_uuid, ScanPage.voided_at.is_(None),
                    ScanPage.status == FILED)
             .order_by(ScanPage.created_at.desc(), ScanPage.id.desc()))
        return [SignedCopyRow(j.job_code or "", j.form_code, j.form_name,
                              j.subject or (f"{j.period_from}" if j.period_from else ""), sc.page or 0, j.pages,
                              sc.file_path, sc.created_at, sc.created_by, j.at)
                for sc, j in s.execute(q).unique()]


def printed_for(ctx: Context, record_uuid: str) -> list[tuple[str, str, datetime, str]]:
    """(job code, form code, printed at, state) of every print job that shows this record."""
    with ctx.read() as s:
        q = (select(PrintLog).join(PrintJobRecord, PrintJobRecord.print_log_id == PrintLog.id)
             .where(PrintJobRecord.record_uuid == record_uuid).distinct().order_by(PrintLog.at.desc()))
        return [(j.job_code or "", j.form_code, j.at, "已存签字件" if j.signed_at else "待签字件") for j in s.scalars(q)]


# ------------------------------------------------------------------ helpers

def _scan_row(x: ScanPage, job: PrintLog | None, note: str = "") -> ScanRow:
    return ScanRow(x.uuid, x.version, x.status, x.source, x.source_page, x.file_path, x.created_at, x.created_by,
                   job.job_code if job else None, x.page, job.form_code if job else None,
                   job.form_name if job else None, job.subject if job else None, note)


def _save(image, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    img = image if image.mode in ("L", "RGB") else image.convert("RGB")
    img.save(target, "JPEG", quality=85)


def _free(path: Path) -> Path:
    n = 1
    out = path
    while out.exists():
        n += 1
        out = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return out


def _filed_path(job: PrintLog, page: int) -> Path:
    original = Path(job.archive_path) if job.archive_path else None
    if original is None:
        raise ValidationError("打印记录", f"打印单号 {job.job_code} 没有归档文件，无法归档扫描件")
    return _free(original.with_name(f"{original.stem}_签字件_第{page}页.jpg"))


def _unmatched_path(ctx: Context, now: datetime, p: _Page) -> Path:
    folder = ctx.paths.archive / UNMATCHED
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", p.source.stem)[:60]
    return _free(folder / f"{now:%Y%m%d-%H%M%S}_{stem}_第{p.number}页.jpg")


def _mark_records(ctx: Context, s, job: PrintLog, page: int) -> None:
    """Each record on the page hears that its signed copy is on file (its history shows who and when)."""
    uuids = s.scalars(select(PrintJobRecord.record_uuid).where(PrintJobRecord.print_log_id == job.id,
                                                               PrintJobRecord.page == page)).all()
    for u in dict.fromkeys(uuids):
        records.audit(ctx, s, "签字件已存", entity="print_job", entity_uuid=u,
                      note=f"{job.form_code}《{job.form_name}》打印单号 {job.job_code} 第 {page} 页")


def _complete(ctx: Context, s, job: PrintLog) -> bool:
    """Mark the job 已存签字件 when every page has its scan; True when it just became so."""
    if job.signed_at is not None:
        return False
    have = set(s.scalars(select(ScanPage.page).where(ScanPage.print_log_id == job.id, ScanPage.voided_at.is_(None),
                                                     ScanPage.status == FILED)))
    if not set(range(1, (job.pages or 1) + 1)) <= have:
        return False
    actor = ctx.require_actor()
    job.signed_at = ctx.now()
    job.signed_by = actor.name
    records.audit(ctx, s, "签字件存齐", entity="print_log", note=f"{job.form_code} 打印单号 {job.job_code}")
    return True
