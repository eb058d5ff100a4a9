"""Write a Report as a styled xlsx workbook: a cover sheet, then one streamed sheet per Sheet.

XlsxWriter in constant_memory mode writes each row as it comes, so a ledger of millions of
rows never sits in memory; rows must then be written in order, which is why the column
widths are fitted from the titles and a first chunk of rows buffered before anything is
written. Decimals are summed exactly for the totals row and turned into floats (what xlsx
stores and Excel reads) only here, cell by cell. The file appears only when complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from sqlalchemy.orm import Session
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.reports.model import Column, Report, Sheet
from desktop_app.core.services import company

CHINA = dt.timezone(dt.timedelta(hours=8))
FIT_ROWS = 200  # rows buffered to fit the column widths
MIN_WIDTH, MAX_WIDTH = 6, 60
MAX_DATA_ROWS = 1_048_576 - 2  # an Excel sheet's rows less the header and the totals row
CHECK_EVERY = 1024  # rows between two looks at the cancel button (a power of two)
TOTAL_LABEL = "合计"
NO_DATA = "无数据 No data"
HEADER_FILL = "#DDEBF7"
NUMBER_FORMATS = {
    "id": "@",
    "int": "#,##0",
    "qty": "#,##0",  # whole quantities; fractions get QTY_FRACTION (no trailing dot either way)
    "money": "#,##0.00",
    "price": "#,##0.00##",
    "rate": "0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
QTY_FRACTION = "#,##0.0####"
NUMERIC = frozenset({"int", "qty", "money", "price", "rate"})

Writer = Callable[[int, int, Any], Any]
Writer4 = Callable[[int, int, Any, Any], Any]
# Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: from
# 1 March 1900 on, a day's serial number is its distance from 30 December 1899.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_LEAP_BUG_END = dt.date(1900, 3, 1)


@dataclass
class WriteResult:
    path: Path
    rows: dict[str, int]  # data rows per sheet name
    totals: dict[str, dict[str, Decimal | int]]  # sheet name -> column key -> exact total


def write_report(
    session: Session,
    report: Report,
    path: str | Path,
    *,
    job: Job | None = None,
    now: dt.datetime | None = None,
) -> WriteResult:
    """Write `report` to `path` (an .xlsx): a cover sheet 封面, then each sheet in turn.

    The workbook is written to a temporary file beside `path` and renamed over it only when
    complete; when `job` is cancelled (Cancelled) or anything fails, no file is left.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise BadInput(f"{target}: the folder {target.parent} does not exist")
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    partial = Path(name)
    try:
        with tempfile.TemporaryDirectory(prefix="exportdesk-xlsx-") as scratch:
            result = _write(session, report, partial, scratch, job, now)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    result.path = target
    return result


def _write(
    session: Session,
    report: Report,
    path: Path,
    scratch: str,
    job: Job | None,
    now: dt.datetime | None,
) -> WriteResult:
    options = {"constant_memory": True, "tmpdir": scratch, "remove_timezone": True}
    book = xlsxwriter.Workbook(str(path), options)
    try:
        styles = _Styles(book)
        profile = company.find_profile(session)
        company_name = profile.name_cn if profile is not None else ""
        book.set_properties({"title": report.title_cn, "subject": report.title_en,
                             "company": company_name, "comments": report.name})  # fmt: skip
        cover = book.add_worksheet("封面")
        next_row = _cover(cover, styles, report, profile, now or dt.datetime.now(CHINA))
        result = WriteResult(path, {}, {})
        for sheet in report.sheets:
            rows, totals = _SheetWriter(book.add_worksheet(sheet.name), styles, sheet, job).write()
            result.rows[sheet.name] = rows
            result.totals[sheet.name] = totals
        _cover_contents(cover, styles, next_row, result.rows)
        if job is not None:
            job.check()
    except BaseException:
        _abandon(book)
        raise
    book.close()
    return result


def _abandon(book: Workbook) -> None:
    """Close the row files a cancelled workbook holds open, so its scratch folder can go."""
    for sheet in book.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()


class _Styles:
    """Every format the workbook uses, made once (XlsxWriter keeps one record per format)."""

    def __init__(self, book: Workbook) -> None:
        base = {"font_name": "等线", "font_size": 10}
        self.title = book.add_format({**base, "bold": True, "font_size": 16})
        self.subtitle = book.add_format({**base, "font_size": 12, "font_color": "#555555"})
        self.label = book.add_format({**base, "bold": True})
        self.text = book.add_format(base)
        self.header = book.add_format({**base, "bold": True, "bg_color": HEADER_FILL, "border": 1,
                                       "text_wrap": True, "valign": "vcenter"})  # fmt: skip
        self.muted = book.add_format({**base, "italic": True, "font_color": "#7A8594"})
        self.cells: dict[str, Any] = {"text": self.text}
        self.totals: dict[str, Any] = {"text": self._total(book, base, None)}
        for kind, number_format in NUMBER_FORMATS.items():
            self.cells[kind] = book.add_format({**base, "num_format": number_format})
            self.totals[kind] = self._total(book, base, number_format)
        self.qty_fraction = book.add_format({**base, "num_format": QTY_FRACTION})
        self.total_qty_fraction = self._total(book, base, QTY_FRACTION)

    @staticmethod
    def _total(book: Workbook, base: dict[str, Any], number_format: str | None) -> Any:
        spec: dict[str, Any] = {**base, "bold": True, "top": 1, "bottom": 6}
        if number_format:
            spec["num_format"] = number_format
        return book.add_format(spec)


