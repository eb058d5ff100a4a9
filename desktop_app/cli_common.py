"""What every command module of the command line reads the same way: dates and progress."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job


def parse_day(text: str | None, flag: str, required: bool = False) -> dt.date | None:
    """A date option written YYYY-MM-DD; BadInput naming the option otherwise (or when missing
    and required)."""
    if not text:
        if required:
            raise BadInput(f"{flag} is required (a date, YYYY-MM-DD)")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{flag} {text!r}: a date is written YYYY-MM-DD") from None


def progress_job(args: argparse.Namespace) -> Job:
    """A Job that shows progress on a terminal's stderr (silent with --json or when piped)."""
    if args.json or not sys.stderr.isatty():
        return Job()

    def show(done: int, total: int, message: str) -> None:
        of = f"/{total:,}" if total else ""
        print(f"\r{message} {done:,}{of}   ", end="", file=sys.stderr, flush=True)

    return Job(progress=show)
