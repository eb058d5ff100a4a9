"""Rebate batches (申报批次): export rows from cleared declarations, 关联号, states, frozen rows.

A batch belongs to one declaration month (申报年月, YYYYMM) and has a number 1–99 in it
(DOMAIN.md §3.2: at most 99 a month). Creating one takes every cleared declaration line
exported before that month (claims run from the month after export) that no batch holds
yet, as 出口明细 rows in the first legal unit with the USD FOB the declaration carries.
A 9810 line is split by what was sold from the overseas warehouse by the claim day
(rebate_settlement): the sold part is an ordinary row, the unsold part a pre-rebate row
(HWC-YT, DOMAIN.md §6) with its own 关联号.

States: draft → self_checked → filed → approved | partly_rejected → paid. A filed batch is
frozen: its rows never change again. Rejected rows move to a later draft batch, where they
are claimed again under new 关联号 (the old rows stay, marked "moved").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, contains_eager

from desktop_app.core import audit
from desktop_app.core.errors import BadInput
from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow, RebatePurchaseRow
from desktop_app.core.models.reference import RateLibraryEntry, RateLibraryVersion
from desktop_app.core.money import ZERO, quantize, round_fen
from desktop_app.core.services import company, rate_library
from desktop_app.core.services.allocation import allocate
from desktop_app.core.services.declaration_life import MissingRate, cny_per_unit

MAX_BATCHES = 99
REBATE_MODES = ("0110", "9610", "9710", "9810")  # 1039 市场采购: 免征不退 (DOMAIN.md §1)
LIVE = ("cleared", "amended")
CLAIMED = ("filed", "approved", "partly_rejected", "paid")
NEXT_STATES = {
    "draft": ("self_checked",),
    "self_checked": ("draft", "filed"),
    "filed": ("approved", "partly_rejected"),
    "approved": ("paid",),
    "partly_rejected": ("paid",),
    "paid": (),
}
PRE_REBATE = "HWC-YT"
METHODS = ("exempt_refund", "exempt_credit_refund")
_PERIOD = re.compile(r"^(\d{4})-?(\d{2})$")


class Frozen(BadInput):
    """The batch is filed: its rows are what the tax office has and never change."""


# ---------------------------------------------------------------- periods and numbers


def parse_period(text: str) -> str:
    """ "2026-11" or "202611" → "202611"; BadInput for anything else."""
    found = _PERIOD.match(str(text).strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise BadInput(f"period {text!r}: write the declaration month as YYYY-MM (2026-11)")
    return found.group(1) + found.group(2)


def period_start(period: str) -> dt.date:
    return dt.date(int(period[:4]), int(period[4:]), 1)


def method_for(taxpayer_type: str) -> str:
    """免退 for a trading enterprise, 免抵退 for a manufacturer (DOMAIN.md §3, §4)."""
    return "exempt_refund" if taxpayer_type == "trading" else "exempt_credit_refund"


def next_batch_no(session: Session, period: str) -> int:
    used = session.scalar(
        select(func.max(RebateBatch.batch_no)).where(RebateBatch.period == period)
    )
    number = (used or 0) + 1
    if number > MAX_BATCHES:
        raise BadInput(f"{period[:4]}-{period[4:]} already has {MAX_BATCHES} batches, the most "
                       "a month may have: declare in the next month")  # fmt: skip
    return number


def link_no(period: str, department: str, batch_no: int, serial: int) -> str:
    """关联号: 申报年月后4位 + 部门 + 批次 2 位 + 流水 3 位 (DOMAIN.md §3.2, 10 characters).

    A batch of more than 999 rows writes the serial in full (11 characters and more): the
    field takes 30, and the 10-character layout is a suggestion, not a rule ⚠."""
    if serial < 1:
        raise BadInput(f"关联号 serial {serial}: must be 1 or more")
    return f"{period[2:]}{department or '1'}{batch_no % 100:02d}{serial:03d}"


# ---------------------------------------------------------------- reading


def get_batch(session: Session, batch_id: int) -> RebateBatch:
    batch = session.get(RebateBatch, batch_id)
    if batch is None:
        raise BadInput(f"no rebate batch with id {batch_id}")
    return batch


def by_ref(session: Session, ref: str) -> RebateBatch:
    """A batch by id ("7") or by "YYYYMM-NN" / "YYYY-MM-NN"."""
    text = str(ref).strip()
    if text.isdigit() and len(text) < 6:
        return get_batch(session, int(text))
    found = re.match(r"^(\d{4})-?(\d{2})[-/](\d{1,3})$", text)
    if found:
        query = select(RebateBatch).where(
            RebateBatch.period == found.group(1) + found.group(2),
            RebateBatch.batch_no == int(found.group(3)),
        )
        batch = session.scalar(query)
        if batch is not None:
            return batch
    raise BadInput(f"no rebate batch {ref!r} (give its id or YYYY-MM-NN)")


def batch_label(batch: RebateBatch) -> str:
    return f"{batch.period[:4]}-{batch.period[4:]}-{batch.batch_no:02d}"


def list_batches(session: Session) -> list[RebateBatch]:
    order = (RebateBatch.period.desc(), RebateBatch.batch_no.desc())
    return list(session.scalars(select(RebateBatch).order_by(*order)))


def export_rows(
    session: Session, batch_id: int, statuses: Sequence[str] | None = None
) -> list[RebateExportRow]:
    query = select(RebateExportRow).where(RebateExportRow.batch_id == batch_id)
    if statuses:
        query = query.where(RebateExportRow.status.in_(statuses))
    return list(session.scalars(query.order_by(RebateExportRow.seq)))


def purchase_rows(
    session: Session, batch_id: int, statuses: Sequence[str] | None = None
) -> list[RebatePurchaseRow]:
    query = select(RebatePurchaseRow).where(RebatePurchaseRow.batch_id == batch_id)
    if statuses:
        query = query.where(RebatePurchaseRow.status.in_(statuses))
    return list(session.scalars(query.order_by(RebatePurchaseRow.seq)))


def is_frozen(batch: RebateBatch) -> bool:
    return batch.status in CLAIMED


def require_draft(batch: RebateBatch, action: str) -> None:
    if is_frozen(batch):
        raise Frozen(f"batch {batch_label(batch)} is {batch.status}: its rows are frozen, "
                     f"cannot {action}")  # fmt: skip
    if batch.status != "draft":
        batch.status = "draft"  # a change after the self-check needs a new self-check
        batch.checked_at = None


# ---------------------------------------------------------------- creating


def create_batch(
    session: Session,
    period: str,
    *,
    batch_no: int | None = None,
    declaration_ids: Iterable[int] | None = None,
    today: dt.date | None = None,
    empty: bool = False,
    method: str | None = None,
) -> RebateBatch:
    """A draft batch for the month, filled with every line that may be claimed in it.

    The method follows the company's taxpayer type unless given ("exempt_refund" 免退 or
    "exempt_credit_refund" 免抵退)."""
    period = parse_period(period)
    today = today or dt.date.today()
    if period_start(period) > today.replace(day=1):
        raise BadInput(f"period {period[:4]}-{period[4:]} is in the future")
    number = batch_no or next_batch_no(session, period)
    taken = session.scalar(
        select(RebateBatch.id).where(RebateBatch.period == period, RebateBatch.batch_no == number)
    )
    if not 1 <= number <= MAX_BATCHES or taken:
        raise BadInput(f"batch number {number} of {period[:4]}-{period[4:]} is taken or not 1–99")
    if method not in (None, *METHODS):
        raise BadInput(f"method {method!r}: exempt_refund (免退) or exempt_credit_refund (免抵退)")
    method = method or method_for(company.get_profile(session).taxpayer_type)
    batch = RebateBatch(period=period, batch_no=number, method=method)
    session.add(batch)
    session.flush()
    if not empty:
        lines = available_lines(session, period_start(period), declaration_ids)
        add_lines(session, batch, lines, today)
    return batch


def available_lines(
    session: Session, before: dt.date, declaration_ids: Iterable[int] | None = None
) -> list[DeclarationLine]:
    """Cleared lines exported before `before` that no batch holds (moved-out rows aside)."""
    held = select(RebateExportRow.declaration_line_id).where(
        RebateExportRow.status.in_(("included", "rejected")),
        RebateExportRow.declaration_line_id.is_not(None),
    )
    query = (
        select(DeclarationLine)
        .join(Declaration, DeclarationLine.declaration_id == Declaration.id)
        .where(
            Declaration.status.in_(LIVE),
            Declaration.customs_no.is_not(None),
            Declaration.export_date < before,
            Declaration.supervision_mode.in_(REBATE_MODES),
            DeclarationLine.id.not_in(held),
        )
        .order_by(Declaration.export_date, Declaration.id, DeclarationLine.line_no)
        .options(contains_eager(DeclarationLine.declaration))
    )
    if declaration_ids is not None:
        query = query.where(Declaration.id.in_(list(declaration_ids)))
    return list(session.scalars(query))


def add_declarations(
    session: Session, batch_id: int, declaration_ids: Iterable[int], today: dt.date | None = None
) -> int:
    """Add the claimable lines of these declarations to a draft batch; the number of rows added."""
    batch = get_batch(session, batch_id)
    require_draft(batch, "add rows")
    lines = available_lines(session, period_start(batch.period), declaration_ids)
    return add_lines(session, batch, lines, today or dt.date.today())


def add_lines(
    session: Session, batch: RebateBatch, lines: Sequence[DeclarationLine], today: dt.date
) -> int:
    """出口明细 rows for the lines (9810 lines split sold / unsold); the number of rows added."""
    from desktop_app.core.services.rebate_settlement import sold_by_line

    profile = company.get_profile(session)
    seq, serial = next_numbers(session, batch.id)
    sold = sold_by_line(session, [ln for ln in lines if _mode(ln) == "9810"], today)
    rates = Rates(session, {line.hs_code for line in lines}, profile.fx_rate_policy)
    rows = []
    for line in lines:
        for quantity, fob, kind in _parts(line, sold.get(line.id)):
            serial += 1
            seq += 1
            row = _row(line, quantity, fob, kind, rates)
            row["batch_id"], row["seq"] = batch.id, seq
            row["link_no"] = link_no(batch.period, profile.rebate_department, batch.batch_no,
                                     serial)  # fmt: skip
            rows.append(row)
    if rows:  # one bulk insert and one audit event: a batch may hold thousands of rows
        session.flush()
        for start in range(0, len(rows), 5000):
            session.execute(insert(RebateExportRow), rows[start : start + 5000])
        audit.record(session, "add_rows", RebateExportRow.__tablename__, batch.id, after={
            "batch": batch_label(batch), "rows": len(rows), "seq": [rows[0]["seq"], seq],
            "link_no": [rows[0]["link_no"], rows[-1]["link_no"]]})  # fmt: skip
    session.flush()
    return len(rows)


def _mode(line: DeclarationLine) -> str:
    return line.declaration.supervision_mode


def _parts(
    line: DeclarationLine, sold: Decimal | None
) -> list[tuple[Decimal, Decimal | None, str]]:
    """(quantity, USD FOB, business type) of the rows one line becomes."""
    quantity, fob = line.first_quantity, line.usd_fob
    if sold is None or sold >= quantity:
        return [(quantity, fob, "")]
    if sold <= 0:
        return [(quantity, fob, PRE_REBATE)]
    sold = quantize(sold, 5)
    fobs = allocate(fob, [sold, quantity - sold]) if fob is not None else [None, None]
    return [(sold, fobs[0], ""), (quantity - sold, fobs[1], PRE_REBATE)]


def _row(
    line: DeclarationLine, quantity: Decimal, fob: Decimal | None, kind: str, rates: Rates
) -> dict[str, Any]:
    """An export row's columns (batch, seq and 关联号 aside)."""
    declaration = line.declaration
    export_date = declaration.export_date
    info = rates.lookup(line.hs_code, export_date)
    rate = rates.usd(export_date)
    return {
        "declaration_line_id": line.id,
        "declaration_no": f"{declaration.customs_no}{line.line_no:03d}",
        "export_invoice_no": (declaration.contract_no or declaration.ref)[:30],
        "export_date": export_date,
        "commodity_code": line.hs_code,
        "commodity_name": line.name_cn[:200],
        "unit": line.first_unit,
        "quantity": quantity,
        "usd_fob": fob if fob is not None else ZERO,
        "fx_rate": rate,
        "cny_fob": round_fen(fob * rate) if fob is not None and rate is not None else None,
        "levy_rate": info.levy_rate if info else None,
        "rebate_rate": info.rebate_rate if info else None,
        "business_type": kind,
        "settlement": "pending" if kind == PRE_REBATE else "",
    }


