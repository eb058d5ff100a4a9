"""`holidays` and `deadlines`: the holiday table and every due date, as --json prints them."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from desktop_app import cli_calendar
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected
from tests.unit.test_deadlines import claim, declaration
from tests.unit.test_deadlines_9810 import pre_rebate

D = dt.date
COMMANDS = {
    "holidays": (cli_calendar.args_holidays, cli_calendar.cmd_holidays),
    "deadlines": (cli_calendar.args_deadlines, cli_calendar.cmd_deadlines),
}


def run(db, *argv: str) -> tuple[int, dict, str]:
    """Parse as the real command line does (a sub-command with --json) and run on `db`."""
    parser = argparse.ArgumentParser(prog="desktop-app")
    parser.add_argument("--actor", default="test")
    sub = parser.add_subparsers(dest="command")
    for name, (add_args, _handler) in COMMANDS.items():
        sp = sub.add_parser(name)
        sp.add_argument("--json", action="store_true")
        add_args(sp)
    args = parser.parse_args([*argv, "--json"])
    code, data, text = COMMANDS[args.command][1](args, db)
    json.dumps(data)  # what --json prints must serialise as is
    return code, data, text


@pytest.fixture
def seeded(db):
    run(db, "holidays", "seed", "--years", "2025", "2026")
    return db


def test_seed_and_list_2026(db) -> None:
    code, data, text = run(db, "holidays", "seed", "--years", "2026")
    assert code == 0 and data == {"inserted": 39, "kept": 0, "years": [2026]}
    assert "39 days added" in text
    _, listed, text = run(db, "holidays", "list", "--year", "2026")
    assert (listed["has_data"], listed["holidays"], listed["workdays"]) == (True, 33, 6)
    assert {"date": "2026-02-14", "weekday": "Sat", "kind": "workday", "name": "春节"} in listed[
        "days"
    ]
    assert listed["days"][0]["name"] == "元旦"
    assert "2026-10-01 Thu  holiday  国庆节" in text


def test_list_a_year_without_data_says_so(db) -> None:
    _, data, text = run(db, "holidays", "list", "--year", "2027")
    assert data == {"year": 2027, "has_data": False, "holidays": 0, "workdays": 0, "days": []}
    assert "2027 has no holiday data" in text


def test_seed_refuses_a_year_beyond_the_package(db) -> None:
    with pytest.raises(BadInput, match="not 2027"):
        run(db, "holidays", "seed", "--years", "2027")


def test_set_change_and_remove_a_day(seeded) -> None:
    _, data, _ = run(seeded, "holidays", "set", "2027-01-01", "holiday", "--name", "元旦")
    assert data == {"date": "2027-01-01", "kind": "holiday", "name": "元旦", "action": "added"}
    _, data, _ = run(seeded, "holidays", "set", "2027-01-01", "holiday", "--name", "New Year")
    assert data["action"] == "changed"
    _, data, _ = run(seeded, "holidays", "remove", "2027-01-01")
    assert data == {"date": "2027-01-01", "removed": True}
    with pytest.raises(BadInput, match="not in the holiday table"):
        run(seeded, "holidays", "remove", "2027-01-01")


def test_kinds_in_the_help_are_the_service_kinds() -> None:
    from desktop_app.core.services.deadlines import KINDS

    parser = argparse.ArgumentParser()
    cli_calendar.args_deadlines(parser)
    assert all(kind in parser.format_help().replace("\n", " ") for kind in KINDS)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("holidays", "set", "2026-03-04", "workday"), "Saturday or Sunday"),
        (("holidays", "set", "2026-03-07", "off"), "kind 'off'"),
        (("holidays", "set", "4/3/2026", "holiday"), "YYYY-MM-DD"),
        (("holidays", "set", "2026-03-07"), "usage: holidays set"),
        (("holidays", "list"), "usage: holidays list --year Y"),
        (("holidays", "remove", "2026-03-07", "--name", "x"), "--name applies"),
        (("deadlines", "--from", "2026-05-01", "--to", "2026-04-01"), "before it starts"),
        (("deadlines", "--from", "tomorrow"), "--from 'tomorrow'"),
        (("deadlines", "--kind", "vat"), "deadline kind vat: not one of rebate_claim"),
    ],
)
def test_bad_arguments_are_named(seeded, argv: tuple[str, ...], message: str) -> None:
    with pytest.raises(BadInput, match=message):
        run(seeded, *argv)


def test_import_a_notice(db, tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_text("日期,类型,名称\n2027-02-06,班,春节\n2027-02-08,休,春节\n", encoding="utf-8")
    _, data, text = run(db, "holidays", "import", str(path))
    assert (data["inserted"], data["details"]["years"]) == (2, [2027])
    assert "2 added" in text
    path.write_text("日期,类型\n2027-02-08,maybe\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="1 bad row"):
        run(db, "holidays", "import", str(path))


def test_deadlines_json_lists_every_due_date_with_status(seeded) -> None:
    with seeded.transaction("test") as session:
        sf = declaration(session, "D-SF", D(2025, 12, 20))
        sf.customs_no = "530020250123456789"
        claim(session, sf, dt.datetime(2026, 2, 5, 2, 0, tzinfo=dt.UTC))
        yt = declaration(session, "D-YT", D(2025, 3, 10))
        pre_rebate(session, yt, dt.datetime(2025, 5, 20, 2, 0, tzinfo=dt.UTC), batch_no=2)
    code, data, text = run(
        seeded, "deadlines", "--from", "2026-02-01", "--to", "2026-04-30", "--today", "2026-03-01"
    )
    assert code == 0 and data["missing_years"] == [] and data["warnings"] == []
    rows = [
        (r["declaration_ref"], r["kind"], r["due_date"], r["status"]) for r in data["deadlines"]
    ]
    assert rows == [
        ("D-SF", "document_filing", "2026-02-24", "overdue"),
        ("D-SF", "fx_collection", "2026-04-30", "due"),
        ("D-YT", "fx_collection", "2026-04-30", "due"),
        ("D-SF", "rebate_claim", "2026-04-30", "done"),
        ("D-YT", "rebate_claim", "2026-04-30", "done"),
        ("D-YT", "settlement_9810", "2026-04-30", "due"),
    ]
    filing = data["deadlines"][0]
    assert filing["customs_no"] == "530020250123456789"
    assert (filing["anchor_date"], filing["rule_date"]) == ("2026-02-05", "2026-02-20")
    assert filing["moved_off_holiday"] is True and filing["days_left"] == -5
    settle = data["deadlines"][-1]
    assert (settle["anchor_date"], settle["days_left"]) == ("2025-05-20", 60)
    assert "2026-02-24*    -5  overdue  document_filing" in text

    _, only, _ = run(
        seeded, "deadlines", "--from", "2026-02-01", "--to", "2026-04-30",
        "--kind", "settlement_9810", "--kind", "document_filing", "--open",
    )  # fmt: skip
    assert [r["kind"] for r in only["deadlines"]] == ["document_filing", "settlement_9810"]


def test_deadlines_warn_when_a_year_has_no_holiday_data(seeded) -> None:
    with seeded.transaction("test") as session:
        declaration(session, "D-26", D(2026, 3, 16))
    _, data, text = run(
        seeded, "deadlines", "--from", "2027-01-01", "--to", "2027-12-31", "--today", "2027-01-04"
    )
    assert data["missing_years"] == [2027]
    assert data["warnings"][0].startswith("2027 has no holiday data: due dates may be off")
    claim_row = next(r for r in data["deadlines"] if r["kind"] == "rebate_claim")
    assert claim_row["due_date"] == "2027-04-30" and claim_row["warnings"]
    assert "warning: 2027 has no holiday data" in text
