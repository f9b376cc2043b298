"""The Chinese font the program ships: every PDF can be printed on a PC with no Chinese font,
with the characters a receptionist types (通用规范汉字表, GB2312, rare name characters)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.config import RESOURCES
from app.forms import fonts

ROOT = Path(__file__).resolve().parents[2]
TGH_LIST = ROOT / "packaging" / "tongyong-guifan-8105.txt"
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
FONT = RESOURCES / "fonts" / "NotoSansSC-Regular.ttf"


@pytest.fixture(scope="module")
def cmap():
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont("BundledCoverage", str(FONT)).face.charToGlyph


def test_the_font_is_truetype_licensed_for_redistribution_and_small_enough():
    assert FONT.is_file()
    assert FONT.stat().st_size <= 15 * 1024 * 1024
    assert FONT.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF ("OTTO")
    licence = (FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence


def test_it_covers_the_8105_characters_of_the_general_standard_table(cmap):
    table = TGH_LIST.read_text(encoding="utf-8").strip()
    assert len(table) == len(set(table)) == 8105
    if UNIHAN.is_file():  # Debian's unicode-data: the list is the Unicode Han database's kTGH field
        import bz2
        import re

        text = bz2.open(UNIHAN, "rt", encoding="utf-8").read()
        assert set(table) == {chr(int(h, 16)) for h in re.findall(r"^U\+([0-9A-F]+)\tkTGH\t", text, re.M)}
    missing = [c for c in table if ord(c) not in cmap]
    assert not missing, f"{len(missing)} missing, e.g. {''.join(missing[:20])}"


def test_it_covers_gb2312_levels_1_and_2_and_rare_name_characters(cmap):
    hanzi = []
    for hi in range(0xB0, 0xF8):  # level 1: rows 16-55, level 2: rows 56-87
        for lo in range(0xA1, 0xFF):
            try:
                hanzi.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(hanzi) == 6763
    assert [c for c in hanzi if ord(c) not in cmap] == []
    for ch in "䶮堃喆淼犇昇玥珺婧琇瑄頔":  # characters of names (䶮: CJK Ext-A)
        assert ord(ch) in cmap, ch
    for ch in "（），：；？０１２３－ＡＢ、。《》“”【】—…·":
        assert ord(ch) in cmap, ch


def _no_system_fonts(monkeypatch, windir=None):
    monkeypatch.setattr(fonts, "LINUX_MAIN", ())
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("SystemRoot", raising=False)
    if windir is not None:
        monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.setattr(fonts.sys, "platform", "linux")


def test_without_any_installed_chinese_font_forms_use_and_embed_the_bundled_one(monkeypatch):
    _no_system_fonts(monkeypatch)
    main = fonts.find_main(None)
    assert main.choice.origin == "程序自带" and Path(main.choice.path) == FONT
    assert main.warnings == ()

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(main.choice.name, 12)
    c.drawString(50, 800, "业主来访来电接洽投诉记录表 刘䶮 张堃")
    c.save()
    page = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    assert "刘䶮" in page.extract_text()
    embedded = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    subsets = [str(f["/BaseFont"]) for f in embedded
               if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"].get_object()]
    assert subsets and all("+NotoSansSC-Regular" in name for name in subsets), subsets


def test_look_up_order_setting_then_windows_then_bundled_then_linux(monkeypatch, tmp_path):
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    simhei = windir / "Fonts" / "simhei.ttf"
    shutil.copyfile(FONT, simhei)  # a stand-in 黑体 with the Chinese characters a main font needs
    _no_system_fonts(monkeypatch, windir)
    monkeypatch.setattr(fonts, "LINUX_MAIN", ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",))

    origins = [o for _, _, o in fonts.candidates("/somewhere/site.ttf")]
    first = {o: origins.index(o) for o in reversed(origins)}
    assert first["设置"] < first["Windows"] < first["程序自带"] < first["系统"]

    assert Path(fonts.find_main(None).choice.path) == simhei  # Windows fonts come before the bundled one
    monkeypatch.setenv("WINDIR", str(tmp_path / "no-fonts-here"))
    assert fonts.find_main(None).choice.origin == "程序自带"

    site = tmp_path / "site-font.ttf"
    shutil.copyfile(FONT, site)
    chosen = fonts.find_main(str(site))
    assert (Path(chosen.choice.path), chosen.choice.origin) == (site, "设置")
