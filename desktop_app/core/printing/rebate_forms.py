"""The printed forms of a rebate batch for the file: 出口明细, 进货明细 and 汇总表, A4 landscape.

The detail forms follow the printed order of DOMAIN §3.1 (附件7, columns 1–14) and §3.2
(16 columns), which differs from the import templates' order; 序号 runs 0001 … 9999, A001 …
over the included rows only, so it has no gaps. Each form numbers its own pages and carries
the signature and stamp boxes on every page, since pages of a batch are filed loose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.printing.layout import LEADING, Fitted, Pen, day, fit, money, pdf_file, qty
from desktop_app.core.services.rebate_export import (
    EXPORT_TITLE,
    PURCHASE_TITLE,
    BatchData,
    Names,
    code_names,
    declared_codes,
    load_batch,
    manufacturer_figures,
    serial,
)

FORMS = ("export", "purchase", "summary")
PAGE_W, PAGE_H = landscape(A4)
WIDTH = 794.0
X0 = (PAGE_W - WIDTH) / 2
TABLE_TOP = 84.0
SIGN_H = 40.0
SIGN_TOP = PAGE_H - 26.0 - SIGN_H
BOTTOM = SIGN_TOP - 8.0
CELL_SIZE = 7.0
HEAD_SIZE = 6.5
PAD = 2.5
ZERO = Decimal(0)
SIGN_BOXES = ("申报人（签章）", "经办人", "日期", "企业（公章）")
TRADING_SUMMARY_TITLE = "外贸企业出口退税汇总申报表"
MANUFACTURER_SUMMARY_TITLE = "生产企业出口货物免抵退税申报汇总表"
EXPORT_TITLE_GENERAL = "出口货物明细申报表"
UNIT_NOTE = "金额单位：元（列至角分）"


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "left"


EXPORT_COLUMNS = (
    Column("序号", 26, "centre"), Column("关联号", 44), Column("出口发票号", 62),
    Column("出口货物报关单号", 88), Column("代理出口货物证明号", 50), Column("出口日期", 42),
    Column("出口商品代码", 46), Column("出口商品名称", 100), Column("计量单位", 34),
    Column("出口数量", 52, "right"), Column("美元离岸价", 60, "right"),
    Column("申报商品代码", 46), Column("退(免)税业务类型", 70), Column("备注", 74),
)  # fmt: skip
PURCHASE_COLUMNS = (
    Column("序号", 26, "centre"), Column("关联号", 44), Column("税种", 34), Column("凭证种类", 66),
    Column("进货凭证号", 84), Column("供货方纳税人识别号", 78), Column("开票日期", 42),
    Column("出口商品代码", 44), Column("商品名称", 70), Column("计量单位", 32),
    Column("数量", 44, "right"), Column("计税金额", 56, "right"),
    Column("征税率（%）", 28, "right"), Column("退税率（%）", 28, "right"),
    Column("可退税额", 52, "right"), Column("备注", 66),
)  # fmt: skip
TRADING_SUMMARY_COLUMNS = (
    Column("退税率（%）", 132, "centre"), Column("出口明细笔数", 132, "right"),
    Column("美元离岸价", 132, "right"), Column("进货明细笔数", 132, "right"),
    Column("计税金额", 133, "right"), Column("可退税额", 133, "right"),
)  # fmt: skip
MANUFACTURER_SUMMARY_COLUMNS = (
    Column("栏次", 50, "centre"), Column("项目", 220), Column("金额", 140, "right"),
    Column("计算", 384),
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    cells: tuple[Fitted, ...]
    height: float
    total: bool = False


@dataclass
class Form:
    """One printed form: its title, the lines above the table and the table."""

    title: str
    info: list[str]
    columns: tuple[Column, ...]
    rows: list[Row]
    numbered: bool = True  # a row of column numbers 1, 2, … under the heads

    @property
    def head_height(self) -> float:
        lines = max(len(_fit(c.title, c.width, HEAD_SIZE).lines) for c in self.columns)
        numbers = HEAD_SIZE * LEADING + 2 if self.numbered else 0
        return lines * HEAD_SIZE * LEADING + 2 * PAD + numbers


def _fit(text: str, width: float, size: float) -> Fitted:
    return fit(text, width - 2 * PAD, 10_000, size, size) if text else Fitted(size, ())


def make_row(columns: Sequence[Column], texts: Sequence[str], total: bool = False) -> Row:
    cells = tuple(_fit(t, c.width, CELL_SIZE) for t, c in zip(texts, columns, strict=True))
    lines = max(1, *(len(c.lines) for c in cells))
    return Row(cells, lines * CELL_SIZE * LEADING + 2 * PAD, total)


# ---------------------------------------------------------------- content


def _header(data: BatchData, refund: tuple[Decimal | None, Decimal | None] | None) -> list[str]:
    company = data.company
    lines = [
        f"纳税人识别号(统一社会信用代码)：{company.uscc}        纳税人名称：{company.name_cn}",
        f"申报年月：{data.batch.period}        申报批次：{data.batch_text}",
    ]
    if refund is not None:
        vat, consumption = refund
        lines[1] += f"        申报退税额：增值税 {money(vat)}    消费税 {money(consumption)}"
    return lines


def _refunds(data: BatchData) -> tuple[Decimal | None, Decimal | None]:
    """申报退税额 (增值税, 消费税): the purchase rows' refunds; the batch's refund for 免抵退."""
    if data.manufacturer:
        return data.batch.refund_total, ZERO
    vat = sum((r.refund for r in data.purchases if r.tax_kind != "C"), ZERO)
    return vat, sum((r.refund for r in data.purchases if r.tax_kind == "C"), ZERO)


def export_form(data: BatchData, names: Names, declared: dict[int, tuple[str, str]]) -> Form:
    columns = EXPORT_COLUMNS
    rows = []
    for n, row in enumerate(data.exports, start=1):
        business = names.dropdown(
            "rebate.business_types", row.business_type, "退(免)税业务类型", row.seq, "出口明细"
        )
        hs = declared.get(row.declaration_line_id or 0, (row.commodity_code, ""))[0]
        rows.append(make_row(columns, [
            serial(n), row.link_no, row.export_invoice_no, row.declaration_no, "",
            day(row.export_date), row.commodity_code, row.commodity_name,
            names.unit(row.unit, row.seq, "出口明细"), qty(row.quantity), money(row.usd_fob),
            hs, business, row.note,
        ]))  # fmt: skip
    usd = sum((r.usd_fob for r in data.exports), ZERO)
    rows.append(make_row(columns, ["合计", *[""] * 9, money(usd), "", "", ""], total=True))
    title = EXPORT_TITLE_GENERAL if data.manufacturer else EXPORT_TITLE
    return Form(title, _header(data, _refunds(data)), columns, rows)


def purchase_form(data: BatchData, names: Names) -> Form:
    columns, where = PURCHASE_COLUMNS, "进货明细"
    rows = []
    for n, row in enumerate(data.purchases, start=1):
        rows.append(make_row(columns, [
            serial(n), row.link_no,
            names.dropdown("rebate.tax_kinds", row.tax_kind, "税种", row.seq, where),
            names.dropdown("rebate.voucher_kinds", row.voucher_kind, "凭证种类", row.seq, where),
            row.voucher_no, row.supplier_tax_id, day(row.issue_date), row.commodity_code,
            row.commodity_name, names.unit(row.unit, row.seq, where), qty(row.quantity),
            money(row.tax_base), qty(row.levy_rate), qty(row.rebate_rate), money(row.refund),
            row.note,
        ]))  # fmt: skip
    base = sum((r.tax_base for r in data.purchases), ZERO)
    refund = sum((r.refund for r in data.purchases), ZERO)
    totals = ["合计", *[""] * 10, money(base), "", "", money(refund), ""]
    rows.append(make_row(columns, totals, total=True))
    return Form(PURCHASE_TITLE, _header(data, None), columns, rows)


def trading_summary_form(data: BatchData) -> Form:
    """Counts and sums by rebate rate: export rows by their rate, purchase rows by theirs."""
    groups: dict[str, list[Decimal | int]] = {}

    def group(rate: Decimal | None) -> list[Decimal | int]:
        return groups.setdefault(qty(rate) if rate is not None else "—", [0, ZERO, 0, ZERO, ZERO])

    for row in data.exports:
        found = group(row.rebate_rate)
        found[0] += 1
        found[1] += row.usd_fob
    for row in data.purchases:
        found = group(row.rebate_rate)
        found[2] += 1
        found[3] += row.tax_base
        found[4] += row.refund
    columns = TRADING_SUMMARY_COLUMNS
    ordered = sorted(
        groups.items(), key=lambda kv: (kv[0] == "—", -Decimal(kv[0]) if kv[0] != "—" else 0)
    )
    rows = [make_row(columns, _summary_texts(rate, sums)) for rate, sums in ordered]
    total = [sum((s[i] for s in groups.values()), ZERO) for i in range(5)]
    rows.append(make_row(columns, _summary_texts("合计", total), total=True))
    return Form(TRADING_SUMMARY_TITLE, _header(data, _refunds(data)), columns, rows)


def _summary_texts(label: str, sums: Sequence[Decimal | int]) -> list[str]:
    count_out, usd, count_in, base, refund = sums
    return [label, str(count_out), money(Decimal(usd)), str(count_in), money(Decimal(base)),
            money(Decimal(refund))]  # fmt: skip


def manufacturer_summary_form(data: BatchData) -> Form:
    """The period's 免抵退 figures as kept on the batch, and the FOB sums of its rows."""
    batch = data.batch
    cny = sum((manufacturer_figures(r).cny_fob for r in data.exports), ZERO)
    usd = sum((r.usd_fob for r in data.exports), ZERO)
    items: list[tuple[str, str, str]] = [
        ("出口明细笔数", str(len(data.exports)), ""),
        ("美元离岸价", money(usd), ""),
        ("人民币离岸价", money(cny), "各行之和（未记人民币离岸价的行：美元离岸价 × 汇率）"),
        ("内销销项税额", money(batch.domestic_output_tax), ""),
        ("进项税额", money(batch.input_tax), ""),
        ("上期留抵税额", money(batch.previous_credit), ""),
        ("免税购进原材料价格", money(batch.duty_free_materials), ""),
        ("不得免征和抵扣税额", money(batch.non_creditable),
         "= 人民币离岸价 × (征税率 − 退税率) − 免税购进原材料价格 × (征税率 − 退税率)"),
        ("应纳税额", money(batch.tax_payable),
         "= 内销销项税额 − (进项税额 − 不得免征和抵扣税额) − 上期留抵税额"),
        ("免抵退税额", money(batch.credit_refund_total),
         "= 人民币离岸价 × 退税率 − 免税购进原材料价格 × 退税率"),
        ("应退税额", money(batch.refund_total), "期末留抵 ≤ 免抵退税额：期末留抵；否则免抵退税额"),
        ("免抵税额", money(batch.exempt_offset), "= 免抵退税额 − 应退税额"),
        ("期末留抵结转下期", money(batch.credit_carried_forward), "= 期末留抵 − 应退税额"),
    ]  # fmt: skip
    columns = MANUFACTURER_SUMMARY_COLUMNS
    rows = [make_row(columns, [str(n), *item]) for n, item in enumerate(items, start=1)]
    return Form(MANUFACTURER_SUMMARY_TITLE, _header(data, _refunds(data)), columns, rows, False)


