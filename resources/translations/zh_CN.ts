<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Catalogue</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文品名</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文品名</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Declaration elements</source>
        <translation>申报要素</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Brand type</source>
        <translation>品牌类型</translation>
    </message>
    <message>
        <source>Export preference</source>
        <translation>出口享惠情况</translation>
    </message>
    <message>
        <source>Trade unit</source>
        <translation>成交计量单位</translation>
    </message>
    <message>
        <source>First legal unit</source>
        <translation>法定第一计量单位</translation>
    </message>
    <message>
        <source>Second legal unit</source>
        <translation>法定第二计量单位</translation>
    </message>
    <message>
        <source>First legal units per trade unit</source>
        <translation>每成交单位的法定第一数量</translation>
    </message>
    <message>
        <source>Second legal units per trade unit</source>
        <translation>每成交单位的法定第二数量</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>原产国(地区)</translation>
    </message>
    <message>
        <source>Domestic source</source>
        <translation>境内货源地</translation>
    </message>
    <message>
        <source>Net weight (kg)</source>
        <translation>净重(千克)</translation>
    </message>
    <message>
        <source>Gross weight (kg)</source>
        <translation>毛重(千克)</translation>
    </message>
    <message>
        <source>Length (cm)</source>
        <translation>长(厘米)</translation>
    </message>
    <message>
        <source>Width (cm)</source>
        <translation>宽(厘米)</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>高(厘米)</translation>
    </message>
    <message>
        <source>Levy rate (%)</source>
        <translation>征税率(%)</translation>
    </message>
    <message>
        <source>Rebate rate (%)</source>
        <translation>退税率(%)</translation>
    </message>
    <message>
        <source>Rates set by hand</source>
        <translation>税率手工设定</translation>
    </message>
    <message>
        <source>Purchase price (CNY)</source>
        <translation>采购价(人民币)</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Missing for customs</source>
        <translation>报关缺项</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>0 No brand</source>
        <translation>0 无品牌</translation>
    </message>
    <message>
        <source>1 Own domestic brand</source>
        <translation>1 境内自主品牌</translation>
    </message>
    <message>
        <source>2 Acquired domestic brand</source>
        <translation>2 境内收购品牌</translation>
    </message>
    <message>
        <source>3 Foreign brand (made to order)</source>
        <translation>3 境外品牌(贴牌生产)</translation>
    </message>
    <message>
        <source>4 Foreign brand (other)</source>
        <translation>4 境外品牌(其他)</translation>
    </message>
    <message>
        <source>0 No preferential duty at destination</source>
        <translation>0 在最终目的国(地区)不享受优惠关税</translation>
    </message>
    <message>
        <source>1 Preferential duty at destination</source>
        <translation>1 在最终目的国(地区)享受优惠关税</translation>
    </message>
    <message>
        <source>2 Not known</source>
        <translation>2 不能确定是否享受优惠关税</translation>
    </message>
    <message>
        <source>3 Not applicable</source>
        <translation>3 不适用</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Set by hand: differs from the rate library</source>
        <translation>手工设定：与退税率文库不同</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>Search SKU, name or HS code</source>
        <translation>搜索 SKU、品名或 HS 编码</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Active and inactive</source>
        <translation>启用和停用</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>With or without HS code</source>
        <translation>有无 HS 编码</translation>
    </message>
    <message>
        <source>With an HS code</source>
        <translation>有 HS 编码</translation>
    </message>
    <message>
        <source>Without an HS code</source>
        <translation>无 HS 编码</translation>
    </message>
    <message>
        <source>Any brand type</source>
        <translation>全部品牌类型</translation>
    </message>
    <message>
        <source>All suppliers</source>
        <translation>全部供应商</translation>
    </message>
    <message>
        <source>Any rates</source>
        <translation>全部税率来源</translation>
    </message>
    <message>
        <source>Rates set by hand</source>
        <translation>税率手工设定</translation>
    </message>
    <message>
        <source>Rates from the library</source>
        <translation>税率取自文库</translation>
    </message>
    <message>
        <source>Missing declaration fields</source>
        <translation>缺少申报项</translation>
    </message>
    <message>
        <source>New SKU…</source>
        <translation>新建 SKU…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Import SKUs…</source>
        <translation>导入 SKU…</translation>
    </message>
    <message>
        <source>Add or update SKUs from an Excel or CSV file (matched by SKU code)</source>
        <translation>从 Excel 或 CSV 文件新增或更新 SKU（按 SKU 编码匹配）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Unmapped SKUs…</source>
        <translation>未对应 SKU…</translation>
    </message>
    <message>
        <source>Map the platform SKUs of imported orders to SKUs</source>
        <translation>把已导入订单的平台 SKU 对应到 SKU</translation>
    </message>
    <message>
        <source>{0} SKUs</source>
        <translation>{0} 个 SKU</translation>
    </message>
    <message>
        <source>Showing the first {0} SKUs; counting the rest…</source>
        <translation>先显示前 {0} 个 SKU，正在统计其余…</translation>
    </message>
    <message>
        <source>SKU saved.</source>
        <translation>SKU 已保存。</translation>
    </message>
    <message>
        <source>Import SKUs</source>
        <translation>导入 SKU</translation>
    </message>
    <message>
        <source>Spreadsheets ({0})</source>
        <translation>表格文件 ({0})</translation>
    </message>
    <message>
        <source>Importing SKUs from {0}…</source>
        <translation>正在从 {0} 导入 SKU…</translation>
    </message>
    <message>
        <source>Export SKUs</source>
        <translation>导出 SKU</translation>
    </message>
    <message>
        <source>skus.xlsx</source>
        <translation>SKU清单.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting SKUs…</source>
        <translation>正在导出 SKU…</translation>
    </message>
    <message>
        <source>{0} SKUs exported to {1}</source>
        <translation>已导出 {0} 个 SKU 到 {1}</translation>
    </message>
