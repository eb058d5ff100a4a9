"""Declaration checks: every field against the code tables and DOMAIN.md §8, as a list of problems.

`check_declaration` never raises and never writes: it returns one Problem per finding, naming
the field (the model attribute, e.g. "gross_weight_kg") and for a line its 项号, with the
reason. Errors stop filing; warnings (a table not loaded, a rebate concern) are shown only.
Code tables that are not built in (ports, customs districts, domestic ports) are checked
when the user has loaded them, else only the code's format is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Session

from desktop_app.core import codes, declaration_elements, validate
from desktop_app.core.errors import FieldProblem
from desktop_app.core.models import Declaration, DeclarationLine, Sku
from desktop_app.core.models.base import ScaledDecimal
from desktop_app.core.models.declarations import MAX_LINES
from desktop_app.core.money import ZERO, quantize, round_fen, to_decimal
from desktop_app.core.services import rate_library

ERROR, WARNING = "error", "warning"
EXPORT_MODES = ("0110", "9610", "9710", "9810")
CONTRACT_MODES = ("0110", "9710")  # the order is a contract: its number belongs on the form
# 成交方式 code → the charges its price includes and the form must show (CIF, C&F, C&I).
CHARGES_INCLUDED = {1: ("freight", "insurance"), 2: ("freight",), 4: ("insurance",)}
_CODE_TABLES = {
    "supervision_mode": "supervision_modes", "levy_nature": "levy_nature",
    "transport_mode": "transport_modes", "package_kind": "package_kinds",
    "trade_country": "countries", "destination_country": "countries",
    "currency": "currencies",
}  # fmt: skip
_LINE_TABLES = {
    "first_unit": "units", "second_unit": "units", "trade_unit": "units",
    "origin_country": "countries", "destination_country": "countries",
    "currency": "currencies", "levy_mode": "levy_modes",
}  # fmt: skip
_LOADED_ONLY = {
    "destination_port": "ports", "departure_port": "domestic_ports",
    "exit_customs": "customs_districts", "declare_customs": "customs_districts",
}  # fmt: skip


@dataclass
class Problem(FieldProblem):
    """A FieldProblem of a declaration: `line` is the 项号 of a line's field (None: header)."""

    line: int | None = None
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        value = "" if self.value is None else f" = {self.value!r}"
        return f"{where}{self.field}{value}: {self.reason}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


class _Tables:
    """The active codes of each table, read once per check."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._codes: dict[str, set[str] | None] = {}

    def codes(self, table: str) -> set[str] | None:
        """The table's codes, or None when no version of it is loaded."""
        if table not in self._codes:
            loaded = codes.active_version(self.session, table) is not None
            found = {e.code for e in codes.entries(self.session, table)} if loaded else None
            self._codes[table] = found
        return self._codes[table]

    def known(self, table: str, code: str) -> bool:
        found = self.codes(table)
        return found is None or code in found


class _Found(list[Problem]):
    def add(self, field: str, reason: str, value: object = None, line: int | None = None,
            severity: str = ERROR) -> None:  # fmt: skip
        self.append(Problem(field, reason, value, line=line, severity=severity))


def check_declaration(
    session: Session, declaration: Declaration, *, today: dt.date | None = None
) -> list[Problem]:
    """Every problem of the declaration, header first, then line by line.

    Unsaved edits are checked as they are: nothing is flushed while the tables are read.
    """
    today = today or dt.date.today()
    tables, found = _Tables(session), _Found()
    with session.no_autoflush:
        _header_codes(declaration, tables, found)
        _parties(declaration, found)
        _dates(declaration, today, found)
        _packing(declaration, found)
        _terms(declaration, found)
        _numbers(declaration, found)
        _lines(declaration, tables, found)
        _rate_library(session, declaration, today, found)
    return list(found)


def _header_codes(d: Declaration, tables: _Tables, found: _Found) -> None:
    for name, table in _CODE_TABLES.items():
        value = getattr(d, name) or ""
        if not value:
            found.add(name, "required")
        elif not tables.known(table, value):
            found.add(name, f"not in the code table {codes.TABLES[table][0]}", value)
    if d.supervision_mode and d.supervision_mode not in EXPORT_MODES:
        found.add("supervision_mode", "not an export mode this app declares "
                  f"({', '.join(EXPORT_MODES)})", d.supervision_mode, severity=WARNING)  # fmt: skip
    for name, table in _LOADED_ONLY.items():
        value = getattr(d, name) or ""
        if not value:
            found.add(name, "not filled in", severity=WARNING if "port" in name else ERROR)
        elif tables.codes(table) is None:
            if "customs" in name and validate.check_customs_district(value):
                found.add(name, validate.check_customs_district(value) or "", value)
        elif not tables.known(table, value):
            found.add(name, f"not in the code table {codes.TABLES[table][0]}", value)


