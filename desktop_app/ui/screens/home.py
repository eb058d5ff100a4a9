"""Home (首页): what needs doing today (alerts, deadlines), charts of exports, the rebate
pipeline and stock value, then which database is open, how recently backed up, what it holds.

The dashboard (core/services/dashboard.py) reloads only when an area it shows changed; the
record counts follow every change, as before. Nothing polls the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_app.core.jobs import Job
from desktop_app.core.services import backup, company, status
from desktop_app.core.services.dashboard import ALERT_SCREENS, Dashboard, dashboard
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.screens.deadlines import KIND_LABELS
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.charts import DashboardCharts
from desktop_app.ui.widgets.info_card import InfoCard
from desktop_app.ui.widgets.screen import PageHeader, Screen
from desktop_app.ui.widgets.scroll import scrolled

STALE_BACKUP = dt.timedelta(days=7)
# What the dashboard shows moves only with these; the counts below it move with everything.
DASHBOARD_AREAS = ("orders", "stock", "declarations", "rebate", "skus", "settings", "company")
OVERDUE, WARN, GOOD = "#c62828", "#b26a00", "#1e7b34"

# dashboard.ALERT_SCREENS names: what the alert says, and the button that opens its screen.
ALERT_TEXTS = {
    "unmapped_skus": (
        QT_TRANSLATE_NOOP("HomeScreen", "Platform SKUs not mapped to a SKU"),
        QT_TRANSLATE_NOOP("HomeScreen", "Map in Orders"),
    ),
    "low_stock": (
        QT_TRANSLATE_NOOP("HomeScreen", "Overseas stock at or below its reorder point"),
        QT_TRANSLATE_NOOP("HomeScreen", "Open Stock"),
    ),
    "self_check": (
        QT_TRANSLATE_NOOP("HomeScreen", "Self-check findings in draft rebate batches"),
        QT_TRANSLATE_NOOP("HomeScreen", "Open Rebate"),
    ),
    "missing_documents": (
        QT_TRANSLATE_NOOP("HomeScreen", "Filing documents overdue"),
        QT_TRANSLATE_NOOP("HomeScreen", "Open Documents"),
    ),
    "uncollected_fx": (
        QT_TRANSLATE_NOOP("HomeScreen", "Exports to collect within 30 days or overdue"),
        QT_TRANSLATE_NOOP("HomeScreen", "Open FX"),
    ),
}

# Names of status.collect_status()["counts"], in the order the clerk thinks of them.
COUNT_LABELS = {
    "skus": QT_TRANSLATE_NOOP("Counts", "SKUs"),
    "suppliers": QT_TRANSLATE_NOOP("Counts", "Suppliers"),
    "shops": QT_TRANSLATE_NOOP("Counts", "Shops"),
    "platform_listings": QT_TRANSLATE_NOOP("Counts", "Platform listings"),
    "orders": QT_TRANSLATE_NOOP("Counts", "Orders"),
    "order_lines": QT_TRANSLATE_NOOP("Counts", "Order lines"),
    "warehouses": QT_TRANSLATE_NOOP("Counts", "Warehouses"),
    "shipments": QT_TRANSLATE_NOOP("Counts", "First-leg shipments"),
    "stock_moves": QT_TRANSLATE_NOOP("Counts", "Stock moves"),
    "declarations": QT_TRANSLATE_NOOP("Counts", "Export declarations"),
    "declaration_lines": QT_TRANSLATE_NOOP("Counts", "Declaration lines"),
    "purchase_invoices": QT_TRANSLATE_NOOP("Counts", "Purchase VAT invoices"),
    "rebate_batches": QT_TRANSLATE_NOOP("Counts", "Rebate batches"),
    "exchange_rates": QT_TRANSLATE_NOOP("Counts", "Exchange rates"),
    "audit_events": QT_TRANSLATE_NOOP("Counts", "Audit events"),
}


@dataclass
class HomeFigures:
    """status.collect_status() plus the company's identity, as plain values."""

    status: dict[str, Any]
    company_name: str = ""
    uscc: str = ""
    customs_code: str = ""
    taxpayer_type: str = ""


def load_figures(ctx: AppContext) -> HomeFigures:
    """Runs on the worker thread."""
    figures = status.collect_status(ctx.db)
    with ctx.db.sessions() as session:
        profile = company.find_profile(session)
        if profile is None:
            return HomeFigures(figures)
        return HomeFigures(
            figures,
            profile.name_cn,
            profile.uscc or "",
            profile.customs_code or "",
            profile.taxpayer_type,
        )


def load_dashboard(session: Session, today: dt.date) -> Dashboard:
    """Runs on the worker thread."""
    return dashboard(session, today)


def generate_demo(ctx: AppContext, job: Job, *, only_if_empty: bool) -> object:
    """Runs on the worker thread; None when the database already had SKUs."""
    from desktop_app.core import demo  # needed once at most: keep it off the start-up path

    if only_if_empty and status.collect_status(ctx.db)["counts"].get("skus", 0):
        return None
    return demo.generate(ctx.db, job=job)


