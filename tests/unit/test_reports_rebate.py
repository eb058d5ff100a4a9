"""Rebate ledger, FX collection, deadline and missing-document reports against the database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import and_, func, select

from desktop_app.core.models import Declaration, DeclarationLine
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow, RebatePurchaseRow
from desktop_app.core.money import ZERO
from desktop_app.core.reports import rebate, today
from desktop_app.core.reports.model import Report, ReportParams
from desktop_app.core.reports.writer import write_report
from desktop_app.core.services import deadlines, filing_docs, fx_receipts

NONE = ReportParams(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 12, 31))
NO_PARAMS = ReportParams()
WIDE = ReportParams(date_from=dt.date(2000, 1, 1), date_to=dt.date(2100, 12, 31))


@pytest.fixture
def demo(demo300):
    with demo300.sessions() as s:
        yield s
        s.rollback()


def build(session: Any, name: str, params: ReportParams = NO_PARAMS) -> Report:
    definition = next(d for d in rebate.DEFINITIONS if d.name == name)
    report = definition.build(session, params, None)
    for sheet in report.sheets:
        sheet.rows = list(sheet.rows)
    return report


def rows_of(report: Report, name: str) -> tuple[dict[str, int], list[list[Any]]]:
    sheet = next(s for s in report.sheets if s.name == name)
    return {c.key: i for i, c in enumerate(sheet.columns)}, [list(r) for r in sheet.rows]


def column_sum(report: Report, sheet: str, key: str) -> Any:
    at, rows = rows_of(report, sheet)
    return sum((r[at[key]] for r in rows if r[at[key]] is not None), ZERO)


def fen(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


# ---------------------------------------------------------------- rebate ledger


def test_rebate_ledger_totals_equal_the_database(demo) -> None:
    report = build(demo, "rebate-ledger")
    included = RebateExportRow.status == "included"
    count, fob, cny = demo.execute(
        select(func.count(), func.sum(RebateExportRow.usd_fob), func.sum(RebateExportRow.cny_fob))
        .where(included)
    ).one()  # fmt: skip
    tax_base, refund = demo.execute(
        select(func.sum(RebatePurchaseRow.tax_base), func.sum(RebatePurchaseRow.refund))
        .where(RebatePurchaseRow.status == "included")
    ).one()  # fmt: skip
    refundable, received = demo.execute(
        select(func.sum(RebateBatch.refund_total), func.sum(RebateBatch.received_amount))
    ).one()
    assert count > 0 and refund > 0
    assert column_sum(report, "按批次", "rows") == count
    assert column_sum(report, "按批次", "usd_fob") == fob
    assert column_sum(report, "按批次", "cny_fob") == cny
    assert column_sum(report, "按批次", "tax_base") == tax_base
    assert column_sum(report, "按批次", "refundable") == refundable
    assert column_sum(report, "按批次", "received") == received
    assert column_sum(report, "按报关单", "rows") == count
    assert column_sum(report, "按报关单", "usd_fob") == fob
    # Every purchase row of the demo shares its 关联号 with an export row of its batch.
    linked = demo.scalar(
        select(func.sum(RebatePurchaseRow.refund))
        .join(RebateExportRow, and_(RebateExportRow.batch_id == RebatePurchaseRow.batch_id,
                                    RebateExportRow.link_no == RebatePurchaseRow.link_no))
        .where(RebatePurchaseRow.status == "included")
    )  # fmt: skip
    assert column_sum(report, "按报关单", "refund") == linked == refund
    assert column_sum(report, "按报关单", "tax_base") == tax_base


def test_rebate_ledger_names_are_chinese_and_declarations_found(demo) -> None:
    report = build(demo, "rebate-ledger")
    at, batches = rows_of(report, "按批次")
    assert {r[at["method"]] for r in batches} <= set(rebate.METHOD_NAMES.values())
    assert {r[at["status"]] for r in batches} <= set(rebate.BATCH_STATUS_NAMES.values())
    at, declarations = rows_of(report, "按报关单")
    refs = dict(demo.execute(select(Declaration.customs_no, Declaration.ref)).all())
    for row in declarations:
        assert row[at["ref"]] == refs[row[at["customs_no"]]]
        assert "申报" in row[at["row_statuses"]]
    assert any("待核算" in row[at["settlement"]] for row in declarations)


def test_rebate_ledger_selects_batches_by_their_period(demo) -> None:
    period = demo.scalar(select(func.max(RebateBatch.period)))
    first = dt.date(int(period[:4]), int(period[4:]), 1)
    report = build(demo, "rebate-ledger", ReportParams(first, first + dt.timedelta(days=27)))
    at, rows = rows_of(report, "按批次")
    assert rows and all(r[at["batch"]].startswith(f"{period[:4]}-{period[4:]}-") for r in rows)
    empty = build(demo, "rebate-ledger", NONE)
    assert all(sheet.rows == [] for sheet in empty.sheets)


def test_rebate_ledger_written_and_read_back(demo, tmp_path: Path) -> None:
    result = write_report(demo, build(demo, "rebate-ledger"), tmp_path / "ledger.xlsx")
    book = openpyxl.load_workbook(result.path, read_only=True)
    rows = list(book["按批次"].iter_rows(values_only=True))
    book.close()
    assert rows[0][0].startswith("批次")
    assert isinstance(rows[1][0], str)  # the batch label stays text
    totals = rows[-1]
    assert "合计" in totals
    refundable = demo.scalar(select(func.sum(RebateBatch.refund_total)))
    assert fen(totals[7]) == refundable
    assert result.totals["按报关单"]["usd_fob"] == result.totals["按批次"]["usd_fob"]


# ---------------------------------------------------------------- FX collection


def test_fx_collection_per_currency_totals_equal_the_database(demo) -> None:
    as_of = dt.date(2100, 1, 1)
    report = build(demo, "fx-collection", ReportParams(as_of=as_of))
    at, rows = rows_of(report, "收汇明细")
    assert len(rows) == len(fx_receipts.collection_status(demo, as_of))
    declared = dict(demo.execute(
        select(Declaration.currency, func.sum(DeclarationLine.amount)).join(DeclarationLine)
        .where(Declaration.status.in_(fx_receipts.ELIGIBLE), Declaration.export_date.is_not(None))
        .group_by(Declaration.currency)
    ).all())  # fmt: skip
    cur_at, by_currency = rows_of(report, "按币种")
    assert {r[cur_at["currency"]]: r[cur_at["declared"]] for r in by_currency} == declared
    outstanding: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        outstanding[row[at["currency"]]] += row[at["outstanding"]]
        assert row[at["status"]] in rebate.COLLECTION_NAMES.values()
        assert row[at["overdue"]] in ("是", "否")
    assert {r[0]: r[cur_at["outstanding"]] for r in by_currency} == dict(outstanding)
    assert any(r[at["overdue"]] == "是" for r in rows)  # by 2100 every open one is late


def test_fx_collection_before_any_export_is_empty(demo) -> None:
    report = build(demo, "fx-collection", ReportParams(as_of=dt.date(1990, 1, 1)))
    assert all(sheet.rows == [] for sheet in report.sheets)


# ---------------------------------------------------------------- deadlines


def test_deadlines_list_every_one_done_included(demo) -> None:
    report = build(demo, "deadlines", WIDE)
    expected = deadlines.between(demo, WIDE.date_from, WIDE.date_to, include_done=True)
    at, rows = rows_of(report, "期限")
    assert len(rows) == len(expected.deadlines) > 0
    assert {r[at["kind"]] for r in rows} <= set(rebate.DEADLINE_NAMES.values())
    assert "收汇期限" in {r[at["kind"]] for r in rows}
    statuses = {r[at["status"]] for r in rows}
    assert "已完成" in statuses and statuses <= set(rebate.DEADLINE_STATUS_NAMES.values())
    assert [r[at["due_date"]] for r in rows] == sorted(r[at["due_date"]] for r in rows)
    assert build(demo, "deadlines", NONE).sheets[0].rows == []


# ---------------------------------------------------------------- missing documents


def test_missing_documents_as_of_today(demo, tmp_path: Path) -> None:
    report = build(demo, "missing-documents")
    at, rows = rows_of(report, "缺失单证")
    expected = filing_docs.missing_documents(demo, today())
    assert len(rows) == len(expected) > 0
    assert {r[at["status"]] for r in rows} <= {"缺失", "已收到未备案"}
    assert "购销合同" in {r[at["document"]] for r in rows}
    result = write_report(demo, report, tmp_path / "missing.xlsx")
    assert result.rows["缺失单证"] == len(expected)


def test_missing_documents_of_an_empty_database(session) -> None:
    report = build(session, "missing-documents", ReportParams(as_of=dt.date(2026, 1, 1)))
    assert report.sheets[0].rows == []
    assert report.params == {"截至 As of": "2026-01-01"}
