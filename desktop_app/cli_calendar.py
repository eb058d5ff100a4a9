"""Calendar commands of the command line: the holiday table (`holidays`) and every due date
(`deadlines`) of the rebate, on Chinese working days."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli_common import parse_day
from desktop_app.core.errors import BadInput

if TYPE_CHECKING:
    from desktop_app.core.services.deadlines import Deadline

EXIT_OK = 0
HOLIDAY_ACTIONS = ("seed", "import", "list", "set", "remove")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_SPAN_MONTHS = 12  # `deadlines` without --from/--to: a year back and a year ahead


# ---------------------------------------------------------------- holidays


def args_holidays(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "action", choices=HOLIDAY_ACTIONS,
        help="seed [--years Y …] | import FILE | list --year Y | set DATE holiday|workday "
        "[--name N] | remove DATE",
    )  # fmt: skip
    sp.add_argument("values", nargs="*", metavar="ARG", help="FILE, or DATE [holiday|workday]")
    sp.add_argument("--years", nargs="+", type=int, metavar="Y", help="seed: only these years")
    sp.add_argument("--year", type=int, metavar="Y", help="list: the year to show")
    sp.add_argument("--name", default="", help="set: the holiday's name (春节, 调休 …)")
    sp.add_argument(
        "--replace-years", action="store_true",
        help="import: clear every year the file covers first (a corrected notice)",
    )  # fmt: skip


ARITY = {"seed": (0, 0), "import": (1, 1), "list": (0, 0), "set": (2, 2), "remove": (1, 1)}
USAGE = {
    "seed": "holidays seed [--years Y …]",
    "import": "holidays import FILE",
    "list": "holidays list --year Y",
    "set": "holidays set DATE holiday|workday [--name N]",
    "remove": "holidays remove DATE",
}


def cmd_holidays(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    """`holidays …`: returns (exit code, JSON-able result, text) as every command does."""
    low, high = ARITY[args.action]
    if not low <= len(args.values) <= high:
        raise BadInput(f"usage: {USAGE[args.action]}")
    if args.years and args.action != "seed":
        raise BadInput("--years applies to `holidays seed` only")
    if args.year is not None and args.action != "list":
        raise BadInput("--year applies to `holidays list` only")
    if args.name and args.action != "set":
        raise BadInput("--name applies to `holidays set` only")
    if args.replace_years and args.action != "import":
        raise BadInput("--replace-years applies to `holidays import` only")
    handler = {
        "seed": _seed,
        "import": _import,
        "list": _list,
        "set": _set,
        "remove": _remove,
    }[args.action]
    return handler(args, db)


def _seed(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import holidays

    with db.transaction(actor=args.actor) as session:
        result = holidays.seed_from_package(session, args.years)
    data = {"inserted": result.inserted, "kept": result.kept, "years": result.years}
    years = f"{result.years[0]}–{result.years[-1]}" if result.years else "none"
    text = (
        f"holidays seeded from chinese-calendar ({years}): {result.inserted} days added, "
        f"{result.kept} already in the table kept"
    )
    return EXIT_OK, data, text


def _import(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import holidays

    path = Path(args.values[0])
    with db.transaction(actor=args.actor) as session:
        summary = holidays.import_holidays(session, path, replace_years=args.replace_years)
    text = (
        f"{path}: {summary.rows} rows, {summary.inserted} added, {summary.updated} changed, "
        f"{summary.skipped} unchanged (years {', '.join(map(str, summary.details['years']))})"
    )
    return EXIT_OK, summary.as_json(), text


def _list(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import holidays

    if args.year is None:
        raise BadInput("usage: holidays list --year Y")
    with db.sessions() as session:
        days = holidays.list_days(session, args.year)
    data = {
        "year": args.year,
        "has_data": bool(days),
        "holidays": sum(d.kind == "holiday" for d in days),
        "workdays": sum(d.kind == "workday" for d in days),
        "days": [
            {"date": d.day.isoformat(), "weekday": WEEKDAYS[d.day.weekday()], "kind": d.kind,
             "name": d.name}
            for d in days
        ],
    }  # fmt: skip
    if not days:
        text = (
            f"{args.year} has no holiday data: due dates there may be off by holidays "
            f"(holidays seed, import FILE or set DATE)"
        )
        return EXIT_OK, data, text
    lines = [
        f"{args.year}: {data['holidays']} holidays, {data['workdays']} working weekends (调休)"
    ]
    lines += [
        f"  {d.day.isoformat()} {WEEKDAYS[d.day.weekday()]}  {d.kind:<8} {d.name}" for d in days
    ]
    return EXIT_OK, data, "\n".join(lines)


def _set(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.models.reference import HolidayDay
    from desktop_app.core.services import holidays

    day = parse_day(args.values[0], "DATE")
    assert day is not None
    kind = args.values[1]
    if kind not in holidays.KINDS:
        raise BadInput(f"holidays set: kind {kind!r} is not one of {', '.join(holidays.KINDS)}")
    with db.transaction(actor=args.actor) as session:
        existed = session.get(HolidayDay, day) is not None
        entry = holidays.set_day(session, day, kind, args.name)
    verb = "changed" if existed else "added"
    data = {"date": day.isoformat(), "kind": entry.kind, "name": entry.name, "action": verb}
    return EXIT_OK, data, f"{day.isoformat()} {WEEKDAYS[day.weekday()]}: {kind} ({verb})"


def _remove(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import holidays

    day = parse_day(args.values[0], "DATE")
    assert day is not None
    with db.transaction(actor=args.actor) as session:
        removed = holidays.remove_day(session, day)
    if not removed:
        raise BadInput(f"holidays remove: {day.isoformat()} is not in the holiday table")
    text = f"{day.isoformat()} removed: Monday–Friday are working days there again"
    return EXIT_OK, {"date": day.isoformat(), "removed": True}, text


# ---------------------------------------------------------------- deadlines


def args_deadlines(sp: argparse.ArgumentParser) -> None:
    # The kinds are checked by the service: importing it here would slow every command's start.
    sp.add_argument("--from", dest="date_from", metavar="DATE", help="first due date shown")
    sp.add_argument("--to", dest="date_to", metavar="DATE", help="last due date shown")
    sp.add_argument(
        "--kind", action="append", metavar="KIND",
        help="only this kind (repeatable): rebate_claim, claim_limit, document_filing, "
        "settlement_9810, fx_collection",
    )  # fmt: skip
    sp.add_argument("--open", action="store_true", help="leave out deadlines already met")
    sp.add_argument("--today", metavar="DATE", help="count days left from this day")


def cmd_deadlines(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    """Every due date in the range, met or not, with the years that lack holiday data."""
    from desktop_app.core.services import deadlines

    today = parse_day(args.today, "--today") or dt.date.today()
    first = parse_day(args.date_from, "--from") or deadlines.add_months(today, -DEFAULT_SPAN_MONTHS)
    last = parse_day(args.date_to, "--to") or deadlines.add_months(today, DEFAULT_SPAN_MONTHS)
    with db.sessions() as session:
        found = deadlines.between(session, first, last, kinds=args.kind, include_done=not args.open)
    rows = [_deadline_json(d, today) for d in found.deadlines]
    banner = [_missing_year(y) for y in found.missing_years]
    data = {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "today": today.isoformat(),
        "deadlines": rows,
        "missing_years": found.missing_years,
        "warnings": banner + found.warnings,
    }
    return EXIT_OK, data, _deadlines_text(data)


def _deadline_json(item: Deadline, today: dt.date) -> dict[str, Any]:
    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "kind": item.kind,
        "declaration_id": item.declaration_id,
        "declaration_ref": item.declaration_ref,
        "customs_no": item.customs_no,
        "export_date": iso(item.export_date),
        "anchor_date": iso(item.anchor_date),
        "rule_date": item.rule_date.isoformat(),
        "due_date": item.due_date.isoformat(),
        "days_left": item.days_left(today),
        "status": item.status(today),
        "moved_off_holiday": item.adjusted,
        "source": item.source,
        "note": item.note,
        "warnings": list(item.warnings),
    }


def _missing_year(year: int) -> str:
    return (
        f"{year} has no holiday data: due dates may be off by holidays "
        f"(desktop-app holidays import FILE, or Settings → Holidays)"
    )


def _deadlines_text(data: dict[str, Any]) -> str:
    rows = data["deadlines"]
    lines = [f"deadlines due {data['from']} … {data['to']}: {len(rows)}"]
    if rows:
        lines.append(
            f"{'due':<10}  {'days':>5}  {'status':<7}  {'kind':<15}  {'anchor':<10}  "
            f"{'customs no':<18}  declaration"
        )
    for r in rows:
        moved = "*" if r["moved_off_holiday"] or r["warnings"] else " "
        lines.append(
            f"{r['due_date']:<10}{moved} {r['days_left']:>5}  {r['status']:<7}  {r['kind']:<15}  "
            f"{r['anchor_date'] or '':<10}  {r['customs_no'] or '-':<18}  {r['declaration_ref']}"
        )
    if any(r["moved_off_holiday"] or r["warnings"] for r in rows):
        lines.append("* moved off a holiday, or not checked against holidays (see the warnings)")
    lines += [f"warning: {w}" for w in data["warnings"]]
    return "\n".join(lines)