class Rates:
    """The rate library's entries for a set of codes and the USD parities, each read once:
    what rate_library.lookup and cny_per_unit answer, without a query per row."""

    def __init__(self, session: Session, codes: Iterable[str], fx_policy: str) -> None:
        self._session, self._fx_policy = session, fx_policy
        self._entries: dict[str, list[rate_library.RateInfo]] = {}
        self._usd: dict[dt.date, Decimal | None] = {}
        wanted = sorted({rate_library.normalize_code(code) for code in codes})
        for start in range(0, len(wanted), 500):
            query = (
                select(RateLibraryEntry, RateLibraryVersion.version)
                .join(RateLibraryVersion, RateLibraryEntry.version_id == RateLibraryVersion.id)
                .where(
                    RateLibraryVersion.active.is_(True),
                    RateLibraryEntry.code.in_(wanted[start : start + 500]),
                )
                .order_by(RateLibraryEntry.id)
            )
            for entry, version in session.execute(query):
                info = rate_library.entry_info(entry, version)
                self._entries.setdefault(entry.code, []).append(info)

    def lookup(self, code: str, day: dt.date) -> rate_library.RateInfo | None:
        """The entry valid on the day with the latest start (as rate_library.lookup)."""
        valid = [
            info
            for info in self._entries.get(rate_library.normalize_code(code), ())
            if info.start_date <= day and (info.end_date is None or info.end_date >= day)
        ]
        return max(valid, key=lambda info: info.start_date) if valid else None

    def usd(self, export_date: dt.date) -> Decimal | None:
        if export_date not in self._usd:
            self._usd[export_date] = _usd_rate(self._session, self._fx_policy, export_date)
        return self._usd[export_date]


