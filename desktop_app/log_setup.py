"""Logging: a rotating file in the user data folder's logs/, warnings on stderr."""

from __future__ import annotations

import logging
import logging.handlers

from desktop_app.paths import logs_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(verbose: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_exportdesk", False) for h in root.handlers):
        return  # configured already (tests call main() many times)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        file_handler = logging.handlers.RotatingFileHandler(
            logs_dir() / "exportdesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        file_handler = None  # a read-only profile must not stop the program
    if file_handler is not None:
        file_handler.setFormatter(logging.Formatter(FORMAT))
        file_handler._exportdesk = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console._exportdesk = True  # type: ignore[attr-defined]
    root.addHandler(console)
