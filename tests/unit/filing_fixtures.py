"""Declarations and filed rebate batches for the filing-document tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop_app.core.models.declarations import Declaration, DeclarationLine
from desktop_app.core.models.rebate import RebateBatch, RebateExportRow

CST = dt.timezone(dt.timedelta(hours=8))
_CUSTOMS = iter(range(1, 10**6))


def declaration(
    session, ref: str, export_date: dt.date, *, mode: str = "0110", status: str = "cleared"
) -> Declaration:
    item = Declaration(
        ref=ref,
        supervision_mode=mode,
        status=status,
        export_date=export_date,
        customs_no=f"53002026{0}{next(_CUSTOMS):09d}",
        total_amount=Decimal("1000.00"),
    )
    item.lines.append(
        DeclarationLine(
            line_no=1, hs_code="8516310000", name_cn="电吹风", first_quantity=Decimal(10),
            first_unit="011", trade_quantity=Decimal(10), trade_unit="011",
            unit_price=Decimal(100), amount=Decimal("1000.00"), currency="USD",
        )
    )  # fmt: skip
    session.add(item)
    session.flush()
    return item


def batch(
    session, filed_at: dt.datetime | None, batch_no: int = 1, status: str = "filed"
) -> RebateBatch:
    made = RebateBatch(
        period=(filed_at or dt.datetime(2026, 3, 1)).strftime("%Y%m"),
        batch_no=batch_no,
        status=status,
        filed_at=filed_at,
    )
    session.add(made)
    session.flush()
    return made


def claim(session, the_batch: RebateBatch, *items: Declaration) -> None:
    """Rows for each declaration's first line, in the order given."""
    for seq, item in enumerate(items, start=1):
        session.add(
            RebateExportRow(
                batch_id=the_batch.id, seq=seq, link_no=f"L{seq}",
                declaration_line_id=item.lines[0].id,
                declaration_no=(item.customs_no or "") + "001",
                export_date=item.export_date, commodity_code="8516310000",
                commodity_name="电吹风", unit="011", quantity=Decimal(10),
                usd_fob=Decimal("1000.00"),
            )
        )  # fmt: skip
    session.flush()
