"""The printed forms: labels and values in the PDF text, the embedded font, page counts."""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.errors import BadInput, Cancelled
from desktop_app.core.jobs import Job
from desktop_app.core.models import DeclarationOrderLink, Order, OrderLine, Shop, Sku
from desktop_app.core.printing import (
    REBATE_MARK,
    fonts,
    print_declaration,
    print_forms,
    print_invoice,
    print_packing_list,
    resolve_declarations,
)
from desktop_app.core.printing import declaration_pdf as dp
from desktop_app.core.printing.layout import CodeNames, Pen, pdf_file
from desktop_app.core.printing.sources import FormData, common_name, load_company, load_form
from tests.unit import printing_fixtures as fx

D = Decimal


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext (poppler) extracts it, in reading order."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


def column_text(path: Path, page: int, x: float, width: float) -> str:
    """The text of one vertical strip of a page (a table column), top to bottom."""
    pdf_text(path)  # skips when poppler is missing
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-x", str(int(x)),
            "-y", "0", "-W", str(int(width)), "-H", "600", str(path), "-"]  # fmt: skip
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def name_column(path: Path, page: int = 1) -> str:
    """The 商品名称及规格型号 column of a declaration page, squeezed."""
    return squeezed(column_text(path, page, dp.X0 + 101, 216))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", path.read_bytes()))


@pytest.fixture
def shipment(session):
    fx.company(session)
    return fx.shipment_declaration(session)


# ---------------------------------------------------------------- the font


def test_font_ships_with_its_licence():
    folder = fonts.font_path().parent
    assert fonts.font_path().stat().st_size > 4_000_000
    assert "Apache License" in (folder / "LICENSE-Apache-2.0.txt").read_text()
    readme = (folder / "README.md").read_text()
    assert "fonts-wqy-microhei" in readme and "WenQuanYi Project Board of Trustees" in readme


