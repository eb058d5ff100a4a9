"""Importing platform order exports: one transaction, all-or-nothing or skip-bad, upsert by key.

`import_orders` reads the file once, streaming: rows are parsed into orders, written in
chunks (bulk lookups, executemany), and progress and Cancel are checked between chunks.
By default one bad row rejects the file (ImportRejected lists every bad row, the database
is left as it was); with skip_bad the good orders land and the bad rows are reported. A
re-imported or overlapping file updates the orders it shares with earlier imports, keyed
by (shop, platform order id, line key). One audit event summarises the import.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desktop_app import paths
from desktop_app.core import audit, codes
from desktop_app.core.db import Database
from desktop_app.core.demo.bulk import sync_id_sequence
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import (
    ImportRejected,
    ImportSummary,
    RowError,
    gc_paused,
)
from desktop_app.core.importers.dates import site_zone
from desktop_app.core.importers.orders import (
    Context,
    OrderIn,
    PlatformFormat,
    amazon,
    detect_platform,
    platform_format,
    read_orders_table,
)
from desktop_app.core.importers.orders.normalise import SITE_CURRENCY, currency_hint
from desktop_app.core.importers.orders.store import OrderStore, Route, Router
from desktop_app.core.importers.tabular import Table
from desktop_app.core.jobs import Job
from desktop_app.core.models import ImportRun, Order, OrderLine, Shop
from desktop_app.core.models.orders import NON_SALE_STATUSES
from desktop_app.core.services.fulfilment import FulfilmentResult, fulfil_matching
from desktop_app.core.services.import_runs import file_sha256

CHUNK = 5_000  # orders per write: bounded memory, few round trips
MONTH_FIRST = frozenset({"USA", "PHL"})  # sites whose exports write 05/03/2024 for 3 May
WARNINGS_PER_KIND = 20
HINT_ROWS = 3  # rows read for the site and currency (the first may be a description row)
UNMAPPED_LISTED = 200


@dataclass
class Prepared:
    """The file opened and understood: its table, platform and hash."""

    path: Path
    table: Table
    fmt: PlatformFormat
    sha256: str


@dataclass
class Preview:
    """What the window shows before the user confirms an import."""

    file: str
    platform: str
    shop: str
    shop_is_new: bool
    orders: list[OrderIn]
    summary: ImportSummary
    unmapped_skus: list[str] = field(default_factory=list)

    @property
    def new(self) -> int:
        return self.summary.inserted

    @property
    def updated(self) -> int:
        return self.summary.updated

    @property
    def bad(self) -> int:
        return len({e.row for e in self.summary.errors})


def prepare(path: str | Path, platform: str | None = None) -> Prepared:
    """Open the file, detect (or take) its platform and check its required columns."""
    path = Path(path)
    table = read_orders_table(path)
    fmt = platform_format(platform or detect_platform(table))
    table = table.select(fmt.aliases)
    table.require(fmt.required, kind="orders")
    return Prepared(path, table, fmt, file_sha256(path))


def import_orders(
    db: Database,
    path: str | Path,
    *,
    platform: str | None = None,
    shop: str | None = None,
    skip_bad: bool = False,
    job: Job | None = None,
    actor: str = "local",
) -> ImportSummary:
    """Import an order export into `shop` (or the shop the file names); see the module doc."""
    with gc_paused():
        prepared = prepare(path, platform)
        with db.transaction(actor) as session:
            summary = run_import(session, prepared, shop=shop, job=job or Job())
            if summary.errors and not skip_bad:
                summary.details["import_run_id"] = None  # rolled back with the rest
                raise ImportRejected(summary)  # leaving the block rolls everything back
    return summary


def preview_orders(
    db: Database,
    path: str | Path,
    platform: str | None = None,
    shop: str | None = None,
    limit: int = 20,
    job: Job | None = None,
) -> Preview:
    """Everything the import would do, computed in a transaction that is rolled back."""
    prepared = prepare(path, platform)
    first: list[OrderIn] = []
    with db.sessions() as session:
        session.info["actor"] = "preview"
        transaction = session.begin()
        try:
            summary = run_import(
                session, prepared, shop=shop, job=job or Job(), keep=(first, limit)
            )
        finally:
            transaction.rollback()
    details = summary.details
    return Preview(
        file=prepared.path.name,
        platform=prepared.fmt.name,
        shop=details["shop"],
        shop_is_new=details["shop_created"],
        orders=first,
        summary=summary,
        unmapped_skus=details["unmapped_skus"],
    )


def run_import(
    session: Session,
    prepared: Prepared,
    *,
    shop: str | None,
    job: Job,
    keep: tuple[list[OrderIn], int] | None = None,
) -> ImportSummary:
    """The import inside the caller's transaction; bad rows are in the summary's errors."""
    table, fmt = prepared.table, prepared.fmt
    summary = ImportSummary(file=prepared.path.name, kind="orders")
    country = country_reader(session)
    hints = file_hints(fmt, table, country)
    the_shop, created = resolve_shop(session, fmt, table, shop, hints)
    ctx = _context(fmt, table, the_shop, hints, country)
    if created and not hints.currency:
        ctx.warn(None, "", the_shop.currency,
                 f"the file names no currency: the new shop {the_shop.name!r} is in "
                 f"{the_shop.currency}; change it under Settings if that is wrong")  # fmt: skip
    run_id = _start_run(session, prepared)
    store = OrderStore(session.connection(), the_shop.id, fmt, run_id, _router(session, the_shop))
    written_rows = 0
    for chunk in _chunks(fmt.parse(table, ctx), CHUNK):
        job.check()
        if keep is not None and len(keep[0]) < keep[1]:
            keep[0].extend(chunk[: keep[1] - len(keep[0])])
        store.write(chunk)
        written_rows += sum(order.rows for order in chunk)
        job.report(table.rows_read, 0, f"{table.rows_read:,} rows read")
    job.check()
    summary.rows = table.rows_read
    summary.skipped = table.rows_read - written_rows
    summary.errors = ctx.errors
    summary.warnings = _condensed(ctx.warnings)
    _finish(session, summary, store, the_shop, created, prepared, run_id)
    return summary


def _router(session: Session, shop: Shop) -> Router:
    """The routing rules (or their defaults) for the new orders of this shop, read once."""
    from desktop_app.core.services.routing import order_router

    route = order_router(session, shop.id)

    def assign(channel: str, country: str, fulfilment: str) -> Route:
        found = route(channel, country, fulfilment)
        return found.customs_mode, found.fulfilment, found.warehouse_id

    return assign


# -- shop -------------------------------------------------------------------------------
@dataclass
class FileHints:
    """What the first row says about the shop: its site's country and currency."""

    country: str | None
    currency: str | None


