"""Purchase invoices (进项发票): imported or entered by hand, with what matching has used of them.

The list above (newest first, searched and filtered), the selected invoice's lines below. An
import runs with progress and Cancel and lists every bad row when the file is refused; a
new invoice is entered in a dialog checked by the core; deleting is refused once matching
uses an invoice. Every write announces Changes(rebate=True).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.jobs import Job
from desktop_app.core.services import invoice_query
from desktop_app.core.services import purchase_invoices as pi
from desktop_app.core.services.invoice_query import InvoiceFilters, InvoiceLineRow, InvoiceRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.import_result import show_import_failure, show_import_summary
from desktop_app.ui.dialogs.invoice_edit import InvoiceEditDialog
from desktop_app.ui.events import Changes
from desktop_app.ui.models.invoice_table import (
    KINDS,
    STATUSES,
    USES,
    invoice_columns,
    label,
    quantity,
    rate,
)
from desktop_app.ui.models.order_table import money
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.screens.shipments import confirm
from desktop_app.ui.tasks import Task
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.date_range import DateRange
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
    select_when_loaded,
    table_over_detail,
)
from desktop_app.ui.widgets.list_table import read_only_table
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button

STATE_KEY = "invoices/table"
FILES = "*.xlsx *.xlsm *.csv"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class InvoiceLinesPane(QWidget):
    """The selected invoice: a line of facts and its lines (or a hint when none is selected)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        headers = [self.tr("#"), self.tr("Commodity"), self.tr("Code"), self.tr("Unit"),
                   self.tr("Quantity"), self.tr("Used"), self.tr("Remaining"), self.tr("Amount"),
                   self.tr("Rate"), self.tr("Tax")]  # fmt: skip
        self.lines: QTableWidget = read_only_table(headers)
        self.lines.setWordWrap(False)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        self.show_invoice(None, [])

    def show_invoice(self, row: InvoiceRow | None, lines: list[InvoiceLineRow]) -> None:
        if row is None:
            self.summary.setText(self.tr("Select an invoice to see its lines."))
            self.lines.setRowCount(0)
            return
        self.summary.setText(
            self.tr("{0} · {1} · issued {2} · {3} {4} · amount {5} · tax {6} · {7}").format(
                row.invoice_no, label(KINDS, row.kind), row.issue_date.isoformat(),
                row.seller_tax_id, row.seller_name, money(row.amount), money(row.tax),
                label(USES, row.use),
            )
        )  # fmt: skip
        self.lines.setRowCount(len(lines))
        for number, line in enumerate(lines):
            unit = f"{line.unit_name} ({line.unit})" if line.unit_name else line.unit
            cells = [
                (str(line.line_no), True), (line.commodity_name, False),
                (line.commodity_code, False), (unit, False), (quantity(line.quantity), True),
                (quantity(line.used), True), (quantity(line.remaining), True),
                (money(line.amount), True), (rate(line.tax_rate), True), (money(line.tax), True),
            ]  # fmt: skip
            for column, (text, right) in enumerate(cells):
                item = QTableWidgetItem(text)
                if right:
                    item.setTextAlignment(RIGHT)
                if column == 1:
                    item.setToolTip(text)
                self.lines.setItem(number, column, item)


