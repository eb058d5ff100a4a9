"""Orders sold from an overseas warehouse move its stock: a sale when shipped, back when returned.

An order takes stock out of its warehouse when it is fulfilled from there — fulfilment
"overseas_warehouse" (a 3PL) or "platform" (Amazon FBA: the goods reached the FBA
warehouse on a first-leg shipment, so its stock must fall as they sell) — with a warehouse
set, and its status says it left (shipped, delivered, completed). Each mapped line posts
one `sale` move (ref_type "order_line", ref_id the line), dated the day it shipped (UTC;
the order date when the platform gave no ship time).

Everything is keyed by the line, so running this again — after every order import — never
moves stock twice:
- a line with a sale is not sold again; if its SKU, quantity or warehouse changed since
  (a mapping corrected, a re-routed order), the sale is reversed and the line sold again
  as it is now — corrections reverse, they never edit;
- an order cancelled after its sale gets the sale reversed, once;
- an order refunded or returned after its sale gets a customer_return at the sale's unit
  cost, once; the goods come back to the warehouse they left.
Returns and cancellations are dated `today` (when they became known), never before the sale.
A line is settled once: a sale or return the user reversed by hand is not posted again.

All of an order's moves are posted together or not at all (a savepoint per order): when
the ledger refuses one (negative stock under the "block" setting, a period lock), the
order's lines are listed as refused and the next run tries again. Unmapped lines are
listed, never guessed; they post once they are mapped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, aliased

from desktop_app.core.jobs import Job
from desktop_app.core.models import Order, OrderLine, Sku, StockBalance, StockMove, Warehouse
from desktop_app.core.services import stock
from desktop_app.core.services.id_lists import fetch_ids, pages

STOCK_FULFILMENTS = ("overseas_warehouse", "platform")
SHIPPED = ("shipped", "delivered", "completed")
RETURNED = ("refunded", "returned")
CANCELLED = ("cancelled",)
REF_TYPE = "order_line"
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class LineNote:
    """An order line this run did not post, and why."""

    order_id: int
    platform_order_id: str
    line_id: int
    line_no: int
    platform_sku: str
    reason: str


@dataclass
class FulfilmentResult:
    orders: int = 0  # orders in scope (fulfilled from a warehouse, shipped or after)
    sales: int = 0  # sale moves posted
    returns: int = 0  # customer_return moves posted
    reversals: int = 0  # sales reversed (cancelled orders, corrected lines)
    corrected: int = 0  # lines sold again after their SKU, quantity or warehouse changed
    already: int = 0  # lines whose moves were already there
    unmapped: list[LineNote] = field(default_factory=list)
    refused: list[LineNote] = field(default_factory=list)  # nothing of their order posted
    warnings: list[str] = field(default_factory=list)  # negative stock under "warn"
    move_ids: list[int] = field(default_factory=list)


@dataclass
class _Line:
    id: int
    line_no: int
    platform_sku: str
    sku_id: int | None
    quantity: Decimal | None  # in SKU units


@dataclass
class _Order:
    id: int
    platform_order_id: str
    status: str
    warehouse_id: int
    ship_day: dt.date
    lines: list[_Line] = field(default_factory=list)


@dataclass(frozen=True)
class _Move:
    id: int
    kind: str
    sku_id: int
    warehouse_id: int
    quantity: Decimal
    unit_cost: Decimal
    move_date: dt.date
    reversed: bool


@dataclass
class _History:
    """The ledger's moves of one order line."""

    moves: list[_Move] = field(default_factory=list)

    @property
    def active_sale(self) -> _Move | None:
        return next((m for m in self.moves if m.kind == "sale" and not m.reversed), None)

    @property
    def returned(self) -> bool:
        # A return reversed by hand (refunded, but the goods never came back) stays reversed.
        return any(m.kind == "customer_return" for m in self.moves)


@dataclass(frozen=True)
class _Action:
    kind: str  # sale, return, reverse
    order: _Order
    line: _Line
    sale: _Move | None = None


# ---------------------------------------------------------------- entry point


