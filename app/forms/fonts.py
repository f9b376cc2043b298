"""Fonts for the PDF forms: a CJK TrueType font embedded as a subset in every PDF.

Look-up order for the main font: the font set in settings (``forms.font``) → Windows fonts
(宋体 simsun.ttc, 微软雅黑 msyh.ttc, 黑体 simhei.ttf) → the font the program ships in
``resources/fonts/`` (Noto Sans SC, a subset covering 通用规范汉字表, GB2312 and CJK Ext-A; see
packaging/make_font_subset.py) → common Linux CJK TrueType fonts. A font is usable when reportlab
can embed it (TrueType outlines; CFF-based OpenType is refused) and it has common Chinese characters.
So the program prints on a machine with no Chinese font installed at all.

A character the main font lacks is drawn with the first fallback font that has it
(other CJK fonts, Ext-B fonts such as SimSun-ExtB, symbol fonts); when no font has it,
a visible ``[U+XXXXX]`` is printed instead. Either way it is logged and reported.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from app.config import RESOURCES
from app.domain.errors import FrontDeskError

log = logging.getLogger(__name__)

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")

WINDOWS_MAIN = ("simsun.ttc", "msyh.ttc", "simhei.ttf", "msyh.ttf", "simkai.ttf", "simfang.ttf")
WINDOWS_FALLBACK = ("simsunb.ttf", "mingliub.ttc", "seguisym.ttf", "seguiemj.ttf", "arialuni.ttf",
                    "segoeui.ttf")
LINUX_MAIN = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
LINUX_FALLBACK = (
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoEmoji-Regular.ttf",
    "/usr/share/fonts/truetype/unifont/unifont_upper.ttf",
)
#: Characters a main font must have (common form words).
PROBE = "表业主投诉记录服务中心日期页共第"

INSTALL_HINT = (
    "找不到可用的中文字体，无法生成表单。程序自带的字体（resources\\fonts）缺失或损坏，请重新安装本程序；"
    "或安装一种中文 TrueType 字体后重试："
    "Windows 请确认 C:\\Windows\\Fonts 中有 宋体 simsun.ttc、微软雅黑 msyh.ttc 或 黑体 simhei.ttf；"
    "Linux 请安装文泉驿正黑（sudo apt install fonts-wqy-zenhei）；"
    "也可以在 系统设置 → 表单打印 中指定一个 .ttf/.ttc 字体文件。"
)


class FontNotFound(FrontDeskError):
    """No usable CJK font: the message tells the user what to install."""


@dataclass(frozen=True)
class FontChoice:
    """A registered reportlab font."""

    name: str
    path: str
    index: int
    family: str
    origin: str  # 设置 / 程序自带 / Windows / 系统

    @property
    def label(self) -> str:
        return f"{self.family}（{self.path}{'#' + str(self.index) if self.index else ''}，{self.origin}）"


def windows_font_dir() -> Path | None:
    root = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if root:
        return Path(root) / "Fonts"
    if sys.platform == "win32":
        return Path("C:/Windows/Fonts")
    return None


def split_setting(value: str) -> tuple[Path, int]:
    """``path`` or ``path#N`` (the N-th font of a .ttc collection)."""
    value = value.strip().strip('"')
    path, sep, idx = value.rpartition("#")
    if sep and idx.isdigit():
        return Path(path).expanduser(), int(idx)
    return Path(value).expanduser(), 0


def bundled_fonts() -> list[Path]:
    """The fonts shipped with the program (``resources/fonts/``), by name."""
    fonts_dir = RESOURCES / "fonts"
    if not fonts_dir.is_dir():
        return []
    return [p for p in sorted(fonts_dir.iterdir()) if p.suffix.lower() in FONT_SUFFIXES]


