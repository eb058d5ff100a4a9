"""How an import ended: the counts, or every bad row with an error report to save as xlsx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.importers.common import (
    ImportRejected,
    ImportSummary,
    RowError,
    write_error_report,
)
from desktop_app.ui.context import AppContext
from desktop_app.ui.reasons import translate_reason
from desktop_app.ui.widgets import messages

MAX_WARNINGS_SHOWN = 200


def summary_text(summary: ImportSummary) -> str:
    n = QLocale().toString
    text = QCoreApplication.translate(
        "ImportProblemsDialog", "{0}: {1} rows read, {2} new, {3} updated, {4} skipped."
    ).format(
        summary.file, n(summary.rows), n(summary.inserted), n(summary.updated), n(summary.skipped)
    )
    if summary.errors:
        left_out = QCoreApplication.translate("ImportProblemsDialog", "{0} bad rows were left out.")
        text += "\n" + left_out.format(n(len(summary.errors)))
    return text


def show_import_summary(parent: QWidget, summary: ImportSummary) -> None:
    """Counts, with the warnings and any skipped bad rows listed under "Show Details…"."""
    if not summary.errors and not summary.warnings:
        title = QCoreApplication.translate("ImportProblemsDialog", "Import finished")
        messages.info(parent, title, summary_text(summary))
        return
    ImportProblemsDialog(summary, parent, rejected=False).open()


def show_import_failure(parent: QWidget, ctx: AppContext, error: BaseException) -> None:
    """Every bad row of a rejected import; any other error the standard way."""
    if isinstance(error, ImportRejected):
        ImportProblemsDialog(error.summary, parent, rejected=True).open()
    else:
        ctx.tasks.report_failure(parent, error)


class ImportProblemsDialog(QDialog):
    """The bad rows (and warnings) of an import as a table, and a button to save them."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None, *, rejected: bool) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import not done") if rejected else self.tr("Import finished"))
        if rejected:
            intro = self.tr(
                "{0} has {1} bad row(s). Nothing was imported: correct them in the file and "
                "import it again."
            ).format(summary.file, QLocale().toString(len(summary.errors)))
        else:
            intro = summary_text(summary)
        note = QLabel(intro)
        note.setWordWrap(True)
        problems = [(self.tr("Error"), e) for e in summary.errors]
        problems += [(self.tr("Warning"), w) for w in summary.warnings[:MAX_WARNINGS_SHOWN]]
        self.table = self._table(problems)
        self.save_button = QPushButton(self.tr("Save error report…"))
        self.save_button.setEnabled(bool(summary.errors))
        self.save_button.clicked.connect(self.choose_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 460)

    def _table(self, problems: list[tuple[str, RowError]]) -> QTableWidget:
        headers = [self.tr("Kind"), self.tr("Row"), self.tr("Column"), self.tr("Value"),
                   self.tr("Reason")]  # fmt: skip
        table = QTableWidget(len(problems), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        for number, (kind, problem) in enumerate(problems):
            row = "" if problem.row is None else str(problem.row)
            cells = (kind, row, problem.column, problem.value, translate_reason(problem.reason))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(number, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        return table

    def choose_report(self) -> None:
        suggested = f"{Path(self.summary.file).stem}-errors.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save error report"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> Path:
        written = write_error_report(self.summary, path)
        messages.info(
            self, self.tr("Error report saved"), self.tr("Saved to:\n{0}").format(written)
        )
        return written
