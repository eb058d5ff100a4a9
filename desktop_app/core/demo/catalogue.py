"""The demo company, suppliers, SKUs, warehouses, shops and platform listings (via the ORM)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.demo import products, shops
from desktop_app.core.demo.products import Family
from desktop_app.core.models import (
    CompanyProfile,
    PlatformListing,
    Shop,
    Sku,
    Supplier,
    Warehouse,
)
from desktop_app.core.validate import USCC_ALPHABET, uscc_check_char

# Rough shelf-price conversion from US dollars (EU prices include VAT, hence EUR ≈ USD).
PRICE_PER_USD = {
    "USD": Decimal(1),
    "EUR": Decimal(1),
    "GBP": Decimal("0.85"),
    "JPY": Decimal(150),
    "MYR": Decimal("4.4"),
    "SGD": Decimal("1.35"),
    "PHP": Decimal(57),
}
MULTIPACK_FAMILIES = frozenset({"LB", "UC", "SO", "HA", "PT", "SK"})
UNMAPPED_PER_SHOP = 3


@dataclass(frozen=True)
class Offer:
    """What a buyer can order in one shop: a platform SKU, its price and our SKU (if mapped)."""

    platform_sku: str
    sku_id: int | None
    factor: int  # our units per platform unit (multipacks)
    price_minor: int  # unit price in cents of the shop currency (JPY: multiples of 100)
    title: str
    weight: float  # relative popularity


@dataclass
class Catalogue:
    """What the order generator needs to know about the demo catalogue, by database id."""

    warehouses: dict[str, int] = field(default_factory=dict)  # code → id
    shops: list[tuple[int, shops.ShopDef]] = field(default_factory=list)
    offers: dict[int, list[Offer]] = field(default_factory=dict)  # shop id → offers
    skus: int = 0
    suppliers: int = 0
    listings: int = 0


@dataclass(frozen=True)
class _Item:
    """One SKU with the facts its listings need."""

    sku: Sku
    family: Family
    title_words: tuple[str, str]  # model, colour in English
    retail_usd: Decimal
    brand: str


def build(session: Session, seed: int, today: dt.date) -> Catalogue:
    rng = random.Random(seed * 7 + 1)
    catalogue = Catalogue()
    write_company(session, today)
    suppliers = write_suppliers(session, rng)
    catalogue.suppliers = sum(len(group) for group in suppliers.values())
    catalogue.warehouses = write_warehouses(session)
    items = write_skus(session, rng, suppliers)
    catalogue.skus = len(items)
    for definition in shops.SHOPS:
        shop = write_shop(session, definition, catalogue.warehouses)
        catalogue.shops.append((shop.id, definition))
        offers = write_listings(session, rng, shop, definition, items)
        catalogue.listings += sum(1 for o in offers if o.sku_id is not None)
        catalogue.offers[shop.id] = offers
    return catalogue


def write_company(session: Session, today: dt.date) -> None:
    """Fill the company profile unless the user already filled it in."""
    profile = session.get(CompanyProfile, 1) or CompanyProfile(id=1, name_cn="")
    if profile.name_cn:
        return
    first17 = "91440300" + org_code("MA5GRK8T")
    values = {
        "name_cn": "深圳市海拓跨境电子商务有限公司",
        "name_en": "Shenzhen Haituo Cross-border E-commerce Co., Ltd.",
        "uscc": first17 + uscc_check_char(first17),
        "customs_code": "4403160ABT",
        "taxpayer_type": "trading",
        "fx_rate_policy": "export_day",
        "fx_policy_since": today.replace(year=today.year - 1, day=1),
        "pilot_zone_registered": True,
        "pilot_zone_name": "中国(深圳)跨境电子商务综合试验区",
        "address_cn": "深圳市龙岗区坂田街道雪岗北路2018号天安云谷2栋B座1606",
        "address_en": "Room 1606, Block B, Building 2, Tian'an Cloud Park, Bantian, Longgang, "
        "Shenzhen, China",
        "phone": "0755-2882 6173",
        "declarant_name": "李晓梅",
        "declarant_cert_no": "44030082617",
        "customs_district": "5300",
        "domestic_source_region": "44031",
        "rebate_department": "1",
    }
    for name, value in values.items():
        setattr(profile, name, value)
    session.add(profile)


def org_code(body: str) -> str:
    """An 8-character organisation code body plus its GB 11714 check character."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(ch, 36) * w for ch, w in zip(body, weights, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(rng: random.Random, region: str) -> str:
    body = "MA5" + "".join(rng.choice(USCC_ALPHABET) for _ in range(5))
    first17 = "91" + region + org_code(body)
    return first17 + uscc_check_char(first17)