# -- the cover -------------------------------------------------------------------------


def _cover(ws: Worksheet, styles: _Styles, report: Report, profile: Any, now: dt.datetime) -> int:
    """Title, company, parameters and time of generation; returns the next free row."""
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 60)
    ws.set_paper(9)  # A4, one page: the cover prints as one sheet of paper
    ws.fit_to_pages(1, 1)
    ws.write_string(0, 0, report.title_cn, styles.title)
    ws.write_string(1, 0, report.title_en, styles.subtitle)
    lines: list[tuple[str, str]] = [
        ("公司 Company", profile.name_cn if profile is not None else ""),
        ("统一社会信用代码 USCC", (profile.uscc or "") if profile is not None else ""),
    ]
    lines += [(str(key), str(value)) for key, value in report.params.items()]
    stamp = now.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")
    lines += [("生成时间 Generated at", f"{stamp} (北京时间 UTC+8)"), ("报表 Report", report.name)]
    row = 3
    for label, value in lines:
        ws.write_string(row, 0, label, styles.label)
        ws.write_string(row, 1, value, styles.text)
        row += 1
    return row + 1


def _cover_contents(ws: Worksheet, styles: _Styles, row: int, counts: dict[str, int]) -> None:
    """Which sheets follow and how many rows each holds (known only once they are written)."""
    ws.write_string(row, 0, "工作表 Sheet", styles.label)
    ws.write_string(row, 1, "行数 Rows", styles.label)
    for offset, (name, count) in enumerate(counts.items(), start=1):
        ws.write_string(row + offset, 0, name, styles.text)
        ws.write_string(row + offset, 1, f"{count:,}", styles.text)


# -- a data sheet ----------------------------------------------------------------------


class _SheetWriter:
    """One sheet: widths fitted, header, streamed rows, totals row; rows and totals returned."""

    def __init__(self, ws: Worksheet, styles: _Styles, sheet: Sheet, job: Job | None) -> None:
        self.ws, self.styles, self.sheet, self.job = ws, styles, sheet, job
        self.columns = sheet.columns
        self.sums: list[Decimal | int] = [
            0 if c.kind == "int" else Decimal(0) for c in self.columns
        ]

    def write(self) -> tuple[int, dict[str, Decimal | int]]:
        ws, columns = self.ws, self.columns
        rows = iter(self.sheet.rows)
        first = list(itertools.islice(rows, FIT_ROWS))
        for index, column in enumerate(columns):
            ws.set_column(index, index, column.width or _fit(column, index, first))
        ws.set_row(0, 30)
        for index, column in enumerate(columns):
            ws.write_string(0, index, f"{column.title_cn}\n{column.title_en}", self.styles.header)
        ws.freeze_panes(1, 0)
        ws.repeat_rows(0)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        count = self._rows(itertools.chain(first, rows), self._expected())
        last = max(count, 1)
        ws.autofilter(0, 0, last, len(columns) - 1)
        if count == 0:
            ws.write_string(1, 0, NO_DATA, self.styles.muted)
        else:
            self._totals_row(count + 1)
        totals = {c.key: self.sums[i] for i, c in enumerate(columns) if c.total}
        return count, totals

    def _expected(self) -> int:
        """Rows to come, when the rows are a list (0: unknown, a stream)."""
        total = getattr(self.sheet.rows, "__len__", None)
        return total() if total is not None else 0

    def _rows(self, rows: Iterator[Sequence[Any]], expected: int) -> int:
        writers = [(i, self._writer(c)) for i, c in enumerate(self.columns)]
        job, name = self.job, self.sheet.name
        row = 1
        limit = MAX_DATA_ROWS
        for values in rows:
            if row > limit:
                raise BadInput(
                    f"{name}: more than {limit:,} rows, more than an Excel sheet holds; "
                    "choose a shorter period or one warehouse"
                )
            for index, write in writers:
                value = values[index]
                if value is not None:
                    write(row, index, value)
            if not row & (CHECK_EVERY - 1) and job is not None:
                job.report(row, expected, f"{name}: {row:,}")
            row += 1
        return row - 1

    def _writer(self, column: Column) -> Writer:
        """The function writing one cell of `column`: chosen once, not per cell."""
        cells, kind = _CellMethods(self.ws), column.kind
        fmt = self.styles.cells[kind]
        if kind in ("text", "id"):
            write_string = cells.string

            def text(row: int, col: int, value: Any) -> Any:
                if value.__class__ is not str:
                    value = str(value)
                if value:  # "" leaves the cell empty, as XlsxWriter's own write() does
                    write_string(row, col, value, fmt)

            return text
        if kind == "date":
            return _date_writer(cells, fmt)
        if kind == "datetime":
            return _datetime_writer(cells, fmt)
        return self._number_writer(cells.number, column, fmt)

    def _number_writer(self, write_number: Writer4, column: Column, fmt: Any) -> Writer:
        sums, fraction = self.sums, self.styles.qty_fraction
        if column.kind == "qty":
            if column.total:

                def qty_total(row: int, col: int, value: Any) -> Any:
                    sums[col] += value
                    number = float(value)
                    return write_number(row, col, number, fmt if number.is_integer() else fraction)

                return qty_total

            def qty(row: int, col: int, value: Any) -> Any:
                number = float(value)
                return write_number(row, col, number, fmt if number.is_integer() else fraction)

            return qty
        if column.total:

            def total(row: int, col: int, value: Any) -> Any:
                sums[col] += value
                return write_number(row, col, float(value), fmt)

            return total
        return lambda row, col, value: write_number(row, col, float(value), fmt)

    def _totals_row(self, row: int) -> None:
        ws, styles, columns = self.ws, self.styles, self.columns
        label_at = _label_column(columns)
        for index, column in enumerate(columns):
            fmt = styles.totals["text" if column.kind not in NUMBER_FORMATS else column.kind]
            if column.total:
                value = self.sums[index]
                number = float(value)  # the exact Decimal sum, converted once
                if column.kind == "qty" and not number.is_integer():
                    fmt = styles.total_qty_fraction
                ws.write_number(row, index, number, fmt)
            elif index == label_at:
                ws.write_string(row, index, TOTAL_LABEL, styles.totals["text"])
            else:
                ws.write_blank(row, index, None, fmt)


