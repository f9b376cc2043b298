"""The cross-site report against the records written by hand in tests/hq/conftest.py."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app import hq
from tests.hq.conftest import DAYS


@pytest.fixture
def imported(hq_ctx, folder):
    hq.import_paths(hq_ctx, [folder])
    hq.set_households(hq_ctx, "A1", 100)
    hq.set_households(hq_ctx, "B2", 50)
    return hq_ctx


def test_report_figures_match_the_records_counted_by_hand(imported):
    report = hq.month_report(imported, "2026-11")
    a1, b2, c3 = report.sites
    # A1: each day one visit, one call, one 重要 complaint and one routine visit (满意) to a new unit;
    # the 2nd's complaint: answered after 80 hours, overdue, reopened, completed on the 3rd and
    # followed up (较满意) on the 4th, within 3 working days.
    assert (a1.visits, a1.calls, a1.contacts) == (3, 3, 6)
    assert a1.complaints == 3 and a1.by_severity == {"重要": 3}
    assert (a1.on_time, a1.answered_72h, a1.reopened) == (2, 2, 1)
    assert a1.on_time_rate == pytest.approx(2 / 3)
    assert (a1.completed, a1.followed_3d, a1.follow_up_rate) == (1, 1, 1.0)
    assert a1.feedback == {"A": 3, "B": 1} and a1.feedback_share("A") == 0.75
    assert a1.per_100_households == 3.0 and a1.households_visited == 3 and a1.visit_coverage == 0.03
    # B2: one call and one 一般 complaint (停车) a day, never answered; routine visits 不满意 to one unit.
    assert (b2.visits, b2.calls, b2.complaints, b2.answered_72h, b2.on_time) == (0, 3, 3, 0, 3)
    assert b2.by_category == {"停车": 3} and b2.feedback == {"C": 3} and b2.answered_72h_rate == 0
    assert b2.per_100_households == 6.0 and b2.households_visited == 1
    # C3 (nothing on the 3rd, no roster): visits and 重大 complaints.
    assert (c3.visits, c3.complaints, c3.by_severity) == (2, 2, {"重大": 2})
    assert c3.per_100_households is None and c3.follow_up_rate is None
    t = report.total
    assert (t.visits, t.calls, t.contacts, t.complaints) == (5, 6, 11, 8)
    assert t.by_severity == {"一般": 3, "重要": 3, "重大": 2}
    assert (t.on_time, t.answered_72h) == (7, 2) and t.feedback == {"A": 3, "B": 1, "C": 3}
    assert t.per_100_households is None  # C3's roster is unknown: no total per 100 households
    assert report.categories == ("停车", "装修噪音扰民", "安全秩序")
    assert [(p.month, p.complaints) for p in report.trend][-2:] == [("2026-10", 0), ("2026-11", 8)]


def test_report_files(imported, tmp_path):
    report = hq.month_report(imported, "2026-11")
    hq.write_report(report, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["各站点指标"]
    rows = [[c.value for c in r] for r in ws.iter_rows(max_row=5)]
    header = rows[0]
    assert [r[0] for r in rows[1:]] == ["A1", "B2", "C3", "合计"]
    assert rows[4][header.index("投诉")] == 8 and rows[1][header.index("每百户投诉")] == 3.0
    assert rows[2][header.index("C 不满意")] == 1.0
    hq.write_report(report, tmp_path / "r.pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "各站点月度报表" in text and "锦绣家园服务中心" in text and "月度趋势" in text


def test_consolidated_workbook_holds_every_site_under_the_same_contract(imported, tmp_path):
    result = hq.export_all(imported, DAYS[0], DAYS[-1], tmp_path / "all.xlsx")
    assert result.counts["来访来电"] == 11 and result.counts["投诉"] == 8
    wb = load_workbook(tmp_path / "all.xlsx", read_only=True)
    sites = {r[1] for r in wb["投诉"].iter_rows(min_row=2, values_only=True)}
    assert sites == {"A1", "B2", "C3"}
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(max_row=12, values_only=True)}
    assert summary["站点编码"] == "HQ" and summary["格式版本"] == 2
    from app.exchange.reader import open_book, workbook_checksum

    book = open_book(tmp_path / "all.xlsx")
    assert workbook_checksum(book) == summary["校验码"]
    book.close()


def test_bad_month_is_named(imported):
    from app.domain.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        hq.month_report(imported, "2026-13")
    assert "月份" in str(err.value.field) and "YYYY-MM" in err.value.reason
    assert hq.month_range("2026-02", date(2026, 1, 1)) == (date(2026, 2, 1), date(2026, 2, 28))
