"""The `print` command: declarations, commercial invoices or packing lists to one PDF file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.core.errors import BadInput

EXIT_OK = 0


def args_print(sp: argparse.ArgumentParser) -> None:
    from desktop_app.core.printing import KINDS, REBATE_MARK

    sp.add_argument("form", choices=KINDS, help="which form to print")
    sp.add_argument(
        "ids", nargs="+", metavar="ID", help="declaration id or ref; several print into one file"
    )
    sp.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF file to write")
    sp.add_argument(
        "--mark", metavar="TEXT", help=f"declarations: a mark above the form, e.g. {REBATE_MARK}"
    )
    sp.add_argument("--rebate", action="store_true", help=f"declarations: the {REBATE_MARK} mark")


def cmd_print(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.jobs import Job
    from desktop_app.core.printing import REBATE_MARK, print_forms, resolve_declarations

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise BadInput(f"--out {args.out!r}: the file name must end in .pdf")
    if args.rebate and args.mark:
        raise BadInput("give either --rebate or --mark, not both")
    mark = REBATE_MARK if args.rebate else args.mark
    job = Job(_progress if sys.stderr.isatty() and not args.json else None)
    with db.sessions() as session:
        ids = resolve_declarations(session, args.ids)
        printed = print_forms(session, args.form, ids, out, mark=mark, job=job)
    data = {
        "file": str(printed.path),
        "form": printed.kind,
        "declarations": ids,
        "pages": printed.pages,
    }
    text = f"{printed.kind}: {printed.declarations} declaration(s), {printed.pages} page(s) → {out}"
    return EXIT_OK, data, text


def _progress(done: int, total: int, message: str) -> None:
    print(f"\r{done}/{total} {message:<30}", end="" if done < total else "\n", file=sys.stderr)
