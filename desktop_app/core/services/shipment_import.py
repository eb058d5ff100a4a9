"""First-leg shipments (头程) from an xlsx/csv file, and the counts file of a receipt.

The shipments file has one row per SKU line; the rows of a shipment share its reference (a
blank reference continues the shipment of the row above, which is how merged cells read).
The shipment's own columns — from, to, ship date, expected date, allocation basis,
carrier, tracking no — may be filled on any one of its rows, or on several if they agree.
Any row may also carry one size of carton (count, L/W/H cm, gross kg per carton) and one
first-leg cost (kind, amount, currency, fx rate), with or without a SKU on it. A shipment
with a ship date is drafted and shipped that day (its stock leaves the origin and is in
transit to the destination); one without stays a draft.

All or nothing by default: every bad row is listed (ImportRejected) and nothing is written.
With skip_bad, a shipment with any bad row is left out whole and the others are imported;
the summary's inserted and skipped count shipments. A reference already in the database
is refused, never merged into.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.jobs import Job
from desktop_app.core.models import Shipment, Sku, Warehouse
from desktop_app.core.services import shipments
from desktop_app.core.services.id_lists import pages
from desktop_app.core.services.import_runs import record_run
from desktop_app.core.services.shipments import CartonDraft, CostDraft, LineDraft

if TYPE_CHECKING:
    from desktop_app.core.db import Database
    from desktop_app.core.importers.tabular import Table

# field → header names: Chinese and English first (the template writes "中文 (English)" and
# either half is read), then other names seen in forwarders' and sellers' sheets.
ALIASES: dict[str, tuple[str, ...]] = {
    "ref": ("头程单号", "Shipment ref", "头程编号", "发货单号", "shipment", "reference", "ref"),
    "origin": ("发货仓", "From", "发货仓库", "起运仓", "from warehouse", "origin"),
    "destination": ("目的仓", "To", "目的仓库", "收货仓", "to warehouse", "destination"),
    "ship_date": ("发货日期", "Ship date", "发货时间", "shipped on"),
    "expected_date": ("预计到达日期", "Expected date", "预计到货日期", "预计到达", "ETA"),
    "sku": ("SKU编码", "SKU code", "SKU", "sku_code", "商品编码", "货号"),
    "quantity": ("数量", "Quantity", "发货数量", "qty"),
    "unit_cost": ("单位成本", "Unit cost", "成本单价", "单价", "unit cost cny"),
    "carton_no": ("箱号", "Carton no"),
    "carton_count": ("箱数", "Carton count", "cartons", "number of cartons"),
    "carton_length": ("箱长cm", "Carton L cm", "长cm", "carton length cm", "carton length"),
    "carton_width": ("箱宽cm", "Carton W cm", "宽cm", "carton width cm", "carton width"),
    "carton_height": ("箱高cm", "Carton H cm", "高cm", "carton height cm", "carton height"),
    "carton_weight": ("每箱毛重kg", "Carton gross kg", "每箱毛重", "毛重kg", "carton weight kg"),
    "cost_kind": ("费用类型", "Cost kind", "费用类别", "费用项目", "cost type"),
    "cost_amount": ("费用金额", "Cost amount", "费用", "cost"),
    "cost_currency": ("费用币种", "Cost currency", "币种", "currency"),
    "fx_rate": ("汇率", "FX rate", "exchange rate", "fx"),
    "allocation_basis": ("分摊方式", "Allocation basis", "分摊依据", "basis"),
    "carrier": ("承运商", "Carrier", "物流商", "货代"),
    "tracking_no": ("运单号", "Tracking no", "追踪号", "tracking number"),
}
REQUIRED = ("ref", "origin", "destination", "sku", "quantity")
SHIPMENT_FIELDS = ("origin", "destination", "ship_date", "expected_date", "allocation_basis",
                   "carrier", "tracking_no")  # fmt: skip
CARTON_SIZES = ("carton_length", "carton_width", "carton_height", "carton_weight")
COST_FIELDS = ("cost_kind", "cost_amount", "cost_currency", "fx_rate")
# What a cell may say → the stored value (compared case-, space- and punctuation-blind).
BASIS_WORDS = {
    "quantity": ("数量", "按数量", "qty"), "weight": ("重量", "按重量", "实重", "gross weight"),
    "volume": ("体积", "按体积"), "chargeable_weight": ("计费重", "按计费重", "chargeable"),
}  # fmt: skip
COST_WORDS = {
    "freight": ("运费", "头程运费", "海运费", "空运费"),
    "duty": ("关税", "税费", "进口税", "duties"),
    "fee": ("杂费", "费用", "手续费", "操作费", "fees"),
    "insurance": ("保险", "保险费"),
    "other": ("其他", "其它"),
}
_THOUSANDS = re.compile(r"[,，\s\u00a0]")


class _Bad(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


@dataclass
class _Draft:
    """One shipment as read from its rows, with every problem found in them."""

    ref: str
    first_row: int
    rows: list[int] = field(default_factory=list)
    header: dict[str, tuple[int, str]] = field(default_factory=dict)  # field → (row, text)
    lines: list[tuple[int, str, Decimal, Decimal | None]] = field(default_factory=list)
    cartons: list[tuple[int, CartonDraft]] = field(default_factory=list)
    costs: list[tuple[int, CostDraft]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    line_rows: int = 0  # rows with anything in the SKU, quantity or unit cost cells
    sku_rows: dict[str, int] = field(default_factory=dict)  # SKU code → its first row

    def given(self, name: str) -> str:
        return self.header.get(name, (0, ""))[1]

    def row_of(self, name: str) -> int:
        return self.header.get(name, (self.first_row, ""))[0]


# ---------------------------------------------------------------- import


def import_shipments(
    db: Database, path: str | Path, *, skip_bad: bool = False, job: Job | None = None,
    actor: str = "local", **_: Any,
) -> ImportSummary:  # fmt: skip
    """Draft (and, with a ship date, ship) the shipments of a file, in one transaction."""
    with db.transaction(actor) as session:
        return load_shipments(session, path, skip_bad=skip_bad, job=job)


def load_shipments(
    session: Session, path: str | Path, *, skip_bad: bool = False, job: Job | None = None
) -> ImportSummary:
    """import_shipments inside the caller's transaction."""
    from desktop_app.core.importers.tabular import read_table

    job = job or Job()
    path = Path(path)
    summary = ImportSummary(file=path.name, kind="shipments")
    table = read_table(path, aliases=ALIASES)
    table.require(REQUIRED, kind="shipments")
    drafts, loose = _read(table, summary, job)
    known = _check_references(session, table, drafts)
    created, shipped = [], []
    everything = session.begin_nested()  # a refused file leaves the session as it found it
    for draft in drafts:
        job.check()
        if not draft.errors and _create(session, table, draft, known, summary):
            created.append(draft)
            shipped += [draft.ref] if draft.given("ship_date") else []
    position = {header: n for n, header in enumerate(table.headers)}
    summary.errors = sorted([*loose, *(e for d in drafts for e in d.errors)],
                            key=lambda e: (e.row or 0, position.get(e.column, 999)))  # fmt: skip
    if summary.errors and not skip_bad:
        everything.rollback()
        raise ImportRejected(summary)
    everything.commit()
    summary.inserted, summary.skipped = len(created), len(drafts) - len(created)
    summary.details.update(
        shipments=[d.ref for d in created], shipped=shipped,
        lines=sum(len(d.lines) for d in created),
        rows_skipped=summary.rows - sum(len(d.rows) for d in created),
    )  # fmt: skip
    skipped = summary.details["rows_skipped"]
    record_run(session, "shipments", path, summary, written=summary.rows - skipped, skipped=skipped)
    return summary


