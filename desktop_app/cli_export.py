"""The `export` command of the command line: an Excel report from the database (`export report
NAME --out FILE.xlsx …`) and the list of reports (`export report --list`)."""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli_common import parse_day, progress_job
from desktop_app.core.errors import BadInput

if TYPE_CHECKING:
    from desktop_app.core.db import Database
    from desktop_app.core.reports.model import ReportDef, ReportParams

EXIT_OK = 0
WHATS = ("report",)
# report parameter -> (the option that sets it, the argparse dest)
OPTIONS = {
    "from": ("--from", "date_from"),
    "to": ("--to", "date_to"),
    "as_of": ("--as-of", "as_of"),
    "warehouse": ("--warehouse", "warehouse"),
    "shop": ("--shop", "shop"),
}
USAGE = (
    "usage: export report NAME --out FILE.xlsx [--from D --to D] [--as-of D] [--warehouse W] "
    "[--shop S], or export report --list"
)


def args_export(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("what", choices=WHATS, help="report: an Excel report from the database")
    sp.add_argument("name", nargs="?", metavar="NAME", help="the report (see --list)")
    sp.add_argument("--list", action="store_true", help="name every report and its parameters")
    sp.add_argument("--out", metavar="FILE.xlsx", help="the workbook to write")
    sp.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="first day")
    sp.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day")
    sp.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="the day of a snapshot")
    sp.add_argument("--warehouse", metavar="W", help="a warehouse code or name")
    sp.add_argument("--shop", metavar="S", help="a shop name")


def cmd_export(args: argparse.Namespace, db: Database) -> tuple[int, Any, str]:
    """`export report …`: returns (exit code, JSON-able result, text) as every command does."""
    from desktop_app.core import reports

    if args.list:
        given = [option for option, dest in OPTIONS.values() if getattr(args, dest) is not None]
        if args.name or args.out or given:
            raise BadInput("export report --list takes no report name or options")
        return _list(reports.REPORTS)
    if not args.name:
        raise BadInput(USAGE)
    definition = reports.REPORTS.get(args.name)
    if definition is None:
        names = ", ".join(sorted(reports.REPORTS))
        raise BadInput(f"report {args.name!r}: no such report; the reports are {names}")
    out = _out_path(args.out)
    params = report_params(args, definition)
    result = reports.run_report(db, definition.name, params, out, progress_job(args))
    data = {
        "report": definition.name,
        "file": str(result.path),
        "sheets": dict(result.rows),
        "totals": {
            sheet: {key: str(value) for key, value in totals.items()}
            for sheet, totals in result.totals.items()
        },
    }
    sheets = ", ".join(f"{name} {rows:,} rows" for name, rows in result.rows.items())
    text = f"{definition.name} ({definition.title_cn}): {sheets} → {result.path}"
    for sheet, totals in result.totals.items():
        if totals:
            shown = ", ".join(f"{key} {_total(value)}" for key, value in totals.items())
            text += f"\n  {sheet} 合计: {shown}"
    return EXIT_OK, data, text


def _list(registry: dict[str, ReportDef]) -> tuple[int, Any, str]:
    data = [
        {"name": d.name, "title_cn": d.title_cn, "title_en": d.title_en, "params": list(d.params)}
        for d in registry.values()
    ]
    width = max((len(d.name) for d in registry.values()), default=0)
    lines = [
        f"{d.name:<{width}}  {d.title_cn} ({d.title_en})"
        + (f"  [{' '.join(OPTIONS[p][0] for p in d.params)}]" if d.params else "")
        for d in registry.values()
    ]
    return EXIT_OK, data, "\n".join(lines)


def report_params(args: argparse.Namespace, definition: ReportDef) -> ReportParams:
    """The options as the report's parameters; an option the report does not take is refused."""
    from desktop_app.core.reports.model import ReportParams

    for param, (option, dest) in OPTIONS.items():
        if getattr(args, dest) is not None and param not in definition.params:
            takes = " ".join(OPTIONS[p][0] for p in definition.params) or "no options"
            raise BadInput(
                f"{option}: report {definition.name} does not take it (it takes {takes})"
            )
    date_from = parse_day(args.date_from, "--from")
    date_to = parse_day(args.date_to, "--to")
    if date_from and date_to and date_to < date_from:
        raise BadInput(f"--to {date_to} is before --from {date_from}")
    return ReportParams(
        date_from=date_from,
        date_to=date_to,
        as_of=parse_day(args.as_of, "--as-of"),
        warehouse=_text(args.warehouse),
        shop=_text(args.shop),
    )


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _out_path(out: str | None) -> Path:
    if not out:
        raise BadInput("--out FILE.xlsx is required: the workbook to write")
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise BadInput(f"--out {out!r}: the file name must end in .xlsx")
    return path


def _total(value: Decimal | int) -> str:
    """Grouped; a quantity's trailing zeros (1,634.00000) dropped, money keeps its 2 places."""
    if isinstance(value, Decimal) and value.as_tuple().exponent < -2:  # type: ignore[operator]
        value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return f"{value:,}"
