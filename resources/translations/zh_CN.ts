<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddItemDialog</name>
    <message>
        <source>Add a document to {0}</source>
        <translation>为 {0} 添加单证</translation>
    </message>
    <message>
        <source>What the document is, e.g. packing photos</source>
        <translation>单证内容，例如：装箱照片</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>有日期</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>单证类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单证编号</translation>
    </message>
</context>
<context>
    <name>AllocateDialog</name>
    <message>
        <source>Allocate receipt</source>
        <translation>核销收汇</translation>
    </message>
    <message>
        <source>{0} — exported {1}, {2} {3} outstanding</source>
        <translation>{0} — {1} 出口，未收 {2} {3}</translation>
    </message>
    <message>
        <source>{0}: {1} {2} unallocated</source>
        <translation>{0}：未核销 {1} {2}</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收汇</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>In the declaration&apos;s currency; converted at the receipt day&apos;s rates</source>
        <translation>按报关单币种填写；按收汇当日汇率折算</translation>
    </message>
</context>
<context>
    <name>AsOfDate</name>
    <message>
        <source>Valuation as of</source>
        <translation>估值日期</translation>
    </message>
    <message>
        <source>Units and value at the end of a past day, from the ledger</source>
        <translation>按库存流水计算过去某日日终的数量和金额</translation>
    </message>
</context>
<context>
    <name>CalculatorPage</name>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Correct the figures marked in red to see the results.</source>
        <translation>请更正标红的数据后查看结果。</translation>
    </message>
</context>
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
    <name>ClearDialog</name>
    <message>
        <source>Clear {0}</source>
        <translation>结关 {0}</translation>
    </message>
    <message>
        <source>Customs cleared {0}: enter its customs number and export date. The USD FOB is worked out at that date&apos;s rate and the declaration is locked.</source>
        <translation>{0} 已结关：请填写海关编号和出口日期。系统按该日汇率计算美元FOB，并锁定报关单。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>结关</translation>
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
    <name>CollectionTab</name>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Customs no.</source>
        <translation>海关编号</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>报关金额</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已收金额</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未收金额</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>收汇期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>FX collection</source>
        <translation>收汇情况</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>{0} due within {1} days, {2} overdue</source>
        <translation>{1} 天内到期 {0} 笔，已逾期 {2} 笔</translation>
    </message>
    <message>
        <source>Collected in full</source>
        <translation>已全额收汇</translation>
    </message>
    <message>
        <source>Partly collected</source>
        <translation>部分收汇</translation>
    </message>
    <message>
        <source>Not collected</source>
        <translation>未收汇</translation>
    </message>
    <message>
        <source>Deemed collected (视同收汇)</source>
        <translation>视同收汇</translation>
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
    <name>CostsDialog</name>
    <message>
        <source>First-leg costs of {0}</source>
        <translation>{0} 的头程费用</translation>
    </message>
    <message>
        <source> cm³/kg</source>
        <translation> cm³/kg</translation>
    </message>
    <message>
        <source>Allocate by</source>
        <translation>分摊依据</translation>
    </message>
    <message>
        <source>Volumetric divisor</source>
        <translation>体积重系数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币制</translation>
    </message>
    <message>
        <source>Rate (CNY per unit)</source>
        <translation>汇率（每单位折人民币）</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>人民币</translation>
    </message>
    <message>
        <source>Add cost</source>
        <translation>添加费用</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Leave the rate empty to use the rate table on the ship date.</source>
        <translation>汇率留空则按发运日的汇率表折算。</translation>
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
        <source>Weight in the allocation</source>
        <translation>分摊权重</translation>
    </message>
    <message>
        <source>Allocated (CNY)</source>
        <translation>分摊金额（人民币）</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Landed unit cost</source>
        <translation>到仓单位成本</translation>
    </message>
    <message>
        <source>The first receipt fixed the landed cost: these costs can no longer change.</source>
        <translation>首次收货已确定到仓成本：这些费用不能再修改。</translation>
    </message>
    <message>
        <source>{0} (rate {1})</source>
        <translation>{0}（汇率 {1}）</translation>
    </message>
    <message>
        <source>Total {0} CNY cannot be allocated by {1}: {2}</source>
        <translation>合计 {0} 元无法按{1}分摊：{2}</translation>
    </message>
    <message>
        <source>Total {0} CNY allocated by {1}, {2}.</source>
        <translation>合计 {0} 元按{1}分摊，{2}。</translation>
    </message>
    <message>
        <source>Saving the costs…</source>
        <translation>正在保存费用…</translation>
    </message>
    <message>
        <source>Cost {0}: {1}</source>
        <translation>第 {0} 项费用：{1}</translation>
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
    <name>DashboardCharts</name>
    <message>
        <source>Exports by supervision mode, last 12 months (USD FOB)</source>
        <translation>近12个月各监管方式出口额（美元FOB）</translation>
    </message>
    <message>
        <source>Export rebate pipeline (CNY)</source>
        <translation>出口退税进度（人民币）</translation>
    </message>
    <message>
        <source>Stock value on hand by warehouse (CNY)</source>
        <translation>各仓库存货值（人民币）</translation>
    </message>
    <message>
        <source>Value on hand</source>
        <translation>库存货值</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计可退</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已申报待退</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已到账</translation>
    </message>
    <message>
        <source>Expected: draft batches, plus an estimate (FOB × USD rate × rebate rate) for the export lines in no batch yet: {0}.</source>
        <translation>预计可退：草稿批次的退税额，加上尚未进入批次的出口明细的估算（FOB × 美元汇率 × 退税率），共 {0} 行。</translation>
    </message>
    <message>
        <source>Lines without FOB, rebate rate or exchange rate, not estimated: {0}.</source>
        <translation>缺少FOB、退税率或汇率而未估算的：{0} 行。</translation>
    </message>
</context>
<context>
    <name>DateDialog</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
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
    <name>DeadlinesScreen</name>
    <message>
        <source>Rebate claim</source>
        <translation>退税申报</translation>
    </message>
    <message>
        <source>36-month limit</source>
        <translation>36个月期限</translation>
    </message>
    <message>
        <source>Document filing</source>
        <translation>单证备案</translation>
    </message>
    <message>
        <source>9810 settlement</source>
        <translation>9810 核算</translation>
    </message>
    <message>
        <source>FX collection</source>
        <translation>收汇</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Bold dates have deadlines: red overdue, amber within {0} days, blue later. Grey days are weekends and holidays. A due date on a holiday moves to the next working day.</source>
        <translation>粗体日期有到期事项：红色为已逾期，橙色为 {0} 天内到期，蓝色为以后到期。灰色日期为周末和节假日。到期日遇节假日顺延至下一个工作日。</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Holidays…</source>
        <translation>节假日…</translation>
    </message>
    <message>
        <source>Settings → Holidays: seed, import or enter a year&apos;s days</source>
        <translation>设置 → 节假日：载入内置数据、导入或手工录入某年的节假日</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Show met deadlines</source>
        <translation>显示已完成事项</translation>
    </message>
    <message>
        <source>Also list deadlines already met: claimed, filed, collected or settled</source>
        <translation>同时列出已完成的事项：已申报、已备案、已收汇或已核算</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Customs no.</source>
        <translation>海关编号</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>起算日</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>{0} deadlines: {1} overdue, {2} due within {3} days</source>
        <translation>共 {0} 项：{1} 项已逾期，{2} 项在 {3} 天内到期</translation>
    </message>
    <message>
        <source>{0} has no holiday data: due dates may be off by holidays — Settings → Holidays</source>
        <translation>{0} 年没有节假日数据：到期日可能未按节假日顺延 — 设置 → 节假日</translation>
    </message>
    <message>
        <source>Not checked against holidays (no holiday data)</source>
        <translation>未按节假日核对（无节假日数据）</translation>
    </message>
    <message>
        <source>Moved off a holiday from {0}</source>
        <translation>原到期日 {0} 遇节假日顺延</translation>
    </message>
    <message>
        <source>{0} deadlines</source>
        <translation>{0} 项到期</translation>
    </message>
</context>
<context>
    <name>DeclarationDetailPane</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>表体</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>收发货人</translation>
    </message>
    <message>
        <source>Documents and remarks</source>
        <translation>单证与备注</translation>
    </message>
    <message>
        <source>Customs and dates</source>
        <translation>关别与日期</translation>
    </message>
    <message>
        <source>Trade</source>
        <translation>贸易</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输</translation>
    </message>
    <message>
        <source>Packing and charges</source>
        <translation>包装与费用</translation>
    </message>
    <message>
        <source>Why the cleared declaration is changed</source>
        <translation>已结关报关单为何修改</translation>
    </message>
    <message>
        <source>Reason for the amendment</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>Lines ({0})</source>
        <translation>表体（{0}）</translation>
    </message>
    <message>
        <source>Select a declaration to see its form, lines, problems and history.</source>
        <translation>选择一份报关单，查看表头、表体、问题和历史。</translation>
    </message>
    <message>
        <source>({0} orders)</source>
        <translation>（{0} 个订单）</translation>
    </message>
    <message>
        <source>{0} lines · total {1} {2} · USD FOB {3}</source>
        <translation>{0} 项 · 总价 {1} {2} · 美元FOB {3}</translation>
    </message>
    <message>
        <source>History ({0})</source>
        <translation>历史（{0}）</translation>
    </message>
    <message>
        <source>Save amendment</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel amendment</source>
        <translation>取消修改</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>Problems: {0} error(s), {1} warning(s) — click one to go to its field</source>
        <translation>问题：{0} 个错误，{1} 个警告 — 点击可跳到对应字段</translation>
    </message>
    <message>
        <source>warning: {0}</source>
        <translation>警告：{0}</translation>
    </message>
    <message>
        <source>Line {0} · {1}</source>
        <translation>第 {0} 项 · {1}</translation>
    </message>
</context>
<context>
    <name>DeclarationDraftDialog</name>
    <message>
        <source>Draft</source>
        <translation>生成草稿</translation>
    </message>
    <message>
        <source>Drafted; these order lines were left out:</source>
        <translation>已生成草稿；以下订单行未纳入：</translation>
    </message>
    <message>
        <source>Nothing was drafted:</source>
        <translation>未生成任何草稿：</translation>
    </message>
