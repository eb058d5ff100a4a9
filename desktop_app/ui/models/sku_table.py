"""The columns of the catalogue table, and the translated names of SKU fields and choices."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from desktop_app.core.services.sku_query import SkuRow
from desktop_app.ui.models.lazy_table import CENTER, RIGHT, Column, attr
from desktop_app.ui.models.texts import translator

WARN = QColor("#c0392b")
FLAG = QColor("#b9770e")  # a value the user set by hand
MUTED = QColor("#7a8594")

FIELDS = {
    "code": QT_TRANSLATE_NOOP("Catalogue", "SKU"),
    "name_cn": QT_TRANSLATE_NOOP("Catalogue", "Chinese name"),
    "name_en": QT_TRANSLATE_NOOP("Catalogue", "English name"),
    "spec": QT_TRANSLATE_NOOP("Catalogue", "Specification"),
    "hs_code": QT_TRANSLATE_NOOP("Catalogue", "HS code"),
    "declaration_elements": QT_TRANSLATE_NOOP("Catalogue", "Declaration elements"),
    "brand_name": QT_TRANSLATE_NOOP("Catalogue", "Brand"),
    "brand_type": QT_TRANSLATE_NOOP("Catalogue", "Brand type"),
    "preference": QT_TRANSLATE_NOOP("Catalogue", "Export preference"),
    "trade_unit": QT_TRANSLATE_NOOP("Catalogue", "Trade unit"),
    "legal_first_unit": QT_TRANSLATE_NOOP("Catalogue", "First legal unit"),
    "legal_second_unit": QT_TRANSLATE_NOOP("Catalogue", "Second legal unit"),
    "first_unit_factor": QT_TRANSLATE_NOOP("Catalogue", "First legal units per trade unit"),
    "second_unit_factor": QT_TRANSLATE_NOOP("Catalogue", "Second legal units per trade unit"),
    "origin_country": QT_TRANSLATE_NOOP("Catalogue", "Country of origin"),
    "domestic_source": QT_TRANSLATE_NOOP("Catalogue", "Domestic source"),
    "net_weight_kg": QT_TRANSLATE_NOOP("Catalogue", "Net weight (kg)"),
    "gross_weight_kg": QT_TRANSLATE_NOOP("Catalogue", "Gross weight (kg)"),
    "length_cm": QT_TRANSLATE_NOOP("Catalogue", "Length (cm)"),
    "width_cm": QT_TRANSLATE_NOOP("Catalogue", "Width (cm)"),
    "height_cm": QT_TRANSLATE_NOOP("Catalogue", "Height (cm)"),
    "levy_rate": QT_TRANSLATE_NOOP("Catalogue", "Levy rate (%)"),
    "rebate_rate": QT_TRANSLATE_NOOP("Catalogue", "Rebate rate (%)"),
    "rates_overridden": QT_TRANSLATE_NOOP("Catalogue", "Rates set by hand"),
    "purchase_price": QT_TRANSLATE_NOOP("Catalogue", "Purchase price (CNY)"),
    "supplier_id": QT_TRANSLATE_NOOP("Catalogue", "Supplier"),
    "supplier": QT_TRANSLATE_NOOP("Catalogue", "Supplier"),
    "active": QT_TRANSLATE_NOOP("Catalogue", "Active"),
    "notes": QT_TRANSLATE_NOOP("Catalogue", "Notes"),
    "missing": QT_TRANSLATE_NOOP("Catalogue", "Missing for customs"),
    "updated_at": QT_TRANSLATE_NOOP("Catalogue", "Changed"),
}
BRAND_TYPES = {
    0: QT_TRANSLATE_NOOP("Catalogue", "0 No brand"),
    1: QT_TRANSLATE_NOOP("Catalogue", "1 Own domestic brand"),
    2: QT_TRANSLATE_NOOP("Catalogue", "2 Acquired domestic brand"),
    3: QT_TRANSLATE_NOOP("Catalogue", "3 Foreign brand (made to order)"),
    4: QT_TRANSLATE_NOOP("Catalogue", "4 Foreign brand (other)"),
}
PREFERENCES = {
    0: QT_TRANSLATE_NOOP("Catalogue", "0 No preferential duty at destination"),
    1: QT_TRANSLATE_NOOP("Catalogue", "1 Preferential duty at destination"),
    2: QT_TRANSLATE_NOOP("Catalogue", "2 Not known"),
    3: QT_TRANSLATE_NOOP("Catalogue", "3 Not applicable"),
}

TEXT = {
    "No": QT_TRANSLATE_NOOP("Catalogue", "No"),
    "Set by hand: differs from the rate library": QT_TRANSLATE_NOOP(
        "Catalogue", "Set by hand: differs from the rate library"
    ),
    "Yes": QT_TRANSLATE_NOOP("Catalogue", "Yes"),
}  # marked for lupdate, which reads no module-level tr()


tr = translator("Catalogue")


def field_label(name: str) -> str:
    source = FIELDS.get(name)
    return tr(source) if source else name


def number(value: Decimal | None) -> str:
    """0.25 rather than 0.250: trailing zeros of the stored scale are noise."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text


