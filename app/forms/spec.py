"""The declarations a form module makes: :class:`FormSpec`, :class:`Param`, :class:`FormData`.

Kept free of heavy imports: the CLI reads every ``FORM`` spec to build its parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

#: Parameter kinds. ``period`` gives the provider ``date_from`` and ``date_to``.
PARAM_KINDS = ("period", "date", "text", "int", "choice")


@dataclass(frozen=True)
class Param:
    """One input a form needs (a CLI option, a field in the GUI).

    ``name`` is the keyword passed to the provider (for ``period``: ``date_from`` and
    ``date_to`` instead). ``flag`` is the CLI option, by default ``--`` + name with
    ``_`` turned into ``-``; a ``period`` always uses ``--date`` / ``--from`` / ``--to``.
    """

    name: str
    label: str
    kind: str = "text"
    flag: str | None = None
    required: bool = True
    help: str = ""
    choices: tuple[str, ...] = ()
    default: Any = None

    def __post_init__(self):
        if self.kind not in PARAM_KINDS:
            raise ValueError(f"unknown param kind {self.kind!r}; use one of {PARAM_KINDS}")

    @property
    def cli_flag(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")

    # -- shorthands -----------------------------------------------------
    @classmethod
    def period(cls, label: str = "日期", *, required: bool = True, help: str = "") -> "Param":
        """``--date D`` or ``--from D --to D``; the provider gets ``date_from``, ``date_to``."""
        return cls("period", label, "period", required=required, help=help)

    @classmethod
    def day(cls, name: str = "day", label: str = "日期", *, flag: str = "--date", required: bool = True,
            help: str = "") -> "Param":
        """One date (``--date D`` by default); the provider gets a :class:`datetime.date`."""
        return cls(name, label, "date", flag=flag, required=required, help=help)

    @classmethod
    def text(cls, name: str, label: str, *, flag: str | None = None, required: bool = True,
             help: str = "") -> "Param":
        """A text value, e.g. ``Param.text("unit", "房号")`` → ``--unit 3-2-1502``."""
        return cls(name, label, "text", flag=flag, required=required, help=help)

    @classmethod
    def integer(cls, name: str, label: str, *, flag: str | None = None, required: bool = True,
                help: str = "") -> "Param":
        return cls(name, label, "int", flag=flag, required=required, help=help)

    @classmethod
    def choice(cls, name: str, label: str, choices: tuple[str, ...] | list[str], *, flag: str | None = None,
               required: bool = True, default: str | None = None, help: str = "") -> "Param":
        return cls(name, label, "choice", flag=flag, required=required, choices=tuple(choices),
                   default=default, help=help)


@dataclass
class FormData:
    """What a provider returns: the values the template refers to.

    ``values`` maps data keys to values. Scalars (str, int, date, datetime, bool,
    None) fill ``fields``/``text``/``box``/``signatures`` blocks; a list of dicts feeds a
    ``table`` block (``source = "rows"``); a list of ``{"label": .., "checked": bool}``
    (or of strings) feeds a ``checklist`` block. ``period_from``/``period_to`` and
    ``subject`` (e.g. a unit or an order number) go to the print log and the file name.

    ``record_uuids``: the records the whole form shows (a one-record form: that record), so
    a signed scan of any of its pages finds them. Table rows carrying a ``uuid`` key are
    found by the engine itself, page by page.

    ``parts``: several documents printed as one job (e.g. every household's questionnaire),
    each drawn from its own values on its own pages, one after the other in one PDF.
    """

    values: dict[str, Any] = field(default_factory=dict)
    period_from: date | None = None
    period_to: date | None = None
    subject: str | None = None
    record_uuids: tuple[str, ...] = ()
    parts: tuple["FormData", ...] = ()


@dataclass(frozen=True)
class FormSpec:
    """A printable form, declared as ``FORM = FormSpec(...)`` in a module of
    ``app/forms/providers/``.

    ``key`` names the CLI subcommand (``frontdesk print <key>``) and the template file
    (``forms_templates/<key>.toml``, overridable in ``<home>/templates/<key>.toml``).
    ``provide(ctx, **params)`` reads the records (read-only) and returns :class:`FormData`.
    """

    key: str
    code: str
    name: str
    provide: Callable[..., FormData]
    params: tuple[Param, ...] = ()
    help: str = ""
    template: str | None = None
    listed: bool = True
    order: int = 100

    @property
    def template_file(self) -> str:
        return self.template or f"{self.key}.toml"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)
