"""The printed index of a claim's filing documents (单证备案目录), in claim order, A4 portrait.

DOMAIN.md §3.4: the documents are kept indexed in the order the exports were claimed. Each
declaration gets a heading line (number, dates, batch, due date) and one row per document
with its number, date, status and the first characters of its SHA-256, so a printed copy
can be matched with the stored file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.models.rebate import RebateBatch
from desktop_app.core.models.system import CompanyProfile
from desktop_app.core.printing.layout import Pen, day, fit, pdf_file
from desktop_app.core.printing.sources import load_company
from desktop_app.core.services import filing_docs
from desktop_app.core.services.holidays import WorkCalendar

PAGE_W, PAGE_H = A4
MARGIN = 36.0
WIDTH = PAGE_W - 2 * MARGIN
TITLE = "出口退（免）税备案单证目录"
HEAD_H = 76.0  # title, company and scope lines
TABLE_HEAD_H = 16.0
ROW_H = 14.0
GROUP_H = 18.0
FOOT_H = 24.0
SIZE = 7.5
SHA_SHORT = 12
STATUS_NAMES = {"missing": "缺", "received": "已收", "filed": "已归档"}
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 30.0), ("单证名称", 140.0), ("单证编号", 90.0), ("单证日期", 56.0),
    ("状态", 40.0), ("归档日期", 56.0), ("保存期至", 56.0), ("SHA-256", WIDTH - 468.0),
)  # fmt: skip
LABELS = ("序号", "单证名称", "单证编号", "单证日期", "状态", "归档日期", "保存期至", "SHA-256",
          TITLE, "备案期限", "海关编号", "申报批次")  # fmt: skip


@dataclass(frozen=True)
class IndexItem:
    name: str
    document_no: str
    document_date: dt.date | None
    status: str
    filed_date: dt.date | None
    retain_until: dt.date | None
    sha256: str


@dataclass(frozen=True)
class IndexEntry:
    """One declaration of the index with its documents."""

    ref: str
    customs_no: str
    export_date: dt.date | None
    claimed_on: dt.date | None
    batch: str  # "202602-001"
    due_date: dt.date | None
    items: tuple[IndexItem, ...]


@dataclass
class IndexData:
    company: str
    uscc: str
    scope: str  # what the index covers: a batch, or the declarations asked for
    printed_on: dt.date
    entries: list[IndexEntry] = field(default_factory=list)


@dataclass(frozen=True)
class PrintedIndex:
    path: Path
    declarations: int
    documents: int
    pages: int


# ---------------------------------------------------------------- data


def load_index(
    session: Session,
    *,
    batch_id: int | None = None,
    declaration_ids: Sequence[int] = (),
    today: dt.date | None = None,
) -> IndexData:
    """The index of a batch's declarations, or of the declarations given, in claim order."""
    if (batch_id is None) == (not declaration_ids):
        raise BadInput("give either a rebate batch or declarations for the index, not both")
    if batch_id is not None:
        ids = filing_docs.batch_declaration_ids(session, batch_id)
        batch = session.get(RebateBatch, batch_id)
        scope = f"申报批次 {_batch_text(batch.period, batch.batch_no)}" if batch else ""
    else:
        ids = filing_docs.in_claim_order(session, declaration_ids)
        scope = f"报关单 {len(ids)} 份"
    if not ids:
        raise BadInput("no declaration to index: the batch has no included rows")
    company = load_company(session)
    profile = session.get(CompanyProfile, 1)
    uscc = profile.uscc if profile is not None else ""
    data = IndexData(company.name_cn, uscc or "", scope, today or dt.date.today())
    claims = filing_docs.claims(session, ids)
    work = WorkCalendar(session)
    for decl_id in ids:
        data.entries.append(_entry(session, decl_id, claims.get(decl_id), work))
    return data


def _entry(
    session: Session, decl_id: int, claim: filing_docs.Claim | None, work: WorkCalendar
) -> IndexEntry:
    declaration = filing_docs.get_declaration(session, decl_id)
    items = tuple(
        IndexItem(filing_docs.kind_name(i.kind, i.title), i.document_no, i.document_date,
                  i.status, i.filed_date, i.retain_until, i.attachment_sha256)
        for i in filing_docs.checklist(session, decl_id)
    )  # fmt: skip
    due = filing_docs.filing_due(claim.claimed_on, work)[0] if claim else None
    return IndexEntry(
        declaration.ref, declaration.customs_no or "", declaration.export_date,
        claim.claimed_on if claim else None,
        _batch_text(claim.period, claim.batch_no) if claim else "", due, items,
    )  # fmt: skip


def _batch_text(period: str, batch_no: int) -> str:
    return f"{period}-{batch_no:03d}"


# ---------------------------------------------------------------- drawing


