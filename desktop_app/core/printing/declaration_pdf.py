"""The export declaration (报关单) in the official horizontal layout, A4 landscape (DOMAIN §2.1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape

from desktop_app.core.printing.layout import (
    LEADING,
    CodeNames,
    Fitted,
    Pen,
    day,
    fit,
    price,
    qty,
)
from desktop_app.core.printing.sources import FormData, FormLine

PAGE_W, PAGE_H = landscape(A4)
WIDTH = 786.0
X0 = (PAGE_W - WIDTH) / 2
TITLE = "中华人民共和国海关出口货物报关单"
REBATE_MARK = "出口退税专用"

GRID_TOP = 57.0
# Header row heights: the party rows hold two lines of a long name and address.
ROW_HEIGHTS = (27.0, 27.0, 27.0, 27.0, 25.0, 25.0, 34.0)
ITEM_HEAD_H = 15.0
ITEMS_TOP = GRID_TOP + sum(ROW_HEIGHTS) + ITEM_HEAD_H
GRID_BOTTOM = PAGE_H - 22.0
FOOTER_H = (16.0, 46.0)
FOOTER_TOP = GRID_BOTTOM - sum(FOOTER_H)

LABEL_SIZE = 6.5
VALUE_SIZE = 8.5
ITEM_SIZE = 7.5
ITEM_LINES = 3  # a standard item: name / elements / -, quantities 1–3, price / total / currency
ITEM_PAD = 2.0
MIN_SIZE = 5.0

# Header boxes, row by row: (label, width). Rows 1–4 share the wide party column.
PARTY_W = 236.0
HEADER_ROWS: tuple[tuple[tuple[str, float], ...], ...] = (
    (("境内发货人", PARTY_W), ("出境关别", 137.5), ("出口日期", 137.5), ("申报日期", 137.5),
     ("备案号", 137.5)),
    (("境外收货人", PARTY_W), ("运输方式", 137.5), ("运输工具名称及航次号", 206.25),
     ("提运单号", 206.25)),
    (("生产销售单位", PARTY_W), ("监管方式", 137.5), ("征免性质", 137.5), ("许可证号", 275.0)),
    (("合同协议号", PARTY_W), ("贸易国（地区）", 137.5), ("运抵国（地区）", 137.5),
     ("指运港", 137.5), ("离境口岸", 137.5)),
    (("包装种类", 132.0), ("件数", 70.0), ("毛重（千克）", 92.0), ("净重（千克）", 92.0),
     ("成交方式", 70.0), ("运费", 110.0), ("保费", 110.0), ("杂费", 110.0)),
    (("随附单证及编号", WIDTH),),
    (("标记唛码及备注", WIDTH),),
)  # fmt: skip
ITEM_COLUMNS: tuple[tuple[str, float], ...] = (
    ("项号", 30.0), ("商品编号", 70.0), ("商品名称及规格型号", 218.0), ("数量及单位", 92.0),
    ("单价/总价/币制", 100.0), ("原产国（地区）", 72.0), ("最终目的国（地区）", 80.0),
    ("境内货源地", 72.0), ("征免", 52.0),
)  # fmt: skip
FOOTER_CHECKS = ("特殊关系确认：", "价格影响确认：", "支付特许权使用费确认：", "自报自缴：")
DECLARATION_TEXT = "兹申明对以上内容承担如实申报、依法纳税之法律责任"
LABELS = (
    "预录入编号", "海关编号", "页码/页数",
    *(label for row in HEADER_ROWS for label, _ in row),
    *(label for label, _ in ITEM_COLUMNS),
    *(text.rstrip("：") for text in FOOTER_CHECKS),
    "申报人员", "申报人员证号", "电话", DECLARATION_TEXT, "申报单位", "申报单位（签章）",
    "海关批注及签章",
)  # fmt: skip
"""Every box label the form prints (the tests look for each one in the PDF's text)."""


@dataclass(frozen=True)
class Box:
    label: str
    code: str  # printed in brackets after the label, as on the real form
    value: str


@dataclass(frozen=True)
class ItemLayout:
    """One declaration line laid out in the item columns; height in points."""

    cells: tuple[Fitted, ...]
    height: float


def items_per_page() -> int:
    """How many standard (three-line) items one page holds."""
    return int((FOOTER_TOP - ITEMS_TOP) // _item_height(ITEM_LINES))


def _item_height(lines: int) -> float:
    return lines * ITEM_SIZE * LEADING + 2 * ITEM_PAD


def draw_declaration(pen: Pen, form: FormData, names: CodeNames, *, mark: str | None = None) -> int:
    """Draw the form's pages on the pen's canvas (the header repeats on every page)."""
    boxes = header_boxes(form, names)
    pages = paginate([layout_item(line, names) for line in form.lines])
    for number, items in enumerate(pages, start=1):
        _draw_page(pen, form, boxes, items, f"{number}/{len(pages)}", mark)
        pen.page_done()
    return len(pages)


def paginate(items: Sequence[ItemLayout]) -> list[list[ItemLayout]]:
    """Items packed onto pages in order, never split; always at least one page."""
    room = FOOTER_TOP - ITEMS_TOP
    pages: list[list[ItemLayout]] = [[]]
    used = 0.0
    for item in items:
        if pages[-1] and used + item.height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += item.height
    return pages


# ---------------------------------------------------------------- content


def header_boxes(form: FormData, names: CodeNames) -> list[list[Box]]:
    """The header rows' boxes with their bracketed codes and printed values."""

    def coded(table: str, code: str | int | None) -> Box:
        text = "" if code is None else str(code)
        return Box("", text, names.cn(table, text) or text)

    values: dict[str, Box] = {
        "境内发货人": Box("", form.consignor_code, form.consignor_name),
        "出境关别": coded("customs_districts", form.exit_customs),
        "出口日期": Box("", "", day(form.export_date, compact=True)),
        "申报日期": Box("", "", day(form.declare_date, compact=True)),
        "备案号": Box("", "", form.filing_no),
        "境外收货人": Box("", "", form.overseas_consignee),
        "运输方式": coded("transport_modes", form.transport_mode),
        "运输工具名称及航次号": Box("", "", form.transport_name),
        "提运单号": Box("", "", form.bill_no),
        "生产销售单位": Box("", form.producer_code, form.producer_name),
        "监管方式": coded("supervision_modes", form.supervision_mode),
        "征免性质": coded("levy_nature", form.levy_nature),
        "许可证号": Box("", "", form.license_no),
        "合同协议号": Box("", "", form.contract_no),
        "贸易国（地区）": coded("countries", form.trade_country),
        "运抵国（地区）": coded("countries", form.destination_country),
        "指运港": coded("ports", form.destination_port),
        "离境口岸": coded("domestic_ports", form.departure_port),
        "包装种类": coded("package_kinds", form.package_kind),
        "件数": Box("", "", str(form.packages)),
        "毛重（千克）": Box("", "", qty(form.gross_weight_kg)),
        "净重（千克）": Box("", "", qty(form.net_weight_kg)),
        "成交方式": coded("trade_terms", form.trade_terms),
        "运费": Box("", "", _charge(form.freight, form.freight_mark, form.charges_currency)),
        "保费": Box("", "", _charge(form.insurance, form.insurance_mark, form.charges_currency)),
        "杂费": Box(
            "", "", _charge(form.other_charges, form.other_charges_mark, form.charges_currency)
        ),
        "随附单证及编号": Box("", "", form.attached_documents),
        "标记唛码及备注": Box("", "", form.marks_remarks),
    }
    return [
        [Box(label, values[label].code, values[label].value) for label, _ in row]
        for row in HEADER_ROWS
    ]


def _charge(amount: Decimal, mark: int | None, currency: str) -> str:
    """运费/保费/杂费 as the form writes them: currency/amount/mark, a rate as rate/1."""
    if not amount and mark is None:
        return ""
    if mark == 1:
        return f"{qty(amount)}/1"
    return f"{currency}/{amount:.2f}/{mark or 3}"


def layout_item(line: FormLine, names: CodeNames) -> ItemLayout:
    """Fit one line's texts into the item columns; long 申报要素 make the item taller."""
    widths = [w - 5 for _, w in ITEM_COLUMNS]
    name_lines = _wrap_all([line.name_cn, line.declaration_elements], widths[2])
    quantities = [_quantity(names, line.first_quantity, line.first_unit)]
    if line.second_unit and line.second_quantity is not None:
        quantities.append(_quantity(names, line.second_quantity, line.second_unit))
    if line.trade_unit not in (line.first_unit, line.second_unit):
        quantities.append(_quantity(names, line.trade_quantity, line.trade_unit))
    currency = names.cn("currencies", line.currency) or line.currency
    columns = [
        [str(line.line_no)],
        [line.hs_code],
        name_lines,
        quantities,
        [price(line.unit_price), f"{line.amount:.2f}", currency],
        _named(names, "countries", line.origin_country),
        _named(names, "countries", line.destination_country),
        _named(names, "domestic_regions", line.domestic_source),
        _named(names, "levy_modes", line.levy_mode),
    ]
    cells = [_cell(texts, width) for texts, width in zip(columns, widths, strict=True)]
    rows = max(ITEM_LINES, *(len(c.lines) for c in cells))
    return ItemLayout(tuple(cells), _item_height(rows))


def _wrap_all(texts: list[str], width: float) -> list[str]:
    lines: list[str] = []
    for text in texts:
        if text:
            lines.extend(fit(text, width, 10_000, ITEM_SIZE, ITEM_SIZE).lines)
    return lines


def _cell(texts: list[str], width: float) -> Fitted:
    lines: list[str] = []
    for text in texts:
        lines.extend(fit(text, width, 10_000, ITEM_SIZE, ITEM_SIZE).lines if text else [""])
    while lines and not lines[-1]:
        lines.pop()
    return Fitted(ITEM_SIZE, tuple(lines))


def _quantity(names: CodeNames, quantity: Decimal, unit: str) -> str:
    """'19.2千克' as on the form; an unknown unit code stays apart from the digits: '19.2 (035)'."""
    name = names.cn("units", unit)
    return f"{qty(quantity)}{name}" if name else f"{qty(quantity)} ({unit})"


def _named(names: CodeNames, table: str, code: str | None) -> list[str]:
    """A code's name with the code in brackets below it, or the bare code when unnamed."""
    if not code:
        return []
    name = names.cn(table, code)
    return [name, f"({code})"] if name else [f"({code})"]


# ---------------------------------------------------------------- drawing


def _draw_page(
    pen: Pen,
    form: FormData,
    boxes: list[list[Box]],
    items: list[ItemLayout],
    page_text: str,
    mark: str | None,
) -> None:
    _draw_title(pen, form, page_text, mark)
    segments = _draw_header(pen, boxes)
    segments += _draw_items(pen, items)
    segments += _draw_footer(pen, form)
    pen.canvas.setLineWidth(0.6)
    pen.lines(segments)
    pen.canvas.setLineWidth(1.0)
    pen.rect(X0, GRID_TOP, WIDTH, GRID_BOTTOM - GRID_TOP)
    pen.text(X0, GRID_BOTTOM + 6, f"ExportDesk {form.ref}", 6)


def _draw_title(pen: Pen, form: FormData, page_text: str, mark: str | None) -> None:
    pen.bold(PAGE_W / 2, 20, TITLE, 15, align="centre")
    if mark:
        pen.canvas.setLineWidth(1.0)
        pen.rect(X0, 16, 96, 22)
        pen.text(X0 + 48, 21, mark, 12, align="centre")
    top = 44.0
    pen.text(X0, top, f"预录入编号：{form.pre_entry_no}", 8)
    customs = f"海关编号：{form.customs_no or ''}"
    if form.declare_customs:
        customs += f"    ({form.declare_customs})"
    pen.text(X0 + 210, top, customs, 8)
    pen.text(X0 + WIDTH, top, f"页码/页数：{page_text}", 8, align="right")


def _draw_header(pen: Pen, boxes: list[list[Box]]) -> list[tuple[float, float, float, float]]:
    segments = []
    top = GRID_TOP
    for row, widths, height in zip(boxes, HEADER_ROWS, ROW_HEIGHTS, strict=True):
        x = X0
        for box, (_, width) in zip(row, widths, strict=True):
            if x > X0:
                segments.append((x, top, x, top + height))
            label = f"{box.label} ({box.code})" if box.code else box.label
            pen.text(x + 2.5, top + 2.5, label, LABEL_SIZE)
            room = height - LABEL_SIZE * LEADING - 5
            fitted = fit(box.value, width - 6, room, VALUE_SIZE, MIN_SIZE)
            pen.block(x + 4, top + 4 + LABEL_SIZE * LEADING, fitted)
            x += width
        top += height
        segments.append((X0, top, X0 + WIDTH, top))
    return segments


def _draw_items(pen: Pen, items: list[ItemLayout]) -> list[tuple[float, float, float, float]]:
    head_top = ITEMS_TOP - ITEM_HEAD_H
    segments = [(X0, ITEMS_TOP, X0 + WIDTH, ITEMS_TOP)]
    x = X0
    for label, width in ITEM_COLUMNS:
        if x > X0:
            segments.append((x, head_top, x, FOOTER_TOP))
        pen.text(x + width / 2, head_top + 4, label, LABEL_SIZE + 0.5, align="centre")
        x += width
    top = ITEMS_TOP
    for item in items:
        x = X0
        for cell, (_, width) in zip(item.cells, ITEM_COLUMNS, strict=True):
            pen.block(x + 2.5, top + ITEM_PAD, cell)
            x += width
        top += item.height
    return segments


def _draw_footer(pen: Pen, form: FormData) -> list[tuple[float, float, float, float]]:
    company = form.company
    top = FOOTER_TOP
    segments = [(X0, top, X0 + WIDTH, top)]
    for n, text in enumerate(FOOTER_CHECKS):
        pen.text(X0 + 4 + n * 170, top + 4.5, text, 7)
    top += FOOTER_H[0]
    segments.append((X0, top, X0 + WIDTH, top))
    left_w, middle_w = 300.0, 280.0
    bottom = top + FOOTER_H[1]
    segments += [(X0 + left_w, top, X0 + left_w, bottom)]
    segments += [(X0 + left_w + middle_w, top, X0 + left_w + middle_w, bottom)]
    people = (
        f"申报人员 {company.declarant_name}    申报人员证号 {company.declarant_cert_no}"
        f"    电话 {company.phone}"
    )
    pen.block(X0 + 4, top + 4, fit(people, left_w - 8, 10, 7, MIN_SIZE))
    declarant = f"申报单位 {form.consignor_name or company.name_cn}"
    pen.block(X0 + 4, top + 26, fit(declarant, left_w - 8, 16, 7, MIN_SIZE))
    pen.text(X0 + left_w + 4, top + 4, DECLARATION_TEXT, 7)
    pen.text(X0 + left_w + middle_w - 6, top + 32, "申报单位（签章）", 7, align="right")
    pen.text(X0 + left_w + middle_w + 4, top + 4, "海关批注及签章", 7)
    return segments
