"""Matching (trading enterprises): declaration lines ↔ purchase invoice lines, and 进货明细 rows.

The rules of DOMAIN.md §3.3 and §8, in order: the same commodity code; then a unit the
declaration line has (first or second legal unit, or the trade unit — the declaration's own
quantities give the factor — or a metric multiple of one of them); then quantity, oldest
invoice first, an invoice line used in part when it holds more than is needed
(计税依据 = amount × used quantity / invoice quantity, §3). Every match says why in words.

Matches belong to the declaration line (a row moved to a later batch keeps them); the
purchase rows of a batch are rebuilt from them: each export row takes the line's matches in
order for its own quantity, under its own 关联号. The user may set a match by hand
(`set_match`), which is kept and marked; `unmatch` gives the quantity back to the invoice.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from desktop_app.core import audit
from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.models.declarations import DeclarationLine
from desktop_app.core.models.rebate import (
    PurchaseInvoice,
    PurchaseInvoiceLine,
    RebateBatch,
    RebateExportRow,
    RebateMatch,
)
from desktop_app.core.money import ZERO, quantize, round_fen
from desktop_app.core.services import rebate_batches
from desktop_app.core.services.rate_library import normalize_code
from desktop_app.core.services.rebate_purchases import (
    Unmatched,
    chunks,
    matches_of,
    rebuild_purchase_rows,
)

# Units of one dimension: (dimension, size in its base unit). Conversions between them are
# exact; any other pair of units needs the declaration's own quantities.
METRIC = {
    "035": ("mass", Decimal(1)), "036": ("mass", Decimal("0.001")), "070": ("mass", Decimal(1000)),
    "095": ("volume", Decimal(1)), "096": ("volume", Decimal("0.001")),
}  # fmt: skip


@dataclass(frozen=True)
class Conversion:
    """Declaration units per invoice unit, and how that is known."""

    factor: Decimal
    how: str


@dataclass
class MatchReport:
    matched_lines: int = 0
    new_matches: int = 0
    unmatched: list[Unmatched] = field(default_factory=list)
    purchase_rows: int = 0


# ---------------------------------------------------------------- units


def conversion(line: DeclarationLine, invoice_unit: str) -> Conversion | None:
    """How many of the declaration's first legal unit one invoice unit is, if known."""
    if invoice_unit == line.first_unit:
        return Conversion(Decimal(1), f"unit {invoice_unit} is the declaration's first unit")
    own = [("second", line.second_unit, line.second_quantity),
           ("trade", line.trade_unit, line.trade_quantity)]  # fmt: skip
    for name, unit, quantity in own:
        if unit == invoice_unit and quantity:
            same = f"{plain(line.first_quantity)} {line.first_unit} = {plain(quantity)} {unit}"
            how = f"unit {invoice_unit} is the declaration's {name} unit: {same}"
            return Conversion(line.first_quantity / quantity, how)
    for name, unit, quantity in [("first", line.first_unit, line.first_quantity), *own]:
        ratio = _metric(invoice_unit, unit)
        if ratio is not None and quantity:
            factor = ratio * line.first_quantity / quantity
            return Conversion(factor, f"unit {invoice_unit} converts to the declaration's "
                              f"{name} unit {unit} × {plain(ratio)}")  # fmt: skip
    return None


def _metric(source: str, target: str | None) -> Decimal | None:
    a, b = METRIC.get(source), METRIC.get(target or "")
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def same_code(declared: str, invoice_code: str) -> bool:
    """The invoice's code is the declaration's (the 文库 may add digits after the 10)."""
    a, b = normalize_code(declared), normalize_code(invoice_code)
    return bool(b) and (a == b or (len(b) > 10 and b[:10] == a))


# ---------------------------------------------------------------- automatic matching


@dataclass
class _Open:
    """An invoice line with quantity left, as the matcher consumes it."""

    line: PurchaseInvoiceLine
    invoice: PurchaseInvoice
    left: Decimal


