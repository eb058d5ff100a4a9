"""Backup and restore: round trip, refusal of bad files without touching anything, rotation."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core import settings
from desktop_app.core.db import open_database
from desktop_app.core.errors import BadInput
from desktop_app.core.models import Supplier
from desktop_app.core.services import backup


def _suppliers(db) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(Supplier))


def _add(db, name: str) -> None:
    with db.transaction() as s:
        s.add(Supplier(name=name))


def test_backup_then_restore_round_trip(db, db_path, tmp_path):
    _add(db, "甲厂")
    out = backup.backup_to(db, tmp_path / "b.sqlite")
    _add(db, "乙厂")
    assert _suppliers(db) == 2
    db.dispose()
    result = backup.restore(db_path, out)
    assert result.replaced_copy is not None and result.replaced_copy.exists()
    restored = open_database(db_path)
    assert _suppliers(restored) == 1
    kept = open_database(result.replaced_copy)
    assert _suppliers(kept) == 2
    restored.dispose()
    kept.dispose()


def test_backup_refuses_to_overwrite_and_missing_folders(db, tmp_path):
    target = tmp_path / "exists.sqlite"
    target.write_bytes(b"x")
    with pytest.raises(BadInput, match="already exists"):
        backup.backup_to(db, target)
    with pytest.raises(BadInput, match="USB stick"):
        backup.backup_to(db, tmp_path / "nope" / "b.sqlite")


def _corrupt_copy(db, tmp_path: Path) -> Path:
    good = backup.backup_to(db, tmp_path / "good.sqlite")
    data = bytearray(good.read_bytes())
    page = 4096
    for i in range(page * 2, min(len(data), page * 6)):  # scribble over a few b-tree pages
        data[i] = 0x5A
    bad = tmp_path / "corrupt.sqlite"
    bad.write_bytes(bytes(data))
    return bad


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("kind", ["random", "corrupt", "foreign", "missing", "newer"])
def test_bad_restore_file_changes_nothing(db, db_path, tmp_path, kind):
    for n in range(20):
        _add(db, f"厂{n}")
    if kind == "random":
        bad = tmp_path / "random.bin"
        bad.write_bytes(bytes(range(256)) * 64)
    elif kind == "corrupt":
        bad = _corrupt_copy(db, tmp_path)
    elif kind == "foreign":
        bad = _foreign(tmp_path)
    elif kind == "missing":
        bad = tmp_path / "missing.sqlite"
    else:
        bad = backup.backup_to(db, tmp_path / "newer.sqlite")
        con = sqlite3.connect(bad)
        con.execute("UPDATE alembic_version SET version_num = 'zzzz'")
        con.commit()
        con.close()
    db.dispose()
    before = db_path.read_bytes()
    with pytest.raises(BadInput) as refused:
        backup.restore(db_path, bad)
    assert str(bad.resolve()) in str(refused.value)  # names the user's file, not a temp copy
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists() or not any(
        (db_path.parent / "backups").glob("*replaced*")
    )


def test_auto_backup_at_most_daily_and_rotated(db, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    with db.transaction() as s:
        settings.put(s, "backup.folder", str(folder))
        settings.put(s, "backup.keep", 3)
    start = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    assert backup.auto_backup(db, now=start) is not None
    assert backup.auto_backup(db, now=start + dt.timedelta(hours=3)) is None  # same day
    assert backup.auto_backup(db, now=start + dt.timedelta(hours=3), force=True) is not None
    for n in range(4):
        with db.transaction() as s:  # pretend the last backup was long ago
            settings.put(s, "backup.last_at", "2000-01-01T00:00:00+00:00")
        assert backup.auto_backup(db, now=start + dt.timedelta(days=n + 2)) is not None
    assert len(list(folder.glob("*-auto-*.sqlite"))) == 3


def test_auto_backup_reports_an_unplugged_folder(db, tmp_path):
    with db.transaction() as s:
        settings.put(s, "backup.folder", str(tmp_path / "unplugged"))
    with pytest.raises(BadInput, match="not available"):
        backup.auto_backup(db, force=True)
