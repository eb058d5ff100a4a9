"""A model module's fixed texts in the UI language: its context's tr() and the names of codes."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication


def translator(context: str) -> Callable[[str], str]:
    """tr() for module-level texts marked with QT_TRANSLATE_NOOP(context, …)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate(context, text)

    return tr


def labeller(context: str) -> Callable[[Mapping[str, str], str | None], str]:
    """label(table, code): the translated name of a code; an unknown code shows as itself."""
    tr = translator(context)

    def label(table: Mapping[str, str], code: str | None) -> str:
        if code is None:
            return ""
        source = table.get(code)
        return tr(source) if source else code

    return label
