"""What the forms print, read from the declaration tables into plain records (no drawing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.core.errors import BadInput
from desktop_app.core.models import (
    CompanyProfile,
    Declaration,
    DeclarationLine,
    DeclarationOrderLink,
    DeclarationShipmentLink,
    OrderLine,
    ShipmentCarton,
    ShipmentLine,
    Sku,
)

ZERO = Decimal(0)
_CHUNK = 500  # ids per IN (…) query: well under SQLite's bound-parameter limit


@dataclass
class CompanyInfo:
    """The exporter as the forms name it (境内发货人, seller, 申报人员)."""

    name_cn: str = ""
    name_en: str = ""
    address_cn: str = ""
    address_en: str = ""
    phone: str = ""
    declarant_name: str = ""
    declarant_cert_no: str = ""


@dataclass
class FormLine:
    """One declaration line (项) with the English name the invoice and packing list need."""

    line_no: int
    hs_code: str
    name_cn: str
    first_quantity: Decimal
    first_unit: str
    trade_quantity: Decimal
    trade_unit: str
    unit_price: Decimal
    amount: Decimal
    currency: str
    declaration_elements: str = ""
    second_quantity: Decimal | None = None
    second_unit: str | None = None
    origin_country: str = "CHN"
    destination_country: str = ""
    domestic_source: str = ""
    levy_mode: str = "1"
    net_weight_kg: Decimal | None = None
    gross_weight_kg: Decimal | None = None
    name_en: str = ""


@dataclass
class Carton:
    """A carton line of the shipment behind a 9810 declaration (packing list details)."""

    carton_no: str
    carton_count: int
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    gross_weight_kg: Decimal
    contents: str = ""


@dataclass
class FormData:
    """One declaration as printed: the header fields of the form, its lines and cartons."""

    id: int = 0
    ref: str = ""
    pre_entry_no: str = ""
    customs_no: str | None = None
    status: str = "draft"
    supervision_mode: str = "0110"
    levy_nature: str = "101"
    consignor_name: str = ""
    consignor_code: str = ""
    producer_name: str = ""
    producer_code: str = ""
    overseas_consignee: str = ""
    exit_customs: str = ""
    declare_customs: str = ""
    export_date: dt.date | None = None
    declare_date: dt.date | None = None
    filing_no: str = ""
    transport_mode: str = "2"
    transport_name: str = ""
    bill_no: str = ""
    license_no: str = ""
    contract_no: str = ""
    trade_country: str = ""
    destination_country: str = ""
    destination_port: str = ""
    departure_port: str = ""
    package_kind: str = "22"
    packages: int = 0
    gross_weight_kg: Decimal | None = None
    net_weight_kg: Decimal | None = None
    trade_terms: int = 3
    freight_mark: int | None = None
    freight: Decimal = ZERO
    insurance_mark: int | None = None
    insurance: Decimal = ZERO
    other_charges_mark: int | None = None
    other_charges: Decimal = ZERO
    charges_currency: str = "USD"
    currency: str = "USD"
    total_amount: Decimal = ZERO
    attached_documents: str = ""
    marks_remarks: str = ""
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    lines: list[FormLine] = field(default_factory=list)
    cartons: list[Carton] = field(default_factory=list)
    company: CompanyInfo = field(default_factory=CompanyInfo)

    @property
    def lines_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


_NOT_HEADER = ("lines", "cartons", "company")
_HEADER_FIELDS = tuple(f.name for f in fields(FormData) if f.name not in _NOT_HEADER)
_LINE_FIELDS = tuple(f.name for f in fields(FormLine) if f.name != "name_en")
_CARTON_FIELDS = tuple(f.name for f in fields(Carton))
_COMPANY_FIELDS = tuple(f.name for f in fields(CompanyInfo))


def _copy(source: Any, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(source, name) for name in names}


def load_company(session: Session) -> CompanyInfo:
    """The company profile as the forms print it (empty fields when never filled in)."""
    profile = session.get(CompanyProfile, 1)
    return CompanyInfo() if profile is None else CompanyInfo(**_copy(profile, _COMPANY_FIELDS))


def load_form(session: Session, declaration_id: int) -> FormData:
    """One declaration; BadInput when there is no declaration with this id."""
    return load_forms(session, [declaration_id])[0]


def load_forms(
    session: Session, declaration_ids: Sequence[int], company: CompanyInfo | None = None
) -> list[FormData]:
    """The declarations in the order asked for; BadInput naming any id that does not exist."""
    company = company or load_company(session)
    found: dict[int, Declaration] = {}
    for start in range(0, len(declaration_ids), _CHUNK):
        chunk = list(declaration_ids[start : start + _CHUNK])
        query = (
            select(Declaration)
            .where(Declaration.id.in_(chunk))
            .options(selectinload(Declaration.lines))
        )
        found.update((d.id, d) for d in session.scalars(query))
    missing = [i for i in declaration_ids if i not in found]
    if missing:
        raise BadInput(f"no declaration with id {', '.join(map(str, missing[:10]))}")
    declarations = [found[i] for i in declaration_ids]
    names = _english_names(session, declarations)
    cartons = _cartons(session, [d.id for d in declarations])
    return [_form(d, names, cartons.get(d.id, []), company) for d in declarations]


def _form(
    declaration: Declaration,
    names: dict[int, str],
    cartons: list[Carton],
    company: CompanyInfo,
) -> FormData:
    lines = [
        FormLine(**_copy(line, _LINE_FIELDS), name_en=names.get(line.id, ""))
        for line in declaration.lines
    ]
    header = _copy(declaration, _HEADER_FIELDS)
    return FormData(**header, lines=lines, cartons=cartons, company=company)


NameKey = tuple[int | None, str, str, str | None]  # (declaration or None, HS, name, 申报要素)


def _english_names(session: Session, declarations: list[Declaration]) -> dict[int, str]:
    """English description per declaration line id, from the SKUs behind it.

    The declaration line keeps only the Chinese declared name; the invoice needs the
    English one. Order links name the SKUs exactly; a shipment's SKUs, and failing that the
    catalogue's, are matched by HS code, declared name and (preferably) 申报要素. A merged
    line of several SKUs gets the words their names share ("Phone Case iPhone 15" for the
    Black and the Purple one).
    """
    lines = [line for d in declarations for line in d.lines]
    found = _linked_order_names(session, [line.id for line in lines])
    rest = [line for line in lines if line.id not in found]
    by_shipment = _shipment_names(session, sorted({line.declaration_id for line in rest}))
    for line in rest:
        found[line.id] = _pick(by_shipment, line.declaration_id, line)
    rest = [line for line in rest if not found[line.id]]
    catalogue = _catalogue_names(session, {line.hs_code for line in rest})
    for line in rest:
        found[line.id] = _pick(catalogue, None, line)
    return {line_id: common_name(names) for line_id, names in found.items() if names}


def _pick(names: dict[NameKey, list[str]], scope: int | None, line: DeclarationLine) -> list[str]:
    exact = names.get((scope, line.hs_code, line.name_cn, line.declaration_elements))
    return exact or names.get((scope, line.hs_code, line.name_cn, None), [])


def _add(names: dict[NameKey, list[str]], scope: int | None, sku: Any) -> None:
    """File a SKU's English name under its exact key and under the key without 申报要素."""
    elements = sku.declaration_elements or sku.spec  # what drafting declares for the SKU
    for key in (
        (scope, sku.hs_code, sku.name_cn, elements),
        (scope, sku.hs_code, sku.name_cn, None),
    ):
        known = names.setdefault(key, [])
        if sku.name_en not in known:
            known.append(sku.name_en)


