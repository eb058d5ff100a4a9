"""Rebate reports: the rebate ledger, FX collection, the deadline calendar, missing documents."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.models import Declaration
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow, RebatePurchaseRow
from desktop_app.core.money import ZERO
from desktop_app.core.reports import as_of_day, period, period_text, today
from desktop_app.core.reports.model import Column, Report, ReportDef, ReportParams, Sheet
from desktop_app.core.reports.sales import PERIOD_KEY
from desktop_app.core.services import deadlines, filing_docs, fx_receipts
from desktop_app.core.services.rebate_batches import batch_label

AS_OF_KEY = "截至 As of"
METHOD_NAMES = {"exempt_refund": "免退税", "exempt_credit_refund": "免抵退税"}
BATCH_STATUS_NAMES = {
    "draft": "草稿", "self_checked": "已自检", "filed": "已申报", "approved": "已审核",
    "partly_rejected": "部分退回", "paid": "已退税",
}  # fmt: skip
ROW_STATUS_NAMES = {"included": "申报", "rejected": "退回", "moved": "已移出"}
SETTLEMENT_NAMES = {
    "pending": "待核算", "confirmed": "已核算确认", "reversed": "已核算冲减", "repay": "需补缴",
    "reversal": "冲减行", "redeclared": "重新申报",
}  # fmt: skip
COLLECTION_NAMES = {
    "collected": "已收汇", "partly": "部分收汇", "not_collected": "未收汇", "deemed": "视同收汇",
}  # fmt: skip
DEADLINE_NAMES = {
    "rebate_claim": "退税申报期限", "claim_limit": "36个月期限", "document_filing": "单证备案",
    "settlement_9810": "9810核算", "fx_collection": "收汇期限",
}  # fmt: skip
DEADLINE_STATUS_NAMES = {"done": "已完成", "overdue": "已逾期", "due": "未到期"}
DOCUMENT_STATUS_NAMES = {"missing": "缺失", "received": "已收到未备案", "filed": "已备案"}


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _check(job: Job | None) -> None:
    if job is not None:
        job.check()


# ---------------------------------------------------------------- rebate ledger

BATCH_COLUMNS = [
    Column("batch", "批次", "Batch", "id"),
    Column("method", "办法", "Method"),
    Column("status", "状态", "Status"),
    Column("rows", "出口明细行数", "Export rows", "int", total=True),
    Column("usd_fob", "FOB美元", "USD FOB", "money", total=True),
    Column("cny_fob", "FOB人民币", "CNY FOB", "money", total=True),
    Column("tax_base", "进货计税依据", "Purchase tax base", "money", total=True),
    Column("refundable", "应退税额", "Refundable", "money", total=True),
    Column("received", "已收退税", "Received", "money", total=True),
    Column("paid_date", "到账日期", "Paid on", "date"),
]
DECLARATION_COLUMNS = [
    Column("ref", "报关单", "Declaration", "id"),
    Column("customs_no", "海关编号", "Customs no.", "id"),
    Column("export_date", "出口日期", "Export date", "date"),
    Column("batch", "批次", "Batch", "id"),
    Column("rows", "出口明细行数", "Export rows", "int", total=True),
    Column("usd_fob", "FOB美元", "USD FOB", "money", total=True),
    Column("tax_base", "进货计税依据", "Purchase tax base", "money", total=True),
    Column("refund", "进货退税额", "Refund of its purchases", "money", total=True),
    Column("row_statuses", "明细状态", "Row statuses"),
    Column("settlement", "核算状态", "Settlement"),
]


@dataclass
class _DeclGroup:
    """One declaration's rows in one batch."""

    export_date: dt.date
    rows: int = 0
    usd_fob: Decimal = ZERO
    tax_base: Decimal = ZERO
    refund: Decimal = ZERO
    statuses: dict[str, int] = field(default_factory=dict)
    settlements: dict[str, int] = field(default_factory=dict)


