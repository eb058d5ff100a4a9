"""Purchase invoices (进项发票) for the rebate: entry by hand, listing, unused quantity.

An invoice is keyed by its number as the rebate forms write it (进货凭证号, DOMAIN.md §3.2):
the 20-digit number of a 数电 invoice, or the 10-digit 发票代码 followed by the 8-digit
发票号码 of a paper 专票 (18 digits). Each line holds the commodity, its HS or rate-library
code, the customs unit code (the unit table's code: 个 → 007), the quantity, the amount
excluding VAT, the rate in percent (13 means 13 %) and the tax. The tax must be the amount ×
rate to the fen within what the VAT system itself allows: 0.06 yuan a line and 1.27 yuan
an invoice (the Golden Tax rounding tolerances), because a price-inclusive line's tax is
rounded before its amount is derived.

The unused quantity of a line (quantity − used_quantity) is what matching consumes, oldest
invoice first; `unused_lines` lists it in that order. Files are read by
purchase_invoice_import; `import_invoices` is the CLI's entry point.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core import codes, validate
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.importers.common import ImportSummary
from desktop_app.core.jobs import Job
from desktop_app.core.models import PurchaseInvoice, PurchaseInvoiceLine, Supplier
from desktop_app.core.models.reference import RateLibraryEntry
from desktop_app.core.money import ZERO, round_fen, to_decimal
from desktop_app.core.services import rate_library

if TYPE_CHECKING:
    from desktop_app.core.db import Database

KINDS = ("special_vat", "digital", "customs_payment")
STATUSES = ("valid", "voided", "red")
LINE_TAX_TOLERANCE = Decimal("0.06")
INVOICE_TAX_TOLERANCE = Decimal("1.27")
MAX_RATE = Decimal(17)  # the highest VAT rate any invoice still in use can carry
_DIGITAL_NO = re.compile(r"^\d{20}$")
_PAPER_CODE = re.compile(r"^\d{10}$")
_PAPER_NO = re.compile(r"^\d{8}$")
_PAYMENT_NO = re.compile(r"^\d{18}(-?L\d{2})?$")  # 海关进口增值税专用缴款书号码
_LIBRARY_CODE = re.compile(r"^\d{8,20}$")
# Units suppliers write that are not the unit table's Chinese names.
UNIT_WORDS = {
    "pcs": "007", "pc": "007", "piece": "007", "pieces": "007", "kg": "035", "kgs": "035",
    "公斤": "035", "g": "036", "t": "070", "m": "030", "l": "095", "ml": "096",
    "set": "006", "sets": "006", "pair": "025", "pairs": "025",
}  # fmt: skip
_TAX_FREE_WORDS = ("免税", "不征税", "***", "-", "")


@dataclass
class LineDraft:
    """One invoice line as typed or read: text or Decimal; tax None means amount × rate."""

    commodity_name: str
    unit: str
    quantity: Any
    amount: Any
    tax_rate: Any  # 13, "13%", "0.13"
    tax: Any = None
    commodity_code: str = ""  # HS code or 退税率文库 code
    tax_category_code: str = ""  # 税收分类编码
    spec: str = ""
    unit_price: Any = None


@dataclass
class InvoiceDraft:
    """An invoice as typed or read. `number` is the 20-digit 数电 number, or the 8-digit
    发票号码 with `code` its 10-digit 发票代码 (an 18-digit number is both together)."""

    number: str
    issue_date: Any
    seller_tax_id: str
    lines: list[LineDraft] = field(default_factory=list)
    code: str = ""
    seller_name: str = ""
    kind: str | None = None  # None: digital for 20 digits, special_vat for code + number
    status: str = "valid"


@dataclass(frozen=True)
class UnusedLine:
    """An invoice line with quantity left for matching."""

    line_id: int
    invoice_id: int
    invoice_no: str
    issue_date: dt.date
    seller_tax_id: str
    commodity_code: str
    commodity_name: str
    unit: str
    quantity: Decimal
    used_quantity: Decimal
    remaining: Decimal
    amount: Decimal
    tax_rate: Decimal


@dataclass
class Lookups:
    """The unit table and known codes, loaded once per import rather than once per row."""

    session: Session
    today: dt.date
    units: dict[str, str] = field(default_factory=dict)
    _library: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, today: dt.date | None = None) -> Lookups:
        found = cls(session, today or dt.date.today())
        for entry in codes.entries(session, "units"):
            found.units[entry.code] = entry.code
            found.units.setdefault(entry.name_cn, entry.code)
        return found

    def unit_code(self, text: str) -> tuple[str | None, str | None]:
        """(code, None) or (None, reason) for a unit as an invoice writes it."""
        if not self.units:
            return None, "the customs unit table is not loaded (Settings → Code tables)"
        text = text.strip()
        code = self.units.get(text) or self.units.get(text.zfill(3) if text.isdigit() else "")
        if code is None and text.casefold() in UNIT_WORDS:
            code = UNIT_WORDS[text.casefold()]
        if code is None:
            return None, "not a unit of the customs unit table (个, 千克, 套 … or 007, 035 …)"
        return code, None

    def in_library(self, code: str) -> bool:
        if code not in self._library:
            query = select(RateLibraryEntry.id).where(RateLibraryEntry.code == code).limit(1)
            self._library[code] = self.session.scalar(query) is not None
        return self._library[code]


# ---------------------------------------------------------------- parsing values


def parse_decimal(
    value: Any, places: int, *, positive: bool = False
) -> tuple[Decimal | None, str | None]:
    """(value, None) or (None, reason): a number ≥ 0 (> 0 when positive), ≤ `places` decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "empty: a number is needed here"
    try:
        number = to_decimal(value)
    except (TypeError, ValueError, InvalidOperation):
        return None, "not a number"
    if number < 0 or (positive and number == 0):
        return None, "must be more than 0" if positive else "must not be negative"
    if number >= 10**12:
        return None, "too large"
    if number != round(number, places):
        return None, f"more than {places} decimals"
    return number, None


