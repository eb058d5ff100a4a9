"""Platform SKU mapping: (shop, platform SKU) → our SKU × quantity factor, suggested by rule.

Mapping a platform SKU applies at once to every order line already imported with it, in one
UPDATE, so the unmapped list shrinks as the user resolves it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, func, literal, select, type_coerce, update
from sqlalchemy.orm import Session

from desktop_app.core import audit, settings
from desktop_app.core.errors import BadInput
from desktop_app.core.models.catalogue import PlatformListing, Shop, Sku
from desktop_app.core.models.orders import Order, OrderLine
from desktop_app.core.services.fulfilment import fulfil_matching

RULES = ("mapped_elsewhere", "exact", "case_insensitive", "stripped", "multipack")
QUANTITY_SCALE = 10**5  # Quantity columns hold 10⁻⁵ units
# "X-2PK", "X 3PACK", "X_2PCS", "X*2", "X×3", "X x2": X in packs of n. A bare "P" or "x" is
# left out: "PC-IP15P" is an iPhone 15 Pro case and "BOX2" a box, not packs.
_MULTIPACK = (
    re.compile(r"^(?P<base>.+?)[\s_-]*(?P<n>\d{1,3})\s*(?:PK|PACK|PCS|件装|个装)$", re.I),
    re.compile(r"^(?P<base>.+?)\s*(?:[*×]|\s[xX]|[-_][xX])\s*(?P<n>\d{1,3})$"),
)
_line = OrderLine.__table__
_order = Order.__table__


@dataclass(frozen=True)
class Suggestion:
    """A SKU the platform SKU may be, and by which rule ('exact', 'stripped' …)."""

    sku_id: int
    sku_code: str
    sku_name: str
    quantity_factor: Decimal
    rule: str
    detail: str = ""


@dataclass(frozen=True)
class UnmappedRow:
    """A platform SKU of a shop that order lines carry but no SKU stands for yet."""

    shop_id: int
    shop_name: str
    platform: str
    platform_sku: str
    order_lines: int
    quantity: Decimal
    first_seen: dt.datetime | None
    last_seen: dt.datetime | None
    suggestion: Suggestion | None


@dataclass(frozen=True)
class Resolution:
    """One line of a bulk resolve: map this shop's platform SKU to this SKU."""

    shop_id: int
    platform_sku: str
    sku_id: int
    quantity_factor: Decimal = Decimal(1)


# ---------------------------------------------------------------- suggestions


