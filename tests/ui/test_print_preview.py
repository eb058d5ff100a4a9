"""The print preview: a form rendered off the GUI thread, shown with its page count, saved as a
copy and printed through a QPrinter (to a PDF file here: no printer, no dialog)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from desktop_app.core.errors import Cancelled
from desktop_app.core.services import declarations
from desktop_app.ui.dialogs.print_preview import PrintPreviewDialog, preview_forms
from tests.ui.shipment_fixtures import make_context, wait_idle
from tests.unit import declaration_fixtures as fx


@pytest.fixture
def ctx(db, ui_state, english):
    context = make_context(db, ui_state)
    yield context
    context.tasks.shutdown()


@pytest.fixture
def drafts(db):
    """Three 9810 drafts of one line each (one shipment per draft)."""
    with db.transaction("test") as session:
        fx.setup(session)
        case = fx.sku(session, "CASE")
        made = []
        for n in range(3):
            shipment = fx.shipment(session, [(case, 100 + n, "7.10")], ref=f"FL-{n}")
            made += declarations.draft_from_shipment(session, shipment.id, today=fx.TODAY)
        return [(d.id, d.ref) for d in made]


def shown(qtbot, ctx, dialog: PrintPreviewDialog) -> PrintPreviewDialog:
    # Not qtbot.addWidget: the dialog deletes itself when closed, and pytest-qt would then
    # close a deleted object at teardown. Each test closes what it opens.
    wait_idle(qtbot, ctx, timeout=30_000)
    qtbot.waitUntil(lambda: dialog.page_count() > 0)
    return dialog


def pdf_pages(path) -> tuple[int, bool]:
    """Page count and whether the first page is landscape."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    size = document.pagePointSize(0)
    count = document.pageCount()
    document.close()
    return count, size.width() > size.height()


def test_a_declaration_loads_with_its_page_count_and_saves(qtbot, ctx, drafts, tmp_path):
    declaration_id, ref = drafts[0]
    dialog = shown(qtbot, ctx, preview_forms(ctx, "declaration", [declaration_id], name=ref))
    assert dialog.windowTitle() == f"Declaration {ref}"
    assert dialog.page_count() == 1
    assert dialog.pages.text() == "Page 1 of 1"
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    saved = dialog.save_to(tmp_path / "copy")  # the suffix is added
    assert saved == tmp_path / "copy.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert pdf_pages(saved) == (1, True)  # the 报关单 is A4 landscape
    rendered = dialog.path
    dialog.reject()
    assert rendered is not None and not rendered.exists()  # the temporary copy is gone


def test_print_to_a_pdf_printer_in_landscape(qtbot, ctx, drafts, tmp_path):
    declaration_id, ref = drafts[0]
    dialog = shown(qtbot, ctx, preview_forms(ctx, "declaration", [declaration_id], name=ref))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.prepare(printer)
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert dialog.print_to(printer, dpi=60) == 1
    assert pdf_pages(tmp_path / "printed.pdf") == (1, True)
    dialog.reject()


def test_several_declarations_in_one_pdf_and_a_portrait_invoice(qtbot, ctx, drafts, tmp_path):
    ids = [i for i, _ref in drafts]
    batch = shown(qtbot, ctx, preview_forms(ctx, "declaration", ids, name="3"))
    assert batch.page_count() == 3
    assert batch.pages.text() == "Page 1 of 3"
    assert batch.progress_label.startswith("Drawing")  # a batch shows progress and Cancel
    batch.reject()
    invoice = shown(qtbot, ctx, preview_forms(ctx, "invoice", ids[:1], name=drafts[0][1]))
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "invoice.pdf"))
    invoice.prepare(printer)
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    assert invoice.print_to(printer, dpi=60) == invoice.page_count()
    assert pdf_pages(tmp_path / "invoice.pdf") == (invoice.page_count(), False)
    invoice.reject()


def test_a_cancelled_render_closes_the_preview(qtbot, ctx, drafts):
    def render(session, job, path):
        raise Cancelled("cancelled by the user")

    dialog = PrintPreviewDialog(ctx, "Nothing", render)
    dialog.open()
    with qtbot.waitSignal(dialog.finished):
        dialog.start()
    assert dialog.path is None


def test_closed_while_rendering_it_goes_once_the_worker_is_done(qtbot, ctx, drafts):
    dialog = preview_forms(ctx, "declaration", [i for i, _ref in drafts], name="3")
    with qtbot.waitSignal(dialog.destroyed, timeout=30_000):
        dialog.reject()  # the render is cancelled or finishes into a folder that is gone
    wait_idle(qtbot, ctx)
    assert dialog.path is None


def test_esc_closes_the_preview(qtbot, ctx, drafts):
    dialog = shown(qtbot, ctx, preview_forms(ctx, "packing-list", [drafts[0][0]], name="x"))
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