def match_batch(session: Session, batch_id: int, *, job: Job | None = None) -> MatchReport:
    """Match every line of the batch still short of invoices, then rebuild its purchase rows."""
    batch = rebate_batches.get_batch(session, batch_id)
    rebate_batches.require_draft(batch, "match")
    rows = rebate_batches.export_rows(session, batch_id, ("included",))
    line_ids = sorted({row.declaration_line_id for row in rows if row.declaration_line_id})
    lines = _lines(session, line_ids)
    run = _Run(session, line_ids)
    pool = _Pool(session, {line.hs_code for line in lines.values()})
    report = MatchReport()
    with session.no_autoflush:  # the new matches are written together below
        try:
            _match_lines(line_ids, lines, run, pool, report, job)
        finally:
            pool.close()
    run.write(batch)
    report.purchase_rows = rebuild_purchase_rows(session, batch)
    from desktop_app.core.services.rebate_check import compute_batch

    compute_batch(session, batch.id)  # the refund shows as soon as the rows are matched
    return report


def _match_lines(
    line_ids: Sequence[int], lines: dict[int, DeclarationLine], run: _Run, pool: _Pool,
    report: MatchReport, job: Job | None,
) -> None:  # fmt: skip
    matched = run.matched()
    for number, line_id in enumerate(line_ids):
        if job is not None:
            job.check()
            job.report(number, len(line_ids), "matching")
        line = lines[line_id]
        need = line.first_quantity - matched[line_id]
        if need <= 0:
            continue
        made, missing, reason = _match_line(line, need, pool, run)
        report.new_matches += made
        report.matched_lines += made > 0
        if missing > 0:
            report.unmatched.append(_unmatched(line, missing, reason))


def _lines(session: Session, ids: Sequence[int]) -> dict[int, DeclarationLine]:
    found: dict[int, DeclarationLine] = {}
    for chunk in chunks(ids):
        query = select(DeclarationLine).where(DeclarationLine.id.in_(chunk))
        found.update((line.id, line) for line in session.scalars(query))
    return found


class _Run:
    """One automatic matching run: the lines' existing matches by pair, the new matches as
    rows for one bulk insert, and the new used quantity of each invoice line taken from."""

    def __init__(self, session: Session, line_ids: Sequence[int]) -> None:
        self.session = session
        self.known = {
            (match.declaration_line_id, match.invoice_line_id): match
            for matches in matches_of(session, line_ids).values()
            for match in matches
        }
        self.new: list[dict[str, Any]] = []
        self.used: dict[int, tuple[PurchaseInvoiceLine, Decimal]] = {}

    def matched(self) -> dict[int, Decimal]:
        total: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for (line_id, _), match in self.known.items():
            total[line_id] += match.quantity
        return total

    def add(
        self, line: DeclarationLine, entry: _Open, quantity: Decimal, invoice_qty: Decimal,
        conv: Conversion,
    ) -> None:  # fmt: skip
        inv_line = entry.line
        base, why = _explain(line, entry, quantity, invoice_qty, conv, overridden=False)
        existing = self.known.get((line.id, inv_line.id))
        if existing is not None:  # matched earlier (e.g. by hand) and still short
            _merge(existing, inv_line, quantity, invoice_qty, why, overridden=False)
        else:  # a line takes an invoice line at most once a run: no pair repeats
            self.new.append({
                "declaration_line_id": line.id, "invoice_line_id": inv_line.id,
                "quantity": quantity, "invoice_quantity": invoice_qty, "tax_base": base,
                "explanation": why, "overridden": False,
            })  # fmt: skip
        _, used = self.used.get(inv_line.id, (inv_line, inv_line.used_quantity))
        self.used[inv_line.id] = (inv_line, used + invoice_qty)

    def write(self, batch: RebateBatch) -> None:
        """The new matches and used quantities in bulk, with one audit event for them."""
        session = self.session
        session.flush()
        for start in range(0, len(self.new), 5000):
            session.execute(insert(RebateMatch), self.new[start : start + 5000])
        if self.used:
            changes = [{"id": key, "used_quantity": used} for key, (_, used) in self.used.items()]
            session.execute(update(PurchaseInvoiceLine), changes)
            for inv_line, used in self.used.values():  # the session's copies stay current
                set_committed_value(inv_line, "used_quantity", used)
        if self.new or self.used:
            audit.record(session, "match", RebateMatch.__tablename__, batch.id, after={
                "batch": rebate_batches.batch_label(batch), "new_matches": len(self.new),
                "invoice_lines_used": len(self.used)})  # fmt: skip
        session.flush()


