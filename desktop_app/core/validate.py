"""Checks of the identifiers exporters type: HS code, USCC, customs codes, declaration numbers.

Each check returns None when the value is valid, or the reason it is not (English; the UI
translates by the reason's code where it needs to).
"""

from __future__ import annotations

import re

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_HS = re.compile(r"^\d{10}$")
_CUSTOMS_CODE = re.compile(r"^[0-9A-Z]{10}$")
_CUSTOMS_NO = re.compile(r"^\d{18}$")
_REBATE_DECL_NO = re.compile(r"^\d{18}0\d{2}$")
_REGION = re.compile(r"^[0-9A-Z]{5}$")
_DISTRICT = re.compile(r"^\d{4}$")


def uscc_check_char(first17: str) -> str:
    """The 18th (check) character of a USCC from its first 17."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(value: str) -> str | None:
    """统一社会信用代码: 18 characters with the GB 32100 check character."""
    if len(value) != 18:
        return f"must be 18 characters, got {len(value)}"
    bad = sorted({ch for ch in value if ch not in USCC_ALPHABET})
    if bad:
        return f"contains characters not allowed in a USCC: {''.join(bad)}"
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        return f"check character should be {expected}, not {value[17]}"
    return None


def check_customs_code(value: str) -> str | None:
    """海关编码 of an enterprise: 10 digits or capital letters (e.g. 330261A004)."""
    if not _CUSTOMS_CODE.match(value):
        return "must be 10 digits or capital letters"
    return None


def check_hs_code(value: str) -> str | None:
    if not _HS.match(value):
        return "must be exactly 10 digits"
    return None


def check_customs_no(value: str) -> str | None:
    """海关编号 of an export declaration: 18 digits, the 9th is 0 (export)."""
    if not _CUSTOMS_NO.match(value):
        return "must be exactly 18 digits"
    if value[8] != "0":
        return "the 9th digit must be 0 for an export declaration (1 is an import)"
    return None


def check_rebate_declaration_no(value: str) -> str | None:
    """报关单号 in the rebate forms: 18-digit 海关编号 + '0' + 2-digit 项号 (21 characters)."""
    if len(value) != 21:
        return f"must be 21 characters, got {len(value)}"
    if not _REBATE_DECL_NO.match(value):
        return "must be the 18-digit customs number, then 0, then the 2-digit item number"
    return check_customs_no(value[:18])


def rebate_declaration_no(customs_no: str, line_no: int) -> str:
    return f"{customs_no}{line_no:03d}"


def check_region_code(value: str) -> str | None:
    """境内货源地: any 5-character domestic region code (the official table is incomplete)."""
    if not _REGION.match(value):
        return "must be 5 digits or capital letters"
    return None


def check_customs_district(value: str) -> str | None:
    """关区代码: 4 digits (5300 深圳, 2200 上海)."""
    if not _DISTRICT.match(value):
        return "must be 4 digits"
    return None
