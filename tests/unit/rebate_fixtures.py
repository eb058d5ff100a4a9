"""Small rebate worlds: a company, a rate library, cleared declarations and purchase invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count

from desktop_app.core.models import Declaration, DeclarationLine
from desktop_app.core.models.reference import RateLibraryEntry, RateLibraryVersion
from desktop_app.core.services import company, holidays
from desktop_app.core.services import purchase_invoices as pi
from tests.unit import declaration_fixtures as fx

D = Decimal
CASE = "3926909090"  # 手机保护壳, 13 / 13, first unit 035 千克
DRYER = "8516310000"  # 电吹风, 13 / 9, first unit 011 台
SELLER = "91440300MA5GRK8T0W"
_NUMBERS = count(1)


def setup(session, *, taxpayer: str = "trading", rates_from=dt.date(2026, 1, 1)) -> None:
    """Code tables, the company, USD parities (7.1) and holidays for 2025–2026, a rate library."""
    fx.setup(session, rates=False)
    fx.add_rates(session, rates_from, dt.date(2026, 11, 30))
    company.save_profile(session, {"taxpayer_type": taxpayer}, today=dt.date(2025, 1, 1))
    holidays.seed_from_package(session, years=[2025, 2026])
    version = RateLibraryVersion(version="2026A", active=True)
    session.add(version)
    session.flush()
    for code, name, unit, levy, rebate in [
        (CASE, "塑料制品", "千克", "13", D(13)),
        (DRYER, "电吹风机", "台", "13", D(9)),
    ]:
        session.add(RateLibraryEntry(version_id=version.id, code=code, name=name, unit=unit,
                                     levy_rates=levy, rebate_rate=rebate,
                                     start_date=dt.date(2020, 1, 1)))  # fmt: skip
    session.flush()


def declaration(
    session, export_date: dt.date, lines: list[dict], *, mode: str = "0110",
    currency: str = "USD", status: str = "cleared",
) -> Declaration:  # fmt: skip
    """A cleared declaration; each line dict overrides a phone-case line of 1,000 pcs = 50 kg."""
    n = next(_NUMBERS)
    item = Declaration(
        ref=f"BG-T-{n:04d}", supervision_mode=mode, status=status, export_date=export_date,
        customs_no=f"53162026{'0'}{n:09d}", currency=currency, contract_no=f"HT{n:04d}",
    )  # fmt: skip
    total = D(0)
    for number, values in enumerate(lines, start=1):
        fields = dict(
            line_no=number, hs_code=CASE, name_cn="手机保护壳", first_quantity=D(50),
            first_unit="035", trade_quantity=D(1000), trade_unit="007", unit_price=D(1),
            amount=D("1000.00"), currency=currency, usd_fob=D("1000.00"),
        )  # fmt: skip
        fields.update(values)
        total += fields["amount"]
        item.lines.append(DeclarationLine(**fields))
    item.total_amount = total
    item.usd_fob = sum((line.usd_fob or D(0) for line in item.lines), D(0))
    session.add(item)
    session.flush()
    return item


def invoice(session, issue_date: dt.date, lines: list[tuple], number: str | None = None):
    """A 数电 invoice; lines are (code, unit, quantity, amount[, rate])."""
    drafts = [
        pi.LineDraft(commodity_name="*塑料制品*手机壳", unit=unit, quantity=D(qty),
                     amount=D(amount), tax_rate=rest[0] if rest else 13, commodity_code=code)
        for code, unit, qty, amount, *rest in lines
    ]  # fmt: skip
    number = number or f"2644200000{next(_NUMBERS):010d}"
    draft = pi.InvoiceDraft(number=number, issue_date=issue_date, seller_tax_id=SELLER,
                            seller_name="东莞塑胶制品厂", lines=drafts)  # fmt: skip
    return pi.create_invoice(session, draft, today=dt.date(2026, 11, 20))
