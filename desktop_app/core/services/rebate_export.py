"""The Excel files of a rebate batch the tax office's offline program imports (DOMAIN §3.1, §3.2).

A 免退 (trading) batch gives two files, the 出口明细 and the 进货明细 import templates:

- ``《外贸企业出口退税出口明细申报表》导入模板-<纳税人识别号>-<批次>.xlsx``
- ``《外贸企业出口退税进货明细申报表》导入模板-<纳税人识别号>-<批次>.xlsx``

each with sheet ``模板``, the column heads in row 8 and the data from row 9, columns A–Q in the
documented order (two independent open-source generators agree; no official spec was found ⚠).
What the official template puts in rows 1–7 is not known exactly, so they stay minimal: the
title, 纳税人识别号, 纳税人名称, 申报年月 and 申报批次, one per row; the program reads from row 8.

A 免抵退 (manufacturer) batch gives one file instead, the 生产企业 detail
``生产企业出口货物免抵退税申报明细表-<纳税人识别号>-<申报年月>-<批次>.xlsx`` ⚠ (name and layout
chosen here: the manufacturer template itself was not found), in the field order of DOMAIN §3.2
"生产企业 detail rows", with 人民币离岸价, 不得免征和抵扣税额 and 免抵退税额 per row; the
deductions for duty-free materials belong to the batch (the period), so their columns stay empty.

Choices marked ⚠ because they are unconfirmed:
- 计量单位 is the unit's Chinese name from the code table "units" (the rows hold the code; the
  program shows names such as 千克 in its own entry screens).
- Drop-down values are written as "code|name"; the names come from the settings
  rebate.business_types, rebate.tax_kinds and rebate.voucher_kinds, which the user can edit.
- 申报商品代码 is the declaration line's own HS code (the row's code when it has no line).
- 申报序号 (manufacturer) is the row's place in the file, 8 digits.

Identifiers and codes are TEXT cells (number format "@") so Excel keeps "001" and 21-digit
numbers as typed; dates are real Excel dates; amounts are exact Decimals, never floats.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import settings
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import (
    CompanyProfile,
    Declaration,
    DeclarationLine,
    RebateBatch,
    RebateExportRow,
    RebatePurchaseRow,
)
from desktop_app.core.money import round_fen
from desktop_app.core.printing.layout import CodeNames

SHEET = "模板"
HEADER_ROW = 8
# Quantities (≤ 5 dp) and rates are exact values shown as stored: "General", since a pattern
# such as 0.##### leaves a dangling point after whole numbers ("13.").
TEXT, DATE, MONEY, PLAIN = "@", "yyyy-mm-dd", "0.00", "General"
QTY = RATE = PLAIN
EXPORT_TITLE = "外贸企业出口退税出口明细申报表"
PURCHASE_TITLE = "外贸企业出口退税进货明细申报表"
MANUFACTURER_TITLE = "生产企业出口货物免抵退税申报明细表"

# (head, number format) in column order A, B, …
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("申报年月", TEXT), ("申报批次", TEXT), ("关联号", TEXT), ("出口货物报关单号", TEXT),
    ("代理出口货物证明号", TEXT), ("出口发票号", TEXT), ("出口日期", DATE),
    ("出口商品代码", TEXT), ("出口商品名称", PLAIN), ("计量单位", PLAIN), ("出口数量", QTY),
    ("美元离岸价", MONEY), ("申报商品代码", TEXT), ("退（免）税业务类型", PLAIN),
    ("国内启运方式", PLAIN), ("海关总署认证企业类型", PLAIN), ("备注", PLAIN),
)  # fmt: skip
PURCHASE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("申报年月", TEXT), ("申报批次", TEXT), ("关联号", TEXT), ("税种", PLAIN), ("凭证种类", PLAIN),
    ("进货凭证号", TEXT), ("开票日期", DATE), ("供货方纳税人识别号", TEXT), ("出口商品代码", TEXT),
    ("商品名称", PLAIN), ("计量单位", PLAIN), ("数量", QTY), ("计税金额", MONEY),
    ("征税率%", RATE), ("退税率%", RATE), ("可退税额", MONEY), ("备注", PLAIN),
)  # fmt: skip
MANUFACTURER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("申报序号", TEXT), ("出口发票号", TEXT), ("报关单号", TEXT), ("出口日期", DATE),
    ("代理证明号", TEXT), ("商品代码", TEXT), ("计量单位", PLAIN), ("出口数量", QTY),
    ("美元离岸价", MONEY), ("人民币离岸价", MONEY), ("征税率", RATE), ("退税率", RATE),
    ("计划分配率", PLAIN), ("进料加工保税进口料件组成计税价格", MONEY),
    ("国内购进免税原材料价格", MONEY), ("免抵退税不得免征和抵扣税额", MONEY), ("免抵退税额", MONEY),
    ("手(账)册号", TEXT), ("业务类型", PLAIN), ("合同号", TEXT), ("备注", PLAIN),
)  # fmt: skip
_WIDE = {"出口货物报关单号": 26, "报关单号": 26, "进货凭证号": 24, "供货方纳税人识别号": 22,
         "出口商品名称": 28, "商品名称": 28, "退（免）税业务类型": 22}  # fmt: skip


# ---------------------------------------------------------------- reading the batch


@dataclass(frozen=True)
class BatchData:
    """A batch with its included rows in seq order and the company it is filed for."""

    batch: RebateBatch
    company: CompanyProfile
    exports: list[RebateExportRow]
    purchases: list[RebatePurchaseRow]

    @property
    def batch_text(self) -> str:
        return f"{self.batch.batch_no:03d}"

    @property
    def manufacturer(self) -> bool:
        return self.batch.method == "exempt_credit_refund"


def load_batch(session: Session, batch_id: int) -> BatchData:
    """The batch and its included rows; BadInput when it is missing, empty or has no USCC."""
    batch = session.get(RebateBatch, batch_id)
    if batch is None:
        raise BadInput(f"rebate batch {batch_id} does not exist")
    company = session.get(CompanyProfile, 1)
    if company is None or not (company.uscc or "").strip():
        raise BadInput(
            "the company's 统一社会信用代码 (USCC) is missing: fill it in the company profile; "
            "the tax office's files are named and headed with it"
        )
    exports = list(
        session.scalars(
            select(RebateExportRow)
            .where(RebateExportRow.batch_id == batch_id, RebateExportRow.status == "included")
            .order_by(RebateExportRow.seq)
        )
    )
    if not exports:
        raise BadInput(
            f"rebate batch {batch.period}-{batch.batch_no:03d} has no included export row: "
            "nothing to file"
        )
    purchases = list(
        session.scalars(
            select(RebatePurchaseRow)
            .where(RebatePurchaseRow.batch_id == batch_id, RebatePurchaseRow.status == "included")
            .order_by(RebatePurchaseRow.seq)
        )
    )
    return BatchData(batch, company, exports, purchases)


def serial(n: int) -> str:
    """序号 of the printed forms: 0001 … 9999, then A001 … A999, B001 … (DOMAIN §3.2)."""
    if n < 1:
        raise ValueError(f"序号 starts at 1, not {n}")
    if n <= 9999:
        return f"{n:04d}"
    letter, number = divmod(n - 10_000, 999)
    if letter >= 26:
        raise BadInput(f"{n} rows exceed the printed forms' 序号 (at most Z999)")
    return f"{chr(ord('A') + letter)}{number + 1:03d}"


def code_names(session: Session, key: str) -> dict[str, str]:
    """A "code|name;code|name" setting as {code: "code|name"}; BadInput naming a bad entry."""
    text = str(settings.get(session, key))
    found: dict[str, str] = {}
    for entry in text.replace("\n", ";").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        code, bar, name = entry.partition("|")
        if not bar or not code.strip() or not name.strip():
            raise BadInput(f"setting {key}: {entry!r} is not written as code|name")
        found[code.strip()] = f"{code.strip()}|{name.strip()}"
    return found


@dataclass(frozen=True)
class ManufacturerFigures:
    """One 免抵退 row's amounts, each rounded half-up to the fen."""

    cny_fob: Decimal
    non_creditable: Decimal  # 免抵退税不得免征和抵扣税额
    credit_refund: Decimal  # 免抵退税额


