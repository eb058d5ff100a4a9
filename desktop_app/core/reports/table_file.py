"""Rows as shown in a table, written to .xlsx or .csv: the window's "export visible rows".

Numbers stay numbers (with as many decimals as they carry), text stays text (ids are never
turned into numbers), the header is bold and frozen with a filter; a csv is UTF-8 with a
BOM so Excel shows the Chinese. The file appears only when complete.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop_app.core.jobs import Job
from desktop_app.core.reports.writer import text_width

Value = str | int | Decimal | None
CHUNK = 1000  # rows between checks for Cancel
WIDTH_SAMPLE = 200  # rows that decide the column widths
MAX_WIDTH = 60


def _shown_text(value: Value) -> str:
    return "" if value is None else f"{value:,}" if isinstance(value, int | Decimal) else value


def write_table(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Value]], job: Job | None = None
) -> int:
    """Write an .xlsx or .csv (by the suffix) through a temporary file; returns the rows written.

    A cancelled or failed write leaves no file behind (and an existing one untouched).
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"{path.name}: an export is written as .xlsx or .csv")
    handle, temp = tempfile.mkstemp(suffix=suffix, prefix=".export-", dir=path.parent)
    os.close(handle)
    try:
        writer = _write_xlsx if suffix == ".xlsx" else _write_csv
        count = writer(Path(temp), headers, rows, job or Job())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return count


def _write_csv(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Value]], job: Job
) -> int:
    count = 0
    # utf-8-sig: Excel reads the BOM and shows Chinese instead of mojibake.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        for count, row in enumerate(rows, 1):
            writer.writerow(["" if v is None else str(v) for v in row])
            if count % CHUNK == 0:
                job.check()
    return count


def _write_xlsx(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[Value]], job: Job
) -> int:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    try:
        sheet = book.add_worksheet("Sheet1")
        bold = book.add_format({"bold": True})
        formats: dict[int, Any] = {}

        def number_format(value: int | Decimal) -> Any:
            places = 0 if isinstance(value, int) else max(-int(value.as_tuple().exponent), 0)
            if places not in formats:
                pattern = "#,##0" + ("." + "0" * places if places else "")
                formats[places] = book.add_format({"num_format": pattern})
            return formats[places]

        iterator = iter(rows)
        sample = [row for _, row in zip(range(WIDTH_SAMPLE), iterator, strict=False)]
        widths = [text_width(h) + 4 for h in headers]  # room for the filter button
        for row in sample:
            for c, value in enumerate(row):
                widths[c] = max(widths[c], text_width(_shown_text(value)) + 1)
        for c, width in enumerate(widths):
            sheet.set_column(c, c, min(width, MAX_WIDTH))
        sheet.write_row(0, 0, headers, bold)
        sheet.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(_chain(sample, iterator), 1):
            for c, value in enumerate(row):
                if isinstance(value, int | Decimal):
                    sheet.write_number(count, c, float(value), number_format(value))
                elif value is not None and value != "":
                    sheet.write_string(count, c, value)  # ids stay text, never numbers
            if count % CHUNK == 0:
                job.check()
        sheet.autofilter(0, 0, max(count, 1), max(len(headers) - 1, 0))
    finally:
        book.close()
    return count


def _chain(first: list[Sequence[Value]], rest: Iterator[Sequence[Value]]) -> Iterator[Any]:
    yield from first
    yield from rest
