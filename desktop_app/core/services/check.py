"""Integrity checks for `check`: SQLite structure, foreign keys, audit chain, stock ledger."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_app.core import audit
from desktop_app.core.db import Database
from desktop_app.core.models.base import Money, Quantity, ScaledDecimal


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    data: dict[str, Any] = field(default_factory=dict)


def run_checks(db: Database) -> list[CheckResult]:
    with db.sessions() as session:
        results = []
        if db.url.get_backend_name() == "sqlite":
            results += [_sqlite_integrity(session), _foreign_keys(session)]
        results += [_audit_chain(session), _stock_balances(session)]
        return results


def as_json(results: list[CheckResult]) -> dict[str, Any]:
    return {"ok": all(r.ok for r in results), "checks": [asdict(r) for r in results]}


def _sqlite_integrity(session: Session) -> CheckResult:
    rows = [r[0] for r in session.execute(text("PRAGMA quick_check"))]
    ok = rows == ["ok"]
    return CheckResult("sqlite_integrity", ok, "ok" if ok else "; ".join(rows[:5]))


def _foreign_keys(session: Session) -> CheckResult:
    rows = session.execute(text("PRAGMA foreign_key_check")).fetchall()
    if not rows:
        return CheckResult("foreign_keys", True, "ok")
    sample = ", ".join(f"{r[0]} row {r[1]} → {r[2]}" for r in rows[:5])
    return CheckResult("foreign_keys", False, f"{len(rows)} broken references: {sample}")


def _audit_chain(session: Session) -> CheckResult:
    report = audit.verify_chain(session)
    if report.ok:
        return CheckResult(
            "audit_chain", True, f"{report.events} events, chain intact", {"events": report.events}
        )
    return CheckResult(
        "audit_chain",
        False,
        f"audit event {report.first_broken_id} is broken: {report.reason}",
        {"events_verified": report.events, "first_broken_event": report.first_broken_id},
    )


_BALANCE_VS_LEDGER = text(
    """
    SELECT b.sku_id, b.warehouse_id, b.on_hand, b.value,
           COALESCE(m.qty, 0) AS ledger_qty, COALESCE(m.val, 0) AS ledger_value
    FROM stock_balance b
    LEFT JOIN (SELECT sku_id, warehouse_id, SUM(quantity) AS qty, SUM(value) AS val
               FROM stock_move GROUP BY sku_id, warehouse_id) m
      ON m.sku_id = b.sku_id AND m.warehouse_id = b.warehouse_id
    WHERE b.on_hand <> COALESCE(m.qty, 0) OR b.value <> COALESCE(m.val, 0)
    UNION ALL
    SELECT m.sku_id, m.warehouse_id, NULL, NULL, m.qty, m.val
    FROM (SELECT sku_id, warehouse_id, SUM(quantity) AS qty, SUM(value) AS val
          FROM stock_move GROUP BY sku_id, warehouse_id) m
    LEFT JOIN stock_balance b ON b.sku_id = m.sku_id AND b.warehouse_id = m.warehouse_id
    WHERE b.sku_id IS NULL AND (m.qty <> 0 OR m.val <> 0)
    """
)


def _stock_balances(session: Session) -> CheckResult:
    """Every stored balance equals the sum of its ledger (raw scaled integers: exact)."""
    rows = session.execute(_BALANCE_VS_LEDGER).fetchall()
    if not rows:
        return CheckResult("stock_balances", True, "every stored balance equals its ledger")
    diffs = [
        {
            "sku_id": r[0],
            "warehouse_id": r[1],
            "stored_on_hand": _text(Quantity, r[2]),
            "stored_value": _text(Money, r[3]),
            "ledger_on_hand": _text(Quantity, r[4]),
            "ledger_value": _text(Money, r[5]),
        }
        for r in rows
    ]
    return CheckResult(
        "stock_balances",
        False,
        f"{len(rows)} stored balances differ from the ledger",
        {"differences": diffs},
    )


def _text(column_type: ScaledDecimal, raw: int | None) -> str | None:
    """A raw scaled integer from SQL as the exact decimal text."""
    return None if raw is None else str(column_type.process_result_value(raw, None))
