"""A declaration's life: draft → filed → cleared → amended (or cancelled), edits, locks, USD FOB.

A draft is edited freely; filing runs the checks and refuses any error. Clearing records
the customs number and the export date and works out the USD FOB for the rebate at the FX
policy's rate of that date (a missing rate is refused, naming currency and day). A cleared
declaration is locked: a change is an amendment with a reason, kept with the fields before
and after, and the declaration becomes "amended" (still locked).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core import audit, validate
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import (
    AuditEvent,
    CompanyProfile,
    Declaration,
    DeclarationAmendment,
    DeclarationLine,
    ExchangeRate,
)
from desktop_app.core.models.declarations import DECLARATION_STATUSES
from desktop_app.core.money import ZERO, quantize, round_fen
from desktop_app.core.services import company
from desktop_app.core.services.allocation import allocate
from desktop_app.core.services.declaration_checks import (
    check_declaration,
    coerce_fields,
    errors,
    weight_problems,
)

LOCKED = ("cleared", "amended")
# The parity of a day without publication (weekend, holiday, the 1st of January) is the last
# one published; a rate older than this many days is not taken.
FX_LOOKBACK_DAYS = 15
# DOMAIN.md §4: FOB = CIF − 运费 − 保费 − 杂费; C&F − 运费; C&I − 保费 (trade terms code → charges)
FOB_DEDUCTIONS: dict[int, tuple[str, ...]] = {
    1: ("freight", "insurance", "other_charges"),
    2: ("freight",),
    4: ("insurance",),
}
# Worked out, or set by a life-cycle step, never typed over.
_DERIVED = {"id", "ref", "status", "source_kind", "customs_no", "export_date", "total_amount",
            "usd_fob", "created_at", "updated_at"}  # fmt: skip
_LINE_DERIVED = {"id", "declaration_id", "line_no", "currency", "usd_fob"}
HEADER_FIELDS = tuple(c.key for c in Declaration.__table__.columns if c.key not in _DERIVED)
LINE_FIELDS = tuple(c.key for c in DeclarationLine.__table__.columns if c.key not in _LINE_DERIVED)
AMENDABLE = (*HEADER_FIELDS, "customs_no", "export_date")


class Locked(BadInput):
    """The declaration is cleared (or amended, or cancelled): it is not edited any more."""


class MissingRate(BadInput):
    """No exchange rate for a currency on the day the FX policy names."""

    def __init__(self, currency: str, day: dt.date) -> None:
        self.currency, self.day = currency, day
        super().__init__(
            f"no {currency} exchange rate (central parity) for {day.isoformat()}: none "
            f"published on that day or in the {FX_LOOKBACK_DAYS} days before; enter it first"
        )


# ---------------------------------------------------------------- exchange rates and FOB


def policy_day(profile: CompanyProfile, export_date: dt.date) -> dt.date:
    """The day whose parity converts an export (DOMAIN.md §4: the export day or the 1st)."""
    return export_date.replace(day=1) if profile.fx_rate_policy == "first_of_month" else export_date


def cny_per_unit(session: Session, currency: str, day: dt.date) -> Decimal:
    """CNY for one unit of `currency` on `day` (the parity in force); MissingRate if none."""
    if currency == "CNY":
        return Decimal(1)
    query = (
        select(ExchangeRate.rate, ExchangeRate.per_units)
        .where(
            ExchangeRate.currency == currency,
            ExchangeRate.rate_date <= day,
            ExchangeRate.rate_date >= day - dt.timedelta(days=FX_LOOKBACK_DAYS),
        )
        .order_by(ExchangeRate.rate_date.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    if row is None:
        raise MissingRate(currency, day)
    return row[0] / row[1]


def convert(session: Session, amount: Decimal, currency: str, to: str, day: dt.date) -> Decimal:
    """`amount` in `currency` → `to` through CNY at the day's parities, rounded once."""
    if currency == to:
        return amount
    cny = amount * cny_per_unit(session, currency, day)
    return round_fen(cny / cny_per_unit(session, to, day))


