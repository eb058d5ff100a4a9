"""Domain settings kept in the database: one declarative registry of keys and defaults."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.audit import transaction_info
from desktop_app.core.errors import BadInput
from desktop_app.core.models.system import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    kind: type
    description: str
    choices: tuple[Any, ...] = ()


REGISTRY: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "backup.folder", "", str, "Folder for automatic backups (empty: user data folder)"
        ),
        SettingSpec("backup.keep", 10, int, "How many automatic backups to keep"),
        SettingSpec(
            "backup.on_close", True, bool, "Back up when the window closes (at most daily)"
        ),
        SettingSpec(
            "backup.last_at", "", str, "When the last automatic backup was made (ISO time)"
        ),
        SettingSpec(
            "stock.cost_method",
            "moving_average",
            str,
            "Stock valuation method",
            ("moving_average", "fifo"),
        ),
        SettingSpec("stock.negative", "block", str, "Negative stock", ("block", "warn")),
        SettingSpec(
            "mapping.strip_prefixes",
            "AMZ-,FBA-,SP-,TT-,AE-",
            str,
            "Prefixes removed from platform SKUs when suggesting a mapping (comma-separated)",
        ),
        SettingSpec(
            "mapping.strip_suffixes",
            "-FBA,-US,-EU,-UK,-JP",
            str,
            "Suffixes removed from platform SKUs when suggesting a mapping (comma-separated)",
        ),
        SettingSpec("stock.period_lock", "", str, "No stock moves dated on or before (YYYY-MM-DD)"),
        # The official import templates want drop-down values written as "code|name"; the lists
        # inside the tax office's templates were not seen, so the user can correct them here.
        SettingSpec(
            "rebate.business_types",
            "HWC-YT|出口预退税",
            str,
            "退（免）税业务类型 names written as code|name, entries separated by ';' "
            "(DOMAIN.md §3.1 column N and §6: HWC-YT for 9810 pre-rebate; the name is unconfirmed)",
        ),
        SettingSpec(
            "rebate.tax_kinds",
            "V|增值税;C|消费税",
            str,
            "税种 names written as code|name, entries separated by ';' (DOMAIN.md §3.2 column D)",
        ),
        SettingSpec(
            "rebate.voucher_kinds",
            "02|增值税专用发票",
            str,
            "凭证种类 names written as code|name, entries separated by ';' "
            "(DOMAIN.md §3.2 column E; other voucher codes unconfirmed)",
        ),
    )
}


_CACHED = "settings.values"


def _spec(key: str) -> SettingSpec:
    try:
        return REGISTRY[key]
    except KeyError:
        raise BadInput(f"unknown setting {key!r}") from None


def get(session: Session, key: str) -> Any:
    spec = _spec(key)
    row = session.get(Setting, key)
    return spec.default if row is None else json.loads(row.value_json)


def get_all(session: Session) -> dict[str, Any]:
    stored = {r.key: json.loads(r.value_json) for r in session.scalars(select(Setting))}
    return {key: stored.get(key, spec.default) for key, spec in REGISTRY.items()}


def for_transaction(session: Session) -> Mapping[str, Any]:
    """Every setting (like get_all), read once per transaction: for code asking per row.

    A put in the same session makes the next call read again; a rollback or the end of the
    transaction forgets what was read (see audit.transaction_info).
    """
    kept = transaction_info(session)
    values = kept.get(_CACHED)
    if values is None:
        values = kept[_CACHED] = MappingProxyType(get_all(session))
    return values


def validate(key: str, value: Any) -> Any:
    spec = _spec(key)
    if spec.kind is int and isinstance(value, str):
        try:
            value = int(value)
        except ValueError:
            raise BadInput(f"setting {key}: {value!r} is not a whole number") from None
    if spec.kind is bool and isinstance(value, str):
        value = value.lower() in ("1", "true", "yes", "on")
    if not isinstance(value, spec.kind) or (spec.kind is int and isinstance(value, bool)):
        raise BadInput(f"setting {key}: {value!r} is not a {spec.kind.__name__}")
    if spec.choices and value not in spec.choices:
        raise BadInput(f"setting {key}: {value!r} is not one of {', '.join(spec.choices)}")
    if key == "backup.keep" and not 1 <= value <= 1000:
        raise BadInput("setting backup.keep: must be between 1 and 1000")
    if key == "stock.period_lock" and value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise BadInput(f"setting {key}: {value!r} is not a date YYYY-MM-DD") from None
    return value


def put(session: Session, key: str, value: Any) -> None:
    """Store one setting (validated); the caller owns the transaction."""
    value = validate(key, value)
    transaction_info(session).pop(_CACHED, None)
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value_json=text))
    else:
        row.value_json = text
    session.flush()
