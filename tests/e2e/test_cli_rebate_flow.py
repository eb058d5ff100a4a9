"""From the demo data to filed rebate batches through `desktop-app`: a trading batch (免退)
and a manufacturer period (免抵退), each created, matched or computed, self-checked,
exported to the official files and filed."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app import cli
from desktop_app.core.db import open_database
from desktop_app.core.services import rebate_batches

EXPORT_HEADERS = [
    "申报年月", "申报批次", "关联号", "出口货物报关单号", "代理出口货物证明号", "出口发票号",
    "出口日期", "出口商品代码", "出口商品名称", "计量单位", "出口数量", "美元离岸价",
    "申报商品代码", "退（免）税业务类型", "国内启运方式", "海关总署认证企业类型", "备注",
]  # fmt: skip
PURCHASE_HEADERS = [
    "申报年月", "申报批次", "关联号", "税种", "凭证种类", "进货凭证号", "开票日期",
    "供货方纳税人识别号", "出口商品代码", "商品名称", "计量单位", "数量", "计税金额",
    "征税率%", "退税率%", "可退税额", "备注",
]  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rebate") / "demo.sqlite"
    assert cli.main(["--db", str(path), "demo", "--orders", "800"]) == 0
    return path


def run(capsys, db: Path, *argv: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = cli.main(["--db", str(db), *argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def claimable_refs(db: Path) -> list[str]:
    database = open_database(db)
    try:
        with database.sessions() as session:
            lines = rebate_batches.available_lines(session, dt.date.today().replace(day=1))
            return sorted({line.declaration.ref for line in lines})
    finally:
        database.dispose()


def headers(path: Path) -> list[str]:
    sheet = load_workbook(path, read_only=True)["模板"]
    return [cell for cell in next(sheet.iter_rows(min_row=8, max_row=8, values_only=True))]


def test_demo_holds_a_paid_and_a_filed_batch(capsys, demo_db) -> None:
    code, batches = run(capsys, demo_db, "rebate", "list")
    assert code == 0 and sorted(b["status"] for b in batches) == ["filed", "paid"]
    code, status = run(capsys, demo_db, "status")
    paid = next(b for b in batches if b["status"] == "paid")
    assert Decimal(status["rebate"]["received"]) == Decimal(paid["received_amount"]) > 0


def test_trading_and_manufacturer_batches_end_to_end(capsys, demo_db, tmp_path) -> None:
    refs = claimable_refs(demo_db)
    assert len(refs) >= 2, "the demo leaves last month's exports to claim"
    half = len(refs) // 2
    period = f"{dt.date.today():%Y-%m}"
    _, before = run(capsys, demo_db, "status")

    code, trading = run(capsys, demo_db, "rebate", "create", "--period", period,
                        "--declarations", *refs[:half])  # fmt: skip
    assert code == 0 and trading["method"] == "exempt_refund" and trading["export_rows"] > 0
    batch = str(trading["id"])
    code, matched = run(capsys, demo_db, "rebate", "match", batch)
    assert code == 0 and matched["purchase_rows"] > 0
    code, checked = run(capsys, demo_db, "rebate", "check", batch)
    assert (code, checked["status"], checked["blocking"]) == (0, "self_checked", 0)
    code, files = run(capsys, demo_db, "rebate", "export", batch, "--out", str(tmp_path / "t"))
    assert code == 0
    names = sorted(Path(f).name for f in files["files"])
    assert any(n.startswith("《外贸企业出口退税出口明细申报表》导入模板-") for n in names)
    export_xlsx = next(Path(f) for f in files["files"] if "出口明细" in f)
    purchase_xlsx = next(Path(f) for f in files["files"] if "进货明细" in f)
    assert headers(export_xlsx) == EXPORT_HEADERS
    assert headers(purchase_xlsx) == PURCHASE_HEADERS
    first = next(load_workbook(export_xlsx, read_only=True)["模板"].iter_rows(
        min_row=9, max_row=9, values_only=True))  # fmt: skip
    assert first[0] == period.replace("-", "") and len(first[3]) == 21
    code, filed = run(capsys, demo_db, "rebate", "file", batch)
    assert code == 0 and filed["status"] == "filed"
    refund = Decimal(filed["refund_total"])
    assert refund > 0

    code, maker = run(capsys, demo_db, "rebate", "create", "--period", period, "--as",
                      "manufacturer", "--declarations", *refs[half:])  # fmt: skip
    assert code == 0 and maker["method"] == "exempt_credit_refund" and maker["batch_no"] == 2
    batch = str(maker["id"])
    figures_given = ("--domestic-output-tax", "1300.00", "--input-vat", "90000.00",
                     "--prior-credit", "500.00")  # fmt: skip
    code, figures = run(capsys, demo_db, "rebate", "compute", batch, *figures_given)
    assert code == 0
    assert Decimal(figures["tax_payable"]) == Decimal("1300.00") - (
        Decimal("90000.00") - Decimal(figures["non_creditable"])
    ) - Decimal("500.00")
    assert Decimal(figures["refund_total"]) + Decimal(figures["exempt_offset"]) == Decimal(
        figures["credit_refund_total"]
    )
    code, checked = run(capsys, demo_db, "rebate", "check", batch)
    assert (code, checked["blocking"]) == (0, 0)
    code, files = run(capsys, demo_db, "rebate", "export", batch, "--out", str(tmp_path / "m"))
    assert code == 0 and any("免抵退税申报明细表" in f for f in files["files"])
    code, filed = run(capsys, demo_db, "rebate", "file", batch)
    assert code == 0 and filed["status"] == "filed"

    _, after = run(capsys, demo_db, "status")
    grown = Decimal(after["rebate"]["filed"]) - Decimal(before["rebate"]["filed"])
    assert grown == refund + Decimal(filed["refund_total"])
    code, _ = run(capsys, demo_db, "rebate", "match", str(trading["id"]))
    assert code == 2  # filed: frozen


def test_calendar_fx_and_documents_answer(capsys, demo_db) -> None:
    code, due = run(capsys, demo_db, "deadlines")
    assert code == 0 and due["deadlines"]
    code, status = run(capsys, demo_db, "fx", "status")
    assert code == 0 and status
    code, missing = run(capsys, demo_db, "docs", "missing")
    assert code == 0 and isinstance(missing, (list, dict))
