"""Unmapped SKUs (未对应 SKU): platform SKUs that order lines carry, resolved to SKUs in bulk.

Each row offers the best suggestion (by rule); the user accepts it or picks another SKU and a
quantity factor. Apply maps them all in one transaction, which also fills in the SKU of every
order line already imported with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QLocale, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.services import mapping, sku_query
from desktop_app.core.services.mapping import Resolution, UnmappedRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes

SEPARATOR = " — "  # between a SKU's code and its name in the picker
SKU_COLUMN, FACTOR_COLUMN = 7, 8


@dataclass(frozen=True)
class UnmappedData:
    """What the dialog shows: the unmapped platform SKUs and the SKUs to pick from."""

    rows: list[UnmappedRow]
    skus: list[tuple[int, str, str]]  # (id, code, name)


def load_unmapped(session: Session, job: Job) -> UnmappedData:
    """Runs on the worker thread."""
    prefixes, suffixes = mapping.configured_affixes(session)
    rows = mapping.unmapped(session, prefixes=prefixes, suffixes=suffixes)
    return UnmappedData(rows, sku_query.active_sku_choices(session))


def unmapped_count(session: Session, job: Job | None = None) -> int:
    """A query op for tasks.py: mapping.unmapped_count."""
    return mapping.unmapped_count(session)


def factor_text(value: Decimal) -> str:
    """1.00000 → '1', 0.50000 → '0.5'."""
    return format(value.normalize(), "f")


class UnmappedDialog(QDialog):
    """Opened empty; reload() fills it. `applied` counts come back through the status line."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[UnmappedRow] = []
        self.done_text = ""  # what the last Apply did, kept over the reload
        self.sku_by_code: dict[str, int] = {}
        self.setWindowTitle(self.tr("Unmapped SKUs"))
        intro = QLabel(
            self.tr(
                "These platform SKUs appear on imported order lines but stand for no SKU of "
                "the catalogue yet. Pick the SKU (and how many of it one platform unit holds); "
                "Apply maps them and updates every order line already imported."
            )
        )
        intro.setWordWrap(True)
        self.completions = QStringListModel(self)
        self.table = self._build_table()
        self.status = QLabel(objectName="hint")
        self.status.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Accept all suggestions"))
        self.accept_button.clicked.connect(self.accept_suggestions)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(1100, 560)

    def _build_table(self) -> QTableWidget:
        headers = [self.tr("Shop"), self.tr("Platform SKU"), self.tr("Order lines"),
                   self.tr("Quantity"), self.tr("First seen"), self.tr("Last seen"),
                   self.tr("Suggestion"), self.tr("SKU"), self.tr("Factor")]  # fmt: skip
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SKU_COLUMN, QHeaderView.ResizeMode.Stretch)
        return table

    # -- data ----------------------------------------------------------------------
    def reload(self) -> None:
        self.status.setText(self.tr("Loading…"))
        self.apply_button.setEnabled(False)
        self.ctx.tasks.query(load_unmapped, parent=self, on_success=self.show_data)

    def show_data(self, data: UnmappedData) -> None:
        self.rows = data.rows
        self.sku_by_code = {code: sku_id for sku_id, code, _name in data.skus}
        self.completions.setStringList([f"{code}{SEPARATOR}{name}" for _i, code, name in data.skus])
        self.table.setRowCount(len(data.rows))
        for number, row in enumerate(data.rows):
            self._fill_row(number, row)
        self.apply_button.setEnabled(bool(data.rows))
        self.accept_button.setEnabled(any(r.suggestion for r in data.rows))
        if data.rows:
            left = self.tr("{0} platform SKUs are not mapped yet.").format(
                QLocale().toString(len(data.rows))
            )
        else:
            left = self.tr("Every platform SKU is mapped to a SKU.")
        self.status.setText(f"{self.done_text}\n{left}" if self.done_text else left)

    def _fill_row(self, number: int, row: UnmappedRow) -> None:
        locale = QLocale()
        suggestion = row.suggestion
        cells = [
            row.shop_name,
            row.platform_sku,
            locale.toString(row.order_lines),
            factor_text(row.quantity),
            _day(row.first_seen),
            _day(row.last_seen),
            self._suggestion_text(row),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column in (2, 3):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(number, column, item)
        picker = QLineEdit()
        picker.setPlaceholderText(self.tr("SKU code or name"))
        completer = QCompleter(self.completions, picker)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        picker.setCompleter(completer)
        picker.textChanged.connect(lambda _text, n=number: self._mark(n))
        factor = QLineEdit(factor_text(suggestion.quantity_factor) if suggestion else "1")
        factor.setAlignment(Qt.AlignmentFlag.AlignRight)
        factor.setMaximumWidth(90)
        self.table.setCellWidget(number, SKU_COLUMN, picker)
        self.table.setCellWidget(number, FACTOR_COLUMN, factor)

    def _suggestion_text(self, row: UnmappedRow) -> str:
        s = row.suggestion
        if s is None:
            return self.tr("None")
        rules = {
            "mapped_elsewhere": self.tr("mapped in another shop"),
            "exact": self.tr("same code"),
            "case_insensitive": self.tr("same code, other case"),
            "stripped": self.tr("prefix/suffix removed"),
            "multipack": self.tr("multipack"),
        }
        return f"{s.sku_code} × {factor_text(s.quantity_factor)} ({rules.get(s.rule, s.rule)})"

    def picker(self, number: int) -> QLineEdit:
        widget = self.table.cellWidget(number, SKU_COLUMN)
        assert isinstance(widget, QLineEdit)
        return widget

    def factor(self, number: int) -> QLineEdit:
        widget = self.table.cellWidget(number, FACTOR_COLUMN)
        assert isinstance(widget, QLineEdit)
        return widget

    # -- editing -------------------------------------------------------------------
    def accept_suggestions(self) -> None:
        """Fill every row that has a suggestion with its SKU and factor."""
        for number, row in enumerate(self.rows):
            if row.suggestion is not None:
                self.picker(number).setText(
                    f"{row.suggestion.sku_code}{SEPARATOR}{row.suggestion.sku_name}"
                )
                self.factor(number).setText(factor_text(row.suggestion.quantity_factor))

    def chosen_sku(self, number: int) -> int | None:
        """The SKU id the row's picker names (its code, or 'code — name'); None if unknown."""
        text = self.picker(number).text().split(SEPARATOR)[0].strip()
        return self.sku_by_code.get(text)

    def _mark(self, number: int) -> None:
        picker = self.picker(number)
        bad = bool(picker.text().strip()) and self.chosen_sku(number) is None
        picker.setProperty("problem", bad)
        picker.setStyleSheet("QLineEdit { color: #c0392b; }" if bad else "")

    def resolutions(self) -> tuple[list[Resolution], list[str]]:
        """The rows the user filled, and a problem per row that cannot be applied."""
        items, problems = [], []
        for number, row in enumerate(self.rows):
            text = self.picker(number).text().strip()
            if not text:
                continue
            sku_id = self.chosen_sku(number)
            factor = _decimal(self.factor(number).text())
            if sku_id is None:
                problems.append(self.tr("{0}: no SKU with code {1}").format(row.platform_sku, text))
            elif factor is None or factor <= 0:
                problems.append(
                    self.tr("{0}: the factor must be a number above 0").format(row.platform_sku)
                )
            else:
                items.append(Resolution(row.shop_id, row.platform_sku, sku_id, factor))
        return items, problems

    def apply(self) -> None:
        items, problems = self.resolutions()
        if problems:
            self.status.setText("\n".join(problems))
            return
        if not items:
            self.status.setText(self.tr("Pick a SKU for at least one platform SKU first."))
            return
        self.apply_button.setEnabled(False)
        self.ctx.tasks.write(
            lambda session, job: mapping.resolve_bulk(session, items),
            parent=self,
            changes=Changes(orders=True, skus=True),
            label=self.tr("Mapping platform SKUs…"),
            on_success=lambda lines: self._applied(len(items), lines),
            on_failure=self._failed,
        )

    def _applied(self, mapped: int, lines: Any) -> None:
        n = QLocale().toString
        text = self.tr("{0} platform SKUs mapped; {1} order lines updated.").format(
            n(mapped), n(int(lines))
        )
        self.done_text = text
        self.ctx.events.notify(text)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.apply_button.setEnabled(True)
        self.ctx.tasks.report_failure(self, error)


def _day(value: Any) -> str:
    return value.astimezone().strftime("%Y-%m-%d") if value is not None else ""


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
