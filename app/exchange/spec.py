"""Declarative description of one record sheet of the head-office workbook.

A sheet module (``app/exchange/sheets/<name>.py``) builds one :class:`SheetSpec`
(module attribute ``SHEET``, or ``SHEETS`` for several) out of :class:`Column` entries.
The writer and the reader in this package do everything else: selection by date
range, cell types, formula-injection safety, masking, checking, idempotent import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Mapping

# ----------------------------------------------------------------- kinds
UUID = "uuid"          # 36-character lower-case UUID, a text cell
TEXT = "text"          # a text cell (phones, unit numbers, ids and free text)
INT = "int"            # an integer (number cell)
NUMBER = "number"      # a decimal number (number cell), e.g. 材料及费用 in yuan
DATETIME = "datetime"  # a real Excel date-time shown as yyyy-mm-dd hh:mm
DATE = "date"          # a real Excel date shown as yyyy-mm-dd
ENUM = "enum"          # one of a fixed list of words (Column.choices)
YESNO = "yesno"        # 是 / 否 in the workbook, bool in the model

KINDS = (UUID, TEXT, INT, NUMBER, DATETIME, DATE, ENUM, YESNO)

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    """One column of a record sheet.

    ``attr`` names a mapped column of the sheet's model, or a key of
    ``SheetSpec.extra`` (a computed value). On import the value is written to
    ``attr`` unless ``readonly`` (computed columns) or ``attr`` is an extra key
    (then ``SheetSpec.prepare`` must turn it into model attributes).
    """

    header: str
    attr: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] | type[Enum] = ()
    max_len: int | None = None  # TEXT: default 200; use 5000 for 内容-like columns
    min_value: float | None = None
    max_value: float | None = None
    phone: bool = False  # replaced by 138****8000 when the workbook is exported with --mask-phones
    readonly: bool = False  # exported only; ignored on import
    width: float | None = None  # column width in characters; default fits the header and the kind

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.header}: unknown kind {self.kind!r}")
        if isinstance(self.choices, type) and issubclass(self.choices, Enum):
            object.__setattr__(self, "choices", tuple(str(m.value) for m in self.choices))
        else:
            object.__setattr__(self, "choices", tuple(self.choices))
        if self.kind == ENUM and not self.choices:
            raise ValueError(f"column {self.header}: an enum column needs choices")


@dataclass(frozen=True)
class SheetSpec:
    """A record sheet: its name, place, model and columns, and the optional hooks.

    - ``name``: the sheet name, exactly as the spec spells it (e.g. ``维修``).
    - ``order``: where it goes; 汇总 is always first, then ascending ``order``
      (来访来电 10, 投诉 20, 回访 30, 维修 40, 入伙 50, 入伙缺陷 60, 装修 70, 装修巡查 80).
    - ``model``: an ORM class with ``RecordMixin`` (uuid, site_code, version, created/updated at/by, void).
    - ``columns``: in workbook order; normally ``(*record_head(), ..., VOID_REASON, *record_tail())``.
    - ``sort``: model attribute the exported rows are ordered by (then by id).
    - ``created_from``: ``(time attr, person attr)`` giving created_at/created_by for a record that
      an import inserts (the workbook has no creation columns), e.g. ``("received_at", "received_by")``;
      default: the record's 最后修改时间/最后修改人.
    - ``extra``: ``{key: SQL expression}`` selected with the model's columns for export (e.g. a
      correlated scalar subquery giving a parent's uuid or a count); columns may name these keys.
    - ``derive(values) -> dict``: import, check phase: more model attributes computed from a row's
      values (keys = attrs), e.g. ``{"phone_digits": ...}``. Pure; no database.
    - ``check(values) -> None``: import, check phase: cross-column rules; raise
      ``ValidationError(header, message)`` and it is reported as sheet / row / column.
    - ``prepare(session, ctx, values) -> dict``: import, write phase (inside the one transaction,
      after the earlier sheets were written): turn extra keys into model attributes (e.g. a parent's
      uuid into its id). Raise ``ValidationError(header, message)``; any error rolls back everything.
    - ``where(start, end)``: replace the default date-range selection (created or last changed in
      ``[start, end)``); returns a SQLAlchemy condition on the model.
    - ``after_write(session, ctx, inserted_ids, updated_before)``: import, write phase, after this
      sheet's Core INSERTs/UPDATEs (which bypass ORM events): e.g. refresh a search index.
      ``inserted_ids``: ids of the new rows; ``updated_before``: {id: the row's values before}.
    - ``entity``: the audit trail's entity name (default: the model's table name).
    """

    name: str
    order: int
    model: type
    columns: tuple[Column, ...]
    sort: str = "created_at"
    created_from: tuple[str, str] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    derive: Callable[[dict], dict] | None = None
    check: Callable[[dict], None] | None = None
    prepare: Callable[[Any, Any, dict], dict] | None = None
    where: Callable[[Any, Any], Any] | None = None
    after_write: Callable[[Any, Any, list, dict], None] | None = None
    entity: str | None = None

    def __post_init__(self) -> None:
        headers = [c.header for c in self.columns]
        if len(set(headers)) != len(headers):
            raise ValueError(f"sheet {self.name}: duplicate column headers")
        for must in ("记录编号", "站点编码", "版本", "最后修改时间", "最后修改人"):
            if must not in headers:
                raise ValueError(f"sheet {self.name}: column {must} is required in every record sheet")

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)


# ----------------------------------------------------------------- the shared columns
def record_head() -> tuple[Column, ...]:
    """记录编号 | 站点编码 | 版本: the first three columns of every record sheet."""
    return (
        Column("记录编号", "uuid", UUID, required=True),
        Column("站点编码", "site_code", TEXT, required=True, max_len=20),
        Column("版本", "version", INT, required=True, min_value=1),
    )


#: 作废原因 (just before the two last columns in most sheets).
VOID_REASON = Column("作废原因", "void_reason", TEXT, max_len=500)


def record_tail() -> tuple[Column, ...]:
    """最后修改时间 | 最后修改人: the last two columns of every record sheet."""
    return (
        Column("最后修改时间", "updated_at", DATETIME, required=True),
        Column("最后修改人", "updated_by", TEXT, required=True, max_len=50),
    )


#: Columns the framework writes itself (never through ``Column.attr`` of a module).
FRAMEWORK_ATTRS = {"uuid", "site_code", "version", "updated_at", "updated_by", "void_reason"}
