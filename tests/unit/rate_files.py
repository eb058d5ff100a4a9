"""Writes small rate library files (cmcode.dbf in GB18030, csv, xlsx) for the tests."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import dbf

# The layout of the tax office's cmcode.dbf: every column is text.
CMCODE_SPECS = (
    "CODE C(16); NAME C(120); UNIT C(12); ZSSL_SET C(20); TSL C(6); "
    "ST_DATE C(8); END_DATE C(8); TSFLAG C(4)"
)
CMCODE_FIELDS = ("CODE", "NAME", "UNIT", "ZSSL_SET", "TSL", "ST_DATE", "END_DATE", "TSFLAG")
GBK_WINDOWS = 0x7A  # the code page byte a Chinese Windows FoxPro writes

Row = Sequence[object]

# (CODE, NAME, UNIT, ZSSL_SET, TSL, ST_DATE, END_DATE, TSFLAG): real-looking 2026 entries.
ROWS: tuple[Row, ...] = (
    ("3926909090", "其他塑料制品", "千克", "13", "13", "20200101", "", ""),
    ("3924100000", "塑料制餐具及厨房用具", "千克", "13", "13", "20200101", "", ""),
    ("8516719000", "其他电热咖啡机和茶壶", "个", "13", "13", "20200101", "", ""),
    # aluminium products lost their rebate on 2024-12-01 (财政部 税务总局公告2024年第15号)
    ("7615200000", "铝制卫生器具及其零件", "千克", "13", "13", "20200101", "20241130", ""),
    ("7615200000", "铝制卫生器具及其零件", "千克", "13", "0", "20241201", "", ""),
    ("9405420000", "其他发光二极管(LED)灯具", "个", "13", "13", "20200101", "", ""),
    ("8544421100", "额定电压≤80V有接头电导体", "千克", "13", "9", "20200101", "", ""),
    ("1006309001", "籼米精米(𬌗)", "千克", "9", "9", "20200101", "", "D"),
)


def gb_bytes_as_cp437(text: str) -> str:
    """The GB18030 bytes of text, as the cp437 characters dbf writes back byte for byte."""
    return text.encode("gb18030").decode("cp437")


def write_cmcode(path: Path, rows: Iterable[Row] = ROWS, specs: str = CMCODE_SPECS) -> Path:
    table = dbf.Table(str(path), specs, codepage="cp437")
    table.open(dbf.READ_WRITE)
    try:
        for row in rows:
            table.append(tuple(_cell(value) for value in row))
    finally:
        table.close()
    with path.open("r+b") as fh:  # mark it as the Chinese code page, like the real file
        fh.seek(29)
        fh.write(bytes([GBK_WINDOWS]))
    return path


def _cell(value: object) -> object:
    return gb_bytes_as_cp437(value) if isinstance(value, str) else value


def write_csv(path: Path, rows: Iterable[Row], header: Sequence[str], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def iso(text: str) -> str:
    return dt.datetime.strptime(text, "%Y%m%d").date().isoformat() if text else ""
