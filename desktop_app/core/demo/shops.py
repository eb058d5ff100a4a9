"""Demo warehouses, shops and each platform's habits: order ids, statuses, fees, destinations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WarehouseDef:
    code: str
    name: str
    kind: str
    country: str
    currency: str
    provider: str
    address: str


@dataclass(frozen=True)
class Route:
    """One way a shop's orders are fulfilled, and where those orders go."""

    fulfilment: str
    warehouse: str  # warehouse code
    weight: int
    countries: str  # "USA:90 CAN:10"


@dataclass(frozen=True)
class ShopDef:
    platform: str
    name: str
    country: str
    currency: str
    warehouse: str  # default warehouse code
    share: int  # relative order volume
    listed_pct: int  # share of the catalogue listed here
    price_pct: int  # price level, Amazon US = 100
    fee_bp: int  # commission, basis points of the goods value
    discount_pct: int  # share of lines with a coupon / voucher
    utc_offset: int  # buyers' time zone, hours
    language: str  # of listing titles: en, de, ja
    id_prefixes: tuple[str, ...]  # first group of Amazon order ids
    routes: tuple[Route, ...]
    shipping: str  # what buyers pay for shipping, "amount:weight …" in the shop currency


SZ, US3PL, DE3PL, JPFBA, USFBA = "SZ-LG01", "US-ONT-3PL", "DE-DUI-3PL", "JP-FBA", "US-FBA"

# fmt: off
WAREHOUSES: tuple[WarehouseDef, ...] = (
    WarehouseDef(SZ, "深圳龙岗仓", "domestic", "CHN", "CNY", "自营",
                 "深圳市龙岗区平湖街道华南城物流园3栋4楼"),
    WarehouseDef(US3PL, "美国安大略海外仓", "overseas_3pl", "USA", "USD",
                 "Pacific Gateway Logistics Inc.", "Ontario, CA 91761, United States"),
    WarehouseDef(DE3PL, "德国杜伊斯堡海外仓", "overseas_3pl", "DEU", "EUR",
                 "RheinPort Fulfilment GmbH", "47053 Duisburg, Deutschland"),
    WarehouseDef(JPFBA, "亚马逊日本FBA仓", "fba", "JPN", "JPY", "Amazon.co.jp",
                 "千葉県市川市 (Amazon NRT5)"),
    WarehouseDef(USFBA, "亚马逊美国FBA仓", "fba", "USA", "USD", "Amazon.com",
                 "Moreno Valley, CA 92551, United States (Amazon ONT8)"),
)

EU = "DEU:30 FRA:20 ESP:15 ITA:12 NLD:8 POL:8 BEL:7"
WORLD = "USA:22 FRA:9 ESP:9 BRA:9 KOR:8 POL:7 NLD:6 ISR:5 CHL:5 MEX:5 DEU:5 GBR:4 AUS:3 CAN:3"

