"""Line breaking for printed text: Chinese rules (禁则) and whole tokens.

- no line starts with closing punctuation (，。、；：！？）》」”’…·% …) and none ends with
  opening punctuation (（《「“‘ …): such a mark travels with its neighbour;
- numbers, dates, times, codes, Latin words and ``[U+XXXXX]`` markers are one token
  (``12-02``, ``18:00``, ``WX20261120001``, ``e-mail``) and are only split when the token
  alone is wider than the line;
- Chinese characters break anywhere else; spaces are break points and vanish at line ends.

The caller gives each character's width (fonts and sizes are its business), so the same
rule serves table cells, fields, boxes and the page furniture.
"""

from __future__ import annotations

import re
from itertools import accumulate

#: Marks that may not begin a line.
CLOSING = set("，。、；：！？）》」』】〕〉〗〙〛’”…‥·・—～％‰℃°,.;:!?)]}>％｝］｠｡｣､ー々〃")
#: Marks that may not end a line.
OPENING = set("（《「『【〔〈〖〘〚‘“([{<＜［｛｟｢￥$#＃")

_TOKEN = re.compile(
    r"\[U\+[0-9A-F]{4,6}\]"                                   # a character no font has
    r"|[A-Za-z0-9\u00C0-\u024F\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+"
    r"(?:[-.:/_@+&'’·,][A-Za-z0-9\u00C0-\u024F\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+)*%?"  # 12-02 18:00 3.5%
    r"|\s+"
    r"|.",
    re.DOTALL,
)


def units(text: str) -> list[tuple[int, int]]:
    """Unbreakable pieces of ``text`` as (start, end) spans, punctuation glued to its neighbour."""
    out: list[list[int]] = []
    pending: int | None = None  # start of opening marks waiting for the next piece
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        piece = m.group()
        if piece.isspace():
            if pending is not None:  # an opening mark before a space: keep it where it is
                out.append([pending, s])
                pending = None
            out.append([s, e])
            continue
        if len(piece) == 1 and piece in OPENING:
            if pending is None:
                pending = s
            continue
        if pending is not None:
            s, pending = pending, None
        first = text[s]
        if first in CLOSING and out:
            prev = out[-1]
            if text[prev[0]:prev[1]].isspace() and len(out) >= 2:  # "abc ，": keep the mark off a line start
                out.pop()
                out[-1][1] = e
            else:
                prev[1] = e
            continue
        out.append([s, e])
    if pending is not None:
        if out:
            out[-1][1] = len(text)
        else:
            out.append([pending, len(text)])
    return [(s, e) for s, e in out]


def break_lines(text: str, widths: list[float], avail: float) -> list[str]:
    """``text`` (one paragraph, no newlines) broken into lines no wider than ``avail``.

    ``widths[i]`` is the width of ``text[i]``.
    """
    if not text:
        return [""]
    pre = [0.0, *accumulate(widths)]
    if pre[-1] <= avail:
        return [text]
    lines: list[str] = []
    start = end = None  # span of the current line
    for s, e in units(text):
        space = text[s].isspace()
        if start is None:
            if space:
                continue
            start = s
        if pre[e] - pre[start] <= avail:
            end = e
            continue
        if space:  # a space where the line is full: the break point
            if end is not None and end > start:
                lines.append(text[start:end].rstrip())
            start = end = None
            continue
        if end is not None and end > start:
            lines.append(text[start:end].rstrip())
            start = s
            end = None
        if pre[e] - pre[s] <= avail:
            end = e
            continue
        # the piece alone is wider than the line: cut it by characters
        for chunk_start, chunk_end in _cut(text, pre, s, e, avail):
            if chunk_end < e:
                lines.append(text[chunk_start:chunk_end])
            else:
                start, end = chunk_start, chunk_end
    if start is not None and end is not None and end > start:
        lines.append(text[start:end].rstrip())
    return lines or [""]


def _cut(text: str, pre: list[float], s: int, e: int, avail: float) -> list[tuple[int, int]]:
    """A piece wider than the line, in chunks that fit; no chunk starts with a closing mark
    or ends with an opening one: the break moves back over such marks, and where it cannot
    (a line of one character) the closing marks hang past the line end (标点悬挂)."""
    out = []
    a = s
    while a < e:
        b = a + 1
        while b < e and pre[b + 1] - pre[a] <= avail:
            b += 1
        if b < e:
            back = b
            while back - a > 1 and (text[back] in CLOSING or text[back - 1] in OPENING):
                back -= 1
            if text[back] in CLOSING or text[back - 1] in OPENING:
                while b < e and text[b] in CLOSING:
                    b += 1
            else:
                b = back
        out.append((a, b))
        a = b
    return out
