"""Parts every list screen repeats: its search box, its page layout, the query of its lazy table
and the row count in its header (the texts stay with each screen, which translates them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop_app.ui.context import AppContext
from desktop_app.ui.models.lazy_table import Column, IdsQuery, LazyTableModel, RowsFetch, Sort
from desktop_app.ui.widgets.data_table import DataTable, saved_sort
from desktop_app.ui.widgets.search_box import SearchBox

# a query module's id list: (session, search text, filters, sort, limit=…) → ids
IdsOf = Callable[..., Sequence[int]]


def screen_shortcut(screen: QWidget, keys: str, slot: Callable[[], object]) -> QShortcut:
    """A shortcut active anywhere on the screen (not only in the focused widget)."""
    context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    shortcut = QShortcut(QKeySequence(keys), screen, context=context)
    shortcut.activated.connect(slot)
    return shortcut


def action_buttons(
    screen: QWidget, specs: Sequence[tuple[str, str, Callable[[], object], str]]
) -> dict[str, QPushButton]:
    """The screen's tool buttons by key, from (key, text, slot, shortcut or ""): each shortcut
    works screen-wide and shows as its button's tooltip."""
    buttons: dict[str, QPushButton] = {}
    for key, text, slot, keys in specs:
        button = buttons[key] = QPushButton(text)
        button.clicked.connect(slot)
        if keys:
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
            screen_shortcut(screen, keys, slot)
    return buttons


def search_box(placeholder: str, apply_query: Callable[[], None]) -> SearchBox:
    """The screen's search box: each new search runs the screen's query again."""
    box = SearchBox(placeholder)
    box.search_changed.connect(lambda _text: apply_query())
    return box


def lazy_table(
    ctx: AppContext, state_key: str, columns: list[Column], rows: RowsFetch, default_sort: Sort
) -> tuple[LazyTableModel, DataTable]:
    """The screen's lazy model, sorted as the user last left it, and its table."""
    sort = saved_sort(ctx.state, state_key, [c.key for c in columns], default_sort)
    model = LazyTableModel(columns, ctx.tasks, rows, sort=sort)
    return model, DataTable(model, ctx.state, state_key)


def page_layout(screen: QWidget, *rows: QWidget, stretch: QWidget) -> QVBoxLayout:
    """The screen's widgets from the top down (header, tools, filters…); `stretch` gets the room."""
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(24, 20, 24, 16)
    for widget in rows:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return layout


def table_over_detail(table: QWidget, detail: QWidget, detail_stretch: int) -> QSplitter:
    """The list above the selected row's detail; the list gets 3 parts of the height."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(table)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, detail_stretch)
    splitter.setChildrenCollapsible(False)
    return splitter


def query_or_reload(model: LazyTableModel, apply_query: Callable[[], None]) -> None:
    """A screen's refresh: its first query, or the same query again keeping the position."""
    if not model.has_query:
        apply_query()
    else:
        model.reload(keep_position=True)


def ids_query(ids_of: IdsOf, text: str, filters: Any) -> IdsQuery:
    """The lazy model's id query for one search text and one set of filters."""

    def ids(session: Session, sort: Sort, limit: int | None) -> Sequence[int]:
        return ids_of(session, text, filters, sort, limit=limit)

    return ids


def count_text(rows: int, complete: bool, all_rows: str, first_rows: str) -> str:
    """`all_rows` once the count is complete, else `first_rows`; {0} is the number of rows."""
    return (all_rows if complete else first_rows).format(QLocale().toString(rows))


def follow_current(screen: Any, show: Callable[[int], None]) -> None:
    """Show the detail of each row made current in screen.table, keeping its id in
    screen._current_id (what restore_current brings back after a reload)."""

    def changed(current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            screen._current_id = screen.model.id_at(current.row())
            show(screen._current_id)

    screen.table.selectionModel().currentRowChanged.connect(changed)


def restore_current(
    table: DataTable,
    model: LazyTableModel,
    current_id: int | None,
    show: Callable[[int | None], None],
) -> int | None:
    """After the list reloaded: select the current row again; once the list is complete
    without it (gone, or filtered out), show nothing. Returns the current id from now on."""
    if current_id is None or table.current_id() == current_id or table.select_id(current_id):
        return current_id
    if model.complete:
        show(None)
        return None
    return current_id


def select_when_loaded(
    table: DataTable, model: LazyTableModel, row_id: int, show: Callable[[int], None]
) -> None:
    """Make `row_id` current as soon as the list holds it (after a save made or moved it)."""

    def select() -> None:
        if table.select_id(row_id) or model.complete:
            model.loaded.disconnect(select)
            show(row_id)

    model.loaded.connect(select)
