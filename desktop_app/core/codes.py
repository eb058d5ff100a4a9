"""Customs code tables (监管方式, 币制, 国别 …): built-in editions, file imports, lookups."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop_app import paths
from desktop_app.core import audit
from desktop_app.core.errors import BadInput, FieldProblem, ValidationFailed
from desktop_app.core.jobs import Job
from desktop_app.core.models.reference import CodeEntry, CodeTableVersion
from desktop_app.core.validate import check_region_code

BUILTIN_VERSION = "builtin-2026.1"
BUILTIN_SOURCE = "built-in"
CSV_HEADER = ("code", "name_cn", "name_en", "legacy_code")

TABLES: dict[str, tuple[str, str]] = {
    "supervision_modes": ("监管方式", "Supervision modes"),
    "currencies": ("币制", "Currencies"),
    "countries": ("国别(地区)", "Countries (regions)"),
    "units": ("计量单位", "Units of measure"),
    "transport_modes": ("运输方式", "Transport modes"),
    "trade_terms": ("成交方式", "Trade terms"),
    "package_kinds": ("包装种类", "Package kinds"),
    "levy_modes": ("征免", "Levy modes"),
    "levy_nature": ("征免性质", "Levy nature"),
    "freight_marks": ("运费/保费标记", "Freight and insurance marks"),
    "customs_districts": ("关区代码", "Customs districts"),
    "ports": ("港口代码", "Ports"),
    "domestic_ports": ("国内口岸", "Domestic ports"),
    "domestic_regions": ("境内货源地", "Domestic regions"),
    "container_specs": ("集装箱规格", "Container specifications"),
}
BUILTIN_TABLES = tuple(TABLES)[:10]  # the others reach the user only through an import

# Codes of these tables are fixed-width digits; Excel drops their leading zeros (035 → 35).
_CODE_WIDTH = {
    "supervision_modes": 4, "units": 3, "package_kinds": 2, "levy_nature": 3,
    "customs_districts": 4, "domestic_regions": 5, "domestic_ports": 6,
}  # fmt: skip
# The official port table itself repeats NZL008 and ZAF000; refusing it would leave the user
# with no port table at all, so the first row wins and the others are kept in its extra_json.
_FIRST_DUPLICATE_WINS = frozenset({"ports"})

_HEADER_ALIASES = {
    "code": ("code", "代码", "编码", "iso3", "iso_code", "alpha_3", "新代码"),
    "name_cn": ("name_cn", "名称", "中文名称", "中文名"),
    "name_en": ("name_en", "英文名称", "英文名"),
    "legacy_code": ("legacy_code", "原报关代码", "legacy_numeric", "legacy_customs_code"),
}
_FIELD_OF_HEADER = {alias: key for key, names in _HEADER_ALIASES.items() for alias in names}
_MAX_LEN = {"code": 20, "name_cn": 200, "name_en": 200, "legacy_code": 20}
_HEADER_SCAN_ROWS = 10  # official sheets put a title or notes above the header
_CHUNK = 2000


@dataclass
class _Row:
    row: int
    code: str
    name_cn: str = ""
    name_en: str = ""
    legacy_code: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def values(self, version_id: int) -> dict[str, Any]:
        extra = json.dumps(self.extra, ensure_ascii=False, sort_keys=True) if self.extra else None
        return {
            "version_id": version_id,
            "code": self.code,
            "name_cn": self.name_cn,
            "name_en": self.name_en,
            "legacy_code": self.legacy_code or None,
            "extra_json": extra,
        }


# ---------------------------------------------------------------- built-in tables


def builtin_dir() -> Path:
    return paths.resource("codes")


def ensure_builtin(session: Session, job: Job | None = None) -> list[CodeTableVersion]:
    """Load each built-in table whose edition is not in the database yet; return those loaded.

    A new edition is activated when its table has no active version or the active one is an
    older built-in edition; a table the user imported stays as the user chose.
    """
    loaded = []
    query = select(CodeTableVersion.table_name).where(CodeTableVersion.version == BUILTIN_VERSION)
    existing = set(session.execute(query).scalars())
    for table in BUILTIN_TABLES:
        if table in existing:
            continue
        path = builtin_dir() / f"{table}.csv"
        rows = [
            _Row(n, r["code"], r["name_cn"], r["name_en"], r["legacy_code"])
            for n, r in enumerate(_read_builtin(path), start=2)
        ]
        current = active_version(session, table)
        take_over = current is None or current.source == BUILTIN_SOURCE
        record = CodeTableVersion(table_name=table, version=BUILTIN_VERSION, source=BUILTIN_SOURCE)
        loaded.append(_store(session, record, rows, take_over, job))
    return loaded


def _read_builtin(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != CSV_HEADER:
            raise BadInput(f"{path}: built-in code table header must be {','.join(CSV_HEADER)}")
        return list(reader)


# ---------------------------------------------------------------- imports


def import_table_file(
    session: Session,
    table_name: str,
    path: str | Path,
    version: str | None = None,
    activate: bool = True,
    job: Job | None = None,
) -> CodeTableVersion:
    """Load an official code-table file (.csv in UTF-8 or GB18030, or .xlsx) as a new version.

    Every problem is reported at once (file, spreadsheet row, column) and nothing is written.
    Loading the same file again only re-activates the version it made the first time.
    """
    path = Path(path)
    problems = _Problems(path.name)
    if table_name not in TABLES:
        problems.add("table_name", f"unknown code table; known: {', '.join(TABLES)}", table_name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add("file", f"cannot read the file: {exc.strerror}", str(path))
        raise ValidationFailed(list(problems)) from exc
    digest = hashlib.sha256(data).hexdigest()
    version = version or f"{path.stem[:51]}-{digest[:8]}"
    source = f"{path.name[:200]} sha256:{digest}"
    rows = _parse(table_name, path, data, problems)
    existing = None if problems else _find_version(session, table_name, version)
    if existing is not None and existing.source == source:
        return _activate(session, existing) if activate else existing
    if existing is not None:
        problems.add("version", "already loaded from another file; choose another name", version)
    if len(version) > 60:
        problems.add("version", "longer than 60 characters", version)
    if problems:
        raise ValidationFailed(list(problems))
    record = CodeTableVersion(table_name=table_name, version=version, source=source)
    return _store(session, record, rows, activate, job)


class _Problems(list[FieldProblem]):
    """The problems found in one file."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file

    def add(self, field: str, reason: str, value: object = None, row: int | None = None) -> None:
        self.append(FieldProblem(field, reason, value, row, self.file))


