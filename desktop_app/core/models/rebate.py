"""Export tax rebate (出口退税): invoices, matches, batches and rows, FX receipts, documents."""

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
    Percent,
    Quantity,
    TimestampMixin,
    UnitPrice,
    UTCDateTime,
    non_negative,
    one_of,
)

BATCH_STATUSES = ("draft", "self_checked", "filed", "approved", "partly_rejected", "paid")
ROW_STATUSES = ("included", "rejected", "moved")
# 9810 pre-rebate (HWC-YT) rows through 核算: "" for ordinary rows.
SETTLEMENTS = ("", "pending", "confirmed", "reversed", "repay", "reversal", "redeclared")


class PurchaseInvoice(IdMixin, TimestampMixin, Base):
    """A VAT invoice (增值税专用发票 / 数电票) or customs payment note bought goods came with."""

    __tablename__ = "purchase_invoice"
    __table_args__ = (
        UniqueConstraint("invoice_no"),
        one_of("kind", ("special_vat", "digital", "customs_payment")),
        one_of("status", ("valid", "voided", "red")),
        Index("ix_purchase_invoice_issue_date", "issue_date"),
    )

    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("supplier.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20), default="digital")
    invoice_no: Mapped[str] = mapped_column(String(20))  # 20-digit 数电 or 代码+号码 (18)
    issue_date: Mapped[dt.date] = mapped_column(Date)
    seller_tax_id: Mapped[str] = mapped_column(String(20))
    seller_name: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal] = mapped_column(Money)  # excluding VAT (may be negative for red)
    tax: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10), default="valid")
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_run.id", ondelete="SET NULL")
    )

    lines: Mapped[list[PurchaseInvoiceLine]] = relationship(
        back_populates="invoice",
        cascade="all, delete-orphan",
        order_by="PurchaseInvoiceLine.line_no",
    )


class PurchaseInvoiceLine(IdMixin, Base):
    __tablename__ = "purchase_invoice_line"
    __table_args__ = (
        UniqueConstraint("invoice_id", "line_no"),
        CheckConstraint("used_quantity <= quantity", name="used_le_quantity"),
        *non_negative("quantity", "used_quantity", "tax_rate"),
        Index("ix_purchase_invoice_line_code", "commodity_code"),
    )

    invoice_id: Mapped[int] = mapped_column(ForeignKey("purchase_invoice.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    commodity_name: Mapped[str] = mapped_column(String(200))  # 货物或应税劳务名称
    spec: Mapped[str] = mapped_column(String(200), default="")
    tax_category_code: Mapped[str] = mapped_column(String(19), default="")  # 税收分类编码
    commodity_code: Mapped[str] = mapped_column(String(20), default="")  # HS / 文库 code
    unit: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[Decimal | None] = mapped_column(UnitPrice)
    amount: Mapped[Decimal] = mapped_column(Money)  # excluding VAT
    tax_rate: Mapped[Decimal] = mapped_column(Percent)
    tax: Mapped[Decimal] = mapped_column(Money)
    used_quantity: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))

    invoice: Mapped[PurchaseInvoice] = relationship(back_populates="lines")


