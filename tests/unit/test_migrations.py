"""Migrations: empty → head equals the models, `alembic check` is clean, foreign files refused."""

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from desktop_app.core import db as dbmod
from desktop_app.core.db import alembic_config, head_revision, open_database
from desktop_app.core.errors import DatabaseRefused
from desktop_app.core.models import Base


def test_empty_database_upgrades_to_head_matching_the_models(db_path):
    database = open_database(db_path)
    assert database.revision() == head_revision()
    with database.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    database.dispose()
    assert diff == []


def test_alembic_check_finds_nothing(db_path):
    database = open_database(db_path)
    with database.engine.begin() as conn:
        command.check(alembic_config(conn))  # raises if autogenerate would emit anything
    database.dispose()


def test_every_table_has_a_primary_key_and_exact_money():
    for table in Base.metadata.sorted_tables:
        assert table.primary_key.columns, table.name
        for column in table.columns:
            assert "FLOAT" not in str(column.type).upper(), f"{table.name}.{column.name}"
            assert "REAL" not in str(column.type).upper(), f"{table.name}.{column.name}"


def test_pragmas_are_set(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_newer_or_unknown_revision_is_refused_and_file_untouched(db_path):
    open_database(db_path).dispose()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseRefused, match="unknown to this version"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseRefused, match="another program"):
        open_database(db_path)


def test_non_sqlite_file_is_refused(db_path):
    db_path.write_bytes(b"PK\x03\x04 not a database")
    with pytest.raises(DatabaseRefused, match="not an SQLite database"):
        open_database(db_path)
    assert db_path.read_bytes() == b"PK\x03\x04 not a database"


def test_an_older_database_is_copied_aside_then_upgraded_keeping_its_data(db_path):
    first = "0001"
    engine = dbmod.make_engine(dbmod.to_url(db_path))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), first)
        conn.exec_driver_sql(
            "INSERT INTO shop (platform, name, site_country, currency, active, created_at, "
            "updated_at) VALUES ('amazon', 'Amazon US', 'USA', 'USD', 1, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
    engine.dispose()
    database = open_database(db_path)
    assert database.revision() == head_revision() != first
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM shop").scalar() == "Amazon US"
    database.dispose()
    (copy,) = (db_path.parent / "backups").glob(f"test-before-upgrade-{first}-*.sqlite")
    old = create_engine(f"sqlite:///{copy}")
    with old.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == first
    old.dispose()


def test_upgrading_an_up_to_date_database_copies_nothing(db_path):
    open_database(db_path).dispose()
    open_database(db_path).dispose()
    assert not (db_path.parent / "backups").exists()


def test_stock_ledger_is_append_only(db):
    with db.engine.connect() as conn:
        triggers = {
            r[0]
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    assert {"stock_move_no_update", "stock_move_no_delete"} <= triggers
