"""The company profile service: one row, every field validated at once, the FX policy lock."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop_app.core.errors import ValidationFailed
from desktop_app.core.models import AuditEvent, CompanyProfile
from desktop_app.core.services import company

GOOD_USCC = "91440783714753661E"
VALID = {
    "name_cn": "东莞市示例贸易有限公司",
    "name_en": "Dongguan Example Trading Co., Ltd.",
    "uscc": GOOD_USCC,
    "customs_code": "4419960ABC",
    "taxpayer_type": "trading",
    "fx_rate_policy": "export_day",
    "customs_district": "5300",
    "domestic_source_region": "44199",
    "rebate_department": "2",
    "pilot_zone_registered": True,
    "pilot_zone_name": "中国(东莞)跨境电子商务综合试验区",
}


def test_get_profile_creates_the_single_row_once(session):
    first = company.get_profile(session)
    again = company.get_profile(session)
    assert first is again and first.id == 1
    assert session.scalar(select(func.count()).select_from(CompanyProfile)) == 1
    assert first.taxpayer_type == "trading" and first.fx_rate_policy == "export_day"


def test_save_valid_profile(session):
    saved = company.save_profile(session, VALID, today=dt.date(2026, 3, 1))
    assert saved.name_cn == VALID["name_cn"]
    assert saved.uscc == GOOD_USCC
    assert saved.fx_policy_since == dt.date(2026, 3, 1)
    events = session.scalars(select(AuditEvent).where(AuditEvent.entity == "company_profile"))
    assert list(events), "the change is audited"


def test_codes_are_trimmed_and_upper_cased(session):
    saved = company.save_profile(
        session, {**VALID, "uscc": " 91440783714753661e ", "customs_code": "4419960abc"}
    )
    assert saved.uscc == GOOD_USCC
    assert saved.customs_code == "4419960ABC"


def test_empty_identifiers_are_allowed_and_stored_as_none(session):
    saved = company.save_profile(
        session, {**VALID, "uscc": "", "customs_code": "  ", "customs_district": ""}
    )
    assert saved.uscc is None and saved.customs_code is None and saved.customs_district is None


def test_every_problem_is_reported_at_once_and_nothing_written(session):
    company.save_profile(session, VALID)
    bad = {
        "name_cn": "  ",
        "uscc": "91440783714753661A",
        "customs_code": "12345",
        "taxpayer_type": "shop",
        "fx_rate_policy": "yesterday",
        "customs_district": "53A0",
        "domestic_source_region": "4419",
        "rebate_department": "12",
        "pilot_zone_registered": "yes",
        "colour": "red",
    }
    with pytest.raises(ValidationFailed) as caught:
        company.save_profile(session, bad)
    fields = {p.field for p in caught.value.problems}
    assert fields == set(bad)
    uscc = next(p for p in caught.value.problems if p.field == "uscc")
    assert "check character should be E" in uscc.reason
    assert uscc.value == "91440783714753661A"
    profile = company.get_profile(session)
    assert profile.name_cn == VALID["name_cn"] and profile.uscc == GOOD_USCC


def test_too_long_text_is_refused(session):
    with pytest.raises(ValidationFailed) as caught:
        company.save_profile(session, {**VALID, "phone": "1" * 51})
    assert caught.value.problems[0].field == "phone"
    assert "at most 50" in caught.value.problems[0].reason


def test_fx_policy_is_fixed_for_twelve_months(session):
    company.save_profile(session, VALID, today=dt.date(2026, 1, 31))
    with pytest.raises(ValidationFailed) as caught:
        company.save_profile(
            session, {"fx_rate_policy": "first_of_month"}, today=dt.date(2026, 12, 31)
        )
    reason = caught.value.problems[0].reason
    assert caught.value.problems[0].field == "fx_rate_policy"
    assert "2026-01-31" in reason and "2027-01-31" in reason
    assert company.get_profile(session).fx_rate_policy == "export_day"

    saved = company.save_profile(
        session, {"fx_rate_policy": "first_of_month"}, today=dt.date(2027, 1, 31)
    )
    assert saved.fx_rate_policy == "first_of_month"
    assert saved.fx_policy_since == dt.date(2027, 1, 31)


def test_saving_the_same_fx_policy_keeps_its_start_date(session):
    company.save_profile(session, VALID, today=dt.date(2026, 1, 5))
    saved = company.save_profile(session, VALID, today=dt.date(2026, 6, 5))
    assert saved.fx_policy_since == dt.date(2026, 1, 5)


def test_other_fields_save_while_fx_policy_is_locked(session):
    company.save_profile(session, VALID, today=dt.date(2026, 1, 5))
    saved = company.save_profile(session, {"phone": "0769-1234567"}, today=dt.date(2026, 2, 1))
    assert saved.phone == "0769-1234567"


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (dt.date(2026, 1, 31), dt.date(2027, 1, 31)),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
        (dt.date(2026, 12, 1), dt.date(2027, 12, 1)),
    ],
)
def test_changeable_from(session, since, expected):
    profile = company.get_profile(session)
    profile.fx_policy_since = since
    assert company.fx_policy_changeable_from(profile) == expected