def write_suppliers(session: Session, rng: random.Random) -> dict[str, list[Supplier]]:
    """Suppliers by product category."""
    people = (
        "陈志强",
        "林晓燕",
        "黄伟",
        "张丽华",
        "刘建国",
        "吴婷",
        "王海涛",
        "郑美玲",
        "李俊",
        "周敏",
    )
    by_category: dict[str, list[Supplier]] = {}
    for n, (name, category, region, _source, address) in enumerate(products.SUPPLIERS):
        supplier = Supplier(
            name=name,
            tax_id=make_uscc(rng, region),
            contact=people[n % len(people)],
            phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
            address=address,
            small_scale=name in products.SMALL_SCALE,
            active=True,
        )
        session.add(supplier)
        by_category.setdefault(category, []).append(supplier)
    session.flush()
    return by_category


def write_warehouses(session: Session) -> dict[str, int]:
    """The demo warehouses; one the user already made under the same code is reused."""
    ids = {}
    for w in shops.WAREHOUSES:
        row = session.scalar(select(Warehouse).where(Warehouse.code == w.code))
        if row is None:
            row = Warehouse(
                code=w.code,
                name=w.name,
                kind=w.kind,
                country=w.country,
                currency=w.currency,
                provider=w.provider,
                address=w.address,
            )
            session.add(row)
            session.flush()
        ids[w.code] = row.id
    return ids


def write_shop(session: Session, d: shops.ShopDef, warehouses: dict[str, int]) -> Shop:
    """The demo shop; one the user already made is reused if it sells in the same currency."""
    name = d.name
    shop = session.scalar(select(Shop).where(Shop.platform == d.platform, Shop.name == name))
    if shop is not None and shop.currency != d.currency:
        name = f"{d.name} (demo)"
        shop = session.scalar(select(Shop).where(Shop.platform == d.platform, Shop.name == name))
    if shop is None:
        shop = Shop(
            platform=d.platform,
            name=name,
            site_country=d.country,
            currency=d.currency,
            default_warehouse_id=warehouses[d.warehouse],
            active=True,
        )
        session.add(shop)
        session.flush()
    return shop


def write_skus(
    session: Session, rng: random.Random, suppliers: dict[str, list[Supplier]]
) -> list[_Item]:
    items = []
    for family in products.FAMILIES:
        variants = [(m, c) for m in range(len(family.models)) for c in range(len(family.colours))]
        chosen = sorted(rng.sample(variants, family.skus))
        makers = suppliers[family.category]
        for m, c in chosen:
            items.append(_make_sku(rng, family, m, c, makers[m % len(makers)]))
    session.add_all(item.sku for item in items)
    session.flush()
    return items


def _make_sku(rng: random.Random, f: Family, m: int, c: int, supplier: Supplier) -> _Item:
    model, colour = f.models[m], f.colours[c]
    brand_type, brand = f.brands[m % len(f.brands)]
    preference = rng.choices((0, 2, 1), (80, 15, 5))[0]
    material = f.materials[m % len(f.materials)]
    position = Decimal(rng.randrange(1001)) / 1000  # where in the family's price range
    cost = _between(f.cost_cny, position).quantize(Decimal("0.10"))
    net_g = round(
        f.net_g[0] + (f.net_g[1] - f.net_g[0]) * (0.4 * float(position) + 0.6 * rng.random())
    )
    gross_g = net_g + net_g * rng.randrange(8, 21) // 100 + rng.randrange(10, 41)
    net, gross = Decimal(net_g) / 1000, Decimal(gross_g) / 1000
    elements = f.elements.format(
        material=material, brand=brand or "无", model=model[1], code=f"{model[0]}-{colour[0]}"
    )
    sku = Sku(
        code=f"{f.code}-{model[0]}-{colour[0]}",
        name_cn=f.name_cn,
        name_en=f"{f.name_en} {model[2]} {colour[2]}",
        spec=f"{model[1]} {colour[1]} {material}",
        hs_code=f.hs_code,
        declaration_elements=f"{brand_type}|{preference}|{elements}",
        brand_name=brand,
        brand_type=brand_type,
        preference=preference,
        legal_first_unit=f.first_unit,
        legal_second_unit=f.second_unit,
        trade_unit=f.trade_unit,
        first_unit_factor=net if f.first_unit == "035" else Decimal(1),
        second_unit_factor=net if f.second_unit == "035" else None,
        origin_country="CHN",
        domestic_source=_source_of(supplier),
        net_weight_kg=net,
        gross_weight_kg=gross,
        length_cm=_size(rng, f.box_cm[0]),
        width_cm=_size(rng, f.box_cm[1]),
        height_cm=_size(rng, f.box_cm[2]),
        levy_rate=Decimal("13.00"),
        rebate_rate=Decimal(f.rebate),
        rates_overridden=False,
        purchase_price=cost,
        supplier_id=supplier.id,
        active=True,
        notes="",
    )
    retail = f.retail_usd[0] + (f.retail_usd[1] - f.retail_usd[0]) * position
    return _Item(sku, f, (model[2], colour[2]), retail, brand)


