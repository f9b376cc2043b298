"""Value words of move-in handovers, declared once: the services, the sheets, RH-01 and the
screens use these."""

from __future__ import annotations

from enum import StrEnum


class HandoverMode(StrEnum):
    BATCH = "集中交付"
    REGULAR = "平常交付"


class PartyKind(StrEnum):
    OWNER = "业主"
    PROXY = "受托人"
    TENANT = "租户"


class HandoverStatus(StrEnum):
    IN_PROGRESS = "办理中"
    NEEDS_RECTIFICATION = "需整改"
    DELIVERED = "已交付"
    VOID = "已作废"


class UnitStatus(StrEnum):
    """A unit's place in the building overview."""

    NOT_DELIVERED = "未交付"
    IN_PROGRESS = "办理中"
    NEEDS_RECTIFICATION = "需整改"
    DELIVERED = "已交付"


class ItemStatus(StrEnum):
    OPEN = "未完成"
    DONE = "已完成"
    NOT_APPLICABLE = "不适用"


class ChecklistGroup(StrEnum):
    IDENTITY = "证件核验"
    DOCUMENTS = "资料查验"
    AGREEMENTS = "协议签署"
    ISSUED = "资料发放"


class Applies(StrEnum):
    """To whom a checklist line applies."""

    ALL = "全部"
    OWNER_SIDE = "业主或受托人"
    PROXY = "受托人"
    TENANT = "租户"
    RESALE = "转售"


class InspectionResult(StrEnum):
    UNCHECKED = "未查"
    PASSED = "合格"
    FAILED = "不合格"
    NOT_APPLICABLE = "不适用"


class DefectSeverity(StrEnum):
    SERIOUS = "严重"
    NORMAL = "一般"
    MINOR = "轻微"


class DefectStatus(StrEnum):
    REGISTERED = "已登记"
    RECTIFYING = "整改中"
    AWAITING_REINSPECTION = "待复验"
    CLOSED = "已销项"
    CANCELLED = "已取消"


OPEN_DEFECT = (DefectStatus.REGISTERED.value, DefectStatus.RECTIFYING.value,
               DefectStatus.AWAITING_REINSPECTION.value)
OPEN_HANDOVER = (HandoverStatus.IN_PROGRESS.value, HandoverStatus.NEEDS_RECTIFICATION.value)


class MeterKind(StrEnum):
    WATER = "水"
    ELECTRICITY = "电"
    GAS = "燃气"


class AppointmentStatus(StrEnum):
    BOOKED = "已预约"
    DONE = "已办理"
    NO_SHOW = "未到"
    CANCELLED = "已取消"


#: The steps of the handover window, in order: (key, title).
STEPS: list[tuple[str, str]] = [
    ("party", "接收人"),
    ("identity", "证件核验"),
    ("documents", "资料查验"),
    ("agreements", "协议签署"),
    ("issued", "资料发放"),
    ("fees", "收费与代办"),
    ("meters", "水电燃气表"),
    ("keys", "钥匙"),
    ("inspection", "验房"),
    ("result", "交付结果"),
]
GROUP_STEP = {
    ChecklistGroup.IDENTITY.value: "identity",
    ChecklistGroup.DOCUMENTS.value: "documents",
    ChecklistGroup.AGREEMENTS.value: "agreements",
    ChecklistGroup.ISSUED.value: "issued",
}
