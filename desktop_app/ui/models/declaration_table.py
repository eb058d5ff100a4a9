"""The columns of the declarations table, the translated names of declaration codes and fields,
and the checks' reasons in the UI language."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from desktop_app.core.services.declaration_life import HistoryEntry
from desktop_app.core.services.declaration_query import DeclarationRow
from desktop_app.ui.models.lazy_table import CENTER, RIGHT, Column
from desktop_app.ui.models.shipment_table import day, money
from desktop_app.ui.models.texts import labeller, translator
from desktop_app.ui.reasons import match_reason, translate_reason

CONTEXT = "Declarations"
WARN = QColor("#c0392b")
CAUTION = QColor("#b9770e")
MUTED = QColor("#7a8594")
GOOD = QColor("#1e7b34")

STATUSES = {
    "draft": QT_TRANSLATE_NOOP("Declarations", "Draft"),
    "filed": QT_TRANSLATE_NOOP("Declarations", "Filed"),
    "cleared": QT_TRANSLATE_NOOP("Declarations", "Cleared"),
    "amended": QT_TRANSLATE_NOOP("Declarations", "Amended"),
    "cancelled": QT_TRANSLATE_NOOP("Declarations", "Cancelled"),
}
MODES = {
    "9810": QT_TRANSLATE_NOOP("Declarations", "9810 Overseas warehouse"),
    "9610": QT_TRANSLATE_NOOP("Declarations", "9610 B2C summary"),
    "9710": QT_TRANSLATE_NOOP("Declarations", "9710 B2B direct"),
    "0110": QT_TRANSLATE_NOOP("Declarations", "0110 General trade"),
}
SOURCES = {
    "shipment": QT_TRANSLATE_NOOP("Declarations", "from a first-leg shipment"),
    "orders_9610": QT_TRANSLATE_NOOP("Declarations", "summary of B2C orders"),
    "b2b_order": QT_TRANSLATE_NOOP("Declarations", "from a B2B order"),
    "general_trade": QT_TRANSLATE_NOOP("Declarations", "from a general-trade order"),
    "manual": QT_TRANSLATE_NOOP("Declarations", "entered by hand"),
    "imported": QT_TRANSLATE_NOOP("Declarations", "imported"),
}

# Every field the form shows, by model attribute: the English label (Chinese box name in zh_CN).
FIELDS = {
    "pre_entry_no": QT_TRANSLATE_NOOP("Declarations", "Pre-entry no."),
    "customs_no": QT_TRANSLATE_NOOP("Declarations", "Customs no."),
    "consignor_name": QT_TRANSLATE_NOOP("Declarations", "Domestic consignor"),
    "consignor_code": QT_TRANSLATE_NOOP("Declarations", "Consignor code (USCC)"),
    "overseas_consignee": QT_TRANSLATE_NOOP("Declarations", "Overseas consignee"),
    "producer_name": QT_TRANSLATE_NOOP("Declarations", "Producer or seller"),
    "producer_code": QT_TRANSLATE_NOOP("Declarations", "Producer code (USCC)"),
    "exit_customs": QT_TRANSLATE_NOOP("Declarations", "Exit customs"),
    "declare_customs": QT_TRANSLATE_NOOP("Declarations", "Declaring customs"),
    "export_date": QT_TRANSLATE_NOOP("Declarations", "Export date"),
    "declare_date": QT_TRANSLATE_NOOP("Declarations", "Declare date"),
    "filing_no": QT_TRANSLATE_NOOP("Declarations", "Filing no."),
    "license_no": QT_TRANSLATE_NOOP("Declarations", "Licence no."),
    "transport_mode": QT_TRANSLATE_NOOP("Declarations", "Transport mode"),
    "transport_name": QT_TRANSLATE_NOOP("Declarations", "Vessel or flight"),
    "bill_no": QT_TRANSLATE_NOOP("Declarations", "Bill of lading no."),
    "supervision_mode": QT_TRANSLATE_NOOP("Declarations", "Supervision mode"),
    "levy_nature": QT_TRANSLATE_NOOP("Declarations", "Levy nature"),
    "contract_no": QT_TRANSLATE_NOOP("Declarations", "Contract no."),
    "trade_country": QT_TRANSLATE_NOOP("Declarations", "Trading country"),
    "destination_country": QT_TRANSLATE_NOOP("Declarations", "Destination country"),
    "destination_port": QT_TRANSLATE_NOOP("Declarations", "Destination port"),
    "departure_port": QT_TRANSLATE_NOOP("Declarations", "Port of departure"),
    "package_kind": QT_TRANSLATE_NOOP("Declarations", "Package kind"),
    "packages": QT_TRANSLATE_NOOP("Declarations", "Packages"),
    "gross_weight_kg": QT_TRANSLATE_NOOP("Declarations", "Gross weight (kg)"),
    "net_weight_kg": QT_TRANSLATE_NOOP("Declarations", "Net weight (kg)"),
    "trade_terms": QT_TRANSLATE_NOOP("Declarations", "Trade terms"),
    "freight": QT_TRANSLATE_NOOP("Declarations", "Freight"),
    "freight_mark": QT_TRANSLATE_NOOP("Declarations", "Freight mark"),
    "insurance": QT_TRANSLATE_NOOP("Declarations", "Insurance"),
    "insurance_mark": QT_TRANSLATE_NOOP("Declarations", "Insurance mark"),
    "other_charges": QT_TRANSLATE_NOOP("Declarations", "Other charges"),
    "other_charges_mark": QT_TRANSLATE_NOOP("Declarations", "Other charges mark"),
    "charges_currency": QT_TRANSLATE_NOOP("Declarations", "Charges currency"),
    "currency": QT_TRANSLATE_NOOP("Declarations", "Currency"),
    "total_amount": QT_TRANSLATE_NOOP("Declarations", "Total"),
    "usd_fob": QT_TRANSLATE_NOOP("Declarations", "USD FOB"),
    "attached_documents": QT_TRANSLATE_NOOP("Declarations", "Attached documents"),
    "marks_remarks": QT_TRANSLATE_NOOP("Declarations", "Marks and remarks"),
    "period_from": QT_TRANSLATE_NOOP("Declarations", "Period from"),
    "period_to": QT_TRANSLATE_NOOP("Declarations", "Period to"),
    "lines": QT_TRANSLATE_NOOP("Declarations", "Lines"),
    "status": QT_TRANSLATE_NOOP("Declarations", "Status"),
    "reason": QT_TRANSLATE_NOOP("Declarations", "Reason"),
    "line_no": QT_TRANSLATE_NOOP("Declarations", "Item no."),
    "hs_code": QT_TRANSLATE_NOOP("Declarations", "HS code"),
    "name_cn": QT_TRANSLATE_NOOP("Declarations", "Name"),
    "declaration_elements": QT_TRANSLATE_NOOP("Declarations", "Declaration elements"),
    "first_quantity": QT_TRANSLATE_NOOP("Declarations", "Legal qty 1"),
    "first_unit": QT_TRANSLATE_NOOP("Declarations", "Unit 1"),
    "second_quantity": QT_TRANSLATE_NOOP("Declarations", "Legal qty 2"),
    "second_unit": QT_TRANSLATE_NOOP("Declarations", "Unit 2"),
    "trade_quantity": QT_TRANSLATE_NOOP("Declarations", "Trade qty"),
    "trade_unit": QT_TRANSLATE_NOOP("Declarations", "Trade unit"),
    "unit_price": QT_TRANSLATE_NOOP("Declarations", "Unit price"),
    "amount": QT_TRANSLATE_NOOP("Declarations", "Amount"),
    "origin_country": QT_TRANSLATE_NOOP("Declarations", "Origin"),
    "domestic_source": QT_TRANSLATE_NOOP("Declarations", "Domestic source"),
    "levy_mode": QT_TRANSLATE_NOOP("Declarations", "Levy"),
}
# A line's destination is 最终目的国, not the header's 运抵国.
LINE_DESTINATION = QT_TRANSLATE_NOOP("Declarations", "Final destination")

TEXT = {
    "Ref": QT_TRANSLATE_NOOP("Declarations", "Ref"),
    "Mode": QT_TRANSLATE_NOOP("Declarations", "Mode"),
    "Status": QT_TRANSLATE_NOOP("Declarations", "Status"),
    "Customs no.": QT_TRANSLATE_NOOP("Declarations", "Customs no."),
    "Export date": QT_TRANSLATE_NOOP("Declarations", "Export date"),
    "Consignee": QT_TRANSLATE_NOOP("Declarations", "Consignee"),
    "Destination": QT_TRANSLATE_NOOP("Declarations", "Destination"),
    "Lines": QT_TRANSLATE_NOOP("Declarations", "Lines"),
    "Total": QT_TRANSLATE_NOOP("Declarations", "Total"),
    "USD FOB": QT_TRANSLATE_NOOP("Declarations", "USD FOB"),
    "Problems": QT_TRANSLATE_NOOP("Declarations", "Problems"),
    "{0} errors, {1} warnings": QT_TRANSLATE_NOOP("Declarations", "{0} errors, {1} warnings"),
    "Counted while a draft or filed": QT_TRANSLATE_NOOP(
        "Declarations", "Counted while a draft or filed; select it to see its checks"
    ),
    "Declaration": QT_TRANSLATE_NOOP("Declarations", "Declaration"),
    "Line": QT_TRANSLATE_NOOP("Declarations", "Line"),
    "Lines {0}–{1}": QT_TRANSLATE_NOOP("Declarations", "Lines {0}–{1}"),
    "created": QT_TRANSLATE_NOOP("Declarations", "created"),
    "removed": QT_TRANSLATE_NOOP("Declarations", "removed"),
    "Amendment": QT_TRANSLATE_NOOP("Declarations", "Amendment"),
}  # column titles and notes, marked for lupdate (it reads no module-level tr())

# The checks' English reasons in the UI language (reasons.py has the general ones).
REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^required$", QT_TRANSLATE_NOOP("Declarations", "required")),
        (r"^not filled in$", QT_TRANSLATE_NOOP("Declarations", "not filled in")),
        (r"^not in the code table (.+)$",
         QT_TRANSLATE_NOOP("Declarations", "not in the code table {0}")),
        (r"^not an export mode this app declares \((.+)\)$",
         QT_TRANSLATE_NOOP("Declarations", "not an export mode this app declares ({0})")),
        (r"^the contract \(order\) number is missing$",
         QT_TRANSLATE_NOOP("Declarations", "the contract (order) number is missing")),
        (r"^required: the USCC \(18 characters\) or the customs code \(10\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "required: the USCC (18 characters) or the customs code (10)")),
        (r"^must be a USCC \(18 characters\) or a customs code \(10\), not (\d+) characters$",
         QT_TRANSLATE_NOOP("Declarations",
                           "must be a USCC (18 characters) or a customs code (10), not {0}")),
        (r"^in the future$", QT_TRANSLATE_NOOP("Declarations", "in the future")),
        (r"^a cleared declaration has its export date$",
         QT_TRANSLATE_NOOP("Declarations", "a cleared declaration has its export date")),
        (r"^a cleared declaration has its customs number$",
         QT_TRANSLATE_NOOP("Declarations", "a cleared declaration has its customs number")),
        (r"^the period ends before it starts$",
         QT_TRANSLATE_NOOP("Declarations", "the period ends before it starts")),
        (r"^a 9610 summary names its period$",
         QT_TRANSLATE_NOOP("Declarations", "a 9610 summary names its period")),
        (r"^at least one package$", QT_TRANSLATE_NOOP("Declarations", "at least one package")),
        (r"^required, above 0 kg$", QT_TRANSLATE_NOOP("Declarations", "required, above 0 kg")),
        (r"^above the gross weight (\S+) kg$",
         QT_TRANSLATE_NOOP("Declarations", "above the gross weight {0} kg")),
        (r"^the lines' net weights add up to (\S+) kg$",
         QT_TRANSLATE_NOOP("Declarations", "the lines' net weights add up to {0} kg")),
        (r"^required under trade terms (\d) \(the price includes it\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "required under trade terms {0} (the price includes it)")),
        (r"^not declared under FOB \(the price does not include it\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "not declared under FOB (the price does not include it)")),
        (r"^say whether it is a rate \(1\), per unit \(2\) or total \(3\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "say whether it is a rate (1), per unit (2) or total (3)")),
        (r"^a rate above 100 %$", QT_TRANSLATE_NOOP("Declarations", "a rate above 100 %")),
        (r"^must be 1 to 7$", QT_TRANSLATE_NOOP("Declarations", "must be 1 to 7")),
        (r"^its first 4 digits are not the declaring customs (\S+)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "its first 4 digits are not the declaring customs {0}")),
        (r"^the lines add up to (\S+)$", QT_TRANSLATE_NOOP("Declarations",
                                                          "the lines add up to {0}")),
        (r"^no USD FOB for the rebate yet \(an exchange rate is missing\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "no USD FOB for the rebate yet (an exchange rate is missing)")),
        (r"^the lines' USD FOB add up to (\S+)$",
         QT_TRANSLATE_NOOP("Declarations", "the lines' USD FOB add up to {0}")),
        (r"^a declaration has at least one line$",
         QT_TRANSLATE_NOOP("Declarations", "a declaration has at least one line")),
        (r"^at most (\d+) lines; split the declaration$",
         QT_TRANSLATE_NOOP("Declarations", "at most {0} lines; split the declaration")),
        (r"^should be (\d+): lines are numbered 1, 2, 3 …$",
         QT_TRANSLATE_NOOP("Declarations", "should be {0}: lines are numbered 1, 2, 3 …")),
        (r"^the first element must be the brand type 0–4 \(品牌类型\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "the first element must be the brand type 0–4 (品牌类型)")),
        (r"^the second element must be the export preference 0–3 \(出口享惠情况\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "the second element must be the export preference 0–3 (出口享惠情况)")),
        (r"^the declaration is in (\S+)$",
         QT_TRANSLATE_NOOP("Declarations", "the declaration is in {0}")),
        (r"^a second unit and its quantity go together$",
         QT_TRANSLATE_NOOP("Declarations", "a second unit and its quantity go together")),
        (r"^a 5-character domestic region code \(境内货源地\)$",
         QT_TRANSLATE_NOOP("Declarations", "a 5-character domestic region code (境内货源地)")),
        (r"^must be above 0$", QT_TRANSLATE_NOOP("Declarations", "must be above 0")),
        (r"^the trade unit is the legal unit: should equal the trade quantity (\S+)$",
         QT_TRANSLATE_NOOP(
             "Declarations",
             "the trade unit is the legal unit: should equal the trade quantity {0}")),
        (r"^not the unit price (\S+) × quantity (\S+) \(to the fen\)$",
         QT_TRANSLATE_NOOP("Declarations", "not the unit price {0} × quantity {1} (to the fen)")),
        (r"^not in the rate library on (\S+): no rebate for it$",
         QT_TRANSLATE_NOOP("Declarations", "not in the rate library on {0}: no rebate for it")),
        (r"^not a field that can be edited$",
         QT_TRANSLATE_NOOP("Declarations", "not a field that can be edited")),
        (r"^at most (\d+) decimal places$",
         QT_TRANSLATE_NOOP("Declarations", "at most {0} decimal places")),
        (r"^cannot be negative$", QT_TRANSLATE_NOOP("Declarations", "cannot be negative")),
        (r"^must be a whole number$", QT_TRANSLATE_NOOP("Declarations", "must be a whole number")),
        (r"^at most (\d+) characters, got (\d+)$",
         QT_TRANSLATE_NOOP("Declarations", "at most {0} characters, got {1}")),
        (r"^must be exactly (\d+) digits$",
         QT_TRANSLATE_NOOP("Declarations", "must be exactly {0} digits")),
        (r"^the 9th digit must be 0 for an export declaration \(1 is an import\)$",
         QT_TRANSLATE_NOOP("Declarations",
                           "the 9th digit must be 0 for an export declaration (1 is an import)")),
        (r"^not a number: .*$", QT_TRANSLATE_NOOP("Declarations", "not a number")),
        (r"^(?:Invalid isoformat string|month must be|day is out of range|year \d+ is out).*$",
         QT_TRANSLATE_NOOP("Declarations", "not a date (YYYY-MM-DD)")),
        (r"^already the number of (\S+)$",
         QT_TRANSLATE_NOOP("Declarations", "already the number of {0}")),
        (r"^the declaration is cancelled$",
         QT_TRANSLATE_NOOP("Declarations", "the declaration is cancelled")),
        (r"^say why the declaration is amended$",
         QT_TRANSLATE_NOOP("Declarations", "say why the declaration is amended")),
        (r"^no such line$", QT_TRANSLATE_NOOP("Declarations", "no such line")),
        (r"^not mapped to a SKU yet$",
         QT_TRANSLATE_NOOP("Declarations", "not mapped to a SKU yet")),
        (r"^no goods amount$", QT_TRANSLATE_NOOP("Declarations", "no goods amount")),
        (r"^no destination country$", QT_TRANSLATE_NOOP("Declarations", "no destination country")),
        (r"^needs a 10-digit HS code$",
         QT_TRANSLATE_NOOP("Declarations", "needs a 10-digit HS code")),
        (r"^needs its legal unit$", QT_TRANSLATE_NOOP("Declarations", "needs its legal unit")),
        (r"^needed with a second legal unit$",
         QT_TRANSLATE_NOOP("Declarations", "needed with a second legal unit")),
        (r"^no undeclared (\d+) orders shipped from (\S+) to (\S+)$",
         QT_TRANSLATE_NOOP("Declarations", "no undeclared {0} orders shipped from {1} to {2}")),
        (r"^shipment (\S+) is already declared by (.+)$",
         QT_TRANSLATE_NOOP("Declarations", "shipment {0} is already declared by {1}")),
    )
]  # fmt: skip


tr = translator(CONTEXT)

label = labeller(CONTEXT)


def field_label(name: str, *, line: bool = False) -> str:
    if line and name == "destination_country":
        return tr(LINE_DESTINATION)
    return label(FIELDS, name)


def translate_problem(reason: str) -> str:
    """A declaration problem's reason in the UI language (the general table as a fallback)."""
    return match_reason(REASONS, CONTEXT, reason) or translate_reason(reason)


