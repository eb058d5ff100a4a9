"""Figures about a database for `status` and the Home screen: file, revision, backups, counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core import settings
from desktop_app.core.db import Database, head_revision
from desktop_app.core.models import (
    AuditEvent,
    Declaration,
    DeclarationLine,
    ExchangeRate,
    Order,
    OrderLine,
    PlatformListing,
    PurchaseInvoice,
    RebateBatch,
    Shipment,
    Shop,
    Sku,
    StockMove,
    Supplier,
    Warehouse,
)
from desktop_app.core.money import ZERO
from desktop_app.core.services.declaration_life import counts_by_status
from desktop_app.core.services.order_import import sales_by_currency
from desktop_app.core.services.stock_query import stock_totals

COUNTED = {
    "skus": Sku,
    "suppliers": Supplier,
    "shops": Shop,
    "platform_listings": PlatformListing,
    "orders": Order,
    "order_lines": OrderLine,
    "warehouses": Warehouse,
    "shipments": Shipment,
    "stock_moves": StockMove,
    "declarations": Declaration,
    "declaration_lines": DeclarationLine,
    "purchase_invoices": PurchaseInvoice,
    "rebate_batches": RebateBatch,
    "exchange_rates": ExchangeRate,
    "audit_events": AuditEvent,
}


def counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in COUNTED.items()
    }


def collect_status(db: Database) -> dict[str, Any]:
    """Everything `status --json` prints; later areas add their own sections."""
    path = db.path
    with db.sessions() as session:
        figures = counts(session)
        sales = {cur: str(amount) for cur, amount in sales_by_currency(session).items()}
        last_backup = settings.get(session, "backup.last_at") or None
        stock = stock_totals(session)
        declarations = counts_by_status(session)
        rebate = rebate_totals(session)
    return {
        "database": db.display_name,
        "size_bytes": _size(path) if path else None,
        "schema_revision": db.revision(),
        "head_revision": head_revision(),
        "last_backup": last_backup,
        "counts": figures,
        "sales": sales,  # goods amounts of orders that are sales, per currency
        "stock": stock,  # units on hand and in transit, value on hand in CNY
        "declarations": declarations,  # by status: draft, filed, cleared …
        "rebate": rebate,  # refundable (prepared), filed and received totals in CNY
    }


CLAIMED = ("filed", "approved", "partly_rejected", "paid")


def rebate_totals(session: Session) -> dict[str, Any]:
    """The refund of batches not yet filed (refundable), of filed ones, and what arrived."""
    rows = session.execute(
        select(
            RebateBatch.status, func.count(), func.sum(RebateBatch.refund_total),
            func.sum(RebateBatch.received_amount),
        ).group_by(RebateBatch.status)
    ).all()  # fmt: skip
    refundable = filed = received = ZERO
    batches: dict[str, int] = {}
    for status, number, refund, got in rows:
        batches[status] = number
        refund, got = refund or ZERO, got or ZERO  # SUM keeps the column's exact type
        if status in CLAIMED:
            filed += refund
        else:
            refundable += refund
        received += got
    return {"refundable": str(refundable), "filed": str(filed), "received": str(received),
            "batches": batches}  # fmt: skip


def _size(path) -> int:
    """The database with its WAL: what a copy of it would take."""
    total = 0
    for suffix in ("", "-wal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            total += part.stat().st_size
    return total
