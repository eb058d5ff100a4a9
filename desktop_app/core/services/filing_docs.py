"""单证备案: the filing-document checklist of each declaration, its attached files and due dates.

Each claimed export keeps a file of its documents (DOMAIN.md §3.4): contract, transport
documents, freight invoices, broker agreement. Attachments are stored content-addressed under
the attachments folder (attachments/<sha256[:2]>/<sha256><suffix>): the same bytes are kept
once, and a file that changed on disk is caught on every read by its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app import paths
from desktop_app.core.errors import BadInput
from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import FilingDocument, RebateBatch, RebateExportRow
from desktop_app.core.services import deadlines
from desktop_app.core.services.holidays import WorkCalendar

# The standard checklist per supervision mode (DOMAIN.md §3.4 [R23]); modes not listed get
# DEFAULT_ITEMS. 9810 adds the overseas-warehouse lease, which may stand in for a sales
# contract (DOMAIN.md §6 [R18d] ⚠ — secondary source, so it is added, not substituted).
DEFAULT_ITEMS: tuple[str, ...] = (
    "sales_contract", "transport_document", "freight_invoice", "broker_agreement",
)  # fmt: skip
STANDARD_ITEMS: dict[str, tuple[str, ...]] = {
    "9810": (*DEFAULT_ITEMS, "warehouse_lease"),
}
KIND_NAMES: dict[str, str] = {
    "sales_contract": "购销合同",
    "transport_document": "运输单据（提单/运单/邮政收据）",
    "freight_invoice": "国内运费发票",
    "forwarder_invoice": "货代发票",
    "broker_agreement": "委托报关协议",
    "broker_invoice": "报关代理费发票",
    "warehouse_lease": "海外仓租赁/产权证明",
    "fx_evidence": "收汇凭证",
    "other": "其他",
}
KINDS = tuple(KIND_NAMES)


@dataclass(frozen=True)
class RetentionRule:
    """How long a claim's documents are kept, by export date."""

    years: int
    source: str
    exports_from: dt.date | None = None
    exports_until: dt.date | None = None

    def applies(self, export_date: dt.date) -> bool:
        if self.exports_from is not None and export_date < self.exports_from:
            return False
        return self.exports_until is None or export_date <= self.exports_until


# Counted from the claim date: the documents belong to the claim (the notices give the
# period, not its start ⚠ — counting from the later claim date keeps them longer, never less).
RETENTION_RULES: tuple[RetentionRule, ...] = (
    RetentionRule(5, "DOMAIN.md §3.4 [R23]: 国家税务总局公告2022年第9号, 5 years",
                  exports_until=deadlines.NEW_REGIME - dt.timedelta(days=1)),
    RetentionRule(10, "DOMAIN.md §3.4 [R22f]: 国家税务总局公告2026年第5号 第45条, 10 years",
                  exports_from=deadlines.NEW_REGIME),
)  # fmt: skip
FILING_RULE = next(r for r in deadlines.RULES if r.kind == "document_filing")
_HASH_CHUNK = 1 << 20


class AttachmentProblem(BadInput):
    """A stored attachment is missing or its content no longer matches its SHA-256."""


@dataclass(frozen=True)
class Claim:
    """The first filed batch that claimed a declaration (its claim date decides the rest)."""

    declaration_id: int
    batch_id: int
    period: str
    batch_no: int
    claimed_on: dt.date
    first_seq: int


@dataclass(frozen=True)
class MissingRow:
    """One checklist item not yet filed (item_id None: the declaration has no checklist)."""

    declaration_id: int
    declaration_ref: str
    customs_no: str
    item_id: int | None
    kind: str
    title: str
    status: str
    claimed_on: dt.date | None
    due_date: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class VerifyProblem:
    item_id: int
    declaration_ref: str
    kind: str
    path: str
    reason: str


# ---------------------------------------------------------------- rules


def standard_kinds(supervision_mode: str) -> tuple[str, ...]:
    return STANDARD_ITEMS.get(supervision_mode, DEFAULT_ITEMS)


def retention_until(export_date: dt.date, anchor: dt.date) -> dt.date:
    """The last day the documents must be kept: `anchor` (the claim date) + the rule's years."""
    rule = next(r for r in RETENTION_RULES if r.applies(export_date))
    return deadlines.add_months(anchor, rule.years * 12)


def filing_due(claimed_on: dt.date, work: WorkCalendar) -> tuple[dt.date, tuple[str, ...]]:
    """The 单证备案 due date of a claim made on `claimed_on`, and holiday-table warnings."""
    due, _legal, warnings = deadlines.due_date(FILING_RULE, claimed_on, work)
    return due, warnings


