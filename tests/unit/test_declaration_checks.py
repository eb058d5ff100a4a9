"""Declaration checks: every field against the code tables and DOMAIN.md §8, each problem naming
its field (and line) with the reason; filing refuses errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core.errors import ValidationFailed
from desktop_app.core.models import DeclarationLine, RateLibraryEntry, RateLibraryVersion
from desktop_app.core.services import declaration_checks, declaration_life, declarations
from desktop_app.core.services.declaration_checks import ERROR, WARNING, check_declaration
from tests.unit import declaration_fixtures as fx

D = Decimal
TODAY = fx.TODAY


@pytest.fixture
def draft(session):
    fx.setup(session)
    case = fx.sku(session, "CASE")
    lamp = fx.sku(session, "LAMP", name_cn="LED灯泡", hs_code="8539520000",
                  declaration_elements="1|0|用途:照明", legal_first_unit="007",
                  first_unit_factor=D(1), net_weight_kg=D("0.3"),
                  gross_weight_kg=D("0.5"))  # fmt: skip
    shipment = fx.shipment(session, [(case, 150, "7.10"), (lamp, 10, "71.00")])
    [made] = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    return made


def _found(session, declaration):
    return {(p.line, p.field, p.severity) for p in check_declaration(session, declaration,
                                                                      today=TODAY)}  # fmt: skip


def test_a_draft_from_good_data_has_no_errors_only_the_ports_to_fill_in(session, draft):
    problems = check_declaration(session, draft, today=TODAY)
    assert declaration_checks.errors(problems) == []
    assert {(p.field, p.severity) for p in problems} == {
        ("destination_port", WARNING), ("departure_port", WARNING)}  # fmt: skip


def test_header_fields_are_checked_against_the_code_tables_and_formats(session, draft):
    draft.consignor_code = fx.USCC[:-1] + "X"
    draft.producer_code = "12345"
    draft.overseas_consignee = " "
    draft.transport_mode = "Q"
    draft.trade_country = "XXX"
    draft.levy_nature = "123"
    draft.package_kind = "42"  # only fuller package tables have it (DOMAIN.md §2.2 ⚠)
    draft.packages = 0
    draft.exit_customs = "53A0"
    draft.export_date = TODAY + dt.timedelta(days=1)
    found = _found(session, draft)
    for field in ("consignor_code", "producer_code", "overseas_consignee", "transport_mode",
                  "trade_country", "levy_nature", "package_kind", "packages", "exit_customs",
                  "export_date"):  # fmt: skip
        assert (None, field, ERROR) in found, field
    texts = [str(p) for p in check_declaration(session, draft, today=TODAY)]
    assert "consignor_code = '91440300MA5GRK8T0X': check character should be W, not X" in texts
    assert "transport_mode = 'Q': not in the code table 运输方式" in texts


def test_terms_need_their_charges_and_totals_must_add_up(session, draft):
    draft.trade_terms = 1  # CIF: the price includes freight and insurance
    draft.total_amount = D("1.00")
    found = _found(session, draft)
    assert {(None, "freight", ERROR), (None, "insurance", ERROR)} <= found
    assert (None, "total_amount", ERROR) in found
    draft.trade_terms, draft.freight, draft.freight_mark = 3, D("5.00"), None
    found = _found(session, draft)
    assert {(None, "freight", WARNING), (None, "freight_mark", ERROR)} <= found


def test_line_fields_are_checked_and_named_by_their_line(session, draft):
    case, lamp = draft.lines
    case.hs_code = "39269090AB"
    case.first_unit = "999"
    case.declaration_elements = "无品牌|TPU"
    case.amount = D("250.00")  # not 1.3333 × 150
    lamp.domestic_source = ""
    lamp.currency = "EUR"
    lamp.destination_country = "ZZX"
    found = _found(session, draft)
    for line, field in ((1, "hs_code"), (1, "first_unit"), (1, "declaration_elements"),
                        (1, "amount"), (2, "domestic_source"), (2, "currency"),
                        (2, "destination_country")):  # fmt: skip
        assert (line, field, ERROR) in found, (line, field)
    texts = [str(p) for p in check_declaration(session, draft, today=TODAY)]
    assert "line 1, hs_code = '39269090AB': must be exactly 10 digits" in texts
    assert ("line 1, declaration_elements = '无品牌|TPU': the first element must be the brand "
            "type 0–4 (品牌类型)") in texts  # fmt: skip


def test_more_than_50_lines_and_gaps_in_the_numbering(session, draft):
    draft.lines[1].line_no = 5
    assert (5, "line_no", ERROR) in _found(session, draft)
    draft.lines[1].line_no = 2
    template = draft.lines[0]
    for number in range(3, 53):  # unsaved: the database itself refuses a 51st line
        draft.lines.append(DeclarationLine(**{
            c.key: getattr(template, c.key) for c in DeclarationLine.__table__.columns
            if c.key not in ("id", "declaration_id")} | {"line_no": number}))  # fmt: skip
    assert (None, "lines", ERROR) in _found(session, draft)
    draft.lines = draft.lines[:2]


def test_a_cleared_declaration_needs_its_number_and_the_number_its_customs(session, draft):
    draft.status = "cleared"
    found = _found(session, draft)
    assert {(None, "customs_no", ERROR), (None, "export_date", ERROR)} <= found
    draft.customs_no, draft.export_date = "220020260040970934", dt.date(2026, 11, 3)
    assert (None, "customs_no", WARNING) in _found(session, draft)  # not 5300's number


def test_codes_outside_the_rate_library_warn_that_there_is_no_rebate(session, draft):
    version = RateLibraryVersion(version="2026A", active=True, row_count=1)
    session.add(version)
    session.flush()
    session.add(RateLibraryEntry(version_id=version.id, code="3926909090", name="其他塑料制品",
                                 unit="千克", levy_rates="13", rebate_rate=D(13),
                                 start_date=dt.date(2020, 1, 1)))  # fmt: skip
    session.flush()
    found = _found(session, draft)
    assert (2, "hs_code", WARNING) in found and (1, "hs_code", WARNING) not in found


def test_values_that_cannot_be_stored_are_refused_on_editing_all_at_once(session, draft):
    with pytest.raises(ValidationFailed) as caught:
        declaration_life.update_declaration(
            session, draft.id,
            {"packages": "many", "gross_weight_kg": "1.2345", "transport_name": "x" * 61,
             "ref": "MINE", "net_weight_kg": "100", "trade_terms": 9},
            {1: {"hs_code": "3926", "first_quantity": "0"}, 9: {"amount": "1"}},
        )  # fmt: skip
    assert sorted(p.field for p in caught.value.problems) == [
        "gross_weight_kg", "line 1: first_quantity", "line 1: hs_code", "line_no",
        "net_weight_kg", "packages", "ref", "trade_terms", "transport_name",
    ]  # fmt: skip
    assert draft.packages == 3 and draft.lines[0].hs_code == "3926909090"


def test_filing_refuses_a_draft_with_errors_and_names_them(session, draft):
    draft.overseas_consignee = ""
    draft.lines[0].domestic_source = ""
    with pytest.raises(ValidationFailed) as caught:
        declaration_life.file_declaration(session, draft.id, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "overseas_consignee: required",
        "line 1, domestic_source = '': a 5-character domestic region code (境内货源地)",
    ]
    assert (draft.status, draft.declare_date) == ("draft", None)
