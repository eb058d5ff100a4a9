"""The bilingual packing list (装箱单) of a declaration: quantities, weights, cartons, volume."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from desktop_app.core.printing import amount_words
from desktop_app.core.printing.commercial import (
    Block,
    Column,
    Sheet,
    Table,
    closing_blocks,
    draw_sheet,
    goods_cells,
    reference_rows,
    route_boxes,
    text_block,
)
from desktop_app.core.printing.invoice_pdf import total_quantity
from desktop_app.core.printing.layout import CodeNames, Pen, qty
from desktop_app.core.printing.sources import Carton, FormData

ZERO = Decimal(0)
CBM = Decimal("0.001")
# Package kind (包装种类) → the noun of "SAY TWELVE CARTONS ONLY" and the 大写 measure word.
PACKAGE_NOUNS = {
    "22": ("CARTONS", "箱"), "23": ("CASES", "箱"), "29": ("BOXES", "箱"), "06": ("BAGS", "袋"),
    "32": ("DRUMS", "桶"), "33": ("DRUMS", "桶"), "39": ("DRUMS", "桶"),
    "92": ("PALLETS", "托"), "93": ("PALLETS", "托"),
}  # fmt: skip
LINE_COLUMNS = (
    Column("No.", "序号", 24, "centre"),
    Column("Description of Goods", "货物描述", 180),
    Column("HS Code", "商品编码", 58),
    Column("Quantity", "数量", 56, "right"),
    Column("Unit", "单位", 45),
    Column("N.W. (kg)", "净重（千克）", 75, "right"),
    Column("G.W. (kg)", "毛重（千克）", 85, "right"),
)
CARTON_COLUMNS = (
    Column("Carton No.", "箱号", 56),
    Column("Cartons", "箱数", 44, "right"),
    Column("Size L×W×H (cm)", "尺寸（厘米）", 88),
    Column("G.W./Carton (kg)", "单箱毛重", 66, "right"),
    Column("G.W. (kg)", "毛重合计", 62, "right"),
    Column("Volume (m³)", "体积（立方米）", 62, "right"),
    Column("Contents", "箱内货物", 145),
)


def draw_packing_list(pen: Pen, form: FormData, names: CodeNames) -> int:
    return draw_sheet(pen, form, packing_sheet(form, names), names)


def packing_sheet(form: FormData, names: CodeNames) -> Sheet:
    table = Table(LINE_COLUMNS)
    for line in form.lines:
        table.add([*goods_cells(line, names), qty(line.net_weight_kg), qty(line.gross_weight_kg)])
    quantity, unit = total_quantity(form, names)
    net, gross = line_weights(form)
    table.add(["", "TOTAL  合计", "", quantity, unit, qty(net), qty(gross)], total=True)
    parts: list[Table | Block] = [table, totals_block(form, names)]
    if form.cartons:
        parts.append(carton_table(form.cartons))
    parts += closing_blocks(form)
    info = [
        ("Packing List No.  装箱单号", form.ref),
        *reference_rows(form, names),
        ("Customs Decl. No.  报关单号", form.customs_no or ""),
        ("Packages  件数", f"{form.packages} {PACKAGE_NOUNS.get(form.package_kind, ('', ''))[0]}"),
    ]
    return Sheet("PACKING LIST", "装箱单", "Packing List No. 装箱单号", info,
                 route_boxes(form, names), parts)  # fmt: skip


def line_weights(form: FormData) -> tuple[Decimal, Decimal]:
    net = sum((line.net_weight_kg or ZERO for line in form.lines), ZERO)
    gross = sum((line.gross_weight_kg or ZERO for line in form.lines), ZERO)
    return net, gross


def carton_volume(carton: Carton) -> Decimal:
    """Cubic metres of all the cartons of one carton line, to the litre."""
    one = carton.length_cm * carton.width_cm * carton.height_cm / Decimal(1_000_000)
    return (one * carton.carton_count).quantize(CBM, rounding=ROUND_HALF_UP)


def totals_block(form: FormData, names: CodeNames) -> Block:
    """Packages in figures, English words and 大写, and the header's weights and volume."""
    noun, measure = PACKAGE_NOUNS.get(form.package_kind, ("PACKAGES", "件"))
    kind = " ".join(
        t for t in (names.en("package_kinds", form.package_kind),
                    names.cn("package_kinds", form.package_kind)) if t
    )  # fmt: skip
    net = form.net_weight_kg if form.net_weight_kg is not None else line_weights(form)[0]
    gross = form.gross_weight_kg if form.gross_weight_kg is not None else line_weights(form)[1]
    volume = sum((carton_volume(c) for c in form.cartons), ZERO)
    weights = f"Total N.W. 总净重：{qty(net)} KGS    Total G.W. 总毛重：{qty(gross)} KGS"
    if form.cartons:
        weights += f"    Total Measurement 总体积：{volume} CBM"
    return text_block([
        (f"TOTAL PACKAGES 总件数：{form.packages} {kind}".rstrip(), 8.5),
        (amount_words.english_count(form.packages, noun), 8),
        (f"大写：{amount_words.chinese_count(form.packages, measure)}", 8.5),
        (weights, 8),
    ])  # fmt: skip


def carton_table(cartons: list[Carton]) -> Table:
    table = Table(CARTON_COLUMNS)
    count, gross, volume = 0, ZERO, ZERO
    for carton in cartons:
        line_gross = carton.gross_weight_kg * carton.carton_count
        size = "×".join(qty(v) for v in (carton.length_cm, carton.width_cm, carton.height_cm))
        table.add([
            carton.carton_no, str(carton.carton_count), size, qty(carton.gross_weight_kg),
            qty(line_gross), f"{carton_volume(carton)}", carton.contents,
        ])  # fmt: skip
        count += carton.carton_count
        gross += line_gross
        volume += carton_volume(carton)
    table.add(["TOTAL 合计", str(count), "", "", qty(gross), f"{volume}", ""], total=True)
    return table