def _parse(table: str, path: Path, data: bytes, problems: _Problems) -> list[_Row]:
    try:
        grid = _read_xlsx(data) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(data)
    except (ValueError, OSError, KeyError, csv.Error, zipfile.BadZipFile) as exc:
        problems.add("file", f"cannot read the file as a table: {exc}")
        return []
    header_at, columns = _find_header(grid)
    if columns is None:
        looked_for = ", ".join(_HEADER_ALIASES["code"])
        problems.add("code", f"no code column (looked for: {looked_for})", row=1)
        return []
    rows: dict[str, _Row] = {}
    for index in range(header_at + 1, len(grid)):
        if any(grid[index]):
            _add_row(table, _make_row(table, index + 1, grid[index], columns), rows, problems)
    if not rows and not problems:
        problems.add("file", "the table has no rows")
    return list(rows.values())


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")  # raises ValueError when it is not text at all
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # only imports pay for openpyxl

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            if _find_header(grid)[1] is not None:
                return grid
        return []
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _norm_header(text: str) -> str:
    text = text.replace("\ufeff", "").replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", text).lower()


def _find_header(grid: Sequence[Sequence[str]]) -> tuple[int, dict[int, str] | None]:
    """The header row's index and column → field ('code', … or the header itself for extras)."""
    for index, row in enumerate(grid[:_HEADER_SCAN_ROWS]):
        columns: dict[int, str] = {}
        for col, text in enumerate(row):
            key = _FIELD_OF_HEADER.get(_norm_header(text))
            if key in columns.values():
                key = None  # a second column of the same meaning is kept as an extra
            extra = text.strip()
            if extra in _HEADER_ALIASES:  # a repeated 'code' column must not overwrite the first
                extra = f"{extra}_{col + 1}"
            if key or extra:
                columns[col] = key or extra
        if "code" in columns.values():
            return index, columns
    return 0, None


