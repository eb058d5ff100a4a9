"""PDF forms: the export declaration (报关单), commercial invoice and packing list, one or many
declarations per file, with the CJK font embedded so they print on any PC."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.core.printing.batch import KINDS, Printed, print_forms, resolve_declarations
from desktop_app.core.printing.declaration_pdf import REBATE_MARK

__all__ = [
    "KINDS",
    "REBATE_MARK",
    "Printed",
    "print_declaration",
    "print_forms",
    "print_invoice",
    "print_packing_list",
    "resolve_declarations",
]


def print_declaration(
    session: Session, declaration_id: int, out: str | Path, *, mark: str | None = None
) -> Printed:
    """One declaration (报关单) to `out`; `mark` such as REBATE_MARK (出口退税专用)."""
    return print_forms(session, "declaration", [declaration_id], out, mark=mark)


def print_invoice(session: Session, declaration_id: int, out: str | Path) -> Printed:
    return print_forms(session, "invoice", [declaration_id], out)


def print_packing_list(session: Session, declaration_id: int, out: str | Path) -> Printed:
    return print_forms(session, "packing-list", [declaration_id], out)
