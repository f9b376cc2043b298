"""Head office imports the sites' workbooks: all or nothing per file, idempotent, with a ledger."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app import hq
from app.core.models import AuditEvent
from app.domain.errors import PermissionDenied
from app.exchange.registry import sheet
from tests.hq.conftest import DAYS, SITES


def count(ctx, sheet_name: str, site: str | None = None) -> int:
    model = sheet(sheet_name).model
    with ctx.read() as s:
        q = select(func.count()).select_from(model)
        if site:
            q = q.where(model.site_code == site)
        return s.scalar(q)


def audit_count(ctx) -> int:
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_three_sites_imported_from_a_folder_and_registered(hq_ctx, folder):
    result = hq.import_paths(hq_ctx, [folder])
    assert len(result.files) == 8  # A1 3 days, B2 3, C3 2
    assert result.count(hq.ImportOutcome.IMPORTED) == 8 and result.count(hq.ImportOutcome.REFUSED) == 0
    assert [(s.code, s.name) for s in hq.list_sites(hq_ctx)] == sorted(SITES.items())
    assert (count(hq_ctx, "来访来电", "A1"), count(hq_ctx, "来访来电", "B2"), count(hq_ctx, "来访来电", "C3")) == (6, 3, 2)
    assert (count(hq_ctx, "投诉", "A1"), count(hq_ctx, "投诉", "B2"), count(hq_ctx, "投诉", "C3")) == (3, 3, 2)
    line = next(r for r in hq.ledger(hq_ctx) if r.file_name == "B2-20261103.xlsx")
    assert (line.site_code, line.date_from, line.date_to, line.sequence, line.result) == (
        "B2", date(2026, 11, 3), date(2026, 11, 3), 2, "已导入")
    assert line.rows["来访来电"] == 1 and line.rows["投诉"] == 1 and line.imported_by == "admin"
    assert len(line.sha256) == 64 and line.inserted == 3


def test_reimport_changes_nothing(hq_ctx, folder, site_books):
    hq.import_paths(hq_ctx, [folder])
    before = (count(hq_ctx, "来访来电"), count(hq_ctx, "投诉"), count(hq_ctx, "回访"), audit_count(hq_ctx))
    again = hq.import_paths(hq_ctx, [folder])
    assert again.count(hq.ImportOutcome.DUPLICATE) == 8 and again.count(hq.ImportOutcome.IMPORTED) == 0
    assert "内容相同，已跳过" in again.files[0].message
    assert (count(hq_ctx, "来访来电"), count(hq_ctx, "投诉"), count(hq_ctx, "回访"), audit_count(hq_ctx)) == before
    # The same records in another file (the whole range at once): every row is known, nothing changes.
    whole = hq.import_file(hq_ctx, site_books["A1"].whole)
    assert whole.result == "已导入" and (whole.inserted, whole.updated) == (0, 0) and whole.unchanged > 0
    assert (count(hq_ctx, "来访来电"), count(hq_ctx, "投诉"), count(hq_ctx, "回访")) == before[:3]


def test_a_tampered_cell_is_refused_by_its_checksum(hq_ctx, site_books, tmp_path):
    wb = load_workbook(site_books["B2"].daily[DAYS[0]])
    ws = wb["投诉"]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("性质") + 1).value = "重大"  # a valid value: only the 校验码 can tell
    wb.save(tmp_path / "B2-20261102.xlsx")
    out = hq.import_file(hq_ctx, tmp_path / "B2-20261102.xlsx")
    assert out.result == "已拒绝" and out.message == "工作簿内容与校验码不符：可能被修改或损坏"
    assert count(hq_ctx, "投诉") == 0
    line = hq.ledger(hq_ctx)[0]
    assert (line.result, line.site_code, line.date_from) == ("已拒绝", "B2", DAYS[0])
    status = {r.code: r for r in hq.site_status(hq_ctx, "2026-11")}
    assert "B2" not in status  # a site is registered by its first imported workbook, not by a refused one
    assert [f.file_name for f in hq.unattributed_refusals(hq_ctx, "2026-11")] == ["B2-20261102.xlsx"]
    hq.import_file(hq_ctx, site_books["B2"].daily[DAYS[1]])
    b2 = {r.code: r for r in hq.site_status(hq_ctx, "2026-11")}["B2"]
    assert [f.file_name for f in b2.refused] == ["B2-20261102.xlsx"]
    assert "校验码" in b2.refused[0].message


def test_a_missing_day_is_listed_by_status(hq_ctx, folder):
    hq.import_paths(hq_ctx, [folder])
    rows = {r.code: r for r in hq.site_status(hq_ctx, "2026-11")}
    assert rows["C3"].missing == (date(2026, 11, 3),)  # 1 Nov is a Sunday; 5 Nov is today
    assert rows["A1"].missing == () and rows["B2"].missing == ()
    assert rows["C3"].last_day == date(2026, 11, 4)
    grid = hq.day_grid(hq_ctx, date(2026, 11, 1), date(2026, 11, 6))
    assert [grid.state("C3", d) for d in grid.days] == ["休息日", "已收到", "缺失", "已收到", "未到", "未到"]


def test_an_older_export_of_a_covered_range_is_reported(hq_ctx, site_books):
    first = hq.import_file(hq_ctx, site_books["A1"].whole)  # 导出序号 4, 2 to 4 November
    assert first.sequence == 4 and first.message is None
    older = hq.import_file(hq_ctx, site_books["A1"].daily[DAYS[1]])  # 导出序号 2, the 3rd
    assert older.result == "已导入" and older.sequence == 2
    assert "较旧的导出" in older.message and "导出序号 2" in older.message and "导出序号 4" in older.message
    assert older.inserted == 0 and older.updated == 0  # its records are not newer than what came before


def test_import_needs_a_head_office_home_and_a_supervisor(ctx, admin_ctx, site_books):
    with pytest.raises(PermissionDenied):
        hq.import_paths(ctx, [site_books["A1"].daily[DAYS[0]]])
    with pytest.raises(hq.NotHeadOffice):
        hq.import_paths(admin_ctx, [site_books["A1"].daily[DAYS[0]]])


def test_a_file_that_is_no_workbook_is_refused_and_the_rest_imported(hq_ctx, site_books, tmp_path):
    (tmp_path / "notes.xlsx").write_bytes(b"not a zip")
    (tmp_path / "~$open.xlsx").write_bytes(b"excel lock file")
    import shutil

    shutil.copy(site_books["C3"].daily[DAYS[0]], tmp_path / "C3.xlsx")
    result = hq.import_paths(hq_ctx, [tmp_path])
    assert [(f.file_name, f.result) for f in result.files] == [("C3.xlsx", "已导入"), ("notes.xlsx", "已拒绝")]
    assert "不是有效的 Excel 工作簿" in result.files[1].message
    assert [f.file_name for f in hq.unattributed_refusals(hq_ctx, "2026-11")] == ["notes.xlsx"]


def test_a_record_number_of_another_site_is_refused_not_overwritten(hq_ctx, site_books, tmp_path):
    from tests.exchange_helpers import save_edited

    hq.import_file(hq_ctx, site_books["A1"].daily[DAYS[0]])
    a1 = load_workbook(site_books["A1"].daily[DAYS[0]], read_only=True)
    stolen = next(a1["投诉"].iter_rows(min_row=2, values_only=True))[0]
    wb = load_workbook(site_books["B2"].daily[DAYS[0]])
    wb["投诉"]["A2"].value = stolen
    save_edited(wb, tmp_path / "B2.xlsx")
    out = hq.import_file(hq_ctx, tmp_path / "B2.xlsx")
    assert out.result == "已拒绝" and "已是站点“A1”的记录" in out.message
    assert count(hq_ctx, "投诉", "A1") == 1 and count(hq_ctx, "投诉", "B2") == 0 and count(hq_ctx, "来访来电", "B2") == 0