def configured_affixes(session: Session) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The prefixes and suffixes the user set to strip ("AMZ-", "-FBA") from the settings."""

    def split(key: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in str(settings.get(session, key)).split(",") if p.strip())

    return split("mapping.strip_prefixes"), split("mapping.strip_suffixes")


def suggest(
    session: Session,
    shop_id: int,
    platform_sku: str,
    *,
    prefixes: Sequence[str] = (),
    suffixes: Sequence[str] = (),
) -> list[Suggestion]:
    """Likely SKUs for a platform SKU, the strongest rule first.

    Rules: the same platform SKU mapped in another shop of the platform; the SKU code exactly;
    ignoring case; with a configured prefix/suffix removed ("AMZ-", "-FBA"); a multipack
    ("X-2PK", "X*2" → X with factor 2).
    """
    candidates = _candidates(platform_sku, prefixes, suffixes)
    index = _SkuIndex.load(session, {c.lower() for c, *_ in candidates})
    found = _mapped_elsewhere(session, shop_id, platform_sku)
    for text, factor, rule, detail in candidates:
        for sku in index.find(text, exact_only=rule == "exact"):
            found.append(Suggestion(sku[0], sku[1], sku[2], factor, rule, detail))
    return _unique(found)


def _candidates(
    platform_sku: str, prefixes: Sequence[str], suffixes: Sequence[str]
) -> list[tuple[str, Decimal, str, str]]:
    """(text to look up, factor, rule, detail), strongest first."""
    text = platform_sku.strip()
    out = [(text, Decimal(1), "exact", ""), (text, Decimal(1), "case_insensitive", "")]
    stripped = _stripped(text, prefixes, suffixes)
    for variant, detail in stripped:
        out.append((variant, Decimal(1), "stripped", detail))
    for variant, detail in [(text, ""), *stripped]:
        for pattern in _MULTIPACK:
            match = pattern.match(variant)
            if match and int(match["n"]) > 1:
                pack = f"pack of {int(match['n'])}"
                note = f"{detail}; {pack}" if detail else pack
                out.append(
                    (match["base"].strip(" -_"), Decimal(int(match["n"])), "multipack", note)
                )
    return out


def _stripped(text: str, prefixes: Sequence[str], suffixes: Sequence[str]) -> list[tuple[str, str]]:
    """Every variant with one configured prefix and/or suffix removed (case-insensitive)."""
    heads = [("", text)] + [
        (p, text[len(p) :]) for p in prefixes if p and text.lower().startswith(p.lower())
    ]
    variants = []
    for prefix, rest in heads:
        tails = [("", rest)] + [
            (s, rest[: -len(s)]) for s in suffixes if s and rest.lower().endswith(s.lower())
        ]
        for suffix, core in tails:
            if (prefix or suffix) and core.strip():
                removed = " and ".join(f"removed {a!r}" for a in (prefix, suffix) if a)
                variants.append((core.strip(), removed))
    return variants


def _mapped_elsewhere(session: Session, shop_id: int, platform_sku: str) -> list[Suggestion]:
    """The mapping the same platform SKU has in the platform's other shops."""
    platform = select(Shop.platform).where(Shop.id == shop_id).scalar_subquery()
    query = (
        select(Sku.id, Sku.code, Sku.name_cn, PlatformListing.quantity_factor, Shop.name)
        .join(PlatformListing, PlatformListing.sku_id == Sku.id)
        .join(Shop, Shop.id == PlatformListing.shop_id)
        .where(
            PlatformListing.platform_sku == platform_sku.strip(),
            PlatformListing.shop_id != shop_id,
            Shop.platform == platform,
        )
        .order_by(PlatformListing.id)
    )
    return [
        Suggestion(sku_id, code, name, factor, "mapped_elsewhere", f"as in shop {shop}")
        for sku_id, code, name, factor, shop in session.execute(query)
    ]


def _unique(found: Iterable[Suggestion]) -> list[Suggestion]:
    seen: set[tuple[int, Decimal]] = set()
    out = []
    for s in found:
        if (s.sku_id, s.quantity_factor) not in seen:
            seen.add((s.sku_id, s.quantity_factor))
            out.append(s)
    return out


class _SkuIndex:
    """SKU (id, code, name) by lower-cased code: a few codes for one suggestion, all for many."""

    def __init__(self, rows: Iterable[tuple[int, str, str]]) -> None:
        self._by_lower: dict[str, list[tuple[int, str, str]]] = {}
        for row in rows:
            self._by_lower.setdefault(row[1].lower(), []).append(row)

    @classmethod
    def load(cls, session: Session, lowered: Collection[str] | None = None) -> _SkuIndex:
        query = select(Sku.id, Sku.code, Sku.name_cn).where(Sku.active.is_(True))
        if lowered is not None:
            query = query.where(func.lower(Sku.code).in_(sorted(lowered)))
        return cls(tuple(row) for row in session.execute(query))

    def find(self, text: str, exact_only: bool = False) -> list[tuple[int, str, str]]:
        rows = self._by_lower.get(text.lower(), [])
        return [r for r in rows if r[1] == text] if exact_only else rows


# ---------------------------------------------------------------- the unmapped list


def unmapped(
    session: Session,
    shop_id: int | None = None,
    *,
    prefixes: Sequence[str] = (),
    suffixes: Sequence[str] = (),
) -> list[UnmappedRow]:
    """Platform SKUs on order lines without a SKU, most order lines first, each with its
    best suggestion."""
    query = (
        select(
            Shop.id, Shop.name, Shop.platform, _line.c.platform_sku,
            func.count(), func.sum(type_coerce(_line.c.quantity, BigInteger)),
            func.min(_order.c.ordered_at), func.max(_order.c.ordered_at),
        )
        .select_from(_line)
        .join(_order, _order.c.id == _line.c.order_id)
        .join(Shop, Shop.id == _order.c.shop_id)
        .where(_line.c.sku_id.is_(None))
        .group_by(Shop.id, Shop.name, Shop.platform, _line.c.platform_sku)
        .order_by(func.count().desc(), Shop.name, _line.c.platform_sku)
    )  # fmt: skip
    if shop_id is not None:
        query = query.where(_order.c.shop_id == shop_id)
    rows = session.execute(query).all()
    index = _SkuIndex.load(session) if rows else _SkuIndex(())
    return [_unmapped_row(session, index, row, prefixes, suffixes) for row in rows]