def manufacturer_figures(row: RebateExportRow) -> ManufacturerFigures:
    """人民币离岸价 (stored, else USD FOB × rate), 不得免征和抵扣 and 免抵退 of one export row."""
    cny = row.cny_fob
    if cny is None and row.fx_rate is not None:
        cny = round_fen(row.usd_fob * row.fx_rate)
    if cny is None or row.levy_rate is None or row.rebate_rate is None:
        missing = [n for n, v in (("人民币离岸价 or 汇率", cny), ("征税率", row.levy_rate),
                                  ("退税率", row.rebate_rate)) if v is None]  # fmt: skip
        raise BadInput(f"export row {row.seq} ({row.declaration_no}): {', '.join(missing)} missing")
    return ManufacturerFigures(
        cny,
        round_fen(cny * (row.levy_rate - row.rebate_rate) / 100),
        round_fen(cny * row.rebate_rate / 100),
    )


# ---------------------------------------------------------------- rows of the files


class Names:
    """Unit names and drop-down values, gathering every row that cannot be named."""

    def __init__(self, session: Session) -> None:
        self.units = CodeNames(session)
        self.session = session
        self.tables: dict[str, dict[str, str]] = {}
        self.problems: list[FieldProblem] = []

    def unit(self, code: str, row: int, where: str) -> str:
        name = self.units.cn("units", code)
        if not name:
            self.problems.append(FieldProblem("计量单位", "not in the units code table", code, row,
                                              where))  # fmt: skip
        return name or code

    def dropdown(self, key: str, code: str, field: str, row: int, where: str) -> str:
        if not code:
            return ""
        table = self.tables.get(key)
        if table is None:
            table = self.tables[key] = code_names(self.session, key)
        value = table.get(code)
        if value is None:
            reason = f"has no name in the setting {key}; add it as {code}|名称"
            self.problems.append(FieldProblem(field, reason, code, row, where))
        return value or code


