"""Declarations for the printing tests, made directly with the ORM (no drafting service)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from decimal import Decimal

from sqlalchemy.orm import Session

from desktop_app.core import codes
from desktop_app.core.models import (
    CompanyProfile,
    Declaration,
    DeclarationLine,
    DeclarationShipmentLink,
    Shipment,
    ShipmentCarton,
    ShipmentLine,
    Sku,
    Warehouse,
)
from desktop_app.core.printing.sources import FormLine

D = Decimal
COMPANY_CN = "深圳市海拓跨境电子商务有限公司"
COMPANY_EN = "Shenzhen Haituo Cross-border E-commerce Co., Ltd."
USCC = "91440300MA5GRK8T10"

# (code, name_cn, name_en, hs, elements, first unit, second unit, trade unit, net kg, gross kg)
PRODUCTS = (
    ("PC-IP15-BLK", "手机保护壳", "Phone Case", "3926909090",
     "1|0|用途:手机保护|材质:TPU|品牌:NUVELO|型号:iPhone 15", "035", None, "007", "0.032", "0.058"),
    ("LED-DL-12W", "LED台灯", "LED Desk Lamp", "9405420000",
     "1|0|用途:照明|光源类型:LED|功率:12W|品牌:NUVELO|型号:DL12", "011", "035", "011", "0.85",
     "1.20"),
    ("KT-SIL-SET", "硅胶厨具套装", "Silicone Kitchen Utensil Set", "3924100000",
     "0|0|用途:厨房用|材质:硅胶|品牌:无|型号:KS-12", "035", None, "006", "0.60", "0.75"),
    ("HD-BT-50", "蓝牙耳机", "Bluetooth Headphones", "8518300000",
     "1|0|用途:收听音乐|品牌:NUVELO|型号:BT50|是否无线:是", "007", "035", "007", "0.20", "0.35"),
)  # fmt: skip


def company(session: Session) -> CompanyProfile:
    codes.ensure_builtin(session)
    profile = CompanyProfile(
        id=1, name_cn=COMPANY_CN, name_en=COMPANY_EN, uscc=USCC, customs_code="4403160ABT",
        address_cn="深圳市龙岗区坂田街道雪岗北路2018号天安云谷2栋B座1606",
        address_en="Room 1606, Block B, Building 2, Tian'an Cloud Park, Bantian, Longgang, "
        "Shenzhen, China", phone="0755-2882 6173", declarant_name="李晓梅",
        declarant_cert_no="44030082617", customs_district="5300",
    )  # fmt: skip
    session.add(profile)
    session.flush()
    return profile


def skus(session: Session) -> list[Sku]:
    made = []
    for code, cn, en, hs, elements, first, second, trade, net, gross in PRODUCTS:
        sku = Sku(
            code=code, name_cn=cn, name_en=en, hs_code=hs, declaration_elements=elements,
            legal_first_unit=first, legal_second_unit=second, trade_unit=trade,
            net_weight_kg=D(net), gross_weight_kg=D(gross),
        )  # fmt: skip
        session.add(sku)
        made.append(sku)
    session.flush()
    return made


def line(n: int, product: int = 0, quantity: str = "100", price: str = "4.80") -> DeclarationLine:
    """Line n of PRODUCTS[product] with `quantity` trade units at `price` USD."""
    _code, cn, _en, hs, elements, first, second, trade, net, gross = PRODUCTS[product]
    q, p = D(quantity), D(price)
    net_kg, gross_kg = (D(net) * q).quantize(D("0.001")), (D(gross) * q).quantize(D("0.001"))
    first_q = net_kg if first == "035" else q
    return DeclarationLine(
        line_no=n, hs_code=hs, name_cn=cn, declaration_elements=elements,
        first_quantity=first_q, first_unit=first,
        second_quantity=None if second is None else (net_kg if second == "035" else q),
        second_unit=second, trade_quantity=q, trade_unit=trade, unit_price=p,
        amount=(p * q).quantize(D("0.01")), currency="USD", origin_country="CHN",
        destination_country="USA", domestic_source="44031", levy_mode="1",
        net_weight_kg=net_kg, gross_weight_kg=gross_kg,
    )  # fmt: skip


def declaration(
    session: Session, ref: str, lines: list[DeclarationLine], *, mode: str = "9810", **extra
) -> Declaration:
    """A filed-looking declaration with every header box filled and totals from its lines."""
    values = dict(
        ref=ref, pre_entry_no="530420260000123456", supervision_mode=mode, levy_nature="101",
        consignor_name=COMPANY_CN, consignor_code=USCC, producer_name=COMPANY_CN,
        producer_code=USCC, overseas_consignee="NUVELO TRADING LLC", exit_customs="5304",
        declare_customs="5300", export_date=dt.date(2026, 3, 16),
        declare_date=dt.date(2026, 3, 14), transport_mode="2",
        transport_name="COSCO SHIPPING ARIES/026E", bill_no="COSU6391827450",
        contract_no="HT-2026-0315", trade_country="USA", destination_country="USA",
        destination_port="USA076", departure_port="470201", package_kind="22", packages=12,
        trade_terms=3, currency="USD", attached_documents="",
        marks_remarks="N/M 海外仓 US-LAX-01 订仓单 BK260315",
    )  # fmt: skip
    values.update(extra)
    declaration = Declaration(**values)
    declaration.lines = lines
    declaration.total_amount = sum((x.amount for x in lines), D(0))
    declaration.net_weight_kg = sum((x.net_weight_kg or D(0) for x in lines), D(0))
    declaration.gross_weight_kg = sum((x.gross_weight_kg or D(0) for x in lines), D(0))
    declaration.usd_fob = declaration.total_amount
    session.add(declaration)
    session.flush()
    return declaration


def shipment_declaration(session: Session) -> Declaration:
    """A 9810 declaration of a first-leg shipment with four products and carton lines."""
    products = skus(session)
    origin = Warehouse(code="SZ-01", name="深圳仓", kind="domestic", country="CHN")
    dest = Warehouse(code="US-LAX-01", name="LA 3PL", kind="overseas_3pl", country="USA")
    session.add_all([origin, dest])
    session.flush()
    shipment = Shipment(
        ref="SHP-2026-031", origin_warehouse_id=origin.id, destination_warehouse_id=dest.id,
        ship_date=dt.date(2026, 3, 16), booking_no="BK260315",
    )  # fmt: skip
    quantities = ("600", "80", "120", "200")
    shipment.lines = [
        ShipmentLine(sku_id=s.id, quantity=D(q)) for s, q in zip(products, quantities, strict=True)
    ]
    shipment.cartons = [
        ShipmentCarton(carton_no="1-5", carton_count=5, length_cm=D("60"), width_cm=D("40"),
                       height_cm=D("35"), gross_weight_kg=D("6.96"), contents="手机保护壳 120×5"),
        ShipmentCarton(carton_no="6-9", carton_count=4, length_cm=D("55"), width_cm=D("45"),
                       height_cm=D("50"), gross_weight_kg=D("24"), contents="LED台灯 20×4"),
        ShipmentCarton(carton_no="10-11", carton_count=2, length_cm=D("50"), width_cm=D("40"),
                       height_cm=D("40"), gross_weight_kg=D("45"), contents="硅胶厨具套装 60×2"),
        ShipmentCarton(carton_no="12", carton_count=1, length_cm=D("60"), width_cm=D("50"),
                       height_cm=D("45"), gross_weight_kg=D("70"), contents="蓝牙耳机 200"),
    ]  # fmt: skip
    session.add(shipment)
    session.flush()
    lines = [line(1, 0, "600", "4.80"), line(2, 1, "80", "18.50"), line(3, 2, "120", "9.25"),
             line(4, 3, "200", "12.35")]  # fmt: skip
    made = declaration(session, "DEC-2026-0001", lines, mode="9810")
    session.add(DeclarationShipmentLink(declaration_id=made.id, shipment_id=shipment.id))
    session.flush()
    return made


def form_line(n: int, product: int = 0, quantity: str = "100", price: str = "4.80") -> FormLine:
    """The same line as `line` as the forms' plain record (for forms larger than a declaration
    may be: the table refuses more than 50 lines)."""
    made = line(n, product, quantity, price)
    values = {f.name: getattr(made, f.name) for f in fields(FormLine) if f.name != "name_en"}
    return FormLine(**values, name_en=PRODUCTS[product][2])


def long_declaration(session: Session, ref: str = "DEC-2026-0050", count: int = 50) -> Declaration:
    """A declaration with `count` lines cycling through the products."""
    lines = [line(n, (n - 1) % len(PRODUCTS), str(10 * n), "3.75") for n in range(1, count + 1)]
    return declaration(session, ref, lines, mode="9610", packages=count)
