"""Filing-document (单证备案) and pilot-zone (无票免税) commands of the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from desktop_app.cli_common import parse_day
from desktop_app.core.errors import BadInput

EXIT_OK, EXIT_CHECK_FAILED = 0, 3
DOC_ACTIONS = ("checklist", "add", "attach", "filed", "verify", "missing", "index")
PILOT_ACTIONS = ("register",)


def _item_id(text: str | None) -> int:
    if text is None or not text.isdigit():
        raise BadInput(f"ITEM_ID {text!r}: give the number of a checklist item (see `checklist`)")
    return int(text)


# ---------------------------------------------------------------- docs


def args_docs(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "action", choices=DOC_ACTIONS,
        help="checklist DECL | add DECL --kind K | attach ITEM FILE | filed ITEM | "
        "verify [ITEM] [--all] | missing | index (--batch ID | DECL…) --out PDF",
    )  # fmt: skip
    sp.add_argument("targets", nargs="*", metavar="ARG",
                    help="a declaration ref or id, a checklist item id, a file")  # fmt: skip
    sp.add_argument("--kind", help="add: sales_contract, transport_document, … or other")
    sp.add_argument("--title", default="", help="add: what an 'other' document is")
    sp.add_argument("--number", default="", help="add: the document's own number")
    sp.add_argument("--date", help="filed: the day it was filed (YYYY-MM-DD, default today)")
    sp.add_argument("--all", action="store_true", help="verify: every attached file")
    sp.add_argument("--today", help="missing: count overdue as of this day (default today)")
    sp.add_argument("--batch", type=int, metavar="ID", help="index: a rebate batch's declarations")
    sp.add_argument("--out", metavar="FILE.pdf", help="index: the PDF to write")


def cmd_docs(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    handler = {
        "checklist": _checklist, "add": _add, "attach": _attach, "filed": _filed,
        "verify": _verify, "missing": _missing, "index": _index,
    }.get(args.action)  # fmt: skip
    if handler is None:
        raise BadInput(f"docs {args.action}: unknown action")
    return handler(args, db)


def _one_declaration(session: Any, args: argparse.Namespace) -> int:
    from desktop_app.core.printing.batch import resolve_declarations

    if len(args.targets) != 1:
        raise BadInput(f"docs {args.action} takes one declaration ref (or id)")
    return resolve_declarations(session, args.targets)[0]


def _item_json(item: Any) -> dict[str, Any]:
    from desktop_app.core.services.filing_docs import kind_name

    return {
        "id": item.id, "kind": item.kind, "name": kind_name(item.kind, item.title),
        "document_no": item.document_no, "document_date": item.document_date,
        "status": item.status, "attachment": item.attachment_path,
        "sha256": item.attachment_sha256, "filed_date": item.filed_date,
        "retain_until": item.retain_until,
    }  # fmt: skip


def _items_text(ref: str, items: list[dict[str, Any]]) -> str:
    lines = [f"{ref}: {len(items)} documents"]
    lines += [f"  {i['id']:>6}  {i['status']:<9} {i['kind']:<20} {i['document_no']:<16} "
              f"{i['sha256'][:12]:<12}  {i['name']}" for i in items]  # fmt: skip
    return "\n".join(lines)


def _checklist(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import filing_docs

    with db.transaction(actor=args.actor) as session:
        decl_id = _one_declaration(session, args)
        ref = filing_docs.get_declaration(session, decl_id).ref
        items = [_item_json(i) for i in filing_docs.ensure_checklist(session, decl_id)]
    return EXIT_OK, {"declaration": ref, "items": items}, _items_text(ref, items)


def _add(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import filing_docs

    if not args.kind:
        raise BadInput("docs add needs --kind (and --title for kind 'other')")
    with db.transaction(actor=args.actor) as session:
        decl_id = _one_declaration(session, args)
        item = filing_docs.add_item(session, decl_id, args.kind, args.title,
                                    document_no=args.number)  # fmt: skip
        data = _item_json(item)
    return EXIT_OK, data, f"added item {data['id']}: {data['name']}"


def _attach(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import filing_docs

    if len(args.targets) != 2:
        raise BadInput("docs attach takes ITEM_ID FILE")
    item_id, path = _item_id(args.targets[0]), Path(args.targets[1])
    with db.transaction(actor=args.actor) as session:
        data = _item_json(filing_docs.attach(session, item_id, path))
    return EXIT_OK, data, f"attached {path.name} to item {item_id} (SHA-256 {data['sha256']})"


def _filed(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import filing_docs

    if len(args.targets) != 1:
        raise BadInput("docs filed takes ITEM_ID [--date YYYY-MM-DD]")
    day = parse_day(args.date, "--date") or dt.date.today()
    with db.transaction(actor=args.actor) as session:
        data = _item_json(filing_docs.mark_filed(session, _item_id(args.targets[0]), day))
    return EXIT_OK, data, f"item {data['id']} filed on {day.isoformat()}"


def _verify(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import filing_docs

    if args.all == bool(args.targets):
        raise BadInput("docs verify takes either ITEM_ID or --all")
    with db.sessions() as session:
        if args.all:
            problems = filing_docs.verify_all(session)
        else:
            filing_docs.verify(session, _item_id(args.targets[0]))
            problems = []
    data = {"ok": not problems,
            "problems": [{"item": p.item_id, "declaration": p.declaration_ref, "kind": p.kind,
                          "path": p.path, "reason": p.reason} for p in problems]}  # fmt: skip
    text = "attachments intact" if not problems else "\n".join(p.reason for p in problems)
    return (EXIT_OK if not problems else EXIT_CHECK_FAILED), data, text


def _missing(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import filing_docs

    today = parse_day(args.today, "--today") or dt.date.today()
    with db.sessions() as session:
        rows = filing_docs.missing_documents(session, today)
    data = [{"declaration": r.declaration_ref, "customs_no": r.customs_no, "item": r.item_id,
             "kind": r.kind, "name": r.title, "status": r.status, "claimed_on": r.claimed_on,
             "due_date": r.due_date, "overdue": r.overdue} for r in rows]  # fmt: skip
    lines = [f"{len(rows)} documents not filed ({sum(r.overdue for r in rows)} overdue)"]
    lines += [f"  {r.declaration_ref:<20} {r.customs_no:<18} {r.kind:<20} "
              f"{r.due_date.isoformat() if r.due_date else 'not claimed':<11} "
              f"{'OVERDUE' if r.overdue else '':<7} {r.title}" for r in rows]  # fmt: skip
    return EXIT_OK, data, "\n".join(lines)


def _index(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.printing import filing_index
    from desktop_app.core.printing.batch import resolve_declarations

    if not args.out:
        raise BadInput("docs index needs --out FILE.pdf")
    with db.sessions() as session:
        if args.batch is not None and not args.targets:
            printed = filing_index.print_index(session, args.out, batch_id=args.batch)
        elif args.targets and args.batch is None:
            ids = resolve_declarations(session, args.targets)
            printed = filing_index.print_index(session, args.out, declaration_ids=ids)
        else:
            raise BadInput("docs index takes either --batch ID or declaration refs")
    data = {"path": str(printed.path), "declarations": printed.declarations,
            "documents": printed.documents, "pages": printed.pages}  # fmt: skip
    return EXIT_OK, data, (f"index written: {printed.path} ({printed.declarations} declarations, "
                           f"{printed.documents} documents, {printed.pages} pages)")  # fmt: skip


# ---------------------------------------------------------------- pilot-zone


def args_pilot_zone(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("action", choices=PILOT_ACTIONS, help="register: the 无票免税 register")
    sp.add_argument("--year", type=int, required=True, help="the calendar year of the exports")
    sp.add_argument("--out", metavar="FILE.xlsx", help="also write the register to this file")


def cmd_pilot_zone(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import pilot_zone

    if args.action != "register":
        raise BadInput(f"pilot-zone {args.action}: unknown action")
    with db.sessions() as session:
        if args.out:
            totals = pilot_zone.write_register_xlsx(session, args.year, args.out)
        else:
            totals = pilot_zone.summary(session, args.year)
    data = {
        "year": totals.year, "zone": totals.zone, "rows": totals.rows, "orders": totals.orders,
        "revenue_cny": str(totals.revenue_cny), "by_currency":
        {k: str(v) for k, v in totals.by_currency.items()},
        "deemed_income_rate": str(totals.deemed_income_rate),
        "deemed_income": str(totals.deemed_income), "source": totals.source,
        "file": args.out,
    }  # fmt: skip
    lines = [f"无票免税 register {totals.year}: {totals.rows} lines of {totals.orders} orders",
             f"  revenue CNY {totals.revenue_cny:,.2f}",
             f"  deemed taxable income ({totals.deemed_income_rate:%}) CNY "
             f"{totals.deemed_income:,.2f}"]  # fmt: skip
    if args.out:
        lines.append(f"  written: {args.out}")
    return EXIT_OK, data, "\n".join(lines)
