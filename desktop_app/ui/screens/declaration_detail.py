"""The detail pane under the declarations table: the header in groups as on the printed form,
the lines, the history, and every problem of the checks shown on its field or line.

A draft is edited here; a cleared declaration is read-only until "Amend…" opens it for an
amendment with a reason. The pane only shows and collects: the screen saves through the
core and hands back the problems it finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldProblem
from desktop_app.core.services.declaration_life import HistoryEntry
from desktop_app.core.services.declaration_query import DeclarationDetail
from desktop_app.ui.models.declaration_table import (
    CAUTION,
    MODES,
    SOURCES,
    STATUSES,
    WARN,
    as_text,
    field_label,
    history_rows,
    label,
    translate_problem,
)
from desktop_app.ui.models.shipment_table import money
from desktop_app.ui.widgets.edit_table import EditTable
from desktop_app.ui.widgets.field import FieldBox
from desktop_app.ui.widgets.list_table import fill, list_table
from desktop_app.ui.widgets.scroll import scrolled

ORIGINAL = Qt.ItemDataRole.UserRole + 1  # a cell's text as loaded
WHERE = Qt.ItemDataRole.UserRole + 2  # a problem's (field, line)
CODE_TABLES = {
    "supervision_mode": "supervision_modes", "levy_nature": "levy_nature",
    "transport_mode": "transport_modes", "package_kind": "package_kinds",
    "trade_country": "countries", "destination_country": "countries",
    "currency": "currencies", "charges_currency": "currencies", "trade_terms": "trade_terms",
    "freight_mark": "freight_marks", "insurance_mark": "freight_marks",
    "other_charges_mark": "freight_marks", "exit_customs": "customs_districts",
    "declare_customs": "customs_districts", "destination_port": "ports",
    "departure_port": "domestic_ports",
}  # fmt: skip
LONG_TEXT = ("attached_documents", "marks_remarks")
DATES = ("export_date", "declare_date", "period_from", "period_to")
NUMBERS = ("packages", "gross_weight_kg", "net_weight_kg", "freight", "insurance",
           "other_charges", "total_amount", "usd_fob")  # fmt: skip
PROBLEM_ROWS = 5  # the list under the form grows to this many rows, then scrolls
WORKED_OUT = ("customs_no", "export_date", "total_amount", "usd_fob")  # never typed in a draft
AMEND_ONLY = ("customs_no", "export_date")  # an amendment may correct them
# Groups as the printed form runs: parties, customs and dates, transport, trade, packing.
GROUPS: tuple[tuple[str, int, int, tuple[tuple[str, ...], ...]], ...] = (
    ("Parties", 0, 0, (("consignor_name",), ("consignor_code",), ("overseas_consignee",),
                       ("producer_name",), ("producer_code",), ("contract_no",))),
    ("Documents and remarks", 1, 0, (("attached_documents",), ("marks_remarks",))),
    ("Customs and dates", 0, 1, (("pre_entry_no",), ("customs_no",), ("exit_customs",),
                                 ("declare_customs",), ("declare_date",), ("export_date",),
                                 ("filing_no",), ("license_no",), ("period_from", "period_to"))),
    ("Trade", 1, 1, (("supervision_mode",), ("levy_nature",), ("trade_terms",), ("currency",),
                     ("total_amount",), ("usd_fob",))),
    ("Transport", 0, 2, (("transport_mode",), ("transport_name",), ("bill_no",),
                         ("trade_country",), ("destination_country",), ("destination_port",),
                         ("departure_port",))),
    ("Packing and charges", 1, 2, (("package_kind",), ("packages",), ("gross_weight_kg",),
                                   ("net_weight_kg",), ("freight", "freight_mark"),
                                   ("insurance", "insurance_mark"),
                                   ("other_charges", "other_charges_mark"),
                                   ("charges_currency",))),
)  # fmt: skip
LINE_KEYS = ("line_no", "hs_code", "name_cn", "declaration_elements", "first_quantity",
             "first_unit", "second_quantity", "second_unit", "trade_quantity", "trade_unit",
             "unit_price", "amount", "origin_country", "destination_country", "domestic_source",
             "net_weight_kg", "gross_weight_kg", "usd_fob")  # fmt: skip
LINE_NUMBERS = ("line_no", "first_quantity", "second_quantity", "trade_quantity", "unit_price",
                "amount", "net_weight_kg", "gross_weight_kg", "usd_fob")  # fmt: skip
LINE_FIXED = ("line_no", "usd_fob")
WIDEST = {"name_cn": 160, "declaration_elements": 320}  # pixels; long texts are dragged wider
_LINE_FIELD = re.compile(r"^line (\d+): (\w+)$")  # how the core names an edited line's field


def where(problem: FieldProblem) -> tuple[str, int | None]:
    """(field, 项号 or None): a check's Problem carries the line; an edit names it in the field."""
    line = getattr(problem, "line", None)
    match = _LINE_FIELD.match(problem.field)
    if match:
        return match.group(2), int(match.group(1))
    return problem.field, line


