"""The broker's list of cleared declarations (xlsx or csv): customs numbers and export dates in.

Each row names one of our declarations — by our reference, the 预录入编号 or the contract
number, or by a customs number already recorded — and gives its 18-digit customs number
and export date (optionally the declare date). Headers are found by Chinese or English
aliases. The import is all or nothing: every bad row (unknown or ambiguous declaration, a
bad or reused number, a future date, a draft that fails its checks, a missing exchange rate
for the USD FOB) is listed and nothing is written; `skip_bad` clears the good rows only.
A row for a declaration already cleared with the same number and date is skipped, so the
same list can be imported again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import validate
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.importers.dates import BadDate, parse_date
from desktop_app.core.jobs import Job
from desktop_app.core.models import Declaration, ImportRun
from desktop_app.core.services import company
from desktop_app.core.services.declaration_checks import check_declaration, errors
from desktop_app.core.services.declaration_life import (
    FOB_DEDUCTIONS,
    LOCKED,
    MissingRate,
    clear,
    cny_per_unit,
    policy_day,
)

ALIASES: dict[str, tuple[str, ...]] = {
    "ref": ("单据编号", "内部编号", "企业内部编号", "我方编号", "客户编号", "报关单草稿号",
            "declaration ref", "our ref", "reference", "ref no"),
    "pre_entry_no": ("预录入编号", "预录入号", "统一编号", "pre-entry no", "pre entry no"),
    "contract_no": ("合同协议号", "合同号", "contract no", "contract number"),
    "customs_no": ("海关编号", "报关单号", "报关单编号", "customs no", "customs number",
                   "declaration no", "entry no"),
    "export_date": ("出口日期", "出境日期", "进出口日期", "export date", "exit date"),
    "declare_date": ("申报日期", "declare date", "declaration date"),
}  # fmt: skip
REQUIRED = frozenset({"customs_no", "export_date"})
KEYS = ("ref", "pre_entry_no", "contract_no")
_OPEN = ("draft", "filed", *LOCKED)


@dataclass(frozen=True)
class _Clearance:
    row: int
    declaration_id: int
    customs_no: str
    export_date: dt.date
    declare_date: dt.date | None
    pre_entry_no: str


def import_declarations(
    session: Session,
    path: str | Path,
    *,
    skip_bad: bool = False,
    job: Job | None = None,
    today: dt.date | None = None,
) -> ImportSummary:
    """Clear our declarations from the broker's list; see the module docstring.

    Raises ImportRejected (a BadInput) listing every bad row, BadInput for an unreadable file.
    """
    from desktop_app.core.importers.tabular import read_table

    job, today, path = job or Job(), today or dt.date.today(), Path(path)
    table = read_table(path, aliases=ALIASES, required=REQUIRED)
    summary = ImportSummary(file=path.name, kind="declarations")
    if not set(KEYS) & set(table.fields):
        examples = ", ".join(a[0] for a in (ALIASES[k] for k in KEYS))
        reason = f"no column names our declarations (a header such as: {examples})"
        summary.errors.append(RowError(table.header_row, "ref", "", reason))
        raise ImportRejected(summary)
    good = _read(session, table, summary, job, today)
    summary.errors.sort(key=lambda e: e.row or 0)
    if summary.errors and not skip_bad:
        raise ImportRejected(summary)
    summary.skipped += len({e.row for e in summary.errors})
    cleared = []
    for clearance in good:
        declaration = _clear(session, clearance, today)
        cleared.append(declaration.ref)
        summary.updated += 1
    summary.details = {"cleared": cleared}
    _record_run(session, path, summary)
    return summary


def _read(
    session: Session, table: object, summary: ImportSummary, job: Job, today: dt.date
) -> list[_Clearance]:
    finder = _Finder(session)
    good: list[_Clearance] = []
    first_row: dict[tuple[str, object], int] = {}
    for number, row in table.rows():  # type: ignore[attr-defined]
        summary.rows += 1
        if summary.rows % 500 == 0:
            job.report(summary.rows, 0, f"{summary.file}: {summary.rows} rows read")
        bad = _Bad(number, table, summary)
        clearance = _row(session, finder, row, bad, today)
        if clearance is None:
            continue
        seen = (("declaration", clearance.declaration_id), ("number", clearance.customs_no))
        for key in seen:
            if key in first_row:
                bad.add("customs_no", clearance.customs_no, f"also on row {first_row[key]}")
        if bad.count:
            continue
        first_row.update(dict.fromkeys(seen, number))
        if clearance.declaration_id in finder.already_cleared:
            summary.skipped += 1
            continue
        good.append(clearance)
    return good


class _Bad:
    """The errors of one row, added to the summary as they are found."""

    def __init__(self, row: int, table: object, summary: ImportSummary) -> None:
        self.row, self.table, self.summary, self.count = row, table, summary, 0

    def add(self, field: str, value: str, reason: str) -> None:
        column = self.table.column(field)  # type: ignore[attr-defined]
        self.summary.errors.append(RowError(self.row, column, value, reason))
        self.count += 1


def _row(
    session: Session, finder: _Finder, row: object, bad: _Bad, today: dt.date
) -> _Clearance | None:
    get = row.get  # type: ignore[attr-defined]
    number = get("customs_no").strip()
    reason = validate.check_customs_no(number)
    if row.is_number("customs_no") and len(number) > 15:  # type: ignore[attr-defined]
        reason = "stored as a number in Excel, which keeps 15 digits: format the column as text"
    if reason:
        bad.add("customs_no", number, reason)
    export_date = _date(get("export_date"), "export_date", bad, today, required=True)
    declare_date = _date(get("declare_date"), "declare_date", bad, today, required=False)
    declaration = finder.find({k: get(k).strip() for k in KEYS}, number if not reason else "", bad)
    if declaration is None or bad.count or export_date is None:
        return None
    if declaration.status in LOCKED:
        if (declaration.customs_no, declaration.export_date) == (number, export_date):
            finder.already_cleared.add(declaration.id)
        else:
            reason = (f"{declaration.ref} is already cleared as {declaration.customs_no} on "
                      f"{declaration.export_date}: amend it instead")  # fmt: skip
            bad.add("customs_no", number, reason)
            return None
    else:
        _ready(session, declaration, number, export_date, bad, today)
    return _Clearance(bad.row, declaration.id, number, export_date, declare_date,
                      get("pre_entry_no").strip())  # fmt: skip


def _date(
    text: str, field: str, bad: _Bad, today: dt.date, *, required: bool
) -> dt.date | None:  # fmt: skip
    text = text.strip()
    if not text:
        if required:
            bad.add(field, "", "required")
        return None
    try:
        day = parse_date(text, day_first=False)
    except (BadDate, ValueError):
        bad.add(field, text, "not a date (write it as 2026-10-05)")
        return None
    if day > today:
        bad.add(field, text, "in the future")
    return day


def _ready(
    session: Session, declaration: Declaration, number: str, export_date: dt.date, bad: _Bad,
    today: dt.date,
) -> None:  # fmt: skip
    """Clearing will work: the number is free, a draft passes its checks, the rates exist."""
    other = session.scalar(select(Declaration.ref).where(
        Declaration.customs_no == number, Declaration.id != declaration.id))  # fmt: skip
    if other:
        bad.add("customs_no", number, f"already the customs number of {other}")
    if declaration.status == "draft":
        for problem in errors(check_declaration(session, declaration, today=today)):
            bad.add("ref", declaration.ref, f"the draft cannot be filed: {problem}")
    day = policy_day(company.get_profile(session), export_date)
    needed = {declaration.currency, "USD"}
    if any(getattr(declaration, n) and getattr(declaration, f"{n}_mark") == 3
           for n in FOB_DEDUCTIONS.get(declaration.trade_terms, ())):  # fmt: skip
        needed.add(declaration.charges_currency)
    for currency in sorted(needed):
        try:
            cny_per_unit(session, currency, day)
        except MissingRate as missing:
            bad.add("export_date", export_date.isoformat(), str(missing))


class _Finder:
    """Our declarations by reference, pre-entry number, contract number and customs number."""

    def __init__(self, session: Session) -> None:
        self.by: dict[str, dict[str, list[Declaration]]] = {k: {} for k in (*KEYS, "customs_no")}
        query = select(Declaration).where(Declaration.status.in_(_OPEN))
        for declaration in session.scalars(query):
            for key in self.by:
                value = getattr(declaration, key)
                if value:
                    self.by[key].setdefault(value, []).append(declaration)
        self.already_cleared: set[int] = set()

    def find(self, keys: dict[str, str], number: str, bad: _Bad) -> Declaration | None:
        if number and number in self.by["customs_no"]:
            return self.by["customs_no"][number][0]
        for key in KEYS:
            value = keys.get(key, "")
            if not value:
                continue
            found = self.by[key].get(value, [])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                refs = ", ".join(d.ref for d in found)
                bad.add(key, value, f"names several declarations ({refs}): give our reference")
                return None
        named = [keys[k] for k in KEYS if keys.get(k)]
        reason = "no open declaration with this reference" if named else "names no declaration"
        bad.add(next((k for k in KEYS if keys.get(k)), "ref"), " / ".join(named), reason)
        return None


def _clear(session: Session, clearance: _Clearance, today: dt.date) -> Declaration:
    declaration = session.get(Declaration, clearance.declaration_id)
    if declaration is None:  # pragma: no cover - found while reading
        raise BadInput(f"declaration {clearance.declaration_id} disappeared")
    if clearance.pre_entry_no and not declaration.pre_entry_no:
        declaration.pre_entry_no = clearance.pre_entry_no[:18]
    if clearance.declare_date and declaration.status == "draft":
        declaration.declare_date = clearance.declare_date
    return clear(session, declaration.id, clearance.customs_no, clearance.export_date, today=today)


def _record_run(session: Session, path: Path, summary: ImportSummary) -> None:
    from desktop_app.core.services.order_import import file_sha256

    session.add(ImportRun(
        kind="declarations", file_name=path.name[:300], sha256=file_sha256(path),
        actor=session.info.get("actor", "local"), rows_read=summary.rows,
        rows_written=summary.updated, rows_skipped=summary.skipped,
    ))  # fmt: skip
    session.flush()
