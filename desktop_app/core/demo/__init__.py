"""Realistic demo data for an empty database: catalogue, shops, a year of orders, FX rates, stock.

`generate` is what `desktop-app demo [--orders N]` and the window's "Load demo data" call.
Everything lands in one transaction: a failure or a cancel leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.db import Database
from desktop_app.core.demo.catalogue import build
from desktop_app.core.demo.orders import write_orders
from desktop_app.core.demo.rates import write_rates
from desktop_app.core.demo.rebate import RebateSummary, write_rebate
from desktop_app.core.demo.stock import StockSummary, write_stock
from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.models import Order, Sku
from desktop_app.core.services import routing

MAX_ORDERS = 10_000_000

__all__ = ["MAX_ORDERS", "DemoSummary", "generate"]


@dataclass(frozen=True)
class DemoSummary:
    """How much demo data was written, and how long it took."""

    skus: int
    suppliers: int
    warehouses: int
    shops: int
    listings: int
    orders: int
    order_lines: int
    exchange_rates: int
    shipments: int
    stock_moves: int
    seconds: float
    declarations: int = 0
    purchase_invoices: int = 0
    fx_receipts: int = 0
    rebate_batches: int = 0


def generate(
    db: Database,
    *,
    orders: int = 5000,
    seed: int = 2026,
    job: Job | None = None,
    stock: bool = True,
) -> DemoSummary:
    """Fill an empty database with demo data; the same seed (on the same day) gives the same data.

    stock=False leaves out the warehouses' stock (shipments, receipts, sales): orders only,
    as fast as they can be written, for measuring the order screens at millions of rows.

    Raises BadInput for a database that already holds SKUs or orders, or a bad order count;
    Cancelled when the job is cancelled. Either way nothing is written.
    """
    if isinstance(orders, bool) or not isinstance(orders, int) or not 0 <= orders <= MAX_ORDERS:
        raise BadInput(
            f"demo orders must be a whole number from 0 to {MAX_ORDERS:,}, not {orders!r}"
        )
    job = job or Job()
    started = time.perf_counter()
    today = dt.datetime.now(dt.UTC).date()
    with db.transaction(actor="demo") as session:
        refuse_non_empty(session, db.display_name)
        job.report(0, orders, "Creating the demo catalogue")
        catalogue = build(session, seed, today)
        session.flush()
        job.check()
        rates = write_rates(session, seed, today)
        job.check()
        written, lines = write_orders(
            session, catalogue, orders=orders, seed=seed, today=today, job=job
        )
        # Stock first: routing then finds every shipped warehouse order already sold, where
        # it would otherwise try (and fail) to sell each one from an empty warehouse.
        stocked = (
            write_stock(session, catalogue, seed=seed, today=today, job=job)
            if stock
            else StockSummary()
        )
        job.report(written, orders, "Assigning customs modes")
        # as an import would: every order gets its mode (and, with stock, is sold from it)
        routing.route_orders(session, take_stock=stock)
        rebate = RebateSummary()
        if stock:  # declarations need the shipments; the rebate needs the declarations
            job.report(written, orders, "Declaring exports and preparing the rebate")
            rebate = write_rebate(session, seed=seed, today=today)
    return DemoSummary(
        skus=catalogue.skus,
        suppliers=catalogue.suppliers,
        warehouses=len(catalogue.warehouses),
        shops=len(catalogue.shops),
        listings=catalogue.listings,
        orders=written,
        order_lines=lines,
        exchange_rates=rates,
        shipments=stocked.shipments,
        stock_moves=stocked.stock_moves,
        seconds=time.perf_counter() - started,
        declarations=rebate.declarations,
        purchase_invoices=rebate.invoices,
        fx_receipts=rebate.receipts,
        rebate_batches=rebate.batches,
    )


def refuse_non_empty(session: Session, where: str) -> None:
    skus = session.scalar(select(func.count()).select_from(Sku)) or 0
    orders = session.scalar(select(func.count()).select_from(Order)) or 0
    if skus or orders:
        raise BadInput(
            f"{where} already holds {skus:,} SKUs and {orders:,} orders; demo data only goes "
            "into an empty database, so nothing was changed. Create a new database for the "
            "demo (desktop-app --db demo.sqlite demo)."
        )
