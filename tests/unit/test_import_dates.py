"""Dates from platform exports: ISO, Excel serials, localised strings, zones."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.core.importers.dates import BadDate, parse_datetime, site_zone

SGT = dt.timezone(dt.timedelta(hours=8))
PDT = dt.timezone(dt.timedelta(hours=-7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-06-17T08:04:21+00:00", dt.datetime(2017, 6, 17, 8, 4, 21, tzinfo=dt.UTC)),
        ("2024-05-03T14:22:00Z", dt.datetime(2024, 5, 3, 14, 22, tzinfo=dt.UTC)),
        ("2024-05-03 14:22", dt.datetime(2024, 5, 3, 14, 22, tzinfo=SGT)),
        ("03/05/2024", dt.datetime(2024, 5, 3, tzinfo=SGT)),
        ("05/13/2024", dt.datetime(2024, 5, 13, tzinfo=SGT)),
        ("2024/5/3", dt.datetime(2024, 5, 3, tzinfo=SGT)),
        ("2024/5/3 14:22:10", dt.datetime(2024, 5, 3, 14, 22, 10, tzinfo=SGT)),
        ("May 3, 2024 2:22:10 PM PDT", dt.datetime(2024, 5, 3, 14, 22, 10, tzinfo=PDT)),
        ("03 May 2024", dt.datetime(2024, 5, 3, tzinfo=SGT)),
        ("Fri, 03 May 2024 14:22:10 GMT", dt.datetime(2024, 5, 3, 14, 22, 10, tzinfo=dt.UTC)),
        ("2024年5月3日 14:22", dt.datetime(2024, 5, 3, 14, 22, tzinfo=SGT)),
        ("2024年5月3日 下午2点22分", dt.datetime(2024, 5, 3, 14, 22, tzinfo=SGT)),
        ("45415.5", dt.datetime(2024, 5, 3, 12, tzinfo=SGT)),
        ("20240503", dt.datetime(2024, 5, 3, tzinfo=SGT)),
        ("2024-05-03 14:22:10 +0800", dt.datetime(2024, 5, 3, 14, 22, 10, tzinfo=SGT)),
        ("03.05.2024 14:22", dt.datetime(2024, 5, 3, 14, 22, tzinfo=SGT)),
    ],
)
def test_formats(text, expected):
    parsed = parse_datetime(text, default_tz=site_zone("SGP"))
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_month_first_when_asked():
    assert parse_datetime("03/05/2024", day_first=False).month == 3


def test_naive_defaults_to_utc():
    assert parse_datetime("2024-05-03").tzinfo == dt.UTC
    assert site_zone(None) == dt.UTC


@pytest.mark.parametrize(
    "text",
    ["", "x", "2024-13-01", "31/31/2024", "May 3, 2024 2:22 XYZ", "0", "13:22", "Foo 3, 2024"],
)
def test_bad_dates_say_why(text):
    with pytest.raises(BadDate):
        parse_datetime(text)
