"""Stock (库存): every position (SKU × warehouse) with its value and cover, now or at a date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop_app.core.services import position_query
from desktop_app.core.services.position_query import StockFilters, StockRow, StockTotals
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.models.order_table import money
from desktop_app.ui.models.stock_table import StockTableModel, quantity
from desktop_app.ui.screens.ledger import PositionMovesDialog
from desktop_app.ui.widgets.data_table import DataTable, saved_sort
from desktop_app.ui.widgets.filter_bar import ChoiceFilter, FilterBar
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import count_text, ids_query, page_layout, search_box
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button

STATE_KEY = "stock/table"


class AsOfDate(QWidget):
    """ "Valuation as of" a day: unchecked means now (the stored balances)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self.tr("Valuation as of"))
        self.check.setToolTip(self.tr("Units and value at the end of a past day, from the ledger"))
        self.edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        today = QDate.currentDate()
        self.edit.setDate(QDate(today.year(), today.month(), 1).addDays(-1))  # last month's end
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(self._date_changed)

    def _date_changed(self, _day: QDate) -> None:
        if self.check.isChecked():
            self.changed.emit()

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        self.changed.emit()

    def date(self) -> dt.date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None

    def set_date(self, day: dt.date | None) -> None:
        if day is not None:
            self.edit.setDate(QDate(day.year, day.month, day.day))
        self.check.setChecked(day is not None)

    def reset(self) -> None:
        self.check.setChecked(False)


class StockScreen(Screen):
    KEY = "stock"
    WATCHES = ("stock", "skus")  # a SKU's code or name shows on its positions

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._totals_generation = 0
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = search_box(self.tr("Search by SKU code or name"), self.apply_query)
        self.filters = self._build_filters()
        self.model = StockTableModel(ctx.tasks, sort=position_query.DEFAULT_SORT)
        keys = [c.key for c in self.model.columns]
        self.model.sort_key = saved_sort(ctx.state, STATE_KEY, keys, position_query.DEFAULT_SORT)
        self.model.count_changed.connect(self._show_count)
        self.table = DataTable(self.model, ctx.state, STATE_KEY)
        self.table.activated_id.connect(self.open_moves)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())
        self.model.modelReset.connect(self._current_changed)
        self.totals = QLabel(objectName="totals")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_layout()
        self.search.attach_shortcuts(self)

    def title(self) -> str:
        return self.tr("Stock")

    # -- building ------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.warehouse_filter = ChoiceFilter(self.tr("All warehouses"))
        self.in_stock_filter = QCheckBox(self.tr("Only with stock"))
        self.in_stock_filter.setToolTip(
            self.tr("Hide positions with nothing on hand or in transit")
        )
        self.low_filter = QCheckBox(self.tr("Low stock"))
        self.low_filter.setToolTip(
            self.tr("Positions at or below their reorder point: time to send more")
        )
        self.as_of = AsOfDate()
        for widget in (self.warehouse_filter, self.in_stock_filter, self.low_filter, self.as_of):
            bar.add(widget)
        bar.finish()
        bar.changed.connect(self.apply_query)
        return bar

    def _build_layout(self) -> None:
        self.moves_button = QPushButton(self.tr("Moves…"))
        self.moves_button.setToolTip(self.tr("The ledger of the selected position (Enter)"))
        self.moves_button.clicked.connect(self._moves_of_current)
        self.ledger_button = QPushButton(self.tr("Stock ledger"))
        self.ledger_button.clicked.connect(lambda: self.navigate.emit("ledger"))
        export = export_button(self.table, self.title, self.ctx)
        tools = flow([self.moves_button, self.ledger_button, export], stretchy=self.search)
        page_layout(
            self, self.header, tools, self.filters, self.table, self.totals, stretch=self.table
        )
        self._current_changed()

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        if not self.model.has_query:
            self.apply_query()
        else:
            self.model.reload(keep_position=True)
            self._load_totals()
        if changes is None or changes.stock:
            self.ctx.tasks.query(
                lambda session, job: position_query.warehouse_choices(session),
                parent=self,
                on_success=self.show_warehouses,
            )

    def current_filters(self) -> StockFilters:
        return StockFilters(
            warehouse_id=self.warehouse_filter.value(),
            in_stock_only=self.in_stock_filter.isChecked(),
            low_only=self.low_filter.isChecked(),
            as_of=self.as_of.date(),
        )

    def apply_query(self) -> None:
        text, filters = self.search.query(), self.current_filters()
        self.header.set_subtitle(self.tr("Loading…"))
        self.model.set_as_of(filters.as_of)
        self.model.set_query(ids_query(position_query.stock_ids, text, filters))
        self._load_totals()

    def _load_totals(self) -> None:
        """Sums over every listed position, read after the first page so it never delays it."""
        text, filters = self.search.query(), self.current_filters()
        self._totals_generation += 1
        generation = self._totals_generation

        def shown(totals: StockTotals) -> None:
            if generation == self._totals_generation:
                self.show_totals(totals, filters.as_of)

        self.totals.setText(self.tr("Adding up…"))
        self.ctx.tasks.query(
            lambda session, job: position_query.stock_totals(session, text, filters),
            parent=self,
            on_success=shown,
        )

    def show_totals(self, totals: StockTotals, as_of: dt.date | None) -> None:
        locale = QLocale()
        positions = locale.toString(totals.positions)
        on_hand, value = quantity(totals.on_hand), money(totals.value)
        if as_of is None:
            text = self.tr(
                "Total of {0} positions: {1} units on hand, {2} in transit, value {3} CNY"
            )
            text = text.format(positions, on_hand, quantity(totals.in_transit), value)
        else:
            text = self.tr(
                "At the end of {0}, {1} positions: {2} units on hand, value {3} CNY "
                "(in transit and reserved are not kept for past dates)"
            ).format(as_of.isoformat(), positions, on_hand, value)
        self.totals.setText(text)

    def show_warehouses(self, warehouses: list[tuple[int, str, str, bool]]) -> None:
        choices = []
        for i, code, name, active in warehouses:
            label = f"{code} {name}" if active else self.tr("{0} {1} (inactive)").format(code, name)
            choices.append((label, i))
        self.warehouse_filter.set_choices(choices)

    def _show_count(self, rows: int, complete: bool) -> None:
        all_rows = self.tr("{0} positions (SKU × warehouse)")
        first_rows = self.tr("Showing the first {0} positions; counting the rest…")
        self.header.set_subtitle(count_text(rows, complete, all_rows, first_rows))

    def focus_search(self) -> None:
        self.search.focus_all()

    # -- moves of a position -------------------------------------------------------
    def current_row(self) -> StockRow | None:
        index = self.table.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def _current_changed(self) -> None:
        self.moves_button.setEnabled(self.table.currentIndex().isValid())

    def _moves_of_current(self) -> None:
        position = self.table.current_id()
        if position is not None:
            self.open_moves(position)

    def open_moves(self, position: int) -> PositionMovesDialog:
        """Enter or a double click: the ledger of that SKU at that warehouse."""
        sku_id, warehouse_id = position_query.split_position_id(position)
        row = self.model.row_data(self.model.row_of(position) or 0)
        caption = f"{row.sku_code} @ {row.warehouse_code}" if row and row.id == position else ""
        dialog = PositionMovesDialog(self.ctx, sku_id, warehouse_id, caption, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.moves_dialog = dialog
        dialog.open()
        return dialog