def candidates(configured: str | None = None) -> list[tuple[Path, int, str]]:
    """Main-font candidates in look-up order: (path, subfont index, origin)."""
    out: list[tuple[Path, int, str]] = []
    if configured and configured.strip():
        p, i = split_setting(configured)
        out.append((p, i, "设置"))
    win = windows_font_dir()
    if win is not None:
        out.extend((win / n, 0, "Windows") for n in WINDOWS_MAIN)
    out.extend((p, 0, "程序自带") for p in bundled_fonts())
    out.extend((Path(p), 0, "系统") for p in LINUX_MAIN)
    return out


def fallback_candidates() -> list[tuple[Path, int, str]]:
    out: list[tuple[Path, int, str]] = []
    win = windows_font_dir()
    if win is not None:
        out.extend((win / n, 0, "Windows") for n in WINDOWS_FALLBACK)
    out.extend((Path(p), 0, "系统") for p in LINUX_FALLBACK)
    return out


# ------------------------------------------------------------ registration

def _utf16_hex(code: int) -> str:
    return ch_hex if (ch_hex := f"{code:04X}") and code <= 0xFFFF else \
        chr(code).encode("utf-16-be").hex().upper()


def _fix_to_unicode() -> None:
    """reportlab writes a character beyond U+FFFF (𠮷, emoji) into the ToUnicode map as
    5 hex digits, which readers reject, so copy/paste and text search lose it. PDF wants
    UTF-16BE (a surrogate pair). Wrap reportlab's map maker once to write that."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_frontdesk", False):
        return

    def make(fontname, subset):
        text = original(fontname, subset)
        if max(subset, default=0) <= 0xFFFF:
            return text
        return re.sub(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$",
                      lambda m: f"<{m.group(1)}> <{_utf16_hex(int(m.group(2), 16))}>", text, flags=re.M)

    make._frontdesk = True
    ttfonts.makeToUnicodeCMap = make


_lock = threading.RLock()
_registered: dict[tuple[str, int], tuple[FontChoice, dict] | str] = {}  # value: ok or the failure reason


def _register(path: Path, index: int, origin: str) -> tuple[FontChoice, dict]:
    """Register a TrueType font with reportlab (cached). Raises ValueError with a reason."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    key = (str(path), index)
    with _lock:
        _fix_to_unicode()
        cached = _registered.get(key)
        if isinstance(cached, str):
            raise ValueError(cached)
        if cached is not None:
            return cached
        if not path.is_file():
            reason = "文件不存在"
            _registered[key] = reason
            raise ValueError(reason)
        name = f"FD{len(_registered)}-{''.join(c for c in path.stem if c.isalnum())[:20]}-{index}"
        try:
            font = TTFont(name, str(path), subfontIndex=index)
        except (TTFError, OSError, Exception) as exc:  # noqa: BLE001 - any parse error means unusable
            reason = f"无法读取（{exc}）" if "postscript" not in str(exc).lower() else \
                "是 PostScript(CFF) 轮廓的 OpenType 字体，无法嵌入，请选 TrueType 字体"
            _registered[key] = reason
            raise ValueError(reason) from None
        pdfmetrics.registerFont(font)
        family = font.face.familyName
        if isinstance(family, bytes):
            family = family.decode("utf-8", "replace")
        choice = FontChoice(name, str(path), index, str(family or path.stem), origin)
        result = (choice, font.face.charToGlyph)
        _registered[key] = result
        return result


@dataclass(frozen=True)
class MainFont:
    choice: FontChoice
    cmap: dict
    warnings: tuple[str, ...] = ()


def find_main(configured: str | None = None) -> MainFont:
    """The first usable main font in look-up order; raises :class:`FontNotFound`."""
    warnings: list[str] = []
    for path, index, origin in candidates(configured):
        try:
            choice, cmap = _register(path, index, origin)
        except ValueError as exc:
            if origin in ("设置", "程序自带"):
                msg = f"字体 {path} 无法使用：{exc}"
                log.warning(msg)
                warnings.append(msg)
            continue
        missing = [c for c in PROBE if ord(c) not in cmap]
        if missing:
            if origin in ("设置", "程序自带"):
                msg = f"字体 {path} 不含中文字符（如“{missing[0]}”），已跳过"
                log.warning(msg)
                warnings.append(msg)
            continue
        if warnings:
            warnings.append(f"已改用字体 {choice.label}")
        return MainFont(FontChoice(choice.name, choice.path, choice.index, choice.family, origin), cmap,
                        tuple(warnings))
    raise FontNotFound(INSTALL_HINT + (" " + "；".join(warnings) if warnings else ""))


