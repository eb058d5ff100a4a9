"""Purchase invoices from an e-invoice (数电) export: xlsx or csv, one row per invoice line.

The tax bureau's 全量发票查询 export (DOMAIN.md §3.2a) has one row per invoice on its first
sheet (发票基础信息) and one row per line on 信息汇总表; that sheet is read when the first
one has no line columns. Any other xlsx/csv with the same columns, Chinese or English, is
read as well. Rows of one invoice share its number (the 20-digit 数电发票号码 / 全电发票号码,
or 发票代码 + 发票号码); total rows (no number, or 合计) are skipped.

All or nothing by default: every bad row is listed (ImportRejected) and nothing is written.
With skip_bad, an invoice with any bad row is left out whole. Importing the same invoice
again changes nothing (it is counted as skipped); an invoice whose content changed is
updated unless a match already uses it. Red-letter (negative) invoices and ordinary
invoices (普通发票), which cannot back a rebate, are skipped with a warning.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.errors import BadInput, FieldProblem
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.jobs import Job
from desktop_app.core.models import ImportRun, PurchaseInvoice
from desktop_app.core.services import company
from desktop_app.core.services import purchase_invoices as pi
from desktop_app.core.services.id_lists import pages
from desktop_app.core.services.import_runs import record_run

LINES_SHEET = "信息汇总表"
ALIASES: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "No"),
    "digital_no": ("数电发票号码", "Digital invoice no", "全电发票号码", "数电票号码", "数电号码"),
    "code": ("发票代码", "Invoice code"),
    "number": ("发票号码", "Invoice no", "Invoice number", "进货凭证号"),
    "seller_tax_id": ("销方识别号", "Seller tax id", "销售方纳税人识别号", "销方纳税人识别号",
                      "供货方纳税人识别号", "seller uscc"),
    "seller_name": ("销方名称", "Seller name", "销售方名称", "供货方名称", "seller"),
    "buyer_tax_id": ("购方识别号", "Buyer tax id", "购买方纳税人识别号", "购方纳税人识别号"),
    "issue_date": ("开票日期", "Issue date", "Invoice date", "date"),
    "tax_category_code": ("税收分类编码", "Tax category code", "商品和服务税收分类编码"),
    "commodity_name": ("货物或应税劳务名称", "Commodity", "货物或应税劳务、服务名称", "项目名称",
                       "商品名称", "Item name", "goods"),
    "commodity_code": ("出口商品代码", "Commodity code", "HS编码", "商品代码", "海关编码",
                       "HS code", "退税率文库代码"),
    "spec": ("规格型号", "Spec", "Specification", "规格"),
    "unit": ("单位", "Unit", "计量单位"),
    "quantity": ("数量", "Quantity", "Qty"),
    "unit_price": ("单价", "Unit price"),
    "amount": ("金额", "Amount", "不含税金额", "Amount excluding tax", "计税金额"),
    "tax_rate": ("税率", "Tax rate", "税率/征收率", "征收率", "征税率"),
    "tax": ("税额", "Tax", "Tax amount"),
    "status": ("发票状态", "Invoice status", "Status"),
    "positive": ("是否正数发票", "Positive invoice"),
    "invoice_type": ("发票票种", "Invoice type", "票种"),
}  # fmt: skip
REQUIRED = ("seller_tax_id", "issue_date", "commodity_name", "unit", "quantity", "amount",
            "tax_rate")  # fmt: skip
HEADER_FIELDS = ("seller_tax_id", "seller_name", "issue_date", "status", "buyer_tax_id")
LINE_FIELDS = ("commodity_name", "unit", "quantity", "amount", "tax_rate", "tax",
               "commodity_code", "tax_category_code", "spec", "unit_price")  # fmt: skip
ID_FIELDS = ("digital_no", "code", "number", "seller_tax_id", "buyer_tax_id")
STATUS_WORDS = {"正常": "valid", "作废": "voided", "已作废": "voided", "红冲": "red",
                "已红冲": "red", "全额红冲": "red", "已全额红冲": "red"}  # fmt: skip
_TOTAL_WORDS = ("合计", "总计", "小计", "total")
_NO_NUMBER = ("", "-", "--")


@dataclass
class _Group:
    """The rows of one invoice in the file, and what was found wrong with them."""

    key: str
    digital: bool
    rows: list[int] = field(default_factory=list)
    header: dict[str, tuple[int, str]] = field(default_factory=dict)
    lines: list[tuple[int, pi.LineDraft]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    leave_out: str = ""  # why a readable invoice is not for the rebate (a warning)
    clean: pi.CleanInvoice | None = None

    def given(self, name: str) -> str:
        return self.header.get(name, (0, ""))[1]


def load_invoices(
    session: Session, path: str | Path, *, skip_bad: bool = False, job: Job | None = None
) -> ImportSummary:
    """Read, check and store a file's invoices in the caller's transaction."""
    job = job or Job()
    path = Path(path)
    summary = ImportSummary(file=path.name, kind="invoices")
    table = _open(path)
    groups = _read(table, summary, job)
    lookups = pi.Lookups.load(session)
    profile = company.find_profile(session)
    own = (profile.uscc or "") if profile else ""
    for group in groups:
        _check(table, group, lookups, own)
    existing = _existing(session, [g.clean.invoice_no for g in groups if g.clean])
    plan = _plan(table, groups, existing, summary)
    summary.errors.sort(key=lambda e: e.row or 0)
    if summary.errors and not skip_bad:
        raise ImportRejected(summary)
    _write(session, path, summary, plan, existing)
    return summary


def _open(path: Path) -> Any:
    from desktop_app.core.importers.tabular import read_table

    table = read_table(path, aliases=ALIASES)
    if table.file_format == "xlsx" and table.missing(REQUIRED):
        # the export's first sheet lists whole invoices; the lines are on another
        with suppress(BadInput):
            table = read_table(path, aliases=ALIASES, sheet=LINES_SHEET)
    table.require(REQUIRED, kind="invoices")
    if "digital_no" not in table.fields and "number" not in table.fields:
        table.require(("number",), kind="invoices")
    return table


def _is_total(number: int, row: Any) -> bool:
    if any(row.get(n).strip() not in _NO_NUMBER for n in ("digital_no", "number")):
        return False
    words = (row.get("seq").strip().casefold(), row.get("commodity_name").strip().casefold())
    return not row.get("commodity_name").strip() or any(w in _TOTAL_WORDS for w in words)


def _read(table: Any, summary: ImportSummary, job: Job) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for number, row in table.rows(skip=_is_total):
        summary.rows += 1
        if summary.rows % 500 == 0:
            job.report(summary.rows, 0, f"{summary.file}: {summary.rows} rows read")
        digital = row.get("digital_no").strip()
        digital = "" if digital in _NO_NUMBER else digital
        key = digital or f"{row.get('code').strip()}{row.get('number').strip()}"
        group = groups.setdefault(key, _Group(key, bool(digital)))
        group.rows.append(number)
        _read_row(table, group, number, row)
    return list(groups.values())


def _read_row(table: Any, group: _Group, number: int, row: Any) -> None:
    def bad(name: str, value: str, reason: str) -> None:
        group.errors.append(RowError(number, table.column(name), value, reason))

    for name in ID_FIELDS:
        text = row.get(name).strip()
        if row.is_number(name) and len(text) > 15:
            bad(name, text, "Excel stored this number as a number and may have changed its "
                "last digits: format the column as text and export again")  # fmt: skip
    if not group.key:
        bad("number", "", "no invoice number (数电发票号码, or 发票代码 + 发票号码)")
    for name in (*HEADER_FIELDS, "code", "number", "positive", "invoice_type"):
        text = row.get(name).strip()
        if name in group.header and group.header[name][1] != text:
            was, where = group.header[name]
            bad(name, text, f"the same invoice says {was!r} on row {where}")
        group.header.setdefault(name, (number, text))
    if row.get("positive").strip() in ("否", "N", "no", "No") or row.get("amount").startswith("-"):
        group.leave_out = "a red-letter (negative) invoice: it cancels another, not imported"
    elif "普通" in row.get("invoice_type") or "普票" in row.get("invoice_type"):
        group.leave_out = "an ordinary invoice (普通发票) cannot back a rebate: not imported"
    cells = {name: row.get(name).strip() for name in LINE_FIELDS}
    if "tax" not in table.fields:
        cells["tax"] = None
    group.lines.append((number, pi.LineDraft(**cells)))


def _check(table: Any, group: _Group, lookups: pi.Lookups, own: str) -> None:
    if group.errors or group.leave_out or not group.key:
        return
    status_text = group.given("status")
    status = STATUS_WORDS.get(status_text, "valid") if status_text else "valid"
    draft = pi.InvoiceDraft(
        number=group.key if group.digital else group.given("number"),
        code="" if group.digital else group.given("code"),
        issue_date=group.given("issue_date"), seller_tax_id=group.given("seller_tax_id"),
        seller_name=group.given("seller_name"), status=status,
        lines=[line for _row, line in group.lines],
    )  # fmt: skip
    group.clean, problems = pi.check_invoice(draft, lookups)
    group.errors += [_problem_row(table, group, p) for p in problems]
    first = group.rows[0]
    buyer, seller = group.given("buyer_tax_id").upper(), group.given("seller_tax_id").upper()
    if own and seller == own:
        reason = "your own company issued this invoice (a sales invoice, not a purchase)"
        group.errors.append(RowError(first, table.column("seller_tax_id"), seller, reason))
    elif own and buyer and buyer != own:
        reason = f"issued to another buyer, not to your company ({own})"
        group.errors.append(RowError(first, table.column("buyer_tax_id"), buyer, reason))
    if group.errors:
        group.clean = None


def _problem_row(table: Any, group: _Group, problem: FieldProblem) -> RowError:
    value = "" if problem.value is None else str(problem.value)
    name = problem.field
    row = group.rows[0]
    if name.startswith("lines[") and "." in name:
        index, name = name[6:].split("].", 1)
        row = group.lines[int(index)][0]
    elif name == "number" and group.digital:
        name = "digital_no"
    elif name == "lines":
        name = "tax"
    return RowError(row, table.column(name), value, problem.reason)


def _existing(session: Session, keys: list[str]) -> dict[str, PurchaseInvoice]:
    found: dict[str, PurchaseInvoice] = {}
    for page in pages(sorted(set(keys))):
        query = select(PurchaseInvoice).where(PurchaseInvoice.invoice_no.in_(page))
        for invoice in session.scalars(query.options(selectinload(PurchaseInvoice.lines))):
            found[invoice.invoice_no] = invoice
    return found


@dataclass
class _Plan:
    insert: list[pi.CleanInvoice] = field(default_factory=list)
    update: list[pi.CleanInvoice] = field(default_factory=list)
    rows_written: int = 0


def _plan(
    table: Any, groups: list[_Group], existing: dict[str, PurchaseInvoice], summary: ImportSummary
) -> _Plan:
    plan = _Plan()
    unchanged = left_out = 0
    for group in groups:
        if group.leave_out:
            left_out += 1
            summary.warnings.append(RowError(group.rows[0], table.column("number"),
                                             group.key, group.leave_out))  # fmt: skip
            continue
        clean = group.clean
        if clean is None:
            summary.errors += group.errors
            continue
        stored = existing.get(clean.invoice_no)
        if stored is not None and pi.same_content(stored, clean):
            unchanged += 1
        elif stored is not None and pi.is_used(stored):
            reason = "already used by a rebate match: its changes are refused"
            summary.errors.append(RowError(group.rows[0], table.column("number"),
                                           clean.invoice_no, reason))  # fmt: skip
        else:
            (plan.update if stored is not None else plan.insert).append(clean)
            plan.rows_written += len(group.rows)
    summary.inserted, summary.updated = len(plan.insert), len(plan.update)
    summary.skipped = len(groups) - summary.inserted - summary.updated
    summary.details.update(unchanged=unchanged, left_out=left_out,
                           lines=sum(len(c.lines) for c in plan.insert + plan.update))  # fmt: skip
    return plan


def _write(
    session: Session, path: Path, summary: ImportSummary, plan: _Plan,
    existing: dict[str, PurchaseInvoice],
) -> None:  # fmt: skip
    record_run(session, "invoices", path, summary, written=plan.rows_written,
               skipped=summary.rows - plan.rows_written)  # fmt: skip
    run_id = session.scalar(select(ImportRun.id).order_by(ImportRun.id.desc()).limit(1))
    for clean in plan.update:
        invoice = existing[clean.invoice_no]
        pi.apply_clean(session, invoice, clean)
        invoice.import_run_id = run_id
    session.add_all(pi.build_invoice(session, clean, run_id) for clean in plan.insert)
    session.flush()
    summary.details["invoices"] = [c.invoice_no for c in plan.insert + plan.update]