def declared_codes(session: Session, rows: Sequence[RebateExportRow]) -> dict[int, tuple[str, str]]:
    """declaration line id → (its HS code, its declaration's contract number)."""
    ids = [r.declaration_line_id for r in rows if r.declaration_line_id is not None]
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(DeclarationLine.id, DeclarationLine.hs_code, Declaration.contract_no)
            .join(Declaration, Declaration.id == DeclarationLine.declaration_id)
            .where(DeclarationLine.id.in_(ids[start : start + 500]))
        )
        found.update({i: (hs, contract or "") for i, hs, contract in session.execute(query)})
    return found


def export_values(
    data: BatchData, names: Names, declared: dict[int, tuple[str, str]]
) -> list[list[Any]]:
    where = "出口明细"
    values = []
    for row in data.exports:
        hs = declared.get(row.declaration_line_id or 0, (row.commodity_code, ""))[0]
        values.append([
            data.batch.period, data.batch_text, row.link_no, row.declaration_no, "",
            row.export_invoice_no, row.export_date, row.commodity_code, row.commodity_name,
            names.unit(row.unit, row.seq, where), _number(row.quantity), row.usd_fob, hs,
            names.dropdown("rebate.business_types", row.business_type, "退（免）税业务类型",
                           row.seq, where),
            "", "", row.note,
        ])  # fmt: skip
    return values


def purchase_values(data: BatchData, names: Names) -> list[list[Any]]:
    where = "进货明细"
    values = []
    for row in data.purchases:
        values.append([
            data.batch.period, data.batch_text, row.link_no,
            names.dropdown("rebate.tax_kinds", row.tax_kind, "税种", row.seq, where),
            names.dropdown("rebate.voucher_kinds", row.voucher_kind, "凭证种类", row.seq, where),
            row.voucher_no, row.issue_date, row.supplier_tax_id, row.commodity_code,
            row.commodity_name, names.unit(row.unit, row.seq, where), _number(row.quantity),
            row.tax_base, _number(row.levy_rate), _number(row.rebate_rate), row.refund, row.note,
        ])  # fmt: skip
    return values


