"""Wrap a form in a frameless scroll area so small screens scroll instead of clipping."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget


def scrolled(body: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(body)
    return area
