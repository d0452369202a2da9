"""Demo content for investors (issue 21, points 2–5), in both languages: 7 policies (one
expired), a 6-step setup guide, 2 development zones with 6 plots and premises, the cost of
doing business, and each industry's figures and own contact. Every figure, document and name
is invented for 示范市 / Demo City and says so (`DEMO_NOTE`, the sources). Idempotent: items
are found by their document number, step number, zone, reference or label and left alone
when they exist."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from reference.models import IndustrySection, Region, RegionKind

from .models import CostItem, GuideStep, Industry, Listing, Policy, Status, Zone

DEMO_NOTE = (
    "（示范数据：本文件为演示虚构，非真实政策。）",
    "(Demo data: an invented document, not a real policy.)",
)
DEMO_SOURCE = ("示范数据（虚构）", "Demo data (invented)")

# (document number, title zh, title en, body zh, body en, issued, effective, expires,
#  sections, incentives, summary zh, summary en, [(article zh, article en)])
POLICIES = [
    (
        "示政发〔2025〕8号",
        "示范市促进外商投资若干措施",
        "Measures to promote foreign investment in Demo City",
        "示范市人民政府",
        "Demo City People's Government",
        dt.date(2025, 3, 15),
        dt.date(2025, 4, 1),
        dt.date(2030, 3, 31),
        [],
        ["grant", "land", "service"],
        "外资项目实际到资达到一定规模的，市财政给予奖励；重点项目优先保障用地；每个项目配一名服务专员。",
        "Foreign-invested projects receive a cash award once the paid-in foreign capital reaches "
        "set thresholds; key projects get land first; every project gets a named service officer.",
        [
            (
                "外商投资企业依法平等享受本市各项支持政策。",
                "Foreign-invested enterprises receive every support the city offers on equal "
                "terms.",
            ),
            (
                "新设外商投资项目当年实际使用外资超过1000万美元的，按实际到资额的1%给予奖励，最高500万元。",
                "A new project that uses more than USD 10 million of foreign capital in a year "
                "receives 1% of the paid-in amount, up to CNY 5 million.",
            ),
            (
                "市招商局为每个外资项目确定一名服务专员，协调解决项目落地中的问题。",
                "The bureau names a service officer for every foreign-invested project to solve "
                "problems from signing to production.",
            ),
        ],
    ),
    (
        "示政办发〔2025〕21号",
        "示范市支持先进制造业高质量发展若干政策",
        "Policies supporting advanced manufacturing in Demo City",
        "示范市人民政府办公室",
        "General Office of the Demo City People's Government",
        dt.date(2025, 6, 10),
        dt.date(2025, 7, 1),
        dt.date(2029, 6, 30),
        ["C"],
        ["grant", "finance", "rnd"],
        "制造业企业技术改造投资给予补贴，贷款给予贴息，新认定的研发机构给予一次性奖励。",
        "Manufacturers receive grants for equipment upgrades and interest subsidies on loans; "
        "newly recognised R&D centres receive a one-off award.",
        [
            (
                "制造业企业设备投资超过2000万元的，按设备投资额的8%给予补贴，最高1000万元。",
                "A manufacturer investing more than CNY 20 million in equipment receives 8% of "
                "the amount, up to CNY 10 million.",
            ),
            (
                "对企业技术改造贷款，按贷款市场报价利率的50%给予贴息，期限不超过3年。",
                "Loans for technical upgrades receive an interest subsidy of half the loan prime "
                "rate for up to three years.",
            ),
            (
                "新认定为省级以上企业技术中心的，一次性奖励100万元。",
                "A newly recognised provincial or national enterprise technology centre receives "
                "CNY 1 million once.",
            ),
        ],
    ),
    (
        "示工信发〔2025〕5号",
        "示范市生物医药产业发展扶持办法",
        "Support for the biomedicine industry in Demo City",
        "示范市工业和信息化局",
        "Demo City Bureau of Industry and Information Technology",
        dt.date(2025, 9, 1),
        dt.date(2025, 10, 1),
        dt.date(2029, 12, 31),
        ["C", "M"],
        ["rnd", "grant", "talent"],
        "新药取得临床批件或上市许可的给予奖励；医药研发人才享受住房补贴。",
        "Awards for new drugs that reach clinical trials or market approval; housing subsidies "
        "for pharmaceutical researchers.",
        [
            (
                "企业研发的一类新药取得上市许可的，奖励500万元。",
                "A company whose class 1 new drug is approved for the market receives "
                "CNY 5 million.",
            ),
            (
                "通过仿制药质量和疗效一致性评价的，每个品种奖励100万元。",
                "Each generic drug that passes the consistency evaluation receives CNY 1 million.",
            ),
            (
                "医药企业引进的博士研究人员，5年内每月给予住房补贴3000元。",
                "Doctoral researchers hired by pharmaceutical companies receive a housing "
                "allowance of CNY 3,000 a month for five years.",
            ),
        ],
    ),
    (
        "示人社发〔2024〕12号",
        "示范市高层次人才引进办法",
        "Attracting high-level talent to Demo City",
        "示范市人力资源和社会保障局",
        "Demo City Human Resources and Social Security Bureau",
        dt.date(2024, 11, 20),
        dt.date(2025, 1, 1),
        None,
        [],
        ["talent"],
        "引进的高层次人才按层级给予安家补贴，子女入学和医疗享受绿色通道。",
        "High-level talent receives a settling-in allowance by level, with priority for "
        "children's school places and medical care.",
        [
            (
                "A类人才给予安家补贴100万元，B类50万元，C类20万元。",
                "Settling-in allowance: CNY 1 million for class A talent, CNY 500,000 for "
                "class B, CNY 200,000 for class C.",
            ),
            (
                "外籍高层次人才办理工作许可和居留许可实行一次告知、限时办结。",
                "Foreign high-level talent is told once what is needed for work and residence "
                "permits, which are issued within set time limits.",
            ),
        ],
    ),
    (
        "示经开管发〔2025〕3号",
        "示范经济技术开发区标准地出让和标准厂房租金优惠办法",
        "Ready-to-build land and factory rent relief in the Demo Economic and Technological "
        "Development Zone",
        "示范经济技术开发区管理委员会",
        "Administrative Committee of the Demo Economic and Technological Development Zone",
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 15),
        dt.date(2029, 12, 31),
        ["C", "G"],
        ["land"],
        "工业用地按“标准地”出让，拿地即开工；租用标准厂房的前两年租金减半。",
        "Industrial land is sold as ready-to-build plots, so building starts on transfer; "
        "tenants of standard factories pay half rent for the first two years.",
        [
            (
                "工业用地出让前完成区域评估，明确投资强度、容积率和亩均税收等指标。",
                "Before land is sold, the zone completes the area assessments and sets the "
                "investment density, plot ratio and tax per mu.",
            ),
            (
                "新入驻制造业企业租用标准厂房的，前两年租金减半。",
                "A new manufacturer renting a standard factory pays half rent for two years.",
            ),
        ],
    ),
    (
        "示税发〔2025〕2号",
        "高新技术企业及研发费用加计扣除政策指引",
        "Guide to high-tech enterprise status and the R&D super-deduction",
        "国家税务总局示范市税务局",
        "Demo City Tax Service, State Taxation Administration",
        dt.date(2025, 5, 8),
        dt.date(2025, 5, 8),
        None,
        [],
        ["tax", "rnd"],
        "认定为高新技术企业的，企业所得税按15%征收；研发费用按100%在税前加计扣除。",
        "Recognised high-tech enterprises pay 15% corporate income tax instead of 25%; R&D "
        "spending is deducted a second time (100% super-deduction) before tax.",
        [
            (
                "经认定的高新技术企业，减按15%的税率征收企业所得税。",
                "A recognised high-tech enterprise pays corporate income tax at 15%.",
            ),
            (
                "企业开展研发活动实际发生的研发费用，在按规定据实扣除的基础上，再按实际发生额的100%在税前加计扣除。",
                "R&D spending is deducted as incurred and a further 100% of it is deducted "
                "before tax.",
            ),
        ],
    ),
    (
        "示政发〔2022〕4号",
        "示范市支持企业纾困发展若干措施",
        "Relief measures for enterprises in Demo City",
        "示范市人民政府",
        "Demo City People's Government",
        dt.date(2022, 2, 10),
        dt.date(2022, 2, 10),
        dt.date(2023, 12, 31),
        [],
        ["grant", "finance"],
        "阶段性减免房租、缓缴社保费用。已到期。",
        "Temporary rent relief and deferred social insurance contributions. Expired.",
        [
            (
                "承租国有房产的中小企业减免3个月租金。",
                "Small businesses renting state-owned premises paid no rent for three months.",
            ),
        ],
    ),
]

# (step, title zh/en, summary zh/en, office zh/en, days, fees zh/en, time zh/en,
#  documents zh/en, legal basis zh/en)
_CENTRE = ("示范市政务服务中心", "Demo City Government Service Centre")
_ADDRESS = ("示范市人民路1号", "1 Renmin Road, Demo City")
_HOURS = ("工作日 9:00–17:30，周六 9:00–12:00", "Working days 9:00–17:30, Saturdays 9:00–12:00")
_COMPLAIN = (
    "拨打12345政务服务便民热线，或向示范市优化经济发展环境投诉中心（经济环境110）投诉。",
    "Call the 12345 government service hotline, or complain to the economic-environment "
    "complaint office (110) through this site.",
)
GUIDE = [
    (
        "企业名称申报与设立登记",
        "Name registration and incorporation",
        "在线申报企业名称并提交设立登记申请，外商投资信息报告随登记一并完成。",
        "Declare the company name online and file for incorporation; the foreign investment "
        "information report is made with the registration.",
        "示范市市场监督管理局（政务服务中心二楼A区）",
        "Demo City Administration for Market Regulation (Government Service Centre, 2nd floor, "
        "zone A)",
        3,
        "免费",
        "Free",
        "3个工作日",
        "3 working days",
        "公司章程\n投资者主体资格证明（经公证认证）\n法定代表人、董事、监事任职文件\n住所使用证明",
        "Articles of association\nInvestor's certificate of incorporation (notarised and "
        "legalised)\nAppointment of the legal representative, directors and supervisors\nProof "
        "of the registered address",
        "《中华人民共和国外商投资法》\n《中华人民共和国市场主体登记管理条例》",
        "Foreign Investment Law of the People's Republic of China\nRegulations on the "
        "Registration of Market Entities",
    ),
    (
        "刻制公章",
        "Company seals",
        "到公安机关备案的刻章企业刻制公章、财务章和发票专用章。",
        "Have the company, finance and invoice seals made by a seal maker registered with the "
        "police.",
        "示范市公安局治安管理支队（政务服务中心一楼）",
        "Demo City Public Security Bureau, public order division (Government Service Centre, "
        "1st floor)",
        1,
        "首套印章免费",
        "The first set of seals is free",
        "1个工作日",
        "1 working day",
        "营业执照\n法定代表人身份证明",
        "Business licence\nLegal representative's identity document",
        "《印铸刻字业暨公章刻制治安管理办法》",
        "Measures for the Public Security Management of Seal Making",
    ),
    (
        "开立银行账户",
        "Bank accounts",
        "在任一商业银行开立基本存款账户和外汇资本金账户。",
        "Open a basic deposit account and a foreign-currency capital account at a commercial "
        "bank of your choice.",
        "任一商业银行（政务服务中心一楼设有银行窗口）",
        "Any commercial bank (bank counters on the 1st floor of the Government Service Centre)",
        1,
        "按银行收费标准",
        "Bank's standard charges",
        "1个工作日",
        "1 working day",
        "营业执照\n公章、财务章\n法定代表人身份证明",
        "Business licence\nCompany and finance seals\nLegal representative's identity document",
        "《人民币银行结算账户管理办法》",
        "Measures for the Administration of RMB Bank Settlement Accounts",
    ),
    (
        "外汇登记",
        "Foreign exchange registration",
        "在银行办理外商直接投资基本信息登记，之后外方出资可汇入资本金账户。",
        "Register the foreign direct investment with the bank; the foreign capital can then be "
        "paid into the capital account.",
        "开户银行（受国家外汇管理局委托）",
        "Your bank (acting for the State Administration of Foreign Exchange)",
        1,
        "免费",
        "Free",
        "1个工作日",
        "1 working day",
        "营业执照\n外商投资信息报告回执",
        "Business licence\nReceipt of the foreign investment information report",
        "《外商直接投资外汇管理规定》",
        "Provisions on Foreign Exchange Administration of Foreign Direct Investment",
    ),
    (
        "税务信息确认与发票申领",
        "Tax registration and invoices",
        "确认税务登记信息、税种核定并申领发票，可在电子税务局在线办理。",
        "Confirm the tax registration, the taxes that apply, and apply for invoices; all can be "
        "done online at the electronic tax bureau.",
        "国家税务总局示范市税务局（政务服务中心三楼）",
        "Demo City Tax Service (Government Service Centre, 3rd floor)",
        1,
        "免费",
        "Free",
        "1个工作日",
        "1 working day",
        "营业执照\n银行账户信息\n财务负责人、办税人员身份证明",
        "Business licence\nBank account details\nIdentity documents of the finance officer and "
        "tax clerk",
        "《中华人民共和国税收征收管理法》",
        "Law of the People's Republic of China on the Administration of Tax Collection",
    ),
    (
        "社会保险与住房公积金登记",
        "Social insurance and housing fund",
        "为员工办理社会保险登记和住房公积金缴存登记，外籍员工同样参保。",
        "Register the company for social insurance and the housing provident fund; foreign "
        "employees are insured too.",
        "示范市人力资源和社会保障局、示范市住房公积金中心（政务服务中心三楼）",
        "Demo City Human Resources and Social Security Bureau and Housing Provident Fund Centre "
        "(Government Service Centre, 3rd floor)",
        1,
        "免费",
        "Free",
        "1个工作日",
        "1 working day",
        "营业执照\n员工名册与劳动合同",
        "Business licence\nStaff list and employment contracts",
        "《中华人民共和国社会保险法》\n《住房公积金管理条例》",
        "Social Insurance Law of the People's Republic of China\nRegulations on the "
        "Administration of Housing Provident Funds",
    ),
]

ZONES = [
    {
        "region_en": "Demo Economic and Technological Development Zone",
        "slug": "demo-etdz",
        "name": ("示范经济技术开发区", "Demo Economic and Technological Development Zone"),
        "level": ("国家级经济技术开发区", "National economic and technological development zone"),
        "summary": (
            "以生物医药、食品加工和现代物流为主导，紧邻江口港和高速公路。",
            "Pharmaceuticals, food processing and logistics, next to Jiangkou port and the "
            "expressway.",
        ),
        "body": (
            "开发区规划面积32.5平方公里，已建成标准厂房60万平方米，污水处理厂、蒸汽管网和220千伏变电站全部投运。",
            "The zone covers 32.5 km² with 600,000 m² of standard factories built; its sewage "
            "works, steam network and 220 kV substation are all in service.",
        ),
        "figures": (Decimal("32.5"), 486, Decimal("612.4"), 2025),
        "sections": ["C", "G"],
        "enterprises": (
            "示范药业股份有限公司\n江口食品集团有限公司\n长江冷链物流有限公司",
            "Demo Pharmaceutical Co., Ltd.\nJiangkou Food Group Co., Ltd.\nChangjiang Cold "
            "Chain Logistics Co., Ltd.",
        ),
        "contact": ("周建华", "Zhou Jianhua"),
        "address": (
            "示范经开区管委会大楼，开发大道1号",
            "Zone Administration Building, 1 Kaifa Avenue",
        ),
        "phone": "+86 731 0000 0200",
        "email": "etdz@demo-city.example.cn",
        "plots": [
            (
                "ETDZ-L01",
                "land",
                "医药产业园地块A-03",
                "Pharma park plot A-03",
                "66700",
                "384",
                "sale",
                "industrial",
                ["power", "water", "gas", "steam", "sewage", "fibre"],
                0,
            ),
            (
                "ETDZ-F02",
                "factory",
                "标准厂房3号楼",
                "Standard factory, building 3",
                "12000",
                "14.5",
                "rent",
                "industrial",
                ["power", "water", "gas", "sewage", "fibre"],
                0,
            ),
            (
                "ETDZ-W03",
                "warehouse",
                "港区冷链仓库",
                "Port cold-chain warehouse",
                "8000",
                "12",
                "rent",
                "logistics",
                ["power", "water", "fibre"],
                90,
            ),
        ],
    },
    {
        "region_en": "Chengdong High-tech Industrial Development Zone",
        "slug": "chengdong-hitech",
        "name": ("城东高新技术产业开发区", "Chengdong High-tech Industrial Development Zone"),
        "level": ("省级高新技术产业开发区", "Provincial high-tech industrial development zone"),
        "summary": (
            "以新材料、电子信息和研发服务为主导，紧邻高铁站和大学城。",
            "New materials, electronics and R&D services, next to the high-speed rail station "
            "and the university town.",
        ),
        "body": (
            "高新区规划面积18.2平方公里，建有省级孵化器和中试基地，周边三所高校每年输送理工科毕业生五千余人。",
            "The zone covers 18.2 km² with a provincial incubator and a pilot-production base; "
            "three nearby universities turn out over 5,000 science and engineering graduates a "
            "year.",
        ),
        "figures": (Decimal("18.2"), 312, Decimal("298.7"), 2025),
        "sections": ["C", "I", "M"],
        "enterprises": (
            "城东新材料科技有限公司\n示范电子信息产业园\n长江纺织研究院",
            "Chengdong New Materials Technology Co., Ltd.\nDemo Electronics Industrial Park\n"
            "Changjiang Textile Research Institute",
        ),
        "contact": ("吴晓燕", "Wu Xiaoyan"),
        "address": ("高新区创新大道88号", "88 Innovation Avenue, High-tech Zone"),
        "phone": "+86 731 0000 0001",
        "email": "hitech@demo-city.example.cn",
        "plots": [
            (
                "HT-L01",
                "land",
                "新材料产业园地块B-07",
                "New materials park plot B-07",
                "33350",
                "420",
                "sale",
                "industrial",
                ["power", "water", "gas", "sewage", "fibre"],
                30,
            ),
            (
                "HT-F02",
                "factory",
                "中试基地厂房5号楼",
                "Pilot base factory, building 5",
                "6400",
                "16",
                "rent",
                "industrial",
                ["power", "water", "sewage", "fibre"],
                0,
            ),
            (
                "HT-O03",
                "office",
                "孵化器研发楼十二层",
                "Incubator R&D tower, 12th floor",
                "1200",
                "35",
                "rent",
                "research",
                ["power", "water", "fibre"],
                0,
            ),
        ],
    },
]

# (category, label zh/en, value, unit zh/en, note zh/en, source zh/en)
_NDRC = (
    "示范市发展和改革委员会（示范数据）",
    "Demo City Development and Reform Commission (demo data)",
)
_HR = ("示范市人力资源和社会保障局（示范数据）", "Demo City Human Resources Bureau (demo data)")
_TAX = ("国家税务总局示范市税务局（示范数据）", "Demo City Tax Service (demo data)")
_ZONE = ("示范经开区管委会（示范数据）", "Demo ETDZ Administrative Committee (demo data)")
_EDU = ("示范市教育局（示范数据）", "Demo City Education Bureau (demo data)")
COSTS = [
    (
        "land",
        "工业用地出让价",
        "Industrial land, transfer price",
        "384",
        "元/平方米",
        "CNY per m²",
        "50年使用权",
        "50-year land-use right",
        _ZONE,
    ),
    (
        "land",
        "标准厂房租金",
        "Standard factory rent",
        "14.5",
        "元/平方米·月",
        "CNY per m² per month",
        "",
        "",
        _ZONE,
    ),
    (
        "land",
        "甲级写字楼租金",
        "Grade A office rent",
        "45",
        "元/平方米·月",
        "CNY per m² per month",
        "",
        "",
        _NDRC,
    ),
    ("wages", "最低工资标准", "Minimum wage", "1930", "元/月", "CNY per month", "", "", _HR),
    (
        "wages",
        "一线操作工",
        "Production worker",
        "4800",
        "元/月",
        "CNY per month",
        "平均月工资",
        "average monthly wage",
        _HR,
    ),
    (
        "wages",
        "技术工人",
        "Skilled technician",
        "6500",
        "元/月",
        "CNY per month",
        "平均月工资",
        "average monthly wage",
        _HR,
    ),
    (
        "wages",
        "工程师",
        "Engineer",
        "9800",
        "元/月",
        "CNY per month",
        "平均月工资",
        "average monthly wage",
        _HR,
    ),
    (
        "wages",
        "部门经理",
        "Department manager",
        "16000",
        "元/月",
        "CNY per month",
        "平均月工资",
        "average monthly wage",
        _HR,
    ),
    (
        "electricity",
        "大工业用电",
        "Large industrial users",
        "0.6235",
        "元/千瓦时",
        "CNY per kWh",
        "1–10千伏，平段",
        "1–10 kV, flat period",
        _NDRC,
    ),
    (
        "electricity",
        "一般工商业用电",
        "General commercial users",
        "0.6810",
        "元/千瓦时",
        "CNY per kWh",
        "",
        "",
        _NDRC,
    ),
    (
        "water",
        "工业用水",
        "Industrial water",
        "3.85",
        "元/立方米",
        "CNY per m³",
        "含污水处理费",
        "including sewage charge",
        _NDRC,
    ),
    (
        "gas",
        "工业用天然气",
        "Industrial natural gas",
        "3.60",
        "元/立方米",
        "CNY per m³",
        "",
        "",
        _NDRC,
    ),
    (
        "tax",
        "企业所得税",
        "Corporate income tax",
        "25",
        "%",
        "%",
        "高新技术企业15%",
        "15% for high-tech enterprises",
        _TAX,
    ),
    ("tax", "增值税（一般税率）", "Value-added tax (standard rate)", "13", "%", "%", "", "", _TAX),
    (
        "social",
        "养老保险（单位）",
        "Pension insurance (employer)",
        "16",
        "%",
        "%",
        "按缴费基数",
        "of the contribution base",
        _HR,
    ),
    ("social", "医疗保险（单位）", "Medical insurance (employer)", "8", "%", "%", "", "", _HR),
    (
        "social",
        "失业保险（单位）",
        "Unemployment insurance (employer)",
        "0.7",
        "%",
        "%",
        "",
        "",
        _HR,
    ),
    (
        "social",
        "住房公积金（单位）",
        "Housing provident fund (employer)",
        "8",
        "%",
        "%",
        "可在5%–12%之间选择",
        "the employer chooses 5–12%",
        _HR,
    ),
    ("workforce", "高校毕业生", "University graduates", "12500", "人/年", "a year", "", "", _EDU),
    (
        "workforce",
        "职业院校毕业生",
        "Vocational school graduates",
        "9800",
        "人/年",
        "a year",
        "",
        "",
        _EDU,
    ),
    (
        "workforce",
        "职业院校",
        "Vocational schools",
        "14",
        "所",
        "schools",
        "含技工学校",
        "including technical schools",
        _EDU,
    ),
]

# slug → (sections, enterprises, output CNY 100m, workforce, contact zh, contact en)
INDUSTRY_FIGURES = {
    "pharmaceuticals": (["C"], 86, "312.5", 24600, "王芳", "Wang Fang"),
    "textiles": (["C"], 214, "268.3", 41200, "陈刚", "Chen Gang"),
    "food-processing": (["C", "A"], 158, "195.6", 18900, "刘洋", "Liu Yang"),
    "salt": (["B", "C"], 12, "46.2", 3100, "赵磊", "Zhao Lei"),
    "gypsum": (["B", "C"], 27, "38.9", 4500, "孙丽", "Sun Li"),
    "pearls": (["A"], 63, "21.4", 6800, "周敏", "Zhou Min"),
}


def seed_investor_content() -> None:
    today = timezone.localdate()
    reviewed = {
        "reviewed_on": today - dt.timedelta(days=20),
        "next_review_on": today + dt.timedelta(days=160),
        "status": Status.PUBLISHED,
        "published_at": timezone.now(),
    }
    sections = {s.code: s for s in IndustrySection.objects.all()}
    _seed_policies(reviewed, sections)
    _seed_guide(reviewed)
    _seed_zones(reviewed, sections, today)
    _seed_costs(reviewed)
    _seed_industry_figures(reviewed, sections)


def _seed_policies(reviewed, sections):
    for (number, zt, et, zb, eb, issued, effective, expires, codes, incentives, zs, es,
         articles) in POLICIES:  # fmt: skip
        text_zh = "\n\n".join(f"第{i}条　{a}" for i, (a, _e) in enumerate(articles, 1))
        text_en = "\n\n".join(f"Article {i}. {e}" for i, (_a, e) in enumerate(articles, 1))
        policy, created = Policy.objects.get_or_create(
            document_number=number,
            defaults={
                "title": zt,
                "title_zh_hans": zt,
                "title_en": et,
                "issuing_body_zh_hans": zb,
                "issuing_body_en": eb,
                "issued_on": issued,
                "effective_on": effective,
                "expires_on": expires,
                "summary_zh_hans": zs,
                "summary_en": es,
                "text_zh_hans": f"{text_zh}\n\n{DEMO_NOTE[0]}",
                "text_en": f"{text_en}\n\n{DEMO_NOTE[1]}",
                "incentives": incentives,
                **reviewed,
            },
        )
        if created:
            policy.sections.set([sections[c] for c in codes if c in sections])


def _seed_guide(reviewed):
    for order, row in enumerate(GUIDE, 1):
        (zt, et, zs, es, zo, eo, days, zf, ef, ztl, etl, zd, ed, zl, el) = row
        GuideStep.objects.get_or_create(
            order=order,
            title_zh_hans=zt,
            defaults={
                "title": zt,
                "title_en": et,
                "summary_zh_hans": zs,
                "summary_en": es,
                "office_zh_hans": zo,
                "office_en": eo,
                "office_address_zh_hans": _ADDRESS[0],
                "office_address_en": _ADDRESS[1],
                "office_hours_zh_hans": _HOURS[0],
                "office_hours_en": _HOURS[1],
                "office_phone": "+86 731 0000 0300",
                "documents_zh_hans": zd,
                "documents_en": ed,
                "fees_zh_hans": zf,
                "fees_en": ef,
                "time_limit_zh_hans": ztl,
                "time_limit_en": etl,
                "time_limit_days": days,
                "legal_basis_zh_hans": zl,
                "legal_basis_en": el,
                "complaints_zh_hans": _COMPLAIN[0],
                "complaints_en": _COMPLAIN[1],
                **reviewed,
            },
        )


def _seed_zones(reviewed, sections, today):
    for order, z in enumerate(ZONES):
        region = Region.objects.filter(kind=RegionKind.DEV_ZONE, name_en=z["region_en"]).first()
        if region is None:
            continue
        area, enterprises, output, year = z["figures"]
        zone, created = Zone.objects.get_or_create(
            region=region,
            defaults={
                "slug": z["slug"],
                "order": order,
                "name": z["name"][0],
                "name_zh_hans": z["name"][0],
                "name_en": z["name"][1],
                "level_zh_hans": z["level"][0],
                "level_en": z["level"][1],
                "summary_zh_hans": z["summary"][0],
                "summary_en": z["summary"][1],
                "body_zh_hans": z["body"][0],
                "body_en": z["body"][1],
                "area_km2": area,
                "enterprises_count": enterprises,
                "output_cny_100m": output,
                "figures_year": year,
                "figures_source_zh_hans": DEMO_SOURCE[0],
                "figures_source_en": DEMO_SOURCE[1],
                "enterprises_zh_hans": z["enterprises"][0],
                "enterprises_en": z["enterprises"][1],
                "contact_name_zh_hans": z["contact"][0],
                "contact_name_en": z["contact"][1],
                "contact_address_zh_hans": z["address"][0],
                "contact_address_en": z["address"][1],
                "contact_phone": z["phone"],
                "contact_email": z["email"],
                **reviewed,
            },
        )
        if created:
            zone.sections.set([sections[c] for c in z["sections"] if c in sections])
        for code, kind, zn, en, area_m2, price, basis, zoning, utilities, days in z["plots"]:
            Listing.objects.get_or_create(
                code=code,
                defaults={
                    "zone": zone,
                    "kind": kind,
                    "name": zn,
                    "name_zh_hans": zn,
                    "name_en": en,
                    "description_zh_hans": f"{zn}。{DEMO_SOURCE[0]}。",
                    "description_en": f"{en}. {DEMO_SOURCE[1]}.",
                    "area_m2": Decimal(area_m2),
                    "price_cny": Decimal(price),
                    "price_basis": basis,
                    "zoning": zoning,
                    "utilities": utilities,
                    "available_from": today + dt.timedelta(days=days),
                    "contact_name_zh_hans": z["contact"][0],
                    "contact_name_en": z["contact"][1],
                    "contact_phone": z["phone"],
                    "contact_email": z["email"],
                    **reviewed,
                },
            )


def _seed_costs(reviewed):
    as_of = dt.date(2025, 12, 31)
    for order, (cat, zl, el, value, zu, eu, zn, en, source) in enumerate(COSTS):
        CostItem.objects.get_or_create(
            label_zh_hans=zl,
            defaults={
                "category": cat,
                "order": order,
                "label": zl,
                "label_en": el,
                "value": Decimal(value),
                "unit_zh_hans": zu,
                "unit_en": eu,
                "note_zh_hans": zn,
                "note_en": en,
                "source_zh_hans": source[0],
                "source_en": source[1],
                "as_of": as_of,
                **reviewed,
            },
        )


def _seed_industry_figures(reviewed, sections):
    """Each demo industry gets its figures, its sections and its own contact person, once
    (an industry whose figures staff have entered is left alone)."""
    for industry in Industry.objects.filter(slug__in=INDUSTRY_FIGURES, enterprises_count=None):
        codes, enterprises, output, workforce, zn, en = INDUSTRY_FIGURES[industry.slug]
        industry.enterprises_count = enterprises
        industry.output_cny_100m = Decimal(output)
        industry.workforce = workforce
        industry.figures_year = 2025
        industry.figures_source_zh_hans = DEMO_SOURCE[0]
        industry.figures_source_en = DEMO_SOURCE[1]
        industry.contact_name_zh_hans = zn
        industry.contact_name_en = en
        industry.reviewed_on = reviewed["reviewed_on"]
        industry.next_review_on = reviewed["next_review_on"]
        industry.save()
        industry.sections.set([sections[c] for c in codes if c in sections])
