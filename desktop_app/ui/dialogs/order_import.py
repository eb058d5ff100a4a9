"""Import an order export: a preview (platform, shop, first orders, counts), then the import.

The preview runs the whole import in a transaction that is rolled back, so its counts
(new, updated, bad rows, unmapped SKUs) are exactly what the import will do. The import
itself runs with progress and Cancel; Cancel or a rejected file leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.importers.orders import FORMATS
from desktop_app.core.jobs import Job
from desktop_app.core.services import order_import
from desktop_app.core.services.order_import import Preview
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.import_result import (
    ImportProblemsDialog,
    show_import_failure,
    show_import_summary,
)
from desktop_app.ui.events import Changes
from desktop_app.ui.models.order_table import PLATFORMS, STATUSES, label, money
from desktop_app.ui.reasons import describe_error

PREVIEW_ORDERS = 20
UNMAPPED_SHOWN = 12


class OrderImportDialog(QDialog):
    """Opened with a file; `imported` is emitted with the ImportSummary when it lands."""

    def __init__(
        self,
        ctx: AppContext,
        path: Path,
        shops: list[tuple[int, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.preview: Preview | None = None
        self.setWindowTitle(self.tr("Import orders"))
        self.platform = QComboBox()
        self.platform.addItem(self.tr("Recognise from the columns"), None)
        for name in FORMATS:
            self.platform.addItem(label(PLATFORMS, name), name)
        self.shop = QComboBox()
        self.shop.setEditable(True)
        self.shop.addItem("", None)
        for _id, _platform, name in shops:
            self.shop.addItem(name, name)
        self.shop.lineEdit().setPlaceholderText(self.tr("From the file (or type a new shop)"))
        self.again_button = QPushButton(self.tr("Preview again"))
        self.again_button.clicked.connect(self.run_preview)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.unmapped = QLabel(objectName="hint")
        self.unmapped.setWordWrap(True)
        self.orders = self._orders_table()
        self.skip_bad = QCheckBox(self.tr("Import the good rows and leave out the bad ones"))
        self.problems_button = QPushButton(self.tr("Show bad rows…"))
        self.problems_button.clicked.connect(self.show_problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.resize(900, 600)

    def _layout(self) -> None:
        choose = QHBoxLayout()
        choose.addWidget(self.platform)
        choose.addWidget(self.shop, 1)
        choose.addWidget(self.again_button)
        form = QFormLayout()
        form.addRow(self.tr("File"), QLabel(str(self.path)))
        form.addRow(self.tr("Platform and shop"), choose)
        bad_row = QHBoxLayout()
        bad_row.addWidget(self.skip_bad)
        bad_row.addWidget(self.problems_button)
        bad_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.orders, 1)
        layout.addWidget(self.unmapped)
        layout.addLayout(bad_row)
        layout.addWidget(self.buttons)
        self._show_nothing(self.tr("Reading the file…"))

    def _orders_table(self) -> QTableWidget:
        headers = [self.tr("Row"), self.tr("Order ID"), self.tr("Ordered"), self.tr("Status"),
                   self.tr("Currency"), self.tr("Total"), self.tr("Lines"), self.tr("Ship to"),
                   self.tr("Channel")]  # fmt: skip
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- preview -------------------------------------------------------------------
    def choices(self) -> tuple[str | None, str | None]:
        shop = self.shop.currentText().strip() or None
        return self.platform.currentData(), shop

    def run_preview(self) -> None:
        platform, shop = self.choices()
        path, db = self.path, self.ctx.db

        def work(job: Job) -> Preview:
            return order_import.preview_orders(
                db, path, platform=platform, shop=shop, limit=PREVIEW_ORDERS, job=job
            )

        self._show_nothing(self.tr("Reading the file…"))
        self.again_button.setEnabled(False)
        self.ctx.tasks.run(
            work,
            parent=self,
            label=self.tr("Reading {0}…").format(self.path.name),
            on_success=self.show_preview,
            on_failure=self._preview_failed,
        )

    def _show_nothing(self, text: str) -> None:
        self.preview = None
        self.status.setText(text)
        self.orders.setRowCount(0)
        self.unmapped.setText("")
        for widget in (self.skip_bad, self.problems_button):
            widget.setVisible(False)
        self.import_button.setEnabled(False)

    def _preview_failed(self, error: BaseException) -> None:
        self.again_button.setEnabled(True)
        self._show_nothing(
            self.tr("This file cannot be imported as it is:\n{0}").format(describe_error(error))
        )

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.again_button.setEnabled(True)
        n = QLocale().toString
        shop = preview.shop + (self.tr(" (a new shop)") if preview.shop_is_new else "")
        details = preview.summary.details
        text = self.tr(
            "{0} export for {1}: {2} rows; {3} new and {4} updated order lines; {5} bad rows."
        ).format(
            label(PLATFORMS, preview.platform), shop, n(preview.summary.rows), n(preview.new),
            n(preview.updated), n(preview.bad),
        )  # fmt: skip
        if details.get("imported_before"):
            again = self.tr("This file was imported before ({0}): its orders are updated.")
            text += "\n" + again.format(details["imported_before"])
        self.status.setText(text)
        self._fill_orders(preview)
        self._show_unmapped(preview)
        has_bad = preview.bad > 0
        self.skip_bad.setVisible(has_bad)
        self.problems_button.setVisible(has_bad or bool(preview.summary.warnings))
        self.import_button.setEnabled(True)

    def _fill_orders(self, preview: Preview) -> None:
        self.orders.setRowCount(len(preview.orders))
        for number, order in enumerate(preview.orders):
            cells = [
                str(order.row), order.order_id,
                order.ordered_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                label(STATUSES, order.status), order.currency, money(order.total_amount),
                str(len(order.lines)), order.ship_country, order.fulfilment_channel,
            ]  # fmt: skip
            for column, text in enumerate(cells):
                self.orders.setItem(number, column, QTableWidgetItem(text))

    def _show_unmapped(self, preview: Preview) -> None:
        count = preview.summary.details.get("unmapped_sku_count", len(preview.unmapped_skus))
        if not count:
            self.unmapped.setText(self.tr("Every platform SKU in the file is mapped to a SKU."))
            return
        shown = ", ".join(preview.unmapped_skus[:UNMAPPED_SHOWN])
        more = "…" if count > UNMAPPED_SHOWN else ""
        self.unmapped.setText(
            self.tr("{0} platform SKUs are not mapped to a SKU yet: {1}{2}").format(
                count, shown, more
            )
        )

    def show_problems(self) -> None:
        if self.preview is not None:
            ImportProblemsDialog(self.preview.summary, self, rejected=False).open()

    # -- import --------------------------------------------------------------------
    def run_import(self) -> None:
        if self.preview is None:
            return
        platform, shop = self.preview.platform, self.preview.shop
        skip_bad, path, db = self.skip_bad.isChecked(), self.path, self.ctx.db
        actor = self.ctx.tasks.actor

        def work(job: Job) -> Any:
            return order_import.import_orders(
                db, path, platform=platform, shop=shop, skip_bad=skip_bad, job=job, actor=actor
            )

        parent, ctx = self.parentWidget(), self.ctx  # the dialog closes now
        ctx.tasks.run(
            work,
            parent=parent,
            changes=Changes(orders=True),
            label=self.tr("Importing {0}…").format(self.path.name),
            on_success=lambda summary: show_import_summary(parent, summary),
            on_failure=lambda error: show_import_failure(parent, ctx, error),
        )
        self.accept()