def _unmapped_row(
    session: Session,
    index: _SkuIndex,
    row: Any,
    prefixes: Sequence[str],
    suffixes: Sequence[str],
) -> UnmappedRow:
    shop, name, platform, platform_sku, count, quantity, first, last = row
    found = _mapped_elsewhere(session, shop, platform_sku)
    for text, factor, rule, detail in _candidates(platform_sku, prefixes, suffixes):
        found += [
            Suggestion(s[0], s[1], s[2], factor, rule, detail)
            for s in index.find(text, exact_only=rule == "exact")
        ]
    return UnmappedRow(
        shop_id=shop,
        shop_name=name,
        platform=platform,
        platform_sku=platform_sku,
        order_lines=count,
        quantity=Decimal(int(quantity or 0)) / QUANTITY_SCALE,
        first_seen=first,
        last_seen=last,
        suggestion=found[0] if found else None,
    )


# ---------------------------------------------------------------- mapping


def map_platform_sku(
    session: Session,
    shop_id: int,
    platform_sku: str,
    sku_id: int,
    quantity_factor: Decimal = Decimal(1),
) -> PlatformListing:
    """Map a shop's platform SKU to a SKU, and apply it to the order lines already imported.

    A platform SKU stands for one SKU: mapping it to another one is a remap().
    """
    return _map(session, shop_id, platform_sku, sku_id, quantity_factor)[0]


def _map(
    session: Session, shop_id: int, platform_sku: str, sku_id: int, quantity_factor: Decimal
) -> tuple[PlatformListing, int]:
    platform_sku, factor = _check(session, shop_id, platform_sku, sku_id, quantity_factor)
    listings = _listings(session, shop_id, platform_sku)
    other = next((x for x in listings if x.sku_id != sku_id), None)
    if other is not None:
        raise BadInput(
            f"platform SKU {platform_sku!r} is already mapped to SKU {other.sku.code}; "
            "remap it to change the SKU"
        )
    listing = listings[0] if listings else PlatformListing(shop_id=shop_id, sku_id=sku_id)
    listing.platform_sku = platform_sku
    listing.quantity_factor = factor
    session.add(listing)
    session.flush()
    return listing, _apply(session, "map_platform_sku", listing)


def remap(
    session: Session,
    shop_id: int,
    platform_sku: str,
    sku_id: int,
    quantity_factor: Decimal = Decimal(1),
) -> PlatformListing:
    """Point a mapped platform SKU at another SKU (or factor); its order lines follow."""
    platform_sku, factor = _check(session, shop_id, platform_sku, sku_id, quantity_factor)
    listings = _listings(session, shop_id, platform_sku)
    keep = next((x for x in listings if x.sku_id == sku_id), listings[0] if listings else None)
    for listing in listings:
        if listing is not keep:
            session.delete(listing)
    session.flush()
    listing = keep or PlatformListing(shop_id=shop_id, platform_sku=platform_sku)
    listing.sku_id, listing.quantity_factor = sku_id, factor
    session.add(listing)
    session.flush()
    _apply(session, "remap_platform_sku", listing)
    return listing


def unmap(session: Session, shop_id: int, platform_sku: str) -> int:
    """Remove a platform SKU's mapping; its order lines become unmapped again. Returns how many."""
    platform_sku = platform_sku.strip()
    for listing in _listings(session, shop_id, platform_sku):
        session.delete(listing)
    session.flush()
    result = session.execute(
        update(_line).where(_lines_of(shop_id, platform_sku)).values(sku_id=None, sku_quantity=None)
    )
    after = {"shop_id": shop_id, "platform_sku": platform_sku, "order_lines": result.rowcount}
    audit.record(session, "unmap_platform_sku", "order_line", None, after=after)
    _restock(session, shop_id, platform_sku)
    return result.rowcount


