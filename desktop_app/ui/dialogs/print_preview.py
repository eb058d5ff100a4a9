"""Print preview of a PDF the core draws: rendered off the GUI thread into a temporary file,
shown page by page (QtPdf), printed on A4 (QPrinter) or saved as a copy.

Reusable by any screen: give it a `render(session, job, path)` that writes the PDF, or use
`preview_forms` for the declaration forms (报关单, commercial invoice, packing list).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QPointF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core import printing
from desktop_app.core.jobs import Job
from desktop_app.ui.context import AppContext
from desktop_app.ui.tasks import Outcome, Task
from desktop_app.ui.widgets import messages

Render = Callable[[Session, Job, Path], object]
PRINT_DPI = 300  # sharp on paper; a 1200-dpi page image would take half a gigabyte
BATCH = 2  # from this many forms on, the render shows its progress (and Cancel)


class PrintPreviewDialog(QDialog):
    """Shows the PDF `render` writes; Print sends it to a printer, Save copies it."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        render: Render,
        *,
        file_name: str = "document.pdf",
        progress_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.render = render
        self.file_name = file_name
        self.progress_label = progress_label
        self.setWindowTitle(title)
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.path: Path | None = None
        self.task: Task | None = None
        self._closed = False
        self.document = QPdfDocument(self)
        self._build()
        self.resize(1100, 820)

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_page())
        self.zoom = QComboBox()
        for text, mode in ((self.tr("Fit width"), QPdfView.ZoomMode.FitToWidth),
                           (self.tr("Whole page"), QPdfView.ZoomMode.FitInView),
                           (self.tr("Actual size"), QPdfView.ZoomMode.Custom)):  # fmt: skip
            self.zoom.addItem(text, mode)
        self.zoom.currentIndexChanged.connect(self._zoom_chosen)
        self.pages = QLabel(self.tr("Rendering…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.clicked.connect(self.choose_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages, 1)
        bar.addWidget(QLabel(self.tr("Zoom")))
        bar.addWidget(self.zoom)
        bar.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self._enable(False)

    def _enable(self, ready: bool) -> None:
        for widget in (self.print_button, self.save_button, self.zoom):
            widget.setEnabled(ready)

    def _zoom_chosen(self, _index: int) -> None:
        mode = self.zoom.currentData()
        self.view.setZoomMode(mode)
        if mode == QPdfView.ZoomMode.Custom:
            self.view.setZoomFactor(1.0)

    # -- rendering -----------------------------------------------------------------
    def start(self) -> Task:
        """Draw the PDF on the worker thread; shown (or the dialog closes) when it ends."""
        self._folder = tempfile.TemporaryDirectory(prefix="exportdesk-print-")
        path = Path(self._folder.name) / self.file_name
        render = self.render

        def work(session: Session, job: Job) -> Path:
            render(session, job, path)
            return path

        self.task = self.ctx.tasks.query(
            work, parent=self, on_success=self.show_file, label=self.progress_label
        )
        self.task.finished.connect(self._render_ended)
        return self.task

    def _render_ended(self, outcome: Outcome) -> None:
        self.task = None
        if self._closed:  # closed while it rendered: tidy up now that the worker is done
            self._drop()
        elif not outcome.ok:  # the runner reported a failure; a cancel needs no message
            self.reject()

    def show_file(self, path: Path) -> None:
        if self._closed:
            return
        self.path = path
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            text = self.tr("The PDF could not be opened: {0}").format(error.name)
            messages.warning(self, self.windowTitle(), text)
            return
        self._enable(True)
        self._show_page()

    def page_count(self) -> int:
        return self.document.pageCount()

    def _show_page(self) -> None:
        count = self.page_count()
        if count:
            current = self.view.pageNavigator().currentPage() + 1
            n = QLocale().toString
            self.pages.setText(self.tr("Page {0} of {1}").format(n(current), n(count)))

    # -- printing and saving -------------------------------------------------------
    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {0}").format(self.windowTitle()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
            self.ctx.events.notify(self.tr("Sent to the printer."))

    def prepare(self, printer: QPrinter) -> None:
        """A4, turned like the first page (the 报关单 is landscape), drawn edge to edge: the
        forms carry their own margins."""
        first = self.document.pagePointSize(0) if self.page_count() else None
        wide = first is not None and first.width() > first.height()
        orientation = (
            QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait
        )
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(orientation)
        printer.setFullPage(True)
        printer.setDocName(self.file_name)

    def print_to(self, printer: QPrinter, *, dpi: int = PRINT_DPI) -> int:
        """Every page into `printer` (laid out by `prepare`, then chosen by the user); returns
        the number of pages printed."""
        if not self.page_count():
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(self.tr("The printer could not be started."))
        try:
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                self._print_page(painter, printer, page, dpi)
        finally:
            painter.end()
        return self.page_count()

    def _print_page(self, painter: QPainter, printer: QPrinter, page: int, dpi: int) -> None:
        points = self.document.pagePointSize(page)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        scale = min(paper.width() / points.width(), paper.height() / points.height())
        target = QRectF(QPointF(0, 0), points * scale)
        dots = min(dpi, printer.resolution())
        image = self.document.render(page, (points * dots / 72).toSize())
        painter.drawImage(target, image)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), self.file_name, self.tr("PDF (*.pdf)")
        )
        if path:
            saved = self.save_to(Path(path))
            self.ctx.events.notify(self.tr("Saved to {0}").format(saved))

    def save_to(self, target: Path) -> Path:
        if self.path is None:
            raise OSError("nothing rendered yet")
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        shutil.copyfile(self.path, target)
        return target

    # -- closing -------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Closing drops the temporary PDF and the dialog, once no render writes into it."""
        self._closed = True
        self.document.close()  # releases the file before its folder goes
        super().done(result)
        if self.task is not None:
            self.task.cancel()  # the worker stops at its next form; _render_ended tidies up
        else:
            self._drop()

    def _drop(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self.deleteLater()


def preview_forms(
    ctx: AppContext,
    kind: str,
    declaration_ids: Sequence[int],
    *,
    name: str,
    mark: str | None = None,
    parent: QWidget | None = None,
) -> PrintPreviewDialog:
    """The preview of one form per declaration (kind: declaration, invoice, packing-list),
    all in one PDF; `name` (a ref, or a count) names the window and the suggested file."""
    ids = list(declaration_ids)

    def render(session: Session, job: Job, path: Path) -> object:
        return printing.print_forms(session, kind, ids, path, mark=mark, job=job)

    titles = {
        "declaration": QT_TRANSLATE_NOOP("PrintPreviewDialog", "Declaration {0}"),
        "invoice": QT_TRANSLATE_NOOP("PrintPreviewDialog", "Commercial invoice {0}"),
        "packing-list": QT_TRANSLATE_NOOP("PrintPreviewDialog", "Packing list {0}"),
    }
    title = _tr(titles[kind]).format(name)
    drawing = QCoreApplication.translate("PrintPreviewDialog", "Drawing {0}…")
    label = drawing.format(title) if len(ids) >= BATCH else ""
    dialog = PrintPreviewDialog(ctx, title, render, file_name=_file_name(kind, name),
                                progress_label=label, parent=parent)  # fmt: skip
    dialog.open()
    dialog.start()
    return dialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintPreviewDialog", text)


def _file_name(kind: str, name: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name).strip("-")
    return f"{kind}-{safe or 'forms'}.pdf"
