"""End of day: the export log, the closing reminder, the automatic export (and its failures); the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook, load_workbook

from app.domain.errors import PermissionDenied, ValidationError
from app.exchange import service as exchange
from tests.conftest import PG_URL
from tests.exchange.test_exchange_workbook import add_contact
from tests.exchange_helpers import save_edited

DAY = date(2026, 11, 20)


def test_reminder_until_today_is_exported_and_again_after_changes(ctx, supervisor_ctx, clock, tmp_path):
    add_contact(ctx)
    assert "今天（2026-11-20）的工作簿还没有导出" in exchange.export_reminder(ctx)
    # Yesterday's export does not count for today.
    exchange.export_workbook(supervisor_ctx, DAY - timedelta(days=1), DAY - timedelta(days=1), tmp_path / "y.xlsx")
    assert "还没有导出" in exchange.export_reminder(ctx)
    clock.set(datetime(2026, 11, 20, 10, 0))
    exchange.export_workbook(supervisor_ctx, DAY, DAY, tmp_path / "t.xlsx")
    assert exchange.export_reminder(ctx) is None
    assert exchange.exported_days(ctx, DAY - timedelta(days=3), DAY) == {DAY - timedelta(days=1), DAY}
    clock.set(datetime(2026, 11, 20, 15, 0))
    add_contact(ctx)
    assert "已于 10:00 导出，之后又有 1 条记录新增或修改" in exchange.export_reminder(ctx)
    # A failed export does not count.
    clock.set(datetime(2026, 11, 20, 16, 0))
    with pytest.raises(exchange.ExportFailed):
        exchange.export_workbook(supervisor_ctx, DAY, DAY, tmp_path / "missing" / "t.xlsx")
    assert "之后又有 1 条" in exchange.export_reminder(ctx)
    log = exchange.list_exports(ctx)
    assert [(e.kind, e.ok) for e in log] == [("manual", False), ("manual", True), ("manual", True)]
    assert log[1].rows == 1 and log[1].actor == "张敏"


def test_automatic_export_at_the_set_time(ctx, supervisor_ctx, clock, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    add_contact(ctx)
    assert exchange.run_auto_export_if_due(ctx) is None  # not enabled
    with pytest.raises(PermissionDenied):
        exchange.save_auto_export_settings(ctx, enabled=True, at="18:00", folder=str(usb))
    with pytest.raises(ValidationError, match="HH:MM"):
        exchange.save_auto_export_settings(supervisor_ctx, enabled=True, at="6pm", folder=str(usb))
    with pytest.raises(ValidationError, match="不存在"):
        exchange.save_auto_export_settings(supervisor_ctx, enabled=True, at="18:00", folder=str(tmp_path / "no"))
    conf = exchange.save_auto_export_settings(supervisor_ctx, enabled=True, at="18:00", folder=str(usb))
    assert conf == exchange.AutoExportSettings(True, "18:00", str(usb), False)

    clock.set(datetime(2026, 11, 20, 17, 59))
    assert exchange.run_auto_export_if_due(ctx) is None
    clock.set(datetime(2026, 11, 20, 18, 0))
    result = exchange.run_auto_export_if_due(ctx)
    assert result.path == str(usb / "DEMO-工作簿-20261120.xlsx") and result.counts["来访来电"] == 1
    assert load_workbook(result.path)["汇总"]["B7"].value == datetime(2026, 11, 20, 18, 0)
    clock.set(datetime(2026, 11, 20, 19, 0))
    assert exchange.run_auto_export_if_due(ctx) is None  # once a day
    assert exchange.export_reminder(ctx) is None
    clock.set(datetime(2026, 11, 21, 18, 5))
    assert exchange.run_auto_export_if_due(ctx).date_from == date(2026, 11, 21)


def test_failed_automatic_export_is_raised_logged_and_retried(ctx, supervisor_ctx, clock, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    exchange.save_auto_export_settings(supervisor_ctx, enabled=True, at="18:00", folder=str(usb), mask_phones=True)
    shutil.rmtree(usb)  # the USB drive was pulled out
    clock.set(datetime(2026, 11, 20, 18, 1))
    with pytest.raises(exchange.ExportFailed, match="自动导出失败：.*不存在或无法访问"):
        exchange.run_auto_export_if_due(ctx)
    last = exchange.list_exports(ctx)[0]
    assert (last.kind, last.ok) == ("auto", False) and "不存在" in last.message
    clock.set(datetime(2026, 11, 20, 18, 20))
    assert not exchange.auto_export_due(ctx)  # not every minute
    clock.set(datetime(2026, 11, 20, 18, 31))
    usb.mkdir()
    result = exchange.run_auto_export_if_due(ctx)
    assert result.mask_phones and (usb / "DEMO-工作簿-20261120.xlsx").exists()


# ---------------------------------------------------------------- CLI
def run(home, *args, db=None, stdin=None):
    cmd = [sys.executable, "-m", "app", "--home", str(home)]
    if db:
        cmd += ["--db", db]
    return subprocess.run(cmd + [str(a) for a in args], input=stdin, capture_output=True, text=True, timeout=300)


def test_cli_export_import_and_roster(tmp_path, db_url):
    home = tmp_path / "cli"
    db = db_url if PG_URL else None
    assert run(home, "init", "--site-code", "DEMO", "--site-name", "阳光花园", "--company", "示例物业",
               "--admin", "admin", "--password-stdin", db=db, stdin="admin-pass\n").returncode == 0
    assert run(home, "demo-data", "--days", "3", db=db).returncode == 0
    today = date.today()
    out = tmp_path / "day.xlsx"
    r = run(home, "export", "--from", today - timedelta(days=2), "--to", today, "--out", out, db=db)
    assert r.returncode == 0, r.stderr
    assert f"已导出 {out}" in r.stdout and "来访来电" in r.stdout
    r = run(home, "import-workbook", out, db=db)
    assert r.returncode == 0, r.stderr
    assert "新增 0，更新 0" in r.stdout

    wb = load_workbook(out)
    ws = wb["来访来电"]
    ws["E2"] = "上门"
    ws["D3"] = "昨天"
    save_edited(wb, tmp_path / "bad.xlsx")
    r = run(home, "import-workbook", tmp_path / "bad.xlsx", db=db)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "来访来电 / 第 2 行 / 方式：“上门”不是有效的值" in r.stderr
    assert "来访来电 / 第 3 行 / 登记时间：“昨天”不是有效的时间" in r.stderr

    r = run(home, "export", "--date", today, "--out", tmp_path / "masked.xlsx", "--mask-phones", db=db)
    assert r.returncode == 0 and "手机号已脱敏" in r.stdout
    r = run(home, "import-workbook", tmp_path / "masked.xlsx", db=db)
    assert r.returncode == 2 and "脱敏" in r.stderr and len(r.stderr.strip().splitlines()) == 1

    roster = Workbook()
    roster.active.title = "房屋住户"
    roster.active.append(["楼栋", "单元", "房号", "建筑面积", "姓名", "身份", "联系电话", "入住日期", "备注"])
    roster.active.append(["20", "1", "0101", 88, "测试", "业主", "13800000000", None, None])
    roster.save(tmp_path / "roster.xlsx")
    r = run(home, "import-roster", tmp_path / "roster.xlsx", db=db)
    assert r.returncode == 0 and "新增房屋 1" in r.stdout, r.stderr
    r = run(home, "import-roster", tmp_path / "roster.xlsx", db=db)
    assert "新增房屋 0" in r.stdout and "新增住户 0" in r.stdout

    r = run(home, "export", "--date", "2026-13-01", "--out", tmp_path / "x.xlsx", db=db)
    assert r.returncode == 2 and "不是有效的日期" in r.stderr