</context>
<context>
    <name>CodeTablesPanel</name>
    <message>
        <source>ExportDesk ships the common customs code tables. When customs publishes a new edition, import the official file here (CSV or Excel); the previous edition is kept.</source>
        <translation>本软件已内置常用的海关代码表。海关发布新版本时，请在此导入官方文件（CSV 或 Excel），原有版本会保留。</translation>
    </message>
    <message>
        <source>Import official table…</source>
        <translation>导入官方代码表…</translation>
    </message>
    <message>
        <source>Select the table to update, then import its file.</source>
        <translation>请先在表中选择要更新的代码表，再导入对应文件。</translation>
    </message>
    <message>
        <source>Code table</source>
        <translation>代码表</translation>
    </message>
    <message>
        <source>Edition in use</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>载入时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未载入</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Import the official file for {0}</source>
        <translation>导入“{0}”官方文件</translation>
    </message>
    <message>
        <source>Code tables (*.csv *.xlsx);;All files (*)</source>
        <translation>代码表文件 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Imported {0}: edition {1} is now in use.</source>
        <translation>已导入 {0}，现使用版本 {1}。</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message>
        <source>Show default columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>CompanyPanel</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Company name (Chinese) *</source>
        <translation>企业中文名称 *</translation>
    </message>
    <message>
        <source>Company name (English)</source>
        <translation>企业英文名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Customs registration code</source>
        <translation>海关编码</translation>
    </message>
    <message>
        <source>Address (Chinese)</source>
        <translation>中文地址</translation>
    </message>
    <message>
        <source>Address (English)</source>
        <translation>英文地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Declaring customs district</source>
        <translation>申报地海关</translation>
    </message>
    <message>
        <source>Domestic source region</source>
        <translation>境内货源地</translation>
    </message>
    <message>
        <source>Declarant</source>
        <translation>申报人员</translation>
    </message>
    <message>
        <source>Declarant certificate no.</source>
        <translation>申报人员证号</translation>
    </message>
    <message>
        <source>Taxpayer type</source>
        <translation>企业类型</translation>
    </message>
    <message>
        <source>Exchange-rate policy</source>
        <translation>汇率折算方式</translation>
    </message>
    <message>
        <source>Department code</source>
        <translation>关联号部门代码</translation>
    </message>
    <message>
        <source>Pilot zone</source>
        <translation>综试区</translation>
    </message>
    <message>
        <source>Pilot zone name</source>
        <translation>综试区名称</translation>
    </message>
    <message>
        <source>18 characters, e.g. 91440783714753661E</source>
        <translation>18位，例如 91440783714753661E</translation>
    </message>
    <message>
        <source>10 digits or capital letters</source>
        <translation>10位数字或大写字母</translation>
    </message>
    <message>
        <source>4 digits, e.g. 5300 Shenzhen, 2200 Shanghai</source>
        <translation>4位关区代码，例如 5300 深圳、2200 上海</translation>
    </message>
    <message>
        <source>5 characters, e.g. 44199 Dongguan</source>
        <translation>5位地区代码，例如 44199 东莞</translation>
    </message>
    <message>
        <source>One digit or letter: the 5th character of link numbers</source>
        <translation>1位数字或字母，即关联号的第5位</translation>
    </message>
    <message>
        <source>Fixed for 12 months once saved</source>
        <translation>保存后12个月内不得变更</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>报关</translation>
    </message>
    <message>
        <source>Export VAT rebate</source>
        <translation>出口退税</translation>
    </message>
    <message>
        <source>Trading enterprise (exempt and refund)</source>
        <translation>外贸企业（免退税）</translation>
    </message>
    <message>
        <source>Manufacturer (exempt, credit and refund)</source>
        <translation>生产企业（免抵退税）</translation>
    </message>
    <message>
        <source>Central parity rate of the export day</source>
        <translation>出口当日人民币汇率中间价</translation>
    </message>
    <message>
        <source>Central parity rate of the 1st of the month</source>
        <translation>出口当月1日人民币汇率中间价</translation>
    </message>
    <message>
        <source>Registered in a cross-border e-commerce pilot zone</source>
        <translation>已在跨境电商综合试验区登记</translation>
    </message>
    <message>
        <source>Check character is correct</source>
        <translation>校验位正确</translation>
    </message>
    <message>
        <source>In force since {0}; may change from {1}</source>
        <translation>自 {0} 起执行，{1} 起方可变更</translation>
    </message>
    <message>
        <source>Saving the company profile…</source>
        <translation>正在保存企业信息…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>未保存：请修改标红的项目。</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <source>SKUs</source>
        <translation>商品（SKU）</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Shops</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Platform listings</source>
        <translation>平台商品对应</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>First-leg shipments</source>
        <translation>头程发货</translation>
    </message>
    <message>
        <source>Stock moves</source>
        <translation>库存流水</translation>
    </message>
    <message>
        <source>Export declarations</source>
        <translation>出口报关单</translation>
    </message>
    <message>
        <source>Declaration lines</source>
        <translation>报关单商品项</translation>
    </message>
    <message>
        <source>Purchase VAT invoices</source>
        <translation>进项增值税专用发票</translation>
    </message>
    <message>
        <source>Rebate batches</source>
        <translation>退税申报批次</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>DateRange</name>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Dates…</source>
        <translation>指定日期…</translation>
    </message>