</context>
<context>
    <name>Declarations</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已结关</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>9810 Overseas warehouse</source>
        <translation>9810 跨境电商出口海外仓</translation>
    </message>
    <message>
        <source>9610 B2C summary</source>
        <translation>9610 跨境电商零售汇总</translation>
    </message>
    <message>
        <source>9710 B2B direct</source>
        <translation>9710 跨境电商B2B直接出口</translation>
    </message>
    <message>
        <source>0110 General trade</source>
        <translation>0110 一般贸易</translation>
    </message>
    <message>
        <source>from a first-leg shipment</source>
        <translation>来自头程</translation>
    </message>
    <message>
        <source>summary of B2C orders</source>
        <translation>B2C订单汇总</translation>
    </message>
    <message>
        <source>from a B2B order</source>
        <translation>来自B2B订单</translation>
    </message>
    <message>
        <source>from a general-trade order</source>
        <translation>来自一般贸易订单</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Pre-entry no.</source>
        <translation>预录入编号</translation>
    </message>
    <message>
        <source>Customs no.</source>
        <translation>海关编号</translation>
    </message>
    <message>
        <source>Domestic consignor</source>
        <translation>境内发货人</translation>
    </message>
    <message>
        <source>Consignor code (USCC)</source>
        <translation>发货人代码</translation>
    </message>
    <message>
        <source>Overseas consignee</source>
        <translation>境外收货人</translation>
    </message>
    <message>
        <source>Producer or seller</source>
        <translation>生产销售单位</translation>
    </message>
    <message>
        <source>Producer code (USCC)</source>
        <translation>生产销售单位代码</translation>
    </message>
    <message>
        <source>Exit customs</source>
        <translation>出境关别</translation>
    </message>
    <message>
        <source>Declaring customs</source>
        <translation>申报地海关</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>Declare date</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>Filing no.</source>
        <translation>备案号</translation>
    </message>
    <message>
        <source>Licence no.</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <source>Transport mode</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Vessel or flight</source>
        <translation>运输工具名称及航次号</translation>
    </message>
    <message>
        <source>Bill of lading no.</source>
        <translation>提运单号</translation>
    </message>
    <message>
        <source>Supervision mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Levy nature</source>
        <translation>征免性质</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同协议号</translation>
    </message>
    <message>
        <source>Trading country</source>
        <translation>贸易国（地区）</translation>
    </message>
    <message>
        <source>Destination country</source>
        <translation>运抵国（地区）</translation>
    </message>
    <message>
        <source>Destination port</source>
        <translation>指运港</translation>
    </message>
    <message>
        <source>Port of departure</source>
        <translation>离境口岸</translation>
    </message>
    <message>
        <source>Package kind</source>
        <translation>包装种类</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Gross weight (kg)</source>
        <translation>毛重（千克）</translation>
    </message>
    <message>
        <source>Net weight (kg)</source>
        <translation>净重（千克）</translation>
    </message>
    <message>
        <source>Trade terms</source>
        <translation>成交方式</translation>
    </message>
    <message>
        <source>Freight</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Freight mark</source>
        <translation>运费标记</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>保费</translation>
    </message>
    <message>
        <source>Insurance mark</source>
        <translation>保费标记</translation>
    </message>
    <message>
        <source>Other charges</source>
        <translation>杂费</translation>
    </message>
    <message>
        <source>Other charges mark</source>
        <translation>杂费标记</translation>
    </message>
    <message>
        <source>Charges currency</source>
        <translation>运保杂费币制</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币制</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总价</translation>
    </message>
    <message>
        <source>USD FOB</source>
        <translation>美元FOB</translation>
    </message>
    <message>
        <source>Attached documents</source>
        <translation>随附单证及编号</translation>
    </message>
    <message>
        <source>Marks and remarks</source>
        <translation>标记唛码及备注</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>期间起</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>期间止</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>表体项数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Item no.</source>
        <translation>项号</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>商品编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Declaration elements</source>
        <translation>规格型号（申报要素）</translation>
    </message>
    <message>
        <source>Legal qty 1</source>
        <translation>法定第一数量</translation>
    </message>
    <message>
        <source>Unit 1</source>
        <translation>第一单位</translation>
    </message>
    <message>
        <source>Legal qty 2</source>
        <translation>法定第二数量</translation>
    </message>
    <message>
        <source>Unit 2</source>
        <translation>第二单位</translation>
    </message>
    <message>
        <source>Trade qty</source>
        <translation>成交数量</translation>
    </message>
    <message>
        <source>Trade unit</source>
        <translation>成交单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>总价</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产国（地区）</translation>
    </message>
    <message>
        <source>Domestic source</source>
        <translation>境内货源地</translation>
    </message>
    <message>
        <source>Levy</source>
        <translation>征免</translation>
    </message>
    <message>
        <source>Final destination</source>
        <translation>最终目的国（地区）</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>单据编号</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>境外收货人</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>运抵国</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>{0} errors, {1} warnings</source>
        <translation>{0} 个错误，{1} 个警告</translation>
    </message>
    <message>
        <source>Counted while a draft or filed; select it to see its checks</source>
        <translation>草稿和已申报的报关单才计数；选中可查看检查结果</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>表体项</translation>
    </message>
    <message>
        <source>Lines {0}–{1}</source>
        <translation>第 {0}–{1} 项</translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>修改（删改单）</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>not in the code table {0}</source>
        <translation>不在代码表“{0}”中</translation>
    </message>
    <message>
        <source>not an export mode this app declares ({0})</source>
        <translation>不是本软件申报的出口监管方式（{0}）</translation>
    </message>
    <message>
        <source>the contract (order) number is missing</source>
        <translation>缺少合同（订单）号</translation>
    </message>
    <message>
        <source>required: the USCC (18 characters) or the customs code (10)</source>
        <translation>必填：统一社会信用代码（18 位）或海关编码（10 位）</translation>
    </message>
    <message>
        <source>must be a USCC (18 characters) or a customs code (10), not {0}</source>
        <translation>应为统一社会信用代码（18 位）或海关编码（10 位），现为 {0} 位</translation>
    </message>
    <message>
        <source>in the future</source>
        <translation>晚于今天</translation>
    </message>
    <message>
        <source>a cleared declaration has its export date</source>
        <translation>已结关的报关单须有出口日期</translation>
    </message>
    <message>
        <source>a cleared declaration has its customs number</source>
        <translation>已结关的报关单须有海关编号</translation>
    </message>
    <message>
        <source>the period ends before it starts</source>
        <translation>期间止早于期间起</translation>
    </message>
    <message>
        <source>a 9610 summary names its period</source>
        <translation>9610 汇总申报须写明汇总期间</translation>
    </message>
    <message>
        <source>at least one package</source>
        <translation>至少 1 件</translation>
    </message>
    <message>
        <source>required, above 0 kg</source>
        <translation>必填，须大于 0 千克</translation>
    </message>
    <message>
        <source>above the gross weight {0} kg</source>
        <translation>大于毛重 {0} 千克</translation>
    </message>
    <message>
        <source>the lines&apos; net weights add up to {0} kg</source>
        <translation>表体净重合计为 {0} 千克</translation>
    </message>
    <message>
        <source>required under trade terms {0} (the price includes it)</source>
        <translation>成交方式 {0} 下必填（价格中已含）</translation>
    </message>
    <message>
        <source>not declared under FOB (the price does not include it)</source>
        <translation>FOB 下不申报（价格中不含）</translation>
    </message>
    <message>
        <source>say whether it is a rate (1), per unit (2) or total (3)</source>
        <translation>请注明是费率（1）、单价（2）还是总价（3）</translation>
    </message>
    <message>
        <source>a rate above 100 %</source>
        <translation>费率超过 100%</translation>
    </message>
    <message>
        <source>must be 1 to 7</source>
        <translation>须为 1 至 7</translation>
    </message>
    <message>
        <source>its first 4 digits are not the declaring customs {0}</source>
        <translation>前 4 位与申报地海关 {0} 不符</translation>
    </message>
    <message>
        <source>the lines add up to {0}</source>
        <translation>表体合计为 {0}</translation>
    </message>
    <message>
        <source>no USD FOB for the rebate yet (an exchange rate is missing)</source>
        <translation>尚无退税用的美元FOB（缺少汇率）</translation>
    </message>
    <message>
        <source>the lines&apos; USD FOB add up to {0}</source>
        <translation>表体美元FOB合计为 {0}</translation>
    </message>
    <message>
        <source>a declaration has at least one line</source>
        <translation>报关单至少要有 1 项商品</translation>
    </message>
    <message>
        <source>at most {0} lines; split the declaration</source>
        <translation>最多 {0} 项；请拆分报关单</translation>
    </message>
    <message>
        <source>should be {0}: lines are numbered 1, 2, 3 …</source>
        <translation>应为 {0}：项号按 1、2、3 …… 连续编号</translation>
    </message>
    <message>
        <source>the first element must be the brand type 0–4 (品牌类型)</source>
        <translation>第一个要素须为品牌类型 0–4</translation>
    </message>
    <message>
        <source>the second element must be the export preference 0–3 (出口享惠情况)</source>
        <translation>第二个要素须为出口享惠情况 0–3</translation>
    </message>
    <message>
        <source>the declaration is in {0}</source>
        <translation>报关单币制为 {0}</translation>
    </message>
    <message>
        <source>a second unit and its quantity go together</source>
        <translation>法定第二单位与其数量须同时填写</translation>
    </message>
    <message>
        <source>a 5-character domestic region code (境内货源地)</source>
        <translation>须为 5 位境内货源地代码</translation>
    </message>
    <message>
        <source>must be above 0</source>
        <translation>须大于 0</translation>
    </message>
    <message>
        <source>the trade unit is the legal unit: should equal the trade quantity {0}</source>
        <translation>成交单位即法定单位：应等于成交数量 {0}</translation>
    </message>
    <message>
        <source>not the unit price {0} × quantity {1} (to the fen)</source>
        <translation>不等于单价 {0} × 数量 {1}（精确到分）</translation>
    </message>
    <message>
        <source>not in the rate library on {0}: no rebate for it</source>
        <translation>{0} 的退税率文库中没有该编号：不能退税</translation>
    </message>
    <message>
        <source>not a field that can be edited</source>
        <translation>该字段不可编辑</translation>
    </message>
    <message>
        <source>at most {0} decimal places</source>
        <translation>最多 {0} 位小数</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>须为整数</translation>
    </message>
    <message>
        <source>at most {0} characters, got {1}</source>
        <translation>最多 {0} 个字符，现为 {1} 个</translation>
    </message>
    <message>
        <source>must be exactly {0} digits</source>
        <translation>须为 {0} 位数字</translation>
    </message>
    <message>
        <source>the 9th digit must be 0 for an export declaration (1 is an import)</source>
        <translation>出口报关单第 9 位须为 0（1 为进口）</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD)</source>
        <translation>不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>already the number of {0}</source>
        <translation>已是 {0} 的编号</translation>
    </message>
    <message>
        <source>the declaration is cancelled</source>
        <translation>报关单已作废</translation>
    </message>
    <message>
        <source>say why the declaration is amended</source>
        <translation>请写明修改原因</translation>
    </message>
    <message>
        <source>no such line</source>
        <translation>没有该项</translation>
    </message>
    <message>
        <source>not mapped to a SKU yet</source>
        <translation>尚未对应到 SKU</translation>
    </message>
    <message>
        <source>no goods amount</source>
        <translation>没有货值</translation>
    </message>
    <message>
        <source>no destination country</source>
        <translation>没有目的国</translation>
    </message>
    <message>
        <source>needs a 10-digit HS code</source>
        <translation>须有 10 位商品编号</translation>
    </message>
    <message>
        <source>needs its legal unit</source>
        <translation>须有法定计量单位</translation>
    </message>
    <message>
        <source>needed with a second legal unit</source>
        <translation>有法定第二单位时必填</translation>
    </message>
    <message>
        <source>no undeclared {0} orders shipped from {1} to {2}</source>
        <translation>{1} 至 {2} 没有待申报的 {0} 订单</translation>
    </message>
    <message>
        <source>shipment {0} is already declared by {1}</source>
        <translation>头程 {0} 已由 {1} 申报</translation>
    </message>
    <message>
        <source>Order {0}, line {1}</source>
        <translation>订单 {0} 第 {1} 行</translation>
    </message>
    <message>
        <source>SKU {0}</source>
        <translation>SKU {0}</translation>
    </message>
</context>
<context>
    <name>DeclarationsScreen</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Search by ref, customs no., contract, bill, consignee</source>
        <translation>按单据编号、海关编号、合同号、提运单号、收货人搜索</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open (draft or filed)</source>
        <translation>未结关（草稿或已申报）</translation>
    </message>
    <message>
        <source>Any mode</source>
        <translation>全部监管方式</translation>
    </message>
    <message>
        <source>New from shipment…</source>
        <translation>从头程新建…</translation>
    </message>
    <message>
        <source>New from orders…</source>
        <translation>从订单新建…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>File</source>
        <translation>申报</translation>
    </message>
    <message>
        <source>Clear…</source>
        <translation>结关…</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Cancel declaration</source>
        <translation>作废报关单</translation>
    </message>
    <message>
        <source>Import broker list…</source>
        <translation>导入报关行清单…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Mark it filed with customs; refused while the checks find errors</source>
        <translation>标记为已向海关申报；检查有错误时不能申报</translation>
    </message>
    <message>
        <source>Enter the customs number and export date: it is then locked</source>
        <translation>填写海关编号和出口日期，之后报关单锁定</translation>
    </message>
    <message>
        <source>Back to a draft, to correct it before customs clear it</source>
        <translation>退回草稿，在海关结关前更正</translation>
    </message>
    <message>
        <source>The broker&apos;s list of cleared declarations (xlsx or csv)</source>
        <translation>报关行提供的已结关清单（xlsx 或 csv）</translation>
    </message>
    <message>
        <source>{0} declarations</source>
        <translation>{0} 份报关单</translation>
    </message>
    <message>
        <source>Showing the first {0} declarations; counting the rest…</source>
        <translation>显示前 {0} 份报关单；正在统计其余…</translation>
    </message>
    <message>
        <source>{0} saved.</source>
        <translation>{0} 已保存。</translation>
    </message>
    <message>
        <source>{0} was not saved</source>
        <translation>{0} 未保存</translation>
    </message>
    <message>
        <source>Saving {0}…</source>
        <translation>正在保存 {0}…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>{0} has changes that are not saved. Save them?</source>
        <translation>{0} 有未保存的修改。要保存吗？</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>{0}: {1} errors, {2} warnings.</source>
        <translation>{0}：{1} 个错误，{2} 个警告。</translation>
    </message>
    <message>
        <source>{0} has {1} error(s); they are shown on their fields and listed under the form.</source>
        <translation>{0} 有 {1} 个错误；已在对应字段上标出，并列在表单下方。</translation>
    </message>
    <message>
        <source>{0} cannot be filed</source>
        <translation>{0} 不能申报</translation>
    </message>
    <message>
        <source>Filing {0}…</source>
        <translation>正在申报 {0}…</translation>
    </message>
    <message>
        <source>{0} filed.</source>
        <translation>{0} 已申报。</translation>
    </message>
    <message>
        <source>{0} cleared: {1}.</source>
        <translation>{0} 已结关：{1}。</translation>
    </message>
    <message>
        <source>Clearing {0}…</source>
        <translation>正在结关 {0}…</translation>
    </message>
    <message>
        <source>Withdrawing {0}…</source>
        <translation>正在撤回 {0}…</translation>
    </message>
    <message>
        <source>{0} is a draft again.</source>
        <translation>{0} 已退回草稿。</translation>
    </message>
    <message>
        <source>Cancel {0}</source>
        <translation>作废 {0}</translation>
    </message>
    <message>
        <source>Cancel the declaration {0}? It stays listed as cancelled; its shipment or orders can be declared again.</source>
        <translation>作废报关单 {0}？它仍以“已作废”列出；其头程或订单可重新申报。</translation>
    </message>
    <message>
        <source>Cancelling {0}…</source>
        <translation>正在作废 {0}…</translation>
    </message>
    <message>
        <source>{0} cancelled.</source>
        <translation>{0} 已作废。</translation>
    </message>
    <message>
        <source>{0} draft declaration(s) made.</source>
        <translation>已生成 {0} 份报关单草稿。</translation>
    </message>
    <message>
        <source>Import the broker&apos;s cleared list</source>
        <translation>导入报关行的已结关清单</translation>
    </message>
    <message>
        <source>Spreadsheets ({0})</source>
        <translation>表格文件（{0}）</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
