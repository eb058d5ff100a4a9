"""9810 离境即退 (DOMAIN.md §6): sold quantities from the stock ledger, and 核算 of pre-rebate rows.

What a 9810 declaration line has sold is read from the overseas warehouse's ledger: the
shipment's SKUs that make up the line (same HS code and 申报品名), their receipts into the
destination warehouse, and the sales out of it (net of returns and reversed sales). Sales
are taken first-in, first-out: stock that arrived earlier is sold first, so a shipment
counts as sold only once everything before it is. The sold trade quantity becomes legal
units with the SKU's factor.

核算 of each pre-rebate (HWC-YT) row of an approved batch: sold in full → confirmed, no
change; sold in part → the row is reversed in full by a negative row and the sold part is
declared again (both in a draft batch); nothing sold after 30 April of the year after the
approval → to repay (the repayment list), claimed again once sold; nothing sold yet →
still pending.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop_app.core.models.catalogue import Sku
from desktop_app.core.models.declarations import DeclarationLine, DeclarationShipmentLink
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow, RebatePurchaseRow
from desktop_app.core.models.stock import Shipment, ShipmentLine, StockMove
from desktop_app.core.money import ZERO, quantize, round_fen
from desktop_app.core.services import rebate_batches
from desktop_app.core.services.allocation import allocate

INFLOWS = ("receipt", "transfer_in", "stocktake_gain")
SALES = ("sale", "customer_return")
REPAY_BY = (4, 30)  # 30 April of the year after the pre-rebate was processed (§6)
SETTLED = ("confirmed", "reversed", "repay")


# ---------------------------------------------------------------- sold quantities


def sold_by_line(
    session: Session, lines: Sequence[DeclarationLine], as_of: dt.date
) -> dict[int, Decimal]:
    """{line id: first legal quantity sold from the overseas warehouse by `as_of`}."""
    result: dict[int, Decimal] = {}
    ledger = _Ledger(session, as_of)
    with session.no_autoflush:
        for line in lines:
            total = ZERO
            for shipment, sku, quantity in _line_sources(session, line):
                sold = ledger.sold_of_shipment(shipment, sku.id)
                total += quantize(min(sold, quantity) * sku.first_unit_factor, 5)
            result[line.id] = min(total, line.first_quantity)
    return result


def _line_sources(session: Session, line: DeclarationLine) -> list[tuple[Shipment, Sku, Decimal]]:
    """(shipment, SKU, trade quantity shipped) behind a 9810 line."""
    query = (
        select(Shipment, Sku, ShipmentLine.quantity)
        .join(DeclarationShipmentLink, DeclarationShipmentLink.shipment_id == Shipment.id)
        .join(ShipmentLine, ShipmentLine.shipment_id == Shipment.id)
        .join(Sku, ShipmentLine.sku_id == Sku.id)
        .where(
            DeclarationShipmentLink.declaration_id == line.declaration_id,
            Sku.hs_code == line.hs_code,
            Sku.name_cn == line.name_cn,
        )
    )
    return [(shipment, sku, quantity) for shipment, sku, quantity in session.execute(query)]


class _Ledger:
    """A warehouse's inflows and net sales of one SKU up to a day, each read once."""

    def __init__(self, session: Session, as_of: dt.date) -> None:
        self.session, self.as_of = session, as_of
        self._sold: dict[tuple[int, int], Decimal] = {}
        self._inflows: dict[tuple[int, int], list[tuple[Decimal, str, int | None]]] = {}

    def sold_of_shipment(self, shipment: Shipment, sku_id: int) -> Decimal:
        """Of what the shipment brought of one SKU into its warehouse, how much is sold (FIFO)."""
        key = (sku_id, shipment.destination_warehouse_id)
        sold, before, ours = self.net_sales(*key), ZERO, ZERO
        for quantity, ref_type, ref_id in self.inflows(*key):
            if ref_type == "shipment" and ref_id == shipment.id:
                ours += max(ZERO, min(quantity, sold - before))
            before += quantity
        return ours

    def inflows(self, sku_id: int, warehouse_id: int) -> list[tuple[Decimal, str, int | None]]:
        key = (sku_id, warehouse_id)
        if key not in self._inflows:
            query = (
                select(StockMove.quantity, StockMove.ref_type, StockMove.ref_id)
                .where(
                    StockMove.sku_id == sku_id, StockMove.warehouse_id == warehouse_id,
                    StockMove.kind.in_(INFLOWS), StockMove.quantity > 0,
                    StockMove.move_date <= self.as_of,
                )
                .order_by(StockMove.move_date, StockMove.id)
            )  # fmt: skip
            self._inflows[key] = [tuple(row) for row in self.session.execute(query)]
        return self._inflows[key]

    def net_sales(self, sku_id: int, warehouse_id: int) -> Decimal:
        """Units sold net of returns, counting a reversed sale (or return) as never made."""
        key = (sku_id, warehouse_id)
        if key not in self._sold:
            reversed_move = aliased(StockMove)
            mine = (StockMove.sku_id == sku_id, StockMove.warehouse_id == warehouse_id,
                    StockMove.move_date <= self.as_of)  # fmt: skip
            direct = select(StockMove.quantity).where(*mine, StockMove.kind.in_(SALES))
            undone = (
                select(StockMove.quantity)
                .join(reversed_move, StockMove.reverses_move_id == reversed_move.id)
                .where(*mine, StockMove.kind == "reversal", reversed_move.kind.in_(SALES))
            )
            moved = sum(self.session.scalars(direct), ZERO)
            moved += sum(self.session.scalars(undone), ZERO)
            self._sold[key] = max(ZERO, -moved)
        return self._sold[key]


