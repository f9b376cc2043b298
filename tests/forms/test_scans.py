"""Signed scans come home: print → scan (150 dpi, rotated, JPEG) → import → the record shows
its signed copy; a page without a code waits for a person; the print log tells the state."""

from __future__ import annotations

import io
from datetime import date, datetime

import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.core import records
from app.core.models import AuditEvent
from app.forms import printing, scans
from app.reception.models import ContactRecord
from sqlalchemy import select

DAY = date(2026, 11, 20)


def add_contact(ctx, at: datetime, **fields) -> ContactRecord:
    values = dict(received_at=at, method="来电", name="张三", unit_no="3-2-1502", phone="13800138000",
                  phone_digits="13800138000", category="咨询", content="咨询物业费", status="已完成",
                  received_by="王丽", handling_mode="当即处理", handling="已当场解答", completed_at=at)
    values.update(fields)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, ContactRecord, **values)


def scan_like(pdf: bytes, *, dpi: int = 150, angle: float = 2.0) -> list[Image.Image]:
    """What a desk scanner gives back: grey pages at ``dpi``, a little crooked, JPEG-compressed."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(angle, expand=True, fillcolor=255)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=75)
        out.append(Image.open(io.BytesIO(buf.getvalue())))
    return out


def test_printed_page_scanned_crooked_finds_its_record(ctx, tmp_path):
    first = add_contact(ctx, datetime(2026, 11, 20, 9, 0), name="孙悟空")
    second = add_contact(ctx, datetime(2026, 11, 20, 10, 0), name="猪八戒")
    rendered, job, _ = printing.print_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    assert job.job_code and printing.print_log(ctx)[0].state == printing.AWAITING

    pages = scan_like(rendered.pdf)
    scan_pdf = tmp_path / "扫描件.pdf"
    pages[0].save(scan_pdf, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    blank = tmp_path / "blank.jpg"
    Image.new("L", (1240, 1754), 255).save(blank, "JPEG")

    result = scans.import_scans(ctx, [scan_pdf, blank])

    assert len(result.filed) == rendered.pages and len(result.unmatched) == 1
    assert result.jobs_completed == (job.job_code,)
    for uuid in (first.uuid, second.uuid):
        copies = scans.signed_copies(ctx, uuid)
        assert [c.job_code for c in copies] == [job.job_code]
        assert copies[0].file_path.endswith("_签字件_第1页.jpg")
        assert copies[0].file_path.startswith(str(ctx.paths.archive))
    logged = printing.print_log(ctx)[0]
    assert logged.state == printing.SIGNED and logged.signed_by == ctx.actor.name
    with ctx.read() as s:
        notes = s.scalars(select(AuditEvent.action).where(AuditEvent.entity_uuid == first.uuid)).all()
    assert "签字件已存" in notes

    waiting = scans.unmatched_scans(ctx)
    assert [w.source_page for w in waiting] == [1] and waiting[0].source.endswith("blank.jpg")


def test_unread_page_matched_by_hand(ctx, tmp_path):
    rec = add_contact(ctx, datetime(2026, 11, 20, 9, 0))
    rendered, job, _ = printing.print_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    page = tmp_path / "p.png"
    Image.new("L", (800, 1100), 255).save(page)
    result = scans.import_scans(ctx, [page])
    scan = result.unmatched[0]
    assert scans.signed_copies(ctx, rec.uuid) == []

    with pytest.raises(Exception) as bad:
        scans.match_scan(ctx, scan.uuid, job.job_code, 9, expected_version=scan.version)
    assert "没有第 9 页" in str(bad.value)
    scans.match_scan(ctx, scan.uuid, f"{job.job_code.lower()}", 1, expected_version=scan.version)

    assert scans.unmatched_scans(ctx) == []
    assert [c.page for c in scans.signed_copies(ctx, rec.uuid)] == [1]
    assert printing.print_log(ctx)[0].state == printing.SIGNED


def test_parse_code_accepts_qr_and_typed_number():
    assert scans.parse_code("FD:7K3M9Q2X:12") == ("7K3M9Q2X", 12)
    assert scans.parse_code(" 7k3m9q2x-3 ") == ("7K3M9Q2X", 3)
    assert scans.parse_code("http://example.invalid") is None


def test_cli_scans_import_and_print_log_state(admin_ctx, db_url, tmp_path, capsys):
    from app.cli import main

    home = str(admin_ctx.paths.home)
    out = tmp_path / "kf01.pdf"
    assert main(["--home", home, "--db", db_url, "print", "contact-log", "--date", "2026-11-20", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["--home", home, "--db", db_url, "print", "log"]) == 0
    assert "待签字件" in capsys.readouterr().out

    scanned = tmp_path / "scan.tif"
    pages = scan_like(out.read_bytes(), dpi=200, angle=-1.5)
    pages[0].save(scanned, save_all=True, append_images=pages[1:])
    assert main(["--home", home, "--db", db_url, "scans", "import", str(scanned)]) == 0
    said = capsys.readouterr().out
    assert "已归档" in said and "待人工匹配 0 页" in said
    assert main(["--home", home, "--db", db_url, "print", "log"]) == 0
    assert "已存签字件" in capsys.readouterr().out
    assert main(["--home", home, "--db", db_url, "print", "log", "--awaiting"]) == 0
    assert "暂无打印记录" in capsys.readouterr().out


@pytest.mark.parametrize("angle", [2.5, -3.0])
def test_filed_page_stands_straight(ctx, tmp_path, angle):
    """A page scanned a few degrees crooked is filed turned back: its code's edges are level
    (within half a degree), and the code still reads."""
    rec = add_contact(ctx, datetime(2026, 11, 20, 9, 0))
    rendered, job, _ = printing.print_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
    crooked = scan_like(rendered.pdf, dpi=150, angle=angle)[0]
    assert abs(scans.read_page(crooked)[1] - angle) < 0.5  # the page as scanned is crooked
    page = tmp_path / "crooked.jpg"
    crooked.save(page)
    scans.import_scans(ctx, [page])
    filed = scans.signed_copies(ctx, rec.uuid)[0].file_path
    with Image.open(filed) as img:
        code, turn = scans.read_page(img)
    assert code == f"FD:{job.job_code}:1"
    assert abs(turn) <= 0.5, turn