def build_rebate_ledger(session: Session, params: ReportParams, job: Job | None) -> Report:
    """Rebate batches (申报批次) and the declarations on them, with FOB, tax base and refunds.

    The period, when given, selects batches by their 申报年月 (the months of from and to).
    FOB and counts are of the included rows (rejected and moved rows are listed by status,
    not counted). A declaration's tax base and refund are those of the batch's included
    purchase rows sharing its rows' 关联号; a 免抵退 batch has no purchase rows, so its
    refundable amount is on the batch sheet only, and the declaration sheet's refund total
    is the 免退 batches' purchase rows' refunds, not the batches' refund_total.
    """
    batches = _batches(session, params)
    _check(job)
    ids = [b.id for b in batches]
    exports = _export_rows(session, ids)
    purchases = _purchase_rows(session, ids)
    _check(job)
    decl_groups = _declaration_groups(exports, purchases)
    report_params = {}
    if params.date_from or params.date_to:
        ends = (params.date_from, params.date_to)
        report_params[PERIOD_KEY] = " – ".join(d.isoformat() if d else "…" for d in ends)
    sheets = [
        Sheet("按批次", BATCH_COLUMNS, [_batch_row(b, exports, purchases) for b in batches]),
        Sheet("按报关单", DECLARATION_COLUMNS,
              _declaration_rows(session, batches, decl_groups)),
    ]  # fmt: skip
    return Report("rebate-ledger", "出口退税台账", "Rebate ledger", report_params, sheets)


def _batches(session: Session, params: ReportParams) -> list[RebateBatch]:
    query = select(RebateBatch).order_by(RebateBatch.period, RebateBatch.batch_no)
    first, last = params.date_from, params.date_to
    if first and last and last < first:
        raise BadInput(f"report rebate-ledger: the period ends ({last}) before it starts ({first})")
    if first is not None:
        query = query.where(RebateBatch.period >= f"{first.year:04d}{first.month:02d}")
    if last is not None:
        query = query.where(RebateBatch.period <= f"{last.year:04d}{last.month:02d}")
    return list(session.scalars(query))


