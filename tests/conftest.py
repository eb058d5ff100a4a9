"""Shared fixtures: a fresh database per test, offscreen Qt, an isolated user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """User data (default database, backups, logs) goes to a temporary folder, never ~."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("EXPORTDESK_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def db(db_path: Path):
    """A migrated SQLite file database."""
    from desktop_app.core.db import open_database

    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def session(db):
    """A session inside one transaction that the test may commit by leaving the block."""
    with db.transaction(actor="test") as s:
        yield s


@pytest.fixture(scope="session")
def demo300(tmp_path_factory: pytest.TempPathFactory):
    """A 300-order demo database (every area, today's dates), shared read-only by the report
    and dashboard tests: a test that writes to it must roll back."""
    from desktop_app.core.db import open_database
    from desktop_app.core.demo import generate

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPORTDESK_HOME", str(tmp_path_factory.mktemp("demo300-home")))
        database = open_database(tmp_path_factory.mktemp("demo300") / "demo.sqlite")
        generate(database, orders=300)
    yield database
    database.dispose()
