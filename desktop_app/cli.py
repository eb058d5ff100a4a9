"""The command line: no sub-command opens the window; sub-commands run batch jobs (DESIGN.md)."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import __version__
from desktop_app.cli_common import progress_job
from desktop_app.core.errors import BadInput, Cancelled, DatabaseRefused, ExportDeskError

if TYPE_CHECKING:
    from desktop_app.core.db import Database

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_CHECK_FAILED = 0, 1, 2, 3
log = logging.getLogger("desktop_app.cli")

Handler = Callable[[argparse.Namespace], tuple[int, Any, str]]
"""A command returns (exit code, JSON-able result, human text)."""


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[Database]:
    """The database of --db, created or upgraded, with the built-in code tables; closed after."""
    from desktop_app.core import codes
    from desktop_app.core.db import open_database

    db = open_database(args.db)
    try:
        with db.transaction(actor=args.actor) as session:
            codes.ensure_builtin(session)
        yield db
    finally:
        db.dispose()


def cmd_init(args: argparse.Namespace) -> tuple[int, Any, str]:
    with _database(args) as db:
        result = {"database": db.display_name, "schema_revision": db.revision()}
    return (
        EXIT_OK,
        result,
        f"database ready: {result['database']} (schema {result['schema_revision']})",
    )


def cmd_demo(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app.core import demo

    if args.orders < 0:
        raise BadInput(f"--orders must be 0 or more, not {args.orders}")
    with _database(args) as db:
        summary = demo.generate(db, orders=args.orders, job=progress_job(args))
    data = _jsonable(summary)
    return EXIT_OK, data, "demo data: " + ", ".join(f"{k} {v}" for k, v in data.items())


def cmd_status(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app.core.services.status import collect_status

    with _database(args) as db:
        status = collect_status(db)
    lines = [
        f"database: {status['database']} ({status['size_bytes'] or 0:,} bytes)",
        f"schema: {status['schema_revision']} (head {status['head_revision']})",
        f"last backup: {status['last_backup'] or 'never'}",
        *(f"  {name}: {count:,}" for name, count in status["counts"].items()),
    ]
    return EXIT_OK, status, "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app.core.services.check import as_json, run_checks

    with _database(args) as db:
        results = run_checks(db)
    data = as_json(results)
    text = "\n".join(f"{'OK ' if r.ok else 'BAD'} {r.name}: {r.detail}" for r in results)
    return (EXIT_OK if data["ok"] else EXIT_CHECK_FAILED), data, text


def cmd_backup(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app.core.services.backup import backup_to

    with _database(args) as db:
        out = backup_to(db, Path(args.out))
    return EXIT_OK, {"backup": str(out), "bytes": out.stat().st_size}, f"backup written: {out}"


def cmd_restore(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app.core.db import open_database, sqlite_file, to_url
    from desktop_app.core.services.backup import record_restore, restore

    target = sqlite_file(to_url(args.db))
    if target is None:
        raise BadInput(
            "restore works on the embedded SQLite database; use pg_restore for PostgreSQL"
        )
    # The backup is checked before the current database is opened or touched at all.
    result = restore(target, Path(args.file))
    db = open_database(target)
    try:
        record_restore(db, result)
        revision = db.revision()
    finally:
        db.dispose()
    data = {
        "database": str(target),
        "restored_from": str(result.restored_from),
        "replaced_copy": str(result.replaced_copy) if result.replaced_copy else None,
        "schema_revision": revision,
    }
    text = f"restored {target} from {result.restored_from}"
    if result.replaced_copy:
        text += f"; the replaced database was kept as {result.replaced_copy}"
    return EXIT_OK, data, text


IMPORTERS = {  # kind → (module, function); each takes (db, path, skip_bad=, job=, actor=, …)
    "skus": ("desktop_app.core.services.sku_io", "import_skus"),
    "rates": ("desktop_app.core.services.rate_library", "import_rate_library"),
    "orders": ("desktop_app.core.services.order_import", "import_orders"),
    "stocktake": ("desktop_app.cli_stock", "import_stocktake"),
    "shipments": ("desktop_app.core.services.shipment_import", "import_shipments"),
    "declarations": ("desktop_app.cli_declare", "import_declarations"),
    "invoices": ("desktop_app.core.services.purchase_invoices", "import_invoices"),
    "fx-rates": ("desktop_app.cli_fx", "import_fx_rates"),
    "fx-receipts": ("desktop_app.cli_fx", "import_fx_receipts"),
}


def _importer(kind: str) -> Callable[..., Any]:
    """The import function of one kind, imported only when used (a fast start for the rest)."""
    import importlib

    module, name = IMPORTERS[kind]
    return getattr(importlib.import_module(module), name)


def cmd_import(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app.core.importers.common import ImportRejected, write_error_report

    extra: dict[str, Any] = {}
    if args.kind == "orders":
        extra = {"platform": args.platform, "shop": args.shop}
    elif args.platform or args.shop:
        raise BadInput("--platform and --shop apply to `import orders` only")
    if args.kind == "stocktake":
        extra = {"warehouse": args.warehouse}
    elif args.warehouse:
        raise BadInput("--warehouse applies to `import stocktake` only")
    with _database(args) as db:
        try:
            summary = _importer(args.kind)(
                db,
                Path(args.file),
                skip_bad=args.skip_bad,
                job=progress_job(args),
                actor=args.actor,
                **extra,
            )
        except ImportRejected as rejected:
            if args.error_report:
                write_error_report(rejected.summary, Path(args.error_report))
            if args.json:  # the whole summary, every bad row included, for scripts
                print(json.dumps(rejected.summary.as_json(), ensure_ascii=False, indent=2))
            raise
    if args.error_report and summary.errors:
        write_error_report(summary, Path(args.error_report))
    data = summary.as_json()
    text = (
        f"{args.file}: {summary.rows} rows, {summary.inserted} inserted, "
        f"{summary.updated} updated, {summary.skipped} skipped"
    )
    text += "".join(f"\n  skipped {e}" for e in summary.errors)
    text += "".join(f"\n  warning {w}" for w in summary.warnings)
    return EXIT_OK, data, text


def _args_demo(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--orders", type=int, default=5000, help="number of orders (default 5000)")


def _args_backup(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--out", required=True, metavar="FILE", help="backup file to write")


def _args_restore(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("file", metavar="FILE", help="backup file to restore from")


def _args_import(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("kind", choices=tuple(IMPORTERS))
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--platform", help="orders: amazon, shopee, tiktok, aliexpress, generic")
    sp.add_argument("--shop", help="orders: the shop the file belongs to")
    sp.add_argument("--warehouse", help="stocktake: the warehouse whose open count it is")
    sp.add_argument(
        "--skip-bad", action="store_true", help="import the good rows and report the bad ones"
    )
    sp.add_argument("--error-report", metavar="FILE.xlsx", help="also write the bad rows here")


def _no_args(sp: argparse.ArgumentParser) -> None:
    return None


def _delegate(module: str, handler: str) -> Handler:
    """A command run by `handler(args, db)` of desktop_app.<module>, imported only when used."""

    def run(args: argparse.Namespace) -> tuple[int, Any, str]:
        found = importlib.import_module(f"desktop_app.{module}")
        with _database(args) as db:
            return getattr(found, handler)(args, db)

    return run


def _arguments(module: str, adder: str) -> Callable[[argparse.ArgumentParser], None]:
    """The sub-command's arguments from `adder(parser)` of desktop_app.<module>."""

    def add(sp: argparse.ArgumentParser) -> None:
        getattr(importlib.import_module(f"desktop_app.{module}"), adder)(sp)

    return add


