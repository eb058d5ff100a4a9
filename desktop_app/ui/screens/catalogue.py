"""Catalogue (商品): every SKU with its declaration fields; search, filter, edit, import, export."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.jobs import Job
from desktop_app.core.services import sku_io, sku_query
from desktop_app.core.services.sku_query import SkuFilters
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.import_result import show_import_failure, show_import_summary
from desktop_app.ui.dialogs.sku_edit import SkuEditDialog
from desktop_app.ui.dialogs.unmapped import UnmappedDialog
from desktop_app.ui.events import Changes
from desktop_app.ui.models.sku_table import BRAND_TYPES, sku_columns, tr
from desktop_app.ui.widgets.filter_bar import ChoiceFilter, FilterBar
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import (
    count_text,
    ids_query,
    lazy_table,
    page_layout,
    query_or_reload,
    search_box,
)
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import install_table_actions

STATE_KEY = "catalogue/table"
SPREADSHEETS = "*.xlsx *.xls *.csv *.tsv *.txt"


@dataclass(frozen=True)
class CatalogueChoices:
    """What the filter bar and the table need from the database besides the SKUs."""

    suppliers: list[tuple[int, str]]
    units: dict[str, str]  # code → Chinese name


def load_choices(session: Session, job: Job) -> CatalogueChoices:
    units = {entry.code: entry.name_cn for entry in codes.entries(session, "units")}
    return CatalogueChoices(sku_query.suppliers(session), units)


class CatalogueScreen(Screen):
    KEY = "catalogue"
    WATCHES = ("skus", "code_tables")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.unit_names: dict[str, str] = {}
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = search_box(self.tr("Search SKU, name or HS code"), self.apply_query)
        self.filters = self._build_filters()
        self.model, self.table = lazy_table(
            ctx, STATE_KEY, sku_columns(self.unit_names), sku_query.sku_rows, sku_query.DEFAULT_SORT
        )
        self.model.count_changed.connect(self._show_count)
        self.table.activated_id.connect(self.edit_sku)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._build_layout()
        self._build_shortcuts()

    def title(self) -> str:
        return self.tr("Catalogue")

    # -- building ------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.active_filter = ChoiceFilter(self.tr("Active and inactive"))
        self.active_filter.set_choices([(self.tr("Active"), True), (self.tr("Inactive"), False)])
        self.hs_filter = ChoiceFilter(self.tr("With or without HS code"))
        self.hs_filter.set_choices(
            [(self.tr("With an HS code"), True), (self.tr("Without an HS code"), False)]
        )
        self.brand_filter = ChoiceFilter(self.tr("Any brand type"))
        self.brand_filter.set_choices([(tr(text), code) for code, text in BRAND_TYPES.items()])
        self.supplier_filter = ChoiceFilter(self.tr("All suppliers"))
        self.rates_filter = ChoiceFilter(self.tr("Any rates"))
        self.rates_filter.set_choices(
            [(self.tr("Rates set by hand"), True), (self.tr("Rates from the library"), False)]
        )
        self.missing_filter = QCheckBox(self.tr("Missing declaration fields"))
        for widget in (self.active_filter, self.hs_filter, self.brand_filter):
            bar.add(widget)
        for widget in (self.supplier_filter, self.rates_filter, self.missing_filter):
            bar.add(widget)
        bar.finish()
        bar.changed.connect(self.apply_query)
        return bar

    def _build_layout(self) -> None:
        self.new_button = QPushButton(self.tr("New SKU…"))
        self.new_button.clicked.connect(lambda: self.edit_sku(None))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self._edit_current)
        self.import_button = QPushButton(self.tr("Import SKUs…"))
        self.import_button.setToolTip(
            self.tr("Add or update SKUs from an Excel or CSV file (matched by SKU code)")
        )
        self.import_button.clicked.connect(self.choose_import)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.choose_export)
        self.unmapped_button = QPushButton(self.tr("Unmapped SKUs…"))
        self.unmapped_button.setToolTip(self.tr("Map the platform SKUs of imported orders to SKUs"))
        self.unmapped_button.clicked.connect(self.open_unmapped)
        buttons = [self.new_button, self.edit_button, self.import_button, self.export_button,
                   self.unmapped_button]  # fmt: skip
        install_table_actions(self.table, self.title, self.ctx)  # Export… is the SKU file here
        tools = flow(buttons, stretchy=self.search)
        page_layout(self, self.header, tools, self.filters, self.table, stretch=self.table)
        self._selection_changed()

    def open_unmapped(self) -> UnmappedDialog:
        dialog = UnmappedDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.unmapped_dialog = dialog
        dialog.open()
        dialog.reload()
        return dialog

    def _build_shortcuts(self) -> None:
        self.search.attach_shortcuts(self)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        new = QShortcut(QKeySequence.StandardKey.New, self, context=context)
        new.activated.connect(lambda: self.edit_sku(None))

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        query_or_reload(self.model, self.apply_query)
        self.ctx.tasks.query(load_choices, parent=self, on_success=self.show_choices)

    def current_filters(self) -> SkuFilters:
        return SkuFilters(
            active=self.active_filter.value(),
            has_hs_code=self.hs_filter.value(),
            brand_type=self.brand_filter.value(),
            supplier_id=self.supplier_filter.value(),
            rates_overridden=self.rates_filter.value(),
            missing_declaration=self.missing_filter.isChecked(),
        )

    def apply_query(self) -> None:
        text, filters = self.search.query(), self.current_filters()
        self.model.set_query(ids_query(sku_query.sku_ids, text, filters))

    def show_choices(self, choices: CatalogueChoices) -> None:
        self.supplier_filter.set_choices([(name, i) for i, name in choices.suppliers])
        if choices.units != self.unit_names:
            self.unit_names.clear()
            self.unit_names.update(choices.units)  # the columns read this dict
            self.table.viewport().update()

    def _show_count(self, rows: int, complete: bool) -> None:
        all_rows = self.tr("{0} SKUs")
        first_rows = self.tr("Showing the first {0} SKUs; counting the rest…")
        self.header.set_subtitle(count_text(rows, complete, all_rows, first_rows))

    def _selection_changed(self) -> None:
        self.edit_button.setEnabled(self.table.current_id() is not None)

    def focus_search(self) -> None:
        self.search.focus_all()

    # -- editing -------------------------------------------------------------------
    def _edit_current(self) -> None:
        sku_id = self.table.current_id()
        if sku_id is not None:
            self.edit_sku(sku_id)

    def edit_sku(self, sku_id: int | None) -> None:
        """The edit dialog for one SKU, or for a new one (None)."""
        dialog = SkuEditDialog(self.ctx, sku_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.edit_dialog = dialog
        dialog.open()

    def _saved(self, sku_id: int) -> None:
        self.ctx.events.notify(self.tr("SKU saved."))
        self._select_after_reload(sku_id)

    def _select_after_reload(self, sku_id: int) -> None:
        def select() -> None:
            if self.table.select_id(sku_id) or self.model.complete:
                self.model.loaded.disconnect(select)

        self.model.loaded.connect(select)

    # -- import and export ---------------------------------------------------------
    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import SKUs"), "", self.tr("Spreadsheets ({0})").format(SPREADSHEETS)
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        def work(job: Job) -> Any:
            return sku_io.import_skus(self.ctx.db, path, job=job, actor=self.ctx.tasks.actor)

        self.ctx.tasks.run(
            work,
            parent=self,
            changes=Changes(skus=True),
            label=self.tr("Importing SKUs from {0}…").format(path.name),
            on_success=lambda summary: show_import_summary(self, summary),
            on_failure=lambda error: show_import_failure(self, self.ctx, error),
        )

    def choose_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export SKUs"),
            self.tr("skus.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        lang = "zh" if QLocale().language() == QLocale.Language.Chinese else "en"

        def work(session: Session, job: Job) -> int:
            return sku_io.export_skus(session, path, lang)

        self.ctx.tasks.query(
            work,
            parent=self,
            label=self.tr("Exporting SKUs…"),
            on_success=lambda count: self.ctx.events.notify(
                self.tr("{0} SKUs exported to {1}").format(count, path)
            ),
        )
