"""Stocktakes (盘点): count a warehouse — count sheet out, counts in, differences reviewed, posted.

New stocktake (warehouse, count date) → Export count sheet (xlsx) → the warehouse fills in
Counted → Import counts (every bad row listed, nothing imported until the file is right)
→ review the differences against the ledger → Post them as stocktake gain / loss moves in
one transaction, or Cancel the stocktake.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.services import shipment_query, stocktake, stocktake_query
from desktop_app.core.services.stocktake import StocktakeDifference, StocktakePosted
from desktop_app.core.services.stocktake_query import StocktakeRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.import_result import show_import_failure, show_import_summary
from desktop_app.ui.events import Changes
from desktop_app.ui.models.shipment_table import GOOD, MUTED, WARN, money, number
from desktop_app.ui.screens.shipment_detail import detail_table, put_rows
from desktop_app.ui.screens.shipments import confirm
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button

OPEN = ("draft", "counting")
SHEETS = "*.xlsx *.csv"


def _local_day(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


class NewStocktakeDialog(QDialog):
    """The warehouse to count and the day the count is as of."""

    def __init__(self, warehouses: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New stocktake"))
        self.warehouse = QComboBox()
        for warehouse_id, text in warehouses:
            self.warehouse.addItem(text, warehouse_id)
        self.count_date = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.count_date.setDisplayFormat("yyyy-MM-dd")
        note = QLabel(self.tr(
            "Every SKU on hand there on the count date gets a line, with what the ledger says "
            "as the expected quantity. Export the count sheet next."
        ), objectName="hint")  # fmt: skip
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(
            self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setEnabled(bool(warehouses))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Count date"), self.count_date)
        form.addRow(note)
        form.addRow(buttons)
        self.setMinimumWidth(460)

    def choice(self) -> tuple[int, dt.date]:
        day = self.count_date.date().toPython()
        assert isinstance(day, dt.date)
        return self.warehouse.currentData(), day


class StocktakesScreen(Screen):
    KEY = "stocktakes"
    WATCHES = ("stock", "skus")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[StocktakeRow] = []
        self.differences: list[StocktakeDifference] = []
        self._current_id: int | None = None
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.list = detail_table(
            [self.tr("Ref"), self.tr("Warehouse"), self.tr("Count date"), self.tr("Status"),
             self.tr("Lines"), self.tr("Counted"), self.tr("Differences"), self.tr("Posted on")],
            7)  # fmt: skip
        self.list.setSelectionMode(self.list.SelectionMode.SingleSelection)
        self.list.currentCellChanged.connect(lambda row, *_: self._row_changed(row))
        self.review = detail_table(
            [self.tr("SKU"), self.tr("Product"), self.tr("Expected"), self.tr("Counted"),
             self.tr("Difference"), self.tr("Unit cost"), self.tr("Value (CNY)")], 1)  # fmt: skip
        self.review_note = QLabel()
        self.review_note.setWordWrap(True)
        self.all_lines = QCheckBox(self.tr("Show every line (not only the differences)"))
        self.all_lines.toggled.connect(lambda _on: self.load_review())
        self._build_layout()

    def title(self) -> str:
        return self.tr("Stocktakes")

    # -- building ------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new", self.tr("New stocktake…"), self.new_stocktake),
            ("export", self.tr("Export count sheet…"), self.choose_export),
            ("import", self.tr("Import counts…"), self.choose_import),
            ("post", self.tr("Post differences…"), self.post_current),
            ("cancel", self.tr("Cancel stocktake"), self.cancel_current),
        ):
            button = self.buttons[key] = QPushButton(text)
            button.clicked.connect(slot)
        shortcut = QShortcut(QKeySequence.StandardKey.New, self,
                             context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        shortcut.activated.connect(self.new_stocktake)
        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.review_note)
        column.addWidget(self.all_lines)
        column.addWidget(self.review, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.header)
        export = export_button(self.list, self.title, self.ctx)
        layout.addWidget(flow([*self.buttons.values(), export]))
        layout.addWidget(splitter, 1)
        self._enable_actions()

    # -- the list ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        self.ctx.tasks.query(
            lambda session, job: stocktake_query.stocktake_rows(session),
            parent=self,
            on_success=self.show_rows,
        )

    def show_rows(self, rows: list[StocktakeRow]) -> None:
        self.rows = rows
        self.list.blockSignals(True)
        try:
            put_rows(self.list, [self._cells(r) for r in rows])
            for index, r in enumerate(rows):
                colour = {"posted": GOOD, "cancelled": MUTED}.get(r.status)
                if colour is not None:
                    self.list.item(index, 3).setForeground(QBrush(colour))
        finally:
            self.list.blockSignals(False)
        self.header.set_subtitle(self.tr("{0} stocktakes").format(QLocale().toString(len(rows))))
        ids = [r.id for r in rows]
        wanted = self._current_id if self._current_id in ids else (ids[0] if ids else None)
        self.select(wanted)

    def _cells(self, r: StocktakeRow) -> list[tuple[str, bool]]:
        return [(r.ref, False), (r.warehouse, False), (r.count_date.isoformat(), False),
                (self.status_text(r.status), False), (str(r.lines), True), (str(r.counted), True),
                (str(r.differences), True), (_local_day(r.posted_at), False)]  # fmt: skip

    def status_text(self, status: str) -> str:
        return {
            "draft": self.tr("Counting sheet out"), "counting": self.tr("Counts imported"),
            "posted": self.tr("Posted"), "cancelled": self.tr("Cancelled"),
        }.get(status, status)  # fmt: skip

    def select(self, stocktake_id: int | None) -> None:
        ids = [r.id for r in self.rows]
        row = ids.index(stocktake_id) if stocktake_id in ids else -1
        self.list.blockSignals(True)
        try:
            if row >= 0:
                self.list.setCurrentCell(row, 0)
            else:
                self.list.clearSelection()
        finally:
            self.list.blockSignals(False)
        self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        current = self.rows[row] if 0 <= row < len(self.rows) else None
        self._current_id = None if current is None else current.id
        self._enable_actions()
        self.load_review()

    def current(self) -> StocktakeRow | None:
        return next((r for r in self.rows if r.id == self._current_id), None)

    def _enable_actions(self) -> None:
        current = self.current()
        status = current.status if current is not None else None
        self.buttons["export"].setEnabled(status is not None and status != "cancelled")
        self.buttons["import"].setEnabled(status in OPEN)
        self.buttons["post"].setEnabled(status == "counting")
        self.buttons["cancel"].setEnabled(status in OPEN)

    # -- review --------------------------------------------------------------------
    def load_review(self) -> None:
        current = self.current()
        if current is None:
            self.show_review([])
            return
        stocktake_id, every = current.id, self.all_lines.isChecked()

        def work(session: Session, job: Job) -> list[StocktakeDifference]:
            return stocktake.differences(session, stocktake_id, all_lines=every)

        self.ctx.tasks.query(work, parent=self, on_success=self.show_review)

    def show_review(self, differences: list[StocktakeDifference]) -> None:
        self.differences = differences
        put_rows(self.review, [self._review_cells(d) for d in differences])
        for index, d in enumerate(differences):
            if d.difference:
                colour = GOOD if d.difference > 0 else WARN
                self.review.item(index, 4).setForeground(QBrush(colour))
            if d.expected_changed:
                item = self.review.item(index, 2)
                item.setForeground(QBrush(WARN))
                item.setToolTip(self.tr(
                    "The ledger changed since the sheet was made: the sheet said {0}"
                ).format(number(d.sheet_expected)))  # fmt: skip
        self.review_note.setText(self._review_text(differences))

    def _review_cells(self, d: StocktakeDifference) -> list[tuple[str, bool]]:
        counted = "—" if d.counted is None else number(d.counted)
        sign = "+" if d.difference > 0 else ""
        return [(d.sku_code, False), (d.sku_name, False), (number(d.expected), True),
                (counted, True), (f"{sign}{number(d.difference)}", True),
                (money(d.unit_cost, 4) if d.difference else "", True),
                (money(d.value) if d.difference else "", True)]  # fmt: skip

    def _review_text(self, differences: list[StocktakeDifference]) -> str:
        current = self.current()
        if current is None:
            return self.tr("Create a stocktake to count a warehouse.")
        if current.status == "draft":
            return self.tr("{0}: export the count sheet, fill in Counted, import it back.").format(
                current.ref
            )
        gains = sum((d.difference for d in differences if d.difference > 0), Decimal(0))
        losses = sum((-d.difference for d in differences if d.difference < 0), Decimal(0))
        value = sum((d.value for d in differences), Decimal(0))
        changed = sum(1 for d in differences if d.difference)
        text = self.tr(
            "{0} SKUs differ from the ledger at {1}: {2} units found, {3} units missing, "
            "net value {4} CNY. {5} of {6} lines counted; uncounted lines are left alone."
        ).format(changed, current.count_date.isoformat(), number(gains), number(losses),
                 money(value), current.counted, current.lines)  # fmt: skip
        if any(d.expected_changed for d in differences):
            text += " " + self.tr("Red expected quantities changed since the sheet was made.")
        return text

    # -- actions -------------------------------------------------------------------
    def new_stocktake(self) -> NewStocktakeDialog:
        with self.ctx.db.sessions() as session:
            choices = shipment_query.warehouse_choices(session)
        warehouses = [(w.id, f"{w.code} {w.name}") for w in choices if w.active]
        dialog = NewStocktakeDialog(warehouses, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(*dialog.choice()))
        self.new_dialog = dialog
        dialog.open()
        return dialog

    def _create(self, warehouse_id: int, count_date: dt.date) -> None:
        def work(session: Session, job: Job) -> int:
            return stocktake.create_stocktake(session, warehouse_id, count_date).id

        self._write(work, self.tr("Creating the stocktake…"), self._created)

    def _created(self, stocktake_id: Any) -> None:
        self._current_id = int(stocktake_id)
        self.ctx.events.notify(self.tr("Stocktake created: export its count sheet next."))

    def choose_export(self) -> None:
        current = self.current()
        if current is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export count sheet"), f"{current.ref}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )  # fmt: skip
        if path:
            self.export_sheet(Path(path))

    def export_sheet(self, path: Path) -> None:
        current = self.current()
        assert current is not None
        stocktake_id = current.id

        def work(session: Session, job: Job) -> int:
            return stocktake.export_count_sheet(session, stocktake_id, path)

        self.ctx.tasks.query(
            work, parent=self, label=self.tr("Writing the count sheet…"),
            on_success=lambda count: self.ctx.events.notify(
                self.tr("Count sheet with {0} SKUs saved to {1}").format(count, path)),
        )  # fmt: skip

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import counts"), "", self.tr("Count sheets ({0})").format(SHEETS)
        )
        if path:
            self.import_counts(Path(path))

    def import_counts(self, path: Path) -> None:
        current = self.current()
        assert current is not None
        stocktake_id = current.id

        def work(session: Session, job: Job) -> Any:
            return stocktake.import_counts(session, stocktake_id, path, job=job)

        self.ctx.tasks.write(
            work, parent=self, changes=Changes(stock=True),
            label=self.tr("Importing counts from {0}…").format(path.name),
            on_success=lambda summary: show_import_summary(self, summary),
            on_failure=lambda error: show_import_failure(self, self.ctx, error),
        )  # fmt: skip

    def post_current(self) -> None:
        current = self.current()
        if current is None or current.status != "counting":
            return
        self.confirm_box = confirm(
            self, self.tr("Post {0}").format(current.ref),
            self.tr(
                "Post the differences of {0} as stock adjustments dated {1}?\n\n{2}\n\n"
                "Posted moves are not edited afterwards: a mistake is corrected by reversing them."
            ).format(current.ref, current.count_date.isoformat(), self.review_note.text()),
            self.tr("Post"), lambda: self._post(current.id),
        )  # fmt: skip

    def _post(self, stocktake_id: int) -> None:
        actor = self.ctx.tasks.actor

        def work(session: Session, job: Job) -> StocktakePosted:
            return stocktake.post_stocktake(session, stocktake_id, job=job, actor=actor)

        self._write(work, self.tr("Posting the stocktake…"), self._posted)

    def _posted(self, posted: StocktakePosted) -> None:
        text = self.tr(
            "{0} posted: {1} gains (+{2} units), {3} losses (−{4} units), net value {5} CNY."
        ).format(posted.ref, posted.gains, number(posted.units_gained), posted.losses,
                 number(posted.units_lost), money(posted.value))  # fmt: skip
        if posted.warnings:
            messages.warning(self, self.tr("Posted with warnings"),
                             text + "\n\n" + "\n".join(posted.warnings))  # fmt: skip
        else:
            messages.info(self, self.tr("Stocktake posted"), text)

    def cancel_current(self) -> None:
        current = self.current()
        if current is None or current.status not in OPEN:
            return
        self.confirm_box = confirm(
            self, self.tr("Cancel {0}").format(current.ref),
            self.tr("Cancel stocktake {0}? Nothing is posted; its counts are kept for reference.")
            .format(current.ref),
            self.tr("Cancel stocktake"), lambda: self._cancel(current.id),
        )  # fmt: skip

    def _cancel(self, stocktake_id: int) -> None:
        def work(session: Session, job: Job) -> int:
            return stocktake.cancel_stocktake(session, stocktake_id).id

        done = self.tr("Stocktake cancelled.")
        self._write(work, self.tr("Cancelling the stocktake…"),
                    lambda _id: self.ctx.events.notify(done))  # fmt: skip

    def _write(self, work: Any, label: str, done: Any) -> None:
        self.ctx.tasks.write(work, parent=self, changes=Changes(stock=True), label=label,
                             on_success=done)  # fmt: skip
