"""The standard a new site starts with (客户服务督导标准), as data: each 一级指标 with its points
and its 二级指标 with 检查标准 (numbered requirements), 检查方法 and 扣分标准 (points taken per
problem, or per person per problem). The site edits its copy; this table only seeds it.

Points are in hundredths (1000 = 10 分, 50 = 0.5 分) so sums are exact."""

from app.inspections.vocab import DeductionBasis as B, Method as M

SEED: tuple[dict, ...] = (
    {"name": "行为规范", "points": 1000, "items": (
        {"name": "服务礼仪", "method": M.SPOT_CHECK, "basis": B.PER_PERSON, "deduct": 30, "criteria": (
            "见面微笑、主动问好、起身服务",
            "电话三响内接听，及时记录并重复、确认内容",
            "与客户沟通保持一米以外的距离",
            "认真记录投诉和需求，及时反馈")},
        {"name": "仪容仪表", "method": M.SPOT_CHECK, "basis": B.PER_PERSON, "deduct": 30, "criteria": (
            "统一着装、佩戴工牌，整洁得体",
            "发型、妆容、饰物符合公司规定")},
    )},
    {"name": "房屋交付", "points": 1000, "items": (
        {"name": "交付准备", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "交付计划提前三个月制定",
            "交付筹备期间每周召开例会",
            "交付资料齐全")},
        {"name": "交付手续办理", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "受托人须有公证的授权委托书并留存双方身份证复印件",
            "交付后一周内录入物业管理软件",
            "验房问题有整改期限并复验")},
    )},
    {"name": "装修服务", "points": 1400, "items": (
        {"name": "装修服务准备", "method": M.RECORDS_OR_SITE, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "有明确的责任人和工作要求",
            "交付前梳理装修关键节点和服务内容",
            "各户型装修要求与统一款式")},
        {"name": "装修管理", "method": M.RECORDS_OR_SITE, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "装修申请审批手续齐全，发放装修许可证",
            "在施单位每日巡查并记录",
            "违规即时制止，发出整改通知书并复查",
            "完工验收后退还押金")},
    )},
    {"name": "来访来电接待", "points": 1000, "items": (
        {"name": "接待登记", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "来访、来电、来函均有登记",
            "能当场解决的当场解决并记录处理情况",
            "不能解决的当天转交责任部门")},
        {"name": "转告与跟进", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "转告信息记录完整并及时传达",
            "每日下班前列出未完成事项")},
    )},
    {"name": "投诉处理", "points": 1400, "items": (
        {"name": "投诉受理", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "投诉记录要素齐全（投诉人、房号、时间、内容、联系电话）",
            "按性质确定处理时限",
            "客服主管每日审核投诉处理意见表")},
        {"name": "投诉处理与回复", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "在时限内处理并回复",
            "超过五个工作日未结的每日记录进展",
            "住户不认可的升级处理")},
    )},
    {"name": "回访管理", "points": 1000, "items": (
        {"name": "回访执行", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "投诉完成后三个工作日内回访，回访率100%",
            "安全设施及渗漏水维修必须回访",
            "不满意的重新处理")},
        {"name": "日常走访", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "每半年走访辖区全部住户，覆盖率不低于98%",
            "走访提出的问题处理率100%")},
    )},
    {"name": "维修服务", "points": 1000, "items": (
        {"name": "报修处理", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "报修即开维修工作单",
            "维修部门三十分钟内接单",
            "超时维修有催办记录")},
    )},
    {"name": "满意度调查", "points": 800, "items": (
        {"name": "调查实施", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "调查计划提前二十天批准",
            "样本发放率100%，回收率不低于70%",
            "调查结束后五天内分析归档")},
        {"name": "整改落实", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "低分项目制定整改措施，明确责任人和期限",
            "整改措施按期完成")},
    )},
    {"name": "服务环境", "points": 600, "items": (
        {"name": "前台环境", "method": M.RECORDS_OR_SITE, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "前台整洁，标识清晰",
            "公示服务时间、收费标准和服务电话")},
    )},
    {"name": "档案资料", "points": 800, "items": (
        {"name": "业主档案", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "业主资料卡、签署的协议及交付记录完整",
            "档案保密，按权限查阅")},
        {"name": "工作记录", "method": M.DOCUMENTS, "basis": B.PER_PROBLEM, "deduct": 50, "criteria": (
            "各类记录表填写完整、签字齐全并按期归档",)},
    )},
)
