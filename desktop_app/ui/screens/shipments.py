"""Shipments (头程): first-leg shipments to the overseas warehouses — list, detail and actions.

A shipment goes draft → shipped (stock leaves the origin, in transit at the destination)
→ partly received → received (or closed with its shortages). Every action is one
transaction through the task runner and announces Changes(stock=True).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.models.stock import SHIPMENT_STATUSES
from desktop_app.core.services import shipment_query, shipments
from desktop_app.core.services.shipment_query import (
    IN_TRANSIT,
    ShipmentDetail,
    ShipmentFilters,
    WarehouseChoice,
)
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.replenishment import ReplenishmentDialog
from desktop_app.ui.dialogs.shipment_costs import CostsDialog
from desktop_app.ui.dialogs.shipment_edit import ShipmentEditDialog
from desktop_app.ui.dialogs.shipment_receive import DateDialog, ReceiveDialog
from desktop_app.ui.events import Changes
from desktop_app.ui.models.shipment_table import STATUSES, label, number, shipment_columns
from desktop_app.ui.screens.shipment_detail import ShipmentDetailPane
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.filter_bar import ChoiceFilter, FilterBar
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import (
    action_buttons,
    count_text,
    follow_current,
    ids_query,
    lazy_table,
    page_layout,
    query_or_reload,
    restore_current,
    search_box,
    select_when_loaded,
    table_over_detail,
)
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button

STATE_KEY = "shipments/table"
SHIPPABLE = ("draft",)
RECEIVABLE = ("shipped", "partially_received")
COSTED = ("draft", "shipped", "partially_received", "received")


class ConfirmBox(QMessageBox):
    """A window-modal question that runs `on_yes` when confirmed (never blocks the loop)."""

    def __init__(
        self, parent: QWidget, title: str, text: str, yes: str, on_yes: Callable[[], None]
    ) -> None:
        super().__init__(QMessageBox.Icon.Question, title, text,
                         QMessageBox.StandardButton.NoButton, parent)  # fmt: skip
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.yes_button = self.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(lambda button: on_yes() if button is self.yes_button else None)


def confirm(
    parent: QWidget, title: str, text: str, yes: str, on_yes: Callable[[], None]
) -> ConfirmBox:
    box = ConfirmBox(parent, title, text, yes, on_yes)
    box.open()
    return box


class ShipmentsScreen(Screen):
    KEY = "shipments"
    WATCHES = ("stock", "skus")  # a SKU's code or name shows on the lines

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.detail: ShipmentDetail | None = None
        self._current_id: int | None = None
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = search_box(
            self.tr("Search by ref, carrier, tracking or booking no., SKU"), self.apply_query
        )
        self.filters = self._build_filters()
        self.model, self.table = lazy_table(
            ctx, STATE_KEY, shipment_columns(), shipment_query.shipment_rows,
            shipment_query.DEFAULT_SORT,
        )  # fmt: skip
        self.detail_pane = ShipmentDetailPane()
        self._connect_table()
        self._build_layout()
        self._build_shortcuts()

    def title(self) -> str:
        return self.tr("Shipments")

    # -- building ------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.status_filter = ChoiceFilter(self.tr("Any status"))
        in_transit = (self.tr("In transit (shipped or partly received)"), IN_TRANSIT)
        statuses = [(label(STATUSES, s), s) for s in SHIPMENT_STATUSES]
        self.status_filter.set_choices([in_transit, *statuses])
        self.warehouse_filter = ChoiceFilter(self.tr("All warehouses"))
        bar.add(self.status_filter)
        bar.add(self.warehouse_filter)
        bar.finish()
        bar.changed.connect(self.apply_query)
        return bar

    def _build_layout(self) -> None:
        self.buttons = action_buttons(
            self,
            (
                ("new", self.tr("New shipment…"), lambda: self.edit(None), "Ctrl+N"),
                ("edit", self.tr("Edit…"), self.edit_current, "Ctrl+E"),
                ("ship", self.tr("Ship…"), self.ship_current, "Ctrl+Shift+S"),
                ("receive", self.tr("Receive…"), self.receive_current, "Ctrl+R"),
                ("close", self.tr("Close…"), self.close_current, ""),
                ("cancel", self.tr("Cancel draft"), self.cancel_current, ""),
                ("costs", self.tr("Costs…"), self.edit_costs, "Ctrl+Shift+C"),
                ("suggest", self.tr("Replenishment…"), self.open_suggestions, ""),
            ),
        )
        self.buttons["close"].setToolTip(
            self.tr("Finish a shipment that will receive nothing more: what is missing is short")
        )
        self.buttons["suggest"].setToolTip(
            self.tr("What to send to each overseas warehouse, from its sales")
        )
        export = export_button(self.table, self.title, self.ctx)
        tools = flow([*self.buttons.values(), export], stretchy=self.search)
        splitter = table_over_detail(self.table, self.detail_pane, 2)
        page_layout(self, self.header, tools, self.filters, splitter, stretch=splitter)
        self._enable_actions()

    def _build_shortcuts(self) -> None:
        self.search.attach_shortcuts(self)

    def _connect_table(self) -> None:
        follow_current(self, self.show_shipment)
        self.table.activated_id.connect(self.open_shipment)
        self.model.loaded.connect(self._restore_current)
        self.model.dataChanged.connect(lambda *_: self.show_shipment(self._current_id))
        self.model.count_changed.connect(self._show_count)

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        query_or_reload(self.model, self.apply_query)
        self.ctx.tasks.query(
            lambda session, job: shipment_query.warehouse_choices(session),
            parent=self,
            on_success=self.show_warehouses,
        )

    def current_filters(self) -> ShipmentFilters:
        return ShipmentFilters(self.status_filter.value() or "", self.warehouse_filter.value())

    def apply_query(self) -> None:
        text, filters = self.search.query(), self.current_filters()
        self.model.set_query(ids_query(shipment_query.shipment_ids, text, filters))

    def show_warehouses(self, warehouses: list[WarehouseChoice]) -> None:
        self.warehouse_filter.set_choices([(f"{w.code} {w.name}", w.id) for w in warehouses])

    def _show_count(self, rows: int, complete: bool) -> None:
        all_rows = self.tr("{0} shipments")
        first_rows = self.tr("Showing the first {0} shipments; counting the rest…")
        self.header.set_subtitle(count_text(rows, complete, all_rows, first_rows))

    def focus_search(self) -> None:
        self.search.focus_all()

    # -- selection and detail ------------------------------------------------------

    def show_shipment(self, shipment_id: int | None) -> None:
        """The detail pane for one shipment; read inline (a handful of indexed queries)."""
        if shipment_id is None:
            self.detail = None
        else:
            with self.ctx.db.sessions() as session:
                self.detail = shipment_query.shipment_detail(session, shipment_id)
        self.detail_pane.show_detail(self.detail)
        self._enable_actions()

    def _restore_current(self) -> None:
        self._current_id = restore_current(
            self.table, self.model, self._current_id, self.show_shipment
        )

    def select_after_reload(self, shipment_id: int) -> None:
        """Make this shipment current once the list has it (after a save)."""
        self._current_id = shipment_id
        select_when_loaded(self.table, self.model, shipment_id, self.show_shipment)

    def _enable_actions(self) -> None:
        status = self.detail.row.status if self.detail is not None else None
        self.buttons["edit"].setEnabled(status is not None and status != "cancelled")
        self.buttons["ship"].setEnabled(status in SHIPPABLE)
        self.buttons["cancel"].setEnabled(status == "draft")
        self.buttons["receive"].setEnabled(status in RECEIVABLE)
        self.buttons["close"].setEnabled(status in RECEIVABLE)
        self.buttons["costs"].setEnabled(status in COSTED)

    def _can(self, key: str) -> ShipmentDetail | None:
        """The current shipment, when the action is open for it (shortcuts skip the buttons)."""
        return self.detail if self.buttons[key].isEnabled() else None

    # -- editing -------------------------------------------------------------------
    def open_shipment(self, shipment_id: int) -> None:
        """Enter or a double click: the editor (references only, once it has left)."""
        self.show_shipment(shipment_id)
        if self._can("edit"):
            self.edit(shipment_id)

    def edit_current(self) -> None:
        if self._can("edit") and self.detail is not None:
            self.edit(self.detail.row.id)

    def edit(self, shipment_id: int | None) -> ShipmentEditDialog:
        dialog = ShipmentEditDialog(self.ctx, shipment_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, shipment_id: int) -> None:
        self.ctx.events.notify(self.tr("Shipment saved."))
        self.select_after_reload(shipment_id)

    def edit_costs(self) -> None:
        detail = self._can("costs")
        if detail is None:
            return
        dialog = CostsDialog(self.ctx, detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.ctx.events.notify(self.tr("Costs saved.")))
        self.costs_dialog = dialog
        dialog.open()

    def open_suggestions(self) -> ReplenishmentDialog:
        dialog = ReplenishmentDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._draft_created)
        self.suggestions_dialog = dialog
        dialog.open()
        return dialog

    def _draft_created(self, shipment_id: int) -> None:
        self.select_after_reload(shipment_id)
        self.edit(shipment_id)

    # -- state changes -------------------------------------------------------------
    def ship_current(self) -> None:
        detail = self._can("ship")
        if detail is None:
            return
        r = detail.row
        text = self.tr(
            "{0}: {1} units on {2} line(s) leave {3} and are in transit to {4}. The stock moves "
            "are posted on this date."
        ).format(r.ref, number(r.units), r.lines, r.origin, r.destination)
        dialog = DateDialog(self.tr("Ship {0}").format(r.ref), text, self.tr("Ship"), None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._ship(r.id, r.ref, dialog.date()))
        self.date_dialog = dialog
        dialog.open()

    def _ship(self, shipment_id: int, ref: str, day: dt.date) -> None:
        actor = self.ctx.tasks.actor

        def work(session: Session, job: Job) -> list[str]:
            warnings: list[str] = []
            shipments.ship(session, shipment_id, day, actor=actor, warnings=warnings)
            return warnings

        self._write(work, self.tr("Shipping {0}…").format(ref),
                    self.tr("{0} shipped.").format(ref))  # fmt: skip

    def receive_current(self) -> None:
        detail = self._can("receive")
        if detail is None:
            return
        dialog = ReceiveDialog(self.ctx, detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ref = detail.row.ref
        dialog.received.connect(
            lambda _id: self.ctx.events.notify(self.tr("{0} received.").format(ref))
        )
        self.receive_dialog = dialog
        dialog.open()

    def close_current(self) -> None:
        detail = self._can("close")
        if detail is None:
            return
        r = detail.row
        missing = sum((line.outstanding for line in detail.lines), Decimal(0))
        text = self.tr(
            "Nothing more will arrive for {0}: the {1} units still missing are recorded as "
            "shortages and leave the in-transit stock at {2}."
        ).format(r.ref, number(missing), r.destination)
        dialog = DateDialog(self.tr("Close {0}").format(r.ref), text, self.tr("Close shipment"),
                            r.ship_date, self)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._close(r.id, r.ref, dialog.date()))
        self.date_dialog = dialog
        dialog.open()

    def _close(self, shipment_id: int, ref: str, day: dt.date) -> None:
        def work(session: Session, job: Job) -> list[str]:
            shipments.close_shipment(session, shipment_id, day)
            return []

        self._write(work, self.tr("Closing {0}…").format(ref), self.tr("{0} closed.").format(ref))

    def cancel_current(self) -> None:
        detail = self._can("cancel")
        if detail is None:
            return
        r = detail.row
        self.confirm_box = confirm(
            self, self.tr("Cancel {0}").format(r.ref),
            self.tr("Cancel the draft shipment {0}? It stays listed as cancelled.").format(r.ref),
            self.tr("Cancel draft"), lambda: self._cancel(r.id, r.ref),
        )  # fmt: skip

    def _cancel(self, shipment_id: int, ref: str) -> None:
        def work(session: Session, job: Job) -> list[str]:
            shipments.cancel(session, shipment_id)
            return []

        self._write(work, self.tr("Cancelling {0}…").format(ref),
                    self.tr("{0} cancelled.").format(ref))  # fmt: skip

    def _write(self, work: Callable[[Session, Job], list[str]], label_: str, done: str) -> None:
        def finished(warnings: list[str]) -> None:
            self.ctx.events.notify(done)
            if warnings:
                messages.warning(self, self.tr("Posted with warnings"), "\n".join(warnings))

        self.ctx.tasks.write(work, parent=self, changes=Changes(stock=True), label=label_,
                             on_success=finished)  # fmt: skip
