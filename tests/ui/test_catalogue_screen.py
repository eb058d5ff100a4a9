"""The Catalogue screen: lazy SKU table, search, filters, the edit dialog, import and export."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import insert, select

from desktop_app.core import codes, demo, settings
from desktop_app.core.models import Sku
from desktop_app.core.services import rate_library, sku_query
from desktop_app.ui.dialogs.import_result import ImportProblemsDialog
from desktop_app.ui.dialogs.sku_edit import SkuEditDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.screens.catalogue import CatalogueScreen
from tests.ui.conftest import WINDOW_SIZE, wait_idle
from tests.unit import rate_files

DATA = Path(__file__).resolve().parents[1] / "data" / "skus"


@pytest.fixture
def demo_db(db):
    with db.transaction("test") as session:
        codes.ensure_builtin(session)
        settings.put(session, "backup.on_close", False)
    demo.generate(db, orders=50, seed=5)
    return db


def open_window(qtbot, db, ui_state) -> MainWindow:
    win = MainWindow(db, ui_state, actor="test")
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    win.go_to("catalogue")
    settle(qtbot, win)
    return win


@pytest.fixture
def window(qtbot, demo_db, ui_state, english):
    win = open_window(qtbot, demo_db, ui_state)
    yield win
    if win.isVisible():
        win.close()
    win.tasks.shutdown()


@pytest.fixture
def screen(window) -> CatalogueScreen:
    return window.catalogue


def settle(qtbot, window) -> None:
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.catalogue.model.complete)
    wait_idle(qtbot, window)


def codes_shown(screen: CatalogueScreen) -> list[str]:
    return [screen.model.row_data(r).code for r in range(screen.model.rowCount())]


def test_every_sku_by_code(screen, demo_db):
    with demo_db.sessions() as session:
        expected = sorted(session.execute(select(Sku.code)).scalars())
    assert codes_shown(screen) == expected
    assert screen.header.subtitle_label.text() == f"{len(expected)} SKUs"
    unit = screen.model.column_index("trade_unit")
    assert screen.model.index(0, unit).data() == "007 个"  # the unit's name from the code table


def test_search_as_you_type_and_escape(qtbot, window, screen):
    qtbot.keyClicks(screen.search, "earbuds")
    qtbot.waitUntil(lambda: 0 < screen.model.rowCount() < 300)
    settle(qtbot, window)
    rows = [screen.model.row_data(r) for r in range(screen.model.rowCount())]
    assert all("earbuds" in f"{r.code} {r.name_en}".lower() for r in rows)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Escape)  # Esc clears the search from the table too
    settle(qtbot, window)
    assert screen.search.text() == "" and screen.model.rowCount() == 300


def test_filters(qtbot, window, screen, demo_db):
    with demo_db.transaction("test") as session:
        sku = session.scalars(select(Sku).order_by(Sku.code)).first()
        sku.hs_code, sku.active = None, False
        code = sku.code
    screen.refresh(None)
    settle(qtbot, window)
    screen.missing_filter.setChecked(True)
    settle(qtbot, window)
    assert code in codes_shown(screen)
    screen.filters.reset()
    screen.active_filter.set_value(False)
    settle(qtbot, window)
    assert codes_shown(screen) == [code]
    screen.hs_filter.set_value(True)
    settle(qtbot, window)
    assert codes_shown(screen) == []
    screen.filters.reset()
    settle(qtbot, window)
    assert screen.model.rowCount() == 300


def test_enter_opens_the_edit_dialog_and_saving_refreshes(qtbot, window, screen, demo_db):
    screen.table.selectRow(0)
    first = screen.model.id_at(0)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialog = screen.edit_dialog
    assert isinstance(dialog, SkuEditDialog) and dialog.sku_id == first
    dialog.editors["name_en"].setText("Renamed mug")
    dialog.editors["name_en"].textEdited.emit("Renamed mug")
    assert dialog.changes() == {"name_en": "Renamed mug"}
    dialog.save()
    settle(qtbot, window)
    name = screen.model.column_index("name_en")
    qtbot.waitUntil(lambda: screen.model.index(0, name).data() == "Renamed mug")
    assert screen.table.current_id() == first


def test_every_field_is_checked_and_the_problem_shown_on_it(qtbot, window, screen):
    screen.edit_sku(screen.model.id_at(0))
    dialog = screen.edit_dialog
    dialog.editors["hs_code"].setText("12")
    dialog.editors["net_weight_kg"].setText("5")
    dialog.editors["gross_weight_kg"].setText("1")
    dialog.editors["code"].setText("")
    problems = dialog.check()
    fields = {p.field for p in problems}
    assert {"hs_code", "net_weight_kg", "code"} <= fields
    assert dialog.boxes["hs_code"].problem()
    assert "gross" in dialog.boxes["net_weight_kg"].problem()
    assert dialog.boxes["name_cn"].problem() == ""
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    dialog.reject()


def test_new_sku_with_declaration_elements(qtbot, window, screen, demo_db):
    screen.edit_sku(None)
    dialog = screen.edit_dialog
    for name, value in {"code": "NEW-001", "name_cn": "新商品", "hs_code": "3926909090",
                        "net_weight_kg": "0.2", "gross_weight_kg": "0.25"}.items():  # fmt: skip
        dialog.editors[name].setText(value)
    dialog.editors["brand_type"].setCurrentIndex(1)  # 1 Own domestic brand
    editor = dialog.elements
    editor.add_element()
    editor.table.item(2, 0).setText("材质:TPU")
    editor.add_element()
    editor.table.item(3, 0).setText("用途:手机保护")
    assert editor.text() == "1|0|材质:TPU|用途:手机保护"
    editor.table.setCurrentCell(3, 0)
    editor.move_element(-1)
    assert editor.text() == "1|0|用途:手机保护|材质:TPU"
    assert dialog.check() == []
    dialog.save()
    settle(qtbot, window)
    with demo_db.sessions() as session:
        sku = session.scalars(select(Sku).where(Sku.code == "NEW-001")).one()
        assert sku.declaration_elements == "1|0|用途:手机保护|材质:TPU"
        assert sku.brand_type == 1
    qtbot.waitUntil(lambda: screen.table.current_id() == sku.id)


def test_a_pipe_inside_an_element_is_refused(qtbot, window, screen):
    screen.edit_sku(screen.model.id_at(0))
    dialog = screen.edit_dialog
    dialog.elements.add_element()
    last = dialog.elements.table.rowCount() - 1
    dialog.elements.table.item(last, 0).setText("a|b")
    dialog.check()
    assert "|" in dialog.boxes["declaration_elements"].problem()
    dialog.reject()


def test_rates_from_the_library_and_the_overridden_flag(qtbot, window, screen, demo_db, tmp_path):
    rate_library.import_rate_library(demo_db, rate_files.write_cmcode(tmp_path / "cmcode.dbf"))
    screen.edit_sku(None)
    dialog = screen.edit_dialog
    for name, value in {"code": "KE-1", "name_cn": "电热水壶", "hs_code": "8516719000"}.items():
        dialog.editors[name].setText(value)
    dialog.check()
    assert "levy 13%" in dialog.hs_info.text() and "rebate 13%" in dialog.hs_info.text()
    flag = dialog.editors["rates_overridden"]
    assert flag.text() == "From the rate library"
    dialog.editors["rebate_rate"].setText("9")
    dialog.check()
    assert flag.text().startswith("⚑")
    dialog.save()
    settle(qtbot, window)
    with demo_db.sessions() as session:
        sku = session.scalars(select(Sku).where(Sku.code == "KE-1")).one()
        assert (sku.rebate_rate, sku.levy_rate, sku.rates_overridden) == (
            Decimal("9.00"), Decimal("13.00"), True
        )  # fmt: skip
        sku_id = sku.id
    screen.edit_sku(sku_id)
    dialog = screen.edit_dialog
    assert dialog.editors["rates_overridden"].text().startswith("⚑")
    dialog.use_library_rates()
    assert dialog.changes() == {"rates_overridden": False}
    dialog.save()
    settle(qtbot, window)
    with demo_db.sessions() as session:
        sku = session.get(Sku, sku_id)
        assert (sku.rebate_rate, sku.rates_overridden) == (Decimal("13.00"), False)
    rebate = screen.model.column_index("rates_overridden")
    assert rebate >= 0


def test_import_skus_then_export(qtbot, window, screen, tmp_path, demo_db, blocking_boxes):
    screen.import_file(DATA / "skus_zh.csv")
    settle(qtbot, window)
    with demo_db.sessions() as session:
        assert session.scalars(select(Sku).where(Sku.code == "PC-IP15-BLK")).one()
    assert "PC-IP15-BLK" in codes_shown(screen)
    out = tmp_path / "out.xlsx"
    screen.export_file(out)
    wait_idle(qtbot, window)
    assert out.stat().st_size > 5000


def test_a_bad_sku_file_lists_every_bad_row(qtbot, window, screen, tmp_path):
    screen.import_file(DATA / "skus_bad.csv")
    wait_idle(qtbot, window)
    problems = screen.findChild(ImportProblemsDialog)
    assert problems is not None and problems.table.rowCount() >= 1
    assert problems.save_report(tmp_path / "bad.xlsx").exists()


def test_column_chooser_is_remembered(qtbot, window, screen, ui_state):
    screen.table.chooser.set_shown("name_en", False)
    hidden = ui_state.view_list("catalogue/table/hidden_columns")
    assert "name_en" in hidden and "spec" in hidden  # the user's choice and a default
    assert screen.table.isColumnHidden(screen.model.column_index("name_en"))


def test_a_hundred_thousand_skus_stay_instant(qtbot, db, ui_state, english):
    with db.transaction("test") as session:
        codes.ensure_builtin(session)
        settings.put(session, "backup.on_close", False)
        session.execute(
            insert(Sku),
            [{"code": f"SKU-{n:06d}", "name_cn": f"商品{n}", "name_en": f"Item {n}",
              "hs_code": f"{n % 97:02d}12001000"} for n in range(100_000)],
        )  # fmt: skip
    started = time.perf_counter()
    win = open_window(qtbot, db, ui_state)
    assert win.catalogue.model.rowCount() == 100_000
    screen = win.catalogue
    started = time.perf_counter()
    screen.search.setText("SKU-0999")
    screen.search.flush()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 100)
    assert time.perf_counter() - started < 2.0  # about 0.1 s; generous for a busy machine
    screen.table.scrollToBottom()
    assert screen.model.row_data(99).code == "SKU-099999"
    with db.sessions() as session:
        assert len(sku_query.sku_ids(session)) == 100_000
    win.close()
    win.tasks.shutdown()


def test_catalogue_screenshot_in_chinese(qtbot, qapp, demo_db, ui_state):
    from desktop_app.ui import app as ui_app

    ui_app.install_translators(qapp, "zh_CN")
    try:
        win = open_window(qtbot, demo_db, ui_state)
        win.catalogue.table.selectRow(0)
        Path("/tmp/shots").mkdir(exist_ok=True)
        assert win.grab().save("/tmp/shots/catalogue_zh.png")
        assert win.catalogue.title() == "商品"
        win.catalogue.edit_sku(win.catalogue.model.id_at(0))
        qtbot.wait(50)
        assert win.catalogue.edit_dialog.grab().save("/tmp/shots/sku_edit_zh.png")
        win.catalogue.edit_dialog.reject()
        win.close()
        win.tasks.shutdown()
    finally:
        ui_app.install_translators(qapp, "en")