</context>
<context>
    <name>DocumentKinds</name>
    <message>
        <source>Sales contract</source>
        <translation>购销合同</translation>
    </message>
    <message>
        <source>Transport document (B/L, waybill)</source>
        <translation>运输单据（提单、运单）</translation>
    </message>
    <message>
        <source>Domestic freight invoice</source>
        <translation>国内运费发票</translation>
    </message>
    <message>
        <source>Forwarder invoice</source>
        <translation>货代发票</translation>
    </message>
    <message>
        <source>Customs broker agreement</source>
        <translation>委托报关协议</translation>
    </message>
    <message>
        <source>Customs broker invoice</source>
        <translation>报关代理费发票</translation>
    </message>
    <message>
        <source>Overseas warehouse lease</source>
        <translation>海外仓租赁合同</translation>
    </message>
    <message>
        <source>FX receipt evidence</source>
        <translation>收汇凭证</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Search by declaration ref or customs no.</source>
        <translation>按报关单编号或海关编号搜索</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Customs no.</source>
        <translation>海关编号</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>备案期限</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单证</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单证编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>单证日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>归档日期</translation>
    </message>
    <message>
        <source>File check</source>
        <translation>文件校验</translation>
    </message>
    <message>
        <source>Stored file</source>
        <translation>存档文件</translation>
    </message>
    <message>
        <source>Filing documents</source>
        <translation>单证备案</translation>
    </message>
    <message>
        <source>Create checklist</source>
        <translation>建立单证清单</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Mark filed…</source>
        <translation>标记已归档…</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>添加单证…</translation>
    </message>
    <message>
        <source>Print index…</source>
        <translation>打印目录…</translation>
    </message>
    <message>
        <source>{0} declarations, {1} with overdue documents</source>
        <translation>{0} 份报关单，{1} 份单证逾期</translation>
    </message>
    <message>
        <source>No checklist</source>
        <translation>无单证清单</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已齐全</translation>
    </message>
    <message>
        <source>Overdue: {0} not filed</source>
        <translation>已逾期：{0} 份未归档</translation>
    </message>
    <message>
        <source>{0} not filed</source>
        <translation>{0} 份未归档</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Changed!</source>
        <translation>已被改动！</translation>
    </message>
    <message>
        <source>File missing!</source>
        <translation>文件丢失！</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <source>Checklist of {0} ready.</source>
        <translation>{0} 的单证清单已建立。</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>{0} attached.</source>
        <translation>已附加 {0}。</translation>
    </message>
    <message>
        <source>The file is not intact</source>
        <translation>文件不完整</translation>
    </message>
    <message>
        <source>{0}: SHA-256 matches.</source>
        <translation>{0}：SHA-256 校验一致。</translation>
    </message>
    <message>
        <source>{0} is in the claim&apos;s document file from this date.</source>
        <translation>{0} 自该日起归入申报单证档案。</translation>
    </message>
    <message>
        <source>Mark filed</source>
        <translation>标记已归档</translation>
    </message>
    <message>
        <source>Marked filed.</source>
        <translation>已标记归档。</translation>
    </message>
    <message>
        <source>Document added.</source>
        <translation>单证已添加。</translation>
    </message>
    <message>
        <source>Filing index {0}</source>
        <translation>备案单证目录 {0}</translation>
    </message>
</context>
<context>
    <name>DueRange</name>
    <message>
        <source>Due from</source>
        <translation>到期日从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
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
    <name>FiguresDialog</name>
    <message>
        <source>The period&apos;s figures from the VAT return; the batch&apos;s refund, exempt-offset amount and credit carried forward are worked out from them and the export rows.</source>
        <translation>增值税申报表中的当期数据；批次的退税额、免抵税额和期末留抵税额据此及出口明细计算。</translation>
    </message>
    <message>
        <source>Period figures of {0}</source>
        <translation>{0} 的当期数据</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Domestic output tax</source>
        <translation>内销销项税额</translation>
    </message>
    <message>
        <source>Input tax</source>
        <translation>进项税额</translation>
    </message>
    <message>
        <source>Credit from the previous period</source>
        <translation>上期留抵税额</translation>
    </message>
    <message>
        <source>Duty-free materials</source>
        <translation>免税购进原材料</translation>
    </message>
    <message>
        <source>{0} is not an amount of 0 or more with at most 2 decimals</source>
        <translation>{0} 不是不小于 0、最多 2 位小数的金额</translation>
    </message>
</context>
<context>
    <name>FilesWrittenBox</name>
    <message>
        <source>Files written</source>
        <translation>文件已生成</translation>
    </message>
    <message>
        <source>{0}: written to {1}

{2}</source>
        <translation>{0}：已写入 {1}

{2}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
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
    <name>FromOrdersDialog</name>
    <message>
        <source>New declarations from orders</source>
        <translation>从订单新建报关单</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Leave out order lines that cannot be declared yet</source>
        <translation>跳过暂不能申报的订单行</translation>
    </message>
    <message>
        <source>Unmapped SKUs, SKUs without HS code or legal unit, lines without an amount: declared later, once fixed</source>
        <translation>未对应的 SKU、缺商品编号或法定单位的 SKU、没有金额的行：修正后再申报</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Shipped from</source>
        <translation>发货日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>9610: one summary per destination and currency (at most 50 lines each); 9710 and 0110: one declaration per order.</source>
        <translation>9610：每个目的国和币制一份汇总（每份最多 50 项）；9710 和 0110：每个订单一份报关单。</translation>
    </message>
    <message>
        <source>Drafting {0} declarations…</source>
        <translation>正在生成 {0} 报关单…</translation>
    </message>
</context>
<context>
    <name>FromShipmentDialog</name>
    <message>
        <source>New 9810 declaration from a shipment</source>
        <translation>从头程新建 9810 报关单</translation>
    </message>
    <message>
        <source>First-leg shipments to an overseas warehouse that no declaration covers yet. The values are their unit costs in the currency chosen, at the company&apos;s exchange-rate policy.</source>
        <translation>发往海外仓、尚未报关的头程。货值为其单位成本，按公司汇率政策折算为所选币制。</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>头程</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目的仓</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Declared currency</source>
        <translation>申报币制</translation>
    </message>
    <message>
        <source>No shipped shipment is waiting for its declaration.</source>
        <translation>没有等待报关的已发货头程。</translation>
    </message>
    <message>
        <source>Drafting the declaration of {0}…</source>
        <translation>正在生成 {0} 的报关单…</translation>
    </message>
</context>
<context>
    <name>FxScreen</name>
    <message>
        <source>Money received from abroad, allocated to cleared declarations; collection is due by 30 April of the year after export.</source>
        <translation>境外收汇核销到已结关报关单；须在出口次年4月30日前收汇。</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>收汇</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>收汇情况</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>FX receipts</source>
        <translation>外汇收汇</translation>
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
    <name>HandMatchDialog</name>
    <message>
        <source>Export row {0} ({1}) needs {2} {3} more. Unused invoice lines with code {1}, oldest first; the quantities are in the declaration&apos;s unit {3}.</source>
        <translation>出口明细 {0}（{1}）还需 {2} {3}。以下为商品代码 {1} 的未用发票行，按开票日期从早到晚；数量以报关单位 {3} 计。</translation>
    </message>
    <message>
        <source>Match by hand</source>
        <translation>手工匹配</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Invoice unit</source>
        <translation>发票单位</translation>
    </message>
    <message>
        <source>Left (invoice unit)</source>
        <translation>剩余（发票单位）</translation>
    </message>
    <message>
        <source>Left ({0})</source>
        <translation>剩余（{0}）</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Rate %</source>
        <translation>税率 %</translation>
    </message>
    <message>
        <source>why (kept with the match)</source>
        <translation>原因（随匹配保存）</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>换算</translation>
    </message>
    <message>
        <source>Quantity ({0})</source>
        <translation>数量（{0}）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No invoice line with code {0} has quantity left.</source>
        <translation>没有商品代码 {0} 且有剩余数量的发票行。</translation>
    </message>
    <message>
        <source>not one of the declaration&apos;s units</source>
        <translation>不是报关单的计量单位</translation>
    </message>
    <message>
        <source>Choose an invoice line whose unit converts.</source>
        <translation>请选择单位可换算的发票行。</translation>
    </message>
    <message>
        <source>{0} is not a quantity above 0 with at most 5 decimals</source>
        <translation>{0} 不是大于 0、最多 5 位小数的数量</translation>
    </message>
</context>
<context>
    <name>HolidaysPanel</name>
    <message>
        <source>Deadlines are counted on mainland working days. List every public holiday and every weekend made a working day (调休) here; a year without any entry shows a warning on the Deadlines screen instead of a guess.</source>
        <translation>期限按中国大陆工作日计算。请在此列出每个法定节假日和每个调休上班的周末；没有任何记录的年份会在“期限”页面显示警告，而不是猜测。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Seed from built-in data</source>
        <translation>载入内置数据</translation>
    </message>
    <message>
        <source>Add the holidays of chinese-calendar; days you entered are kept</source>
        <translation>从 chinese-calendar 载入节假日；您录入的日期保留不变</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>A CSV or Excel file with the columns 日期 (date), 类型 (休/班) and 名称</source>
        <translation>含 日期、类型（休/班）和 名称 列的 CSV 或 Excel 文件</translation>
    </message>
    <message>
        <source>Replace the years in the file</source>
        <translation>替换文件所含年份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Holiday (休)</source>
        <translation>休息（休）</translation>
    </message>
    <message>
        <source>Working weekend (班)</source>
        <translation>调休上班（班）</translation>
    </message>
    <message>
        <source>Name, e.g. 春节</source>
        <translation>名称，例如 春节</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{0} holidays, {1} working weekends</source>
        <translation>{0} 天休息，{1} 天调休上班</translation>
    </message>
    <message>
        <source>{0} has no holiday data: due dates may be off by holidays</source>
        <translation>{0} 年没有节假日数据：到期日可能未按节假日顺延</translation>
    </message>
    <message>
        <source>Add the holidays of {0}–{1} from chinese-calendar; days you entered are kept</source>
        <translation>从 chinese-calendar 载入 {0}–{1} 年的节假日；您录入的日期保留不变</translation>
    </message>
    <message>
        <source>Saving the holiday table…</source>
        <translation>正在保存节假日表…</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Removed {0}.</source>
        <translation>已删除 {0}。</translation>
    </message>
    <message>
        <source>Added {0} days from the built-in data; {1} days already here were kept.</source>
        <translation>已从内置数据添加 {0} 天；已有的 {1} 天保留不变。</translation>
    </message>
    <message>
        <source>Import holidays</source>
        <translation>导入节假日</translation>
    </message>
    <message>
        <source>Holiday lists (*.csv *.xlsx);;All files (*)</source>
        <translation>节假日表 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{0}: {1} days added, {2} changed.</source>
        <translation>{0}：添加 {1} 天，修改 {2} 天。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Platform SKUs not mapped to a SKU</source>
        <translation>未对应商品的平台SKU</translation>
    </message>
    <message>
        <source>Map in Orders</source>
        <translation>去订单中对应</translation>
    </message>
    <message>
        <source>Overseas stock at or below its reorder point</source>
        <translation>海外仓库存已到补货点</translation>
    </message>
    <message>
        <source>Open Stock</source>
        <translation>打开库存</translation>
    </message>
    <message>
        <source>Self-check findings in draft rebate batches</source>
        <translation>草稿退税批次的自检问题</translation>
    </message>
    <message>
        <source>Open Rebate</source>
        <translation>打开退税申报</translation>
    </message>
    <message>
        <source>Filing documents overdue</source>
        <translation>逾期未备案的单证</translation>
    </message>
    <message>
        <source>Open Documents</source>
        <translation>打开单证备案</translation>
    </message>
    <message>
        <source>Exports to collect within 30 days or overdue</source>
        <translation>30天内到期或已逾期的未收汇出口</translation>
    </message>
    <message>
        <source>Open FX</source>
        <translation>打开外汇收汇</translation>
    </message>
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
        <source>Needs attention</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>All deadlines…</source>
        <translation>全部期限…</translation>
    </message>
    <message>
        <source>{0} overdue, {1} due in the next 30 days</source>
        <translation>已逾期 {0} 项，未来30天内到期 {1} 项</translation>
    </message>
    <message>
        <source>{0} days late</source>
        <translation>逾期 {0} 天</translation>
    </message>
    <message>
        <source>1 day late</source>
        <translation>逾期 1 天</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>明天到期</translation>
    </message>
    <message>
        <source>in {0} days</source>
        <translation>{0} 天后到期</translation>
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
    <name>InvoiceEditDialog</name>
    <message>
        <source>must be the 20-digit 数电 number, or a 10-digit code + 8-digit number</source>
        <translation>须为 20 位数电发票号码，或 10 位发票代码 + 8 位发票号码</translation>
    </message>
    <message>
        <source>the 发票代码 of a 专票 is 10 digits</source>
        <translation>专票的发票代码为 10 位</translation>
    </message>
    <message>
        <source>the 发票号码 of a paper 专票 is 8 digits</source>
        <translation>纸质专票的发票号码为 8 位</translation>
    </message>
    <message>
        <source>a 12-digit 发票代码 is an ordinary invoice (普通发票): no rebate</source>
        <translation>12 位发票代码为普通发票：不能退税</translation>
    </message>
    <message>
        <source>in the future</source>
        <translation>晚于今天</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>empty: a number is needed here</source>
        <translation>未填写：此处需要数字</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>must be more than 0</source>
        <translation>须大于 0</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>more than {0} decimals</source>
        <translation>小数超过 {0} 位</translation>
    </message>
    <message>
        <source>not a unit of the customs unit table (个, 千克, 套 … or 007, 035 …)</source>
        <translation>不是海关计量单位表中的单位（个、千克、套… 或 007、035…）</translation>
    </message>
    <message>
        <source>not a VAT rate (13%, 9%, 6%, 3% …)</source>
        <translation>不是增值税税率（13%、9%、6%、3%…）</translation>
    </message>
    <message>
        <source>empty: the tax rate is needed (13%, 9%, 3% …)</source>
        <translation>未填写：需要税率（13%、9%、3%…）</translation>
    </message>
    <message>
        <source>amount × rate is {0}; more than 0.06 apart</source>
        <translation>金额 × 税率为 {0}；相差超过 0.06</translation>
    </message>
    <message>
        <source>not a 10-digit HS code or a code of the rate library</source>
        <translation>不是 10 位商品编码，也不是退税率文库中的代码</translation>
    </message>
    <message>
        <source>the invoice has no lines</source>
        <translation>发票没有明细</translation>
    </message>
    <message>
        <source>an invoice with this number is already entered</source>
        <translation>已录入相同号码的发票</translation>
    </message>
    <message>
        <source>the lines&apos; tax differs from amount × rate by {0} in all (at most 1.27 allowed)</source>
        <translation>各明细税额合计与金额 × 税率相差 {0}（最多允许 1.27）</translation>
    </message>
    <message>
        <source>not a valid USCC: {0}</source>
        <translation>不是有效的统一社会信用代码：{0}</translation>
    </message>
    <message>
        <source>New purchase invoice</source>
        <translation>新建进项发票</translation>
    </message>
    <message>
        <source>20 digits for a 数电 invoice; 8 digits for a paper 专票</source>
        <translation>数电发票为 20 位；纸质专票为 8 位</translation>
    </message>
    <message>
        <source>Paper 专票 only: the 10-digit 发票代码</source>
        <translation>仅纸质专票：10 位发票代码</translation>
    </message>
    <message>
        <source>18-character unified social credit code (USCC)</source>
        <translation>18 位统一社会信用代码</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <source>Invoice code</source>
        <translation>发票代码</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Seller tax ID</source>
        <translation>销方识别号</translation>
    </message>
    <message>
        <source>Seller name</source>
        <translation>销方名称</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除明细</translation>
    </message>
    <message>
        <source>Leave Tax empty to use amount × rate.</source>
        <translation>税额留空则按金额 × 税率计算。</translation>
    </message>
    <message>
        <source>Commodity</source>
        <translation>货物名称</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount excl. VAT</source>
        <translation>金额（不含税）</translation>
    </message>
    <message>
        <source>Rate %</source>
        <translation>税率 %</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>{0} problem(s) to fix before saving.</source>
        <translation>保存前需修正 {0} 个问题。</translation>
    </message>
    <message>
        <source>Every field is valid.</source>
        <translation>所有字段均有效。</translation>
    </message>
    <message>
        <source>Line {0}, {1}: {2}</source>
        <translation>第 {0} 行，{1}：{2}</translation>
    </message>
    <message>
        <source>Saving the invoice…</source>
        <translation>正在保存发票…</translation>
    </message>
