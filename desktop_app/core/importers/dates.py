"""Dates as platform exports write them: ISO-8601, Excel serials, localised text → aware datetimes.

A date without a zone is read in the zone the caller says the platform writes it in
(`default_tz`): Amazon writes offsets, Shopee and TikTok the shop's site time, so the
importers pass `site_zone(country)`; without a shop, UTC. Ambiguous numeric dates
(03/05/2024) are day-first unless the caller says otherwise, and decided by the numbers
themselves when one of them is above 12.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 date system)
_MAX_SERIAL = 2_958_465  # 9999-12-31

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janv", "januar", "enero", "gennaio"),
            ("feb", "february", "fév", "févr", "februar", "febrero"),
            ("mar", "march", "mars", "märz", "marzo"),
            ("apr", "april", "avr", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "maggio", "mei"),
            ("jun", "june", "juin", "juni", "junio", "giugno"),
            ("jul", "july", "juil", "juillet", "juli", "julio", "luglio"),
            ("aug", "august", "août", "agosto", "agu", "agt"),
            ("sep", "sept", "september", "septembre", "septiembre", "settembre"),
            ("oct", "october", "octobre", "oktober", "octubre", "ottobre", "okt"),
            ("nov", "november", "novembre", "noviembre", "nop"),
            ("dec", "december", "déc", "décembre", "dezember", "diciembre", "dicembre", "des"),
        ),
        start=1,
    )
    for name in names
}
# Abbreviations seen in US/EU/Asian platform exports. CST is US Central, as Amazon writes it.
ZONE_ABBREVIATIONS = {
    "z": 0, "utc": 0, "gmt": 0, "pst": -8, "pdt": -7, "mst": -7, "mdt": -6, "cst": -6,
    "cdt": -5, "est": -5, "edt": -4, "akst": -9, "akdt": -8, "hst": -10, "bst": 1, "cet": 1,
    "cest": 2, "eet": 2, "eest": 3, "jst": 9, "kst": 9, "sgt": 8, "hkt": 8, "myt": 8,
    "pht": 8, "wib": 7, "ict": 7, "aest": 10, "aedt": 11, "ist": 5.5,
}  # fmt: skip
# Site time of the marketplaces; fixed offsets (no tz database needed on Windows). The US
# is read as Pacific time, which TikTok Shop and Seller Central use for US reports.
SITE_OFFSETS = {
    "USA": -8, "CAN": -5, "MEX": -6, "BRA": -3, "GBR": 0, "IRL": 0, "DEU": 1, "FRA": 1,
    "ITA": 1, "ESP": 1, "NLD": 1, "POL": 1, "SWE": 1, "BEL": 1, "TUR": 3, "ARE": 4,
    "SAU": 3, "IND": 5.5, "THA": 7, "VNM": 7, "IDN": 7, "CHN": 8, "HKG": 8, "TWN": 8,
    "SGP": 8, "MYS": 8, "PHL": 8, "JPN": 9, "KOR": 9, "AUS": 10,
}  # fmt: skip

_TIME = re.compile(
    r"[T\s,]*(?:(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,6}))?)?)?"
    r"\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
    r"\s*(?P<tz>[a-z]{1,5})?"
    r"\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)?\s*",
    re.IGNORECASE,
)
_YMD = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})(?!\d)")
_D_MON_Y = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*(?P<mon>[^\W\d_]+)\.?[\s\-/.,]*(?P<y>\d{4})"
)
_MON_D_Y = re.compile(r"(?P<mon>[^\W\d_]+)\.?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y>\d{4})")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_CHINESE = (
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"), r"\1-\2-\3 "),
    (re.compile(r"\s*[时時点點]\s*(?=\d)"), ":"),
    (re.compile(r"\s*[时時点點]"), ":00"),
    (re.compile(r"\s*分\s*(?=\d)"), ":"),
    (re.compile(r"\s*[分秒]"), ""),
)
_CHINESE_HALF_DAY = {"上午": "am", "下午": "pm", "晚上": "pm", "凌晨": "am"}


class BadDate(ValueError):
    """A text that is not a date in any format we read; the message says what was expected."""


def site_zone(country: str | None) -> dt.tzinfo:
    """The fixed UTC offset a marketplace in `country` (ISO alpha-3) writes its times in."""
    hours = SITE_OFFSETS.get((country or "").upper(), 0)
    return dt.timezone(dt.timedelta(hours=hours)) if hours else dt.UTC


def parse_datetime(
    text: str, *, default_tz: dt.tzinfo = dt.UTC, day_first: bool = True
) -> dt.datetime:
    """An aware datetime from any format a platform export or Excel writes; BadDate if none."""
    value = text.strip()
    if not value:
        raise BadDate("empty date")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        parsed = _parse_other(value, day_first)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=default_tz)
    return parsed


def parse_date(text: str, *, day_first: bool = True) -> dt.date:
    """The calendar date written in `text` (its own zone, not converted)."""
    return parse_datetime(text, day_first=day_first).date()


def from_excel_serial(serial: Decimal | float | int) -> dt.datetime:
    """Excel's serial day number (1900 system) as a naive datetime, to the second."""
    number = Decimal(str(serial))
    if not 1 <= number <= _MAX_SERIAL:
        raise BadDate(f"{serial}: outside Excel's date range")
    seconds = (number * 86_400).quantize(Decimal(1))
    return EXCEL_EPOCH + dt.timedelta(seconds=int(seconds))


