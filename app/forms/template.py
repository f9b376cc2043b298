"""Form templates: TOML files in ``forms_templates/`` (bundled) and ``<home>/templates/``
(a site's overrides). Parsed into plain dataclasses and checked, so a mistake in an
override is reported with its file and reason before anything is drawn.

The format is documented in ``forms_templates/README.md``.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config import BUNDLED_TEMPLATES
from app.domain.errors import FrontDeskError

log = logging.getLogger(__name__)

PAGES = ("A4", "A5")
ORIENTATIONS = ("portrait", "landscape")
ALIGNS = ("left", "center", "right")
BLOCK_TYPES = ("fields", "table", "checklist", "text", "box", "signatures", "spacer", "chart")


class TemplateError(FrontDeskError):
    """A template file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float = 1.0
    align: str = "left"
    format: str | None = None
    #: printed again when the row continues on the next page (序号 always is)
    repeat: bool = False


@dataclass(frozen=True)
class Item:
    """A labelled value: in ``header``, ``fields``, ``checklist``, ``signatures``."""

    label: str
    key: str | None = None
    span: int = 1
    lines: int = 1
    format: str | None = None


@dataclass(frozen=True)
class Block:
    type: str
    # table / checklist
    source: str | None = None
    columns: tuple[Column, ...] = ()
    empty_text: str = "本期无记录"
    min_rows: int = 0
    row_min_mm: float = 0.0
    title: str | None = None
    # fields / checklist / signatures
    items: tuple[Item, ...] = ()
    per_row: int = 0
    label_width: float = 1.0
    # text / box
    text: str = ""
    size: float | None = None
    bold: bool = False
    align: str = "left"
    label: str = ""
    key: str | None = None
    lines: int = 4
    # spacer; chart (with source, title, empty_text)
    height_mm: float = 4.0
    kind: str = "bar"


@dataclass(frozen=True)
class Template:
    key: str
    code: str
    title: str
    page: str = "A4"
    orientation: str = "portrait"
    font_size: float = 9.0
    margins_mm: float = 10.0
    header: tuple[Item, ...] = ()
    blocks: tuple[Block, ...] = ()
    source_path: str = ""
    overridden: bool = False


@dataclass(frozen=True)
class LoadedTemplate:
    template: Template
    warnings: tuple[str, ...] = ()


# ----------------------------------------------------------------- parsing