def fulfil_orders(
    session: Session,
    order_ids: Iterable[int] | None = None,
    *,
    today: dt.date | None = None,
    job: Job | None = None,
    actor: str = "local",
) -> FulfilmentResult:
    """Post the stock moves the given orders (None: every order) call for, exactly once.

    Safe to call after every import with the ids it touched; ids of orders that are not
    fulfilled from a warehouse are ignored. Lookups are per page of orders, not per line.
    """
    today = today or dt.date.today()
    job = job or Job()
    result = FulfilmentResult()
    ids = None if order_ids is None else sorted(set(order_ids))
    for orders in _order_pages(session, ids):
        histories = _histories(session, [line.id for o in orders for line in o.lines])
        kept = _preload(session, orders)  # noqa: F841 - held so the ledger finds them in memory
        for order in orders:
            result.orders += 1
            if result.orders % PROGRESS_EVERY == 0:
                job.report(result.orders, len(ids) if ids else 0, "posting order stock moves")
            actions = _plan(order, histories, result)
            if actions:
                _post(session, order, actions, result, today, actor)
    return result


def fulfil_matching(session: Session, *where: ColumnElement[bool]) -> FulfilmentResult:
    """fulfil_orders for the orders in scope that also match `where` — the orders of an
    import, of a platform SKU just mapped, or just routed — found in one query."""
    ids = list(session.scalars(select(Order.id).where(*_IN_SCOPE, *where)))
    return fulfil_orders(session, ids) if ids else FulfilmentResult()


# ---------------------------------------------------------------- what is there


_IN_SCOPE = (
    Order.fulfilment.in_(STOCK_FULFILMENTS),
    Order.warehouse_id.is_not(None),
    Order.status.in_((*SHIPPED, *RETURNED, *CANCELLED)),
)


def _order_pages(session: Session, ids: list[int] | None) -> Iterator[list[_Order]]:
    """The orders in scope with their lines, a page of ids at a time (bounded memory)."""
    if ids is None:
        ids = list(fetch_ids(session, select(Order.id).where(*_IN_SCOPE).order_by(Order.id)))
    o, line = Order, OrderLine
    columns = (
        o.id, o.platform_order_id, o.status, o.warehouse_id, o.shipped_at, o.ordered_at,
        line.id, line.line_no, line.platform_sku, line.sku_id, line.sku_quantity,
    )  # fmt: skip
    query = (
        select(*columns)
        .join(line, line.order_id == o.id)
        .where(*_IN_SCOPE)
        .order_by(o.id, line.line_no)
    )
    for page in pages(ids):
        yield _orders(session, query.where(o.id.in_(page)))


def _orders(session: Session, query: Select[tuple[object, ...]]) -> list[_Order]:
    orders: dict[int, _Order] = {}
    for row in session.execute(query):
        order = orders.get(row[0])
        if order is None:
            shipped_at = row[4] or row[5]
            order = orders[row[0]] = _Order(row[0], row[1], row[2], row[3], shipped_at.date())
        order.lines.append(_Line(row[6], row[7], row[8], row[9], row[10]))
    return list(orders.values())


def _histories(session: Session, line_ids: list[int]) -> dict[int, _History]:
    move, reversal = StockMove, aliased(StockMove)
    columns = (
        move.ref_id, move.id, move.kind, move.sku_id, move.warehouse_id, move.quantity,
        move.unit_cost, move.move_date, reversal.id,
    )  # fmt: skip
    query = (
        select(*columns)
        .outerjoin(reversal, reversal.reverses_move_id == move.id)
        .where(move.ref_type == REF_TYPE, move.kind.in_(("sale", "customer_return")))
        .order_by(move.id)
    )
    found: dict[int, _History] = {}
    for page in pages(line_ids):
        for row in session.execute(query.where(move.ref_id.in_(page))):
            moved = _Move(*row[1:8], reversed=row[8] is not None)
            found.setdefault(row[0], _History()).moves.append(moved)
    return found


def _preload(session: Session, orders: list[_Order]) -> list[object]:
    """The page's SKUs, warehouses and balances, loaded in a few queries and held.

    The session's identity map only keeps objects something refers to: without these
    references the ledger would load each of them again for every move.
    """
    sku_ids = sorted({line.sku_id for o in orders for line in o.lines if line.sku_id})
    warehouse_ids = sorted({o.warehouse_id for o in orders})
    kept: list[object] = list(
        session.scalars(select(Warehouse).where(Warehouse.id.in_(warehouse_ids)))
    )
    for page in pages(sku_ids):
        kept += session.scalars(select(Sku).where(Sku.id.in_(page)))
        kept += session.scalars(
            select(StockBalance).where(
                StockBalance.sku_id.in_(page), StockBalance.warehouse_id.in_(warehouse_ids)
            )
        )
    return kept


# ---------------------------------------------------------------- what to do