@pytest.mark.parametrize("kind", ["declaration", "invoice", "packing-list"])
def test_the_font_is_embedded_as_a_truetype_subset(session, shipment, tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    print_forms(session, kind, [shipment.id], out)
    data = out.read_bytes()
    assert b"/FontFile2" in data  # the TrueType program travels inside the PDF
    assert b"STSong" not in data and b"/Helvetica" not in data  # no font left to the printer
    assert re.search(rb"/BaseFont /[A-Z]{6}\+WenQuanYiMicroHei", data)  # a subset
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(" yes yes yes " in row for row in rows), listing


# ---------------------------------------------------------------- the declaration


def test_declaration_prints_every_box_label_and_the_values(session, shipment, tmp_path):
    out = tmp_path / "decl.pdf"
    printed = print_declaration(session, shipment.id, out)
    assert printed.pages == 1 and page_count(out) == 1
    text = squeezed(pdf_text(out))
    for label in dp.LABELS:
        assert squeezed(label) in text, label
    assert dp.TITLE in text
    values = [
        fx.COMPANY_CN, f"境内发货人({fx.USCC})", "NUVELO TRADING LLC", "20260316", "20260314",
        "水路运输", "COSCOSHIPPINGARIES/026E", "COSU6391827450", "监管方式(9810)",
        "跨境电商出口海外仓", "一般征税", "HT-2026-0315", "美国", "纸制或纤维板制盒/箱", "FOB",
        "290.8", "199.2", "N/M海外仓US-LAX-01订仓单BK260315", "页码/页数：1/1",
        "530420260000123456", "申报人员李晓梅", "44030082617",
    ]  # fmt: skip
    for value in values:
        assert squeezed(value) in text, value
    for line in shipment.lines:
        assert line.hs_code in text and line.name_cn in text
        assert f"{line.amount:.2f}" in text
        assert squeezed(line.declaration_elements) in name_column(out)  # whole, never cut
    assert "19.2千克" in text and "600个" in text  # legal first unit, then the trade unit
    assert "80件" in text and "68千克" in text  # first and second legal units
    assert "照章征税" in text and "美元" in text and REBATE_MARK not in text


def test_rebate_copy_carries_its_mark(session, shipment, tmp_path):
    out = tmp_path / "rebate.pdf"
    print_declaration(session, shipment.id, out, mark=REBATE_MARK)
    assert REBATE_MARK in pdf_text(out)


def test_fifty_lines_make_seven_pages_numbered_on_each(session, tmp_path):
    fx.company(session)
    declaration = fx.long_declaration(session)
    out = tmp_path / "long.pdf"
    printed = print_declaration(session, declaration.id, out)
    assert dp.items_per_page() == 8
    assert printed.pages == page_count(out) == 7
    text = pdf_text(out)
    for page in range(1, 8):
        assert f"页码/页数：{page}/7" in text
    assert text.count(dp.TITLE) == 7  # the header repeats on every page


def test_one_hundred_twenty_lines_give_fifteen_pages(session, tmp_path):
    fx.codes.ensure_builtin(session)
    lines = [fx.form_line(n, (n - 1) % 4) for n in range(1, 121)]
    form = FormData(id=1, ref="BIG-120", lines=lines, company=load_company(session))
    out = tmp_path / "big.pdf"
    with pdf_file(out, (dp.PAGE_W, dp.PAGE_H), "big") as canvas:
        pages = dp.draw_declaration(Pen(canvas, dp.PAGE_H), form, CodeNames(session))
    assert pages == math.ceil(120 / dp.items_per_page()) == 15
    assert page_count(out) == 15
    text = pdf_text(out)
    assert "页码/页数：15/15" in text
    assert all(f"\n{n}\n" in text for n in (1, 8, 9, 120))  # every item number printed


def test_a_long_item_grows_and_moves_to_the_next_page_whole(session, tmp_path):
    fx.codes.ensure_builtin(session)
    elements = "1|0|" + "|".join(f"要素{n}:一段很长的申报要素说明文字" for n in range(12))
    lines = [fx.form_line(n) for n in range(1, 9)]
    lines[7].declaration_elements = elements
    names = CodeNames(session)
    items = [dp.layout_item(line, names) for line in lines]
    assert items[7].height > 2 * items[0].height
    pages = dp.paginate(items)
    assert [len(p) for p in pages] == [7, 1]
    form = FormData(ref="LONG", lines=lines)
    out = tmp_path / "tall.pdf"
    with pdf_file(out, (dp.PAGE_W, dp.PAGE_H), "tall") as canvas:
        assert dp.draw_declaration(Pen(canvas, dp.PAGE_H), form, names) == 2
    assert squeezed(elements) in name_column(out, 2)


def test_empty_declaration_still_prints_one_page(session, tmp_path):
    out = tmp_path / "empty.pdf"
    with pdf_file(out, (dp.PAGE_W, dp.PAGE_H), "empty") as canvas:
        assert dp.draw_declaration(Pen(canvas, dp.PAGE_H), FormData(), CodeNames(session)) == 1


# ---------------------------------------------------------------- invoice and packing list


def test_invoice_totals_and_amount_in_words(session, shipment, tmp_path):
    out = tmp_path / "invoice.pdf"
    assert print_invoice(session, shipment.id, out).pages == 1
    text = pdf_text(out)
    flat = squeezed(text)
    total = sum((line.amount for line in shipment.lines), D(0))
    assert total == D("7940.00") == shipment.total_amount
    labels = ("COMMERCIAL INVOICE", "商业发票", "Seller / Exporter", "卖方", "Buyer / Consignee",
              "买方", "Invoice No.", "发票号", "Description of Goods", "货物描述", "Unit Price",
              "单价", "Amount (USD)", "金额", "TOTAL", "合计", "Authorized Signature")  # fmt: skip
    for label in labels:
        assert squeezed(label) in flat, label
    assert "SAY US DOLLARS SEVEN THOUSAND NINE HUNDRED FORTY ONLY" in text
    assert "大写金额：美元柒仟玖佰肆拾元整" in flat
    assert "TOTALAMOUNT总金额：USD7,940.00" in flat
    for name_en in ("Phone Case", "LED Desk Lamp", "Silicone Kitchen Utensil Set"):
        assert name_en in text  # English names from the shipment's SKUs
    for amount in ("2,880.00", "1,480.00", "1,110.00", "2,470.00", "7,940.00"):
        assert amount in text
    assert fx.COMPANY_EN in text and "NUVELO TRADING LLC" in text
    assert "Page 1 of 1" in text


def test_invoice_with_cents_and_charges(session, tmp_path):
    fx.company(session)
    lines = [fx.line(1, 0, "3", "4.85"), fx.line(2, 1, "7", "0.07")]
    declaration = fx.declaration(
        session, "DEC-CIF", lines, trade_terms=1, freight_mark=3, freight=D("120.00"),
        insurance_mark=3, insurance=D("3.50"),
    )  # fmt: skip
    out = tmp_path / "cif.pdf"
    print_invoice(session, declaration.id, out)
    text = pdf_text(out)
    assert "14.55" in text and "0.49" in text and "15.04" in text
    assert "SAY US DOLLARS FIFTEEN AND CENTS FOUR ONLY" in text
    assert "美元壹拾伍元零肆分" in squeezed(text)
    assert "CIF" in text and "Freight" in text and "USD 120.00" in text and "USD 3.50" in text


def test_packing_list_weights_cartons_and_packages_in_words(session, shipment, tmp_path):
    out = tmp_path / "packing.pdf"
    assert print_packing_list(session, shipment.id, out).pages == 1
    text = pdf_text(out)
    flat = squeezed(text)
    labels = ("PACKING LIST", "装箱单", "N.W. (kg)", "G.W. (kg)", "净重（千克）", "毛重（千克）",
              "Carton No.", "箱号", "Volume (m³)", "体积（立方米）")  # fmt: skip
    for label in labels:
        assert squeezed(label) in flat, label
    assert "SAY TWELVE CARTONS ONLY" in text and "大写：壹拾贰箱" in flat
    assert "总净重：199.2KGS" in flat and "总毛重：290.8KGS" in flat
    assert "0.420" in text and "0.495" in text  # 60×40×35 cm × 5, 55×45×50 cm × 4
    assert "总体积：1.210CBM" in flat  # + 50×40×40 cm × 2 + 60×50×45 cm
    for carton in ("1-5", "6-9", "10-11", "LED台灯 20×4"):
        assert carton in text


def test_long_invoice_flows_over_pages_with_heads_repeated(session, tmp_path):
    fx.company(session)
    declaration = fx.long_declaration(session, "DEC-INV-50")
    out = tmp_path / "invoice50.pdf"
    pages = print_invoice(session, declaration.id, out).pages
    assert pages == page_count(out) >= 2
    text = pdf_text(out)
    assert f"Page {pages} of {pages}" in text and "(continued 续)" in text
    assert text.count("Description of Goods") == pages
    total = sum((line.amount for line in declaration.lines), D(0))
    assert f"{total:,.2f}" in text


# ---------------------------------------------------------------- batches


def test_batch_prints_many_declarations_into_one_file_in_order(session, tmp_path):
    fx.company(session)
    first = fx.long_declaration(session, "DEC-B1", 9)  # two pages
    second = fx.long_declaration(session, "DEC-B2", 3)
    seen: list[tuple[int, int, str]] = []
    out = tmp_path / "batch.pdf"
    printed = print_forms(
        session, "declaration", [second.id, first.id], out,
        job=Job(lambda done, total, msg: seen.append((done, total, msg))),
    )  # fmt: skip
    assert printed.pages == page_count(out) == 3 and printed.declarations == 2
    assert seen[0] == (0, 2, "DEC-B2") and seen[-1] == (2, 2, "")
    text = pdf_text(out)
    assert text.index("DEC-B2") < text.index("DEC-B1")
    assert text.count("页码/页数：1/2") == 1 and text.count("页码/页数：1/1") == 1


def test_cancelled_batch_leaves_no_file(session, tmp_path):
    fx.company(session)
    ids = [fx.long_declaration(session, f"DEC-C{n}", 2).id for n in range(3)]
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if done == 1:
            cancel.set()

    folder = tmp_path / "out"
    with pytest.raises(Cancelled):
        print_forms(session, "invoice", ids, folder / "cancelled.pdf", job=Job(progress, cancel))
    assert list(folder.iterdir()) == []


def test_bad_requests_are_refused(session, shipment, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(BadInput, match="no declaration with id 999"):
        print_forms(session, "declaration", [shipment.id, 999], out)
    with pytest.raises(BadInput, match="unknown form"):
        print_forms(session, "receipt", [shipment.id], out)
    with pytest.raises(BadInput, match="declarations only"):
        print_forms(session, "invoice", [shipment.id], out, mark=REBATE_MARK)
    with pytest.raises(BadInput, match="no declaration to print"):
        print_forms(session, "invoice", [], out)
    assert not out.exists()


def test_declarations_are_found_by_ref_or_id(session, shipment):
    assert resolve_declarations(session, ["DEC-2026-0001", str(shipment.id)]) == [shipment.id] * 2
    with pytest.raises(BadInput, match="NOPE"):
        resolve_declarations(session, ["NOPE"])


def test_english_names_of_merged_order_lines_keep_the_shared_words(session, tmp_path):
    fx.company(session)
    black, purple = fx.skus(session)[0], Sku(
        code="PC-IP15-PUR", name_cn="手机保护壳", name_en="Phone Case iPhone 15 Purple",
        hs_code="3926909090", declaration_elements=fx.PRODUCTS[0][4],
    )  # fmt: skip
    black.name_en = "Phone Case iPhone 15 Black"
    session.add(purple)
    shop = Shop(platform="amazon", name="US Store", site_country="USA")
    session.add(shop)
    session.flush()
    order = Order(shop_id=shop.id, platform_order_id="111-1", status="shipped",
                     ordered_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), currency="USD")  # fmt: skip
    order.lines = [
        OrderLine(line_no=n, platform_sku=s.code, sku_id=s.id, quantity=D(1))
        for n, s in enumerate((black, purple), start=1)
    ]
    session.add(order)
    declaration = fx.declaration(session, "DEC-9610", [fx.line(1, 0, "2", "9.99")], mode="9610")
    session.add_all(
        DeclarationOrderLink(declaration_line_id=declaration.lines[0].id,
                                order_line_id=ol.id, quantity=D(1))
        for ol in order.lines
    )  # fmt: skip
    session.flush()
    form = load_form(session, declaration.id)
    assert form.lines[0].name_en == "Phone Case iPhone 15"


def test_common_name():
    assert common_name(["LED Desk Lamp"]) == "LED Desk Lamp"
    assert common_name(["Spatula Grey", "Spatula Red"]) == "Spatula"
    assert common_name(["Ladle", "Spatula"]) == "Ladle"


def test_code_names_come_from_the_built_in_tables_when_the_database_has_none(session):
    names = CodeNames(session)  # no code table was loaded into this database
    assert names.cn("units", "035") == "千克" and names.en("countries", "USA") == "United States"
    assert names.cn("ports", "USA076") == ""  # an import-only table: no built-in edition
