"""Ledger (库存流水): every stock move, newest posted first; filters, and reversing a move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.services import ledger_query, stock
from desktop_app.core.services.ledger_query import LedgerFilters, MoveRow, ReversalPlan
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.models.lazy_table import Sort
from desktop_app.ui.models.ledger_table import LedgerTableModel, kind_label
from desktop_app.ui.models.order_table import money
from desktop_app.ui.models.stock_table import quantity
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.data_table import DataTable, saved_sort
from desktop_app.ui.widgets.date_range import DateRange
from desktop_app.ui.widgets.filter_bar import ChoiceFilter, FilterBar
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import (
    count_text,
    ids_query,
    page_layout,
    query_or_reload,
    search_box,
)
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button

STATE_KEY = "ledger/table"
POSITION_STATE_KEY = "ledger/position"
PROBLEM_STYLE = "color: #c0392b;"


class LedgerScreen(Screen):
    KEY = "ledger"
    WATCHES = ("stock", "skus")  # a SKU's code or name shows on its moves

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = search_box(self.tr("Search by SKU code or name"), self.apply_query)
        self.filters = self._build_filters()
        self.model = LedgerTableModel(ctx.tasks, sort=ledger_query.DEFAULT_SORT)
        keys = [c.key for c in self.model.columns]
        self.model.sort_key = saved_sort(ctx.state, STATE_KEY, keys, ledger_query.DEFAULT_SORT)
        self.model.count_changed.connect(self._show_count)
        self.table = DataTable(self.model, ctx.state, STATE_KEY)
        self.table.activated_id.connect(self.open_move)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())
        self.model.modelReset.connect(self._current_changed)
        self._build_layout()
        self.search.attach_shortcuts(self)

    def title(self) -> str:
        return self.tr("Stock ledger")

    # -- building ------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.warehouse_filter = ChoiceFilter(self.tr("All warehouses"))
        self.kind_filter = ChoiceFilter(self.tr("Any kind"))
        self.kind_filter.set_choices([(kind_label(k), k) for k in ledger_query.KINDS])
        self.date_filter = DateRange()
        bar.add(self.warehouse_filter)
        bar.add(self.kind_filter)
        bar.add(self.date_filter, self.tr("Dated"))
        bar.finish()
        bar.changed.connect(self.apply_query)
        return bar

    def _build_layout(self) -> None:
        self.reverse_button = QPushButton(self.tr("Reverse move…"))
        self.reverse_button.setToolTip(
            self.tr("Cancel the selected move by posting its opposite; moves are never edited")
        )
        self.reverse_button.clicked.connect(self._reverse_current)
        export = export_button(self.table, self.title, self.ctx)
        tools = flow([self.reverse_button, export], stretchy=self.search)
        page_layout(self, self.header, tools, self.filters, self.table, stretch=self.table)
        self._current_changed()

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        query_or_reload(self.model, self.apply_query)
        if changes is None or changes.stock:
            self.ctx.tasks.query(
                lambda session, job: ledger_query.warehouse_choices(session),
                parent=self,
                on_success=self.show_warehouses,
            )

    def current_filters(self) -> LedgerFilters:
        first, last = self.date_filter.range()
        return LedgerFilters(
            warehouse_id=self.warehouse_filter.value(),
            kind=self.kind_filter.value() or "",
            first_day=first,
            last_day=last,
        )

    def apply_query(self) -> None:
        text, filters = self.search.query(), self.current_filters()
        self.header.set_subtitle(self.tr("Loading…"))
        self.model.set_query(ids_query(ledger_query.move_ids, text, filters))

    def show_warehouses(self, warehouses: list[tuple[int, str, str]]) -> None:
        self.warehouse_filter.set_choices([(f"{c} {n}", i) for i, c, n in warehouses])

    def _show_count(self, rows: int, complete: bool) -> None:
        all_rows = self.tr("{0} moves, the last posted first; values in CNY")
        first_rows = self.tr("Showing the last {0} moves; counting the rest…")
        self.header.set_subtitle(count_text(rows, complete, all_rows, first_rows))

    def focus_search(self) -> None:
        self.search.focus_all()

    # -- reversing -----------------------------------------------------------------
    def current_row(self) -> MoveRow | None:
        index = self.table.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def _current_changed(self) -> None:
        row = self.current_row()
        self.reverse_button.setEnabled(row is not None and row.reversible)

    def _reverse_current(self) -> None:
        move_id = self.table.current_id()
        if move_id is not None:
            self.open_move(move_id)

    def open_move(self, move_id: int) -> ReverseMoveDialog | None:
        """Enter or a double click: the move, and reversing it if it can be."""
        with self.ctx.db.sessions() as session:
            plan = ledger_query.reversal_plan(session, move_id)
        if plan is None:
            return None
        dialog = ReverseMoveDialog(self.ctx, plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reversed.connect(self._reversed)
        self.reverse_dialog = dialog
        dialog.open()
        return dialog

    def _reversed(self, move_id: int, warnings: list[str]) -> None:
        self.ctx.events.notify(self.tr("Move reversed by move no. {0}.").format(move_id))
        if warnings:
            messages.warning(self, self.tr("Reversed, with a warning"), "\n".join(warnings))

        def select() -> None:
            if self.table.select_id(move_id) or self.model.complete:
                self.model.loaded.disconnect(select)

        self.model.loaded.connect(select)


class ReverseMoveDialog(QDialog):
    """One move in words; confirming posts its reversal on the date chosen, with a note."""

    reversed = Signal(int, list)  # the reversal's move id, negative-stock warnings

    def __init__(self, ctx: AppContext, plan: ReversalPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = plan
        move = plan.move
        self.setWindowTitle(self.tr("Stock move no. {0}").format(move.id))
        self.date_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_edit.setDate(_qdate(plan.default_date))
        if plan.period_lock is not None:
            self.date_edit.setMinimumDate(_qdate(plan.period_lock + dt.timedelta(days=1)))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(300)
        self.note_edit.setPlaceholderText(self.tr("Why it is reversed (kept with the reversal)"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()
        self._build()

    def _build(self) -> None:
        move, plan = self.plan.move, self.plan
        form = QFormLayout()
        for label, text in self._facts(move):
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if move.reversible:
            self.reverse_button = buttons.addButton(
                self.tr("Reverse"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            reversal = QFormLayout()
            reversal.addRow(self.tr("Reversal dated"), self.date_edit)
            reversal.addRow(self.tr("Note"), self.note_edit)
            if plan.period_lock is not None:
                lock = self.tr("Stock is locked up to {0} (Settings).").format(plan.period_lock)
                reversal.addRow("", QLabel(lock, objectName="hint"))
            hint = QLabel(self.tr("The reversal posts the opposite quantity and value; the move "
                                  "itself stays in the ledger."), objectName="hint")  # fmt: skip
            hint.setWordWrap(True)
            layout.addWidget(hint)
            layout.addLayout(reversal)
        else:
            self.reverse_button = None
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
            self.problem.setText(self._refusal(move))
            self.problem.show()
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.buttons = buttons
        buttons.accepted.connect(self.reverse)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)

    def _facts(self, move: MoveRow) -> list[tuple[str, str]]:
        facts = [
            (self.tr("Date"), move.move_date.isoformat()),
            (self.tr("Kind"), kind_label(move.kind)),
            (self.tr("SKU"), f"{move.sku_code} {move.sku_name}"),
            (self.tr("Warehouse"), move.warehouse_code),
            (self.tr("Quantity"), quantity(move.quantity)),
            (self.tr("Value"), self.tr("{0} CNY (unit cost {1})").format(
                money(move.value), money(move.unit_cost))),
        ]  # fmt: skip
        if move.reference:
            facts.append((self.tr("Reference"), move.reference))
        if move.note:
            facts.append((self.tr("Note"), move.note))
        return facts

    def _refusal(self, move: MoveRow) -> str:
        if move.kind == "reversal":
            return self.tr("This move is itself a reversal (of move no. {0}); post a new move "
                           "instead.").format(move.reverses)  # fmt: skip
        return self.tr("Already reversed by move no. {0}.").format(move.reversed_by)

    def chosen_date(self) -> dt.date:
        return self.date_edit.date().toPython()

    def reverse(self) -> None:
        move_id, day, note = self.plan.move.id, self.chosen_date(), self.note_edit.text().strip()
        actor = self.ctx.tasks.actor

        def work(session: Session, job: Job) -> tuple[int, list[str]]:
            warnings: list[str] = []
            reversal = stock.reverse_move(session, move_id, move_date=day, note=note,
                                          actor=actor, warnings=warnings)  # fmt: skip
            return reversal.id, warnings

        self.buttons.setEnabled(False)
        self.problem.hide()
        self.ctx.tasks.write(
            work,
            parent=self,
            changes=Changes(stock=True),
            label=self.tr("Reversing the move…"),
            on_success=self._done,
            on_failure=self._refused,
        )

    def _done(self, result: tuple[int, list[str]]) -> None:
        self.reversed.emit(*result)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, BadInput):
            self.problem.setText(self.tr("Not reversed: {0}").format(describe_error(error)))
            self.problem.show()
        else:
            self.ctx.tasks.report_failure(self, error)


class PositionMovesDialog(QDialog):
    """The moves of one position (SKU at a warehouse), newest posted first."""

    def __init__(
        self,
        ctx: AppContext,
        sku_id: int,
        warehouse_id: int,
        caption: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Moves of {0}").format(caption))
        self.caption = caption
        # No Qt parent: a query still running when the dialog closes delivers to a live model.
        self.model = LedgerTableModel(ctx.tasks, sort=ledger_query.DEFAULT_SORT)
        self.table = DataTable(self.model, ctx.state, POSITION_STATE_KEY)
        if ctx.state.view_list(f"{POSITION_STATE_KEY}/hidden_columns") is None:
            defaults = {c.key for c in self.model.columns if not c.shown}
            self.table.chooser.apply(defaults | {"sku", "warehouse"})  # the caption says them
        self.count = QLabel(self.tr("Loading…"), objectName="hint")
        self.model.count_changed.connect(self._show_count)  # a method: let go when closed
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        filters = LedgerFilters(sku_id=sku_id, warehouse_id=warehouse_id)

        def ids(session: Session, sort: Sort, limit: int | None) -> Sequence[int]:
            return ledger_query.move_ids(session, "", filters, sort, limit=limit)

        self.model.set_query(ids)

    def _show_count(self, rows: int, _complete: bool) -> None:
        text = self.tr("{0}: {1} moves, the last posted first; values in CNY")
        self.count.setText(text.format(self.caption, QLocale().toString(rows)))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
