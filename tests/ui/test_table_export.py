"""Export of any table (xlsx / csv of the rows shown) and copying a selection as TSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from desktop_app.ui.models import lazy_table
from desktop_app.ui.models.lazy_table import RIGHT, Column, LazyTableModel, attr
from desktop_app.ui.widgets import table_export
from desktop_app.ui.widgets.data_table import DataTable
from desktop_app.ui.widgets.list_table import fill, read_only_table
from desktop_app.ui.widgets.table_export import (
    cell_value,
    export_button,
    install_table_actions,
    write_table,
)
from tests.ui.standalone import settle, show, wait_idle

ROWS = 6_000  # more than the model's page cache holds (25 pages of 200)


@dataclass(frozen=True)
class Row:
    id: int
    code: str
    name: str
    amount: Decimal
    qty: int


class Source:
    """Ids 1..n; the filter keeps the even ones; rows made up on request."""

    def __init__(self, n: int) -> None:
        self.ids = list(range(1, n + 1))

    def query(self, session, sort, limit):
        ids = [i for i in self.ids if i % 2 == 0]
        ids = ids if sort[1] else ids[::-1]
        return ids if limit is None else ids[:limit]

    def rows(self, session, ids):
        return [
            Row(i, f"{i:018d}", f"货品 {i}", Decimal(i) / 100 + Decimal("1000"), i * 3) for i in ids
        ]


def money(row: Row) -> str:
    return f"{row.amount:,.2f}"


def columns() -> list[Column]:
    return [
        Column("id", "Id", attr("id"), align=RIGHT),
        Column("code", "报关单号 Customs no.", attr("code")),
        Column("name", "品名 Name", attr("name")),
        Column("amount", "金额 Amount", money, align=RIGHT),
        Column("qty", "数量 Qty", attr("qty"), align=RIGHT),
    ]


@pytest.fixture
def lazy(qtbot, ctx):
    source = Source(ROWS)
    model = LazyTableModel(columns(), ctx.tasks, source.rows, sort=("id", False))
    table = show(qtbot, DataTable(model, ctx.state, "test/table"), 900, 500)
    table.setColumnHidden(0, True)
    model.set_query(source.query)
    settle(qtbot, ctx, model)
    return model, table


def expected_ids() -> list[int]:
    return [i for i in range(ROWS, 0, -1) if i % 2 == 0]


def test_lazy_table_exports_every_row_of_the_filter_in_order_to_xlsx(qtbot, ctx, lazy, tmp_path):
    model, table = lazy
    actions = install_table_actions(table, lambda: "货品", ctx)
    assert len(model._pages) <= lazy_table.MAX_PAGES  # only some pages are cached
    path = tmp_path / "out.xlsx"
    actions.export(path)
    wait_idle(qtbot, ctx)
    assert path.exists() and actions.exported == path
    book = openpyxl.load_workbook(path, read_only=True)
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("报关单号 Customs no.", "品名 Name", "金额 Amount", "数量 Qty")
    assert len(rows) == 1 + ROWS // 2
    assert [int(r[0]) for r in rows[1:]] == expected_ids()
    first = rows[1]
    assert first[0] == f"{ROWS:018d}"  # an id stays text, leading zeros and all
    assert first[2] == pytest.approx(float(Decimal(ROWS) / 100 + 1000))
    assert first[3] == ROWS * 3
    book.close()
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:D{1 + ROWS // 2}"
    assert sheet["A1"].font.b
    assert sheet["C2"].number_format == "#,##0.00"


def test_lazy_table_export_before_the_id_list_is_complete_runs_the_query(qtbot, ctx, tmp_path):
    source = Source(ROWS)
    model = LazyTableModel(columns(), ctx.tasks, source.rows, sort=("id", True))
    table = show(qtbot, DataTable(model, ctx.state, "test/early"), 900, 500)
    actions = install_table_actions(table, lambda: "early", ctx)
    model._query = source.query  # a query chosen, its ids not read yet
    model._complete = False
    path = tmp_path / "early.csv"
    actions.export(path)
    wait_idle(qtbot, ctx)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [int(r[0]) for r in rows[1:]] == sorted(expected_ids())


def test_csv_is_utf8_with_bom_and_hidden_columns_left_out(qtbot, ctx, lazy, tmp_path):
    _model, table = lazy
    actions = install_table_actions(table, lambda: "货品", ctx)
    path = tmp_path / "out.csv"
    actions.export(path)
    wait_idle(qtbot, ctx)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["报关单号 Customs no.", "品名 Name", "金额 Amount", "数量 Qty"]
    assert len(rows) == 1 + ROWS // 2
    assert rows[1] == [f"{ROWS:018d}", f"货品 {ROWS}", "1060.00", str(ROWS * 3)]


def test_the_save_dialog_remembers_the_folder(qtbot, ctx, lazy, tmp_path, monkeypatch):
    _model, table = lazy
    actions = install_table_actions(table, lambda: "库存流水", ctx)
    asked = []

    def save_name(parent, title, start, filters):
        asked.append(start)
        return str(tmp_path / "chosen"), "CSV, UTF-8 (*.csv)"

    monkeypatch.setattr(table_export.QFileDialog, "getSaveFileName", save_name)
    button = export_button(table, lambda: "库存流水", ctx)
    button.click()
    wait_idle(qtbot, ctx)
    assert (tmp_path / "chosen.csv").exists()
    assert asked[0].endswith(".xlsx") and "库存流水-" in asked[0]
    assert actions.default_path().parent == tmp_path


def test_copy_gives_tab_separated_text(qtbot, ctx, lazy):
    _model, table = lazy
    actions = install_table_actions(table, lambda: "x", ctx)
    table.selectRow(0)
    table.selectionModel().select(
        table.model().index(2, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    text = actions.copy(with_headers=True)
    lines = text.split("\n")
    assert lines[0] == "报关单号 Customs no.\t品名 Name\t金额 Amount\t数量 Qty"
    assert lines[1] == f"{ROWS:018d}\t货品 {ROWS}\t1,060.00\t{ROWS * 3}"
    assert len(lines) == 3 and lines[2].startswith(f"{ROWS - 4:018d}\t")
    assert QGuiApplication.clipboard().text() == text
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "\n".join([lines[1], lines[2]])


def test_a_sorted_filtered_plain_table_exports_as_shown(qtbot, tmp_path):
    source = QStandardItemModel(0, 3)
    source.setHorizontalHeaderLabels(["Name", "Invoice no.", "Amount"])
    for name, number, amount in [("b", "0012", "2.50"), ("a", "0099", "1,000.25"), ("c", "7", "3")]:
        cells = [QStandardItem(name), QStandardItem(number), QStandardItem(amount)]
        cells[2].setTextAlignment(Qt.AlignmentFlag.AlignRight)
        source.appendRow(cells)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setFilterKeyColumn(0)
    proxy.setFilterRegularExpression("^[ab]$")
    proxy.sort(0)
    view = show(qtbot, QTableView(), 500, 300)
    view.setModel(proxy)
    view.horizontalHeader().moveSection(2, 0)  # Amount shown first
    actions = install_table_actions(view, lambda: "plain")
    path = tmp_path / "plain.xlsx"
    actions.export(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows == [("Amount", "Name", "Invoice no."), (1000.25, "a", "0099"), (2.5, "b", "0012")]


def test_a_table_widget_exports_and_copies(qtbot, ctx, tmp_path):
    table = read_only_table(["单证", "数量"])
    show(qtbot, table, 400, 300)
    fill(table, [["发票", "12"], ["提单", "3"]], right_aligned=[1])
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    actions = install_table_actions(table, lambda: "单证", ctx)
    table.selectAll()
    assert actions.copy() == "发票\t12\n提单\t3"
    path = tmp_path / "docs.xlsx"
    actions.export(path)
    wait_idle(qtbot, ctx)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows == [("单证", "数量"), ("发票", 12), ("提单", 3)]


def test_cell_values():
    assert cell_value("1,234.50", True) == Decimal("1234.50")
    assert cell_value("-7", True) == -7
    assert cell_value("1,234.50", False) == "1,234.50"  # left-aligned: text as shown
    assert cell_value("0012", True) == "0012"
    assert cell_value("1234567890123456789", True) == "1234567890123456789"
    assert cell_value("12 件", True) == "12 件"
    assert cell_value(Decimal("3.5"), False) == Decimal("3.5")
    assert cell_value(None, True) is None


def test_a_cancelled_write_leaves_no_file(tmp_path):
    from desktop_app.core.errors import Cancelled
    from desktop_app.core.jobs import Job

    job = Job()

    def rows():
        for i in range(5000):
            if i == 2500:
                job.cancel_event.set()
            yield [str(i)]

    path = tmp_path / "gone.xlsx"
    with pytest.raises(Cancelled):
        write_table(path, ["n"], rows(), job)
    assert list(tmp_path.iterdir()) == []


def test_the_orders_screen_exports_its_filter_and_sort(qtbot, ctx, db, tmp_path):
    from sqlalchemy import select

    from desktop_app.core import codes, demo
    from desktop_app.core.models import Order
    from desktop_app.core.services import order_query
    from desktop_app.ui.screens.orders import OrdersScreen

    with db.transaction("test") as session:
        codes.ensure_builtin(session)
    demo.generate(db, orders=300, seed=5)
    screen = show(qtbot, OrdersScreen(ctx), 1200, 700)
    settle(qtbot, ctx, screen.model)
    screen.status_filter.set_value("shipped")
    settle(qtbot, ctx, screen.model)
    filters = screen.current_filters()
    screen.model.sort(screen.model.column_index("total"), Qt.SortOrder.AscendingOrder)
    settle(qtbot, ctx, screen.model)
    table = screen.table
    table.setColumnHidden(screen.model.column_index("platform"), True)
    path = tmp_path / "orders.xlsx"
    table.table_export.export(path)
    wait_idle(qtbot, ctx)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert "Platform" not in rows[0] and "Order ID" in rows[0]
    with db.sessions() as session:
        ids = order_query.order_ids(session, "", filters, ("total", True))
        by_id = {i: o for i, o in session.execute(select(Order.id, Order.platform_order_id))}
    assert 0 < len(ids) < 300
    column = rows[0].index("Order ID")
    assert [r[column] for r in rows[1:]] == [by_id[i] for i in ids]
    totals = [r[rows[0].index("Total")] for r in rows[1:]]
    assert all(isinstance(t, float) for t in totals) and totals == sorted(totals)