_WHERE = [
    (re.compile(r"^order (\S+) line (\d+): (\w+)$"),
     QT_TRANSLATE_NOOP("Declarations", "Order {0}, line {1}")),
    (re.compile(r"^SKU (.+): (\w+)$"), QT_TRANSLATE_NOOP("Declarations", "SKU {0}")),
]  # fmt: skip
_LEFT_OUT = re.compile(r"^(order \S+ line \d+: \w+|SKU .+?: \w+)(?: = .*?)?: (.+)$")


def describe_source_problem(field: str, reason: str) -> str:
    """A drafting problem of an order line or SKU: "Order X, line 2: not mapped to a SKU yet"."""
    for pattern, template in _WHERE:
        match = pattern.match(field)
        if match:
            return f"{tr(template).format(*match.groups())}: {translate_problem(reason)}"
    return f"{field}: {translate_problem(reason)}"


def describe_left_out(text: str) -> str:
    """A line the draft left out, as the core words it ("order X line 2: sku: …")."""
    match = _LEFT_OUT.match(text)
    return describe_source_problem(*match.groups()) if match else text


def as_text(value: Any) -> str:
    """A stored value as an editor shows it: money keeps its cents, quantities drop zeros."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return str(value) if exponent == -2 else f"{value.normalize():f}"
    return str(value)


def history_rows(entries: list[HistoryEntry]) -> list[list[str]]:
    """When, who, what, change, reason — one row per step; lines created together in one."""
    rows: list[list[str]] = []
    added: list[str] = []
    for e in entries:
        row = _history_row(e)
        if e.action == "insert" and e.what == "declaration_line":
            if added and rows[-1][:2] == row[:2]:
                added.append(str(e.after.get("line_no", "")))
                rows[-1][2] = tr(TEXT["Lines {0}–{1}"]).format(added[0], added[-1])
                continue
            added = [str(e.after.get("line_no", ""))]
        else:
            added = []
        rows.append(row)
    return rows


def _history_row(e: HistoryEntry) -> list[str]:
    when = e.at.astimezone().strftime("%Y-%m-%d %H:%M")
    line = e.what == "declaration_line"
    what = tr(TEXT["Line"]) if line else tr(TEXT["Declaration"])
    number = e.after.get("line_no") or e.before.get("line_no")
    if line and number:
        what = f"{what} {number}"
    if e.action in ("insert", "delete"):
        change = tr(TEXT["created"] if e.action == "insert" else TEXT["removed"])
    else:
        change = "; ".join(
            f"{field_label(k, line=line)}: {_shown(k, e.before.get(k))} → {_shown(k, v)}"
            for k, v in e.after.items() if k != "updated_at"
        )  # fmt: skip
    action = tr(TEXT["Amendment"]) if e.action == "amendment" else what
    return [when, e.actor, action, change, e.reason]


def _shown(name: str, value: Any) -> str:
    """A value of the audit trail as the history shows it."""
    if value is None or value == "":
        return "—"
    return label(STATUSES, value) if name == "status" else str(value)


def _status_colour(row: DeclarationRow) -> QColor | None:
    if row.status in ("cleared", "amended"):
        return GOOD
    return MUTED if row.status == "cancelled" else None


def _problems_text(row: DeclarationRow) -> str:
    return "" if row.problems is None else str(row.problems)


def _problems_colour(row: DeclarationRow) -> QColor | None:
    if row.errors:
        return WARN
    return CAUTION if row.problems else None


def _problems_tip(row: DeclarationRow) -> str:
    if row.problems is None:
        return tr(TEXT["Counted while a draft or filed"])
    errors = row.errors or 0
    return tr(TEXT["{0} errors, {1} warnings"]).format(errors, row.problems - errors)


def declaration_columns() -> list[Column]:
    """Built when the screen is, so the titles follow the installed translation."""
    return [
        Column("ref", tr(TEXT["Ref"]), lambda r: r.ref, width=13),
        Column("mode", tr(TEXT["Mode"]), lambda r: r.mode, CENTER, width=5,
               tooltip=lambda r: label(MODES, r.mode)),
        Column("status", tr(TEXT["Status"]), lambda r: label(STATUSES, r.status), width=9,
               colour=_status_colour),
        Column("customs_no", tr(TEXT["Customs no."]), lambda r: r.customs_no or "", width=19),
        Column("export_date", tr(TEXT["Export date"]), lambda r: day(r.export_date), CENTER,
               width=10),
        Column("consignee", tr(TEXT["Consignee"]), lambda r: r.consignee, width=22,
               tooltip=lambda r: r.consignee),
        Column("destination", tr(TEXT["Destination"]), lambda r: r.destination, CENTER, width=5),
        Column("lines", tr(TEXT["Lines"]), lambda r: str(r.lines), RIGHT, width=4),
        Column("total", tr(TEXT["Total"]), lambda r: f"{money(r.total)} {r.currency}", RIGHT,
               width=14),
        Column("usd_fob", tr(TEXT["USD FOB"]), lambda r: money(r.usd_fob), RIGHT, width=11),
        Column("problems", tr(TEXT["Problems"]), _problems_text, RIGHT, width=5,
               sortable=False, colour=_problems_colour, tooltip=_problems_tip),
    ]  # fmt: skip
