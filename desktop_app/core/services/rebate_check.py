"""A batch's figures and its self-check (自检) before filing: DOMAIN.md §3.3 and §8.

`compute_batch` works out the refund: 免退 as the sum of the purchase rows' 可退税额; 免抵退
from the export rows' CNY FOB grouped by (征税率, 退税率) and the period's figures the user
gives (domestic output tax, input tax, the previous credit, duty-free materials). The
duty-free materials deductions are taken at the rates of the group with the largest FOB ⚠
(DOMAIN.md §4 gives one rate pair per period; a batch of several is our reading).

`self_check` lists every finding with the row, the reason and where to fix it; blocking ones
stop filing. `run_self_check` computes, checks, and marks the batch self-checked when nothing
blocks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import (
    PurchaseInvoiceLine,
    RebateBatch,
    RebateExportRow,
    RebateMatch,
)
from desktop_app.core.money import ZERO, round_fen
from desktop_app.core.services import deadlines, rebate_batches, rebate_compute, rebate_purchases
from desktop_app.core.services.holidays import WorkCalendar
from desktop_app.core.services.rebate_match import plain

BLOCKING, WARNING = "blocking", "warning"
FOB_TOLERANCE = Decimal("0.01")
FIX_DECLARATION = "Declarations → {ref}"
FIX_INVOICES = "Purchase invoices / Rebate → match"
FIX_RATES = "Settings → Rate library"
FIX_FX = "FX → Exchange rates"
FIX_BATCH = "Rebate → batch {batch}"


@dataclass(frozen=True)
class Finding:
    severity: str  # blocking | warning
    rows: str  # "export 3", "purchase 12", "batch"
    field: str
    reason: str
    fix: str

    def __str__(self) -> str:
        return f"{self.rows}, {self.field}: {self.reason} (fix: {self.fix})"


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == BLOCKING]


# ---------------------------------------------------------------- figures


def compute_batch(
    session: Session, batch_id: int, *, domestic_output_tax: Decimal | None = None,
    input_tax: Decimal | None = None, previous_credit: Decimal | None = None,
    duty_free_materials: Decimal | None = None,
) -> RebateBatch:  # fmt: skip
    """Work out and store the batch's refund (and the 免抵退 period figures)."""
    batch = rebate_batches.get_batch(session, batch_id)
    rebate_batches.require_draft(batch, "recompute")
    given = {
        "domestic_output_tax": domestic_output_tax, "input_tax": input_tax,
        "previous_credit": previous_credit, "duty_free_materials": duty_free_materials,
    }  # fmt: skip
    for name, value in given.items():
        if value is not None:
            if value < 0:
                raise BadInput(f"{name.replace('_', ' ')} {value}: must be 0 or more")
            setattr(batch, name, round_fen(value))
    if batch.method == "exempt_refund":
        rows = rebate_batches.purchase_rows(session, batch_id, ("included",))
        batch.refund_total = sum((row.refund for row in rows), ZERO)
    else:
        _manufacturer(session, batch)
    session.flush()
    return batch


def _manufacturer(session: Session, batch: RebateBatch) -> None:
    groups: dict[tuple[Decimal, Decimal], Decimal] = defaultdict(lambda: ZERO)
    for row in rebate_batches.export_rows(session, batch.id, ("included",)):
        if row.cny_fob is not None and row.levy_rate is not None and row.rebate_rate is not None:
            groups[(row.levy_rate, row.rebate_rate)] += row.cny_fob
    nc_gross = sum((round_fen(fob * (lv - rb) / 100) for (lv, rb), fob in groups.items()), ZERO)
    cr_gross = sum((round_fen(fob * rb / 100) for (_, rb), fob in groups.items()), ZERO)
    levy, rebate = max(groups, key=lambda k: groups[k]) if groups else (ZERO, ZERO)
    materials = batch.duty_free_materials or ZERO
    period = rebate_compute.from_gross(
        output_vat=batch.domestic_output_tax or ZERO,
        input_vat=batch.input_tax or ZERO,
        prior_credit=batch.previous_credit or ZERO,
        non_creditable_gross=nc_gross,
        non_creditable_deduction=round_fen(materials * (levy - rebate) / 100),
        credit_refund_gross=cr_gross,
        credit_refund_deduction=round_fen(materials * rebate / 100),
    )
    batch.non_creditable, batch.tax_payable = period.non_creditable, period.tax_payable
    batch.credit_refund_total, batch.refund_total = period.credit_refund_total, period.refund
    batch.exempt_offset = period.exempt_offset
    batch.credit_carried_forward = period.credit_carried_forward


# ---------------------------------------------------------------- the self-check


