"""Value words. Enum values are the Chinese words the workbook and the forms use."""

from enum import StrEnum


class Role(StrEnum):
    RECEPTIONIST = "前台客服"
    SUPERVISOR = "客服主管"
    MANAGER = "经理"
    ADMIN = "管理员"

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]

    @classmethod
    def from_cli(cls, name: str) -> "Role":
        return {
            "receptionist": cls.RECEPTIONIST,
            "supervisor": cls.SUPERVISOR,
            "manager": cls.MANAGER,
            "admin": cls.ADMIN,
        }[name]


_ROLE_RANK = {Role.RECEPTIONIST: 0, Role.SUPERVISOR: 1, Role.MANAGER: 2, Role.ADMIN: 3}


class ResidentRole(StrEnum):
    OWNER = "业主"
    OCCUPANT = "住户"
    TENANT = "租户"


class ContactMethod(StrEnum):
    VISIT = "来访"
    CALL = "来电"
    LETTER = "来函"
    OTHER = "其他"


class ContactCategory(StrEnum):
    INQUIRY = "咨询"
    REPAIR = "报修"
    COMPLAINT = "投诉"
    SUGGESTION = "建议"
    PRAISE = "表扬"
    HELP = "求助"
    RELAY = "转告"
    OTHER = "其他"


class HandlingMode(StrEnum):
    ON_THE_SPOT = "当即处理"
    HANDED_OVER = "转交"


class ContactStatus(StrEnum):
    PENDING = "待处理"
    IN_PROGRESS = "处理中"
    DONE = "已完成"
    VOID = "已作废"


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


class RelayStatus(StrEnum):
    PENDING = "待转告"
    PASSED_ON = "已转告"
    VOID = "已作废"


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

DEFAULT_DEPARTMENTS = ["工程部", "安管部", "环境部", "财务", "客服部"]

ESCALATION_LEVELS = {0: "接待人", 1: "客服主管", 2: "经理", 3: "主管副总经理"}
