"""The tabular reader: encodings, delimiters, header detection, numbers as text, junk refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.importers.tabular import (
    normalise_header,
    number_text,
    read_table,
    table_from_rows,
)

ALIASES = {
    "order_id": ("Order ID", "订单号", "訂單編號"),
    "sku": ("SKU Reference No.", "商品选项货号", "No. Referensi SKU"),
    "quantity": ("Quantity", "数量", "จำนวน"),
    "price": ("Deal Price", "商品活动价格"),
    "ordered": ("Order Creation Date", "下单时间"),
}
ROWS = [
    ["Order ID", "SKU Reference No.", "Quantity", "Deal Price", "Buyer Note"],
    ["240503ABCD", "MUG-01", "2", "1,299.00", "leave at door"],
    ["240503ABCE", "CUP-02", "1", "5.50", ""],
]


def write_text(path: Path, rows: list[list[str]], encoding: str, sep: str = ",") -> Path:
    text = "\r\n".join(sep.join(cells) for cells in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def values(table) -> list[dict[str, str]]:
    return [dict(row) for _, row in table.rows()]


@pytest.mark.parametrize(
    ("encoding", "sep", "suffix"),
    [
        ("utf-8", ",", ".csv"),
        ("utf-8-sig", ",", ".csv"),
        ("gb18030", ",", ".csv"),
        ("utf-16", "\t", ".txt"),  # Excel "Unicode text"
        ("utf-16-le", "\t", ".txt"),  # no BOM
        ("utf-8", "\t", ".tsv"),
        ("utf-8", ";", ".csv"),
    ],
)
def test_text_encodings_and_delimiters(tmp_path, encoding, sep, suffix):
    rows = [
        ["订单号", "商品选项货号", "数量", "商品活动价格"],
        ["240503ABCD", "杯子-01", "2", "12.00"],
    ]
    table = read_table(write_text(tmp_path / f"o{suffix}", rows, encoding, sep), aliases=ALIASES)
    assert table.delimiter == sep
    assert table.header_row == 1
    assert values(table) == [
        {"order_id": "240503ABCD", "sku": "杯子-01", "quantity": "2", "price": "12.00"}
    ]


def test_header_below_a_title_and_unmapped_columns(tmp_path):
    rows = [["Shopee order report"], [""], *ROWS]
    table = read_table(write_text(tmp_path / "o.csv", rows, "utf-8"), aliases=ALIASES)
    assert table.header_row == 3
    assert table.unmapped_columns == ["Buyer Note"]
    assert table.column("price") == "Deal Price"
    numbers = [n for n, _ in table.rows()]
    assert numbers == [4, 5]


def test_aliases_ignore_case_spaces_punctuation_and_brackets():
    assert normalise_header(" order-ID ") == normalise_header("Order ID")
    rows = [["เลขอ้างอิง SKU (SKU Reference No.)", "ORDER  ID:", "จำนวน"], ["A1", "1", "3"]]
    table = table_from_rows(rows, aliases=ALIASES)
    assert set(table.fields) == {"sku", "order_id", "quantity"}


def test_missing_required_column_is_reported(tmp_path):
    path = write_text(tmp_path / "o.csv", ROWS, "utf-8")
    with pytest.raises(ImportRejected) as caught:
        read_table(path, aliases=ALIASES, required={"order_id", "ordered"})
    errors = caught.value.summary.errors
    assert [(e.column, e.row) for e in errors] == [("ordered", 1)]
    assert "Order Creation Date" in errors[0].reason


def test_xlsx_numbers_dates_and_ids(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["report title"])
    sheet.append(["Order ID", "Quantity", "Deal Price", "Order Creation Date", "SKU Reference No."])
    sheet.append([123456789012345678, 2, 12.5, dt.datetime(2024, 5, 3, 14, 22), "00123"])
    sheet.append(["2405031234", 1.0, 0.1 + 0.2, dt.date(2024, 5, 4), 1.23456789012e17])
    book.save(tmp_path / "o.xlsx")
    table = read_table(tmp_path / "o.xlsx", aliases=ALIASES)
    assert table.header_row == 2
    rows = list(table.rows())
    assert [n for n, _ in rows] == [3, 4]
    first, second = rows[0][1], rows[1][1]
    assert first == {
        "order_id": "123456789012346000",
        "quantity": "2",
        "price": "12.5",
        "ordered": "2024-05-03T14:22:00",
        "sku": "00123",
    }
    assert first.numbers == {"order_id", "quantity", "price"}
    assert second == {
        "order_id": "2405031234",
        "quantity": "1",
        "price": "0.3",
        "ordered": "2024-05-04",
        "sku": "123456789012000000",
    }
    assert "e" not in second["sku"]
    assert table.was_number("order_id") and not table.was_number("ordered")


def test_xlsx_named_sheet(tmp_path):
    book = Workbook()
    book.active.append(["notes"])
    data = book.create_sheet("orders")
    for row in ROWS:
        data.append(row)
    book.save(tmp_path / "o.xlsx")
    assert len(values(read_table(tmp_path / "o.xlsx", aliases=ALIASES))) == 2
    assert len(values(read_table(tmp_path / "o.xlsx", aliases=ALIASES, sheet="orders"))) == 2
    with pytest.raises(BadInput, match="no sheet named"):
        read_table(tmp_path / "o.xlsx", aliases=ALIASES, sheet="nope")


def test_number_text():
    assert number_text(3.0) == "3"
    assert number_text(-0.0) == "0"
    assert number_text(1e-7) == "0.0000001"
    assert number_text(1.23456789012e17) == "123456789012000000"
    assert number_text(1299.99) == "1299.99"
    assert number_text(12) == "12"


@pytest.mark.parametrize(
    "content",
    [b"", b"   \r\n", b"\x00\x01\x02", b"PK\x03\x04garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1x",
     b"a,b\r\n1,2\r\n"],
)  # fmt: skip
def test_unreadable_files_raise_bad_input(tmp_path, content):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(BadInput):
        read_table(path, aliases=ALIASES)


def test_missing_file(tmp_path):
    with pytest.raises(BadInput, match="cannot be read"):
        read_table(tmp_path / "nope.csv", aliases=ALIASES)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.lists(st.text(max_size=30), max_size=40).map(lambda t: "\n".join(t).encode()),
        st.binary(max_size=500).map(lambda b: b"Order ID,Quantity\n" + b),
        st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=500).map(lambda b: b"\xff\xfe" + b),
    )
)
def test_fuzz_any_bytes_give_bad_input_or_a_table(tmp_path, content):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    try:
        table = read_table(path, aliases=ALIASES)
        for _, row in table.rows():
            assert all(isinstance(v, str) for v in row.values())
    except BadInput:
        pass
