"""Start-up: translations, the database opened or refused with a message, demo data on request."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from desktop_app.core import codes
from desktop_app.ui import app as ui_app
from tests.ui.conftest import wait_idle


@pytest.fixture(autouse=True)
def back_to_english(qapp):
    yield
    ui_app.install_translators(qapp, "en")


def close(window) -> None:
    window.close()
    window.db.dispose()


def test_start_opens_the_window_in_chinese_with_code_tables(qtbot, db_path, ui_state):
    window = ui_app.start(str(db_path), state=ui_state)
    assert window is not None
    qtbot.addWidget(window)
    wait_idle(qtbot, window)
    assert window.isVisible()
    assert window.windowTitle() == "出口合规助手"
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names == [
        "首页", "订单", "商品", "库存", "头程发运", "盘点", "库存流水", "报关单", "进项发票",
        "退税申报批次", "外汇收汇", "单证备案", "期限", "退税试算", "报表", "设置",
    ]  # fmt: skip
    with window.db.sessions() as session:
        assert {v.table_name for v in codes.list_versions(session)} >= {"units", "currencies"}
    assert QCoreApplication.applicationName() == "ExportDesk"
    close(window)


def test_english_when_chosen(qtbot, db_path, ui_state):
    ui_state.set_language("en")
    window = ui_app.start(str(db_path), state=ui_state)
    qtbot.addWidget(window)
    wait_idle(qtbot, window)
    assert window.nav.item(0).text() == "Home"
    close(window)


def test_a_refused_database_is_explained_and_exits_2(tmp_path, ui_state, blocking_boxes):
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"these are my notes, not a database")
    assert ui_app.start(str(junk), state=ui_state) is None
    ((kind, title, text),) = blocking_boxes
    assert kind == "error" and title == "无法打开数据库"
    assert "not an SQLite database" in text
    assert junk.read_bytes() == b"these are my notes, not a database"
    assert ui_app.run(str(junk)) == ui_app.EXIT_CANNOT_OPEN


def test_demo_flag_fills_an_empty_database_once(qtbot, db_path, ui_state, monkeypatch):
    import desktop_app.core.demo as demo

    calls = []

    def fake_generate(database, *, orders=5000, seed=2026, job=None):
        calls.append(orders)
        return {"skus": 0}

    monkeypatch.setattr(demo, "generate", fake_generate, raising=False)
    window = ui_app.start(str(db_path), demo=True, state=ui_state)
    qtbot.addWidget(window)
    wait_idle(qtbot, window)
    assert calls == [5000]
    close(window)


def test_demo_flag_leaves_a_database_with_skus_alone(qtbot, db_path, ui_state, monkeypatch):
    import desktop_app.core.demo as demo
    from desktop_app.core.services import status

    monkeypatch.setattr(
        demo, "generate", lambda *a, **k: pytest.fail("must not run"), raising=False
    )
    real = status.collect_status

    def with_skus(database):
        figures = real(database)
        figures["counts"]["skus"] = 3
        return figures

    monkeypatch.setattr(status, "collect_status", with_skus)
    window = ui_app.start(str(db_path), demo=True, state=ui_state)
    qtbot.addWidget(window)
    wait_idle(qtbot, window)
    assert not window.home.demo_button.isVisible()
    close(window)
