"""Rows of an xlsx worksheet through python-calamine, streamed part by part for large sheets.

python-calamine reads a whole sheet at once: for a 200,000-row export that is seconds before
the first row and hundreds of MB for the cells. Here a large sheet's XML is cut at row
boundaries into parts of a few tens of MB, each wrapped as a small workbook in memory (the
file's own workbook, styles and shared strings, so dates and the 1904 flag read the same),
and calamine reads part k + 1 in a background thread — it releases the GIL while it parses —
while the caller works on the rows of part k. Memory stays at a few parts, and rows come out
numbered and aligned exactly as a whole-sheet read gives them (row numbers as in Excel, cells
from column A).

Sheets that are small, not plain xlsx (xls, xlsb, ods), or written without row numbers are
read whole, the way calamine always reads them.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import queue
import re
import threading
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from desktop_app.core.errors import BadInput

PART_BYTES = 24 << 20  # sheet XML per part: ~15,000 rows of a 40-column export
_READ_BLOCK = 8 << 20
_SST_SHARE = 4  # a part is at least this many times the shared strings (each part reads them)
_PREFETCH_AFTER = 64  # rows of a part read before the next is loaded (a header probe reads ~10)
FIRST_PART = 4 << 20  # small: the header and first rows come quickly
LOADERS = 2  # parts calamine reads at once (it releases the GIL: each has a core of its own)
DEPTH = 1  # parts cut and waiting for the caller
_HEAD_LIMIT = 4 << 20  # the sheet's elements before <sheetData> (views, columns) fit in this
_SKIPPED_PARTS = (  # not read for cell values; other sheets are never opened
    "xl/worksheets/", "xl/chartsheets/", "xl/media/", "xl/drawings/", "xl/charts/",
    "xl/embeddings/", "xl/pivotCache/", "xl/pivotTables/", "xl/printerSettings/",
)  # fmt: skip
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b[^>]*?(/?)>")
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)[\s>/]")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*/>")
Rows = Iterator[tuple[int, Sequence[Any]]]


def sheet_rows(path: Path, book: Any, name: str) -> SheetRows:
    """The rows of sheet `name` of the open calamine workbook `book` (read from `path`)."""
    return SheetRows(book, name, _plan(path, name), source=path.name)


class SheetRows:
    """Callable: each call gives a fresh iterator of (row number, cells) over the sheet.

    The first part stays loaded after the first pass, so finding the header and then
    reading the data costs one read of it.
    """

    def __init__(self, book: Any, name: str, plan: _Plan | None, source: str = "") -> None:
        self._book, self._name, self._plan, self._source = book, name, plan, source
        self._first: Any = None  # the whole sheet, or the first part
        self._spare: _Splitter | None = None  # positioned just after the first part

    @property
    def streamed(self) -> bool:
        return self._plan is not None

    def __call__(self) -> Rows:
        if self._plan is None:
            return self._whole()
        return self._checked(self._parts(self._plan))

    def _checked(self, rows: Rows) -> Rows:
        """A part that calamine cannot read is bad input, like a whole sheet would be."""
        try:
            yield from rows
        except (BadInput, KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except Exception as exc:  # calamine's own, zip and xml errors
            reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else repr(exc)
            raise BadInput(f"{self._source}: not a readable Excel workbook ({reason})") from exc

    def _whole(self) -> Rows:
        if self._first is None:
            self._first = self._book.get_sheet_by_name(self._name)
        sheet = self._first
        pad = [""] * sheet.start[1] if sheet.start else []
        rows = sheet.iter_rows()  # starts at row 1: calamine fills the rows above the data
        if not pad:
            return enumerate(rows, start=1)
        return ((n, [*pad, *cells]) for n, cells in enumerate(rows, start=1))

    def _parts(self, plan: _Plan) -> Rows:
        splitter, self._spare = self._spare, None
        ahead: _ReadAhead | None = None  # the parts after the first, once the pass goes on
        try:
            if self._first is None:
                splitter = _Splitter(plan)
                self._first = splitter.parse(splitter.next_workbook())
            elif splitter is None:
                splitter = _Splitter(plan)
                splitter.skip_next()
            sheet, expected = self._first, 1
            while sheet is not None:
                start_row, start_col = sheet.start or (expected - 1, 0)
                for _ in range(expected, start_row + 1):  # rows between parts with no cells
                    yield expected, []
                    expected += 1
                pad = [""] * start_col
                for index, cells in enumerate(sheet.to_python(skip_empty_area=True)):
                    if index == _PREFETCH_AFTER and ahead is None:
                        ahead = _ReadAhead(splitter)
                    yield expected, ([*pad, *cells] if pad else cells)
                    expected += 1
                ahead = ahead or _ReadAhead(splitter)
                sheet = ahead.next()
        finally:
            if ahead is not None:
                ahead.close()  # parts being read finish first
            if splitter is not None:
                if ahead is not None or self._spare is not None:
                    splitter.close()
                else:  # a header probe: the next pass goes on from here
                    self._spare = splitter


class _ReadAhead:
    """The parts after the current one: one thread cuts them in order, LOADERS threads have
    calamine read them at once (each part is a workbook of its own), the caller takes them
    in order. At most DEPTH parts wait, so memory stays at a few parts."""

    def __init__(self, splitter: _Splitter) -> None:
        self._splitter = splitter
        self._pool = ThreadPoolExecutor(LOADERS, thread_name_prefix="xlsx-part")
        self._ready: queue.Queue[Future[Any] | None] = queue.Queue(maxsize=DEPTH)
        self._stop = threading.Event()
        self._cutter = threading.Thread(target=self._cut, name="xlsx-cut", daemon=True)
        self._cutter.start()

    def _cut(self) -> None:
        while not self._stop.is_set():
            try:
                book = self._splitter.next_workbook()
            except BaseException as exc:  # handed to the caller, in its place in the order
                failed: Future[Any] = Future()
                failed.set_exception(exc)
                self._put(failed)
                return
            if book is None:
                self._put(None)
                return
            self._put(self._pool.submit(self._splitter.parse, book))

    def _put(self, item: Future[Any] | None) -> None:
        while not self._stop.is_set():
            try:
                self._ready.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def next(self) -> Any:
        """The next part's sheet, or None after the last."""
        item = self._ready.get()
        return None if item is None else item.result()

    def close(self) -> None:
        self._stop.set()
        while self._cutter.is_alive():
            with contextlib.suppress(queue.Empty):  # make room for a cutter waiting to put
                self._ready.get(timeout=0.05)
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Plan:
    """Where the sheet's XML is and what every part's workbook carries besides it."""

    def __init__(
        self, path: Path, sheet: str, member: str, fixed: dict[str, bytes], part_bytes: int
    ) -> None:
        self.path, self.sheet, self.member = path, sheet, member
        self.fixed, self.part_bytes = fixed, part_bytes


