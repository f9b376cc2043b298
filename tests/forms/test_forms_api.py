"""The extension API: a form added by dropping in a provider module and a template is
discovered, gets its own `frontdesk print` subcommand with the options it declares, and
single-record layouts (fields, tick list, several tables, a box, signature lines) print."""

from __future__ import annotations

import io
import re
import textwrap
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from app.cli import build_parser, main
from app.forms import registry
from app.forms.template import parse
from app.forms import printing

PROVIDER = '''
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, unit, day=None, copies=1):
    if unit == "0-0-000":
        from app.domain.errors import NotFound
        raise NotFound("找不到房屋 0-0-000")
    return FormData({
        "unit": unit, "owner": "钱七", "proxy": None, "handover_at": __import__("datetime").datetime(2026, 11, 20, 10, 30),
        "notes": "客厅墙面有细微裂纹，需在十五日内整改完毕。" * 6,
        "documents": [{"label": "业主手册", "checked": True}, {"label": "入住须知", "checked": False},
                      {"label": "房屋验收单", "checked": True, "note": "2份"}],
        "meters": [{"kind": "水", "reading": 12.5, "at": __import__("datetime").date(2026, 11, 20)},
                   {"kind": "电", "reading": 305.0, "at": __import__("datetime").date(2026, 11, 20)}],
        "keys": [],
        "deadline": __import__("datetime").date(2026, 12, 5),
        "copies": copies,
    }, subject=unit)


FORM = FormSpec(key="unit-card", code="TS-01", name="测试交付单", provide=provide,
                params=(Param.text("unit", "房号"), Param.day("day", "日期", required=False),
                        Param.integer("copies", "份数", required=False)),
                help="测试用的单条记录表单", listed=False, order=90)
'''

TEMPLATE = '''
code = "TS-01"
title = "测试交付单"
page = "A5"
orientation = "landscape"
font_size = 8

header = [ { label = "房号", key = "unit" } ]

[[blocks]]
type = "fields"
columns = 2
items = [
  { label = "业主", key = "owner" },
  { label = "代理人", key = "proxy" },
  { label = "交付时间", key = "handover_at", format = "%Y年%m月%d日 %H:%M" },
  { label = "份数", key = "copies" },
  { label = "情况说明", key = "notes", span = 2, lines = 3 },
]

[[blocks]]
type = "checklist"
title = "资料发放"
source = "documents"
columns = 3

[[blocks]]
type = "table"
title = "水电燃气读数"
source = "meters"
columns = [
  { key = "kind", label = "表类", width = 1 },
  { key = "reading", label = "读数", width = 2, align = "right", format = ".1f" },
  { key = "at", label = "抄表日期", width = 2 },
]

[[blocks]]
type = "table"
title = "钥匙交接"
source = "keys"
empty_text = "未交接钥匙"
min_rows = 2
columns = [ { key = "kind", label = "钥匙", width = 2 }, { key = "count", label = "数量", width = 1 } ]

[[blocks]]
type = "text"
text = "整改期限：{deadline:%Y年%m月%d日}，{{逾期}}复查。"

[[blocks]]
type = "box"
label = "验房意见"
lines = 2

[[blocks]]
type = "signatures"
columns = 2
items = [ { label = "业主签字" }, { label = "验房人签字" }, { label = "客服签字" }, { label = "日期" } ]
'''


@pytest.fixture
def extra_form(tmp_path, monkeypatch, admin_ctx):
    pkg = tmp_path / "more_providers"
    pkg.mkdir()
    (pkg / "unit_card.py").write_text(textwrap.dedent(PROVIDER), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "EXTRA_PROVIDERS", ["more_providers.unit_card"])
    registry.reset()
    admin_ctx.paths.templates.mkdir(parents=True, exist_ok=True)
    (admin_ctx.paths.templates / "unit-card.toml").write_text(TEMPLATE, encoding="utf-8")
    yield admin_ctx
    monkeypatch.undo()
    registry.reset()
    import sys

    sys.modules.pop("more_providers.unit_card", None)
    sys.modules.pop("more_providers", None)


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def test_bundled_forms_are_discovered():
    keys = {f.key: f.code for f in registry.forms()}
    assert keys["contact-log"] == "KF-01" and keys["complaint-opinions"] == "KF-02" and keys["follow-ups"] == "KF-03"
    assert registry.BROKEN == {}


def test_every_bundled_template_parses(tmp_path):
    from app.config import BUNDLED_TEMPLATES

    for path in BUNDLED_TEMPLATES.glob("*.toml"):
        t = parse(path.read_text(encoding="utf-8"), path.stem)
        assert t.code and t.title and t.blocks, path


def test_a_dropped_in_form_gets_a_cli_subcommand_with_its_options(extra_form):
    assert registry.get("unit-card").name == "测试交付单"
    argv = ["print", "unit-card", "--unit", "3-2-1502", "--date", "2026-11-20", "--copies", "2", "--out", "x.pdf"]
    args = build_parser(argv).parse_args(argv)
    assert (args.form_key, args.unit, args.day, args.copies, args.out) == ("unit-card", "3-2-1502", "2026-11-20",
                                                                          2, "x.pdf")
    with pytest.raises(SystemExit):  # --unit is required
        build_parser(["print", "unit-card"]).parse_args(["print", "unit-card"])