SHOPS: tuple[ShopDef, ...] = (
    ShopDef("amazon", "Amazon US", "USA", "USD", USFBA, 30, 60, 100, 1500, 10, -6, "en",
            ("111", "112", "113", "114"),
            (Route("platform", USFBA, 85, "USA:100"),
             Route("overseas_warehouse", US3PL, 15, "USA:100")),
            "0:92 5.99:8"),
    ShopDef("amazon", "Amazon DE", "DEU", "EUR", DE3PL, 10, 40, 100, 1500, 10, 1, "de",
            ("302", "303", "304", "305", "306"),
            (Route("overseas_warehouse", DE3PL, 85, "DEU:84 AUT:9 NLD:3 FRA:2 BEL:2"),
             Route("china_direct", SZ, 15, "DEU:90 AUT:10")),
            "0:80 3.99:20"),
    ShopDef("amazon", "Amazon JP", "JPN", "JPY", JPFBA, 7, 30, 100, 1000, 8, 9, "ja",
            ("249", "250", "503"),
            (Route("platform", JPFBA, 90, "JPN:100"),
             Route("china_direct", SZ, 10, "JPN:100")),
            "0:95 350:5"),
    ShopDef("shopee", "Shopee MY", "MYS", "MYR", SZ, 12, 50, 55, 900, 25, 8, "en", (),
            (Route("china_direct", SZ, 100, "MYS:100"),),
            "0:55 4.90:35 8.90:10"),
    ShopDef("shopee", "Shopee SG", "SGP", "SGD", SZ, 6, 50, 60, 1000, 25, 8, "en", (),
            (Route("china_direct", SZ, 100, "SGP:100"),),
            "0:60 1.99:30 3.49:10"),
    ShopDef("shopee", "Shopee PH", "PHL", "PHP", SZ, 10, 50, 50, 900, 30, 8, "en", (),
            (Route("china_direct", SZ, 100, "PHL:100"),),
            "0:50 45:30 95:20"),
    ShopDef("tiktok", "TikTok Shop US", "USA", "USD", US3PL, 12, 35, 85, 800, 20, -6, "en", (),
            (Route("china_direct", SZ, 70, "USA:100"),
             Route("overseas_warehouse", US3PL, 30, "USA:100")),
            "0:85 3.99:15"),
    ShopDef("tiktok", "TikTok Shop UK", "GBR", "GBP", SZ, 5, 25, 85, 900, 20, 0, "en", (),
            (Route("china_direct", SZ, 100, "GBR:100"),),
            "0:80 2.99:20"),
    ShopDef("aliexpress", "AliExpress", "", "USD", SZ, 8, 60, 55, 800, 15, 0, "en", (),
            (Route("china_direct", SZ, 88, WORLD),
             Route("overseas_warehouse", DE3PL, 12, EU)),
            "0:75 1.99:15 3.99:10"),
)
# Our status → what the platform's own export calls it.
PLATFORM_STATUS: dict[str, dict[str, str]] = {
    "amazon": {
        "pending": "Pending", "paid": "Unshipped", "shipped": "Shipped",
        "delivered": "Shipped - Delivered to Buyer", "completed": "Shipped",
        "cancelled": "Cancelled", "refunded": "Shipped", "returned": "Shipped - Returned to Seller",
        "unpaid": "Pending",
    },
    "shopee": {
        "pending": "Unpaid", "unpaid": "Unpaid", "paid": "To ship", "shipped": "Shipping",
        "delivered": "Delivered", "completed": "Completed", "cancelled": "Cancelled",
        "refunded": "Return/Refund", "returned": "Return/Refund",
    },
    "tiktok": {
        "pending": "Unpaid", "unpaid": "Unpaid", "paid": "Awaiting shipment",
        "shipped": "In transit", "delivered": "Delivered", "completed": "Completed",
        "cancelled": "Canceled", "refunded": "Canceled", "returned": "Completed",
    },
    "aliexpress": {
        "pending": "等待买家付款", "unpaid": "等待买家付款", "paid": "等待您发货",
        "shipped": "等待买家收货", "delivered": "等待买家收货", "completed": "交易完成",
        "cancelled": "订单关闭", "refunded": "订单关闭", "returned": "交易完成",
    },
}
# fmt: on

# Amazon's order report leaves the prices of a Pending order empty; others show them.
UNPRICED_WHILE_PENDING = frozenset({"amazon"})
# Platforms whose orders end "completed" once the buyer confirms receipt.
COMPLETES = frozenset({"shopee", "tiktok", "aliexpress"})

_B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def order_id_maker(shop: ShopDef, day_codes: list[str]) -> Callable[[int, int], str]:
    """f(n, day) → the n-th order id, unique per shop, in the platform's format.

    Ids come from the order counter through a bijection, so they never collide and cost
    no random draws: Amazon ids look random, TikTok and AliExpress ids grow with time
    (they do on the platforms), Shopee's start with the order date (YYMMDD).
    """
    if shop.platform == "amazon":
        prefixes = shop.id_prefixes

        def amazon(n: int, day: int) -> str:
            x = (n * 7_919_305_436_771 + 4_283_927_615_473) % 10**14
            return f"{prefixes[n % len(prefixes)]}-{x // 10**7:07d}-{x % 10**7:07d}"

        return amazon
    if shop.platform == "shopee":

        def shopee(n: int, day: int) -> str:
            x = (n * 1_190_494_759 + 736_651_221) % 36**8
            tail = []
            for _ in range(8):
                x, digit = divmod(x, 36)
                tail.append(_B36[digit])
            return day_codes[day] + "".join(tail)

        return shopee
    if shop.platform == "tiktok":
        return lambda n, day: (
            f"57{6_461_413_038_785_372 + n * 300_000_000 + n * 7_368_787 % 300_000_000}"
        )
    return lambda n, day: f"8{178_503_921_004_217 + n * 50_000_000 + n * 9_369_319 % 50_000_000}"


def amazon_item_id(line_id: int) -> str:
    """Amazon's 14-digit order-item-id, unique per line (a bijection of the line id)."""
    return f"{(line_id * 714_028_955_739 + 52_907_381_466_135) % 10**14:014d}"