def manufacturer_values(
    data: BatchData, names: Names, declared: dict[int, tuple[str, str]]
) -> list[list[Any]]:
    where = "免抵退明细"
    values = []
    for n, row in enumerate(data.exports, start=1):
        figures = manufacturer_figures(row)
        contract = declared.get(row.declaration_line_id or 0, ("", ""))[1]
        values.append([
            f"{n:08d}", row.export_invoice_no, row.declaration_no, row.export_date, "",
            row.commodity_code, names.unit(row.unit, row.seq, where), _number(row.quantity),
            row.usd_fob, figures.cny_fob, _number(row.levy_rate), _number(row.rebate_rate),
            None, None, None, figures.non_creditable, figures.credit_refund, "",
            names.dropdown("rebate.business_types", row.business_type, "业务类型", row.seq,
                           where),
            contract, row.note,
        ])  # fmt: skip
    return values


def _number(value: Decimal | None) -> Decimal | int | None:
    """A stored quantity or rate without its padding zeros: 13.00 → 13, 12.50000 → 12.5."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


# ---------------------------------------------------------------- writing


def export_file_names(data: BatchData) -> list[str]:
    uscc = data.company.uscc.strip() if data.company.uscc else ""
    if data.manufacturer:
        return [f"{MANUFACTURER_TITLE}-{uscc}-{data.batch.period}-{data.batch_text}.xlsx"]
    return [f"《{title}》导入模板-{uscc}-{data.batch_text}.xlsx"
            for title in (EXPORT_TITLE, PURCHASE_TITLE)]  # fmt: skip


def export_batch(session: Session, batch_id: int, out_dir: Path) -> list[Path]:
    """Write the batch's import files into `out_dir` and return their paths.

    Only rows with status "included" are written, in seq order; a 免退 batch without included
    purchase rows still gets its 进货明细 file, with the heads only. Every file is written to a
    temporary name first and renamed when all are complete, so a failure leaves no half file.
    BadInput for a missing or empty batch, a company without USCC, or rows that cannot be
    named (unknown unit codes, drop-down codes missing from the settings) — all listed at once.
    """
    data = load_batch(session, batch_id)
    names = Names(session)
    declared = declared_codes(session, data.exports)
    if data.manufacturer:
        sheets = [(MANUFACTURER_TITLE, MANUFACTURER_COLUMNS,
                   manufacturer_values(data, names, declared))]  # fmt: skip
    else:
        sheets = [
            (EXPORT_TITLE, EXPORT_COLUMNS, export_values(data, names, declared)),
            (PURCHASE_TITLE, PURCHASE_COLUMNS, purchase_values(data, names)),
        ]
    if names.problems:
        raise ValidationFailed(names.problems)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / name for name in export_file_names(data)]
    temps: list[str] = []
    try:
        for title, columns, rows in sheets:
            handle, temp = tempfile.mkstemp(suffix=".xlsx", prefix=".rebate-", dir=out_dir)
            os.close(handle)
            temps.append(temp)
            _write_book(Path(temp), title, data, columns, rows)
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    finally:
        for temp in temps:
            if os.path.exists(temp):
                os.unlink(temp)
    return targets


def _write_book(
    path: Path,
    title: str,
    data: BatchData,
    columns: Sequence[tuple[str, str]],
    rows: list[list[Any]],
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for index, (head, _) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDE.get(head, 14)

    def cell(value: Any, number_format: str = PLAIN, bold: bool = False) -> Any:
        made = WriteOnlyCell(sheet, value=value)
        made.number_format = number_format
        if bold:
            made.font = Font(bold=True)
        return made

    company = data.company
    sheet.append([cell(title, bold=True)])
    sheet.append([cell("纳税人识别号"), cell(company.uscc.strip(), TEXT)])
    sheet.append([cell("纳税人名称"), cell(company.name_cn)])
    sheet.append([cell("申报年月"), cell(data.batch.period, TEXT)])
    sheet.append([cell("申报批次"), cell(data.batch_text, TEXT)])
    for _ in range(HEADER_ROW - 6):
        sheet.append([])
    sheet.append([cell(head, bold=True) for head, _ in columns])
    for values in rows:
        sheet.append([
            cell(_text(v) if fmt == TEXT else (None if v == "" else v), fmt)
            for v, (_, fmt) in zip(values, columns, strict=True)
        ])  # fmt: skip
    book.save(path)


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None  # an empty string would still be written as a (blank) text cell
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
