"""Settings (设置): company, general, code tables, rate library, warehouses and stock rules."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.screens.settings_codes import CodeTablesPanel
from desktop_app.ui.screens.settings_company import CompanyPanel
from desktop_app.ui.screens.settings_general import GeneralPanel
from desktop_app.ui.screens.settings_holidays import HolidaysPanel
from desktop_app.ui.screens.settings_rates import RateLibraryPanel
from desktop_app.ui.screens.settings_warehouses import WarehousesPanel
from desktop_app.ui.widgets.screen import PageHeader, Screen


class SettingsScreen(Screen):
    KEY = "settings"
    WATCHES = ("company", "settings", "code_tables", "stock")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.company = CompanyPanel(ctx)
        self.general = GeneralPanel(ctx)
        self.code_tables = CodeTablesPanel(ctx)
        self.rates = RateLibraryPanel(ctx)
        self.warehouses = WarehousesPanel(ctx)
        self.holidays = HolidaysPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.company, self.tr("Company"))
        self.tabs.addTab(self.general, self.tr("General"))
        self.tabs.addTab(self.code_tables, self.tr("Code tables"))
        self.tabs.addTab(self.rates, self.tr("Rate library"))
        self.tabs.addTab(self.warehouses, self.tr("Warehouses"))
        self.tabs.addTab(self.holidays, self.tr("Holidays"))
        self.tabs.setCurrentIndex(ctx.state.view("settings/tab"))
        self.tabs.currentChanged.connect(lambda index: ctx.state.set_view("settings/tab", index))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(
            PageHeader(
                self.title(),
                self.tr("Your company's details go onto every declaration and rebate form."),
            )
        )
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("Settings")

    def refresh(self, changes: Changes | None = None) -> None:
        """Reload only the panels whose data changed (None: all of them)."""
        if changes is None or changes.company:
            self.company.reload()
        if changes is None or changes.settings:
            self.general.reload()
        if changes is None or changes.code_tables:
            self.code_tables.reload()
        if changes is None:  # the panel reloads itself after its own imports
            self.rates.reload()
        if changes is None or changes.stock or changes.settings:
            self.warehouses.reload()
        if changes is None or changes.settings:
            self.holidays.reload()
