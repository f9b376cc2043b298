"""The record sheets: every feature module that ``app.features`` lists under ``sheets``
defines ``SHEET`` (a :class:`SheetSpec`) or ``SHEETS`` (several); sorted by ``order``."""

from __future__ import annotations

from functools import lru_cache

from app.exchange.spec import SheetSpec

SUMMARY_SHEET = "汇总"


@lru_cache(maxsize=1)
def sheets() -> tuple[SheetSpec, ...]:
    from app.features import feature_modules

    found: list[SheetSpec] = []
    for module in feature_modules("sheets"):
        found.extend(getattr(module, "SHEETS", ()))
        if getattr(module, "SHEET", None) is not None:
            found.append(module.SHEET)
    names = [s.name for s in found]
    if len(set(names)) != len(names) or SUMMARY_SHEET in names:
        raise RuntimeError(f"duplicate sheet names: {names}")
    orders = [s.order for s in found]
    if len(set(orders)) != len(orders):
        raise RuntimeError(f"duplicate sheet orders: {sorted(zip(orders, names))}")
    return tuple(sorted(found, key=lambda s: s.order))


def sheet(name: str) -> SheetSpec:
    for s in sheets():
        if s.name == name:
            return s
    raise KeyError(name)