def _read(table: Table, summary: ImportSummary, job: Job) -> tuple[list[_Draft], list[RowError]]:
    """The file's shipments in the order first met, and the errors of rows of no shipment."""
    drafts: dict[str, _Draft] = {}
    loose: list[RowError] = []
    current: _Draft | None = None
    for number, row in table.rows():
        summary.rows += 1
        if summary.rows % 200 == 0:
            job.report(summary.rows, 0, f"{summary.file}: {summary.rows} rows read")
        ref = row.get("ref").strip()
        if ref:
            current = drafts.setdefault(ref, _Draft(ref, number))
        elif current is None:
            reason = "no shipment reference (the first row must name its shipment)"
            loose.append(RowError(number, table.column("ref"), "", reason))
            continue
        current.rows.append(number)
        _read_row(table, current, number, row)
    return list(drafts.values()), loose


def _read_row(table: Table, draft: _Draft, number: int, row: Any) -> None:
    def bad(name: str, value: str, reason: str) -> None:
        draft.errors.append(RowError(number, table.column(name), value, reason))

    for name in SHIPMENT_FIELDS:
        text = row.get(name).strip()
        if not text:
            continue
        if name in draft.header and draft.header[name][1] != text:
            was, where = draft.header[name][1], draft.header[name][0]
            bad(name, text, f"the shipment already has {was!r} here (row {where})")
        draft.header.setdefault(name, (number, text))
    _read_line(
        draft, number, {n: row.get(n).strip() for n in ("sku", "quantity", "unit_cost")}, bad
    )
    carton = {n: row.get(n).strip() for n in ("carton_no", "carton_count", *CARTON_SIZES)}
    if any(carton.values()):
        _read_carton(draft, number, carton, bad)
    cost = {n: row.get(n).strip() for n in COST_FIELDS}
    if any(cost.values()):
        _read_cost(draft, number, cost, bad)


