"""The bilingual commercial invoice (商业发票) of a declaration; the total in words and 大写."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.core.printing import amount_words
from desktop_app.core.printing.commercial import (
    Block,
    Column,
    Sheet,
    Table,
    closing_blocks,
    country_text,
    draw_sheet,
    goods_cells,
    reference_rows,
    route_boxes,
    text_block,
    unit_text,
)
from desktop_app.core.printing.layout import CodeNames, Pen, money, price, qty
from desktop_app.core.printing.sources import FormData

ZERO = Decimal(0)
CHARGE_NAMES = (("freight", "Freight  运费"), ("insurance", "Insurance  保费"),
                ("other_charges", "Other charges  杂费"))  # fmt: skip


def columns(currency: str) -> tuple[Column, ...]:
    return (
        Column("No.", "序号", 24, "centre"),
        Column("Description of Goods", "货物描述", 190),
        Column("HS Code", "商品编码", 58),
        Column("Quantity", "数量", 54, "right"),
        Column("Unit", "单位", 45),
        Column(f"Unit Price ({currency})", "单价", 70, "right"),
        Column(f"Amount ({currency})", "金额", 82, "right"),
    )


def draw_invoice(pen: Pen, form: FormData, names: CodeNames) -> int:
    return draw_sheet(pen, form, invoice_sheet(form, names), names)


def invoice_sheet(form: FormData, names: CodeNames) -> Sheet:
    currency = form.currency
    table = Table(columns(currency))
    for line in form.lines:
        table.add([*goods_cells(line, names), price(line.unit_price), money(line.amount)])
    total = form.lines_total
    quantity, unit = total_quantity(form, names)
    table.add(["", "TOTAL  合计", "", quantity, unit, "", money(total)], total=True)
    info = [
        *reference_rows(form, names),
        ("Currency  币制", f"{currency} {names.cn('currencies', currency)}".strip()),
        ("Customs Decl. No.  报关单号", form.customs_no or ""),
        ("Origin  原产国", _origins(form, names)),
    ]
    parts: list[Table | Block] = [table, amount_block(form, names, total), *closing_blocks(form)]
    return Sheet("COMMERCIAL INVOICE", "商业发票", "Invoice No. 发票号", info,
                 route_boxes(form, names), parts)  # fmt: skip


def total_quantity(form: FormData, names: CodeNames) -> tuple[str, str]:
    """The summed trade quantity and unit when every line uses one unit; blank otherwise."""
    units = {line.trade_unit for line in form.lines}
    if len(units) != 1:
        return "", ""
    summed = sum((line.trade_quantity for line in form.lines), ZERO)
    return qty(summed), unit_text(names, units.pop())


def amount_block(form: FormData, names: CodeNames, total: Decimal) -> Block:
    """The total in figures, in English words and in Chinese capitals (大写), and the freight,
    insurance and other charges the declaration states (CIF / C&F terms)."""
    currency = form.currency
    name_cn = names.cn("currencies", currency) or amount_words.CURRENCY_NAMES_CN.get(currency, "")
    lines = [
        (f"TOTAL AMOUNT 总金额：{currency} {money(total)}", 8.5),
        (f"{amount_words.english_amount(total, currency)}", 8),
        (f"大写金额：{amount_words.chinese_amount(total, name_cn)}", 8.5),
    ]
    charges = [
        f"{label}: {form.charges_currency} {money(getattr(form, attr))}"
        for attr, label in CHARGE_NAMES
        if getattr(form, attr)
    ]
    if charges:
        lines.append(("Charges 费用：" + "；".join(charges), 7.5))
    return text_block(lines)


def _origins(form: FormData, names: CodeNames) -> str:
    codes = sorted({line.origin_country for line in form.lines if line.origin_country})
    return "; ".join(country_text(names, code) for code in codes)