def run_self_check(
    session: Session, batch_id: int, today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> tuple[RebateBatch, list[Finding]]:  # fmt: skip
    """Compute, check; self-checked when nothing blocks (else the batch stays a draft)."""
    batch = compute_batch(session, batch_id)
    findings = self_check(session, batch_id, today)
    if not blocking(findings):
        batch.status = "self_checked"
        batch.checked_at = now or dt.datetime.now(dt.UTC)
    session.flush()
    return batch, findings


def self_check(session: Session, batch_id: int, today: dt.date | None = None) -> list[Finding]:
    batch = rebate_batches.get_batch(session, batch_id)
    today = today or dt.date.today()
    rows = rebate_batches.export_rows(session, batch_id, ("included",))
    label = rebate_batches.batch_label(batch)
    if not rows:
        return [Finding(BLOCKING, "batch", "rows", "the batch has no export rows",
                        FIX_BATCH.format(batch=label))]  # fmt: skip
    lines = _lines(session, rows)
    findings: list[Finding] = []
    for row in rows:
        line = lines.get(row.declaration_line_id or 0)
        findings += _row_findings(row, line)
    findings += _claimed_elsewhere(session, batch, rows)
    findings += _quantities(session, rows, lines)
    findings += _deadlines(session, rows, lines, today)
    if batch.method == "exempt_refund":
        findings += _purchase_findings(session, batch, rows, lines)
    return findings


def _lines(session: Session, rows: list[RebateExportRow]) -> dict[int, DeclarationLine]:
    ids = [row.declaration_line_id for row in rows if row.declaration_line_id]
    found: dict[int, DeclarationLine] = {}
    for start in range(0, len(ids), 500):
        query = select(DeclarationLine).where(DeclarationLine.id.in_(ids[start : start + 500]))
        found.update((line.id, line) for line in session.scalars(query))
    return found


def _where(row: RebateExportRow) -> str:
    return f"export {row.seq}"


def _fix_declaration(line: DeclarationLine | None) -> str:
    return FIX_DECLARATION.format(ref=line.declaration.ref if line else "?")


def _row_findings(row: RebateExportRow, line: DeclarationLine | None) -> list[Finding]:
    found: list[Finding] = []

    def add(name: str, reason: str, fix: str | None = None) -> None:
        found.append(Finding(BLOCKING, _where(row), name, reason, fix or _fix_declaration(line)))

    number = row.declaration_no
    if len(number) != 21 or not number.isdigit() or number[8] != "0":
        add(
            "declaration_no",
            f"{number!r} is not 21 digits (18-digit export customs number + 3-digit 项号)",
        )
    if row.rebate_rate is None or row.levy_rate is None:
        add(
            "commodity_code",
            f"{row.commodity_code} is not in the active rate library on {row.export_date}",
            FIX_RATES,
        )
    if row.fx_rate is None:
        add(
            "fx_rate",
            f"no USD central parity for the export day {row.export_date} (or the 1st, by the "
            "FX policy)",
            FIX_FX,
        )
    if line is None:
        return found
    declaration = line.declaration
    foreign = declaration.currency != "USD" or declaration.trade_terms in (1, 2, 4)
    if line.usd_fob is None:
        add("usd_fob", "the declaration has no USD FOB")
    elif foreign and declaration.total_amount and declaration.usd_fob == declaration.total_amount:
        add(
            "usd_fob",
            f"the {declaration.currency} total was taken as the USD FOB unconverted "
            "(another currency, or CIF / C&F terms)",
        )
    whole = row.business_type == "" and row.settlement == "" and row.quantity == line.first_quantity
    if whole and line.usd_fob is not None and abs(row.usd_fob - line.usd_fob) > FOB_TOLERANCE:
        add("usd_fob", f"USD FOB {row.usd_fob} differs from the declaration's {line.usd_fob}")
    if row.unit != line.first_unit:
        add("unit", f"unit {row.unit} is not the declaration's first legal unit {line.first_unit}")
    return found  # fmt: skip


def _claimed_elsewhere(
    session: Session, batch: RebateBatch, rows: list[RebateExportRow]
) -> list[Finding]:
    numbers = {row.declaration_no: row for row in rows if row.settlement == ""}
    query = (
        select(RebateExportRow.declaration_no, RebateBatch)
        .join(RebateBatch, RebateExportRow.batch_id == RebateBatch.id)
        .where(
            RebateExportRow.declaration_no.in_(list(numbers)),
            RebateExportRow.batch_id != batch.id,
            RebateExportRow.status.in_(("included", "rejected")),
            RebateExportRow.settlement == "",
        )
    )
    found = []
    for number, other in session.execute(query):
        row = numbers[number]
        found.append(Finding(BLOCKING, _where(row), "declaration_no", f"{number} is already "
                             f"claimed in batch {rebate_batches.batch_label(other)} "
                             f"({other.status})", "remove the row from this batch"))  # fmt: skip
    return found


def _quantities(
    session: Session, rows: list[RebateExportRow], lines: dict[int, DeclarationLine]
) -> list[Finding]:
    """Export quantity ≤ declared quantity, over every batch claiming the line."""
    ids = list(lines)
    claimed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for start in range(0, len(ids), 500):
        query = select(RebateExportRow.declaration_line_id, RebateExportRow.quantity).where(
            RebateExportRow.declaration_line_id.in_(ids[start : start + 500]),
            RebateExportRow.status.in_(("included", "rejected")),
            RebateExportRow.settlement.not_in(("reversed", "reversal")),
        )
        for line_id, quantity in session.execute(query):
            claimed[line_id] += quantity
    found, seen = [], set()
    for row in rows:
        line = lines.get(row.declaration_line_id or 0)
        if line is None or line.id in seen:
            continue
        seen.add(line.id)
        if claimed[line.id] > line.first_quantity:
            found.append(Finding(BLOCKING, _where(row), "quantity", f"{plain(claimed[line.id])} "
                                 f"claimed in all, more than the {plain(line.first_quantity)} "
                                 "declared",
                                 _fix_declaration(line)))  # fmt: skip
    return found


def _deadlines(
    session: Session, rows: list[RebateExportRow], lines: dict[int, DeclarationLine],
    today: dt.date,
) -> list[Finding]:  # fmt: skip
    """Past the claim date: a warning before 2026 (late claims accepted), else blocking; past the
    36-month limit: blocking (视同内销)."""
    work, found, seen = WorkCalendar(session), [], set()
    for row in rows:
        line = lines.get(row.declaration_line_id or 0)
        if line is None or line.declaration_id in seen:
            continue
        seen.add(line.declaration_id)
        declaration: Declaration = line.declaration
        for rule in deadlines.RULES:
            if rule.kind not in ("rebate_claim", "claim_limit") or not rule.applies(
                row.export_date
            ):
                continue
            due, _, _ = deadlines.due_date(rule, row.export_date, work)
            if today > due:
                # exports before 2026 may still be claimed late (财政部 税务总局公告2020年第2号)
                late_ok = rule.kind == "rebate_claim" and row.export_date < deadlines.NEW_REGIME
                found.append(Finding(WARNING if late_ok else BLOCKING, _where(row), "export_date",
                                     f"{declaration.ref}: the {rule.kind.replace('_', ' ')} "
                                     f"date {due} has passed ({rule.source})",
                                     _fix_declaration(line)))  # fmt: skip
    return found


def _purchase_findings(
    session: Session, batch: RebateBatch, rows: list[RebateExportRow],
    lines: dict[int, DeclarationLine],
) -> list[Finding]:  # fmt: skip
    found = []
    for missing in rebate_purchases.unmatched_rows(session, batch.id):
        row = next(r for r in rows if r.declaration_no == missing.declaration_no)
        found.append(Finding(BLOCKING, _where(row), "quantity", f"{plain(missing.missing)} "
                             f"{missing.unit} not covered by purchase invoices "
                             f"({missing.reason})", FIX_INVOICES))  # fmt: skip
    by_link = {row.link_no: row for row in rows}
    for purchase in rebate_batches.purchase_rows(session, batch.id, ("included",)):
        export = by_link.get(purchase.link_no)
        if export is None or export.rebate_rate is None:
            continue
        where = f"purchase {purchase.seq}"
        if purchase.levy_rate < export.rebate_rate:
            found.append(Finding(WARNING, where, "levy_rate", f"invoice rate {purchase.levy_rate}% "
                                 f"is below the rebate rate {export.rebate_rate}%: the lower "
                                 "applies", FIX_INVOICES))  # fmt: skip
        if purchase.commodity_code != export.commodity_code:
            found.append(Finding(BLOCKING, where, "commodity_code", "differs from its export "
                                 f"row's {export.commodity_code}", FIX_INVOICES))  # fmt: skip
    found += _units(session, rows, lines)
    return found


def _units(
    session: Session, rows: list[RebateExportRow], lines: dict[int, DeclarationLine]
) -> list[Finding]:
    """The invoice unit must be one of the declaration's units (§3.3); metric is a warning."""
    found = []
    by_line = {row.declaration_line_id: row for row in rows}
    query = (
        select(RebateMatch.declaration_line_id, PurchaseInvoiceLine.unit)
        .join(PurchaseInvoiceLine, RebateMatch.invoice_line_id == PurchaseInvoiceLine.id)
        .where(RebateMatch.declaration_line_id.in_(list(lines)))
    )
    for line_id, unit in session.execute(query):
        line = lines[line_id]
        own = {line.first_unit, line.second_unit, line.trade_unit}
        if unit not in own:
            found.append(Finding(WARNING, _where(by_line[line_id]), "unit", f"invoice unit "
                                 f"{unit} is converted, not one of the declaration's units "
                                 f"({', '.join(sorted(u for u in own if u))}): the tax office "
                                 "may ask for a reissued invoice", FIX_INVOICES))  # fmt: skip
    return found