def parse_rate(value: Any) -> tuple[Decimal | None, str | None]:
    """A VAT rate as percent: "13%", "13" and "0.13" all give 13; 免税 / 不征税 give 0."""
    text = str(value).strip() if value is not None else ""
    if text in ("免税", "不征税"):
        return ZERO, None
    percent = text.endswith("%") or text.endswith("％")
    number, reason = parse_decimal(text.rstrip("%％").strip(), 4)
    if number is None:
        return None, reason if text else "empty: the tax rate is needed (13%, 9%, 3% …)"
    if not percent and number < 1:
        number = number * 100
    if number > MAX_RATE or number != round(number, 2):
        return None, "not a VAT rate (13%, 9%, 6%, 3% …)"
    return number.normalize() if number == number.to_integral() else number, None


def parse_day(value: Any) -> tuple[dt.date | None, str | None]:
    from desktop_app.core.importers.dates import BadDate, parse_date

    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    try:
        return parse_date(str(value or "")), None
    except BadDate:
        return None, "not a date: write YYYY-MM-DD"


def invoice_key(draft: InvoiceDraft) -> tuple[str | None, str | None, str | None]:
    """(invoice_no, kind, None) or (None, None, reason) from the draft's number and code."""
    number, code = draft.number.strip(), draft.code.strip()
    kind = draft.kind
    if kind == "customs_payment":
        ok = _PAYMENT_NO.match(number)
        return (number, kind, None) if ok else (None, None, "not a 缴款书 number (18 digits)")
    if kind not in (None, "digital", "special_vat"):
        return None, None, f"unknown invoice kind {kind!r}"
    if not code and len(number) == 18 and number.isdigit():
        code, number = number[:10], number[10:]
    if code:
        if len(code) == 12 and code.isdigit():
            return None, None, "a 12-digit 发票代码 is an ordinary invoice (普通发票): no rebate"
        if not _PAPER_CODE.match(code):
            return None, None, "the 发票代码 of a 专票 is 10 digits"
        if not _PAPER_NO.match(number):
            return None, None, "the 发票号码 of a paper 专票 is 8 digits"
        return code + number, kind or "special_vat", None
    if not _DIGITAL_NO.match(number):
        return None, None, "must be the 20-digit 数电 number, or a 10-digit code + 8-digit number"
    return number, kind or "digital", None


