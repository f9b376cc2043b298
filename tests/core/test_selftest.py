"""``frontdesk self-test`` passes on a source install, and the diagnostics zip holds nothing personal."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from app import reception
from app.core import diagnostics

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_prints_every_form_round_trips_the_workbook_and_exits_0(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("FRONTDESK_DB_URL", None)
    r = subprocess.run([sys.executable, "-m", "app", "--home", str(tmp_path / "h"), "self-test"], text=True,
                       capture_output=True, env=env, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    from app.forms.registry import forms

    for spec in forms():
        assert any(line.startswith("通过") and spec.code in line for line in lines), spec.code
    assert any("导入该工作簿" in line and line.startswith("通过") for line in lines)
    assert lines[-1].startswith("自检完成") and "0 项失败" in lines[-1]


def test_self_test_reports_a_failing_step_and_exits_non_zero(monkeypatch):
    from app import selftest
    from app.forms import printing

    def broken(*a, **k):
        raise RuntimeError("打印机驱动缺失")

    monkeypatch.setattr(printing, "render_form", broken)
    said: list[str] = []
    report = selftest.run(said.append)
    assert report.failed > 0
    # the line names the step and the kind of failure (the message itself may hold personal data)
    assert any(line.startswith("失败  打印") and "RuntimeError" in line for line in said)
    assert said[-1].startswith("自检完成") and f"{report.failed} 项失败" in said[-1]


def test_diagnostics_zip_has_the_facts_and_no_personal_data(ctx, tmp_path):
    reception.create_contact(ctx, method="来电", name="张秘密", phone="13912345678", category="咨询",
                             content="身份证 110101199003071234 的业主咨询", handling="已答复")
    log = ctx.paths.logs / "frontdesk.log"
    log.write_text("2026-11-20 ERROR app: save failed for 张秘密 13912345678 '110101199003071234'\n"
                   "2026-11-20 INFO ui: window opened\n", encoding="utf-8")
    path = diagnostics.export(ctx, tmp_path / "diag.zip")
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        text = "".join(z.read(n).decode("utf-8") for n in names)
    assert {"about.json", "check.txt", "backups.json", "logs/frontdesk.log"} <= names
    assert "window opened" in text and "contact_record" in text
    for secret in ("张秘密", "13912345678", "110101199003071234", "阳光花园"):
        assert secret not in text
    facts = diagnostics.about(ctx)
    assert facts["数据库"].startswith(("本机数据库", "共享数据库")) and "password" not in str(facts).lower()