def _plan(path: Path, name: str) -> _Plan | None:
    """How to stream sheet `name`, or None when it is better read whole."""
    part_bytes = PART_BYTES
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, name)
            if member is None:
                return None
            infos = {i.filename: i for i in archive.infolist()}
            sst = sum(
                i.file_size for n, i in infos.items() if n.lower().endswith("sharedstrings.xml")
            )
            part_bytes = max(part_bytes, _SST_SHARE * sst)
            if infos[member].file_size < 2 * part_bytes:
                return None
            fixed = {
                n: archive.read(n)
                for n in infos
                if not n.endswith("/") and not n.startswith(_SKIPPED_PARTS)
            }
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError):
        return None  # calamine reads it whole and names what is wrong
    plan = _Plan(path, name, member, fixed, part_bytes)
    try:
        _Splitter(plan).close()  # reads the sheet's head: rows numbered, sheetData present
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    return plan


def _sheet_member(archive: zipfile.ZipFile, name: str) -> str | None:
    """The zip member holding worksheet `name` (workbook.xml → its relationship's target)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None  # xlsb, or an unusual layout
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = next(
        (s.get(f"{_NS_REL}id") for s in book.iter(f"{_NS_MAIN}sheet") if s.get("name") == name),
        None,
    )
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels if r.get("Id") == rel_id), None)
    if rel_id is None or not target:
        return None
    member = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    member = posixpath.normpath(member)
    return member if member in names and member.startswith("xl/worksheets/") else None


class _Splitter:
    """Cuts the sheet's XML into parts at row ends and loads each with calamine."""

    def __init__(self, plan: _Plan) -> None:
        self._plan = plan
        self._archive = zipfile.ZipFile(plan.path)
        self._stream = self._archive.open(plan.member)
        self._chunks: list[bytes] = []
        self._buffered = 0
        self._eof = False
        self._done = False
        self._parts = 0  # cut so far
        self._head, self._row_end, self._data_end, self._close = self._read_head()

    def close(self) -> None:
        self._stream.close()
        self._archive.close()

    def next_workbook(self) -> bytes | None:
        """The next part as a workbook of its own, or None after the last (in order)."""
        body = self._next_body()
        if body is None:
            return None
        return self._workbook(b"".join((self._head, body, self._close)))

    def parse(self, book: bytes | None) -> Any:
        """A part's workbook read by calamine (any thread: it holds no state of the cut)."""
        if book is None:
            return None
        from python_calamine import CalamineWorkbook

        return CalamineWorkbook.from_filelike(io.BytesIO(book)).get_sheet_by_name(self._plan.sheet)

    def skip_next(self) -> None:
        self._next_body()

    def _read_head(self) -> tuple[bytes, bytes, bytes, bytes]:
        data = b""
        while (match := _SHEET_DATA.search(data)) is None:
            block = self._stream.read(_READ_BLOCK)
            if not block or len(data) > _HEAD_LIMIT:
                raise ValueError("no sheetData in the worksheet")
            data += block
        if match[2]:  # <sheetData/>: an empty sheet is never planned (too small)
            raise ValueError("empty sheetData")
        root = _ROOT.search(
            data, data.find(b"<", data.find(b"?>") + 1 if data.startswith(b"<?") else 0)
        )
        if root is None:
            raise ValueError("no worksheet element")
        prefix = match[1]
        head = _DIMENSION.sub(b"", data[: match.end()])
        self._push(data[match.end() :])
        first_row = self._peek_row_tag(prefix)
        if first_row is not None and b' r="' not in first_row and b" r='" not in first_row:
            raise ValueError("rows without numbers")  # parts could not keep their places
        data_end = b"</" + prefix + b"sheetData>"
        return head, b"</" + prefix + b"row>", data_end, data_end + b"</" + root[1] + b">"

    def _peek_row_tag(self, prefix: bytes) -> bytes | None:
        data = b"".join(self._chunks)
        start = data.find(b"<" + prefix + b"row")
        if start < 0:
            return None
        return data[start : data.find(b">", start) + 1]

    def _push(self, data: bytes) -> None:
        if data:
            self._chunks.append(data)
            self._buffered += len(data)

    def _next_body(self) -> bytes | None:
        if self._done:
            return None
        size = self._plan.part_bytes if self._parts else min(FIRST_PART, self._plan.part_bytes)
        self._parts += 1
        while True:
            while not self._eof and self._buffered < size:
                self._read_block()
            data = b"".join(self._chunks)
            self._chunks, self._buffered = [], 0
            if self._eof:
                self._done = True
                end = data.find(self._data_end)
                body = data if end < 0 else data[:end]
                return body if body.strip() else None
            cut = data.find(self._row_end, size)  # a part's worth, then a row end
            if cut < 0:
                cut = data.rfind(self._row_end)
            if cut >= 0:
                cut += len(self._row_end)
                self._push(data[cut:])
                return data[:cut]
            self._push(data)  # one row longer than a part: read on
            self._read_block()

    def _read_block(self) -> None:
        block = self._stream.read(_READ_BLOCK)
        if block:
            self._push(block)
        else:
            self._eof = True

    def _workbook(self, sheet_xml: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as part:
            for name, data in self._plan.fixed.items():
                part.writestr(name, data)
            part.writestr(self._plan.member, sheet_xml)
        return out.getvalue()