def kind_name(kind: str, title: str = "") -> str:
    """The Chinese name of a checklist item; an "other" item goes by its own title."""
    if kind == "other" or title:
        return title or KIND_NAMES["other"]
    return KIND_NAMES.get(kind, kind)


# ---------------------------------------------------------------- claims


def claims(session: Session, declaration_ids: Iterable[int]) -> dict[int, Claim]:
    """The claim of each declaration that has been claimed (a filed batch holds a row of it)."""
    ids = list(declaration_ids)
    claimed_on = {i: p.claimed_on for i, p in deadlines.progress_of(session, ids).items()}
    result: dict[int, Claim] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(DeclarationLine.declaration_id, RebateBatch.id, RebateBatch.period,
                   RebateBatch.batch_no, RebateBatch.filed_at, func.min(RebateExportRow.seq))
            .join(RebateExportRow, RebateExportRow.declaration_line_id == DeclarationLine.id)
            .join(RebateBatch, RebateBatch.id == RebateExportRow.batch_id)
            .where(DeclarationLine.declaration_id.in_(chunk),
                   RebateExportRow.status == "included",
                   RebateBatch.status.in_(deadlines.CLAIMED_BATCHES),
                   RebateBatch.filed_at.is_not(None))
            .group_by(DeclarationLine.declaration_id, RebateBatch.id)
            .order_by(RebateBatch.filed_at, RebateBatch.id)
        ).all()  # fmt: skip
        for decl_id, batch_id, period, batch_no, _at, seq in rows:
            day = claimed_on.get(decl_id)
            if decl_id not in result and day is not None:
                result[decl_id] = Claim(decl_id, batch_id, period, batch_no, day, seq)
    return result


def claimed_declaration_ids(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(DeclarationLine.declaration_id)
            .join(RebateExportRow, RebateExportRow.declaration_line_id == DeclarationLine.id)
            .join(RebateBatch, RebateBatch.id == RebateExportRow.batch_id)
            .where(RebateExportRow.status == "included",
                   RebateBatch.status.in_(deadlines.CLAIMED_BATCHES))
            .distinct()
        )
    )  # fmt: skip


# ---------------------------------------------------------------- checklist


def get_declaration(session: Session, declaration_id: int) -> Declaration:
    found = session.get(Declaration, declaration_id)
    if found is None:
        raise BadInput(f"declaration {declaration_id}: no such declaration")
    return found


def get_item(session: Session, item_id: int) -> FilingDocument:
    found = session.get(FilingDocument, item_id)
    if found is None:
        raise BadInput(f"filing document {item_id}: no such checklist item")
    return found


def checklist(session: Session, declaration_id: int) -> list[FilingDocument]:
    """The declaration's items, standard ones in checklist order, then the added ones."""
    items = session.scalars(
        select(FilingDocument)
        .where(FilingDocument.declaration_id == declaration_id)
        .order_by(FilingDocument.id)
    )
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(items, key=lambda i: (order.get(i.kind, len(order)), i.id))


def ensure_checklist(session: Session, declaration_id: int) -> list[FilingDocument]:
    """Create the standard items the declaration lacks (calling it again adds nothing)."""
    declaration = get_declaration(session, declaration_id)
    have = {i.kind for i in checklist(session, declaration_id)}
    claim = claims(session, [declaration_id]).get(declaration_id)
    for kind in standard_kinds(declaration.supervision_mode):
        if kind not in have:
            session.add(FilingDocument(
                kind=kind, declaration_id=declaration_id, status="missing",
                batch_id=claim.batch_id if claim else None,
            ))  # fmt: skip
    session.flush()
    items = checklist(session, declaration_id)
    if claim is not None:
        _note_claim(items, declaration, claim)
    return items


def _note_claim(items: Sequence[FilingDocument], declaration: Declaration, claim: Claim) -> None:
    for item in items:
        if item.batch_id is None:
            item.batch_id = claim.batch_id
        if item.retain_until is None and declaration.export_date is not None:
            item.retain_until = retention_until(declaration.export_date, claim.claimed_on)


def add_item(
    session: Session,
    declaration_id: int,
    kind: str,
    title: str = "",
    *,
    document_no: str = "",
    document_date: dt.date | None = None,
) -> FilingDocument:
    """One more checklist item (kind "other" needs a title saying what it is)."""
    declaration = get_declaration(session, declaration_id)
    if kind not in KINDS:
        raise BadInput(f"document kind {kind!r}: use one of {', '.join(KINDS)}")
    title = title.strip()
    if kind == "other" and not title:
        raise BadInput("a document of kind 'other' needs a title saying what it is")
    if len(title) > 200 or len(document_no.strip()) > 60:
        raise BadInput("title (200) or document number (60 characters) too long")
    claim = claims(session, [declaration_id]).get(declaration_id)
    item = FilingDocument(
        kind=kind, declaration_id=declaration_id, title=title, status="missing",
        document_no=document_no.strip(), document_date=document_date,
        batch_id=claim.batch_id if claim else None,
    )  # fmt: skip
    session.add(item)
    session.flush()
    if claim is not None:
        _note_claim([item], declaration, claim)
    return item


