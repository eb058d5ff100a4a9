"""Settings → Rate library: import the tax office's DBF, see the editions, switch, look up."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.services import rate_library
from desktop_app.ui.dialogs.import_result import ImportProblemsDialog
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import WINDOW_SIZE, wait_idle

DBF = Path(__file__).resolve().parents[1] / "data" / "rates" / "cmcode_2026A.dbf"
SHOTS = Path("/tmp/shots")
TAB = 3


def open_panel(window, qtbot):
    window.go_to("settings")
    screen = window.settings_screen
    screen.tabs.setCurrentIndex(TAB)
    wait_idle(qtbot, window)
    assert screen.tabs.currentWidget() is screen.rates
    return screen.rates


def versions(db):
    with db.sessions() as session:
        return [(v.version, v.row_count, v.active) for v in rate_library.list_versions(session)]


def test_imports_the_dbf_and_looks_up(window, qtbot, db, tmp_path):
    panel = open_panel(window, qtbot)
    assert panel.table.rowCount() == 0
    panel.import_file(DBF)
    wait_idle(qtbot, window)
    assert versions(db) == [("cmcode_2026A-f0b6f1df", 8, True)]
    assert panel.table.rowCount() == 1
    cells = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert cells[0] == "cmcode_2026A-f0b6f1df" and cells[1] == "8"
    assert cells[3] == "cmcode_2026A.dbf" and cells[4] == "In use"
    panel.hs_code.setText("8544421100")
    panel.on_date.setDate(QDate(2026, 6, 1))
    qtbot.mouseClick(panel.lookup_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    text = panel.lookup_result.text()
    assert "额定电压≤80V有接头电导体" in text
    assert "Levy rate 13%, rebate rate 9%, legal unit 千克" in text
    panel.hs_code.setText("0000000000")
    panel.look_up()
    wait_idle(qtbot, window)
    assert "is not in the rate library in use on 2026-06-01" in panel.lookup_result.text()


def test_switching_versions(window, qtbot, db, tmp_path):
    panel = open_panel(window, qtbot)
    other = tmp_path / "cmcode_2026B.dbf"
    shutil.copy(DBF, other)
    other.write_bytes(DBF.read_bytes() + b"\x1a")  # another digest: another edition
    panel.import_file(DBF)
    wait_idle(qtbot, window)
    panel.import_file(other)
    wait_idle(qtbot, window)
    assert [v[2] for v in versions(db)] == [False, True]
    old = next(n for n, row in enumerate(panel.rows) if not row.active)
    panel.table.selectRow(old)
    assert panel.activate_button.isEnabled()
    qtbot.mouseClick(panel.activate_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert [v[2] for v in versions(db)] == [True, False]
    assert panel.rows[old].active and not panel.activate_button.isEnabled()


def test_bad_rows_are_listed_and_nothing_is_written(window, qtbot, db, tmp_path):
    bad = tmp_path / "rates.csv"
    bad.write_text(
        "CODE,NAME,UNIT,ZSSL_SET,TSL,ST_DATE,END_DATE\n"
        "8544421100,电导体,千克,13,9,20200101,\n"
        "85444,短编码,千克,13,abc,20200101,\n",
        encoding="utf-8",
    )
    panel = open_panel(window, qtbot)
    panel.import_file(bad)
    wait_idle(qtbot, window)
    assert versions(db) == []
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportProblemsDialog)]
    assert dialogs and dialogs[-1].table.rowCount() >= 2
    saved = dialogs[-1].save_report(tmp_path / "errors.xlsx")
    assert saved.exists()
    dialogs[-1].close()


def test_screenshot_in_chinese(qtbot, db, ui_state, chinese):
    from desktop_app.core import codes

    with db.transaction("test") as session:
        codes.ensure_builtin(session)
    rate_library.import_rate_library(db, DBF)
    win = MainWindow(db, ui_state, actor="test")
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    try:
        panel = open_panel(win, qtbot)
        panel.hs_code.setText("8516719000")
        panel.on_date.setDate(QDate.fromString(dt.date.today().isoformat(), "yyyy-MM-dd"))
        panel.look_up()
        wait_idle(qtbot, win)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert win.grab().save(str(SHOTS / "settings_rates_zh.png"))
    finally:
        win.close()
        win.tasks.shutdown()