def _parse_other(value: str, day_first: bool) -> dt.datetime:
    if value[0].isdigit() and value.replace(".", "", 1).isdigit():
        return _parse_number(value)
    text = value
    for chinese, latin in _CHINESE_HALF_DAY.items():
        if chinese in text:
            text = text.replace(chinese, "").strip() + " " + latin
    for pattern, replacement in _CHINESE:
        text = pattern.sub(replacement, text)
    text = _WEEKDAY.sub("", text.strip().rstrip(":"))
    day, rest = _parse_day(text, day_first, value)
    return _with_time(day, rest, value)


def _parse_number(value: str) -> dt.datetime:
    if len(value) == 8 and value.isdigit():  # 20240503
        try:
            return dt.datetime.strptime(value, "%Y%m%d")
        except ValueError:
            pass
    try:
        return from_excel_serial(Decimal(value))
    except (BadDate, InvalidOperation) as exc:
        raise BadDate(f"{value!r} is not a date or an Excel date number") from exc


def _parse_day(text: str, day_first: bool, original: str) -> tuple[dt.date, str]:
    try:
        if m := _YMD.match(text):
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"])), text[m.end() :]
        if m := _NUMERIC.match(text):
            first, second = int(m["a"]), int(m["b"])
            if first > 12 or (day_first and second <= 12):
                day, month = first, second
            else:
                month, day = first, second
            return dt.date(_year(m["y"]), month, day), text[m.end() :]
        for pattern in (_D_MON_Y, _MON_D_Y):
            if (m := pattern.match(text)) and m["mon"].casefold() in MONTHS:
                month = MONTHS[m["mon"].casefold()]
                return dt.date(int(m["y"]), month, int(m["d"])), text[m.end() :]
    except ValueError as exc:
        raise BadDate(f"{original!r}: no such date ({exc})") from exc
    raise BadDate(
        f"{original!r} is not a date (expected e.g. 2024-05-03 14:22, 03/05/2024, "
        "May 3, 2024 2:22 PM PDT, 2024年5月3日 or an Excel date number)"
    )


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _with_time(day: dt.date, rest: str, original: str) -> dt.datetime:
    m = _TIME.fullmatch(rest.replace("(", " ").replace(")", " "))
    if m is None:
        raise BadDate(f"{original!r}: cannot read the time {rest.strip()!r}")
    hour, minute = int(m["h"] or 0), int(m["mi"] or 0)
    second = int(m["s"] or 0)
    micro = int((m["f"] or "0").ljust(6, "0"))
    if m["ampm"]:
        if not 1 <= hour <= 12:
            raise BadDate(f"{original!r}: hour {hour} with AM/PM")
        hour = hour % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    zone = _zone(m["tz"], m["off"], original)
    try:
        return dt.datetime(day.year, day.month, day.day, hour, minute, second, micro, zone)
    except ValueError as exc:
        raise BadDate(f"{original!r}: no such time ({exc})") from exc


def _zone(name: str | None, offset: str | None, original: str) -> dt.tzinfo | None:
    hours: float = 0
    if name:
        if name.casefold() not in ZONE_ABBREVIATIONS:
            raise BadDate(f"{original!r}: unknown time zone {name!r}")
        hours = ZONE_ABBREVIATIONS[name.casefold()]
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        h, mi = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        hours += sign * (int(h) + int(mi) / 60)
    if not name and not offset:
        return None
    if not -14 <= hours <= 14:
        raise BadDate(f"{original!r}: offset out of range")
    return dt.timezone(dt.timedelta(hours=hours)) if hours else dt.UTC
