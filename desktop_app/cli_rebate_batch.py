"""Rebate batch commands: `rebate create|list|show|match|compute|check|export|file|review|pay|
move|settle|repayments`. Each returns (exit code, JSON-able result, text) like every command."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from desktop_app.cli_common import parse_day
from desktop_app.core.errors import BadInput
from desktop_app.core.money import to_decimal

EXIT_OK, EXIT_CHECK_FAILED = 0, 3
ACTIONS = (
    "create", "list", "show", "match", "compute", "check", "export", "file", "review", "pay",
    "move", "settle", "repayments",
)  # fmt: skip
NEEDS_BATCH = ("show", "match", "compute", "check", "export", "file", "review", "pay", "move")
BATCH_METHODS = {"trading": "exempt_refund", "manufacturer": "exempt_credit_refund"}
PERIOD_FIGURES = ("domestic_output_tax", "input_tax", "previous_credit", "duty_free_materials")
# compute takes the calculator's options where they mean the same figure
FIGURE_OPTIONS = {
    "domestic_output_tax": "domestic_output_tax", "input_tax": "input_vat",
    "previous_credit": "prior_credit", "duty_free_materials": "duty_free_materials",
}  # fmt: skip


def add_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("batch", nargs="?", help="batch id or YYYY-MM-NN (create: none)")
    sp.add_argument("--period", help="create/move/settle: the declaration month YYYY-MM")
    sp.add_argument("--batch-no", type=int, help="create: the batch number (default: next)")
    sp.add_argument("--as", dest="batch_method", choices=tuple(BATCH_METHODS),
                    help="create: trading (免退) or manufacturer (免抵退); default: the "
                    "company's taxpayer type")  # fmt: skip
    sp.add_argument("--declarations", nargs="+", metavar="REF",
                    help="create: only these declarations (refs or customs numbers)")  # fmt: skip
    sp.add_argument("--out", help="export: the folder for the files")
    sp.add_argument("--no-pdf", action="store_true", help="export: the Excel files only")
    sp.add_argument("--today", help="the day to act as of (YYYY-MM-DD; default today)")
    sp.add_argument("--domestic-output-tax", metavar="CNY",
                    help="compute (manufacturer): the period's output VAT on domestic sales; "
                    "with --input-vat, --prior-credit, --duty-free-materials")  # fmt: skip
    sp.add_argument("--reject", action="append", default=[], metavar="SEQ=REASON",
                    help="review: an export row the tax office rejected (repeatable)")  # fmt: skip
    sp.add_argument("--amount", help="pay: the refund received, CNY")
    sp.add_argument("--date", help="pay: the day it arrived (YYYY-MM-DD)")
    sp.add_argument("--to-batch", help="move/settle: an existing draft batch to take the rows")


def run(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    if args.action in NEEDS_BATCH and not args.batch:
        raise BadInput(f"rebate {args.action} needs a batch (its id or YYYY-MM-NN)")
    handler = globals()["_" + args.action]
    return handler(args, db)


def _today(args: argparse.Namespace) -> dt.date:
    return parse_day(args.today, "--today") if args.today else dt.date.today()


def _batch_data(session: Any, batch: Any) -> dict[str, Any]:
    from desktop_app.core.services import rebate_batches as rb

    rows = rb.export_rows(session, batch.id)
    data = {
        "id": batch.id, "batch": rb.batch_label(batch), "period": batch.period,
        "batch_no": batch.batch_no, "method": batch.method, "status": batch.status,
        "export_rows": sum(1 for r in rows if r.status == "included"),
        "rejected_rows": sum(1 for r in rows if r.status == "rejected"),
        "purchase_rows": len(rb.purchase_rows(session, batch.id, ("included",))),
        "usd_fob": str(sum((r.usd_fob for r in rows if r.status == "included"), to_decimal(0))),
        "refund_total": str(batch.refund_total), "received_amount": str(batch.received_amount),
    }  # fmt: skip
    if batch.method == "exempt_credit_refund":
        for name in (*PERIOD_FIGURES, "non_creditable", "tax_payable", "credit_refund_total",
                     "exempt_offset", "credit_carried_forward"):  # fmt: skip
            value = getattr(batch, name)
            data[name] = None if value is None else str(value)
    return data


def _text(data: dict[str, Any]) -> str:
    return "\n".join(f"  {key:<24} {value}" for key, value in data.items())


def _create(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb

    with db.transaction(actor=args.actor) as session:
        ids = _declaration_ids(session, args.declarations) if args.declarations else None
        period = args.period or f"{_today(args):%Y-%m}"
        method = BATCH_METHODS.get(args.batch_method or "")
        batch = rb.create_batch(session, period, batch_no=args.batch_no, declaration_ids=ids,
                                today=_today(args), method=method)  # fmt: skip
        data = _batch_data(session, batch)
    return EXIT_OK, data, f"created batch {data['batch']} (id {data['id']})\n" + _text(data)


def _declaration_ids(session: Any, refs: list[str]) -> list[int]:
    from desktop_app.core.services import declaration_life

    return [declaration_life.by_ref(session, ref).id for ref in refs]


def _list(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb

    with db.sessions() as session:
        data = [_batch_data(session, b) for b in rb.list_batches(session)]
    lines = [f"{d['batch']}  id {d['id']:<4} {d['status']:<16} rows {d['export_rows']:<5} "
             f"refund {d['refund_total']}" for d in data]  # fmt: skip
    return EXIT_OK, data, "\n".join(lines) or "no rebate batches"


def _show(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb

    with db.sessions() as session:
        batch = rb.by_ref(session, args.batch)
        data = _batch_data(session, batch)
        data["rows"] = [
            {"seq": r.seq, "link_no": r.link_no, "declaration_no": r.declaration_no,
             "commodity_code": r.commodity_code, "unit": r.unit, "quantity": str(r.quantity),
             "usd_fob": str(r.usd_fob), "business_type": r.business_type, "status": r.status,
             "settlement": r.settlement}
            for r in rb.export_rows(session, batch.id)
        ]  # fmt: skip
    return EXIT_OK, data, _text({k: v for k, v in data.items() if k != "rows"})


def _match(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb
    from desktop_app.core.services import rebate_match

    with db.transaction(actor=args.actor) as session:
        batch = rb.by_ref(session, args.batch)
        report = rebate_match.match_batch(session, batch.id)
        unmatched = [
            {"declaration_no": u.declaration_no, "commodity_code": u.commodity_code,
             "unit": u.unit, "missing": str(u.missing), "reason": u.reason}
            for u in report.unmatched
        ]  # fmt: skip
        data = {"id": batch.id, "batch": rb.batch_label(batch),
                "matched_lines": report.matched_lines, "new_matches": report.new_matches,
                "purchase_rows": report.purchase_rows, "unmatched": unmatched}  # fmt: skip
    text = (f"batch {data['batch']}: {report.new_matches} new matches, {report.purchase_rows} "
            f"purchase rows, {len(unmatched)} lines short of invoices")  # fmt: skip
    text += "".join(f"\n  {u['declaration_no']} {u['commodity_code']}: {u['missing']} "
                    f"{u['unit']} — {u['reason']}" for u in unmatched)  # fmt: skip
    return EXIT_OK, data, text


def _compute(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb
    from desktop_app.core.services import rebate_check

    figures = {}
    for name, option in FIGURE_OPTIONS.items():
        text = getattr(args, option)
        if text is not None:
            try:
                figures[name] = to_decimal(text)
            except ValueError:
                raise BadInput(f"--{option.replace('_', '-')} {text!r}: not an amount") from None
    with db.transaction(actor=args.actor) as session:
        batch = rb.by_ref(session, args.batch)
        rebate_check.compute_batch(session, batch.id, **figures)
        data = _batch_data(session, batch)
    return EXIT_OK, data, _text(data)


def _check(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb
    from desktop_app.core.services import rebate_check

    with db.transaction(actor=args.actor) as session:
        batch = rb.by_ref(session, args.batch)
        batch, findings = rebate_check.run_self_check(session, batch.id, _today(args))
        blocking = rebate_check.blocking(findings)
        data = {
            "id": batch.id, "batch": rb.batch_label(batch), "status": batch.status,
            "blocking": len(blocking), "warnings": len(findings) - len(blocking),
            "refund_total": str(batch.refund_total),
            "findings": [{"severity": f.severity, "rows": f.rows, "field": f.field,
                          "reason": f.reason, "fix": f.fix} for f in findings],
        }  # fmt: skip
    head = (f"batch {data['batch']}: {data['status']}, {len(blocking)} blocking, "
            f"{data['warnings']} warnings")  # fmt: skip
    lines = [head] + [f"  [{f.severity}] {f}" for f in findings]
    return (EXIT_CHECK_FAILED if blocking else EXIT_OK), data, "\n".join(lines)


def _export(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb
    from desktop_app.core.services.rebate_query import write_files

    if not args.out:
        raise BadInput("rebate export needs --out DIR (the folder for the files)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with db.sessions() as session:
        batch = rb.by_ref(session, args.batch)
        paths = write_files(session, batch.id, out, pdf=not args.no_pdf)
        data = {"id": batch.id, "batch": rb.batch_label(batch), "files": [str(p) for p in paths]}
    return EXIT_OK, data, "\n".join(data["files"])


def _file(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb

    with db.transaction(actor=args.actor) as session:
        batch = rb.file_batch(session, rb.by_ref(session, args.batch).id)
        data = _batch_data(session, batch)
    return EXIT_OK, data, f"batch {data['batch']} filed"


def _review(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb

    rejected: dict[int, str] = {}
    for item in args.reject:
        seq, _, reason = item.partition("=")
        if not seq.strip().isdigit():
            raise BadInput(f"--reject {item!r}: write the export row's seq, then =reason")
        rejected[int(seq)] = reason.strip()
    with db.transaction(actor=args.actor) as session:
        batch = rb.record_review(session, rb.by_ref(session, args.batch).id, rejected)
        data = _batch_data(session, batch)
    return EXIT_OK, data, f"batch {data['batch']}: {data['status']}"


def _pay(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb

    if args.amount is None or args.date is None:
        raise BadInput("rebate pay needs --amount CNY and --date YYYY-MM-DD")
    try:
        amount = to_decimal(args.amount)
    except ValueError:
        raise BadInput(f"--amount {args.amount!r}: not an amount") from None
    with db.transaction(actor=args.actor) as session:
        batch = rb.by_ref(session, args.batch)
        batch = rb.mark_paid(session, batch.id, amount, parse_day(args.date, "--date"))
        data = _batch_data(session, batch)
    return EXIT_OK, data, f"batch {data['batch']}: paid {data['received_amount']}"


def _move(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb

    with db.transaction(actor=args.actor) as session:
        source = rb.by_ref(session, args.batch)
        target_id = rb.by_ref(session, args.to_batch).id if args.to_batch else None
        target = rb.move_rejected(session, source.id, to_batch_id=target_id,
                                  period=args.period, today=_today(args))  # fmt: skip
        data = _batch_data(session, target)
    return EXIT_OK, data, f"rejected rows moved to batch {data['batch']} (id {data['id']})"


def _settle(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_batches as rb
    from desktop_app.core.services import rebate_settlement

    with db.transaction(actor=args.actor) as session:
        target_id = rb.by_ref(session, args.to_batch).id if args.to_batch else None
        report = rebate_settlement.settle(session, _today(args), batch_id=target_id,
                                          period=args.period)  # fmt: skip
        data = {"confirmed": len(report.confirmed), "reversed": len(report.reversed),
                "repay": len(report.repay), "pending": len(report.pending),
                "batch_id": report.batch_id}  # fmt: skip
    return EXIT_OK, data, _text(data)


def _repayments(args: argparse.Namespace, db: Any) -> tuple[int, Any, str]:
    from desktop_app.core.services import rebate_settlement

    with db.sessions() as session:
        data = [
            {"batch": r.batch, "link_no": r.link_no, "declaration_no": r.declaration_no,
             "commodity_name": r.commodity_name, "quantity": str(r.quantity),
             "usd_fob": str(r.usd_fob), "refund": str(r.refund)}
            for r in rebate_settlement.repayments(session)
        ]  # fmt: skip
    lines = [f"{d['batch']} {d['link_no']} {d['declaration_no']} repay {d['refund']}" for d in data]
    return EXIT_OK, data, "\n".join(lines) or "nothing to repay"
