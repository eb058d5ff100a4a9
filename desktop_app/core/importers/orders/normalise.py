"""Platform-neutral order rows and the cell readers every platform parser shares.

A parser turns a Table into OrderIn records (one per order, with one LineIn per item);
bad cells are collected as RowErrors (all of them, not only the first) and the order they
belong to is left out. Amounts are Decimal in the order's currency; "1,299.00", "$12.50",
"RM 12.50", "1.299,00" and "(5.00)" are read; more decimal places than the database keeps
are refused, never rounded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop_app.core.importers.common import RowError
from desktop_app.core.importers.dates import BadDate, parse_datetime
from desktop_app.core.importers.tabular import Row, Table
from desktop_app.core.models.orders import ORDER_STATUSES

ZERO = Decimal(0)
_ONE = Decimal(1)
_CENT = Decimal("0.01")
MONEY_PLACES, PRICE_PLACES, QUANTITY_PLACES = 2, 4, 5
MAX_DIGITS = 12  # a trillion in any currency or unit: more is a misread cell, not an order
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "IDR", "CLP", "HUF", "TWD", "UGX"})
_GROUPED = re.compile(r"^\d{1,3}([,.' ]\d{3})+$")
# An amount with a currency sign or code before or after it: "US$ 12.50", "12,50 €", "RM12.50".
_AMOUNT = re.compile(
    r"\s*\(?\s*([^\d().,+\-]{0,6}?)\s*([\d.,\-+() ']+?)\s*([^\d().,]{0,6}?)\s*\)?\s*"
)
# What a new shop's orders are priced in, by the site's country (ISO alpha-3).
SITE_CURRENCY = {
    "USA": "USD", "CAN": "CAD", "MEX": "MXN", "BRA": "BRL", "GBR": "GBP", "DEU": "EUR",
    "FRA": "EUR", "ITA": "EUR", "ESP": "EUR", "NLD": "EUR", "BEL": "EUR", "IRL": "EUR",
    "SWE": "SEK", "POL": "PLN", "TUR": "TRY", "ARE": "AED", "SAU": "SAR", "IND": "INR",
    "JPN": "JPY", "AUS": "AUD", "SGP": "SGD", "EGY": "EGP", "MYS": "MYR", "THA": "THB",
    "IDN": "IDR", "VNM": "VND", "PHL": "PHP", "TWN": "TWD", "KOR": "KRW", "HKG": "HKD",
    "CHL": "CLP", "COL": "COP", "CHN": "CNY",
}  # fmt: skip
# Currency signs written before amounts, longest first ("US $" before "$").
CURRENCY_SIGNS = (
    ("US $", "USD"), ("US$", "USD"), ("NT$", "TWD"), ("S$", "SGD"), ("R$", "BRL"),
    ("A$", "AUD"), ("C$", "CAD"), ("HK$", "HKD"), ("RM", "MYR"), ("Rp", "IDR"), ("₱", "PHP"),
    ("฿", "THB"), ("₫", "VND"), ("€", "EUR"), ("£", "GBP"), ("₩", "KRW"), ("円", "JPY"),
    ("$", "USD"),
)  # fmt: skip
_CODE_PREFIX = re.compile(r"^([A-Z]{3})\s?\d")
# Raw statuses no table names: read by keyword, most telling first.
_STATUS_WORDS = (
    ("cancel", "cancelled"), ("取消", "cancelled"), ("关闭", "cancelled"), ("關閉", "cancelled"),
    ("batal", "cancelled"), ("ยกเลิก", "cancelled"), ("refund", "refunded"), ("退款", "refunded"),
    ("return", "returned"), ("退货", "returned"), ("unpaid", "unpaid"), ("待付款", "unpaid"),
    ("pending", "pending"), ("deliver", "delivered"), ("complete", "completed"),
    ("完成", "completed"), ("ship", "shipped"), ("transit", "shipped"),
)  # fmt: skip


@dataclass(slots=True)
class LineIn:
    """One item of an order: its goods amount is what the buyer pays for it before tax,
    shipping and discounts (quantity × unit price); None when the platform left it empty."""

    row: int
    line_key: str
    platform_sku: str
    quantity: Decimal
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    discount: Decimal = ZERO
    tax: Decimal = ZERO
    product_name: str = ""
    item_status: str = ""


@dataclass(slots=True)
class OrderIn:
    """One order as the file states it; amounts in `currency`."""

    row: int
    order_id: str
    status: str
    platform_status: str
    ordered_at: dt.datetime
    currency: str
    lines: list[LineIn] = field(default_factory=list)
    paid_at: dt.datetime | None = None
    shipped_at: dt.datetime | None = None
    total_amount: Decimal | None = None
    shipping_amount: Decimal = ZERO
    tax_amount: Decimal = ZERO
    discount_amount: Decimal = ZERO
    platform_fees: Decimal = ZERO
    ship_country: str = ""
    fulfilment_channel: str = ""
    sales_channel: str = ""
    rows: int = 1  # file rows this order came from

    def goods_amount(self) -> Decimal | None:
        amounts = [line.amount for line in self.lines]
        return None if any(a is None for a in amounts) else sum(amounts, ZERO)  # type: ignore[arg-type]


@dataclass
class Context:
    """What a parser needs besides the table: zone and currency defaults, and the problems."""

    table: Table
    zone: dt.tzinfo = dt.UTC
    currency: str = "USD"
    day_first: bool = True
    country: Callable[[str], str | None] = lambda text: None
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def whole(self) -> bool:
        """Amounts in a currency without minor units: "150.000" is 150 thousand."""
        return self.currency in ZERO_DECIMAL_CURRENCIES

    def warn(self, row: int | None, name: str, value: str, reason: str) -> None:
        self.warnings.append(RowError(row, self.table.column(name) if name else "", value, reason))


class Cells:
    """Reads one row's cells; each bad cell becomes a RowError and the row is marked bad."""

    __slots__ = ("bad", "cells", "columns", "ctx", "number", "row", "text")

    def __init__(self, ctx: Context, number: int, row: Row) -> None:
        self.ctx, self.number, self.row, self.bad = ctx, number, row, False
        self.text: Callable[[str], str] = row.get  # a field's text, "" when empty or absent
        self.cells, self.columns = row.cells, row.columns  # raw cells for the number readers

    def _float(self, name: str, places: int) -> Decimal | None:
        """The cell as a Decimal when the spreadsheet gave a short non-negative float."""
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return None
        raw = self.cells[index]
        if type(raw) is not float or raw < 0:
            return None
        number = _FLOATS.get((raw, places), _UNSEEN)
        if number is _UNSEEN:
            number = _remember_float(raw, places)
        return number  # type: ignore[return-value]

    def error(self, name: str, value: str, reason: str) -> None:
        self.bad = True
        self.ctx.errors.append(RowError(self.number, self.ctx.table.column(name), value, reason))

    def required(self, name: str) -> str:
        value = self.row.get(name, "")
        if not value:
            self.error(name, "", "empty; a value is required")
        return value

    def ident(self, name: str) -> str:
        """An ID kept as text; a number from Excel may have lost digits, so say so."""
        value = self.required(name)
        if value and self.row.is_number(name):
            self.ctx.warn(
                self.number,
                name,
                value,
                "ID arrived as a number; digits may be lost (format the column as text in Excel)",
            )
        return value

    def amount(
        self, name: str, places: int = MONEY_PLACES, *, negative: bool = False
    ) -> Decimal | None:
        """A money cell (None when empty)."""
        number = self._float(name, places)  # a spreadsheet number: no text round trip
        if number is not None:
            return number
        value = self.row.get(name, "")
        if not value:
            return None
        if "." not in value or not self.ctx.whole:
            number = plain_number(value, places)
            if number is not None:
                return number
        try:
            number = parse_amount(value, self.ctx.currency)
        except ValueError as exc:
            self.error(name, value, str(exc))
            return None
        return self._places(name, value, number, places, negative)

    def money(self, name: str, *, negative: bool = False) -> Decimal:
        """A money cell where empty means zero."""
        number = self._float(name, MONEY_PLACES)
        if number is not None:
            return number
        number = self.amount(name, negative=negative)
        return ZERO if number is None else number

    def quantity(self, name: str) -> Decimal:
        number = self._float(name, QUANTITY_PLACES)
        if number is not None:
            return number
        value = self.required(name)
        if not value:
            return ZERO
        number = plain_number(value, QUANTITY_PLACES)
        if number is not None:
            return number
        try:
            number = parse_amount(value, "")
        except ValueError:
            self.error(name, value, "not a quantity (a number such as 2)")
            return ZERO
        checked = self._places(name, value, number, QUANTITY_PLACES, False)
        return ZERO if checked is None else checked

    def _places(
        self, name: str, value: str, number: Decimal, places: int, negative: bool
    ) -> Decimal | None:
        if number < 0 and not negative:
            self.error(name, value, "must not be negative")
            return None
        if number.as_tuple().exponent < -places:  # type: ignore[operator]
            self.error(name, value, f"more than {places} decimal places")
            return None
        return number

    def when(self, name: str, *, required: bool = False) -> dt.datetime | None:
        value = self.row.get(name, "")
        if not value:
            if required:
                self.error(name, "", "empty; a date is required")
            return None
        try:
            return parse_datetime(value, default_tz=self.ctx.zone, day_first=self.ctx.day_first)
        except BadDate as exc:
            self.error(name, value, str(exc))
            return None

    def status(self, name: str, table: Mapping[str, str]) -> tuple[str, str]:
        """(normalised status, raw status) from the platform's status names."""
        raw = self.required(name)
        if not raw:
            return "paid", raw
        status = normalise_status(raw, table)
        if status is None:
            self.error(name, raw, f"unknown order status; expected one of: {', '.join(table)}")
            return "paid", raw
        return status, raw

    def currency(self, name: str) -> str:
        """An ISO currency code from the file, else the shop's."""
        value = self.row.get(name, "").upper()
        if not value:
            return self.ctx.currency
        if len(value) != 3 or not value.isascii() or not value.isalpha():
            self.error(name, value, "not a 3-letter currency code (USD, EUR, CNY …)")
            return self.ctx.currency
        return value

    def country(self, name: str) -> str:
        value = self.row.get(name, "")
        if not value:
            return ""
        code = self.ctx.country(value)
        if code is None:
            self.ctx.warn(self.number, name, value, "unknown country; left empty")
            return ""
        return code


