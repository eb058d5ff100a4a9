"""SKU id lists and rows for the lazy Catalogue table: search as you type, filters, sorting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import insert

from desktop_app.core.models import Sku, Supplier
from desktop_app.core.services import sku_query as sq


@pytest.fixture
def skus(session):
    acme = Supplier(name="义乌市恒达日用品厂")
    beta = Supplier(name="Beta Textiles")
    session.add_all([acme, beta])
    session.flush()
    made = [
        Sku(code="MUG-001", name_cn="陶瓷马克杯", name_en="Ceramic mug", hs_code="6912001000",
            declaration_elements="0|0|陶瓷|家用", legal_first_unit="035",
            net_weight_kg=Decimal("0.3"), gross_weight_kg=Decimal("0.4"), supplier_id=acme.id,
            levy_rate=Decimal(13), rebate_rate=Decimal(13), brand_type=0),
        Sku(code="MUG-002", name_cn="玻璃杯", name_en="Glass cup", hs_code="7013370000",
            supplier_id=acme.id, rates_overridden=True, brand_type=2),
        Sku(code="TEE-RED-L", name_cn="棉质T恤", name_en="Cotton T-shirt", hs_code=None,
            supplier_id=beta.id, active=False, brand_type=4),
        Sku(code="tee_blue_m", name_cn="棉质T恤 蓝", name_en="Cotton tee 100%", hs_code="",
            brand_type=0),
    ]  # fmt: skip
    session.add_all(made)
    session.flush()
    return {s.code: s for s in made}


def codes(session, ids):
    return [r.code for r in sq.sku_rows(session, ids)]


def test_by_code_by_default(session, skus):
    assert codes(session, sq.sku_ids(session)) == ["MUG-001", "MUG-002", "TEE-RED-L", "tee_blue_m"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mug", {"MUG-001", "MUG-002"}),  # code and English name, any case
        ("马克杯", {"MUG-001"}),
        ("6912", {"MUG-001"}),  # HS code
        ("cotton red", {"TEE-RED-L"}),  # every word, in any field
        ("100%", {"tee_blue_m"}),  # % is a plain character
        ("tee_", {"tee_blue_m"}),  # so is _
        ("", {"MUG-001", "MUG-002", "TEE-RED-L", "tee_blue_m"}),
        ("nothing-like-it", set()),
    ],
)
def test_search(session, skus, text, expected):
    assert set(codes(session, sq.sku_ids(session, text))) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (sq.SkuFilters(active=False), {"TEE-RED-L"}),
        (sq.SkuFilters(has_hs_code=True), {"MUG-001", "MUG-002"}),
        (sq.SkuFilters(has_hs_code=False), {"TEE-RED-L", "tee_blue_m"}),
        (sq.SkuFilters(brand_type=0), {"MUG-001", "tee_blue_m"}),
        (sq.SkuFilters(rates_overridden=True), {"MUG-002"}),
        (sq.SkuFilters(missing_declaration=True), {"MUG-002", "TEE-RED-L", "tee_blue_m"}),
        (sq.SkuFilters(active=True, has_hs_code=True, brand_type=2), {"MUG-002"}),
    ],
)
def test_filters(session, skus, filters, expected):
    assert set(codes(session, sq.sku_ids(session, filters=filters))) == expected


def test_filter_by_supplier(session, skus):
    supplier_id = skus["TEE-RED-L"].supplier_id
    found = sq.sku_ids(session, filters=sq.SkuFilters(supplier_id=supplier_id))
    assert codes(session, found) == ["TEE-RED-L"]


@pytest.mark.parametrize("key", sorted(sq.SORT_COLUMNS))
@pytest.mark.parametrize("ascending", [True, False])
def test_every_sort_is_stable_and_a_first_page_is_its_start(session, skus, key, ascending):
    whole = list(sq.sku_ids(session, sort=(key, ascending)))
    assert len(whole) == 4
    assert list(sq.sku_ids(session, sort=(key, ascending), limit=2)) == whole[:2]


def test_sort_by_supplier_name(session, skus):
    found = codes(session, sq.sku_ids(session, sort=("supplier", False)))
    assert found[:3] == ["MUG-002", "MUG-001", "TEE-RED-L"]  # 义… after Beta; ties newest first
    with pytest.raises(ValueError):
        sq.sku_ids(session, sort=("nope", True))


def test_rows(session, skus):
    mug, tee = skus["MUG-001"], skus["TEE-RED-L"]
    rows = sq.sku_rows(session, [tee.id, 424242, mug.id])
    assert [r.code for r in rows] == ["TEE-RED-L", "MUG-001"]
    assert rows[1].supplier == "义乌市恒达日用品厂"
    assert rows[1].levy_rate == Decimal("13.00") and rows[1].missing == ()
    assert rows[0].missing == (
        "hs_code",
        "declaration_elements",
        "legal_first_unit",
        "net_weight_kg",
        "gross_weight_kg",
    )
    assert rows[0].hs_code == "" and not rows[0].active


def test_suppliers(session, skus):
    assert [name for _id, name in sq.suppliers(session)] == ["Beta Textiles", "义乌市恒达日用品厂"]


def test_a_hundred_thousand_skus_are_searched_quickly(db):
    import time

    with db.transaction("test") as session:
        session.execute(
            insert(Sku),
            [{"code": f"SKU-{n:06d}", "name_cn": f"商品{n}", "hs_code": f"{n % 97:02d}12001000"}
             for n in range(100_000)],
        )  # fmt: skip
    with db.sessions() as session:
        started = time.perf_counter()
        found = sq.sku_ids(session, "SKU-0999")
        first = sq.sku_ids(session, limit=200)
        sq.sku_rows(session, first)
        elapsed = time.perf_counter() - started
    assert len(found) == 100 and len(first) == 200
    assert elapsed < 1.0  # typically 0.1 s; generous for a busy test machine


def test_values_for_the_edit_form(session, skus):
    values = sq.sku_values(session, skus["MUG-001"].id)
    assert values is not None
    assert values["code"] == "MUG-001" and values["net_weight_kg"] == Decimal("0.300")
    assert values["supplier_id"] == skus["MUG-002"].supplier_id
    assert "id" not in values and "created_at" not in values
    assert sq.sku_values(session, 424242) is None
