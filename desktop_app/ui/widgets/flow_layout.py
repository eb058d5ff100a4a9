"""A layout that places widgets left to right and wraps them onto new lines when narrow.

The Qt "Flow Layout" example in Python: tool and filter bars stay usable on a small
screen (and let the window be narrow) instead of forcing a wide minimum size.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretchy: set[int] = set()  # ids of items that take a line's spare width
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def add_stretchy(self, widget: QWidget) -> None:
        """A widget (a search box) that grows into the rest of its line."""
        self.addWidget(widget)
        self._stretchy.add(id(self._items[-1]))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self._stretchy.discard(id(item))
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            wanted = item.sizeHint().width()
            if lines[-1] and used + self.spacing() + wanted > width:
                lines.append([])
                used = 0
            used += (self.spacing() if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return lines

    def _place(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        y = area.y()
        for line in self._lines(area.width()):
            if not line:
                continue
            widths = [item.sizeHint().width() for item in line]
            spare = area.width() - sum(widths) - self.spacing() * (len(line) - 1)
            stretchy = [n for n, item in enumerate(line) if id(item) in self._stretchy]
            for n in stretchy:
                widths[n] += max(spare, 0) // len(stretchy)
            height = max(item.sizeHint().height() for item in line)
            x = area.x()
            for item, width in zip(line, widths, strict=True):
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(min(width, area.width()), height)))
                x += width + self.spacing()
            y += height + self.spacing()
        return y - self.spacing() - rect.y() + margins.bottom()


def flow(widgets: list[QWidget], stretchy: QWidget | None = None) -> QWidget:
    """A widget holding `widgets` in a FlowLayout (the stretchy one first, widening)."""
    holder = QWidget()
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    layout = FlowLayout(holder)
    if stretchy is not None:
        layout.add_stretchy(stretchy)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
