"""Every bundled form printed with hostile data (the longest texts the services accept, long
company/site/printer names, rare characters, markup-looking text), checked from the PDF as a
reader sees it: glyph boxes never overlap (title, header, table, footer), nothing is lost,
nothing is printed within 10 mm of the paper edge or in the binding margin, no line starts
with closing punctuation or ends with opening punctuation, tokens are not cut."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from datetime import datetime

import pdfplumber
import pytest
from reportlab.lib.units import mm

from app.config import BUNDLED_TEMPLATES
from app.forms.fonts import find_main
from app.forms.linebreak import CLOSING, OPENING
from app.forms.render import render
from app.forms.spec import FormData
from app.forms.template import load

TEMPLATES = sorted(p.stem for p in BUNDLED_TEMPLATES.glob("*.toml"))
SENTENCE = ("业主反映：厨房水龙头（冷水）漏水，“已持续三天”；要求12-02 18:00前完成！WX20261120001号单，"
            "《装修管理协议》·第3条……噪音<b>&amp;</b>扰民。")
RARE = "𠮷"
BINDING_MM = 10
STANDARD = {
    "site_name": "浦东新区陆家嘴滨江花园二期物业服务中心", "company_name": "万科物业服务有限公司上海分公司",
    "printed_at": datetime(2026, 11, 20, 10, 0), "printed_by": "欧阳娜娜·阿卜杜热合曼·买买提明",
    "job_code": "7K3M9Q2X", "binding_mm": BINDING_MM,
}


def long_text(n: int) -> str:
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n - 6] + RARE + "结尾标记"


def hostile(template) -> FormData:
    """Values for every key the template names: the longest texts, tables of long rows."""
    values: dict = {}
    for it in template.header:
        values[it.key] = "ZG2026-0001　" + SENTENCE[:24]
    for b in template.blocks:
        if b.type == "fields":
            for it in b.items:
                values.setdefault(it.key, long_text(5000 if it.lines > 1 else 120))
        elif b.type == "table":
            widest = max(b.columns, key=lambda c: c.width).key
            values[b.source] = [
                {"uuid": f"00000000-0000-0000-0000-{i:012d}",
                 **{c.key: long_text(2400 if c.key == widest and i % 4 == 1 else 60) if c.width > 2 else "×"
                    for c in b.columns if c.key != "#"}}  # a column one character wide holds a tick
                for i in range(10)]
        elif b.type == "checklist" and b.source:
            values[b.source] = [{"label": SENTENCE[:30], "checked": i % 2 == 0, "note": SENTENCE[30:60]}
                                for i in range(9)]
        elif b.type == "checklist":
            for it in b.items:
                values[it.key] = True
        elif b.type == "text":
            # a heading (bold) holds a title (at most 100 characters), a paragraph a body (e.g. a notice's)
            for key in re.findall(r"\{(\w+)", b.text):
                values.setdefault(key, long_text(100 if b.bold else 3000))
        elif b.type in ("box",) and b.key:
            values[b.key] = long_text(5000)
        elif b.type == "signatures":
            for it in b.items:
                if it.key and it.key not in STANDARD:
                    values[it.key] = "欧阳娜娜·阿卜杜热合曼"
    return FormData(values, subject="hostile", record_uuids=("11111111-2222-3333-4444-555555555555",))


def glyphs(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            yield page, [c for c in page.chars if c["text"].strip()]


def overlapping(chars) -> list[tuple[str, str]]:
    """Pairs of glyphs whose boxes intersect (by more than a hair)."""
    grid = defaultdict(list)
    bad = []
    for c in chars:
        x0, x1, t, b = c["x0"] + 0.4, c["x1"] - 0.4, c["top"] + 0.6, c["bottom"] - 0.6
        cells = {(int(x // 20), int(y // 20)) for x in (x0, x1) for y in (t, b)}
        for cell in cells:
            for o in grid[cell]:
                if x0 < o[1] and o[0] < x1 and t < o[3] and o[2] < b:
                    bad.append((c["text"], o[4]))
            grid[cell].append((x0, x1, t, b, c["text"]))
    return bad


def segments(chars) -> list[str]:
    """Runs of glyphs on one baseline with no gap: a line of one cell or block."""
    lines = defaultdict(list)
    for c in chars:
        lines[round(c["bottom"], 0)].append(c)
    out = []
    for row in lines.values():
        row.sort(key=lambda c: c["x0"])
        seg = [row[0]]
        for c in row[1:]:
            if c["x0"] - seg[-1]["x1"] > 3.2:
                out.append("".join(x["text"] for x in seg))
                seg = []
            seg.append(c)
        out.append("".join(x["text"] for x in seg))
    return out


@pytest.fixture(scope="module")
def font():
    return find_main(None)


@pytest.mark.parametrize("key", TEMPLATES)
def test_hostile_data_prints_cleanly(key, font):
    template = load(f"{key}.toml", key).template
    data = hostile(template)
    out = render(template, data, font=font, standard=STANDARD)
    assert out.pages >= 2  # the long texts flow onto further pages
    text = []
    for n, (page, chars) in enumerate(glyphs(out.pdf), 1):
        w, h = page.width, page.height
        edge = 10 * mm - 0.5
        for c in chars:
            assert c["x0"] >= edge + BINDING_MM * mm and c["x1"] <= w - edge, (key, n, c["text"], c["x0"], c["x1"])
            assert c["top"] >= edge and c["bottom"] <= h - edge, (key, n, c["text"], c["top"], c["bottom"])
        for img in page.images + page.rects:  # the QR code and the table rules
            assert img["x0"] >= edge + BINDING_MM * mm - 1 and img["x1"] <= w - edge + 1, (key, n)
            assert img["top"] >= edge - 1 and img["bottom"] <= h - edge + 1, (key, n)
        assert overlapping(chars) == [], (key, n)
        for seg in segments(chars):
            assert seg[0] not in CLOSING, (key, n, seg)
            assert seg[-1] not in OPENING, (key, n, seg)
        flat = "".join(c["text"] for c in chars)
        assert f"第{n}页共{out.pages}页" in flat and "7K3M9Q2X-" + str(n) in flat
        text.append("".join(c["text"] for c in chars if c["top"] > 24 * mm))  # not the running title
    flat = "".join(text)
    # nothing lost: every 噪 of the data is printed (one per sentence), and every text's end
    expected = sum(str(v).count("噪") for v in _scalars(data.values))
    assert flat.count("噪") == expected
    assert flat.count("尾") == sum(str(v).count("尾") for v in _scalars(data.values))  # each text's end
    assert "<b>&amp;</b>" in flat  # markup-looking text prints as typed
    assert RARE in flat or "[U+20BB7]" in flat
    assert set(out.page_records) == set(range(1, out.pages + 1))
    assert all("11111111-2222-3333-4444-555555555555" in u for u in out.page_records.values())


def _scalars(values):
    for v in values.values():
        if isinstance(v, list):
            for row in v:
                yield from (row.values() if isinstance(row, dict) else [row])
        else:
            yield v


def test_tokens_stay_whole_in_wide_cells(font):
    template = load("contact-log.toml", "contact-log").template
    rows = [{"uuid": f"u{i}", "content": SENTENCE * 12, "name": "张三"} for i in range(6)]
    out = render(template, FormData({"rows": rows}), font=font, standard=STANDARD)
    segs = [s for _, chars in glyphs(out.pdf) for s in segments(chars)]
    for token in ("WX20261120001", "12-02", "18:00"):
        assert sum(s.count(token) for s in segs) == 6 * 12, token


def test_continued_row_repeats_its_number_and_name(font):
    template = load("contact-log.toml", "contact-log").template
    rows = [{"uuid": "a", "name": "孙悟空", "unit_no": "1-1-101", "content": "短"},
            {"uuid": "b", "name": "猪八戒", "unit_no": "2-2-1202", "content": SENTENCE * 160}]
    out = render(template, FormData({"rows": rows}), font=font, standard=STANDARD)
    assert out.pages >= 2
    pages = [[s for s in segments(chars)] for _, chars in glyphs(out.pdf)]
    continued = [n for n in range(2, out.pages + 1) if "b" in out.page_records.get(n, ())]
    assert continued, "the long row goes on past the first page"
    for n in continued:  # (the signatures may end up alone on the last page)
        later = pages[n - 1]
        assert "猪八戒" in later and "2-2-1202" in later and "续" in later
        assert "孙悟空" not in later
    assert out.page_records[1] == ("a", "b") and out.page_records[2] == ("b",)


def test_footer_with_long_names_keeps_the_page_number_readable(font):
    template = load("renovation-permit.toml", "renovation-permit").template  # A5
    standard = dict(STANDARD, printed_by="欧阳娜娜·阿卜杜热合曼·买买提明·司马相如·上官婉儿",
                    company_name="万科物业服务有限公司上海分公司浦东新区陆家嘴滨江花园二期项目部")
    out = render(template, FormData({}), font=font, standard=standard)
    _, chars = next(glyphs(out.pdf))
    segs = segments(chars)
    assert any(s == f"第1页共{out.pages}页" for s in segs)
    assert overlapping(chars) == []


def test_bold_centred_heading_longer_than_a_line_stays_inside_and_centred(font):
    """FW-07's 16 pt bold centred title of several lines: its strokes stay out of the binding
    margin and the right margin, every line is centred on the frame, and a long body starts
    on the first page (no page left blank by keeping the body together)."""
    from app.forms.render import bold_stroke

    template = load("notice.toml", "notice").template
    title = ("关于小区二期地下车库B区2026年12月2日18:00至22:00停水检修及WX20261120001号工单所涉"
             "管道更换的通知（请各位业主提前储水，Wi-Fi 与门禁不受影响）") * 3
    data = FormData({"title": title, "body": SENTENCE * 40, "number": "FW2026-0001", "kind": "告知"})
    out = render(template, data, font=font, standard=STANDARD)
    page, chars = next(glyphs(out.pdf))
    left, right = (10 + BINDING_MM) * mm, page.width - 10 * mm
    half = bold_stroke(16) / 2
    heading = [c for c in chars if abs(c["size"] - 16) < 0.01]
    lines = defaultdict(list)
    for c in heading:
        lines[round(c["bottom"])].append(c)
    assert len(lines) >= 4 and "".join(c["text"] for c in heading).count("通知") == 3
    for row in lines.values():
        x0, x1 = min(c["x0"] for c in row), max(c["x1"] for c in row)
        assert x0 - half >= left - 0.01 and x1 + half <= right + 0.01, (x0, x1)
        assert abs((x0 + x1) / 2 - (left + right) / 2) < 1.0
    body = [c for c in chars if abs(c["size"] - 12) < 0.01]
    assert len(body) > 200  # the body begins under the title, on page 1
