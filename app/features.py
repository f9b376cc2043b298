"""The one list of features. Every registry reads it: the workbook sheets, the paper forms,
the ORM models, and (in ``ui/registry.py``) the pages, tabs and hooks of the windows.

A feature is a package ``app/<key>/`` (its models, vocabulary, rules, services, sheet and
form providers) with its screens in ``ui/<key>/``. Adding a feature is one line here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    key: str
    #: Modules of ``app.<key>`` defining ``SHEET`` (a workbook sheet spec) or ``SHEETS``.
    sheets: tuple[str, ...] = ()
    #: Modules of ``app.<key>`` defining ``FORM`` (a paper form).
    forms: tuple[str, ...] = ()
    #: ``app.<key>.models`` exists (its tables are part of the schema).
    models: bool = True


FEATURES: tuple[Feature, ...] = (
    Feature("today", models=False),
    Feature("reception", sheets=("sheet",), forms=("print_contact_log",)),
    Feature("complaints", sheets=("sheet", "followup_sheet"),
            forms=("print_opinions", "print_followups", "print_analysis", "print_weekly")),
    Feature("repairs", sheets=("sheet",), forms=("print_work_order",)),
    Feature("movein", sheets=("sheet",), forms=("print_move_in",)),
    Feature("renovation", sheets=("sheet",), forms=("print_round", "print_notice", "print_permit")),
    Feature("desk", sheets=("sheet",), forms=("print_borrow_register", "print_service_order", "print_shift_handover",
                                          "print_daily_cash", "print_application", "print_memo", "print_notice")),
    Feature("residents", models=False),
    Feature("surveys", sheets=("sheet",), forms=("print_questionnaire", "print_report")),
    Feature("inspections", sheets=("sheet",), forms=("print_report",)),
    Feature("hq"),  # head office: many sites' workbooks gathered; no sheet, no form
)

#: Screens of the shared kernel and the engines, besides the features' own (``ui/<key>/``).
SHELL_UI: tuple[str, ...] = ("admin", "exchange", "forms")


def ui_packages() -> tuple[str, ...]:
    """Names of the ``ui`` packages that contribute pages, tabs and hooks, in menu order."""
    return tuple(f.key for f in FEATURES) + SHELL_UI


def feature_modules(kind: str) -> list:
    """The modules every feature lists under ``kind`` ("sheets" or "forms"), imported."""
    return [importlib.import_module(f"app.{f.key}.{name}") for f in FEATURES for name in getattr(f, kind)]


def load_models() -> None:
    """Import every table definition, so ``Base.metadata`` holds the whole schema."""
    importlib.import_module("app.core.models")
    for f in FEATURES:
        if f.models:
            importlib.import_module(f"app.{f.key}.models")


def load_all() -> None:
    """Import every feature package, so the hooks features register with each other (e.g. the
    repair follow-up hooks of the complaints package) are in place, and every table definition
    (a package may import its modules on first use). The composition roots call it."""
    for f in FEATURES:
        importlib.import_module(f"app.{f.key}")
    load_models()
