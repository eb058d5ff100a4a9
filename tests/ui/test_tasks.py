"""ui/tasks.py with fake operations: threads, progress after a delay, cancel, errors, events."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from desktop_app.core import settings
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.ui.events import AppEvents, Changes
from desktop_app.ui.tasks import TaskRunner


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def runner(db, english):
    events = AppEvents()
    tasks = TaskRunner(db, events, actor="test")
    yield tasks
    tasks.shutdown()


def finish(qtbot, task, timeout: int = 5000):
    with qtbot.waitSignal(task.finished, timeout=timeout) as blocker:
        pass
    return blocker.args[0]


def visible_boxes(parent: QWidget) -> list[QMessageBox]:
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]


def test_work_runs_off_the_gui_thread_and_success_runs_on_it(runner, parent, qtbot):
    seen = {}

    def op(session, job):
        seen["worker"] = threading.current_thread().name
        return 42

    def done(value):
        seen["value"] = value
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()

    task = runner.query(op, parent=parent, on_success=done)
    outcome = finish(qtbot, task)
    assert outcome.ok and outcome.value == 42
    assert seen["worker"].startswith("exportdesk-db")
    assert seen == {"worker": seen["worker"], "value": 42, "gui": True}


def test_write_commits_and_announces_changes(runner, parent, qtbot, db):
    announced = []
    runner.events.changed.connect(announced.append)
    task = runner.write(
        lambda s, job: settings.put(s, "backup.keep", 3),
        parent=parent,
        changes=Changes(settings=True),
    )
    finish(qtbot, task)
    assert announced == [Changes(settings=True)]
    with db.sessions() as session:
        assert settings.get(session, "backup.keep") == 3


def test_a_query_announces_nothing(runner, parent, qtbot):
    announced = []
    runner.events.changed.connect(announced.append)
    finish(qtbot, runner.query(lambda s, job: None, parent=parent))
    assert announced == []


def test_operations_run_one_at_a_time(runner, parent, qtbot):
    spans = []

    def op(session, job):
        start = time.monotonic()
        time.sleep(0.05)
        spans.append((start, time.monotonic()))

    tasks = [runner.write(op, parent=parent, changes=Changes(settings=True)) for _ in range(3)]
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert len(spans) == len(tasks)
    spans.sort()
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


def test_quick_work_never_shows_a_progress_dialog(runner, parent, qtbot):
    task = runner.write(lambda s, job: None, parent=parent, changes=Changes(), label="Quick")
    finish(qtbot, task)
    assert task.dialog is None


def test_slow_work_shows_progress_and_cancel_rolls_back(runner, parent, qtbot, db):
    runner.progress_delay_ms = 100
    notices = []
    runner.events.notice.connect(notices.append)
    announced = []
    runner.events.changed.connect(announced.append)
    release = threading.Event()

    def op(session, job):
        settings.put(session, "backup.keep", 7)  # must not survive the cancel
        done = 0
        while not release.wait(0.01):
            done = min(done + 1, 99)
            job.report(done, 100, f"row {done}")
        job.report(100, 100, "finishing")  # sees the cancel flag and raises Cancelled

    task = runner.write(op, parent=parent, changes=Changes(settings=True), label="Importing")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=3000)
    dialog = task.dialog
    assert dialog.maximum() == 100
    qtbot.waitUntil(lambda: dialog.value() > 0 and "/ 100" in dialog.labelText())
    assert dialog.labelText().startswith("Importing\n")
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    release.set()
    outcome = finish(qtbot, task)
    assert outcome.cancelled
    assert notices == ["Cancelled."]
    assert announced == []
    assert not visible_boxes(parent)
    with db.sessions() as session:
        assert settings.get(session, "backup.keep") == settings.REGISTRY["backup.keep"].default


def test_bad_input_is_a_warning_with_the_message(runner, parent, qtbot):
    def op(session, job):
        raise BadInput("orders.csv, row 3: quantity 'abc' is not a number")

    finish(qtbot, runner.write(op, parent=parent, changes=Changes(orders=True)))
    (box,) = visible_boxes(parent)
    assert box.icon() == QMessageBox.Icon.Warning
    assert "row 3" in box.text()
    assert not box.detailedText()
    box.close()


def test_validation_failed_lists_every_problem(runner, parent, qtbot):
    problems = [
        FieldProblem("uscc", "check character should be E, not A", "91440783714753661A"),
        FieldProblem("customs_district", "must be 4 digits", "53A0"),
    ]

    def op(session, job):
        raise ValidationFailed(problems)

    finish(qtbot, runner.write(op, parent=parent, changes=Changes(company=True)))
    (box,) = visible_boxes(parent)
    assert box.text().count("•") == 2
    assert "check character should be E, not A" in box.text()
    box.close()


def test_unexpected_error_shows_the_traceback(runner, parent, qtbot):
    def op(session, job):
        raise RuntimeError("boom")

    outcome = finish(qtbot, runner.write(op, parent=parent, changes=Changes()))
    assert isinstance(outcome.error, RuntimeError)
    (box,) = visible_boxes(parent)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "boom" in box.text()
    assert "Traceback" in box.detailedText() and "in op" in box.detailedText()
    box.close()


def test_a_failure_callback_replaces_the_standard_message(runner, parent, qtbot):
    caught = []

    def op(session, job):
        raise BadInput("nope")

    finish(qtbot, runner.write(op, parent=parent, changes=Changes(), on_failure=caught.append))
    assert [str(e) for e in caught] == ["nope"]
    assert not visible_boxes(parent)


def test_plain_work_announces_changes_even_when_it_fails(runner, parent, qtbot):
    announced = []
    runner.events.changed.connect(announced.append)

    def op(job):
        raise BadInput("backup folder is not available")

    finish(qtbot, runner.run(op, parent=parent, changes=Changes(backup=True)))
    assert announced == [Changes(backup=True)]
    for box in visible_boxes(parent):
        box.close()


def test_idle_and_busy_signals(runner, parent, qtbot):
    busy = []
    runner.busy_changed.connect(busy.append)
    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.query(lambda s, job: None, parent=parent)
    assert busy == [True, False]
    assert not runner.busy


def test_changes_helpers():
    both = Changes(company=True) | Changes(stock=True)
    assert both.areas() == ["company", "stock"]
    assert both.touches("stock", "orders") and not both.touches("orders")
    assert all(getattr(Changes.everything(), a) for a in Changes.everything().areas())
