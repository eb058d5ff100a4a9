"""The home dashboard's figures: on the demo data against SQL sums, and on small hand-made cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop_app.core.db import Database
from desktop_app.core.models import (
    Declaration,
    OrderLine,
    RebateBatch,
    StockBalance,
    Warehouse,
)
from desktop_app.core.services import dashboard as dash
from desktop_app.core.services import (
    deadlines,
    filing_docs,
    fx_receipts,
    mapping,
    rebate_batches,
    rebate_check,
    replenishment,
)
from tests.unit import rebate_fixtures as rf
from tests.unit import stock_flow_fixtures as sf

D = Decimal
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def figures(demo300: Database) -> dash.Dashboard:
    with demo300.sessions() as session:
        return dash.dashboard(session, dt.date.today())


# ---------------------------------------------------------------- the demo data


def test_months_are_the_last_twelve_ending_with_this_one() -> None:
    months = dash.last_months(dt.date(2026, 2, 3))
    assert months[0] == "2025-03" and months[-1] == "2026-02" and len(months) == 12


def test_exports_equal_the_sum_of_cleared_declarations(demo300, figures) -> None:
    first = dt.date.fromisoformat(figures.months[0] + "-01")
    with demo300.sessions() as session:
        for mode, amounts in figures.exports.items():
            for month, amount in zip(figures.months, amounts, strict=True):
                start = dt.date.fromisoformat(month + "-01")
                end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                expected = session.scalar(
                    select(func.coalesce(func.sum(Declaration.usd_fob), D(0))).where(
                        Declaration.status.in_(("cleared", "amended")),
                        Declaration.supervision_mode == mode,
                        Declaration.export_date >= start,
                        Declaration.export_date < end,
                    )
                )
                assert amount == expected, (mode, month)
        total = session.scalar(
            select(func.sum(Declaration.usd_fob)).where(
                Declaration.status.in_(("cleared", "amended")),
                Declaration.export_date >= first,
                Declaration.export_date <= figures.today,
            )
        )
    assert sum((sum(v, D(0)) for v in figures.exports.values()), D(0)) == total
    assert total > 0, "the demo exports every month"


def test_pipeline_filed_and_received_equal_the_batches(demo300, figures) -> None:
    with demo300.sessions() as session:
        batches = list(session.scalars(select(RebateBatch)))
    filed = sum((b.refund_total for b in batches if b.status in dash.FILED_STATES), D(0))
    expected = sum((b.refund_total for b in batches if b.status in dash.EXPECTED_STATES), D(0))
    pipeline = figures.pipeline
    assert pipeline.filed == filed
    assert pipeline.batches_expected == expected
    assert pipeline.received == sum((b.received_amount for b in batches), D(0)) > 0
    assert pipeline.expected == expected + pipeline.estimated


def test_unbatched_lines_are_those_create_batch_would_take(demo300, figures) -> None:
    with demo300.sessions() as session:
        lines = rebate_batches.available_lines(session, dt.date(9999, 1, 1))
    assert figures.pipeline.unbatched_lines == len(lines) > 0
    assert figures.pipeline.estimated > 0


def test_stock_values_are_the_stored_balances(demo300, figures) -> None:
    with demo300.sessions() as session:
        sums = dict(
            session.execute(
                select(Warehouse.code, func.sum(StockBalance.value))
                .join(StockBalance, StockBalance.warehouse_id == Warehouse.id)
                .group_by(Warehouse.code)
            ).all()
        )
    shown = {w.code: w.value for w in figures.stock}
    assert shown == sums
    assert all(isinstance(v, Decimal) for v in shown.values())


def test_alert_counts_match_the_services(demo300, figures) -> None:
    today = figures.today
    with demo300.sessions() as session:
        unmapped = mapping.unmapped_count(session)
        lines = session.scalar(select(func.count()).where(OrderLine.sku_id.is_(None)))
        documents = [r for r in filing_docs.missing_documents(session, today) if r.overdue]
        fx = fx_receipts.alerts(session, today)
        upcoming = deadlines.upcoming(session, today, 30, include_overdue=True).deadlines
    assert lines > 0 and figures.alert("unmapped_skus").count == unmapped > 0
    assert figures.alert("missing_documents").count == len(documents)
    assert figures.alert("uncollected_fx").count == len(fx)
    assert figures.deadlines.due + figures.deadlines.overdue == len(upcoming)
    assert figures.deadlines.first == upcoming[: dash.FIRST_DEADLINES]
    assert {a.screen for a in figures.alerts} <= {
        "orders", "catalogue", "stock", "rebate", "documents", "fx", "deadlines", "invoices"
    }  # fmt: skip


def test_the_dashboard_reads_only(demo300) -> None:
    with demo300.sessions() as session:
        dash.dashboard(session, dt.date.today())
        assert not session.new and not session.dirty and not session.deleted


# ---------------------------------------------------------------- hand-made cases


@pytest.fixture
def world(session):
    rf.setup(session)
    return session


def test_estimate_fob_times_parity_times_rebate_rate(world) -> None:
    rf.declaration(world, dt.date(2026, 5, 10), [{}, {"hs_code": rf.DRYER, "usd_fob": D(500),
                                                     "amount": D(500)}])  # fmt: skip
    rf.declaration(world, dt.date(2026, 6, 3), [{"usd_fob": D("200.00"), "amount": D(200)}])
    rf.declaration(world, dt.date(2026, 6, 4), [{"hs_code": "9999999999"}])  # not in the library
    rf.declaration(world, dt.date(2026, 6, 5), [{}], status="draft")  # not exported yet
    pipeline = dash.rebate_pipeline(world)
    # USD parity 7.1 (the fixtures); 13 % for the case, 9 % for the dryer
    assert pipeline.estimated == D("923.00") + D("319.50") + D("184.60")
    assert (pipeline.unbatched_lines, pipeline.not_estimated) == (4, 1)

    exports = dash.monthly_exports(world, dash.last_months(TODAY))
    assert list(exports) == ["0110"]
    assert exports["0110"][-7:-5] == [D(1500), D(1200)], "May, June"


def test_a_batch_moves_lines_from_the_estimate_and_its_findings_are_alerts(world) -> None:
    rf.declaration(world, dt.date(2026, 5, 10), [{}])
    batch = rebate_batches.create_batch(world, "2026-06", today=TODAY)
    batch.refund_total = D("880.00")
    world.flush()
    pipeline = dash.rebate_pipeline(world)
    assert (pipeline.unbatched_lines, pipeline.estimated) == (0, 0)
    assert pipeline.batches_expected == pipeline.expected == D("880.00")
    findings = rebate_check.self_check(world, batch.id, TODAY)
    assert findings, "no invoice matched: the self-check says so"
    assert dash.self_check_count(world, TODAY) == len(findings)

    batch.status, batch.received_amount = "paid", D("870.00")
    world.flush()
    pipeline = dash.rebate_pipeline(world)
    assert (pipeline.expected, pipeline.filed, pipeline.received) == (0, 0, D("870.00"))
    assert dash.self_check_count(world, TODAY) == 0, "only drafts are checked"


def test_low_stock_is_a_rule_at_or_above_the_position(session) -> None:
    us = sf.warehouse(session, "US-3PL")
    cn = sf.warehouse(session, "CN-SZ", kind="domestic", country="CHN")
    a, b, c = sf.sku(session, "A-1"), sf.sku(session, "B-2"), sf.sku(session, "C-3")
    sf.receive(session, a, us, 10, "5.00", dt.date(2026, 1, 1))
    sf.receive(session, b, us, 11, "5.00", dt.date(2026, 1, 1))
    replenishment.set_rule(session, a.id, us.id, reorder_point=D(10))  # 10 ≤ 10: low
    replenishment.set_rule(session, b.id, us.id, reorder_point=D(10))  # 11: fine
    replenishment.set_rule(session, c.id, us.id, reorder_point=D(1))  # nothing at all: low
    assert dash.low_stock_count(session) == 2
    stock_values = {w.code: w.value for w in dash.stock_by_warehouse(session)}
    assert stock_values == {"US-3PL": D(105), "CN-SZ": D(0)}
    assert cn.active


def test_an_empty_database_gives_zeros(session) -> None:
    figures = dash.dashboard(session, TODAY)
    assert figures.exports == {} and figures.stock == []
    assert figures.pipeline.expected == figures.pipeline.filed == figures.pipeline.received == 0
    assert [a.count for a in figures.alerts] == [0] * len(dash.ALERT_SCREENS)
    assert (figures.deadlines.due, figures.deadlines.overdue) == (0, 0)
