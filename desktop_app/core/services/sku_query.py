"""Read side of the Catalogue screen: filtered, sorted SKU id lists and table rows by id.

Like the orders, the catalogue table holds only ordered ids (`sku_ids`) and fetches the
rows it shows (`sku_rows`); search, filters and sorting run in SQL, instant at 100,000 SKUs.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.models import Sku, Supplier
from desktop_app.core.services.catalogue import EDITABLE
from desktop_app.core.services.id_lists import fetch_ids, like_any, pages

DEFAULT_SORT = ("code", True)
SEARCHED = (Sku.code, Sku.name_cn, Sku.name_en, Sku.hs_code)


def _blank(column: Any) -> ColumnElement[bool]:
    return or_(column.is_(None), column == "")


# What a declaration (报关单) line needs from the SKU; an SKU lacking one cannot be declared.
DECLARATION_FIELDS: dict[str, Any] = {
    "name_cn": lambda: _blank(Sku.name_cn),
    "hs_code": lambda: _blank(Sku.hs_code),
    "declaration_elements": lambda: _blank(Sku.declaration_elements),
    "legal_first_unit": lambda: _blank(Sku.legal_first_unit),
    "net_weight_kg": lambda: Sku.net_weight_kg.is_(None),
    "gross_weight_kg": lambda: Sku.gross_weight_kg.is_(None),
}


@dataclass(frozen=True)
class SkuFilters:
    """What the filter bar narrows the catalogue to; None means "either"."""

    active: bool | None = None
    has_hs_code: bool | None = None
    brand_type: int | None = None
    supplier_id: int | None = None
    rates_overridden: bool | None = None
    missing_declaration: bool = False  # only SKUs lacking a DECLARATION_FIELDS field


@dataclass(frozen=True)
class SkuRow:
    """One line of the catalogue table."""

    id: int
    code: str
    name_cn: str
    name_en: str
    spec: str
    hs_code: str
    brand_name: str
    brand_type: int
    preference: int
    trade_unit: str
    legal_first_unit: str
    legal_second_unit: str
    net_weight_kg: Decimal | None
    gross_weight_kg: Decimal | None
    levy_rate: Decimal | None
    rebate_rate: Decimal | None
    rates_overridden: bool
    purchase_price: Decimal | None
    supplier: str
    active: bool
    missing: tuple[str, ...]  # DECLARATION_FIELDS this SKU lacks
    updated_at: dt.datetime


SORT_COLUMNS: dict[str, Any] = {
    "code": lambda: Sku.code,
    "name_cn": lambda: Sku.name_cn,
    "name_en": lambda: Sku.name_en,
    "spec": lambda: Sku.spec,
    "hs_code": lambda: Sku.hs_code,
    "brand_name": lambda: Sku.brand_name,
    "brand_type": lambda: Sku.brand_type,
    "preference": lambda: Sku.preference,
    "trade_unit": lambda: Sku.trade_unit,
    "legal_first_unit": lambda: Sku.legal_first_unit,
    "legal_second_unit": lambda: Sku.legal_second_unit,
    "net_weight_kg": lambda: Sku.net_weight_kg,
    "gross_weight_kg": lambda: Sku.gross_weight_kg,
    "levy_rate": lambda: Sku.levy_rate,
    "rebate_rate": lambda: Sku.rebate_rate,
    "rates_overridden": lambda: Sku.rates_overridden,
    "purchase_price": lambda: Sku.purchase_price,
    "supplier": lambda: Supplier.name,
    "active": lambda: Sku.active,
    "missing": lambda: _missing_any(),
    "updated_at": lambda: Sku.updated_at,
}


def _missing_any() -> ColumnElement[bool]:
    return or_(*(check() for check in DECLARATION_FIELDS.values()))


def sku_ids(
    session: Session,
    text: str = "",
    filters: SkuFilters = SkuFilters(),
    sort: tuple[str, bool] = DEFAULT_SORT,
    *,
    limit: int | None = None,
) -> array[int]:
    """Ids of the SKUs matching `text` and `filters`, in `sort` order (column, ascending).

    Every word of `text` must appear in the code, a name or the HS code. Ties fall back
    to the id, so a first page (`limit`) is the start of the whole list.
    """
    key, ascending = sort
    if key not in SORT_COLUMNS:
        raise ValueError(f"cannot sort SKUs by {key!r}")
    stmt = select(Sku.id).where(*_conditions(text, filters))
    if key == "supplier":
        stmt = stmt.outerjoin(Supplier, Supplier.id == Sku.supplier_id)
    column = SORT_COLUMNS[key]()
    if ascending:
        stmt = stmt.order_by(column.asc(), Sku.id.asc())
    else:
        stmt = stmt.order_by(column.desc(), Sku.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return fetch_ids(session, stmt)


def _conditions(text: str, f: SkuFilters) -> list[ColumnElement[bool]]:
    conditions = [like_any(SEARCHED, word) for word in text.split()]
    flags = {Sku.active: f.active, Sku.rates_overridden: f.rates_overridden}
    conditions += [column.is_(value) for column, value in flags.items() if value is not None]
    if f.has_hs_code is not None:
        has = ~_blank(Sku.hs_code)
        conditions.append(has if f.has_hs_code else ~has)
    if f.brand_type is not None:
        conditions.append(Sku.brand_type == f.brand_type)
    if f.supplier_id is not None:
        conditions.append(Sku.supplier_id == f.supplier_id)
    if f.missing_declaration:
        conditions.append(_missing_any())
    return conditions


def sku_rows(session: Session, ids: Sequence[int]) -> list[SkuRow]:
    """The table rows of `ids`, in the same order; ids no longer in the database are left out."""
    found: dict[int, SkuRow] = {}
    for page in pages(ids):
        # Plain column tuples, not ORM objects: the identity map would keep every row seen.
        stmt = select(*Sku.__table__.c, Supplier.name.label("supplier_name")).outerjoin(
            Supplier, Supplier.id == Sku.supplier_id
        )
        for r in session.execute(stmt.where(Sku.id.in_(page))):
            found[r.id] = _to_row(r)
    return [found[i] for i in ids if i in found]


def missing_fields(values: Any) -> tuple[str, ...]:
    """The DECLARATION_FIELDS that `values` (anything with those attributes) lacks."""
    missing = []
    for name in DECLARATION_FIELDS:
        value = getattr(values, name)
        if value is None or value == "":
            missing.append(name)
    return tuple(missing)


def _to_row(r: Any) -> SkuRow:
    return SkuRow(
        id=r.id,
        code=r.code,
        name_cn=r.name_cn,
        name_en=r.name_en,
        spec=r.spec,
        hs_code=r.hs_code or "",
        brand_name=r.brand_name,
        brand_type=r.brand_type,
        preference=r.preference,
        trade_unit=r.trade_unit,
        legal_first_unit=r.legal_first_unit or "",
        legal_second_unit=r.legal_second_unit or "",
        net_weight_kg=r.net_weight_kg,
        gross_weight_kg=r.gross_weight_kg,
        levy_rate=r.levy_rate,
        rebate_rate=r.rebate_rate,
        rates_overridden=bool(r.rates_overridden),
        purchase_price=r.purchase_price,
        supplier=r.supplier_name or "",
        active=bool(r.active),
        missing=missing_fields(r),
        updated_at=r.updated_at,
    )


def suppliers(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every supplier, for the filter bar."""
    return [
        (i, n)
        for i, n in session.execute(select(Supplier.id, Supplier.name).order_by(Supplier.name))
    ]


def sku_values(session: Session, sku_id: int) -> dict[str, Any] | None:
    """The editable fields of one SKU (catalogue.EDITABLE) as plain values, for an edit form."""
    sku = session.get(Sku, sku_id)
    if sku is None:
        return None
    return {name: getattr(sku, name) for name in EDITABLE}


def active_sku_choices(session: Session) -> list[tuple[int, str, str]]:
    """(id, code, Chinese name) of every active SKU, by code: for pickers."""
    query = select(Sku.id, Sku.code, Sku.name_cn).where(Sku.active.is_(True)).order_by(Sku.code)
    return [(r.id, r.code, r.name_cn) for r in session.execute(query)]
