"""Words of the head-office ledger."""

from enum import StrEnum


class ImportOutcome(StrEnum):
    IMPORTED = "已导入"
    DUPLICATE = "重复文件"  # the same file (same SHA-256) was imported before: skipped
    REFUSED = "已拒绝"


class DayState(StrEnum):
    """One cell of the site × day grid."""

    RECEIVED = "已收到"
    MISSING = "缺失"  # a working day no imported workbook covers
    REFUSED = "被拒绝"  # only refused files cover it
    REST = "休息日"  # not a working day, nothing received
    FUTURE = "未到"
