"""A lazy table model: the ordered ids of the current filter and sort, rows fetched by the page.

After anki's table/model.py: the model never holds every row as an object. A reload runs
the screen's id query off the GUI thread twice — first for one page (LIMIT), so the table
paints at once, then for the whole list, which is appended when it arrives. The rows on
screen are fetched by id, a page at a time, on the GUI thread (a page of 200 takes a few
milliseconds) and kept in a small cache of recent pages.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.ui.tasks import TaskRunner

IdRole = Qt.ItemDataRole.UserRole + 1  # the row's database id
RowRole = Qt.ItemDataRole.UserRole + 2  # the row's DTO (None until fetched)
# Plain ints: data() runs for every role of every visible cell, enum lookups add up.
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
ID_ROLE = int(IdRole)
ROW_ROLE = int(RowRole)
ROW_ROLES = frozenset({DISPLAY, TOOLTIP, FOREGROUND, ROW_ROLE})

PAGE = 200  # rows per fetch, and the size of the first page of ids
MAX_PAGES = 25  # pages kept; older ones are fetched again when scrolled back to
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

Sort = tuple[str, bool]  # (column key, ascending)
IdsQuery = Callable[[Session, Sort, int | None], Sequence[int]]
RowsFetch = Callable[[Session, Sequence[int]], list[Any]]
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its key (the DTO attribute and the sort key), title and how to show a row."""

    key: str
    title: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    width: int = 10  # initial width, in average characters
    shown: bool = True  # when the user has not chosen
    sortable: bool = True
    tooltip: Callable[[Any], str] | None = None
    colour: Callable[[Any], Any] | None = None  # a QColor (or None) for the text


def attr(key: str, blank: str = "") -> Callable[[Any], str]:
    """The column text of a plain attribute; None shows as `blank`."""

    def text(row: Any) -> str:
        value = getattr(row, key)
        return blank if value is None else str(value)

    return text