def _plan(order: _Order, histories: dict[int, _History], result: FulfilmentResult) -> list[_Action]:
    actions: list[_Action] = []
    for line in order.lines:
        history = histories.get(line.id, _History())
        if order.status in SHIPPED:
            actions += _plan_shipped(order, line, history, result)
        else:
            actions += _plan_undone(order, line, history, result)
    return actions


def _plan_shipped(
    order: _Order, line: _Line, history: _History, result: FulfilmentResult
) -> list[_Action]:
    sale = history.active_sale
    if sale is None and history.moves:
        result.already += 1  # sold, then cancelled or returned: the line is settled
        return []
    mapped = line.sku_id is not None and line.quantity is not None
    if not mapped:
        if sale is None:
            result.unmapped.append(_note(order, line, "the platform SKU is not mapped to a SKU"))
        else:
            result.already += 1  # mapping removed after the sale: keep what was sold
        return []
    if line.quantity == 0:
        return []
    if sale is None:
        return [_Action("sale", order, line)]
    if (sale.sku_id, -sale.quantity, sale.warehouse_id) == (
        line.sku_id,
        line.quantity,
        order.warehouse_id,
    ):
        result.already += 1
        return []
    return [_Action("reverse", order, line, sale), _Action("sale", order, line)]


def _plan_undone(
    order: _Order, line: _Line, history: _History, result: FulfilmentResult
) -> list[_Action]:
    """A cancelled, refunded or returned order: undo an active sale, once."""
    sale = history.active_sale
    if sale is None or history.returned:
        if history.moves:
            result.already += 1
        return []
    return [_Action("reverse" if order.status in CANCELLED else "return", order, line, sale)]


def _note(order: _Order, line: _Line, reason: str) -> LineNote:
    return LineNote(order.id, order.platform_order_id, line.id, line.line_no, line.platform_sku,
                    reason)  # fmt: skip


# ---------------------------------------------------------------- posting


def _post(
    session: Session,
    order: _Order,
    actions: list[_Action],
    result: FulfilmentResult,
    today: dt.date,
    actor: str,
) -> None:
    """Every action of one order, or none of them."""
    warnings: list[str] = []
    move_ids: list[int] = []
    # A refused move writes nothing, so a lone move needs no savepoint (most orders).
    guard = session.begin_nested() if len(actions) > 1 else nullcontext()
    try:
        with guard:
            for action in actions:
                move_ids.append(_apply(session, action, today, actor, warnings).id)
    except stock.StockError as exc:
        failed = action.line
        lines = {a.line.id: a.line for a in actions}  # a corrected line has two actions
        for line in lines.values():
            held = line.id != failed.id
            reason = f"held back with line {failed.line_no}: {exc}" if held else str(exc)
            result.refused.append(_note(order, line, reason))
        return
    result.warnings += warnings
    result.move_ids += move_ids
    _count(actions, result)


def _apply(
    session: Session, action: _Action, today: dt.date, actor: str, warnings: list[str]
) -> StockMove:
    order, line, sale = action.order, action.line, action.sale
    note = f"{order.platform_order_id} #{line.line_no}"
    if action.kind == "sale":
        assert line.sku_id is not None and line.quantity is not None
        return stock.post_move(
            session, sku_id=line.sku_id, warehouse_id=order.warehouse_id, kind="sale",
            quantity=-line.quantity, move_date=order.ship_day, ref_type=REF_TYPE,
            ref_id=line.id, note=note, actor=actor, warnings=warnings,
        )  # fmt: skip
    assert sale is not None
    undo_day = max(today, sale.move_date)
    if action.kind == "reverse":
        if order.status in SHIPPED:  # a correction: the position's history is put right
            undo_day = sale.move_date
        return stock.reverse_move(
            session, sale.id, move_date=undo_day, note=note, actor=actor, warnings=warnings
        )
    return stock.post_move(
        session, sku_id=sale.sku_id, warehouse_id=sale.warehouse_id, kind="customer_return",
        quantity=-sale.quantity, move_date=undo_day, unit_cost=sale.unit_cost,
        ref_type=REF_TYPE, ref_id=line.id, note=f"{note} {order.status}", actor=actor,
        warnings=warnings,
    )  # fmt: skip


def _count(actions: list[_Action], result: FulfilmentResult) -> None:
    for action in actions:
        if action.kind == "sale":
            result.sales += 1
        elif action.kind == "return":
            result.returns += 1
        else:
            result.reversals += 1
            if action.order.status in SHIPPED:
                result.corrected += 1
