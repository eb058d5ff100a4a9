"""The product families a small Shenzhen exporter sells, with their customs facts (demo data)."""

from __future__ import annotations

from dataclasses import dataclass

# (code, Chinese, English) for models and colours/sizes
Choice = tuple[str, str, str]


@dataclass(frozen=True)
class Family:
    code: str  # prefix of the SKU code
    name_cn: str  # 申报品名
    name_en: str
    name_ja: str  # Amazon JP titles
    name_de: str  # Amazon DE titles
    hs_code: str
    first_unit: str  # 法定第一计量单位
    second_unit: str | None  # 法定第二计量单位, where the tariff has one
    trade_unit: str  # 成交计量单位
    elements: str  # 申报要素 after brand type|享惠, {brand} {model} {material} filled in
    materials: tuple[str, ...]
    models: tuple[Choice, ...]
    colours: tuple[Choice, ...]
    cost_cny: tuple[str, str]  # purchase price range incl. VAT
    retail_usd: tuple[int, int]  # Amazon US price range, whole dollars
    net_g: tuple[int, int]
    box_cm: tuple[int, int, int]  # typical retail box L × W × H
    rebate: str  # 退税率 %
    brands: tuple[tuple[int, str], ...]  # (品牌类型, brand) choices; 0 is no brand
    category: str  # matches Supplier categories
    skus: int  # how many of the model × colour variants to make


NO_BRAND = ((0, ""),)
OWN_BRAND = ((0, ""), (1, "NUVELO"), (1, "NUVELO"))


def _choices(text: str) -> tuple[Choice, ...]:
    """'CODE=中文=English; …' → ((code, 中文, English), …): keeps the table below readable."""
    items = (part.split("=") for part in text.split(";"))
    return tuple((code.strip(), cn.strip(), en.strip()) for code, cn, en in items)


