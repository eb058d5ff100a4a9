"""The command line end to end: init, demo, status, check, backup, restore, exit codes."""

import sqlite3
from decimal import Decimal

import pytest


@pytest.fixture
def demo_db(cli, tmp_path):
    path = tmp_path / "x.sqlite"
    run = cli("--db", str(path), "demo", "--orders", "400", "--json")
    assert run.code == 0, run.err
    return path


def test_init_creates_the_database_at_head(cli, tmp_path):
    path = tmp_path / "new" / "x.sqlite"
    run = cli("--db", str(path), "init", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["schema_revision"] and path.exists()
    again = cli("--db", str(path), "init", "--json")
    assert again.code == 0 and again.json()["schema_revision"] == data["schema_revision"]


def test_default_database_lives_in_the_user_data_folder(cli, _isolated_home):
    run = cli("init", "--json")
    assert run.code == 0, run.err
    assert (_isolated_home / "exportdesk.sqlite").exists()


def test_demo_then_status_and_check(cli, demo_db):
    demo = cli("--db", str(demo_db), "status", "--json")
    assert demo.code == 0, demo.err
    status = demo.json()
    counts = status["counts"]
    assert counts["orders"] == 400
    assert counts["order_lines"] >= 400
    assert 250 <= counts["skus"] <= 400
    assert counts["warehouses"] >= 4
    assert status["schema_revision"] == status["head_revision"]
    assert set(status["sales"]) >= {"USD", "EUR", "JPY"}
    assert all(Decimal(v) > 0 for v in status["sales"].values())
    check = cli("--db", str(demo_db), "check", "--json")
    assert check.code == 0, check.out + check.err
    assert check.json()["ok"] is True


def test_demo_refuses_a_database_with_data_and_changes_nothing(cli, demo_db):
    before = demo_db.read_bytes()
    run = cli("--db", str(demo_db), "demo", "--orders", "10")
    assert run.code == 2
    assert run.err.strip()
    assert demo_db.read_bytes() == before


def test_tampered_audit_event_fails_check_and_is_named(cli, demo_db):
    con = sqlite3.connect(demo_db)
    victim = con.execute("SELECT id FROM audit_event ORDER BY id LIMIT 1 OFFSET 7").fetchone()[0]
    con.execute("UPDATE audit_event SET actor = 'someone-else' WHERE id = ?", (victim,))
    con.commit()
    con.close()
    run = cli("--db", str(demo_db), "check", "--json")
    assert run.code == 3
    (chain,) = [c for c in run.json()["checks"] if c["name"] == "audit_chain"]
    assert chain["ok"] is False
    assert chain["data"]["first_broken_event"] == victim
    assert f"audit event {victim}" in chain["detail"]


def test_backup_and_restore_round_trip(cli, demo_db, tmp_path):
    out = tmp_path / "backup.sqlite"
    run = cli("--db", str(demo_db), "backup", "--out", str(out), "--json")
    assert run.code == 0, run.err
    assert out.exists()
    other = tmp_path / "other.sqlite"
    assert cli("--db", str(other), "init").code == 0
    run = cli("--db", str(other), "restore", str(out), "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["replaced_copy"]
    status = cli("--db", str(other), "status", "--json").json()
    assert status["counts"]["orders"] == 400
    assert cli("--db", str(other), "check").code == 0


def test_restore_of_a_random_file_exits_2_and_leaves_the_database_byte_identical(
    cli, demo_db, tmp_path
):
    junk = tmp_path / "some-random-file"
    junk.write_bytes(b"\x89PNG\r\n" + bytes(range(256)) * 100)
    before = demo_db.read_bytes()
    run = cli("--db", str(demo_db), "restore", str(junk))
    assert run.code == 2
    assert "not an SQLite database" in run.err and str(junk) in run.err
    assert demo_db.read_bytes() == before


def test_bad_arguments_exit_2(cli, tmp_path):
    assert cli("no-such-command").code == 2
    assert cli("--db", str(tmp_path / "x.sqlite"), "demo", "--orders", "-5").code == 2
    run = cli("--db", str(tmp_path / "x.sqlite"), "backup", "--out", str(tmp_path / "no" / "b"))
    assert run.code == 2 and "USB" in run.err


def test_a_non_database_given_as_db_is_refused(cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    run = cli("--db", str(path), "status", "--json")
    assert run.code == 2
    assert "not an SQLite database" in run.err
    assert path.read_text() == "hello"
