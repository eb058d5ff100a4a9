"""Declarations (报关单): drafts from shipments and orders, checked, filed, cleared and amended.

The list above, the selected declaration's form, lines, problems and history below. A draft
is edited in place and saved through the core; every other step (file, clear, amend,
withdraw, cancel, the broker's cleared list) is one transaction through the task runner and
announces Changes(declarations=True). Print previews the PDF forms of the selected rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.models.declarations import DECLARATION_STATUSES
from desktop_app.core.services import declaration_import, declaration_life, declaration_query
from desktop_app.core.services.declaration_query import (
    OPEN,
    DeclarationDetail,
    DeclarationFilters,
)
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs.declaration_dialogs import (
    ClearDialog,
    FromOrdersDialog,
    FromShipmentDialog,
    PrintDialog,
)
from desktop_app.ui.dialogs.import_result import show_import_failure, show_import_summary
from desktop_app.ui.dialogs.print_preview import PrintPreviewDialog, preview_forms
from desktop_app.ui.events import Changes
from desktop_app.ui.models.declaration_table import MODES, STATUSES, declaration_columns, label
from desktop_app.ui.models.lazy_table import LazyTableModel, Sort
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.screens.declaration_detail import CODE_TABLES, DeclarationDetailPane
from desktop_app.ui.screens.shipments import confirm
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.data_table import DataTable, saved_sort
from desktop_app.ui.widgets.filter_bar import ChoiceFilter, FilterBar
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import (
    action_buttons,
    restore_current,
    select_when_loaded,
)
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.search_box import SearchBox
from desktop_app.ui.widgets.table_export import export_button

STATE_KEY = "declarations/table"
BROKER_FILES = "*.xlsx *.xlsm *.csv"
Work = Callable[[Session, Job], Any]
Failure = Callable[[BaseException], None]


class DeclarationsScreen(Screen):
    KEY = "declarations"
    WATCHES = ("declarations", "stock", "orders", "skus")  # drafts come from all of them

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.detail: DeclarationDetail | None = None
        self._current_id: int | None = None
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.search = SearchBox(self.tr("Search by ref, customs no., contract, bill, consignee"))
        self.search.search_changed.connect(lambda _text: self.apply_query())
        self.filters = self._build_filters()
        columns = declaration_columns()
        keys = [c.key for c in columns]
        sort = saved_sort(ctx.state, STATE_KEY, keys, declaration_query.DEFAULT_SORT)
        self.model = LazyTableModel(
            columns, ctx.tasks, declaration_query.declaration_rows, sort=sort
        )
        self.table = DataTable(self.model, ctx.state, STATE_KEY)
        self.detail_pane = DeclarationDetailPane()
        self.detail_pane.save_clicked.connect(self.save_current)
        self.detail_pane.revert_clicked.connect(self.revert_current)
        self.detail_pane.edited.connect(lambda _dirty: self._enable_actions())
        self._connect_table()
        self._build_layout()
        self.search.attach_shortcuts(self)

    def title(self) -> str:
        return self.tr("Declarations")

    # -- building ------------------------------------------------------------------
    def _build_filters(self) -> FilterBar:
        bar = FilterBar()
        self.status_filter = ChoiceFilter(self.tr("Any status"))
        statuses = [(label(STATUSES, s), s) for s in DECLARATION_STATUSES]
        self.status_filter.set_choices([(self.tr("Open (draft or filed)"), OPEN), *statuses])
        self.mode_filter = ChoiceFilter(self.tr("Any mode"))
        self.mode_filter.set_choices([(label(MODES, m), m) for m in MODES])
        bar.add(self.status_filter)
        bar.add(self.mode_filter)
        bar.finish()
        bar.changed.connect(self.apply_query)
        return bar

    def _build_layout(self) -> None:
        self.buttons = action_buttons(
            self,
            (
                ("from_shipment", self.tr("New from shipment…"), self.new_from_shipment, "Ctrl+N"),
                ("from_orders", self.tr("New from orders…"), self.new_from_orders, "Ctrl+Shift+N"),
                ("check", self.tr("Check"), self.check_current, "F9"),
                ("file", self.tr("File"), self.file_current, "Ctrl+Shift+F"),
                ("clear", self.tr("Clear…"), self.clear_current, "Ctrl+Shift+L"),
                ("amend", self.tr("Amend…"), self.amend_current, "Ctrl+Shift+A"),
                ("withdraw", self.tr("Withdraw"), self.withdraw_current, ""),
                ("cancel", self.tr("Cancel declaration"), self.cancel_current, ""),
                ("import", self.tr("Import broker list…"), self.choose_import, "Ctrl+I"),
                ("print", self.tr("Print…"), self.print_selected, "Ctrl+P"),
            ),
        )
        tips = {
            "file": self.tr("Mark it filed with customs; refused while the checks find errors"),
            "clear": self.tr("Enter the customs number and export date: it is then locked"),
            "withdraw": self.tr("Back to a draft, to correct it before customs clear it"),
            "import": self.tr("The broker's list of cleared declarations (xlsx or csv)"),
        }
        for key, tip in tips.items():
            shortcut = self.buttons[key].toolTip()
            self.buttons[key].setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        export = export_button(self.table, self.title, self.ctx)
        tools = flow([*self.buttons.values(), export], stretchy=self.search)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_pane)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.header)
        layout.addWidget(tools)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        self._enable_actions()

    def _connect_table(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable_actions())
        self.table.activated_id.connect(self.open_declaration)
        self.model.loaded.connect(self._restore_current)
        self.model.dataChanged.connect(lambda *_: self._data_changed())
        self.model.count_changed.connect(self._show_count)

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        if not self.model.has_query:
            self.apply_query()
        else:
            self.model.reload(keep_position=True)
        if changes is None:
            tables = sorted(set(CODE_TABLES.values()))
            self.ctx.tasks.query(
                lambda session, job: declaration_query.code_names(session, tables),
                parent=self,
                on_success=self.detail_pane.set_codes,
            )

    def apply_query(self) -> None:
        text = self.search.query()
        filters = DeclarationFilters(self.status_filter.value() or "",
                                     self.mode_filter.value() or "")  # fmt: skip

        def ids(session: Session, sort: Sort, limit: int | None) -> Sequence[int]:
            return declaration_query.declaration_ids(session, text, filters, sort, limit=limit)

        self.model.set_query(ids)

    def _show_count(self, rows: int, complete: bool) -> None:
        number = QLocale().toString(rows)
        if complete:
            text = self.tr("{0} declarations").format(number)
        else:
            text = self.tr("Showing the first {0} declarations; counting the rest…").format(number)
        self.header.set_subtitle(text)

    def focus_search(self) -> None:
        self.search.focus_all()

    # -- selection and detail ------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        new_id = self.model.id_at(current.row())
        if new_id != self._current_id and self.detail_pane.dirty:
            self._offer_to_save()
        self._current_id = new_id
        self.show_declaration(new_id)

    def _data_changed(self) -> None:
        """The rows were read again: the detail too, unless it holds unsaved edits."""
        if not self.detail_pane.dirty:
            self.show_declaration(self._current_id)

    def show_declaration(self, declaration_id: int | None, mode: str | None = None) -> None:
        """The detail pane for one declaration; read inline (a few indexed queries)."""
        if declaration_id is None:
            self.detail = None
        else:
            with self.ctx.db.sessions() as session:
                self.detail = declaration_query.declaration_detail(session, declaration_id)
        self.detail_pane.show_detail(self.detail, mode)
        self._enable_actions()

    def _restore_current(self) -> None:
        self._current_id = restore_current(
            self.table, self.model, self._current_id, self.show_declaration
        )

    def select_after_reload(self, declaration_id: int) -> None:
        """Make this declaration current once the list has it (after a draft is made)."""
        self._current_id = declaration_id
        select_when_loaded(self.table, self.model, declaration_id, self.show_declaration)

    def open_declaration(self, declaration_id: int) -> None:
        """Enter or a double click: into the form (a draft's first field)."""
        if declaration_id != self._current_id:
            self.table.select_id(declaration_id)
        if self.detail_pane.mode == "view":
            self.detail_pane.tabs.setCurrentWidget(self.detail_pane.lines)
            self.detail_pane.lines.setFocus()
        else:
            self.detail_pane.focus_field("consignor_name")

    def _enable_actions(self) -> None:
        status = self.detail.row.status if self.detail is not None else None
        amending = self.detail_pane.mode == "amend"
        chosen = bool(self.table.selected_ids()) or status is not None
        enabled = {
            "check": status is not None,
            "file": status == "draft",
            "clear": status in ("draft", "filed"),
            "amend": status in declaration_life.LOCKED and not amending,
            "withdraw": status == "filed",
            "cancel": status in ("draft", "filed"),
            "print": chosen,
        }
        for key, on in enabled.items():
            self.buttons[key].setEnabled(on)

    def _can(self, key: str) -> DeclarationDetail | None:
        """The current declaration, when the action is open for it (shortcuts skip buttons)."""
        return self.detail if self.buttons[key].isEnabled() else None

    # -- editing -------------------------------------------------------------------
    def save_current(self) -> None:
        detail, pane = self.detail, self.detail_pane
        if detail is None or not pane.dirty:
            return
        self._save(detail.row.id, detail.row.ref, pane.mode, pane.header_changes(),
                   pane.line_changes(), pane.reason.text(), shown=True)  # fmt: skip

    def _save(
        self, declaration_id: int, ref: str, mode: str, header: dict[str, str],
        lines: dict[int, dict[str, str]], reason: str, *, shown: bool,
    ) -> None:  # fmt: skip
        def work(session: Session, job: Job) -> None:
            if mode == "amend":
                declaration_life.amend(session, declaration_id, reason, header, lines)
            else:
                declaration_life.update_declaration(session, declaration_id, header, lines)

        def saved(_result: object) -> None:
            self.ctx.events.notify(self.tr("{0} saved.").format(ref))
            if self._current_id == declaration_id:
                self.show_declaration(declaration_id)

        def refused(error: BaseException) -> None:
            if shown and self._current_id == declaration_id and isinstance(error, ValidationFailed):
                self.detail_pane.show_problems(error.problems)
                return
            title = self.tr("{0} was not saved").format(ref)
            messages.warning(self, title, describe_error(error))

        label_ = self.tr("Saving {0}…").format(ref)
        self.ctx.tasks.write(work, parent=self, changes=Changes(declarations=True), label=label_,
                             on_success=saved, on_failure=refused)  # fmt: skip

    def _offer_to_save(self) -> None:
        """Leaving a declaration with unsaved edits: keep them (saved) or drop them."""
        detail, pane = self.detail, self.detail_pane
        assert detail is not None
        pending = (detail.row.id, detail.row.ref, pane.mode, pane.header_changes(),
                   pane.line_changes(), pane.reason.text())  # fmt: skip
        self.unsaved_box = confirm(
            self, self.tr("Unsaved changes"),
            self.tr("{0} has changes that are not saved. Save them?").format(detail.row.ref),
            self.tr("Save"), lambda: self._save(*pending, shown=False),
        )  # fmt: skip

    def revert_current(self) -> None:
        self.show_declaration(self._current_id)

    def amend_current(self) -> None:
        if self._can("amend") is None:
            return
        self.detail_pane.set_mode("amend")
        self.detail_pane.reason.setFocus()
        self._enable_actions()

    # -- life-cycle steps ----------------------------------------------------------
    def check_current(self) -> None:
        detail = self._can("check")
        if detail is None:
            return
        if self.detail_pane.dirty:
            self.save_current()  # the checks read what is stored
            return
        self.show_declaration(detail.row.id, self.detail_pane.mode)
        assert self.detail is not None
        errors = self.detail.row.errors or 0
        warnings = len(self.detail.problems) - errors
        self.ctx.events.notify(self.tr("{0}: {1} errors, {2} warnings.").format(
            detail.row.ref, errors, warnings))  # fmt: skip

    def file_current(self) -> None:
        detail = self._can("file")
        if detail is None:
            return
        if self.detail_pane.dirty:
            self.save_current()
            return
        ref, declaration_id = detail.row.ref, detail.row.id

        def refused(error: BaseException) -> None:
            if isinstance(error, ValidationFailed) and self._current_id == declaration_id:
                self.detail_pane.show_problems(error.problems)
                text = self.tr("{0} has {1} error(s); they are shown on their fields and listed "
                               "under the form.").format(ref, len(error.problems))  # fmt: skip
                messages.warning(self, self.tr("{0} cannot be filed").format(ref), text)
            else:
                self.ctx.tasks.report_failure(self, error)

        self._step(lambda s, j: declaration_life.file_declaration(s, declaration_id),
                   self.tr("Filing {0}…").format(ref), self.tr("{0} filed.").format(ref),
                   refused)  # fmt: skip

    def clear_current(self) -> ClearDialog | None:
        detail = self._can("clear")
        if detail is None:
            return None
        dialog = ClearDialog(detail.row.ref, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda number, day: self._clear(detail, dialog, number, day))
        self.clear_dialog = dialog
        dialog.open()
        return dialog

    def _clear(
        self, detail: DeclarationDetail, dialog: ClearDialog, number: str, day: dt.date
    ) -> None:
        ref, declaration_id = detail.row.ref, detail.row.id

        def cleared(_result: object) -> None:
            self.ctx.events.notify(self.tr("{0} cleared: {1}.").format(ref, number))
            dialog.accept()

        self.ctx.tasks.write(
            lambda s, j: declaration_life.clear(s, declaration_id, number, day),
            parent=dialog, changes=Changes(declarations=True),
            label=self.tr("Clearing {0}…").format(ref), on_success=cleared,
            on_failure=dialog.refused,
        )  # fmt: skip

    def withdraw_current(self) -> None:
        detail = self._can("withdraw")
        if detail is not None:
            ref, declaration_id = detail.row.ref, detail.row.id
            self._step(lambda s, j: declaration_life.withdraw(s, declaration_id),
                       self.tr("Withdrawing {0}…").format(ref),
                       self.tr("{0} is a draft again.").format(ref))  # fmt: skip

    def cancel_current(self) -> None:
        detail = self._can("cancel")
        if detail is None:
            return
        ref, declaration_id = detail.row.ref, detail.row.id
        self.confirm_box = confirm(
            self, self.tr("Cancel {0}").format(ref),
            self.tr("Cancel the declaration {0}? It stays listed as cancelled; its shipment or "
                    "orders can be declared again.").format(ref),
            self.tr("Cancel declaration"),
            lambda: self._step(lambda s, j: declaration_life.cancel(s, declaration_id),
                               self.tr("Cancelling {0}…").format(ref),
                               self.tr("{0} cancelled.").format(ref)),
        )  # fmt: skip

    def _step(self, work: Work, label_: str, done: str, refused: Failure | None = None) -> None:
        self.ctx.tasks.write(work, parent=self, changes=Changes(declarations=True), label=label_,
                             on_success=lambda _r: self.ctx.events.notify(done),
                             on_failure=refused)  # fmt: skip

    # -- new drafts ----------------------------------------------------------------
    def new_from_shipment(self) -> FromShipmentDialog:
        with self.ctx.db.sessions() as session:
            choices = declaration_query.shipment_choices(session)
        dialog = FromShipmentDialog(self.ctx, choices, self)
        return self._open_draft_dialog(dialog)

    def new_from_orders(self) -> FromOrdersDialog:
        with self.ctx.db.sessions() as session:
            shops = declaration_query.shop_choices(session)
        return self._open_draft_dialog(FromOrdersDialog(self.ctx, shops, self))

    def _open_draft_dialog(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._drafted)
        self.draft_dialog = dialog
        dialog.open()
        return dialog

    def _drafted(self, ids: list[int]) -> None:
        n = QLocale().toString(len(ids))
        self.ctx.events.notify(self.tr("{0} draft declaration(s) made.").format(n))
        if ids:
            self.select_after_reload(ids[0])

    # -- import and print ----------------------------------------------------------
    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import the broker's cleared list"), "",
            self.tr("Spreadsheets ({0})").format(BROKER_FILES),
        )  # fmt: skip
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Customs numbers and export dates from the broker's list: all rows, or none."""
        self.ctx.tasks.write(
            lambda s, job: declaration_import.import_declarations(s, path, job=job),
            parent=self, changes=Changes(declarations=True),
            label=self.tr("Importing {0}…").format(path.name),
            on_success=lambda summary: show_import_summary(self, summary),
            on_failure=lambda error: show_import_failure(self, self.ctx, error),
        )  # fmt: skip

    def print_selected(self) -> PrintDialog | None:
        ids = self.table.selected_ids() or ([self._current_id] if self._current_id else [])
        if not ids:
            return None
        with self.ctx.db.sessions() as session:
            refs = declaration_query.declaration_refs(session, ids)
        dialog = PrintDialog(refs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.preview(dialog.kind(), ids, refs,
                                                     dialog.chosen_mark()))  # fmt: skip
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def preview(
        self, kind: str, ids: list[int], refs: list[str], mark: str | None = None
    ) -> PrintPreviewDialog:
        name = refs[0] if len(refs) == 1 else self.tr("{0} declarations").format(len(refs))
        self.preview_dialog = preview_forms(self.ctx, kind, ids, name=name, mark=mark,
                                            parent=self)  # fmt: skip
        return self.preview_dialog