def _add_row(table: str, row: _Row, rows: dict[str, _Row], problems: _Problems) -> None:
    for column, limit in _MAX_LEN.items():
        value = getattr(row, column) or ""
        if len(value) > limit:
            problems.add(column, f"longer than {limit} characters", value, row.row)
    first = rows.get(row.code)
    if not row.code:
        problems.add("code", "empty code", row=row.row)
    elif first is None:
        rows[row.code] = row
    elif table in _FIRST_DUPLICATE_WINS:
        duplicate = {"row": row.row, "name_cn": row.name_cn, "name_en": row.name_en}
        first.extra.setdefault("duplicates", []).append(duplicate)
    else:
        problems.add("code", f"duplicate code (first on row {first.row})", row.code, row.row)


def _make_row(table: str, number: int, cells: list[str], columns: dict[int, str]) -> _Row:
    row = _Row(number, "")
    for col, key in columns.items():
        value = cells[col].strip() if col < len(cells) else ""
        if key in _HEADER_ALIASES:
            setattr(row, key, value)
        elif value:
            row.extra[key] = value
    width = _CODE_WIDTH.get(table)
    if width and row.code.isdigit():
        row.code = row.code.zfill(width)
    return row


# ---------------------------------------------------------------- storing and activating


def _store(
    session: Session, record: CodeTableVersion, rows: list[_Row], activate_it: bool, job: Job | None
) -> CodeTableVersion:
    job = job or Job()
    job.check()
    record.row_count = len(rows)
    session.add(record)
    session.flush()
    for start in range(0, len(rows), _CHUNK):
        job.report(start, len(rows), f"{record.table_name}: {start} / {len(rows)}")
        chunk = rows[start : start + _CHUNK]
        session.execute(insert(CodeEntry.__table__), [r.values(record.id) for r in chunk])
    summary = {k: getattr(record, k) for k in ("table_name", "version", "source", "row_count")}
    summary["duplicates_kept_aside"] = sum(len(r.extra.get("duplicates", ())) for r in rows)
    audit.record(session, "load_code_table", "code_table_version", record.id, after=summary)
    if activate_it:
        _activate(session, record)
    job.report(len(rows), len(rows), f"{record.table_name}: {len(rows)} rows")
    return record


def activate(session: Session, version_id: int) -> CodeTableVersion:
    """Make this version the one lookups use; the table's other versions stop being active."""
    record = session.get(CodeTableVersion, version_id)
    if record is None:
        raise BadInput(f"no code table version with id {version_id}")
    return _activate(session, record)


def _activate(session: Session, record: CodeTableVersion) -> CodeTableVersion:
    others = _versions(record.table_name).where(
        CodeTableVersion.active.is_(True), CodeTableVersion.id != record.id
    )
    for other in session.execute(others).scalars():
        other.active = False
    record.active = True
    session.flush()
    return record


def list_versions(session: Session) -> list[CodeTableVersion]:
    """Every loaded version, by table, oldest first."""
    order = (CodeTableVersion.table_name, CodeTableVersion.loaded_at, CodeTableVersion.id)
    return list(session.execute(select(CodeTableVersion).order_by(*order)).scalars())


def _versions(table_name: str) -> Any:
    return select(CodeTableVersion).where(CodeTableVersion.table_name == table_name)


