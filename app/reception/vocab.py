"""Value words of the reception desk, declared once: categories, handling, states of a record
and of a message. The sheet, the KF-01 form and the screens use these."""

from enum import StrEnum


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


class RelayStatus(StrEnum):
    PENDING = "待转告"
    PASSED_ON = "已转告"
    VOID = "已作废"


#: A record still to be dealt with: not handed over yet, or handed over and not done.
OPEN_STATES = (ContactStatus.PENDING.value, ContactStatus.IN_PROGRESS.value)

#: Shown instead of the status of an open record past its 要求完成时间 (not stored).
OVERDUE = "已超时"