def set_details(
    session: Session,
    item_id: int,
    *,
    document_no: str | None = None,
    document_date: dt.date | None = None,
    title: str | None = None,
) -> FilingDocument:
    """The document's own number, date or title (None leaves a field as it is)."""
    item = get_item(session, item_id)
    if document_no is not None:
        if len(document_no.strip()) > 60:
            raise BadInput(f"document number {document_no!r}: at most 60 characters")
        item.document_no = document_no.strip()
    if document_date is not None:
        item.document_date = document_date
    if title is not None:
        if item.kind == "other" and not title.strip():
            raise BadInput("a document of kind 'other' needs a title saying what it is")
        item.title = title.strip()[:200]
    session.flush()
    return item


def remove_item(session: Session, item_id: int) -> None:
    """Drop an item the user added; standard items stay (they are what the claim needs)."""
    item = get_item(session, item_id)
    declaration = get_declaration(session, item.declaration_id or 0)
    if item.kind in standard_kinds(declaration.supervision_mode):
        raise BadInput(f"{kind_name(item.kind)} is a standard item of {declaration.ref}; "
                       "it cannot be removed")  # fmt: skip
    session.delete(item)
    session.flush()


def mark_filed(session: Session, item_id: int, filed_date: dt.date) -> FilingDocument:
    """The item is in the claim's file (on paper or as the attachment) from `filed_date`."""
    item = get_item(session, item_id)
    declaration = get_declaration(session, item.declaration_id or 0)
    if declaration.export_date is not None and filed_date < declaration.export_date:
        raise BadInput(f"filed date {filed_date.isoformat()} is before the export date "
                       f"{declaration.export_date.isoformat()} of {declaration.ref}")  # fmt: skip
    item.status, item.filed_date = "filed", filed_date
    claim = claims(session, [declaration.id]).get(declaration.id)
    if declaration.export_date is not None and item.retain_until is None:
        anchor = claim.claimed_on if claim else filed_date
        item.retain_until = retention_until(declaration.export_date, anchor)
    session.flush()
    return item


# ---------------------------------------------------------------- attachments


def attachments_root() -> Path:
    return paths.attachments_dir()


def attachment_file(item: FilingDocument, root: Path | None = None) -> Path | None:
    if not item.attachment_path:
        return None
    return (root or attachments_root()) / item.attachment_path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def attach(
    session: Session, item_id: int, file_path: str | Path, *, root: Path | None = None
) -> FilingDocument:
    """Copy the file into the attachments folder (once per content) and record its SHA-256."""
    item = get_item(session, item_id)
    source = Path(file_path)
    if not source.is_file():
        raise BadInput(f"{source}: no such file")
    if source.stat().st_size == 0:
        raise BadInput(f"{source}: the file is empty")
    sha = file_sha256(source)
    relative = f"{sha[:2]}/{sha}{source.suffix.lower()[:20]}"
    target = (root or attachments_root()) / relative
    if not target.is_file() or file_sha256(target) != sha:
        _copy_whole(source, target)
    item.attachment_path, item.attachment_sha256 = relative, sha
    if item.status == "missing":
        item.status = "received"
    session.flush()
    return item


def _copy_whole(source: Path, target: Path) -> None:
    """Copy through a temporary file so a half-written attachment never has the final name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".attach-", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def verify(session: Session, item_id: int, *, root: Path | None = None) -> Path:
    """The attachment's path after checking its SHA-256; AttachmentProblem if missing or changed."""
    return _verified(get_item(session, item_id), root)


def _verified(item: FilingDocument, root: Path | None) -> Path:
    path = attachment_file(item, root)
    if path is None:
        raise BadInput(f"filing document {item.id} ({kind_name(item.kind, item.title)}) "
                       "has no attached file")  # fmt: skip
    if not path.is_file():
        raise AttachmentProblem(f"attachment {path} of filing document {item.id} is missing "
                                f"(expected SHA-256 {item.attachment_sha256})")  # fmt: skip
    actual = file_sha256(path)
    if actual != item.attachment_sha256:
        raise AttachmentProblem(
            f"attachment {path} of filing document {item.id} has changed: SHA-256 "
            f"{actual}, recorded {item.attachment_sha256}"
        )
    return path


def read_attachment(session: Session, item_id: int, *, root: Path | None = None) -> bytes:
    """The attached file's bytes, verified against the recorded SHA-256 first."""
    path = verify(session, item_id, root=root)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != get_item(session, item_id).attachment_sha256:
        raise AttachmentProblem(f"attachment {path} changed while being read")
    return data


