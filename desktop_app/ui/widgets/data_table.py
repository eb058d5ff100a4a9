"""The table of a list screen: a lazy model, sort by header click, column chooser, Enter opens."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.ui.models.lazy_table import LazyTableModel, Sort
from desktop_app.ui.ui_state import UiState
from desktop_app.ui.widgets.column_chooser import ColumnChooser

ROW_PADDING = 10  # pixels above and below the text of a row
CELL_PADDING = 16
HEADER_PADDING = 28  # room for the sort arrow


def saved_sort(state: UiState, state_key: str, keys: list[str], default: Sort) -> Sort:
    """The sort the user last chose for this table ("key asc" / "key desc"), or the default."""
    text = state.view_text(f"{state_key}/sort")
    key, _, direction = text.partition(" ")
    if key in keys and direction in ("asc", "desc"):
        return key, direction == "asc"
    return default


class DataTable(QTableView):
    """A read-only table of ids: `activated_id` on Enter or double click."""

    activated_id = Signal(int)

    def __init__(
        self, model: LazyTableModel, state: UiState, state_key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.state_key = state_key
        self.setModel(model)
        self._configure()
        self._initial_widths()
        self.chooser = ColumnChooser(self, state, state_key)
        self._show_sort(model.sort_key)
        self.setSortingEnabled(True)
        self.horizontalHeader().sortIndicatorChanged.connect(self._remember_sort)
        self.doubleClicked.connect(lambda index: self.activated_id.emit(model.id_at(index.row())))

    def lazy_model(self) -> LazyTableModel:
        model = self.model()
        assert isinstance(model, LazyTableModel)
        return model

    def _configure(self) -> None:
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed heights: Qt never measures a million rows to place the scroll bar.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _show_sort(self, sort: Sort) -> None:
        key, ascending = sort
        order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
        self.horizontalHeader().setSortIndicator(self.lazy_model().column_index(key), order)

    def _remember_sort(self, _section: int, _order: Qt.SortOrder) -> None:
        key, ascending = self.lazy_model().sort_key
        self.state.set_view_text(
            f"{self.state_key}/sort", f"{key} {'asc' if ascending else 'desc'}"
        )

    def _initial_widths(self) -> None:
        """From each column's width in characters (or its title): no row is read for this."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        for section, column in enumerate(self.lazy_model().columns):
            text = max(metrics.horizontalAdvance("0" * column.width), 0)
            title = metrics.horizontalAdvance(column.title) + HEADER_PADDING
            header.resizeSection(section, max(text + CELL_PADDING, title))

    # -- selection -----------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self.lazy_model().id_at(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, from the selection ranges (no row is fetched for this)."""
        model, ids = self.lazy_model(), []
        for span in self.selectionModel().selection():
            ids.extend(model.id_at(row) for row in range(span.top(), span.bottom() + 1))
        return list(dict.fromkeys(ids))

    def select_id(self, row_id: int) -> bool:
        """Make this id the current, selected row and scroll to it; False if it is not listed."""
        row = self.lazy_model().row_of(row_id)
        if row is None:
            return False
        index = self.model().index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            row_id = self.current_id()
            if row_id is not None:
                self.activated_id.emit(row_id)
                event.accept()
                return
        super().keyPressEvent(event)
