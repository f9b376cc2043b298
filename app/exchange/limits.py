"""What a workbook must be before its cells are read: within the sizes a day's or a year's export
can reach (a crafted file can unpack to gigabytes from a megabyte), and without formulas (the
import reads values; a formula's result would be taken on trust or dropped silently)."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import PurePosixPath

MB = 1 << 20
MAX_FILE = 200 * MB           # a year of a busy site is about 15 MB
MAX_UNPACKED = 2048 * MB      # all parts, unpacked
MAX_PART = 1024 * MB          # one sheet or the shared strings, unpacked
MAX_RATIO = 200               # unpacked / packed of one part: ordinary sheets stay far below
CHUNK = 1 << 20

_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL2 = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def problems(path: str | os.PathLike) -> list[str]:
    """Why the file cannot be imported as it is (empty when it can)."""
    name = os.path.basename(str(path))
    size = os.path.getsize(path)
    if size > MAX_FILE:
        return [f"{name} 有 {size // MB} MB，超过导入上限 {MAX_FILE // MB} MB：请按较短的日期范围分别导出"]
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return []  # not a workbook at all: the reader says so
    with z:
        infos = z.infolist()
        unpacked = sum(i.file_size for i in infos)
        if unpacked > MAX_UNPACKED:
            return [f"{name} 解压后有 {unpacked // MB} MB，超过上限 {MAX_UNPACKED // MB} MB，不能导入"]
        for i in infos:
            if i.file_size > MAX_PART or (i.compress_size and i.file_size > 10 * MB
                                          and i.file_size / i.compress_size > MAX_RATIO):
                return [f"{name} 中的 {PurePosixPath(i.filename).name} 解压后有 {i.file_size // MB} MB，"
                        "大小异常（可能是伪造或损坏的文件），不能导入"]
        out = []
        for sheet, part in _sheet_parts(z).items():
            if part in z.namelist() and _has_formula(z, part):
                out.append(f"{sheet}：含有公式单元格，导入只接受数值；请把公式改为数值（复制后“选择性粘贴→数值”）再导入")
        return out


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package (xl/worksheets/sheetN.xml)."""
    try:
        book = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {rid: target for rid, target in _REL.findall(rels)}
    targets.update({rid: target for target, rid in _REL2.findall(rels)})
    out = {}
    for sheet, rid in _SHEET.findall(book):
        target = targets.get(rid, b"").decode("utf-8", "replace")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[_unescape(sheet.decode("utf-8", "replace"))] = part
    return out


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _has_formula(z: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    with z.open(part) as fh:
        while chunk := fh.read(CHUNK):
            data = tail + chunk
            if b"<f>" in data or b"<f " in data or b"<f/>" in data:
                return True
            tail = data[-4:]
    return False