class _Pool:
    """Unused invoice lines by their 10-digit code, oldest invoice first.

    One ordered query, read only as far as the matching needs: a batch mostly takes the
    oldest unused invoices, so a later batch does not load every invoice still unused."""

    def __init__(self, session: Session, codes: Iterable[str]) -> None:
        wanted = sorted({normalize_code(code)[:10] for code in codes})
        key = func.substr(PurchaseInvoiceLine.commodity_code, 1, 10)
        unused = (
            select(PurchaseInvoiceLine, PurchaseInvoice)
            .join(PurchaseInvoice, PurchaseInvoiceLine.invoice_id == PurchaseInvoice.id)
            .where(
                PurchaseInvoice.status == "valid",
                PurchaseInvoiceLine.used_quantity < PurchaseInvoiceLine.quantity,
                key.in_(wanted),
            )
        )
        counts = unused.with_only_columns(key, func.count()).group_by(key)
        self._unread: dict[str, int] = dict(session.execute(counts).all())
        order = (PurchaseInvoice.issue_date, PurchaseInvoice.id, PurchaseInvoiceLine.line_no)
        self._result = session.execute(unused.order_by(*order).execution_options(yield_per=500))
        self._rows = iter(self._result)
        self.queues: dict[str, deque[_Open]] = defaultdict(deque)

    def read_more(self, key: str) -> bool:
        """Read on until a line with this code arrives; False when it has no more."""
        while self._unread.get(key, 0) > 0:
            line, invoice = next(self._rows)
            found = line.commodity_code[:10]
            self._unread[found] -= 1
            self.queues[found].append(_Open(line, invoice, line.quantity - line.used_quantity))
            if found == key:
                return True
        return False

    def close(self) -> None:
        self._result.close()


def _match_line(
    line: DeclarationLine, need: Decimal, pool: _Pool, run: _Run
) -> tuple[int, Decimal, str]:
    """Take invoices for `need` of a line: (matches made, quantity still missing, why)."""
    key = normalize_code(line.hs_code)[:10]
    candidates = pool.queues[key]
    if not candidates and not pool.read_more(key):
        return 0, need, "no unused invoice line has commodity code " + line.hs_code
    made, units_seen, index = 0, set(), 0
    while need > 0:
        if index == len(candidates) and not pool.read_more(key):
            break
        entry = candidates[index]
        index += 1
        if entry.left <= 0 or not same_code(line.hs_code, entry.line.commodity_code):
            continue
        conv = conversion(line, entry.line.unit)
        if conv is None:
            units_seen.add(entry.line.unit)
            continue
        take = min(need, quantize(entry.left * conv.factor, 5))
        invoice_qty = entry.left if take == quantize(entry.left * conv.factor, 5) else None
        invoice_qty = invoice_qty or min(entry.left, quantize(take / conv.factor, 5))
        if take <= 0 or invoice_qty <= 0:
            continue
        run.add(line, entry, take, invoice_qty, conv)
        entry.left -= invoice_qty
        need -= take
        made += 1
    while candidates and candidates[0].left <= 0:
        candidates.popleft()
    if need <= 0:
        return made, ZERO, ""
    if units_seen and not made:
        units = ", ".join(sorted(units_seen))
        return made, need, (f"invoices with code {line.hs_code} are in unit {units}, none of "
                            f"the declaration's units ({_units(line)}): the supplier must "
                            "reissue them (DOMAIN.md §3.3)")  # fmt: skip
    return made, need, f"the unused invoices with code {line.hs_code} cover only part of it"


