"""Declaration commands of the command line: drafts from shipments and orders, checks, filing,
clearing, and the broker's list of cleared declarations (`import declarations`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli_common import parse_day
from desktop_app.core.errors import BadInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop_app.core.importers.common import ImportSummary
    from desktop_app.core.jobs import Job
    from desktop_app.core.models import Declaration

EXIT_OK, EXIT_CHECK_FAILED = 0, 3
ACTIONS = ("shipment", "orders", "check", "file", "clear")


def args_declare(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "action", choices=ACTIONS,
        help="shipment REF: 9810 draft; orders: drafts for a period; check / file / clear REF",
    )  # fmt: skip
    sp.add_argument(
        "ref", nargs="?", metavar="REF",
        help="a shipment reference, or a declaration's reference, number or id",
    )  # fmt: skip
    sp.add_argument("--mode", choices=("9610", "9710", "0110"), help="orders: customs mode")
    sp.add_argument("--from", dest="date_from", metavar="DATE", help="orders: first ship day")
    sp.add_argument("--to", dest="date_to", metavar="DATE", help="orders: last ship day")
    sp.add_argument("--shop", help="orders: one shop (its name)")
    sp.add_argument("--currency", help="shipment: declared currency (default USD)")
    sp.add_argument(
        "--skip-unready", action="store_true",
        help="orders: leave out lines that cannot be declared yet (unmapped …)",
    )  # fmt: skip
    sp.add_argument("--customs-no", help="clear: the 18-digit customs number")
    sp.add_argument("--export-date", metavar="DATE", help="clear: the export date")
    sp.add_argument("--date", metavar="DATE", help="file: the declare date (default today)")


def cmd_declare(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    """`declare …`: returns (exit code, JSON-able result, text) as every command does."""
    if args.action in ("shipment", "check", "file", "clear") and not args.ref:
        raise BadInput(f"declare {args.action} needs a REF")
    if args.action == "shipment":
        return _draft_shipment(args, db)
    if args.action == "orders":
        return _draft_orders(args, db)
    if args.action == "check":
        return _check(args, db)
    return _file_or_clear(args, db)


def _draft_shipment(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import declarations, shipments

    options = declarations.HeaderOptions(currency=args.currency)
    with db.transaction(actor=args.actor) as session:
        shipment = shipments.by_ref(session, args.ref)
        drafted = declarations.draft_from_shipment(session, shipment.id, options=options)
        data = _drafts_json(session, drafted, [])
    return EXIT_OK, data, _drafts_text(data)


def _draft_orders(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import declarations

    if not args.mode:
        raise BadInput("declare orders needs --mode 9610, 9710 or 0110")
    first = parse_day(args.date_from, "--from", required=True)
    last = parse_day(args.date_to, "--to", required=True)
    assert first is not None and last is not None
    warnings: list[str] = []
    with db.transaction(actor=args.actor) as session:
        drafted = declarations.draft_from_orders(
            session, args.mode, first, last, shop_id=_shop_id(session, args.shop),
            skip_unready=args.skip_unready, warnings=warnings,
        )  # fmt: skip
        data = _drafts_json(session, drafted, warnings)
    return EXIT_OK, data, _drafts_text(data)


def _shop_id(session: Session, name: str | None) -> int | None:
    from sqlalchemy import func, select

    from desktop_app.core.models import Shop

    if not name:
        return None
    found = session.scalars(select(Shop).where(func.lower(Shop.name) == name.strip().lower()))
    shops = list(found)
    if len(shops) != 1:
        what = "no shop" if not shops else "several shops"
        raise BadInput(f"--shop {name!r}: {what} with this name")
    return shops[0].id


def _drafts_json(session: Session, drafted: list[Declaration], warnings: list[str]) -> dict:
    return {
        "ids": [d.id for d in drafted],
        "declarations": [_declaration_json(session, d) for d in drafted],
        "warnings": warnings,
    }


def _declaration_json(session: Session, d: Declaration) -> dict[str, Any]:
    from desktop_app.core.services.declaration_checks import check_declaration

    problems = check_declaration(session, d)
    return {
        "id": d.id, "ref": d.ref, "status": d.status, "supervision_mode": d.supervision_mode,
        "customs_no": d.customs_no, "export_date": d.export_date and d.export_date.isoformat(),
        "destination_country": d.destination_country, "currency": d.currency,
        "total_amount": str(d.total_amount), "usd_fob": d.usd_fob and str(d.usd_fob),
        "lines": len(d.lines), "packages": d.packages,
        "gross_weight_kg": d.gross_weight_kg and str(d.gross_weight_kg),
        "net_weight_kg": d.net_weight_kg and str(d.net_weight_kg),
        "problems": [
            {"severity": p.severity, "line": p.line, "field": p.field, "reason": p.reason,
             "value": None if p.value is None else str(p.value)}
            for p in problems
        ],
    }  # fmt: skip


def _drafts_text(data: dict[str, Any]) -> str:
    lines = [f"{len(data['ids'])} draft declaration(s):"]
    lines += [_one_line(d) for d in data["declarations"]]
    lines += [f"  warning: {w}" for w in data["warnings"]]
    return "\n".join(lines)


def _one_line(d: dict[str, Any]) -> str:
    errors = sum(p["severity"] == "error" for p in d["problems"])
    return (
        f"  {d['ref']} (id {d['id']}) {d['supervision_mode']} {d['status']} → "
        f"{d['destination_country']}: {d['lines']} lines, {d['currency']} {d['total_amount']}, "
        f"USD FOB {d['usd_fob'] or '—'}; {errors} error(s), "
        f"{len(d['problems']) - errors} warning(s)"
    )


def _check(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import declaration_life

    with db.sessions() as session:
        data = _declaration_json(session, declaration_life.by_ref(session, args.ref))
    text = "\n".join(
        [_one_line(data).strip()]
        + [f"  {p['severity']}: {_where(p)}{p['field']}: {p['reason']}" for p in data["problems"]]
    )
    failed = any(p["severity"] == "error" for p in data["problems"])
    return (EXIT_CHECK_FAILED if failed else EXIT_OK), data, text


def _where(problem: dict[str, Any]) -> str:
    return f"line {problem['line']}, " if problem["line"] is not None else ""


def _file_or_clear(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import declaration_life

    with db.transaction(actor=args.actor) as session:
        found = declaration_life.by_ref(session, args.ref)
        if args.action == "file":
            declaration_life.file_declaration(
                session, found.id, declare_date=parse_day(args.date, "--date")
            )
        else:
            if not args.customs_no:
                raise BadInput("declare clear needs --customs-no (18 digits)")
            export_date = parse_day(args.export_date, "--export-date", required=True)
            assert export_date is not None
            declaration_life.clear(session, found.id, args.customs_no, export_date)
        data = _declaration_json(session, found)
    return EXIT_OK, data, _one_line(data).strip()


def import_declarations(
    db: Any, path: Path, *, skip_bad: bool = False, job: Job | None = None,
    actor: str = "local", **_: Any,
) -> ImportSummary:  # fmt: skip
    """`import declarations FILE`: the broker's cleared declarations, in one transaction."""
    from desktop_app.core.services.declaration_import import import_declarations as run

    with db.transaction(actor=actor) as session:
        return run(session, path, skip_bad=skip_bad, job=job)
