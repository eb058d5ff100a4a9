"""SKU lists in and out: xlsx/csv import with Chinese or English headers (upsert), and export."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.db import Database
from desktop_app.core.errors import BadInput
from desktop_app.core.importers.common import ImportRejected, ImportSummary, RowError
from desktop_app.core.jobs import Job
from desktop_app.core.models.catalogue import Sku, Supplier
from desktop_app.core.services import catalogue
from desktop_app.core.services.import_runs import record_run

# field → (Chinese header, English header) as export writes them; import reads both.
HEADERS: dict[str, tuple[str, str]] = {
    "code": ("SKU", "SKU code"),
    "name_cn": ("中文品名", "Chinese name"),
    "name_en": ("英文品名", "English name"),
    "spec": ("规格型号", "Specification"),
    "hs_code": ("HS编码", "HS code"),
    "declaration_elements": ("申报要素", "Declaration elements"),
    "brand_name": ("品牌", "Brand"),
    "brand_type": ("品牌类型", "Brand type"),
    "preference": ("享惠情况", "Export preference"),
    "legal_first_unit": ("法定第一单位", "First legal unit"),
    "legal_second_unit": ("法定第二单位", "Second legal unit"),
    "trade_unit": ("成交单位", "Trade unit"),
    "first_unit_factor": ("第一单位换算系数", "First unit factor"),
    "second_unit_factor": ("第二单位换算系数", "Second unit factor"),
    "net_weight_kg": ("净重(千克)", "Net weight (kg)"),
    "gross_weight_kg": ("毛重(千克)", "Gross weight (kg)"),
    "length_cm": ("长(厘米)", "Length (cm)"),
    "width_cm": ("宽(厘米)", "Width (cm)"),
    "height_cm": ("高(厘米)", "Height (cm)"),
    "origin_country": ("原产国", "Country of origin"),
    "domestic_source": ("境内货源地", "Domestic source"),
    "levy_rate": ("征税率", "Levy rate"),
    "rebate_rate": ("退税率", "Rebate rate"),
    "purchase_price": ("采购价", "Purchase price"),
    "supplier": ("供应商", "Supplier"),
    "active": ("启用", "Active"),
    "notes": ("备注", "Notes"),
}
_MORE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("商品编码", "货号", "SKU编码", "产品编码", "sku_code", "item code"),
    "name_cn": ("申报品名", "报关品名", "中文名称", "品名", "name_cn"),
    "name_en": ("英文名称", "name_en"),
    "spec": ("规格", "spec"),
    "hs_code": ("海关编码", "商品编号", "出口HS", "HS", "hs_code"),
    "declaration_elements": ("规范申报要素", "申报要素内容"),
    "brand_name": ("品牌名称", "brand name"),
    "preference": ("出口享惠情况", "享惠", "preference"),
    "legal_first_unit": ("法定第一计量单位", "第一单位", "法定单位"),
    "legal_second_unit": ("法定第二计量单位", "第二单位"),
    "trade_unit": ("成交计量单位", "申报单位"),
    "net_weight_kg": ("净重", "净重kg", "net weight"),
    "gross_weight_kg": ("毛重", "毛重kg", "gross weight"),
    "dimensions": ("长宽高", "长*宽*高", "尺寸", "尺寸(cm)", "dimensions", "size"),
    "length_cm": ("长", "length"),
    "width_cm": ("宽", "width"),
    "height_cm": ("高", "height"),
    "origin_country": ("原产国(地区)", "原产地", "origin"),
    "domestic_source": ("货源地", "境内货源地代码"),
    "levy_rate": ("增值税率", "征税税率", "VAT rate"),
    "rebate_rate": ("出口退税率",),
    "purchase_price": ("采购单价", "进价", "成本价", "cost"),
    "supplier": ("供货商", "供货方", "供应商名称"),
    "notes": ("remarks",),
}
ALIASES: dict[str, tuple[str, ...]] = {
    name: (*HEADERS.get(name, ()), *_MORE_ALIASES.get(name, ()))
    for name in (*HEADERS, "dimensions")
}
REQUIRED = ("code",)
# Fields whose empty cell means "the default" (new SKU) or "leave as it is" (existing SKU).
_KEEP_WHEN_EMPTY = frozenset(
    {"trade_unit", "origin_country", "first_unit_factor", "brand_type", "preference", "active"}
)
_UNIT_WORDS = {"KG": "035", "KGS": "035", "G": "036", "PCS": "007", "PC": "007", "SET": "006",
               "SETS": "006", "PAIR": "025", "PAIRS": "025", "M": "030", "L": "095"}  # fmt: skip
_DIMENSIONS = re.compile(r"^\s*([\d.]+)\s*[x×X*/]\s*([\d.]+)\s*[x×X*/]\s*([\d.]+)\s*(cm)?\s*$")
_SIZE_FIELDS = ("length_cm", "width_cm", "height_cm")
_LONG_ID_DIGITS = 15  # Excel keeps 15 significant digits of a number


# ---------------------------------------------------------------- import


def import_skus(
    db: Database,
    path: str | Path,
    *,
    skip_bad: bool = False,
    job: Job | None = None,
    actor: str = "local",
    today: dt.date | None = None,
) -> ImportSummary:
    """Upsert SKUs by code from an xlsx/csv file, in one transaction.

    All or nothing by default: any bad row raises ImportRejected listing every bad row
    (row, column, value, reason) and the database is left as it was; with skip_bad the
    good rows are imported and the bad ones reported.
    """
    with db.transaction(actor) as session:
        return load_skus(session, path, skip_bad=skip_bad, job=job, today=today)


def load_skus(
    session: Session,
    path: str | Path,
    *,
    skip_bad: bool = False,
    job: Job | None = None,
    today: dt.date | None = None,
) -> ImportSummary:
    """import_skus inside the caller's transaction."""
    from desktop_app.core.importers.tabular import read_table

    job = job or Job()
    path = Path(path)
    summary = ImportSummary(file=path.name, kind="skus")
    table = read_table(path, aliases=ALIASES)
    summary.errors = table.missing(REQUIRED)
    if summary.errors:
        raise ImportRejected(summary)
    convert = _Converter(session, table.fields)
    rows = []
    for number, row in table.rows():
        rows.append((number, convert.row(number, row, summary.warnings)))
        if len(rows) % 5000 == 0:
            job.report(len(rows), 0, f"{path.name}: {len(rows)} rows read")
    summary.rows = len(rows)
    result = catalogue.upsert_skus(
        session,
        rows,
        job,
        today=today,
        skip_bad=skip_bad,
        columns=_columns(table.fields),
        known_errors=convert.errors,
    )
    position = {header: n for n, header in enumerate(table.headers)}
    summary.errors = sorted(result.errors, key=lambda e: (e.row, position.get(e.column, 999)))
    if result.errors and not skip_bad:
        raise ImportRejected(summary)
    summary.inserted, summary.updated, summary.skipped = (
        result.inserted, result.updated, result.skipped
    )  # fmt: skip
    summary.details.update(unchanged=result.unchanged, suppliers_created=result.suppliers_created)
    record_run(session, "skus", path, summary, written=summary.inserted + summary.updated)
    return summary


