"""The broker's list of cleared declarations: customs numbers and export dates, all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook

from desktop_app.core.importers.common import ImportRejected
from desktop_app.core.models import ImportRun
from desktop_app.core.services import declaration_life as life
from desktop_app.core.services import declarations
from desktop_app.core.services.declaration_import import import_declarations
from tests.unit import declaration_fixtures as fx

D = Decimal
TODAY = fx.TODAY
N1, N2, N3 = "530420260040970934", "530420260040970935", "530420260040970936"


@pytest.fixture
def drafts(session):
    """A filed 9810 declaration and two 9610 drafts (Malaysia in MYR, the USA in USD)."""
    fx.setup(session)
    case = fx.sku(session, "CASE")
    shipment = fx.shipment(session, [(case, 100, "7.10")])
    [filed] = declarations.draft_from_shipment(session, shipment.id, today=TODAY)
    life.file_declaration(session, filed.id, today=TODAY)
    my, ae = fx.shop(session), fx.shop(session, "AliExpress", "aliexpress", "USD", "")
    fx.order(session, my, [(case, 2, "20.00")])
    fx.order(session, ae, [(case, 1, "5.99")], country="USA")
    october = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    summaries = declarations.draft_from_orders(session, "9610", *october, today=TODAY)
    by_country = {d.destination_country: d for d in summaries}
    return filed, by_country["MYS"], by_country["USA"]


def _xlsx(path, rows, header=("单据编号", "海关编号", "出口日期", "申报日期")):
    book = Workbook()
    sheet = book.active
    sheet.append(["报关单放行清单 深圳某某报关行 2026年11月"])  # a title above the header
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_the_broker_list_clears_filed_declarations_and_drafts(session, drafts, tmp_path):
    filed, my, us = drafts
    path = _xlsx(tmp_path / "放行清单.xlsx", [
        (filed.ref, N1, dt.datetime(2026, 11, 3), dt.datetime(2026, 11, 2)),
        (my.ref, N2, "2026-11-04", "2026-11-04"),
    ])  # fmt: skip
    summary = import_declarations(session, path, today=TODAY)
    assert (summary.rows, summary.updated, summary.skipped, summary.errors) == (2, 2, 0, [])
    assert summary.details == {"cleared": [filed.ref, my.ref]}
    assert (filed.status, filed.customs_no, filed.export_date) == (
        "cleared", N1, dt.date(2026, 11, 3))  # fmt: skip
    # the draft was filed on the way, with the broker's declare date
    assert (my.status, my.customs_no, my.declare_date) == ("cleared", N2, dt.date(2026, 11, 4))
    assert my.usd_fob == D("4.51")  # MYR 20.00 × 1.60 / 7.10
    assert us.status == "draft"
    again = import_declarations(session, path, today=TODAY)
    assert (again.updated, again.skipped) == (0, 2)
    assert session.query(ImportRun).filter_by(kind="declarations").count() == 2


def test_one_bad_row_and_nothing_is_cleared(session, drafts, tmp_path):
    filed, my, us = drafts
    path = _xlsx(tmp_path / "list.xlsx", [
        (filed.ref, N1, "2026-11-03", ""),
        ("BG-2026-0999", N2, "2026-11-03", ""),
        (my.ref, "530420261040970934", "2026-11-03", ""),
        (us.ref, N3, "2026-12-01", ""),
        (filed.ref, N3, "2026-11-03", ""),
    ])  # fmt: skip
    with pytest.raises(ImportRejected) as caught:
        import_declarations(session, path, today=TODAY)
    errors = [(e.row, e.column, e.reason) for e in caught.value.summary.errors]
    assert errors == [
        (4, "单据编号", "no open declaration with this reference"),
        (5, "海关编号", "the 9th digit must be 0 for an export declaration (1 is an import)"),
        (6, "出口日期", "in the future"),
        (7, "海关编号", "also on row 3"),
    ]
    assert [d.status for d in drafts] == ["filed", "draft", "draft"]
    assert filed.customs_no is None
    skipped = import_declarations(session, path, skip_bad=True, today=TODAY)
    assert (skipped.updated, skipped.skipped, len(skipped.errors)) == (1, 4, 4)
    assert (filed.status, my.status) == ("cleared", "draft")


def test_english_headers_a_contract_number_and_a_csv(session, drafts, tmp_path):
    filed, _, _ = drafts
    path = tmp_path / "cleared.csv"
    path.write_text(f"Contract No,Customs No,Export Date\n{filed.contract_no},{N1},2026-11-03\n",
                    encoding="utf-8")  # fmt: skip
    summary = import_declarations(session, path, today=TODAY)
    assert summary.updated == 1 and filed.customs_no == N1


def test_a_customs_number_excel_kept_as_a_number_is_refused(session, drafts, tmp_path):
    filed, _, _ = drafts
    path = _xlsx(tmp_path / "numbers.xlsx", [(filed.ref, float(N1), "2026-11-03", "")])
    with pytest.raises(ImportRejected, match="stored as a number in Excel"):
        import_declarations(session, path, today=TODAY)


def test_a_draft_that_fails_its_checks_or_a_missing_rate_is_a_bad_row(session, drafts, tmp_path):
    _, my, us = drafts
    us.overseas_consignee = ""
    path = _xlsx(tmp_path / "list.xlsx", [
        (us.ref, N1, "2026-11-03", ""),
        (my.ref, N2, "2026-08-01", ""),  # no MYR rate in August
    ])  # fmt: skip
    with pytest.raises(ImportRejected) as caught:
        import_declarations(session, path, today=TODAY)
    reasons = [e.reason for e in caught.value.summary.errors]
    assert reasons[0] == "the draft cannot be filed: overseas_consignee: required"
    assert reasons[1].startswith("no MYR exchange rate (central parity) for 2026-08-01")


def test_a_declaration_cleared_with_another_number_is_amended_not_reimported(
    session, drafts, tmp_path
):
    filed, _, _ = drafts
    life.clear(session, filed.id, N1, dt.date(2026, 11, 3), today=TODAY)
    path = _xlsx(tmp_path / "list.xlsx", [(filed.ref, N2, "2026-11-03", "")])
    with pytest.raises(ImportRejected, match=r"already cleared as 530420260040970934 .* amend it"):
        import_declarations(session, path, today=TODAY)


def test_a_list_naming_no_declaration_column_is_refused(session, drafts, tmp_path):
    path = _xlsx(tmp_path / "list.xlsx", [(N1, "2026-11-03")], header=("海关编号", "出口日期"))
    with pytest.raises(ImportRejected, match="no column names our declarations"):
        import_declarations(session, path, today=TODAY)