</context>
<context>
    <name>InvoiceLinesPane</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Commodity</source>
        <translation>货物名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Select an invoice to see its lines.</source>
        <translation>选择一张发票以查看其明细。</translation>
    </message>
    <message>
        <source>{0} · {1} · issued {2} · {3} {4} · amount {5} · tax {6} · {7}</source>
        <translation>{0} · {1} · 开票 {2} · {3} {4} · 金额 {5} · 税额 {6} · {7}</translation>
    </message>
</context>
<context>
    <name>Invoices</name>
    <message>
        <source>Valid</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Red-letter</source>
        <translation>已红冲</translation>
    </message>
    <message>
        <source>Digital (数电)</source>
        <translation>数电发票</translation>
    </message>
    <message>
        <source>Paper special VAT (专票)</source>
        <translation>纸质增值税专用发票</translation>
    </message>
    <message>
        <source>Customs payment note (缴款书)</source>
        <translation>海关进口增值税专用缴款书</translation>
    </message>
    <message>
        <source>Unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Partly used</source>
        <translation>部分使用</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Seller name</source>
        <translation>销方名称</translation>
    </message>
    <message>
        <source>Seller tax ID</source>
        <translation>销方识别号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Unused quantity</source>
        <translation>未用数量</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <source>Quantity left for matching, summed over the lines (in each line&apos;s unit)</source>
        <translation>可供匹配的剩余数量，各明细合计（按各明细的单位）</translation>
    </message>
</context>
<context>
    <name>InvoicesScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Search by invoice number or seller</source>
        <translation>按发票号码或销方搜索</translation>
    </message>
    <message>
        <source>Purchase invoices</source>
        <translation>进项发票</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>With unused quantity only</source>
        <translation>仅显示有未用数量的</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>New invoice…</source>
        <translation>新建发票…</translation>
    </message>
    <message>
        <source>Enter an invoice by hand</source>
        <translation>手工录入发票</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>An e-invoice (数电) export of the tax bureau, or any xlsx/csv with the same columns</source>
        <translation>税务局导出的数电发票文件，或列相同的任意 xlsx/csv 文件</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{0} invoices</source>
        <translation>{0} 张发票</translation>
    </message>
    <message>
        <source>Showing the first {0} invoices; counting the rest…</source>
        <translation>显示前 {0} 张发票；正在统计其余…</translation>
    </message>
    <message>
        <source>Matching uses this invoice: it cannot be deleted</source>
        <translation>该发票已被匹配使用，不能删除</translation>
    </message>
    <message>
        <source>Invoice saved.</source>
        <translation>发票已保存。</translation>
    </message>
    <message>
        <source>Import purchase invoices</source>
        <translation>导入进项发票</translation>
    </message>
    <message>
        <source>Invoice exports ({0})</source>
        <translation>发票导出文件 ({0})</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>{0} cannot be deleted</source>
        <translation>{0} 不能删除</translation>
    </message>
    <message>
        <source>Matching has used {0} of this invoice&apos;s quantity for rebate batches. Undo its matches in the batch first.</source>
        <translation>退税批次的匹配已使用该发票数量 {0}。请先在批次中撤销其匹配。</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>删除 {0}</translation>
    </message>
    <message>
        <source>Delete the invoice {0} of {1} with its {2} line(s)?</source>
        <translation>删除 {1} 的发票 {0} 及其 {2} 条明细？</translation>
    </message>
    <message>
        <source>Deleting {0}…</source>
        <translation>正在删除 {0}…</translation>
    </message>
    <message>
        <source>Invoice {0} deleted.</source>
        <translation>发票 {0} 已删除。</translation>
    </message>
</context>
<context>
    <name>LedgerScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Search by SKU code or name</source>
        <translation>按 SKU 编码或品名搜索</translation>
    </message>
    <message>
        <source>Stock ledger</source>
        <translation>库存流水</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reverse move…</source>
        <translation>冲销流水…</translation>
    </message>
    <message>
        <source>Cancel the selected move by posting its opposite; moves are never edited</source>
        <translation>过一笔相反的流水来冲销所选流水；流水本身从不修改</translation>
    </message>
    <message>
        <source>{0} moves, the last posted first; values in CNY</source>
        <translation>{0} 笔流水，最新过账的在前；金额单位为人民币</translation>
    </message>
    <message>
        <source>Showing the last {0} moves; counting the rest…</source>
        <translation>显示最新的 {0} 笔流水；正在统计其余…</translation>
    </message>
    <message>
        <source>Move reversed by move no. {0}.</source>
        <translation>已由第 {0} 号流水冲销。</translation>
    </message>
    <message>
        <source>Reversed, with a warning</source>
        <translation>已冲销，但有提醒</translation>
    </message>
</context>
<context>
    <name>LedgerTable</name>
    <message>
        <source>Receipt</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <source>Shipped out</source>
        <translation>头程发出</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>调拨入库</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>销售出库</translation>
    </message>
    <message>
        <source>Customer return</source>
        <translation>客户退货</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>库存调整</translation>
    </message>
    <message>
        <source>Stocktake gain</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <source>Stocktake loss</source>
        <translation>盘亏</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Qty after</source>
        <translation>结存数量</translation>
    </message>
    <message>
        <source>Value after</source>
        <translation>结存金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reversed by</source>
        <translation>冲销流水</translation>
    </message>
    <message>
        <source>reverses no. {0}</source>
        <translation>冲销第 {0} 号</translation>
    </message>
    <message>
        <source>no. {0}</source>
        <translation>第 {0} 号</translation>
    </message>
    <message>
        <source>The position right after this move, as posted</source>
        <translation>本笔流水过账后该仓该 SKU 的结存</translation>
    </message>
    <message>
        <source>Posted by {0}</source>
        <translation>过账人：{0}</translation>
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
    <name>MatchReportDialog</name>
    <message>
        <source>Matching {0}</source>
        <translation>匹配 {0}</translation>
    </message>
    <message>
        <source>{0} new match(es) on {1} line(s); {2} purchase row(s). {3} line(s) are short of invoices.</source>
        <translation>{1} 个商品项新增 {0} 条匹配；{2} 行进货明细。{3} 个商品项发票不足。</translation>
    </message>
    <message>
        <source>Declaration no.</source>
        <translation>报关单号</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>商品代码</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>NewBatchDialog</name>
    <message>
        <source>The batch takes every cleared declaration line exported before the month that no batch holds yet.</source>
        <translation>批次收入该月之前出口、已结关且尚未列入任何批次的全部报关单商品项。</translation>
    </message>
    <message>
        <source>New rebate batch</source>
        <translation>新建退税申报批次</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Next free</source>
        <translation>下一个可用</translation>
    </message>
    <message>
        <source>Declaration month (YYYY-MM)</source>
        <translation>申报年月 (YYYY-MM)</translation>
    </message>
    <message>
        <source>Batch number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Nothing to claim for {0}: a declaration line is claimable once customs cleared it (customs number and export date), it was exported before that month, and no other batch holds it.</source>
        <translation>{0} 没有可申报的数据：报关单商品项须已结关（有海关编号和出口日期）、在该月之前出口，且未列入其他批次。</translation>
    </message>
</context>
<context>
    <name>NewStocktakeDialog</name>
    <message>
        <source>New stocktake</source>
        <translation>新建盘点</translation>
    </message>
    <message>
        <source>Every SKU on hand there on the count date gets a line, with what the ledger says as the expected quantity. Export the count sheet next.</source>
        <translation>盘点日在该仓有库存的每个 SKU 各占一行，账面数量取自库存台账。下一步请导出盘点表。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Count date</source>
        <translation>盘点日期</translation>
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
    <name>PayDialog</name>
    <message>
        <source>The refund of {0} is {1} CNY. Enter what the bank received.</source>
        <translation>{0} 的退税额为 {1} 元。请填写实际到账金额。</translation>
    </message>
    <message>
        <source>Refund received for {0}</source>
        <translation>{0} 退库到账</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>登记退库</translation>
    </message>
    <message>
        <source>Amount received (CNY)</source>
        <translation>到账金额（元）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>{0} is not an amount of 0 or more with at most 2 decimals</source>
        <translation>{0} 不是不小于 0、最多 2 位小数的金额</translation>
    </message>
</context>
<context>
    <name>PositionMovesDialog</name>
    <message>
        <source>Moves of {0}</source>
        <translation>{0} 的库存流水</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{0}: {1} moves, the last posted first; values in CNY</source>
        <translation>{0}：{1} 笔流水，最新过账的在前；金额单位为人民币</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>{0} declarations, one after another in one PDF</source>
        <translation>{0} 份报关单，依次合并为一个 PDF</translation>
    </message>
    <message>
        <source>Declaration (报关单)</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Commercial invoice</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Mark it “{0}” (for the rebate)</source>
        <translation>加“{0}”标记（用于退税）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>The PDF could not be opened: {0}</source>
        <translation>无法打开 PDF：{0}</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>第 {0} 页，共 {1} 页</translation>
    </message>
    <message>
        <source>Print {0}</source>
        <translation>打印 {0}</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
    <message>
        <source>Declaration {0}</source>
        <translation>报关单 {0}</translation>
    </message>
    <message>
        <source>Commercial invoice {0}</source>
        <translation>商业发票 {0}</translation>
    </message>
    <message>
        <source>Packing list {0}</source>
        <translation>装箱单 {0}</translation>
    </message>
    <message>
        <source>Drawing {0}…</source>
        <translation>正在生成{0}…</translation>
    </message>
