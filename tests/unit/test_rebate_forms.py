"""The printed forms of a rebate batch: pages, Chinese text, embedded font, aligned amounts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.core.errors import BadInput
from desktop_app.core.models import RebateBatch
from desktop_app.core.printing import rebate_forms as rf
from tests.unit import rebate_output_fixtures as fx


@pytest.fixture
def trading(session):
    fx.company(session)
    return fx.trading_batch(session)


def pdf_text(path: Path, *pages: int, layout: bool = True) -> str:
    """The text of the pages (all by default): in their physical layout, line by line, or in
    reading order (a wrapped column head stays together)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    mode = ["-layout"] if layout else []
    args = ["pdftotext", *mode, "-enc", "UTF-8", *span, str(path), "-"]
    done = subprocess.run(args, capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", path.read_bytes()))


def word_boxes(path: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word on a page, from pdftotext -bbox."""
    pdf_text(path)
    args = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"]
    html = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', html
    )
    return [(word, float(x0), float(x1)) for x0, x1, word in found]


def test_trading_batch_prints_three_forms_with_their_headers(session, trading, tmp_path):
    out = rf.batch_forms_pdf(session, trading.id, tmp_path / "batch.pdf")
    assert out == tmp_path / "batch.pdf" and page_count(out) == 3
    pages = [squeezed(pdf_text(out, n)) for n in (1, 2, 3)]
    titles = (
        "外贸企业出口退税出口明细申报表",
        "外贸企业出口退税进货明细申报表",
        "外贸企业出口退税汇总申报表",
    )
    for text, title in zip(pages, titles, strict=True):
        assert title in text and "第1页/共1页" in text
        assert f"纳税人识别号(统一社会信用代码)：{fx.USCC}" in text
        assert "纳税人名称：深圳市海拓跨境电子商务有限公司" in text
        assert "申报年月：202603" in text and "申报批次：001" in text
        for box in ("申报人（签章）", "经办人", "日期", "企业（公章）"):
            assert box in text
    assert "申报退税额：增值税8,029.55消费税0.00" in pages[0]


def test_export_form_columns_and_rows(session, trading, tmp_path):
    out = rf.batch_forms_pdf(session, trading.id, tmp_path / "e.pdf", forms=("export",))
    heads = squeezed(pdf_text(out, layout=False))
    for column in rf.EXPORT_COLUMNS:
        assert squeezed(column.title) in heads, column.title
    text = squeezed(pdf_text(out))
    assert [c.title for c in rf.EXPORT_COLUMNS][:4] == [
        "序号",
        "关联号",
        "出口发票号",
        "出口货物报关单号",
    ]
    assert f"00012603101001EI-1{fx.DECL_1}" in text
    assert f"00022603101003EI-3{fx.DECL_3}" in text
    assert "千克" in text and "个" in text and "HWC-YT|出口预退税" in text and "9810预退税" in text
    assert "531620260001234567002" not in text  # the rejected row
    assert "合计" in text and "1,714.56" in text  # 1,234.56 + 480.00


def test_purchase_form_columns_rows_and_totals(session, trading, tmp_path):
    out = rf.batch_forms_pdf(session, trading.id, tmp_path / "p.pdf", forms=("purchase",))
    heads = squeezed(pdf_text(out, layout=False))
    for column in rf.PURCHASE_COLUMNS:
        assert squeezed(column.title) in heads, column.title
    text = squeezed(pdf_text(out))
    assert len(rf.PURCHASE_COLUMNS) == 16
    assert f"00012603101001V|增值税02|增值税专用发票{fx.VOUCHER_DIGITAL}" in text
    assert f"00022603101003V|增值税02|增值税专用发票{fx.VOUCHER_PAPER}" in text
    assert "26442000000999999999" not in text
    assert "62,550.50" in text and "8,029.55" in text  # Σ 计税金额, Σ 可退税额


def test_amounts_are_right_aligned_with_thousands_separators(session, trading, tmp_path):
    out = rf.batch_forms_pdf(session, trading.id, tmp_path / "p.pdf", forms=("purchase",))
    boxes = word_boxes(out, 1)
    bases = [x1 for word, _, x1 in boxes if word in ("60,000.00", "2,550.50", "62,550.50")]
    assert len(bases) == 3 and max(bases) - min(bases) < 0.5
    refunds = [x1 for word, _, x1 in boxes if word in ("7,800.00", "229.55", "8,029.55")]
    assert len(refunds) >= 3 and max(refunds) - min(refunds) < 0.5


def test_trading_summary_by_rebate_rate(session, trading, tmp_path):
    out = rf.batch_forms_pdf(session, trading.id, tmp_path / "s.pdf", forms=("summary",))
    assert page_count(out) == 1
    lines = [squeezed(line) for line in pdf_text(out).splitlines() if line.strip()]
    assert "1321,714.56160,000.007,800.00" in lines  # rate 13: 2 exports, 1 purchase
    assert "900.0012,550.50229.55" in lines  # rate 9: no export, 1 purchase
    assert "合计21,714.56262,550.508,029.55" in lines


def test_manufacturer_batch_prints_its_period_figures(session, tmp_path):
    fx.company(session)
    batch = fx.manufacturer_batch(session)
    out = rf.batch_forms_pdf(session, batch.id, tmp_path / "m.pdf")
    assert page_count(out) == 2  # export form and summary; a manufacturer has no 进货明细
    summary = squeezed(pdf_text(out, 2))
    assert rf.MANUFACTURER_SUMMARY_TITLE in summary
    for label, amount in [
        ("人民币离岸价", "710,725.20"), ("不得免征和抵扣税额", "28,400.00"),
        ("应纳税额", "-31,600.00"), ("免抵退税额", "63,900.00"), ("应退税额", "31,600.00"),
        ("免抵税额", "32,300.00"), ("期末留抵结转下期", "0.00"),
    ]:  # fmt: skip
        assert f"{label}{amount}" in summary, label
    assert "申报退税额：增值税31,600.00" in summary
    with pytest.raises(BadInput, match="no 进货明细"):
        rf.batch_forms_pdf(session, batch.id, tmp_path / "x.pdf", forms=("purchase",))


def test_long_batches_flow_over_pages_with_continuous_serials(session, trading, tmp_path):
    for n in range(100, 160):
        session.add(fx.export_row(trading, n, link_no=f"2603101{n:03d}"))
    session.flush()
    out = rf.batch_forms_pdf(session, trading.id, tmp_path / "e.pdf", forms=("export",))
    pages = page_count(out)
    assert pages >= 2
    text = squeezed(pdf_text(out))
    serials = re.findall(r"(\d{4})26031", text)
    assert serials == [f"{n:04d}" for n in range(1, 63)]
    assert f"第{pages}页/共{pages}页" in text and text.count("序号") == pages
    assert "合计" in squeezed(pdf_text(out, pages))


def test_the_font_is_embedded(session, trading, tmp_path):
    out = rf.batch_forms_pdf(session, trading.id, tmp_path / "batch.pdf")
    data = out.read_bytes()
    assert b"/FontFile2" in data and b"/Helvetica" not in data
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(" yes yes yes " in row for row in rows), listing


def test_refusals(session, trading, tmp_path):
    with pytest.raises(BadInput, match="unknown forms"):
        rf.batch_forms_pdf(session, trading.id, tmp_path / "x.pdf", forms=("invoice",))
    empty = RebateBatch(period="202605", batch_no=1)
    session.add(empty)
    session.flush()
    with pytest.raises(BadInput, match="no included export row"):
        rf.batch_forms_pdf(session, empty.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
