"""The rate library (退税率文库): import the DBF or a spreadsheet, keep versions, look up rates.

A lookup is keyed by (HS code, export date ∈ [start, end]) in the active version
(DOMAIN.md §3.5); earlier versions stay in the database for the claims they backed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from desktop_app.core import audit
from desktop_app.core.db import Database
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.jobs import Job
from desktop_app.core.models.reference import RateLibraryEntry, RateLibraryVersion
from desktop_app.core.money import to_decimal
from desktop_app.core.services.import_runs import record_run

DBF_SUFFIXES = (".dbf",)
# Spreadsheet headers of the same data (the DBF names are accepted as headers too).
ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("CODE", "商品代码", "商品编码", "商品编号", "HS编码", "海关编码", "HS code", "code"),
    "name": ("NAME", "商品名称", "名称", "name"),
    "unit": ("UNIT", "计量单位", "单位", "unit"),
    "levy_rates": ("ZSSL_SET", "征税率", "征税税率", "levy rate", "levy rates", "VAT rate"),
    "rebate_rate": ("TSL", "退税率", "rebate rate"),
    "start_date": ("ST_DATE", "开始日期", "起始日期", "执行日期", "start date"),
    "end_date": ("END_DATE", "结束日期", "截止日期", "终止日期", "end date"),
    "flag": ("TSFLAG", "退税标志", "标志", "flag"),
}
REQUIRED = frozenset({"code", "rebate_rate", "start_date"})
_CHUNK = 5000
_MAX_LEN = {"code": 20, "name": 300, "unit": 20, "levy_rates": 60, "flag": 10}
_CODE = re.compile(r"^\d{8,20}$")
_RATE_SPLIT = re.compile(r"[,，;；/、\s]+")
_DATE = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?(?:[ T]0{1,2}:00(?::00)?)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
OPEN_END = dt.date(9999, 12, 31)  # some editions write this instead of an empty END_DATE


@dataclass(frozen=True)
class RateInfo:
    """What the library says about one code on one date."""

    code: str
    name: str
    unit: str  # the legal unit as the library names it (千克, 个 …)
    levy_rates: tuple[Decimal, ...]  # 征税率 choices, percent
    rebate_rate: Decimal  # 退税率, percent
    start_date: dt.date
    end_date: dt.date | None
    flag: str
    version: str

    @property
    def levy_rate(self) -> Decimal | None:
        """The levy rate a SKU takes by default: the highest listed (13 of '9,13')."""
        return max(self.levy_rates) if self.levy_rates else None


# ---------------------------------------------------------------- lookups


def active_version(session: Session) -> RateLibraryVersion | None:
    query = select(RateLibraryVersion).where(RateLibraryVersion.active.is_(True))
    return session.execute(query).scalars().first()


def has_active(session: Session) -> bool:
    return active_version(session) is not None


def list_versions(session: Session) -> list[RateLibraryVersion]:
    """Every loaded edition, oldest first."""
    order = (RateLibraryVersion.loaded_at, RateLibraryVersion.id)
    return list(session.execute(select(RateLibraryVersion).order_by(*order)).scalars())


def lookup(session: Session, code: str, on_date: dt.date) -> RateInfo | None:
    """The active version's entry for this code valid on this date, if any."""
    query = (
        _valid_on(on_date)
        .where(RateLibraryEntry.code == normalize_code(code))
        .order_by(RateLibraryEntry.start_date.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    return None if row is None else entry_info(row[0], row[1])


def valid_on(session: Session, on_date: dt.date) -> dict[str, RateInfo]:
    """Every code of the active version valid on this date (for checking many SKUs at once)."""
    query = _valid_on(on_date).order_by(RateLibraryEntry.start_date)
    return {entry.code: entry_info(entry, name) for entry, name in session.execute(query)}


def _valid_on(on_date: dt.date) -> Any:
    return (
        select(RateLibraryEntry, RateLibraryVersion.version)
        .join(RateLibraryVersion, RateLibraryEntry.version_id == RateLibraryVersion.id)
        .where(
            RateLibraryVersion.active.is_(True),
            RateLibraryEntry.start_date <= on_date,
            or_(RateLibraryEntry.end_date.is_(None), RateLibraryEntry.end_date >= on_date),
        )
    )


def entry_info(entry: RateLibraryEntry, version: str) -> RateInfo:
    levy = tuple(Decimal(part) for part in entry.levy_rates.split(",") if part)
    return RateInfo(
        code=entry.code,
        name=entry.name,
        unit=entry.unit,
        levy_rates=levy,
        rebate_rate=entry.rebate_rate,
        start_date=entry.start_date,
        end_date=entry.end_date,
        flag=entry.flag,
        version=version,
    )


def normalize_code(text: str) -> str:
    """An HS code as text: spaces and dots removed; a 9-digit code lost its leading zero in
    a spreadsheet (0101210010 → 101210010) and gets it back."""
    code = re.sub(r"[\s.]", "", text or "")
    if len(code) == 9 and code.isdigit():
        code = "0" + code
    return code


# ---------------------------------------------------------------- activating


def activate(session: Session, version_id: int) -> RateLibraryVersion:
    """Make this edition the one lookups use; the others stop being active."""
    record = session.get(RateLibraryVersion, version_id)
    if record is None:
        raise BadInput(f"no rate library version with id {version_id}")
    return _activate(session, record)


def _activate(session: Session, record: RateLibraryVersion) -> RateLibraryVersion:
    others = select(RateLibraryVersion).where(
        RateLibraryVersion.active.is_(True), RateLibraryVersion.id != record.id
    )
    for other in session.execute(others).scalars():
        other.active = False
    record.active = True
    session.flush()
    return record


# ---------------------------------------------------------------- importing


def import_rate_library(
    db: Database,
    path: str | Path,
    *,
    version: str | None = None,
    activate: bool = True,
    skip_bad: bool = False,
    job: Job | None = None,
    actor: str = "local",
) -> ImportSummary:
    """Load a cmcode DBF (or the same columns as xlsx/csv) as a new version, in one transaction.

    All or nothing by default: any bad row raises ImportRejected listing every bad row, and
    the database is left as it was; with skip_bad the good rows are loaded. Loading the same
    file again only re-activates the version it made the first time.
    """
    with db.transaction(actor) as session:
        return load_rate_library(
            session, path, version=version, activate=activate, skip_bad=skip_bad, job=job
        )


def load_rate_library(
    session: Session,
    path: str | Path,
    *,
    version: str | None = None,
    activate: bool = True,
    skip_bad: bool = False,
    job: Job | None = None,
) -> ImportSummary:
    """import_rate_library inside the caller's transaction."""
    job = job or Job()
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot read the file: {exc.strerror}") from exc
    digest = hashlib.sha256(data).hexdigest()
    version = (version or f"{path.stem[:21]}-{digest[:8]}").strip()
    source = f"{path.name[:200]} sha256:{digest}"
    summary = ImportSummary(file=path.name, kind="rates")
    _check_version_name(version)
    existing = session.execute(
        select(RateLibraryVersion).where(RateLibraryVersion.version == version)
    ).scalar_one_or_none()
    if existing is not None:
        return _reload(session, existing, source, summary, activate)
    job.report(0, 0, f"{path.name}: reading")
    entries = parse_rows(_read_rows(path), summary)
    if summary.errors and not skip_bad:
        raise ImportRejected(summary)
    record = RateLibraryVersion(version=version, source_file=source, row_count=len(entries))
    session.add(record)
    session.flush()
    _insert_entries(session, record, entries, job)
    summary.inserted = len(entries)
    summary.skipped = summary.rows - len(entries)
    summary.details.update(version=version, version_id=record.id, active=activate)
    after = {"version": version, "source_file": source, "entries": len(entries)}
    audit.record(session, "load_rate_library", "rate_library_version", record.id, after=after)
    record_run(session, "rates", path, summary, written=summary.inserted, sha256=digest)
    if activate:
        _activate(session, record)
    job.report(len(entries), len(entries), f"{path.name}: {len(entries)} entries")
    return summary


def _check_version_name(version: str) -> None:
    if not version:
        raise BadInput("the rate library version name is empty")
    if len(version) > 30:
        raise BadInput(f"rate library version {version!r} is longer than 30 characters")


def _reload(
    session: Session,
    record: RateLibraryVersion,
    source: str,
    summary: ImportSummary,
    activate: bool,
) -> ImportSummary:
    if record.source_file != source:
        raise BadInput(
            f"{summary.file}: rate library version {record.version!r} was already loaded from "
            f"another file ({record.source_file.split(' sha256:')[0]}); choose another name"
        )
    if activate:
        _activate(session, record)
    summary.rows = summary.skipped = record.row_count
    summary.details.update(
        version=record.version, version_id=record.id, active=record.active, already_loaded=True
    )
    return summary


def _read_rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    if path.suffix.lower() in DBF_SUFFIXES:
        from desktop_app.core.importers.rate_dbf import read_rate_dbf

        return read_rate_dbf(path)
    from desktop_app.core.importers.tabular import read_table

    return read_table(path, aliases=ALIASES, required=REQUIRED).rows()


def _insert_entries(
    session: Session, record: RateLibraryVersion, entries: list[dict[str, Any]], job: Job
) -> None:
    table = RateLibraryEntry.__table__
    for start in range(0, len(entries), _CHUNK):
        job.report(start, len(entries), f"rate library {record.version}: {start} entries")
        chunk = entries[start : start + _CHUNK]
        session.execute(insert(table), [{**entry, "version_id": record.id} for entry in chunk])


# ---------------------------------------------------------------- parsing rows


def parse_rows(
    rows: Iterable[tuple[int, dict[str, str]]], summary: ImportSummary
) -> list[dict[str, Any]]:
    """Checked entry values for the good rows; every bad cell goes to summary.errors."""
    entries: list[dict[str, Any]] = []
    first_row: dict[tuple[Any, Any], int] = {}
    for number, cells in rows:
        if not any(value.strip() for value in cells.values()):
            continue
        summary.rows += 1
        errors: list[RowError] = []
        entry = _parse_row(number, cells, errors)
        key = (entry.get("code"), entry.get("start_date"))
        if not errors and key in first_row:
            reason = f"the same code and start date as row {first_row[key]}"
            errors.append(RowError(number, "code", cells.get("code", ""), reason))
        if errors:
            summary.errors.extend(errors)
            continue
        first_row[key] = number
        entries.append(entry)
    return entries


def _parse_row(number: int, cells: dict[str, str], errors: list[RowError]) -> dict[str, Any]:
    def bad(field: str, reason: str) -> None:
        errors.append(RowError(number, field, cells.get(field, ""), reason))

    entry: dict[str, Any] = {}
    for field, limit in _MAX_LEN.items():
        text = cells.get(field, "").strip()
        if len(text) > limit:
            bad(field, f"longer than {limit} characters")
        entry[field] = text
    entry["code"] = normalize_code(entry["code"])
    if not _CODE.match(entry["code"]):
        bad("code", "must be the 10-digit HS code (8 to 20 digits)")
    entry["levy_rates"] = _levy_rates(cells.get("levy_rates", ""), bad)
    entry["rebate_rate"] = _percent(cells.get("rebate_rate", ""), "rebate_rate", bad)
    entry["start_date"] = _date(cells.get("start_date", ""), "start_date", bad)
    end = _date(cells.get("end_date", ""), "end_date", bad, required=False)
    entry["end_date"] = None if end == OPEN_END else end
    start = entry["start_date"]
    if start and entry["end_date"] and entry["end_date"] < start:
        bad("end_date", f"before the start date {start.isoformat()}")
    return entry


def _percent(text: str, field: str, bad: Any, required: bool = True) -> Decimal | None:
    text = text.strip().rstrip("%％").strip()
    if not text:
        if required:
            bad(field, "a rate is required")
        return None
    try:
        value = to_decimal(text)
    except ValueError:
        bad(field, "not a number")
        return None
    if not 0 <= value <= 100:
        bad(field, "a rate must be a percentage from 0 to 100")
        return None
    if value != value.quantize(Decimal("0.01")):
        bad(field, "more than 2 decimal places")
        return None
    return value.quantize(Decimal("0.01"))


def _levy_rates(text: str, bad: Any) -> str:
    rates = []
    for part in _RATE_SPLIT.split(text.strip()):
        if part:
            value = _percent(part, "levy_rates", bad)
            if value is not None:
                rates.append(value.normalize())
    return ",".join(f"{rate:f}" for rate in rates)


def _date(text: str, field: str, bad: Any, required: bool = True) -> dt.date | None:
    text = text.strip()
    if not text:
        if required:
            bad(field, "a date is required")
        return None
    if text.isdigit() and len(text) <= 5:  # an Excel serial day number
        return _EXCEL_EPOCH + dt.timedelta(days=int(text))
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        bad(field, "not a date (YYYYMMDD or YYYY-MM-DD)")
        return None
