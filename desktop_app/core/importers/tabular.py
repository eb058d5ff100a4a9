"""Reads csv/tsv/txt and xlsx/xls into rows of text keyed by field, finding the header by aliases.

Whatever the user brings — Excel's "Unicode text" (utf-16, tabs), a utf-8 csv with or without
a BOM, a GBK/GB18030 csv from a Chinese Excel, an xlsx with a title above the header — comes
out the same way: `read_table(path, aliases=…)` finds the header row among the first rows,
maps its columns to field names and yields each data row as {field: text}. Every cell is
text: numbers from a spreadsheet are written without scientific notation or a spurious
".0", and each row says which of its fields arrived as numbers, so an importer can warn
that a long ID may have lost digits in Excel (15 significant digits). A file that cannot be
read raises BadInput with a message naming the file, never another exception.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.importers.xlsx_stream import sheet_rows

Aliases = Mapping[str, tuple[str, ...]]
Cell = Any  # str, float, int, bool, datetime, date, time, timedelta (from a spreadsheet)
RawRows = Callable[[], Iterator[tuple[int, Sequence[Cell]]]]

DELIMITERS = (",", "\t", ";", "|")
_SAMPLE_BYTES = 256 * 1024
_DECODE_BLOCK = 1 << 20
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
csv.field_size_limit(16 * 1024 * 1024)  # an AliExpress 产品信息 cell can be long


class Row(MutableMapping[str, str]):
    """One data row as {field: text}; a cell becomes text only when it is read.

    Reading lazily is what keeps a 200,000-row import near the bare reader's speed: most
    rows of an order are asked for a few fields only. `numbers` (and `is_number`) say
    which fields arrived as numbers from a spreadsheet.
    """

    __slots__ = ("_cells", "_columns", "_extra", "_seen")

    def __init__(
        self,
        cells: Sequence[Cell] = (),
        columns: Mapping[str, int] | None = None,
        seen: set[str] | None = None,
    ) -> None:
        self._cells = cells
        self._columns = columns or {}
        self._extra: dict[str, str] | None = None
        self._seen = seen

    def __getitem__(self, name: str) -> str:
        value = self.get(name, None)
        if value is None:
            raise KeyError(name)
        return value

    def get(self, name: str, default: Any = "") -> Any:
        extra = self._extra
        if extra is not None and name in extra:
            return extra[name]
        index = self._columns.get(name)
        if index is None:
            return default
        value = self._cells[index] if index < len(self._cells) else ""
        if type(value) is str:  # most cells: return them as they are, fast
            if value and (value[0] in " \t=" or value[-1] in " \t"):
                return _clean_text(value)
            return value
        if type(value) is float or type(value) is int:
            if self._seen is not None:
                self._seen.add(name)
            return number_text(value)
        return cell_text(value)

    @property
    def cells(self) -> Sequence[Cell]:
        """The row's cells as the file gave them, by column."""
        return self._cells

    @property
    def columns(self) -> Mapping[str, int]:
        """field → column index into `cells`."""
        return self._columns

    def raw(self, name: str) -> Cell:
        """The cell as the file gave it (a float from a spreadsheet, text otherwise)."""
        index = self._columns.get(name)
        if index is None or index >= len(self._cells):
            return ""
        return self._cells[index]

    def __setitem__(self, name: str, value: str) -> None:
        if self._extra is None:
            self._extra = {}
        self._extra[name] = value

    def __delitem__(self, name: str) -> None:
        raise TypeError("a row's fields cannot be removed")

    def __iter__(self) -> Iterator[str]:
        yield from self._columns
        if self._extra:
            yield from (name for name in self._extra if name not in self._columns)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"Row({dict(self.items())!r})"

    def is_number(self, name: str) -> bool:
        """Did this field's cell arrive as a number (Excel may have changed a long ID)?"""
        if self._extra is not None and name in self._extra:
            return False
        index = self._columns.get(name)
        if index is None or index >= len(self._cells):
            return False
        kind = type(self._cells[index])
        return kind is float or kind is int

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(name for name in self._columns if self.is_number(name))


