"""What every import reports: row counts, and every bad row at once (also as an xlsx to open)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.errors import BadInput

_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a bulk import runs.

    An import allocates millions of short-lived objects without reference cycles (cells,
    rows, orders); the collector's repeated passes over them cost about a sixth of a large
    import and free nothing. Nested and concurrent pauses are counted: collection is back
    on (as it was before) when the last one ends.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


@dataclass
class RowError:
    """One bad cell or row: where it is (1-based row as the user sees it), what was there, why."""

    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "file"
        column = f", column {self.column}" if self.column else ""
        value = f" ({self.value!r})" if self.value != "" else ""
        return f"{where}{column}{value}: {self.reason}"


@dataclass
class ImportSummary:
    """The JSON summary of `import …`: rows, inserted, updated, skipped, errors, warnings."""

    file: str
    kind: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class ImportRejected(BadInput):
    """All-or-nothing import found bad rows: nothing was written; the summary lists them all."""

    code = "import_rejected"

    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        shown = "; ".join(str(e) for e in summary.errors[:20])
        more = f" … and {len(summary.errors) - 20} more" if len(summary.errors) > 20 else ""
        super().__init__(
            f"{summary.file}: {len(summary.errors)} bad row(s), nothing imported: {shown}{more}"
        )


def write_error_report(summary: ImportSummary, out: Path) -> Path:
    """The bad rows as an xlsx the user can open beside the source file."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("错误 Errors")
    sheet.append(["文件 File", summary.file])
    sheet.append([])
    sheet.append(["行 Row", "列 Column", "值 Value", "原因 Reason"])
    for error in summary.errors:
        sheet.append([error.row, error.column, error.value, error.reason])
    book.save(out)
    return out
