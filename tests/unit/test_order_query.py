"""Order id lists, rows and details for the lazy Orders table: filters, search, sorting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop_app.core import demo
from desktop_app.core.models import Order, OrderLine
from desktop_app.core.services import order_query as oq
from desktop_app.core.services.id_lists import next_prefix
from tests.unit import order_fixtures as fx


@pytest.fixture
def orders(session):
    """Two shops, five orders with known attributes; returns {platform order id: Order}."""
    us = fx.shop(session, "amazon", "Amazon US")
    my = fx.shop(session, "shopee", "Shopee MY", "MYS")
    mapped = fx.sku(session, "SKU-1")
    made = [
        fx.order(session, us, "111-0000001-0000001", hours=0, total="30.00",
                 lines=[("A-1", mapped), ("A-2", None)]),
        fx.order(session, us, "111-0000001-0000002", hours=5, status="cancelled", total=None,
                 lines=[("A-1", mapped)]),
        fx.order(session, us, "112-0000009-0000001", hours=30, fulfilment="platform",
                 channel="AFN", total="12.50", lines=[("A-1", mapped)]),
        fx.order(session, my, "250301ABCDEF12", hours=2, currency="MYR", country="MYS",
                 total="99.00"),
        fx.order(session, my, "250302XYZ_%0001", hours=50, currency="MYR", country="SGP",
                 total="1.00", lines=[("B-1", mapped), ("B-2", mapped), ("B-3", mapped)]),
    ]  # fmt: skip
    return {o.platform_order_id: o for o in made}


def platform_ids(session, ids):
    return [r.order_id for r in oq.order_rows(session, ids)]


def test_newest_first_by_default(session, orders):
    ids = oq.order_ids(session)
    assert platform_ids(session, ids) == [
        "250302XYZ_%0001",
        "112-0000009-0000001",
        "111-0000001-0000002",
        "250301ABCDEF12",
        "111-0000001-0000001",
    ]


@pytest.mark.parametrize("key", sorted(oq.SORT_COLUMNS))
@pytest.mark.parametrize("ascending", [True, False])
def test_every_sort_is_stable_and_a_first_page_is_its_start(session, orders, key, ascending):
    whole = list(oq.order_ids(session, sort=(key, ascending)))
    assert sorted(whole) == sorted(o.id for o in orders.values())
    assert list(oq.order_ids(session, sort=(key, ascending), limit=3)) == whole[:3]


def test_sorting_by_a_value(session, orders):
    by_total = platform_ids(session, oq.order_ids(session, sort=("lines", False)))
    assert by_total[0] == "250302XYZ_%0001"  # three lines
    by_shop = oq.order_rows(session, oq.order_ids(session, sort=("shop", True)))
    assert [r.shop for r in by_shop] == ["Amazon US"] * 3 + ["Shopee MY"] * 2


def test_unknown_sort_column_is_refused(session, orders):
    with pytest.raises(ValueError, match="cannot sort"):
        oq.order_ids(session, sort=("price; DROP TABLE", True))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (oq.OrderFilters(platform="shopee"), {"250301ABCDEF12", "250302XYZ_%0001"}),
        (oq.OrderFilters(status="cancelled"), {"111-0000001-0000002"}),
        (oq.OrderFilters(currency="MYR", ship_country="SGP"), {"250302XYZ_%0001"}),
        (oq.OrderFilters(fulfilment="platform"), {"112-0000009-0000001"}),
        (oq.OrderFilters(unmapped_only=True), {"111-0000001-0000001", "250301ABCDEF12"}),
        (
            oq.OrderFilters(
                ordered_from=fx.T0 + dt.timedelta(hours=2),
                ordered_before=fx.T0 + dt.timedelta(hours=30),
            ),
            {"250301ABCDEF12", "111-0000001-0000002"},
        ),
    ],
)
def test_filters(session, orders, filters, expected):
    assert set(platform_ids(session, oq.order_ids(session, filters=filters))) == expected


def test_filter_by_shop_and_by_customs_mode(session, orders):
    shop_id = orders["250301ABCDEF12"].shop_id
    found = platform_ids(session, oq.order_ids(session, filters=oq.OrderFilters(shop_id=shop_id)))
    assert set(found) == {"250301ABCDEF12", "250302XYZ_%0001"}
    orders["250301ABCDEF12"].customs_mode = "9610"
    session.flush()
    routed = oq.order_ids(session, filters=oq.OrderFilters(customs_mode="9610"))
    assert platform_ids(session, routed) == ["250301ABCDEF12"]
    unrouted = oq.order_ids(session, filters=oq.OrderFilters(customs_mode=oq.NOT_ROUTED))
    assert len(unrouted) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("111-0000001-0000002", {"111-0000001-0000002"}),
        ("111-0000001", {"111-0000001-0000001", "111-0000001-0000002"}),
        ("  112-0000009-0000001 ", {"112-0000009-0000001"}),
        ("250301abc", {"250301ABCDEF12"}),  # typed in lower case
        ("250302XYZ_%", {"250302XYZ_%0001"}),  # LIKE wildcards are plain characters
        ("250302XYZ%", set()),
        ("111-0000001-0000001, 250301ABCDEF12", {"111-0000001-0000001", "250301ABCDEF12"}),
        ("999", set()),
    ],
)
def test_search_by_order_id_prefix(session, orders, text, expected):
    assert set(platform_ids(session, oq.order_ids(session, text))) == expected


def test_search_respects_the_filters(session, orders):
    shopee = oq.OrderFilters(platform="shopee")
    assert len(oq.order_ids(session, "111", shopee)) == 0
    assert len(oq.order_ids(session, "2503", shopee)) == 2
    cancelled = oq.OrderFilters(status="cancelled")
    assert platform_ids(session, oq.order_ids(session, "111", cancelled)) == ["111-0000001-0000002"]


def test_search_terms_split_pasted_columns():
    assert oq.search_terms(" a\tb\nc, d;a ") == ["a", "b", "c", "d"]
    assert oq.search_terms("   ") == []
    assert len(oq.search_terms(" ".join(str(n) for n in range(500)))) == oq.MAX_SEARCH_TERMS


def test_next_prefix():
    assert next_prefix("111-") == "111."
    assert next_prefix("a\U0010ffff") > "a\U0010ffff" + "zzz"


def test_rows_keep_the_order_asked_and_skip_missing_ids(session, orders):
    a, b = orders["250302XYZ_%0001"], orders["111-0000001-0000001"]
    rows = oq.order_rows(session, [b.id, 999_999, a.id])
    assert [r.id for r in rows] == [b.id, a.id]
    first = rows[0]
    assert (first.lines, first.unmapped, first.total) == (2, 1, Decimal("30.00"))
    assert (first.platform, first.shop, first.currency) == ("amazon", "Amazon US", "USD")
    assert rows[1].lines == 3 and rows[1].unmapped == 0
    assert first.ordered_at.tzinfo is not None
    assert oq.order_rows(session, []) == []


def test_rows_in_pages(session, orders):
    ids = list(oq.order_ids(session)) * 300  # more than one IN (…) page
    assert len(oq.order_rows(session, ids)) == len(ids)


def test_detail_lists_the_lines(session, orders):
    order = orders["111-0000001-0000001"]
    detail = oq.order_detail(session, order.id)
    assert detail is not None
    assert detail.row.order_id == "111-0000001-0000001"
    assert [(ln.line_no, ln.platform_sku, ln.sku_code, ln.mapped) for ln in detail.lines] == [
        (1, "A-1", "SKU-1", True),
        (2, "A-2", "", False),
    ]
    assert detail.lines[0].sku_name == "商品SKU-1"
    assert oq.order_detail(session, 999_999) is None


def test_choices_are_what_the_orders_hold(session, orders):
    choices = oq.order_choices(session)
    assert choices.platforms == ["amazon", "shopee"]
    assert [name for _id, _platform, name in choices.shops] == ["Amazon US", "Shopee MY"]
    assert choices.currencies == ["MYR", "USD"]
    assert choices.countries == ["MYS", "SGP", "USA"]
    assert choices.customs_modes == []
    assert choices.warehouses == []


def test_demo_data_agrees_with_the_orm(db):
    demo.generate(db, orders=400, seed=7)
    with db.sessions() as session:
        ids = list(oq.order_ids(session))
        expected = session.execute(
            select(Order.id).order_by(Order.ordered_at.desc(), Order.id.desc())
        ).scalars()
        assert ids == list(expected)
        unmapped = set(oq.order_ids(session, filters=oq.OrderFilters(unmapped_only=True)))
        orm = set(
            session.execute(select(OrderLine.order_id).where(OrderLine.sku_id.is_(None))).scalars()
        )
        assert unmapped == orm
        some = session.get(Order, ids[17])
        assert oq.order_ids(session, some.platform_order_id)[0] == some.id