def _parties(d: Declaration, found: _Found) -> None:
    for role in ("consignor", "producer"):
        name, code = getattr(d, f"{role}_name"), getattr(d, f"{role}_code")
        if not name.strip():
            found.add(f"{role}_name", "required")
        reason = party_code_problem(code)
        if reason:
            found.add(f"{role}_code", reason, code)
    if not d.overseas_consignee.strip():
        found.add("overseas_consignee", "required")
    if d.supervision_mode in CONTRACT_MODES and not d.contract_no.strip():
        found.add("contract_no", "the contract (order) number is missing", severity=WARNING)


def party_code_problem(code: str) -> str | None:
    """境内发货人 / 生产销售单位: an 18-character USCC, else the 10-character customs code."""
    if not code:
        return "required: the USCC (18 characters) or the customs code (10)"
    if len(code) == 18:
        return validate.check_uscc(code)
    if len(code) == 10:
        return validate.check_customs_code(code)
    return f"must be a USCC (18 characters) or a customs code (10), not {len(code)} characters"


def _dates(d: Declaration, today: dt.date, found: _Found) -> None:
    for name in ("export_date", "declare_date"):
        day = getattr(d, name)
        if day is not None and day > today:
            found.add(name, "in the future", day.isoformat())
    if d.status in ("cleared", "amended"):
        if d.export_date is None:
            found.add("export_date", "a cleared declaration has its export date")
        if not d.customs_no:
            found.add("customs_no", "a cleared declaration has its customs number")
    if d.period_from and d.period_to and d.period_to < d.period_from:
        found.add("period_to", "the period ends before it starts", d.period_to.isoformat())
    if d.supervision_mode == "9610" and d.period_from is None:
        found.add("period_from", "a 9610 summary names its period", severity=WARNING)


def _packing(d: Declaration, found: _Found) -> None:
    if d.packages < 1:
        found.add("packages", "at least one package", d.packages)
    for name in ("gross_weight_kg", "net_weight_kg"):
        value = getattr(d, name)
        if value is None or value <= 0:
            found.add(name, "required, above 0 kg", value)
    gross, net = d.gross_weight_kg, d.net_weight_kg
    if gross is not None and net is not None and net > gross:
        found.add("net_weight_kg", f"above the gross weight {gross} kg", net)
    nets = [line.net_weight_kg for line in d.lines]
    if net is not None and None not in nets and sum(nets, ZERO) != net:  # type: ignore[arg-type]
        found.add("net_weight_kg", f"the lines' net weights add up to {sum(nets, ZERO)} kg",  # type: ignore[arg-type]
                  net, severity=WARNING)  # fmt: skip


def _terms(d: Declaration, found: _Found) -> None:
    included = CHARGES_INCLUDED.get(d.trade_terms, ())
    for name in ("freight", "insurance", "other_charges"):
        amount, mark = getattr(d, name), getattr(d, f"{name}_mark")
        if name in included and not amount:
            found.add(name, f"required under trade terms {d.trade_terms} (the price includes it)")
        if amount and d.trade_terms == 3 and name != "other_charges":
            found.add(name, "not declared under FOB (the price does not include it)", amount,
                      severity=WARNING)  # fmt: skip
        if amount and mark not in (1, 2, 3):
            found.add(f"{name}_mark", "say whether it is a rate (1), per unit (2) or total (3)",
                      mark)  # fmt: skip
        if amount and mark == 1 and amount > 100:
            found.add(name, "a rate above 100 %", amount)
    if not 1 <= d.trade_terms <= 7:
        found.add("trade_terms", "must be 1 to 7", d.trade_terms)


def _numbers(d: Declaration, found: _Found) -> None:
    if d.customs_no:
        reason = validate.check_customs_no(d.customs_no)
        if reason:
            found.add("customs_no", reason, d.customs_no)
        elif d.declare_customs and d.customs_no[:4] != d.declare_customs:
            found.add("customs_no", f"its first 4 digits are not the declaring customs "
                      f"{d.declare_customs}", d.customs_no, severity=WARNING)  # fmt: skip
    total = sum((line.amount for line in d.lines), ZERO)
    if total != d.total_amount:
        found.add("total_amount", f"the lines add up to {total}", d.total_amount)
    fobs = [line.usd_fob for line in d.lines]
    if d.usd_fob is None:
        found.add("usd_fob", "no USD FOB for the rebate yet (an exchange rate is missing)",
                  severity=WARNING)  # fmt: skip
    elif None not in fobs and sum(fobs, ZERO) != d.usd_fob:  # type: ignore[arg-type]
        found.add("usd_fob", f"the lines' USD FOB add up to {sum(fobs, ZERO)}", d.usd_fob)  # type: ignore[arg-type]


