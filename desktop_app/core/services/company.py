"""The exporter's own profile (境内发货人): read it, and save changes validated all at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.core import validate
from desktop_app.core.errors import FieldProblem, ValidationFailed
from desktop_app.core.models.system import FX_POLICIES, TAXPAYER_TYPES, CompanyProfile

PROFILE_ID = 1
FX_POLICY_LOCK_MONTHS = 12  # DOMAIN.md §4: the FX conversion policy is fixed for 12 months

TEXT_FIELDS = (
    "name_cn",
    "name_en",
    "pilot_zone_name",
    "address_cn",
    "address_en",
    "phone",
    "declarant_name",
    "declarant_cert_no",
)
# Codes people type in lower case or with stray spaces; None when left empty.
CODE_FIELDS: dict[str, Callable[[str], str | None]] = {
    "uscc": validate.check_uscc,
    "customs_code": validate.check_customs_code,
    "customs_district": validate.check_customs_district,
    "domestic_source_region": validate.check_region_code,
}
EDITABLE = (
    *TEXT_FIELDS,
    *CODE_FIELDS,
    "taxpayer_type",
    "fx_rate_policy",
    "pilot_zone_registered",
    "rebate_department",
)


def get_profile(session: Session) -> CompanyProfile:
    """The single profile row, created with defaults the first time it is asked for."""
    profile = session.get(CompanyProfile, PROFILE_ID)
    if profile is None:
        profile = CompanyProfile(
            id=PROFILE_ID,
            name_cn="",
            taxpayer_type=TAXPAYER_TYPES[0],
            fx_rate_policy=FX_POLICIES[0],
        )
        session.add(profile)
        session.flush()
    return profile


def find_profile(session: Session) -> CompanyProfile | None:
    """The profile if it was ever saved; a read that never writes (for dashboards)."""
    return session.get(CompanyProfile, PROFILE_ID)


def save_profile(
    session: Session, changes: dict[str, Any], *, today: dt.date | None = None
) -> CompanyProfile:
    """Apply `changes` (field name -> value) after checking every field; all or nothing.

    Raises ValidationFailed listing every problem found; nothing is written then.
    """
    today = today or dt.date.today()
    profile = get_profile(session)
    clean, problems = _clean(changes)
    named = clean.get("name_cn", profile.name_cn)
    if not named and not any(p.field == "name_cn" for p in problems):
        problems.append(FieldProblem("name_cn", "the company's Chinese name is required", ""))
    problems.extend(_fx_policy_problems(profile, clean, today))
    if problems:
        raise ValidationFailed(problems)
    policy = clean.get("fx_rate_policy")
    if policy is not None and (profile.fx_policy_since is None or policy != profile.fx_rate_policy):
        profile.fx_policy_since = today
    for name, value in clean.items():
        setattr(profile, name, value)
    session.flush()
    return profile


def fx_policy_changeable_from(profile: CompanyProfile) -> dt.date | None:
    """The first day the FX policy may change again (None: it may change now)."""
    if profile.fx_policy_since is None:
        return None
    return _add_months(profile.fx_policy_since, FX_POLICY_LOCK_MONTHS)


def _clean(changes: dict[str, Any]) -> tuple[dict[str, Any], list[FieldProblem]]:
    clean: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for name, value in changes.items():
        try:
            clean[name] = _clean_field(name, value)
        except _Problem as exc:
            problems.append(FieldProblem(name, exc.reason, value))
    return clean, problems


class _Problem(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _clean_field(name: str, value: Any) -> Any:
    if name not in EDITABLE:
        raise _Problem("not a field of the company profile that can be edited")
    if name == "pilot_zone_registered":
        if not isinstance(value, bool):
            raise _Problem("must be yes or no")
        return value
    if not isinstance(value, str | None):
        raise _Problem("must be text")
    text = (value or "").strip()
    _check_length(name, text)
    if name in TEXT_FIELDS:
        return text
    return _clean_code(name, text.upper())


def _clean_code(name: str, text: str) -> str | None:
    if name in CODE_FIELDS:
        if not text:
            return None
        reason = CODE_FIELDS[name](text)
        if reason:
            raise _Problem(reason)
        return text
    if name == "taxpayer_type":
        return _one_of(text.lower(), TAXPAYER_TYPES)
    if name == "fx_rate_policy":
        return _one_of(text.lower(), FX_POLICIES)
    reason = check_department(text)
    if reason:
        raise _Problem(reason)
    return text


def check_department(value: str) -> str | None:
    """The 部门 character of 关联号 (DOMAIN.md §3.2): one digit or capital letter."""
    if len(value) != 1 or not value.isascii() or not value.isalnum():
        return "must be one digit or letter"
    return None


def _one_of(text: str, allowed: tuple[str, ...]) -> str:
    if text not in allowed:
        raise _Problem(f"must be one of {', '.join(allowed)}")
    return text


def _check_length(name: str, text: str) -> None:
    limit = CompanyProfile.__table__.c[name].type.length
    if limit is not None and len(text) > limit:
        raise _Problem(f"must be at most {limit} characters, got {len(text)}")


def _fx_policy_problems(
    profile: CompanyProfile, clean: dict[str, Any], today: dt.date
) -> list[FieldProblem]:
    wanted = clean.get("fx_rate_policy")
    if wanted is None or wanted == profile.fx_rate_policy:
        return []
    changeable = fx_policy_changeable_from(profile)
    if changeable is None or today >= changeable:
        return []
    reason = (
        f"the exchange-rate policy is fixed for {FX_POLICY_LOCK_MONTHS} months: in force since "
        f"{profile.fx_policy_since.isoformat()}, it may change from {changeable.isoformat()}"
    )
    return [FieldProblem("fx_rate_policy", reason, wanted)]


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):  # 31 Jan + 1 month → 28/29 Feb
        try:
            return dt.date(year, month, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")