def _read_line(draft: _Draft, number: int, cells: dict[str, str], bad: Any) -> None:
    if not any(cells.values()):
        return
    draft.line_rows += 1
    code = cells["sku"]
    if not code:
        bad("sku", "", "the SKU code is empty")
    elif code in draft.sku_rows:
        bad("sku", code, f"this SKU is already on row {draft.sku_rows[code]} of the shipment")
        code = ""
    else:
        draft.sku_rows[code] = number
    quantity = _cell(cells, "quantity", 5, bad, positive=True, required=True)
    unit_cost = _cell(cells, "unit_cost", 4, bad)
    if code and quantity is not None and (unit_cost is not None or not cells["unit_cost"]):
        draft.lines.append((number, code, quantity, unit_cost))


def _read_carton(draft: _Draft, number: int, cells: dict[str, str], bad: Any) -> None:
    count = _cell(cells, "carton_count", 0, bad, positive=True, required=True)
    sizes = [_cell(cells, name, 3, bad, required=True) for name in CARTON_SIZES]
    if len(cells["carton_no"]) > 30:
        bad("carton_no", cells["carton_no"], "longer than 30 characters")
        return
    if count is not None and None not in sizes:
        length, width, height, weight = (s for s in sizes if s is not None)
        draft.cartons.append(
            (number, CartonDraft(cells["carton_no"], length, width, height, weight, int(count)))
        )


def _read_cost(draft: _Draft, number: int, cells: dict[str, str], bad: Any) -> None:
    kind = _word(cells["cost_kind"], COST_WORDS)
    if kind is None:
        reason = "the cost kind is empty" if not cells["cost_kind"] else (
            f"not a cost kind: write one of {', '.join(COST_WORDS)} or 运费, 关税, 杂费, 保险, 其他"
        )  # fmt: skip
        bad("cost_kind", cells["cost_kind"], reason)
    amount = _cell(cells, "cost_amount", 2, bad, required=True)
    rate = _cell(cells, "fx_rate", 6, bad, positive=True)
    currency = cells["cost_currency"].upper() or "CNY"
    if kind and amount is not None and (rate is not None or not cells["fx_rate"]):
        draft.costs.append((number, CostDraft(kind, amount, currency, rate)))