# ---------------------------------------------------------------- drawing


def paginate(form: Form) -> list[list[Row]]:
    """Rows packed onto pages, never split; a totals row never stands alone on a page."""
    room = BOTTOM - TABLE_TOP - form.head_height
    pages: list[list[Row]] = [[]]
    used = 0.0
    for index, row in enumerate(form.rows):
        following = form.rows[index + 1 : index + 2]
        kept = following[0].height if following and following[0].total else 0.0
        if pages[-1] and used + row.height + kept > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += row.height
    return pages


def draw_form(pen: Pen, form: Form) -> int:
    pages = paginate(form)
    for number, rows in enumerate(pages, start=1):
        _draw_top(pen, form)
        _draw_table(pen, form, rows)
        _draw_signatures(pen)
        pen.text(PAGE_W / 2, PAGE_H - 18, f"第 {number} 页 / 共 {len(pages)} 页", 7.5, "centre")
        pen.page_done()
    return len(pages)


def _draw_top(pen: Pen, form: Form) -> None:
    pen.bold(PAGE_W / 2, 22, form.title, 15, align="centre")
    for n, line in enumerate(form.info):
        pen.block(X0, 48 + n * 13, fit(line, WIDTH - 120, 12, 8, 6))
    pen.text(X0 + WIDTH, 48 + 13, UNIT_NOTE, 7.5, align="right")