# ---------------------------------------------------------------- checking a draft


@dataclass
class CleanInvoice:
    """A draft whose every value is checked and typed, ready to store."""

    invoice_no: str
    kind: str
    issue_date: dt.date
    seller_tax_id: str
    seller_name: str
    status: str
    lines: list[dict[str, Any]]

    @property
    def amount(self) -> Decimal:
        return sum((line["amount"] for line in self.lines), ZERO)

    @property
    def tax(self) -> Decimal:
        return sum((line["tax"] for line in self.lines), ZERO)


def check_invoice(
    draft: InvoiceDraft, lookups: Lookups
) -> tuple[CleanInvoice | None, list[FieldProblem]]:
    """Every problem of a draft at once (fields "number", "lines[2].tax" …), or its clean form."""
    problems: list[FieldProblem] = []
    invoice_no, kind, reason = invoice_key(draft)
    if reason:
        problems.append(FieldProblem("code" if "代码" in reason else "number", reason,
                                     draft.code or draft.number))  # fmt: skip
    day, reason = parse_day(draft.issue_date)
    if reason:
        problems.append(FieldProblem("issue_date", reason, draft.issue_date))
    elif day and day > lookups.today:
        problems.append(FieldProblem("issue_date", "in the future", day.isoformat()))
    tax_id = draft.seller_tax_id.strip().upper()
    reason = validate.check_uscc(tax_id)
    if reason:
        problems.append(FieldProblem("seller_tax_id", f"not a valid USCC: {reason}", tax_id))
    if draft.status not in STATUSES:
        problems.append(FieldProblem("status", f"one of {', '.join(STATUSES)}", draft.status))
    if len(draft.seller_name.strip()) > 200:
        problems.append(FieldProblem("seller_name", "longer than 200 characters"))
    if not draft.lines:
        problems.append(FieldProblem("lines", "the invoice has no lines"))
    lines = [
        _check_line(f"lines[{i}]", line, lookups, problems) for i, line in enumerate(draft.lines)
    ]
    clean = [line for line in lines if line is not None]
    if len(clean) == len(lines) and clean:
        drift = sum((c["tax"] - c["amount"] * c["tax_rate"] / 100 for c in clean), ZERO)
        if abs(drift) > INVOICE_TAX_TOLERANCE:
            reason = f"the lines' tax differs from amount × rate by {round_fen(drift)} in all"
            problems.append(FieldProblem("lines", f"{reason} (at most 1.27 allowed)"))
    if problems or invoice_no is None or kind is None or day is None:
        return None, problems
    return CleanInvoice(invoice_no, kind, day, tax_id, draft.seller_name.strip(), draft.status,
                        clean), []  # fmt: skip


def _check_line(
    where: str, line: LineDraft, lookups: Lookups, problems: list[FieldProblem]
) -> dict[str, Any] | None:
    before = len(problems)

    def bad(name: str, reason: str | None, value: Any) -> None:
        if reason:
            problems.append(FieldProblem(f"{where}.{name}", reason, value))

    name = line.commodity_name.strip()
    bad("commodity_name", "empty" if not name else "longer than 200 characters"
        if len(name) > 200 else None, name)  # fmt: skip
    code = rate_library.normalize_code(line.commodity_code)
    if code and not (validate.check_hs_code(code) is None or
                     (_LIBRARY_CODE.match(code) and lookups.in_library(code))):  # fmt: skip
        bad("commodity_code", "not a 10-digit HS code or a code of the rate library", code)
    category = re.sub(r"\s", "", line.tax_category_code)
    if category and not (category.isdigit() and len(category) == 19):
        bad("tax_category_code", "the 税收分类编码 is 19 digits", category)
    unit, reason = lookups.unit_code(str(line.unit or ""))
    bad("unit", reason, line.unit)
    quantity, reason = parse_decimal(line.quantity, 5, positive=True)
    bad("quantity", reason, line.quantity)
    amount, reason = parse_decimal(line.amount, 2, positive=True)
    bad("amount", reason, line.amount)
    rate, reason = parse_rate(line.tax_rate)
    bad("tax_rate", reason, line.tax_rate)
    tax = _line_tax(line.tax, amount, rate, bad)
    price = None
    if line.unit_price not in (None, ""):
        price, reason = parse_decimal(line.unit_price, 12)
        bad("unit_price", reason, line.unit_price)
    if len(problems) > before or None in (quantity, amount, rate, tax):
        return None
    return {
        "commodity_name": name, "spec": line.spec.strip()[:200], "tax_category_code": category,
        "commodity_code": code, "unit": unit, "quantity": quantity, "amount": amount,
        "tax_rate": rate, "tax": tax,
        "unit_price": round(price, 4) if price is not None else None,
    }  # fmt: skip