# Field order: see Family. HS codes, units and elements are typical for each product; the
# rate library (退税率文库) stays the authority on rates, these are the SKU's own values.
# fmt: off
FAMILIES: tuple[Family, ...] = (
    Family(
        "PC", "手机保护壳", "Phone Case", "スマホケース", "Handyhülle", "3926909090",
        "035", None, "007", "用途:手机保护|材质:{material}|品牌:{brand}|型号:{model}",
        ("TPU", "PC+TPU", "硅胶"),
        _choices("IP14=iPhone 14=iPhone 14; IP15=iPhone 15=iPhone 15; "
                 "IP15P=iPhone 15 Pro=iPhone 15 Pro; IP16=iPhone 16=iPhone 16; "
                 "IP16P=iPhone 16 Pro=iPhone 16 Pro; IP16PM=iPhone 16 Pro Max=iPhone 16 Pro Max; "
                 "S24=Galaxy S24=Galaxy S24; S24U=Galaxy S24 Ultra=Galaxy S24 Ultra; "
                 "A55=Galaxy A55=Galaxy A55; PX9=Pixel 9=Pixel 9"),
        _choices("BLK=黑色=Black; CLR=透明=Clear; PNK=粉色=Pink; NVY=藏青色=Navy; PUR=紫色=Purple"),
        ("3.20", "9.80"), (9, 17), (25, 48), (18, 10, 2), "13.00", OWN_BRAND, "塑胶", 50,
    ),
    Family(
        "LB", "LED灯泡", "LED Light Bulb", "LED電球", "LED-Glühbirne", "8539520000",
        "007", None, "007", "用途:照明|种类:LED灯泡|功率:{model}|品牌:{brand}|型号:{code}",
        ("铝+PC",),
        _choices("E27-9W=E27 9W=E27 9W; E27-12W=E27 12W=E27 12W; E14-5W=E14 5W=E14 5W; "
                 "GU10-7W=GU10 7W=GU10 7W; B22-15W=B22 15W=B22 15W; A60-10W=A60 10W=A60 10W"),
        _choices("WW=暖白3000K=Warm White 3000K; CW=冷白6500K=Cool White 6500K; "
                 "RGB=智能RGB=Smart RGB"),
        ("3.60", "21.50"), (8, 25), (38, 95), (12, 7, 7), "13.00", NO_BRAND, "照明", 18,
    ),
    Family(
        "SK", "硅胶厨具", "Silicone Kitchen Utensil", "シリコン調理器具", "Silikon-Küchenhelfer",
        "3924100000", "035", None, "007", "用途:厨房用|材质:{material}|品牌:{brand}|型号:{model}",
        ("食品级硅胶", "硅胶+不锈钢"),
        _choices("SPT=锅铲=Spatula; LDL=汤勺=Ladle; TNG=夹子=Tongs; MLD=蛋糕模=Baking Mold; "
                 "BWL=折叠碗=Collapsible Bowl; LID6=保鲜盖6件套=Stretch Lids 6 pcs; "
                 "WHK=打蛋器=Whisk; BRS=油刷=Basting Brush"),
        _choices("GRY=灰色=Grey; MNT=薄荷绿=Mint; RED=红色=Red; BLK=黑色=Black"),
        ("2.80", "24.00"), (7, 22), (45, 320), (30, 8, 5), "13.00", NO_BRAND, "硅胶", 30,
    ),
    Family(
        "YM", "瑜伽垫", "Yoga Mat", "ヨガマット", "Yogamatte", "9506919000",
        "035", None, "011", "用途:健身用|材质:{material}|品牌:{brand}|型号:{model}",
        ("TPE", "NBR", "天然橡胶"),
        _choices("6MM=6mm 183×61cm=6mm 72×24in; 8MM=8mm 183×61cm=8mm 72×24in; "
                 "10MM=10mm 183×61cm=10mm 72×24in; 4MF=4mm 折叠款=4mm Foldable"),
        _choices("PUR=紫色=Purple; BLU=蓝色=Blue; BLK=黑色=Black; PNK=粉色=Pink; "
                 "SGE=灰绿色=Sage Green; GRY=灰色=Grey"),
        ("18.00", "62.00"), (19, 45), (700, 1_800), (62, 13, 13), "13.00", OWN_BRAND, "体育", 24,
    ),
    Family(
        "PT", "宠物玩具", "Pet Toy", "ペット用おもちゃ", "Hundespielzeug", "4016999090",
        "035", None, "007", "用途:宠物玩耍用|材质:{material}|品牌:{brand}|型号:{model}",
        ("天然橡胶", "TPR"),
        _choices("BALL=啃咬球=Chew Ball; STK=磨牙棒=Chew Stick; SQK=发声玩具=Squeaky Toy; "
                 "RING=拉力环=Tug Ring; TRT=漏食球=Treat Dispenser; BONE=骨头玩具=Bone Toy"),
        _choices("S=小号=Small; M=中号=Medium; L=大号=Large"),
        ("2.50", "11.00"), (7, 18), (60, 260), (12, 9, 9), "9.00", NO_BRAND, "宠物", 18,
    ),
    Family(
        "BE", "蓝牙耳机", "Bluetooth Earbuds", "Bluetoothイヤホン", "Bluetooth-Kopfhörer",
        "8518300000", "007", "035", "007",
        "用途:收听音频|种类:无线蓝牙耳机|品牌:{brand}|型号:{code}",
        ("ABS",),
        _choices("T10=T10 入耳式=T10 In-Ear; T20=T20 降噪款=T20 ANC; OW3=OW3 开放式=OW3 Open-Ear; "
                 "SP5=SP5 运动款=SP5 Sport"),
        _choices("BLK=黑色=Black; WHT=白色=White; BLU=蓝色=Blue"),
        ("38.00", "118.00"), (19, 49), (45, 70), (10, 10, 4), "13.00",
        ((1, "NUVELO"), (1, "NUVELO"), (3, "SOUNDWAY")), "电子", 12,
    ),
    Family(
        "UC", "USB数据线", "USB Cable", "USBケーブル", "USB-Kabel", "8544422100",
        "035", None, "007",
        "用途:连接传输数据及充电|电压:≤1000V|是否有接头:有|材质:{material}|品牌:{brand}|型号:{code}",
        ("铜芯+编织尼龙", "铜芯+TPE"),
        _choices("CC1=USB-C转C 1米 60W=USB-C to C 3ft 60W; "
                 "CC2=USB-C转C 2米 100W=USB-C to C 6ft 100W; AC1=USB-A转C 1米=USB-A to C 3ft; "
                 "LT1=Lightning 1米=Lightning 3ft; 3IN1=三合一 1.2米=3-in-1 4ft"),
        _choices("BLK=黑色=Black; WHT=白色=White; GRY=灰色=Grey; RED=红色=Red; BLU=蓝色=Blue"),
        ("2.90", "14.50"), (6, 16), (25, 75), (14, 10, 2), "13.00", OWN_BRAND, "电子", 24,
    ),
    Family(
        "SB", "不锈钢保温杯", "Insulated Water Bottle", "ステンレスボトル", "Thermosflasche",
        "9617001900", "007", "035", "007",
        "用途:保温|材质:{material}|容量:{model}|品牌:{brand}|型号:{code}",
        ("304不锈钢", "316不锈钢"),
        _choices("350=350ml=12oz; 500=500ml=17oz; 750=750ml=25oz; 1000=1L=32oz; "
                 "TB40=40oz 手柄杯=40oz Tumbler"),
        _choices("BLK=黑色=Black; WHT=白色=White; NVY=海军蓝=Navy; PNK=樱花粉=Sakura Pink; "
                 "OLV=橄榄绿=Olive; LAV=薰衣草紫=Lavender; SND=沙色=Sand"),
        ("18.00", "56.00"), (15, 36), (250, 620), (26, 9, 9), "13.00", OWN_BRAND, "不锈钢", 34,
    ),
    Family(
        "KT", "儿童玩具", "Kids Toy", "子供用おもちゃ", "Kinderspielzeug", "9503008900",
        "007", "035", "007", "用途:儿童娱乐|材质:{material}|品牌:{brand}|型号:{model}",
        ("ABS塑料", "PP塑料"),
        _choices("BLK120=积木套装120片=Building Blocks 120 pcs; BUB=泡泡机=Bubble Machine; "
                 "MAG60=磁力片60片=Magnetic Tiles 60 pcs; DRW=磁性画板=Magnetic Drawing Board; "
                 "PZL=拼图100片=Jigsaw Puzzle 100 pcs; CAR=回力车套装=Pull-Back Cars Set"),
        _choices("MLT=彩色=Multicolour; BLU=蓝色=Blue; PNK=粉色=Pink"),
        ("11.00", "58.00"), (15, 39), (200, 950), (30, 22, 8), "13.00", NO_BRAND, "玩具", 18,
    ),
    Family(
        "HA", "发饰", "Hair Accessories Set", "ヘアアクセサリー", "Haarschmuck-Set", "9615190000",
        "035", None, "006", "用途:头发装饰|材质:{material}|品牌:{brand}|型号:{model}",
        ("醋酸纤维", "PC塑料", "合金+仿珍珠"),
        _choices("CLW4=抓夹4件套=Claw Clips 4 pcs; SCR10=发圈10件套=Scrunchies 10 pcs; "
                 "HBD=宽边发箍=Wide Headband; PRL6=珍珠发夹6件套=Pearl Hair Pins 6 pcs; "
                 "BOW=蝴蝶结发夹=Bow Hair Clip; CLW8=小抓夹8件套=Mini Claw Clips 8 pcs; "
                 "SLK=缎面发圈6件套=Satin Scrunchies 6 pcs"),
        _choices("CRM=奶油色=Cream; BLK=黑色=Black; TRT=玳瑁色=Tortoiseshell; "
                 "MRD=莫兰迪混色=Morandi Mix"),
        ("1.90", "8.80"), (7, 15), (30, 130), (12, 8, 4), "9.00", NO_BRAND, "饰品", 28,
    ),
    Family(
        "GT", "园艺工具", "Garden Pruning Shears", "剪定ばさみ", "Gartenschere", "8201500000",
        "035", None, "007", "用途:园艺修剪|材质:{material}|品牌:{brand}|型号:{model}",
        ("SK5钢+铝合金手柄", "65锰钢+PP手柄"),
        _choices("PS8=8寸修枝剪=8in Bypass Pruner; LP26=26寸高枝剪=26in Lopper; "
                 "FS=花艺剪=Floral Snips"),
        _choices("GRN=绿色=Green; ORG=橙色=Orange; BLK=黑色=Black; RED=红色=Red; BLU=蓝色=Blue"),
        ("8.50", "38.00"), (11, 32), (160, 950), (24, 8, 3), "13.00", NO_BRAND, "五金", 15,
    ),
    Family(
        "CA", "汽车手机支架", "Car Phone Mount", "車載ホルダー", "Handyhalterung Auto",
        "8302300000", "035", None, "007",
        "用途:车载固定手机|材质:{material}|品牌:{brand}|型号:{model}",
        ("铝合金+ABS", "锌合金+硅胶"),
        _choices("VNT=出风口支架=Air Vent Mount; MAG=磁吸支架=Magnetic Mount; "
                 "DSH=仪表台支架=Dashboard Mount; CUP=杯架支架=Cup Holder Mount; "
                 "GRV=重力支架=Gravity Mount"),
        _choices("BLK=黑色=Black; SLV=银色=Silver; GRY=深空灰=Space Grey"),
        ("6.00", "27.00"), (10, 26), (60, 210), (15, 9, 7), "13.00", OWN_BRAND, "汽车用品", 14,
    ),
    Family(
        "SO", "针织运动袜", "Athletic Socks", "スポーツソックス", "Sportsocken", "6115950000",
        "025", "035", "025",
        "品名:袜子|织造方法:针织|种类:运动袜|成分含量:{material}|品牌:{brand}|货号:{model}",
        ("棉80%涤纶17%氨纶3%", "精梳棉75%锦纶22%氨纶3%"),
        _choices("NS=船袜=No-Show; ANK=短筒袜=Ankle; CRW=中筒袜=Crew; KNE=长筒袜=Knee-High; "
                 "TOE=五趾袜=Toe Socks"),
        _choices("S=S码=Size S; M=M码=Size M; L=L码=Size L"),
        ("2.10", "5.90"), (5, 12), (32, 62), (20, 9, 2), "13.00", NO_BRAND, "针织", 15,
    ),
)