def _draw_table(pen: Pen, form: Form, rows: list[Row]) -> None:
    head = form.head_height
    pen.canvas.setFillGray(0.92)
    pen.canvas.rect(X0, PAGE_H - TABLE_TOP - head, WIDTH, head, stroke=0, fill=1)
    pen.canvas.setFillGray(0)
    x = X0
    number_top = TABLE_TOP + head - HEAD_SIZE * LEADING - 2
    for n, column in enumerate(form.columns, start=1):
        title = _fit(column.title, column.width, HEAD_SIZE)
        pen.block(x + PAD, TABLE_TOP + PAD, title, column.width - 2 * PAD, "centre")
        if form.numbered:
            pen.text(x + column.width / 2, number_top + 1, str(n), HEAD_SIZE, align="centre")
        x += column.width
    top = TABLE_TOP + head
    segments = [(X0, top, X0 + WIDTH, top)]
    if form.numbered:
        segments.append((X0, number_top - 1, X0 + WIDTH, number_top - 1))
    heavy = []
    for row in rows:
        x = X0
        for cell, column in zip(row.cells, form.columns, strict=True):
            pen.block(x + PAD, top + PAD, cell, column.width - 2 * PAD, column.align)
            x += column.width
        if row.total:
            heavy.append((X0, top, X0 + WIDTH, top))
        top += row.height
        segments.append((X0, top, X0 + WIDTH, top))
    x = X0
    for column in form.columns[:-1]:
        x += column.width
        segments.append((x, TABLE_TOP, x, top))
    pen.canvas.setLineWidth(0.4)
    pen.lines(segments)
    pen.canvas.setLineWidth(1.0)
    if heavy:
        pen.lines(heavy)
    pen.rect(X0, TABLE_TOP, WIDTH, top - TABLE_TOP)


