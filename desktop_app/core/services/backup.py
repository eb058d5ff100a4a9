"""Backup (SQLite online backup API), checked restore that keeps the replaced file, rotation."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import audit, settings
from desktop_app.core.db import (
    SQLITE_MAGIC,
    Database,
    check_known_revision,
    copy_aside,
    sqlite_backup,
)
from desktop_app.core.errors import BadInput, DatabaseRefused
from desktop_app.paths import backups_dir

AUTO_LABEL = "auto"
DAY = dt.timedelta(days=1)


def _require_file(db: Database) -> Path:
    if db.path is None:
        raise BadInput(
            "backup and restore work on the embedded SQLite database; "
            "back up a PostgreSQL database with pg_dump"
        )
    return db.path


def backup_to(db: Database, out: Path, *, overwrite: bool = False) -> Path:
    """Write a consistent copy of the database to `out` (safe while the app is running)."""
    source = _require_file(db)
    out = Path(out).expanduser().resolve()
    if out == source:
        raise BadInput(f"{out}: is the database itself; choose another file")
    if out.exists() and not overwrite:
        raise BadInput(f"{out}: already exists; choose a new file name")
    if not out.parent.is_dir():
        raise BadInput(f"{out.parent}: folder does not exist (is the USB stick plugged in?)")
    tmp = out.with_name(out.name + ".partial")
    sqlite_backup(source, tmp)
    tmp.replace(out)
    _remember(db)
    return out


def _remember(db: Database) -> None:
    with db.transaction() as session:
        settings.put(
            session, "backup.last_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        )


def auto_backup(
    db: Database, *, force: bool = False, now: dt.datetime | None = None
) -> Path | None:
    """Back up at most daily (unless forced) to the chosen folder and keep the newest N."""
    source = _require_file(db)
    now = now or dt.datetime.now(dt.UTC)
    with db.sessions() as session:
        conf = settings.get_all(session)
    last = conf["backup.last_at"]
    if not force and last and now - dt.datetime.fromisoformat(last) < DAY:
        return None
    folder = Path(conf["backup.folder"]).expanduser() if conf["backup.folder"] else backups_dir()
    if not folder.is_dir():
        raise BadInput(f"backup folder {folder} is not available (is the USB stick plugged in?)")
    made = copy_aside(source, folder, AUTO_LABEL)
    _remember(db)
    rotate(folder, source.stem, conf["backup.keep"])
    return made


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete the oldest automatic backups beyond `keep`; returns what was deleted."""
    made = sorted(
        folder.glob(f"{stem}-{AUTO_LABEL}-*.sqlite"), key=lambda p: (p.stat().st_mtime_ns, p.name)
    )
    doomed = made[:-keep] if keep > 0 else made
    for path in doomed:
        path.unlink()
    return doomed


@dataclass
class RestoreResult:
    restored_from: Path
    replaced_copy: Path | None
    revision: str


def inspect_backup(file: Path, shown_as: Path | None = None) -> str:
    """Check that `file` is an intact ExportDesk database; return its schema revision.

    Messages name `shown_as` (the user's file) when `file` is a private staged copy.
    """
    try:
        return _inspect(file)
    except BadInput as exc:
        if shown_as is None:
            raise
        raise BadInput(str(exc).replace(str(file), str(shown_as))) from None


def _inspect(file: Path) -> str:
    if not file.is_file():
        raise BadInput(f"{file}: no such file")
    with file.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise BadInput(f"{file}: not an SQLite database, so not an ExportDesk backup")
    try:
        conn = sqlite3.connect(file)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                problems = "; ".join(r[0] for r in result[:3])
                raise BadInput(f"{file}: damaged database (integrity check: {problems})")
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                raise BadInput(
                    f"{file}: an SQLite file of another program, not an ExportDesk backup"
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"{file}: cannot be read as a database ({exc})") from None
    if row is None:
        raise BadInput(f"{file}: has no schema revision; not an ExportDesk backup")
    try:
        check_known_revision(row[0], str(file))
    except DatabaseRefused as exc:
        raise BadInput(str(exc)) from None
    return row[0]


def restore(target: Path, file: Path) -> RestoreResult:
    """Replace the database at `target` with the backup `file`, after checking it.

    The backup is checked on a private copy first; nothing is touched unless it passes.
    The replaced database is kept in the backups folder beside it.
    """
    file = Path(file).expanduser().resolve()
    target = Path(target).expanduser().resolve()
    if file == target:
        raise BadInput(f"{file}: is the database itself")
    with tempfile.TemporaryDirectory(dir=target.parent if target.parent.is_dir() else None) as tmp:
        staged = Path(tmp) / "staged.sqlite"
        if not file.is_file():
            raise BadInput(f"{file}: no such file")
        shutil.copyfile(file, staged)
        revision = inspect_backup(staged, shown_as=file)
        replaced = None
        if target.exists() and target.stat().st_size > 0:
            replaced = copy_aside(target, target.parent / "backups", "replaced")
        target.parent.mkdir(parents=True, exist_ok=True)
        sqlite_backup(staged, target)
    return RestoreResult(file, replaced, revision)


def record_restore(db: Database, result: RestoreResult) -> None:
    """Write the restore into the (restored) audit chain."""
    with db.transaction() as session:
        audit.record(
            session,
            "restore",
            "database",
            None,
            after={
                "from": str(result.restored_from),
                "replaced_copy": str(result.replaced_copy) if result.replaced_copy else None,
                "revision": result.revision,
            },
        )
