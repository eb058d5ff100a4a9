"""Platform SKU mapping: suggestions by rule, the unmapped list, mapping applied retroactively."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from desktop_app.core.errors import BadInput
from desktop_app.core.models import AuditEvent, Order, OrderLine, PlatformListing, Shop, Sku
from desktop_app.core.services import mapping

UTC = dt.UTC


def _sku(session, code: str) -> Sku:
    sku = Sku(code=code, name_cn="手机保护壳", hs_code="3926909090")
    session.add(sku)
    session.flush()
    return sku


def _order(session, shop: Shop, order_id: str, day: int, *lines: tuple[str, str]) -> Order:
    order = Order(
        shop_id=shop.id,
        platform_order_id=order_id,
        status="shipped",
        ordered_at=dt.datetime(2026, 3, day, 8, 30, tzinfo=UTC),
        currency=shop.currency,
    )
    order.lines = [
        OrderLine(line_no=n, platform_sku=psku, quantity=Decimal(qty))
        for n, (psku, qty) in enumerate(lines, start=1)
    ]
    session.add(order)
    session.flush()
    return order


@pytest.fixture
def shop_data(session):
    us = Shop(platform="amazon", name="NUVELO US", site_country="USA", currency="USD")
    de = Shop(platform="amazon", name="NUVELO DE", site_country="DEU", currency="EUR")
    sg = Shop(platform="shopee", name="nuvelo.sg", site_country="SGP", currency="SGD")
    session.add_all([us, de, sg])
    session.flush()
    skus = {code: _sku(session, code) for code in ("PC-IP15-BLK", "PC-IP15P-CLR", "UC-C2C-1M")}
    _order(session, us, "113-0000001-0000001", 1, ("AMZ-PC-IP15-BLK", "1"), ("UC-C2C-1M-2PK", "3"))
    _order(session, us, "113-0000002-0000002", 5, ("AMZ-PC-IP15-BLK", "2"))
    _order(session, us, "113-0000003-0000003", 9, ("pc-ip15p-clr", "1"))
    _order(session, de, "302-0000004-0000004", 7, ("AMZ-PC-IP15-BLK", "4"))
    return session, {"us": us, "de": de, "sg": sg}, skus


AFFIXES = {"prefixes": ("AMZ-", "SP-"), "suffixes": ("-FBA",)}


def _rules(suggestions) -> list[tuple[str, str, Decimal]]:
    return [(s.sku_code, s.rule, s.quantity_factor) for s in suggestions]


def test_suggestions_by_rule(shop_data):
    session, shops, _ = shop_data
    us = shops["us"].id
    assert _rules(mapping.suggest(session, us, "PC-IP15-BLK")) == [("PC-IP15-BLK", "exact", 1)]
    assert _rules(mapping.suggest(session, us, "pc-ip15-blk")) == [
        ("PC-IP15-BLK", "case_insensitive", 1)
    ]
    stripped = mapping.suggest(session, us, "AMZ-PC-IP15-BLK-FBA", **AFFIXES)
    assert _rules(stripped) == [("PC-IP15-BLK", "stripped", 1)]
    assert stripped[0].detail == "removed 'AMZ-' and removed '-FBA'"
    assert _rules(mapping.suggest(session, us, "UC-C2C-1M-2PK")) == [("UC-C2C-1M", "multipack", 2)]
    assert _rules(mapping.suggest(session, us, "UC-C2C-1M*3")) == [("UC-C2C-1M", "multipack", 3)]
    both = mapping.suggest(session, us, "sp-uc-c2c-1m x 2", **AFFIXES)
    assert _rules(both) == [("UC-C2C-1M", "multipack", 2)]
    assert both[0].detail == "removed 'SP-'; pack of 2"
    assert mapping.suggest(session, us, "PC-IP15P") == [], "an iPhone 15 Pro is no 15-pack"
    assert mapping.suggest(session, us, "UNKNOWN-1") == []


def test_a_mapping_in_another_shop_of_the_platform_is_suggested_first(shop_data):
    session, shops, skus = shop_data
    mapping.map_platform_sku(session, shops["de"].id, "AMZ-PC-IP15-BLK", skus["PC-IP15-BLK"].id)
    found = mapping.suggest(session, shops["us"].id, "AMZ-PC-IP15-BLK", **AFFIXES)
    assert _rules(found) == [("PC-IP15-BLK", "mapped_elsewhere", 1)]
    assert found[0].detail == "as in shop NUVELO DE"
    assert mapping.suggest(session, shops["sg"].id, "AMZ-PC-IP15-BLK") == [], "other platform"


def test_mapping_applies_to_the_order_lines_already_imported(shop_data):
    session, shops, skus = shop_data
    sku = skus["PC-IP15-BLK"]
    listing = mapping.map_platform_sku(session, shops["us"].id, " AMZ-PC-IP15-BLK ", sku.id)
    assert (listing.platform_sku, listing.sku_id, listing.quantity_factor) == (
        "AMZ-PC-IP15-BLK",
        sku.id,
        Decimal(1),
    )
    session.expire_all()
    lines = session.scalars(select(OrderLine).where(OrderLine.platform_sku == "AMZ-PC-IP15-BLK"))
    by_shop = {(line.order.shop_id, line.quantity): line for line in lines}
    assert by_shop[(shops["us"].id, 1)].sku_id == sku.id
    assert by_shop[(shops["us"].id, 2)].sku_quantity == Decimal(2)
    de_line = by_shop[(shops["de"].id, 4)]
    assert de_line.sku_id is None and de_line.sku_quantity is None, "other shop untouched"
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "map_platform_sku")).one()
    assert '"order_lines": 2' in event.after_json


def test_a_multipack_factor_multiplies_the_quantity(shop_data):
    session, shops, skus = shop_data
    mapping.map_platform_sku(
        session, shops["us"].id, "UC-C2C-1M-2PK", skus["UC-C2C-1M"].id, Decimal(2)
    )
    session.expire_all()
    line = session.scalars(select(OrderLine).where(OrderLine.platform_sku == "UC-C2C-1M-2PK")).one()
    assert (line.quantity, line.sku_quantity) == (Decimal(3), Decimal(6))
    mapping.remap(
        session, shops["us"].id, "UC-C2C-1M-2PK", skus["UC-C2C-1M"].id, Decimal("0.33333")
    )
    session.expire_all()
    assert line.sku_quantity == Decimal("0.99999")
    stored = session.execute(text("SELECT typeof(sku_quantity) FROM order_line WHERE id = :id"),
                             {"id": line.id}).scalar_one()  # fmt: skip
    assert stored == "integer", "scaled quantities stay exact integers"


def test_remap_and_unmap(shop_data):
    session, shops, skus = shop_data
    us = shops["us"].id
    mapping.map_platform_sku(session, us, "pc-ip15p-clr", skus["PC-IP15-BLK"].id)
    with pytest.raises(BadInput, match="already mapped to SKU PC-IP15-BLK; remap"):
        mapping.map_platform_sku(session, us, "pc-ip15p-clr", skus["PC-IP15P-CLR"].id)
    mapping.remap(session, us, "pc-ip15p-clr", skus["PC-IP15P-CLR"].id)
    session.expire_all()
    line = session.scalars(select(OrderLine).where(OrderLine.platform_sku == "pc-ip15p-clr")).one()
    assert line.sku_id == skus["PC-IP15P-CLR"].id
    assert len(session.scalars(select(PlatformListing)).all()) == 1
    assert mapping.unmap(session, us, "pc-ip15p-clr") == 1
    session.expire_all()
    assert line.sku_id is None and line.sku_quantity is None
    assert session.scalars(select(PlatformListing)).all() == []


def test_unmapped_list_with_counts_dates_and_best_suggestion(shop_data):
    session, shops, _skus = shop_data
    rows = mapping.unmapped(session, **AFFIXES)
    assert [(r.shop_name, r.platform_sku, r.order_lines, r.quantity) for r in rows] == [
        ("NUVELO US", "AMZ-PC-IP15-BLK", 2, Decimal(3)),
        ("NUVELO DE", "AMZ-PC-IP15-BLK", 1, Decimal(4)),
        ("NUVELO US", "UC-C2C-1M-2PK", 1, Decimal(3)),
        ("NUVELO US", "pc-ip15p-clr", 1, Decimal(1)),
    ]
    first = rows[0]
    assert first.first_seen == dt.datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    assert first.last_seen == dt.datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
    assert first.suggestion is not None and first.suggestion.rule == "stripped"
    assert rows[2].suggestion.quantity_factor == 2
    assert rows[3].suggestion.rule == "case_insensitive"
    only_de = mapping.unmapped(session, shops["de"].id)
    assert [r.platform_sku for r in only_de] == ["AMZ-PC-IP15-BLK"]
    assert only_de[0].suggestion is None, "no affixes configured in this call"


def test_resolve_bulk_maps_every_item_and_the_list_empties(shop_data):
    session, shops, _skus = shop_data
    rows = mapping.unmapped(session, **AFFIXES)
    items = [
        mapping.Resolution(
            r.shop_id, r.platform_sku, r.suggestion.sku_id, r.suggestion.quantity_factor
        )
        for r in rows
    ]
    assert mapping.resolve_bulk(session, items) == 5
    assert mapping.unmapped(session) == []
    with pytest.raises(BadInput, match="no SKU with id 999"):
        mapping.resolve_bulk(session, [mapping.Resolution(shops["us"].id, "X", 999)])


@pytest.mark.parametrize(
    ("platform_sku", "factor", "message"),
    [
        ("", Decimal(1), "1 to 100 characters"),
        ("X", Decimal(0), "above 0"),
        ("X", Decimal("1.000001"), "at most 5 decimals"),
        ("X", 1.5, "must be a Decimal"),
    ],
)
def test_bad_mappings_are_refused(shop_data, platform_sku, factor, message):
    session, shops, skus = shop_data
    with pytest.raises(BadInput, match=message):
        mapping.map_platform_sku(
            session, shops["us"].id, platform_sku, skus["UC-C2C-1M"].id, factor
        )


def test_configured_affixes_come_from_the_settings(session):
    prefixes, suffixes = mapping.configured_affixes(session)
    assert "AMZ-" in prefixes and "-FBA" in suffixes