def file_hints(
    fmt: PlatformFormat, table: Table, country: Callable[[str], str | None]
) -> FileHints:
    first = list(islice((row for _, row in table.rows()), HINT_ROWS))
    channels = (amazon.marketplace_country(r.get("sales_channel", "")) for r in first)
    site = next(filter(None, channels), None)
    if site is None and fmt.site_from_ship_country:
        site = next(filter(None, (country(r.get("ship_country", "")) for r in first)), None)
    named = (r.get("currency", "").upper() for r in first)
    currency = next((c for c in named if len(c) == 3 and c.isalpha()), None)
    currency = currency or next(filter(None, (currency_hint(r.values()) for r in first)), None)
    currency = currency or SITE_CURRENCY.get(site or "") or fmt.default_currency or None
    return FileHints(site, currency)


def resolve_shop(
    session: Session, fmt: PlatformFormat, table: Table, name: str | None, hints: FileHints
) -> tuple[Shop, bool]:
    """The shop the orders belong to, and whether it was created now.

    --shop names it (created with the file's currency if new); else the file's site
    (Amazon.de, or the buyers' country on one-country platforms) picks the platform's
    shop of that site; else the platform's only shop; else the user is asked to name one.
    """
    if name:
        return _named_shop(session, fmt, name.strip(), hints)
    shops = list(session.scalars(select(Shop).where(Shop.platform == fmt.name).order_by(Shop.id)))
    if hints.country:
        same_site = [s for s in shops if s.site_country == hints.country]
        if len(same_site) == 1:
            return same_site[0], False
    if len(shops) == 1:
        return shops[0], False
    known = ", ".join(s.name for s in shops) or "none yet"
    raise BadInput(
        f"{table.source}: which {fmt.name} shop are these orders from? "
        f"Name it with --shop (shops of {fmt.name}: {known})"
    )