class InvoicesScreen(Screen):
    KEY = "invoices"
    WATCHES = ("rebate",)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._current_id: int | None = None
        self.current_row: InvoiceRow | None = None
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = search_box(self.tr("Search by invoice number or seller"), self.apply_query)
        self.filters = self._build_filters()
        self.model, self.table = lazy_table(
            ctx, STATE_KEY, invoice_columns(), invoice_query.invoice_rows,
            invoice_query.DEFAULT_SORT,
        )  # fmt: skip
        self.detail = InvoiceLinesPane()
        self._connect_table()
        self._build_layout()
        self.search.attach_shortcuts(self)

    def title(self) -> str:
        return self.tr("Purchase invoices")

    # -- building ------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.status_filter = ChoiceFilter(self.tr("Any status"))
        self.status_filter.set_choices([(label(STATUSES, s), s) for s in pi.STATUSES])
        self.date_filter = DateRange()
        self.unused_filter = QCheckBox(self.tr("With unused quantity only"))
        bar.add(self.status_filter)
        bar.add(self.date_filter, self.tr("Issued"))
        bar.add(self.unused_filter)
        bar.finish()
        bar.changed.connect(self.apply_query)
        return bar

    def _build_layout(self) -> None:
        self.new_button = QPushButton(self.tr("New invoice…"))
        self.new_button.setToolTip(self.tr("Enter an invoice by hand"))
        self.new_button.clicked.connect(self.new_invoice)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(
            self.tr("An e-invoice (数电) export of the tax bureau, or any xlsx/csv with the same "
                    "columns")
        )  # fmt: skip
        self.import_button.clicked.connect(self.choose_import)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        buttons = [self.new_button, self.import_button, self.delete_button]
        tools = flow(
            [*buttons, export_button(self.table, self.title, self.ctx)], stretchy=self.search
        )
        splitter = table_over_detail(self.table, self.detail, 2)
        page_layout(self, self.header, tools, self.filters, splitter, stretch=splitter)
        self._enable_actions()

    def _connect_table(self) -> None:
        follow_current(self, self.show_invoice)
        self.table.activated_id.connect(self.open_invoice)
        self.model.loaded.connect(self._restore_current)
        self.model.dataChanged.connect(lambda *_: self.show_invoice(self._current_id))
        self.model.count_changed.connect(self._show_count)

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        query_or_reload(self.model, self.apply_query)

    def current_filters(self) -> InvoiceFilters:
        first, last = self.date_filter.range()
        return InvoiceFilters(
            status=self.status_filter.value() or "", date_from=first, date_to=last,
            unused_only=self.unused_filter.isChecked(),
        )  # fmt: skip

    def apply_query(self) -> None:
        self.header.set_subtitle(self.tr("Loading…"))
        query = ids_query(invoice_query.invoice_ids, self.search.query(), self.current_filters())
        self.model.set_query(query)

    def _show_count(self, rows: int, complete: bool) -> None:
        all_rows = self.tr("{0} invoices")
        first_rows = self.tr("Showing the first {0} invoices; counting the rest…")
        self.header.set_subtitle(count_text(rows, complete, all_rows, first_rows))

    def focus_search(self) -> None:
        self.search.focus_all()

    # -- selection and detail ------------------------------------------------------

    def show_invoice(self, invoice_id: int | None) -> None:
        """The lines of one invoice; read inline (two indexed queries)."""
        row, lines = None, []
        if invoice_id is not None:
            with self.ctx.db.sessions() as session:
                rows = invoice_query.invoice_rows(session, [invoice_id])
                lines = invoice_query.invoice_lines(session, invoice_id)
            row = rows[0] if rows else None
        self.current_row = row
        self.detail.show_invoice(row, lines)
        self._enable_actions()

    def _restore_current(self) -> None:
        self._current_id = restore_current(
            self.table, self.model, self._current_id, self.show_invoice
        )

    def open_invoice(self, invoice_id: int) -> None:
        """Enter or a double click: its lines, keyboard focus on them."""
        self.show_invoice(invoice_id)
        self.detail.lines.setFocus()

    def _enable_actions(self) -> None:
        self.delete_button.setEnabled(self.current_row is not None)
        used = self.current_row is not None and self.current_row.use != "unused"
        self.delete_button.setToolTip(
            self.tr("Matching uses this invoice: it cannot be deleted") if used else ""
        )

    # -- new, import, delete -------------------------------------------------------
    def new_invoice(self) -> InvoiceEditDialog:
        dialog = InvoiceEditDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, invoice_id: int) -> None:
        self.ctx.events.notify(self.tr("Invoice saved."))
        self._current_id = invoice_id
        select_when_loaded(self.table, self.model, invoice_id, self.show_invoice)

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import purchase invoices"), "",
            self.tr("Invoice exports ({0})").format(FILES),
        )  # fmt: skip
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Task:
        """All rows or none, in one transaction, with progress and Cancel."""
        db, actor, ctx = self.ctx.db, self.ctx.tasks.actor, self.ctx

        def work(job: Job) -> object:
            return pi.import_invoices(db, path, job=job, actor=actor)

        return self.ctx.tasks.run(
            work, parent=self, changes=Changes(rebate=True),
            label=self.tr("Importing {0}…").format(path.name),
            on_success=lambda summary: show_import_summary(self, summary),
            on_failure=lambda error: show_import_failure(self, ctx, error),
        )  # fmt: skip

    def delete_current(self) -> None:
        row = self.current_row
        if row is None:
            return
        if row.use != "unused":
            self.refusal_box = messages.warning(
                self, self.tr("{0} cannot be deleted").format(row.invoice_no),
                self.tr("Matching has used {0} of this invoice's quantity for rebate batches. "
                        "Undo its matches in the batch first.").format(quantity(row.used)),
            )  # fmt: skip
            return
        self.confirm_box = confirm(
            self, self.tr("Delete {0}").format(row.invoice_no),
            self.tr("Delete the invoice {0} of {1} with its {2} line(s)?").format(
                row.invoice_no, row.seller_name or row.seller_tax_id,
                QLocale().toString(row.lines)),
            self.tr("Delete"), lambda: self._delete(row),
        )  # fmt: skip

    def _delete(self, row: InvoiceRow) -> None:
        def refused(error: BaseException) -> None:
            title = self.tr("{0} cannot be deleted").format(row.invoice_no)
            self.refusal_box = messages.warning(self, title, describe_error(error))

        self.ctx.tasks.write(
            lambda session, job: invoice_query.delete_invoice(session, row.id),
            parent=self, changes=Changes(rebate=True),
            label=self.tr("Deleting {0}…").format(row.invoice_no),
            on_success=lambda number: self.ctx.events.notify(
                self.tr("Invoice {0} deleted.").format(number)),
            on_failure=refused,
        )  # fmt: skip