def _line_tax(value: Any, amount: Decimal | None, rate: Decimal | None, bad: Any) -> Decimal | None:
    if amount is None or rate is None:
        return None
    expected = round_fen(amount * rate / 100)
    text = str(value).strip() if value is not None else ""
    if text in _TAX_FREE_WORDS and (value is None or rate == 0):
        return expected
    tax, reason = parse_decimal(value, 2)
    if reason:
        bad("tax", reason, value)
        return None
    assert tax is not None
    if abs(tax - amount * rate / 100) > LINE_TAX_TOLERANCE:
        bad("tax", f"amount × rate is {expected}; more than 0.06 apart", value)
        return None
    return tax


# ---------------------------------------------------------------- entering by hand


def create_invoice(
    session: Session, draft: InvoiceDraft, *, today: dt.date | None = None
) -> PurchaseInvoice:
    """Store an invoice entered by hand; ValidationFailed lists every problem, nothing written."""
    clean, problems = check_invoice(draft, Lookups.load(session, today))
    if clean is not None and find_invoice(session, clean.invoice_no) is not None:
        problems.append(FieldProblem("number", "an invoice with this number is already entered",
                                     clean.invoice_no))  # fmt: skip
    if problems or clean is None:
        raise ValidationFailed(problems)
    invoice = build_invoice(session, clean)
    session.add(invoice)
    session.flush()
    return invoice


def build_invoice(
    session: Session, clean: CleanInvoice, import_run_id: int | None = None
) -> PurchaseInvoice:
    """A new PurchaseInvoice (not added) from a checked draft, linked to its known supplier."""
    invoice = PurchaseInvoice(import_run_id=import_run_id)
    apply_clean(session, invoice, clean)
    return invoice


def apply_clean(session: Session, invoice: PurchaseInvoice, clean: CleanInvoice) -> None:
    """Set an invoice (new, or not yet used by any match) to a checked draft, lines in place."""
    supplier = session.scalar(select(Supplier.id).where(Supplier.tax_id == clean.seller_tax_id))
    invoice.supplier_id = supplier
    invoice.kind, invoice.invoice_no, invoice.issue_date = (
        clean.kind,
        clean.invoice_no,
        clean.issue_date,
    )
    invoice.seller_tax_id, invoice.seller_name = clean.seller_tax_id, clean.seller_name
    invoice.amount, invoice.tax, invoice.status = clean.amount, clean.tax, clean.status
    for number, values in enumerate(clean.lines, start=1):
        if number <= len(invoice.lines):
            line = invoice.lines[number - 1]
            for name, value in values.items():
                setattr(line, name, value)
        else:
            invoice.lines.append(PurchaseInvoiceLine(line_no=number, used_quantity=ZERO, **values))
    del invoice.lines[len(clean.lines) :]


def same_content(invoice: PurchaseInvoice, clean: CleanInvoice) -> bool:
    """Whether storing `clean` would change nothing."""
    head = (invoice.kind, invoice.issue_date, invoice.seller_tax_id, invoice.seller_name,
            invoice.status)  # fmt: skip
    if head != (clean.kind, clean.issue_date, clean.seller_tax_id, clean.seller_name, clean.status):
        return False
    if len(invoice.lines) != len(clean.lines):
        return False
    return all(
        all(getattr(line, name) == value for name, value in values.items())
        for line, values in zip(invoice.lines, clean.lines, strict=True)
    )


def is_used(invoice: PurchaseInvoice) -> bool:
    return any(line.used_quantity > 0 for line in invoice.lines)