def _want(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise ValueError(f"{where}：{message}" if where else message)


def _str(d: dict, name: str, where: str, *, required: bool = False, default: str | None = None) -> str | None:
    value = d.get(name, default)
    if value is None:
        _want(not required, where, f"缺少 {name}")
        return None
    _want(isinstance(value, str), where, f"{name} 应为文字（用引号括起来），现为 {value!r}")
    return value


def _num(d: dict, name: str, where: str, default: float, *, minimum: float = 0.0) -> float:
    value = d.get(name, default)
    _want(isinstance(value, (int, float)) and not isinstance(value, bool), where,
          f"{name} 应为数字，现为 {value!r}")
    _want(value >= minimum, where, f"{name} 不能小于 {minimum:g}")
    return float(value)


def _int(d: dict, name: str, where: str, default: int, *, minimum: int = 0) -> int:
    value = d.get(name, default)
    _want(isinstance(value, int) and not isinstance(value, bool), where, f"{name} 应为整数，现为 {value!r}")
    _want(value >= minimum, where, f"{name} 不能小于 {minimum}")
    return value


def _one_of(d: dict, name: str, where: str, allowed: tuple[str, ...], default: str) -> str:
    value = d.get(name, default)
    _want(value in allowed, where, f"{name} 应为 {' / '.join(allowed)} 之一，现为 {value!r}")
    return value


def _known(d: dict, where: str, allowed: set[str]) -> None:
    unknown = sorted(set(d) - allowed)
    _want(not unknown, where, f"不认识的设置项 {', '.join(unknown)}（可用：{', '.join(sorted(allowed))}）")


def _table(d: Any, where: str) -> dict:
    _want(isinstance(d, dict), where, "应为 { ... } 形式的表")
    return d


def _items(raw: Any, where: str, *, need_key: bool = False) -> tuple[Item, ...]:
    _want(isinstance(raw, list), where, "items 应为列表 [ {...}, ... ]")
    out = []
    for i, d in enumerate(raw, 1):
        w = f"{where} 第 {i} 项"
        d = _table(d, w)
        _known(d, w, {"label", "key", "span", "lines", "format"})
        out.append(Item(
            label=_str(d, "label", w, default=""),
            key=_str(d, "key", w, required=need_key),
            span=_int(d, "span", w, 1, minimum=1),
            lines=_int(d, "lines", w, 1, minimum=1),
            format=_str(d, "format", w),
        ))
    return tuple(out)


def _columns(raw: Any, where: str) -> tuple[Column, ...]:
    _want(isinstance(raw, list) and raw, where, "columns 应为非空列表 [ {key, label, width}, ... ]")
    out = []
    for i, d in enumerate(raw, 1):
        w = f"{where} 第 {i} 列"
        d = _table(d, w)
        _known(d, w, {"key", "label", "width", "align", "format", "repeat"})
        out.append(Column(
            key=_str(d, "key", w, required=True),
            label=_str(d, "label", w, default=""),
            width=_num(d, "width", w, 1.0, minimum=0.1),
            align=_one_of(d, "align", w, ALIGNS, "left"),
            format=_str(d, "format", w),
            repeat=_bool(d, "repeat", w),
        ))
    return tuple(out)


def _bool(d: dict, name: str, where: str) -> bool:
    value = d.get(name, False)
    _want(isinstance(value, bool), where, f"{name} 应为 true 或 false，现为 {value!r}")
    return value


_BLOCK_KEYS = {
    "fields": {"items", "columns", "label_width", "title"},
    "table": {"source", "columns", "empty_text", "min_rows", "row_min_mm", "title"},
    "checklist": {"source", "items", "columns", "title"},
    "text": {"text", "size", "bold", "align"},
    "box": {"label", "key", "lines"},
    "signatures": {"items", "columns"},
    "spacer": {"height_mm"},
    "chart": {"source", "kind", "title", "height_mm", "empty_text"},
}


def _block(d: Any, where: str) -> Block:
    d = _table(d, where)
    kind = _one_of(d, "type", where, BLOCK_TYPES, "")
    _known(d, where, _BLOCK_KEYS[kind] | {"type"})
    if kind == "table":
        return Block(kind, source=_str(d, "source", where, required=True),
                     columns=_columns(d.get("columns"), where),
                     empty_text=_str(d, "empty_text", where, default="本期无记录"),
                     min_rows=_int(d, "min_rows", where, 0), row_min_mm=_num(d, "row_min_mm", where, 0.0),
                     title=_str(d, "title", where))
    if kind == "fields":
        return Block(kind, items=_items(d.get("items"), where, need_key=True),
                     per_row=_int(d, "columns", where, 2, minimum=1),
                     label_width=_num(d, "label_width", where, 1.0, minimum=0.1), title=_str(d, "title", where))
    if kind == "checklist":
        _want(("source" in d) != ("items" in d), where, "checklist 需要 source 或 items（二选一）")
        return Block(kind, source=_str(d, "source", where),
                     items=_items(d["items"], where, need_key=True) if "items" in d else (),
                     per_row=_int(d, "columns", where, 4, minimum=1), title=_str(d, "title", where))
    if kind == "text":
        return Block(kind, text=_str(d, "text", where, required=True),
                     size=_num(d, "size", where, 0.0) or None, bold=bool(d.get("bold", False)),
                     align=_one_of(d, "align", where, ALIGNS, "left"))
    if kind == "box":
        return Block(kind, label=_str(d, "label", where, default=""), key=_str(d, "key", where),
                     lines=_int(d, "lines", where, 4, minimum=1))
    if kind == "signatures":
        items = _items(d.get("items"), where)
        return Block(kind, items=items, per_row=_int(d, "columns", where, len(items) or 1, minimum=1))
    if kind == "chart":
        return Block(kind, source=_str(d, "source", where, required=True), title=_str(d, "title", where),
                     kind=_one_of(d, "kind", where, ("bar", "line"), "bar"),
                     height_mm=_num(d, "height_mm", where, 60.0, minimum=20.0),
                     empty_text=_str(d, "empty_text", where, default="暂无数据"))
    return Block(kind, height_mm=_num(d, "height_mm", where, 4.0))


_TOP_KEYS = {"code", "title", "page", "orientation", "font_size", "margins_mm", "header", "blocks"}


def parse(text: str, key: str, source_path: str = "", overridden: bool = False) -> Template:
    """Parse and check a template; raises ValueError with a Chinese reason."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"格式错误（TOML）：{exc}") from None
    where = ""
    _known(data, where, _TOP_KEYS)
    blocks_raw = data.get("blocks", [])
    _want(isinstance(blocks_raw, list) and blocks_raw, where, "至少需要一个 [[blocks]]")
    return Template(
        key=key,
        code=_str(data, "code", where, required=True).strip(),
        title=_str(data, "title", where, required=True).strip(),
        page=_one_of(data, "page", where, PAGES, "A4"),
        orientation=_one_of(data, "orientation", where, ORIENTATIONS, "portrait"),
        font_size=_num(data, "font_size", where, 9.0, minimum=5.0),
        margins_mm=_num(data, "margins_mm", where, 10.0, minimum=3.0),
        header=_items(data.get("header", []), "header", need_key=True),
        blocks=tuple(_block(b, f"第 {i} 个 [[blocks]]") for i, b in enumerate(blocks_raw, 1)),
        source_path=source_path,
        overridden=overridden,
    )


def read_file(path: Path, key: str, *, overridden: bool = False) -> Template:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("文件不是 UTF-8 编码，请用 UTF-8 保存") from None
    return parse(text, key, str(path), overridden)


def load(filename: str, key: str, override_dir: Path | None = None,
         bundled_dir: Path = BUNDLED_TEMPLATES) -> LoadedTemplate:
    """The site's override when it exists and is valid, else the bundled template.

    A broken override gives a warning naming the file and the reason; a broken or
    missing bundled template raises :class:`TemplateError`.
    """
    warnings: list[str] = []
    if override_dir is not None:
        path = Path(override_dir) / filename
        if path.is_file():
            try:
                return LoadedTemplate(read_file(path, key, overridden=True))
            except (ValueError, OSError) as exc:
                msg = f"模板 {path} 无法使用：{exc}。已改用内置模板。"
                log.warning(msg)
                warnings.append(msg)
    path = Path(bundled_dir) / filename
    if not path.is_file():
        raise TemplateError(f"找不到表单模板 {path}")
    try:
        return LoadedTemplate(read_file(path, key), tuple(warnings))
    except (ValueError, OSError) as exc:
        raise TemplateError(f"内置模板 {path} 无法使用：{exc}") from None