def apply_usd_fob(session: Session, declaration: Declaration, export_date: dt.date) -> Decimal:
    """Set the USD FOB of the declaration and of each line for an export on `export_date`.

    FOB = the total less the charges its trade terms include (DOMAIN.md §4), in USD at the
    FX policy's rate; the header FOB is split over the lines by amount, summing exactly.
    Raises MissingRate naming the currency and day, BadInput for charges it cannot price.
    """
    day = policy_day(company.get_profile(session), export_date)
    total = convert(session, declaration.total_amount, declaration.currency, "USD", day)
    names = FOB_DEDUCTIONS.get(declaration.trade_terms, ())
    charges = sum((_charge_usd(session, declaration, n, total, day) for n in names), ZERO)
    fob = total - charges
    if fob < 0:
        raise BadInput(f"declaration {declaration.ref}: the charges (USD {charges}) exceed "
                       f"the goods' value (USD {total})")  # fmt: skip
    weights = [line.amount for line in declaration.lines]
    parts = allocate(fob, weights) if any(weights) else [ZERO for _ in weights]
    for line, part in zip(declaration.lines, parts, strict=True):
        line.usd_fob = part
    declaration.usd_fob = fob
    return fob


def _charge_usd(
    session: Session, declaration: Declaration, name: str, total_usd: Decimal, day: dt.date
) -> Decimal:
    amount: Decimal = getattr(declaration, name)
    mark = getattr(declaration, f"{name}_mark")
    if not amount:
        return ZERO
    if mark == 1:  # a rate, percent of the goods' value
        return round_fen(total_usd * amount / 100)
    if mark == 3:
        return convert(session, amount, declaration.charges_currency, "USD", day)
    how = "per unit" if mark == 2 else "without a mark"
    raise BadInput(f"declaration {declaration.ref}: {name.replace('_', ' ')} is given {how}: "
                   "enter it as a total (3) or a rate (1) to work out the USD FOB")  # fmt: skip


def refresh_usd_fob(session: Session, declaration: Declaration, today: dt.date) -> None:
    """The USD FOB at the export date, else at the best guess of it; left empty when a rate
    is missing (the checks say so; clearing refuses)."""
    d = declaration
    day = d.export_date or min(d.declare_date or d.period_to or today, today)
    try:
        apply_usd_fob(session, declaration, day)
    except BadInput:
        declaration.usd_fob = None
        for line in declaration.lines:
            line.usd_fob = None


def recompute_totals(declaration: Declaration, *, weights: bool = False) -> None:
    """The header total from the lines; with `weights` the weights too, where every line has
    them (a shipment's gross weight comes from its cartons instead)."""
    lines = declaration.lines
    declaration.total_amount = sum((line.amount for line in lines), ZERO)
    if weights:
        nets = [line.net_weight_kg for line in lines]
        grosses = [line.gross_weight_kg for line in lines]
        declaration.net_weight_kg = None if None in nets else sum(nets, ZERO)  # type: ignore[arg-type]
        declaration.gross_weight_kg = None if None in grosses else sum(grosses, ZERO)  # type: ignore[arg-type]


# ---------------------------------------------------------------- finding


def get_declaration(session: Session, declaration_id: int) -> Declaration:
    declaration = session.get(Declaration, declaration_id)
    if declaration is None:
        raise BadInput(f"no declaration with id {declaration_id}")
    return declaration


def by_ref(session: Session, ref: str) -> Declaration:
    """A declaration by our reference, its customs number or its id."""
    text = ref.strip()
    query = select(Declaration).where(or_(Declaration.ref == text, Declaration.customs_no == text))
    found = session.scalars(query).first()
    if found is None and text.isdigit() and len(text) < 18:
        found = session.get(Declaration, int(text))
    if found is None:
        raise BadInput(f"no declaration {ref!r}")
    return found


def counts_by_status(session: Session) -> dict[str, int]:
    """How many declarations are in each state (every state listed, for `status --json`)."""
    query = select(Declaration.status, func.count()).group_by(Declaration.status)
    found = dict(session.execute(query).all())
    return {status: found.get(status, 0) for status in DECLARATION_STATUSES}


