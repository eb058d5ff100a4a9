"""The stock ledger: post and reverse moves, keep balances and FIFO layers in step, value stock.

Every move is one append-only stock_move row; the stored stock_balance of its
(SKU, warehouse) position and the position's FIFO layers are written with it, before
post_move returns, so `check` always finds each balance equal to the sum of its ledger.
(One flush for the move; the balance and a new layer need the move's id, so they are
written directly after it rather than by a second flush. Settings, the audit chain's tail
and each position's open layers are read once per transaction: see audit.transaction_info.)

Value rules (all CNY, to the fen, ROUND_HALF_UP on the magnitude, signed like the quantity):

- An incoming move is worth quantity × unit cost. Into a position that is short (negative
  stock, allowed with a warning) it first settles the units sold short at the cost they
  left at; only the rest comes in at its own cost.
- An outgoing move under moving average takes its exact share of the position's value
  (value × quantity / on hand), so the position never keeps a stray fen; its unit_cost is
  that value per unit to 4 places. Under FIFO it takes the oldest layers first, each layer
  worth round(remaining × its unit cost), so a layer used up in several moves yields
  exactly what it came in with. Taking the whole position always takes its whole value.
- Units taken beyond what is on hand (negative stock) leave at the last known unit cost.
- A position of zero units is always worth zero, and value never has the opposite sign of
  the quantity.

FIFO layers are kept under both methods (posting order, exhausted layers deleted), so the
method can be switched in Settings; what the layers hold always equals the units on hand.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from sqlalchemy import TypeDecorator, bindparam, event, insert, select, update
from sqlalchemy.orm import Session, SessionTransaction, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from desktop_app.core import settings
from desktop_app.core.audit import transaction_info
from desktop_app.core.errors import BadInput
from desktop_app.core.models import Sku, StockBalance, StockCostLayer, StockMove, Warehouse
from desktop_app.core.services.stock_query import PositionRow, positions, stock_totals

__all__ = [
    "PositionRow", "StockError", "adjust_in_transit", "get_balance", "positions",
    "post_move", "reverse_move", "stock_totals", "unit_cost",
]  # fmt: skip

ZERO = Decimal(0)
FEN = Decimal("0.01")
COST_UNIT = Decimal("0.0001")
QTY_UNIT = Decimal("0.00001")

INCOMING = frozenset({"receipt", "transfer_in", "customer_return", "stocktake_gain"})
OUTGOING = frozenset({"shipment_out", "sale", "stocktake_loss"})
COST_OPTIONAL = frozenset({"customer_return", "adjustment", "stocktake_gain"})
POSTABLE = INCOMING | OUTGOING | {"adjustment"}


_T = TypeVar("_T")
_LAYERS = "stock.layers"  # (SKU id, warehouse id) → open FIFO layers, in audit.transaction_info
_WRITTEN = "stock.written"  # balances and layers written without the ORM in this transaction


class StockError(BadInput):
    """A refused move: the message names the SKU code, warehouse code, date and reason."""


@dataclass(frozen=True)
class _Rules:
    method: str
    negative: str
    lock: dt.date | None


def _rules(session: Session) -> _Rules:
    if session.autoflush:
        # Reading the settings used to autoflush here; what the caller left pending is
        # still written (and audited) before the move, so the audit trail reads the same.
        session.flush()
    values = settings.for_transaction(session)  # read once per transaction, not per move
    lock = values["stock.period_lock"]
    return _Rules(
        values["stock.cost_method"],
        values["stock.negative"],
        dt.date.fromisoformat(lock) if lock else None,
    )


@dataclass
class _Posting:
    """Everything a move needs once checked: who, where, when and its signed figures."""

    sku: Sku
    warehouse: Warehouse
    kind: str
    quantity: Decimal
    move_date: dt.date
    unit_cost: Decimal | None = None
    value: Decimal = ZERO
    reverses: StockMove | None = None

    def refuse(self, reason: str) -> StockError:
        return StockError(
            f"SKU {self.sku.code} at {self.warehouse.code} on {self.move_date}: {reason}"
        )


def post_move(
    session: Session,
    *,
    sku_id: int,
    warehouse_id: int,
    kind: str,
    quantity: Decimal,
    move_date: dt.date,
    unit_cost: Decimal | None = None,
    ref_type: str = "",
    ref_id: int | None = None,
    note: str = "",
    actor: str = "local",
    warnings: list[str] | None = None,
) -> StockMove:
    """Append one move to the ledger and update its balance and FIFO layers.

    quantity > 0 (receipt, transfer_in, customer_return, adjustment, stocktake_gain) needs
    the landed unit cost in CNY; customer_return, adjustment and stocktake_gain may omit it
    to come in at the position's current unit cost. quantity < 0 (shipment_out, sale,
    stocktake_loss, adjustment) is costed by the configured method; unit_cost must be None.

    Refused (StockError, nothing written): a date on or before the period lock, a zero
    quantity, a sign that does not fit the kind, an inactive warehouse and, when negative
    stock is blocked, on hand going below zero (with "warn" the move posts and a message is
    appended to `warnings`).

    A back-dated move (earlier than the position's latest move) is allowed when its date is
    not locked. Nothing is reposted: it is costed from the position as it stands now, and
    its qty_after / value_after are the running position right after it was posted.
    Valuation at a date (`positions(as_of=…)`) still counts it on its own date.
    """
    posting = _Posting(
        sku=_sku(session, sku_id),
        warehouse=_warehouse(session, warehouse_id),
        kind=kind,
        quantity=_quantity(quantity),
        move_date=_date(move_date),
    )
    rules = _rules(session)
    _check_move(posting, unit_cost)
    _check_open(posting, rules)
    balance = _position(session, sku_id, warehouse_id)
    if posting.quantity > 0:
        cost = unit_cost
        if cost is None:
            cost = _current_cost(session, posting.sku, balance, rules)
        posting.unit_cost = _cost(posting, cost)
    _check_negative(posting, balance, rules, warnings)
    return _post(session, posting, balance, rules, ref_type, ref_id, note, actor)


def reverse_move(
    session: Session,
    move_id: int,
    *,
    move_date: dt.date | None = None,
    note: str = "",
    actor: str = "local",
    warnings: list[str] | None = None,
) -> StockMove:
    """Cancel a move by appending its opposite (kind "reversal", reverses_move_id set).

    The reversal has the opposite quantity and value of the original and is dated like it,
    or on `move_date`; when the original's day is locked and no date is given, the first day
    after the period lock. If stock moved at other costs since, the exact opposite value
    could leave the position inconsistent (units without value's sign, or value without
    units); then the reversal takes what keeps it consistent (the whole position value when
    it empties the position). Refused: reversing a reversal, a move already reversed, a
    locked date, and on hand going below zero when negative stock is blocked (with
    "warn" a message is appended to `warnings`).
    """
    original = session.get(StockMove, move_id)
    if original is None:
        raise BadInput(f"no stock move with id {move_id}")
    rules = _rules(session)
    day = _date(move_date) if move_date else _reversal_day(original.move_date, rules.lock)
    posting = _Posting(
        sku=_sku(session, original.sku_id),
        warehouse=_warehouse(session, original.warehouse_id),
        kind="reversal",
        quantity=-original.quantity,
        move_date=day,
        unit_cost=original.unit_cost,
        value=-original.value,
        reverses=original,
    )
    if original.kind == "reversal":
        raise posting.refuse(f"move {move_id} is itself a reversal; post a new move instead")
    already = session.scalar(select(StockMove.id).where(StockMove.reverses_move_id == move_id))
    if already is not None:
        raise posting.refuse(f"move {move_id} was already reversed by move {already}")
    _check_open(posting, rules)
    balance = _position(session, original.sku_id, original.warehouse_id)
    _check_negative(posting, balance, rules, warnings)
    return _post(session, posting, balance, rules, original.ref_type, original.ref_id,
                 note or f"reverses move {move_id}", actor)  # fmt: skip


def adjust_in_transit(
    session: Session, *, sku_id: int, warehouse_id: int, delta: Decimal
) -> StockBalance:
    """Change the units in transit to a (destination) warehouse; never below zero.

    In-transit units are not ledger moves: shipments keep them in step when they ship,
    receive and close.
    """
    balance = _position(session, sku_id, warehouse_id)
    after = balance.in_transit + _quantity(delta)
    if after < 0:
        where = f"SKU {_sku(session, sku_id).code} at {_warehouse(session, warehouse_id).code}"
        raise StockError(f"{where}: in transit would go to {after}, below zero")
    if balance not in session:  # a new position: inserted by the flush
        balance.in_transit = after
        session.add(balance)
        session.flush()
        return balance
    session.flush()  # whatever the caller left pending, at the same point as before
    keys = {"key_sku": sku_id, "key_warehouse": warehouse_id}
    session.connection().execute(_IN_TRANSIT_UPDATE, {"in_transit": after} | keys)
    set_committed_value(balance, "in_transit", after)
    _note_written(session, balance)
    return balance


def get_balance(session: Session, sku_id: int, warehouse_id: int) -> StockBalance:
    """The stored position; a zero row is created the first time it is asked for."""
    balance = _position(session, sku_id, warehouse_id)
    if balance not in session:
        session.add(balance)
        session.flush()
    return balance


def _position(session: Session, sku_id: int, warehouse_id: int) -> StockBalance:
    """The stored balance, or a zero one not yet added (a refused move writes nothing)."""
    key = (sku_id, warehouse_id)
    if session.get_bind().dialect.name == "postgresql":
        # Read the position locked: two transactions selling the same SKU at once must
        # not both start from the same on hand. (SQLite serialises writers itself.)
        found = session.get(StockBalance, key, with_for_update=True, populate_existing=True)
    else:
        found = session.get(StockBalance, key)
    balance = _kept(session, found)
    if balance is None:
        _sku(session, sku_id)
        _warehouse(session, warehouse_id)
        balance = StockBalance(sku_id=sku_id, warehouse_id=warehouse_id, on_hand=ZERO,
                               in_transit=ZERO, reserved=ZERO, value=ZERO)  # fmt: skip
    return balance


def unit_cost(session: Session, sku_id: int, warehouse_id: int) -> Decimal:
    """What the next unit leaving would cost: the average, or the oldest FIFO layer's cost.

    With nothing on hand: the unit cost of the position's latest move; for a position that
    never moved, the SKU's purchase price, else 0.
    """
    balance = _position(session, sku_id, warehouse_id)
    return _current_cost(session, _sku(session, sku_id), balance, _rules(session))


# -- checks ------------------------------------------------------------------------------


def _sku(session: Session, sku_id: int) -> Sku:
    sku = _kept(session, session.get(Sku, sku_id))
    if sku is None:
        raise StockError(f"no SKU with id {sku_id}")
    return sku


def _warehouse(session: Session, warehouse_id: int) -> Warehouse:
    warehouse = _kept(session, session.get(Warehouse, warehouse_id))
    if warehouse is None:
        raise StockError(f"no warehouse with id {warehouse_id}")
    return warehouse


def _kept(session: Session, obj: _T) -> _T:
    """Hold a strong reference for the session's life.

    The identity map holds objects weakly, so without this every move of a long posting
    run (fulfilling 100,000 orders) would load its SKU, warehouse and balance again.
    session.get still decides what is current (rollbacks expire or expunge as usual).
    """
    if obj is not None:
        session.info.setdefault("stock.kept", set()).add(obj)
    return obj


def _quantity(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise BadInput(f"quantity {value!r} must be a Decimal")
    quantity = Decimal(value)
    if not quantity.is_finite() or quantity != quantity.quantize(QTY_UNIT):
        raise BadInput(f"quantity {value} has more than 5 decimal places")
    return quantity


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise BadInput(f"move date {value!r} must be a date")
    return value


def _check_move(posting: _Posting, unit_cost: Decimal | None) -> None:
    kind, quantity = posting.kind, posting.quantity
    if kind not in POSTABLE:
        known = ", ".join(sorted(POSTABLE))
        raise posting.refuse(f"kind {kind!r} is not one of {known} (reverse_move reverses)")
    if quantity == 0:
        raise posting.refuse("the quantity is zero")
    if (kind in INCOMING and quantity < 0) or (kind in OUTGOING and quantity > 0):
        raise posting.refuse(f"a {kind} must {'add' if kind in INCOMING else 'take'} units")
    if quantity < 0 and unit_cost is not None:
        raise posting.refuse("units leaving are costed by the ledger; give no unit cost")
    if quantity > 0 and unit_cost is None and kind not in COST_OPTIONAL:
        raise posting.refuse(f"a {kind} needs its landed unit cost (CNY)")


def _check_open(posting: _Posting, rules: _Rules) -> None:
    if not posting.warehouse.active:
        raise posting.refuse(f"warehouse {posting.warehouse.code} is inactive")
    if rules.lock is not None and posting.move_date <= rules.lock:
        raise posting.refuse(f"stock is locked up to {rules.lock} (Settings, period lock)")


def _check_negative(
    posting: _Posting, balance: StockBalance, rules: _Rules, warnings: list[str] | None
) -> None:
    after = balance.on_hand + posting.quantity
    if posting.quantity > 0 or after >= 0:
        return
    reason = f"on hand would go from {balance.on_hand} to {after}"
    if rules.negative == "block":
        raise posting.refuse(f"{reason}; negative stock is blocked (Settings)")
    if warnings is not None:
        warnings.append(str(posting.refuse(f"{reason} (negative stock allowed by Settings)")))


def _cost(posting: _Posting, cost: object) -> Decimal:
    if isinstance(cost, bool) or not isinstance(cost, Decimal | int):
        raise posting.refuse(f"unit cost {cost!r} must be a Decimal")
    cost = Decimal(cost)
    if not cost.is_finite() or cost < 0:
        raise posting.refuse(f"unit cost {cost} must be zero or more")
    if cost != cost.quantize(COST_UNIT):
        raise posting.refuse(f"unit cost {cost} has more than 4 decimal places")
    return cost


def _reversal_day(original: dt.date, lock: dt.date | None) -> dt.date:
    if lock is not None and original <= lock:
        return lock + dt.timedelta(days=1)
    return original


# -- posting -----------------------------------------------------------------------------


def _post(
    session: Session,
    posting: _Posting,
    balance: StockBalance,
    rules: _Rules,
    ref_type: str,
    ref_id: int | None,
    note: str,
    actor: str,
) -> StockMove:
    if posting.quantity > 0:
        _value_incoming(posting, balance)
    else:
        _value_outgoing(session, posting, balance, rules)
    _keep_consistent(posting, balance)
    move = StockMove(
        sku_id=posting.sku.id,
        warehouse_id=posting.warehouse.id,
        kind=posting.kind,
        move_date=posting.move_date,
        quantity=posting.quantity,
        unit_cost=posting.unit_cost,
        value=posting.value,
        qty_after=balance.on_hand + posting.quantity,
        value_after=balance.value + posting.value,
        ref_type=ref_type,
        ref_id=ref_id,
        reverses_move_id=posting.reverses.id if posting.reverses else None,
        note=note[:300],
        actor=actor,
    )
    session.add_all((balance, move))
    session.flush()  # the one flush: the move (audited), a new balance, layers used up
    _write_balance(session, balance, move)
    if posting.quantity > 0 and move.qty_after > 0:
        _write_layer(session, move, min(posting.quantity, move.qty_after))
    return move


def _value_incoming(posting: _Posting, balance: StockBalance) -> None:
    assert posting.unit_cost is not None
    on_hand, value = balance.on_hand, balance.value
    if posting.reverses is not None and on_hand >= 0:
        return  # a reversal brings back exactly what its original took
    if on_hand >= 0:
        posting.value = _fen(posting.quantity * posting.unit_cost)
        return
    after = on_hand + posting.quantity
    # Still short: the units sold short are settled at the cost they left at.
    short = after <= 0
    value_after = _fen(value * after / on_hand) if short else _fen(after * posting.unit_cost)
    posting.value = value_after - value


def _value_outgoing(
    session: Session, posting: _Posting, balance: StockBalance, rules: _Rules
) -> None:
    taking = -posting.quantity
    on_hand, value = balance.on_hand, balance.value
    own = posting.reverses.id if posting.reverses is not None else None
    parts = _take_layers(session, balance, taking, own) if on_hand > 0 else []
    if posting.reverses is not None:
        return  # exact opposite; _keep_consistent corrects a position it would break
    if on_hand <= 0:
        magnitude = _fen(taking * _last_cost(session, posting.sku, balance))
    elif taking >= on_hand:
        short_cost = parts[-1][1] if parts and rules.method == "fifo" else value / on_hand
        magnitude = value + _fen((taking - on_hand) * short_cost)
    elif rules.method == "fifo":
        magnitude = min(sum((v for _, _, v in parts), ZERO), value)
    else:
        magnitude = _fen(value * taking / on_hand)
    posting.value = -magnitude
    posting.unit_cost = (magnitude / taking).quantize(COST_UNIT, ROUND_HALF_UP)


def _keep_consistent(posting: _Posting, balance: StockBalance) -> None:
    """Zero units are worth zero; value never takes the opposite sign of the units."""
    qty_after = balance.on_hand + posting.quantity
    value_after = balance.value + posting.value
    if value_after and (qty_after == 0 or (value_after > 0) != (qty_after > 0)):
        posting.value = -balance.value


def _take_layers(
    session: Session, balance: StockBalance, quantity: Decimal, own_move_id: int | None
) -> list[tuple[Decimal, Decimal, Decimal]]:
    """Use up FIFO layers oldest first (a reversed receipt's own layer before all others).

    Returns (units, unit cost, value) per layer touched; a layer is worth
    round(remaining × unit cost), so using it up yields exactly its incoming value.
    """
    layers = _open_layers(session, balance)
    # A copy to walk: layers used up leave the kept list as they go.
    order = sorted(layers, key=lambda layer: layer.move_id != own_move_id)
    parts = []
    for layer in order:
        if quantity <= 0:
            break
        taken = min(quantity, layer.remaining_quantity)
        before = _fen(layer.remaining_quantity * layer.unit_cost)
        layer.remaining_quantity -= taken
        parts.append(
            (taken, layer.unit_cost, before - _fen(layer.remaining_quantity * layer.unit_cost))
        )
        quantity -= taken
        if layer.remaining_quantity == 0:
            session.delete(layer)
            layers.remove(layer)
    return parts


def _open_layers(session: Session, balance: StockBalance) -> list[StockCostLayer]:
    """The position's FIFO layers oldest first: read once per transaction, then kept in step.

    Only this module writes layers, so the list posting keeps (layers used up removed, new
    ones appended: move ids only grow) stays what the query would return. A rollback drops
    it with the rest of audit.transaction_info; a layer no longer in the session (expunged)
    makes it read again.
    """
    kept: dict[tuple[int, int], list[StockCostLayer]]
    kept = transaction_info(session).setdefault(_LAYERS, {})
    key = (balance.sku_id, balance.warehouse_id)
    layers = kept.get(key)
    if layers is None or not all(layer in session for layer in layers):
        layers = kept[key] = list(
            session.scalars(
                select(StockCostLayer)
                .where(
                    StockCostLayer.sku_id == balance.sku_id,
                    StockCostLayer.warehouse_id == balance.warehouse_id,
                )
                .order_by(StockCostLayer.move_id)
            )
        )
    return layers


_balances = StockBalance.__table__
# Built once: the statements are compiled once and reused from the cache.
_BALANCE_UPDATE = (
    update(_balances)
    .where(
        _balances.c.sku_id == bindparam("key_sku"),
        _balances.c.warehouse_id == bindparam("key_warehouse"),
    )
    .values(
        on_hand=bindparam("on_hand"), value=bindparam("value"),
        last_move_id=bindparam("last_move_id"),
    )
)  # fmt: skip
_IN_TRANSIT_UPDATE = (
    update(_balances)
    .where(
        _balances.c.sku_id == bindparam("key_sku"),
        _balances.c.warehouse_id == bindparam("key_warehouse"),
    )
    .values(in_transit=bindparam("in_transit"))
)
_LAYER_INSERT = insert(StockCostLayer.__table__)


def _write_balance(session: Session, balance: StockBalance, move: StockMove) -> None:
    """The position after the move, written with the move's id (known only after its flush).

    Written directly rather than by a second flush; the session's copy is set to match, and
    a rollback expires it again (_after_rollback).
    """
    values = {"on_hand": move.qty_after, "value": move.value_after, "last_move_id": move.id}
    keys = {"key_sku": balance.sku_id, "key_warehouse": balance.warehouse_id}
    session.connection().execute(_BALANCE_UPDATE, values | keys)
    for key, value in values.items():
        set_committed_value(balance, key, value)
    _note_written(session, balance)


def _write_layer(session: Session, move: StockMove, quantity: Decimal) -> None:
    """A receipt's FIFO layer, inserted directly (it needs the move's id) and kept if listed."""
    values = {"sku_id": move.sku_id, "warehouse_id": move.warehouse_id, "move_id": move.id,
              "remaining_quantity": quantity, "unit_cost": move.unit_cost}  # fmt: skip
    result = session.connection().execute(_LAYER_INSERT, values)
    kept = transaction_info(session).get(_LAYERS, {}).get((move.sku_id, move.warehouse_id))
    if kept is None:
        return  # read with the others when first needed
    # As a query would have read it back (4 and 5 places), not as the caller wrote it.
    stored = {key: _as_read(key, value) for key, value in values.items()}
    layer = StockCostLayer(id=result.inserted_primary_key[0], **stored)
    make_transient_to_detached(layer)
    session.add(layer)  # persistent as inserted; a rollback expunges it (_after_rollback)
    _note_written(session, layer)
    kept.append(layer)


def _as_read(key: str, value: object) -> object:
    kind = StockCostLayer.__table__.c[key].type
    if not isinstance(kind, TypeDecorator):
        return value
    return kind.process_result_value(kind.process_bind_param(value, None), None)


def _note_written(session: Session, obj: object) -> None:
    # Weakly: an object nobody holds any more has left the session and needs no undoing
    # (holding it would also keep a new balance alive where it used to be read back).
    session.info.setdefault(_WRITTEN, weakref.WeakSet()).add(obj)


def _after_rollback(session: Session, _previous: SessionTransaction) -> None:
    """Undo in the session what was written directly: the rows are gone or back as they were.

    Balances are expired (read again when next used), inserted layers expunged (a later
    query finds them if they are still there). Everything noted is then consistent again.
    """
    for obj in list(session.info.pop(_WRITTEN, ())):
        if obj in session:
            if isinstance(obj, StockBalance):
                session.expire(obj)
            else:
                session.expunge(obj)


def _at_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WRITTEN, None)


event.listen(Session, "after_soft_rollback", _after_rollback)
event.listen(Session, "after_transaction_end", _at_end)


def _current_cost(session: Session, sku: Sku, balance: StockBalance, rules: _Rules) -> Decimal:
    if balance.on_hand <= 0:
        return _last_cost(session, sku, balance)
    if rules.method == "fifo":
        layers = _open_layers(session, balance)
        if layers:
            return layers[0].unit_cost
    return (balance.value / balance.on_hand).quantize(COST_UNIT, ROUND_HALF_UP)


def _last_cost(session: Session, sku: Sku, balance: StockBalance) -> Decimal:
    if balance.last_move_id is None:
        return sku.purchase_price or ZERO
    last = session.get(StockMove, balance.last_move_id)
    return last.unit_cost if last is not None else ZERO


def _fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, ROUND_HALF_UP)