def _units(line: DeclarationLine) -> str:
    return ", ".join(u for u in (line.first_unit, line.second_unit, line.trade_unit) if u)


def _add(
    session: Session, line: DeclarationLine, entry: _Open, quantity: Decimal,
    invoice_qty: Decimal, conv: Conversion, *, overridden: bool, note: str = "",
) -> RebateMatch:  # fmt: skip
    inv_line = entry.line
    base, why = _explain(line, entry, quantity, invoice_qty, conv, overridden, note)
    existing = session.scalar(
        select(RebateMatch).where(
            RebateMatch.declaration_line_id == line.id,
            RebateMatch.invoice_line_id == inv_line.id,
        )
    )
    if existing is not None:  # the same pair again: one match holding both parts
        match = _merge(existing, inv_line, quantity, invoice_qty, why, overridden)
    else:
        match = RebateMatch(
            declaration_line_id=line.id, invoice_line_id=inv_line.id, quantity=quantity,
            invoice_quantity=invoice_qty, tax_base=base, explanation=why, overridden=overridden,
        )  # fmt: skip
        session.add(match)
    inv_line.used_quantity += invoice_qty
    return match


def _explain(
    line: DeclarationLine, entry: _Open, quantity: Decimal, invoice_qty: Decimal,
    conv: Conversion, overridden: bool, note: str = "",
) -> tuple[Decimal, str]:  # fmt: skip
    """The tax base of the part taken, and the words saying why."""
    inv_line, invoice = entry.line, entry.invoice
    base = round_fen(inv_line.amount * invoice_qty / inv_line.quantity)
    part = (
        "all"
        if invoice_qty == inv_line.quantity
        else f"{plain(invoice_qty)} of {plain(inv_line.quantity)}"
    )
    source = (
        ("set by hand" + (f": {note}" if note else "")) if overridden else "oldest unused invoice"
    )
    why = (
        f"{source} {invoice.invoice_no} (issued {invoice.issue_date}) line {inv_line.line_no}: "
        f"code {inv_line.commodity_code}; {conv.how}; took {part} {inv_line.unit} = "
        f"{plain(quantity)} {line.first_unit}; 计税依据 = {inv_line.amount} × "
        f"{plain(invoice_qty)} / {plain(inv_line.quantity)} = {base}"
    )
    return base, why


def _merge(
    match: RebateMatch, inv_line: PurchaseInvoiceLine, quantity: Decimal, invoice_qty: Decimal,
    why: str, overridden: bool,
) -> RebateMatch:  # fmt: skip
    match.quantity += quantity
    match.invoice_quantity += invoice_qty
    match.tax_base = round_fen(inv_line.amount * match.invoice_quantity / inv_line.quantity)
    match.explanation += "\n" + why
    match.overridden = match.overridden or overridden
    return match


def plain(value: Decimal) -> str:
    """A quantity as people write it: 1000, 0.05 (no trailing zeros, no exponent)."""
    return f"{value.normalize():f}"


def _unmatched(line: DeclarationLine, missing: Decimal, reason: str) -> Unmatched:
    number = f"{line.declaration.customs_no or line.declaration.ref}{line.line_no:03d}"
    return Unmatched(line.id, number, line.hs_code, line.first_unit, missing, reason)


# ---------------------------------------------------------------- by hand


