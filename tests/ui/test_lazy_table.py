"""The lazy table model on its own: first page then the rest, stale results, the page cache."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.events import AppEvents
from desktop_app.ui.models import lazy_table
from desktop_app.ui.models.lazy_table import Column, IdRole, LazyTableModel, RowRole, attr
from desktop_app.ui.tasks import TaskRunner


@dataclass(frozen=True)
class Row:
    id: int
    name: str


class Source:
    """Ids 1..n (filtered by `gone`), rows made up on request; counts what was asked."""

    def __init__(self, n: int) -> None:
        self.ids = list(range(1, n + 1))
        self.gone: set[int] = set()
        self.fetched: list[int] = []
        self.fail = False

    def query(self, session, sort, limit):
        if self.fail:
            raise RuntimeError("the database went away")
        ids = [i for i in self.ids if i not in self.gone]
        ids = ids if sort[1] else ids[::-1]
        return ids if limit is None else ids[:limit]

    def rows(self, session, ids):
        self.fetched.append(len(ids))
        return [Row(i, f"row {i}") for i in ids if i not in self.gone]


@pytest.fixture
def runner(qtbot, db):
    tasks = TaskRunner(db, AppEvents())
    yield tasks
    tasks.shutdown()


def make(runner, source) -> LazyTableModel:
    columns = [Column("id", "Id", attr("id")), Column("name", "Name", attr("name"))]
    return LazyTableModel(columns, runner, source.rows, sort=("id", True))


def wait(qtbot, model) -> None:
    qtbot.waitUntil(lambda: model.complete and not model.loading)


def test_first_page_then_the_rest(qtbot, runner):
    source = Source(1000)
    model = make(runner, source)
    resets, inserted = [], []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.set_query(source.query)
    wait(qtbot, model)
    assert resets == [lazy_table.PAGE] and inserted == [(lazy_table.PAGE, 999)]
    assert model.rowCount() == 1000 and model.id_at(999) == 1000
    assert model.index(5, 1).data() == "row 6"
    assert model.index(5, 1).data(IdRole) == 6
    assert model.index(5, 0).data(RowRole) == Row(6, "row 6")
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert model.row_of(700) == 699 and model.row_of(5000) is None


def test_pages_are_fetched_by_id_and_the_cache_is_bounded(qtbot, runner):
    source = Source(20_000)
    model = make(runner, source)
    model.set_query(source.query)
    wait(qtbot, model)
    for row in range(0, 20_000, lazy_table.PAGE):
        assert model.row_data(row).id == row + 1
    assert max(source.fetched) <= lazy_table.PAGE
    assert len(model._pages) == lazy_table.MAX_PAGES
    assert model.row_data(0).id == 1  # fetched again once evicted


def test_a_sort_lists_again_and_stale_answers_are_dropped(qtbot, runner):
    source = Source(500)
    model = make(runner, source)
    model.set_query(source.query)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # before the first answer arrived
    wait(qtbot, model)
    assert model.sort_key == ("id", False)
    assert model.id_at(0) == 500 and model.rowCount() == 500


def test_a_reload_keeps_the_rows_when_the_ids_did_not_change(qtbot, runner):
    source = Source(300)
    model = make(runner, source)
    model.set_query(source.query)
    wait(qtbot, model)
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda *args: changed.append(True))
    model.reload()
    wait(qtbot, model)
    assert changed and not resets
    source.gone = {1, 2}
    model.reload()
    wait(qtbot, model)
    assert resets and model.rowCount() == 298 and model.id_at(0) == 3


def test_a_row_deleted_meanwhile_shows_empty(qtbot, runner):
    source = Source(300)
    model = make(runner, source)
    model.set_query(source.query)
    wait(qtbot, model)
    source.gone = {250}
    assert model.row_data(249) is None
    assert model.index(249, 1).data() is None
    assert model.row_data(250).id == 251


def test_a_failed_query_is_reported_and_stops_loading(qtbot, runner, monkeypatch):
    reported = []
    monkeypatch.setattr(runner, "report_failure", lambda parent, error: reported.append(error))
    source = Source(10)
    source.fail = True
    model = make(runner, source)
    model.set_query(source.query)
    qtbot.waitUntil(lambda: bool(reported))
    assert not model.loading and model.rowCount() == 0
    assert "went away" in str(reported[0])
