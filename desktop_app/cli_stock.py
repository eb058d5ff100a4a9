"""Stock commands of the command line: balances, first-leg shipments, and their file imports."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli_common import parse_day
from desktop_app.core.errors import BadInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop_app.core.importers.common import ImportSummary

EXIT_OK = 0


def _warehouse_id(session: Session, code: str | None) -> int | None:
    from desktop_app.core.services.warehouses import find_warehouse

    if not code:
        return None
    found = find_warehouse(session, code)
    if found is None:
        raise BadInput(f"--warehouse {code!r}: no warehouse with this code")
    return found.id


def _sku_id(session: Session, code: str | None) -> int | None:
    from sqlalchemy import select

    from desktop_app.core.models import Sku

    if not code:
        return None
    found = session.scalar(select(Sku.id).where(Sku.code == code))
    if found is None:
        raise BadInput(f"--sku {code!r}: no SKU with this code")
    return found


# ---------------------------------------------------------------- stock


def cmd_stock(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services.stock_query import positions

    as_of = parse_day(args.as_of, "--as-of")
    with db.sessions() as session:
        rows = positions(
            session,
            warehouse_id=_warehouse_id(session, args.warehouse),
            sku_id=_sku_id(session, args.sku),
            as_of=as_of,
        )
    data = [
        {
            "sku": r.sku_code, "warehouse": r.warehouse_code, "on_hand": str(r.on_hand),
            "in_transit": str(r.in_transit), "reserved": str(r.reserved),
            "available": str(r.available), "value_cny": str(r.value),
            "unit_cost": str(r.unit_cost),
        }
        for r in rows
    ]  # fmt: skip
    lines = [f"{'SKU':<20} {'warehouse':<12} {'on hand':>12} {'in transit':>12} {'value CNY':>14}"]
    lines += [
        f"{r.sku_code:<20} {r.warehouse_code:<12} {_units(r.on_hand):>12} "
        f"{_units(r.in_transit):>12} {r.value:>14,.2f}"
        for r in rows
    ]
    when = f" as of {as_of}" if as_of else ""
    lines.append(f"{len(rows)} positions{when}")
    return EXIT_OK, {"as_of": as_of and as_of.isoformat(), "positions": data}, "\n".join(lines)


def _units(value: Decimal) -> str:
    return f"{value.normalize():f}" if value % 1 else f"{int(value):,}"


def args_stock(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--sku", help="one SKU (its code)")
    sp.add_argument("--warehouse", help="one warehouse (its code)")
    sp.add_argument("--as-of", metavar="DATE", help="positions at the end of this day (ledger)")


# ---------------------------------------------------------------- shipments


def cmd_shipment(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import shipments

    day = parse_day(args.date, "--date") or dt.date.today()
    if (args.counts or args.sku_qty) and args.action != "receive":
        raise BadInput("--sku and --counts apply to `shipment receive` only")
    warnings: list[str] = []
    with db.transaction(actor=args.actor) as session:
        shipment = shipments.by_ref(session, args.ref)
        if args.action == "ship":
            shipments.ship(session, shipment.id, day, actor=args.actor, warnings=warnings)
        elif args.action == "receive":
            received = (
                _counted(session, shipment.id, args)
                if args.counts
                else _received(session, args.sku_qty)
            )
            shipments.receive(session, shipment.id, received, day, close=args.close,
                              actor=args.actor, warnings=warnings)  # fmt: skip
        elif args.action == "close":
            shipments.close_shipment(session, shipment.id, day)
        data = _shipment_json(session, shipment.id)
    data["warnings"] = warnings
    text = f"shipment {data['ref']}: {data['status']}"
    text += "".join(
        f"\n  {d['sku']}: shipped {d['shipped']}, received {d['received']} ({d['kind']})"
        for d in data["lines"]
    )
    text += "".join(f"\n  warning: {w}" for w in warnings)
    return EXIT_OK, data, text


def _received(session: Session, pairs: list[str] | None) -> dict[int, Decimal] | None:
    """--sku CODE=QTY pairs (None: everything outstanding)."""
    if not pairs:
        return None
    received: dict[int, Decimal] = {}
    for pair in pairs:
        code, _, qty = pair.partition("=")
        sku_id = _sku_id(session, code.strip())
        try:
            received[sku_id] = Decimal(qty.strip())  # type: ignore[index]
        except ArithmeticError:
            raise BadInput(f"--sku {pair!r}: write CODE=QUANTITY, e.g. MUG-01=120") from None
    return received


def _counted(session: Session, shipment_id: int, args: argparse.Namespace) -> dict[int, Decimal]:
    """--counts FILE: the units received per SKU, every bad row listed (ImportRejected)."""
    from desktop_app.core.services.shipment_import import read_receipt_counts

    if args.sku_qty:
        raise BadInput("give the received quantities with --sku or --counts, not both")
    return read_receipt_counts(session, shipment_id, Path(args.counts))


def _shipment_json(session: Session, shipment_id: int) -> dict[str, Any]:
    from desktop_app.core.services import shipments

    shipment = shipments.get_shipment(session, shipment_id)
    return {
        "id": shipment.id,
        "ref": shipment.ref,
        "status": shipment.status,
        "lines": [
            {"sku": d.sku_code, "shipped": str(d.shipped), "received": str(d.received),
             "difference": str(d.difference), "kind": d.kind}
            for d in shipments.discrepancies(session, shipment_id)
        ],
    }  # fmt: skip


def args_shipment(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("action", choices=("ship", "receive", "close", "show"))
    sp.add_argument("ref", metavar="REF", help="the shipment's reference, e.g. FL-2026-0001")
    sp.add_argument("--date", metavar="DATE", help="ship / receive / close date (default today)")
    sp.add_argument(
        "--sku", dest="sku_qty", action="append", metavar="CODE=QTY",
        help="receive: units counted per SKU (repeat; default: everything outstanding)",
    )  # fmt: skip
    sp.add_argument(
        "--counts", metavar="FILE",
        help="receive: an xlsx/csv of SKU codes and received quantities (instead of --sku)",
    )  # fmt: skip
    sp.add_argument("--close", action="store_true", help="receive: finish, keeping shortages")


# ---------------------------------------------------------------- imports


def import_stocktake(
    db: Any, path: Path, *, warehouse: str | None = None, actor: str = "local", **_: Any
) -> ImportSummary:
    """Counts into the stocktake the sheet names, else the warehouse's open one."""
    from desktop_app.core.services import stocktake

    with db.transaction(actor=actor) as session:
        take_id = stocktake.stocktake_for_sheet(
            session, path, warehouse_id=_warehouse_id(session, warehouse)
        )
        return stocktake.import_counts(session, take_id, path)
