"""Property tests: any sequence of moves keeps every stored balance equal to its ledger."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.core import settings as app_settings
from desktop_app.core.models import Sku, StockBalance, StockCostLayer, StockMove
from desktop_app.core.services import check, stock, warehouses
from desktop_app.core.services.stock import StockError

FEN = D("0.01")
START = dt.date(2026, 1, 1)

quantities = st.one_of(
    st.integers(1, 40).map(D),
    st.decimals(min_value=D("0.00001"), max_value=D(40), places=5),
)
costs = st.one_of(
    st.sampled_from([D(0), D("0.3333"), D("1"), D("2.5"), D("9.9999")]),
    st.decimals(min_value=D(0), max_value=D(500), places=4),
)
incoming = st.tuples(
    st.just("in"),
    st.sampled_from(["receipt", "transfer_in", "customer_return", "stocktake_gain", "adjustment"]),
    quantities,
    st.one_of(st.none(), costs),
)
outgoing = st.tuples(
    st.just("out"),
    st.sampled_from(["sale", "shipment_out", "stocktake_loss", "adjustment"]),
    quantities,
    st.none(),
)
reversal = st.tuples(st.just("reverse"), st.integers(0, 10**6), st.none(), st.none())
switch = st.tuples(
    st.just("switch"), st.sampled_from(["fifo", "moving_average"]), st.none(), st.none()
)
# Mostly one position, so that moves meet each other; sometimes the others.
place = st.sampled_from([0, 0, 0, 1])
step = st.tuples(place, place, st.integers(0, 30),
                 st.one_of(incoming, incoming, outgoing, outgoing, reversal, switch))  # fmt: skip


def _setup(session, method: str, negative: str):
    app_settings.put(session, "stock.cost_method", method)
    app_settings.put(session, "stock.negative", negative)
    skus = [Sku(code=f"P-{i}", name_cn=f"品{i}", purchase_price=D("3.21")) for i in range(2)]
    session.add_all(skus)
    session.flush()
    whs = [
        warehouses.create_warehouse(session, code=f"W{i}", name=f"W{i}", kind="overseas_3pl",
                                    country="USA", currency="USD")
        for i in range(2)
    ]  # fmt: skip
    return skus, whs


class _Run:
    """Posts the steps and remembers which positions are plain FIFO.

    A position is plain FIFO while every move at it was costed by FIFO and none was a
    reversal; then its value equals what its layers are worth. Emptying it starts afresh.
    """

    def __init__(self, session, method: str, negative: str) -> None:
        self.session = session
        self.method = method
        self.skus, self.whs = _setup(session, method, negative)
        self.posted: list[StockMove] = []
        self.mixed: set[tuple[int, int]] = set()

    def apply(self, item) -> None:
        s, w, day, (op, what, qty, cost) = item
        if op == "switch":
            app_settings.put(self.session, "stock.cost_method", what)
            self.method = what
            return
        if op == "reverse":
            if self.posted:
                target = self.posted[-1 - what % min(len(self.posted), 6)]
                stock.reverse_move(self.session, target.id)
                self.mixed.add((target.sku_id, target.warehouse_id))
            return
        if op == "in" and cost is None and what in ("receipt", "transfer_in"):
            cost = D(1)
        move = stock.post_move(
            self.session, sku_id=self.skus[s].id, warehouse_id=self.whs[w].id, kind=what,
            quantity=qty if op == "in" else -qty, move_date=START + dt.timedelta(days=day),
            unit_cost=cost,
        )  # fmt: skip
        self.posted.append(move)
        if self.method != "fifo":
            self.mixed.add((move.sku_id, move.warehouse_id))

    def check(self) -> None:
        self.session.flush()
        for balance in self.session.scalars(select(StockBalance)):
            if balance.on_hand <= 0:
                self.mixed.discard((balance.sku_id, balance.warehouse_id))
        _assert_ledger_invariants(self.session, self.mixed)


def _assert_ledger_invariants(session, mixed: set[tuple[int, int]]) -> None:
    assert check._stock_balances(session).ok
    moves = session.scalars(select(StockMove).order_by(StockMove.id)).all()
    running: dict[tuple[int, int], list[D]] = defaultdict(lambda: [D(0), D(0)])
    for move in moves:
        assert move.value == move.value.quantize(FEN)
        assert move.quantity != 0
        position = running[(move.sku_id, move.warehouse_id)]
        position[0] += move.quantity
        position[1] += move.value
        assert (move.qty_after, move.value_after) == tuple(position)
    layers: dict[tuple[int, int], list[StockCostLayer]] = defaultdict(list)
    for layer in session.scalars(select(StockCostLayer)):
        assert layer.remaining_quantity > 0
        layers[(layer.sku_id, layer.warehouse_id)].append(layer)
    for balance in session.scalars(select(StockBalance)):
        key = (balance.sku_id, balance.warehouse_id)
        assert (balance.on_hand, balance.value) == tuple(running[key])
        if balance.on_hand == 0:
            assert balance.value == 0  # no stray fen
        elif balance.on_hand > 0:
            assert balance.value >= 0
        else:
            assert balance.value <= 0
        held = layers.get(key, [])
        assert sum((lay.remaining_quantity for lay in held), D(0)) == max(balance.on_hand, D(0))
        if key not in mixed and balance.on_hand >= 0:
            worth = sum(((lay.remaining_quantity * lay.unit_cost).quantize(FEN, "ROUND_HALF_UP")
                         for lay in held), D(0))  # fmt: skip
            assert balance.value == worth


def _snapshot(session) -> tuple:
    session.flush()
    return (
        session.scalar(select(func.count()).select_from(StockMove)),
        [(b.sku_id, b.warehouse_id, b.on_hand, b.value) for b in session.scalars(
            select(StockBalance).order_by(StockBalance.sku_id, StockBalance.warehouse_id))],
        [(x.id, x.remaining_quantity) for x in session.scalars(
            select(StockCostLayer).order_by(StockCostLayer.id))],
    )  # fmt: skip


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    method=st.sampled_from(["moving_average", "fifo"]),
    negative=st.sampled_from(["block", "warn"]),
    steps=st.lists(step, min_size=10, max_size=40),
)
def test_any_sequence_of_moves_keeps_balances_equal_to_the_ledger(db, method, negative, steps):
    """Refused moves (negative stock blocked) change nothing; posted ones keep every rule."""
    with db.sessions() as session:
        session.info["actor"] = "test"
        with session.begin() as transaction:
            run = _Run(session, method, negative)
            for item in steps:
                before = _snapshot(session)
                try:
                    run.apply(item)
                except StockError as exc:
                    assert negative == "block" or "reversed" in str(exc), exc
                    session.flush()
                    assert _snapshot(session) == before  # a refused move writes nothing
                run.check()
            transaction.rollback()
