"""The bilingual A4 sheet shared by the commercial invoice and the packing list: letterhead,
parties, route, tables that flow over pages, closing blocks and "Page x of y"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4

from desktop_app.core.printing.layout import LEADING, CodeNames, Fitted, Pen, day, fit, qty
from desktop_app.core.printing.sources import FormData, FormLine

PAGE_W, PAGE_H = A4
MARGIN = 36.0
WIDTH = PAGE_W - 2 * MARGIN
X0 = MARGIN
CELL_SIZE = 7.5
CELL_PAD = 3.0
LABEL_SIZE = 6.5
BOTTOM = PAGE_H - 48.0  # tables and blocks stop here; the page number sits below
CONTINUED_TOP = 74.0


@dataclass(frozen=True)
class Column:
    title_en: str
    title_cn: str
    width: float
    align: str = "left"


@dataclass(frozen=True)
class Row:
    cells: tuple[Fitted, ...]
    height: float
    total: bool = False  # the totals row is ruled above and printed heavier


@dataclass
class Table:
    columns: tuple[Column, ...]
    rows: list[Row] = field(default_factory=list)

    @property
    def head_height(self) -> float:
        return 2 * LABEL_SIZE * LEADING + 2 * CELL_PAD

    def add(self, texts: Sequence[str | Sequence[str]], total: bool = False) -> None:
        """A row from one text (or list of lines) per column, each wrapped to its column."""
        cells = []
        for text, column in zip(texts, self.columns, strict=True):
            parts = [text] if isinstance(text, str) else list(text)
            lines: list[str] = []
            for part in parts:
                if part:
                    lines += fit(part, column.width - 5, 10_000, CELL_SIZE, CELL_SIZE).lines
            cells.append(Fitted(CELL_SIZE, tuple(lines)))
        rows = max(1, *(len(c.lines) for c in cells))
        self.rows.append(Row(tuple(cells), rows * CELL_SIZE * LEADING + 2 * CELL_PAD, total))


@dataclass(frozen=True)
class Block:
    """A closing part (totals in words, marks, signature) of a known height."""

    height: float
    draw: Callable[[Pen, float], None]


@dataclass
class Sheet:
    title_en: str
    title_cn: str
    number_label: str  # "Invoice No. 发票号" …
    info: list[tuple[str, str]]  # right-hand label / value rows under the title
    route: list[tuple[str, str]]  # the row of boxes under the parties
    parts: list[Table | Block] = field(default_factory=list)


Placed = tuple[float, Callable[[Pen, float], None]]


def draw_sheet(pen: Pen, form: FormData, sheet: Sheet, names: CodeNames) -> int:
    """Draw the sheet's pages; returns how many."""
    first_top = _first_page_height(form)
    pages = _flow(sheet.parts, first_top)
    for number, placed in enumerate(pages, start=1):
        if number == 1:
            _draw_first_page_head(pen, form, sheet)
        else:
            _draw_continued_head(pen, form, sheet)
        for top, draw in placed:
            draw(pen, top)
        footer = f"Page {number} of {len(pages)}    第 {number} 页 / 共 {len(pages)} 页"
        pen.text(PAGE_W / 2, PAGE_H - 34, footer, 7, align="centre")
        pen.page_done()
    return len(pages)


def _flow(parts: list[Table | Block], first_top: float) -> list[list[Placed]]:
    """Place tables row by row and blocks whole, starting new pages when one is full; a table
    split over pages repeats its column heads."""
    pages: list[list[Placed]] = [[]]
    top = first_top

    def room_for(height: float) -> None:
        nonlocal top
        if top + height > BOTTOM and pages[-1]:
            pages.append([])
            top = CONTINUED_TOP

    for part in parts:
        if isinstance(part, Block):
            room_for(part.height)
            pages[-1].append((top, part.draw))
            top += part.height + 8
            continue
        room_for(part.head_height + (part.rows[0].height if part.rows else 0))
        pages[-1].append((top, _head_drawer(part)))
        top += part.head_height
        for index, row in enumerate(part.rows):
            following = part.rows[index + 1 : index + 2]
            kept = following[0].height if following and following[0].total else 0.0
            if top + row.height + kept > BOTTOM:  # the totals row never stands alone
                pages.append([])
                top = CONTINUED_TOP
                pages[-1].append((top, _head_drawer(part)))
                top += part.head_height
            pages[-1].append((top, _row_drawer(part, row)))
            top += row.height
        top += 10
    return pages


