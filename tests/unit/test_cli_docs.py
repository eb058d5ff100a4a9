"""`docs` and `pilot-zone` commands, through a parser built around their handlers."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from desktop_app import cli_docs
from desktop_app.core.errors import BadInput
from desktop_app.core.services import company
from tests.unit import declaration_fixtures as fx
from tests.unit.filing_fixtures import batch, claim, declaration


def run(db, *argv: str):
    parser = argparse.ArgumentParser()
    parser.add_argument("--actor", default="test")
    parser.add_argument("--json", action="store_true")
    sub = parser.add_subparsers(dest="command")
    cli_docs.args_docs(sub.add_parser("docs"))
    cli_docs.args_pilot_zone(sub.add_parser("pilot-zone"))
    args = parser.parse_args(argv)
    handler = cli_docs.cmd_docs if args.command == "docs" else cli_docs.cmd_pilot_zone
    return handler(args, db)


@pytest.fixture
def claimed(db):
    with db.transaction("test") as session:
        item = declaration(session, "D-CLI", dt.date(2026, 1, 5))
        filed = batch(session, dt.datetime(2026, 2, 10, 2, 0, tzinfo=dt.UTC))
        claim(session, filed, item)
        return filed.id


def test_docs_flow(db, claimed, tmp_path: Path) -> None:
    code, data, text = run(db, "docs", "checklist", "D-CLI")
    assert code == 0 and len(data["items"]) == 4 and "D-CLI" in text
    contract = data["items"][0]["id"]
    code, again, _ = run(db, "docs", "checklist", "D-CLI")
    assert [i["id"] for i in again["items"]] == [i["id"] for i in data["items"]]
    source = tmp_path / "contract.pdf"
    source.write_bytes(b"contract")
    code, attached, text = run(db, "docs", "attach", str(contract), str(source))
    assert attached["status"] == "received" and attached["sha256"] in text
    code, added, _ = run(db, "docs", "add", "D-CLI", "--kind", "other", "--title", "照片")
    assert added["name"] == "照片"
    code, filed, _ = run(db, "docs", "filed", str(contract), "--date", "2026-02-12")
    assert filed["status"] == "filed" and filed["retain_until"] == dt.date(2036, 2, 10)
    code, missing, text = run(db, "docs", "missing", "--today", "2026-03-01")
    assert len(missing) == 4 and all(r["overdue"] for r in missing)
    assert "OVERDUE" in text
    assert run(db, "docs", "verify", "--all")[0] == 0
    out = tmp_path / "index.pdf"
    code, printed, _ = run(db, "docs", "index", "--batch", str(claimed), "--out", str(out))
    assert printed["declarations"] == 1 and printed["documents"] == 5 and out.is_file()
    code, printed, _ = run(db, "docs", "index", "D-CLI", "--out", str(out))
    assert printed["pages"] == 1


def test_verify_reports_a_changed_file(db, claimed, tmp_path: Path) -> None:
    from desktop_app import paths

    _, data, _ = run(db, "docs", "checklist", "D-CLI")
    source = tmp_path / "a.pdf"
    source.write_bytes(b"original")
    _, attached, _ = run(db, "docs", "attach", str(data["items"][0]["id"]), str(source))
    (paths.attachments_dir() / attached["attachment"]).write_bytes(b"edited")
    code, result, text = run(db, "docs", "verify", "--all")
    assert code == cli_docs.EXIT_CHECK_FAILED and not result["ok"]
    assert "has changed" in text
    with pytest.raises(BadInput, match="has changed"):
        run(db, "docs", "verify", str(data["items"][0]["id"]))


def test_docs_bad_arguments(db, claimed) -> None:
    with pytest.raises(BadInput, match="ITEM_ID FILE"):
        run(db, "docs", "attach", "1")
    with pytest.raises(BadInput, match="either ITEM_ID or --all"):
        run(db, "docs", "verify")
    with pytest.raises(BadInput, match="--out"):
        run(db, "docs", "index", "--batch", str(claimed))
    with pytest.raises(BadInput, match="no declaration"):
        run(db, "docs", "checklist", "NOPE")


def test_pilot_zone_register(db, tmp_path: Path) -> None:
    with db.transaction("test") as session:
        fx.setup(session)
        fx.order(session, fx.shop(session), [(None, 2, "100.00")])
    with pytest.raises(BadInput, match="not registered"):
        run(db, "pilot-zone", "register", "--year", "2026")
    with db.transaction("test") as session:
        company.get_profile(session).pilot_zone_registered = True
    out = tmp_path / "register.xlsx"
    code, data, text = run(db, "pilot-zone", "register", "--year", "2026", "--out", str(out))
    assert code == 0 and out.is_file()
    assert data["revenue_cny"] == "160.00" and data["deemed_income"] == "6.40"
    assert "4%" in text
