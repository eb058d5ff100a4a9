"""Warehouses, first-leg shipments (头程), the append-only stock ledger, balances and stocktakes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
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
    FxRate,
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
from desktop_app.core.models.catalogue import Sku

WAREHOUSE_KINDS = ("domestic", "overseas_3pl", "fba")
SHIPMENT_STATUSES = ("draft", "shipped", "partially_received", "received", "cancelled")
ALLOCATION_BASES = ("quantity", "weight", "volume", "chargeable_weight")
MOVE_KINDS = (
    "receipt",
    "shipment_out",
    "transfer_in",
    "sale",
    "customer_return",
    "adjustment",
    "stocktake_gain",
    "stocktake_loss",
    "reversal",
)


class Warehouse(IdMixin, TimestampMixin, Base):
    __tablename__ = "warehouse"
    __table_args__ = (one_of("kind", WAREHOUSE_KINDS),)

    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(3))  # ISO alpha-3
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    provider: Mapped[str] = mapped_column(String(100), default="")  # 3PL company, Amazon …
    address: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Shipment(IdMixin, TimestampMixin, Base):
    """A first-leg shipment (头程) from one warehouse to another, usually declared under 9810."""

    __tablename__ = "shipment"
    __table_args__ = (
        one_of("status", SHIPMENT_STATUSES),
        one_of("allocation_basis", ALLOCATION_BASES),
        CheckConstraint("origin_warehouse_id <> destination_warehouse_id", name="distinct_ends"),
        CheckConstraint("volumetric_divisor > 0", name="volumetric_divisor_positive"),
    )

    ref: Mapped[str] = mapped_column(String(40), unique=True)
    origin_warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("warehouse.id", ondelete="RESTRICT")
    )
    destination_warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("warehouse.id", ondelete="RESTRICT")
    )
    status: Mapped[str] = mapped_column(String(20), default="draft")
    ship_date: Mapped[dt.date | None] = mapped_column(Date)
    expected_date: Mapped[dt.date | None] = mapped_column(Date)
    received_date: Mapped[dt.date | None] = mapped_column(Date)
    carrier: Mapped[str] = mapped_column(String(100), default="")
    tracking_no: Mapped[str] = mapped_column(String(100), default="")
    transport_mode: Mapped[str] = mapped_column(String(1), default="2")  # 运输方式 code
    booking_no: Mapped[str] = mapped_column(String(60), default="")  # 订仓单号 (9810)
    allocation_basis: Mapped[str] = mapped_column(String(20), default="chargeable_weight")
    volumetric_divisor: Mapped[int] = mapped_column(Integer, default=6000)  # cm³ per kg
    notes: Mapped[str] = mapped_column(Text, default="")

    lines: Mapped[list[ShipmentLine]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan"
    )
    cartons: Mapped[list[ShipmentCarton]] = relationship(cascade="all, delete-orphan")
    costs: Mapped[list[ShipmentCost]] = relationship(cascade="all, delete-orphan")


class ShipmentLine(IdMixin, Base):
    __tablename__ = "shipment_line"
    __table_args__ = (
        UniqueConstraint("shipment_id", "sku_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        *non_negative("received_quantity", "unit_cost", "allocated_cost"),
    )

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id", ondelete="CASCADE"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="RESTRICT"))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    received_quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    unit_cost: Mapped[Decimal] = mapped_column(UnitPrice, default=Decimal(0))  # CNY at origin
    allocated_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))  # first-leg, CNY

    shipment: Mapped[Shipment] = relationship(back_populates="lines")
    sku: Mapped[Sku] = relationship()


class ShipmentCarton(IdMixin, Base):
    __tablename__ = "shipment_carton"
    __table_args__ = (
        UniqueConstraint("shipment_id", "carton_no"),
        CheckConstraint("carton_count > 0", name="carton_count_positive"),
        *non_negative("length_cm", "width_cm", "height_cm", "gross_weight_kg"),
    )

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id", ondelete="CASCADE"))
    carton_no: Mapped[str] = mapped_column(String(30))  # "1", "2-10" …
    carton_count: Mapped[int] = mapped_column(Integer, default=1)
    length_cm: Mapped[Decimal] = mapped_column(Weight)
    width_cm: Mapped[Decimal] = mapped_column(Weight)
    height_cm: Mapped[Decimal] = mapped_column(Weight)
    gross_weight_kg: Mapped[Decimal] = mapped_column(Weight)  # per carton
    contents: Mapped[str] = mapped_column(Text, default="")


class ShipmentCost(IdMixin, Base):
    """A first-leg cost (freight, duty, fee) in any currency, with its CNY value."""

    __tablename__ = "shipment_cost"
    __table_args__ = (
        one_of("kind", ("freight", "duty", "fee", "insurance", "other")),
        *non_negative("amount", "amount_cny"),
    )

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    fx_rate: Mapped[Decimal | None] = mapped_column(FxRate)
    amount_cny: Mapped[Decimal] = mapped_column(Money)


class StockMove(IdMixin, Base):
    """One line of the append-only stock ledger. Corrections reverse a move; nothing is edited.

    quantity and value are signed (negative leaves the warehouse); qty_after and
    value_after are the (SKU, warehouse) position right after this move.
    """

    __tablename__ = "stock_move"
    __table_args__ = (
        one_of("kind", MOVE_KINDS),
        CheckConstraint("quantity <> 0", name="quantity_non_zero"),
        Index("ix_stock_move_position", "sku_id", "warehouse_id", "move_date", "id"),
        Index("ix_stock_move_ref", "ref_type", "ref_id"),
    )

    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="RESTRICT"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    move_date: Mapped[dt.date] = mapped_column(Date)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_cost: Mapped[Decimal] = mapped_column(UnitPrice)  # CNY, landed
    value: Mapped[Decimal] = mapped_column(Money)  # CNY, signed
    qty_after: Mapped[Decimal] = mapped_column(Quantity)
    value_after: Mapped[Decimal] = mapped_column(Money)
    ref_type: Mapped[str] = mapped_column(String(30), default="")  # shipment, order, stocktake …
    ref_id: Mapped[int | None] = mapped_column(Integer)
    reverses_move_id: Mapped[int | None] = mapped_column(
        ForeignKey("stock_move.id", ondelete="RESTRICT"), unique=True
    )
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(50), default="local")


class StockBalance(Base):
    """The stored position per (SKU, warehouse), updated with each move, checked by `check`."""

    __tablename__ = "stock_balance"
    __table_args__ = tuple(non_negative("in_transit", "reserved"))
    __audit__ = False  # derived from the ledger, which is audited

    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="RESTRICT"), primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("warehouse.id", ondelete="RESTRICT"), primary_key=True
    )
    on_hand: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    in_transit: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    reserved: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    value: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))  # CNY
    last_move_id: Mapped[int | None] = mapped_column(Integer)

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


class StockCostLayer(IdMixin, Base):
    """A FIFO layer: what remains of one receipt at its landed unit cost."""

    __tablename__ = "stock_cost_layer"
    __table_args__ = (
        Index("ix_stock_cost_layer_open", "sku_id", "warehouse_id", "move_id"),
        *non_negative("remaining_quantity", "unit_cost"),
    )
    __audit__ = False

    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="RESTRICT"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="RESTRICT"))
    move_id: Mapped[int] = mapped_column(ForeignKey("stock_move.id", ondelete="RESTRICT"))
    remaining_quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_cost: Mapped[Decimal] = mapped_column(UnitPrice)


class ReplenishmentRule(IdMixin, Base):
    __tablename__ = "replenishment_rule"
    __table_args__ = (
        UniqueConstraint("sku_id", "warehouse_id"),
        *non_negative("reorder_point", "reorder_quantity", "days_of_cover", "lead_time_days"),
    )

    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="CASCADE"))
    reorder_point: Mapped[Decimal | None] = mapped_column(Quantity)
    reorder_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    days_of_cover: Mapped[int | None] = mapped_column(Integer)
    lead_time_days: Mapped[int] = mapped_column(Integer, default=30)


class Stocktake(IdMixin, TimestampMixin, Base):
    __tablename__ = "stocktake"
    __table_args__ = (one_of("status", ("draft", "counting", "posted", "cancelled")),)

    ref: Mapped[str] = mapped_column(String(40), unique=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    count_date: Mapped[dt.date] = mapped_column(Date)
    posted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    lines: Mapped[list[StocktakeLine]] = relationship(cascade="all, delete-orphan")


class StocktakeLine(IdMixin, Base):
    __tablename__ = "stocktake_line"
    __table_args__ = (
        UniqueConstraint("stocktake_id", "sku_id"),
        *non_negative("counted_quantity"),
    )

    stocktake_id: Mapped[int] = mapped_column(ForeignKey("stocktake.id", ondelete="CASCADE"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="RESTRICT"))
    expected_quantity: Mapped[Decimal] = mapped_column(Quantity)
    counted_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    note: Mapped[str] = mapped_column(String(200), default="")
