"""Declarations to PDF: 1,000 报关单 in one file, ours against bare reportlab drawing the same.

ours: `printing.print_forms(session, "declaration", ids, out)` end to end — reading the
declarations and their lines from the database, the code tables' names, laying out every box
and item (fitting text, wrapping 申报要素, paginating), drawing, subsetting and embedding the
font, and writing the file.
bare: a reportlab Canvas replaying the very calls ours made (the same setFont, drawString,
lines and rect with the same arguments, recorded in an untimed run), then saving: the cost of
putting those boxes and strings into a PDF with nothing decided.

ratio = ours / bare; the target is at most 1.5. Each side runs --repeat times and the best
run counts (the machine is shared).

    python benchmarks/bench_declaration_pdf.py [--declarations N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from _common import Stopwatch, scratch_dir
from reportlab.pdfgen.canvas import Canvas

from desktop_app.core import codes
from desktop_app.core.db import Database, open_database
from desktop_app.core.models import CompanyProfile, Declaration, DeclarationLine
from desktop_app.core.printing import fonts, layout, print_forms

D = Decimal
PRODUCTS = (
    ("3926909090", "手机保护壳", "1|0|用途:手机保护|材质:TPU|品牌:NUVELO|型号:iPhone 15", "035",
     None, "007", "0.032"),
    ("9405420000", "LED台灯", "1|0|用途:照明|光源类型:LED|功率:12W|品牌:NUVELO|型号:DL12", "011",
     "035", "011", "0.85"),
    ("3924100000", "硅胶厨具套装", "0|0|用途:厨房用|材质:硅胶|品牌:无|型号:KS-12", "035", None,
     "006", "0.60"),
    ("8518300000", "蓝牙耳机", "1|0|用途:收听音乐|品牌:NUVELO|型号:BT50|是否无线:是", "007", "035",
     "007", "0.20"),
)  # fmt: skip


def make_line(n: int, seed: int) -> DeclarationLine:
    hs, name, elements, first, second, trade, net = PRODUCTS[(n + seed) % len(PRODUCTS)]
    quantity = D(10 * ((n * 7 + seed) % 50 + 1))
    price = D("3.75") + D(seed % 17)
    net_kg = D(net) * quantity
    return DeclarationLine(
        line_no=n, hs_code=hs, name_cn=name, declaration_elements=elements,
        first_quantity=net_kg if first == "035" else quantity, first_unit=first,
        second_quantity=None if second is None else net_kg, second_unit=second,
        trade_quantity=quantity, trade_unit=trade, unit_price=price,
        amount=(price * quantity).quantize(D("0.01")), currency="USD", destination_country="USA",
        domestic_source="44031", net_weight_kg=net_kg.quantize(D("0.001")),
        gross_weight_kg=(net_kg * D("1.3")).quantize(D("0.001")),
    )  # fmt: skip


def make_declarations(db: Database, count: int) -> list[int]:
    """`count` declarations of 1 to 10 lines (a tenth of them need a second page)."""
    with db.transaction(actor="bench") as session:
        codes.ensure_builtin(session)
        session.add(CompanyProfile(id=1, name_cn="深圳市海拓跨境电子商务有限公司",
                                   declarant_name="李晓梅", phone="0755-2882 6173"))  # fmt: skip
        made = []
        for seed in range(count):
            lines = [make_line(n, seed) for n in range(1, seed % 10 + 2)]
            made.append(Declaration(
                ref=f"DEC-B-{seed:05d}", supervision_mode=("9810", "9610", "0110")[seed % 3],
                consignor_name="深圳市海拓跨境电子商务有限公司",
                consignor_code="91440300MA5GRK8T10",
                overseas_consignee="NUVELO TRADING LLC", exit_customs="5304",
                export_date=dt.date(2026, 3, 1) + dt.timedelta(days=seed % 28),
                transport_mode="2", bill_no=f"COSU{6391827450 + seed}", trade_country="USA",
                destination_country="USA", packages=len(lines) * 3, lines=lines,
                total_amount=sum((x.amount for x in lines), D(0)),
                marks_remarks="N/M 海外仓 US-LAX-01",
            ))  # fmt: skip
        session.add_all(made)
        session.flush()
        return [d.id for d in made]


class RecordingCanvas(Canvas):
    """A Canvas that keeps every drawing call made on it, for the bare replay."""

    calls: ClassVar[list[tuple[str, tuple[Any, ...], dict[str, Any]]]] = []
    _depth = 0

    def _record(name: str):  # a decorator factory used in the class body only
        def method(self: RecordingCanvas, *args: Any, **kwargs: Any) -> Any:
            if RecordingCanvas._depth == 0:
                RecordingCanvas.calls.append((name, args, kwargs))
            RecordingCanvas._depth += 1
            try:
                return getattr(Canvas, name)(self, *args, **kwargs)
            finally:
                RecordingCanvas._depth -= 1

        return method

    setFont = _record("setFont")
    drawString = _record("drawString")
    lines = _record("lines")
    rect = _record("rect")
    setLineWidth = _record("setLineWidth")
    setFillGray = _record("setFillGray")
    showPage = _record("showPage")


def run_ours(db: Database, ids: list[int], out: Path) -> int:
    with db.sessions() as session:
        return print_forms(session, "declaration", ids, out).pages


def record_calls(db: Database, ids: list[int], out: Path) -> list[tuple[str, Any, Any]]:
    RecordingCanvas.calls = []
    original = layout.Canvas
    layout.Canvas = RecordingCanvas  # type: ignore[misc]
    try:
        run_ours(db, ids, out)
    finally:
        layout.Canvas = original  # type: ignore[misc]
    return RecordingCanvas.calls


def run_bare(calls: list[tuple[str, Any, Any]], out: Path, pagesize: tuple[float, float]) -> None:
    canvas = Canvas(str(out), pagesize=pagesize, pageCompression=1,
                           initialFontName=fonts.FONT_NAME)  # fmt: skip
    for name, args, kwargs in calls:
        getattr(canvas, name)(*args, **kwargs)
    canvas.save()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--declarations", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    from desktop_app.core.printing import declaration_pdf

    fonts.register()
    with scratch_dir() as folder:
        db = open_database(folder / "bench.sqlite")
        ids = make_declarations(db, args.declarations)
        calls = record_calls(db, ids, folder / "recorded.pdf")
        ours_times, bare_times, pages = [], [], 0
        for _ in range(args.repeat):
            with Stopwatch() as watch:
                pages = run_ours(db, ids, folder / "ours.pdf")
            ours_times.append(watch.seconds)
            with Stopwatch() as watch:
                run_bare(calls, folder / "bare.pdf", (declaration_pdf.PAGE_W,
                                                      declaration_pdf.PAGE_H))  # fmt: skip
            bare_times.append(watch.seconds)
        db.dispose()
    ours, bare = min(ours_times), min(bare_times)
    name = f"declaration PDF ({args.declarations:,} declarations, {pages:,} pages)"
    print(f"{name}: ours {ours:.2f} s, bare {bare:.2f} s, ratio {ours / bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
