"""SKU catalogue service: every field validated at once, rates from the library, upserts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop_app.core import codes
from desktop_app.core.errors import BadInput, ValidationFailed
from desktop_app.core.models import AuditEvent, Sku, Supplier
from desktop_app.core.services import catalogue, rate_library
from tests.unit import rate_files

TODAY = dt.date(2026, 3, 16)
CASE = {
    "code": "PC-IP15-BLK",
    "name_cn": "手机保护壳",
    "name_en": "Phone Case iPhone 15 Black",
    "spec": "iPhone 15 黑色 TPU",
    "hs_code": "3926909090",
    "declaration_elements": "1|0|用途:手机保护|材质:TPU|品牌:NUVELO|型号:iPhone 15",
    "brand_name": "NUVELO",
    "brand_type": 1,
    "preference": 0,
    "legal_first_unit": "035",
    "trade_unit": "007",
    "first_unit_factor": "0.032",
    "origin_country": "CHN",
    "domestic_source": "44031",
    "net_weight_kg": "0.032",
    "gross_weight_kg": "0.058",
    "length_cm": "18.5",
    "width_cm": "10",
    "height_cm": "2",
    "purchase_price": "4.80",
}


@pytest.fixture
def cat(session, tmp_path):
    """A session with the built-in code tables and a rate library loaded."""
    codes.ensure_builtin(session)
    rate_library.load_rate_library(session, rate_files.write_cmcode(tmp_path / "cmcode.dbf"))
    return session


def _problems(session, data, **kw) -> dict[str, str]:
    return {p.field: p.reason for p in catalogue.validate_sku(session, data, today=TODAY, **kw)}


def test_a_valid_sku_is_created_with_the_library_rates(cat):
    sku = catalogue.create_sku(cat, CASE, today=TODAY)
    assert sku.id and sku.code == "PC-IP15-BLK" and sku.hs_code == "3926909090"
    assert sku.first_unit_factor == Decimal("0.032") and sku.net_weight_kg == Decimal("0.032")
    assert (sku.levy_rate, sku.rebate_rate, sku.rates_overridden) == (13, 13, False)
    assert sku.brand_type == 1 and sku.active is True and sku.trade_unit == "007"
    audited = cat.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "sku")
    )
    assert audited == 1


def test_every_problem_is_reported_at_once_and_nothing_written(cat):
    catalogue.create_sku(cat, CASE, today=TODAY)
    bad = {
        "code": "PC-IP15-BLK",  # taken
        "name_cn": " ",
        "hs_code": "39269090",
        "brand_type": 5,
        "preference": "x",
        "legal_first_unit": "999",
        "legal_second_unit": "个",  # a name, not a code
        "trade_unit": "",
        "origin_country": "XXX",
        "domestic_source": "4403",
        "net_weight_kg": "-1",
        "gross_weight_kg": "abc",
        "length_cm": "1.2345",
        "first_unit_factor": "0",
        "second_unit_factor": "-2",
        "levy_rate": "113",
        "rebate_rate": "-1",
        "purchase_price": "1e3x",
        "active": "maybe",
        "supplier_id": 999,
        "colour": "red",
    }
    problems = _problems(cat, bad)
    assert set(problems) == set(bad)
    assert problems["code"] == "another SKU already has this code"
    assert problems["hs_code"] == "must be exactly 10 digits"
    assert "units" in problems["legal_first_unit"] and "units" in problems["legal_second_unit"]
    assert problems["trade_unit"] == "required"
    assert problems["length_cm"] == "more than 3 decimal places"
    assert problems["levy_rate"] == "must be a percentage from 0 to 100"
    assert problems["first_unit_factor"] == "must be more than 0"
    with pytest.raises(ValidationFailed) as caught:
        catalogue.create_sku(cat, bad, today=TODAY)
    assert len(caught.value.problems) == len(bad)
    assert cat.scalar(select(func.count()).select_from(Sku)) == 1


def test_hs_code_must_be_in_the_library_on_the_day(cat):
    problems = _problems(cat, {**CASE, "hs_code": "3926909099"})
    reason = problems["hs_code"]
    assert "rate library cmcode-" in reason and "2026-03-16" in reason
    early = catalogue.validate_sku(cat, CASE, today=dt.date(2019, 6, 1))
    assert [p.field for p in early] == ["hs_code"], "the library starts on 2020-01-01"


def test_without_a_library_any_ten_digit_code_is_accepted(session):
    codes.ensure_builtin(session)
    sku = catalogue.create_sku(session, {**CASE, "hs_code": "3926909099"}, today=TODAY)
    assert sku.levy_rate is None and sku.rebate_rate is None and not sku.rates_overridden


def test_rates_follow_the_library_entry_in_force_on_the_day(cat):
    aluminium = {**CASE, "hs_code": "7615200000", "code": "AL-1"}
    old = catalogue.create_sku(cat, aluminium, today=dt.date(2024, 11, 30))
    new = catalogue.create_sku(cat, {**aluminium, "code": "AL-2"}, today=dt.date(2024, 12, 1))
    assert old.rebate_rate == Decimal(13) and new.rebate_rate == Decimal(0)
    assert not old.rates_overridden and not new.rates_overridden


def test_user_rates_are_kept_and_flagged_then_clearing_restores_the_library(cat):
    sku = catalogue.create_sku(cat, {**CASE, "rebate_rate": "9"}, today=TODAY)
    assert (sku.levy_rate, sku.rebate_rate, sku.rates_overridden) == (13, 9, True)
    same = catalogue.create_sku(cat, {**CASE, "code": "X2", "rebate_rate": "13"}, today=TODAY)
    assert not same.rates_overridden, "giving the library's own value is no override"
    catalogue.update_sku(cat, sku.id, {"name_en": "Case"}, today=TODAY)
    assert sku.rebate_rate == Decimal(9) and sku.rates_overridden, "other edits keep it"
    catalogue.update_sku(cat, sku.id, {"hs_code": "8544421100"}, today=TODAY)
    assert sku.rebate_rate == Decimal(9) and sku.rates_overridden is False, "9 is the library's"
    catalogue.update_sku(cat, sku.id, {"levy_rate": "9"}, today=TODAY)
    assert sku.rates_overridden
    catalogue.update_sku(cat, sku.id, {"rates_overridden": False}, today=TODAY)
    assert (sku.levy_rate, sku.rebate_rate, sku.rates_overridden) == (13, 9, False)


def test_a_new_hs_code_brings_its_rates_when_not_overridden(cat):
    sku = catalogue.create_sku(cat, CASE, today=TODAY)
    catalogue.update_sku(cat, sku.id, {"hs_code": "7615200000"}, today=TODAY)
    assert (sku.levy_rate, sku.rebate_rate, sku.rates_overridden) == (13, 0, False)


def test_a_levy_rate_from_the_listed_choices_is_no_override(cat, tmp_path):
    rows = [("3926909090", "其他塑料制品", "千克", "9,13", "9", "20200101", "", "")]
    rate_library.load_rate_library(cat, rate_files.write_cmcode(tmp_path / "b.dbf", rows))
    default = catalogue.create_sku(cat, CASE, today=TODAY)
    chosen = catalogue.create_sku(cat, {**CASE, "code": "B", "levy_rate": "9"}, today=TODAY)
    assert (default.levy_rate, default.rates_overridden) == (13, False)
    assert (chosen.levy_rate, chosen.rates_overridden) == (9, False)


def test_declaration_elements_must_start_with_brand_type_and_preference(cat):
    problems = _problems(cat, {**CASE, "declaration_elements": "0|0|用途:手机保护"})
    assert "1|0" in problems["declaration_elements"]
    problems = _problems(cat, {**CASE, "declaration_elements": "用途:手机保护|材质:TPU"})
    assert "declaration_elements" in problems
    assert _problems(cat, {**CASE, "declaration_elements": ""}) == {}


def test_changing_brand_type_rewrites_the_leading_elements(cat):
    sku = catalogue.create_sku(cat, CASE, today=TODAY)
    catalogue.update_sku(cat, sku.id, {"brand_type": "0", "brand_name": ""}, today=TODAY)
    assert sku.declaration_elements.startswith("0|0|用途:手机保护")
    with pytest.raises(ValidationFailed, match="declaration_elements"):
        catalogue.update_sku(cat, sku.id, {"declaration_elements": "3|0|x", "preference": 2})


def test_weights_net_not_above_gross(cat):
    problems = _problems(cat, {**CASE, "net_weight_kg": "0.06", "gross_weight_kg": "0.058"})
    assert problems == {"net_weight_kg": "net weight is more than the gross weight 0.058"}


def test_update_checks_only_what_changes_and_writes_nothing_on_error(cat):
    sku = catalogue.create_sku(cat, CASE, today=TODAY)
    other = catalogue.create_sku(cat, {**CASE, "code": "PC-IP15-CLR"}, today=TODAY)
    events = cat.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(ValidationFailed) as caught:
        catalogue.update_sku(cat, other.id, {"code": "PC-IP15-BLK", "name_en": "changed"})
    assert [p.field for p in caught.value.problems] == ["code"]
    assert other.code == "PC-IP15-CLR" and other.name_en == CASE["name_en"]
    assert cat.scalar(select(func.count()).select_from(AuditEvent)) == events
    catalogue.update_sku(cat, sku.id, {"code": "PC-IP15-BLK", "trade_unit": 7}, today=TODAY)
    with pytest.raises(BadInput, match="no SKU with id 999"):
        catalogue.update_sku(cat, 999, {"name_cn": "x"})


def test_units_table_not_loaded_leaves_units_unchecked(session):
    sku = catalogue.create_sku(session, {**CASE, "legal_first_unit": "999"}, today=TODAY)
    assert sku.legal_first_unit == "999"


def test_upsert_inserts_updates_and_leaves_unchanged_rows_alone(cat):
    catalogue.create_sku(cat, CASE, today=TODAY)
    rows = [
        (2, {**CASE, "purchase_price": "5.10", "supplier": "东莞市塑胶制品厂"}),
        (3, {**CASE, "code": "PC-IP15-CLR", "supplier": "东莞市塑胶制品厂"}),
        (4, {**CASE, "code": "PC-IP16-BLK", "rebate_rate": "9"}),
    ]
    result = catalogue.upsert_skus(cat, rows, today=TODAY)
    assert (result.inserted, result.updated, result.unchanged, result.errors) == (2, 1, 0, [])
    assert result.suppliers_created == 1
    supplier = cat.scalars(select(Supplier)).one()
    skus = {s.code: s for s in cat.scalars(select(Sku))}
    assert skus["PC-IP15-BLK"].purchase_price == Decimal("5.1")
    assert skus["PC-IP15-BLK"].supplier_id == skus["PC-IP15-CLR"].supplier_id == supplier.id
    assert skus["PC-IP16-BLK"].rates_overridden
    again = catalogue.upsert_skus(cat, rows, today=TODAY)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert again.suppliers_created == 0


def test_upsert_reports_every_bad_row_and_writes_nothing(cat):
    rows = [
        (2, CASE),
        (3, {**CASE, "code": "PC-X", "hs_code": "123"}),
        (4, {**CASE, "name_en": "dup"}),
        (5, {**CASE, "code": "", "net_weight_kg": "x"}),
    ]
    result = catalogue.upsert_skus(cat, rows, today=TODAY, columns={"hs_code": "HS编码"})
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "HS编码"),
        (4, "code"),
        (5, "code"),
        (5, "net_weight_kg"),
    ]
    assert "row 2" in result.errors[1].reason
    assert result.inserted == 0 and cat.scalar(select(func.count()).select_from(Sku)) == 0
    skipping = catalogue.upsert_skus(cat, rows, today=TODAY, skip_bad=True)
    assert (skipping.inserted, skipping.skipped) == (1, 3)
