"""Large sheets read in parts give exactly the rows a whole-sheet read gives."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from desktop_app.core.errors import BadInput
from desktop_app.core.importers import xlsx_stream
from desktop_app.core.importers.tabular import read_table

ALIASES = {"order_id": ("Order ID",), "amount": ("Amount",), "when": ("Paid",)}


def _write(path: Path, rows: int, *, write_only: bool, gap_every: int = 0) -> None:
    """A sheet starting in column B under a title, with numbers, dates, blanks and gaps."""
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("orders") if write_only else book.active
    if not write_only:
        sheet.title = "orders"
        book.create_sheet("notes")["A1"] = "other sheet"
    sheet.append([None, "Monthly orders"])
    sheet.append([None, "Order ID", "Amount", "Paid", "Note"])
    start = dt.datetime(2024, 1, 1, 8, 30)
    for n in range(rows):
        if gap_every and n % gap_every == gap_every - 1:
            sheet.append([])  # an empty row: no cells
            continue
        note = "" if n % 3 else f"note {n} — 备注"
        sheet.append([None, f"A{n:07d}", n * 1.25 + 0.09, start + dt.timedelta(hours=n), note])
    book.save(path)


def _whole(path: Path) -> list[tuple[int, list]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("orders")
    pad = [""] * sheet.start[1]
    return [(n, [*pad, *cells]) for n, cells in enumerate(sheet.iter_rows(), start=1)]


def _streamed(path: Path) -> xlsx_stream.SheetRows:
    book = CalamineWorkbook.from_path(str(path))
    return xlsx_stream.sheet_rows(path, book, "orders")


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_stream, "PART_BYTES", 16 * 1024)


@pytest.mark.parametrize("write_only", [True, False], ids=["inline-strings", "shared-strings"])
def test_parts_give_the_rows_of_a_whole_read(
    tmp_path: Path, small_parts: None, write_only: bool
) -> None:
    path = tmp_path / "orders.xlsx"
    _write(path, 3000, write_only=write_only, gap_every=997)
    rows = _streamed(path)
    assert rows.streamed
    got = [(n, list(cells)) for n, cells in rows()]
    expected = _whole(path)
    # the whole read pads every row to the sheet's width; parts pad to their own
    assert [
        (n, c[: len(e)] + [""] * (len(e) - len(c)))
        for (n, c), (_, e) in zip(got, expected, strict=True)
    ] == expected
    assert len(got) == len(expected)


def test_a_second_pass_starts_again_at_row_one(tmp_path: Path, small_parts: None) -> None:
    path = tmp_path / "orders.xlsx"
    _write(path, 2000, write_only=True)
    rows = _streamed(path)
    probe = rows()
    first = [next(probe) for _ in range(5)]
    probe.close()
    again = list(rows())
    assert [n for n, _ in again] == list(range(1, len(again) + 1))
    assert again[:5] == first
    assert list(rows()) == again


def test_small_sheets_are_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    _write(path, 50, write_only=True)
    assert not _streamed(path).streamed


def test_read_table_finds_the_header_and_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "orders.xlsx"
    _write(path, 2500, write_only=False, gap_every=500)

    def read(part_bytes: int) -> list[tuple[int, dict[str, str]]]:
        monkeypatch.setattr(xlsx_stream, "PART_BYTES", part_bytes)
        table = read_table(path, aliases=ALIASES)
        assert table.header_row == 2
        return [(n, dict(row)) for n, row in table.rows()]

    whole, streamed = read(1 << 40), read(16 * 1024)
    assert streamed == whole
    assert len(whole) == 2500 - 5  # five empty rows left out
    number, row = whole[-1]
    assert number == 2501  # the 2,500th item was a gap
    assert row == {"order_id": "A0002498", "amount": "3122.59", "when": "2024-04-14T10:30:00"}


def test_a_broken_part_later_in_the_sheet_is_bad_input(tmp_path: Path, small_parts: None) -> None:
    path = tmp_path / "orders.xlsx"
    _write(path, 3000, write_only=True)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<row r="2900">', b'<row r="2900"><c r="B2900" t="x"><v>', 1)
            target.writestr(info, data)
    table = read_table(broken, aliases=ALIASES)  # the first part reads well
    with pytest.raises(BadInput, match=r"broken\.xlsx: not a readable Excel workbook"):
        for _ in table.rows():
            pass


def test_a_sheet_without_row_numbers_is_read_whole(tmp_path: Path, small_parts: None) -> None:
    path = tmp_path / "orders.xlsx"
    _write(path, 3000, write_only=True)
    plain = tmp_path / "plain.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(plain, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<row r="1">', b"<row>", 1)
            target.writestr(info, data)
    assert not _streamed(plain).streamed


def test_not_an_xlsx_zip_is_left_to_the_whole_reader(tmp_path: Path) -> None:
    path = tmp_path / "odd.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    path.write_bytes(buffer.getvalue())
    assert xlsx_stream._plan(path, "orders") is None