def set_match(
    session: Session, declaration_line_id: int, invoice_line_id: int, quantity: Decimal,
    note: str = "",
) -> RebateMatch:  # fmt: skip
    """The user's match: `quantity` (declaration unit) of this line from this invoice line."""
    line = session.get(DeclarationLine, declaration_line_id)
    inv_line = session.get(PurchaseInvoiceLine, invoice_line_id)
    if line is None or inv_line is None:
        raise BadInput(f"no declaration line {declaration_line_id} or invoice line "
                       f"{invoice_line_id}")  # fmt: skip
    _refuse_frozen(session, [declaration_line_id])
    _reopen(session, [declaration_line_id])
    if quantity <= 0:
        raise BadInput(f"quantity {quantity}: must be more than 0")
    conv = conversion(line, inv_line.unit)
    if conv is None:
        raise BadInput(f"invoice unit {inv_line.unit} is none of the declaration's units "
                       f"({_units(line)}): no rebate until the invoice is reissued")  # fmt: skip
    left = inv_line.quantity - inv_line.used_quantity
    invoice_qty = quantize(quantity / conv.factor, 5)
    if invoice_qty > left:
        raise BadInput(f"the invoice line has {left} {inv_line.unit} left, {invoice_qty} needed")
    open_ = _Open(inv_line, inv_line.invoice, left)
    match = _add(session, line, open_, quantity, invoice_qty, conv, overridden=True, note=note)
    session.flush()
    return match


def unmatch(session: Session, declaration_line_id: int, invoice_line_id: int | None = None) -> int:
    """Remove a line's matches (or one), giving the quantity back to the invoices."""
    _refuse_frozen(session, [declaration_line_id])
    _reopen(session, [declaration_line_id])
    query = select(RebateMatch).where(RebateMatch.declaration_line_id == declaration_line_id)
    if invoice_line_id is not None:
        query = query.where(RebateMatch.invoice_line_id == invoice_line_id)
    matches = list(session.scalars(query))
    for match in matches:
        inv_line = session.get(PurchaseInvoiceLine, match.invoice_line_id)
        inv_line.used_quantity -= match.invoice_quantity
        session.delete(match)
    session.flush()
    return len(matches)


def release_rows(session: Session, batch: RebateBatch, rows: Sequence[RebateExportRow]) -> None:
    """Rows leave a draft batch: their lines' matches go when no other row holds the line."""
    for row in rows:
        others = session.scalar(
            select(RebateExportRow.id).where(
                RebateExportRow.declaration_line_id == row.declaration_line_id,
                RebateExportRow.id != row.id,
                RebateExportRow.status.in_(("included", "rejected")),
            )
        )
        if row.declaration_line_id and others is None:
            unmatch(session, row.declaration_line_id)
    for purchase in rebate_batches.purchase_rows(session, batch.id):
        if purchase.link_no in {row.link_no for row in rows}:
            session.delete(purchase)


def _holding(session: Session, line_ids: Sequence[int], *statuses: str) -> list[RebateBatch]:
    """Batches in these states with an included row of the lines."""
    query = (
        select(RebateBatch)
        .join(RebateExportRow, RebateExportRow.batch_id == RebateBatch.id)
        .where(
            RebateExportRow.declaration_line_id.in_(line_ids),
            RebateExportRow.status == "included",
            RebateBatch.status.in_(statuses),
        )
    )
    return list(dict.fromkeys(session.scalars(query)))


def _reopen(session: Session, line_ids: Sequence[int]) -> None:
    """A match changed by hand: self-checked batches holding the line need a new self-check."""
    for batch in _holding(session, line_ids, "self_checked"):
        rebate_batches.require_draft(batch, "change matches")


def _refuse_frozen(session: Session, line_ids: Sequence[int]) -> None:
    frozen = _holding(session, line_ids, *rebate_batches.CLAIMED)
    if frozen:
        raise rebate_batches.Frozen(f"the line is claimed in the {frozen[0].status} batch "
                                    f"{rebate_batches.batch_label(frozen[0])}: its matches are "
                                    "frozen")  # fmt: skip