# ---------------------------------------------------------------- 核算


@dataclass
class SettlementReport:
    confirmed: list[int] = field(default_factory=list)  # export row ids
    reversed: list[int] = field(default_factory=list)
    repay: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)
    batch_id: int | None = None  # the draft batch holding reversal and re-declared rows


def repay_deadline(approved_on: dt.date) -> dt.date:
    return dt.date(approved_on.year + 1, *REPAY_BY)


def pending_rows(session: Session) -> list[tuple[RebateExportRow, RebateBatch]]:
    """Pre-rebate rows of approved (or paid) batches not yet settled."""
    query = (
        select(RebateExportRow, RebateBatch)
        .join(RebateBatch, RebateExportRow.batch_id == RebateBatch.id)
        .where(
            RebateExportRow.business_type == rebate_batches.PRE_REBATE,
            RebateExportRow.settlement == "pending",
            RebateExportRow.status == "included",
            RebateBatch.status.in_(("approved", "partly_rejected", "paid")),
        )
        .order_by(RebateBatch.period, RebateBatch.batch_no, RebateExportRow.seq)
    )
    return [(row, batch) for row, batch in session.execute(query)]


def settle(
    session: Session, as_of: dt.date, *, batch_id: int | None = None,
    period: str | None = None,
) -> SettlementReport:  # fmt: skip
    """核算 every pending pre-rebate row at `as_of`; changes go into a draft batch (given/new)."""
    report = SettlementReport()
    target: RebateBatch | None = None
    for row, batch in pending_rows(session):
        line = session.get(DeclarationLine, row.declaration_line_id)
        sold = _sold_of_row(session, row, line, as_of)
        approved = (batch.approved_at or dt.datetime.combine(as_of, dt.time())).date()
        row.sold_quantity = sold
        if sold >= row.quantity:
            row.settlement = "confirmed"
            report.confirmed.append(row.id)
        elif sold > 0:
            target = target or _target(session, batch_id, period, as_of)
            _reverse(session, row, sold, target)
            report.reversed.append(row.id)
        elif as_of > repay_deadline(approved):
            row.settlement = "repay"
            report.repay.append(row.id)
        else:
            report.pending.append(row.id)
    if target is not None:
        from desktop_app.core.services.rebate_purchases import rebuild_purchase_rows

        rebuild_purchase_rows(session, target)
        report.batch_id = target.id
    session.flush()
    return report


