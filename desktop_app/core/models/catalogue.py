"""The SKU catalogue with every declaration field, suppliers, shops and platform listings."""

from __future__ import annotations

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.core.models.base import (
    Base,
    IdMixin,
    Percent,
    Quantity,
    TimestampMixin,
    UnitPrice,
    Weight,
    non_negative,
    one_of,
)

PLATFORMS = ("amazon", "shopee", "tiktok", "aliexpress", "generic", "offline")


class Supplier(IdMixin, TimestampMixin, Base):
    """A domestic supplier (供货方) whose VAT invoices back the rebate."""

    __tablename__ = "supplier"

    name: Mapped[str] = mapped_column(String(200))
    tax_id: Mapped[str | None] = mapped_column(String(20), unique=True)  # USCC / 纳税人识别号
    contact: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    small_scale: Mapped[bool] = mapped_column(Boolean, default=False)  # 小规模纳税人 (3 % invoices)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Sku(IdMixin, TimestampMixin, Base):
    """One product as the exporter declares it: the single source of every declaration field."""

    __tablename__ = "sku"
    __table_args__ = (
        CheckConstraint("brand_type BETWEEN 0 AND 4", name="brand_type"),
        CheckConstraint("preference BETWEEN 0 AND 3", name="preference"),
        CheckConstraint(
            "net_weight_kg IS NULL OR gross_weight_kg IS NULL OR net_weight_kg <= gross_weight_kg",
            name="net_le_gross",
        ),
        *non_negative(
            "net_weight_kg",
            "gross_weight_kg",
            "length_cm",
            "width_cm",
            "height_cm",
            "purchase_price",
            "first_unit_factor",
            "second_unit_factor",
        ),
        Index("ix_sku_hs_code", "hs_code"),
    )

    code: Mapped[str] = mapped_column(String(60), unique=True)  # the exporter's own SKU
    name_cn: Mapped[str] = mapped_column(String(200))  # 申报品名
    name_en: Mapped[str] = mapped_column(String(200), default="")
    spec: Mapped[str] = mapped_column(String(200), default="")  # 规格型号
    hs_code: Mapped[str | None] = mapped_column(String(10))  # 商品编号, 10 digits
    declaration_elements: Mapped[str] = mapped_column(Text, default="")  # 申报要素, pipe-separated
    brand_name: Mapped[str] = mapped_column(String(100), default="")
    brand_type: Mapped[int] = mapped_column(Integer, default=0)  # 品牌类型 0–4
    preference: Mapped[int] = mapped_column(Integer, default=0)  # 出口享惠情况 0–3
    legal_first_unit: Mapped[str | None] = mapped_column(String(3))  # 法定第一计量单位 code
    legal_second_unit: Mapped[str | None] = mapped_column(String(3))  # 法定第二计量单位 code
    trade_unit: Mapped[str] = mapped_column(String(3), default="007")  # 成交计量单位 code
    # legal quantity per one trade unit (e.g. 0.25 kg per piece)
    first_unit_factor: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(1))
    second_unit_factor: Mapped[Decimal | None] = mapped_column(Quantity)
    origin_country: Mapped[str] = mapped_column(String(3), default="CHN")  # 原产国
    domestic_source: Mapped[str | None] = mapped_column(String(5))  # 境内货源地
    net_weight_kg: Mapped[Decimal | None] = mapped_column(Weight)
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Weight)
    length_cm: Mapped[Decimal | None] = mapped_column(Weight)
    width_cm: Mapped[Decimal | None] = mapped_column(Weight)
    height_cm: Mapped[Decimal | None] = mapped_column(Weight)
    levy_rate: Mapped[Decimal | None] = mapped_column(Percent)  # 征税率 %
    rebate_rate: Mapped[Decimal | None] = mapped_column(Percent)  # 退税率 %
    rates_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    purchase_price: Mapped[Decimal | None] = mapped_column(UnitPrice)  # CNY incl. VAT
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("supplier.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    supplier: Mapped[Supplier | None] = relationship()


class Shop(IdMixin, TimestampMixin, Base):
    """A storefront on a platform (an Amazon US account, a Shopee MY shop …)."""

    __tablename__ = "shop"
    __table_args__ = (UniqueConstraint("platform", "name"), one_of("platform", PLATFORMS))

    platform: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    site_country: Mapped[str] = mapped_column(String(3), default="")  # ISO alpha-3
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    default_warehouse_id: Mapped[int | None] = mapped_column(
        ForeignKey("warehouse.id", ondelete="SET NULL")
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PlatformListing(IdMixin, TimestampMixin, Base):
    """(platform, shop, platform SKU) → our SKU × quantity factor (bundles, multipacks)."""

    __tablename__ = "platform_listing"
    __table_args__ = (
        UniqueConstraint("shop_id", "platform_sku", "sku_id"),
        CheckConstraint("quantity_factor > 0", name="quantity_factor_positive"),
        Index("ix_platform_listing_lookup", "shop_id", "platform_sku"),
    )

    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
    platform_sku: Mapped[str] = mapped_column(String(100))
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="RESTRICT"), index=True)
    quantity_factor: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(1))
    asin: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(300), default="")

    shop: Mapped[Shop] = relationship()
    sku: Mapped[Sku] = relationship()