</context>
<context>
    <name>RateDialog</name>
    <message>
        <source>Set exchange rate</source>
        <translation>录入汇率</translation>
    </message>
    <message>
        <source>per 1 unit</source>
        <translation>每 1 单位</translation>
    </message>
    <message>
        <source>per 100 units</source>
        <translation>每 100 单位</translation>
    </message>
    <message>
        <source>Central parity (中间价)</source>
        <translation>人民币汇率中间价</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>人民币</translation>
    </message>
    <message>
        <source>For a pair quoted as CNY 1 = x foreign, enter 1 ÷ x</source>
        <translation>按“人民币1元 = x 外币”报价的币种，请填写 1 ÷ x</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
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
    <name>RatesTab</name>
    <message>
        <source>All currencies</source>
        <translation>全部币种</translation>
    </message>
    <message>
        <source>Import CFETS file…</source>
        <translation>导入外汇交易中心文件…</translation>
    </message>
    <message>
        <source>Set rate…</source>
        <translation>录入汇率…</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>人民币</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>单位数</translation>
    </message>
    <message>
        <source>CNY per unit</source>
        <translation>每单位人民币</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>Import CFETS central parity history</source>
        <translation>导入人民币汇率中间价历史数据</translation>
    </message>
    <message>
        <source>Spreadsheets ({0});;All files (*)</source>
        <translation>表格文件 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
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
    <name>Rebate</name>
    <message>
        <source>Exempt-refund (免退)</source>
        <translation>免退</translation>
    </message>
    <message>
        <source>Exempt-credit-refund (免抵退)</source>
        <translation>免抵退</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Self-checked</source>
        <translation>已自检</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核通过</translation>
    </message>
    <message>
        <source>Partly rejected</source>
        <translation>部分退回</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已退库</translation>
    </message>
    <message>
        <source>Included</source>
        <translation>申报</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>已转出</translation>
    </message>
    <message>
        <source>Pending 核算</source>
        <translation>待核算</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>已冲减</translation>
    </message>
    <message>
        <source>To repay</source>
        <translation>需补缴</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲减</translation>
    </message>
    <message>
        <source>Declared again</source>
        <translation>重新申报</translation>
    </message>
    <message>
        <source>9810 pre-rebate (HWC-YT)</source>
        <translation>9810 离境即退 (HWC-YT)</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>阻断</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation>出口明细</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>退回行</translation>
    </message>
    <message>
        <source>Purchase rows</source>
        <translation>进货明细</translation>
    </message>
    <message>
        <source>USD FOB</source>
        <translation>美元离岸价</translation>
    </message>
    <message>
        <source>Refund (CNY)</source>
        <translation>退税额（元）</translation>
    </message>
    <message>
        <source>Received (CNY)</source>
        <translation>已退库（元）</translation>
    </message>
</context>
<context>
    <name>RebateCalculatorScreen</name>
    <message>
        <source>must be an amount of 0 or more</source>
        <translation>须为 0 或以上的金额</translation>
    </message>
    <message>
        <source>is higher than the levy rate</source>
        <translation>高于征税率</translation>
    </message>
    <message>
        <source>is needed with the other quantity (partial invoice use)</source>
        <translation>须与另一数量同时填写（发票部分使用）</translation>
    </message>
    <message>
        <source>must be more than 0</source>
        <translation>须大于 0</translation>
    </message>
    <message>
        <source>must be 0 or more</source>
        <translation>须为 0 或以上</translation>
    </message>
    <message>
        <source>is more than the invoice quantity {0}</source>
        <translation>大于发票数量 {0}</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>数值过大</translation>
    </message>
    <message>
        <source>a percent from 0 to 100 (13 for 13%)</source>
        <translation>0 到 100 的百分数（13% 填 13）</translation>
    </message>
    <message>
        <source>What-if: the refund of figures you type, computed as a batch would be. Rates in percent (13 for 13%). Nothing is saved.</source>
        <translation>试算：按申报批次的算法计算所填数据的退税额。税率按百分数填写（13% 填 13）。不保存任何数据。</translation>
    </message>
    <message>
        <source>Enter the figures to see the results.</source>
        <translation>填写数据后显示结果。</translation>
    </message>
    <message>
        <source>Trading enterprise (免退)</source>
        <translation>外贸企业（免退）</translation>
    </message>
    <message>
        <source>Manufacturer (免抵退)</source>
        <translation>生产企业（免抵退）</translation>
    </message>
    <message>
        <source>Copy results</source>
        <translation>复制结果</translation>
    </message>
    <message>
        <source>The figures and every result with its formula</source>
        <translation>所填数据及每项结果和计算公式</translation>
    </message>
    <message>
        <source>Rebate calculator</source>
        <translation>退税试算</translation>
    </message>
    <message>
        <source>Results copied.</source>
        <translation>结果已复制。</translation>
    </message>
    <message>
        <source>Invoice amount (excl. VAT)</source>
        <translation>发票金额（不含税）</translation>
    </message>
    <message>
        <source>CNY, the purchase invoice&apos;s 金额</source>
        <translation>人民币，进项发票的金额</translation>
    </message>
    <message>
        <source>Invoice VAT rate %</source>
        <translation>发票税率 %</translation>
    </message>
    <message>
        <source>Rebate rate %</source>
        <translation>退税率 %</translation>
    </message>
    <message>
        <source>退税率 of the rate library at the export date</source>
        <translation>出口日期适用的退税率文库退税率</translation>
    </message>
    <message>
        <source>Invoice quantity</source>
        <translation>发票数量</translation>
    </message>
    <message>
        <source>Optional: with the export quantity, for part of an invoice</source>
        <translation>可选：与出口数量一起填写，用于发票部分使用</translation>
    </message>
    <message>
        <source>Export quantity</source>
        <translation>出口数量</translation>
    </message>
    <message>
        <source>Tax base = invoice amount × export quantity / invoice quantity = {0} × {1} / {2} = {3}</source>
        <translation>计税依据 = 发票金额 × 出口数量 / 发票数量 = {0} × {1} / {2} = {3}</translation>
    </message>
    <message>
        <source>Tax base = invoice amount = {0}</source>
        <translation>计税依据 = 发票金额 = {0}</translation>
    </message>
    <message>
        <source>Tax base (计税依据)</source>
        <translation>计税依据</translation>
    </message>
    <message>
        <source>Rate applied (适用退税率)</source>
        <translation>适用退税率</translation>
    </message>
    <message>
        <source>Rate applied = min(rebate rate, invoice rate) = min({0}, {1}) = {2}</source>
        <translation>适用退税率 = min(退税率, 发票税率) = min({0}, {1}) = {2}</translation>
    </message>
    <message>
        <source>Refund (应退税额)</source>
        <translation>应退税额</translation>
    </message>
    <message>
        <source>Refund = tax base × rate applied = {0} × {1} = {2}</source>
        <translation>应退税额 = 计税依据 × 适用退税率 = {0} × {1} = {2}</translation>
    </message>
    <message>
        <source>Export FOB in CNY</source>
        <translation>出口离岸价（人民币）</translation>
    </message>
    <message>
        <source>FOB × the exchange rate of the company&apos;s policy</source>
        <translation>离岸价 × 企业选定的折合率</translation>
    </message>
    <message>
        <source>Domestic sales (excl. VAT)</source>
        <translation>内销销售额（不含税）</translation>
    </message>
    <message>
        <source>Input VAT of the period</source>
        <translation>当期进项税额</translation>
    </message>
    <message>
        <source>Levy rate %</source>
        <translation>征税率 %</translation>
    </message>
    <message>
        <source>征税率, e.g. 13</source>
        <translation>征税率，如 13</translation>
    </message>
    <message>
        <source>退税率, e.g. 9</source>
        <translation>退税率，如 9</translation>
    </message>
    <message>
        <source>Credit from last period</source>
        <translation>上期留抵税额</translation>
    </message>
    <message>
        <source>Optional: 上期留抵税额</source>
        <translation>可选：上期留抵税额</translation>
    </message>
    <message>
        <source>Duty-free materials</source>
        <translation>免税购进原材料价格</translation>
    </message>
    <message>
        <source>Optional: 免税购进原材料价格</source>
        <translation>可选：免税购进原材料价格</translation>
    </message>
    <message>
        <source>(levy rate − rebate rate)</source>
        <translation>(征税率 − 退税率)</translation>
    </message>
    <message>
        <source>rebate rate</source>
        <translation>退税率</translation>
    </message>
    <message>
        <source>Output VAT (内销销项税额)</source>
        <translation>内销销项税额</translation>
    </message>
    <message>
        <source>Output VAT = domestic sales × levy rate = {0} × {1} = {2}</source>
        <translation>内销销项税额 = 内销销售额 × 征税率 = {0} × {1} = {2}</translation>
    </message>
    <message>
        <source>Non-creditable (不得免征和抵扣税额)</source>
        <translation>不得免征和抵扣税额</translation>
    </message>
    <message>
        <source>Non-creditable = FOB × (levy rate − rebate rate) − deduction = {0} × ({1} − {2}) − {3} = {4}</source>
        <translation>不得免征和抵扣税额 = FOB × (征税率 − 退税率) − 抵减额 = {0} × ({1} − {2}) − {3} = {4}</translation>
    </message>
    <message>
        <source>Tax payable (当期应纳税额)</source>
        <translation>当期应纳税额</translation>
    </message>
    <message>
        <source>Tax payable = output VAT − (input VAT − non-creditable) − prior credit = {0} − ({1} − {2}) − {3} = {4}</source>
        <translation>当期应纳税额 = 内销销项税额 − (当期进项税额 − 不得免征和抵扣税额) − 上期留抵税额 = {0} − ({1} − {2}) − {3} = {4}</translation>
    </message>
    <message>
        <source>Credit-refund total (免抵退税额)</source>
        <translation>免抵退税额</translation>
    </message>
    <message>
        <source>Credit-refund total = FOB × rebate rate − deduction = {0} × {1} − {2} = {3}</source>
        <translation>免抵退税额 = FOB × 退税率 − 免抵退税额抵减额 = {0} × {1} − {2} = {3}</translation>
    </message>
    <message>
        <source>End-of-period credit (期末留抵税额)</source>
        <translation>期末留抵税额</translation>
    </message>
    <message>
        <source>End-of-period credit = max(0, −tax payable) = {0}</source>
        <translation>期末留抵税额 = max(0, −当期应纳税额) = {0}</translation>
    </message>
    <message>
        <source>Refund = min(end-of-period credit, credit-refund total) = min({0}, {1}) = {2}</source>
        <translation>应退税额 = min(期末留抵税额, 免抵退税额) = min({0}, {1}) = {2}</translation>
    </message>
    <message>
        <source>Exempt-offset (免抵税额)</source>
        <translation>免抵税额</translation>
    </message>
    <message>
        <source>Exempt-offset = credit-refund total − refund = {0} − {1} = {2}</source>
        <translation>免抵税额 = 免抵退税额 − 应退税额 = {0} − {1} = {2}</translation>
    </message>
    <message>
        <source>Credit carried forward (结转下期留抵)</source>
        <translation>结转下期留抵税额</translation>
    </message>
    <message>
        <source>Credit carried forward = end-of-period credit − refund = {0} − {1} = {2}</source>
        <translation>结转下期留抵税额 = 期末留抵税额 − 应退税额 = {0} − {1} = {2}</translation>
    </message>
    <message>
        <source>Deduction = duty-free materials × {0} = {1} × {2} = {3}</source>
        <translation>抵减额 = 免税购进原材料价格 × {0} = {1} × {2} = {3}</translation>
    </message>
    <message>
        <source> (at most {0}, the figure it reduces)</source>
        <translation>（以所抵减的数额 {0} 为限）</translation>
    </message>