class RebateMatch(IdMixin, Base):
    """Declaration line ↔ invoice line, with the quantity and tax base taken and why."""

    __tablename__ = "rebate_match"
    __table_args__ = (
        UniqueConstraint("declaration_line_id", "invoice_line_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    declaration_line_id: Mapped[int] = mapped_column(
        ForeignKey("declaration_line.id", ondelete="CASCADE"), index=True
    )
    invoice_line_id: Mapped[int] = mapped_column(
        ForeignKey("purchase_invoice_line.id", ondelete="RESTRICT"), index=True
    )
    quantity: Mapped[Decimal] = mapped_column(Quantity)  # in the declaration's unit
    invoice_quantity: Mapped[Decimal] = mapped_column(Quantity)  # in the invoice's unit
    tax_base: Mapped[Decimal] = mapped_column(Money)  # 计税依据
    explanation: Mapped[str] = mapped_column(Text, default="")
    overridden: Mapped[bool] = mapped_column(Boolean, default=False)


class RebateBatch(IdMixin, TimestampMixin, Base):
    """One declaration batch (申报批次) of one month: at most 99 a month."""

    __tablename__ = "rebate_batch"
    __table_args__ = (
        UniqueConstraint("period", "batch_no"),
        CheckConstraint("batch_no BETWEEN 1 AND 99", name="batch_no_range"),
        CheckConstraint("length(period) = 6", name="period_yyyymm"),
        one_of("status", BATCH_STATUSES),
        one_of("method", ("exempt_refund", "exempt_credit_refund")),  # 免退 / 免抵退
        *non_negative("received_amount"),
    )

    period: Mapped[str] = mapped_column(String(6))  # 申报年月 YYYYMM
    batch_no: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    method: Mapped[str] = mapped_column(String(25), default="exempt_refund")
    refund_total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    received_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    filed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    paid_date: Mapped[dt.date | None] = mapped_column(Date)
    # 免抵退 period figures (manufacturers)
    domestic_output_tax: Mapped[Decimal | None] = mapped_column(Money)
    input_tax: Mapped[Decimal | None] = mapped_column(Money)
    previous_credit: Mapped[Decimal | None] = mapped_column(Money)
    duty_free_materials: Mapped[Decimal | None] = mapped_column(Money)  # 免税购进原材料价格
    # 免抵退 results, kept as computed (frozen with the batch once filed)
    non_creditable: Mapped[Decimal | None] = mapped_column(Money)
    tax_payable: Mapped[Decimal | None] = mapped_column(Money)
    credit_refund_total: Mapped[Decimal | None] = mapped_column(Money)
    exempt_offset: Mapped[Decimal | None] = mapped_column(Money)
    credit_carried_forward: Mapped[Decimal | None] = mapped_column(Money)
    checked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")


class RebateExportRow(IdMixin, Base):
    """出口明细: one export row of a batch, as the official import template wants it."""

    __tablename__ = "rebate_export_row"
    __table_args__ = (
        UniqueConstraint("batch_id", "seq"),
        one_of("status", ROW_STATUSES),
        CheckConstraint("length(declaration_no) = 21", name="declaration_no_len"),
        CheckConstraint("quantity <> 0", name="quantity_not_zero"),  # negative: 核算 reversal
        one_of("settlement", SETTLEMENTS),
        Index("ix_rebate_export_row_link", "link_no"),
    )

    batch_id: Mapped[int] = mapped_column(ForeignKey("rebate_batch.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    link_no: Mapped[str] = mapped_column(String(30))  # 关联号
    declaration_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("declaration_line.id", ondelete="RESTRICT"), index=True
    )
    declaration_no: Mapped[str] = mapped_column(String(21))  # 18 + "0" + 项号
    export_invoice_no: Mapped[str] = mapped_column(String(30), default="")
    export_date: Mapped[dt.date] = mapped_column(Date)
    commodity_code: Mapped[str] = mapped_column(String(20))
    commodity_name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    usd_fob: Mapped[Decimal] = mapped_column(Money)
    cny_fob: Mapped[Decimal | None] = mapped_column(Money)
    fx_rate: Mapped[Decimal | None] = mapped_column(FxRate)
    levy_rate: Mapped[Decimal | None] = mapped_column(Percent)
    rebate_rate: Mapped[Decimal | None] = mapped_column(Percent)
    business_type: Mapped[str] = mapped_column(String(20), default="")  # e.g. HWC-YT
    status: Mapped[str] = mapped_column(String(10), default="included")
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    settlement: Mapped[str] = mapped_column(String(12), default="")  # 9810 核算 state
    sold_quantity: Mapped[Decimal | None] = mapped_column(Quantity)  # sold at 核算
    reverses_row_id: Mapped[int | None] = mapped_column(
        ForeignKey("rebate_export_row.id", ondelete="RESTRICT"), index=True
    )


class RebatePurchaseRow(IdMixin, Base):
    """进货明细: one purchase row of a batch."""

    __tablename__ = "rebate_purchase_row"
    __table_args__ = (
        UniqueConstraint("batch_id", "seq"),
        one_of("status", ROW_STATUSES),
        *non_negative("levy_rate", "rebate_rate"),
        Index("ix_rebate_purchase_row_link", "link_no"),
    )

    batch_id: Mapped[int] = mapped_column(ForeignKey("rebate_batch.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    link_no: Mapped[str] = mapped_column(String(30))
    invoice_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("purchase_invoice_line.id", ondelete="RESTRICT"), index=True
    )
    tax_kind: Mapped[str] = mapped_column(String(1), default="V")  # V 增值税, C 消费税
    voucher_kind: Mapped[str] = mapped_column(String(4), default="02")
    voucher_no: Mapped[str] = mapped_column(String(20))
    issue_date: Mapped[dt.date] = mapped_column(Date)
    supplier_tax_id: Mapped[str] = mapped_column(String(20))
    commodity_code: Mapped[str] = mapped_column(String(20))
    commodity_name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    tax_base: Mapped[Decimal] = mapped_column(Money)
    levy_rate: Mapped[Decimal] = mapped_column(Percent)
    rebate_rate: Mapped[Decimal] = mapped_column(Percent)
    refund: Mapped[Decimal] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10), default="included")
    note: Mapped[str] = mapped_column(String(200), default="")


class FxReceipt(IdMixin, TimestampMixin, Base):
    """Foreign currency received (收汇) into the exporter's account."""

    __tablename__ = "fx_receipt"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_fx_receipt_received_date", "received_date"),
    )

    bank_ref: Mapped[str] = mapped_column(String(60), unique=True)
    received_date: Mapped[dt.date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(Money)
    cny_amount: Mapped[Decimal | None] = mapped_column(Money)
    payer: Mapped[str] = mapped_column(String(200), default="")
    bank: Mapped[str] = mapped_column(String(100), default="")
    deemed: Mapped[bool] = mapped_column(Boolean, default=False)  # 视同收汇
    note: Mapped[str] = mapped_column(Text, default="")

    allocations: Mapped[list[FxAllocation]] = relationship(cascade="all, delete-orphan")


class FxAllocation(IdMixin, Base):
    """Part of a receipt assigned to a declaration (or an order)."""

    __tablename__ = "fx_allocation"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(
            "(declaration_id IS NOT NULL) OR (order_id IS NOT NULL)", name="has_target"
        ),
    )

    receipt_id: Mapped[int] = mapped_column(ForeignKey("fx_receipt.id", ondelete="CASCADE"))
    declaration_id: Mapped[int | None] = mapped_column(
        ForeignKey("declaration.id", ondelete="RESTRICT"), index=True
    )
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("sales_order.id", ondelete="RESTRICT"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money)


class FilingDocument(IdMixin, TimestampMixin, Base):
    """单证备案: one checklist item of a claim (contract, B/L, broker agreement …) and its file."""

    __tablename__ = "filing_document"
    __table_args__ = (
        one_of(
            "kind",
            (
                "sales_contract",
                "transport_document",
                "freight_invoice",
                "forwarder_invoice",
                "broker_agreement",
                "broker_invoice",
                "warehouse_lease",
                "fx_evidence",
                "other",
            ),
        ),
        one_of("status", ("missing", "received", "filed")),
    )

    kind: Mapped[str] = mapped_column(String(30))
    declaration_id: Mapped[int | None] = mapped_column(
        ForeignKey("declaration.id", ondelete="CASCADE"), index=True
    )
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("rebate_batch.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    document_no: Mapped[str] = mapped_column(String(60), default="")
    document_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="missing")
    attachment_path: Mapped[str] = mapped_column(String(500), default="")  # under attachments/
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")
    filed_date: Mapped[dt.date | None] = mapped_column(Date)
    retain_until: Mapped[dt.date | None] = mapped_column(Date)
