"""The count shown on a navigation entry (work lists: overdue red, due soon amber)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Badge:
    count: int
    level: str | None = None  # "red", "amber" or None
    tooltip: str = ""
