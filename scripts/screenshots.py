"""Save a PNG of every screen (Chinese and English) with demo data: `make screenshots`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1280, 800)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        os.environ["EXPORTDESK_HOME"] = home  # never touch the user's own database
        from PySide6.QtWidgets import QApplication

        from desktop_app.core import codes, demo, settings
        from desktop_app.core.db import open_database
        from desktop_app.ui import app as ui_app
        from desktop_app.ui.ui_state import UiState

        qt = QApplication.instance() or QApplication(sys.argv[:1])
        db_path = Path(home) / "demo.sqlite"
        db = open_database(db_path)
        with db.transaction() as session:
            codes.ensure_builtin(session)
            settings.put(session, "backup.on_close", False)
        demo.generate(db, orders=5000)
        db.dispose()
        for language in ("zh_CN", "en"):
            state = UiState(Path(home) / f"ui-{language}.ini")
            state.set_language(language)
            window = ui_app.start(str(db_path), state=state)
            if window is None:
                return 1
            window.resize(*SIZE)
            _settle(qt, window)
            for screen in window.screens:
                window.go_to(screen.KEY)
                tabs = getattr(screen, "tabs", None)
                if tabs is None:
                    _shoot(qt, window, out / f"{language}-{screen.KEY}.png")
                    continue
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    _shoot(qt, window, out / f"{language}-{screen.KEY}-{index + 1}.png")
            window.close()
            window.db.dispose()
    print(f"screenshots in {out}")
    return 0


def _settle(qt, window) -> None:
    from PySide6.QtCore import QDeadlineTimer, QThread

    deadline = QDeadlineTimer(15_000)
    while window.tasks.busy and not deadline.hasExpired():
        qt.processEvents()
        QThread.msleep(20)
    for _ in range(5):
        qt.processEvents()


def _shoot(qt, window, path: Path) -> None:
    _settle(qt, window)
    window.grab().save(str(path))
    print(path)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")))
