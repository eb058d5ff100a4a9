"""Background operations: core work off the GUI thread, with delayed progress, cancel and errors.

Modeled on anki's CollectionOp/QueryOp and taskman: every operation runs on ONE worker
thread, so database writes never race each other. A Session belongs to one thread, so the
worker opens its own (one transaction per operation). Workers never touch widgets: the
result travels back through a queued signal and callbacks run on the GUI thread.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy.orm import Session

from desktop_app.core.db import DEFAULT_ACTOR, Database
from desktop_app.core.errors import BadInput, Cancelled
from desktop_app.core.jobs import Job
from desktop_app.ui.events import AppEvents, Changes
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.widgets import messages

T = TypeVar("T")
SessionOp = Callable[[Session, Job], T]
PlainOp = Callable[[Job], T]
Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]

PROGRESS_DELAY_MS = 500  # quick operations never flash a dialog (anki progress.py)
POLL_MS = 100  # progress is read at most this often, however often the worker reports


@dataclass
class Outcome:
    """What an operation produced: its value, or the error and its traceback."""

    value: Any = None
    error: BaseException | None = None
    details: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled)


@dataclass
class _Spec:
    work: PlainOp[Any]
    parent: QWidget | None
    label: str
    show_progress: bool
    changes: Changes | None
    changes_even_on_failure: bool
    on_success: Success | None
    on_failure: Failure | None


class Task(QObject):
    """One submitted operation; `finished` carries its Outcome on the GUI thread."""

    finished = Signal(object)
    _delivered = Signal(object)  # emitted on the worker thread, received queued

    def __init__(self, spec: _Spec, delay_ms: int, owner: QObject) -> None:
        super().__init__(owner)
        self.spec = spec
        self.job = Job(progress=self._note_progress)
        self.dialog: QProgressDialog | None = None
        self._latest: tuple[int, int, str] = (0, 0, "")
        self._started = time.monotonic()
        self._delay_s = delay_ms / 1000
        self._timer = QTimer(self, interval=POLL_MS, timeout=self._tick)
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the core to stop at its next check; its transaction then rolls back."""
        self.job.cancel_event.set()

    def start(self, executor: ThreadPoolExecutor) -> None:
        self._timer.start()
        executor.submit(self._run_on_worker)

    # -- worker thread ---------------------------------------------------------------
    def _note_progress(self, done: int, total: int, message: str) -> None:
        # A tuple assignment is atomic; the GUI thread polls it, so a chatty worker
        # costs nothing on the GUI side.
        self._latest = (done, total, message)

    def _run_on_worker(self) -> None:
        try:
            outcome = Outcome(value=self.spec.work(self.job))
        except BaseException as exc:  # reported on the GUI thread, never lost
            outcome = Outcome(error=exc, details=traceback.format_exc())
        self._delivered.emit(outcome)

    # -- GUI thread ------------------------------------------------------------------
    @Slot()
    def _tick(self) -> None:
        if self.dialog is None:
            if not self.spec.show_progress or time.monotonic() - self._started < self._delay_s:
                return
            self.dialog = self._make_dialog()
        done, total, _message = self._latest
        self.dialog.setMaximum(max(total, 0))  # 0: a busy bar when the total is unknown
        if total > 0:
            self.dialog.setValue(min(done, total))
            # The core's own progress text is English; counts read the same in any language.
            locale = QLocale()
            counts = f"{locale.toString(min(done, total))} / {locale.toString(total)}"
            self.dialog.setLabelText(f"{self.spec.label}\n{counts}")

    def _make_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self.spec.label, self.tr("Cancel"), 0, 0, self.spec.parent)
        dialog.setWindowTitle(self.spec.label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancel_requested)
        dialog.show()
        return dialog

    @Slot()
    def _cancel_requested(self) -> None:
        self.cancel()

    @Slot(object)
    def _on_delivered(self, outcome: Outcome) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._cancel_requested)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        owner = self.parent()
        assert isinstance(owner, TaskRunner)
        owner._finish(self, outcome)


