"""A form editor with a note under it: a grey hint, a green confirmation or a red problem."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop_app.core.errors import FieldProblem
from desktop_app.ui.reasons import translate_reason

NOTE_STYLES = {
    "hint": "color: palette(placeholder-text);",
    "ok": "color: #1e7b34;",
    "problem": "color: #c0392b;",
}


class FieldBox(QWidget):
    """Wraps one editor; screens show a FieldProblem's reason here, beside the field itself."""

    def __init__(self, editor: QWidget, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.hint = hint
        self.note = QLabel(objectName="fieldNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.note)
        self.clear_problem()

    def problem(self) -> str:
        return self.note.text() if self.note.property("kind") == "problem" else ""

    def set_problem(self, reason: str) -> None:
        self._show("problem", reason)

    def set_ok(self, text: str) -> None:
        self._show("ok", text)

    def clear_problem(self) -> None:
        self._show("hint", self.hint)

    def _show(self, kind: str, text: str) -> None:
        self.note.setProperty("kind", kind)
        self.note.setStyleSheet(NOTE_STYLES[kind])
        self.note.setText(text)
        self.note.setVisible(bool(text))


def field_group(
    title: str, rows: Iterable[tuple[str, str, QWidget, str]], boxes: dict[str, FieldBox]
) -> QGroupBox:
    """A titled form of (key, label, editor, hint) rows; each FieldBox lands in `boxes[key]`."""
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    for key, label, editor, hint in rows:
        boxes[key] = FieldBox(editor, hint)
        form.addRow(label, boxes[key])
    return box


def show_on_fields(boxes: Mapping[str, FieldBox], problems: Iterable[FieldProblem]) -> None:
    """Each box shows the reasons of the problems on its field, joined; the others their hint."""
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        by_field.setdefault(problem.field, []).append(translate_reason(problem.reason))
    for name, box in boxes.items():
        if name in by_field:
            box.set_problem("; ".join(by_field[name]))
        else:
            box.clear_problem()
