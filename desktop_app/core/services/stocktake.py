"""Stocktakes (盘点): a count sheet out, the counts in, the differences posted as ledger moves.

A stocktake counts one warehouse as of its count date. Its lines start with what the ledger
says was on hand that day (expected); the count sheet (xlsx) is filled in and imported
back; posting writes one stocktake_gain or stocktake_loss move per counted difference,
dated the count date, so that the on-hand quantity at that date equals the count.

A blank Counted cell means "not counted": that line keeps whatever count it had (none, or
one from an earlier sheet) and an uncounted line is never adjusted. A count of 0 is a count.
The expected quantity is worked out again from the ledger when posting, because moves dated
on or before the count date may have been posted after the sheet was made (a late order
import): the adjustment must bring the position to the count, not to a stale figure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.jobs import Job
from desktop_app.core.models import (
    Sku,
    StockBalance,
    Stocktake,
    StocktakeLine,
    Warehouse,
)
from desktop_app.core.models.base import utcnow
from desktop_app.core.services import stock
from desktop_app.core.services.id_lists import pages
from desktop_app.core.services.import_runs import record_run

OPEN_STATUSES = ("draft", "counting")
QUANTITY_PLACES = 5  # Quantity columns keep 10⁻⁵ units
PROGRESS_EVERY = 200
# field → (Chinese, English); the sheet writes "中文 (English)" and reads either half back.
HEADERS: dict[str, tuple[str, str]] = {
    "code": ("SKU编码", "SKU code"), "name": ("品名", "Name"),
    "spec": ("规格型号", "Specification"), "expected": ("账面数量", "Expected"),
    "counted": ("实盘数量", "Counted"),
    "note": ("备注", "Note"), "stocktake": ("盘点单号", "Stocktake"),
}  # fmt: skip
_MORE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("SKU", "商品编码", "货号", "sku_code"),
    "name": ("中文品名", "product name"),
    "spec": ("规格",),
    "expected": ("账面库存", "系统数量", "expected quantity"),
    "counted": ("盘点数量", "实盘", "实际数量", "count", "counted quantity"),
    "note": ("notes", "remarks"),
}
ALIASES = {name: (*names, *_MORE_ALIASES.get(name, ())) for name, names in HEADERS.items()}
REQUIRED = ("code", "counted")
_THOUSANDS = re.compile(r"[,\s\u00a0]")


@dataclass(frozen=True)
class StocktakeDifference:
    """One line under review: what the ledger says, what was counted, and what posting does."""

    sku_id: int
    sku_code: str
    sku_name: str
    sheet_expected: Decimal  # on the sheet when it was made
    expected: Decimal  # on hand at the count date now (what posting adjusts from)
    counted: Decimal | None  # None: not counted (left alone)
    difference: Decimal  # counted − expected (0 when not counted)
    unit_cost: Decimal  # CNY, current
    value: Decimal  # difference × unit cost, CNY, rounded to the fen

    @property
    def expected_changed(self) -> bool:
        return self.sheet_expected != self.expected


@dataclass
class StocktakePosted:
    """What posting wrote: one move per counted difference."""

    stocktake_id: int
    ref: str
    gains: int = 0
    losses: int = 0
    units_gained: Decimal = Decimal(0)
    units_lost: Decimal = Decimal(0)
    value: Decimal = Decimal(0)  # net, CNY
    move_ids: list[int] = field(default_factory=list)
    uncounted: int = 0
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- create


def create_stocktake(
    session: Session,
    warehouse_id: int,
    count_date: dt.date,
    *,
    ref: str | None = None,
    sku_ids: Iterable[int] | None = None,
) -> Stocktake:
    """A draft stocktake of one warehouse: a line per SKU on hand there at the count date.

    `sku_ids` limits it to some SKUs (a partial count); each of them gets a line, on hand or
    not. Refused while another stocktake of the warehouse is still open: two open counts
    of the same shelves would adjust the same difference twice.
    """
    warehouse = _warehouse(session, warehouse_id)
    _refuse_second_open(session, warehouse)
    on_hand = _on_hand_at(session, warehouse_id, count_date)
    wanted = None if sku_ids is None else set(sku_ids)
    if wanted is not None:
        _known_skus(session, wanted)
    take = Stocktake(
        ref=ref or next_ref(session, count_date), warehouse_id=warehouse_id, count_date=count_date
    )
    for sku_id in sorted(wanted if wanted is not None else on_hand):
        quantity = on_hand.get(sku_id, Decimal(0))
        if wanted is not None or quantity != 0:
            take.lines.append(StocktakeLine(sku_id=sku_id, expected_quantity=quantity))
    session.add(take)
    session.flush()
    return take


def next_ref(session: Session, count_date: dt.date) -> str:
    """The next free reference of the count date's year: ST-2026-0001, ST-2026-0002 …"""
    prefix = f"ST-{count_date.year}-"
    refs = session.scalars(select(Stocktake.ref).where(Stocktake.ref.startswith(prefix)))
    numbers = [int(r[len(prefix) :]) for r in refs if r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def cancel_stocktake(session: Session, stocktake_id: int) -> Stocktake:
    """Drop an open stocktake without posting anything."""
    take = _stocktake(session, stocktake_id, open_only=True)
    take.status = "cancelled"
    session.flush()
    return take


def _warehouse(session: Session, warehouse_id: int) -> Warehouse:
    warehouse = session.get(Warehouse, warehouse_id)
    if warehouse is None:
        raise BadInput(f"no warehouse with id {warehouse_id}")
    if not warehouse.active:
        raise BadInput(f"warehouse {warehouse.code} is inactive: it cannot be counted")
    return warehouse


def _refuse_second_open(session: Session, warehouse: Warehouse) -> None:
    open_ref = session.scalar(
        select(Stocktake.ref).where(
            Stocktake.warehouse_id == warehouse.id, Stocktake.status.in_(OPEN_STATUSES)
        )
    )
    if open_ref is not None:
        raise BadInput(
            f"stocktake {open_ref} of warehouse {warehouse.code} is still open: "
            "post or cancel it first"
        )


def _known_skus(session: Session, sku_ids: set[int]) -> None:
    ids = sorted(sku_ids)
    found = {
        i for page in pages(ids) for i in session.scalars(select(Sku.id).where(Sku.id.in_(page)))
    }
    if missing := [str(i) for i in ids if i not in found]:
        raise BadInput(f"no SKU with id {', '.join(missing[:10])}")


def _on_hand_at(session: Session, warehouse_id: int, day: dt.date) -> dict[int, Decimal]:
    rows = stock.positions(session, warehouse_id=warehouse_id, as_of=day)
    return {row.sku_id: row.on_hand for row in rows}


def _stocktake(session: Session, stocktake_id: int, *, open_only: bool = False) -> Stocktake:
    take = session.get(Stocktake, stocktake_id)
    if take is None:
        raise BadInput(f"no stocktake with id {stocktake_id}")
    if open_only and take.status not in OPEN_STATUSES:
        raise BadInput(f"stocktake {take.ref} is {take.status}: it can no longer be changed")
    return take


# ---------------------------------------------------------------- count sheet out


def export_count_sheet(session: Session, stocktake_id: int, out_xlsx: str | Path) -> int:
    """Write the count sheet (xlsx) of a stocktake; returns the number of SKU rows.

    SKU codes are text cells (Excel keeps leading zeros and long codes); Counted is empty
    unless a count was imported already. Row 1 names the stocktake, row 2 is the header
    (Chinese with the English in brackets), frozen so it stays visible while scrolling.
    """
    take = _stocktake(session, stocktake_id)
    out = Path(out_xlsx)
    if out.suffix.lower() != ".xlsx":
        raise BadInput(f"{out.name}: a count sheet is written as .xlsx")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("盘点 Count")
    sheet.freeze_panes = "A3"
    widths = {"code": 22, "name": 36, "spec": 20, "stocktake": 16}
    for index, name in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 14)
    sheet.append([_title(session, take)])
    sheet.append([_bold(WriteOnlyCell(sheet, f"{cn} ({en})")) for cn, en in HEADERS.values()])
    count = 0
    for line, sku in _sheet_lines(session, take.id):
        sheet.append(
            [sku.code, sku.name_cn, sku.spec, _number(line.expected_quantity),
             _number(line.counted_quantity), line.note, take.ref]
        )  # fmt: skip
        count += 1
    book.save(out)
    return count