def _sold_of_row(
    session: Session, row: RebateExportRow, line: DeclarationLine | None, as_of: dt.date
) -> Decimal:
    """What the pre-rebate part of the line has sold: the line's sales past the part claimed
    as sold when the batch was made."""
    if line is None:
        return ZERO
    sold = sold_by_line(session, [line], as_of)[line.id]
    claimed_sold = line.first_quantity - row.quantity
    return max(ZERO, min(row.quantity, sold - claimed_sold))


def _target(
    session: Session, batch_id: int | None, period: str | None, as_of: dt.date
) -> RebateBatch:
    if batch_id is not None:
        batch = rebate_batches.get_batch(session, batch_id)
        rebate_batches.require_draft(batch, "take 核算 rows")
        return batch
    return rebate_batches.create_batch(session, period or f"{as_of:%Y%m}", today=as_of, empty=True)


def _reverse(session: Session, row: RebateExportRow, sold: Decimal, target: RebateBatch) -> None:
    """The pre-rebate row reversed in full (negative) and its sold part declared again."""
    department = _department(session)
    seq, serial = rebate_batches.next_numbers(session, target.id)
    fob_sold = allocate(row.usd_fob, [sold, row.quantity - sold])[0]
    reversal = _copy(row, -row.quantity, -row.usd_fob, "reversal")
    reversal.reverses_row_id = row.id
    again = _copy(row, sold, fob_sold, "redeclared")
    again.business_type = ""
    for number, new in enumerate((reversal, again), start=1):
        new.batch_id, new.seq = target.id, seq + number
        new.link_no = rebate_batches.link_no(
            target.period, department, target.batch_no, serial + number
        )
        session.add(new)
    row.settlement = "reversed"
    session.flush()


_FIELDS = (
    "declaration_line_id", "declaration_no", "export_invoice_no", "export_date",
    "commodity_code", "commodity_name", "unit", "fx_rate", "levy_rate", "rebate_rate",
    "business_type",
)  # fmt: skip


def _copy(
    row: RebateExportRow, quantity: Decimal, fob: Decimal, settlement: str
) -> RebateExportRow:
    copy = RebateExportRow(**{name: getattr(row, name) for name in _FIELDS})
    copy.quantity, copy.usd_fob, copy.settlement = quantity, fob, settlement
    copy.cny_fob = round_fen(fob * row.fx_rate) if row.fx_rate is not None else None
    return copy


def _department(session: Session) -> str:
    from desktop_app.core.services import company

    return company.get_profile(session).rebate_department


# ---------------------------------------------------------------- the repayment list


@dataclass(frozen=True)
class Repayment:
    row_id: int
    batch: str
    link_no: str
    declaration_no: str
    commodity_name: str
    quantity: Decimal
    usd_fob: Decimal
    refund: Decimal  # what was refunded on the row and is now due back


def repayments(session: Session) -> list[Repayment]:
    """Pre-rebate rows still unsold after the 核算 period: the refund to pay back."""
    query = (
        select(RebateExportRow, RebateBatch)
        .join(RebateBatch, RebateExportRow.batch_id == RebateBatch.id)
        .where(RebateExportRow.settlement == "repay")
        .order_by(RebateBatch.period, RebateBatch.batch_no, RebateExportRow.seq)
    )
    found = list(session.execute(query))
    refunds = _refunds(session, [(batch.id, row.link_no) for row, batch in found])
    return [
        Repayment(row.id, rebate_batches.batch_label(batch), row.link_no, row.declaration_no,
                  row.commodity_name, row.quantity, row.usd_fob,
                  refunds.get((batch.id, row.link_no), ZERO))
        for row, batch in found
    ]  # fmt: skip


def _refunds(session: Session, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], Decimal]:
    wanted = set(keys)
    total: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for batch_id in {batch_id for batch_id, _ in wanted}:
        query = select(RebatePurchaseRow.link_no, RebatePurchaseRow.refund).where(
            RebatePurchaseRow.batch_id == batch_id
        )
        for link, refund in session.execute(query):
            if (batch_id, link) in wanted:
                total[(batch_id, link)] += refund
    return dict(total)
