"""FX (收汇): receipts and their allocation, collection per declaration, exchange rates.

Three tabs over the fx services: Receipts (import a bank statement, add one by hand,
allocate oldest first or one receipt to one declaration), Collection (what each cleared
declaration has collected and when it is due, overdue ones in red) and Exchange rates
(the central parities, a CFETS file import, one rate by hand). Every change is one
transaction through the task runner and announces Changes(rebate=True).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.jobs import Job
from desktop_app.core.services import fx_rates, fx_receipts
from desktop_app.core.services.fx_receipt_import import load_receipts
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.fx_dialogs import AllocateDialog, RateDialog, ReceiptDialog
from desktop_app.ui.dialogs.import_result import show_import_failure, show_import_summary
from desktop_app.ui.events import Changes
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.filter_bar import ChoiceFilter
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_table import fill, list_table
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.search_box import SearchBox
from desktop_app.ui.widgets.table_export import export_button

FILES = "*.xlsx *.xls *.csv *.txt"
OVERDUE = QColor("#c0392b")
RATE_ROWS = 2000  # newest first; older ones by the currency filter


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def rate_text(value: Decimal) -> str:
    """At least the 4 places CFETS quotes, more only where the rate has them."""
    value = value.normalize()
    return f"{value.quantize(Decimal('0.0001')) if value.as_tuple().exponent > -4 else value:f}"


def button(text: str, slot: Any) -> QPushButton:
    b = QPushButton(text)
    b.clicked.connect(slot)
    return b


def run_import(
    tab: QWidget, ctx: AppContext, load: Callable[..., Any], path: Path, label: str
) -> None:
    """One file through a core loader in one transaction: all rows or none, progress and Cancel;
    `label` is the tab's translated "Importing {0}…"."""
    ctx.tasks.write(
        lambda s, job: load(s, path, job=job),
        parent=tab, changes=Changes(rebate=True), label=label.format(path.name),
        on_success=lambda summary: show_import_summary(tab, summary),
        on_failure=lambda error: show_import_failure(tab, ctx, error),
    )  # fmt: skip


