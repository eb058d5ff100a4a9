"""Add a document to a declaration's filing checklist: its kind, title, number and date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop_app.core.services.filing_docs import KINDS

KIND_LABELS = {
    "sales_contract": QT_TRANSLATE_NOOP("DocumentKinds", "Sales contract"),
    "transport_document": QT_TRANSLATE_NOOP("DocumentKinds", "Transport document (B/L, waybill)"),
    "freight_invoice": QT_TRANSLATE_NOOP("DocumentKinds", "Domestic freight invoice"),
    "forwarder_invoice": QT_TRANSLATE_NOOP("DocumentKinds", "Forwarder invoice"),
    "broker_agreement": QT_TRANSLATE_NOOP("DocumentKinds", "Customs broker agreement"),
    "broker_invoice": QT_TRANSLATE_NOOP("DocumentKinds", "Customs broker invoice"),
    "warehouse_lease": QT_TRANSLATE_NOOP("DocumentKinds", "Overseas warehouse lease"),
    "fx_evidence": QT_TRANSLATE_NOOP("DocumentKinds", "FX receipt evidence"),
    "other": QT_TRANSLATE_NOOP("DocumentKinds", "Other"),
}


def kind_label(kind: str, title: str = "") -> str:
    """The translated name of a kind; an "other" document goes by its own title."""
    if kind == "other" and title:
        return title
    return QCoreApplication.translate("DocumentKinds", KIND_LABELS.get(kind, kind))


class AddItemDialog(QDialog):
    """The kind (an "other" document needs its title), the number and, if known, the date."""

    def __init__(self, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a document to {0}").format(ref))
        self.kind_box = QComboBox()
        for kind in KINDS:
            self.kind_box.addItem(kind_label(kind), kind)
        self.kind_box.setCurrentIndex(self.kind_box.findData("other"))
        self.title_edit = QLineEdit(maxLength=200)
        self.title_edit.setPlaceholderText(self.tr("What the document is, e.g. packing photos"))
        self.number_edit = QLineEdit(maxLength=60)
        self.dated = QCheckBox(self.tr("Dated"))
        self.date_edit = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setEnabled(False)
        self.dated.toggled.connect(self.date_edit.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Kind"), self.kind_box)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Number"), self.number_edit)
        form.addRow(self.dated, self.date_edit)
        form.addRow(buttons)
        self.kind_box.currentIndexChanged.connect(self._check)
        self.title_edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(420)

    def _check(self) -> None:
        needs_title = self.kind() == "other"
        self.add_button.setEnabled(not needs_title or bool(self.title().strip()))

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def title(self) -> str:
        return self.title_edit.text().strip()

    def number(self) -> str:
        return self.number_edit.text().strip()

    def date(self) -> dt.date | None:
        if not self.dated.isChecked():
            return None
        value = self.date_edit.date().toPython()
        assert isinstance(value, dt.date)
        return value
