"""What the Filing documents screen lists: declarations with checklist progress, item details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.models.declarations import Declaration
from desktop_app.core.models.rebate import FilingDocument
from desktop_app.core.services import deadlines, filing_docs
from desktop_app.core.services.holidays import WorkCalendar

LIMIT = 2000  # newest exports first; the search narrows the rest


@dataclass(frozen=True)
class DeclarationProgress:
    id: int
    ref: str
    customs_no: str
    supervision_mode: str
    export_date: dt.date | None
    claimed_on: dt.date | None
    batch: str
    due_date: dt.date | None
    total: int
    received: int
    filed: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.filed == self.total

    def overdue(self, today: dt.date) -> bool:
        return not self.complete and self.due_date is not None and self.due_date < today


@dataclass(frozen=True)
class ItemRow:
    id: int
    kind: str
    name: str  # the Chinese name (as printed on the index)
    title: str  # what an "other" document is
    document_no: str
    document_date: dt.date | None
    status: str
    filed_date: dt.date | None
    attachment: str
    sha256: str
    check: str  # "" (no file), "ok", "changed", "missing"
    standard: bool


def declaration_progress(session: Session, text: str = "") -> list[DeclarationProgress]:
    """Cleared declarations with their checklist counts, newest export first."""
    counts = (
        select(
            FilingDocument.declaration_id.label("decl_id"),
            func.count().label("total"),
            func.sum(case((FilingDocument.status == "received", 1), else_=0)).label("received"),
            func.sum(case((FilingDocument.status == "filed", 1), else_=0)).label("filed"),
        )
        .group_by(FilingDocument.declaration_id)
        .subquery()
    )
    query = (
        select(Declaration.id, Declaration.ref, Declaration.customs_no,
               Declaration.supervision_mode, Declaration.export_date,
               counts.c.total, counts.c.received, counts.c.filed)
        .outerjoin(counts, counts.c.decl_id == Declaration.id)
        .where(Declaration.status.in_(deadlines.LIVE_STATUSES))
        .order_by(Declaration.export_date.desc(), Declaration.id.desc())
        .limit(LIMIT)
    )  # fmt: skip
    if text.strip():
        like = f"%{text.strip()}%"
        query = query.where(or_(Declaration.ref.ilike(like), Declaration.customs_no.ilike(like)))
    rows = session.execute(query).all()
    claims = filing_docs.claims(session, [r[0] for r in rows])
    work = WorkCalendar(session)
    result = []
    for r in rows:
        claim = claims.get(r[0])
        due = filing_docs.filing_due(claim.claimed_on, work)[0] if claim else None
        batch = f"{claim.period}-{claim.batch_no:03d}" if claim else ""
        result.append(DeclarationProgress(
            r[0], r[1], r[2] or "", r[3], r[4], claim.claimed_on if claim else None, batch,
            due, r[5] or 0, r[6] or 0, r[7] or 0,
        ))  # fmt: skip
    return result


def item_rows(session: Session, declaration_id: int, *, root: Path | None = None) -> list[ItemRow]:
    """The declaration's checklist, each attached file checked against its SHA-256."""
    declaration = filing_docs.get_declaration(session, declaration_id)
    standard = filing_docs.standard_kinds(declaration.supervision_mode)
    rows = []
    for item in filing_docs.checklist(session, declaration_id):
        rows.append(ItemRow(
            item.id, item.kind, filing_docs.kind_name(item.kind, item.title), item.title,
            item.document_no,
            item.document_date, item.status, item.filed_date, item.attachment_path,
            item.attachment_sha256, _check(session, item, root), item.kind in standard,
        ))  # fmt: skip
    return rows


def _check(session: Session, item: FilingDocument, root: Path | None) -> str:
    if not item.attachment_path:
        return ""
    try:
        filing_docs.verify(session, item.id, root=root)
    except filing_docs.AttachmentProblem as exc:
        return "missing" if "is missing" in str(exc) else "changed"
    except BadInput:
        return ""
    return "ok"