def _find_version(session: Session, table: str, version: str) -> CodeTableVersion | None:
    query = _versions(table).where(CodeTableVersion.version == version)
    return session.execute(query).scalar_one_or_none()


def active_version(session: Session, table_name: str) -> CodeTableVersion | None:
    """The version lookups use for this table, if any is loaded."""
    query = _versions(table_name).where(CodeTableVersion.active.is_(True))
    return session.execute(query).scalars().first()


# ---------------------------------------------------------------- lookups


def _active_entries(table_name: str) -> Any:
    return (
        select(CodeEntry)
        .join(CodeEntry.version)
        .where(CodeTableVersion.table_name == table_name, CodeTableVersion.active.is_(True))
    )


def lookup(session: Session, table_name: str, code: str) -> CodeEntry | None:
    """The entry for this code in the table's active version."""
    query = _active_entries(table_name).where(CodeEntry.code == code.strip())
    return session.execute(query).scalars().first()


def name(session: Session, table_name: str, code: str, lang: str = "zh") -> str:
    """The code's name ('' when unknown); English falls back to Chinese where a table has none."""
    entry = lookup(session, table_name, code)
    if entry is None:
        return ""
    return (entry.name_en or entry.name_cn) if lang == "en" else entry.name_cn


def entries(session: Session, table_name: str) -> list[CodeEntry]:
    return list(session.execute(_active_entries(table_name).order_by(CodeEntry.code)).scalars())


def is_valid(session: Session, table_name: str, code: str) -> bool:
    """Whether the active version has this code; any well-formed 5-character region code is
    valid, because no complete official domestic-region table is available."""
    if table_name == "domestic_regions" and check_region_code(code) is None:
        return True
    return lookup(session, table_name, code) is not None


def to_current(session: Session, table_name: str, legacy_code: str) -> str | None:
    """The current code for a pre-2018 customs code (currencies '502' → 'USD').

    Several territories share one legacy country code (699 大洋洲其他); then the customs
    'other' code (ZOC …) is the answer if there is exactly one, else there is no answer.
    """
    query = _active_entries(table_name).where(CodeEntry.legacy_code == legacy_code.strip())
    codes = [e.code for e in session.execute(query.order_by(CodeEntry.code)).scalars()]
    if len(codes) == 1:
        return codes[0]
    others = [c for c in codes if c.startswith("Z")]
    return others[0] if len(others) == 1 else None


# ---------------------------------------------------------------- generating the ISO tables