def _yes(flag: bool) -> str:
    return tr(TEXT["Yes"]) if flag else ""


def _missing(row: SkuRow) -> str:
    return ", ".join(field_label(name) for name in row.missing)


def _rate(key: str) -> Callable[[SkuRow], str]:
    def text(row: SkuRow) -> str:
        value = getattr(row, key)
        return "" if value is None else f"{number(value)}%"

    return text


def _unit(key: str, names: dict[str, str]) -> Callable[[SkuRow], str]:
    def text(row: SkuRow) -> str:
        code = getattr(row, key)
        name = names.get(code, "")
        return f"{code} {name}" if name else code

    return text


def sku_columns(unit_names: dict[str, str]) -> list[Column]:
    """`unit_names` (code → name) is filled in once the code table is read; it is shared."""
    f = field_label
    rate_flag = {"colour": lambda r: FLAG if r.rates_overridden else None,
                 "tooltip": lambda r: tr(TEXT["Set by hand: differs from the rate library"])
                 if r.rates_overridden else ""}  # fmt: skip
    return [
        Column("code", f("code"), attr("code"), width=14),
        Column("name_cn", f("name_cn"), attr("name_cn"), width=14),
        Column("name_en", f("name_en"), attr("name_en"), width=22),
        Column("spec", f("spec"), attr("spec"), width=12, shown=False),
        Column("hs_code", f("hs_code"), attr("hs_code"), width=11),
        Column("brand_name", f("brand_name"), attr("brand_name"), width=10, shown=False),
        Column("brand_type", f("brand_type"), lambda r: tr(BRAND_TYPES[r.brand_type]), width=14,
               tooltip=lambda r: tr(BRAND_TYPES[r.brand_type])),
        Column("preference", f("preference"), lambda r: str(r.preference), CENTER, width=4,
               shown=False, tooltip=lambda r: tr(PREFERENCES[r.preference])),
        Column("trade_unit", f("trade_unit"), _unit("trade_unit", unit_names), width=7),
        Column("legal_first_unit", f("legal_first_unit"), _unit("legal_first_unit", unit_names),
               width=7),
        Column("legal_second_unit", f("legal_second_unit"),
               _unit("legal_second_unit", unit_names), width=7, shown=False),
        Column("net_weight_kg", f("net_weight_kg"), lambda r: number(r.net_weight_kg), RIGHT,
               width=7),
        Column("gross_weight_kg", f("gross_weight_kg"), lambda r: number(r.gross_weight_kg),
               RIGHT, width=7),
        Column("levy_rate", f("levy_rate"), _rate("levy_rate"), RIGHT, width=6, **rate_flag),
        Column("rebate_rate", f("rebate_rate"), _rate("rebate_rate"), RIGHT, width=6,
               **rate_flag),
        Column("rates_overridden", f("rates_overridden"), lambda r: _yes(r.rates_overridden),
               CENTER, width=6, colour=lambda r: FLAG),
        Column("purchase_price", f("purchase_price"), lambda r: number(r.purchase_price), RIGHT,
               width=8, shown=False),
        Column("supplier", f("supplier"), attr("supplier"), width=14),
        Column("active", f("active"), lambda r: _yes(r.active) or tr(TEXT["No"]), CENTER,
               width=4, colour=lambda r: None if r.active else MUTED),
        Column("missing", f("missing"), _missing, width=18, colour=lambda r: WARN),
        Column("updated_at", f("updated_at"),
               lambda r: r.updated_at.astimezone().strftime("%Y-%m-%d %H:%M"), width=16,
               shown=False),
    ]  # fmt: skip
