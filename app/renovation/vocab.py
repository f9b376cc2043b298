"""Value words of renovation management, declared once: the services, the sheets, the forms
and the screens use these."""

from enum import StrEnum


class RenovationStatus(StrEnum):
    """Where an application stands, from 待审批 to 押金已退 (or 已驳回 / 已作废)."""

    PENDING = "待审批"
    REFUSED = "已驳回"
    IN_PROGRESS = "施工中"
    AWAITING_ACCEPTANCE = "待验收"
    ACCEPTED = "已验收"
    REFUNDED = "押金已退"
    VOID = "已作废"


class SiteState(StrEnum):
    """What the inspector found at the door."""

    WORKING = "施工中"
    NOBODY = "无人"
    REFUSED_ENTRY = "拒不开门"
    FINISHED = "完工"


class NoticeStatus(StrEnum):
    OPEN = "待整改"
    RECTIFIED = "已整改"
    ESCALATED = "已升级"
    VOID = "已作废"


class RecheckResult(StrEnum):
    RECTIFIED = "已整改"
    NOT_RECTIFIED = "未整改"


class Escalation(StrEnum):
    """The step taken when a re-inspection finds a notice not rectified."""

    STOP_WORK = "停工"
    SUPERVISOR = "报客服主管"
    AUTHORITIES = "移交执法部门"


class AcceptanceResult(StrEnum):
    PASSED = "合格"
    FAILED = "不合格"


#: Applications that keep the unit busy: a second application for it is refused.
ACTIVE_STATUSES = (RenovationStatus.PENDING, RenovationStatus.IN_PROGRESS, RenovationStatus.AWAITING_ACCEPTANCE)
#: Applications approved at some point, so they carry a permit number.
PERMITTED_STATUSES = (RenovationStatus.IN_PROGRESS, RenovationStatus.AWAITING_ACCEPTANCE, RenovationStatus.ACCEPTED,
                      RenovationStatus.REFUNDED)
#: Notices still waiting for a re-inspection that finds them rectified (they block the refund).
OPEN_NOTICE_STATUSES = (NoticeStatus.OPEN.value, NoticeStatus.ESCALATED.value)
#: Visits where the inspector got in, so every key check was looked at.
INSPECTED_STATES = (SiteState.WORKING, SiteState.FINISHED)
#: The status a notice has after a re-inspection with this result.
NOTICE_STATUS_AFTER_RECHECK = {RecheckResult.RECTIFIED: NoticeStatus.RECTIFIED,
                               RecheckResult.NOT_RECTIFIED: NoticeStatus.ESCALATED}

#: The complaint category that concerns renovation noise (one of the complaints' default categories).
NOISE_CATEGORY = "装修噪音扰民"
#: Joins the failed key checks of a visit or a notice into one text.
CHECK_SEPARATOR = "；"