def test_a_single_record_form_prints_fields_ticks_tables_and_signatures(extra_form):
    r = printing.render_form(extra_form, "unit-card", unit="3-2-1502", day=date(2026, 11, 20), copies=2)
    reader = PdfReader(io.BytesIO(r.pdf))
    w, h = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(w), round(h)) == (595, 420)  # A5 landscape
    text = _text(r.pdf)
    for expected in ("TS-01", "测试交付单", "房号：3-2-1502", "业主", "钱七", "2026年11月20日10:30",
                     "客厅墙面有细微裂纹", "资料发放", "业主手册", "入住须知", "房屋验收单（2份）", "水电燃气读数",
                     "12.5", "305.0", "未交接钥匙", "整改期限：2026年12月05日，{逾期}复查。", "验房意见",
                     "业主签字", "验房人签字", "客服签字"):
        assert expected in text, expected
    assert text.count("客厅墙面有细微裂纹") == 6
    assert r.subject == "3-2-1502" and r.suggested_filename().startswith("TS-01_测试交付单_3-2-1502")


def test_cli_prints_a_dropped_in_form_and_reports_errors_in_one_line(extra_form, db_url, tmp_path, capsys):
    home = str(extra_form.paths.home)
    out = tmp_path / "card.pdf"
    assert main(["--home", home, "--db", db_url, "print", "unit-card", "--unit", "3-2-1502", "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "TS-01" in stdout and "已保存" in stdout and "已归档" in stdout
    assert "测试交付单" in _text(out.read_bytes())
    assert main(["--home", home, "--db", db_url, "print", "unit-card", "--unit", "0-0-000"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "错误：找不到房屋 0-0-000"


def test_cli_prints_the_contact_log_and_lists_the_log(admin_ctx, db_url, tmp_path, capsys):
    home = str(admin_ctx.paths.home)
    out = tmp_path / "kf01.pdf"
    rc = main(["--home", home, "--db", db_url, "print", "contact-log", "--from", "2026-11-01", "--to", "2026-11-20",
               "--out", str(out)])
    assert rc == 0
    stdout = capsys.readouterr().out
    assert "KF-01" in stdout and "2026-11-01 至 2026-11-20" in stdout
    text = _text(out.read_bytes())
    assert "本期无记录" in text and "日期：2026-11-01至2026-11-20" in text
    assert main(["--home", home, "--db", db_url, "print", "log"]) == 0
    assert "KF-01" in capsys.readouterr().out
    # --date and --from together is one line of error
    assert main(["--home", home, "--db", db_url, "print", "contact-log", "--date", "2026-11-20",
                 "--from", "2026-11-01", "--to", "2026-11-20"]) == 2
    assert "不能同时使用" in capsys.readouterr().err


def test_cli_warns_about_a_broken_site_template(admin_ctx, db_url, tmp_path, capsys):
    admin_ctx.paths.templates.mkdir(parents=True, exist_ok=True)
    bad = admin_ctx.paths.templates / "follow-ups.toml"
    bad.write_text('code = "KF-03"\n', encoding="utf-8")
    rc = main(["--home", str(admin_ctx.paths.home), "--db", db_url, "print", "follow-ups", "--date", "2026-11-20",
               "--out", str(tmp_path / "f.pdf")])
    assert rc == 0
    err = capsys.readouterr().err
    assert str(bad) in err and "至少需要一个 [[blocks]]" in err and "内置模板" in err


def test_period_text_and_values_format():
    from app.forms.render import fmt, period_text

    assert period_text(date(2026, 11, 1), date(2026, 11, 20)) == "2026-11-01 至 2026-11-20"
    assert period_text(date(2026, 11, 20), date(2026, 11, 20)) == "2026-11-20"
    assert fmt(True) == "是" and fmt(None) == "" and fmt(35.5) == "35.5" and fmt(35.0) == "35"
    assert fmt(datetime(2026, 11, 20, 9, 5)) == "2026-11-20 09:05"


def test_every_form_is_found_without_loading_the_others():
    keys = [spec.key for spec in registry.forms()]
    for key in keys:
        registry.reset()
        assert registry.get(key).key == key
        assert registry._FORMS is None, f"{key}: every provider was imported to find it"
    registry.reset()


def test_print_in_a_fresh_process_loads_only_what_the_form_needs(admin_ctx, db_url, tmp_path):
    """``frontdesk print contact-log``: no windows (Qt), no migrations (Alembic, the schema is
    current), no workbooks (openpyxl), no other feature's modules."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "kf01.pdf"
    env = dict(os.environ, PYTHONPATH=str(root))
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "app", "--home", str(admin_ctx.paths.home),
                          "--db", db_url, "print", "contact-log", "--date", "2026-11-20", "--out", str(out)],
                         capture_output=True, text=True, env=env, cwd=root, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert out.read_bytes().startswith(b"%PDF")
    loaded = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    for absent in ("PySide6", "alembic", "openpyxl", "app.repairs", "app.renovation", "app.movein", "app.desk",
                   "app.surveys", "app.inspections", "app.hq", "app.complaints", "ui"):
        assert absent not in loaded, absent
    assert "app.reception.models" in loaded  # the form's own feature
    assert "app.reception.contact" not in loaded  # ... not the desk's services around it
