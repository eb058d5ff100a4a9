"""A declaration's life: draft → filed → cleared (locked) → amended, with its history."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import DeclarationAmendment, DeclarationOrderLink, ExchangeRate
from desktop_app.core.services import declaration_life as life
from desktop_app.core.services import declarations
from desktop_app.core.services.declaration_life import Locked, MissingRate
from desktop_app.core.services.declarations import HeaderOptions
from tests.unit import declaration_fixtures as fx

D = Decimal
TODAY = fx.TODAY
NUMBER = "530420260040970934"
EXPORTED = dt.date(2026, 11, 5)


@pytest.fixture
def draft(session):
    """A 9810 draft in EUR: two lines of CNY 710.00 at 7.80 → EUR 91.03 each."""
    fx.setup(session)
    case = fx.sku(session, "CASE")
    lamp = fx.sku(session, "LAMP", name_cn="LED灯泡", hs_code="8539520000",
                  declaration_elements="1|0|用途:照明", legal_first_unit="007",
                  first_unit_factor=D(1), net_weight_kg=D("0.3"),
                  gross_weight_kg=D("0.5"))  # fmt: skip
    shipment = fx.shipment(session, [(case, 100, "7.10"), (lamp, 10, "71.00")])
    options = HeaderOptions(currency="EUR")
    [made] = declarations.draft_from_shipment(session, shipment.id, options=options, today=TODAY)
    return made


def _rate(session, currency, day, value):
    row = session.scalars(select(ExchangeRate).where(
        ExchangeRate.currency == currency, ExchangeRate.rate_date == day)).one()  # fmt: skip
    row.rate = D(value)
    session.flush()


def test_draft_filed_withdrawn_filed_and_cleared(session, draft):
    assert draft.total_amount == D("182.06")
    life.file_declaration(session, draft.id, today=TODAY)
    assert (draft.status, draft.declare_date) == ("filed", TODAY)
    with pytest.raises(Locked, match="is filed: withdraw it"):
        life.update_declaration(session, draft.id, {"transport_name": "COSCO"})
    life.withdraw(session, draft.id)
    life.update_declaration(session, draft.id, {"transport_name": "COSCO"})
    life.file_declaration(session, draft.id, today=TODAY)
    _rate(session, "EUR", EXPORTED, "8.000000")
    life.clear(session, draft.id, NUMBER, EXPORTED, today=TODAY)
    assert (draft.status, draft.customs_no, draft.export_date) == ("cleared", NUMBER, EXPORTED)
    # the USD FOB at the export day's rates: EUR 182.06 × 8.00 / 7.10
    assert draft.usd_fob == D("205.14")
    assert sum(line.usd_fob for line in draft.lines) == D("205.14")
    # clearing again with the same number and date is harmless
    assert life.clear(session, draft.id, NUMBER, EXPORTED, today=TODAY) is draft


def test_a_cleared_declaration_refuses_edits(session, draft):
    life.clear(session, draft.id, NUMBER, EXPORTED, today=TODAY)  # a draft is filed on the way
    assert draft.declare_date == TODAY
    for attempt in (
        lambda: life.update_declaration(session, draft.id, {"transport_name": "COSCO"}),
        lambda: life.update_declaration(session, draft.id, None, {1: {"amount": "1.00"}}),
        lambda: life.remove_lines(session, draft.id, {2}),
        lambda: life.cancel(session, draft.id),
    ):
        with pytest.raises(Locked, match=r"is cleared .* locked; record an amendment"):
            attempt()
    with pytest.raises(BadInput, match="only a filed one is withdrawn"):
        life.withdraw(session, draft.id)
    with pytest.raises(Locked):
        life.clear(session, draft.id, "530420260040970935", EXPORTED, today=TODAY)
    assert (draft.transport_name, draft.lines[0].amount, len(draft.lines)) == (
        "Matson CLX", D("91.03"), 2)  # fmt: skip


def test_an_amendment_keeps_before_and_after_and_the_declaration_stays_locked(session, draft):
    life.clear(session, draft.id, NUMBER, EXPORTED, today=TODAY)
    with pytest.raises(ValidationFailed, match="reason"):
        life.amend(session, draft.id, " ", {"transport_name": "COSCO"})
    with pytest.raises(BadInput, match="changes nothing"):
        life.amend(session, draft.id, "no change", {"transport_name": "Matson CLX"})
    reason = "改单: the broker typed the wrong vessel and price"
    changes = {"transport_name": "COSCO SHIPPING"}
    record = life.amend(session, draft.id, reason, changes, {1: {"amount": "100.00"}})
    assert draft.status == "amended"
    assert (draft.transport_name, draft.lines[0].amount, draft.total_amount) == (
        "COSCO SHIPPING", D("100.00"), D("191.03"))  # fmt: skip
    assert draft.lines[0].unit_price == D("1.0000")
    before, after = json.loads(record.before_json), json.loads(record.after_json)
    assert before == {"transport_name": "Matson CLX", "line 1.amount": "91.03",
                      "usd_fob": "200.01"}  # fmt: skip
    assert after == {"transport_name": "COSCO SHIPPING", "line 1.amount": "100.00",
                     "usd_fob": "209.86"}  # fmt: skip
    assert (record.actor, record.reason) == (
        "test",
        "改单: the broker typed the wrong vessel and price",
    )
    with pytest.raises(Locked, match="is amended"):
        life.update_declaration(session, draft.id, {"transport_name": "again"})
    entries = life.history(session, draft.id)
    assert entries[-1].action == "amendment" and entries[-1].reason.startswith("改单")
    statuses = [e.after.get("status") for e in entries if e.what == "declaration"]
    assert [s for s in statuses if s] == ["draft", "filed", "cleared", "amended"]
    assert session.scalars(select(DeclarationAmendment)).all() == [record]


def test_clearing_checks_the_number_the_date_and_the_rates(session, draft):
    with pytest.raises(ValidationFailed) as caught:
        life.clear(session, draft.id, "530420261040970934", TODAY + dt.timedelta(days=1),
                   today=TODAY)  # fmt: skip
    assert [str(p) for p in caught.value.problems] == [
        "customs_no = '530420261040970934': the 9th digit must be 0 for an export declaration "
        "(1 is an import)",
        "export_date = '2026-11-21': in the future",
    ]
    with pytest.raises(MissingRate, match=r"no EUR exchange rate .* for 2026-09-01"):
        life.clear(session, draft.id, NUMBER, dt.date(2026, 9, 1), today=TODAY)
    assert draft.customs_no is None or draft.status != "cleared"


def test_a_number_is_used_once(session, draft):
    life.clear(session, draft.id, NUMBER, EXPORTED, today=TODAY)
    other = _another(session)
    with pytest.raises(ValidationFailed, match=f"already the number of {draft.ref}"):
        life.clear(session, other.id, NUMBER, EXPORTED, today=TODAY)


def _another(session):
    shipment = fx.shipment(session, [(fx.sku(session, "OTHER"), 1, "7.10")], ref="FL-2")
    return declarations.draft_from_shipment(session, shipment.id, today=TODAY)[0]


def test_editing_a_draft_keeps_totals_and_prices_consistent(session, draft):
    life.update_declaration(session, draft.id, None, {1: {"amount": "120.00"}})
    case = draft.lines[0]
    assert (case.unit_price, draft.total_amount) == (D("1.2000"), D("211.03"))
    life.update_declaration(
        session, draft.id, None, {2: {"unit_price": "10", "trade_quantity": "12"}}
    )
    assert (draft.lines[1].amount, draft.total_amount) == (D("120.00"), D("240.00"))
    life.update_declaration(session, draft.id, {"currency": "usd", "trade_terms": "1"})
    assert {line.currency for line in draft.lines} == {"USD"} and draft.trade_terms == 1


def test_removing_lines_renumbers_them_and_frees_their_orders(session):
    fx.setup(session)
    case, lamp = fx.sku(session, "CASE"), fx.sku(session, "LAMP", name_cn="LED灯泡")
    my = fx.shop(session)
    fx.order(session, my, [(case, 1, "10.00"), (lamp, 1, "20.00")])
    october = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    [draft] = declarations.draft_from_orders(session, "9610", *october, today=TODAY)
    assert [line.name_cn for line in draft.lines] == ["LED灯泡", "手机保护壳"]
    life.remove_lines(session, draft.id, {1})
    assert [(line.line_no, line.name_cn) for line in draft.lines] == [(1, "手机保护壳")]
    assert draft.total_amount == D("10.00")
    assert len(session.scalars(select(DeclarationOrderLink)).all()) == 1
    [rest] = declarations.draft_from_orders(session, "9610", *october, today=TODAY)
    assert [line.name_cn for line in rest.lines] == ["LED灯泡"]


def test_counts_by_status_and_finding_by_reference_or_number(session, draft):
    assert life.counts_by_status(session) == {
        "draft": 1, "filed": 0, "cleared": 0, "amended": 0, "cancelled": 0}  # fmt: skip
    life.clear(session, draft.id, NUMBER, EXPORTED, today=TODAY)
    assert life.by_ref(session, NUMBER) is draft
    assert life.by_ref(session, draft.ref) is draft
    assert life.by_ref(session, str(draft.id)) is draft
    with pytest.raises(BadInput, match="no declaration 'BG-1'"):
        life.by_ref(session, "BG-1")
    assert life.counts_by_status(session)["cleared"] == 1
