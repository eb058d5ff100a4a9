"""Emitting from Python must not cost True a reference (PySide6 6.12 + Python 3.11 crash)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from desktop_app.ui.signals import emit


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
        emit(source.plain)
        emit(source.flag, False)
        emit(source.value, "x")
    del received[:]
    # 1,500 emits: a leak would lose ~1,000 references; allow for unrelated noise
    assert abs(sys.getrefcount(True) - before) <= 5
