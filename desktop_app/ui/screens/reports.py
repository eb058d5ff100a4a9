"""Reports (报表): pick an Excel report and its parameters, write it with progress and Cancel,
then open the file or its folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import reports
from desktop_app.core.jobs import Job
from desktop_app.core.models import Shop, Warehouse
from desktop_app.core.reports.model import ReportDef, ReportParams
from desktop_app.core.reports.writer import WriteResult
from desktop_app.ui.context import AppContext
from desktop_app.ui.events import Changes
from desktop_app.ui.widgets.date_range import preset_range
from desktop_app.ui.widgets.list_screen import page_layout
from desktop_app.ui.widgets.screen import PageHeader, Screen

FOLDER_KEY = "reports/folder"
REPORT_KEY = "reports/current"
NAME_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Choices:
    """The warehouses (code, name) and shops (value passed on, label) the pickers offer."""

    warehouses: list[tuple[str, str]]
    shops: list[tuple[str, str]]


def load_choices(session: Session, job: Job) -> Choices:
    warehouses = session.execute(select(Warehouse.code, Warehouse.name).order_by(Warehouse.code))
    shops = list(session.execute(select(Shop.platform, Shop.name).order_by(Shop.name)))
    names = [name for _platform, name in shops]
    # A name two platforms share is passed as platform:name, as the reports understand it.
    shop_choices = [
        (f"{platform}:{name}" if names.count(name) > 1 else name, f"{name} ({platform})")
        for platform, name in shops
    ]
    return Choices([(code, name) for code, name in warehouses], shop_choices)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def default_file_name(definition: ReportDef, params: ReportParams) -> str:
    """库存流水-2026-10.xlsx for a whole month, else the period or the day the report is at."""
    first, last = params.date_from, params.date_to
    if first and last:
        whole_month = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
        same_month = (first.year, first.month) == (last.year, last.month)
        part = first.strftime("%Y-%m") if whole_month and same_month else f"{first}_{last}"
    else:
        part = str(params.as_of or dt.date.today())
    return f"{definition.title_cn}-{part}.xlsx"


class ReportsScreen(Screen):
    KEY = "reports"
    WATCHES = ("stock", "orders")  # the warehouse and shop pickers

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.today = today or dt.date.today()
        self.definitions = list(reports.REPORTS.values())
        self.last_result: WriteResult | None = None
        self.result_box: QMessageBox | None = None
        self.header = PageHeader(
            self.title(),
            self.tr("Excel workbooks for the boss, the accountant and the tax office."),
        )
        self.list = self._build_list()
        form = self._build_form()
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(form, 2)
        holder = QWidget()
        holder.setLayout(body)
        body.setContentsMargins(0, 0, 0, 0)
        page_layout(self, self.header, holder, stretch=holder)
        self._select_saved()

    def title(self) -> str:
        return self.tr("Reports")

    # -- building ------------------------------------------------------------------
    def _build_list(self) -> QListWidget:
        widget = QListWidget()
        widget.setSpacing(3)
        for definition in self.definitions:
            item = QListWidgetItem(definition.title_cn)
            item.setToolTip(f"{definition.title_en} ({definition.name})")
            item.setData(NAME_ROLE, definition.name)
            widget.addItem(item)
        widget.currentRowChanged.connect(self._report_chosen)
        widget.itemActivated.connect(lambda _item: self.run())
        return widget

    def _build_form(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(12, 0, 0, 0)
        self.report_title = QLabel(objectName="sectionTitle")
        self.report_title.setWordWrap(True)
        font = self.report_title.font()
        font.setBold(True)
        self.report_title.setFont(font)
        column.addWidget(self.report_title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        first, last = preset_range("last_month", self.today)
        assert first is not None and last is not None
        self.date_from = self._date_edit(first)
        self.date_to = self._date_edit(last)
        period = QWidget()
        line = QHBoxLayout(period)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.date_from)
        line.addWidget(QLabel("–"))
        line.addWidget(self.date_to)
        line.addStretch(1)
        self.as_of = self._date_edit(self.today)
        self.warehouse = QComboBox()
        self.warehouse.addItem(self.tr("All warehouses"), None)
        self.shop = QComboBox()
        self.shop.addItem(self.tr("All shops"), None)
        for combo in (self.warehouse, self.shop):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(220)
        self.rows = {
            "period": (self.tr("Period"), period),
            "as_of": (self.tr("As of"), self.as_of),
            "warehouse": (self.tr("Warehouse"), self.warehouse),
            "shop": (self.tr("Shop"), self.shop),
        }
        for label, widget in self.rows.values():
            self.form.addRow(label, widget)
        column.addLayout(self.form)
        self.no_params = QLabel(self.tr("This report takes no parameters."), objectName="hint")
        column.addWidget(self.no_params)
        self.run_button = QPushButton(self.tr("Run…"))
        self.run_button.setToolTip(self.tr("Choose where to save the workbook, then write it"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.result_label = QLabel(objectName="hint")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.result_label)
        column.addStretch(1)
        return panel

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _select_saved(self) -> None:
        names = [d.name for d in self.definitions]
        saved = self.ctx.state.view_text(REPORT_KEY)
        self.list.setCurrentRow(names.index(saved) if saved in names else 0)

    # -- state ---------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        self.ctx.tasks.query(load_choices, parent=self, on_success=self.show_choices)

    def show_choices(self, choices: Choices) -> None:
        for combo, values in (
            (self.warehouse, [(code, f"{code} {name}") for code, name in choices.warehouses]),
            (self.shop, choices.shops),
        ):
            kept = combo.currentData()
            while combo.count() > 1:
                combo.removeItem(1)
            for value, label in values:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(kept), 0) if kept else 0)

    def current(self) -> ReportDef | None:
        row = self.list.currentRow()
        return self.definitions[row] if 0 <= row < len(self.definitions) else None

    def select_report(self, name: str) -> None:
        self.list.setCurrentRow([d.name for d in self.definitions].index(name))

    def _report_chosen(self, _row: int) -> None:
        definition = self.current()
        self.run_button.setEnabled(definition is not None)
        if definition is None:
            return
        self.ctx.state.set_view_text(REPORT_KEY, definition.name)
        self.report_title.setText(f"{definition.title_cn} — {definition.title_en}")
        takes = set(definition.params)
        shown = {
            "period": bool(takes & {"from", "to"}),
            "as_of": "as_of" in takes,
            "warehouse": "warehouse" in takes,
            "shop": "shop" in takes,
        }
        for key, (_label, widget) in self.rows.items():
            self.form.setRowVisible(widget, shown[key])
        self.no_params.setVisible(not any(shown.values()))

    def params(self) -> ReportParams:
        """What the form says, for the parameters the chosen report takes only."""
        definition = self.current()
        takes = set(definition.params) if definition else set()
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        if first > last:
            first, last = last, first
        return ReportParams(
            date_from=first if "from" in takes else None,
            date_to=last if "to" in takes else None,
            as_of=self.as_of.date().toPython() if "as_of" in takes else None,
            warehouse=self.warehouse.currentData() if "warehouse" in takes else None,
            shop=self.shop.currentData() if "shop" in takes else None,
        )

    # -- running -------------------------------------------------------------------
    def default_path(self, definition: ReportDef, params: ReportParams) -> Path:
        folder = Path(self.ctx.state.view_text(FOLDER_KEY) or ".")
        if not self.ctx.state.view_text(FOLDER_KEY) or not folder.is_dir():
            docs = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            folder = Path(docs or Path.home())
        return folder / default_file_name(definition, params)

    def ask_path(self, default: Path) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(default), self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == ".xlsx" else chosen.with_suffix(".xlsx")

    def run(self) -> None:
        """Ask where to save the chosen report, then write it on the worker thread."""
        definition = self.current()
        if definition is None:
            return
        params = self.params()
        path = self.ask_path(self.default_path(definition, params))
        if path is None:
            return
        self.ctx.state.set_view_text(FOLDER_KEY, str(path.parent))
        db, name = self.ctx.db, definition.name
        self.run_button.setEnabled(False)
        task = self.ctx.tasks.run(
            lambda job: reports.run_report(db, name, params, path, job),
            parent=self,
            label=self.tr("Writing {0}…").format(definition.title_cn),
            on_success=self.show_result,
        )
        task.finished.connect(lambda _outcome: self.run_button.setEnabled(True))

    def show_result(self, result: WriteResult) -> None:
        self.last_result = result
        rows = sum(result.rows.values())
        text = self.tr("{0} rows written to {1}").format(rows, result.path)
        self.result_label.setText(text)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Report ready"), text,
                          QMessageBox.StandardButton.Close, self)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        open_file = box.addButton(self.tr("Open file"), QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        open_file.clicked.connect(lambda: open_path(result.path))
        open_folder.clicked.connect(lambda: open_path(result.path.parent))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda: setattr(self, "result_box", None))
        self.result_box = box
        box.open()


def open_path(path: Path) -> bool:
    """The file in the program that opens it, or the folder in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