</context>
<context>
    <name>ElementsEditor</name>
    <message>
        <source>Element (label:value, e.g. 材质:TPU)</source>
        <translation>要素（名称:内容，如 材质:TPU）</translation>
    </message>
    <message>
        <source>Add element</source>
        <translation>添加要素</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Brand type</source>
        <translation>品牌类型</translation>
    </message>
    <message>
        <source>Export preference</source>
        <translation>出口享惠情况</translation>
    </message>
    <message>
        <source>{0}: follows the choice above</source>
        <translation>{0}：随上方选择自动填写</translation>
    </message>
    <message>
        <source>Written as: {0}</source>
        <translation>申报写法：{0}</translation>
    </message>
    <message>
        <source>No elements yet</source>
        <translation>尚未填写要素</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>GeneralPanel</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The user data folder</source>
        <translation>用户数据文件夹（默认）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Back up when closing (at most once a day)</source>
        <translation>关闭程序时自动备份（每天最多一次）</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Any folder, for example on a USB stick; plug it in before closing.</source>
        <translation>可选任意文件夹，例如U盘；关闭程序前请插好U盘。</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留份数</translation>
    </message>
    <message>
        <source>Older automatic backups are deleted.</source>
        <translation>超出份数的旧自动备份会被删除。</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Moving weighted average</source>
        <translation>移动加权平均法</translation>
    </message>
    <message>
        <source>First in, first out</source>
        <translation>先进先出法</translation>
    </message>
    <message>
        <source>Refuse moves that go below zero</source>
        <translation>禁止出库至负库存</translation>
    </message>
    <message>
        <source>Allow, with a warning</source>
        <translation>允许，但给出提醒</translation>
    </message>
    <message>
        <source>Lock moves dated on or before</source>
        <translation>锁定此日期及之前的库存流水</translation>
    </message>
    <message>
        <source>Cost method</source>
        <translation>成本计价方法</translation>
    </message>
    <message>
        <source>Negative stock</source>
        <translation>负库存</translation>
    </message>
    <message>
        <source>Period lock</source>
        <translation>锁账日期</translation>
    </message>
    <message>
        <source>Closed periods cannot be changed by back-dated entries.</source>
        <translation>已锁定的期间不能再补录或修改。</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Takes effect the next time ExportDesk starts.</source>
        <translation>下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Saved. Takes effect the next time ExportDesk starts.</source>
        <translation>已保存，下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Saving settings…</source>
        <translation>正在保存设置…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>未保存：请修改标红的项目。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Customs registration code</source>
        <translation>海关编码</translation>
    </message>
    <message>
        <source>Taxpayer type</source>
        <translation>企业类型</translation>
    </message>
    <message>
        <source>Edit company profile…</source>
        <translation>编辑企业信息…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <source>Schema revision</source>
        <translation>数据库结构版本</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>上次备份</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
    <message>
        <source>Fill this empty database with realistic sample data to try the program</source>
        <translation>向这个空数据库填入逼真的示例数据，用于试用本软件</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>数据概况</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Fill in your company profile under Settings before you declare.</source>
        <translation>申报前请先在“设置”中填写企业信息。</translation>
    </message>
    <message>
        <source>Not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Trading enterprise</source>
        <translation>外贸企业</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>生产企业</translation>
    </message>
    <message>
        <source>{0} (up to date)</source>
        <translation>{0}（最新）</translation>
    </message>
    <message>
        <source>{0} (this version expects {1})</source>
        <translation>{0}（本版本需要 {1}）</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未备份</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>Backed up to:
{0}</source>
        <translation>已备份到：
{0}</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>正在载入演示数据…</translation>
    </message>
    <message>
        <source>Demo data loaded.</source>
        <translation>演示数据已载入。</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDialog</name>
    <message>
        <source>{0}: {1} rows read, {2} new, {3} updated, {4} skipped.</source>
        <translation>{0}：读取 {1} 行，新增 {2}，更新 {3}，跳过 {4}。</translation>
    </message>
    <message>
        <source>{0} bad rows were left out.</source>
        <translation>{0} 行有错误，未导入。</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import not done</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>{0} has {1} bad row(s). Nothing was imported: correct them in the file and import it again.</source>
        <translation>{0} 有 {1} 行错误，未导入任何数据：请在文件中改正后重新导入。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Save error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Error report saved</source>
        <translation>错误报告已保存</translation>
    </message>
    <message>
        <source>Saved to:
{0}</source>
        <translation>已保存到：
{0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ExportDesk</source>
        <translation>出口合规助手</translation>
    </message>
    <message>
        <source>Customs, stock and export rebates</source>
        <translation>报关 · 海外仓 · 出口退税</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Database: {0} · schema {1}</source>
        <translation>数据库：{0} · 结构版本 {1}</translation>
    </message>
    <message>
        <source> (expected {0})</source>
        <translation>（应为 {0}）</translation>
    </message>
    <message>
        <source>Backup on close failed</source>
        <translation>关闭时自动备份失败</translation>
    </message>
    <message>
        <source>The automatic backup could not be made:
{0}

ExportDesk closes anyway; use “Back up now” on Home next time.</source>
        <translation>未能完成自动备份：
{0}

程序仍将关闭；下次请在首页点击“立即备份”。</translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Platform SKU</source>
        <translation>平台 SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Mapped</source>
        <translation>已对应</translation>
    </message>
    <message>
        <source>Select an order to see its lines.</source>
        <translation>选择一个订单查看其明细。</translation>
    </message>
    <message>
        <source>Not routed</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source> (routed by hand)</source>
        <translation>（手工指定）</translation>
    </message>
    <message>
        <source>Ordered {0} · paid {1} · shipped {2} · ship to {3}</source>
        <translation>下单 {0} · 付款 {1} · 发货 {2} · 收货国 {3}</translation>
    </message>
    <message>
        <source>Total {0} {1} · shipping {2} · discount {3} · tax {4} · platform fees {5}</source>
        <translation>合计 {0} {1} · 运费 {2} · 折扣 {3} · 税 {4} · 平台费用 {5}</translation>
    </message>
    <message>
        <source>Customs mode: {0} · fulfilment: {1}{2} · warehouse: {3}</source>
        <translation>监管方式：{0} · 发货方式：{1}{2} · 仓库：{3}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No — map it</source>
        <translation>否，待对应</translation>
    </message>
</context>
<context>
    <name>OrderImportDialog</name>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Recognise from the columns</source>
        <translation>按表头自动识别</translation>
    </message>
    <message>
        <source>From the file (or type a new shop)</source>
        <translation>按文件识别（或输入新店铺名）</translation>
    </message>
    <message>
        <source>Preview again</source>
        <translation>重新预览</translation>
    </message>
    <message>
        <source>Import the good rows and leave out the bad ones</source>
        <translation>导入正确的行，跳过错误行</translation>
    </message>
    <message>
        <source>Show bad rows…</source>
        <translation>查看错误行…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Platform and shop</source>
        <translation>平台和店铺</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币制</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>收货国</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>配送渠道</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>This file cannot be imported as it is:
{0}</source>
        <translation>此文件无法直接导入：
{0}</translation>
    </message>
    <message>
        <source> (a new shop)</source>
        <translation>（新店铺）</translation>
    </message>
    <message>
        <source>{0} export for {1}: {2} rows; {3} new and {4} updated order lines; {5} bad rows.</source>
        <translation>{0} 导出文件，店铺 {1}：{2} 行；新增 {3}、更新 {4} 条订单明细；{5} 行有错误。</translation>
    </message>
    <message>
        <source>This file was imported before ({0}): its orders are updated.</source>
        <translation>此文件曾于 {0} 导入过：其中的订单将被更新。</translation>
    </message>
    <message>
        <source>Every platform SKU in the file is mapped to a SKU.</source>
        <translation>文件中的平台 SKU 都已对应到商品 SKU。</translation>
    </message>
    <message>
        <source>{0} platform SKUs are not mapped to a SKU yet: {1}{2}</source>
        <translation>{0} 个平台 SKU 尚未对应到商品 SKU：{1}{2}</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>Amazon</source>
        <translation>亚马逊</translation>
    </message>
    <message>
        <source>Shopee</source>
        <translation>Shopee</translation>
    </message>
    <message>
        <source>TikTok Shop</source>
        <translation>TikTok Shop</translation>
    </message>
    <message>
        <source>AliExpress</source>
        <translation>速卖通</translation>
    </message>
    <message>
        <source>Other platform</source>
        <translation>其他平台</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>线下</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退货</translation>
    </message>
    <message>
        <source>Shipped from China</source>
        <translation>国内直发</translation>
    </message>
    <message>
        <source>Overseas warehouse</source>
        <translation>海外仓</translation>
    </message>
    <message>
        <source>Platform warehouse (FBA)</source>
        <translation>平台仓(FBA)</translation>
    </message>
    <message>
        <source>B2B</source>
        <translation>B2B</translation>
    </message>
    <message>
        <source>9610 E-commerce retail (B2C)</source>
        <translation>9610 跨境电商零售出口</translation>
    </message>
    <message>
        <source>9710 E-commerce B2B direct export</source>
        <translation>9710 跨境电商B2B直接出口</translation>
    </message>
    <message>
        <source>9810 Export to overseas warehouse</source>
        <translation>9810 跨境电商出口海外仓</translation>
    </message>
    <message>
        <source>0110 General trade</source>
        <translation>0110 一般贸易</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币制</translation>
    </message>
    <message>
        <source>Customs mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>发货方式</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Lines whose platform SKU is not mapped to a SKU yet</source>
        <translation>有明细的平台 SKU 尚未对应到商品 SKU</translation>
    </message>
    <message>
        <source>Not routed</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Routed by hand</source>
        <translation>手工指定</translation>
    </message>
    <message>
        <source>SKU mapping</source>
        <translation>SKU 对应</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>收货国</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>{0} unmapped</source>
        <translation>{0} 条未对应</translation>
    </message>
</context>
<context>
    <name>OrdersScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>Search by order ID (the start is enough; paste several)</source>
        <translation>按订单号搜索（输入开头即可，可粘贴多个）</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any country</source>
        <translation>全部国家</translation>
    </message>
    <message>
        <source>Any currency</source>
        <translation>全部币制</translation>
    </message>
    <message>
        <source>Any customs mode</source>
        <translation>全部监管方式</translation>
    </message>
    <message>
        <source>Any fulfilment</source>
        <translation>全部发货方式</translation>
    </message>
    <message>
        <source>Unmapped SKUs only</source>
        <translation>只看未对应 SKU</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Apply routing rules</source>
        <translation>应用分配规则</translation>
    </message>
    <message>
        <source>Set the customs mode and fulfilment of every order not routed by hand</source>
        <translation>为所有非手工指定的订单设置监管方式和发货方式</translation>
    </message>
    <message>
        <source>Route by hand…</source>
        <translation>手工指定…</translation>
    </message>
    <message>
        <source>Use rules again</source>
        <translation>恢复按规则</translation>
    </message>
    <message>
        <source>Hand the selected orders back to the rules</source>
        <translation>所选订单重新按规则分配</translation>
    </message>
    <message>
        <source>Routing rules…</source>
        <translation>分配规则…</translation>
    </message>
    <message>
        <source>Unmapped SKUs…</source>
        <translation>未对应 SKU…</translation>
    </message>
    <message>
        <source>Import orders…</source>
        <translation>导入订单…</translation>
    </message>
    <message>
        <source>Import an order export of Amazon, Shopee, TikTok Shop, AliExpress or the generic template; you can also drop the file on this screen</source>
        <translation>导入亚马逊、Shopee、TikTok Shop、速卖通的订单导出文件或通用模板；也可以把文件拖到本页面</translation>
    </message>
    <message>
        <source>Save the generic order template…</source>
        <translation>保存通用订单模板…</translation>
    </message>
    <message>
        <source>Not routed</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>{0} orders</source>
        <translation>{0} 个订单</translation>
    </message>
    <message>
        <source>Showing the first {0} orders; counting the rest…</source>
        <translation>先显示前 {0} 个订单，正在统计其余…</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Order exports ({0})</source>
        <translation>订单导出文件 ({0})</translation>
    </message>
    <message>
        <source>Save the generic order template</source>
        <translation>保存通用订单模板</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Order template saved to {0}</source>
        <translation>订单模板已保存到 {0}</translation>
    </message>
    <message>
        <source>Unmapped SKUs ({0})…</source>
        <translation>未对应 SKU ({0})…</translation>
    </message>
    <message>
        <source>Applying the routing rules…</source>
        <translation>正在应用分配规则…</translation>
    </message>
    <message>
        <source>Routing rules applied: {0} order(s) changed.</source>
        <translation>已应用分配规则：{0} 个订单有变动。</translation>
    </message>
    <message>
        <source>Routing orders…</source>
        <translation>正在分配订单…</translation>
    </message>
</context>
<context>
    <name>RateLibraryPanel</name>
    <message>
        <source>The tax office&apos;s rate library (退税率文库) gives the levy and rebate rates and the legal unit of every HS code. Import the cmcode file it publishes (DBF, or the same columns as Excel or CSV); earlier editions are kept.</source>
        <translation>税务局的退税率文库给出每个商品编码的征税率、退税率和法定计量单位。请导入其发布的 cmcode 文件（DBF，或相同列的 Excel / CSV）；以前的版本会保留。</translation>
    </message>
    <message>
        <source>Import rate library…</source>
        <translation>导入退税率文库…</translation>
    </message>
    <message>
        <source>Use this version</source>
        <translation>使用此版本</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Look up an HS code</source>
        <translation>查询商品编码</translation>
    </message>
    <message>
        <source>10-digit HS code</source>
        <translation>10 位商品编码</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>Import rate library</source>
        <translation>导入退税率文库</translation>
    </message>
    <message>
        <source>Rate library ({0});;All files (*)</source>
        <translation>退税率文库 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Switching the rate library…</source>
        <translation>正在切换退税率文库…</translation>
    </message>
    <message>
        <source>Rate library {0} is now in use.</source>
        <translation>现在使用退税率文库 {0}。</translation>
    </message>
    <message>
        <source>Type an HS code first.</source>
        <translation>请先输入商品编码。</translation>
    </message>
    <message>
        <source>{0} is not in the rate library in use on {1}.</source>
        <translation>{0} 在 {1} 不在使用中的退税率文库里。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{0} {1}
Levy rate {2}, rebate rate {3}, legal unit {4} (edition {5}).</source>
        <translation>{0} {1}
征税率 {2}，退税率 {3}，法定单位 {4}（版本 {5}）。</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>must be {0} characters, got {1}</source>
        <translation>应为 {0} 位，实际为 {1} 位</translation>
    </message>
    <message>
        <source>contains characters not allowed in a USCC: {0}</source>
        <translation>含有统一社会信用代码不允许的字符：{0}</translation>
    </message>
    <message>
        <source>check character should be {0}, not {1}</source>
        <translation>校验位应为 {0}，而不是 {1}</translation>
    </message>
    <message>
        <source>must be 10 digits or capital letters</source>
        <translation>应为10位数字或大写字母</translation>
    </message>
    <message>
        <source>must be 5 digits or capital letters</source>
        <translation>应为5位数字或大写字母</translation>
    </message>
    <message>
        <source>must be 4 digits</source>
        <translation>应为4位数字</translation>
    </message>
    <message>
        <source>must be one digit or letter</source>
        <translation>应为1位数字或字母</translation>
    </message>
    <message>
        <source>must be one of {0}</source>
        <translation>应为以下之一：{0}</translation>
    </message>
    <message>
        <source>must be at most {0} characters, got {1}</source>
        <translation>最多 {0} 个字符，实际 {1} 个</translation>
    </message>
    <message>
        <source>the company&apos;s Chinese name is required</source>
        <translation>企业中文名称为必填项</translation>
    </message>
    <message>
        <source>the exchange-rate policy is fixed for {0} months: in force since {1}, it may change from {2}</source>
        <translation>汇率折算方式一经确定，{0}个月内不得变更：自 {1} 起执行，{2} 起方可变更</translation>
    </message>
    <message>
        <source>folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
</context>
<context>
    <name>RouteOrdersDialog</name>
    <message>
        <source>Route orders by hand</source>
        <translation>手工指定订单</translation>
    </message>
    <message>
        <source>Keep as it is</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>{0} order(s) selected. Orders routed by hand keep this route when the routing rules are applied again, until you choose “Use rules again”.</source>
        <translation>已选 {0} 个订单。手工指定的订单在再次应用分配规则时保持不变，直到选择“恢复按规则”。</translation>
    </message>
    <message>
        <source>Customs mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>发货方式</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
</context>
<context>
    <name>RoutingRulesDialog</name>
    <message>
        <source>Routing rules</source>
        <translation>分配规则</translation>
    </message>
    <message>
        <source>The most specific rule wins: a shop&apos;s own rule over a platform&apos;s, a named channel (AFN, MFN …) or country over any. Orders no rule matches keep the defaults: Amazon AFN → 9810 from the marketplace&apos;s FBA warehouse; shipped from China → 9610; from an overseas warehouse → 9810; B2B → 9710.</source>
        <translation>越具体的规则越优先：店铺规则优先于平台规则，指定配送渠道（AFN、MFN …）或国家的规则优先于“任意”。没有规则匹配的订单按默认分配：亚马逊 AFN → 9810，从该站点的 FBA 仓发货；国内直发 → 9610；海外仓发货 → 9810；B2B → 9710。</translation>
    </message>
    <message>
        <source>Add rule…</source>
        <translation>添加规则…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>配送渠道</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Customs mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>发货方式</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>不变</translation>
    </message>
</context>
<context>
    <name>RuleEditDialog</name>
    <message>
        <source>New routing rule</source>
        <translation>新建分配规则</translation>
    </message>
    <message>
        <source>Routing rule</source>
        <translation>分配规则</translation>
    </message>
    <message>
        <source>Any channel (or AFN, MFN …)</source>
        <translation>任意渠道（或 AFN、MFN …）</translation>
    </message>
    <message>
        <source>Any country (or USA, DEU …)</source>
        <translation>任意国家（或 USA、DEU …）</translation>
    </message>
    <message>
        <source>Keep the order&apos;s own</source>
        <translation>保持订单原仓库</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>配送渠道</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>收货国</translation>
    </message>
    <message>
        <source>Customs mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>发货方式</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Every shop of the platform</source>
        <translation>该平台所有店铺</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Company</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Code tables</source>
        <translation>代码表</translation>
    </message>
    <message>
        <source>Rate library</source>
        <translation>退税率文库</translation>
    </message>
    <message>
        <source>Your company&apos;s details go onto every declaration and rebate form.</source>
        <translation>企业信息会用于每一份报关单和退税申报表。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SkuEditDialog</name>
    <message>
        <source>New SKU</source>
        <translation>新建 SKU</translation>
    </message>
    <message>
        <source>Edit SKU</source>
        <translation>编辑 SKU</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>In use (uncheck for SKUs no longer sold)</source>
        <translation>在用（不再销售的 SKU 取消勾选）</translation>
    </message>
    <message>
        <source>Use the library&apos;s rates</source>
        <translation>使用文库税率</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>报关信息</translation>
    </message>
    <message>
        <source>Weight and size</source>
        <translation>重量和尺寸</translation>
    </message>
    <message>
        <source>Tax rates and cost</source>
        <translation>税率和成本</translation>
    </message>
    <message>
        <source>Declaration elements (申报要素)</source>
        <translation>申报要素</translation>
    </message>
    <message>
        <source>10 digits (商品编号)</source>
        <translation>10 位商品编号</translation>
    </message>
    <message>
        <source>e.g. 0.25 when a piece weighs 0.25 kg, the unit kg</source>
        <translation>例如：每个重 0.25 千克、法定单位为千克时填 0.25</translation>
    </message>
    <message>
        <source>5-character region code (境内货源地)</source>
        <translation>5 位境内货源地代码</translation>
    </message>
    <message>
        <source>{0} problem(s) to fix before saving.</source>
        <translation>保存前需改正 {0} 处问题。</translation>
    </message>
    <message>
        <source>Every field is valid.</source>
        <translation>所有字段均有效。</translation>
    </message>
    <message>
        <source>No rate library loaded: the rates are as entered.</source>
        <translation>尚未载入退税率文库：税率按所填为准。</translation>
    </message>
    <message>
        <source>Not in the rate library {0} today.</source>
        <translation>退税率文库 {0} 中今天没有此编码。</translation>
    </message>
    <message>
        <source>Rate library {0}: {1} · unit {2} · levy {3} · rebate {4}</source>
        <translation>退税率文库 {0}：{1} · 单位 {2} · 征税率 {3} · 退税率 {4}</translation>
    </message>
    <message>
        <source>⚑ Set by hand: differs from the rate library</source>
        <translation>⚑ 手工设定：与退税率文库不同</translation>
    </message>
    <message>
        <source>From the rate library</source>
        <translation>取自退税率文库</translation>
    </message>
    <message>
        <source>Saving the SKU…</source>
        <translation>正在保存 SKU…</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Please check the input</source>
        <translation>请检查输入</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>出现意外错误：{0}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>UnmappedDialog</name>
    <message>
        <source>Unmapped SKUs</source>
        <translation>未对应 SKU</translation>
    </message>
    <message>
        <source>These platform SKUs appear on imported order lines but stand for no SKU of the catalogue yet. Pick the SKU (and how many of it one platform unit holds); Apply maps them and updates every order line already imported.</source>
        <translation>这些平台 SKU 出现在已导入的订单行中，但尚未对应商品库中的 SKU。请选择 SKU（以及一个平台单位含多少个该 SKU）；点“应用”即建立对应，并更新所有已导入的订单行。</translation>
    </message>
    <message>
        <source>Accept all suggestions</source>
        <translation>全部采用建议</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Platform SKU</source>
        <translation>平台 SKU</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>数量系数</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{0} platform SKUs are not mapped yet.</source>
        <translation>还有 {0} 个平台 SKU 未对应。</translation>
    </message>
    <message>
        <source>Every platform SKU is mapped to a SKU.</source>
        <translation>所有平台 SKU 都已对应 SKU。</translation>
    </message>
    <message>
        <source>SKU code or name</source>
        <translation>SKU 编码或名称</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>mapped in another shop</source>
        <translation>其他店铺已对应</translation>
    </message>
    <message>
        <source>same code</source>
        <translation>编码相同</translation>
    </message>
    <message>
        <source>same code, other case</source>
        <translation>编码相同（大小写不同）</translation>
    </message>
    <message>
        <source>prefix/suffix removed</source>
        <translation>去掉前缀/后缀</translation>
    </message>
    <message>
        <source>multipack</source>
        <translation>多件装</translation>
    </message>
    <message>
        <source>{0}: no SKU with code {1}</source>
        <translation>{0}：没有编码为 {1} 的 SKU</translation>
    </message>
    <message>
        <source>{0}: the factor must be a number above 0</source>
        <translation>{0}：数量系数必须是大于 0 的数</translation>
    </message>
    <message>
        <source>Pick a SKU for at least one platform SKU first.</source>
        <translation>请先为至少一个平台 SKU 选择 SKU。</translation>
    </message>
    <message>
        <source>Mapping platform SKUs…</source>
        <translation>正在对应平台 SKU…</translation>
    </message>
    <message>
        <source>{0} platform SKUs mapped; {1} order lines updated.</source>
        <translation>已对应 {0} 个平台 SKU；更新了 {1} 条订单行。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
</TS>
