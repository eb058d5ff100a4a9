"""Export declarations (报关单), their lines, and links to the orders and shipments behind them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.core.models.base import (
    Base,
    IdMixin,
    Money,
    Quantity,
    TimestampMixin,
    UnitPrice,
    UTCDateTime,
    Weight,
    non_negative,
    one_of,
    utcnow,
)

DECLARATION_STATUSES = ("draft", "filed", "cleared", "amended", "cancelled")
SOURCE_KINDS = ("shipment", "orders_9610", "b2b_order", "general_trade", "manual", "imported")
MAX_LINES = 50


class Declaration(IdMixin, TimestampMixin, Base):
    """The header of one export declaration, as on the printed horizontal form."""

    __tablename__ = "declaration"
    __table_args__ = (
        one_of("status", DECLARATION_STATUSES),
        one_of("source_kind", SOURCE_KINDS),
        CheckConstraint("length(supervision_mode) = 4", name="supervision_mode_len"),
        CheckConstraint(
            "customs_no IS NULL OR (length(customs_no) = 18 AND substr(customs_no, 9, 1) = '0')",
            name="customs_no_export",
        ),
        CheckConstraint("trade_terms BETWEEN 1 AND 7", name="trade_terms"),
        CheckConstraint(
            "net_weight_kg IS NULL OR gross_weight_kg IS NULL OR net_weight_kg <= gross_weight_kg",
            name="net_le_gross",
        ),
        *non_negative("packages", "freight", "insurance", "other_charges", "total_amount"),
        Index("ix_declaration_export_date", "export_date"),
    )

    ref: Mapped[str] = mapped_column(String(40), unique=True)  # our own number
    pre_entry_no: Mapped[str] = mapped_column(String(18), default="")  # 预录入编号
    customs_no: Mapped[str | None] = mapped_column(String(18), unique=True)  # 海关编号
    status: Mapped[str] = mapped_column(String(20), default="draft")
    source_kind: Mapped[str] = mapped_column(String(20), default="manual")
    supervision_mode: Mapped[str] = mapped_column(String(4))  # 监管方式 0110/9610/9710/9810
    levy_nature: Mapped[str] = mapped_column(String(3), default="101")  # 征免性质
    consignor_name: Mapped[str] = mapped_column(String(200), default="")  # 境内发货人
    consignor_code: Mapped[str] = mapped_column(String(18), default="")  # USCC or 10-char code
    producer_name: Mapped[str] = mapped_column(String(200), default="")  # 生产销售单位
    producer_code: Mapped[str] = mapped_column(String(18), default="")
    overseas_consignee: Mapped[str] = mapped_column(String(200), default="")  # 境外收货人
    exit_customs: Mapped[str] = mapped_column(String(4), default="")  # 出境关别
    declare_customs: Mapped[str] = mapped_column(String(4), default="")  # 申报地海关
    export_date: Mapped[dt.date | None] = mapped_column(Date)
    declare_date: Mapped[dt.date | None] = mapped_column(Date)
    filing_no: Mapped[str] = mapped_column(String(30), default="")  # 备案号
    transport_mode: Mapped[str] = mapped_column(String(1), default="2")
    transport_name: Mapped[str] = mapped_column(String(60), default="")  # 运输工具名称及航次号
    bill_no: Mapped[str] = mapped_column(String(60), default="")  # 提运单号
    license_no: Mapped[str] = mapped_column(String(30), default="")
    contract_no: Mapped[str] = mapped_column(String(60), default="")
    trade_country: Mapped[str] = mapped_column(String(3), default="")  # 贸易国
    destination_country: Mapped[str] = mapped_column(String(3), default="")  # 运抵国
    destination_port: Mapped[str] = mapped_column(String(10), default="")  # 指运港
    departure_port: Mapped[str] = mapped_column(String(10), default="")  # 离境口岸
    package_kind: Mapped[str] = mapped_column(String(2), default="22")
    packages: Mapped[int] = mapped_column(Integer, default=0)
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Weight)
    net_weight_kg: Mapped[Decimal | None] = mapped_column(Weight)
    trade_terms: Mapped[int] = mapped_column(Integer, default=3)  # 成交方式 1 CIF 2 C&F 3 FOB …
    freight_mark: Mapped[int | None] = mapped_column(Integer)  # 1 rate, 2 unit price, 3 total
    freight: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    insurance_mark: Mapped[int | None] = mapped_column(Integer)
    insurance: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    other_charges_mark: Mapped[int | None] = mapped_column(Integer)
    other_charges: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    charges_currency: Mapped[str] = mapped_column(String(3), default="USD")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    total_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    usd_fob: Mapped[Decimal | None] = mapped_column(Money)  # kept for the rebate
    attached_documents: Mapped[str] = mapped_column(Text, default="")  # 随附单证及编号
    marks_remarks: Mapped[str] = mapped_column(Text, default="")  # 标记唛码及备注
    period_from: Mapped[dt.date | None] = mapped_column(Date)  # 9610 summary period
    period_to: Mapped[dt.date | None] = mapped_column(Date)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="SET NULL"))

    lines: Mapped[list[DeclarationLine]] = relationship(
        back_populates="declaration",
        cascade="all, delete-orphan",
        order_by="DeclarationLine.line_no",
    )


class DeclarationLine(IdMixin, Base):
    __tablename__ = "declaration_line"
    __table_args__ = (
        UniqueConstraint("declaration_id", "line_no"),
        CheckConstraint(f"line_no BETWEEN 1 AND {MAX_LINES}", name="line_no_range"),
        CheckConstraint("length(hs_code) = 10", name="hs_code_len"),
        CheckConstraint("first_quantity > 0", name="first_quantity_positive"),
        CheckConstraint(
            "net_weight_kg IS NULL OR gross_weight_kg IS NULL OR net_weight_kg <= gross_weight_kg",
            name="net_le_gross",
        ),
        *non_negative("amount", "trade_quantity", "second_quantity", "unit_price"),
        Index("ix_declaration_line_hs_code", "hs_code"),
    )

    declaration_id: Mapped[int] = mapped_column(ForeignKey("declaration.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)  # 项号
    hs_code: Mapped[str] = mapped_column(String(10))  # 商品编号
    name_cn: Mapped[str] = mapped_column(String(200))
    declaration_elements: Mapped[str] = mapped_column(Text, default="")  # 规格型号 / 申报要素
    first_quantity: Mapped[Decimal] = mapped_column(Quantity)
    first_unit: Mapped[str] = mapped_column(String(3))
    second_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    second_unit: Mapped[str | None] = mapped_column(String(3))
    trade_quantity: Mapped[Decimal] = mapped_column(Quantity)
    trade_unit: Mapped[str] = mapped_column(String(3))
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    origin_country: Mapped[str] = mapped_column(String(3), default="CHN")
    destination_country: Mapped[str] = mapped_column(String(3), default="")  # 最终目的国
    domestic_source: Mapped[str] = mapped_column(String(5), default="")  # 境内货源地
    levy_mode: Mapped[str] = mapped_column(String(1), default="1")  # 征免 1 照章征税
    net_weight_kg: Mapped[Decimal | None] = mapped_column(Weight)
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Weight)
    usd_fob: Mapped[Decimal | None] = mapped_column(Money)

    declaration: Mapped[Declaration] = relationship(back_populates="lines")


class DeclarationOrderLink(IdMixin, Base):
    """Which order lines (and how much of them) stand behind a declaration line (9610 list)."""

    __tablename__ = "declaration_order_link"
    __table_args__ = (
        UniqueConstraint("declaration_line_id", "order_line_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    declaration_line_id: Mapped[int] = mapped_column(
        ForeignKey("declaration_line.id", ondelete="CASCADE")
    )
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_line.id", ondelete="RESTRICT"), index=True
    )
    quantity: Mapped[Decimal] = mapped_column(Quantity)


class DeclarationShipmentLink(IdMixin, Base):
    """A first-leg shipment declared (under 9810) by this declaration."""

    __tablename__ = "declaration_shipment_link"
    __table_args__ = (UniqueConstraint("declaration_id", "shipment_id"),)

    declaration_id: Mapped[int] = mapped_column(ForeignKey("declaration.id", ondelete="CASCADE"))
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("shipment.id", ondelete="RESTRICT"), index=True
    )


class DeclarationAmendment(IdMixin, Base):
    """A change to a cleared declaration: kept as history, the declaration itself stays locked."""

    __tablename__ = "declaration_amendment"

    declaration_id: Mapped[int] = mapped_column(
        ForeignKey("declaration.id", ondelete="CASCADE"), index=True
    )
    amended_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(50), default="local")
    reason: Mapped[str] = mapped_column(Text)
    before_json: Mapped[str] = mapped_column(Text)
    after_json: Mapped[str] = mapped_column(Text)