def _cell(cells: dict[str, str], name: str, places: int, bad: Any, *,
          positive: bool = False, required: bool = False) -> Decimal | None:  # fmt: skip
    """A number cell, or None with the problem recorded (an empty optional cell is None)."""
    text = cells[name]
    if not text:
        if required:
            bad(name, "", "empty: a number is needed here")
        return None
    try:
        return _number(text, places, positive)
    except _Bad as exc:
        bad(name, text, str(exc))
        return None


def _number(text: str, places: int, positive: bool) -> Decimal:
    try:
        value = Decimal(_THOUSANDS.sub("", text))
    except InvalidOperation:
        raise _Bad("not a number") from None
    if not value.is_finite():
        raise _Bad("not a number")
    if value < 0 or (positive and value == 0):
        raise _Bad("must be more than 0" if positive else "must not be negative")
    if value != value.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
        raise _Bad("must be a whole number" if places == 0 else f"more than {places} decimals")
    if value >= 10**12:
        raise _Bad("too large")
    return value


def _word(text: str, words: dict[str, tuple[str, ...]]) -> str | None:
    from desktop_app.core.importers.tabular import normalise_header

    key = normalise_header(text)
    for value, others in words.items():
        if key in {normalise_header(w) for w in (value, *others)}:
            return value
    return None


# ---------------------------------------------------------------- references


@dataclass
class _Known:
    skus: dict[str, int]
    warehouses: dict[str, Warehouse]
    refs: set[str]


def _check_references(session: Session, table: Table, drafts: list[_Draft]) -> _Known:
    """Codes against the database, and what a shipment as a whole must have."""
    known = _Known(
        _ids(session, Sku.code, (code for d in drafts for code in d.sku_rows)),
        {w.code: w for w in session.scalars(select(Warehouse))},
        set(_ids(session, Shipment.ref, (d.ref for d in drafts))),
    )
    for draft in drafts:
        _check_shipment(table, draft, known)
    return known


def _check_shipment(table: Table, draft: _Draft, known: _Known) -> None:
    def bad(row: int, name: str, value: str, reason: str) -> None:
        draft.errors.append(RowError(row, table.column(name), value, reason))

    if len(draft.ref) > 40:
        bad(draft.first_row, "ref", draft.ref, "longer than 40 characters")
    if draft.ref in known.refs:
        bad(draft.first_row, "ref", draft.ref, "a shipment with this reference already exists")
    for end, label in (("origin", "From"), ("destination", "To")):
        code = draft.given(end)
        warehouse = known.warehouses.get(code)
        if not code:
            bad(draft.first_row, end, "", f"the shipment has no {label} warehouse on any row")
        elif warehouse is None:
            bad(draft.row_of(end), end, code, "no warehouse with this code")
        elif not warehouse.active:
            bad(draft.row_of(end), end, code, f"warehouse {code} is not active")
    if draft.given("origin") and draft.given("origin") == draft.given("destination"):
        bad(draft.row_of("destination"), "destination", draft.given("destination"),
            "the same warehouse as From")  # fmt: skip
    for name in ("ship_date", "expected_date"):
        if draft.given(name) and _date(draft.given(name)) is None:
            bad(draft.row_of(name), name, draft.given(name), "not a date: write YYYY-MM-DD")
    basis = draft.given("allocation_basis")
    if basis and _word(basis, BASIS_WORDS) is None:
        bad(draft.row_of("allocation_basis"), "allocation_basis", basis,
            f"write one of {', '.join(BASIS_WORDS)} (数量, 重量, 体积, 计费重)")  # fmt: skip
    if not draft.line_rows:
        bad(draft.first_row, "sku", "", "the shipment has no SKU lines")
    for code, row in draft.sku_rows.items():
        if code not in known.skus:
            bad(row, "sku", code, "no SKU with this code in the catalogue")


