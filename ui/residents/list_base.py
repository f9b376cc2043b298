"""What the resident and unit lists share: a search box that filters in SQL after a short
pause, loading on the background worker, and a stale-result guard."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.shared.common import Dialogs, UiEnv
from ui.shared.rows_table_model import RowsTableModel

SEARCH_DELAY_MS = 300


def make_table(model: RowsTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def fit_columns(view: QTableView, min_width: int = 64, max_width: int = 320) -> None:
    """Columns as wide as their (loaded) contents, within reason."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for i in range(header.count() - 1):
        header.resizeSection(i, max(min_width, min(max_width, header.sectionSize(i))))


class SearchableList(QWidget):
    loaded = Signal()  # a (re)load finished and the table shows its result

    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    def schedule_refresh(self, *_args) -> None:
        self._timer.start()

    def load(self, work: Callable[[], Any], apply: Callable[[Any], None], label: str = "") -> None:
        """Run ``work`` on the worker; ``apply`` its result unless a newer load was started."""
        self._generation += 1
        generation = self._generation

        def done(result):
            if generation == self._generation:
                apply(result)
                for view in self.findChildren(QTableView):
                    fit_columns(view)
                self.loaded.emit()

        def failed(exc):
            if generation == self._generation:
                Dialogs.error(self, exc)

        self.env.runner.submit(work, on_done=done, on_error=failed, label=label)

    def selected(self, view: QTableView):
        index = view.currentIndex()
        model = view.model()
        return model.row_at(index)

    def select_where(self, view: QTableView, predicate) -> None:
        model: RowsTableModel = view.model()
        row = model.find(predicate)
        if row >= 0:
            view.selectRow(row)
            view.scrollTo(model.index(row, 0))