class ReceiptsTab(QWidget):
    """Receipts with what is allocated, and the allocations of the selected one."""

    def __init__(self, screen: FxScreen) -> None:
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx
        self.rows: list[fx_receipts.ReceiptRow] = []
        self.allocations: list[fx_receipts.AllocationRow] = []
        self.search = SearchBox(self.tr("Search by reference, payer or declaration"))
        self.search.search_changed.connect(lambda _t: self.show_rows())
        self.open_only = QCheckBox(self.tr("Unallocated only"))
        self.open_only.toggled.connect(lambda _c: self.show_rows())
        self.buttons = {
            "import": button(self.tr("Import bank statement…"), self.choose_import),
            "add": button(self.tr("Add receipt…"), self.add_receipt),
            "auto": button(self.tr("Auto-allocate"), self.auto_allocate),
            "allocate": button(self.tr("Allocate…"), self.allocate_selected),
            "remove": button(self.tr("Remove allocation"), self.remove_allocation),
        }
        self.buttons["auto"].setToolTip(self.tr("Unallocated receipts to the oldest exports first"))
        self.table = list_table([
            self.tr("Received"), self.tr("Reference"), self.tr("Currency"), self.tr("Amount"),
            self.tr("Allocated"), self.tr("Unallocated"), self.tr("Payer"), self.tr("Deemed"),
            self.tr("Declarations"),
        ])  # fmt: skip
        self.table.itemSelectionChanged.connect(self.show_allocations)
        self.table.doubleClicked.connect(lambda _i: self.allocate_selected())
        self.detail = list_table([self.tr("Declaration"), self.tr("Currency"), self.tr("Amount")])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        export = export_button(self.table, lambda: self.tr("FX receipts"), self.ctx)
        tools = [*self.buttons.values(), self.open_only, export]
        layout.addWidget(flow(tools, stretchy=self.search))
        layout.addWidget(splitter, 1)
        self._enable()

    def reload(self) -> None:
        self.ctx.tasks.query(lambda s, job: fx_receipts.list_receipts(s), parent=self,
                             on_success=self._loaded)  # fmt: skip

    def _loaded(self, rows: list[fx_receipts.ReceiptRow]) -> None:
        self.rows = rows
        self.show_rows()

    def visible_rows(self) -> list[fx_receipts.ReceiptRow]:
        text = self.search.query().casefold()
        rows = [r for r in self.rows if not self.open_only.isChecked() or r.unallocated > 0]
        if text:
            rows = [r for r in rows if text in " ".join(
                (r.bank_ref, r.payer, r.note, *r.declarations)).casefold()]  # fmt: skip
        return rows

    def show_rows(self) -> None:
        keep = self.selected()
        self.shown = self.visible_rows()
        yes = self.tr("Yes")
        fill(self.table, [
            (r.received_date.isoformat(), r.bank_ref, r.currency, money(r.amount),
             money(r.allocated), money(r.unallocated), r.payer, yes if r.deemed else "",
             ", ".join(r.declarations))
            for r in self.shown
        ], right_aligned=(3, 4, 5))  # fmt: skip
        for index, row in enumerate(self.shown):
            if keep is not None and row.id == keep.id:
                self.table.selectRow(index)
        self.show_allocations()

    def selected(self) -> fx_receipts.ReceiptRow | None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        shown = getattr(self, "shown", [])
        return shown[min(rows)] if rows and min(rows) < len(shown) else None

    def show_allocations(self) -> None:
        receipt = self.selected()
        self._enable()
        if receipt is None:
            self.allocations = []
            fill(self.detail, [])
            return
        self.ctx.tasks.query(
            lambda s, job: fx_receipts.list_allocations(s, receipt_id=receipt.id),
            parent=self, on_success=self._show_allocations,
        )  # fmt: skip

    def _show_allocations(self, rows: list[fx_receipts.AllocationRow]) -> None:
        self.allocations = rows
        fill(self.detail, [(a.declaration_ref, a.currency, money(a.amount)) for a in rows],
             right_aligned=(2,))  # fmt: skip
        self._enable()

    def _enable(self) -> None:
        receipt = self.selected()
        self.buttons["allocate"].setEnabled(receipt is not None and receipt.unallocated > 0)
        self.buttons["remove"].setEnabled(bool(self.detail.selectionModel().selectedRows())
                                          or len(self.allocations) == 1)  # fmt: skip

    # -- actions -------------------------------------------------------------------
    def choose_import(self) -> None:
        files = self.tr("Spreadsheets ({0});;All files (*)").format(FILES)
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Import bank statement"), "", files)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """The statement's credits as receipts: all rows or none, progress and Cancel."""
        run_import(self, self.ctx, load_receipts, path, self.tr("Importing {0}…"))

    def add_receipt(self) -> ReceiptDialog:
        dialog = ReceiptDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def auto_allocate(self) -> None:
        def done(made: list[fx_receipts.AllocationRow]) -> None:
            self.ctx.events.notify(self.tr("{0} allocation(s) made.").format(len(made)))

        self.ctx.tasks.write(
            lambda s, job: fx_receipts.auto_allocate(s), parent=self,
            changes=Changes(rebate=True), label=self.tr("Allocating receipts…"), on_success=done,
        )  # fmt: skip

    def allocate_selected(self) -> None:
        receipt = self.selected()
        if receipt is None or receipt.unallocated <= 0:
            return
        today = self.screen.today()
        self.ctx.tasks.query(
            lambda s, job: [
                c for c in fx_receipts.collection_status(s, today) if c.outstanding > 0
            ],
            parent=self, on_success=lambda owed: self._open_allocate(receipt, owed),
        )  # fmt: skip

    def _open_allocate(self, receipt: fx_receipts.ReceiptRow, owed: list[Any]) -> None:
        if not owed:
            messages.info(self, self.tr("Allocate receipt"),
                          self.tr("No cleared declaration is waiting for payment."))  # fmt: skip
            return
        dialog = AllocateDialog(self.ctx, receipt, owed, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.allocate_dialog = dialog

    def remove_allocation(self) -> None:
        rows = {i.row() for i in self.detail.selectionModel().selectedRows()}
        index = min(rows) if rows else (0 if len(self.allocations) == 1 else None)
        if index is None or index >= len(self.allocations):
            return
        allocation_id = self.allocations[index].id
        self.ctx.tasks.write(
            lambda s, job: fx_receipts.remove_allocation(s, allocation_id),
            parent=self, changes=Changes(rebate=True),
        )  # fmt: skip


class CollectionTab(QWidget):
    """Each cleared declaration: declared, collected, outstanding, due date; overdue in red."""

    def __init__(self, screen: FxScreen) -> None:
        super().__init__()
        self.screen = screen
        self.ctx = screen.ctx
        self.rows: list[fx_receipts.Collection] = []
        self.status = ChoiceFilter(self.tr("Any status"))
        self.status.set_choices([(status_label(s), s) for s in fx_receipts.COLLECTION_STATUSES])
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.toggled.connect(lambda _c: self.reload())
        self.alert = QLabel()
        self.alert.setStyleSheet(f"color: {OVERDUE.name()};")
        self.table = list_table([
            self.tr("Declaration"), self.tr("Customs no."), self.tr("Export date"),
            self.tr("Currency"), self.tr("Declared"), self.tr("Collected"),
            self.tr("Outstanding"), self.tr("Due"), self.tr("Status"),
        ])  # fmt: skip
        layout = QVBoxLayout(self)
        export = export_button(self.table, lambda: self.tr("FX collection"), self.ctx)
        layout.addWidget(flow([self.status, self.overdue, export, self.alert]))
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        today, status, overdue = self.screen.today(), self.status.value(), self.overdue.isChecked()

        def work(s: Any, job: Job) -> tuple[list[Any], list[Any]]:
            rows = fx_receipts.collection_status(s, today, status=status, overdue_only=overdue)
            return rows, fx_receipts.alerts(s, today)

        self.ctx.tasks.query(work, parent=self, on_success=self._loaded)

    def _loaded(self, result: tuple[list[fx_receipts.Collection], list[Any]]) -> None:
        self.rows, alerts = result
        overdue = self.tr(" (overdue)")
        fill(self.table, [
            (c.ref, c.customs_no, c.export_date.isoformat(), c.currency, money(c.declared),
             money(c.collected), money(c.outstanding), c.due_date.isoformat(),
             status_label(c.status) + (overdue if c.overdue else ""))
            for c in self.rows
        ], right_aligned=(4, 5, 6))  # fmt: skip
        for index, c in enumerate(self.rows):
            if c.overdue:
                for column in range(self.table.columnCount()):
                    self.table.item(index, column).setForeground(QBrush(OVERDUE))
        late = sum(1 for c in alerts if c.overdue)
        text = self.tr("{0} due within {1} days, {2} overdue").format(
            len(alerts) - late, fx_receipts.ALERT_DAYS, late
        )
        self.alert.setText(text if alerts else "")


STATUS_LABELS = {
    "collected": QT_TRANSLATE_NOOP("CollectionTab", "Collected in full"),
    "partly": QT_TRANSLATE_NOOP("CollectionTab", "Partly collected"),
    "not_collected": QT_TRANSLATE_NOOP("CollectionTab", "Not collected"),
    "deemed": QT_TRANSLATE_NOOP("CollectionTab", "Deemed collected (视同收汇)"),
}


def status_label(status: str) -> str:
    return QCoreApplication.translate("CollectionTab", STATUS_LABELS.get(status, status))


class RatesTab(QWidget):
    """The stored central parities, newest first, and how to add more."""

    def __init__(self, screen: FxScreen) -> None:
        super().__init__()
        self.ctx = screen.ctx
        self.currency = ChoiceFilter(self.tr("All currencies"))
        self.currency.currentIndexChanged.connect(lambda _i: self.reload())
        tools = [
            self.currency,
            button(self.tr("Import CFETS file…"), self.choose_import),
            button(self.tr("Set rate…"), self.set_rate),
        ]
        self.table: QTableWidget = list_table([
            self.tr("Day"), self.tr("Currency"), self.tr("CNY"), self.tr("Per"),
            self.tr("CNY per unit"), self.tr("Source"),
        ])  # fmt: skip
        layout = QVBoxLayout(self)
        export = export_button(self.table, lambda: self.tr("Exchange rates"), self.ctx)
        layout.addWidget(flow([*tools, export]))
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        currency = self.currency.value()

        def work(s: Any, job: Job) -> tuple[list[fx_rates.RateRow], list[str]]:
            rows = fx_rates.list_rates(s, currency=currency, limit=RATE_ROWS)
            return rows, fx_rates.currencies_with_rates(s)

        self.ctx.tasks.query(work, parent=self, on_success=self._loaded)

    def _loaded(self, result: tuple[list[fx_rates.RateRow], list[str]]) -> None:
        rows, currencies = result
        self.rows = rows
        current = self.currency.value()
        self.currency.blockSignals(True)
        self.currency.set_choices([(c, c) for c in currencies])
        self.currency.set_value(current)
        self.currency.blockSignals(False)
        fill(self.table, [
            (r.rate_date.isoformat(), r.currency, rate_text(r.rate), str(r.per_units),
             rate_text(r.cny_per_unit), r.source)
            for r in rows
        ], right_aligned=(2, 3, 4))  # fmt: skip

    def choose_import(self) -> None:
        files = self.tr("Spreadsheets ({0});;All files (*)").format(FILES)
        title = self.tr("Import CFETS central parity history")
        path, _f = QFileDialog.getOpenFileName(self, title, "", files)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        run_import(self, self.ctx, fx_rates.load_fx_rates, path, self.tr("Importing {0}…"))

    def set_rate(self) -> RateDialog:
        dialog = RateDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class FxScreen(Screen):
    KEY = "fx"
    WATCHES = ("rebate", "declarations")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.as_of: dt.date | None = None  # tests fix "today"; the window uses the real one
        self.header = PageHeader(self.title(), self.tr(
            "Money received from abroad, allocated to cleared declarations; collection is due "
            "by 30 April of the year after export."))  # fmt: skip
        self.tabs = QTabWidget()
        self.receipts = ReceiptsTab(self)
        self.collection = CollectionTab(self)
        self.rates = RatesTab(self)
        self.tabs.addTab(self.receipts, self.tr("Receipts"))
        self.tabs.addTab(self.collection, self.tr("Collection"))
        self.tabs.addTab(self.rates, self.tr("Exchange rates"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        for keys, slot in (("F5", lambda: self.refresh(None)), ("Ctrl+F", self.focus_search)):
            QShortcut(QKeySequence(keys), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip

    def title(self) -> str:
        return self.tr("FX receipts")

    def today(self) -> dt.date:
        return self.as_of or dt.date.today()

    def refresh(self, changes: Changes | None = None) -> None:
        self.receipts.reload()
        self.collection.reload()
        self.rates.reload()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.receipts)
        self.receipts.search.focus_all()