</context>
<context>
    <name>RebateDetailPane</name>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Link no.</source>
        <translation>关联号</translation>
    </message>
    <message>
        <source>Declaration no.</source>
        <translation>报关单号</translation>
    </message>
    <message>
        <source>Export date</source>
        <translation>出口日期</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>商品代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>USD FOB</source>
        <translation>美元离岸价</translation>
    </message>
    <message>
        <source>CNY FOB</source>
        <translation>人民币离岸价</translation>
    </message>
    <message>
        <source>Levy %</source>
        <translation>征税率 %</translation>
    </message>
    <message>
        <source>Rebate %</source>
        <translation>退税率 %</translation>
    </message>
    <message>
        <source>Business type</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>核算</translation>
    </message>
    <message>
        <source>Rejection reason</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Supplier tax id</source>
        <translation>销售方税号</translation>
    </message>
    <message>
        <source>Tax base</source>
        <translation>计税金额</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退税额</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Where to fix</source>
        <translation>更正位置</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>人民币</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Refund to repay</source>
        <translation>应补缴退税额</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Invoice quantity</source>
        <translation>发票数量</translation>
    </message>
    <message>
        <source>Quantity (declaration unit)</source>
        <translation>数量（报关单位）</translation>
    </message>
    <message>
        <source>Set by hand</source>
        <translation>手工设置</translation>
    </message>
    <message>
        <source>Match by hand…</source>
        <translation>手工匹配…</translation>
    </message>
    <message>
        <source>Remove matches</source>
        <translation>删除匹配</translation>
    </message>
    <message>
        <source>Select a batch to see its rows, matches and figures.</source>
        <translation>选择一个批次以查看明细、匹配和数据。</translation>
    </message>
    <message>
        <source>Filed — the rows are frozen: they are what the tax office has and can no longer change.</source>
        <translation>已申报 —— 各行已冻结：与税务机关所收一致，不能再更改。</translation>
    </message>
    <message>
        <source>Export rows ({0})</source>
        <translation>出口明细 ({0})</translation>
    </message>
    <message>
        <source>Purchase rows ({0})</source>
        <translation>进货明细 ({0})</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Findings ({0})</source>
        <translation>疑点 ({0})</translation>
    </message>
    <message>
        <source>Findings ({0}, {1} blocking)</source>
        <translation>疑点 ({0}，{1} 条阻断)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Repayments</source>
        <translation>补缴清单</translation>
    </message>
    <message>
        <source>Self-checked {0} · filed {1} · reviewed {2} · paid {3}</source>
        <translation>自检 {0} · 申报 {1} · 审核 {2} · 退库 {3}</translation>
    </message>
    <message>
        <source>{0} export row(s) not fully covered by invoices.</source>
        <translation>{0} 行出口明细未被发票完全覆盖。</translation>
    </message>
    <message>
        <source>Σ USD FOB</source>
        <translation>美元离岸价合计</translation>
    </message>
    <message>
        <source>Σ tax base</source>
        <translation>计税金额合计</translation>
    </message>
    <message>
        <source>Domestic output tax</source>
        <translation>内销销项税额</translation>
    </message>
    <message>
        <source>Input tax</source>
        <translation>进项税额</translation>
    </message>
    <message>
        <source>Credit from the previous period</source>
        <translation>上期留抵税额</translation>
    </message>
    <message>
        <source>Duty-free materials</source>
        <translation>免税购进原材料</translation>
    </message>
    <message>
        <source>Non-creditable amount (不得免征和抵扣税额)</source>
        <translation>不得免征和抵扣税额</translation>
    </message>
    <message>
        <source>Tax payable</source>
        <translation>应纳税额</translation>
    </message>
    <message>
        <source>Credit-refund total (免抵退税额)</source>
        <translation>免抵退税额</translation>
    </message>
    <message>
        <source>Exempt-offset amount (免抵税额)</source>
        <translation>免抵税额</translation>
    </message>
    <message>
        <source>Credit carried forward</source>
        <translation>期末留抵税额</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已退库</translation>
    </message>
    <message>
        <source>Repayments ({0})</source>
        <translation>补缴清单 ({0})</translation>
    </message>
    <message>
        <source>Select an export row to see its invoices.</source>
        <translation>选择一行出口明细以查看其发票。</translation>
    </message>
    <message>
        <source>Export row {0} ({1}, {2}): {3} {4} declared, {5} matched to invoices</source>
        <translation>出口明细 {0}（{1}，{2}）：申报 {3} {4}，已匹配发票 {5}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>RebateScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Rebate batches</source>
        <translation>退税申报批次</translation>
    </message>
    <message>
        <source>New batch…</source>
        <translation>新建批次…</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Period figures…</source>
        <translation>当期数据…</translation>
    </message>
    <message>
        <source>Self-check</source>
        <translation>自检</translation>
    </message>
    <message>
        <source>File</source>
        <translation>正式申报</translation>
    </message>
    <message>
        <source>Record review…</source>
        <translation>登记审核结果…</translation>
    </message>
    <message>
        <source>Move rejected rows</source>
        <translation>转出退回行</translation>
    </message>
    <message>
        <source>Mark paid…</source>
        <translation>登记退库…</translation>
    </message>
    <message>
        <source>9810 核算…</source>
        <translation>9810 核算…</translation>
    </message>
    <message>
        <source>Export files…</source>
        <translation>导出申报文件…</translation>
    </message>
    <message>
        <source>Remove rows</source>
        <translation>移除行</translation>
    </message>
    <message>
        <source>Mark it filed with the tax office: its rows are frozen from then on</source>
        <translation>标记为已向税务机关申报：此后各行冻结</translation>
    </message>
    <message>
        <source>The rejected rows go into a new draft batch of this month</source>
        <translation>退回行转入本月新的草稿批次</translation>
    </message>
    <message>
        <source>Take the selected export rows out of the draft batch</source>
        <translation>从草稿批次中移除所选出口明细</translation>
    </message>
    <message>
        <source>免抵退: the period&apos;s output tax, input tax, credit and duty-free materials</source>
        <translation>免抵退：当期销项税额、进项税额、留抵税额和免税购进原材料</translation>
    </message>
    <message>
        <source>{0} batches</source>
        <translation>{0} 个批次</translation>
    </message>
    <message>
        <source>Showing the first {0} batches; counting the rest…</source>
        <translation>显示前 {0} 个批次；正在统计其余…</translation>
    </message>
    <message>
        <source>Batch {0} created with {1} export row(s).</source>
        <translation>已创建批次 {0}，含 {1} 行出口明细。</translation>
    </message>
    <message>
        <source>Creating the batch…</source>
        <translation>正在创建批次…</translation>
    </message>
    <message>
        <source>Matching {0}…</source>
        <translation>正在匹配 {0}…</translation>
    </message>
    <message>
        <source>Matching by hand…</source>
        <translation>正在手工匹配…</translation>
    </message>
    <message>
        <source>Match set.</source>
        <translation>已设置匹配。</translation>
    </message>
    <message>
        <source>Removing matches…</source>
        <translation>正在删除匹配…</translation>
    </message>
    <message>
        <source>{0} match(es) removed.</source>
        <translation>已删除 {0} 条匹配。</translation>
    </message>
    <message>
        <source>Remove matches</source>
        <translation>删除匹配</translation>
    </message>
    <message>
        <source>Remove every invoice match of {0}? The invoices&apos; quantities become free again.</source>
        <translation>删除 {0} 的全部发票匹配？发票数量将重新可用。</translation>
    </message>
    <message>
        <source>Computing {0}…</source>
        <translation>正在计算 {0}…</translation>
    </message>
    <message>
        <source>{0}: figures computed.</source>
        <translation>{0}：已计算。</translation>
    </message>
    <message>
        <source>{0} passed the self-check: {1} warning(s).</source>
        <translation>{0} 自检通过：{1} 条警告。</translation>
    </message>
    <message>
        <source>{0} has {2} blocking finding(s) and {1} warning(s): it stays a draft.</source>
        <translation>{0} 有 {2} 条阻断疑点和 {1} 条警告：仍为草稿。</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在自检 {0}…</translation>
    </message>
    <message>
        <source>File {0}</source>
        <translation>申报 {0}</translation>
    </message>
    <message>
        <source>Mark {0} filed with the tax office? Its export and purchase rows are frozen from then on.</source>
        <translation>将 {0} 标记为已向税务机关申报？此后其出口明细和进货明细冻结。</translation>
    </message>
    <message>
        <source>Filing {0}…</source>
        <translation>正在申报 {0}…</translation>
    </message>
    <message>
        <source>{0} filed.</source>
        <translation>{0} 已申报。</translation>
    </message>
    <message>
        <source>Recording the review…</source>
        <translation>正在登记审核结果…</translation>
    </message>
    <message>
        <source>Review of {0} recorded.</source>
        <translation>已登记 {0} 的审核结果。</translation>
    </message>
    <message>
        <source>Rejected rows of {0} moved to {1}.</source>
        <translation>{0} 的退回行已转入 {1}。</translation>
    </message>
    <message>
        <source>Move the {0} rejected row(s) of {1} into a new draft batch of this month, to be claimed again?</source>
        <translation>将 {1} 的 {0} 行退回明细转入本月新的草稿批次重新申报？</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>转出</translation>
    </message>
    <message>
        <source>Moving rows…</source>
        <translation>正在转出…</translation>
    </message>
    <message>
        <source>Recording the refund…</source>
        <translation>正在登记退库…</translation>
    </message>
    <message>
        <source>{0} paid.</source>
        <translation>{0} 已退库。</translation>
    </message>
    <message>
        <source>9810 核算</source>
        <translation>9810 核算</translation>
    </message>
    <message>
        <source>Settling…</source>
        <translation>正在核算…</translation>
    </message>
    <message>
        <source>Removing rows…</source>
        <translation>正在移除…</translation>
    </message>
    <message>
        <source>{0} row(s) removed.</source>
        <translation>已移除 {0} 行。</translation>
    </message>
    <message>
        <source>Take {0} export row(s) out of {1}? Their declaration lines can be claimed in another batch.</source>
        <translation>从 {1} 中移除 {0} 行出口明细？其报关单商品项可在其他批次申报。</translation>
    </message>
    <message>
        <source>Folder for the rebate files</source>
        <translation>退税申报文件的保存文件夹</translation>
    </message>
    <message>
        <source>Writing the files of {0}…</source>
        <translation>正在生成 {0} 的文件…</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Add FX receipt</source>
        <translation>新增收汇</translation>
    </message>
    <message>
        <source>Deemed collection (视同收汇)</source>
        <translation>视同收汇</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收汇</translation>
    </message>
    <message>
        <source>Bank reference</source>
        <translation>银行流水号</translation>
    </message>
    <message>
        <source>The bank&apos;s 流水号</source>
        <translation>银行的流水号</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收汇日期</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>付款人</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ReceiptsTab</name>
    <message>
        <source>Search by reference, payer or declaration</source>
        <translation>按流水号、付款人或报关单搜索</translation>
    </message>
    <message>
        <source>Unallocated only</source>
        <translation>仅未核销</translation>
    </message>
    <message>
        <source>Import bank statement…</source>
        <translation>导入银行流水…</translation>
    </message>
    <message>
        <source>Add receipt…</source>
        <translation>新增收汇…</translation>
    </message>
    <message>
        <source>Auto-allocate</source>
        <translation>自动核销</translation>
    </message>
    <message>
        <source>Allocate…</source>
        <translation>核销到报关单…</translation>
    </message>
    <message>
        <source>Remove allocation</source>
        <translation>撤销核销</translation>
    </message>
    <message>
        <source>Unallocated receipts to the oldest exports first</source>
        <translation>将未核销的收汇按出口日期从早到晚分配</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收汇日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Unallocated</source>
        <translation>未核销</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>付款人</translation>
    </message>
    <message>
        <source>Deemed</source>
        <translation>视同收汇</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>FX receipts</source>
        <translation>收汇记录</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Import bank statement</source>
        <translation>导入银行流水</translation>
    </message>
    <message>
        <source>Spreadsheets ({0});;All files (*)</source>
        <translation>表格文件 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>{0} allocation(s) made.</source>
        <translation>已核销 {0} 笔。</translation>
    </message>
    <message>
        <source>Allocating receipts…</source>
        <translation>正在核销收汇…</translation>
    </message>
    <message>
        <source>Allocate receipt</source>
        <translation>核销收汇</translation>
    </message>
    <message>
        <source>No cleared declaration is waiting for payment.</source>
        <translation>没有待收汇的已结关报关单。</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Receive {0}</source>
        <translation>收货：{0}</translation>
    </message>
    <message>
        <source>{0} from {1} to {2}, shipped {3}. Enter what arrived now; what is still missing stays in transit for a later receipt unless you close the shipment.</source>
        <translation>{0} 从 {1} 发往 {2}，发运日期 {3}。请填写本次实收数量；未到的部分仍为在途，可以以后再收货，除非您关闭此批发运。</translation>
    </message>
    <message>
        <source>Close the shipment: nothing more will arrive (what is missing is a shortage)</source>
        <translation>关闭此批发运：不会再有货到（未到部分记为短少）</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收货日期</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发运数量</translation>
    </message>
    <message>
        <source>Received before</source>
        <translation>此前已收</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>Received now</source>
        <translation>本次实收</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>收货后</translation>
    </message>
    <message>
        <source>{0} count(s) are not numbers ≥ 0.</source>
        <translation>有 {0} 个数量不是大于等于 0 的数字。</translation>
    </message>
    <message>
        <source>Receiving {0} units.</source>
        <translation>本次收货 {0} 件。</translation>
    </message>
    <message>
        <source>{0} units more than shipped (an overage).</source>
        <translation>比发运多 {0} 件（溢收）。</translation>
    </message>
    <message>
        <source>{0} units will be recorded as short.</source>
        <translation>{0} 件将记为短少。</translation>
    </message>
    <message>
        <source>{0} units stay in transit.</source>
        <translation>{0} 件仍在途。</translation>
    </message>
    <message>
        <source>not a count</source>
        <translation>不是有效数量</translation>
    </message>
    <message>
        <source>{0} over</source>
        <translation>溢收 {0}</translation>
    </message>
    <message>
        <source>{0} short</source>
        <translation>短少 {0}</translation>
    </message>
    <message>
        <source>{0} to come</source>
        <translation>待到 {0}</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>已收齐</translation>
    </message>
    <message>
        <source>Receiving {0}…</source>
        <translation>正在收货 {0}…</translation>
    </message>
    <message>
        <source>Received with warnings</source>
        <translation>已收货（有警告）</translation>
    </message>
