"""Small helpers shared by the benchmark scripts: a scratch folder, a timer, the result line."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Benchmarks must not touch the user's real data folder.
os.environ.setdefault("EXPORTDESK_HOME", tempfile.mkdtemp(prefix="exportdesk-bench-home-"))


@contextmanager
def scratch_dir(prefix: str = "exportdesk-bench-") -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)


class Stopwatch:
    """Accumulates the time spent inside `with watch:` blocks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __enter__(self) -> Stopwatch:
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._started


def bare_sqlite(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas ExportDesk itself uses (see core/db.py)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def result_line(name: str, ours: float, bare: float, unit: str) -> str:
    """`name: ours X unit, bare Y unit, ratio X/Y` — the one line every benchmark prints."""
    ratio = ours / bare if bare else float("nan")
    return f"{name}: ours {ours:.0f} {unit}, bare {bare:.0f} {unit}, ratio {ratio:.2f}"
