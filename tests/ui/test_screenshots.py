"""Screenshots of every screen in Chinese at 1280×800, for a person to look at (SHOTS_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from desktop_app.core import demo, settings
from desktop_app.core.services import company
from desktop_app.ui import app as ui_app
from desktop_app.ui.style import UI_FONTS
from tests.ui.conftest import WINDOW_SIZE, wait_idle

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))


def chinese_fonts() -> list[str]:
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    return [f for f in QFontDatabase.families(chinese) if f in UI_FONTS]


@pytest.fixture
def chinese_window(qtbot, qapp, db, ui_state):
    if not chinese_fonts():
        pytest.skip("no Chinese UI font installed (fonts-wqy-microhei on Linux)")
    with db.transaction("test") as session:
        company.save_profile(
            session,
            {
                "name_cn": "东莞市示例贸易有限公司",
                "name_en": "Dongguan Example Trading Co., Ltd.",
                "uscc": "91440783714753661E",
                "customs_code": "4419960ABC",
                "customs_district": "5300",
                "domestic_source_region": "44199",
                "address_cn": "广东省东莞市南城街道示例路1号",
                "phone": "0769-22880000",
                "declarant_name": "李敏",
            },
        )
        settings.put(session, "backup.on_close", False)
    demo.generate(db, orders=2000)
    window = ui_app.start(str(db.path), state=ui_state)
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    wait_idle(qtbot, window)
    yield window
    window.close()
    ui_app.install_translators(qapp, "en")


def shoot(qtbot, window, name: str) -> Path:
    wait_idle(qtbot, window)
    qtbot.wait(50)  # let the last layout pass land
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    image = window.grab()
    assert (image.width(), image.height()) == WINDOW_SIZE
    assert image.save(str(path))
    return path


def test_the_ui_font_draws_chinese(chinese_window):
    family = QFontInfo(chinese_window.font()).family()
    assert family in chinese_fonts()


def test_screenshots_of_every_screen(qtbot, chinese_window):
    window = chinese_window
    made = [shoot(qtbot, window, "home")]
    window.go_to("settings")
    for index, name in enumerate(("settings_company", "settings_general", "settings_codes")):
        window.settings_screen.tabs.setCurrentIndex(index)
        made.append(shoot(qtbot, window, name))
    assert all(p.stat().st_size > 10_000 for p in made)
    assert window.home.header.subtitle_label.text() == "东莞市示例贸易有限公司"
