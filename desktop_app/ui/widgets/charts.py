"""Small bar charts (QtCharts) for the dashboard: categories × named sets of Decimal amounts."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.services.dashboard import Dashboard, Pipeline
from desktop_app.ui.models.declaration_table import MODES

# Distinct on white and for the common colour-blindnesses (Okabe–Ito, darkened a little).
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c8c8c")


CHARTS_HEIGHT = 330


def display_number(value: Decimal) -> float:
    """Chart geometry only: the exact amounts stay Decimal in BarChart.values."""
    return float(value)


class BarChart(QChartView):
    """A stacked bar chart: one bar per category, one coloured segment per named set.

    With one set per category (each set only non-zero in its own category) every bar gets a
    colour and a legend entry of its own: how the rebate pipeline and warehouses are drawn.
    """

    def __init__(self, title: str, *, horizontal: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.horizontal = horizontal
        self.categories: list[str] = []
        self.values: dict[str, list[Decimal]] = {}  # set name → amount per category
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(4)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)

    def set_data(
        self,
        categories: list[str],
        sets: dict[str, list[Decimal]],
        *,
        legend: bool | None = None,
    ) -> None:
        """Replace what the chart shows; every list in `sets` is aligned with `categories`.

        The legend shows when there are several sets, unless `legend` says otherwise."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.categories, self.values = list(categories), {k: list(v) for k, v in sets.items()}
        # a horizontal chart draws its first category at the bottom: reversed, it reads down
        order = list(range(len(categories)))[:: -1 if self.horizontal else 1]
        series = QHorizontalStackedBarSeries() if self.horizontal else QStackedBarSeries()
        for index, (name, amounts) in enumerate(sets.items()):
            colour = QColor(PALETTE[index % len(PALETTE)])
            bar_set = QBarSet(name)
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            bar_set.append([display_number(amounts[i]) for i in order])
            series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        self._add_axes(series, [categories[i] for i in order])
        chart.legend().setVisible(len(sets) > 1 if legend is None else legend)

    def _add_axes(self, series: QAbstractBarSeries, categories: list[str]) -> None:
        chart = self.chart()
        labels = QBarCategoryAxis()
        labels.append(categories)
        font = labels.labelsFont()
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        labels.setLabelsFont(font)
        numbers = QValueAxis()
        numbers.setLabelFormat("%.0f")
        numbers.setMin(0)
        top = max(self._stack_heights(), default=0.0)
        numbers.setMax(top * 1.1 if top > 0 else 1)
        numbers.applyNiceNumbers()
        numbers.setMin(0)
        if self.horizontal:  # a narrow axis along the bottom: three labels fit without "…"
            numbers.setTickCount(3)
        first, second = (numbers, labels) if self.horizontal else (labels, numbers)
        chart.addAxis(first, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(second, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(labels)
        series.attachAxis(numbers)

    def _stack_heights(self) -> list[float]:
        return [
            sum(display_number(amounts[i]) for amounts in self.values.values() if i < len(amounts))
            for i in range(len(self.categories))
        ]

    # -- reading back (tests, tooltips) ---------------------------------------------------
    def bar_sets(self) -> list[QBarSet]:
        found: list[QBarSet] = []
        for series in self.chart().series():
            assert isinstance(series, QAbstractBarSeries)
            found += series.barSets()
        return found

    def drawn_totals(self) -> dict[str, float]:
        """Each set's label and the sum of what its bars draw."""
        return {s.label(): sum(s.at(i) for i in range(s.count())) for s in self.bar_sets()}

    def total(self) -> Decimal:
        """The exact sum of every amount shown."""
        return sum((sum(v, Decimal(0)) for v in self.values.values()), Decimal(0))


def one_set_per_category(categories: list[str], amounts: list[Decimal]) -> dict[str, list[Decimal]]:
    """Sets for BarChart.set_data that give each category its own colour and legend entry."""
    zero = Decimal(0)
    return {
        name: [amount if i == j else zero for j in range(len(categories))]
        for i, (name, amount) in enumerate(zip(categories, amounts, strict=True))
    }


class DashboardCharts(QWidget):
    """The home dashboard's three charts side by side: exports, rebate pipeline, stock value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exports = BarChart(self.tr("Exports by supervision mode, last 12 months (USD FOB)"))
        self.pipeline = BarChart(self.tr("Export rebate pipeline (CNY)"), horizontal=True)
        self.stock = BarChart(self.tr("Stock value on hand by warehouse (CNY)"), horizontal=True)
        self.pipeline_note = QLabel()
        self.pipeline_note.setWordWrap(True)
        self.pipeline_note.setObjectName("pageSubtitle")
        middle = QVBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addWidget(self.pipeline, 1)
        middle.addWidget(self.pipeline_note)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.setFixedHeight(CHARTS_HEIGHT)
        layout.addWidget(self.exports, 4)
        layout.addLayout(middle, 3)
        layout.addWidget(self.stock, 3)

    def show_dashboard(self, figures: Dashboard) -> None:
        self._show_exports(figures)
        self._show_pipeline(figures.pipeline)
        names = [w.name or w.code for w in figures.stock]
        self.stock.set_data(names, {self.tr("Value on hand"): [w.value for w in figures.stock]})

    def _show_exports(self, figures: Dashboard) -> None:
        # month numbers: names ("Sep", "9月") are cut to "…" in a bar this narrow
        months = [str(int(m[5:])) for m in figures.months]
        sets = {}
        for mode, amounts in figures.exports.items():
            label = MODES.get(mode)
            sets[QCoreApplication.translate("Declarations", label) if label else mode] = amounts
        self.exports.set_data(months, sets)

    def _show_pipeline(self, pipeline: Pipeline) -> None:
        stages = [self.tr("Expected"), self.tr("Filed"), self.tr("Received")]
        amounts = [pipeline.expected, pipeline.filed, pipeline.received]
        self.pipeline.set_data(stages, one_set_per_category(stages, amounts), legend=False)
        note = self.tr(
            "Expected: draft batches, plus an estimate (FOB × USD rate × rebate rate) for the "
            "export lines in no batch yet: {0}."
        ).format(QLocale().toString(pipeline.unbatched_lines))
        if pipeline.not_estimated:
            note += " " + self.tr(
                "Lines without FOB, rebate rate or exchange rate, not estimated: {0}."
            ).format(QLocale().toString(pipeline.not_estimated))
        self.pipeline_note.setText(note)