def _ids(session: Session, code: Any, wanted: Iterable[str]) -> dict[str, int]:
    """code → id of the rows whose `code` column is among `wanted`."""
    found: dict[str, int] = {}
    for page in pages(sorted(set(wanted))):
        query = select(code, code.class_.id).where(code.in_(page))
        found.update({key: row_id for key, row_id in session.execute(query)})
    return found


def _date(text: str) -> dt.date | None:
    from desktop_app.core.importers.dates import BadDate, parse_date

    try:
        return parse_date(text)
    except BadDate:
        return None


# ---------------------------------------------------------------- creating


def _create(
    session: Session, table: Table, draft: _Draft, known: _Known, summary: ImportSummary
) -> bool:
    """Draft (and ship) one shipment in a savepoint; False with its errors when refused."""
    warnings: list[str] = []
    try:
        with session.begin_nested():
            _draft_and_ship(session, draft, known, warnings)
    except ValidationFailed as exc:
        draft.errors += [_problem_error(table, draft, p) for p in exc.problems]
        return False
    except BadInput as exc:  # the ledger refused to ship (stock, period lock)
        row = draft.row_of("ship_date")
        draft.errors.append(RowError(row, table.column("ship_date"), draft.given("ship_date"),
                                     str(exc)))  # fmt: skip
        return False
    row = draft.row_of("ship_date")
    summary.warnings += [RowError(row, table.column("ship_date"), "", w) for w in warnings]
    return True


def _draft_and_ship(session: Session, draft: _Draft, known: _Known, warnings: list[str]) -> None:
    ship_date = _date(draft.given("ship_date")) if draft.given("ship_date") else None
    header: dict[str, Any] = {
        "carrier": draft.given("carrier"), "tracking_no": draft.given("tracking_no"),
        "expected_date": _date(draft.given("expected_date")) if draft.given("expected_date")
        else None,
    }  # fmt: skip
    if draft.given("allocation_basis"):
        header["allocation_basis"] = _word(draft.given("allocation_basis"), BASIS_WORDS)
    shipment = shipments.create_shipment(
        session,
        ref=draft.ref,
        origin_warehouse_id=known.warehouses[draft.given("origin")].id,
        destination_warehouse_id=known.warehouses[draft.given("destination")].id,
        lines=[LineDraft(known.skus[code], qty, cost) for _row, code, qty, cost in draft.lines],
        cartons=_numbered([carton for _row, carton in draft.cartons]),
        costs=[cost for _row, cost in draft.costs],
        today=ship_date,
        **header,
    )
    if draft.costs:
        try:
            shipments.allocation_weights(session, shipment)
        except ValueError as exc:
            raise ValidationFailed(
                [FieldProblem("allocation_basis", str(exc), shipment.allocation_basis)]
            ) from None
    if ship_date is not None:
        actor = session.info.get("actor", "local")
        shipments.ship(session, shipment.id, ship_date, actor=actor, warnings=warnings)


def _numbered(cartons: list[CartonDraft]) -> list[CartonDraft]:
    """Cartons without a number are numbered on from the ones before: 1-10, 11-12, 13 …"""
    numbered, after = [], 0
    for carton in cartons:
        first, after = after + 1, after + carton.carton_count
        if not carton.carton_no:
            number = str(first) if first == after else f"{first}-{after}"
            carton = replace(carton, carton_no=number)
        numbered.append(carton)
    return numbered


_ITEM = re.compile(r"(lines|cartons|costs)\[(\d+)\]\.(\w+)")
_ITEM_FIELDS = {
    "lines": {"sku_id": "sku", "quantity": "quantity", "unit_cost": "unit_cost"},
    "cartons": {"carton_no": "carton_no", "carton_count": "carton_count",
                "length_cm": "carton_length", "width_cm": "carton_width",
                "height_cm": "carton_height", "gross_weight_kg": "carton_weight"},
    "costs": {"kind": "cost_kind", "amount": "cost_amount", "currency": "cost_currency",
              "fx_rate": "fx_rate"},
}  # fmt: skip
_HEADER_FIELDS = {
    "ref": "ref", "origin_warehouse_id": "origin", "destination_warehouse_id": "destination",
    "expected_date": "expected_date", "allocation_basis": "allocation_basis",
    "carrier": "carrier", "tracking_no": "tracking_no", "carton_no": "carton_no",
}  # fmt: skip


