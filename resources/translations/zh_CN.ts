<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>Your company&apos;s details go onto every declaration and rebate form.</source>
        <translation>企业信息会用于每一份报关单和退税申报表。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
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
