"""Settings → Company (企业信息): the exporter's profile, checked live and saved in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.models.system import FX_POLICIES, TAXPAYER_TYPES, CompanyProfile
from desktop_app.core.services import company
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.reasons import translate_reason
from desktop_app.ui.widgets.field import FieldBox, field_group
from desktop_app.ui.widgets.scroll import scrolled

GROUPS = {
    "company": ("name_cn", "name_en", "uscc", "customs_code", "address_cn", "address_en", "phone"),
    "customs": (
        "customs_district",
        "domestic_source_region",
        "declarant_name",
        "declarant_cert_no",
    ),
    "rebate": (
        "taxpayer_type",
        "fx_rate_policy",
        "rebate_department",
        "pilot_zone_registered",
        "pilot_zone_name",
    ),
}


@dataclass
class ProfileSnapshot:
    """The profile as plain values, safe to hand from the worker to the GUI thread."""

    values: dict[str, Any]
    fx_policy_since: dt.date | None
    fx_changeable_from: dt.date | None


def snapshot(profile: CompanyProfile) -> ProfileSnapshot:
    values = {name: getattr(profile, name) for name in company.EDITABLE}
    return ProfileSnapshot(
        values, profile.fx_policy_since, company.fx_policy_changeable_from(profile)
    )


def load_profile(session: Session, job: Job) -> ProfileSnapshot:
    return snapshot(company.get_profile(session))


class CompanyPanel(QWidget):
    """One editor per CompanyProfile field; each FieldProblem is shown on its own field."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.boxes: dict[str, FieldBox] = {}
        self.labels = self._labels()
        self.loaded: ProfileSnapshot | None = None
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status_note = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(scrolled(self._build_groups()), 1)
        layout.addLayout(self._bottom_bar())

    # -- building ------------------------------------------------------------------
    def _labels(self) -> dict[str, str]:
        return {
            "name_cn": self.tr("Company name (Chinese) *"),
            "name_en": self.tr("Company name (English)"),
            "uscc": self.tr("Unified social credit code"),
            "customs_code": self.tr("Customs registration code"),
            "address_cn": self.tr("Address (Chinese)"),
            "address_en": self.tr("Address (English)"),
            "phone": self.tr("Phone"),
            "customs_district": self.tr("Declaring customs district"),
            "domestic_source_region": self.tr("Domestic source region"),
            "declarant_name": self.tr("Declarant"),
            "declarant_cert_no": self.tr("Declarant certificate no."),
            "taxpayer_type": self.tr("Taxpayer type"),
            "fx_rate_policy": self.tr("Exchange-rate policy"),
            "rebate_department": self.tr("Department code"),
            "pilot_zone_registered": self.tr("Pilot zone"),
            "pilot_zone_name": self.tr("Pilot zone name"),
        }

    def _hints(self) -> dict[str, str]:
        return {
            "uscc": self.tr("18 characters, e.g. 91440783714753661E"),
            "customs_code": self.tr("10 digits or capital letters"),
            "customs_district": self.tr("4 digits, e.g. 5300 Shenzhen, 2200 Shanghai"),
            "domestic_source_region": self.tr("5 characters, e.g. 44199 Dongguan"),
            "rebate_department": self.tr("One digit or letter: the 5th character of link numbers"),
            "fx_rate_policy": self.tr("Fixed for 12 months once saved"),
        }

    def _build_groups(self) -> QWidget:
        titles = {
            "company": self.tr("Company"),
            "customs": self.tr("Customs declaration"),
            "rebate": self.tr("Export VAT rebate"),
        }
        hints = self._hints()
        groups = {key: self._group(titles[key], names, hints) for key, names in GROUPS.items()}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        grid.addWidget(groups["company"], 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(groups["customs"], 0, 1)
        grid.addWidget(groups["rebate"], 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        body = QWidget()
        body.setLayout(grid)
        return body

    def _group(self, title: str, names: tuple[str, ...], hints: dict[str, str]) -> QGroupBox:
        rows = ((n, self.labels[n], self._editor(n), hints.get(n, "")) for n in names)
        return field_group(title, rows, self.boxes)

    def _editor(self, name: str) -> QWidget:
        if name == "taxpayer_type":
            return self._combo(
                TAXPAYER_TYPES,
                {
                    "trading": self.tr("Trading enterprise (exempt and refund)"),
                    "manufacturer": self.tr("Manufacturer (exempt, credit and refund)"),
                },
            )
        if name == "fx_rate_policy":
            return self._combo(
                FX_POLICIES,
                {
                    "export_day": self.tr("Central parity rate of the export day"),
                    "first_of_month": self.tr("Central parity rate of the 1st of the month"),
                },
            )
        if name == "pilot_zone_registered":
            return QCheckBox(self.tr("Registered in a cross-border e-commerce pilot zone"))
        edit = QLineEdit()
        edit.setClearButtonEnabled(True)
        if name in company.CODE_FIELDS or name == "rebate_department":
            edit.textEdited.connect(lambda text, n=name: self._check_live(n))
        return edit

    def _combo(self, codes: tuple[str, ...], names: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for code in codes:
            combo.addItem(names.get(code, code), code)
        return combo

    def _bottom_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 8, 0, 0)
        bar.addWidget(self.status_note, 1)
        bar.addWidget(self.save_button)
        return bar

    # -- values --------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the form holds now, in the shape company.save_profile takes."""
        out: dict[str, Any] = {}
        for name, box in self.boxes.items():
            editor = box.editor
            if isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text()
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            editor = self.boxes[name].editor
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QLineEdit):
                editor.setText(value or "")
            self.boxes[name].clear_problem()
        for name in company.CODE_FIELDS:
            self._check_live(name)

    def editor(self, name: str) -> QWidget:
        return self.boxes[name].editor

    # -- live checks -----------------------------------------------------------------
    def _check_live(self, name: str) -> None:
        editor = self.boxes[name].editor
        assert isinstance(editor, QLineEdit)
        upper = editor.text().upper()
        if upper != editor.text():  # codes are capitals; keep the cursor where it was
            position = editor.cursorPosition()
            editor.setText(upper)
            editor.setCursorPosition(position)
        text = upper.strip()
        if not text:
            self.boxes[name].clear_problem()
            return
        check = company.CODE_FIELDS.get(name, company.check_department)
        reason = check(text)
        if reason:
            self.boxes[name].set_problem(translate_reason(reason))
        elif name == "uscc":
            self.boxes[name].set_ok(self.tr("Check character is correct"))
        else:
            self.boxes[name].clear_problem()

    # -- load and save -------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.tasks.query(load_profile, parent=self, on_success=self.show_profile)

    def show_profile(self, loaded: ProfileSnapshot) -> None:
        self.loaded = loaded
        self.set_values(loaded.values)
        self._show_fx_lock(loaded)

    def _show_fx_lock(self, loaded: ProfileSnapshot) -> None:
        box = self.boxes["fx_rate_policy"]
        if loaded.fx_policy_since is None:
            box.hint = self._hints()["fx_rate_policy"]
        else:
            box.hint = self.tr("In force since {0}; may change from {1}").format(
                loaded.fx_policy_since.isoformat(), loaded.fx_changeable_from.isoformat()
            )
        box.clear_problem()

    def save(self) -> None:
        values = self.values()
        self.status_note.clear()
        self.save_button.setEnabled(False)
        self.ctx.tasks.write(
            lambda session, job: snapshot(company.save_profile(session, values)),
            parent=self,
            changes=Changes(company=True),
            label=self.tr("Saving the company profile…"),
            on_success=self._saved,
            on_failure=self._not_saved,
        )

    def _saved(self, loaded: ProfileSnapshot) -> None:
        self.save_button.setEnabled(True)
        self.show_profile(loaded)
        self.status_note.setStyleSheet("color: #1e7b34;")
        self.status_note.setText(self.tr("Saved."))

    def _not_saved(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, ValidationFailed):
            self.ctx.tasks.report_failure(self, error)
            return
        for problem in error.problems:
            box = self.boxes.get(problem.field)
            if box is not None:
                box.set_problem(translate_reason(problem.reason))
        self.status_note.setStyleSheet("color: #c0392b;")
        self.status_note.setText(self.tr("Not saved: please correct the fields marked in red."))