def _bold(cell: Any) -> Any:
    from openpyxl.styles import Font

    cell.font = Font(bold=True)
    return cell


def _title(session: Session, take: Stocktake) -> str:
    warehouse = session.get(Warehouse, take.warehouse_id)
    where = f"{warehouse.code} {warehouse.name}" if warehouse else str(take.warehouse_id)
    return (
        f"盘点表 Stocktake {take.ref} · 仓库 Warehouse {where} · "
        f"盘点日期 Count date {take.count_date.isoformat()}"
    )


def _sheet_lines(session: Session, stocktake_id: int) -> Iterable[Any]:
    query = (
        select(StocktakeLine, Sku)
        .join(Sku, Sku.id == StocktakeLine.sku_id)
        .where(StocktakeLine.stocktake_id == stocktake_id)
        .order_by(Sku.code)
    )
    return session.execute(query)


def _number(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


# ---------------------------------------------------------------- counts in


def import_counts(
    session: Session, stocktake_id: int, path: str | Path, *, job: Job | None = None
) -> ImportSummary:
    """Read the counts of a filled-in count sheet (xlsx or csv) into an open stocktake.

    All or nothing: every bad row (unknown SKU, a count that is not a number ≥ 0 with at
    most 5 decimals, a SKU twice, a row of another stocktake) is listed in ImportRejected
    and nothing is written. A known SKU missing from the stocktake is added with its on
    hand at the count date as expected (and a warning): it was found on the shelf.
    """
    from desktop_app.core.importers.tabular import read_table

    job = job or Job()
    take = _stocktake(session, stocktake_id, open_only=True)
    path = Path(path)
    summary = ImportSummary(file=path.name, kind="stocktake")
    table = read_table(path, aliases=ALIASES, required=REQUIRED)
    counts, codes = _read_counts(table, take, summary, job)
    sku_ids = _sku_ids(session, set(codes.values()))
    for number, code in codes.items():
        if code not in sku_ids:
            reason = "no SKU with this code in the catalogue"
            summary.errors.append(RowError(number, table.column("code"), code, reason))
    if summary.errors:
        summary.errors.sort(key=lambda e: e.row or 0)
        raise ImportRejected(summary)
    _apply_counts(session, take, counts, sku_ids, summary)
    record_run(session, "stocktake", path, summary, written=summary.inserted + summary.updated)
    return summary


def stocktake_for_sheet(
    session: Session, path: str | Path, *, warehouse_id: int | None = None
) -> int:
    """The open stocktake a count sheet belongs to: the one its 盘点单号 column names, else
    the open stocktake of `warehouse_id`; BadInput when neither names one."""
    from desktop_app.core.importers.tabular import read_table

    table = read_table(Path(path), aliases=ALIASES, required=REQUIRED)
    refs = {row.get("stocktake", "") for _, row in islice(table.rows(), 1000)} - {""}
    if len(refs) > 1:
        raise BadInput(f"{table.source}: rows of several stocktakes ({', '.join(sorted(refs))})")
    if refs:
        ref = refs.pop()
        take = session.scalar(select(Stocktake).where(Stocktake.ref == ref))
        if take is None:
            raise BadInput(f"{table.source}: no stocktake {ref!r}")
        return _stocktake(session, take.id, open_only=True).id
    if warehouse_id is None:
        raise BadInput(f"{table.source}: the sheet names no stocktake; say which warehouse")
    take = session.scalar(
        select(Stocktake).where(
            Stocktake.warehouse_id == warehouse_id, Stocktake.status.in_(OPEN_STATUSES)
        )
    )
    if take is None:
        raise BadInput(f"{table.source}: the warehouse has no open stocktake; create one first")
    return take.id


@dataclass
class _Count:
    code: str
    counted: Decimal | None
    note: str | None


def _read_counts(
    table: Any, take: Stocktake, summary: ImportSummary, job: Job
) -> tuple[dict[int, _Count], dict[int, str]]:
    """The good rows' counts, and every row's SKU code (unknown codes are errors too)."""
    counts: dict[int, _Count] = {}
    codes: dict[int, str] = {}
    first_row: dict[str, int] = {}
    for number, row in table.rows():
        summary.rows += 1
        if summary.rows % 5000 == 0:
            job.report(summary.rows, 0, f"{summary.file}: {summary.rows} rows read")
        code = row.get("code").strip()
        if code:
            codes[number] = code
        errors = _row_errors(table, take, number, row, first_row)
        if errors:
            summary.errors.extend(errors)
            continue
        note = row.get("note").strip() or None  # blank keeps the line's note
        counts[number] = _Count(code, _quantity(row.get("counted")), note)
    return counts, codes


def _row_errors(
    table: Any, take: Stocktake, number: int, row: Any, first_row: dict[str, int]
) -> list[RowError]:
    errors = []
    code = row.get("code").strip()
    ref = row.get("stocktake").strip()
    if ref and ref != take.ref:
        reason = f"this row belongs to stocktake {ref}, not {take.ref}"
        errors.append(RowError(number, table.column("stocktake"), ref, reason))
    if not code:
        errors.append(RowError(number, table.column("code"), "", "the SKU code is empty"))
    elif code in first_row:
        reason = f"this SKU is already counted on row {first_row[code]}"
        errors.append(RowError(number, table.column("code"), code, reason))
    else:
        first_row[code] = number
    text = row.get("counted").strip()
    if text:
        reason = _quantity_problem(text)
        if reason:
            errors.append(RowError(number, table.column("counted"), text, reason))
    return errors


def _quantity(text: str) -> Decimal | None:
    text = _THOUSANDS.sub("", text.strip())
    return Decimal(text) if text else None


def _quantity_problem(text: str) -> str | None:
    try:
        value = _quantity(text) or Decimal(0)
    except InvalidOperation:
        return "the count must be a number"
    if not value.is_finite():
        return "the count must be a number"
    if value < 0:
        return "the count cannot be negative"
    if value != value.quantize(Decimal(1).scaleb(-QUANTITY_PLACES), rounding="ROUND_DOWN"):
        return f"the count has more than {QUANTITY_PLACES} decimal places"
    return None


def _sku_ids(session: Session, codes: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for page in pages(sorted(codes)):
        for code, sku_id in session.execute(select(Sku.code, Sku.id).where(Sku.code.in_(page))):
            found[code] = sku_id
    return found


def _apply_counts(
    session: Session,
    take: Stocktake,
    counts: dict[int, _Count],
    sku_ids: dict[str, int],
    summary: ImportSummary,
) -> None:
    lines = {line.sku_id: line for line in take.lines}
    on_hand: dict[int, Decimal] | None = None
    for number, count in counts.items():
        sku_id = sku_ids[count.code]
        line = lines.get(sku_id)
        if line is None:
            if on_hand is None:
                on_hand = _on_hand_at(session, take.warehouse_id, take.count_date)
            expected = on_hand.get(sku_id, Decimal(0))
            line = lines[sku_id] = StocktakeLine(sku_id=sku_id, expected_quantity=expected)
            take.lines.append(line)
            reason = f"not on the stocktake: added with expected quantity {expected}"
            summary.warnings.append(RowError(number, "", count.code, reason))
            summary.inserted += 1
        elif count.counted is not None or count.note is not None:
            summary.updated += 1
        else:
            summary.skipped += 1
        if count.counted is not None:
            line.counted_quantity = count.counted
        if count.note is not None:
            line.note = count.note[:200]
    take.status = "counting"
    session.flush()


# ---------------------------------------------------------------- review and post


def differences(
    session: Session, stocktake_id: int, *, all_lines: bool = False
) -> list[StocktakeDifference]:
    """The counted lines whose count differs from the ledger at the count date, by SKU code.

    With all_lines, every line (uncounted and equal ones too). `expected` is recomputed from
    the ledger, exactly as posting will; `sheet_expected` is what the sheet showed.
    """
    take = _stocktake(session, stocktake_id)
    now = _on_hand_at(session, take.warehouse_id, take.count_date)
    result = []
    for line, sku in _sheet_lines(session, take.id):
        expected = now.get(line.sku_id, Decimal(0))
        counted = line.counted_quantity
        difference = Decimal(0) if counted is None else counted - expected
        if not all_lines and difference == 0:
            continue
        cost = _gain_cost(session, sku, take.warehouse_id) if difference else Decimal(0)
        result.append(
            StocktakeDifference(
                sku_id=sku.id, sku_code=sku.code, sku_name=sku.name_cn,
                sheet_expected=line.expected_quantity, expected=expected, counted=counted,
                difference=difference, unit_cost=cost, value=_fen(difference * cost),
            )
        )  # fmt: skip
    return result


def post_stocktake(
    session: Session, stocktake_id: int, *, job: Job | None = None, actor: str = "local"
) -> StocktakePosted:
    """Post every counted difference as a stocktake_gain / stocktake_loss move, dated the
    count date, and mark the stocktake posted.

    The caller's transaction holds every move: a refused move (period lock, negative stock
    under "block") raises StockError and, rolled back, leaves none of them. A gain enters
    at the position's current unit cost (the SKU's purchase price when it has none); a
    loss leaves at the cost the configured method takes.
    """
    job = job or Job()
    take = _stocktake(session, stocktake_id, open_only=True)
    now = _on_hand_at(session, take.warehouse_id, take.count_date)
    posted = StocktakePosted(stocktake_id=take.id, ref=take.ref)
    rows = list(_sheet_lines(session, take.id))
    # Held so the ledger finds the SKUs and balances in memory instead of loading each.
    balances = list(session.scalars(select(StockBalance).filter_by(warehouse_id=take.warehouse_id)))
    lines = [line for line, _ in rows]
    for done, line in enumerate(lines, start=1):
        if done % PROGRESS_EVERY == 0:
            job.report(done, len(lines), f"{take.ref}: {done} of {len(lines)} lines posted")
        line.expected_quantity = now.get(line.sku_id, Decimal(0))
        if line.counted_quantity is None:
            posted.uncounted += 1
            continue
        _post_line(session, take, line, posted, actor)
    take.status = "posted"
    take.posted_at = utcnow()
    session.flush()
    del rows, balances
    return posted


def _post_line(
    session: Session, take: Stocktake, line: StocktakeLine, posted: StocktakePosted, actor: str
) -> None:
    assert line.counted_quantity is not None
    difference = line.counted_quantity - line.expected_quantity
    if difference == 0:
        return
    gain = difference > 0
    cost = _gain_cost(session, session.get(Sku, line.sku_id), take.warehouse_id) if gain else None
    move = stock.post_move(
        session,
        sku_id=line.sku_id,
        warehouse_id=take.warehouse_id,
        kind="stocktake_gain" if gain else "stocktake_loss",
        quantity=difference,
        move_date=take.count_date,
        unit_cost=cost,
        ref_type="stocktake",
        ref_id=take.id,
        note=take.ref,
        actor=actor,
        warnings=posted.warnings,
    )
    posted.move_ids.append(move.id)
    posted.value += move.value
    if gain:
        posted.gains += 1
        posted.units_gained += difference
    else:
        posted.losses += 1
        posted.units_lost -= difference


def _gain_cost(session: Session, sku: Sku | None, warehouse_id: int) -> Decimal:
    """The position's current unit cost; the purchase price for a SKU never costed there."""
    assert sku is not None
    cost = stock.unit_cost(session, sku.id, warehouse_id)
    if cost > 0:
        return cost
    return sku.purchase_price or Decimal(0)


def _fen(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
