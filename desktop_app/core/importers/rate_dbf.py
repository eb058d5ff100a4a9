"""Reads the tax office's rate library DBF (退税率文库 cmcode.dbf, GB18030) as rows of text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop_app.core.errors import BadInput

# cmcode.dbf column → the rate library field it fills (DOMAIN.md §3.5).
DBF_FIELDS = {
    "CODE": "code",
    "NAME": "name",
    "UNIT": "unit",
    "ZSSL_SET": "levy_rates",
    "TSL": "rebate_rate",
    "ST_DATE": "start_date",
    "END_DATE": "end_date",
    "TSFLAG": "flag",
}
REQUIRED = ("CODE", "TSL", "ST_DATE")
# dbf knows no GB18030 code page, and the files' header byte says GBK or nothing at all.
# cp437 maps every byte to one character, so the field bytes come back unchanged and are
# decoded as GB18030 here (a superset of GBK that also covers the rarest characters).
_BYTE_TRANSPARENT = "cp437"


def read_rate_dbf(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(record number, {field: text}) for every record not marked deleted.

    Dates come back as YYYYMMDD text and numbers as they are written in the file, so the
    caller parses one kind of input whether it came from a DBF or a spreadsheet.
    """
    import dbf

    if path.stat().st_size < 33:  # dbf cannot even tell the table type of a shorter file
        raise BadInput(f"{path.name}: cannot read the file as a DBF table: too short")
    try:
        table = dbf.Table(
            str(path),
            codepage=_BYTE_TRANSPARENT,
            field_data_types={name: (_number_text, _number_text) for name in ("TSL",)},
        )
        table.open(dbf.READ_ONLY)
    # dbf trips over a damaged header in many ways (struct, index, type errors); whatever it
    # is, the user's file is not a table we can read.
    except Exception as exc:
        raise BadInput(f"{path.name}: cannot read the file as a DBF table: {exc}") from exc
    try:
        names = [name.upper() for name in table.field_names]
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise BadInput(
                f"{path.name}: not a rate library (cmcode) table: no {', '.join(missing)} field"
                f" (fields: {', '.join(names)})"
            )
        return list(_records(table, path))
    finally:
        table.close()


def _records(table: Any, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    import dbf

    names = [name for name in table.field_names if name.upper() in DBF_FIELDS]
    fields = {name: DBF_FIELDS[name.upper()] for name in names}
    for number, record in enumerate(table, start=1):
        if dbf.is_deleted(record):
            continue
        try:
            yield number, {key: _text(record[name]) for name, key in fields.items()}
        except (dbf.DbfError, UnicodeDecodeError, ValueError, TypeError) as exc:
            raise BadInput(f"{path.name}: record {number} cannot be read: {exc}") from exc


def _number_text(value: bytes | str = "") -> str:
    """A numeric field's digits as written (no float on the way)."""
    return value.decode("ascii") if isinstance(value, bytes) else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.encode(_BYTE_TRANSPARENT).decode("gb18030")
        return text.replace("\x00", "").strip()
    if isinstance(value, dt.date | dt.datetime) or hasattr(value, "strftime"):
        return value.strftime("%Y%m%d") if value else ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"unexpected {type(value).__name__} value {value!r}")