# ---------------------------------------------------------------- editing drafts


def update_declaration(
    session: Session,
    declaration_id: int,
    changes: Mapping[str, Any] | None = None,
    lines: Mapping[int, Mapping[str, Any]] | None = None,
    *,
    today: dt.date | None = None,
) -> Declaration:
    """Edit a draft: header fields, and line fields by 项号. The total follows the lines.

    Raises Locked for a filed, cleared, amended or cancelled declaration; ValidationFailed
    listing every value that cannot be stored (wrong type, too long, an HS code that is not
    10 digits …); nothing changes then. Everything else is kept and shown by the checks.
    """
    declaration = get_declaration(session, declaration_id)
    if declaration.status != "draft":
        raise _locked(declaration)
    _apply(declaration, changes or {}, lines or {}, HEADER_FIELDS)
    recompute_totals(declaration)
    refresh_usd_fob(session, declaration, today or dt.date.today())
    session.flush()
    return declaration


def remove_lines(session: Session, declaration_id: int, line_nos: set[int]) -> Declaration:
    """Drop lines of a draft and number the rest 1, 2, 3 …; their orders become undeclared."""
    declaration = get_declaration(session, declaration_id)
    if declaration.status != "draft":
        raise _locked(declaration)
    unknown = line_nos - {line.line_no for line in declaration.lines}
    if unknown:
        raise BadInput(f"declaration {declaration.ref} has no line {min(unknown)}")
    keep = [line for line in declaration.lines if line.line_no not in line_nos]
    declaration.lines = keep
    session.flush()  # the old numbers are gone before the new ones are written
    for number, line in enumerate(keep, start=1):
        line.line_no = number
    recompute_totals(declaration)
    refresh_usd_fob(session, declaration, dt.date.today())
    session.flush()
    return declaration


def _locked(declaration: Declaration) -> BadInput:
    if declaration.status in LOCKED:
        return Locked(f"declaration {declaration.ref} is {declaration.status} (customs number "
                      f"{declaration.customs_no}): it is locked; record an amendment with a "
                      "reason instead")  # fmt: skip
    if declaration.status == "filed":
        return Locked(f"declaration {declaration.ref} is filed: withdraw it to a draft to edit")
    return Locked(f"declaration {declaration.ref} is {declaration.status}: it is not edited")


def _apply(
    declaration: Declaration,
    changes: Mapping[str, Any],
    line_changes: Mapping[int, Mapping[str, Any]],
    allowed: tuple[str, ...],
) -> dict[str, Any]:
    """Coerce every value first (all problems at once), then set them; returns before/after."""
    problems: list[FieldProblem] = []
    header = coerce_fields(Declaration, changes, allowed, problems, None)
    by_no = {line.line_no: line for line in declaration.lines}
    coerced_lines = {}
    for number, fields in line_changes.items():
        if number not in by_no:
            problems.append(FieldProblem("line_no", "no such line", number))
            continue
        coerced_lines[number] = coerce_fields(
            DeclarationLine, fields, LINE_FIELDS, problems, number
        )
    weight_problems(declaration, header, by_no, coerced_lines, problems)
    if problems:
        raise ValidationFailed(problems)
    diff: dict[str, Any] = {"before": {}, "after": {}}
    _set(declaration, header, diff, "")
    if "currency" in header:
        for line in declaration.lines:
            line.currency = header["currency"]
    for number, fields in coerced_lines.items():
        _set(by_no[number], fields, diff, f"line {number}.")
        _price(by_no[number], fields)
    return diff


def _set(target: Any, fields: dict[str, Any], diff: dict[str, Any], prefix: str) -> None:
    for name, value in fields.items():
        old = getattr(target, name)
        if old != value:
            diff["before"][prefix + name], diff["after"][prefix + name] = old, value
            setattr(target, name, value)


