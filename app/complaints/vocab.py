"""Value words of complaints and follow-ups, declared once: the sheets, forms and screens use these."""

from enum import StrEnum


class ComplaintSeverity(StrEnum):
    NORMAL = "一般"
    IMPORTANT = "重要"
    MAJOR = "重大"


class ComplaintValidity(StrEnum):
    UNDECIDED = "待定"
    VALID = "有效"
    INVALID = "无效"


class ComplaintStatus(StrEnum):
    RECEIVED = "已受理"
    IN_PROGRESS = "处理中"
    AWAITING_FOLLOW_UP = "待回访"
    CLOSED = "已关闭"
    VOID = "已作废"


class ReplyMethod(StrEnum):
    IN_PERSON = "当面"
    PHONE = "电话"
    WRITTEN = "书面"
    OTHER = "其他"


class FollowUpSubject(StrEnum):
    COMPLAINT = "投诉"
    REPAIR = "维修"
    ROUTINE = "日常走访"
    OTHER = "其他"


class FollowUpMethod(StrEnum):
    PHONE = "电话"
    VISIT = "上门"
    OTHER = "其他"


class Feedback(StrEnum):
    SATISFIED = "满意"
    FAIRLY_SATISFIED = "较满意"
    DISSATISFIED = "不满意"


DEFAULT_COMPLAINT_CATEGORIES = [
    "装修噪音扰民",
    "公共设施故障",
    "室内设施/电器维修",
    "邮件报刊",
    "公共区域清洁绿化",
    "鼠虫害",
    "服务态度",
    "收费",
    "安全秩序",
    "停车",
    "其他",
]

ESCALATION_LEVELS = {0: "接待人", 1: "客服主管", 2: "经理", 3: "主管副总经理"}
