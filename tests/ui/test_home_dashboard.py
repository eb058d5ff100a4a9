"""The home dashboard on the demo data: charts, alert links, deadlines, reloads on change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor

from desktop_app.core.services import dashboard as dash
from desktop_app.ui.events import Changes
from desktop_app.ui.screens.home import HomeScreen
from desktop_app.ui.widgets.charts import PALETTE
from tests.ui.standalone import make_context, show, wait_idle

D = Decimal


@pytest.fixture
def demo_ctx(demo300, ui_state, english):
    context = make_context(demo300, ui_state)
    yield context
    context.tasks.shutdown()


def open_home(qtbot, ctx) -> HomeScreen:
    home = show(qtbot, HomeScreen(ctx), 1200, 900)
    qtbot.waitUntil(lambda: home.dashboard is not None and home.figures is not None)
    wait_idle(qtbot, ctx)
    return home


@pytest.fixture
def core(demo300) -> dash.Dashboard:
    with demo300.sessions() as session:
        return dash.dashboard(session, dt.date.today())


def test_charts_show_the_core_figures(qtbot, demo_ctx, core) -> None:
    home = open_home(qtbot, demo_ctx)
    exports = home.charts.exports
    assert exports.categories == [str(int(m[5:])) for m in core.months]
    assert list(exports.values.values()) == list(core.exports.values())
    drawn = exports.drawn_totals()
    assert len(drawn) == len(core.exports) and any("9610" in name for name in drawn)
    for name, amounts in zip(drawn, core.exports.values(), strict=True):
        assert drawn[name] == pytest.approx(float(sum(amounts, D(0))))
    assert exports.total() == sum((sum(v, D(0)) for v in core.exports.values()), D(0)) > 0

    pipeline = home.charts.pipeline
    stages = [core.pipeline.expected, core.pipeline.filed, core.pipeline.received]
    assert [sum(v, D(0)) for v in pipeline.values.values()] == stages
    assert list(pipeline.drawn_totals().values()) == pytest.approx([float(s) for s in stages])
    assert pipeline.categories == ["Expected", "Filed", "Received"]

    stock = home.charts.stock
    assert stock.total() == sum((w.value for w in core.stock), D(0)) > 0
    assert stock.categories == [w.name for w in core.stock]


def test_alert_counts_match_the_core(qtbot, demo_ctx, core) -> None:
    home = open_home(qtbot, demo_ctx)
    locale = QLocale()
    shown = {name: label.text() for name, label in home.alert_counts.items()}
    assert shown == {a.name: locale.toString(a.count) for a in core.alerts}
    assert core.alert("unmapped_skus").count > 0


def test_deadlines_card_lists_the_first_and_marks_overdue_red(qtbot, demo_ctx, core) -> None:
    home = open_home(qtbot, demo_ctx)
    summary = core.deadlines
    assert home.deadline_summary.text() == (
        f"{summary.overdue} overdue, {summary.due} due in the next 30 days"
    )
    grid = home.deadline_rows
    assert grid.rowCount() >= len(summary.first) > 0
    first = summary.first[0]
    date_label = grid.itemAtPosition(0, 0).widget()
    assert date_label.text() == first.due_date.isoformat()
    assert grid.itemAtPosition(0, 2).widget().text() == first.declaration_ref
    if first.due_date < core.today:
        assert "#c62828" in date_label.styleSheet()
    with qtbot.waitSignal(home.navigate) as signal:
        qtbot.mouseClick(home.deadlines_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["deadlines"]


def test_each_alert_opens_the_screen_that_fixes_it(qtbot, demo_ctx) -> None:
    home = open_home(qtbot, demo_ctx)
    for name, key in dash.ALERT_SCREENS.items():
        with qtbot.waitSignal(home.navigate) as signal:
            qtbot.mouseClick(home.alert_buttons[name], Qt.MouseButton.LeftButton)
        assert signal.args == [key]


def test_reloads_for_its_areas_only(qtbot, demo_ctx) -> None:
    home = open_home(qtbot, demo_ctx)
    loads, first = home.dashboard_loads, home.dashboard
    demo_ctx.events.emit_changes(Changes(backup=True))
    demo_ctx.events.emit_changes(Changes(code_tables=True))
    wait_idle(qtbot, demo_ctx)
    assert (home.dashboard_loads, home.dashboard) == (loads, first), "nothing it shows changed"

    demo_ctx.events.emit_changes(Changes(rebate=True))
    qtbot.waitUntil(lambda: home.dashboard is not first)
    assert home.dashboard_loads == loads + 1


def test_charts_render_offscreen(qtbot, demo_ctx) -> None:
    home = open_home(qtbot, demo_ctx)
    for chart in (home.charts.exports, home.charts.pipeline, home.charts.stock):
        image = chart.grab().toImage()
        assert not image.isNull() and image.width() > 100 and image.height() > 100
        bars = QColor(PALETTE[0]).rgb()
        coloured = sum(
            image.pixel(x, y) == bars
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        )
        assert coloured > 20, "the bars are drawn"


def test_an_empty_database_shows_zeros(qtbot, ctx) -> None:
    home = open_home(qtbot, ctx)
    assert all(label.text() == "0" for label in home.alert_counts.values())
    assert home.charts.exports.total() == home.charts.stock.total() == 0
    assert home.deadline_summary.text() == "0 overdue, 0 due in the next 30 days"
    assert home.demo_button.isVisible()
    assert not home.charts.exports.grab().isNull()