def _price(line: DeclarationLine, fields: dict[str, Any]) -> None:
    """An edited amount gives the unit price; an edited price or quantity gives the amount."""
    if "amount" in fields and "unit_price" not in fields and line.trade_quantity > 0:
        line.unit_price = quantize(line.amount / line.trade_quantity, 4)
    elif ("unit_price" in fields or "trade_quantity" in fields) and "amount" not in fields:
        line.amount = round_fen(line.unit_price * line.trade_quantity)


# ---------------------------------------------------------------- filing, clearing, amending


def file_declaration(
    session: Session, declaration_id: int, *, declare_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Declaration:  # fmt: skip
    """draft → filed: refused (ValidationFailed with every error) while the checks find errors."""
    today = today or dt.date.today()
    declaration = get_declaration(session, declaration_id)
    if declaration.status != "draft":
        raise BadInput(
            f"declaration {declaration.ref} is {declaration.status}: only a draft is filed"
        )
    before = declaration.declare_date
    declaration.declare_date = declare_date or before or today
    found = errors(check_declaration(session, declaration, today=today))
    if found:
        declaration.declare_date = before
        raise ValidationFailed(list(found))
    declaration.status = "filed"
    session.flush()
    return declaration


def withdraw(session: Session, declaration_id: int) -> Declaration:
    """filed → draft, to correct it before customs clear it."""
    declaration = get_declaration(session, declaration_id)
    if declaration.status != "filed":
        raise BadInput(f"declaration {declaration.ref} is {declaration.status}: only a filed "
                       "one is withdrawn")  # fmt: skip
    declaration.status = "draft"
    session.flush()
    return declaration


def cancel(session: Session, declaration_id: int) -> Declaration:
    """A draft or filed declaration is cancelled; its orders and shipment may be declared again."""
    declaration = get_declaration(session, declaration_id)
    if declaration.status not in ("draft", "filed"):
        raise _locked(declaration)
    declaration.status = "cancelled"
    session.flush()
    return declaration


def clear(
    session: Session, declaration_id: int, customs_no: str, export_date: dt.date, *,
    today: dt.date | None = None,
) -> Declaration:  # fmt: skip
    """Record the customs number and export date: filed (or a draft, filed on the way) → cleared.

    The USD FOB is worked out at the FX policy's rate of the export date (MissingRate when
    it is not in the database). Clearing again with the same number and date changes nothing.
    """
    today = today or dt.date.today()
    declaration = get_declaration(session, declaration_id)
    number = (customs_no or "").strip()
    if declaration.status in LOCKED:
        if (declaration.customs_no, declaration.export_date) == (number, export_date):
            return declaration
        raise _locked(declaration)
    problems = clearance_problems(session, declaration, number, export_date, today)
    if problems:
        raise ValidationFailed(problems)
    if declaration.status == "draft":
        file_declaration(session, declaration.id, today=today)
    if declaration.status != "filed":
        raise _locked(declaration)
    declaration.customs_no, declaration.export_date = number, export_date
    apply_usd_fob(session, declaration, export_date)
    declaration.status = "cleared"
    session.flush()
    return declaration


def clearance_problems(
    session: Session, declaration: Declaration, customs_no: str, export_date: dt.date | None,
    today: dt.date,
) -> list[FieldProblem]:  # fmt: skip
    """What is wrong with a customs number and export date for this declaration."""
    problems = []
    reason = validate.check_customs_no(customs_no)
    if reason:
        problems.append(FieldProblem("customs_no", reason, customs_no))
    else:
        other = session.scalar(select(Declaration.ref).where(
            Declaration.customs_no == customs_no, Declaration.id != declaration.id))  # fmt: skip
        if other:
            problems.append(
                FieldProblem("customs_no", f"already the number of {other}", customs_no)
            )
    if export_date is None:
        problems.append(FieldProblem("export_date", "required"))
    elif export_date > today:
        problems.append(FieldProblem("export_date", "in the future", export_date.isoformat()))
    if declaration.status == "cancelled":
        problems.append(FieldProblem("status", "the declaration is cancelled", declaration.ref))
    return problems


def amend(
    session: Session,
    declaration_id: int,
    reason: str,
    changes: Mapping[str, Any] | None = None,
    lines: Mapping[int, Mapping[str, Any]] | None = None,
) -> DeclarationAmendment:
    """Change a cleared declaration (修改): the change is kept with its reason, before and after.

    The declaration becomes "amended" and stays locked. The total and the USD FOB follow the
    changed lines at the export date's rate. Raises BadInput for a declaration that is not
    cleared, an empty reason or no change; ValidationFailed for values that cannot be stored.
    """
    declaration = get_declaration(session, declaration_id)
    if declaration.status not in LOCKED:
        raise BadInput(f"declaration {declaration.ref} is {declaration.status}: only a cleared "
                       "declaration is amended; edit a draft directly")  # fmt: skip
    if not (reason or "").strip():
        raise ValidationFailed([FieldProblem("reason", "say why the declaration is amended")])
    _check_new_number(session, declaration, changes or {})
    diff = _apply(declaration, changes or {}, lines or {}, AMENDABLE)
    if not diff["after"]:
        raise BadInput(f"declaration {declaration.ref}: the amendment changes nothing")
    before_fob = declaration.usd_fob
    recompute_totals(declaration)
    apply_usd_fob(session, declaration, declaration.export_date or dt.date.today())
    if declaration.usd_fob != before_fob:
        diff["before"]["usd_fob"], diff["after"]["usd_fob"] = before_fob, declaration.usd_fob
    declaration.status = "amended"
    session.flush()  # the history shows the change, then the amendment that explains it
    record = DeclarationAmendment(
        declaration_id=declaration.id, actor=session.info.get("actor", "local"),
        reason=reason.strip(), before_json=audit.to_json(diff["before"]) or "{}",
        after_json=audit.to_json(diff["after"]) or "{}",
    )  # fmt: skip
    session.add(record)
    session.flush()
    return record


def _check_new_number(
    session: Session, declaration: Declaration, changes: Mapping[str, Any]
) -> None:
    number = changes.get("customs_no")
    if isinstance(number, str) and number.strip() and number.strip() != declaration.customs_no:
        problems = clearance_problems(session, declaration, number.strip(),
                                      declaration.export_date, dt.date.today())  # fmt: skip
        if problems:
            raise ValidationFailed(problems)


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryEntry:
    """One step in a declaration's history: an audit event or an amendment with its reason."""

    at: dt.datetime
    actor: str
    action: str  # insert, update, amendment …
    what: str  # declaration, declaration_line …
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str = ""


def history(session: Session, declaration_id: int) -> list[HistoryEntry]:
    """The declaration's audit events (header, lines, amendments with their reasons), in order."""
    declaration = get_declaration(session, declaration_id)
    amendments = {str(a.id): a for a in session.scalars(select(DeclarationAmendment).where(
        DeclarationAmendment.declaration_id == declaration.id))}  # fmt: skip
    lines = [str(line.id) for line in declaration.lines]
    events = session.scalars(select(AuditEvent).where(or_(
        (AuditEvent.entity == "declaration") & (AuditEvent.entity_id == str(declaration.id)),
        (AuditEvent.entity == "declaration_line") & AuditEvent.entity_id.in_(lines),
        (AuditEvent.entity == "declaration_amendment") & AuditEvent.entity_id.in_(amendments),
    )).order_by(AuditEvent.id))  # fmt: skip
    entries = []
    for e in events:
        if e.entity != "declaration_amendment":
            entries.append(_entry(e.at, e.actor, e.action, e.entity, e.before_json, e.after_json))
        elif (a := amendments.get(e.entity_id or "")) is not None:
            entries.append(_entry(e.at, a.actor, "amendment", "declaration", a.before_json,
                                  a.after_json, a.reason))  # fmt: skip
    return entries


def _entry(at: dt.datetime, actor: str, action: str, what: str, before: str | None,
           after: str | None, reason: str = "") -> HistoryEntry:  # fmt: skip
    return HistoryEntry(at, actor, action, what, json.loads(before or "{}"),
                        json.loads(after or "{}"), reason)  # fmt: skip
