"""The Excel reports: the registry of report definitions, shared parameter helpers, run_report.

Each module named in REPORT_MODULES exposes DEFINITIONS (a tuple of ReportDef); REPORTS
maps every report's command-line name to its definition. The helpers below turn what the
user typed (warehouse code or name, shop name, dates or nothing) into records and periods
the same way for every report; report modules import them from here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.models import Shop, Warehouse
from desktop_app.core.reports.model import PARAMS, ReportDef, ReportParams
from desktop_app.core.reports.writer import CHINA, WriteResult, write_report

if TYPE_CHECKING:
    from desktop_app.core.db import Database

__all__ = [
    "REPORTS", "REPORT_MODULES", "ReportParams", "WriteResult", "as_of_day", "get",
    "list_reports", "period", "period_text", "resolve_shop", "resolve_warehouse",
    "run_report", "today", "write_report",
]  # fmt: skip

REPORT_MODULES = ("stock", "sales", "rebate")
PARAM_FIELDS = {"from": "date_from", "to": "date_to", "as_of": "as_of",
                "warehouse": "warehouse", "shop": "shop"}  # fmt: skip


def today() -> dt.date:
    """Today in China, where the exporter's books are kept."""
    return dt.datetime.now(CHINA).date()


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def period(params: ReportParams, *, on: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The period asked for, both ends inclusive.

    Nothing given: the current month. Only `from`: from then to today (to the end of that
    month when it lies in the future). Only `to`: from the first of that month. Refused
    (BadInput) when `from` is after `to`.
    """
    now = on or today()
    first, last = params.date_from, params.date_to
    if first is None and last is None:
        return month_of(now)
    if first is None:
        assert last is not None
        first = month_of(last)[0]
    if last is None:
        last = now if first <= now else month_of(first)[1]
    if first > last:
        raise BadInput(f"the period starts ({first}) after it ends ({last})")
    return first, last


def period_text(first: dt.date, last: dt.date) -> str:
    return f"{first.isoformat()} – {last.isoformat()}"


def as_of_day(params: ReportParams, *, on: dt.date | None = None) -> dt.date:
    """The day a position report is taken at (the end of it): the one asked for, else today."""
    return params.as_of or on or today()


def resolve_warehouse(session: Session, text: str | None) -> Warehouse | None:
    """The warehouse whose code (or else name) is `text`, ignoring case; None for no text.

    Refused (BadInput) when nothing matches or a name matches several, listing the codes.
    """
    wanted = (text or "").strip()
    if not wanted:
        return None
    for column in (Warehouse.code, Warehouse.name):
        found = list(session.scalars(select(Warehouse).where(func.lower(column) == wanted.lower())))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            codes = ", ".join(w.code for w in found)
            raise BadInput(f"warehouse {wanted!r} is the name of several warehouses: {codes}")
    known = ", ".join(session.scalars(select(Warehouse.code).order_by(Warehouse.code)))
    raise BadInput(f"no warehouse with the code or name {wanted!r}; known: {known or 'none'}")


def resolve_shop(session: Session, text: str | None) -> Shop | None:
    """The shop named `text` (or "platform:name" when two platforms share a name); None for no text.

    Names compare ignoring case. Refused (BadInput) when nothing or several match.
    """
    wanted = (text or "").strip()
    if not wanted:
        return None
    stmt = select(Shop).where(func.lower(Shop.name) == wanted.lower())
    found = list(session.scalars(stmt))
    if not found and ":" in wanted:
        platform, name = (part.strip().lower() for part in wanted.split(":", 1))
        stmt = select(Shop).where(func.lower(Shop.platform) == platform,
                                  func.lower(Shop.name) == name)  # fmt: skip
        found = list(session.scalars(stmt))
    if len(found) == 1:
        return found[0]
    if found:
        choices = ", ".join(f"{s.platform}:{s.name}" for s in found)
        raise BadInput(f"several shops are named {wanted!r}; say which: {choices}")
    shops = session.execute(select(Shop.platform, Shop.name).order_by(Shop.platform, Shop.name))
    known = ", ".join(f"{p}:{n}" for p, n in shops)
    raise BadInput(f"no shop named {wanted!r}; known: {known or 'none'}")


# -- the registry ----------------------------------------------------------------------


def _collect() -> dict[str, ReportDef]:
    found: dict[str, ReportDef] = {}
    for module_name in REPORT_MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        for definition in module.DEFINITIONS:
            if definition.name in found:
                raise RuntimeError(f"report {definition.name!r} is defined twice")
            unknown = set(definition.params) - set(PARAMS)
            if unknown:
                raise RuntimeError(f"report {definition.name!r} takes unknown {sorted(unknown)}")
            found[definition.name] = definition
    return found


def get(name: str) -> ReportDef:
    """The report called `name`; BadInput listing every report's name when there is none."""
    definition = REPORTS.get(name.strip())
    if definition is None:
        raise BadInput(f"no report named {name!r}; the reports are: {', '.join(REPORTS)}")
    return definition


def list_reports() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(name, Chinese title, English title, parameters taken) of every report."""
    return [(d.name, d.title_cn, d.title_en, d.params) for d in REPORTS.values()]


def check_params(definition: ReportDef, params: ReportParams) -> None:
    """Refuse (BadInput) a parameter the report does not take, rather than ignore it."""
    given = [key for key, attr in PARAM_FIELDS.items() if getattr(params, attr) not in (None, "")]
    extra = [key for key in given if key not in definition.params]
    if extra:
        takes = ", ".join(definition.params) or "no parameters"
        raise BadInput(
            f"report {definition.name} does not take {', '.join(extra)} (it takes: {takes})"
        )


def run_report(
    db_or_session: Database | Session,
    name: str,
    params: ReportParams,
    path: str | Path,
    job: Job | None = None,
) -> WriteResult:
    """Build report `name` from the database and write it to `path` (xlsx).

    Given a Database, it reads in a session of its own that writes nothing; given a
    Session, it reads in the caller's. BadInput for an unknown report or parameter,
    Cancelled when `job` is cancelled (no file is left then).
    """
    definition = get(name)
    check_params(definition, params)
    if isinstance(db_or_session, Session):
        return _run(db_or_session, definition, params, path, job)
    with db_or_session.sessions() as session:
        try:
            return _run(session, definition, params, path, job)
        finally:
            session.rollback()


def _run(
    session: Session, definition: ReportDef, params: ReportParams, path: str | Path, job: Job | None
) -> WriteResult:
    if job is not None:
        job.report(0, 0, definition.title_en)
    report = definition.build(session, params, job)
    return write_report(session, report, path, job=job)


# Last: the report modules import the helpers above.
REPORTS: dict[str, ReportDef] = _collect()