def _usd_rate(session: Session, fx_policy: str, export_date: dt.date) -> Decimal | None:
    day = export_date.replace(day=1) if fx_policy == "first_of_month" else export_date
    try:
        return cny_per_unit(session, "USD", day)
    except MissingRate:
        return None  # the self-check names the day and currency


def next_numbers(session: Session, batch_id: int) -> tuple[int, int]:
    """(last seq, last 关联号 serial) of a batch."""
    mine = RebateExportRow.batch_id == batch_id
    seq = session.scalar(select(func.max(RebateExportRow.seq)).where(mine))
    # the serial follows the 7 characters of period, department and batch; past 999 it is
    # longer, so the longest link holds the highest serial
    query = (
        select(RebateExportRow.link_no)
        .where(mine)
        .order_by(func.length(RebateExportRow.link_no).desc(), RebateExportRow.link_no.desc())
    )
    last_link = session.scalars(query.limit(1)).first()
    return seq or 0, int(last_link[7:]) if last_link else 0


def remove_rows(session: Session, batch_id: int, row_ids: Iterable[int]) -> int:
    """Take rows out of a draft batch (their lines become claimable again)."""
    from desktop_app.core.services.rebate_match import release_rows

    batch = get_batch(session, batch_id)
    require_draft(batch, "remove rows")
    ids = set(row_ids)
    rows = [row for row in export_rows(session, batch_id) if row.id in ids]
    if len(rows) != len(ids):
        raise BadInput(f"batch {batch_label(batch)} has no row with id {sorted(ids)[0]}")
    release_rows(session, batch, rows)
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