class TaskRunner(QObject):
    """Submits operations to the single worker thread and reports how they ended."""

    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(
        self,
        db: Database,
        events: AppEvents,
        *,
        actor: str = DEFAULT_ACTOR,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.events = events
        self.actor = actor
        self.progress_delay_ms = PROGRESS_DELAY_MS
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="exportdesk-db")
        self._active: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def write(
        self,
        op: SessionOp[T],
        *,
        parent: QWidget | None,
        changes: Changes,
        label: str = "",
        on_success: Success | None = None,
        on_failure: Failure | None = None,
    ) -> Task:
        """A mutation in one transaction; `changes` are announced only if it commits."""
        return self._submit(
            _Spec(
                self._in_transaction(op),
                parent,
                label or self.tr("Working…"),
                True,
                changes,
                False,
                on_success,
                on_failure,
            )
        )

    def query(
        self,
        op: SessionOp[T],
        *,
        parent: QWidget | None,
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        label: str = "",
    ) -> Task:
        """A read; shows progress only when given a label (most reads are quick)."""
        return self._submit(
            _Spec(
                self._in_transaction(op),
                parent,
                label,
                bool(label),
                None,
                False,
                on_success,
                on_failure,
            )
        )

    def run(
        self,
        op: PlainOp[T],
        *,
        parent: QWidget | None,
        changes: Changes | None = None,
        label: str = "",
        on_success: Success | None = None,
        on_failure: Failure | None = None,
    ) -> Task:
        """Work that manages its own transactions or none (backup, demo data, files).

        Its `changes` are announced however it ends: it may have committed part of its work.
        """
        return self._submit(
            _Spec(
                op,
                parent,
                label or self.tr("Working…"),
                bool(label) or changes is not None,
                changes,
                True,
                on_success,
                on_failure,
            )
        )

    def shutdown(self) -> None:
        """Cancel what runs, drop what waits, and wait for the worker to stop."""
        for task in self._active:
            task.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _in_transaction(self, op: SessionOp[T]) -> PlainOp[T]:
        def work(job: Job) -> T:
            with self.db.transaction(self.actor) as session:
                return op(session, job)

        return work

    def _submit(self, spec: _Spec) -> Task:
        task = Task(spec, self.progress_delay_ms, self)
        self._active.append(task)
        if len(self._active) == 1:
            self.busy_changed.emit(True)
        task.start(self._executor)
        return task

    def _finish(self, task: Task, outcome: Outcome) -> None:
        self._active.remove(task)
        spec = task.spec
        try:
            if outcome.ok:
                if spec.on_success is not None:
                    spec.on_success(outcome.value)
            elif outcome.cancelled:
                self.events.notify(self.tr("Cancelled."))
            else:
                self._report_failure(spec, outcome)
            if spec.changes is not None and (outcome.ok or spec.changes_even_on_failure):
                self.events.emit_changes(spec.changes)
        finally:
            task.finished.emit(outcome)
            task.deleteLater()
            if not self._active:
                self.busy_changed.emit(False)
                self.idle.emit()

    def _report_failure(self, spec: _Spec, outcome: Outcome) -> None:
        assert outcome.error is not None
        if spec.on_failure is not None:
            spec.on_failure(outcome.error)
        else:
            self.report_failure(spec.parent, outcome.error, outcome.details)

    def report_failure(
        self, parent: QWidget | None, error: BaseException, details: str = ""
    ) -> None:
        """The standard message: a warning for bad input, an error with the traceback otherwise."""
        if isinstance(error, BadInput):
            messages.warning(parent, self.tr("Please check the input"), describe_error(error))
            return
        details = details or "".join(traceback.format_exception(error))
        text = self.tr("Something went wrong: {0}").format(f"{type(error).__name__}: {error}")
        messages.error(parent, self.tr("Unexpected error"), text, details)