# ---------------------------------------------------------------- reading


def find_invoice(session: Session, invoice_no: str) -> PurchaseInvoice | None:
    query = select(PurchaseInvoice).where(PurchaseInvoice.invoice_no == invoice_no)
    return session.scalar(query.options(selectinload(PurchaseInvoice.lines)))


def get_invoice(session: Session, invoice_id: int) -> PurchaseInvoice:
    invoice = session.get(PurchaseInvoice, invoice_id)
    if invoice is None:
        raise BadInput(f"no purchase invoice with id {invoice_id}")
    return invoice


def list_invoices(
    session: Session, *, status: str | None = None, seller_tax_id: str | None = None,
    date_from: dt.date | None = None, date_to: dt.date | None = None, search: str = "",
) -> list[PurchaseInvoice]:  # fmt: skip
    """Invoices oldest first, with their lines; `search` matches the number or seller name."""
    query = select(PurchaseInvoice).options(selectinload(PurchaseInvoice.lines))
    if status:
        query = query.where(PurchaseInvoice.status == status)
    if seller_tax_id:
        query = query.where(PurchaseInvoice.seller_tax_id == seller_tax_id.strip().upper())
    if date_from:
        query = query.where(PurchaseInvoice.issue_date >= date_from)
    if date_to:
        query = query.where(PurchaseInvoice.issue_date <= date_to)
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(
            PurchaseInvoice.invoice_no.like(like) | PurchaseInvoice.seller_name.like(like)
        )
    order = (PurchaseInvoice.issue_date, PurchaseInvoice.id)
    return list(session.scalars(query.order_by(*order)))


def remaining_quantity(line: PurchaseInvoiceLine) -> Decimal:
    """The quantity of a line that no match has used yet (in the invoice's unit)."""
    return line.quantity - (line.used_quantity or ZERO)


def unused_lines(
    session: Session, *, commodity_codes: Iterable[str] | None = None, unit: str | None = None
) -> list[UnusedLine]:
    """Lines of valid invoices with quantity left, oldest invoice first (the matching order)."""
    query = (
        select(PurchaseInvoiceLine, PurchaseInvoice)
        .join(PurchaseInvoice, PurchaseInvoiceLine.invoice_id == PurchaseInvoice.id)
        .where(
            PurchaseInvoice.status == "valid",
            PurchaseInvoiceLine.used_quantity < PurchaseInvoiceLine.quantity,
        )
        .order_by(PurchaseInvoice.issue_date, PurchaseInvoice.id, PurchaseInvoiceLine.line_no)
    )
    if commodity_codes is not None:
        query = query.where(PurchaseInvoiceLine.commodity_code.in_(list(commodity_codes)))
    if unit:
        query = query.where(PurchaseInvoiceLine.unit == unit)
    return [_unused(line, invoice) for line, invoice in session.execute(query)]


def _unused(line: PurchaseInvoiceLine, invoice: PurchaseInvoice) -> UnusedLine:
    return UnusedLine(
        line.id, invoice.id, invoice.invoice_no, invoice.issue_date, invoice.seller_tax_id,
        line.commodity_code, line.commodity_name, line.unit, line.quantity, line.used_quantity,
        remaining_quantity(line), line.amount, line.tax_rate,
    )  # fmt: skip


def remaining_by_line(session: Session, invoice_ids: Sequence[int]) -> dict[int, Decimal]:
    """{line id: unused quantity} of the given invoices' lines."""
    query = select(PurchaseInvoiceLine).where(PurchaseInvoiceLine.invoice_id.in_(invoice_ids))
    return {line.id: remaining_quantity(line) for line in session.scalars(query)}


# ---------------------------------------------------------------- files


def import_invoices(
    db: Database, path: str | Path, *, skip_bad: bool = False, job: Job | None = None,
    actor: str = "local", **_: Any,
) -> ImportSummary:  # fmt: skip
    """`import invoices FILE`: a 数电 export (xlsx/csv, one row per line) in one transaction."""
    from desktop_app.core.services.purchase_invoice_import import load_invoices

    with db.transaction(actor) as session:
        return load_invoices(session, path, skip_bad=skip_bad, job=job)