def resolve_bulk(session: Session, items: Iterable[Resolution]) -> int:
    """Map many platform SKUs at once (from the unmapped list); returns the order lines updated.

    Any bad item raises BadInput; the caller's transaction then drops the whole batch.
    """
    return sum(
        _map(session, i.shop_id, i.platform_sku, i.sku_id, i.quantity_factor)[1] for i in items
    )


def _check(
    session: Session, shop_id: int, platform_sku: str, sku_id: int, factor: Decimal
) -> tuple[str, Decimal]:
    problems = []
    text = (platform_sku or "").strip()
    if not text or len(text) > 100:
        problems.append(f"platform SKU {platform_sku!r} must be 1 to 100 characters")
    if session.get(Shop, shop_id) is None:
        problems.append(f"no shop with id {shop_id}")
    if session.get(Sku, sku_id) is None:
        problems.append(f"no SKU with id {sku_id}")
    if isinstance(factor, float) or not isinstance(factor, Decimal | int):
        problems.append(f"quantity factor {factor!r} must be a Decimal")
    elif not 0 < factor <= 10**6 or Decimal(factor) % Decimal("0.00001"):
        problems.append(f"quantity factor {factor} must be above 0 with at most 5 decimals")
    if problems:
        raise BadInput("; ".join(problems))
    return text, Decimal(factor)


def _listings(session: Session, shop_id: int, platform_sku: str) -> list[PlatformListing]:
    query = select(PlatformListing).where(
        PlatformListing.shop_id == shop_id, PlatformListing.platform_sku == platform_sku
    )
    return list(session.execute(query.order_by(PlatformListing.id)).scalars())


def _lines_of(shop_id: int, platform_sku: str) -> Any:
    orders = select(_order.c.id).where(_order.c.shop_id == shop_id)
    return (_line.c.platform_sku == platform_sku) & _line.c.order_id.in_(orders)


def _apply(session: Session, action: str, listing: PlatformListing) -> int:
    """Set sku_id and sku_quantity = quantity × factor on the listing's order lines, in SQL."""
    quantity = type_coerce(_line.c.quantity, BigInteger)
    factor = listing.quantity_factor
    if factor == factor.to_integral_value():
        scaled = quantity * literal(int(factor), BigInteger)
    else:  # both are in 10⁻⁵ units: rescale, rounding half up (quantities are never negative)
        units = literal(int(factor * QUANTITY_SCALE), BigInteger)
        half, scale = literal(QUANTITY_SCALE // 2, BigInteger), literal(QUANTITY_SCALE, BigInteger)
        scaled = (quantity * units + half) // scale
    result = session.execute(
        update(_line)
        .where(_lines_of(listing.shop_id, listing.platform_sku))
        .values(sku_id=listing.sku_id, sku_quantity=type_coerce(scaled, BigInteger))
    )
    after = {
        "shop_id": listing.shop_id,
        "platform_sku": listing.platform_sku,
        "sku_id": listing.sku_id,
        "quantity_factor": factor,
        "order_lines": result.rowcount,
    }
    audit.record(session, action, "order_line", None, after=after)
    _restock(session, listing.shop_id, listing.platform_sku)
    return result.rowcount


def _restock(session: Session, shop_id: int, platform_sku: str) -> None:
    """Warehouse orders with these lines take (or correct) their stock as now mapped."""
    lines = select(_line.c.order_id).where(_line.c.platform_sku == platform_sku)
    fulfil_matching(session, Order.shop_id == shop_id, Order.id.in_(lines))


def unmapped_count(session: Session) -> int:
    """How many (shop, platform SKU) pairs still lack a SKU: one grouped count, no suggestions."""
    pairs = (
        select(Order.shop_id, OrderLine.platform_sku)
        .join(Order, Order.id == OrderLine.order_id)
        .where(OrderLine.sku_id.is_(None))
        .group_by(Order.shop_id, OrderLine.platform_sku)
        .subquery()
    )
    return int(session.execute(select(func.count()).select_from(pairs)).scalar_one())
