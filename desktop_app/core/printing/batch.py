"""Many declarations (or their invoices or packing lists) printed into one PDF, with progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.jobs import Job
from desktop_app.core.models import Declaration
from desktop_app.core.printing import commercial, declaration_pdf
from desktop_app.core.printing.invoice_pdf import draw_invoice
from desktop_app.core.printing.layout import CodeNames, Pen, pdf_file
from desktop_app.core.printing.packing_list_pdf import draw_packing_list
from desktop_app.core.printing.sources import FormData, load_company, load_forms

KINDS = ("declaration", "invoice", "packing-list")
CHUNK = 200  # declarations loaded per query round: bounded memory for any batch size
_TITLES = {"declaration": "报关单", "invoice": "Commercial Invoice", "packing-list": "Packing List"}


@dataclass(frozen=True)
class Printed:
    """What a print run wrote."""

    path: Path
    kind: str
    declarations: int
    pages: int


def print_forms(
    session: Session,
    kind: str,
    declaration_ids: Sequence[int],
    out: str | Path,
    *,
    mark: str | None = None,
    job: Job | None = None,
) -> Printed:
    """Print one form per declaration, in the order given, into the single PDF `out`.

    `mark` (e.g. 出口退税专用) is printed on declarations only. The file appears only when
    every form is drawn: a cancelled or failed run leaves no partial PDF behind.
    """
    if kind not in KINDS:
        raise BadInput(f"unknown form {kind!r}; choose one of {', '.join(KINDS)}")
    if not declaration_ids:
        raise BadInput("no declaration to print")
    if mark and kind != "declaration":
        raise BadInput("a mark (such as 出口退税专用) is printed on declarations only")
    job = job or Job()
    draw = _drawer(kind, mark)
    size = (
        (declaration_pdf.PAGE_W, declaration_pdf.PAGE_H)
        if kind == "declaration"
        else (commercial.PAGE_W, commercial.PAGE_H)
    )
    names = CodeNames(session)
    company = load_company(session)
    total, pages = len(declaration_ids), 0
    title = _TITLES[kind]
    if total == 1:
        title += f" {_single_ref(session, declaration_ids)}"
    with pdf_file(out, size, title) as canvas:
        pen = Pen(canvas, size[1])
        for start in range(0, total, CHUNK):
            for n, form in enumerate(
                load_forms(session, declaration_ids[start : start + CHUNK], company), start
            ):
                job.report(n, total, f"{form.ref}")
                pages += draw(pen, form, names)
        job.report(total, total, "")
    return Printed(Path(out), kind, total, pages)


def _drawer(kind: str, mark: str | None) -> Callable[[Pen, FormData, CodeNames], int]:
    if kind == "declaration":
        return lambda pen, form, names: declaration_pdf.draw_declaration(
            pen, form, names, mark=mark
        )
    return draw_invoice if kind == "invoice" else draw_packing_list


def _single_ref(session: Session, ids: Sequence[int]) -> str:
    return session.scalar(select(Declaration.ref).where(Declaration.id == ids[0])) or ""


def resolve_declarations(session: Session, keys: Sequence[str]) -> list[int]:
    """Declaration ids from what a user typed: an id number or a declaration's own ref."""
    ids = []
    for key in keys:
        text = key.strip()
        query = select(Declaration.id).where(Declaration.ref == text)
        found = session.scalar(query)
        if found is None and text.isdigit():
            found = session.scalar(select(Declaration.id).where(Declaration.id == int(text)))
        if found is None:
            raise BadInput(f"no declaration with id or ref {key!r}")
        ids.append(found)
    return ids
