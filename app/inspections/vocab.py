"""Value words of supervision inspections (督导检查), declared once."""

from enum import StrEnum


class InspectionStatus(StrEnum):
    OPEN = "检查中"
    DONE = "已完成"
    VOID = "已作废"


class Method(StrEnum):
    """检查方法 of the standard."""

    RECORDS_OR_SITE = "查看现场或相关存档资料"
    SPOT_CHECK = "现场抽查各类人员"
    DOCUMENTS = "查看相关文件及记录"


class DeductionBasis(StrEnum):
    """扣分标准: so much per problem found, or per person per problem."""

    PER_PROBLEM = "每个问题点"
    PER_PERSON = "每人每个问题点"


class RectifyStatus(StrEnum):
    OPEN = "待整改"
    DONE = "已整改"
    FAILED = "复查未通过"


class RecheckResult(StrEnum):
    PASSED = "合格"
    FAILED = "不合格"