# (中文名, category, USCC region code, 境内货源地, address)
SUPPLIERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("深圳市鑫达塑胶制品有限公司", "塑胶", "440300", "44031", "深圳市宝安区福永街道凤凰第三工业区"),
    ("东莞市恒鑫塑胶五金制品有限公司", "塑胶", "441900", "44199", "东莞市长安镇厦边社区振安中路"),
    ("中山市明耀照明科技有限公司", "照明", "442000", "44209", "中山市古镇镇东兴中路"),
    ("深圳市光源之家照明有限公司", "照明", "440300", "44031", "深圳市龙华区观澜街道桂花路"),
    ("东莞市佳硅硅胶制品有限公司", "硅胶", "441900", "44199", "东莞市塘厦镇林村社区"),
    ("厦门市绿源硅橡胶制品有限公司", "硅胶", "350200", "35029", "厦门市同安区西柯街道"),
    ("宁波市健悦体育用品有限公司", "体育", "330200", "33029", "宁波市鄞州区姜山镇"),
    ("义乌市萌宠宠物用品有限公司", "宠物", "330782", "33079", "浙江省义乌市北苑街道"),
    ("深圳市声飞电子科技有限公司", "电子", "440300", "44031", "深圳市龙岗区坂田街道"),
    ("东莞市联讯电子线材有限公司", "电子", "441900", "44199", "东莞市清溪镇三中村"),
    ("深圳市华捷电子有限公司", "电子", "440300", "44031", "深圳市宝安区沙井街道"),
    ("永康市恒泰不锈钢制品有限公司", "不锈钢", "330784", "33079", "浙江省永康市经济开发区"),
    ("揭阳市金辉不锈钢制品厂", "不锈钢", "445200", "44529", "揭阳市揭东区玉滘镇"),
    ("汕头市澄海区乐童玩具有限公司", "玩具", "440515", "44059", "汕头市澄海区莲下镇"),
    ("义乌市美妍饰品有限公司", "饰品", "330782", "33079", "浙江省义乌市稠城街道"),
    ("阳江市金鹰五金工具有限公司", "五金", "441700", "44179", "阳江市江城区银岭科技产业园"),
    ("广州市车之宝汽车用品有限公司", "汽车用品", "440100", "44019", "广州市白云区太和镇"),
    ("诸暨市大唐织袜有限公司", "针织", "330681", "33069", "浙江省诸暨市大唐街道"),
    ("佛山市顺德区家品硅胶五金有限公司", "硅胶", "440600", "44069", "佛山市顺德区勒流街道"),
    ("深圳市龙岗区兴旺塑胶五金厂", "塑胶", "440300", "44031", "深圳市龙岗区平湖街道"),
)
# fmt: on
SMALL_SCALE = frozenset({"揭阳市金辉不锈钢制品厂", "深圳市龙岗区兴旺塑胶五金厂"})  # 3 % invoices
