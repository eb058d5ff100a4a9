"""Emitting from Python must not cost True a reference (PySide6 6.12.0 + Python 3.11 crash).

PySide6 6.12.0 lost one reference to True per Signal.emit() call, so a long session died with
"Fatal Python error: bool_dealloc". pyproject.toml excludes it; this fails on any Qt binding
that brings the leak back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Source(QObject):
    plain = Signal()
    flag = Signal(bool)
    value = Signal(object)


def test_emit_keeps_true_alive():
    source, received = Source(), []
    source.flag.connect(received.append)
    source.value.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(500):
        source.plain.emit()
        source.flag.emit(False)
        source.value.emit("x")
    del received[:]
    # 1,500 emits: the leak would lose 1,500 references; allow for unrelated noise
    assert abs(sys.getrefcount(True) - before) <= 5
