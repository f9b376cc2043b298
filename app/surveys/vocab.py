"""Value words of satisfaction surveys, declared once: the services, the sheets, the forms
and the screens use these."""

from enum import StrEnum


class SurveyStatus(StrEnum):
    """A survey from its plan to the archive: 计划 (being drafted) → 已批准 (plan approved, sample
    drawn) → 进行中 (questionnaires out) → 已结束 (returns closed, analysed) → 已归档."""

    PLANNED = "计划"
    APPROVED = "已批准"
    RUNNING = "进行中"
    ENDED = "已结束"
    ARCHIVED = "已归档"
    VOID = "已作废"


class SurveyMethod(StrEnum):
    PAPER = "纸质问卷"
    PHONE = "电话"
    VISIT = "上门"


class TargetGroup(StrEnum):
    RESIDENTS = "住户"
    TENANTS = "商户"


class Scale(StrEnum):
    """How an item is answered: A 满意 / B 较满意 / C 不满意, a score 1–5, or free text."""

    ABC = "ABC"
    FIVE = "1-5"
    TEXT = "文字"


class CopyStatus(StrEnum):
    """One sampled household's questionnaire."""

    SAMPLED = "待发放"
    ISSUED = "已发放"
    RETURNED = "已回收"
    VOID = "已作废"


class ActionStatus(StrEnum):
    OPEN = "待整改"
    DONE = "已完成"
    VOID = "已作废"


#: The words of the ABC scale as printed on the questionnaire.
ABC_WORDS = {"A": "满意", "B": "较满意", "C": "不满意"}
#: The answers of a 1–5 item.
FIVE_VALUES = ("1", "2", "3", "4", "5")
#: Answers that count as satisfied: A and B, or 4 and 5.
SATISFIED = {Scale.ABC: ("A", "B"), Scale.FIVE: ("4", "5")}
#: Separates the answers of one return in the stored text and in the workbook: ``1=A；2=B；3=4``.
ANSWER_SEPARATOR = "；"
#: Between an item's scale and its wording in a stored questionnaire: ``ABC：服务态度``.
ITEM_SEPARATOR = "："
#: Joins the chosen buildings of a survey's scope: ``1、2、5``.
BUILDING_SEPARATOR = "、"
#: The questionnaire code that prints every sampled household's questionnaire in one PDF.
ALL_CODES = "全部"