def _head_drawer(table: Table) -> Callable[[Pen, float], None]:
    def draw(pen: Pen, top: float) -> None:
        height = table.head_height
        pen.canvas.setFillGray(0.92)
        pen.canvas.rect(X0, pen.page_height - top - height, WIDTH, height, stroke=0, fill=1)
        pen.canvas.setFillGray(0)
        x = X0
        segments = [(X0, top, X0 + WIDTH, top), (X0, top + height, X0 + WIDTH, top + height)]
        for column in table.columns:
            segments.append((x, top, x, top + height))
            centre = x + column.width / 2
            pen.text(centre, top + CELL_PAD, column.title_en, LABEL_SIZE, align="centre")
            pen.text(centre, top + CELL_PAD + LABEL_SIZE * LEADING, column.title_cn, LABEL_SIZE,
                     align="centre")  # fmt: skip
            x += column.width
        segments.append((x, top, x, top + height))
        pen.canvas.setLineWidth(0.6)
        pen.lines(segments)

    return draw


def _row_drawer(table: Table, row: Row) -> Callable[[Pen, float], None]:
    def draw(pen: Pen, top: float) -> None:
        x = X0
        segments = [(X0, top + row.height, X0 + WIDTH, top + row.height)]
        for cell, column in zip(row.cells, table.columns, strict=True):
            segments.append((x, top, x, top + row.height))
            pen.block(x + 2.5, top + CELL_PAD, cell, column.width - 5, column.align)
            x += column.width
        segments.append((x, top, x, top + row.height))
        pen.canvas.setLineWidth(1.0 if row.total else 0.4)
        pen.lines(segments)
        if row.total:
            pen.lines([(X0, top, X0 + WIDTH, top)])

    return draw


# ---------------------------------------------------------------- page heads


LETTERHEAD_H = 58.0
TITLE_H = 40.0
PARTIES_H = 104.0
ROUTE_H = 26.0


def _first_page_height(form: FormData) -> float:
    return 30.0 + LETTERHEAD_H + TITLE_H + PARTIES_H + ROUTE_H + 12


def _draw_first_page_head(pen: Pen, form: FormData, sheet: Sheet) -> None:
    company = form.company
    centre = PAGE_W / 2
    top = 30.0
    pen.bold(centre, top, company.name_cn or form.consignor_name, 14, align="centre")
    pen.text(centre, top + 19, company.name_en, 9.5, align="centre")
    contact = "    ".join(t for t in (company.address_en, f"Tel: {company.phone}") if t.strip())
    pen.block(X0, top + 33, fit(contact, WIDTH, 9, 7, 5), WIDTH, "centre")
    pen.block(X0, top + 43, fit(company.address_cn, WIDTH, 9, 7, 5), WIDTH, "centre")
    top += LETTERHEAD_H
    pen.canvas.setLineWidth(1.2)
    pen.lines([(X0, top - 4, X0 + WIDTH, top - 4)])
    pen.bold(centre, top + 6, sheet.title_en, 16, align="centre")
    pen.text(centre, top + 25, sheet.title_cn, 10, align="centre")
    top += TITLE_H
    _draw_parties(pen, form, sheet, top)
    _draw_route(pen, sheet, top + PARTIES_H)


def _draw_continued_head(pen: Pen, form: FormData, sheet: Sheet) -> None:
    title = f"{sheet.title_en} {sheet.title_cn} (continued 续)"
    pen.bold(X0, 34, title, 11)
    pen.text(X0 + WIDTH, 36, f"{sheet.number_label}: {form.ref}", 8, align="right")
    pen.canvas.setLineWidth(0.8)
    pen.lines([(X0, 56, X0 + WIDTH, 56)])


def _draw_parties(pen: Pen, form: FormData, sheet: Sheet, top: float) -> None:
    left_w = 290.0
    seller_h = 60.0
    company = form.company
    seller = "\n".join(
        t for t in (company.name_en, company.name_cn or form.consignor_name, company.address_en)
        if t
    )  # fmt: skip
    _labelled(pen, X0, top, left_w, seller_h, "Seller / Exporter  卖方", seller)
    _labelled(pen, X0, top + seller_h, left_w, PARTIES_H - seller_h, "Buyer / Consignee  买方",
              form.overseas_consignee)  # fmt: skip
    row_h = PARTIES_H / len(sheet.info)
    x = X0 + left_w
    segments = [(x, top, x, top + PARTIES_H)]
    for n, (label, value) in enumerate(sheet.info):
        row_top = top + n * row_h
        if n:
            segments.append((x, row_top, X0 + WIDTH, row_top))
        pen.text(x + 4, row_top + (row_h - LABEL_SIZE) / 2, label, LABEL_SIZE)
        fitted = fit(value, WIDTH - left_w - 100, row_h - 2, 8, 5)
        pen.block(x + 96, row_top + (row_h - fitted.height) / 2 + 0.5, fitted)
    pen.canvas.setLineWidth(0.6)
    pen.lines([*segments, (X0, top + seller_h, x, top + seller_h)])
    pen.rect(X0, top, WIDTH, PARTIES_H)