_FLOATS: dict[tuple[float, int], Decimal | None] = {}  # prices and fees repeat down a sheet
_FLOATS_MAX = 100_000
_UNSEEN = object()


def _remember_float(value: float, places: int) -> Decimal | None:
    if len(_FLOATS) >= _FLOATS_MAX:
        _FLOATS.clear()
    number = _FLOATS[value, places] = float_number(value, places)
    return number


def float_number(value: float, places: int) -> Decimal | None:
    """A spreadsheet float as the Decimal the user sees ("29.99"), when it has at most
    `places` decimals; a float that arithmetic left long (34.589999999999996) is read to the
    15 significant digits Excel shows (34.59)."""
    text = repr(value)
    if len(text) > 16 or "e" in text or "n" in text or value >= 1e12:
        if value != value or value >= 1e12 or value <= -1e12:
            return None  # not a number, or out of range: the text reader says why
        number = Decimal(format(value, ".15g"))
        if number == number.to_integral_value():
            number = number.quantize(_ONE)
        exponent = number.as_tuple().exponent
        return number if isinstance(exponent, int) and -exponent <= places else None
    if text.endswith(".0"):
        return Decimal(text[:-2])
    return Decimal(text) if len(text) - text.find(".") - 1 <= places else None


def plain_number(text: str, places: int) -> Decimal | None:
    """A plain unsigned number with at most `places` decimals ("29.99", "2"), read without
    the general parser (most cells of an export); None for anything else."""
    if len(text) > MAX_DIGITS:
        return None  # long: the general parser checks the range
    dot = text.find(".")
    digits = text if dot < 0 else text.replace(".", "", 1)
    if not (digits.isascii() and digits.isdigit()):
        return None
    if dot >= 0 and len(text) - dot - 1 > places:
        return None
    return Decimal(text)