class CodeBox(QComboBox):
    """A code typed or picked from its table ("USA  美国"); value() is the code alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer().setCompletionMode(self.completer().CompletionMode.PopupCompletion)

    def set_entries(self, entries: Sequence[tuple[str, str, str]]) -> None:
        value = self.value()
        self.blockSignals(True)
        self.clear()
        for code, name_cn, _name_en in entries:
            self.addItem(f"{code}  {name_cn}".strip(), code)
        self.set_value(value)
        self.blockSignals(False)

    def value(self) -> str:
        text = self.currentText().strip()
        return text.split()[0] if text else ""

    def set_value(self, code: str) -> None:
        index = self.findData(code) if code else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code)


class DeclarationDetailPane(QWidget):
    """Shows a DeclarationDetail; edits a draft, or a cleared one in amendment mode."""

    edited = Signal(bool)  # whether anything differs from what was loaded
    save_clicked = Signal()
    revert_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: DeclarationDetail | None = None
        self.mode = "view"
        self.boxes: dict[str, FieldBox] = {}
        self.editors: dict[str, QWidget] = {}
        self.initial: dict[str, str] = {}
        self._loading = False
        self.summary = QLabel(objectName="hint")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = self._build_form()
        self.lines = self._build_lines()
        self.history = list_table([self.tr("When"), self.tr("Who"), self.tr("What"),
                                   self.tr("Change"), self.tr("Reason")])  # fmt: skip
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("Declaration"))
        self.tabs.addTab(self.lines, self.tr("Lines"))
        self.tabs.addTab(self.history, self.tr("History"))
        self._build_bottom()
        self.show_detail(None)

    # -- building ------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 8, 0)
        titles = {"Parties": self.tr("Parties"), "Documents and remarks":
                  self.tr("Documents and remarks"), "Customs and dates":
                  self.tr("Customs and dates"), "Trade": self.tr("Trade"),
                  "Transport": self.tr("Transport"), "Packing and charges":
                  self.tr("Packing and charges")}  # fmt: skip
        for title, row, column, rows in GROUPS:
            grid.addWidget(self._group(titles[title], rows), row, column)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(2, 1)
        return scrolled(body)

    def _group(self, title: str, rows: tuple[tuple[str, ...], ...]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for names in rows:
            holder = QWidget()
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            for name in names:
                self.editors[name] = self._editor(name)
                self.boxes[name] = _one_line(FieldBox(self.editors[name]))
                line.addWidget(self.boxes[name], 1 if len(names) == 1 or "mark" not in name else 0)
            text = " / ".join(field_label(n) for n in names if not n.endswith("_mark"))
            form.addRow(text, holder)
        return group

    def _editor(self, name: str) -> QWidget:
        if name in CODE_TABLES:
            box = CodeBox()
            box.currentTextChanged.connect(lambda _t: self._changed())
            if name.endswith("_mark"):
                box.setMinimumContentsLength(4)
                box.setToolTip(field_label(name))
            return box
        if name in LONG_TEXT:
            text = QPlainTextEdit()
            text.setMaximumHeight(64)
            text.textChanged.connect(self._changed)
            return text
        edit = QLineEdit()
        edit.textChanged.connect(lambda _t: self._changed())
        if name in DATES:
            edit.setPlaceholderText("YYYY-MM-DD")
        if name in NUMBERS:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        return edit

    def _build_lines(self) -> EditTable:
        table = EditTable([(key, field_label(key, line=True)) for key in LINE_KEYS],
                          right=LINE_NUMBERS, locked=LINE_FIXED, stretch=None,
                          chars={"hs_code": 10, "name_cn": 12, "declaration_elements": 24,
                                 "amount": 10, "unit_price": 8})  # fmt: skip
        table.verticalHeader().hide()  # the 项号 column numbers the lines
        table.itemChanged.connect(lambda _item: self._changed())
        return table

    def _build_bottom(self) -> None:
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the cleared declaration is changed"))
        self.reason_box = FieldBox(self.reason)
        self.reason_row = QWidget()
        row = QHBoxLayout(self.reason_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Reason for the amendment")))
        row.addWidget(self.reason_box, 1)
        self.problems_title = QLabel()
        self.problems = QListWidget()
        self.problems.itemActivated.connect(self.focus_problem)
        self.problems.itemClicked.connect(self.focus_problem)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_clicked)
        self.save_button.setToolTip(QKeySequence("Ctrl+S").toString(
            QKeySequence.SequenceFormat.NativeText))  # fmt: skip
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self.revert_clicked)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self,
                             context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        shortcut.activated.connect(
            lambda: self.save_button.isEnabled() and self.save_clicked.emit()
        )
        bar = QHBoxLayout()
        bar.addWidget(self.problems_title, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.reason_row)
        layout.addLayout(bar)
        layout.addWidget(self.problems)

    def _save_shortcut(self) -> None:
        if self.save_button.isVisible() and self.save_button.isEnabled():
            self.save_clicked.emit()

    def set_codes(self, tables: dict[str, list[tuple[str, str, str]]]) -> None:
        """The code tables' entries the code fields offer (empty: the code is typed)."""
        self._loading = True
        for name, table in CODE_TABLES.items():
            editor = self.editors[name]
            assert isinstance(editor, CodeBox)
            editor.set_entries(tables.get(table, []))
        self._loading = False

    # -- showing -------------------------------------------------------------------
    def show_detail(self, detail: DeclarationDetail | None, mode: str | None = None) -> None:
        """Load a declaration (None clears the pane); a draft opens for editing."""
        self.detail = detail
        self._loading = True
        try:
            self._fill(detail)
        finally:
            self._loading = False
        editable = detail is not None and detail.row.editable
        self.set_mode(mode or ("edit" if editable else "view"))
        self.show_problems(detail.problems if detail is not None else [])

    def _fill(self, detail: DeclarationDetail | None) -> None:
        header = detail.header if detail is not None else {}
        for name in self.editors:
            self._set_text(name, as_text(header.get(name)))
        self.initial = {name: self.text(name) for name in self.editors}
        self.reason.clear()
        self.lines.setRowCount(0)
        for line in detail.lines if detail is not None else []:
            row = self.lines.add_row({key: as_text(line.get(key)) for key in LINE_KEYS})
            for key in LINE_KEYS:
                item = self.lines.item(row, self.lines.column(key))
                item.setData(ORIGINAL, item.text())
        self.lines.fit_columns()
        for key, widest in WIDEST.items():
            column = self.lines.column(key)
            self.lines.setColumnWidth(column, min(self.lines.columnWidth(column), widest))
        self._fill_history(detail.history if detail is not None else [])
        self.summary.setText(self._summary(detail))
        count = len(detail.lines) if detail is not None else 0
        self.tabs.setTabText(1, self.tr("Lines ({0})").format(count))

    def _summary(self, detail: DeclarationDetail | None) -> str:
        if detail is None:
            return self.tr("Select a declaration to see its form, lines, problems and history.")
        r = detail.row
        source = label(SOURCES, detail.source_kind)
        if detail.sources:
            source += " " + ", ".join(detail.sources)
        elif detail.orders:
            source += " " + self.tr("({0} orders)").format(detail.orders)
        head = f"{r.ref} · {label(MODES, r.mode)} · {label(STATUSES, r.status)} · {source}"
        fob = money(r.usd_fob) if r.usd_fob is not None else "—"
        totals = self.tr("{0} lines · total {1} {2} · USD FOB {3}").format(
            r.lines, money(r.total), r.currency, fob
        )
        return f"{head}\n{totals}"

    def _fill_history(self, entries: list[HistoryEntry]) -> None:
        rows = history_rows(entries)
        fill(self.history, rows)
        self.tabs.setTabText(2, self.tr("History ({0})").format(len(rows)))

    # -- editing -------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        """view: read-only; edit: a draft's fields; amend: a cleared one's, with a reason."""
        self.mode = mode
        for name, editor in self.editors.items():
            open_ = mode != "view" and (name not in WORKED_OUT or
                                        (mode == "amend" and name in AMEND_ONLY))  # fmt: skip
            _read_only(editor, not open_)
        self.lines.set_read_only(mode == "view")
        self.reason_row.setVisible(mode == "amend")
        self.save_button.setVisible(mode != "view")
        self.revert_button.setVisible(mode != "view")
        amend = mode == "amend"
        self.save_button.setText(self.tr("Save amendment") if amend else self.tr("Save"))
        self.revert_button.setText(self.tr("Cancel amendment") if amend else self.tr("Revert"))
        self._enable_buttons()

    def _changed(self) -> None:
        if not self._loading:
            self._enable_buttons()
            self.edited.emit(self.dirty)

    def _enable_buttons(self) -> None:
        dirty = self.dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty or self.mode == "amend")

    @property
    def dirty(self) -> bool:
        return self.mode != "view" and bool(self.header_changes() or self.line_changes())

    def text(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, CodeBox):
            return editor.value()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def _set_text(self, name: str, text: str) -> None:
        editor = self.editors[name]
        if isinstance(editor, CodeBox):
            editor.set_value(text)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            assert isinstance(editor, QLineEdit)
            editor.setText(text)
            editor.setCursorPosition(0)

    def set_text(self, name: str, text: str) -> None:
        """Type into a field (tests, and the screen's shortcuts)."""
        self._set_text(name, text)
        self._changed()

    def header_changes(self) -> dict[str, str]:
        return {n: self.text(n) for n in self.editors if self.text(n) != self.initial.get(n, "")}

    def line_changes(self) -> dict[int, dict[str, str]]:
        """The edited cells of each line, by 项号."""
        changes: dict[int, dict[str, str]] = {}
        for row in range(self.lines.rowCount()):
            number = int(self.lines.text(row, "line_no") or row + 1)
            for key in LINE_KEYS:
                item = self.lines.item(row, self.lines.column(key))
                if item is not None and item.text().strip() != (item.data(ORIGINAL) or ""):
                    changes.setdefault(number, {})[key] = item.text().strip()
        return changes

    # -- problems ------------------------------------------------------------------
    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Each problem on its field or line cell, and all of them in the list below."""
        for box in [*self.boxes.values(), self.reason_box]:
            box.clear_problem()
            box.note.setToolTip("")
        self.lines.clear_marks()
        self.problems.clear()
        errors = 0
        for problem in problems:
            warning = getattr(problem, "severity", "error") == "warning"
            errors += not warning
            self._add_problem(problem, warning)
        if not problems:
            self.problems_title.setText(self.tr("No problems found."))
        else:
            text = self.tr("Problems: {0} error(s), {1} warning(s) — click one to go to its field")
            self.problems_title.setText(text.format(errors, len(problems) - errors))
        self.problems.setVisible(bool(problems))
        rows = min(len(problems), PROBLEM_ROWS)
        if rows:
            height = rows * self.problems.sizeHintForRow(0) + 2 * self.problems.frameWidth() + 4
            self.problems.setFixedHeight(height)

    def _add_problem(self, problem: FieldProblem, warning: bool) -> None:
        name, line = where(problem)
        reason = translate_problem(problem.reason)
        if warning:
            reason = self.tr("warning: {0}").format(reason)
        if line is None and name in self.boxes:
            self.boxes[name].set_problem(reason)
            self.boxes[name].note.setToolTip(reason)
            if warning:
                self.boxes[name].note.setStyleSheet(f"color: {CAUTION.name()};")
        elif line is None and name == "reason":
            self.reason_box.set_problem(reason)
        elif line is not None:
            row = self._row_of(line)
            if row is not None:
                self.lines.mark(row, name if name in LINE_KEYS else None, reason)
        place = field_label(name, line=line is not None)
        if line is not None:
            place = self.tr("Line {0} · {1}").format(line, place)
        item = QListWidgetItem(f"{place}: {reason}")
        item.setForeground(QBrush(CAUTION if warning else WARN))
        item.setData(WHERE, (name, line))
        self.problems.addItem(item)

    def _row_of(self, line_no: int) -> int | None:
        for row in range(self.lines.rowCount()):
            if self.lines.text(row, "line_no") == str(line_no):
                return row
        return None

    def focus_problem(self, item: QListWidgetItem) -> None:
        """Go to the problem's field (or its line's cell) and put the cursor there."""
        name, line = item.data(WHERE)
        if line is not None:
            self.focus_line(line, name)
        elif name in self.editors:
            self.focus_field(name)
        elif name == "reason":
            self.reason.setFocus()
        elif name == "lines":
            self.tabs.setCurrentWidget(self.lines)

    def focus_field(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.form)
        self.form.ensureWidgetVisible(self.boxes[name])
        self.editors[name].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_line(self, line: int, name: str) -> None:
        self.tabs.setCurrentWidget(self.lines)
        row = self._row_of(line)
        if row is None:
            return
        column = self.lines.column(name) if name in LINE_KEYS else 0
        self.lines.setCurrentCell(row, column)
        item = self.lines.item(row, column)
        if isinstance(item, QTableWidgetItem):
            self.lines.scrollToItem(item)
        self.lines.setFocus(Qt.FocusReason.OtherFocusReason)


def _one_line(box: FieldBox) -> FieldBox:
    """A note kept to one line (its whole text on hover and in the list below): wrapped notes
    in a scrolled form do not always get the height they need."""
    box.note.setWordWrap(False)
    box.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return box


def _read_only(editor: QWidget, read_only: bool) -> None:
    if isinstance(editor, QLineEdit | QPlainTextEdit):
        editor.setReadOnly(read_only)
    else:
        editor.setEnabled(not read_only)
