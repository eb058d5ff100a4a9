"""Emit Qt signals from Python, working around PySide6 6.12's reference leak on emit().

PySide6 6.12.0's SignalInstance.emit() returns True without taking a reference to it, so
every call from Python costs Py_True one reference. On Python 3.11 (where True is not yet
immortal) a long session then dies with "Fatal Python error: bool_dealloc". Every emit in
the UI goes through emit() below, which gives the reference back when, and only when, the
installed PySide6 is measured to leak it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


class _Probe(QObject):
    ping = Signal()


def _give_back_true(times: int = 1) -> None:
    for _ in range(times):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def _measure_leak() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost == _PROBES:
        _give_back_true(_PROBES)
    return lost == _PROBES


EMIT_LEAKS_TRUE = _measure_leak()


def emit(signal: SignalInstance, *args: Any) -> None:
    """signal.emit(*args), without the leak."""
    result = signal.emit(*args)
    if EMIT_LEAKS_TRUE and result is True:
        _give_back_true()
