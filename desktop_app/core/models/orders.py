"""Platform orders and their lines, and the record of each imported file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
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
    non_negative,
    one_of,
    utcnow,
)
from desktop_app.core.models.catalogue import Shop, Sku

ORDER_STATUSES = (
    "pending",
    "unpaid",
    "paid",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
    "refunded",
    "returned",
)
# Orders in these states are kept but excluded from sales figures.
NON_SALE_STATUSES = ("pending", "unpaid", "cancelled")
FULFILMENT_KINDS = ("china_direct", "overseas_warehouse", "platform", "b2b")


class ImportRun(IdMixin, Base):
    """One imported file: what, from where, its hash (re-imports are recognised), row counts."""

    __tablename__ = "import_run"

    kind: Mapped[str] = mapped_column(String(30))  # orders, skus, rates, invoices …
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    platform: Mapped[str] = mapped_column(String(20), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(50), default="local")
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_written: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)


class Order(IdMixin, TimestampMixin, Base):
    """A platform order; amounts in the order's currency."""

    __tablename__ = "sales_order"
    __table_args__ = (
        UniqueConstraint("shop_id", "platform_order_id"),
        one_of("status", ORDER_STATUSES),
        one_of("fulfilment", FULFILMENT_KINDS),
        Index("ix_sales_order_ordered_at", "ordered_at"),
        *non_negative("shipping_amount", "platform_fees"),
    )

    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"))
    platform_order_id: Mapped[str] = mapped_column(String(60))  # always text, never a number
    status: Mapped[str] = mapped_column(String(20))
    platform_status: Mapped[str] = mapped_column(String(60), default="")
    ordered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    shipped_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    currency: Mapped[str] = mapped_column(String(3))
    total_amount: Mapped[Decimal | None] = mapped_column(Money)  # empty while pending
    shipping_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    tax_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    discount_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    platform_fees: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    ship_country: Mapped[str] = mapped_column(String(3), default="")  # ISO alpha-3
    fulfilment: Mapped[str] = mapped_column(String(20), default="china_direct")
    fulfilment_channel: Mapped[str] = mapped_column(
        String(30), default="", server_default=""
    )  # raw: AFN, MFN …
    customs_mode: Mapped[str | None] = mapped_column(String(4))  # 9610 / 9710 / 9810 / 0110
    routing_overridden: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )  # routed by hand: rules leave it alone
    warehouse_id: Mapped[int | None] = mapped_column(
        ForeignKey("warehouse.id", ondelete="RESTRICT")
    )
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_run.id", ondelete="SET NULL")
    )
    source_row: Mapped[int | None] = mapped_column(Integer)

    shop: Mapped[Shop] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )


class OrderLine(IdMixin, Base):
    __tablename__ = "order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        *non_negative("quantity", "unit_price"),
    )

    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    platform_line_id: Mapped[str] = mapped_column(String(60), default="")
    platform_sku: Mapped[str] = mapped_column(String(100))
    sku_id: Mapped[int | None] = mapped_column(
        ForeignKey("sku.id", ondelete="RESTRICT"), index=True
    )  # None until mapped
    quantity: Mapped[Decimal] = mapped_column(Quantity)  # in platform units
    sku_quantity: Mapped[Decimal | None] = mapped_column(Quantity)  # × the listing's factor
    unit_price: Mapped[Decimal | None] = mapped_column(UnitPrice)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    discount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    tax: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    product_name: Mapped[str] = mapped_column(Text, default="")
    item_status: Mapped[str] = mapped_column(String(40), default="")

    order: Mapped[Order] = relationship(back_populates="lines")
    sku: Mapped[Sku | None] = relationship()


class OrderRoutingRule(IdMixin, TimestampMixin, Base):
    """Assigns an order its customs mode and fulfilment source by shop and channel.

    The most specific matching rule wins (shop over platform, a named channel or country
    over any); orders the user routed by hand (routing_overridden) are left alone.
    """

    __tablename__ = "order_routing_rule"
    __table_args__ = (
        UniqueConstraint("platform", "shop_id", "fulfilment_channel", "ship_country"),
        one_of("fulfilment", FULFILMENT_KINDS),
        CheckConstraint("length(customs_mode) = 4", name="customs_mode_len"),
    )

    platform: Mapped[str] = mapped_column(String(20))
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
    fulfilment_channel: Mapped[str] = mapped_column(String(30), default="")  # "" = any
    ship_country: Mapped[str] = mapped_column(String(3), default="")  # "" = any
    customs_mode: Mapped[str] = mapped_column(String(4))
    fulfilment: Mapped[str] = mapped_column(String(20))
    warehouse_id: Mapped[int | None] = mapped_column(
        ForeignKey("warehouse.id", ondelete="RESTRICT")
    )