</context>
<context>
    <name>ReplenishmentDialog</name>
    <message>
        <source>At or below its reorder point</source>
        <translation>已到或低于补货点</translation>
    </message>
    <message>
        <source>Runs out within the lead time</source>
        <translation>补货周期内将断货</translation>
    </message>
    <message>
        <source>Replenishment suggestions</source>
        <translation>补货建议</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Create draft shipment</source>
        <translation>生成发运草稿</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>补货仓库</translation>
    </message>
    <message>
        <source>Sales velocity over the last</source>
        <translation>销售速度统计最近</translation>
    </message>
    <message>
        <source>Ship from</source>
        <translation>发货仓库</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Sold per day</source>
        <translation>日均销量</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可售天数</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>补货点</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>建议发货</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Working out the suggestions…</source>
        <translation>正在计算补货建议…</translation>
    </message>
    <message>
        <source>Nothing to send: every SKU there lasts longer than its lead time.</source>
        <translation>无需补货：该仓每个 SKU 的库存都能撑过补货周期。</translation>
    </message>
    <message>
        <source>{0} chosen line(s) need a quantity above 0.</source>
        <translation>已选的 {0} 行需要填写大于 0 的数量。</translation>
    </message>
    <message>
        <source>{0} of {1} SKUs chosen: {2} units.</source>
        <translation>已选 {0}/{1} 个 SKU，共 {2} 件。</translation>
    </message>
    <message>
        <source>Creating the draft shipment…</source>
        <translation>正在生成发运草稿…</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Excel workbooks for the boss, the accountant and the tax office.</source>
        <translation>给老板、会计和税务局的 Excel 报表。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>This report takes no parameters.</source>
        <translation>此报表无需参数。</translation>
    </message>
    <message>
        <source>Run…</source>
        <translation>生成…</translation>
    </message>
    <message>
        <source>Choose where to save the workbook, then write it</source>
        <translation>选择保存位置，然后生成工作簿</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在生成 {0}…</translation>
    </message>
    <message>
        <source>{0} rows written to {1}</source>
        <translation>已写入 {0} 行到 {1}</translation>
    </message>
    <message>
        <source>Report ready</source>
        <translation>报表已生成</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>ReverseMoveDialog</name>
    <message>
        <source>Stock move no. {0}</source>
        <translation>第 {0} 号库存流水</translation>
    </message>
    <message>
        <source>Why it is reversed (kept with the reversal)</source>
        <translation>冲销原因（随冲销流水保存）</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>冲销</translation>
    </message>
    <message>
        <source>Reversal dated</source>
        <translation>冲销日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Stock is locked up to {0} (Settings).</source>
        <translation>库存已锁账至 {0}（见设置）。</translation>
    </message>
    <message>
        <source>The reversal posts the opposite quantity and value; the move itself stays in the ledger.</source>
        <translation>冲销会过一笔数量和金额相反的流水；原流水仍保留在账上。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>{0} CNY (unit cost {1})</source>
        <translation>{0} 元（单位成本 {1}）</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>This move is itself a reversal (of move no. {0}); post a new move instead.</source>
        <translation>本笔流水本身就是冲销（冲销第 {0} 号）；请另过一笔新流水。</translation>
    </message>
    <message>
        <source>Already reversed by move no. {0}.</source>
        <translation>已由第 {0} 号流水冲销。</translation>
    </message>
    <message>
        <source>Reversing the move…</source>
        <translation>正在冲销…</translation>
    </message>
    <message>
        <source>Not reversed: {0}</source>
        <translation>未冲销：{0}</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Tick the rows the tax office rejected, with its reason. Nothing ticked: the whole batch is approved.</source>
        <translation>勾选税务机关退回的行并填写原因。不勾选：整个批次审核通过。</translation>
    </message>
    <message>
        <source>Review of {0}</source>
        <translation>{0} 的审核结果</translation>
    </message>
    <message>
        <source>Record review</source>
        <translation>登记审核结果</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Declaration no.</source>
        <translation>报关单号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>USD FOB</source>
        <translation>美元离岸价</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>the tax office&apos;s reason</source>
        <translation>税务机关的退回原因</translation>
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
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
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
    <name>SettleDialog</name>
    <message>
        <source>{0} pre-rebate row(s) of approved batches wait for 核算. Sales from the overseas warehouse up to this day decide each: sold → confirmed; sold in part → reversed and declared again in a draft batch; unsold after 30 April of the next year → to repay.</source>
        <translation>已审核批次中有 {0} 行离境即退明细待核算。按截至该日海外仓的销售逐行确定：已售完 → 确认；部分售出 → 冲减并在草稿批次中重新申报；次年 4 月 30 日后仍未售出 → 补缴。</translation>
    </message>
    <message>
        <source>9810 核算</source>
        <translation>9810 核算</translation>
    </message>
    <message>
        <source>Settle</source>
        <translation>核算</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>核算 as of {0}: {1} confirmed, {2} reversed and declared again, {3} to repay, {4} still pending.</source>
        <translation>截至 {0} 核算：{1} 行确认，{2} 行冲减并重新申报，{3} 行需补缴，{4} 行仍待核算。</translation>
    </message>
</context>
<context>
    <name>ShipmentDetailPane</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发运数量</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>First-leg cost</source>
        <translation>头程费用</translation>
    </message>
    <message>
        <source>Landed unit cost</source>
        <translation>到仓单位成本</translation>
    </message>
    <message>
        <source>Carton no.</source>
        <translation>箱号</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>箱数</translation>
    </message>
    <message>
        <source>L × W × H (cm)</source>
        <translation>长 × 宽 × 高（厘米）</translation>
    </message>
    <message>
        <source>Gross kg each</source>
        <translation>单箱毛重（千克）</translation>
    </message>
    <message>
        <source>Gross kg</source>
        <translation>总毛重（千克）</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>箱内货物</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币制</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>人民币</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value (CNY)</source>
        <translation>金额（人民币）</translation>
    </message>
    <message>
        <source>Select a shipment to see its lines, cartons and costs.</source>
        <translation>选择一批发运以查看其明细、装箱和费用。</translation>
    </message>
    <message>
        <source>Lines ({0})</source>
        <translation>明细（{0}）</translation>
    </message>
    <message>
        <source>Cartons ({0})</source>
        <translation>装箱（{0}）</translation>
    </message>
    <message>
        <source>Costs ({0})</source>
        <translation>费用（{0}）</translation>
    </message>
    <message>
        <source>Discrepancies ({0})</source>
        <translation>差异（{0}）</translation>
    </message>
    <message>
        <source>Discrepancies</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Shipped {0} · expected {1} · received {2}</source>
        <translation>发运 {0} · 预计到仓 {1} · 收货 {2}</translation>
    </message>
    <message>
        <source>Carrier {0} · tracking {1} · booking no. {2}</source>
        <translation>承运人 {0} · 运单号 {1} · 订仓单号 {2}</translation>
    </message>
    <message>
        <source>First-leg cost {0} CNY allocated by {1} · {2} cartons, {3} kg gross, {4} kg chargeable (÷{5})</source>
        <translation>头程费用 {0} 元，按{1}分摊 · {2} 箱，毛重 {3} 千克，计费重 {4} 千克（÷{5}）</translation>
    </message>
</context>
<context>
    <name>ShipmentEditDialog</name>
    <message>
        <source>New shipment</source>
        <translation>新建头程发运</translation>
    </message>
    <message>
        <source>Shipment {0}</source>
        <translation>头程发运 {0}</translation>
    </message>
    <message>
        <source>Leave empty for the next free number</source>
        <translation>留空则自动编号</translation>
    </message>
    <message>
        <source>Expected on</source>
        <translation>预计到仓</translation>
    </message>
    <message>
        <source> cm³/kg</source>
        <translation> cm³/kg</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Cartons</source>
        <translation>装箱</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>References</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>First-leg cost allocation</source>
        <translation>头程费用分摊</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>发运单号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发货仓</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目的仓</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到仓</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运人</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Booking no.</source>
        <translation>订仓单号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Allocate by</source>
        <translation>分摊依据</translation>
    </message>
    <message>
        <source>Volumetric divisor</source>
        <translation>体积重系数</translation>
    </message>
    <message>
        <source>订仓单号, for the 9810 declaration</source>
        <translation>订仓单号，用于 9810 申报</translation>
    </message>
    <message>
        <source>How freight, duty and fees are shared by the lines</source>
        <translation>运费、关税和杂费在各明细间的分摊方式</translation>
    </message>
    <message>
        <source>6000 for most air and express, 5000 for some</source>
        <translation>空运和快递多为 6000，部分为 5000</translation>
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
        <source>Unit cost (CNY)</source>
        <translation>单位成本（人民币）</translation>
    </message>
    <message>
        <source>First-leg cost</source>
        <translation>头程费用</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除明细</translation>
    </message>
    <message>
        <source>Unit cost: what a unit cost at the origin; empty takes its current cost.</source>
        <translation>单位成本：发货仓的单位成本；留空则取当前成本。</translation>
    </message>
    <message>
        <source>Carton no.</source>
        <translation>箱号</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>箱数</translation>
    </message>
    <message>
        <source>Length cm</source>
        <translation>长（厘米）</translation>
    </message>
    <message>
        <source>Width cm</source>
        <translation>宽（厘米）</translation>
    </message>
    <message>
        <source>Height cm</source>
        <translation>高（厘米）</translation>
    </message>
    <message>
        <source>Gross kg each</source>
        <translation>单箱毛重（千克）</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>箱内货物</translation>
    </message>
    <message>
        <source>Add cartons</source>
        <translation>添加装箱</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>One row per carton size: number “1” or a range “2-10” with its count.</source>
        <translation>每种箱规一行：箱号填“1”或区间“2-10”，并填写箱数。</translation>
    </message>
    <message>
        <source>Type a SKU code or name</source>
        <translation>输入 SKU 编码或品名</translation>
    </message>
    <message>
        <source>Saving the shipment…</source>
        <translation>正在保存头程发运…</translation>
    </message>
    <message>
        <source>Line {0}</source>
        <translation>第 {0} 行明细</translation>
    </message>
    <message>
        <source>Cartons row {0}</source>
        <translation>第 {0} 行装箱</translation>
    </message>
</context>
<context>
    <name>Shipments</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发运</translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation>部分收货</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Chargeable weight</source>
        <translation>计费重</translation>
    </message>
    <message>
        <source>Gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>by quantity</source>
        <translation>按数量</translation>
    </message>
    <message>
        <source>from each SKU&apos;s weight and size</source>
        <translation>取自各 SKU 的重量和尺寸</translation>
    </message>
    <message>
        <source>from the cartons&apos; totals, shared by quantity (some SKUs lack sizes)</source>
        <translation>取自装箱合计，按数量分配（部分 SKU 缺少尺寸）</translation>
    </message>
    <message>
        <source>Freight</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Duty and taxes</source>
        <translation>关税及税费</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>杂费</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>保险费</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>相符</translation>
    </message>
    <message>
        <source>Still in transit</source>
        <translation>仍在途</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>短少</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>溢收</translation>
    </message>
    <message>
        <source>Sea (2)</source>
        <translation>水路（2）</translation>
    </message>
    <message>
        <source>Air (5)</source>
        <translation>航空（5）</translation>
    </message>
    <message>
        <source>Rail (3)</source>
        <translation>铁路（3）</translation>
    </message>
    <message>
        <source>Road (4)</source>
        <translation>公路（4）</translation>
    </message>
    <message>
        <source>Post (6)</source>
        <translation>邮件（6）</translation>
    </message>
    <message>
        <source>Other (9)</source>
        <translation>其他（9）</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>发运单号</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>发货仓 → 目的仓</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ship date</source>
        <translation>发运日期</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计到仓</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收货日期</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Cartons</source>
        <translation>箱数</translation>
    </message>
    <message>
        <source>First-leg cost (CNY)</source>
        <translation>头程费用（人民币）</translation>
    </message>
    <message>
        <source>{0} of {1} received</source>
        <translation>已收 {0}/{1}</translation>
    </message>
    <message>
        <source>Late: expected {0}</source>
        <translation>已逾期：预计 {0} 到仓</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>must be more than 0</source>
        <translation>必须大于 0</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>more than {0} decimal places</source>
        <translation>小数超过 {0} 位</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>数值过大</translation>
    </message>
    <message>
        <source>choose a SKU from the list</source>
        <translation>请从列表中选择 SKU</translation>
    </message>
    <message>
        <source>SKU {0} is on an earlier line</source>
        <translation>SKU {0} 已在前面的明细中</translation>
    </message>
    <message>
        <source>choose a warehouse</source>
        <translation>请选择仓库</translation>
    </message>
    <message>
        <source>warehouse {0} is not active</source>
        <translation>仓库 {0} 已停用</translation>
    </message>
    <message>
        <source>the same as the origin</source>
        <translation>与发货仓相同</translation>
    </message>
    <message>
        <source>another shipment has this reference</source>
        <translation>其他发运已使用此单号</translation>
    </message>
    <message>
        <source>longer than {0} characters</source>
        <translation>超过 {0} 个字符</translation>
    </message>
    <message>
        <source>required, at most 30 characters</source>
        <translation>必填，最多 30 个字符</translation>
    </message>
    <message>
        <source>must be a whole number above 0</source>
        <translation>必须是大于 0 的整数</translation>
    </message>
    <message>
        <source>two cartons with the same number</source>
        <translation>两行装箱的箱号相同</translation>
    </message>
    <message>
        <source>not a known currency code</source>
        <translation>不是已知的币制代码</translation>
    </message>
    <message>
        <source>no {0} exchange rate on or before {1}: enter one</source>
        <translation>{1} 及之前没有 {0} 汇率：请填写汇率</translation>
    </message>
    <message>
        <source>before the ship date {0}</source>
        <translation>早于发运日期 {0}</translation>
    </message>
    <message>
        <source>this SKU is not on the shipment</source>
        <translation>此 SKU 不在该批发运中</translation>
    </message>
    <message>
        <source>allocation by {0} needs {1}</source>
        <translation>按{0}分摊需要{1}</translation>
    </message>
