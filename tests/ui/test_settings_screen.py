"""The Settings screen: company profile (live USCC check, per-field problems), general settings,
the UI language, and code-table imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.core import codes, settings
from desktop_app.core.models import CompanyProfile
from desktop_app.core.services import company
from desktop_app.ui.ui_state import UiState
from tests.ui.conftest import wait_idle

GOOD_USCC = "91440783714753661E"


def open_settings(window, qtbot, tab: int):
    window.go_to("settings")
    screen = window.settings_screen
    screen.tabs.setCurrentIndex(tab)
    wait_idle(qtbot, window)
    return screen


def type_into(qtbot, panel, name: str, text: str) -> None:
    editor = panel.editor(name)
    editor.clear()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest cannot type Chinese (no key codes for it); an input method would paste it
        editor.setText(text)


def stored_profile(db) -> CompanyProfile | None:
    with db.sessions() as session:
        return company.find_profile(session)


def test_saves_a_valid_profile(window, qtbot, db):
    panel = open_settings(window, qtbot, 0).company
    type_into(qtbot, panel, "name_cn", "东莞市示例贸易有限公司")
    type_into(qtbot, panel, "uscc", GOOD_USCC.lower())  # typed in lower case: upper-cased live
    type_into(qtbot, panel, "customs_district", "5300")
    type_into(qtbot, panel, "domestic_source_region", "44199")
    taxpayer = panel.editor("taxpayer_type")
    taxpayer.setCurrentIndex(taxpayer.findData("manufacturer"))
    assert panel.editor("uscc").text() == GOOD_USCC
    assert panel.boxes["uscc"].note.text() == "Check character is correct"
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    saved = stored_profile(db)
    assert saved.name_cn == "东莞市示例贸易有限公司"
    assert saved.uscc == GOOD_USCC
    assert saved.customs_district == "5300"
    assert saved.taxpayer_type == "manufacturer"
    assert saved.fx_policy_since == dt.date.today()
    assert panel.status_note.text() == "Saved."
    assert "may change from" in panel.boxes["fx_rate_policy"].note.text()
    # Home learns about it through the change event
    window.nav.setCurrentRow(0)
    wait_idle(qtbot, window)
    assert window.home.header.subtitle_label.text() == "东莞市示例贸易有限公司"


def test_bad_uscc_is_shown_live_and_on_save_without_writing(window, qtbot, db):
    panel = open_settings(window, qtbot, 0).company
    type_into(qtbot, panel, "name_cn", "示例公司")
    type_into(qtbot, panel, "uscc", "91440783714753661A")
    assert panel.boxes["uscc"].problem() == "check character should be E, not A"
    type_into(qtbot, panel, "customs_district", "53")
    assert panel.boxes["customs_district"].problem() == "must be 4 digits"
    panel.boxes["uscc"].clear_problem()  # the save itself must report it again
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert panel.boxes["uscc"].problem() == "check character should be E, not A"
    assert panel.boxes["customs_district"].problem() == "must be 4 digits"
    assert "correct the fields" in panel.status_note.text()
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    saved = stored_profile(db)
    assert saved is not None  # loading the form created the empty row …
    assert saved.name_cn == "" and saved.uscc is None  # … and the bad save wrote nothing


def test_fx_policy_change_inside_twelve_months_is_refused_on_the_field(window, qtbot, db):
    with db.transaction("test") as session:
        company.save_profile(session, {"name_cn": "示例公司"}, today=dt.date.today())
        company.save_profile(session, {"fx_rate_policy": "export_day"})
    panel = open_settings(window, qtbot, 0).company
    panel.reload()
    wait_idle(qtbot, window)
    policy = panel.editor("fx_rate_policy")
    policy.setCurrentIndex(policy.findData("first_of_month"))
    panel.save()
    wait_idle(qtbot, window)
    assert "fixed for 12 months" in panel.boxes["fx_rate_policy"].problem()
    assert stored_profile(db).fx_rate_policy == "export_day"


def test_general_settings_save(window, qtbot, db, tmp_path):
    panel = open_settings(window, qtbot, 1).general
    folder = tmp_path / "usb"
    folder.mkdir()
    panel.folder_edit.setText(str(folder))
    panel.keep_spin.setValue(5)
    panel.on_close_check.setChecked(False)
    panel.cost_combo.setCurrentIndex(panel.cost_combo.findData("fifo"))
    panel.lock_check.setChecked(True)
    panel.lock_date.setDate(QDate(2026, 3, 31))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    with db.sessions() as session:
        stored = settings.get_all(session)
    assert stored["backup.folder"] == str(folder)
    assert stored["backup.keep"] == 5
    assert stored["backup.on_close"] is False
    assert stored["stock.cost_method"] == "fifo"
    assert stored["stock.period_lock"] == "2026-03-31"
    assert panel.status_note.text() == "Saved."


def test_missing_backup_folder_is_refused_on_its_field(window, qtbot, db, tmp_path):
    panel = open_settings(window, qtbot, 1).general
    panel.folder_edit.setText(str(tmp_path / "unplugged-usb-stick"))
    panel.keep_spin.setValue(3)
    panel.save()
    wait_idle(qtbot, window)
    assert panel.boxes["backup.folder"].problem() == "folder does not exist"
    with db.sessions() as session:
        assert settings.get(session, "backup.keep") == 10


def test_folder_chooser_fills_the_field(window, qtbot, monkeypatch, tmp_path):
    panel = open_settings(window, qtbot, 1).general
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    panel.choose_folder()
    assert panel.folder_edit.text() == str(tmp_path)


def test_language_switch_persists(window, qtbot, ui_state):
    panel = open_settings(window, qtbot, 1).general
    assert ui_state.language() == "zh_CN"
    combo = panel.language_combo
    combo.setCurrentIndex(combo.findData("en"))
    assert UiState(ui_state.path).language() == "en"  # a fresh QSettings reads it back
    assert "next time" in panel.boxes["ui.language"].note.text()
    combo.setCurrentIndex(combo.findData("zh_CN"))
    assert UiState(ui_state.path).language() == "zh_CN"


def test_code_tables_list_and_import(window, qtbot, db, monkeypatch, tmp_path):
    panel = open_settings(window, qtbot, 2).code_tables
    names = [row.table_name for row in panel.rows]
    assert names == list(codes.TABLES)
    units = panel.rows[names.index("units")]
    assert units.version == codes.BUILTIN_VERSION and units.row_count > 10
    ports = panel.rows[names.index("ports")]
    assert ports.version is None
    assert panel.table.item(names.index("ports"), 1).text() == "Not loaded"

    official = tmp_path / "units-2026.csv"
    official.write_text(
        "code,name_cn,name_en,legacy_code\n001,台,unit,\n007,个,piece,\n035,千克,kg,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(official), "Code tables")
    )
    panel.select("units")
    assert panel.import_button.isEnabled()
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    units = panel.rows[names.index("units")]
    assert units.version.startswith("units-2026") and units.row_count == 3
    assert units.source == "units-2026.csv"


def test_bad_code_table_file_is_a_warning_and_changes_nothing(window, qtbot, tmp_path):
    panel = open_settings(window, qtbot, 2).code_tables
    bad = tmp_path / "broken.csv"
    bad.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    before = list(panel.rows)
    panel.import_file("units", Path(bad))
    wait_idle(qtbot, window)
    boxes = [b for b in panel.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and "broken.csv" in boxes[0].text()
    boxes[0].close()
    panel.reload()
    wait_idle(qtbot, window)
    assert panel.rows == before
