"""What the workbook round-trip tests share: a second, empty site to import into, and the cells
of an exported file as a reader sees them.

A test module uses the fixture by importing it: ``from tests.exchange_helpers import empty_site``.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.config import Paths
from app.db.engine import make_engine, migrate
from app.core import users
from app.core.context import Context
from tests.conftest import PASSWORD, PG_URL, _pg_database


def _cells_of(ws) -> list[tuple]:
    return [tuple((c.value, c.data_type, c.number_format if c.value is not None else None) for c in row)
            for row in ws.iter_rows()]


def cells(path) -> dict[str, list[tuple]]:
    """Every sheet as rows of (value, data_type, number_format) — what a reader of the file sees."""
    wb = load_workbook(path)
    return {ws.title: _cells_of(ws) for ws in wb.worksheets}


def sheet_cells(path, sheet: str) -> list[tuple]:
    """One sheet as rows of (value, data_type, number_format)."""
    return _cells_of(load_workbook(path)[sheet])


def rows_by_header(path, sheet: str) -> list[dict]:
    """The data rows of a sheet as {header: value}."""
    wb = load_workbook(path, read_only=True)
    rows = list(wb[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


@pytest.fixture
def empty_site(tmp_path, clock):
    """A second, empty database of the same site (DEMO), logged in as its admin."""
    if PG_URL:
        url, drop = _pg_database(PG_URL)
    else:
        url, drop = f"sqlite:///{tmp_path / 'other' / 'frontdesk.db'}", None
    paths = Paths(tmp_path / "other").ensure()
    engine = make_engine(url)
    migrate(engine, paths.backups)
    other = Context(engine, paths, clock=clock)
    other.actor = users.init_site(other, site_code="DEMO", site_name="阳光花园服务中心", company_name="示例物业服务有限公司",
                                  admin_username="admin", admin_name="管理员", password=PASSWORD)
    yield other
    engine.dispose()
    if drop:
        drop()


def save_edited(wb, path) -> None:
    """Save a workbook edited in a test as an honest editor would hand it over: with its
    汇总's 校验码 recomputed (app.exchange.reader.workbook_checksum), so the import checks
    the cells rather than refusing the file as tampered."""
    from app.exchange.reader import open_book, workbook_checksum

    wb.save(path)
    book = open_book(path)
    try:
        digest = workbook_checksum(book)
    finally:
        book.close()
    summary = wb["汇总"]
    for row in summary.iter_rows(max_col=2):
        if row[0].value == "校验码":
            row[1].value = digest
            wb.save(path)
            return
