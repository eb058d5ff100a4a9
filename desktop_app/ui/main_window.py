"""The main window: a navigation list, one screen at a time, the status bar, backup on close."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import paths
from desktop_app.core import settings
from desktop_app.core.db import DEFAULT_ACTOR, Database, head_revision
from desktop_app.core.services import backup
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import AppEvents
from desktop_app.ui.reasons import describe_error
from desktop_app.ui.screens.catalogue import CatalogueScreen
from desktop_app.ui.screens.deadlines import DeadlinesScreen
from desktop_app.ui.screens.declarations import DeclarationsScreen
from desktop_app.ui.screens.documents import DocumentsScreen
from desktop_app.ui.screens.fx import FxScreen
from desktop_app.ui.screens.home import HomeScreen
from desktop_app.ui.screens.invoices import InvoicesScreen
from desktop_app.ui.screens.ledger import LedgerScreen
from desktop_app.ui.screens.orders import OrdersScreen
from desktop_app.ui.screens.rebate import RebateScreen
from desktop_app.ui.screens.rebate_calculator import RebateCalculatorScreen
from desktop_app.ui.screens.reports import ReportsScreen
from desktop_app.ui.screens.settings import SettingsScreen
from desktop_app.ui.screens.shipments import ShipmentsScreen
from desktop_app.ui.screens.stock import StockScreen
from desktop_app.ui.screens.stocktakes import StocktakesScreen
from desktop_app.ui.style import WINDOW_STYLE
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.ui_state import UiState
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.elided_label import ElidedLabel
from desktop_app.ui.widgets.screen import Screen

SIDEBAR_WIDTH = 200
NOTICE_MS = 8000


def icon(name: str) -> QIcon:
    return QIcon(str(paths.resource("icons", f"{name}.svg")))


class MainWindow(QMainWindow):
    def __init__(self, db: Database, state: UiState, *, actor: str = DEFAULT_ACTOR) -> None:
        super().__init__()
        self.db = db
        self.state = state
        self.events = AppEvents(self)
        self.tasks = TaskRunner(db, self.events, actor=actor, parent=self)
        self.ctx = AppContext(db, self.tasks, self.events, state)
        self._closed = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("ExportDesk"))
        self.setWindowIcon(icon("app"))
        self.setStyleSheet(WINDOW_STYLE)
        self.home = HomeScreen(self.ctx)
        self.orders = OrdersScreen(self.ctx)
        self.catalogue = CatalogueScreen(self.ctx)
        self.stock = StockScreen(self.ctx)
        self.shipments = ShipmentsScreen(self.ctx)
        self.stocktakes = StocktakesScreen(self.ctx)
        self.ledger = LedgerScreen(self.ctx)
        self.declarations = DeclarationsScreen(self.ctx)
        self.invoices = InvoicesScreen(self.ctx)
        self.rebate = RebateScreen(self.ctx)
        self.fx = FxScreen(self.ctx)
        self.documents = DocumentsScreen(self.ctx)
        self.deadlines = DeadlinesScreen(self.ctx)
        self.calculator = RebateCalculatorScreen(self.ctx)
        self.reports = ReportsScreen(self.ctx)
        self.settings_screen = SettingsScreen(self.ctx)
        self.screens: list[Screen] = [
            self.home, self.orders, self.catalogue, self.stock, self.shipments,
            self.stocktakes, self.ledger, self.declarations, self.invoices, self.rebate, self.fx,
            self.documents, self.deadlines, self.calculator, self.reports, self.settings_screen,
        ]  # fmt: skip
        self.stack = QStackedWidget()
        self.nav = self._build_nav()
        self._build_central()
        self._build_status_bar()
        self._build_actions()
        self.events.notice.connect(lambda text: self.statusBar().showMessage(text, NOTICE_MS))
        state.restore_window(self)
        start = state.view("main/screen")
        self.nav.setCurrentRow(start if 0 <= start < len(self.screens) else 0)

    # -- building ------------------------------------------------------------------
    def _build_nav(self) -> QListWidget:
        nav = QListWidget(objectName="nav")
        nav.setIconSize(QSize(20, 20))
        nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for number, screen in enumerate(self.screens, start=1):
            item = QListWidgetItem(icon(screen.KEY), screen.title())
            item.setToolTip(f"{screen.title()} (Ctrl+{number})" if number <= 9 else screen.title())
            nav.addItem(item)
            self.stack.addWidget(screen)
            screen.navigate.connect(self.go_to)
        nav.currentRowChanged.connect(self.show_screen)
        return nav

    def _build_central(self) -> None:
        sidebar = QFrame(objectName="sidebar")
        sidebar.setFixedWidth(SIDEBAR_WIDTH)
        brand = QLabel(self.tr("ExportDesk"), objectName="brand")
        brand_sub = QLabel(self.tr("Customs, stock and export rebates"), objectName="brandSub")
        brand_sub.setWordWrap(True)
        column = QVBoxLayout(sidebar)
        column.setContentsMargins(0, 18, 0, 12)
        column.setSpacing(2)
        for label in (brand, brand_sub):
            label.setContentsMargins(18, 0, 8, 0)
            column.addWidget(label)
        column.addSpacing(16)
        column.addWidget(self.nav, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.busy_label = QLabel(self.tr("Working…"))
        self.busy_label.hide()
        self.tasks.busy_changed.connect(self.busy_label.setVisible)
        self.database_label = ElidedLabel(self.database_text())
        self.database_label.setMinimumWidth(320)
        self.database_label.setMaximumWidth(640)
        self.database_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        bar = self.statusBar()
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.database_label, 1)

    def database_text(self) -> str:
        revision = self.db.revision()
        text = self.tr("Database: {0} · schema {1}").format(self.db.display_name, revision)
        if revision != head_revision():
            text += self.tr(" (expected {0})").format(head_revision())
        return text

    def _build_actions(self) -> None:
        for number in range(1, min(len(self.screens), 9) + 1):
            self._action(
                f"Ctrl+{number}", lambda _checked=False, n=number: self.nav.setCurrentRow(n - 1)
            )
        self._action("Ctrl+Q", self.close)
        self._action(QKeySequence(Qt.Key.Key_F5), self.refresh_current)

    def _action(self, keys: str | QKeySequence, slot: object) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- navigation ----------------------------------------------------------------
    def show_screen(self, index: int) -> None:
        if self.nav.currentRow() != index:  # called directly: let the sidebar follow
            self.nav.setCurrentRow(index)  # which calls back here
            return
        self.stack.setCurrentIndex(index)
        self.state.set_view("main/screen", index)

    def go_to(self, key: str) -> None:
        keys = [screen.KEY for screen in self.screens]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def current_screen(self) -> Screen:
        screen = self.stack.currentWidget()
        assert isinstance(screen, Screen)
        return screen

    def refresh_current(self) -> None:
        self.current_screen().refresh(None)
        self.database_label.setText(self.database_text())

    # -- closing -------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self.tasks.shutdown()
            self.state.save_window(self)
            self.backup_on_close()
        event.accept()

    def backup_on_close(self) -> Path | None:
        """The daily automatic backup; a failure is shown but never keeps the window open."""
        if self.db.path is None:  # PostgreSQL: the server's own backups apply
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self.db.sessions() as session:
                if not settings.get(session, "backup.on_close"):
                    return None
            return backup.auto_backup(self.db)
        except Exception as exc:
            messages.warning_now(
                self,
                self.tr("Backup on close failed"),
                self.tr(
                    "The automatic backup could not be made:\n{0}\n\n"
                    "ExportDesk closes anyway; use “Back up now” on Home next time."
                ).format(describe_error(exc)),
            )
            return None
        finally:
            QApplication.restoreOverrideCursor()
