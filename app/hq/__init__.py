"""Head office (总部): gathers every site's daily workbook into one picture. A head-office home
holds many sites' records (the same record tables as a desk) and no desk work; its own tables
are the sites registry and the ledger of received files (app/hq/models.py)."""

from app.hq.home import (
    HEAD_OFFICE, NotHeadOffice, SiteRow, init_head_office, is_head_office, list_sites, require_head_office,
    set_households,
)
from app.hq.importer import BatchResult, FileOutcome, LedgerRow, import_file, import_paths, ledger, workbook_files
from app.hq.records_view import RecordTable, sheet_names, site_records
from app.hq.report import MonthReport, SiteFigures, TrendPoint, month_report
from app.hq.report_files import COLUMNS, consolidated_filename, export_all, text_of, write_report
from app.hq.status import (
    DayGrid, RefusedFile, SiteStatusRow, day_grid, month_range, site_status, unattributed_refusals,
)
from app.hq.vocab import DayState, ImportOutcome

__all__ = [
    "BatchResult", "COLUMNS", "DayGrid", "DayState", "FileOutcome", "HEAD_OFFICE", "ImportOutcome", "LedgerRow",
    "MonthReport", "NotHeadOffice", "RecordTable", "RefusedFile", "SiteFigures", "SiteRow", "SiteStatusRow", "TrendPoint",
    "consolidated_filename", "day_grid", "export_all", "import_file", "import_paths", "init_head_office",
    "is_head_office", "ledger", "list_sites", "month_range", "month_report", "require_head_office",
    "set_households", "sheet_names", "site_records", "site_status", "text_of", "unattributed_refusals", "workbook_files", "write_report",
]