def _between(bounds: tuple[str, str], position: Decimal) -> Decimal:
    low, high = Decimal(bounds[0]), Decimal(bounds[1])
    return low + (high - low) * position


def _size(rng: random.Random, typical: int) -> Decimal:
    return (Decimal(typical) * rng.randrange(85, 121) / 100).quantize(Decimal("0.1"))


def _source_of(supplier: Supplier) -> str:
    return next(s[3] for s in products.SUPPLIERS if s[0] == supplier.name)


def write_listings(
    session: Session, rng: random.Random, shop: Shop, d: shops.ShopDef, items: list[_Item]
) -> list[Offer]:
    """Listings for a share of the catalogue (some as multipacks) plus a few unmapped SKUs."""
    listed = sorted(rng.sample(range(len(items)), len(items) * d.listed_pct // 100))
    offers, rows = [], []
    for rank, index in enumerate(_shuffled(rng, listed)):
        item = items[index]
        popularity = 1.0 / (rank + 2) ** 0.85
        packs = [1]
        if item.family.code in MULTIPACK_FAMILIES and rng.random() < 0.3:
            packs.append(rng.choice((2, 3)))
        for pack in packs:
            offer, row = _listing(rng, shop, d, item, pack, popularity / pack)
            offers.append(offer)
            rows.append(row)
    session.add_all(rows)
    session.flush()
    offers.extend(_unmapped(rng, d, offers))
    return offers


def _shuffled(rng: random.Random, values: list[int]) -> list[int]:
    values = list(values)
    rng.shuffle(values)
    return values


def _listing(
    rng: random.Random, shop: Shop, d: shops.ShopDef, item: _Item, pack: int, weight: float
) -> tuple[Offer, PlatformListing]:
    sku = item.sku
    platform_sku = _platform_sku(rng, d, sku.code)
    names = {"ja": item.family.name_ja, "de": item.family.name_de}
    name = names.get(d.language, item.family.name_en)
    title = f"{item.brand + ' ' if item.brand else ''}{name} {' '.join(item.title_words)}"
    if pack > 1:
        platform_sku, title = f"{platform_sku}-{pack}PK", f"{title} ({pack}-Pack)"
    bundle = Decimal(1) if pack == 1 else Decimal("0.88")  # multipacks sell a little cheaper
    price = shelf_price(item.retail_usd * d.price_pct / 100 * pack * bundle, d.currency)
    asin = _asin(sku.code, pack) if d.platform == "amazon" else ""
    row = PlatformListing(
        shop_id=shop.id,
        platform_sku=platform_sku,
        sku_id=sku.id,
        quantity_factor=Decimal(pack),
        asin=asin,
        title=title,
    )
    return Offer(platform_sku, sku.id, pack, price, title, weight), row


def _platform_sku(rng: random.Random, d: shops.ShopDef, code: str) -> str:
    """Sellers name platform SKUs their own way; mapping them back is the app's job."""
    if d.name == "Amazon US":
        return f"AMZ-{code}" if rng.random() < 0.6 else code
    if d.platform == "amazon":
        return f"{d.country[:2]}-{code}"
    if d.platform == "shopee":
        return code.lower() if d.country == "PHL" else code
    if d.platform == "aliexpress":
        return f"{code}-AE"
    return code


def _asin(code: str, pack: int) -> str:
    """A stable ASIN per product and pack (the same across Amazon marketplaces)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    x = int.from_bytes(f"{code}/{pack}".encode(), "big") * 2_654_435_761 % len(alphabet) ** 8
    return "B0" + "".join(alphabet[x // len(alphabet) ** i % len(alphabet)] for i in range(8))


def _unmapped(rng: random.Random, d: shops.ShopDef, offers: list[Offer]) -> list[Offer]:
    """New versions listed on the platform but never mapped to a SKU: lines get sku_id NULL."""
    total = sum(o.weight for o in offers)
    extra = []
    for n, base in enumerate(rng.sample(offers, min(UNMAPPED_PER_SHOP, len(offers)))):
        sku = f"{base.platform_sku}-V{n + 2}"
        title = f"{base.title} (New Version)"
        extra.append(Offer(sku, None, 1, base.price_minor, title, total * 0.005))
    return extra


def shelf_price(usd: Decimal, currency: str) -> int:
    """A shelf price in cents, ending the way shoppers there expect (¥2,980, ₱299, RM12.90)."""
    value = usd * PRICE_PER_USD[currency]
    if currency == "JPY":
        return max(480, int((value / 100).to_integral_value(ROUND_CEILING)) * 100 - 20) * 100
    if currency == "PHP":
        return max(49, int((value / 10).to_integral_value(ROUND_CEILING)) * 10 - 1) * 100
    whole = int(value.to_integral_value(ROUND_FLOOR if currency == "MYR" else ROUND_CEILING))
    if currency == "MYR":
        return max(1, whole) * 100 + 90
    return max(1, whole) * 100 - 1
