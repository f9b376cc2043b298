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


class ComplaintAction(StrEnum):
    """What may be done to a complaint; each is allowed in some states only."""

    START = "开始处理"
    HAND_OVER = "转交部门"
    FINISH = "处理完成"
    DECLARE_INVALID = "判定无效"
    CLOSE_AFTER_FOLLOW_UP = "回访关闭"
    REOPEN = "不满意重新处理"
    VOID = "作废"
    ESCALATE = "升级"
    PROGRESS = "进展记录"
    REPLY = "答复住户"
    DECIDE_VALIDITY = "判定有效性"
    EDIT = "修改"


class WorkList(StrEnum):
    DUE_TODAY = "今日到期"
    OVERDUE = "已超时"
    AWAITING_FOLLOW_UP = "待回访"
    MINE = "我的"
    OPEN = "全部未结"


class ReviewReason(StrEnum):
    """Why a complaint is on a day's review list (KF-02)."""

    RECEIVED_THAT_DAY = "当日受理"
    OPEN = "未结"
    CHANGED_THAT_DAY = "当日变更"


#: Not finished with: still to handle, or handled and waiting for the follow-up.
OPEN_STATES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS, ComplaintStatus.AWAITING_FOLLOW_UP)
#: Still being handled (the finishing deadline runs).
HANDLING_STATES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS)
#: Handling ended (with or without the follow-up made).
FINISHED_STATES = (ComplaintStatus.AWAITING_FOLLOW_UP, ComplaintStatus.CLOSED)

#: The letter printed before the feedback word on KF-02 and KF-03 (A 满意 / B 较满意 / C 不满意).
FEEDBACK_GRADES = {Feedback.SATISFIED: "A", Feedback.FAIRLY_SATISFIED: "B", Feedback.DISSATISFIED: "C"}


def graded_feedback(feedback: str) -> str:
    """“B 较满意”: the feedback word with its letter (an unknown word is returned as it is)."""
    try:
        return f"{FEEDBACK_GRADES[Feedback(feedback)]} {feedback}"
    except ValueError:
        return feedback