def parse_amount(text: str, currency: str = "") -> Decimal:
    """'1,299.00', '$12.50', 'RM 12.50', '1.299,00', '(5.00)' → Decimal; ValueError if not."""
    whole = currency in ZERO_DECIMAL_CURRENCIES
    if not (whole and "." in text):  # "150.000" rupiah is 150 thousand
        try:
            number = Decimal(text)
            if number.is_finite():
                return _in_range(number)
        except InvalidOperation:
            pass
    match = _AMOUNT.fullmatch(text.replace("\u2212", "-"))
    if match is None:
        raise ValueError("not an amount")
    cleaned, sign = match[2].replace(" ", ""), ""
    if text.strip().startswith("(") and text.strip().endswith(")"):  # accounting negative
        sign = "-"
    cleaned = cleaned.strip("()")
    if cleaned and cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else sign), cleaned[1:]
    if not cleaned or not cleaned[0].isdigit() or not cleaned[-1].isdigit():
        raise ValueError("not an amount")
    cleaned = _unseparate(cleaned, whole)
    try:
        return _in_range(Decimal(sign + cleaned))
    except InvalidOperation:
        raise ValueError("not an amount") from None


def _in_range(number: Decimal) -> Decimal:
    if number and number.adjusted() >= MAX_DIGITS:
        raise ValueError(f"too large (at most {MAX_DIGITS} digits before the decimal point)")
    return number


