"""Small widget builders the repair views share: a read-only list table and a plain button."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableView


def list_table(model) -> QTableView:
    """A read-only, single-row-select table on ``model``; columns stay resizable, the last stretches."""
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.setWordWrap(False)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def button(text: str, slot, tip: str = "") -> QPushButton:
    """A button that Enter in a table does not press, with an optional tooltip."""
    b = QPushButton(text)
    b.setAutoDefault(False)
    b.clicked.connect(slot)
    if tip:
        b.setToolTip(tip)
    return b