def normalise_header(text: str) -> str:
    """Case-, width-, space- and punctuation-insensitive form of a header or alias."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNM")


def header_candidates(text: str) -> list[str]:
    """A header cell's normalised forms: whole, outside and inside brackets.

    Localised exports put the English name in brackets ("เลขอ้างอิง SKU (SKU Reference No.)")
    or the Chinese before it; either half may be the alias we know.
    """
    forms = [normalise_header(text)]
    for opening, closing in (("(", ")"), ("（", "）"), ("[", "]")):
        if opening in text and closing in text:
            start, end = text.index(opening), text.rindex(closing)
            forms.append(normalise_header(text[start + 1 : end]))
            forms.append(normalise_header(text[:start] + text[end + 1 :]))
    return [f for f in forms if f]


def alias_index(aliases: Aliases) -> dict[str, str]:
    """normalised alias → field; an alias claimed by two fields is a programming error."""
    index: dict[str, str] = {}
    for name, names in aliases.items():
        for alias in (name, *names):
            key = normalise_header(alias)
            if index.setdefault(key, name) != name:
                raise ValueError(f"alias {alias!r} given for both {index[key]!r} and {name!r}")
    return index


@dataclass
class Table:
    """A header-mapped table. `fields` maps each found field to its header text in the file."""

    source: str
    header_row: int  # 1-based, as the user sees it in Excel
    headers: list[str]
    fields: dict[str, str]
    unmapped_columns: list[str]
    columns: dict[str, int]  # field → 0-based column index
    aliases: Aliases
    file_format: str = "csv"  # csv or xlsx
    encoding: str | None = None
    delimiter: str | None = None
    rows_read: int = 0  # non-blank data rows yielded so far by rows()
    _raw: RawRows | None = field(default=None, repr=False)
    _numeric: set[str] = field(default_factory=set, repr=False)

    def rows(self, skip: Callable[[int, Row], bool] | None = None) -> Iterator[tuple[int, Row]]:
        """(row number as the user sees it, Row) for every non-blank row below the header,
        except those `skip(number, row)` says are not data (not counted in rows_read)."""
        if self._raw is None:
            return
        self.rows_read = 0
        columns, seen = self.columns, self._numeric
        width = max(columns.values(), default=-1) + 1
        mapped = itemgetter(*columns.values()) if len(columns) > 1 else None
        for number, cells in self._raw():
            if number <= self.header_row or not width:
                continue
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            values = mapped(cells) if mapped else (cells[width - 1],)
            if not any(values) and values.count("") + values.count(None) == len(values):
                continue  # blank where it matters (notes or totals in other columns only)
            row = Row(cells, columns, seen)
            if not (skip and skip(number, row)):
                self.rows_read += 1
                yield number, row

    def was_number(self, name: str) -> bool:
        """Did any cell of this field read so far arrive as a number?"""
        return name in self._numeric

    def select(self, names: Iterable[str]) -> Table:
        """The same table reading only these fields (the others count as unmapped)."""
        keep = set(names)
        dropped = [self.fields[n] for n in self.fields if n not in keep]
        return replace(
            self,
            fields={n: h for n, h in self.fields.items() if n in keep},
            columns={n: i for n, i in self.columns.items() if n in keep},
            unmapped_columns=[*self.unmapped_columns, *dropped],
            _numeric=set(),
        )

    def column(self, name: str) -> str:
        """The header text of a field as written in the file (for messages), else the field."""
        return self.fields.get(name, name)

    def missing(self, required: Iterable[str]) -> list[RowError]:
        """One RowError per required field that has no column."""
        problems = []
        for name in sorted(set(required) - set(self.fields)):
            examples = ", ".join(self.aliases.get(name, ())[:4]) or name
            problems.append(
                RowError(
                    self.header_row,
                    name,
                    "",
                    f"required column not found (a header such as: {examples})",
                )
            )
        return problems

    def require(self, required: Iterable[str], kind: str = "table") -> None:
        """Raise ImportRejected listing every required field without a column."""
        problems = self.missing(required)
        if problems:
            raise ImportRejected(ImportSummary(file=self.source, kind=kind, errors=problems))


def _clean_text(value: str) -> str:
    value = value.strip()
    # Exports meant for Excel wrap long IDs as ="123…" so Excel keeps them as text.
    if len(value) >= 3 and value.startswith('="') and value.endswith('"'):
        value = value[2:-1]
    return value


def number_text(value: float | int) -> str:
    """A spreadsheet number as the user sees it: no exponent, no ".0", 15 significant digits."""
    if type(value) is int:
        return str(value)
    text = repr(value)
    if len(text) <= 16 and "e" not in text and "n" not in text:  # the common, short case
        if text.endswith(".0"):
            text = text[:-2]
        return "0" if text == "-0" else text
    if value != value or value in (float("inf"), float("-inf")):
        return text
    number = Decimal(format(value, ".15g"))  # what Excel shows of a binary float
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    text = format(number, "f")
    return "0" if text == "-0" else text


def cell_text(value: Cell) -> str:
    """Any spreadsheet cell as text; dates and times in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(value).strip()