def common_name(names: Sequence[str]) -> str:
    """The one name, or the leading words all the names share, or else the first name."""
    if len(names) == 1:
        return names[0]
    split = [name.split() for name in names]
    shared = []
    for words in zip(*split, strict=False):
        if any(w != words[0] for w in words):
            break
        shared.append(words[0])
    return " ".join(shared).rstrip(",;-/") or names[0]


_SKU_COLUMNS = (Sku.hs_code, Sku.name_cn, Sku.name_en, Sku.declaration_elements, Sku.spec)


def _linked_order_names(session: Session, line_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for start in range(0, len(line_ids), _CHUNK):
        query = (
            select(DeclarationOrderLink.declaration_line_id, Sku.name_en)
            .join(OrderLine, OrderLine.id == DeclarationOrderLink.order_line_id)
            .join(Sku, Sku.id == OrderLine.sku_id)
            .where(
                DeclarationOrderLink.declaration_line_id.in_(line_ids[start : start + _CHUNK]),
                Sku.name_en != "",
            )
            .order_by(DeclarationOrderLink.declaration_line_id, Sku.id)
            .distinct()
        )
        for line_id, name in session.execute(query):
            known = names.setdefault(line_id, [])
            if name not in known:
                known.append(name)
    return names


def _shipment_names(session: Session, ids: list[int]) -> dict[NameKey, list[str]]:
    names: dict[NameKey, list[str]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(DeclarationShipmentLink.declaration_id, *_SKU_COLUMNS)
            .join(ShipmentLine, ShipmentLine.shipment_id == DeclarationShipmentLink.shipment_id)
            .join(Sku, Sku.id == ShipmentLine.sku_id)
            .where(
                DeclarationShipmentLink.declaration_id.in_(ids[start : start + _CHUNK]),
                Sku.name_en != "",
            )
            .order_by(Sku.id)
        )
        for row in session.execute(query):
            _add(names, row.declaration_id, row)
    return names


def _catalogue_names(session: Session, hs_codes: set[str]) -> dict[NameKey, list[str]]:
    names: dict[NameKey, list[str]] = {}
    wanted = sorted(hs_codes)
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(*_SKU_COLUMNS)
            .where(Sku.hs_code.in_(wanted[start : start + _CHUNK]), Sku.name_en != "")
            .order_by(Sku.id)
        )
        for row in session.execute(query):
            _add(names, None, row)
    return names


def _cartons(session: Session, ids: list[int]) -> dict[int, list[Carton]]:
    """The cartons of the shipments each declaration declares (9810), in shipment order."""
    cartons: dict[int, list[Carton]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(DeclarationShipmentLink.declaration_id, ShipmentCarton)
            .join(ShipmentCarton, ShipmentCarton.shipment_id == DeclarationShipmentLink.shipment_id)
            .where(DeclarationShipmentLink.declaration_id.in_(ids[start : start + _CHUNK]))
            .order_by(DeclarationShipmentLink.declaration_id, ShipmentCarton.id)
        )
        for declaration_id, carton in session.execute(query):
            cartons.setdefault(declaration_id, []).append(Carton(**_copy(carton, _CARTON_FIELDS)))
    return cartons