def _named_shop(
    session: Session, fmt: PlatformFormat, name: str, hints: FileHints
) -> tuple[Shop, bool]:
    query = select(Shop).where(Shop.name == name)
    if fmt.name != "generic":  # the generic template may feed any platform's shop
        query = query.where(Shop.platform == fmt.name)
    found = list(session.scalars(query))
    if len(found) == 1:
        return found[0], False
    if len(found) > 1:
        raise BadInput(f"several shops are called {name!r}; rename one of them first")
    if not name or len(name) > 100:
        raise BadInput(f"shop name {name[:40]!r}: 1 to 100 characters")
    shop = Shop(
        platform=fmt.name,
        name=name,
        currency=hints.currency or "USD",
        site_country=hints.country or "",
    )
    session.add(shop)
    session.flush()
    return shop, True


def _context(
    fmt: PlatformFormat, table: Table, shop: Shop, hints: FileHints, country: Any
) -> Context:
    site = shop.site_country or hints.country or ""
    if fmt.naive_zone == "site":
        zone = site_zone(site)
    else:
        zone = dt.UTC if fmt.naive_zone == "UTC" else site_zone(fmt.naive_zone)
    currency = shop.currency or fmt.default_currency or "USD"
    return Context(
        table, zone=zone, currency=currency, day_first=site not in MONTH_FIRST, country=country
    )


def country_reader(session: Session) -> Callable[[str], str | None]:
    """Country text (US, USA, United States, 美国, Deutschland …) → ISO alpha-3, cached."""
    import pycountry

    known: dict[str, str | None] = {}
    for code, *names in _country_names(session):
        for text in (code, *names):
            if text:
                known[text.casefold()] = code

    def read(text: str) -> str | None:
        key = text.strip().casefold()
        if key not in known:
            try:
                known[key] = pycountry.countries.lookup(text.strip()).alpha_3
            except LookupError:
                known[key] = None
        return known[key]

    return read


def _country_names(session: Session) -> list[tuple[str, str, str]]:
    """(code, Chinese name, English name) from the active code table, else the built-in one."""
    entries = [(e.code, e.name_cn, e.name_en) for e in codes.entries(session, "countries")]
    if entries:
        return entries
    path = codes.builtin_dir() / "countries.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [(r["code"], r["name_cn"], r["name_en"]) for r in csv.DictReader(fh)]


# -- run record, chunks, summary ----------------------------------------------------------
def _start_run(session: Session, prepared: Prepared) -> int:
    values = {
        "kind": "orders",
        "file_name": prepared.path.name[:300],
        "sha256": prepared.sha256,
        "platform": prepared.fmt.name,
        "actor": session.info.get("actor", "local"),
    }
    result = session.execute(insert(ImportRun).values(values))
    return int(result.inserted_primary_key[0])


def _chunks(orders: Iterator[OrderIn], size: int) -> Iterator[list[OrderIn]]:
    chunk: list[OrderIn] = []
    for order in orders:
        chunk.append(order)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _condensed(warnings: list[RowError]) -> list[RowError]:
    """At most WARNINGS_PER_KIND of each (column, reason), then one line saying how many more."""
    kept: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    for warning in warnings:
        key = (warning.column, warning.reason)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= WARNINGS_PER_KIND:
            kept.append(warning)
    for (column, reason), count in seen.items():
        if count > WARNINGS_PER_KIND:
            more = count - WARNINGS_PER_KIND
            kept.append(RowError(None, column, "", f"{reason} ({more} more rows like this)"))
    return kept


