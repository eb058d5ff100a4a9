"""Declaration drafts: 9810 from a shipment, 9610 summaries and 9710 / 0110 from orders,
line merging, legal quantities, splitting at 50 lines, currencies and the USD FOB."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import (
    Declaration,
    DeclarationLine,
    DeclarationOrderLink,
    DeclarationShipmentLink,
    OrderLine,
)
from desktop_app.core.models.declarations import MAX_LINES
from desktop_app.core.services import declaration_life, declarations
from desktop_app.core.services.declaration_life import MissingRate
from desktop_app.core.services.declarations import Charge, HeaderOptions, MergeKey, SourceLine
from desktop_app.core.services.shipments import CartonDraft
from tests.unit import declaration_fixtures as fx

D = Decimal
TODAY = fx.TODAY
OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def world(session):
    fx.setup(session)
    case_a = fx.sku(session, "CASE-A")
    case_b = fx.sku(session, "CASE-B")  # the same declaration fields: merges with CASE-A
    lamp = fx.sku(session, "LAMP", name_cn="LED灯泡", hs_code="8539520000",
                  declaration_elements="1|0|用途:照明|品牌:NUVELO", legal_first_unit="007",
                  first_unit_factor=D(1), legal_second_unit="035", second_unit_factor=D("0.3"),
                  net_weight_kg=D("0.3"), gross_weight_kg=D("0.5"))  # fmt: skip
    return {"case_a": case_a, "case_b": case_b, "lamp": lamp}


def _shipment(session, world, **kw):
    lines = [(world["case_a"], 100, "7.10"), (world["case_b"], 50, "14.20"),
             (world["lamp"], 10, "71.00")]  # fmt: skip
    return fx.shipment(session, lines, **kw)


# ---------------------------------------------------------------- 9810


def test_a_shipment_becomes_a_9810_draft_with_merged_lines(session, world):
    shipment = _shipment(session, world)
    [draft] = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    assert (draft.ref, draft.status, draft.supervision_mode, draft.source_kind) == (
        "BG-2026-0001", "draft", "9810", "shipment")  # fmt: skip
    assert (draft.consignor_code, draft.producer_code, draft.exit_customs) == (
        fx.USCC, fx.USCC, "5300")  # fmt: skip
    assert draft.consignor_name == "深圳市海拓跨境电子商务有限公司"
    assert (draft.transport_mode, draft.transport_name, draft.bill_no) == (
        "2", "Matson CLX", "MATS1234567")  # fmt: skip
    assert (draft.contract_no, draft.trade_country, draft.destination_country) == (
        "BK2611020001", "USA", "USA")  # fmt: skip
    assert draft.overseas_consignee == "Pacific Gateway Logistics Inc."
    assert "BK2611020001" in draft.marks_remarks and "FL-2026-0001" in draft.marks_remarks
    # 3 cartons of 20 kg; net 150 cases × 0.05 + 10 lamps × 0.3
    assert (draft.packages, draft.package_kind) == (3, "22")
    assert (draft.gross_weight_kg, draft.net_weight_kg) == (D("60.000"), D("10.500"))
    case, lamp = draft.lines
    # CNY 710.00 + 710.00 at 7.10 → USD 100.00 + 100.00, merged into one line
    assert (case.line_no, case.hs_code, case.trade_quantity, case.amount) == (
        1, "3926909090", D(150), D("200.00"))  # fmt: skip
    assert (case.first_quantity, case.first_unit, case.second_unit) == (D("7.5"), "035", None)
    assert (case.unit_price, case.currency, case.domestic_source) == (D("1.3333"), "USD", "44199")
    assert case.declaration_elements == "0|0|用途:手机保护|材质:TPU"
    assert (lamp.first_quantity, lamp.first_unit) == (D(10), "007")
    assert (lamp.second_quantity, lamp.second_unit) == (D("3"), "035")
    assert (lamp.amount, lamp.net_weight_kg, lamp.gross_weight_kg) == (D("100.00"), D(3), D(5))
    assert (draft.total_amount, draft.currency, draft.usd_fob) == (D("300.00"), "USD", D("300.00"))
    assert [line.usd_fob for line in draft.lines] == [D("200.00"), D("100.00")]
    link = session.scalars(select(DeclarationShipmentLink)).one()
    assert (link.declaration_id, link.shipment_id) == (draft.id, shipment.id)


def test_a_shipment_is_declared_once_until_its_declaration_is_cancelled(session, world):
    shipment = _shipment(session, world)
    [draft] = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    with pytest.raises(BadInput, match="already declared by BG-2026-0001"):
        declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    declaration_life.cancel(session, draft.id)
    [again] = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    assert again.ref == "BG-2026-0002"


def test_given_unit_prices_and_another_currency(session, world):
    shipment = _shipment(session, world)
    prices = {world["lamp"].id: D("12.5")}
    [draft] = declarations.draft_from_shipment(
        session, shipment.id, options=HeaderOptions(currency="EUR"), unit_prices=prices,
        today=TODAY,
    )  # fmt: skip
    case, lamp = draft.lines
    assert lamp.amount == D("125.00")
    # CNY 710.00 at 7.80 each → 91.03 twice
    assert (case.amount, draft.currency, draft.total_amount) == (D("182.06"), "EUR", D("307.06"))
    # EUR 307.06 × 7.80 / 7.10 → USD 337.33
    assert draft.usd_fob == D("337.33")


def test_sixty_kinds_of_goods_make_two_declarations_of_50_and_10_lines(session):
    fx.setup(session)
    skus = [fx.sku(session, f"SKU-{i:02d}", name_cn=f"商品{i:02d}", net_weight_kg=D("0.01"),
                   gross_weight_kg=D("0.02")) for i in range(60)]  # fmt: skip
    lines = [(s, i + 1, "3.55") for i, s in enumerate(skus)]
    cartons = [CartonDraft("1-6", "50", "40", "30", "10", carton_count=6)]
    shipment = fx.shipment(session, lines, cartons=cartons)
    first, second = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    assert (len(first.lines), len(second.lines)) == (MAX_LINES, 10)
    assert [line.line_no for line in first.lines] == list(range(1, 51))
    assert [line.line_no for line in second.lines] == list(range(1, 11))
    assert (first.ref, second.ref) == ("BG-2026-0001", "BG-2026-0002")
    # every SKU's CNY 3.55 × quantity at 7.10 is exactly half a dollar per unit
    assert first.total_amount + second.total_amount == D("915.00")
    assert first.packages + second.packages == 6
    assert first.gross_weight_kg + second.gross_weight_kg == D("60.000")
    for declaration in (first, second):
        assert declaration.net_weight_kg <= declaration.gross_weight_kg
        assert declaration.total_amount == sum(line.amount for line in declaration.lines)
    assert _count(session, DeclarationShipmentLink) == 2


def test_cartons_lighter_than_the_goods_are_refused_and_nothing_is_written(session, world):
    cartons = [CartonDraft("1", "10", "10", "10", "1")]
    shipment = _shipment(session, world, cartons=cartons)
    with pytest.raises(ValidationFailed, match=r"gross_weight_kg.*less than the goods' 10\.500"):
        declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    assert _count(session, Declaration) == 0


def test_a_sku_without_declaration_fields_is_named(session, world):
    world["lamp"].hs_code = None
    world["case_a"].legal_first_unit = None
    shipment = _shipment(session, world)
    with pytest.raises(ValidationFailed) as caught:
        declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["SKU CASE-A: legal_first_unit", "SKU LAMP: hs_code"]
    assert _count(session, Declaration) == 0


def test_a_missing_rate_names_the_currency_and_the_day(session):
    fx.setup(session, rates=False)
    shipment = fx.shipment(session, [(fx.sku(session, "X"), 1, "7.10")])
    with pytest.raises(MissingRate, match=r"no USD exchange rate .* for 2026-11-02"):
        declarations.draft_from_shipment(session, shipment.id, today=TODAY)


def test_the_fx_policy_picks_the_export_day_or_the_first_of_the_month(session):
    fx.setup(session, rates=False, policy="first_of_month")
    fx.add_rates(session, dt.date(2026, 10, 28), dt.date(2026, 10, 30), USD="7.200000")
    fx.add_rates(session, dt.date(2026, 11, 2), dt.date(2026, 11, 30), USD="7.000000")
    shipment = fx.shipment(session, [(fx.sku(session, "X"), 100, "7.20")])
    [draft] = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    # 1 November has no parity (a Sunday here): the one in force is 30 October's, 7.20
    assert draft.total_amount == D("100.00")
    session.get(type(fx.company.get_profile(session)), 1).fx_rate_policy = "export_day"
    declaration_life.cancel(session, draft.id)
    [draft] = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    assert draft.total_amount == D("102.86")  # CNY 720 at the export day's 7.00


def test_cif_terms_take_freight_and_insurance_off_the_usd_fob(session, world):
    shipment = _shipment(session, world)
    options = HeaderOptions(trade_terms=1, freight=Charge(D("10.00")),
                            insurance=Charge(D("0.3"), mark=1))  # fmt: skip
    [draft] = declarations.draft_from_shipment(session, shipment.id, options=options,
                                               today=TODAY)  # fmt: skip
    assert (draft.trade_terms, draft.freight, draft.freight_mark) == (1, D("10.00"), 3)
    assert (draft.insurance, draft.insurance_mark, draft.charges_currency) == (D("0.30"), 1, "USD")
    # 300.00 − 10.00 freight − 0.3 % insurance (0.90)
    assert draft.usd_fob == D("289.10")
    assert sum(line.usd_fob for line in draft.lines) == D("289.10")


# ---------------------------------------------------------------- 9610


@pytest.fixture
def orders(session, world):
    my = fx.shop(session)
    ae = fx.shop(session, "AliExpress", "aliexpress", "USD", "")
    o1_lines = [(world["case_a"], 2, "20.00", "1.00"), (world["lamp"], 1, "35.50")]
    made = {
        "o1": fx.order(session, my, o1_lines),
        "o2": fx.order(session, my, [(world["case_b"], 3, "30.30")]),
        "o3": fx.order(session, ae, [(world["case_a"], 1, "5.99")], country="USA"),
        "cancelled": fx.order(session, my, [(world["case_a"], 1, "9.99")], status="cancelled"),
        "november": fx.order(
            session,
            my,
            [(world["case_a"], 1, "9.99")],
            shipped=dt.datetime(2026, 10, 31, 16, 30, tzinfo=dt.UTC),
        ),
        "9810": fx.order(session, my, [(world["case_a"], 1, "9.99")], mode="9810"),
        # 1 October 01:30 in China
        "o7": fx.order(
            session,
            my,
            [(world["case_a"], 1, "9.99")],
            shipped=dt.datetime(2026, 9, 30, 17, 30, tzinfo=dt.UTC),
        ),
    }
    return made


def _links(session, line):
    query = select(DeclarationOrderLink.order_line_id, DeclarationOrderLink.quantity).where(
        DeclarationOrderLink.declaration_line_id == line.id
    )
    return dict(session.execute(query).all())


def test_a_month_of_b2c_orders_is_summarised_per_country_and_currency(session, world, orders):
    drafts = declarations.draft_from_orders(session, "9610", *OCTOBER, today=TODAY)
    by_country = {d.destination_country: d for d in drafts}
    assert set(by_country) == {"MYS", "USA"}
    my = by_country["MYS"]
    assert (my.supervision_mode, my.source_kind, my.currency, my.trade_country) == (
        "9610", "orders_9610", "MYR", "MYS")  # fmt: skip
    assert (my.period_from, my.period_to, my.transport_mode) == (*OCTOBER, "5")
    assert my.overseas_consignee == "Shopee MY" and my.shop_id == orders["o1"].shop_id
    assert my.packages == 3  # o1, o2 and o7: one parcel each
    case, lamp = my.lines
    # 19.00 (20.00 less 1.00 discount) + 30.30 + 9.99
    assert (case.trade_quantity, case.amount, case.first_quantity) == (D(6), D("59.29"), D("0.3"))
    assert (lamp.trade_quantity, lamp.amount) == (D(1), D("35.50"))
    assert my.total_amount == D("94.79")
    assert my.usd_fob == D("21.36")  # MYR 94.79 × 1.60 / 7.10
    o1, o2, o7 = orders["o1"].lines, orders["o2"].lines, orders["o7"].lines
    assert _links(session, case) == {o1[0].id: D(2), o2[0].id: D(3), o7[0].id: D(1)}
    assert _links(session, lamp) == {o1[1].id: D(1)}
    us = by_country["USA"]
    assert (us.currency, us.total_amount, us.usd_fob, us.packages) == (
        "USD", D("5.99"), D("5.99"), 1)  # fmt: skip


def test_declared_orders_are_not_declared_again_until_cancelled(session, world, orders):
    drafts = declarations.draft_from_orders(session, "9610", *OCTOBER, today=TODAY)
    with pytest.raises(BadInput, match="no undeclared 9610 orders shipped from 2026-10-01"):
        declarations.draft_from_orders(session, "9610", *OCTOBER, today=TODAY)
    [my] = [d for d in drafts if d.currency == "MYR"]
    declaration_life.cancel(session, my.id)
    [again] = declarations.draft_from_orders(session, "9610", *OCTOBER, today=TODAY)
    assert (again.currency, again.total_amount) == ("MYR", D("94.79"))


def test_one_shop_only(session, world, orders):
    [only] = declarations.draft_from_orders(
        session, "9610", *OCTOBER, shop_id=orders["o3"].shop_id, today=TODAY
    )
    assert (only.destination_country, only.total_amount) == ("USA", D("5.99"))


def test_unmapped_lines_stop_the_draft_or_are_left_out_when_asked(session, world):
    my = fx.shop(session)
    bad = fx.order(session, my, [(world["case_a"], 1, "10.00"), (None, 1, "5.00")])
    fx.order(session, my, [(world["lamp"], 2, "50.00")])
    with pytest.raises(ValidationFailed, match=f"order {bad.platform_order_id} line 2: sku"):
        declarations.draft_from_orders(session, "9610", *OCTOBER, today=TODAY)
    assert _count(session, Declaration) == 0
    warnings: list[str] = []
    [draft] = declarations.draft_from_orders(session, "9610", *OCTOBER, today=TODAY,
                                             skip_unready=True, warnings=warnings)  # fmt: skip
    assert warnings == [f"left out: order {bad.platform_order_id} line 2: sku: "
                        "not mapped to a SKU yet"]  # fmt: skip
    assert draft.total_amount == D("60.00")
    assert _count(session, DeclarationOrderLink) == 2


def test_bad_modes_and_periods_are_refused(session, world):
    with pytest.raises(BadInput, match="mode '9810'"):
        declarations.draft_from_orders(session, "9810", *OCTOBER)
    with pytest.raises(BadInput, match="ends"):
        declarations.draft_from_orders(session, "9610", OCTOBER[1], OCTOBER[0])


# ---------------------------------------------------------------- 9710 and 0110


def test_b2b_orders_get_one_declaration_each_in_their_currency(session, world):
    b2b = fx.shop(session, "Alibaba.com", "offline", "USD", "")
    first = fx.order(session, b2b, [(world["case_a"], 1000, "1200.00")], mode="9710",
                     country="DEU", currency="EUR")  # fmt: skip
    second = fx.order(session, b2b, [(world["lamp"], 200, "900.00")], mode="9710", country="USA")
    drafts = declarations.draft_from_orders(session, "9710", *OCTOBER, today=TODAY)
    by_contract = {d.contract_no: d for d in drafts}
    assert set(by_contract) == {first.platform_order_id, second.platform_order_id}
    eur = by_contract[first.platform_order_id]
    assert (eur.supervision_mode, eur.source_kind, eur.currency, eur.total_amount) == (
        "9710", "b2b_order", "EUR", D("1200.00"))  # fmt: skip
    assert (eur.destination_country, eur.packages, eur.lines[0].first_quantity) == (
        "DEU", 1, D(50))  # fmt: skip
    assert eur.usd_fob == D("1318.31")  # EUR 1200 × 7.80 / 7.10


def test_a_general_trade_sale_is_drafted_from_its_order(session, world):
    offline = fx.shop(session, "Direct sales", "offline", "USD", "")
    sale = fx.order(session, offline, [(world["lamp"], 500, "1500.00")], mode="0110",
                    country="USA")  # fmt: skip
    fx.order(session, offline, [(world["lamp"], 5, "15.00")], mode="0110", country="USA")
    [draft] = declarations.draft_from_order(session, sale.id, today=TODAY)
    assert (draft.supervision_mode, draft.source_kind, draft.contract_no) == (
        "0110", "general_trade", sale.platform_order_id)  # fmt: skip
    assert (draft.total_amount, draft.lines[0].second_quantity) == (D("1500.00"), D(150))


# ---------------------------------------------------------------- merging, exactly


def test_merging_keeps_lines_apart_when_any_part_of_the_key_differs():
    base = MergeKey("3926909090", "手机壳", "0|0|TPU", "007", "035", None, "CHN", "USA", "44199")
    variants = [base, *(base.__class__(**{**base.__dict__, name: value}) for name, value in (
        ("hs_code", "3926909099"), ("name_cn", "保护壳"), ("elements", "0|0|PC"),
        ("trade_unit", "011"), ("origin", "VNM"), ("destination", "DEU"),
        ("domestic_source", "44031"), ("second_unit", "007"),
    ))]  # fmt: skip
    sources = [SourceLine(k, 1, D(1), D("1.00"), D(1), D(1)) for k in variants * 2]
    merged = declarations.merge_lines(sources)
    assert len(merged) == len(variants)
    assert all(m.quantity == 2 and m.amount == D("2.00") for m in merged)


keys = st.builds(
    MergeKey, hs_code=st.sampled_from(["3926909090", "8539520000"]),
    name_cn=st.sampled_from(["壳", "灯"]), elements=st.just("0|0"), trade_unit=st.just("007"),
    first_unit=st.just("035"), second_unit=st.none(), origin=st.just("CHN"),
    destination=st.sampled_from(["USA", "MYS"]), domestic_source=st.just("44199"),
)  # fmt: skip
sources = st.builds(
    SourceLine, key=keys, sku_id=st.integers(1, 4),
    quantity=st.decimals(min_value=D("0.00001"), max_value=D(10**6), places=5),
    amount=st.decimals(min_value=D(0), max_value=D(10**8), places=2),
    first_factor=st.decimals(min_value=D("0.00001"), max_value=D(100), places=5),
)  # fmt: skip


@given(st.lists(sources, max_size=200))
def test_merged_lines_add_up_to_their_sources_to_the_fen(items):
    merged = declarations.merge_lines(items)
    assert sum((m.amount for m in merged), D(0)) == sum((s.amount for s in items), D(0))
    assert sum(len(m.sources) for m in merged) == len(items)
    for line in merged:
        assert line.amount == sum((s.amount for s in line.sources), D(0))
        assert line.quantity == sum((s.quantity for s in line.sources), D(0))
        assert all(s.key == line.key for s in line.sources)
    chunks = declarations.split(merged)
    assert [len(c) for c in chunks[:-1]] == [MAX_LINES] * (len(chunks) - 1)
    assert sum(len(c) for c in chunks) == len(merged)


order_lines = st.lists(
    st.tuples(st.integers(0, 2), st.integers(1, 9), st.integers(0, 500_00), st.integers(0, 3),
              st.sampled_from(["MYS", "SGP"])),
    min_size=1, max_size=30,
)  # fmt: skip


def _goods(session, query):
    """What the buyers paid for the goods of these order lines (the declared value)."""
    return sum((line.amount - line.discount for line in session.scalars(query)), D(0))


SLOW = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW)
@given(lines=order_lines)
def test_9610_totals_equal_the_source_orders_to_the_fen(db, lines):
    with db.sessions() as session:
        session.info["actor"] = "test"
        with session.begin() as transaction:
            fx.setup(session)
            skus = [fx.sku(session, f"P{i}", name_cn=f"品{i % 2}") for i in range(3)]
            my = fx.shop(session)
            for which, quantity, cents, discount, country in lines:
                amount = D(cents).scaleb(-2)
                fx.order(session, my, [(skus[which], quantity, amount, min(D(discount), amount))],
                         country=country)  # fmt: skip
            drafts = declarations.draft_from_orders(session, "9610", *OCTOBER, today=TODAY)
            assert sum(d.total_amount for d in drafts) == _goods(session, select(OrderLine))
            for draft in drafts:
                assert draft.total_amount == sum(line.amount for line in draft.lines)
                for line in draft.lines:
                    behind = (
                        select(OrderLine)
                        .join(
                            DeclarationOrderLink, DeclarationOrderLink.order_line_id == OrderLine.id
                        )
                        .where(DeclarationOrderLink.declaration_line_id == line.id)
                    )
                    assert _goods(session, behind) == line.amount
            assert _count(session, DeclarationLine) == sum(len(d.lines) for d in drafts)
            transaction.rollback()