# fmt: off
# Legacy customs numbers (原报关代码) of the currencies in the customs table.
_CURRENCY_LEGACY = {
    "HKD": "110", "IDR": "112", "JPY": "116", "MOP": "121", "MYR": "122", "PHP": "129",
    "SGD": "132", "KRW": "133", "THB": "136", "CNY": "142", "TWD": "143", "EUR": "300",
    "DKK": "302", "GBP": "303", "NOK": "326", "SEK": "330", "CHF": "331", "RUB": "344",
    "CAD": "501", "USD": "502", "AUD": "601", "NZD": "609",
}
# Funds, metals and test codes are not money an exporter invoices in.
_NOT_MONEY = frozenset({
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAD", "XAG", "XAU",
    "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
})
# Currencies pycountry has no Chinese name for yet.
_CURRENCY_NAME_CN = {"XCG": "加勒比盾", "ZWG": "津巴布韦金"}
# Legacy customs country numbers for the usual trading partners.
_COUNTRY_LEGACY = {
    "USA": "502", "CHN": "142", "HKG": "110", "MAC": "121", "TWN": "143", "JPN": "116",
    "KOR": "133", "PRK": "109", "MNG": "124", "DEU": "304", "GBR": "303", "FRA": "305",
    "ITA": "307", "ESP": "312", "NLD": "309", "BEL": "301", "POL": "327", "CZE": "352",
    "SWE": "330", "DNK": "302", "NOR": "326", "FIN": "318", "IRL": "306", "PRT": "311",
    "AUT": "315", "CHE": "331", "GRC": "310", "HUN": "321", "ROU": "328", "TUR": "137",
    "RUS": "344", "UKR": "347", "KAZ": "145", "UZB": "149", "IND": "111", "PAK": "127",
    "BGD": "103", "LKA": "134", "VNM": "141", "THA": "136", "MYS": "122", "SGP": "132",
    "IDN": "112", "PHL": "129", "KHM": "107", "MMR": "106", "ARE": "138", "SAU": "131",
    "ISR": "115", "IRN": "113", "IRQ": "114", "QAT": "130", "KWT": "118", "OMN": "126",
    "EGY": "215", "ZAF": "244", "NGA": "236", "KEN": "224", "MAR": "232", "DZA": "201",
    "ETH": "217", "BRA": "410", "MEX": "429", "ARG": "402", "CHL": "412", "COL": "413",
    "PER": "434", "CAN": "501", "AUS": "601", "NZL": "609",
}
# pycountry's zh_CN has typos and Taiwanese forms, and uses formal names where customs
# declarations use the short ones; these are the customs table's names.
_COUNTRY_NAME_CN = {
    "KHM": "柬埔寨", "MLT": "马耳他", "GTM": "危地马拉", "PYF": "法属波利尼西亚",
    "KGZ": "吉尔吉斯斯坦", "TTO": "特立尼达和多巴哥", "KOR": "韩国", "PRK": "朝鲜",
    "LAO": "老挝", "IRN": "伊朗", "SYR": "叙利亚", "VEN": "委内瑞拉", "BOL": "玻利维亚",
    "MDA": "摩尔多瓦", "COD": "刚果（金）", "COG": "刚果（布）", "TWN": "台湾",
}
# Customs-only codes of the country table: (code, legacy, name_cn, name_en).
_COUNTRY_EXTRAS = (
    ("ZAS", "199", "亚洲其他国家(地区)", "Other Asia"),
    ("ZEU", "399", "欧洲其他国家(地区)", "Other Europe"),
    ("ZSA", "499", "拉丁美洲其他国家(地区)", "Other Latin America"),
    ("ZNA", "599", "北美洲其他国家(地区)", "Other North America"),
    ("ZOC", "699", "大洋洲其他国家(地区)", "Other Oceania"),
    ("ZZZ", "701", "国(地)别不详", "Country (region) unknown"),
    ("ZUN", "702", "联合国及机构和国际组织", "United Nations and international organisations"),
)
# fmt: on


def write_builtin_csvs(folder: str | Path) -> list[Path]:
    """Write currencies.csv and countries.csv from pycountry (run once per pycountry update;
    the other built-in CSVs are maintained by hand)."""
    import gettext

    import pycountry

    def zh(domain: str) -> Any:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["zh_CN"]).gettext

    cur_zh, country_zh = zh("iso4217"), zh("iso3166-1")
    currencies = [
        (c.alpha_3, _CURRENCY_NAME_CN.get(c.alpha_3) or cur_zh(c.name), c.name,
         _CURRENCY_LEGACY.get(c.alpha_3, ""))
        for c in pycountry.currencies if c.alpha_3 not in _NOT_MONEY
    ]  # fmt: skip
    countries = [
        (c.alpha_3, _COUNTRY_NAME_CN.get(c.alpha_3) or country_zh(c.name),
         getattr(c, "common_name", c.name), _COUNTRY_LEGACY.get(c.alpha_3, ""))
        for c in pycountry.countries
    ]  # fmt: skip
    countries += [(code, cn, en, legacy) for code, legacy, cn, en in _COUNTRY_EXTRAS]
    folder = Path(folder)
    return [
        _write_csv(folder / "currencies.csv", currencies),
        _write_csv(folder / "countries.csv", countries),
    ]


def _write_csv(path: Path, rows: Iterable[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        writer.writerows(sorted(rows))
    return path
