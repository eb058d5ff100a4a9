"""The Chinese translation: complete, in step with the code, and the committed .qm rebuilt."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop_app import paths
from desktop_app.ui import app as ui_app

TS = paths.resource("translations", "zh_CN.ts")
QM = paths.resource("translations", "zh_CN.qm")
UI_DIR = Path(ui_app.__file__).resolve().parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed (it ships with PySide6-Essentials)")
    return str(found)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
        for ctx in root.findall("context")
        for msg in ctx.findall("message")
    }


def test_every_message_is_translated():
    found = messages(TS)
    assert len(found) > 100
    unfinished = [key for key, tr in found.items() if tr.get("type") or not (tr.text or "")]
    assert unfinished == []


def test_placeholders_survive_translation():
    for (context, source), tr in messages(TS).items():
        wanted = set(re.findall(r"\{\d\}", source))
        assert set(re.findall(r"\{\d\}", tr.text)) == wanted, (context, source, tr.text)


def test_ts_holds_every_string_of_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    in_code, committed = set(messages(fresh)), set(messages(TS))
    assert in_code - committed == set(), "run pyside6-lupdate (resources/translations/README.md)"
    assert committed - in_code == set(), "obsolete messages: run lupdate with -no-obsolete"


def test_committed_qm_is_built_from_the_ts(tmp_path):
    rebuilt = tmp_path / "zh_CN.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(TS), "-qm", str(rebuilt)], check=True, capture_output=True
    )
    assert rebuilt.read_bytes() == QM.read_bytes(), "run pyside6-lrelease and commit the .qm"


def test_chinese_is_installed_by_default(qapp, ui_state):
    assert ui_state.language() == "zh_CN"
    installed = ui_app.install_translators(qapp, ui_state.language())
    try:
        assert len(installed) == 2  # ours and Qt's own (standard buttons)
        assert QCoreApplication.translate("HomeScreen", "Home") == "首页"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        ui_app.install_translators(qapp, "en")
    assert QCoreApplication.translate("HomeScreen", "Home") == "Home"


def test_core_reasons_are_shown_in_chinese(qapp):
    from desktop_app.ui.reasons import translate_reason

    ui_app.install_translators(qapp, "zh_CN")
    try:
        assert translate_reason("check character should be E, not A") == "校验位应为 E，而不是 A"
        assert translate_reason("must be 18 characters, got 5") == "应为 18 位，实际为 5 位"
        assert translate_reason("something the table does not know") == (
            "something the table does not know"
        )
    finally:
        ui_app.install_translators(qapp, "en")
