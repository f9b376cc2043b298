"""Table views of the move-in screens: one look for every list, the selected rows, and a
reload that keeps the cursor on the same line (keyboard work goes on where it was).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.shared.rows_table_model import RowsTableModel


def make_view(model: RowsTableModel, *, multi: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setMinimumSectionSize(56)
    view.setAlternatingRowColors(True)
    return view


def selected_rows(view: QTableView) -> list:
    model: RowsTableModel = view.model()
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().row()]
    return [model.row_at(r) for r in rows if model.row_at(r) is not None]


def keep_current(view: QTableView, model: RowsTableModel, rows: list) -> None:
    """Reload rows and keep the cursor on the same line (keyboard work goes on where it was)."""
    current = view.currentIndex()
    row, col = (current.row(), current.column()) if current.isValid() else (0, 0)
    model.set_rows(rows)
    if rows:
        row = min(row, len(rows) - 1)
        view.setCurrentIndex(model.index(row, max(col, 0)))
