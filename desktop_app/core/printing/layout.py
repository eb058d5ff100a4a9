"""Drawing helpers shared by the forms: text fitted into boxes, number formats, code names."""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.printing import fonts

LEADING = 1.18  # line height as a multiple of the font size
ELLIPSIS = "…"
_BREAK_AFTER = frozenset(" |/,;:)-、，；：）")


@dataclass(frozen=True)
class Fitted:
    """Text laid out for one box: the size to use and the lines at that size."""

    size: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy line breaking by glyph widths; prefers breaking after a space or separator so
    Latin words and 申报要素 elements stay whole, breaks anywhere between Chinese characters."""
    widths, default = fonts.char_widths()
    limit = width * 1000.0 / size
    lines: list[str] = []
    for paragraph in text.split("\n"):
        start, used, last_break = 0, 0.0, -1
        index = 0
        while index < len(paragraph):
            ch = paragraph[index]
            used += widths.get(ord(ch), default)
            if used > limit and index > start:
                cut = last_break + 1 if last_break >= start else index
                lines.append(paragraph[start:cut].rstrip())
                start, used, last_break = cut, 0.0, -1
                while start < len(paragraph) and paragraph[start] == " ":
                    start += 1
                index = start
                continue
            if ch in _BREAK_AFTER or ord(ch) > 0x2E7F:
                last_break = index
            index += 1
        lines.append(paragraph[start:].rstrip())
    return lines


@lru_cache(maxsize=8192)
def fit(text: str, width: float, height: float, size: float, min_size: float) -> Fitted:
    """The largest size from `size` down to `min_size` at which `text` fits the box, wrapped.

    Text that does not fit even at `min_size` keeps as many lines as the box holds, the last
    ending in an ellipsis: a form box cannot grow, and a visible ellipsis tells the reader
    to look at the record rather than silently losing the end.
    """
    if not text:
        return Fitted(size, ())
    if "\n" not in text and fonts.string_width(text, size) <= width:
        return Fitted(size, (text,))
    current = size
    while True:
        lines = wrap(text, width, current)
        if len(lines) * current * LEADING <= height + 0.01:
            return Fitted(current, tuple(lines))
        if current <= min_size:
            room = max(1, int((height + 0.01) // (current * LEADING)))
            return Fitted(current, _cut(lines, room, width, current))
        current = max(min_size, round(current - 0.5, 1))


def _cut(lines: list[str], room: int, width: float, size: float) -> tuple[str, ...]:
    kept = lines[:room]
    last = kept[-1]
    while last and fonts.string_width(last + ELLIPSIS, size) > width:
        last = last[:-1]
    return (*kept[:-1], last + ELLIPSIS)


class Pen:
    """A canvas plus the form font: draws text top-down in boxes measured from the page top.

    Forms are designed from the top of the page (as people read them); reportlab measures
    from the bottom, so every y here is converted once, in this class.
    """

    def __init__(self, canvas: Canvas, page_height: float) -> None:
        self.canvas = canvas
        self.page_height = page_height
        self.font = fonts.register()
        self._size = 0.0

    def size(self, size: float) -> None:
        if size != self._size:
            self.canvas.setFont(self.font, size)
            self._size = size

    def text(
        self, x: float, top: float, text: str, size: float, align: str = "left", mode: int = 0
    ) -> None:
        """One line whose cap height starts at `top` (distance from the page top)."""
        if not text:
            return
        self.size(size)
        if align != "left":
            width = fonts.string_width(text, size)
            x -= width if align == "right" else width / 2
        y = self.page_height - top - size * 0.88
        if mode:
            self.canvas.drawString(x, y, text, mode=mode)
        else:
            self.canvas.drawString(x, y, text)

    def bold(self, x: float, top: float, text: str, size: float, align: str = "left") -> None:
        """Text filled and stroked: the font has no bold face, and titles still need weight."""
        self.canvas.setLineWidth(size / 30)
        self.text(x, top, text, size, align, mode=2)

    def block(
        self, x: float, top: float, fitted: Fitted, width: float = 0, align: str = "left"
    ) -> None:
        """The lines of a Fitted block; for right or centre alignment x is the box's left."""
        anchor = x + (width if align == "right" else width / 2 if align == "centre" else 0)
        for n, line in enumerate(fitted.lines):
            self.text(anchor, top + n * fitted.size * LEADING, line, fitted.size, align)

    def lines(self, segments: list[tuple[float, float, float, float]]) -> None:
        """Straight lines given top-down as (x1, top1, x2, top2)."""
        h = self.page_height
        self.canvas.lines([(x1, h - t1, x2, h - t2) for x1, t1, x2, t2 in segments])

    def rect(self, x: float, top: float, width: float, height: float) -> None:
        self.canvas.rect(x, self.page_height - top - height, width, height)

    def page_done(self) -> None:
        self.canvas.showPage()
        self._size = 0.0


class CodeNames:
    """Names of customs codes, each table read once per print run (a batch prints thousands).

    A database whose code tables were never loaded (they are loaded when the window or a
    command opens it) still prints names: the built-in edition shipped with the program is
    read from its CSV file instead.
    """

    def __init__(self, session: Session | None) -> None:
        self._session = session
        self._tables: dict[str, dict[str, tuple[str, str]]] = {}

    def _table(self, table: str) -> dict[str, tuple[str, str]]:
        found = self._tables.get(table)
        if found is None:
            rows = codes.entries(self._session, table) if self._session is not None else []
            found = {e.code: (e.name_cn, e.name_en) for e in rows} or _builtin_names(table)
            self._tables[table] = found
        return found

    def cn(self, table: str, code: str | None) -> str:
        """The Chinese name, or '' for an empty or unknown code."""
        return self._table(table).get(code or "", ("", ""))[0]

    def en(self, table: str, code: str | None) -> str:
        names = self._table(table).get(code or "", ("", ""))
        return names[1] or names[0]


def _builtin_names(table: str) -> dict[str, tuple[str, str]]:
    path = codes.builtin_dir() / f"{table}.csv"
    if table not in codes.BUILTIN_TABLES or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["code"]: (row["name_cn"], row["name_en"]) for row in csv.DictReader(fh)}


def qty(value: Decimal | None) -> str:
    """A quantity or weight without trailing zeros: 12.50000 → 12.5, 100.00000 → 100."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: Decimal | None) -> str:
    """Money to the fen with thousands separators: 1234.5 → 1,234.50."""
    return "" if value is None else f"{value:,.2f}"


def price(value: Decimal | None) -> str:
    """A unit price with 2 to 4 decimals: 4.8000 → 4.80, 1.2345 → 1.2345."""
    if value is None:
        return ""
    text = f"{value:.4f}"
    return text[:-2] + text[-2:].rstrip("0") if text.endswith("0") else text


def day(value: dt.date | None, compact: bool = False) -> str:
    if value is None:
        return ""
    return value.strftime("%Y%m%d") if compact else value.isoformat()


@contextmanager
def pdf_file(out: str | Path, pagesize: tuple[float, float], title: str) -> Iterator[Canvas]:
    """A canvas writing to `out`: the file appears whole when the block ends, or not at all."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(suffix=".pdf", prefix=".printing-", dir=out.parent)
    os.close(handle)
    try:
        canvas = Canvas(
            temp_name, pagesize=pagesize, pageCompression=1, initialFontName=fonts.register()
        )
        canvas.setTitle(title)
        canvas.setAuthor("ExportDesk")
        canvas.setCreator("ExportDesk")
        yield canvas
        canvas.save()
        os.replace(temp_name, out)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