def _fulfil(session: Session, summary: ImportSummary, run_id: int) -> FulfilmentResult:
    """Stock moves for the orders of this import fulfilled from a warehouse (once each)."""
    result = fulfil_matching(session, Order.import_run_id == run_id)
    for note in result.refused[:WARNINGS_PER_KIND]:
        where = f"{note.platform_order_id} {note.platform_sku}"
        summary.warnings.append(RowError(None, "", where, f"stock not taken: {note.reason}"))
    summary.warnings += [RowError(None, "", "", w) for w in result.warnings[:WARNINGS_PER_KIND]]
    return result


def _finish(
    session: Session,
    summary: ImportSummary,
    store: OrderStore,
    shop: Shop,
    created: bool,
    prepared: Prepared,
    run_id: int,
) -> None:
    counts = store.counts
    summary.inserted, summary.updated = counts.lines_inserted, counts.lines_updated
    stock = _fulfil(session, summary, run_id)
    unmapped = sorted(counts.unmapped)
    summary.details = {
        "platform": prepared.fmt.name,
        "shop": shop.name,
        "shop_id": shop.id,
        "shop_created": created,
        "orders_inserted": counts.orders_inserted,
        "orders_updated": counts.orders_updated,
        "unmapped_skus": unmapped[:UNMAPPED_LISTED],
        "unmapped_sku_count": len(unmapped),
        "unmapped_lines": sum(counts.unmapped.values()),
        "import_run_id": run_id,
        "imported_before": _imported_before(session, prepared.sha256, run_id),
        "stock_moves": len(stock.move_ids),
        "stock_refused_lines": len(stock.refused),
    }
    conn = session.connection()
    written = (
        (Order.__table__, counts.orders_inserted),
        (OrderLine.__table__, counts.lines_inserted),
    )
    for table, count in written:
        if count:
            sync_id_sequence(conn, table)
    session.execute(
        update(ImportRun)
        .where(ImportRun.id == run_id)
        .values(
            rows_read=summary.rows,
            rows_written=summary.rows - summary.skipped,
            rows_skipped=summary.skipped,
        )
    )
    after = {k: v for k, v in summary.details.items() if k != "unmapped_skus"}
    after.update(rows=summary.rows, inserted=summary.inserted, updated=summary.updated,
                 skipped=summary.skipped, file=summary.file, sha256=prepared.sha256)  # fmt: skip
    audit.record(session, "import", "import_run", run_id, after=after)


def _imported_before(session: Session, sha256: str, run_id: int) -> str | None:
    """When this very file was imported before (re-imports update, never duplicate)."""
    when = session.scalar(
        select(func.max(ImportRun.imported_at)).where(
            ImportRun.sha256 == sha256, ImportRun.kind == "orders", ImportRun.id != run_id
        )
    )
    return None if when is None else str(when)


# -- the generic template -----------------------------------------------------------------
def template_path() -> Path:
    """The generic order template shipped with the app (resources/templates)."""
    return paths.resources_dir() / "templates" / "orders_template.csv"


def save_template(target: str | Path) -> Path:
    """Copy the generic order template where the user wants it (UTF-8 with a BOM for Excel)."""
    target = Path(target)
    target.write_bytes(template_path().read_bytes())
    return target


# -- figures ------------------------------------------------------------------------------
def sales_by_currency(session: Session) -> dict[str, Decimal]:
    """Per currency, the goods amounts of the lines of orders that are sales (not cancelled,
    pending or unpaid): what buyers pay for the items before tax, shipping and discounts."""
    query = (
        select(Order.currency, func.sum(OrderLine.amount))
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(Order.status.not_in(NON_SALE_STATUSES))
        .group_by(Order.currency)
        .order_by(Order.currency)
    )
    return {currency: total for currency, total in session.execute(query) if total is not None}


def summary_text(summary: ImportSummary) -> str:
    """One line for logs and the status bar."""
    details: dict[str, Any] = summary.details
    return (
        f"{summary.file}: {summary.rows} rows, {details.get('orders_inserted', 0)} new orders, "
        f"{details.get('orders_updated', 0)} updated, {summary.skipped} rows skipped"
    )