def _columns(fields: dict[str, str]) -> dict[str, str]:
    """The file's header for each field (a size given as 长宽高 names all three)."""
    columns = dict(fields)
    for name in _SIZE_FIELDS:
        if name not in columns and "dimensions" in fields:
            columns[name] = fields["dimensions"]
    return columns


class _Converter:
    """Turns a file row's text into catalogue values: unit names and country names to codes."""

    def __init__(self, session: Session, columns: dict[str, str]) -> None:
        self.columns = columns
        self.errors: list[RowError] = []
        self.units = self._index(session, "units")
        for word, code in _UNIT_WORDS.items():
            self.units.setdefault(word, code)
        self.countries = self._index(session, "countries")
        for entry in codes.entries(session, "countries"):
            if entry.legacy_code:
                current = codes.to_current(session, "countries", entry.legacy_code)
                if current:
                    self.countries.setdefault(entry.legacy_code, current)

    @staticmethod
    def _index(session: Session, table: str) -> dict[str, str]:
        index: dict[str, str] = {}
        for entry in codes.entries(session, table):
            for key in (entry.code, entry.name_cn, entry.name_en):
                if key:
                    index.setdefault(key.strip().upper(), entry.code)
        return index

    def row(self, number: int, row: Any, warnings: list[RowError]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, text in row.items():
            text = text.strip()
            if name in _KEEP_WHEN_EMPTY and not text:
                continue
            values[name] = text
        self._codes(values)
        self._dimensions(number, values)
        for name in ("brand_type", "preference"):
            text = values.get(name, "")
            if len(text) > 1 and text[0].isdigit() and not text[1].isdigit():
                values[name] = text[0]  # "1-境内自主品牌" → 1
        code = values.get("code", "")
        if "code" in getattr(row, "numbers", ()) and len(code) >= _LONG_ID_DIGITS:
            reason = "the SKU arrived as a number: Excel may have changed its last digits"
            warnings.append(RowError(number, "code", code, reason))
        return values

    def _codes(self, values: dict[str, Any]) -> None:
        for name in ("legal_first_unit", "legal_second_unit", "trade_unit"):
            text = values.get(name, "")
            if text in ("无", "-", "/"):
                values[name] = ""
            elif text and not text.isdigit():
                values[name] = self.units.get(text.upper(), text)
        country = values.get("origin_country", "")
        if country:
            values["origin_country"] = self.countries.get(country.upper(), country)

    def _dimensions(self, number: int, values: dict[str, Any]) -> None:
        """'30x20x10' (or 30*20*10, 30×20×10cm) into length, width and height in cm."""
        text = values.pop("dimensions", "")
        match = _DIMENSIONS.match(text) if text else None
        if text and match is None:
            reason = "a size must be length x width x height in cm, e.g. 30x20x10"
            self.errors.append(RowError(number, self.columns["dimensions"], text, reason))
        for name, part in zip(_SIZE_FIELDS, match.groups()[:3] if match else (), strict=False):
            if not values.get(name):
                values[name] = part


# ---------------------------------------------------------------- export


def export_skus(session: Session, out_path: str | Path, lang: str = "zh") -> int:
    """Write every SKU to .xlsx or .csv (utf-8 with BOM, for Excel); returns the row count.

    The file re-imports to the same SKUs: codes stay text, decimals are exact.
    """
    if lang not in ("zh", "en"):
        raise BadInput(f"export language must be zh or en, not {lang!r}")
    out = Path(out_path)
    header = [HEADERS[name][0 if lang == "zh" else 1] for name in HEADERS]
    if out.suffix.lower() == ".csv":
        return _write_csv(out, header, _rows(session, lang))
    if out.suffix.lower() == ".xlsx":
        return _write_xlsx(out, header, _rows(session, lang))
    raise BadInput(f"{out.name}: export to .xlsx or .csv")


def _rows(session: Session, lang: str) -> Iterator[list[Any]]:
    query = (
        select(Sku, Supplier.name)
        .outerjoin(Supplier, Supplier.id == Sku.supplier_id)
        .order_by(Sku.code)
        .execution_options(yield_per=2000)
    )
    yes_no = ("是", "否") if lang == "zh" else ("yes", "no")
    for sku, supplier in session.execute(query):
        yield [
            (supplier or "") if name == "supplier" else _cell(getattr(sku, name), yes_no)
            for name in HEADERS
        ]


def _cell(value: Any, yes_no: tuple[str, str]) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no[0] if value else yes_no[1]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return value


def _write_csv(out: Path, header: list[str], rows: Iterator[list[Any]]) -> int:
    count = 0
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow([f"{v:f}" if isinstance(v, Decimal) else v for v in row])
            count += 1
    return count


def _write_xlsx(out: Path, header: list[str], rows: Iterator[list[Any]]) -> int:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("SKU")
    sheet.freeze_panes = "A2"
    for index, title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, len(title) * 2)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append(row)  # codes are str, so Excel keeps them as text (no 3.9E+09)
        count += 1
    book.save(out)
    return count