def _lines(d: Declaration, tables: _Tables, found: _Found) -> None:
    if not d.lines:
        found.add("lines", "a declaration has at least one line")
    if len(d.lines) > MAX_LINES:
        found.add("lines", f"at most {MAX_LINES} lines; split the declaration", len(d.lines))
    for expected, line in enumerate(d.lines, start=1):
        if line.line_no != expected:
            found.add("line_no", f"should be {expected}: lines are numbered 1, 2, 3 …",
                      line.line_no, line.line_no)  # fmt: skip
        _line(d, line, tables, found)


def _line(d: Declaration, line: DeclarationLine, tables: _Tables, found: _Found) -> None:
    n = line.line_no
    reason = validate.check_hs_code(line.hs_code)
    if reason:
        found.add("hs_code", reason, line.hs_code, n)
    if not line.name_cn.strip():
        found.add("name_cn", "required", line=n)
    reason = elements_problem(line.declaration_elements)
    if reason:
        found.add("declaration_elements", reason, line.declaration_elements, n)
    for name, table in _LINE_TABLES.items():
        value = getattr(line, name)
        if value is None and name == "second_unit":
            continue
        if not value:
            found.add(name, "required", line=n)
        elif not tables.known(table, value):
            found.add(name, f"not in the code table {codes.TABLES[table][0]}", value, n)
    if line.currency and line.currency != d.currency:
        found.add("currency", f"the declaration is in {d.currency}", line.currency, n)
    if (line.second_unit is None) != (line.second_quantity is None):
        found.add("second_quantity", "a second unit and its quantity go together",
                  line.second_quantity, n)  # fmt: skip
    _line_figures(line, found)
    if not line.domestic_source or validate.check_region_code(line.domestic_source):
        found.add("domestic_source", "a 5-character domestic region code (境内货源地)",
                  line.domestic_source, n)  # fmt: skip


def _line_figures(line: DeclarationLine, found: _Found) -> None:
    n = line.line_no
    for name in ("first_quantity", "trade_quantity", "amount"):
        if getattr(line, name) <= 0:
            found.add(name, "must be above 0", getattr(line, name), n)
    if line.trade_unit == line.first_unit and line.trade_quantity != line.first_quantity:
        found.add("first_quantity", f"the trade unit is the legal unit: should equal the "
                  f"trade quantity {line.trade_quantity}", line.first_quantity, n,
                  WARNING)  # fmt: skip
    if line.trade_quantity > 0 and not price_matches(
        line.unit_price, line.trade_quantity, line.amount
    ):
        found.add("amount", f"not the unit price {line.unit_price} × quantity "
                  f"{line.trade_quantity} (to the fen)", line.amount, n)  # fmt: skip
    net, gross = line.net_weight_kg, line.gross_weight_kg
    if net is None or net <= 0:
        found.add("net_weight_kg", "required, above 0 kg", net, n, WARNING)
    elif gross is not None and net > gross:
        found.add("net_weight_kg", f"above the gross weight {gross} kg", net, n)


def price_matches(unit_price: Decimal, quantity: Decimal, amount: Decimal) -> bool:
    """The amount is the price × quantity to the fen, or the price the amount ÷ quantity."""
    return round_fen(unit_price * quantity) == amount or unit_price == quantize(
        amount / quantity, 4
    )


def elements_problem(text: str) -> str | None:
    """申报要素 of an export: the first two are the brand type (0–4) and preference (0–3)."""
    brand, preference = declaration_elements.leading_codes(declaration_elements.parse(text))
    if brand is None or brand not in "01234" or len(brand) != 1:
        return "the first element must be the brand type 0–4 (品牌类型)"
    if preference is None or preference not in "0123" or len(preference) != 1:
        return "the second element must be the export preference 0–3 (出口享惠情况)"
    return None


def _rate_library(session: Session, d: Declaration, today: dt.date, found: _Found) -> None:
    """DOMAIN.md §8: the HS code exists in the rate library on the export date (the rebate)."""
    if not rate_library.has_active(session):
        return
    day = d.export_date or d.declare_date or today
    for hs_code in sorted({line.hs_code for line in d.lines}):
        if re.fullmatch(r"\d{10}", hs_code) and rate_library.lookup(session, hs_code, day) is None:
            for line in d.lines:
                if line.hs_code == hs_code:
                    found.add("hs_code", f"not in the rate library on {day.isoformat()}: "
                              "no rebate for it", hs_code, line.line_no, WARNING)  # fmt: skip


