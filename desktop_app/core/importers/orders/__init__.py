"""Order exports of Amazon, Shopee, TikTok Shop, AliExpress and the generic template → OrderIn."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import BadInput
from desktop_app.core.importers.orders import aliexpress, amazon, generic, shopee, tiktok
from desktop_app.core.importers.orders.normalise import (
    Context,
    LineIn,
    OrderIn,
    PlatformFormat,
)
from desktop_app.core.importers.tabular import Table, alias_index, read_table

# Most specific first: the generic template's columns are a subset of what others have.
FORMATS: dict[str, PlatformFormat] = {
    f.name: f
    for f in (amazon.FORMAT, tiktok.FORMAT, aliexpress.FORMAT, shopee.FORMAT, generic.FORMAT)
}


def _union_aliases() -> dict[str, tuple[str, ...]]:
    """Every platform's aliases under one set of field names (a header means one thing)."""
    union: dict[str, tuple[str, ...]] = {}
    for fmt in FORMATS.values():
        for name, names in fmt.aliases.items():
            union[name] = tuple(dict.fromkeys((*union.get(name, ()), *names)))
    alias_index(union)  # raises if two fields claim one header
    return union


ALIASES = _union_aliases()


def read_orders_table(path: str | Path, sheet: str | None = None) -> Table:
    """The file's header mapped to the fields of every known order export."""
    return read_table(path, aliases=ALIASES, sheet=sheet)


def detect_platform(table: Table) -> str:
    """Which platform wrote this export, from its headers; BadInput when none fits."""
    for fmt in FORMATS.values():
        if fmt.detected_by(table.fields):
            return fmt.name
    raise BadInput(
        f"{table.source}: cannot tell which platform this order export comes from "
        f"(columns: {', '.join(table.headers[:8])} …); name it with --platform "
        f"({', '.join(FORMATS)}) or use the generic template"
    )


def platform_format(name: str) -> PlatformFormat:
    try:
        return FORMATS[name.casefold()]
    except KeyError:
        raise BadInput(
            f"unknown platform {name!r}; expected one of: {', '.join(FORMATS)}"
        ) from None


__all__ = [
    "ALIASES",
    "FORMATS",
    "Context",
    "LineIn",
    "OrderIn",
    "PlatformFormat",
    "detect_platform",
    "platform_format",
    "read_orders_table",
]