def _problem_error(table: Table, draft: _Draft, problem: FieldProblem) -> RowError:
    """A problem the shipment service found, placed on the row and column it came from."""
    value = "" if problem.value is None else str(problem.value)
    item = _ITEM.fullmatch(problem.field)
    if item:
        kind, index, name = item[1], int(item[2]), item[3]
        rows = {"lines": draft.lines, "cartons": draft.cartons, "costs": draft.costs}[kind]
        column = _ITEM_FIELDS[kind].get(name, problem.field)
        return RowError(rows[index][0], table.column(column), value, problem.reason)
    name = _HEADER_FIELDS.get(problem.field)
    if name is None:
        return RowError(draft.first_row, problem.field, value, problem.reason)
    row = draft.row_of(name)
    if name == "carton_no" and draft.cartons:
        row = next((r for r, c in draft.cartons if c.carton_no == value), draft.cartons[0][0])
    return RowError(row, table.column(name), value, problem.reason)


# ---------------------------------------------------------------- receipt counts

COUNT_ALIASES: dict[str, tuple[str, ...]] = {
    "sku": ("SKU编码", "SKU code", "SKU", "sku_code", "商品编码", "货号"),
    "received": ("实收数量", "Received", "received quantity", "收货数量", "到货数量", "实收",
                 "数量", "quantity", "qty", "count", "counted"),
}  # fmt: skip


def read_receipt_counts(session: Session, shipment_id: int, path: str | Path) -> dict[int, Decimal]:
    """{sku_id: units received} from a counts file (SKU code, received quantity) for a receipt.

    A blank quantity means the SKU was not counted and is left out. Every bad row — an
    unknown SKU, one not on the shipment, one listed twice, a quantity that is not a
    number ≥ 0 with at most 5 decimals — is listed in ImportRejected; nothing is read then.
    """
    from desktop_app.core.importers.tabular import read_table

    path = Path(path)
    shipment = shipments.get_shipment(session, shipment_id)
    table = read_table(path, aliases=COUNT_ALIASES)
    table.require(COUNT_ALIASES, kind="receipt")
    summary = ImportSummary(file=path.name, kind="receipt")
    rows = []
    for number, row in table.rows():
        summary.rows += 1
        rows.append((number, row.get("sku").strip(), row.get("received").strip()))
    on_shipment = {line.sku_id for line in shipment.lines}
    ids = _ids(session, Sku.code, (code for _n, code, _q in rows if code))
    counts: dict[int, Decimal] = {}
    first: dict[str, int] = {}
    for number, code, text in rows:
        errors = _count_errors(table, shipment.ref, number, code, text, ids, on_shipment, first)
        summary.errors += errors
        if not errors and text:
            counts[ids[code]] = _number(text, 5, False)
    if summary.errors:
        raise ImportRejected(summary)
    return counts


def _count_errors(
    table: Table, ref: str, number: int, code: str, text: str,
    ids: dict[str, int], on_shipment: set[int], first: dict[str, int],
) -> list[RowError]:  # fmt: skip
    errors = []

    def bad(name: str, value: str, reason: str) -> None:
        errors.append(RowError(number, table.column(name), value, reason))

    if not code:
        bad("sku", "", "the SKU code is empty")
    elif code not in ids:
        bad("sku", code, "no SKU with this code in the catalogue")
    elif ids[code] not in on_shipment:
        bad("sku", code, f"this SKU is not on shipment {ref}")
    elif code in first:
        bad("sku", code, f"this SKU is already counted on row {first[code]}")
    else:
        first[code] = number
    if text:
        try:
            _number(text, 5, False)
        except _Bad as exc:
            bad("received", text, str(exc))
    return errors
