"""Rebate batches (申报批次): the batch list, the selected batch's rows below, and its life.

draft → self-checked → filed → approved | partly rejected → paid. Every step is one
transaction through the task runner that announces Changes(rebate=True); the core's reason is
shown when it refuses. A filed batch is frozen: its editing actions are off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.models.rebate import RebateExportRow
from desktop_app.core.services import rebate_batches as rb
from desktop_app.core.services import (
    rebate_check,
    rebate_match,
    rebate_purchases,
    rebate_query,
    rebate_settlement,
)
from desktop_app.core.services.rebate_check import Finding
from desktop_app.core.services.rebate_query import BatchDetail
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs import rebate_dialogs as dialogs
from desktop_app.ui.events import Changes
from desktop_app.ui.models.rebate_table import batch_columns
from desktop_app.ui.screens.rebate_detail import EXPORTS, RebateDetailPane
from desktop_app.ui.screens.shipments import confirm
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.flow_layout import flow
from desktop_app.ui.widgets.list_screen import (
    action_buttons,
    count_text,
    follow_current,
    lazy_table,
    page_layout,
    query_or_reload,
    restore_current,
    screen_shortcut,
    select_when_loaded,
    table_over_detail,
)
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.table_export import export_button

STATE_KEY = "rebate/table"
EDITABLE = ("draft", "self_checked")
Work = Callable[[Session, Job], Any]


class RebateScreen(Screen):
    KEY = "rebate"
    WATCHES = ("rebate", "declarations")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.detail: BatchDetail | None = None
        self.findings: dict[int, list[Finding]] = {}  # the last self-check of each batch
        self._current_id: int | None = None
        self.header = PageHeader(self.title(), self.tr("Loading…"))
        self.model, self.table = lazy_table(ctx, STATE_KEY, batch_columns(),
                                            rebate_query.batch_rows,
                                            rebate_query.DEFAULT_SORT)  # fmt: skip
        self.detail_pane = RebateDetailPane()
        self.detail_pane.export_row_chosen.connect(self._export_row_chosen)
        self.detail_pane.hand_match_clicked.connect(self.match_by_hand)
        self.detail_pane.unmatch_clicked.connect(self.remove_matches)
        self.detail_pane.exports.itemSelectionChanged.connect(self._enable_actions)
        self._connect_table()
        self._build_layout()

    def title(self) -> str:
        return self.tr("Rebate batches")

    # -- building ------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.buttons = action_buttons(
            self,
            (
                ("new", self.tr("New batch…"), self.new_batch, "Ctrl+N"),
                ("match", self.tr("Match"), self.match_current, "Ctrl+M"),
                ("figures", self.tr("Period figures…"), self.edit_figures, ""),
                ("check", self.tr("Self-check"), self.check_current, "F9"),
                ("file", self.tr("File"), self.file_current, "Ctrl+Shift+F"),
                ("review", self.tr("Record review…"), self.review_current, ""),
                ("move", self.tr("Move rejected rows"), self.move_current, ""),
                ("pay", self.tr("Mark paid…"), self.pay_current, ""),
                ("settle", self.tr("9810 核算…"), self.settle, ""),
                ("export", self.tr("Export files…"), self.choose_export, "Ctrl+E"),
                ("remove", self.tr("Remove rows"), self.remove_current_rows, ""),
            ),
        )
        screen_shortcut(self, "F5", lambda: self.refresh(None))
        tips = {
            "file": self.tr("Mark it filed with the tax office: its rows are frozen from then on"),
            "move": self.tr("The rejected rows go into a new draft batch of this month"),
            "remove": self.tr("Take the selected export rows out of the draft batch"),
            "figures": self.tr("免抵退: the period's output tax, input tax, credit and "
                               "duty-free materials"),
        }  # fmt: skip
        for key, tip in tips.items():
            shortcut = self.buttons[key].toolTip()
            self.buttons[key].setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        tools = flow([*self.buttons.values(), export_button(self.table, self.title, self.ctx)])
        splitter = table_over_detail(self.table, self.detail_pane, 4)
        page_layout(self, self.header, tools, splitter, stretch=splitter)
        self._enable_actions()

    def _connect_table(self) -> None:
        follow_current(self, self.show_batch)
        self.table.activated_id.connect(self.open_batch)
        self.model.loaded.connect(self._restore_current)
        self.model.dataChanged.connect(lambda *_: self.show_batch(self._current_id))
        self.model.count_changed.connect(self._show_count)

    # -- querying ------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        query_or_reload(self.model, self.apply_query)
        self.ctx.tasks.query(lambda session, job: rebate_settlement.repayments(session),
                             parent=self, on_success=self.detail_pane.show_repayments)  # fmt: skip

    def apply_query(self) -> None:
        self.model.set_query(
            lambda session, sort, limit: rebate_query.batch_ids(session, sort, limit=limit)
        )

    def _show_count(self, rows: int, complete: bool) -> None:
        all_rows = self.tr("{0} batches")
        first_rows = self.tr("Showing the first {0} batches; counting the rest…")
        self.header.set_subtitle(count_text(rows, complete, all_rows, first_rows))

    # -- selection and detail ------------------------------------------------------

    def show_batch(self, batch_id: int | None) -> None:
        """The detail pane for one batch; read inline (its rows are a few indexed queries)."""
        if batch_id is None:
            self.detail = None
        else:
            with self.ctx.db.sessions() as session:
                self.detail = rebate_query.batch_detail(session, batch_id)
        findings = self.findings.get(batch_id) if batch_id is not None else None
        self.detail_pane.show_detail(self.detail, findings)
        self._enable_actions()

    def _restore_current(self) -> None:
        """The same batch again after a reload; the newest one when none was chosen yet."""
        self._current_id = restore_current(
            self.table, self.model, self._current_id, self.show_batch
        )
        if self._current_id is None and self.model.rowCount() > 0:
            self.table.select_id(self.model.id_at(0))

    def select_after_reload(self, batch_id: int) -> None:
        self._current_id = batch_id
        select_when_loaded(self.table, self.model, batch_id, self.show_batch)

    def open_batch(self, batch_id: int) -> None:
        """Enter or a double click: into the batch's export rows."""
        if batch_id != self._current_id:
            self.table.select_id(batch_id)
        self.detail_pane.tabs.setCurrentIndex(EXPORTS)
        self.detail_pane.exports.setFocus()

    def _export_row_chosen(self, row: RebateExportRow | None) -> None:
        matches = []
        if row is not None and row.declaration_line_id is not None:
            with self.ctx.db.sessions() as session:
                matches = rebate_query.matches_of_line(session, row.declaration_line_id)
        self.detail_pane.show_matches(row, matches)
        self._enable_actions()

    def _enable_actions(self) -> None:
        row = self.detail.row if self.detail is not None else None
        status = row.status if row is not None else None
        trading = row is not None and row.method == "exempt_refund"
        chosen = [r for r in self.detail_pane.selected_exports() if r.status == "included"]
        enabled = {
            "new": True, "settle": True,
            "match": status in EDITABLE and trading,
            "figures": status in EDITABLE and not trading and row is not None,
            "check": status in EDITABLE,
            "file": status == "self_checked",
            "review": status == "filed",
            "move": row is not None and row.rejected_rows > 0,
            "pay": status in ("approved", "partly_rejected"),
            "export": row is not None and row.export_rows > 0,
            "remove": status in EDITABLE and bool(chosen),
        }  # fmt: skip
        for key, on in enabled.items():
            self.buttons[key].setEnabled(on)
        current = self.detail_pane.current_export()
        editable = (status in EDITABLE and current is not None and current.status == "included"
                    and current.declaration_line_id is not None)  # fmt: skip
        self.detail_pane.set_match_actions(editable, editable and bool(self.detail_pane.matches))

    def _can(self, key: str) -> BatchDetail | None:
        """The current batch, when the action is open for it (shortcuts skip the buttons)."""
        return self.detail if self.buttons[key].isEnabled() else None

    # -- writing -------------------------------------------------------------------
    def _write(
        self, work: Work, label_: str, done: Callable[[Any], None],
        parent: QWidget | None = None, refused: Callable[[BaseException], None] | None = None,
    ) -> None:  # fmt: skip
        self.ctx.tasks.write(work, parent=parent or self, changes=Changes(rebate=True),
                             label=label_, on_success=done, on_failure=refused)  # fmt: skip

    def _open(self, dialog: Any, name: str) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        setattr(self, name, dialog)
        dialog.open()
        return dialog

    def _done(self, text: str) -> Callable[[Any], None]:
        return lambda _result: self.ctx.events.notify(text)

    def _in_dialog(self, dialog: dialogs.ActionDialog, work: Work, label_: str, text: str) -> None:
        """Run `work` for a dialog: it closes when done, or shows the core's reason."""

        def done(_result: object) -> None:
            dialog.accept()
            self.ctx.events.notify(text)

        self._write(work, label_, done, dialog, dialog.refused)

    # -- new batch -----------------------------------------------------------------
    def new_batch(self) -> dialogs.NewBatchDialog:
        with self.ctx.db.sessions() as session:
            method = rebate_query.default_method(session)
        dialog = dialogs.NewBatchDialog(method, dt.date.today(), self)
        dialog.submitted.connect(lambda p, n, m: self._create(dialog, p, n, m))
        return self._open(dialog, "new_dialog")

    def _create(self, dialog: dialogs.NewBatchDialog, period: str, number: int | None,
                method: str) -> None:  # fmt: skip
        def work(session: Session, job: Job) -> tuple[int, str, int]:
            batch = rb.create_batch(session, period, batch_no=number, method=method)
            rows = len(rb.export_rows(session, batch.id))
            if rows == 0:  # nothing is written: the transaction rolls back
                raise BadInput(dialog.nothing_text(period))
            return batch.id, rb.batch_label(batch), rows

        def created(result: tuple[int, str, int]) -> None:
            batch_id, label_, rows = result
            dialog.accept()
            self.ctx.events.notify(self.tr("Batch {0} created with {1} export row(s).")
                                   .format(label_, rows))  # fmt: skip
            self.select_after_reload(batch_id)

        self._write(work, self.tr("Creating the batch…"), created, dialog, dialog.refused)

    # -- matching ------------------------------------------------------------------
    def match_current(self) -> None:
        detail = self._can("match")
        if detail is None:
            return
        batch_id, label_ = detail.row.id, detail.row.label
        self.findings.pop(batch_id, None)

        def matched(report: rebate_match.MatchReport) -> None:
            self._open(dialogs.MatchReportDialog(label_, report, self), "report_dialog")

        self._write(lambda s, job: rebate_match.match_batch(s, batch_id, job=job),
                    self.tr("Matching {0}…").format(label_), matched)  # fmt: skip

    def match_by_hand(self) -> dialogs.HandMatchDialog | None:
        row = self.detail_pane.current_export()
        if row is None or self.detail is None or not self.detail_pane.hand_button.isEnabled():
            return None
        line_id = row.declaration_line_id
        assert line_id is not None
        with self.ctx.db.sessions() as session:
            candidates = rebate_query.hand_candidates(session, line_id)
        covered = sum((m.quantity for m in self.detail_pane.matches), Decimal(0))
        need = max(Decimal(0), row.quantity - covered)
        name = self.detail.unit_names.get(row.unit, "")
        unit = f"{name} ({row.unit})" if name else row.unit
        dialog = dialogs.HandMatchDialog(row, unit, need, candidates, self)
        batch_id = self.detail.row.id
        dialog.submitted.connect(
            lambda inv, qty, note: self._set_match(dialog, batch_id, line_id, inv, qty, note)
        )
        return self._open(dialog, "hand_dialog")

    def _set_match(self, dialog: dialogs.HandMatchDialog, batch_id: int, line_id: int,
                   invoice_line_id: int, quantity: Decimal, note: str) -> None:  # fmt: skip
        self.findings.pop(batch_id, None)

        def work(session: Session, job: Job) -> None:
            batch = rb.get_batch(session, batch_id)
            rb.require_draft(batch, "match by hand")
            rebate_match.set_match(session, line_id, invoice_line_id, quantity, note)
            rebate_purchases.rebuild_purchase_rows(session, batch)

        self._in_dialog(dialog, work, self.tr("Matching by hand…"), self.tr("Match set."))

    def remove_matches(self) -> None:
        row = self.detail_pane.current_export()
        if row is None or self.detail is None or not self.detail_pane.unmatch_button.isEnabled():
            return
        batch_id, line_id = self.detail.row.id, row.declaration_line_id

        def work(session: Session, job: Job) -> int:
            batch = rb.get_batch(session, batch_id)
            rb.require_draft(batch, "remove matches")
            removed = rebate_match.unmatch(session, line_id)
            rebate_purchases.rebuild_purchase_rows(session, batch)
            return removed

        def go() -> None:
            self.findings.pop(batch_id, None)
            self._write(work, self.tr("Removing matches…"),
                        lambda n: self.ctx.events.notify(self.tr("{0} match(es) removed.")
                                                         .format(n)))  # fmt: skip

        self.confirm_box = confirm(
            self, self.tr("Remove matches"),
            self.tr("Remove every invoice match of {0}? The invoices' quantities become free "
                    "again.").format(row.declaration_no),
            self.tr("Remove matches"), go,
        )  # fmt: skip

    # -- figures and the self-check -------------------------------------------------
    def edit_figures(self) -> dialogs.FiguresDialog | None:
        detail = self._can("figures")
        if detail is None:
            return None
        batch_id, label_ = detail.row.id, detail.row.label
        dialog = dialogs.FiguresDialog(label_, detail.figures, self)

        def compute(values: dict[str, Decimal]) -> None:
            self.findings.pop(batch_id, None)
            self._in_dialog(dialog, lambda s, j: rebate_check.compute_batch(s, batch_id, **values),
                            self.tr("Computing {0}…").format(label_),
                            self.tr("{0}: figures computed.").format(label_))  # fmt: skip

        dialog.submitted.connect(compute)
        return self._open(dialog, "figures_dialog")

    def check_current(self) -> None:
        detail = self._can("check")
        if detail is None:
            return
        batch_id, label_ = detail.row.id, detail.row.label

        def work(session: Session, job: Job) -> list[Finding]:
            return rebate_check.run_self_check(session, batch_id)[1]

        def checked(findings: list[Finding]) -> None:
            self.findings[batch_id] = findings
            if self._current_id == batch_id:
                self.detail_pane.show_findings(findings)
            blocking = len(rebate_check.blocking(findings))
            text = (self.tr("{0} passed the self-check: {1} warning(s).") if not blocking else
                    self.tr("{0} has {2} blocking finding(s) and {1} warning(s): it stays a "
                            "draft."))  # fmt: skip
            self.ctx.events.notify(text.format(label_, len(findings) - blocking, blocking))

        self._write(work, self.tr("Checking {0}…").format(label_), checked)

    # -- life-cycle steps ----------------------------------------------------------
    def file_current(self) -> None:
        detail = self._can("file")
        if detail is None:
            return
        batch_id, label_ = detail.row.id, detail.row.label
        self.confirm_box = confirm(
            self, self.tr("File {0}").format(label_),
            self.tr("Mark {0} filed with the tax office? Its export and purchase rows are "
                    "frozen from then on.").format(label_),
            self.tr("File"),
            lambda: self._write(lambda s, j: rb.file_batch(s, batch_id),
                                self.tr("Filing {0}…").format(label_),
                                self._done(self.tr("{0} filed.").format(label_))),
        )  # fmt: skip

    def review_current(self) -> dialogs.ReviewDialog | None:
        detail = self._can("review")
        if detail is None:
            return None
        batch_id, label_ = detail.row.id, detail.row.label
        dialog = dialogs.ReviewDialog(label_, detail.exports, self)

        dialog.submitted.connect(
            lambda rejected: self._in_dialog(
                dialog, lambda s, j: rb.record_review(s, batch_id, rejected),
                self.tr("Recording the review…"), self.tr("Review of {0} recorded.").format(label_))
        )  # fmt: skip
        return self._open(dialog, "review_dialog")

    def move_current(self) -> None:
        detail = self._can("move")
        if detail is None:
            return
        batch_id, label_ = detail.row.id, detail.row.label

        def moved(target: tuple[int, str]) -> None:
            self.ctx.events.notify(self.tr("Rejected rows of {0} moved to {1}.")
                                   .format(label_, target[1]))  # fmt: skip
            self.select_after_reload(target[0])

        def work(session: Session, job: Job) -> tuple[int, str]:
            target = rb.move_rejected(session, batch_id)
            return target.id, rb.batch_label(target)

        self.confirm_box = confirm(
            self, self.tr("Move rejected rows"),
            self.tr("Move the {0} rejected row(s) of {1} into a new draft batch of this month, "
                    "to be claimed again?").format(detail.row.rejected_rows, label_),
            self.tr("Move"), lambda: self._write(work, self.tr("Moving rows…"), moved),
        )  # fmt: skip

    def pay_current(self) -> dialogs.PayDialog | None:
        detail = self._can("pay")
        if detail is None:
            return None
        batch_id, label_ = detail.row.id, detail.row.label
        dialog = dialogs.PayDialog(label_, detail.row.refund_total, self)

        dialog.submitted.connect(
            lambda amount, day: self._in_dialog(
                dialog, lambda s, j: rb.mark_paid(s, batch_id, amount, day),
                self.tr("Recording the refund…"), self.tr("{0} paid.").format(label_))
        )  # fmt: skip
        return self._open(dialog, "pay_dialog")

    def settle(self) -> dialogs.SettleDialog:
        with self.ctx.db.sessions() as session:
            pending = len(rebate_settlement.pending_rows(session))
        dialog = dialogs.SettleDialog(pending, self)

        def run(day: dt.date) -> None:
            def done(report: rebate_settlement.SettlementReport) -> None:
                dialog.accept()
                text = dialog.report_text(day, report)
                self.settle_box = messages.info(self, self.tr("9810 核算"), text)
                if report.batch_id is not None:
                    self.select_after_reload(report.batch_id)

            self._write(lambda s, j: rebate_settlement.settle(s, day), self.tr("Settling…"),
                        done, dialog, dialog.refused)  # fmt: skip

        dialog.submitted.connect(run)
        return self._open(dialog, "settle_dialog")

    def remove_current_rows(self) -> None:
        detail = self._can("remove")
        if detail is None:
            return
        rows = [r for r in self.detail_pane.selected_exports() if r.status == "included"]
        batch_id, ids = detail.row.id, [r.id for r in rows]

        def go() -> None:
            self.findings.pop(batch_id, None)
            self._write(lambda s, j: rb.remove_rows(s, batch_id, ids),
                        self.tr("Removing rows…"),
                        self._done(self.tr("{0} row(s) removed.").format(len(ids))))  # fmt: skip

        self.confirm_box = confirm(
            self, self.tr("Remove rows"),
            self.tr("Take {0} export row(s) out of {1}? Their declaration lines can be claimed "
                    "in another batch.").format(len(ids), detail.row.label),
            self.tr("Remove rows"), go,
        )  # fmt: skip

    # -- files ---------------------------------------------------------------------
    def choose_export(self) -> None:
        if self._can("export") is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the rebate files"))
        if folder:
            self.export_files(Path(folder))

    def export_files(self, folder: Path) -> None:
        """The import files for the official program and the PDF forms, as `rebate export`."""
        detail = self._can("export")
        if detail is None:
            return
        batch_id, label_ = detail.row.id, detail.row.label

        def written(paths: list[Path]) -> None:
            box = dialogs.FilesWrittenBox(label_, folder, paths, self.open_folder, self)
            self._open(box, "export_box")

        work = lambda s, j: rebate_query.write_files(s, batch_id, folder)  # noqa: E731
        self.ctx.tasks.query(work, parent=self, label=self.tr("Writing the files of {0}…")
                             .format(label_), on_success=written)  # fmt: skip

    def open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
