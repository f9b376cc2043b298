"""Value words of repairs and household visits, declared once: the services, the 维修 sheet,
KF-04 and the screens use these."""

from enum import StrEnum


class RepairStatus(StrEnum):
    AWAITING_DISPATCH = "待派工"
    DISPATCHED = "已派工"
    IN_REPAIR = "维修中"
    AWAITING_FOLLOW_UP = "待回访"
    CLOSED = "已关闭"
    DECLINED = "不予受理"
    VOID = "已作废"


class Urgency(StrEnum):
    NORMAL = "一般"
    URGENT = "紧急"


class SpotCheckResult(StrEnum):
    CONFIRMED = "属实"
    NOT_CONFIRMED = "不属实"
    UNREACHABLE = "未联系上"


class FollowUpRule(StrEnum):
    """Why a completed order is (or is not) followed up."""

    MANDATORY = "必访"
    SAMPLED = "抽中"
    NOT_SAMPLED = "未抽中"


class LateReason(StrEnum):
    PICKUP = "接单超时"
    FINISH = "完工超时"


class ScopeKind(StrEnum):
    """What a household-visit plan covers."""

    BUILDING = "楼栋"
    AREA = "区域"


class IssueStatus(StrEnum):
    """A point a resident raised on a household visit."""

    OPEN = "待答复"
    ANSWERED = "已答复"
    VOID = "已作废"


#: Orders still with the engineers: a deadline runs and 催办 applies.
OPEN_STATES = (RepairStatus.AWAITING_DISPATCH, RepairStatus.DISPATCHED, RepairStatus.IN_REPAIR)
#: Orders whose details (报修内容, 类别, 预约时间 …) may still be corrected.
EDITABLE_STATES = (RepairStatus.AWAITING_DISPATCH, RepairStatus.DISPATCHED)
#: Ends that nothing reopens.
TERMINAL_STATES = (RepairStatus.DECLINED, RepairStatus.VOID)

DEFAULT_CATEGORIES = ["给排水", "渗漏水", "电气", "安全设施", "门窗", "公共设施", "其他"]
#: Categories that are always followed up, out of the box.
DEFAULT_MUST_FOLLOW_UP = ["渗漏水", "安全设施"]

#: The department a work order goes to unless a worker is named.
ENGINEERING = "工程部"
#: Shown (and printed) for an order without a 房号.
PUBLIC_AREA = "公共区域"

HALF_LABELS = {1: "上半年", 2: "下半年"}
