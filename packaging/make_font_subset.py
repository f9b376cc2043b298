"""Build the font that ships in resources/fonts/ (regenerable; run from the repository root).

    python packaging/make_font_subset.py            # needs: pip install fonttools; apt-get install unicode-data

Source font: Noto Sans SC, the variable TrueType (glyf) build, SIL Open Font License 1.1,
taken from the PyPI package ``justmytype-intl-cjk==0.1.0`` (file
``justmytype_intl_cjk/fonts/ofl/notosanssc/NotoSansSC[wght].ttf`` with its ``OFL.txt``; the
SHA-256 below is checked). ``--source`` takes that .ttf (or the wheel) instead of downloading.

Steps:
1. pin the variable font to its Regular instance (wght=400): reportlab reads static glyf only;
2. keep these characters (whichever the font has):
   - the 8,105 characters of 通用规范汉字表 (2013), read from the Unicode Han database's
     ``kTGH`` field (Debian package ``unicode-data``: /usr/share/unicode/Unihan_OtherMappings.txt.bz2),
     also written to packaging/tongyong-guifan-8105.txt so tests can check coverage without it;
   - every GB2312 character (level 1 and 2 hanzi and its symbols);
   - every CJK Unified Ideograph of U+4E00–U+9FFF and Extension A (U+3400–U+4DBF), for the rare
     characters of people's names (e.g. 䶮), and the CJK compatibility ideographs;
   - Latin, punctuation, symbols, CJK punctuation, full-width forms (the text of the forms);
3. drop OpenType layout tables and hinting (reportlab uses neither) and save
   resources/fonts/NotoSansSC-Regular.ttf, with OFL.txt beside it.
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACKAGE = "justmytype-intl-cjk==0.1.0"
SOURCE_MEMBER = "justmytype_intl_cjk/fonts/ofl/notosanssc/NotoSansSC[wght].ttf"
LICENCE_MEMBER = "justmytype_intl_cjk/fonts/ofl/notosanssc/OFL.txt"
SOURCE_SHA256 = "a3041811a78c361b1de50f953c805e0244951c21c5bd412f7232ef0d899af0da"
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
TGH_LIST = ROOT / "packaging" / "tongyong-guifan-8105.txt"
OUT_DIR = ROOT / "resources" / "fonts"
OUT_NAME = "NotoSansSC-Regular.ttf"

#: Non-Han ranges kept: Latin, punctuation, letterlike, numbers, arrows, maths, enclosed
#: numbers, box drawing, shapes, CJK symbols and punctuation, enclosed CJK, compatibility,
#: full-width forms.
TEXT_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x02B0, 0x02FF), (0x0370, 0x03FF), (0x0400, 0x04FF),
    (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),
    (0x2300, 0x23FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x2580, 0x259F), (0x25A0, 0x25FF),
    (0x2600, 0x26FF), (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F),
    (0x31C0, 0x31EF), (0x3200, 0x32FF), (0x3300, 0x33FF), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def read_tgh(unihan: Path) -> list[str]:
    """The 通用规范汉字表 in table order, from Unihan's kTGH field ("2013:NNNN")."""
    text = bz2.open(unihan, "rt", encoding="utf-8").read()
    found = [(int(m.group(2)), chr(int(m.group(1), 16)))
             for m in re.finditer(r"^U\+([0-9A-F]+)\tkTGH\t2013:(\d+)", text, re.M)]
    chars = [c for _, c in sorted(found)]
    if len(chars) != 8105:
        sys.exit(f"{unihan}: expected 8105 kTGH characters, found {len(chars)}")
    return chars


def gb2312_chars() -> set[str]:
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def name_regular(font) -> None:
    """Name the pinned instance Regular (the variable font's default names are those of Thin)."""
    names = font["name"]
    for name_id in (16, 17, 21, 22, 25):
        names.removeNames(nameID=name_id)
    for name_id, value in ((1, "Noto Sans SC"), (2, "Regular"), (3, "NotoSansSC-Regular;subset"),
                           (4, "Noto Sans SC Regular"), (6, "NotoSansSC-Regular")):
        names.removeNames(nameID=name_id)
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    font["OS/2"].usWeightClass = 400


def fetch_source(work: Path) -> tuple[Path, Path | None]:
    """Download the source wheel with pip and return (ttf, licence)."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(work),
                    SOURCE_PACKAGE], check=True)
    wheel = next(work.glob("*.whl"))
    return unpack_wheel(wheel, work)


def unpack_wheel(wheel: Path, work: Path) -> tuple[Path, Path]:
    with zipfile.ZipFile(wheel) as z:
        ttf = work / "source.ttf"
        ttf.write_bytes(z.read(SOURCE_MEMBER))
        lic = work / "OFL.txt"
        lic.write_bytes(z.read(LICENCE_MEMBER))
    return ttf, lic


def build(source: Path, licence: Path | None, tgh: list[str], out_dir: Path) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        print(f"warning: source font SHA-256 {digest} differs from the pinned {SOURCE_SHA256}",
              file=sys.stderr)
    font = TTFont(source)
    if "glyf" not in font:
        sys.exit(f"{source}: not a TrueType (glyf) font; reportlab cannot embed it")
    if "fvar" in font:
        font = instancer.instantiateVariableFont(font, {"wght": 400})
        name_regular(font)
    cmap = font.getBestCmap()

    wanted = {ord(c) for c in tgh} | {ord(c) for c in gb2312_chars()}
    for lo, hi in TEXT_RANGES + HAN_RANGES:
        wanted.update(range(lo, hi + 1))
    keep = {u for u in wanted if u in cmap}
    lacking = [c for c in tgh if ord(c) not in cmap]
    if lacking:
        sys.exit(f"source font lacks {len(lacking)} characters of the 8,105: {''.join(lacking[:20])}")

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)

    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / OUT_NAME
    font.save(out)
    if licence is not None:
        shutil.copyfile(licence, out_dir / "OFL.txt")
    print(f"{out}: {len(keep)} characters, {out.stat().st_size / 1e6:.1f} MB")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help="NotoSansSC[wght].ttf or the justmytype-intl-cjk wheel")
    ap.add_argument("--licence", type=Path, help="OFL.txt of the source font (with a .ttf --source)")
    ap.add_argument("--unihan", type=Path, default=UNIHAN, help="Unihan_OtherMappings.txt(.bz2)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)

    if args.unihan.is_file():
        tgh = read_tgh(args.unihan)
        TGH_LIST.write_text("".join(tgh) + "\n", encoding="utf-8")
    elif TGH_LIST.is_file():
        tgh = list(TGH_LIST.read_text(encoding="utf-8").strip())
        print(f"{args.unihan} not found (apt-get install unicode-data); using {TGH_LIST}", file=sys.stderr)
    else:
        sys.exit(f"{args.unihan} not found: apt-get install unicode-data")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.source is None:
            ttf, lic = fetch_source(work)
        elif args.source.suffix == ".whl":
            ttf, lic = unpack_wheel(args.source, work)
        else:
            ttf, lic = args.source, args.licence
        build(ttf, lic, tgh, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
