"""Customs code tables: built-in editions, official-file imports, validation, lookups."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop_app.core import codes
from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models.reference import CodeEntry, CodeTableVersion
from desktop_app.core.models.system import AuditEvent
from tests.conftest import SHARED

SHARED_CODES = SHARED / "codes"
needs_shared = pytest.mark.skipif(not SHARED_CODES.is_dir(), reason="no ../shared/codes here")

# The shared reference files and the table each one is imported as.
SHARED_TABLE_OF_FILE = {
    "supervision_modes": "supervision_modes",
    "currencies": "currencies",
    "countries": "countries",
    "units": "units",
    "transport_modes": "transport_modes",
    "trade_terms": "trade_terms",
    "package_kinds": "package_kinds",
    "levy_modes": "levy_modes",
    "levy_nature": "levy_nature",
    "customs_districts": "customs_districts",
    "ports": "ports",
    "domestic_ports": "domestic_ports",
    "domestic_regions_partial": "domestic_regions",
    "container_specs": "container_specs",
}
# Built-in tables derived from ISO lists (pycountry) may hold codes the customs table lacks:
# the 2018 customs currency table has 22 currencies, ISO 4217 about 150.
ISO_TABLES = {"currencies"}
ISO_DERIVED = {"currencies", "countries"}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _builtin(table: str) -> list[dict[str, str]]:
    return _read_csv(codes.builtin_dir() / f"{table}.csv")


def _counts(session) -> tuple[int, int, int]:
    return tuple(
        session.execute(select(func.count()).select_from(model)).scalar_one()
        for model in (CodeTableVersion, CodeEntry, AuditEvent)
    )


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


# ---------------------------------------------------------------- built-in files


@pytest.mark.parametrize("table", codes.BUILTIN_TABLES)
def test_builtin_csv_is_well_formed(table: str) -> None:
    path = codes.builtin_dir() / f"{table}.csv"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == ",".join(codes.CSV_HEADER)
    rows = _builtin(table)
    assert rows
    assert all(r["code"] and r["code"] == r["code"].strip() for r in rows)
    assert len({r["code"] for r in rows}) == len(rows)
    assert all(r["name_cn"] for r in rows)


def test_builtin_tables_hold_the_codes_exporters_use() -> None:
    supervision = {r["code"] for r in _builtin("supervision_modes")}
    expected = {"0110", "9610", "9710", "9810", "1210", "1039", "0615", "0654", "0700", "2600",
                "3010", "4561", "9639"}  # fmt: skip
    assert expected <= supervision
    units = {r["code"]: r["name_cn"] for r in _builtin("units")}
    assert units["035"] == "千克" and units["001"] == "台" and units["070"] == "吨"
    currencies = {r["code"]: r["legacy_code"] for r in _builtin("currencies")}
    assert currencies["USD"] == "502" and currencies["EUR"] == "300"
    countries = {r["code"]: r for r in _builtin("countries")}
    assert countries["DEU"]["legacy_code"] == "304"
    assert countries["ZZZ"]["name_cn"] == "国(地)别不详"
    transport = {r["code"] for r in _builtin("transport_modes")}
    assert transport == set("0123456789GHLTWXYZ")
    terms = {r["code"]: r["name_en"] for r in _builtin("trade_terms")}
    assert (terms["1"], terms["2"], terms["3"], terms["7"]) == ("CIF", "CFR", "FOB", "EXW")


def test_generated_iso_tables_match_pycountry(tmp_path: Path) -> None:
    """currencies.csv and countries.csv are what write_builtin_csvs makes (names may drift
    with pycountry's translations; codes and legacy numbers must not)."""
    for path in codes.write_builtin_csvs(tmp_path):
        fresh = {r["code"]: r["legacy_code"] for r in _read_csv(path)}
        committed = {r["code"]: r["legacy_code"] for r in _builtin(path.stem)}
        assert fresh == committed, f"regenerate resources/codes/{path.name}"


# ---------------------------------------------------------------- same meaning as the shared tables


def _zh(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("（", "(").replace("）", ")"))


def _en(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(w for w in words if w != "the")


def _same_meaning(table: str, ours: dict[str, str], theirs: dict[str, str]) -> bool:
    """The same name after normalising parentheses and spaces.

    The hand-written tables must match exactly; supervision_modes carries the official 简称,
    which the shared file keeps in short_name (its name_cn is the older 全称). The ISO tables
    take their names from pycountry, whose wording differs from the 2018 customs table, so
    there one name may contain the other (北马其顿 / 马其顿, 俄罗斯 / 俄罗斯联邦, 人民币元 /
    人民币) or both carry the same ISO English name (港元 / 港币 'Hong Kong Dollar', 日元 /
    日本元 'Yen', 奥兰群岛 / 阿兰群岛 'Åland Islands', 曼岛 / 马恩岛 'Isle of Man').
    """
    mine = _zh(ours["name_cn"])
    names = [_zh(theirs[k]) for k in ("name_cn", "short_name") if theirs.get(k)]
    if mine in names:
        return True
    if table not in ISO_DERIVED:
        return False
    if any(mine in n or n in mine for n in names):
        return True
    return bool(theirs.get("name_en")) and _en(ours["name_en"]) == _en(theirs["name_en"])


def _shared_by_code(table: str) -> dict[str, dict[str, str]]:
    rows = _read_csv(SHARED_CODES / f"{table}.csv")
    key = next(k for k in ("code", "iso3", "iso_code") if k in rows[0])
    for row in rows:
        row["legacy_code"] = row.get("legacy_numeric", "")
    return {row[key]: row for row in rows}


@needs_shared
@pytest.mark.parametrize("table", [t for t in codes.BUILTIN_TABLES if t != "freight_marks"])
def test_builtin_codes_have_the_official_meaning(table: str) -> None:
    shared = _shared_by_code(table)
    problems = []
    for ours in _builtin(table):
        theirs = shared.get(ours["code"])
        if theirs is None:
            if table not in ISO_TABLES or ours["legacy_code"]:
                problems.append(f"{ours['code']} is not in the official table")
            continue
        if not _same_meaning(table, ours, theirs):
            problems.append(f"{ours['code']}: {ours['name_cn']} ≠ {theirs['name_cn']}")
        if ours["legacy_code"] and ours["legacy_code"] != theirs["legacy_code"]:
            problems.append(
                f"{ours['code']}: legacy {ours['legacy_code']} ≠ {theirs['legacy_code']}"
            )
    assert not problems


@needs_shared
def test_trade_term_incoterms_match_the_official_table() -> None:
    shared = _shared_by_code("trade_terms")
    for ours in _builtin("trade_terms"):
        if shared[ours["code"]]["incoterm"]:
            assert ours["name_en"] == shared[ours["code"]]["incoterm"]


@needs_shared
def test_every_customs_currency_is_built_in() -> None:
    ours = {r["code"]: r["legacy_code"] for r in _builtin("currencies")}
    for code, row in _shared_by_code("currencies").items():
        assert ours.get(code) == row["legacy_code"], code


# ---------------------------------------------------------------- loading the built-ins


def test_ensure_builtin_loads_every_table_once(session) -> None:
    loaded = codes.ensure_builtin(session)
    assert sorted(v.table_name for v in loaded) == sorted(codes.BUILTIN_TABLES)
    assert all(v.active and v.version == codes.BUILTIN_VERSION for v in loaded)
    for version in loaded:
        assert version.row_count == len(_builtin(version.table_name))
    before = _counts(session)
    assert codes.ensure_builtin(session) == []
    assert _counts(session) == before
    summaries = session.execute(
        select(func.count()).where(AuditEvent.action == "load_code_table")
    ).scalar_one()
    assert summaries == len(codes.BUILTIN_TABLES)


def test_lookups_on_the_builtin_tables(session) -> None:
    codes.ensure_builtin(session)
    assert codes.lookup(session, "units", "035").name_cn == "千克"
    assert codes.lookup(session, "units", "35") is None  # codes are text
    assert codes.name(session, "supervision_modes", "9810") == "跨境电商出口海外仓"
    assert codes.name(session, "currencies", "USD", lang="en") == "US Dollar"
    assert codes.name(session, "units", "999") == ""
    assert codes.is_valid(session, "countries", "USA")
    assert not codes.is_valid(session, "countries", "XXY")
    listed = [e.code for e in codes.entries(session, "levy_modes")]
    assert listed == [str(n) for n in range(1, 10)]
    assert codes.entries(session, "ports") == []


def test_legacy_codes_map_to_current_ones(session) -> None:
    codes.ensure_builtin(session)
    expected = {
        "502": "USD",
        "300": "EUR",
        "142": "CNY",
        "110": "HKD",
        "116": "JPY",
        "303": "GBP",
        "501": "CAD",
        "601": "AUD",
    }
    for legacy, current in expected.items():
        assert codes.to_current(session, "currencies", legacy) == current
    assert codes.to_current(session, "countries", "304") == "DEU"
    assert codes.to_current(session, "countries", "502") == "USA"
    assert codes.to_current(session, "countries", "142") == "CHN"
    assert codes.to_current(session, "currencies", "999") is None


def test_any_five_character_region_code_is_valid(session) -> None:
    assert codes.is_valid(session, "domestic_regions", "44199")
    assert codes.is_valid(session, "domestic_regions", "99999")
    assert not codes.is_valid(session, "domestic_regions", "4419")
    assert not codes.is_valid(session, "domestic_regions", "4419a")


# ---------------------------------------------------------------- imports


@needs_shared
def test_every_shared_table_imports_and_becomes_active(session) -> None:
    codes.ensure_builtin(session)
    for stem, table in SHARED_TABLE_OF_FILE.items():
        path = SHARED_CODES / f"{stem}.csv"
        rows = _read_csv(path)
        version = codes.import_table_file(session, table, path)
        assert version.active and version.table_name == table
        assert version.version.startswith(f"{stem}-") and len(version.version) == len(stem) + 9
        distinct = len({next(iter(r.values())) for r in rows})
        assert version.row_count == distinct, stem
        assert codes.active_version(session, table).id == version.id
    assert codes.name(session, "countries", "USA") == "美国"
    assert codes.to_current(session, "countries", "699") == "ZOC"  # shared by many islands
    assert codes.to_current(session, "currencies", "344") == "RUB"
    assert codes.name(session, "customs_districts", "5300") != ""
    assert codes.lookup(session, "units", "035").name_cn == "千克"
    ports = codes.lookup(session, "ports", "NZL008")
    assert '"duplicates"' in ports.extra_json  # the official table repeats NZL008
    mode = codes.lookup(session, "supervision_modes", "0615")
    assert '"short_name": "进料对口"' in mode.extra_json


@needs_shared
def test_the_units_reference_file_imports_as_gb18030_and_xlsx(session, tmp_path) -> None:
    text = (SHARED_CODES / "units.csv").read_text(encoding="utf-8")
    gb = tmp_path / "units_gb.csv"
    gb.write_bytes(text.replace("code,name_cn", "代码,名称").encode("gb18030"))
    assert codes.import_table_file(session, "units", gb).row_count == 123
    assert codes.name(session, "units", "035") == "千克"


def test_xlsx_with_title_row_numeric_codes_and_extras(session, tmp_path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["计量单位代码表"])
    sheet.append(["代码", "中文名称", "英文名称", "原报关代码", "备注"])
    sheet.append([35, "千克", "kilogram", None, "常用"])
    sheet.append(["001", "台", "unit", None, None])
    path = tmp_path / "单位.xlsx"
    book.save(path)
    version = codes.import_table_file(session, "units", path, version="2026-official")
    assert (version.version, version.row_count, version.active) == ("2026-official", 2, True)
    entry = codes.lookup(session, "units", "035")
    assert (entry.name_cn, entry.name_en) == ("千克", "kilogram")
    assert entry.extra_json == '{"备注": "常用"}'


def test_lookup_follows_the_active_version_after_a_reimport(session, tmp_path) -> None:
    codes.ensure_builtin(session)
    builtin = codes.active_version(session, "units")
    path = _write(tmp_path / "units.csv", "code,name_cn\n035,公斤\n001,台\n")
    first = codes.import_table_file(session, "units", path)
    assert codes.name(session, "units", "035") == "公斤"
    assert not builtin.active
    assert codes.lookup(session, "units", "006") is None  # only the active version counts
    codes.activate(session, builtin.id)
    assert codes.name(session, "units", "035") == "千克" and not first.active
    again = codes.import_table_file(session, "units", path)
    assert again.id == first.id and again.active and not builtin.active
    assert codes.name(session, "units", "035") == "公斤"
    _write(path, "code,name_cn\n035,千克(公斤)\n")
    newer = codes.import_table_file(session, "units", path)
    assert newer.id != first.id and codes.name(session, "units", "035") == "千克(公斤)"
    assert [v.active for v in codes.list_versions(session) if v.table_name == "units"] == [
        False,
        False,
        True,
    ]


def test_import_without_activation_keeps_the_active_version(session, tmp_path) -> None:
    codes.ensure_builtin(session)
    path = _write(tmp_path / "units.csv", "code,name_cn\n035,公斤\n")
    version = codes.import_table_file(session, "units", path, activate=False)
    assert not version.active and codes.name(session, "units", "035") == "千克"


def test_a_new_builtin_edition_replaces_an_older_builtin_only(session, monkeypatch) -> None:
    codes.ensure_builtin(session)
    monkeypatch.setattr(codes, "BUILTIN_VERSION", "builtin-2099.1")
    loaded = codes.ensure_builtin(session)
    assert len(loaded) == len(codes.BUILTIN_TABLES) and all(v.active for v in loaded)


def test_a_builtin_edition_does_not_replace_an_imported_table(session, tmp_path) -> None:
    path = _write(tmp_path / "units.csv", "code,name_cn\n035,公斤\n")
    codes.import_table_file(session, "units", path)
    codes.ensure_builtin(session)
    assert codes.name(session, "units", "035") == "公斤"
    assert codes.name(session, "currencies", "USD") == "美元"


BAD_FILES = {
    "duplicate and empty codes": (
        "code,name_cn\n035,千克\n036,克\n035,公斤\n,无代码\n",
        [("code", 4, "duplicate code (first on row 2)"), ("code", 5, "empty code")],
    ),
    "no code column": ("名字,name_en\n千克,kg\n", [("code", 1, "no code column")]),
    "code too long": ("code,name_cn\n" + "1" * 21 + ",x\n", [("code", 2, "longer than 20")]),
    "only a header": ("code,name_cn\n", [("file", None, "no rows")]),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_with_rows_and_nothing_written(session, tmp_path, case) -> None:
    codes.ensure_builtin(session)
    text, expected = BAD_FILES[case]
    path = _write(tmp_path / "units.csv", text)
    before = _counts(session)
    with pytest.raises(ValidationFailed) as caught:
        codes.import_table_file(session, "units", path)
    got = [(p.field, p.row, p.reason) for p in caught.value.problems]
    assert len(got) == len(expected)
    for (field, row, reason), want in zip(got, expected, strict=True):
        assert (field, row) == want[:2] and want[2] in reason
    assert all(p.file == "units.csv" for p in caught.value.problems)
    assert _counts(session) == before
    assert codes.name(session, "units", "035") == "千克"


def test_unknown_table_and_unreadable_files(session, tmp_path) -> None:
    good = _write(tmp_path / "t.csv", "code,name_cn\n1,a\n")
    with pytest.raises(ValidationFailed, match="unknown code table"):
        codes.import_table_file(session, "planets", good)
    with pytest.raises(ValidationFailed, match="cannot read the file"):
        codes.import_table_file(session, "units", tmp_path / "missing.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ValidationFailed, match="cannot read the file as a table"):
        codes.import_table_file(session, "units", broken)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes([0x81, 0x30, 0x81, 0xFF, 0xFF]) * 10)
    with pytest.raises(ValidationFailed):
        codes.import_table_file(session, "units", binary)
    assert _counts(session) == (0, 0, 0)


def test_same_version_name_from_another_file_is_refused(session, tmp_path) -> None:
    first = _write(tmp_path / "a.csv", "code,name_cn\n035,千克\n")
    second = _write(tmp_path / "b.csv", "code,name_cn\n035,公斤\n")
    codes.import_table_file(session, "units", first, version="v1")
    with pytest.raises(ValidationFailed, match="already loaded"):
        codes.import_table_file(session, "units", second, version="v1")


def test_activate_unknown_version(session) -> None:
    with pytest.raises(BadInput):
        codes.activate(session, 12345)


def test_import_reports_progress_and_can_be_cancelled(session, tmp_path) -> None:
    from desktop_app.core.errors import Cancelled
    from desktop_app.core.jobs import Job

    path = _write(
        tmp_path / "u.csv", "code,name_cn\n" + "".join(f"{n:03d},u{n}\n" for n in range(1, 300))
    )
    seen: list[tuple[int, int]] = []
    codes.import_table_file(session, "units", path, job=Job(lambda d, t, m: seen.append((d, t))))
    assert seen[-1] == (299, 299)
    job = Job()
    job.cancel_event.set()
    with pytest.raises(Cancelled):
        codes.import_table_file(session, "levy_nature", path, job=job)