def verify_all(session: Session, *, root: Path | None = None) -> list[VerifyProblem]:
    """Every attachment checked; the problems found (an empty list: all are intact)."""
    rows = session.execute(
        select(FilingDocument, Declaration.ref)
        .join(Declaration, Declaration.id == FilingDocument.declaration_id)
        .where(FilingDocument.attachment_path != "")
        .order_by(FilingDocument.id)
    ).all()
    problems = []
    for item, ref in rows:
        try:
            _verified(item, root)
        except BadInput as exc:
            problems.append(VerifyProblem(item.id, ref, item.kind, item.attachment_path, str(exc)))
    return problems


# ---------------------------------------------------------------- what is missing


def missing_documents(
    session: Session, today: dt.date, *, declaration_ids: Sequence[int] | None = None
) -> list[MissingRow]:
    """Checklist items not yet filed, of claimed declarations and of any with a checklist.

    A claimed declaration without a checklist shows its standard items (item_id None). Due
    is 15 days after the claim (the deadlines rule), overdue when before `today`. Sorted by
    due date (unclaimed last), then declaration.
    """
    ids = set(declaration_ids) if declaration_ids is not None else None
    items = list(session.scalars(select(FilingDocument).where(FilingDocument.status != "filed")))
    if ids is not None:
        items = [i for i in items if i.declaration_id in ids]
    with_list = set(
        session.scalars(select(FilingDocument.declaration_id).distinct())
    )  # fmt: skip
    bare = [i for i in claimed_declaration_ids(session) if i not in with_list]
    if ids is not None:
        bare = [i for i in bare if i in ids]
    wanted = {i.declaration_id for i in items if i.declaration_id is not None} | set(bare)
    declarations = {d.id: d for d in session.scalars(
        select(Declaration).where(Declaration.id.in_(wanted)))}  # fmt: skip
    found = claims(session, wanted)
    work = WorkCalendar(session)
    rows = [_missing_row(declarations[i.declaration_id], i.id, i.kind, i.title, i.status,
                         found.get(i.declaration_id), today, work)
            for i in items if i.declaration_id in declarations]  # fmt: skip
    for decl_id in bare:
        d = declarations[decl_id]
        rows += [_missing_row(d, None, k, "", "missing", found.get(decl_id), today, work)
                 for k in standard_kinds(d.supervision_mode)]  # fmt: skip
    far = dt.date.max
    rows.sort(key=lambda r: (r.due_date or far, r.declaration_ref, KINDS.index(r.kind)))
    return rows


def _missing_row(
    declaration: Declaration, item_id: int | None, kind: str, title: str, status: str,
    claim: Claim | None, today: dt.date, work: WorkCalendar,
) -> MissingRow:  # fmt: skip
    due = filing_due(claim.claimed_on, work)[0] if claim else None
    return MissingRow(
        declaration.id, declaration.ref, declaration.customs_no or "", item_id, kind,
        kind_name(kind, title), status, claim.claimed_on if claim else None, due,
        due is not None and due < today,
    )  # fmt: skip


# ---------------------------------------------------------------- claim order (the index)


def batch_declaration_ids(session: Session, batch_id: int) -> list[int]:
    """The declarations on a batch's included rows, in the order of their first row."""
    if session.get(RebateBatch, batch_id) is None:
        raise BadInput(f"rebate batch {batch_id}: no such batch")
    rows = session.execute(
        select(DeclarationLine.declaration_id, func.min(RebateExportRow.seq))
        .join(RebateExportRow, RebateExportRow.declaration_line_id == DeclarationLine.id)
        .where(RebateExportRow.batch_id == batch_id, RebateExportRow.status == "included")
        .group_by(DeclarationLine.declaration_id)
        .order_by(func.min(RebateExportRow.seq))
    ).all()
    return [decl_id for decl_id, _seq in rows]


def in_claim_order(session: Session, declaration_ids: Iterable[int]) -> list[int]:
    """Claimed first, by claim date, batch and row; then the unclaimed, by export date."""
    ids = list(dict.fromkeys(declaration_ids))
    found = claims(session, ids)
    exports = dict(
        session.execute(
            select(Declaration.id, Declaration.export_date).where(Declaration.id.in_(ids))
        ).all()
    )
    far = dt.date.max

    def key(decl_id: int) -> tuple[object, ...]:
        c = found.get(decl_id)
        if c is not None:
            return (0, c.claimed_on, c.period, c.batch_no, c.first_seq, decl_id)
        return (1, exports.get(decl_id) or far, far, 0, 0, decl_id)

    return sorted(ids, key=key)