class _CellMethods:
    """The worksheet's cell writers without the decorator of the public write_* methods,
    which parses "A1" addresses on every call (a fifth of the time of a large sheet); the
    public ones when an XlsxWriter version lacks them."""

    def __init__(self, ws: Worksheet) -> None:
        self.string: Writer4 = getattr(ws, "_write_string", ws.write_string)
        self.number: Writer4 = getattr(ws, "_write_number", ws.write_number)
        self.datetime: Writer4 = getattr(ws, "_write_datetime", ws.write_datetime)


def _date_writer(cells: _CellMethods, fmt: Any) -> Writer:
    """Dates as the day numbers Excel stores, each distinct day converted once."""
    write_number, write_datetime = cells.number, cells.datetime
    serials: dict[dt.date, int] = {}

    def day(row: int, col: int, value: dt.date) -> Any:
        serial = serials.get(value)
        if serial is None:
            if value.__class__ is not dt.date or value < EXCEL_LEAP_BUG_END:
                return write_datetime(row, col, value, fmt)
            serial = serials[value] = (value - EXCEL_EPOCH).days
        return write_number(row, col, serial, fmt)

    return day


def _datetime_writer(cells: _CellMethods, fmt: Any) -> Writer:
    write_datetime = cells.datetime

    def moment(row: int, col: int, value: dt.datetime) -> Any:
        if value.tzinfo is not None:
            value = value.astimezone(CHINA).replace(tzinfo=None)
        return write_datetime(row, col, value, fmt)

    return moment


def _label_column(columns: Sequence[Column]) -> int | None:
    """Where 合计 goes: the first text column, else the first column without a total."""
    for kinds in (("text", "id"), None):
        for index, column in enumerate(columns):
            if not column.total and (kinds is None or column.kind in kinds):
                return index
    return None


# -- widths ----------------------------------------------------------------------------


def text_width(text: str) -> int:
    """Columns `text` takes on screen: CJK and other wide characters count as 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(column: Column, index: int, rows: Iterable[Sequence[Any]]) -> int:
    """Characters for the title (either language) and the widest of the buffered values."""
    width = max(text_width(column.title_cn), text_width(column.title_en))
    shown = _shown(column.kind)
    for row in rows:
        value = row[index]
        if value is not None:
            width = max(width, shown(value))
    return max(MIN_WIDTH, min(MAX_WIDTH, width + 2))


def _shown(kind: str) -> Callable[[Any], int]:
    """How wide a value of `kind` is once formatted."""
    if kind == "money":
        return lambda v: len(f"{v:,.2f}")
    if kind == "price":
        return lambda v: len(f"{v:,.4f}")
    if kind == "rate":
        return lambda v: len(f"{v:.2f}")
    if kind in ("int", "qty"):
        return lambda v: len(f"{v:,}")
    if kind == "date":
        return lambda v: 10
    if kind == "datetime":
        return lambda v: 16
    return lambda v: text_width(str(v))
