"""Declaration id lists, rows and details for the Declarations screen; the dialogs' choices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.services import declaration_life as life
from desktop_app.core.services import declaration_query as dq
from desktop_app.core.services import declarations
from desktop_app.core.services.declaration_query import OPEN, DeclarationFilters
from tests.unit import declaration_fixtures as fx

D = Decimal
NUMBER = "530420260040970934"


@pytest.fixture
def world(session):
    """A 9810 draft (FL-1), a cleared 9810 (FL-2) and a 9610 summary of two orders to MYS."""
    fx.setup(session)
    case = fx.sku(session, "CASE")
    lamp = fx.sku(session, "LAMP", name_cn="LED灯泡", hs_code="8539520000")
    first = fx.shipment(session, [(case, 100, "7.10")], ref="FL-1")
    second = fx.shipment(session, [(case, 50, "7.10"), (lamp, 10, "35.50")], ref="FL-2")
    [a] = declarations.draft_from_shipment(session, first.id, today=fx.TODAY)
    [b] = declarations.draft_from_shipment(session, second.id, today=fx.TODAY)
    life.clear(session, b.id, NUMBER, dt.date(2026, 11, 5), today=fx.TODAY)
    my = fx.shop(session)
    for _ in range(2):
        fx.order(session, my, [(case, 2, "20.00"), (lamp, 1, "15.50")])
    [c] = declarations.draft_from_orders(session, "9610", dt.date(2026, 10, 1),
                                         dt.date(2026, 10, 31), today=fx.TODAY)  # fmt: skip
    return {"draft": a, "cleared": b, "summary": c, "first": first, "second": second,
            "case": case}  # fmt: skip


def refs(session, ids):
    return [r.ref for r in dq.declaration_rows(session, ids)]


def test_newest_reference_first_and_sorting(session, world):
    a, b, c = world["draft"], world["cleared"], world["summary"]
    assert list(dq.declaration_ids(session)) == [c.id, b.id, a.id]
    assert list(dq.declaration_ids(session, sort=("lines", True))) == [a.id, b.id, c.id]
    by_total = dq.declaration_ids(session, sort=("total", False))
    assert list(by_total) == [b.id, a.id, c.id]  # USD 100.00 twice (ties by id), MYR 71.00
    assert list(dq.declaration_ids(session, limit=1)) == [c.id]
    with pytest.raises(ValueError, match="cannot sort"):
        dq.declaration_ids(session, sort=("problems", True))


def test_status_mode_and_search(session, world):
    a, b, c = world["draft"], world["cleared"], world["summary"]
    ids = lambda text="", **f: list(dq.declaration_ids(session, text, DeclarationFilters(**f)))  # noqa: E731
    assert ids(status=OPEN) == [c.id, a.id]
    assert ids(status="cleared") == [b.id]
    assert ids(mode="9810") == [b.id, a.id]
    assert ids(mode="9610", status="draft") == [c.id]
    assert ids(NUMBER[-6:]) == [b.id]  # the customs number
    assert ids(a.ref.lower()) == [a.id]
    assert ids("pacific gateway") == [b.id, a.id]  # the overseas consignee
    assert ids("pacific nobody") == []


def test_rows_carry_the_list_columns_and_count_open_problems(session, world):
    a, b, c = world["draft"], world["cleared"], world["summary"]
    rows = {r.id: r for r in dq.declaration_rows(session, [c.id, 999_999, b.id, a.id])}
    assert list(rows) == [c.id, b.id, a.id]  # gone ids left out, order kept
    assert dq.declaration_refs(session, [a.id, 999_999, c.id]) == [a.ref, c.ref]
    draft, cleared, summary = rows[a.id], rows[b.id], rows[c.id]
    assert (draft.mode, draft.status, draft.lines, draft.currency) == ("9810", "draft", 1, "USD")
    assert (draft.total, draft.destination, draft.customs_no) == (D("100.00"), "USA", None)
    assert draft.consignee == "Pacific Gateway Logistics Inc."
    assert draft.problems == 2 and draft.errors == 0  # the ports are only warnings
    assert draft.editable and not cleared.editable
    assert (cleared.customs_no, cleared.export_date) == (NUMBER, dt.date(2026, 11, 5))
    assert cleared.problems is None and cleared.errors is None  # not counted once cleared
    assert (summary.mode, summary.lines, summary.currency, summary.destination) == (
        "9610", 2, "MYR", "MYS")  # fmt: skip
    assert summary.total == D("71.00")  # two orders of 20.00 + 15.50
    assert summary.usd_fob is not None


def test_detail_has_fields_lines_problems_history_and_sources(session, world):
    a, c = world["draft"], world["summary"]
    life.update_declaration(session, a.id, {"packages": "0", "transport_name": "MATSON 12E"})
    detail = dq.declaration_detail(session, a.id, today=fx.TODAY)
    assert detail is not None
    assert detail.header["ref"] == a.ref and detail.header["supervision_mode"] == "9810"
    assert (detail.header["packages"], detail.header["transport_name"]) == (0, "MATSON 12E")
    assert [line["line_no"] for line in detail.lines] == [1]
    assert detail.lines[0]["hs_code"] == "3926909090"
    assert detail.lines[0]["trade_quantity"] == D(100)
    fields = {(p.field, p.line, p.severity) for p in detail.problems}
    assert ("packages", None, "error") in fields
    assert detail.row.errors == sum(1 for p in detail.problems if p.severity == "error")
    assert detail.sources == ["FL-1"] and detail.orders == 0
    assert [e.action for e in detail.history][:1] == ["insert"]
    assert any(e.after.get("transport_name") for e in detail.history if e.action == "update")
    summary = dq.declaration_detail(session, c.id)
    assert summary is not None and summary.orders == 2 and summary.sources == []
    assert dq.declaration_detail(session, 999_999) is None


def test_shipment_choices_are_shipped_and_undeclared(session, world):
    first, second = world["first"], world["second"]
    assert dq.shipment_choices(session) == []  # drafts (not shipped) and declared ones
    third = fx.shipment(session, [(world["case"], 10, "7.10")], ref="FL-3")
    third.status = "shipped"
    first.status = second.status = "received"
    session.flush()
    [choice] = dq.shipment_choices(session)
    assert (choice.ref, choice.status, choice.destination, choice.country) == (
        "FL-3", "shipped", "US-3PL", "USA")  # fmt: skip
    assert (choice.lines, choice.units, choice.ship_date) == (1, D(10), dt.date(2026, 11, 2))
    life.cancel(session, world["draft"].id)  # FL-1 may be declared again
    assert [s.ref for s in dq.shipment_choices(session)] == ["FL-3", "FL-1"]


def test_shops_and_code_names(session, world):
    assert [(p, n) for _i, p, n in dq.shop_choices(session)] == [("shopee", "Shopee MY")]
    names = dq.code_names(session, ["currencies", "units"])
    assert any(code == "USD" and cn for code, cn, _en in names["currencies"])
    assert any(code == "035" for code, _cn, _en in names["units"])
