"""Value words of the desk services, declared once: the services, the sheets, the forms and the
screens use these."""

from enum import StrEnum


class LoanStatus(StrEnum):
    OUT = "借出"
    RETURNED = "已归还"
    VOID = "已作废"


class ItemCondition(StrEnum):
    """The state of a borrowed item when it comes back."""

    GOOD = "完好"
    DAMAGED = "损坏"
    LOST = "丢失"


class PayMethod(StrEnum):
    CASH = "现金"
    WECHAT = "微信"
    ALIPAY = "支付宝"
    CARD = "刷卡"


class ServiceStatus(StrEnum):
    PAID = "已收费"
    VOID = "已作废"


class MoneyKind(StrEnum):
    """What one movement of money at the desk is."""

    DEPOSIT_IN = "收取押金"
    DEPOSIT_OUT = "退还押金"
    LOAN_FEE = "借用费"
    SERVICE_FEE = "有偿服务费"


class HandoverStatus(StrEnum):
    SIGNED = "已签字"
    VOID = "已作废"


class ApplicationStatus(StrEnum):
    """服务申请单: 待审批 → 已批准 / 不予受理 → 已交还 (the signed form back with the applicant)."""

    PENDING = "待审批"
    APPROVED = "已批准"
    DECLINED = "不予受理"
    RETURNED = "已交还"
    VOID = "已作废"


class Decision(StrEnum):
    APPROVE = "同意"
    DECLINE = "不同意"


class MemoSource(StrEnum):
    """The record an internal memo was sent from."""

    CONTACT = "来访来电"
    COMPLAINT = "投诉"
    APPLICATION = "服务申请"
    OTHER = "其他"


class MemoStatus(StrEnum):
    SENT = "已发送"
    REPLIED = "已回复"
    VOID = "已作废"


class NoticeKind(StrEnum):
    IMPORTANT = "重要告知"
    GENERAL = "一般告知"
    REMINDER = "温馨提示"


class NoticeTarget(StrEnum):
    ALL = "全体住户"
    BUILDINGS = "楼栋"
    UNITS = "指定房号"


class NoticeChannel(StrEnum):
    BOARD = "公告栏"
    PHONE = "电话"
    LETTER = "信函"
    VISIT = "上门"


class NoticeStatus(StrEnum):
    PUBLISHED = "已发布"
    VOID = "已作废"


class ConfirmMethod(StrEnum):
    """How a household confirmed it got an important notice."""

    PHONE = "电话"
    VISIT = "上门"
    IN_PERSON = "当面"
    LETTER = "信函"
    MESSAGE = "短信"


class ConfirmStatus(StrEnum):
    PENDING = "待确认"
    CONFIRMED = "已确认"
    UNREACHABLE = "无法联系"


#: Joins a list (notice targets, channels, attachments) into one text.
LIST_SEPARATOR = "；"