# ---------------------------------------------------------------- header detection


def find_header(
    rows: Iterable[tuple[int, Sequence[Cell]]], index: Mapping[str, str], limit: int
) -> tuple[int, list[str], dict[str, int], list[str]] | None:
    """The row among the first `limit` that names the most fields: (row, headers, columns,
    unmapped), or None when no row names any."""
    best: tuple[int, list[str], dict[str, int], list[str]] | None = None
    for count, (number, cells) in enumerate(rows):
        if count >= limit:
            break
        headers = [cell_text(c) for c in cells]
        columns, unmapped = _map_headers(headers, index)
        if columns and (best is None or len(columns) > len(best[2])):
            best = (number, headers, columns, unmapped)
    return best


def _map_headers(headers: list[str], index: Mapping[str, str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    unmapped: list[str] = []
    for position, text in enumerate(headers):
        if not text:
            continue
        name = next((index[f] for f in header_candidates(text) if f in index), None)
        if name is None or name in columns:
            unmapped.append(text)
        else:
            columns[name] = position
    return columns, unmapped


def _build(
    source: str,
    raw: RawRows,
    aliases: Aliases,
    required: Iterable[str],
    header_rows_max: int,
    **info: Any,
) -> Table | None:
    found = find_header(raw(), alias_index(aliases), header_rows_max)
    if found is None:
        return None
    number, headers, columns, unmapped = found
    fields = {name: headers[i] for name, i in columns.items()}
    table = Table(source, number, headers, fields, unmapped, columns, aliases, _raw=raw, **info)
    table.require(required)
    return table


def _no_header(source: str, aliases: Aliases, header_rows_max: int) -> BadInput:
    known = [names[0] if names else name for name, names in list(aliases.items())[:6]]
    return BadInput(
        f"{source}: no header row found in the first {header_rows_max} rows "
        f"(expected columns such as: {', '.join(known)})"
    )


# ---------------------------------------------------------------- public entry points


def read_table(
    path: str | Path,
    *,
    aliases: Aliases,
    required: Iterable[str] = frozenset(),
    header_rows_max: int = 10,
    sheet: str | None = None,
) -> Table:
    """Open a csv/tsv/txt or xlsx/xls file and map its header row to fields.

    Raises BadInput when the file cannot be read or has no recognisable header, and
    ImportRejected (a BadInput) listing every required field without a column.
    """
    path = Path(path)
    source = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
        return _read_workbook(path, source, aliases, required, header_rows_max, sheet)
    return _read_text(path, source, aliases, required, header_rows_max)


def table_from_rows(
    rows: Iterable[Sequence[Cell]],
    *,
    aliases: Aliases,
    required: Iterable[str] = frozenset(),
    header_rows_max: int = 10,
    source: str = "rows",
) -> Table:
    """A Table over in-memory rows (cells as a spreadsheet gives them); row 1 is the first."""
    grid = [list(r) for r in rows]

    def raw() -> Iterator[tuple[int, Sequence[Cell]]]:
        return ((i, cells) for i, cells in enumerate(grid, start=1))

    table = _build(source, raw, aliases, required, header_rows_max, file_format="rows")
    if table is None:
        raise _no_header(source, aliases, header_rows_max)
    return table


# ---------------------------------------------------------------- spreadsheets


def _read_workbook(
    path: Path,
    source: str,
    aliases: Aliases,
    required: Iterable[str],
    header_rows_max: int,
    sheet: str | None,
) -> Table:
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        names = [sheet] if sheet is not None else _worksheets(book)
        if sheet is not None and sheet not in book.sheet_names:
            raise BadInput(
                f"{source}: no sheet named {sheet!r} (sheets: {', '.join(book.sheet_names)})"
            )
        for name in names:
            raw = sheet_rows(path, book, name)
            table = _build(source, raw, aliases, required, header_rows_max, file_format="xlsx")
            if table is not None:
                return table
    except BadInput:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's own, zip and xml errors, and Rust panics
        raise BadInput(f"{source}: not a readable Excel workbook ({_reason(exc)})") from exc
    raise _no_header(source, aliases, header_rows_max)


def _worksheets(book: Any) -> list[str]:
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    visible = [
        m.name
        for m in book.sheets_metadata
        if m.typ == SheetTypeEnum.WorkSheet and m.visible == SheetVisibleEnum.Visible
    ]
    return visible or list(book.sheet_names)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


# ---------------------------------------------------------------- text files


def _read_text(
    path: Path, source: str, aliases: Aliases, required: Iterable[str], header_rows_max: int
) -> Table:
    encoding = detect_encoding(path, source)
    sample = _text_sample(path, encoding)
    if not sample.strip():
        raise BadInput(f"{source}: the file is empty")
    index = alias_index(aliases)
    best: tuple[int, str] | None = None
    for delimiter in _delimiter_order(path, sample):
        found = find_header(_csv_rows(io.StringIO(sample), delimiter), index, header_rows_max)
        if found is not None and (best is None or len(found[2]) > best[0]):
            best = (len(found[2]), delimiter)
    if best is None:
        raise _no_header(source, aliases, header_rows_max)
    delimiter = best[1]

    def raw() -> Iterator[tuple[int, Sequence[Cell]]]:
        with path.open("r", encoding=encoding, newline="") as fh:
            yield from _csv_rows(fh, delimiter, source)

    table = _build(
        source, raw, aliases, required, header_rows_max, encoding=encoding, delimiter=delimiter
    )
    if table is None:  # pragma: no cover - the sample already had the header
        raise _no_header(source, aliases, header_rows_max)
    return table


def _csv_rows(
    stream: io.TextIOBase | Any, delimiter: str, source: str = ""
) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        if not source:  # sniffing a sample: a cut-off quote at its end is not an error
            return
        raise BadInput(
            f"{source}: row {reader.line_num}: not a readable text table ({exc})"
        ) from exc
    except UnicodeDecodeError as exc:
        raise BadInput(f"{source}: the file mixes text encodings ({exc.reason})") from exc


def _delimiter_order(path: Path, sample: str) -> list[str]:
    """Tab first for .tsv/.txt (Excel's "Unicode text" and Amazon reports), comma otherwise."""
    first_line = sample.split("\n", 1)[0]
    if path.suffix.lower() in (".tsv", ".txt", ".tab") or "\t" in first_line:
        return ["\t", ",", ";", "|"]
    return list(DELIMITERS)


def detect_encoding(path: Path, source: str) -> str:
    """BOM first (utf-8-sig, utf-16), then utf-8, then gb18030; binary files are refused."""
    with path.open("rb") as fh:
        head = fh.read(_SAMPLE_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif utf16 := _looks_utf16(head):
        encoding = utf16
    elif b"\x00" in head:
        raise BadInput(f"{source}: not a text table or a spreadsheet (binary content)")
    else:
        encoding = next((e for e in ("utf-8", "gb18030") if _decodes(path, e)), "")
        if not encoding:
            raise BadInput(f"{source}: text in an unknown encoding (tried utf-8 and GB18030)")
        return encoding
    if not _decodes(path, encoding):
        raise BadInput(f"{source}: not valid {encoding} text")
    return encoding


def _looks_utf16(head: bytes) -> str | None:
    """utf-16 without a BOM: NUL bytes that decode, on the side ASCII puts them, to text."""
    if b"\x00" not in head:
        return None
    sample = head[: len(head) // 2 * 2]
    encoding = "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
    return encoding if "\x00" not in text and printable >= 0.95 * len(text) else None


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with path.open("rb") as fh:
            while block := fh.read(_DECODE_BLOCK):
                if "\x00" in decoder.decode(block):
                    return False
            decoder.decode(b"", final=True)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _text_sample(path: Path, encoding: str) -> str:
    with path.open("r", encoding=encoding, newline="") as fh:
        return fh.read(_SAMPLE_BYTES)
