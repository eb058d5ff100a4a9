"""Identifier checks against the real samples of DOMAIN.md."""

import pytest

from desktop_app.core import validate as v


@pytest.mark.parametrize("code", ["91440783714753661E", "91110000802100433B"])
def test_real_usccs_pass(code):
    assert v.check_uscc(code) is None


def test_fictional_uscc_fails_with_the_expected_check_character():
    assert v.check_uscc("91330000142912133P") == "check character should be K, not P"


@pytest.mark.parametrize(
    ("value", "reason"),
    [("9144078371475366", "18 characters"), ("91440783714753661I", "not allowed")],
)
def test_bad_uscc_reasons(value, reason):
    assert reason in v.check_uscc(value)


def test_customs_numbers():
    assert v.check_customs_no("530420250040970934") is None
    assert "9th digit" in v.check_customs_no("530420251040970934")
    assert v.check_rebate_declaration_no("530420250040970934001") is None
    assert v.rebate_declaration_no("530420250040970934", 1) == "530420250040970934001"
    assert v.check_rebate_declaration_no("53042025004097093401") is not None


def test_codes():
    assert v.check_customs_code("330261A004") is None
    assert v.check_customs_code("330261a004") is not None
    assert v.check_hs_code("3926909090") is None
    assert v.check_hs_code("392690909") is not None
    assert v.check_region_code("44199") is None
    assert v.check_customs_district("5300") is None
