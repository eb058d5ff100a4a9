"""Start the window: QApplication, translations, the database, built-in code tables, demo data."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app import APP_NAME, APP_ORG, __version__, paths
from desktop_app.core import codes
from desktop_app.core.db import DEFAULT_ACTOR, Database, open_database
from desktop_app.core.errors import DatabaseRefused
from desktop_app.ui.main_window import MainWindow, icon
from desktop_app.ui.style import apply_app_font
from desktop_app.ui.ui_state import UiState
from desktop_app.ui.widgets import messages

EXIT_CANNOT_OPEN = 2  # the CLI's "bad input" code: the database given cannot be used
LOCALES = {"zh_CN": "zh_CN", "en": "en_US"}

_translators: list[QTranslator] = []  # Qt does not own installed translators: keep them alive


def run(db_target: str | None, demo: bool = False) -> int:
    """Open the window on `db_target` (None: the default database); returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    window = start(db_target, demo=demo)
    if window is None:
        return EXIT_CANNOT_OPEN
    code = app.exec()
    window.db.dispose()
    return code


def start(
    db_target: str | None,
    *,
    demo: bool = False,
    state: UiState | None = None,
    actor: str = DEFAULT_ACTOR,
) -> MainWindow | None:
    """Everything before the event loop; None (after telling the user) if the DB cannot open."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    state = state or UiState()
    prepare_application(app, state.language())
    db = open_or_explain(db_target, actor)
    if db is None:
        return None
    window = MainWindow(db, state, actor=actor)
    window.show()
    if demo:
        window.home.load_demo(only_if_empty=True)
    return window


def prepare_application(app: QApplication, language: str) -> None:
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ORG)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    QLocale.setDefault(QLocale(LOCALES.get(language, "zh_CN")))
    install_translators(app, language)
    apply_app_font(app)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Ours from resources/translations, Qt's own for standard buttons; English needs none."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language == "en":
        return []
    ours = QTranslator(app)
    if ours.load(str(paths.resource("translations", f"{language}.qm"))):
        _translators.append(ours)
    qt_base = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        _translators.append(qt_base)
    for translator in _translators:
        app.installTranslator(translator)
    return list(_translators)


def open_or_explain(db_target: str | None, actor: str = DEFAULT_ACTOR) -> Database | None:
    """Open and migrate the database and load the built-in code tables, or say why not."""
    title = QCoreApplication.translate("app", "Cannot open the database")
    db = None
    try:
        db = open_database(db_target)
        with db.transaction(actor) as session:
            codes.ensure_builtin(session)
        return db
    except DatabaseRefused as exc:
        messages.error_now(None, title, str(exc))
    except Exception as exc:
        text = QCoreApplication.translate("app", "{0}: {1}").format(type(exc).__name__, exc)
        messages.error_now(None, title, text, traceback.format_exc())
    if db is not None:
        db.dispose()
    return None
