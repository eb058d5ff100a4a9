"""The Filing documents screen: progress per declaration, a checklist, attaching and verifying."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from desktop_app.core.models.rebate import FilingDocument
from desktop_app.core.services import filing_docs
from desktop_app.ui.dialogs.print_preview import PrintPreviewDialog
from desktop_app.ui.models.shipment_table import WARN
from desktop_app.ui.screens.documents import DocumentsScreen
from tests.ui.standalone import show, wait_idle
from tests.unit.filing_fixtures import batch, claim, declaration


@pytest.fixture
def world(db):
    with db.transaction("test") as session:
        late = declaration(session, "D-LATE", dt.date(2026, 1, 5))
        fresh = declaration(session, "D-FRESH", dt.date(2026, 2, 1))
        claim(session, batch(session, dt.datetime(2026, 2, 10, 2, 0, tzinfo=dt.UTC)), late)
        filing_docs.ensure_checklist(session, late.id)
        return {"late": late.id, "fresh": fresh.id}


@pytest.fixture
def screen(qtbot, ctx, world):
    widget = show(qtbot, DocumentsScreen(ctx), 1200, 800)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: len(widget.rows) == 2)
    return widget


def select(screen: DocumentsScreen, ref: str) -> None:
    row = [r.ref for r in screen.rows].index(ref)
    screen.table.setCurrentCell(row, 0)


def test_lists_progress_and_highlights_overdue(screen, world) -> None:
    by_ref = {r.ref: r for r in screen.rows}
    assert by_ref["D-LATE"].total == 4 and by_ref["D-LATE"].due_date == dt.date(2026, 2, 25)
    assert by_ref["D-FRESH"].total == 0
    row = [r.ref for r in screen.rows].index("D-LATE")
    assert screen.table.item(row, 8).text().startswith("Overdue")
    assert screen.table.item(row, 0).foreground().color() == QColor(WARN)
    assert "1 with overdue documents" in screen.header.subtitle_label.text()


def test_create_checklist(qtbot, ctx, screen, world) -> None:
    select(screen, "D-FRESH")
    assert screen.items == []
    screen.create_checklist()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: len(screen.items) == 4)
    assert screen.current_declaration().ref == "D-FRESH"


def test_attach_verify_and_file(qtbot, ctx, db, screen, world, tmp_path: Path) -> None:
    select(screen, "D-LATE")
    assert screen.item_table.rowCount() == 4
    assert not screen.buttons["open"].isEnabled()
    source = tmp_path / "contract.pdf"
    source.write_bytes(b"%PDF contract")
    screen.item_table.setCurrentCell(0, 0)
    screen.attach_file(source)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(screen.items) and screen.items[0].check == "ok")
    assert screen.item_table.item(0, 6).text().endswith("….pdf")
    assert screen.item_table.item(0, 5).text() == "OK"
    assert screen.buttons["open"].isEnabled() and screen.buttons["verify"].isEnabled()
    assert screen.verify_current() is not None
    with db.sessions() as session:
        stored = session.get(FilingDocument, screen.items[0].id)
        path = filing_docs.attachment_file(stored)
    path.write_bytes(b"tampered")
    screen.show_items(world["late"])
    assert screen.items[0].check == "changed"
    assert screen.item_table.item(0, 5).text() == "Changed!"
    screen.item_table.setCurrentCell(1, 0)
    screen.mark_filed(screen.items[1].id, dt.date(2026, 2, 20))
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: screen.items[1].status == "filed")
    assert next(r for r in screen.rows if r.ref == "D-LATE").filed == 1


def test_add_item_dialog(qtbot, ctx, screen, world) -> None:
    select(screen, "D-LATE")
    dialog = screen.add_item()
    assert not dialog.add_button.isEnabled()  # "other" needs a title
    dialog.title_edit.setText("装箱照片")
    assert dialog.add_button.isEnabled()
    dialog.accept()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: len(screen.items) == 5)
    assert screen.item_table.item(4, 0).text() == "装箱照片"


def test_print_index_preview(qtbot, ctx, screen, world) -> None:
    select(screen, "D-LATE")
    dialog = screen.print_index()
    assert isinstance(dialog, PrintPreviewDialog)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.path is not None and dialog.path.is_file())
    dialog.close()