def _unseparate(text: str, whole: bool) -> str:
    """Drop thousands separators; the last of ',' and '.' is the decimal mark."""
    if "," in text and "." in text:
        mark = "," if text.rindex(",") > text.rindex(".") else "."
        other = "." if mark == "," else ","
        return text.replace(other, "").replace(mark, ".")
    if _GROUPED.match(text) and (whole or "," in text or text.count(".") > 1):
        return re.sub(r"[,.' ]", "", text)
    return text.replace(",", ".")


def currency_hint(values: Iterable[str]) -> str | None:
    """The currency an amount names by its code or sign ("USD 14.99", "Rp 89.000"), if any."""
    for value in values:
        text = value.strip()
        if not text or not any(ch.isdigit() for ch in text):
            continue
        if (m := _CODE_PREFIX.match(text)) and m[1] in SITE_CURRENCY.values():
            return m[1]
        for sign, code in CURRENCY_SIGNS:
            if text.startswith(sign) or text.endswith(sign):
                return code
    return None


def normalise_status(raw: str, table: Mapping[str, str]) -> str | None:
    key = raw.strip().casefold()
    status = table.get(key)
    if status is not None:
        return status
    if key in ORDER_STATUSES:
        return key
    return next((status for word, status in _STATUS_WORDS if word in key), None)


def status_table(pairs: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """{our status: raw names} → {casefolded raw name: our status}."""
    table = {}
    for status, names in pairs.items():
        assert status in ORDER_STATUSES, status
        for name in names:
            table[name.casefold()] = status
    return table


def grouped(
    rows: Iterable[tuple[int, Row]], key: str
) -> Iterator[tuple[str, list[tuple[int, Row]]]]:
    """Consecutive rows with the same value of `key` (one order's items), in file order."""
    current: str | None = None
    group: list[tuple[int, Row]] = []
    for number, row in rows:
        value = row.get(key, "")
        if value != current or not value:
            if group:
                yield current or "", group
            current, group = value, []
        group.append((number, row))
    if group:
        yield current or "", group


def unique_keys(lines: list[LineIn]) -> None:
    """Make line keys unique within an order: the second 'MUG-01' becomes 'MUG-01#2'."""
    if len(lines) < 2:
        return
    seen: dict[str, int] = {}
    for line in lines:
        count = seen.get(line.line_key, 0) + 1
        seen[line.line_key] = count
        if count > 1:
            line.line_key = f"{line.line_key}#{count}"


Parse = Callable[[Table, Context], Iterator[OrderIn]]


@dataclass(frozen=True)
class PlatformFormat:
    """One platform's export: its header aliases, required fields, parser and conventions."""

    name: str
    aliases: dict[str, tuple[str, ...]]
    required: frozenset[str]
    marks: tuple[frozenset[str], ...]  # any of these field sets present → this platform
    parse: Parse
    additive: bool = False  # an order's amounts are per row (summed), not repeated per row
    naive_zone: str = "site"  # times without a zone: "site" (the shop's), "UTC", or a country
    site_from_ship_country: bool = False  # one site per country: buyers live where the shop is
    default_currency: str = ""

    def detected_by(self, fields: Iterable[str]) -> bool:
        present = set(fields)
        return any(mark <= present for mark in self.marks)


def line_price(amount: Decimal | None, quantity: Decimal) -> Decimal | None:
    """The unit price of a line total (4 decimal places, half up), None without a quantity."""
    if amount is None or not quantity:
        return None
    return (amount / quantity).quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP")


_TIMES: dict[tuple[Decimal, Decimal], Decimal] = {}  # the same price and quantity recur


def times(price: Decimal | None, quantity: Decimal) -> Decimal | None:
    """A line total from a unit price, to the cent (half up)."""
    if price is None:
        return None
    total = _TIMES.get((price, quantity))
    if total is None:
        if len(_TIMES) >= _FLOATS_MAX:
            _TIMES.clear()
        total = _TIMES[price, quantity] = (price * quantity).quantize(_CENT, ROUND_HALF_UP)
    return total