# ---------------------------------------------------------------- values as stored

_AT_LEAST_ZERO = {"packages", "freight", "insurance", "other_charges", "amount",
                  "trade_quantity", "second_quantity", "unit_price"}  # fmt: skip


def coerce_fields(
    model: Any, values: Mapping[str, Any], allowed: tuple[str, ...],
    problems: list[FieldProblem], line: int | None,
) -> dict[str, Any]:  # fmt: skip
    """`values` as the model's columns store them; what cannot be stored goes to `problems`
    (wrong type, too long, a CHECK the database would refuse), nothing is raised."""
    clean = {}
    for name, value in values.items():
        field = name if line is None else f"line {line}: {name}"
        if name not in allowed:
            problems.append(FieldProblem(field, "not a field that can be edited", value))
            continue
        try:
            clean[name] = _value(model.__table__.c[name], name, value)
        except (ValueError, TypeError, ArithmeticError) as exc:
            problems.append(FieldProblem(field, str(exc), value))
    return clean


def _value(column: Any, name: str, value: Any) -> Any:
    """A value as the column stores it, or ValueError saying why it cannot be."""
    kind = column.type
    if value is None or (isinstance(value, str) and not value.strip()):
        if column.nullable:
            return None
        if isinstance(kind, String | Text):
            return ""
        raise ValueError("required")
    if isinstance(kind, ScaledDecimal):
        number = to_decimal(value)
        if number != quantize(number, kind.scale):
            raise ValueError(f"at most {kind.scale} decimal places")
        if name in _AT_LEAST_ZERO and number < 0:
            raise ValueError("cannot be negative")
        if name == "first_quantity" and number <= 0:
            raise ValueError("must be above 0")
        return number
    if isinstance(kind, Integer):
        return _integer(name, value)
    if isinstance(kind, Date):
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
    return _text(kind, name, value)


def _integer(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("must be a whole number")
    number = int(value)
    if name == "trade_terms" and not 1 <= number <= 7:
        raise ValueError("must be 1 to 7")
    if name in _AT_LEAST_ZERO and number < 0:
        raise ValueError("cannot be negative")
    return number


def _text(kind: Any, name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    text = value.strip()
    if name in ("currency", "charges_currency", "trade_country", "destination_country",
                "origin_country", "customs_no"):  # fmt: skip
        text = text.upper()
    if kind.length is not None and len(text) > kind.length:
        raise ValueError(f"at most {kind.length} characters, got {len(text)}")
    reason = {"hs_code": validate.check_hs_code, "customs_no": validate.check_customs_no}.get(name)
    if reason and reason(text):
        raise ValueError(reason(text))
    if name == "supervision_mode" and not (len(text) == 4 and text.isdigit()):
        raise ValueError("must be 4 digits")
    return text


def weight_problems(
    declaration: Declaration, header: dict[str, Any], by_no: dict[int, DeclarationLine],
    lines: dict[int, dict[str, Any]], problems: list[FieldProblem],
) -> None:  # fmt: skip
    """Net ≤ gross weight on the header and each line, as they will be after the change."""
    targets = [(declaration, header, "")] + [(by_no[n], f, f"line {n}: ") for n, f in lines.items()]
    for target, fields, prefix in targets:
        net = fields.get("net_weight_kg", target.net_weight_kg)
        gross = fields.get("gross_weight_kg", target.gross_weight_kg)
        if net is not None and gross is not None and net > gross:
            problems.append(FieldProblem(f"{prefix}net_weight_kg",
                                         f"above the gross weight {gross} kg", net))  # fmt: skip


def sku_problems(skus: Iterable[Sku]) -> list[FieldProblem]:
    """What keeps a SKU off a declaration: the fields a declaration line cannot do without."""
    problems = []
    for sku in skus:
        where = f"SKU {sku.code}"
        if not (sku.hs_code and re.fullmatch(r"\d{10}", sku.hs_code)):
            problems.append(FieldProblem(f"{where}: hs_code", "needs a 10-digit HS code",
                                         sku.hs_code))  # fmt: skip
        if not sku.legal_first_unit:
            problems.append(FieldProblem(f"{where}: legal_first_unit", "needs its legal unit"))
        if not sku.first_unit_factor or sku.first_unit_factor <= 0:
            problems.append(FieldProblem(f"{where}: first_unit_factor", "must be above 0",
                                         sku.first_unit_factor))  # fmt: skip
        if sku.legal_second_unit and not sku.second_unit_factor:
            problems.append(FieldProblem(f"{where}: second_unit_factor",
                                         "needed with a second legal unit"))  # fmt: skip
    return problems
