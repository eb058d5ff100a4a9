"""Which columns a table shows: a menu on the header (right click), remembered in the UI state."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

from desktop_app.ui.models.lazy_table import LazyTableModel
from desktop_app.ui.ui_state import UiState


class ColumnChooser(QObject):
    """Shows or hides the columns of `view`; the hidden ones are saved under `state_key`."""

    def __init__(self, view: QTableView, state: UiState, state_key: str) -> None:
        super().__init__(view)
        self.view = view
        self.state = state
        self.key = f"{state_key}/hidden_columns"
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        self.apply(self.saved_hidden())

    @property
    def model(self) -> LazyTableModel:
        model = self.view.model()
        assert isinstance(model, LazyTableModel)
        return model

    def saved_hidden(self) -> set[str]:
        saved = self.state.view_list(self.key)
        if saved is None:  # never chosen: the columns' own defaults
            return {c.key for c in self.model.columns if not c.shown}
        return set(saved)

    def hidden(self) -> set[str]:
        return {c.key for n, c in enumerate(self.model.columns) if self.view.isColumnHidden(n)}

    def apply(self, hidden: set[str]) -> None:
        columns = self.model.columns
        if all(c.key in hidden for c in columns):
            hidden = set()  # a table without columns cannot be right-clicked to undo it
        for number, column in enumerate(columns):
            self.view.setColumnHidden(number, column.key in hidden)

    def set_shown(self, key: str, shown: bool) -> None:
        hidden = self.hidden() - {key} if shown else self.hidden() | {key}
        self.apply(hidden)
        self.state.set_view_list(self.key, sorted(self.hidden()))

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        menu.setTitle(self.tr("Columns"))
        hidden = self.hidden()
        shown_count = len(self.model.columns) - len(hidden)
        for column in self.model.columns:
            action = QAction(column.title, menu, checkable=True)
            action.setChecked(column.key not in hidden)
            action.setEnabled(column.key in hidden or shown_count > 1)  # keep one at least
            action.toggled.connect(lambda on, key=column.key: self.set_shown(key, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Show default columns"), self.restore_defaults)
        return menu

    def show_menu(self, position: QPoint) -> None:
        self.menu().popup(self.view.horizontalHeader().mapToGlobal(position))

    def restore_defaults(self) -> None:
        self.apply({c.key for c in self.model.columns if not c.shown})
        self.state.set_view_list(self.key, sorted(self.hidden()))
