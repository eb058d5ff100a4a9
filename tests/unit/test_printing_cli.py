"""The `print` command's handler, called through a parser built like the real command line's."""

from __future__ import annotations

import argparse
import json

import pytest

from desktop_app import cli_print
from desktop_app.core.errors import BadInput
from tests.unit import printing_fixtures as fx


def parse(*argv: str) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true")
    parser = argparse.ArgumentParser(prog="desktop-app", parents=[common])
    sub = parser.add_subparsers(dest="command")
    cli_print.args_print(sub.add_parser("print", parents=[common]))
    return parser.parse_args(["print", *argv])


@pytest.fixture
def declarations(db):
    with db.transaction(actor="test") as session:
        fx.company(session)
        first = fx.shipment_declaration(session)
        second = fx.long_declaration(session, "DEC-2026-0002", 12)
        return first.id, second.id


def test_print_declarations_by_ref_and_id_into_one_file(db, declarations, tmp_path):
    out = tmp_path / "forms.pdf"
    args = parse("declaration", "DEC-2026-0001", str(declarations[1]), "--out", str(out),
                 "--rebate", "--json")  # fmt: skip
    code, data, text = cli_print.cmd_print(args, db)
    assert code == 0 and out.is_file()
    assert data == {"file": str(out), "form": "declaration", "declarations": list(declarations),
                    "pages": 3}  # fmt: skip
    json.dumps(data)  # what --json prints
    assert "3 page(s)" in text
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("form", ["invoice", "packing-list"])
def test_print_invoice_and_packing_list(db, declarations, tmp_path, form):
    out = tmp_path / f"{form}.pdf"
    code, data, _ = cli_print.cmd_print(parse(form, "DEC-2026-0001", "--out", str(out)), db)
    assert code == 0 and data["pages"] == 1 and out.is_file()


def test_bad_arguments_are_refused_and_write_nothing(db, declarations, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(BadInput, match=r"must end in \.pdf"):
        cli_print.cmd_print(parse("invoice", "1", "--out", str(tmp_path / "x.txt")), db)
    with pytest.raises(BadInput, match="no declaration with id or ref 'NOPE'"):
        cli_print.cmd_print(parse("invoice", "NOPE", "--out", str(out)), db)
    with pytest.raises(BadInput, match="declarations only"):
        cli_print.cmd_print(parse("invoice", "1", "--out", str(out), "--mark", "样本"), db)
    with pytest.raises(BadInput, match="either --rebate or --mark"):
        cli_print.cmd_print(parse("declaration", "1", "--out", str(out), "--rebate", "--mark",
                                  "样本"), db)  # fmt: skip
    with pytest.raises(SystemExit):
        parse("receipt", "1", "--out", str(out))
    assert not out.exists()