class LazyTableModel(QAbstractTableModel):
    """Rows are ids; `set_query` says how to list them, `fetch_rows` how to read them."""

    loading_changed = QtSignal(bool)
    loaded = QtSignal()  # new ids are in: restore the selection
    count_changed = QtSignal(int, bool)  # rows known, whether that is all of them

    def __init__(
        self,
        columns: Sequence[Column],
        tasks: TaskRunner,
        fetch_rows: RowsFetch,
        *,
        sort: Sort,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._alignments = [int(c.align.value) for c in self.columns]
        self.tasks = tasks
        self.fetch_rows = fetch_rows
        self.sort_key = sort
        self._query: IdsQuery | None = None
        self._ids: Sequence[int] = array("q")
        self._complete = True
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._generation = 0
        self._loading = False

    # -- loading -----------------------------------------------------------------------
    def set_query(self, query: IdsQuery) -> None:
        """A new filter or search: list the ids again from the first page."""
        self._query = query
        self.reload(keep_position=False)

    def reload(self, *, keep_position: bool = True) -> None:
        """Read the ids again; keep_position: the data changed, not the filter (keep the scroll)."""
        if self._query is None:
            return
        self._generation += 1
        self._set_loading(True)
        if keep_position and self._complete and len(self._ids) > 0:
            self._run_whole(self._generation)
        else:
            self._run_first_page(self._generation)

    def _run_first_page(self, generation: int) -> None:
        query, sort, fetch = self._query, self.sort_key, self.fetch_rows
        assert query is not None

        def first_page(session: Session, job: Job) -> tuple[Sequence[int], list[Any]]:
            ids = query(session, sort, PAGE)
            return ids, fetch(session, ids)

        self.tasks.query(
            first_page,
            parent=None,
            on_success=lambda got: self._first_arrived(generation, got),
            on_failure=self._failed,
        )

    def _run_whole(self, generation: int) -> None:
        query, sort = self._query, self.sort_key
        assert query is not None

        def whole(session: Session, job: Job) -> Sequence[int] | None:
            if generation != self._generation:  # superseded while it waited: skip the work
                return None
            return query(session, sort, None)

        self.tasks.query(
            whole,
            parent=None,
            on_success=lambda ids: self._whole_arrived(generation, ids),
            on_failure=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        """The list stays as it was; the error is reported the standard way."""
        self._set_loading(False)
        self.tasks.report_failure(None, error)

    def _first_arrived(self, generation: int, got: tuple[Sequence[int], list[Any]]) -> None:
        if generation != self._generation:
            return
        ids, rows = _as_array(got[0]), got[1]
        self.beginResetModel()
        self._ids, self._complete = ids, len(ids) < PAGE
        self._pages.clear()
        self._pages[0] = _aligned(ids, rows)
        self.endResetModel()
        self._announce()
        if not self._complete:
            self._run_whole(generation)

    def _whole_arrived(self, generation: int, ids: Sequence[int] | None) -> None:
        if ids is None or generation != self._generation:
            return
        ids = _as_array(ids)
        known = len(self._ids)
        if self._complete and ids == self._ids:
            self._pages.clear()  # same rows, maybe changed values: fetch them again
            self._data_changed()
        elif not self._complete and len(ids) > known and ids[:known] == self._ids:
            self.beginInsertRows(QModelIndex(), known, len(ids) - 1)
            self._ids = ids
            self._complete = True
            self.endInsertRows()
        else:
            self.beginResetModel()
            self._ids, self._complete = ids, True
            self._pages.clear()
            self.endResetModel()
        self._complete = True
        self._announce()

    def _announce(self) -> None:
        if self._complete:
            self._set_loading(False)
        self.count_changed.emit(len(self._ids), self._complete)
        self.loaded.emit()

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _data_changed(self) -> None:
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def has_query(self) -> bool:
        return self._query is not None

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        return self._complete

    # -- rows ----------------------------------------------------------------------------
    def id_at(self, row: int) -> int:
        return int(self._ids[row])

    def ids(self) -> Sequence[int]:
        return self._ids

    def row_of(self, row_id: int) -> int | None:
        """The row showing this id (a scan in C: a few ms at a million rows)."""
        try:
            return self._ids.index(row_id)
        except ValueError:
            return None

    def row_data(self, row: int) -> Any | None:
        """The row's DTO, fetched with its page if needed; None if it was deleted meanwhile."""
        number, offset = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(number)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _fetch_page(self, number: int) -> list[Any]:
        ids = self._ids[number * PAGE : (number + 1) * PAGE]
        with self.tasks.db.sessions() as session:
            page = _aligned(ids, self.fetch_rows(session, ids))
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        role = int(role)
        if role not in ROW_ROLES:
            if role == ALIGNMENT and index.isValid():
                return self._alignments[index.column()]
            if role == ID_ROLE and index.isValid():
                return self.id_at(index.row())
            return None
        if not index.isValid():
            return None
        row = self.row_data(index.row())
        if row is None or role == ROW_ROLE:
            return row
        column = self.columns[index.column()]
        if role == DISPLAY:
            return column.text(row)
        if role == TOOLTIP:
            return column.tooltip(row) if column.tooltip else None
        return column.colour(row) if column.colour else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: sort in SQL and list the ids again."""
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        wanted = (self.columns[column].key, order == Qt.SortOrder.AscendingOrder)
        if wanted != self.sort_key:
            self.sort_key = wanted
            self.reload(keep_position=False)

    def column_index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


def _aligned(ids: Sequence[int], rows: list[Any]) -> list[Any]:
    """rows (fetched by id, deleted ones missing) placed at their ids' positions."""
    by_id = {row.id: row for row in rows}
    return [by_id.get(i) for i in ids]


def _as_array(ids: Sequence[int]) -> array[int]:
    """Id lists compare and slice as arrays (a list never equals an array)."""
    return ids if isinstance(ids, array) else array("q", ids)