# ------------------------------------------------------------ text shaping

def marker(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


@dataclass
class Shaper:
    """Splits text into runs of the main font and fallback fonts, for one rendering.

    ``replaced`` collects the characters drawn with a fallback font (char → font family)
    and ``missing`` those no font has (printed as ``[U+XXXX]``).
    """

    main: MainFont
    replaced: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    _fallbacks: list[tuple[FontChoice, dict]] | None = None
    _pending: list[tuple[Path, int, str]] | None = None
    _char_font: dict[str, str | None] = field(default_factory=dict)

    @property
    def font_name(self) -> str:
        return self.main.choice.name

    def _fallback_for(self, ch: str) -> FontChoice | None:
        if ch in self._char_font:
            name = self._char_font[ch]
            return None if name is None else next(c for c, _ in self._fallbacks if c.name == name)
        if self._fallbacks is None:
            self._fallbacks = []
            main_key = (self.main.choice.path, self.main.choice.index)
            seen = {main_key}
            self._pending = []
            for p, i, o in candidates(None)[1:] + fallback_candidates():
                if (str(p), i) not in seen and p.is_file():
                    seen.add((str(p), i))
                    self._pending.append((p, i, o))
        code = ord(ch)
        found = next((c for c, cmap in self._fallbacks if code in cmap), None)
        while found is None and self._pending:
            p, i, o = self._pending.pop(0)
            try:
                c, cmap = _register(p, i, o)
            except ValueError:
                continue
            self._fallbacks.append((c, cmap))
            if code in cmap:
                found = c
        self._char_font[ch] = found.name if found else None
        if found is not None:
            self.replaced[ch] = found.family
            log.info("character %s (U+%04X) drawn with fallback font %s", ch, code, found.family)
        else:
            self.missing.add(ch)
            log.warning("character U+%04X is in no installed font; printed as %s", code, marker(ch))
        return found

    def runs(self, text: str) -> list[tuple[str, str]]:
        """[(font name, text)], merging neighbours of the same font; unknown chars become markers."""
        cmap = self.main.cmap
        if text.isascii() or all(ord(c) in cmap for c in text):
            return [(self.font_name, text)]
        out: list[tuple[str, str]] = []
        for ch in text:
            if ord(ch) in cmap or ch in "\n\r\t":
                name, piece = self.font_name, ch
            else:
                fb = self._fallback_for(ch)
                name, piece = (fb.name, ch) if fb else (self.font_name, marker(ch))
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + piece)
            else:
                out.append((name, piece))
        return out

    def markup(self, text: str) -> str:
        """Paragraph markup: escaped, line breaks kept, fallback runs in ``<font face=..>``."""
        if text.isascii() or all(ord(c) in self.main.cmap for c in text):
            return escape(text).replace("\n", "<br/>")
        parts = []
        for name, piece in self.runs(text):
            body = escape(piece).replace("\n", "<br/>")
            parts.append(body if name == self.font_name else f'<font face="{name}">{body}</font>')
        return "".join(parts)

    def notes(self) -> list[str]:
        out = []
        if self.replaced:
            by_font: dict[str, list[str]] = {}
            for ch, fam in self.replaced.items():
                by_font.setdefault(fam, []).append(ch)
            for fam, chars in by_font.items():
                out.append(f"主字体缺少的字符 {''.join(sorted(chars))} 已用字体 {fam} 打印")
        if self.missing:
            out.append("以下字符在已安装的字体中都没有，已印为编码：" +
                       "、".join(f"{marker(c)}" for c in sorted(self.missing)) + "（请在纸面上手写补正）")
        return out