# ---------------------------------------------------------------- the state machine


def _move_to(batch: RebateBatch, state: str) -> None:
    if state not in NEXT_STATES[batch.status]:
        raise BadInput(f"batch {batch_label(batch)} is {batch.status}: it cannot become {state}")
    batch.status = state


def file_batch(session: Session, batch_id: int, now: dt.datetime | None = None) -> RebateBatch:
    """Mark a self-checked batch filed (正式申报); refused while a blocking finding remains."""
    from desktop_app.core.services.rebate_check import blocking, self_check

    batch = get_batch(session, batch_id)
    if batch.status != "self_checked":
        raise BadInput(f"batch {batch_label(batch)} is {batch.status}: run the self-check first")
    stopping = blocking(self_check(session, batch_id))
    if stopping:
        first = stopping[0]
        raise BadInput(f"batch {batch_label(batch)} cannot be filed: {len(stopping)} blocking "
                       f"finding(s), the first: {first}")  # fmt: skip
    _move_to(batch, "filed")
    batch.filed_at = now or dt.datetime.now(dt.UTC)
    session.flush()
    return batch


def record_review(
    session: Session,
    batch_id: int,
    rejected: dict[int, str] | None = None,
    now: dt.datetime | None = None,
) -> RebateBatch:
    """The tax office's answer: approved, or partly rejected with a reason per export row seq."""
    batch = get_batch(session, batch_id)
    rejected = rejected or {}
    rows = {row.seq: row for row in export_rows(session, batch_id)}
    unknown = [seq for seq in rejected if seq not in rows]
    if unknown:
        raise BadInput(f"batch {batch_label(batch)} has no export row {unknown[0]}")
    _move_to(batch, "partly_rejected" if rejected else "approved")
    links = set()
    for seq, reason in rejected.items():
        row = rows[seq]
        row.status, row.rejection_reason = "rejected", reason or "rejected"
        links.add(row.link_no)
    for purchase in purchase_rows(session, batch_id):
        if purchase.link_no in links:
            purchase.status = "rejected"
    batch.approved_at = now or dt.datetime.now(dt.UTC)
    batch.refund_total = approved_refund(session, batch)
    session.flush()
    return batch


