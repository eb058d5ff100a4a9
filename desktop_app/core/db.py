"""Engine and sessions: SQLite pragmas, exact transactions, refuse or upgrade to the head."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core import audit
from desktop_app.core.errors import DatabaseRefused
from desktop_app.paths import default_database_path, migrations_dir

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_ACTOR = "local"


def to_url(target: str | Path | None) -> URL:
    """A path or an SQLAlchemy URL; None is the user data folder's SQLite file."""
    if target is None:
        target = default_database_path()
    text = str(target)
    if text == ":memory:":
        return make_url("sqlite+pysqlite://")
    if "://" in text:
        return _with_keyring_password(make_url(text))
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def _with_keyring_password(url: URL) -> URL:
    """A server URL without a password takes it from the keyring (passwords stay out of files)."""
    if url.get_backend_name() == "sqlite" or url.password or not url.username:
        return url
    from desktop_app.core import secrets

    account = secrets.database_account(url.username, url.host or "", url.database or "")
    try:
        password = secrets.get_password(account)
    except secrets.SecretStoreUnavailable as exc:
        # Servers that trust the seat (peer / trust auth) need no password: go on without one.
        logging.getLogger(__name__).warning("no password from the keyring for %s: %s", account, exc)
        return url
    return url.set(password=password) if password else url


def sqlite_file(url: URL) -> Path | None:
    """The database file of an SQLite URL, or None (PostgreSQL, in-memory)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _install_sqlite_pragmas(engine: Engine, is_file: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Take transactions into our own hands (pysqlite's implicit BEGIN skips reads
        # and SAVEPOINTs); see the SQLAlchemy docs' "Serializable isolation" recipe.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if is_file:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        kwargs: dict = {}
        if path is None:  # in-memory: one shared connection or every session sees a new DB
            from sqlalchemy.pool import StaticPool

            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        engine = create_engine(url, **kwargs)
        _install_sqlite_pragmas(engine, is_file=path is not None)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_known_revision(revision: str | None, where: str) -> None:
    """Refuse a schema written by a newer ExportDesk or another program."""
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        known = script.get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise DatabaseRefused(
            f"{where}: schema revision {revision!r} is unknown to this version of ExportDesk "
            f"(head {head_revision()}); it was written by a newer version or another program. "
            "Install the newer ExportDesk; the file was not changed."
        )


def check_sqlite_header(path: Path) -> None:
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                raise DatabaseRefused(f"{path}: not an SQLite database; the file was not changed")


@dataclass
class Database:
    """An open database: its URL, engine and session factory."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def path(self) -> Path | None:
        return sqlite_file(self.url)

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self, actor: str = DEFAULT_ACTOR) -> Iterator[Session]:
        """One user action: everything inside lands together or not at all."""
        with self.sessions() as session:
            session.info["actor"] = actor
            with session.begin():
                yield session

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return current_revision(conn)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    target: str | Path | URL | None = None,
    *,
    migrate: bool = True,
    backup_dir: Path | None = None,
) -> Database:
    """Open (and by default create or upgrade) a database.

    Before an upgrade of an existing SQLite file, the file is copied aside (into
    backup_dir, or a `backups` folder beside the database).
    """
    url = target if isinstance(target, URL) else to_url(target)
    path = sqlite_file(url)
    if path is not None:
        check_sqlite_header(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    db = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    audit.install(db.sessions)
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
            tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
            foreign = revision is None and bool(tables)
        if foreign:
            raise DatabaseRefused(
                f"{db.display_name}: holds tables but no ExportDesk schema revision; "
                "it belongs to another program and was not changed"
            )
        check_known_revision(revision, db.display_name)
        if migrate and revision != head_revision():
            if path is not None and revision is not None:
                copy_aside(
                    path, backup_dir or path.parent / "backups", f"before-upgrade-{revision}"
                )
            upgrade(db)
    except Exception:
        engine.dispose()
        raise
    return db


def upgrade(db: Database) -> None:
    """Upgrade to head in one transaction, foreign keys checked at the end (batch mode safe)."""
    is_sqlite = db.url.get_backend_name() == "sqlite"
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        if is_sqlite:  # must be outside a transaction, so below SQLAlchemy's autobegin
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                command.upgrade(alembic_config(conn), "head")
                if is_sqlite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise DatabaseRefused(f"upgrade would break foreign keys: {bad[:5]}")
        finally:
            if is_sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


def copy_aside(path: Path, folder: Path, label: str) -> Path:
    """Copy an SQLite file with the online backup API (consistent even in WAL mode)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{label}-{stamp}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{label}-{stamp}-{n}.sqlite"
    sqlite_backup(path, target)
    return target


def sqlite_backup(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
