"""Orders (订单): every imported platform order, searched, filtered and routed; lines below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.models.orders import ORDER_STATUSES
from desktop_app.core.services import order_import, order_query, routing
from desktop_app.core.services.order_query import NOT_ROUTED, OrderChoices, OrderFilters
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.order_import import OrderImportDialog
from desktop_app.ui.dialogs.route_orders import RouteOrdersDialog
from desktop_app.ui.dialogs.routing_rules import RoutingRulesDialog
from desktop_app.ui.dialogs.unmapped import UnmappedDialog, unmapped_count
from desktop_app.ui.events import Changes
from desktop_app.ui.models.order_table import (
    CUSTOMS_MODES,
    FULFILMENTS,
    PLATFORMS,
    STATUSES,
    label,
    order_columns,
)
from desktop_app.ui.screens.order_detail import OrderDetailPane
from desktop_app.ui.widgets.date_range import DateRange, local_day_bounds
from desktop_app.ui.widgets.filter_bar import ChoiceFilter, FilterBar
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import (
    count_text,
    follow_current,
    ids_query,
    lazy_table,
    page_layout,
    query_or_reload,
    restore_current,
    search_box,
    table_over_detail,
)
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button

STATE_KEY = "orders/table"
EXPORT_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".csv", ".tsv", ".txt")
EXPORTS = " ".join(f"*{suffix}" for suffix in EXPORT_SUFFIXES)


class OrdersScreen(Screen):
    KEY = "orders"
    WATCHES = ("orders", "skus")  # a SKU's code or a mapping shows in the lines

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.choices: OrderChoices | None = None
        self._current_id: int | None = None
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = search_box(
            self.tr("Search by order ID (the start is enough; paste several)"), self.apply_query
        )
        self.filters = self._build_filters()
        self.model, self.table = lazy_table(
            ctx, STATE_KEY, order_columns(), order_query.order_rows, order_query.DEFAULT_SORT
        )
        self.detail = OrderDetailPane()
        self._connect_table()
        self._build_layout()
        self._build_shortcuts()

    def title(self) -> str:
        return self.tr("Orders")

    # -- building ------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.platform_filter = ChoiceFilter(self.tr("All platforms"))
        self.shop_filter = ChoiceFilter(self.tr("All shops"))
        self.status_filter = ChoiceFilter(self.tr("Any status"))
        self.status_filter.set_choices([(label(STATUSES, s), s) for s in ORDER_STATUSES])
        self.date_filter = DateRange()
        self.country_filter = ChoiceFilter(self.tr("Any country"))
        self.currency_filter = ChoiceFilter(self.tr("Any currency"))
        self.mode_filter = ChoiceFilter(self.tr("Any customs mode"))
        self.fulfilment_filter = ChoiceFilter(self.tr("Any fulfilment"))
        self.fulfilment_filter.set_choices([(label(FULFILMENTS, f), f) for f in FULFILMENTS])
        self.unmapped_filter = QCheckBox(self.tr("Unmapped SKUs only"))
        bar.add(self.platform_filter)
        bar.add(self.shop_filter)
        bar.add(self.status_filter)
        bar.add(self.date_filter, self.tr("Ordered"))
        for widget in (self.country_filter, self.currency_filter, self.mode_filter):
            bar.add(widget)
        bar.add(self.fulfilment_filter)
        bar.add(self.unmapped_filter)
        bar.finish()
        self.platform_filter.value_changed.connect(self._offer_shops)
        bar.changed.connect(self.apply_query)
        return bar

    def _build_layout(self) -> None:
        self.apply_button = QPushButton(self.tr("Apply routing rules"))
        self.apply_button.setToolTip(
            self.tr("Set the customs mode and fulfilment of every order not routed by hand")
        )
        self.apply_button.clicked.connect(self.apply_routing)
        self.route_button = QPushButton(self.tr("Route by hand…"))
        self.route_button.clicked.connect(self.route_selected)
        self.release_button = QPushButton(self.tr("Use rules again"))
        self.release_button.setToolTip(self.tr("Hand the selected orders back to the rules"))
        self.release_button.clicked.connect(self.release_selected)
        self.rules_button = QPushButton(self.tr("Routing rules…"))
        self.rules_button.clicked.connect(self.edit_rules)
        buttons = [self.route_button, self.release_button, self.rules_button, self.apply_button]
        self.unmapped_button = QPushButton(self.tr("Unmapped SKUs…"))
        self.unmapped_button.clicked.connect(self.open_unmapped)
        buttons += [self._build_import_button(), self.unmapped_button]
        buttons.append(export_button(self.table, self.title, self.ctx))
        tools = flow(buttons, stretchy=self.search)
        splitter = table_over_detail(self.table, self.detail, 1)
        page_layout(self, self.header, tools, self.filters, splitter, stretch=splitter)
        self._selection_changed()

    def _build_import_button(self) -> QToolButton:
        button = self.import_button = QToolButton()
        button.setText(self.tr("Import orders…"))
        button.setToolTip(
            self.tr("Import an order export of Amazon, Shopee, TikTok Shop, AliExpress or the "
                    "generic template; you can also drop the file on this screen")
        )  # fmt: skip
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.clicked.connect(self.choose_import)
        menu = QMenu(button)
        menu.addAction(self.tr("Import orders…"), self.choose_import)
        menu.addAction(self.tr("Save the generic order template…"), self.save_template)
        button.setMenu(menu)
        self.setAcceptDrops(True)
        return button

    def _connect_table(self) -> None:
        follow_current(self, self.show_order)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.activated_id.connect(self.open_order)
        self.model.loaded.connect(self._restore_current)
        self.model.dataChanged.connect(lambda *_: self.show_order(self._current_id))
        self.model.count_changed.connect(self._show_count)

    def _build_shortcuts(self) -> None:
        self.search.attach_shortcuts(self)

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        query_or_reload(self.model, self.apply_query)
        if changes is None or changes.orders:
            self.ctx.tasks.query(
                lambda session, job: order_query.order_choices(session),
                parent=self,
                on_success=self.show_choices,
            )
            self.ctx.tasks.query(unmapped_count, parent=self, on_success=self._show_unmapped)

    def current_filters(self) -> OrderFilters:
        ordered_from, ordered_before = local_day_bounds(*self.date_filter.range())
        return OrderFilters(
            platform=self.platform_filter.value() or "",
            shop_id=self.shop_filter.value(),
            status=self.status_filter.value() or "",
            ordered_from=ordered_from,
            ordered_before=ordered_before,
            ship_country=self.country_filter.value() or "",
            currency=self.currency_filter.value() or "",
            customs_mode=self.mode_filter.value() or "",
            fulfilment=self.fulfilment_filter.value() or "",
            unmapped_only=self.unmapped_filter.isChecked(),
        )

    def apply_query(self) -> None:
        text, filters = self.search.query(), self.current_filters()
        self.header.set_subtitle(self.tr("Loading…"))
        self.model.set_query(ids_query(order_query.order_ids, text, filters))

    def show_choices(self, choices: OrderChoices) -> None:
        self.choices = choices
        self.platform_filter.set_choices([(label(PLATFORMS, p), p) for p in choices.platforms])
        self._offer_shops()
        self.country_filter.set_choices([(c, c) for c in choices.countries])
        self.currency_filter.set_choices([(c, c) for c in choices.currencies])
        modes = [(label(CUSTOMS_MODES, m), m) for m in CUSTOMS_MODES]
        self.mode_filter.set_choices([*modes, (self.tr("Not routed"), NOT_ROUTED)])

    def _offer_shops(self) -> None:
        if self.choices is None:
            return
        platform = self.platform_filter.value()
        shops = [(name, i) for i, p, name in self.choices.shops if platform in (None, p)]
        self.shop_filter.set_choices(shops)

    def _show_count(self, rows: int, complete: bool) -> None:
        all_rows = self.tr("{0} orders")
        first_rows = self.tr("Showing the first {0} orders; counting the rest…")
        self.header.set_subtitle(count_text(rows, complete, all_rows, first_rows))

    # -- selection and detail ------------------------------------------------------

    def show_order(self, order_id: int | None) -> None:
        """The detail pane for one order; read inline (about 1 ms: two indexed queries)."""
        if order_id is None:
            self.detail.show_detail(None)
            return
        with self.ctx.db.sessions() as session:
            self.detail.show_detail(order_query.order_detail(session, order_id))

    def _restore_current(self) -> None:
        self._current_id = restore_current(
            self.table, self.model, self._current_id, lambda _none: self.detail.show_detail(None)
        )

    def _selection_changed(self) -> None:
        chosen = self.table.selectionModel().hasSelection()
        self.route_button.setEnabled(chosen)
        self.release_button.setEnabled(chosen)

    def open_order(self, order_id: int) -> None:
        """Enter or a double click: the order's lines, keyboard focus on them."""
        self.show_order(order_id)
        self.detail.lines.setFocus()

    def focus_search(self) -> None:
        self.search.focus_all()

    # -- import --------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import orders"), "", self.tr("Order exports ({0})").format(EXPORTS)
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> OrderImportDialog:
        """The preview of an order file, then (once confirmed) its import."""
        shops = self.choices.shops if self.choices else []
        dialog = OrderImportDialog(self.ctx, path, shops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog
        dialog.open()
        dialog.run_preview()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.import_file(path)

    def save_template(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the generic order template"),
            order_import.template_path().name,
            self.tr("CSV (*.csv)"),
        )
        if path:
            saved = order_import.save_template(path)
            self.ctx.events.notify(self.tr("Order template saved to {0}").format(saved))

    # -- mapping -------------------------------------------------------------------
    def _show_unmapped(self, count: int) -> None:
        self.unmapped_count = count
        self.unmapped_button.setText(
            self.tr("Unmapped SKUs ({0})…").format(QLocale().toString(count))
        )

    def open_unmapped(self) -> UnmappedDialog:
        dialog = UnmappedDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.unmapped_dialog = dialog
        dialog.open()
        dialog.reload()
        return dialog

    # -- routing -------------------------------------------------------------------
    def apply_routing(self) -> None:
        self.ctx.tasks.write(
            lambda session, job: routing.route_orders(session),
            parent=self,
            changes=Changes(orders=True),
            label=self.tr("Applying the routing rules…"),
            on_success=self._routed,
        )

    def _routed(self, changed: Any) -> None:
        self.ctx.events.notify(
            self.tr("Routing rules applied: {0} order(s) changed.").format(
                QLocale().toString(int(changed))
            )
        )

    def edit_rules(self) -> None:
        choices = self.choices
        shops, warehouses = (choices.shops, choices.warehouses) if choices else ([], [])
        dialog = RoutingRulesDialog(self.ctx, shops, warehouses, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.rules_dialog = dialog
        dialog.open()

    def route_selected(self) -> None:
        ids = self.table.selected_ids()
        if not ids:
            return
        warehouses = self.choices.warehouses if self.choices else []
        dialog = RouteOrdersDialog(len(ids), warehouses, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._override(ids, dialog))
        dialog.open()
        self.route_dialog = dialog

    def _override(self, ids: list[int], dialog: RouteOrdersDialog) -> None:
        choice = dialog.choice()

        def work(session: Session, job: Job) -> int:
            return routing.override_orders(
                session, ids, choice.customs_mode, choice.fulfilment, choice.warehouse_id
            )

        self.ctx.tasks.write(
            work, parent=self, changes=Changes(orders=True), label=self.tr("Routing orders…")
        )

    def release_selected(self) -> None:
        ids = self.table.selected_ids()
        if ids:
            self.ctx.tasks.write(
                lambda session, job: routing.release_orders(session, ids),
                parent=self,
                changes=Changes(orders=True),
                label=self.tr("Routing orders…"),
                on_success=self._routed,
            )


def _dropped_file(mime: QMimeData) -> Path | None:
    """The first local file of a drag, if it looks like an order export."""
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in EXPORT_SUFFIXES:
                return path
    return None