def _export_rows(session: Session, ids: list[int]) -> dict[int, list[RebateExportRow]]:
    found: dict[int, list[RebateExportRow]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        query = (
            select(RebateExportRow)
            .where(RebateExportRow.batch_id.in_(ids[start : start + 500]))
            .order_by(RebateExportRow.batch_id, RebateExportRow.seq)
        )
        for row in session.scalars(query):
            found[row.batch_id].append(row)
    return found


def _purchase_rows(session: Session, ids: list[int]) -> dict[int, list[RebatePurchaseRow]]:
    found: dict[int, list[RebatePurchaseRow]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        query = select(RebatePurchaseRow).where(
            RebatePurchaseRow.batch_id.in_(ids[start : start + 500]),
            RebatePurchaseRow.status == "included",
        )
        for row in session.scalars(query.order_by(RebatePurchaseRow.seq)):
            found[row.batch_id].append(row)
    return found


def _batch_row(
    batch: RebateBatch,
    exports: dict[int, list[RebateExportRow]],
    purchases: dict[int, list[RebatePurchaseRow]],
) -> list[Any]:
    included = [r for r in exports.get(batch.id, []) if r.status == "included"]
    return [
        batch_label(batch),
        METHOD_NAMES.get(batch.method, batch.method),
        BATCH_STATUS_NAMES.get(batch.status, batch.status),
        len(included),
        sum((r.usd_fob for r in included), ZERO),
        sum((r.cny_fob or ZERO for r in included), ZERO),
        sum((p.tax_base for p in purchases.get(batch.id, [])), ZERO),
        batch.refund_total,
        batch.received_amount,
        batch.paid_date,
    ]


def _declaration_groups(
    exports: dict[int, list[RebateExportRow]], purchases: dict[int, list[RebatePurchaseRow]]
) -> dict[tuple[int, str], _DeclGroup]:
    """{(batch id, customs no): its rows}; a 关联号's purchases go to its first export row."""
    groups: dict[tuple[int, str], _DeclGroup] = {}
    for batch_id, rows in exports.items():
        owner: dict[str, tuple[int, str]] = {}
        for row in rows:
            key = (batch_id, row.declaration_no[:18])
            group = groups.setdefault(key, _DeclGroup(row.export_date))
            owner.setdefault(row.link_no, key)
            _count(group.statuses, ROW_STATUS_NAMES.get(row.status, row.status))
            if row.settlement:
                _count(group.settlements, SETTLEMENT_NAMES.get(row.settlement, row.settlement))
            if row.status == "included":
                group.rows += 1
                group.usd_fob += row.usd_fob
        for purchase in purchases.get(batch_id, []):
            if purchase.link_no in owner:
                group = groups[owner[purchase.link_no]]
                group.tax_base += purchase.tax_base
                group.refund += purchase.refund
    return groups


def _count(counts: dict[str, int], name: str) -> None:
    counts[name] = counts.get(name, 0) + 1


def _counts_text(counts: dict[str, int]) -> str:
    return "，".join(f"{name} {n}" for name, n in counts.items())


def _declaration_rows(
    session: Session, batches: list[RebateBatch], groups: dict[tuple[int, str], _DeclGroup]
) -> list[list[Any]]:
    labels = {b.id: batch_label(b) for b in batches}
    order = {b.id: n for n, b in enumerate(batches)}
    refs = _refs(session, sorted({customs_no for _b, customs_no in groups}))
    rows = []
    for (batch_id, customs_no), g in sorted(
        groups.items(), key=lambda item: (order[item[0][0]], item[1].export_date, item[0][1])
    ):
        rows.append([
            refs.get(customs_no, ""), customs_no, g.export_date, labels[batch_id], g.rows,
            g.usd_fob, g.tax_base, g.refund, _counts_text(g.statuses),
            _counts_text(g.settlements),
        ])  # fmt: skip
    return rows


def _refs(session: Session, customs_nos: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(customs_nos), 500):
        query = select(Declaration.customs_no, Declaration.ref).where(
            Declaration.customs_no.in_(customs_nos[start : start + 500])
        )
        found.update({no: ref for no, ref in session.execute(query) if no})
    return found


# ---------------------------------------------------------------- FX collection

COLLECTION_COLUMNS = [
    Column("ref", "报关单", "Declaration", "id"),
    Column("customs_no", "海关编号", "Customs no.", "id"),
    Column("export_date", "出口日期", "Export date", "date"),
    Column("currency", "币种", "Currency", "id"),
    Column("declared", "申报金额(原币,不合计)", "Declared (own currency, not totalled)", "money"),
    Column("collected", "已收汇(原币,不合计)", "Collected (own currency, not totalled)", "money"),
    Column("outstanding", "未收汇(原币,不合计)", "Outstanding (own currency, not totalled)",
           "money"),
    Column("due_date", "收汇期限", "Due date", "date"),
    Column("status", "状态", "Status"),
    Column("overdue", "逾期", "Overdue"),
]  # fmt: skip
CURRENCY_TOTAL_COLUMNS = [
    Column("currency", "币种", "Currency", "id"),
    Column("declarations", "报关单数", "Declarations", "int", total=True),
    Column("declared", "申报金额", "Declared", "money"),
    Column("collected", "已收汇", "Collected", "money"),
    Column("outstanding", "未收汇", "Outstanding", "money"),
    Column("overdue", "逾期未收汇", "Overdue outstanding", "money"),
]


def build_fx_collection(session: Session, params: ReportParams, job: Job | None) -> Report:
    """FX collection (收汇) of each cleared declaration exported by the as-of date (today when
    not given): declared, collected, outstanding, due date, overdue on that date.

    Amounts are in each declaration's currency, so the first sheet has no totals; the second
    sheet totals them per currency (one row each, never added across currencies). Collected
    is every allocation recorded so far, whatever its receipt date.
    """
    as_of = as_of_day(params)
    items = [c for c in fx_receipts.collection_status(session, as_of) if c.export_date <= as_of]
    _check(job)
    rows = [
        [c.ref, c.customs_no, c.export_date, c.currency, c.declared, c.collected, c.outstanding,
         c.due_date, COLLECTION_NAMES.get(c.status, c.status), _yes(c.overdue)]
        for c in items
    ]  # fmt: skip
    totals: dict[str, list[Any]] = {}
    for c in items:
        entry = totals.setdefault(c.currency, [0, ZERO, ZERO, ZERO, ZERO])
        entry[0] += 1
        entry[1] += c.declared
        entry[2] += c.collected
        entry[3] += c.outstanding
        entry[4] += c.outstanding if c.overdue else ZERO
    by_currency = [[currency, *values] for currency, values in sorted(totals.items())]
    return Report(
        "fx-collection", "收汇情况", "FX collection status", {AS_OF_KEY: as_of.isoformat()},
        [Sheet("收汇明细", COLLECTION_COLUMNS, rows),
         Sheet("按币种", CURRENCY_TOTAL_COLUMNS, by_currency)],
    )  # fmt: skip


# ---------------------------------------------------------------- deadlines

DEADLINE_COLUMNS = [
    Column("due_date", "到期日", "Due date", "date"),
    Column("kind", "事项", "Deadline"),
    Column("ref", "报关单", "Declaration", "id"),
    Column("customs_no", "海关编号", "Customs no.", "id"),
    Column("export_date", "出口日期", "Export date", "date"),
    Column("anchor", "起算日", "Counted from", "date"),
    Column("rule_date", "规则日期(顺延前)", "Rule date (before holidays)", "date"),
    Column("status", "状态", "Status"),
    Column("days_left", "剩余天数", "Days left", "int"),
    Column("note", "说明", "Note"),
    Column("warnings", "提示", "Warnings"),
    Column("source", "依据", "Source"),
]


def build_deadlines(session: Session, params: ReportParams, job: Job | None) -> Report:
    """Every rebate deadline due in the period, done ones included, with its status today."""
    first, last = period(params)
    result = deadlines.between(session, first, last, include_done=True)
    _check(job)
    now = today()
    rows = [
        [d.due_date, DEADLINE_NAMES.get(d.kind, d.kind), d.declaration_ref, d.customs_no,
         d.export_date, d.anchor_date, d.rule_date,
         DEADLINE_STATUS_NAMES.get(d.status(now), d.status(now)), d.days_left(now),
         d.note, "；".join(d.warnings), d.source]
        for d in result.deadlines
    ]  # fmt: skip
    report_params = {PERIOD_KEY: period_text(first, last), "状态日期 Status on": now.isoformat()}
    warnings = list(result.warnings)
    if result.missing_years:
        years = ", ".join(str(y) for y in result.missing_years)
        warnings.append(f"节假日表缺少 {years} 年的数据 (no holiday data for {years})")
    if warnings:
        report_params["提示 Warnings"] = "；".join(warnings)
    return Report("deadlines", "期限日历", "Deadline calendar", report_params,
                  [Sheet("期限", DEADLINE_COLUMNS, rows)])  # fmt: skip


# ---------------------------------------------------------------- missing documents

MISSING_COLUMNS = [
    Column("ref", "报关单", "Declaration", "id"),
    Column("customs_no", "海关编号", "Customs no.", "id"),
    Column("document", "单证", "Document"),
    Column("status", "状态", "Status"),
    Column("claimed_on", "申报日期", "Claimed on", "date"),
    Column("due_date", "备案期限", "Filing due", "date"),
    Column("overdue", "逾期", "Overdue"),
]


def build_missing_documents(session: Session, params: ReportParams, job: Job | None) -> Report:
    """单证备案 items not yet filed (filing_docs.missing_documents), overdue on the as-of date
    (today when not given)."""
    as_of = as_of_day(params)
    items = filing_docs.missing_documents(session, as_of)
    _check(job)
    rows = [
        [m.declaration_ref, m.customs_no, m.title, DOCUMENT_STATUS_NAMES.get(m.status, m.status),
         m.claimed_on, m.due_date, _yes(m.overdue)]
        for m in items
    ]  # fmt: skip
    sheets = [Sheet("缺失单证", MISSING_COLUMNS, rows)]
    return Report("missing-documents", "缺失备案单证", "Missing filing documents",
                  {AS_OF_KEY: as_of.isoformat()}, sheets)  # fmt: skip


DEFINITIONS: tuple[ReportDef, ...] = (
    ReportDef("rebate-ledger", "出口退税台账", "Rebate ledger", ("from", "to"),
              build_rebate_ledger),
    ReportDef("fx-collection", "收汇情况", "FX collection status", ("as_of",),
              build_fx_collection),
    ReportDef("deadlines", "期限日历", "Deadline calendar", ("from", "to"), build_deadlines),
    ReportDef("missing-documents", "缺失备案单证", "Missing filing documents", ("as_of",),
              build_missing_documents),
)  # fmt: skip
