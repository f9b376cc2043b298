"""Pure rules of a survey: the questionnaire's items, the answers of one return (stored as
``1=A；2=B``, typed as one key per item), and the figures computed from the returns: issue and
return rates against the goals, each item's shares and satisfaction, per building."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from app.domain.errors import ValidationError
from app.surveys.vocab import ABC_WORDS, ANSWER_SEPARATOR, FIVE_VALUES, ITEM_SEPARATOR, SATISFIED, Scale

ITEM_MAX = 40
ITEM_TEXT_MAX = 200


@dataclass(frozen=True)
class Item:
    """One question: its number (from 1), wording and scale."""

    no: int
    text: str
    scale: str

    @property
    def scored(self) -> bool:
        return self.scale != Scale.TEXT

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(ABC_WORDS) if self.scale == Scale.ABC else FIVE_VALUES if self.scale == Scale.FIVE else ()


def clean_items(raw: Iterable) -> list[dict]:
    """Check a questionnaire: ``[{"text", "scale", "retired"?}]`` or ``(text, scale[, retired])``;
    at least one scored item in use, at most 40 in use. A retired item (停用) stays in a
    template's list, marked, so the site sees what it asked before; it is never asked again."""
    out: list[dict] = []
    for i, entry in enumerate(raw or (), start=1):
        if isinstance(entry, Mapping):
            text, scale, retired = entry.get("text"), entry.get("scale"), entry.get("retired", False)
        else:
            text, scale, retired = (tuple(entry) + (False,))[:3]
        text = (text or "").strip()
        if not text:
            if retired:
                continue
            raise ValidationError("调查项目", f"第 {i} 项没有填写内容（不用的项目请停用）", "items")
        if len(text) > ITEM_TEXT_MAX:
            raise ValidationError("调查项目", f"第 {i} 项最多 {ITEM_TEXT_MAX} 个字", "items")
        try:
            scale = Scale(str(scale or Scale.ABC).strip())
        except ValueError:
            raise ValidationError("调查项目", f"第 {i} 项的评价方式“{scale}”应为 ABC / 1-5 / 文字", "items") from None
        item = {"text": text, "scale": scale.value}
        if retired:
            item["retired"] = True
        out.append(item)
    active = [e for e in out if not e.get("retired")]
    if not any(e["scale"] != Scale.TEXT for e in active):
        raise ValidationError("调查项目", "至少需要一个在用的、用 ABC 或 1-5 评价的项目", "items")
    if len(active) > ITEM_MAX:
        raise ValidationError("调查项目", f"最多 {ITEM_MAX} 项，现有 {len(active)} 项", "items")
    texts = [e["text"] for e in active]
    same = next((t for t in texts if texts.count(t) > 1), None)
    if same:
        raise ValidationError("调查项目", f"“{same}”出现了两次", "items")
    return out


def items_text(cleaned: Iterable[Mapping]) -> str:
    """A questionnaire as stored on a survey and carried by the workbook: one item a line,
    ``ABC：客服前台的服务态度与礼仪`` (scale, full-width colon, wording); retired items are left out."""
    return "\n".join(f"{e['scale']}{ITEM_SEPARATOR}{e['text']}" for e in cleaned if not e.get("retired"))


def items_of(raw: str | Iterable[Mapping] | None) -> list[Item]:
    """The items of a stored questionnaire (the text of :func:`items_text`, or ``[{"text", "scale"}]``)."""
    if isinstance(raw, str):
        entries = []
        for line in raw.splitlines():
            scale, sep, text = line.partition(ITEM_SEPARATOR)
            if sep and text.strip():
                entries.append({"scale": scale.strip(), "text": text.strip()})
        raw = entries
    return [Item(i, e["text"], e["scale"]) for i, e in enumerate(raw or (), start=1)]


def check_items_text(text: str) -> str:
    """Check a stored questionnaire (e.g. from a workbook) and give it back normalised."""
    lines = [x for x in (text or "").splitlines() if x.strip()]
    for n, line in enumerate(lines, start=1):
        if ITEM_SEPARATOR not in line:
            raise ValidationError("问卷项目", f"第 {n} 行应为“评价方式：项目”，如“ABC：服务态度”", "items")
    return items_text(clean_items({"scale": i.scale, "text": i.text} for i in items_of(text)))


def parse_answers(text: str | None) -> dict[int, str]:
    """``1=A；2=B；3=4`` → ``{1: "A", 2: "B", 3: "4"}``."""
    out: dict[int, str] = {}
    for part in (text or "").split(ANSWER_SEPARATOR):
        no, sep, value = part.partition("=")
        if sep and no.strip().isdigit() and value.strip():
            out[int(no)] = value.strip()
    return out


def format_answers(answers: Mapping[int, str]) -> str | None:
    text = ANSWER_SEPARATOR.join(f"{no}={answers[no]}" for no in sorted(answers) if answers[no])
    return text or None


