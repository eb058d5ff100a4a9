"""FX commands of the command line: `fx rate|receipt|allocate|status` and the two FX imports."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli_common import parse_day
from desktop_app.core.errors import BadInput

if TYPE_CHECKING:
    from desktop_app.core.importers.common import ImportSummary
    from desktop_app.core.jobs import Job

EXIT_OK = 0
ACTIONS = ("rate", "receipt", "allocate", "status")


# ---------------------------------------------------------------- imports (cli.IMPORTERS)


def _importer(module: str, loader: str, what: str) -> Callable[..., ImportSummary]:
    """An IMPORTERS entry: the session loader `module.loader` in one transaction."""

    def run(
        db: Any, path: Path, *, skip_bad: bool = False, job: Job | None = None,
        actor: str = "local", **_: Any,
    ) -> ImportSummary:  # fmt: skip
        load = getattr(importlib.import_module(module), loader)
        with db.transaction(actor) as session:
            return load(session, path, skip_bad=skip_bad, job=job)

    run.__doc__ = f"`import {what} FILE` in one transaction."
    return run


# a CFETS central-parity history (xlsx/csv); a bank statement's credits (xlsx/csv)
import_fx_rates = _importer("desktop_app.core.services.fx_rates", "load_fx_rates", "fx-rates")
import_fx_receipts = _importer(
    "desktop_app.core.services.fx_receipt_import", "load_receipts", "fx-receipts"
)


# ---------------------------------------------------------------- `fx …`


def args_fx(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "action",
        choices=ACTIONS,
        help="rate: set one; receipt: add one; "
        "allocate: receipts to declarations; status: collection per declaration",
    )
    sp.add_argument("--currency", help="rate / receipt: ISO code, e.g. USD")
    sp.add_argument("--date", metavar="DATE", help="rate: its day; receipt: received (YYYY-MM-DD)")
    sp.add_argument("--rate", metavar="R", help="rate: CNY per unit (per 100 for JPY)")
    sp.add_argument("--per", type=int, choices=(1, 100), help="rate: units the rate is for")
    sp.add_argument("--ref", metavar="REF", help="receipt: the bank's reference")
    sp.add_argument("--amount", metavar="A", help="receipt: amount; allocate: amount to assign")
    sp.add_argument("--payer", default="", help="receipt: who paid")
    sp.add_argument("--bank", default="", help="receipt: the receiving bank")
    sp.add_argument("--deemed", action="store_true", help="receipt: 视同收汇")
    sp.add_argument("--note", default="", help="receipt: a note")
    sp.add_argument("--auto", action="store_true", help="allocate: oldest export first")
    sp.add_argument("--receipt", metavar="REF", help="allocate: the receipt (bank reference)")
    sp.add_argument("--declaration", metavar="REF", help="allocate: the declaration")
    sp.add_argument("--overdue", action="store_true", help="status: overdue ones only")
    sp.add_argument(
        "--status",
        dest="collection",
        metavar="S",
        help="status: collected, partly, not_collected or deemed",
    )
    sp.add_argument("--today", metavar="DATE", help="status: count due dates from this day")


def cmd_fx(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    """`fx …`: returns (exit code, JSON-able result, text)."""
    handler = {"rate": _rate, "receipt": _receipt, "allocate": _allocate, "status": _status}
    return handler[args.action](args, db)


def _need(args: argparse.Namespace, *names: str) -> None:
    missing = [f"--{n}" for n in names if getattr(args, n) in (None, "")]
    if missing:
        raise BadInput(f"fx {args.action} needs {', '.join(missing)}")


def _rate(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import fx_rates

    _need(args, "currency", "date", "rate")
    with db.transaction(args.actor) as session:
        row = fx_rates.set_rate(session, args.currency, args.date, args.rate, args.per)
        data = {
            "currency": row.currency,
            "date": row.rate_date.isoformat(),
            "rate": str(row.rate),
            "per_units": row.per_units,
        }
    text = f"{data['per_units']} {data['currency']} = CNY {data['rate']} on {data['date']}"
    return EXIT_OK, data, text


def _receipt(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import fx_receipts

    _need(args, "ref", "date", "currency", "amount")
    with db.transaction(args.actor) as session:
        r = fx_receipts.add_receipt(
            session,
            bank_ref=args.ref,
            received_date=args.date,
            currency=args.currency,
            amount=args.amount,
            payer=args.payer,
            bank=args.bank,
            deemed=args.deemed,
            note=args.note,
        )
        data = {
            "id": r.id,
            "bank_ref": r.bank_ref,
            "date": r.received_date.isoformat(),
            "currency": r.currency,
            "amount": str(r.amount),
            "deemed": r.deemed,
        }
    return EXIT_OK, data, f"receipt {r.bank_ref}: {r.currency} {r.amount} on {data['date']}"


def _allocate(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import fx_receipts

    by_hand = (args.receipt, args.declaration, args.amount)
    if args.auto == any(v is not None for v in by_hand):
        raise BadInput("fx allocate: give --auto, or --receipt, --declaration and --amount")
    with db.transaction(args.actor) as session:
        if args.auto:
            made = fx_receipts.auto_allocate(session)
        else:
            _need(args, "receipt", "declaration", "amount")
            fx_receipts.allocate(session, args.receipt, args.declaration, args.amount)
            receipt = fx_receipts.get_receipt(session, args.receipt)
            made = [
                a
                for a in fx_receipts.list_allocations(session, receipt_id=receipt.id)
                if a.declaration_ref == args.declaration
                or str(a.declaration_id) == args.declaration
            ]
    data = [
        {
            "receipt": a.bank_ref,
            "declaration": a.declaration_ref,
            "amount": str(a.amount),
            "currency": a.currency,
        }
        for a in made
    ]
    lines = [f"{a['receipt']} → {a['declaration']}: {a['currency']} {a['amount']}" for a in data]
    lines.append(f"{len(data)} allocation(s)")
    return EXIT_OK, {"allocations": data}, "\n".join(lines)


def _status(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import fx_receipts

    today = parse_day(args.today, "--today") or dt.date.today()
    with db.sessions() as session:
        rows = fx_receipts.collection_status(
            session, today, status=args.collection, overdue_only=args.overdue
        )
    data = [collection_json(c) for c in rows]
    head = f"{'declaration':<20} {'export':<10} {'cur':<3} {'declared':>12} {'collected':>12} "
    head += f"{'outstanding':>12} {'due':<10} status"
    lines = [head]
    for c in rows:
        lines.append(
            f"{c.ref:<20} {c.export_date.isoformat():<10} {c.currency:<3} {c.declared:>12,.2f} "
            f"{c.collected:>12,.2f} {c.outstanding:>12,.2f} {c.due_date.isoformat():<10} "
            f"{c.status}{' OVERDUE' if c.overdue else ''}"
        )
    lines.append(f"{len(rows)} declaration(s), {sum(c.overdue for c in rows)} overdue")
    return EXIT_OK, {"today": today.isoformat(), "declarations": data}, "\n".join(lines)


def collection_json(c: Any) -> dict[str, Any]:
    return {
        "declaration": c.ref,
        "customs_no": c.customs_no,
        "export_date": c.export_date.isoformat(),
        "currency": c.currency,
        "declared": str(c.declared),
        "collected": str(c.collected),
        "outstanding": str(c.outstanding),
        "status": c.status,
        "due_date": c.due_date.isoformat(),
        "overdue": c.overdue,
        "warnings": list(c.warnings),
    }
