"""Read side of the Declarations screen: id lists, rows, one declaration's detail, choices.

The declarations table is lazy like the orders table: `declaration_ids` lists the ids of the
current search, filter and sort in one query, `declaration_rows` reads the rows shown. The
detail carries the header and lines as stored, every problem the checks find and the
history; the choices feed the "new draft" dialogs.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct, func, select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.models import (
    Declaration,
    DeclarationLine,
    DeclarationOrderLink,
    DeclarationShipmentLink,
    OrderLine,
    Shipment,
    ShipmentLine,
    Shop,
    Warehouse,
)
from desktop_app.core.services.declaration_checks import ERROR, Problem, check_declaration
from desktop_app.core.services.declaration_life import HistoryEntry, history
from desktop_app.core.services.id_lists import fetch_ids, like_any, pages

DEFAULT_SORT = ("ref", False)  # BG-2026-0012 first: the newest of the generated refs
OPEN = "open"  # status filter value: a draft or a filed declaration (not cleared yet)
OPEN_STATUSES = ("draft", "filed")
# The checks read the code tables for every declaration they look at; the list counts the
# problems of the declarations still being worked on, where the count drives the next step.
COUNTED = OPEN_STATUSES
DECLARABLE_SHIPMENTS = ("shipped", "partially_received", "received")
MAX_SEARCH_WORDS = 10
ZERO = Decimal(0)


@dataclass(frozen=True)
class DeclarationFilters:
    """What the filter bar narrows the declarations to; empty values mean "any"."""

    status: str = ""  # a declaration status, or OPEN
    mode: str = ""  # a supervision mode: 9810, 9610, 9710, 0110 …


@dataclass(frozen=True)
class DeclarationRow:
    """One line of the declarations table."""

    id: int
    ref: str
    mode: str
    status: str
    customs_no: str | None
    export_date: dt.date | None
    consignee: str
    destination: str
    lines: int
    total: Decimal
    currency: str
    usd_fob: Decimal | None
    problems: int | None  # None: not counted (cleared, amended or cancelled)
    errors: int | None

    @property
    def editable(self) -> bool:
        return self.status == "draft"


@dataclass(frozen=True)
class DeclarationDetail:
    """One declaration as the detail pane shows it: every stored field, problems, history."""

    row: DeclarationRow
    source_kind: str
    header: dict[str, Any]  # column name → value as stored
    lines: list[dict[str, Any]]  # one dict per line, by 项号
    problems: list[Problem]
    history: list[HistoryEntry]
    sources: list[str] = field(default_factory=list)  # shipment refs behind it
    orders: int = 0  # orders behind its lines (9610 list, 9710, 0110)


@dataclass(frozen=True)
class ShipmentChoice:
    """A first-leg shipment that left China and has no declaration yet."""

    id: int
    ref: str
    status: str
    ship_date: dt.date | None
    destination: str  # warehouse code
    destination_name: str
    country: str
    lines: int
    units: Decimal


# ---------------------------------------------------------------- the list


def _line_count() -> Any:
    return (
        select(func.count())
        .where(DeclarationLine.declaration_id == Declaration.id)
        .correlate(Declaration)
        .scalar_subquery()
    )


SORT_COLUMNS: dict[str, Any] = {
    "ref": lambda: Declaration.ref,
    "mode": lambda: Declaration.supervision_mode,
    "status": lambda: Declaration.status,
    "customs_no": lambda: Declaration.customs_no,
    "export_date": lambda: Declaration.export_date,
    "consignee": lambda: Declaration.overseas_consignee,
    "destination": lambda: Declaration.destination_country,
    "lines": _line_count,
    "total": lambda: Declaration.total_amount,
    "usd_fob": lambda: Declaration.usd_fob,
}


def declaration_ids(
    session: Session,
    text: str = "",
    filters: DeclarationFilters = DeclarationFilters(),
    sort: tuple[str, bool] = DEFAULT_SORT,
    *,
    limit: int | None = None,
) -> array[int]:
    """Ids of the declarations matching `text` and `filters`, in `sort` order (ties by id).

    Each word of `text` must appear in the reference, customs number, 预录入编号, contract
    number, bill of lading or the overseas consignee.
    """
    key, ascending = sort
    if key not in SORT_COLUMNS:
        raise ValueError(f"cannot sort declarations by {key!r}")
    column = SORT_COLUMNS[key]()
    stmt: Select[Any] = select(Declaration.id).where(*_conditions(text, filters))
    if ascending:
        stmt = stmt.order_by(column.asc(), Declaration.id.asc())
    else:
        stmt = stmt.order_by(column.desc(), Declaration.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def _conditions(text: str, f: DeclarationFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.status == OPEN:
        conditions.append(Declaration.status.in_(OPEN_STATUSES))
    elif f.status:
        conditions.append(Declaration.status == f.status)
    if f.mode:
        conditions.append(Declaration.supervision_mode == f.mode)
    searched = [Declaration.ref, Declaration.customs_no, Declaration.pre_entry_no,
                Declaration.contract_no, Declaration.bill_no,
                Declaration.overseas_consignee]  # fmt: skip
    words = [w for w in re.split(r"\s+", text.strip()) if w][:MAX_SEARCH_WORDS]
    conditions += [like_any(searched, word) for word in words]
    return conditions


def declaration_rows(session: Session, ids: Sequence[int]) -> list[DeclarationRow]:
    """The table rows of `ids`, in the same order; ids no longer there are left out."""
    found: dict[int, DeclarationRow] = {}
    for page in pages(ids):
        counts = _line_counts(session, page)
        declarations = session.scalars(select(Declaration).where(Declaration.id.in_(page)))
        for d in declarations:
            found[d.id] = _row(session, d, counts.get(d.id, 0))
    return [found[i] for i in ids if i in found]


def declaration_refs(session: Session, ids: Sequence[int]) -> list[str]:
    """The references of `ids`, in the same order (what a print names), without the checks."""
    found: dict[int, str] = {}
    for page in pages(ids):
        stmt = select(Declaration.id, Declaration.ref).where(Declaration.id.in_(page))
        found.update((i, ref) for i, ref in session.execute(stmt))
    return [found[i] for i in ids if i in found]


def _line_counts(session: Session, ids: Sequence[int]) -> dict[int, int]:
    stmt = (
        select(DeclarationLine.declaration_id, func.count())
        .where(DeclarationLine.declaration_id.in_(ids))
        .group_by(DeclarationLine.declaration_id)
    )
    return {i: n for i, n in session.execute(stmt)}


def _row(
    session: Session, d: Declaration, lines: int, problems: list[Problem] | None = None
) -> DeclarationRow:
    if problems is None and d.status in COUNTED:
        problems = check_declaration(session, d)
    errors = None if problems is None else sum(1 for p in problems if p.severity == ERROR)
    return DeclarationRow(
        id=d.id, ref=d.ref, mode=d.supervision_mode, status=d.status, customs_no=d.customs_no,
        export_date=d.export_date, consignee=d.overseas_consignee,
        destination=d.destination_country, lines=lines, total=d.total_amount,
        currency=d.currency, usd_fob=d.usd_fob,
        problems=None if problems is None else len(problems), errors=errors,
    )  # fmt: skip


# ---------------------------------------------------------------- one declaration

_HEADER_SKIP = {"id", "lines"}
_LINE_SKIP = {"id", "declaration_id"}


def declaration_detail(
    session: Session, declaration_id: int, *, today: dt.date | None = None
) -> DeclarationDetail | None:
    """One declaration with its lines, problems (of any status) and history; None if gone."""
    d = session.get(Declaration, declaration_id)
    if d is None:
        return None
    problems = check_declaration(session, d, today=today)
    header = {c.key: getattr(d, c.key) for c in Declaration.__table__.columns
              if c.key not in _HEADER_SKIP}  # fmt: skip
    lines = [{c.key: getattr(line, c.key) for c in DeclarationLine.__table__.columns
              if c.key not in _LINE_SKIP} for line in d.lines]  # fmt: skip
    return DeclarationDetail(
        row=_row(session, d, len(d.lines), problems), source_kind=d.source_kind,
        header=header, lines=lines, problems=problems, history=history(session, d.id),
        sources=_shipment_refs(session, d.id), orders=_order_count(session, d.id),
    )  # fmt: skip


def _shipment_refs(session: Session, declaration_id: int) -> list[str]:
    stmt = (
        select(Shipment.ref)
        .join(DeclarationShipmentLink, DeclarationShipmentLink.shipment_id == Shipment.id)
        .where(DeclarationShipmentLink.declaration_id == declaration_id)
        .order_by(Shipment.ref)
    )
    return list(session.scalars(stmt))


def _order_count(session: Session, declaration_id: int) -> int:
    stmt = (
        select(func.count(distinct(OrderLine.order_id)))
        .select_from(DeclarationOrderLink)
        .join(OrderLine, OrderLine.id == DeclarationOrderLink.order_line_id)
        .join(DeclarationLine, DeclarationLine.id == DeclarationOrderLink.declaration_line_id)
        .where(DeclarationLine.declaration_id == declaration_id)
    )
    return int(session.scalar(stmt) or 0)


# ---------------------------------------------------------------- choices for the dialogs


def shipment_choices(session: Session) -> list[ShipmentChoice]:
    """Shipments that left for an overseas warehouse and no live declaration covers, newest
    first: what "New from shipment" offers."""
    declared = (
        select(DeclarationShipmentLink.shipment_id)
        .join(Declaration, Declaration.id == DeclarationShipmentLink.declaration_id)
        .where(Declaration.status != "cancelled")
    )
    totals = (
        select(ShipmentLine.shipment_id, func.count().label("lines"),
               func.sum(ShipmentLine.quantity).label("units"))
        .group_by(ShipmentLine.shipment_id)
        .subquery()
    )  # fmt: skip
    stmt = (
        select(Shipment.id, Shipment.ref, Shipment.status, Shipment.ship_date, Warehouse.code,
               Warehouse.name, Warehouse.country, totals.c.lines, totals.c.units)
        .join(Warehouse, Warehouse.id == Shipment.destination_warehouse_id)
        .join(totals, totals.c.shipment_id == Shipment.id)
        .where(Shipment.status.in_(DECLARABLE_SHIPMENTS), Warehouse.kind != "domestic",
               Warehouse.country != "CHN", Shipment.id.not_in(declared))
        .order_by(Shipment.ship_date.desc(), Shipment.ref.desc())
    )  # fmt: skip
    return [ShipmentChoice(*r[:7], int(r[7]), Decimal(r[8] or ZERO)) for r in session.execute(stmt)]


def shop_choices(session: Session) -> list[tuple[int, str, str]]:
    """(id, platform, name) of every shop, by name."""
    return [(r.id, r.platform, r.name) for r in session.scalars(select(Shop).order_by(Shop.name))]


def code_names(session: Session, tables: Sequence[str]) -> dict[str, list[tuple[str, str, str]]]:
    """(code, Chinese name, English name) of each table's active entries, for the editors."""
    return {t: [(e.code, e.name_cn, e.name_en) for e in codes.entries(session, t)] for t in tables}
