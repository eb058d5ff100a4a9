"""Every table of ExportDesk; importing this package registers them all on Base.metadata."""

from desktop_app.core.models.base import Base
from desktop_app.core.models.catalogue import PlatformListing, Shop, Sku, Supplier
from desktop_app.core.models.declarations import (
    Declaration,
    DeclarationAmendment,
    DeclarationLine,
    DeclarationOrderLink,
    DeclarationShipmentLink,
)
from desktop_app.core.models.orders import ImportRun, Order, OrderLine
from desktop_app.core.models.rebate import (
    FilingDocument,
    FxAllocation,
    FxReceipt,
    PurchaseInvoice,
    PurchaseInvoiceLine,
    RebateBatch,
    RebateExportRow,
    RebateMatch,
    RebatePurchaseRow,
)
from desktop_app.core.models.reference import (
    CodeEntry,
    CodeTableVersion,
    ExchangeRate,
    HolidayDay,
    RateLibraryEntry,
    RateLibraryVersion,
)
from desktop_app.core.models.stock import (
    ReplenishmentRule,
    Shipment,
    ShipmentCarton,
    ShipmentCost,
    ShipmentLine,
    StockBalance,
    StockCostLayer,
    StockMove,
    Stocktake,
    StocktakeLine,
    Warehouse,
)
from desktop_app.core.models.system import AuditEvent, CompanyProfile, Setting, User

__all__ = [
    "AuditEvent", "Base", "CodeEntry", "CodeTableVersion", "CompanyProfile", "Declaration",
    "DeclarationAmendment", "DeclarationLine", "DeclarationOrderLink", "DeclarationShipmentLink",
    "ExchangeRate", "FilingDocument", "FxAllocation", "FxReceipt", "HolidayDay", "ImportRun",
    "Order", "OrderLine", "PlatformListing", "PurchaseInvoice", "PurchaseInvoiceLine",
    "RateLibraryEntry", "RateLibraryVersion", "RebateBatch", "RebateExportRow", "RebateMatch",
    "RebatePurchaseRow", "ReplenishmentRule", "Setting", "Shipment", "ShipmentCarton",
    "ShipmentCost", "ShipmentLine", "Shop", "Sku", "StockBalance", "StockCostLayer",
    "StockMove", "Stocktake", "StocktakeLine", "Supplier", "User", "Warehouse",
]
