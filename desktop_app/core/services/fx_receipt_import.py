"""FX receipts from a bank statement (xlsx/csv): credit rows become receipts, keyed by reference.

Statements differ by bank; columns are found by alias (交易日期 / 入账日期 / Value date,
贷方金额 / Credit amount or 金额 with a 借贷标志, 币种 / Currency, 流水号 / 交易参考号 /
Reference, 付款人 / 对方户名 / Payer …). Only credits are receipts: a row with a debit, a
debit mark or a negative amount is skipped and counted. Total rows (合计) are ignored.

All or nothing by default: every bad row is listed (ImportRejected) and nothing is written.
Importing the same statement again changes nothing: a reference already recorded with the
same day, currency and amount is skipped; with different ones it is an error, because a
bank reference names one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.jobs import Job
from desktop_app.core.models import FxReceipt
from desktop_app.core.services import fx_receipts
from desktop_app.core.services.id_lists import pages
from desktop_app.core.services.import_runs import record_run

ALIASES: dict[str, tuple[str, ...]] = {
    "received_date": ("交易日期", "入账日期", "Value date", "记账日期", "交易时间", "起息日",
                      "Transaction date", "Booking date", "日期", "Date"),
    "credit": ("贷方金额", "Credit amount", "收入金额", "收入", "Credit", "贷方发生额", "存入金额"),
    "debit": ("借方金额", "Debit amount", "支出金额", "支出", "Debit", "借方发生额", "取出金额"),
    "amount": ("金额", "交易金额", "Amount", "发生额", "Transaction amount"),
    "direction": ("借贷标志", "收支方向", "借贷方向", "Dr/Cr", "Direction", "借贷", "收/支"),
    "currency": ("币种", "Currency", "币别", "货币", "Ccy"),
    "bank_ref": ("流水号", "交易参考号", "Reference", "交易流水号", "银行流水号", "Bank reference",
                 "Transaction reference", "业务参考号", "Ref no", "凭证号"),
    "payer": ("付款人", "对方户名", "Payer", "对方账户名称", "汇款人", "Remitter", "Counterparty",
              "付款人名称", "对方名称"),
    "bank": ("银行", "Bank", "收款银行", "收款行"),
    "note": ("摘要", "附言", "用途", "Remark", "Note", "Memo", "Narrative", "备注"),
}  # fmt: skip
CREDIT_WORDS = frozenset({"贷", "收", "收入", "入", "来账", "c", "cr", "credit", "贷方"})
DEBIT_WORDS = frozenset({"借", "支", "支出", "出", "往账", "d", "dr", "debit", "借方"})
_TOTAL_WORDS = ("合计", "总计", "小计", "total")
_EMPTY = ("", "-", "--", "0", "0.00", "0.0")


@dataclass
class _Read:
    clean: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    debits: int = 0


def load_receipts(
    session: Session, path: str | Path, *, skip_bad: bool = False, job: Job | None = None,
    currency: str | None = None,
) -> ImportSummary:  # fmt: skip
    """Read a statement's credits into fx_receipt in the caller's transaction. `currency` is
    the account's currency for statements without a currency column."""
    from desktop_app.core.importers.tabular import read_table

    job = job or Job()
    path = Path(path)
    summary = ImportSummary(file=path.name, kind="fx-receipts")
    table = read_table(path, aliases=ALIASES)
    table.require(("received_date", "bank_ref"), kind="fx-receipts")
    if "credit" not in table.fields:
        table.require(("amount",), kind="fx-receipts")
    if "currency" not in table.fields and not currency:
        table.require(("currency",), kind="fx-receipts")
    read = _Read()
    for number, row in table.rows(skip=_is_total):
        summary.rows += 1
        if summary.rows % 200 == 0:
            job.report(summary.rows, 0, f"{summary.file}: {summary.rows} rows read")
        _read_row(session, table, read, number, row, currency)
    new = _plan(session, table, read)
    summary.errors = sorted(read.errors, key=lambda e: e.row or 0)
    if summary.errors and not skip_bad:
        raise ImportRejected(summary)
    session.add_all(fx_receipts.build_receipt(session, clean) for clean in new)
    summary.inserted = len(new)
    summary.skipped = summary.rows - summary.inserted
    summary.details.update(debits_skipped=read.debits, receipts=[c["bank_ref"] for c in new])
    record_run(session, "fx-receipts", path, summary, written=summary.inserted)
    session.flush()
    return summary


def _is_total(number: int, row: Any) -> bool:
    if row.get("bank_ref").strip():
        return False
    words = " ".join(row.get(n).casefold() for n in ("received_date", "note", "payer"))
    return any(w in words for w in _TOTAL_WORDS)


def _credit(row: Any, fields: dict[str, str]) -> tuple[str | None, str]:
    """(the credit amount as text or None for a debit row, the column it came from)."""
    if "credit" in fields:
        credit = row.get("credit").strip()
        if credit not in _EMPTY:
            return credit, "credit"
        if "amount" not in fields or "direction" not in fields:
            return None, "credit"
    text = row.get("amount").strip()
    if "direction" in fields:
        mark = row.get("direction").strip().casefold()
        if mark in DEBIT_WORDS:
            return None, "amount"
        if mark in CREDIT_WORDS:
            return text.lstrip("+"), "amount"
    if text.startswith("-") or text.startswith("("):
        return None, "amount"
    return (text.lstrip("+") or None), "amount"


def _read_row(
    session: Session, table: Any, read: _Read, number: int, row: Any, currency: str | None
) -> None:
    amount, column = _credit(row, table.fields)
    if amount is None:
        read.debits += 1
        return
    fields = {name: row.get(name).strip() for name in ("bank_ref", "payer", "bank", "note")}
    date_cell = row.raw("received_date")
    fields["received_date"] = date_cell if not isinstance(date_cell, str) else date_cell.strip()
    fields["currency"] = row.get("currency").strip() or (currency or "")
    fields["amount"] = amount
    clean, problems = fx_receipts.check_receipt(session, fields)
    names = {"amount": column}
    for p in problems:
        value = "" if p.value is None else str(p.value)
        read.errors.append(RowError(number, table.column(names.get(p.field, p.field)), value,
                                    p.reason))  # fmt: skip
    if problems:
        return
    ref = clean["bank_ref"]
    if ref in read.clean:
        where, first = read.clean[ref]
        if _key(first) != _key(clean):
            reason = f"the same reference is on row {where} with another day, currency or amount"
            read.errors.append(RowError(number, table.column("bank_ref"), ref, reason))
        return
    read.clean[ref] = (number, clean)


def _key(clean: dict[str, Any]) -> tuple[Any, str, Decimal]:
    return clean["received_date"], clean["currency"], clean["amount"]


def _plan(session: Session, table: Any, read: _Read) -> list[dict[str, Any]]:
    """The receipts to add; a reference already stored with other figures is an error."""
    stored: dict[str, FxReceipt] = {}
    for page in pages(sorted(read.clean)):  # type: ignore[arg-type]
        query = select(FxReceipt).where(FxReceipt.bank_ref.in_(page))
        stored.update((r.bank_ref, r) for r in session.scalars(query))
    new = []
    for ref, (number, clean) in read.clean.items():
        old = stored.get(ref)
        if old is None:
            new.append(clean)
        elif (old.received_date, old.currency, old.amount) != _key(clean):
            reason = (f"already recorded as {old.currency} {old.amount} on "
                      f"{old.received_date.isoformat()}")  # fmt: skip
            read.errors.append(RowError(number, table.column("bank_ref"), ref, reason))
    return new
