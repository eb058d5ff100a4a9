"""Route selected orders by hand: customs mode, fulfilment and warehouse, each kept or set."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.services.routing import CUSTOMS_MODES
from desktop_app.ui.models.order_table import CUSTOMS_MODES as MODE_NAMES
from desktop_app.ui.models.order_table import FULFILMENTS, label

KEEP = None


@dataclass(frozen=True)
class RouteChoice:
    """What to set; None keeps each order's own value."""

    customs_mode: str | None
    fulfilment: str | None
    warehouse_id: int | None


class RouteOrdersDialog(QDialog):
    def __init__(
        self, count: int, warehouses: list[tuple[int, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Route orders by hand"))
        keep = self.tr("Keep as it is")
        self.mode = self._combo(keep, [(label(MODE_NAMES, m), m) for m in CUSTOMS_MODES])
        self.fulfilment = self._combo(keep, [(label(FULFILMENTS, f), f) for f in FULFILMENTS])
        self.warehouse = self._combo(keep, [(f"{code} {name}", i) for i, code, name in warehouses])
        note = QLabel(
            self.tr(
                "{0} order(s) selected. Orders routed by hand keep this route when the routing "
                "rules are applied again, until you choose “Use rules again”."
            ).format(count)
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Customs mode"), self.mode)
        form.addRow(self.tr("Fulfilment"), self.fulfilment)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    @staticmethod
    def _combo(keep: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(keep, KEEP)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    def choice(self) -> RouteChoice:
        return RouteChoice(
            self.mode.currentData(), self.fulfilment.currentData(), self.warehouse.currentData()
        )
