"""Warehouses (domestic, overseas 3PL, FBA): create, edit, list and switch them on or off."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.models import StockBalance, Warehouse
from desktop_app.core.models.stock import WAREHOUSE_KINDS

TEXT_LIMITS = {"code": 30, "name": 100, "provider": 100, "address": 300}
REQUIRED = ("code", "name")
EDITABLE = frozenset({*TEXT_LIMITS, "kind", "country", "currency"})
HOME_COUNTRY = "CHN"


def create_warehouse(
    session: Session,
    *,
    code: str,
    name: str,
    kind: str,
    country: str,
    currency: str = "CNY",
    provider: str = "",
    address: str = "",
) -> Warehouse:
    """A new active warehouse; ValidationFailed lists every problem and nothing is written."""
    fields = {"code": code, "name": name, "kind": kind, "country": country,
              "currency": currency, "provider": provider, "address": address}  # fmt: skip
    clean = _checked(session, fields, None)
    warehouse = Warehouse(**clean, active=True)
    session.add(warehouse)
    session.flush()
    return warehouse


def update_warehouse(session: Session, warehouse_id: int, **fields: Any) -> Warehouse:
    """Change some fields (code, name, kind, country, currency, provider, address).

    The active flag changes through set_active, which checks the warehouse is empty.
    """
    warehouse = get_warehouse(session, warehouse_id)
    unknown = sorted(set(fields) - EDITABLE)
    if unknown:
        problems = [FieldProblem(n, "not a warehouse field that can be edited") for n in unknown]
        raise ValidationFailed(problems)
    current = {name: getattr(warehouse, name) for name in EDITABLE}
    clean = _checked(session, {**current, **fields}, warehouse)
    for name in fields:
        setattr(warehouse, name, clean[name])
    session.flush()
    return warehouse


def set_active(session: Session, warehouse_id: int, active: bool) -> Warehouse:
    """Switch a warehouse on or off; an inactive one takes no stock moves.

    Refused while the warehouse still holds stock or has stock in transit to it: those
    units would have nowhere to go.
    """
    warehouse = get_warehouse(session, warehouse_id)
    if not active and warehouse.active:
        held = session.execute(
            select(func.count(), func.sum(StockBalance.on_hand), func.sum(StockBalance.in_transit))
            .where(StockBalance.warehouse_id == warehouse_id)
            .where((StockBalance.on_hand != 0) | (StockBalance.in_transit != 0))
        ).one()
        if held[0]:
            reason = (
                f"{held[0]} SKUs still there ({_plain(held[1])} units on hand,"
                f" {_plain(held[2])} in transit);"
                " ship, sell or count them out first"
            )
            raise ValidationFailed([FieldProblem("active", reason, warehouse.code)])
    warehouse.active = bool(active)
    session.flush()
    return warehouse


def list_warehouses(session: Session, active_only: bool = False) -> list[Warehouse]:
    query = select(Warehouse).order_by(Warehouse.code)
    if active_only:
        query = query.where(Warehouse.active.is_(True))
    return list(session.scalars(query))


def get_warehouse(session: Session, warehouse_id: int) -> Warehouse:
    warehouse = session.get(Warehouse, warehouse_id)
    if warehouse is None:
        raise BadInput(f"no warehouse with id {warehouse_id}")
    return warehouse


def find_warehouse(session: Session, code: str) -> Warehouse | None:
    """The warehouse with this code, ignoring case (for `--warehouse W`)."""
    wanted = code.strip().upper()
    return session.scalar(select(Warehouse).where(func.upper(Warehouse.code) == wanted))


def _checked(
    session: Session, fields: Mapping[str, Any], existing: Warehouse | None
) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for name, limit in TEXT_LIMITS.items():
        value = fields.get(name)
        text = "" if value is None else str(value).strip()
        clean[name] = text
        if name in REQUIRED and not text:
            problems.append(FieldProblem(name, "required", value))
        elif len(text) > limit:
            problems.append(FieldProblem(name, f"longer than {limit} characters", value))
    clean["kind"] = str(fields.get("kind") or "").strip()
    if clean["kind"] not in WAREHOUSE_KINDS:
        reason = f"must be one of {', '.join(WAREHOUSE_KINDS)}"
        problems.append(FieldProblem("kind", reason, fields.get("kind")))
    for name, table in (("country", "countries"), ("currency", "currencies")):
        clean[name] = str(fields.get(name) or "").strip().upper()
        reason = _code_problem(session, table, clean[name])
        if reason:
            problems.append(FieldProblem(name, reason, fields.get(name)))
    problems += _placement_problems(clean)
    if clean["code"] and _code_taken(session, clean["code"], existing):
        problems.append(FieldProblem("code", "another warehouse has this code", clean["code"]))
    if problems:
        raise ValidationFailed(problems)
    return clean


def _code_problem(session: Session, table: str, code: str) -> str | None:
    """A 3-letter ISO code the customs table knows (or pycountry, when no table is loaded)."""
    what = "country (ISO alpha-3, e.g. USA)" if table == "countries" else "currency (e.g. USD)"
    if len(code) != 3 or not code.isalpha():
        return f"must be a 3-letter {what}"
    if codes.active_version(session, table) is not None:
        known = codes.is_valid(session, table, code)
    else:
        known = _pycountry_knows(table, code)
    return None if known else f"not a known {what}"


def _pycountry_knows(table: str, code: str) -> bool:
    import pycountry  # loaded only when the code tables are missing

    found = (
        pycountry.countries.get(alpha_3=code)
        if table == "countries"
        else pycountry.currencies.get(alpha_3=code)
    )
    return found is not None


def _placement_problems(clean: Mapping[str, Any]) -> list[FieldProblem]:
    """A domestic warehouse is in China; an overseas one (3PL, FBA) is not."""
    kind, country = clean["kind"], clean["country"]
    if kind == "domestic" and country and country != HOME_COUNTRY:
        return [FieldProblem("country", "a domestic warehouse is in China (CHN)", country)]
    if kind in ("overseas_3pl", "fba") and country == HOME_COUNTRY:
        return [FieldProblem("country", "an overseas warehouse is outside China", country)]
    return []


def _code_taken(session: Session, code: str, existing: Warehouse | None) -> bool:
    query = select(Warehouse.id).where(func.upper(Warehouse.code) == code.upper())
    if existing is not None:
        query = query.where(Warehouse.id != existing.id)
    return session.scalar(query.limit(1)) is not None


def _plain(quantity: Decimal) -> str:
    return f"{quantity.normalize():f}"
