"""`export report`: the list of reports, a report written to xlsx, and bad options named."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop_app import cli, cli_export
from desktop_app.core import reports
from desktop_app.core.errors import BadInput
from desktop_app.core.reports.model import Column, Report, ReportDef, ReportParams, Sheet

SEEN: list[ReportParams] = []


def build_fake(session, params: ReportParams, job) -> Report:
    SEEN.append(params)
    columns = [
        Column("no", "报关单号", "Declaration", "id"),
        Column("fob", "离岸价", "FOB", "money", total=True),
        Column("qty", "数量", "Quantity", "int", total=True),
    ]
    rows = [("310120260000000001", Decimal("1000.10"), 3), ("0012", Decimal("0.25"), 4)]
    period = f"{params.date_from} – {params.date_to}"
    return Report(
        "fake", "测试报表", "Test report", {"期间": period}, [Sheet("明细", columns, rows)]
    )


FAKE = ReportDef("fake", "测试报表", "Test report", ("from", "to", "warehouse"), build_fake)


@pytest.fixture(autouse=True)
def fake_report(monkeypatch):
    monkeypatch.setitem(reports.REPORTS, "fake", FAKE)
    SEEN.clear()


def run(db, *argv: str) -> tuple[int, object, str]:
    """Parse as the real command line does (the sub-command with --json) and run on `db`."""
    parser = argparse.ArgumentParser(prog="desktop-app")
    parser.add_argument("--actor", default="test")
    sub = parser.add_subparsers(dest="command")
    sp = sub.add_parser("export")
    sp.add_argument("--json", action="store_true")
    cli_export.args_export(sp)
    args = parser.parse_args(["export", *argv, "--json"])
    code, data, text = cli_export.cmd_export(args, db)
    json.dumps(data)  # what --json prints must serialise as is
    return code, data, text


def test_list_names_every_report(db) -> None:
    code, data, text = run(db, "report", "--list")
    assert code == 0
    names = [entry["name"] for entry in data]
    assert names == list(reports.REPORTS)
    fake = next(entry for entry in data if entry["name"] == "fake")
    assert fake == {
        "name": "fake",
        "title_cn": "测试报表",
        "title_en": "Test report",
        "params": ["from", "to", "warehouse"],
    }
    assert "测试报表 (Test report)  [--from --to --warehouse]" in text


def test_a_report_is_written_with_its_totals(db, tmp_path: Path) -> None:
    out = tmp_path / "fake.xlsx"
    argv = ("report", "fake", "--out", str(out), "--from", "2026-10-01", "--to", "2026-10-31")
    code, data, text = run(db, *argv, "--warehouse", " US-LA ")
    assert code == 0
    assert data == {
        "report": "fake",
        "file": str(out),
        "sheets": {"明细": 2},
        "totals": {"明细": {"fob": "1000.35", "qty": "7"}},
    }
    assert SEEN[0].date_from.isoformat() == "2026-10-01" and SEEN[0].warehouse == "US-LA"
    assert "明细 2 rows" in text and "fob 1,000.35" in text
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["封面", "明细"]
    values = [row for row in book["明细"].iter_rows(values_only=True) if any(row)]
    assert values[1][0] == "310120260000000001" and values[2][0] == "0012"  # ids as text
    book.close()


def test_through_the_real_command_line(db_path: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    if "export" not in cli.COMMANDS:  # the entry cli.py gets
        entry = (
            cli._delegate("cli_export", "cmd_export"),
            "Excel reports: export report NAME --out FILE.xlsx …, export report --list",
            cli._arguments("cli_export", "args_export"),
        )
        monkeypatch.setitem(cli.COMMANDS, "export", entry)
    out = tmp_path / "报表.xlsx"
    code = cli.main(["--db", str(db_path), "export", "report", "fake", "--out", str(out), "--json"])
    assert code == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["file"] == str(out)
    assert out.exists()


def test_a_stock_ledger_of_the_demo_data(db, tmp_path: Path) -> None:
    if "stock-ledger" not in reports.REPORTS:
        pytest.skip("the stock reports are not registered")
    from desktop_app.core import demo

    demo.generate(db, orders=60, seed=3)
    out = tmp_path / "ledger.xlsx"
    code, data, _text = run(
        db,
        "report",
        "stock-ledger",
        "--out",
        str(out),
        "--from",
        "2000-01-01",
        "--to",
        "2100-12-31",
    )
    assert code == 0 and out.exists()
    assert sum(data["sheets"].values()) > 0
    assert all(isinstance(v, str) for t in data["totals"].values() for v in t.values())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("report",), "usage: export report NAME"),
        (("report", "nope", "--out", "x.xlsx"), "report 'nope': no such report; the reports"),
        (("report", "fake"), "--out FILE.xlsx is required"),
        (("report", "fake", "--out", "x.csv"), "--out 'x.csv': the file name must end in .xlsx"),
        (("report", "fake", "--out", "x.xlsx", "--from", "1/10/2026"), "--from '1/10/2026': a"),
        (("report", "fake", "--out", "x.xlsx", "--to", "2026-13-01"), "--to '2026-13-01'"),
        (
            ("report", "fake", "--out", "x.xlsx", "--from", "2026-10-02", "--to", "2026-10-01"),
            "--to 2026-10-01 is before --from 2026-10-02",
        ),
        (
            ("report", "fake", "--out", "x.xlsx", "--shop", "A"),
            r"--shop: report fake does not take it \(it takes --from --to --warehouse\)",
        ),
        (("report", "fake", "--out", "x.xlsx", "--as-of", "2026-10-01"), "--as-of: report fake"),
        (("report", "fake", "--list"), "--list takes no report name"),
    ],
)
def test_bad_options_are_named(db, tmp_path, monkeypatch, argv, message) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadInput, match=message):
        run(db, *argv)
    assert not (tmp_path / "x.xlsx").exists()
