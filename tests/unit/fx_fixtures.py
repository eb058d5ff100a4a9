"""Cleared declarations, rates and receipts for the FX receipt tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop_app.core import codes
from desktop_app.core.models import Declaration, DeclarationLine, ExchangeRate

D = Decimal


def setup(session) -> None:
    codes.ensure_builtin(session)


def declaration(
    session, ref: str, export_date: dt.date | None, amounts, *, currency="USD", status="cleared"
) -> Declaration:
    """A declaration with one line per amount (in `currency`)."""
    d = Declaration(
        ref=ref,
        status=status,
        supervision_mode="0110",
        currency=currency,
        export_date=export_date,
        total_amount=sum((D(a) for a in amounts), D(0)),
    )
    d.lines = [
        DeclarationLine(
            line_no=n,
            hs_code="3926909090",
            name_cn="手机壳",
            first_quantity=D(1),
            first_unit="035",
            trade_quantity=D(1),
            trade_unit="007",
            unit_price=D(a),
            amount=D(a),
            currency=currency,
        )
        for n, a in enumerate(amounts, start=1)
    ]
    session.add(d)
    session.flush()
    return d


def rate(session, currency: str, day: dt.date, value: str, per: int = 1) -> None:
    session.add(ExchangeRate(currency=currency, rate_date=day, rate=D(value), per_units=per))
    session.flush()