def count_label(name: str) -> str:
    source = COUNT_LABELS.get(name)
    return QCoreApplication.translate("Counts", source) if source else name.replace("_", " ")


def format_size(size: int | None) -> str:
    if size is None:
        return "—"
    value = float(size)  # display only; never a stored quantity
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


class HomeScreen(Screen):
    KEY = "home"
    WATCHES = tuple(f.name for f in fields(Changes))  # the counts move with everything

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.figures: HomeFigures | None = None
        self.dashboard: Dashboard | None = None
        self.dashboard_loads = 0  # how many reloads were asked for (tests)
        self.header = PageHeader(self.title())
        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self._build_company_card())
        left.addWidget(self._build_database_card())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._build_counts_card())
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 5)
        columns.addLayout(right, 4)
        todo = QHBoxLayout()
        todo.setSpacing(16)
        todo.addWidget(self._build_alerts_card(), 1)
        todo.addWidget(self._build_deadlines_card(), 1)
        self.charts = DashboardCharts()
        body = QWidget()
        page = QVBoxLayout(body)
        page.setContentsMargins(24, 20, 24, 16)
        page.setSpacing(16)
        page.addWidget(self.header)
        page.addLayout(todo)
        page.addWidget(self.charts)
        page.addLayout(columns)
        page.addStretch(1)
        self.scroll = scrolled(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def title(self) -> str:
        return self.tr("Home")

    # -- building ------------------------------------------------------------------
    def _build_company_card(self) -> InfoCard:
        card = self.company_card = InfoCard(self.tr("Company"))
        card.add_row("name", self.tr("Name"))
        card.add_row("uscc", self.tr("Unified social credit code"))
        card.add_row("customs_code", self.tr("Customs registration code"))
        card.add_row("taxpayer_type", self.tr("Taxpayer type"))
        edit = QPushButton(self.tr("Edit company profile…"))
        edit.clicked.connect(lambda: self.navigate.emit("settings"))
        card.add_button(edit)
        return card

    def _build_database_card(self) -> InfoCard:
        card = self.database_card = InfoCard(self.tr("Database"))
        card.add_row("file", self.tr("Database file"), elide=True)
        card.add_row("size", self.tr("Size"))
        card.add_row("revision", self.tr("Schema revision"))
        card.add_row("backup", self.tr("Last backup"))
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.demo_button = QPushButton(self.tr("Load demo data"))
        self.demo_button.setToolTip(
            self.tr("Fill this empty database with realistic sample data to try the program")
        )
        self.demo_button.clicked.connect(lambda: self.load_demo())
        self.demo_button.hide()
        card.add_button(self.backup_button)
        card.add_button(self.demo_button)
        return card

    def _build_counts_card(self) -> QGroupBox:
        box = QGroupBox(self.tr("Records"))
        table = self.counts_table = QTableWidget(0, 2)
        table.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Count")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setFrameShape(QFrame.Shape.NoFrame)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        return box

    def _build_alerts_card(self) -> QGroupBox:
        box = QGroupBox(self.tr("Needs attention"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.alert_counts: dict[str, QLabel] = {}
        self.alert_buttons: dict[str, QPushButton] = {}
        for row, (name, screen) in enumerate(ALERT_SCREENS.items()):
            text, action = ALERT_TEXTS[name]
            count = self.alert_counts[name] = QLabel("…")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setMinimumWidth(48)
            button = self.alert_buttons[name] = QPushButton(self.tr(action))
            button.clicked.connect(lambda _=False, key=screen: self.navigate.emit(key))
            grid.addWidget(count, row, 0)
            grid.addWidget(QLabel(self.tr(text)), row, 1)
            grid.addWidget(button, row, 2)
        return box

    def _build_deadlines_card(self) -> QGroupBox:
        box = QGroupBox(self.tr("Deadlines"))
        layout = QVBoxLayout(box)
        self.deadline_summary = QLabel("…")
        self.deadline_summary.setWordWrap(True)
        self.deadline_rows = QGridLayout()
        self.deadline_rows.setColumnStretch(2, 1)
        self.deadlines_button = QPushButton(self.tr("All deadlines…"))
        self.deadlines_button.clicked.connect(lambda: self.navigate.emit("deadlines"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.deadlines_button)
        layout.addWidget(self.deadline_summary)
        layout.addLayout(self.deadline_rows)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return box

    # -- data ----------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        self.ctx.tasks.run(
            lambda job: load_figures(self.ctx), parent=self, on_success=self.show_figures
        )
        if changes is None or changes.touches(*DASHBOARD_AREAS):
            self.reload_dashboard()

    def reload_dashboard(self) -> None:
        self.dashboard_loads += 1
        today = dt.date.today()
        self.ctx.tasks.query(
            lambda session, job: load_dashboard(session, today),
            parent=self,
            on_success=self.show_dashboard,
        )

    def show_dashboard(self, figures: Dashboard) -> None:
        self.dashboard = figures
        for alert in figures.alerts:
            label = self.alert_counts[alert.name]
            label.setText(QLocale().toString(alert.count))
            colour = GOOD if alert.count == 0 else WARN
            label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self._show_deadlines(figures)
        self.charts.show_dashboard(figures)

    def _show_deadlines(self, figures: Dashboard) -> None:
        summary = figures.deadlines
        self.deadline_summary.setText(
            self.tr("{0} overdue, {1} due in the next 30 days").format(summary.overdue, summary.due)
        )
        colour = OVERDUE if summary.overdue else ("" if summary.due else GOOD)
        self.deadline_summary.setStyleSheet(f"color: {colour};" if colour else "")
        grid = self.deadline_rows
        while grid.count():
            item = grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for row, item in enumerate(summary.first):
            late = item.due_date < figures.today
            kind = KIND_LABELS.get(item.kind)
            cells = [
                item.due_date.isoformat(),
                QCoreApplication.translate("DeadlinesScreen", kind) if kind else item.kind,
                item.declaration_ref,
                self._days_text(item.days_left(figures.today)),
            ]
            for column, text in enumerate(cells):
                label = QLabel(text)
                if late:
                    label.setStyleSheet(f"color: {OVERDUE};")
                grid.addWidget(label, row, column)

    def _days_text(self, days: int) -> str:
        if days < -1:
            return self.tr("{0} days late").format(-days)
        if days == -1:
            return self.tr("1 day late")
        if days == 0:
            return self.tr("today")
        if days == 1:
            return self.tr("tomorrow")
        return self.tr("in {0} days").format(days)

    def show_figures(self, figures: HomeFigures) -> None:
        self.figures = figures
        info = figures.status
        self.header.set_subtitle(
            figures.company_name
            or self.tr("Fill in your company profile under Settings before you declare.")
        )
        self._show_company(figures)
        card = self.database_card
        card.set_value("file", info["database"])
        card.set_value("size", format_size(info["size_bytes"]))
        card.set_value("revision", self._revision_text(info))
        self._show_last_backup(info["last_backup"])
        self._show_counts(info["counts"])
        self.demo_button.setVisible(info["counts"].get("skus", 0) == 0)

    def _show_company(self, figures: HomeFigures) -> None:
        missing = self.tr("Not filled in")
        types = {
            "trading": self.tr("Trading enterprise"),
            "manufacturer": self.tr("Manufacturer"),
        }
        card = self.company_card
        card.set_value("name", figures.company_name or missing, warn=not figures.company_name)
        card.set_value("uscc", figures.uscc or missing, warn=not figures.uscc)
        card.set_value(
            "customs_code", figures.customs_code or missing, warn=not figures.customs_code
        )
        card.set_value("taxpayer_type", types.get(figures.taxpayer_type, missing))

    def _revision_text(self, info: dict[str, Any]) -> str:
        current, head = info["schema_revision"], info["head_revision"]
        if current == head:
            return self.tr("{0} (up to date)").format(current)
        return self.tr("{0} (this version expects {1})").format(current, head)

    def _show_last_backup(self, iso: str | None) -> None:
        if not iso:
            self.database_card.set_value("backup", self.tr("Never"), warn=True)
            return
        when = dt.datetime.fromisoformat(iso)
        old = dt.datetime.now(dt.UTC) - when > STALE_BACKUP
        text = when.astimezone().strftime("%Y-%m-%d %H:%M")
        self.database_card.set_value("backup", text, warn=old)

    def _show_counts(self, counts: dict[str, int]) -> None:
        order = [n for n in COUNT_LABELS if n in counts] + sorted(set(counts) - set(COUNT_LABELS))
        locale = QLocale()
        table = self.counts_table
        table.setRowCount(len(order))
        for row, name in enumerate(order):
            label = QTableWidgetItem(count_label(name))
            label.setData(Qt.ItemDataRole.UserRole, name)
            number = QTableWidgetItem(locale.toString(counts[name]))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 0, label)
            table.setItem(row, 1, number)
        table.setMinimumHeight(
            min(table.verticalHeader().length() + table.horizontalHeader().height() + 4, 520)
        )

    def count_of(self, name: str) -> int | None:
        """The figure shown for one count (None before the first refresh)."""
        return None if self.figures is None else self.figures.status["counts"].get(name)

    # -- actions -------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.ctx.tasks.run(
            lambda job: backup.auto_backup(self.ctx.db, force=True),
            parent=self,
            changes=Changes(backup=True),
            label=self.tr("Backing up…"),
            on_success=self._backed_up,
        )

    def _backed_up(self, path: object) -> None:
        messages.info(self, self.tr("Backup made"), self.tr("Backed up to:\n{0}").format(path))

    def load_demo(self, *, only_if_empty: bool = False) -> None:
        """Fill the database with demo data (one transaction, with progress and Cancel)."""
        self.ctx.tasks.run(
            lambda job: generate_demo(self.ctx, job, only_if_empty=only_if_empty),
            parent=self,
            changes=Changes.everything(),
            label=self.tr("Loading demo data…"),
            on_success=self._demo_loaded,
        )

    def _demo_loaded(self, summary: object) -> None:
        if summary is not None:
            self.ctx.events.notify(self.tr("Demo data loaded."))