def check_answers(items: Sequence[Item], answers: Mapping[int, str], *, label: str = "答案") -> dict[int, str]:
    """Answers by item number, checked against each item's scale (A/B/C in any case, 1–5,
    or text); items left blank are simply not answered."""
    by_no = {i.no: i for i in items}
    out: dict[int, str] = {}
    for no, value in answers.items():
        item = by_no.get(int(no))
        if item is None:
            raise ValidationError(label, f"问卷没有第 {no} 项", "answers")
        value = (value or "").strip()
        if not value:
            continue
        if item.scored:
            value = value.upper()
            if value not in item.choices:
                raise ValidationError(label, f"第 {item.no} 项“{item.text}”应为 {'/'.join(item.choices)}，"
                                             f"填的是“{value}”", "answers")
        elif len(value) > 500:
            raise ValidationError(label, f"第 {item.no} 项最多 500 个字", "answers")
        out[item.no] = value
    return out


def parse_keys(items: Sequence[Item], keys: str) -> dict[int, str]:
    """Quick entry: one key per scored item, in order (``ABBA4``); ``-`` or a space leaves an
    item unanswered. Text items are not typed here."""
    scored = [i for i in items if i.scored]
    keys = (keys or "").strip()
    if len(keys) != len(scored):
        raise ValidationError("答案", f"应输入 {len(scored)} 个答案（每项一个，未答填 -），现有 {len(keys)} 个",
                              "keys")
    return check_answers(items, {i.no: k for i, k in zip(scored, keys) if k not in "- "})


# ---------------------------------------------------------------- figures

def percent(part: int, whole: int) -> float:
    """A share in per cent, to one decimal (0 when there is nothing to share)."""
    return round(100.0 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class Rates:
    sample: int  # households drawn
    issued: int
    returned: int
    issue_goal: int
    return_goal: int

    @property
    def issue_rate(self) -> float:
        """Questionnaires issued, of the sample (goal 100 %)."""
        return percent(self.issued, self.sample)

    @property
    def return_rate(self) -> float:
        """Questionnaires returned, of those issued (goal ≥ 70 %)."""
        return percent(self.returned, self.issued)

    @property
    def warnings(self) -> tuple[str, ...]:
        out = []
        if self.sample and self.issue_rate < self.issue_goal:
            out.append(f"发放率 {self.issue_rate:.1f}%，未达到 {self.issue_goal}% 的要求"
                       f"（还有 {self.sample - self.issued} 户未发放）")
        if self.issued and self.return_rate < self.return_goal:
            need = -(-self.issued * self.return_goal // 100) - self.returned
            out.append(f"回收率 {self.return_rate:.1f}%，低于 {self.return_goal}% 的要求（至少还需回收 {need} 份）")
        return tuple(out)


@dataclass(frozen=True)
class ItemResult:
    no: int
    text: str
    scale: str
    answered: int
    counts: tuple[tuple[str, int], ...]  # (answer, how many), in the scale's order
    satisfaction: float | None  # share of A+B (or 4–5), per cent
    mean: float | None  # 1–5 items: the mean score
    low: bool  # below the site's threshold: needs a corrective action
    comments: tuple[str, ...] = ()  # text items: what was written

    def share(self, answer: str) -> float:
        return percent(dict(self.counts).get(answer, 0), self.answered)


@dataclass(frozen=True)
class BuildingResult:
    building: str
    sample: int
    returned: int
    satisfaction: float | None  # over every scored answer of the building's returns


def item_results(items: Sequence[Item], returns: Iterable[Mapping[int, str]], low_below: float) -> list[ItemResult]:
    returns = list(returns)
    out = []
    for item in items:
        values = [r[item.no] for r in returns if r.get(item.no)]
        if not item.scored:
            out.append(ItemResult(item.no, item.text, item.scale, len(values), (), None, None, False, tuple(values)))
            continue
        counts = tuple((c, values.count(c)) for c in item.choices)
        good = sum(n for c, n in counts if c in SATISFIED[Scale(item.scale)])
        sat = percent(good, len(values)) if values else None
        mean = round(sum(int(x) for x in values) / len(values), 2) if values and item.scale == Scale.FIVE else None
        out.append(ItemResult(item.no, item.text, item.scale, len(values), counts, sat, mean,
                              sat is not None and sat < low_below))
    return out


def satisfaction_of(items: Sequence[Item], returns: Iterable[Mapping[int, str]]) -> float | None:
    """Satisfied answers of all scored items, of every scored answer given."""
    good = total = 0
    for r in returns:
        for item in items:
            value = r.get(item.no)
            if item.scored and value:
                total += 1
                good += value in SATISFIED[Scale(item.scale)]
    return percent(good, total) if total else None