def approved_refund(session: Session, batch: RebateBatch) -> Decimal:
    """The refund of the rows still standing (免退: Σ 可退税额; 免抵退: the computed refund)."""
    if batch.method == "exempt_credit_refund":
        return batch.refund_total
    rows = purchase_rows(session, batch.id, ("included",))
    return sum((row.refund for row in rows), ZERO)


def mark_paid(session: Session, batch_id: int, amount: Decimal, day: dt.date) -> RebateBatch:
    """The refund arrived (退库): the amount received and the day."""
    batch = get_batch(session, batch_id)
    if amount < 0:
        raise BadInput(f"received amount {amount}: must be 0 or more")
    _move_to(batch, "paid")
    batch.received_amount, batch.paid_date = amount, day
    session.flush()
    return batch


def move_rejected(
    session: Session, batch_id: int, *, to_batch_id: int | None = None,
    period: str | None = None, today: dt.date | None = None,
) -> RebateBatch:  # fmt: skip
    """Rejected rows of a batch go into a later draft batch (new or given) as new rows."""
    source = get_batch(session, batch_id)
    rejected = export_rows(session, batch_id, ("rejected",))
    if not rejected:
        raise BadInput(f"batch {batch_label(source)} has no rejected rows to move")
    today = today or dt.date.today()
    if to_batch_id is None:
        target = create_batch(session, period or f"{today:%Y%m}", today=today, empty=True)
    else:
        target = get_batch(session, to_batch_id)
        require_draft(target, "take rows")
    if (target.period, target.batch_no) <= (source.period, source.batch_no):
        raise BadInput(f"batch {batch_label(target)} is not later than {batch_label(source)}")
    seq, serial = next_numbers(session, target.id)
    department = company.get_profile(session).rebate_department
    for row in rejected:
        row.status = "moved"
        seq, serial = seq + 1, serial + 1
        session.add(
            _copy_row(row, target, seq, link_no(target.period, department, target.batch_no, serial))
        )
    for purchase in purchase_rows(session, batch_id, ("rejected",)):
        purchase.status = "moved"
    session.flush()
    return target


_COPIED = (
    "declaration_line_id", "declaration_no", "export_invoice_no", "export_date",
    "commodity_code", "commodity_name", "unit", "quantity", "usd_fob", "cny_fob", "fx_rate",
    "levy_rate", "rebate_rate", "business_type", "settlement", "note",
)  # fmt: skip


def _copy_row(row: RebateExportRow, batch: RebateBatch, seq: int, link: str) -> RebateExportRow:
    copy = RebateExportRow(**{name: getattr(row, name) for name in _COPIED})
    copy.batch_id, copy.seq, copy.link_no = batch.id, seq, link
    return copy