def cmd_rebate(args: argparse.Namespace) -> tuple[int, Any, str]:
    from desktop_app import cli_rebate

    if args.action == "simulate":  # the what-if calculator needs no database
        return cli_rebate.cmd_rebate(args, None)
    with _database(args) as db:
        return cli_rebate.cmd_rebate(args, db)


COMMANDS: dict[str, tuple[Handler, str, Callable[[argparse.ArgumentParser], None]]] = {
    "init": (cmd_init, "create or upgrade the database", _no_args),
    "demo": (cmd_demo, "fill an empty database with realistic demo data", _args_demo),
    "status": (cmd_status, "figures per area", _no_args),
    "check": (cmd_check, "integrity, foreign keys, audit chain and stock ledger checks", _no_args),
    "import": (
        cmd_import,
        "import skus, rates (退税率文库), orders, stocktake counts, shipments, declarations, "
        "invoices (进项发票), fx-rates (中间价) or fx-receipts (bank statements) from a file",
        _args_import,
    ),
    "stock": (
        _delegate("cli_stock", "cmd_stock"),
        "stock positions by SKU and warehouse",
        _arguments("cli_stock", "args_stock"),
    ),
    "shipment": (
        _delegate("cli_stock", "cmd_shipment"),
        "ship, receive, close or show a first-leg shipment",
        _arguments("cli_stock", "args_shipment"),
    ),
    "declare": (
        _delegate("cli_declare", "cmd_declare"),
        "draft (9810/9610/9710/0110), check, file and clear declarations",
        _arguments("cli_declare", "args_declare"),
    ),
    "print": (
        _delegate("cli_print", "cmd_print"),
        "print declarations, invoices or packing lists to one PDF",
        _arguments("cli_print", "args_print"),
    ),
    "rebate": (
        cmd_rebate,
        "export VAT rebate batches (create, match, compute, check, export, file …) and the "
        "what-if calculator (simulate)",
        _arguments("cli_rebate", "args_rebate"),
    ),
    "fx": (
        _delegate("cli_fx", "cmd_fx"),
        "exchange rates and FX receipts (收汇): set a rate, add a receipt, allocate, status",
        _arguments("cli_fx", "args_fx"),
    ),
    "docs": (
        _delegate("cli_docs", "cmd_docs"),
        "filing documents (单证备案): checklist, add, attach, filed, verify, missing, index",
        _arguments("cli_docs", "args_docs"),
    ),
    "pilot-zone": (
        _delegate("cli_docs", "cmd_pilot_zone"),
        "综试区 无票免税 register and the 4% deemed income (register --year Y)",
        _arguments("cli_docs", "args_pilot_zone"),
    ),
    "holidays": (
        _delegate("cli_calendar", "cmd_holidays"),
        "the holiday table: seed, import, list, set or remove days",
        _arguments("cli_calendar", "args_holidays"),
    ),
    "deadlines": (
        _delegate("cli_calendar", "cmd_deadlines"),
        "every rebate due date (claim, 36 months, documents, 9810 核算, FX) on working days",
        _arguments("cli_calendar", "args_deadlines"),
    ),
    "export": (
        _delegate("cli_export", "cmd_export"),
        "Excel reports: export report NAME --out FILE.xlsx [--from D --to D] [--as-of D] "
        "[--warehouse W] [--shop S], or export report --list",
        _arguments("cli_export", "args_export"),
    ),
    "backup": (cmd_backup, "write a backup copy of the database", _args_backup),
    "restore": (
        cmd_restore,
        "replace the database with a checked backup (the old one is kept)",
        _args_restore,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output")
    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description="ExportDesk (出口合规助手). Without a command, opens the window.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ExportDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="SQLite file or SQLAlchemy URL (default: the user data folder)",
    )
    parser.add_argument("--actor", default="local", help="user name recorded in the audit trail")
    parser.add_argument("--verbose", action="store_true", help="log details on stderr")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="with no command: open the window and load demo data if the database is empty",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_handler, help_text, add_args) in COMMANDS.items():
        add_args(sub.add_parser(name, help=help_text, parents=[common]))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for bad usage, 0 for --help
        return int(exc.code or 0)
    from desktop_app import log_setup

    log_setup.configure(verbose=args.verbose)
    if args.command is None:
        from desktop_app.ui.app import run

        return run(args.db, demo=args.demo)
    handler = COMMANDS[args.command][0]
    try:
        code, result, text = handler(args)
    except (BadInput, DatabaseRefused) as exc:
        return _fail(args, EXIT_BAD_INPUT, exc)
    except Cancelled as exc:
        return _fail(args, EXIT_INTERNAL, exc)
    except Exception as exc:
        log.exception("internal error in %s", args.command)  # traceback to stderr and the log
        return _fail(args, EXIT_INTERNAL, exc)
    try:
        _print(args, result, text)
    except BrokenPipeError:  # `… | head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
    return code


def _fail(args: argparse.Namespace, code: int, exc: Exception) -> int:
    kind = exc.code if isinstance(exc, ExportDeskError) else "internal"
    if args.json:
        print(json.dumps({"error": str(exc), "kind": kind}, ensure_ascii=False), file=sys.stderr)
    else:
        print(f"desktop-app {args.command}: {exc}", file=sys.stderr)
    return code


def _print(args: argparse.Namespace, result: Any, text: str) -> None:
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _jsonable(obj: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    return asdict(obj) if is_dataclass(obj) else obj


if __name__ == "__main__":
    sys.exit(main())
