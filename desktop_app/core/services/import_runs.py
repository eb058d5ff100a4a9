"""The record a file import leaves (import_run): the file's name and digest, who imported it
and how many rows were read, written and skipped."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.core.importers.common import ImportSummary
from desktop_app.core.models import ImportRun


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def record_run(
    session: Session,
    kind: str,
    path: Path,
    summary: ImportSummary,
    *,
    written: int,
    skipped: int | None = None,
    sha256: str | None = None,
) -> None:
    """Add the import_run row of one import of `path`: the summary's rows read, `written`, and
    `skipped` (default: the summary's); the file's digest is read now unless given."""
    session.add(
        ImportRun(
            kind=kind,
            file_name=path.name[:300],
            sha256=sha256 if sha256 is not None else file_sha256(path),
            actor=session.info.get("actor", "local"),
            rows_read=summary.rows,
            rows_written=written,
            rows_skipped=summary.skipped if skipped is None else skipped,
        )
    )
    session.flush()