</context>
<context>
    <name>ShipmentsScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Search by ref, carrier, tracking or booking no., SKU</source>
        <translation>按发运单号、承运人、运单号、订仓单号或 SKU 搜索</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>头程发运</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>In transit (shipped or partly received)</source>
        <translation>在途（已发运或部分收货）</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>New shipment…</source>
        <translation>新建发运…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Ship…</source>
        <translation>发运…</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>收货…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <source>Cancel draft</source>
        <translation>取消草稿</translation>
    </message>
    <message>
        <source>Costs…</source>
        <translation>费用…</translation>
    </message>
    <message>
        <source>Replenishment…</source>
        <translation>补货建议…</translation>
    </message>
    <message>
        <source>Finish a shipment that will receive nothing more: what is missing is short</source>
        <translation>结束不会再到货的发运：未到部分记为短少</translation>
    </message>
    <message>
        <source>What to send to each overseas warehouse, from its sales</source>
        <translation>根据销售计算各海外仓需要补多少货</translation>
    </message>
    <message>
        <source>{0} shipments</source>
        <translation>{0} 批发运</translation>
    </message>
    <message>
        <source>Showing the first {0} shipments; counting the rest…</source>
        <translation>已显示前 {0} 批发运，正在统计其余…</translation>
    </message>
    <message>
        <source>Shipment saved.</source>
        <translation>发运已保存。</translation>
    </message>
    <message>
        <source>Costs saved.</source>
        <translation>费用已保存。</translation>
    </message>
    <message>
        <source>{0}: {1} units on {2} line(s) leave {3} and are in transit to {4}. The stock moves are posted on this date.</source>
        <translation>{0}：{2} 行共 {1} 件从 {3} 出库，在途发往 {4}。库存流水按此日期记账。</translation>
    </message>
    <message>
        <source>Ship {0}</source>
        <translation>发运 {0}</translation>
    </message>
    <message>
        <source>Ship</source>
        <translation>发运</translation>
    </message>
    <message>
        <source>Shipping {0}…</source>
        <translation>正在发运 {0}…</translation>
    </message>
    <message>
        <source>{0} shipped.</source>
        <translation>{0} 已发运。</translation>
    </message>
    <message>
        <source>{0} received.</source>
        <translation>{0} 已收货。</translation>
    </message>
    <message>
        <source>Nothing more will arrive for {0}: the {1} units still missing are recorded as shortages and leave the in-transit stock at {2}.</source>
        <translation>{0} 不会再有货到：仍未到的 {1} 件记为短少，并从 {2} 的在途库存中扣除。</translation>
    </message>
    <message>
        <source>Close {0}</source>
        <translation>关闭 {0}</translation>
    </message>
    <message>
        <source>Close shipment</source>
        <translation>关闭发运</translation>
    </message>
    <message>
        <source>Closing {0}…</source>
        <translation>正在关闭 {0}…</translation>
    </message>
    <message>
        <source>{0} closed.</source>
        <translation>{0} 已关闭。</translation>
    </message>
    <message>
        <source>Cancel {0}</source>
        <translation>取消 {0}</translation>
    </message>
    <message>
        <source>Cancel the draft shipment {0}? It stays listed as cancelled.</source>
        <translation>取消发运草稿 {0}？它仍会以“已取消”显示在列表中。</translation>
    </message>
    <message>
        <source>Cancelling {0}…</source>
        <translation>正在取消 {0}…</translation>
    </message>
    <message>
        <source>{0} cancelled.</source>
        <translation>{0} 已取消。</translation>
    </message>
    <message>
        <source>Posted with warnings</source>
        <translation>已记账（有警告）</translation>
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
    <name>StockScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Search by SKU code or name</source>
        <translation>按 SKU 编码或品名搜索</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Only with stock</source>
        <translation>仅显示有库存</translation>
    </message>
    <message>
        <source>Hide positions with nothing on hand or in transit</source>
        <translation>隐藏在库和在途都为零的库存</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Positions at or below their reorder point: time to send more</source>
        <translation>已到或低于补货点：该补货了</translation>
    </message>
    <message>
        <source>Moves…</source>
        <translation>流水…</translation>
    </message>
    <message>
        <source>The ledger of the selected position (Enter)</source>
        <translation>所选 SKU 在该仓的库存流水（回车）</translation>
    </message>
    <message>
        <source>Stock ledger</source>
        <translation>库存流水</translation>
    </message>
    <message>
        <source>Adding up…</source>
        <translation>正在合计…</translation>
    </message>
    <message>
        <source>Total of {0} positions: {1} units on hand, {2} in transit, value {3} CNY</source>
        <translation>合计 {0} 条库存：在库 {1} 件，在途 {2} 件，金额 {3} 元</translation>
    </message>
    <message>
        <source>At the end of {0}, {1} positions: {2} units on hand, value {3} CNY (in transit and reserved are not kept for past dates)</source>
        <translation>{0} 日终，{1} 条库存：在库 {2} 件，金额 {3} 元（过去日期不保留在途和预留数）</translation>
    </message>
    <message>
        <source>{0} {1} (inactive)</source>
        <translation>{0} {1}（已停用）</translation>
    </message>
    <message>
        <source>{0} positions (SKU × warehouse)</source>
        <translation>{0} 条库存（SKU × 仓库）</translation>
    </message>
    <message>
        <source>Showing the first {0} positions; counting the rest…</source>
        <translation>显示前 {0} 条库存；正在统计其余…</translation>
    </message>
</context>
<context>
    <name>StockTable</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>预留</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Value (CNY)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Unit cost (CNY)</source>
        <translation>单位成本（元）</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可售天数</translation>
    </message>
    <message>
        <source>Sells {0} a day (last {1} days); low: time to send more</source>
        <translation>日均销量 {0}（近 {1} 天）；库存不足：该补货了</translation>
    </message>
    <message>
        <source>Sells {0} a day (last {1} days)</source>
        <translation>日均销量 {0}（近 {1} 天）</translation>
    </message>
    <message>
        <source>No sales in the last {0} days</source>
        <translation>近 {0} 天无销售</translation>
    </message>
    <message>
        <source>At or below its reorder point</source>
        <translation>已到或低于补货点</translation>
    </message>
    <message>
        <source>Not kept for past dates</source>
        <translation>过去日期不保留此数</translation>
    </message>
    <message>
        <source>Below zero: sold before it was received</source>
        <translation>负库存：未入库先销售</translation>
    </message>
</context>
<context>
    <name>StocktakesScreen</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>盘点单号</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Count date</source>
        <translation>盘点日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Posted on</source>
        <translation>过账时间</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面数量</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Value (CNY)</source>
        <translation>金额（人民币）</translation>
    </message>
    <message>
        <source>Show every line (not only the differences)</source>
        <translation>显示所有行（不只是差异）</translation>
    </message>
    <message>
        <source>Stocktakes</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>New stocktake…</source>
        <translation>新建盘点…</translation>
    </message>
    <message>
        <source>Export count sheet…</source>
        <translation>导出盘点表…</translation>
    </message>
    <message>
        <source>Import counts…</source>
        <translation>导入盘点数量…</translation>
    </message>
    <message>
        <source>Post differences…</source>
        <translation>差异过账…</translation>
    </message>
    <message>
        <source>Cancel stocktake</source>
        <translation>取消盘点</translation>
    </message>
    <message>
        <source>{0} stocktakes</source>
        <translation>{0} 次盘点</translation>
    </message>
    <message>
        <source>Counting sheet out</source>
        <translation>盘点表已发出</translation>
    </message>
    <message>
        <source>Counts imported</source>
        <translation>已导入盘点数</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The ledger changed since the sheet was made: the sheet said {0}</source>
        <translation>盘点表生成后台账已变动：盘点表上为 {0}</translation>
    </message>
    <message>
        <source>Create a stocktake to count a warehouse.</source>
        <translation>新建盘点以清点一个仓库。</translation>
    </message>
    <message>
        <source>{0}: export the count sheet, fill in Counted, import it back.</source>
        <translation>{0}：导出盘点表，填写实盘数量后再导入。</translation>
    </message>
    <message>
        <source>{0} SKUs differ from the ledger at {1}: {2} units found, {3} units missing, net value {4} CNY. {5} of {6} lines counted; uncounted lines are left alone.</source>
        <translation>{0} 个 SKU 与 {1} 的台账不符：盘盈 {2} 件，盘亏 {3} 件，净额 {4} 元。已盘 {5}/{6} 行；未盘的行不作调整。</translation>
    </message>
    <message>
        <source>Red expected quantities changed since the sheet was made.</source>
        <translation>红色的账面数量在盘点表生成后有变动。</translation>
    </message>
    <message>
        <source>Creating the stocktake…</source>
        <translation>正在创建盘点…</translation>
    </message>
    <message>
        <source>Stocktake created: export its count sheet next.</source>
        <translation>盘点已创建：下一步请导出盘点表。</translation>
    </message>
    <message>
        <source>Export count sheet</source>
        <translation>导出盘点表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the count sheet…</source>
        <translation>正在生成盘点表…</translation>
    </message>
    <message>
        <source>Count sheet with {0} SKUs saved to {1}</source>
        <translation>含 {0} 个 SKU 的盘点表已保存到 {1}</translation>
    </message>
    <message>
        <source>Import counts</source>
        <translation>导入盘点数量</translation>
    </message>
    <message>
        <source>Count sheets ({0})</source>
        <translation>盘点表 ({0})</translation>
    </message>
    <message>
        <source>Importing counts from {0}…</source>
        <translation>正在从 {0} 导入盘点数量…</translation>
    </message>
    <message>
        <source>Post {0}</source>
        <translation>过账 {0}</translation>
    </message>
    <message>
        <source>Post the differences of {0} as stock adjustments dated {1}?

{2}

Posted moves are not edited afterwards: a mistake is corrected by reversing them.</source>
        <translation>将 {0} 的差异按 {1} 记为库存调整？

{2}

过账后的流水不能修改：如有错误，请冲销更正。</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>过账</translation>
    </message>
    <message>
        <source>Posting the stocktake…</source>
        <translation>正在过账盘点…</translation>
    </message>
    <message>
        <source>{0} posted: {1} gains (+{2} units), {3} losses (−{4} units), net value {5} CNY.</source>
        <translation>{0} 已过账：盘盈 {1} 项（+{2} 件），盘亏 {3} 项（−{4} 件），净额 {5} 元。</translation>
    </message>
    <message>
        <source>Posted with warnings</source>
        <translation>已过账（有警告）</translation>
    </message>
    <message>
        <source>Stocktake posted</source>
        <translation>盘点已过账</translation>
    </message>
    <message>
        <source>Cancel {0}</source>
        <translation>取消 {0}</translation>
    </message>
    <message>
        <source>Cancel stocktake {0}? Nothing is posted; its counts are kept for reference.</source>
        <translation>取消盘点 {0}？不会过账任何差异；盘点数量保留备查。</translation>
    </message>
    <message>
        <source>Stocktake cancelled.</source>
        <translation>盘点已取消。</translation>
    </message>
    <message>
        <source>Cancelling the stocktake…</source>
        <translation>正在取消盘点…</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy with headers</source>
        <translation>复制（含表头）</translation>
    </message>
    <message>
        <source>Export visible rows…</source>
        <translation>导出显示的行…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the rows shown, as filtered and sorted, to Excel or CSV</source>
        <translation>按当前筛选和排序，将显示的行保存为 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Too many rows to copy</source>
        <translation>行数太多，无法复制</translation>
    </message>
    <message>
        <source>Use Export visible rows… to save this many rows to a file.</source>
        <translation>行数这么多，请用&quot;导出显示的行…&quot;保存到文件。</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export visible rows</source>
        <translation>导出显示的行</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>正在导出 {0}…</translation>
    </message>
    <message>
        <source>{0} rows exported to {1}</source>
        <translation>已导出 {0} 行到 {1}</translation>
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
    <name>WarehouseDialog</name>
    <message>
        <source>New warehouse</source>
        <translation>新建仓库</translation>
    </message>
    <message>
        <source>Edit warehouse</source>
        <translation>编辑仓库</translation>
    </message>
    <message>
        <source>In use (switched off, it takes no stock moves)</source>
        <translation>启用（停用后不再接受库存流水）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>仓库代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币制</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Short and unique, e.g. US-LA-3PL; used on the command line</source>
        <translation>简短且唯一，如 US-LA-3PL；命令行中使用</translation>
    </message>
    <message>
        <source>Where the warehouse is (ISO code, e.g. USA)</source>
        <translation>仓库所在国家（ISO 代码，如 USA）</translation>
    </message>
    <message>
        <source>The currency its fees are billed in</source>
        <translation>仓储费用的结算币制</translation>
    </message>
    <message>
        <source>The 3PL company, or Amazon for FBA</source>
        <translation>海外仓服务商，FBA 填亚马逊</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Saving the warehouse…</source>
        <translation>正在保存仓库…</translation>
    </message>
    <message>
        <source>Not saved: {0} problem(s) to fix.</source>
        <translation>未保存：有 {0} 个问题需要修改。</translation>
    </message>
</context>
<context>
    <name>WarehousesPanel</name>
    <message>
        <source>Domestic warehouse</source>
        <translation>国内仓</translation>
    </message>
    <message>
        <source>Overseas warehouse (3PL)</source>
        <translation>海外仓(第三方)</translation>
    </message>
    <message>
        <source>Platform warehouse (FBA)</source>
        <translation>平台仓(FBA)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>仓库代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币制</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Value (CNY)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>New warehouse…</source>
        <translation>新建仓库…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Moving weighted average</source>
        <translation>移动加权平均法</translation>
    </message>
    <message>
        <source>First in, first out (FIFO)</source>
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
        <source>How units leaving a warehouse are valued; applies to moves from now on.</source>
        <translation>出库成本的计算方法；对此后的流水生效。</translation>
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
        <source>Closed periods: no move, reversal or stocktake may be dated in them.</source>
        <translation>已结账期间：流水、冲销和盘点都不能记在其中。</translation>
    </message>
    <message>
        <source>Stock rules</source>
        <translation>库存规则</translation>
    </message>
    <message>
        <source>Save stock rules</source>
        <translation>保存库存规则</translation>
    </message>
    <message>
        <source>Saving the stock rules…</source>
        <translation>正在保存库存规则…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>未保存：请修改标红的项目。</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Warehouse saved.</source>
        <translation>仓库已保存。</translation>
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