def print_index(session: Session, out: str | Path, **kwargs: object) -> PrintedIndex:
    """load_index (batch_id= or declaration_ids=) drawn to the PDF `out`."""
    data = load_index(session, **kwargs)  # type: ignore[arg-type]
    return draw_index(data, out)


def draw_index(data: IndexData, out: str | Path) -> PrintedIndex:
    pages = paginate(data.entries)
    with pdf_file(out, (PAGE_W, PAGE_H), f"{TITLE} {data.scope}") as canvas:
        pen = Pen(canvas, PAGE_H)
        for number, blocks in enumerate(pages, start=1):
            _draw_page(pen, data, blocks, number, len(pages))
            pen.page_done()
    documents = sum(len(e.items) for e in data.entries)
    return PrintedIndex(Path(out), len(data.entries), documents, len(pages))


Block = tuple[int, IndexEntry, int, tuple[IndexItem, ...]]  # entry no., entry, first item no.


def paginate(entries: Sequence[IndexEntry]) -> list[list[Block]]:
    """Entries onto pages; a long checklist continues on the next page under its heading,
    and a heading never sits at the foot of a page with fewer than three of its rows."""
    room = PAGE_H - MARGIN - HEAD_H - TABLE_HEAD_H - FOOT_H - MARGIN
    pages: list[list[Block]] = [[]]
    used = 0.0
    for number, entry in enumerate(entries, start=1):
        items, first = list(entry.items), 1
        while True:
            fits = max(0, int((room - used - GROUP_H) // ROW_H))
            if used > 0 and (fits < min(3, len(items)) or used + GROUP_H > room):
                pages.append([])
                used = 0.0
                continue
            part, items = items[: max(fits, 1)], items[max(fits, 1) :]
            pages[-1].append((number, entry, first, tuple(part)))
            used += GROUP_H + ROW_H * len(part)
            first += len(part)
            if not items:
                break
    return pages


def _draw_page(pen: Pen, data: IndexData, blocks: list[Block], page: int, pages: int) -> None:
    pen.bold(PAGE_W / 2, MARGIN, TITLE, 15, align="centre")
    pen.text(MARGIN, MARGIN + 28, f"企业名称：{data.company}", 9)
    pen.text(MARGIN, MARGIN + 44, f"统一社会信用代码：{data.uscc}", 9)
    pen.text(PAGE_W - MARGIN, MARGIN + 28, data.scope, 9, align="right")
    pen.text(PAGE_W - MARGIN, MARGIN + 44, f"打印日期：{day(data.printed_on)}", 9, align="right")
    top = MARGIN + HEAD_H
    _draw_columns(pen, top)
    top += TABLE_HEAD_H
    for number, entry, first, items in blocks:
        top = _draw_block(pen, top, number, entry, first, items)
    pen.text(PAGE_W / 2, PAGE_H - MARGIN - 10, f"第 {page} 页 / 共 {pages} 页", 8,
             align="centre")  # fmt: skip


def _draw_columns(pen: Pen, top: float) -> None:
    x = MARGIN
    for label, width in COLUMNS:
        pen.bold(x + 2, top + 4, label, SIZE)
        x += width
    pen.lines([(MARGIN, top, MARGIN + WIDTH, top),
               (MARGIN, top + TABLE_HEAD_H, MARGIN + WIDTH, top + TABLE_HEAD_H)])  # fmt: skip


def _draw_block(
    pen: Pen, top: float, number: int, entry: IndexEntry, first: int,
    items: tuple[IndexItem, ...],
) -> float:  # fmt: skip
    heading = "  ".join((
        f"{number}. {entry.ref}", f"海关编号 {entry.customs_no or '—'}",
        f"出口日期 {day(entry.export_date) or '—'}", f"申报批次 {entry.batch or '未申报'}",
        f"申报日期 {day(entry.claimed_on) or '—'}", f"备案期限 {day(entry.due_date) or '—'}",
    ))  # fmt: skip
    fitted = fit(heading, WIDTH - 4, GROUP_H - 4, 8.5, 6.0)
    pen.block(MARGIN + 2, top + 4, fitted)
    top += GROUP_H
    for n, item in enumerate(items, start=first):
        cells = (
            str(n), item.name, item.document_no, day(item.document_date),
            STATUS_NAMES.get(item.status, item.status), day(item.filed_date),
            day(item.retain_until), item.sha256[:SHA_SHORT],
        )  # fmt: skip
        x = MARGIN
        for text, (_label, width) in zip(cells, COLUMNS, strict=True):
            pen.block(x + 2, top + 3, fit(text, width - 4, ROW_H - 3, SIZE, 5.5))
            x += width
        top += ROW_H
    pen.lines([(MARGIN, top, MARGIN + WIDTH, top)])
    return top
