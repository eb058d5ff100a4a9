"""The Reports screen: the list, the parameters a report takes, a run to a file and its result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.core import reports
from desktop_app.core.errors import BadInput
from desktop_app.core.models import Warehouse
from desktop_app.core.reports.model import Column, Report, ReportDef, ReportParams, Sheet
from desktop_app.ui.screens import reports as screen_module
from desktop_app.ui.screens.reports import ReportsScreen, default_file_name
from tests.ui.standalone import show, top_level, wait_idle

TODAY = dt.date(2026, 11, 15)
SEEN: list[ReportParams] = []


def build_fake(session, params: ReportParams, job) -> Report:
    SEEN.append(params)
    if params.warehouse == "BAD":
        raise BadInput("no warehouse with the code or name 'BAD'")
    columns = [Column("sku", "SKU", "SKU", "id"), Column("qty", "数量", "Qty", "int", total=True)]
    rows = [("0007", 5), ("A-1", 6)]
    return Report("fake-ledger", "测试流水", "Test ledger", {}, [Sheet("流水", columns, rows)])


def build_plain(session, params, job) -> Report:
    columns = [Column("amount", "金额", "Amount", "money", total=True)]
    return Report("fake-plain", "无参数", "No params", {}, [Sheet("表", columns, [(Decimal(1),)])])


LEDGER = ReportDef(
    "fake-ledger", "测试流水", "Test ledger", ("from", "to", "warehouse"), build_fake
)
PLAIN = ReportDef("fake-plain", "无参数", "No params", (), build_plain)


@pytest.fixture(autouse=True)
def fakes(monkeypatch):
    monkeypatch.setitem(reports.REPORTS, LEDGER.name, LEDGER)
    monkeypatch.setitem(reports.REPORTS, PLAIN.name, PLAIN)
    SEEN.clear()


@pytest.fixture
def screen(qtbot, ctx, db) -> ReportsScreen:
    with db.transaction("test") as session:
        session.add(
            Warehouse(
                code="US-LA", name="Los Angeles", kind="overseas_3pl", country="USA", currency="USD"
            )
        )
    widget = show(qtbot, ReportsScreen(ctx, today=TODAY), 1000, 640)
    wait_idle(qtbot, ctx)
    return widget


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    asked: list[str] = []

    def save_name(parent, title, start, filters):
        asked.append(start)
        return str(tmp_path / Path(start).name), filters

    monkeypatch.setattr(screen_module.QFileDialog, "getSaveFileName", save_name)
    return asked


def test_lists_every_report_chinese_first(screen):
    titles = [screen.list.item(i).text() for i in range(screen.list.count())]
    assert titles == [d.title_cn for d in reports.REPORTS.values()]
    row = list(reports.REPORTS).index("fake-ledger")
    assert screen.list.item(row).toolTip() == "Test ledger (fake-ledger)"


def test_only_the_parameters_a_report_takes_are_shown(screen):
    screen.select_report("fake-ledger")
    form = screen.form
    assert form.isRowVisible(screen.warehouse) and not form.isRowVisible(screen.shop)
    assert not form.isRowVisible(screen.as_of) and not screen.no_params.isVisibleTo(screen)
    assert screen.params() == ReportParams(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert [screen.warehouse.itemData(i) for i in range(screen.warehouse.count())] == [
        None,
        "US-LA",
    ]
    screen.select_report("fake-plain")
    assert not form.isRowVisible(screen.warehouse) and screen.no_params.isVisibleTo(screen)
    assert screen.params() == ReportParams()


def test_run_writes_the_report_and_offers_to_open_it(
    qtbot, ctx, screen, save_to, tmp_path, monkeypatch
):
    screen.select_report("fake-ledger")
    screen.warehouse.setCurrentIndex(1)
    screen.run()
    wait_idle(qtbot, ctx)
    path = tmp_path / "测试流水-2026-10.xlsx"
    assert save_to[0].endswith("测试流水-2026-10.xlsx")
    assert path.exists() and screen.last_result.path == path
    wanted = ReportParams(dt.date(2026, 10, 1), dt.date(2026, 10, 31), warehouse="US-LA")
    assert len(SEEN) == 1 and SEEN[0] == wanted
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["封面", "流水"]
    book.close()
    assert "2 rows written to" in screen.result_label.text()
    box = screen.result_box
    assert box is not None and box.isVisible()
    names = [b.text() for b in box.buttons()]
    assert "Open file" in names and "Open folder" in names
    opened: list[Path] = []
    monkeypatch.setattr(screen_module, "open_path", opened.append)
    next(b for b in box.buttons() if b.text() == "Open folder").click()
    assert opened == [tmp_path]
    assert ctx.state.view_text(screen_module.FOLDER_KEY) == str(tmp_path)
    assert screen.default_path(LEDGER, screen.params()).parent == tmp_path


def test_a_bad_parameter_is_shown_with_its_message(qtbot, ctx, screen, save_to, tmp_path):
    screen.select_report("fake-ledger")
    screen.warehouse.addItem("bad", "BAD")
    screen.warehouse.setCurrentIndex(screen.warehouse.count() - 1)
    screen.run()
    wait_idle(qtbot, ctx)
    boxes = [b for b in top_level(QMessageBox) if "BAD" in b.text()]
    assert boxes and boxes[0].icon() == QMessageBox.Icon.Warning
    assert not list(tmp_path.glob("*.xlsx"))
    assert screen.run_button.isEnabled()


def test_cancelling_the_save_dialog_runs_nothing(qtbot, ctx, screen, monkeypatch):
    monkeypatch.setattr(screen_module.QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    screen.select_report("fake-ledger")
    screen.run()
    wait_idle(qtbot, ctx)
    assert SEEN == []


def test_default_file_names():
    params = ReportParams(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert default_file_name(LEDGER, params) == "测试流水-2026-10.xlsx"
    params = ReportParams(dt.date(2026, 10, 3), dt.date(2026, 11, 2))
    assert default_file_name(LEDGER, params) == "测试流水-2026-10-03_2026-11-02.xlsx"
    assert default_file_name(PLAIN, ReportParams(as_of=dt.date(2026, 1, 2))).endswith(
        "-2026-01-02.xlsx"
    )