def _draw_signatures(pen: Pen) -> None:
    width = WIDTH / len(SIGN_BOXES)
    pen.canvas.setLineWidth(0.6)
    for n, label in enumerate(SIGN_BOXES):
        x = X0 + n * width
        pen.rect(x, SIGN_TOP, width, SIGN_H)
        pen.text(x + 4, SIGN_TOP + 4, f"{label}：", 7.5)


# ---------------------------------------------------------------- the file


def _builders(data: BatchData, names: Names) -> dict[str, Callable[[], Form | None]]:
    def purchase() -> Form | None:
        # a 免抵退 batch has no purchase rows: the manufacturer files no 进货明细
        return None if data.manufacturer and not data.purchases else purchase_form(data, names)

    def summary() -> Form:
        return manufacturer_summary_form(data) if data.manufacturer else trading_summary_form(data)

    def export() -> Form:
        return export_form(data, names, declared_codes(names.session, data.exports))

    return {"export": export, "purchase": purchase, "summary": summary}


def batch_forms_pdf(
    session: Session, batch_id: int, out: Path, forms: Sequence[str] = FORMS
) -> Path:
    """Print the chosen forms of the batch (included rows only) into the one PDF `out`.

    BadInput for an unknown form name, a missing or empty batch, a company without USCC, or
    codes that cannot be named (the same checks as the import files). The file appears only
    when every page is drawn.
    """
    unknown = [f for f in forms if f not in FORMS]
    if unknown or not forms:
        raise BadInput(f"unknown forms {unknown or list(forms)}; choose from {', '.join(FORMS)}")
    data = load_batch(session, batch_id)
    names = Names(session)
    for key in ("rebate.business_types", "rebate.tax_kinds", "rebate.voucher_kinds"):
        code_names(session, key)  # a malformed setting is refused before anything is drawn
    builders = _builders(data, names)
    built = [form for form in (builders[f]() for f in FORMS if f in forms) if form is not None]
    if names.problems:
        raise ValidationFailed(names.problems)
    if not built:
        raise BadInput("a 免抵退 batch has no 进货明细 to print")
    title = f"出口退税 {data.batch.period}-{data.batch_text}"
    with pdf_file(out, (PAGE_W, PAGE_H), title) as canvas:
        pen = Pen(canvas, PAGE_H)
        for form in built:
            draw_form(pen, form)
    return Path(out)