def _draw_route(pen: Pen, sheet: Sheet, top: float) -> None:
    width = WIDTH / len(sheet.route)
    for n, (label, value) in enumerate(sheet.route):
        _labelled(pen, X0 + n * width, top, width, ROUTE_H, label, value)


def _labelled(
    pen: Pen, x: float, top: float, width: float, height: float, label: str, value: str
) -> None:
    pen.canvas.setLineWidth(0.6)
    pen.rect(x, top, width, height)
    pen.text(x + 3, top + 2.5, label, LABEL_SIZE)
    room = height - LABEL_SIZE * LEADING - 6
    pen.block(x + 5, top + 4 + LABEL_SIZE * LEADING, fit(value, width - 9, room, 8, 5))


# ---------------------------------------------------------------- shared content


def route_boxes(form: FormData, names: CodeNames) -> list[tuple[str, str]]:
    """Port of loading, destination, transport, vessel and bill of lading, in both languages."""
    loading = names.cn("domestic_ports", form.departure_port) or form.departure_port
    if not loading:
        loading = names.cn("customs_districts", form.exit_customs) or "China 中国"
    country = _both(names, "countries", form.destination_country)
    port = names.en("ports", form.destination_port) or form.destination_port
    destination = ", ".join(t for t in (port, country) if t)
    return [
        ("Port of Loading  起运港", loading),
        ("Destination  目的地", destination),
        ("Transport  运输方式", _both(names, "transport_modes", form.transport_mode)),
        ("Vessel / Voyage  运输工具", form.transport_name),
        ("B/L No.  提运单号", form.bill_no),
    ]


def reference_rows(form: FormData, names: CodeNames) -> list[tuple[str, str]]:
    """Invoice number, date, contract and terms: the header rows both sheets give."""
    return [
        ("Invoice No.  发票号", form.ref),
        ("Date  日期", document_date(form)),
        ("Contract No.  合同号", form.contract_no),
        ("Terms  成交方式", terms_text(form, names)),
    ]


def goods_cells(line: FormLine, names: CodeNames) -> list[str | list[str]]:
    """The cells both sheets start a goods line with: no., description in English and Chinese,
    HS code, quantity and unit."""
    return [
        str(line.line_no), [line.name_en, line.name_cn], line.hs_code,
        qty(line.trade_quantity), unit_text(names, line.trade_unit),
    ]  # fmt: skip


def closing_blocks(form: FormData) -> list[Block]:
    """The marks and remarks (when there are any), then the seller's signature."""
    blocks: list[Block] = []
    if form.marks_remarks:
        blocks.append(text_block([(f"Marks & Nos.  唛头及备注：{form.marks_remarks}", 7.5)]))
    blocks.append(signature_block(form))
    return blocks


def document_date(form: FormData) -> str:
    return day(form.export_date or form.declare_date or form.period_to)


def terms_text(form: FormData, names: CodeNames) -> str:
    return names.en("trade_terms", str(form.trade_terms)).split(" (")[0] or str(form.trade_terms)


def _both(names: CodeNames, table: str, code: str | None) -> str:
    english, chinese = names.en(table, code), names.cn(table, code)
    if english == chinese:
        return english or (code or "")
    return f"{english} {chinese}"


def unit_text(names: CodeNames, code: str | None) -> str:
    """'piece 个' — the unit in both languages."""
    return _both(names, "units", code)


def country_text(names: CodeNames, code: str | None) -> str:
    return _both(names, "countries", code)


def text_block(lines: Sequence[tuple[str, float]], width: float = WIDTH) -> Block:
    """Lines of text (text, size) wrapped to the width, as one block."""
    fitted = [fit(text, width - 8, 10_000, size, size) for text, size in lines if text]
    height = sum(f.height for f in fitted) + 4 * len(fitted)

    def draw(pen: Pen, top: float) -> None:
        for block in fitted:
            pen.block(X0 + 4, top, block)
            top += block.height + 4

    return Block(height, draw)


def signature_block(form: FormData) -> Block:
    """'For and on behalf of' the seller, with room for the stamp and signature."""
    name = form.company.name_en or form.company.name_cn or form.consignor_name

    def draw(pen: Pen, top: float) -> None:
        x = X0 + WIDTH - 220
        pen.text(x, top + 4, "For and on behalf of  卖方（签章）", 7.5)
        pen.block(x, top + 16, fit(name, 220, 20, 8, 5))
        pen.canvas.setLineWidth(0.6)
        pen.lines([(x, top + 66, X0 + WIDTH, top + 66)])
        pen.text(x, top + 70, "Authorized Signature  授权签字", 7)

    return Block(82, draw)
