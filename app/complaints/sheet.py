"""投诉: complaints."""

from app.complaints.models import Complaint
from app.complaints.vocab import ComplaintSeverity, ComplaintStatus, ComplaintValidity, ReplyMethod
from app.domain.enums import ContactMethod
from app.domain.errors import ValidationError
from app.domain.validate import CONTENT_MAX, phone_digits
from app.domain.import_rules import held_to_rules
from app.exchange.spec import (
    DATETIME, ENUM, INT, TEXT, UUID, VOID_REASON, YESNO, Column, SheetSpec, record_head, record_tail,
)

SHEET = SheetSpec(
    name="投诉",
    order=20,
    model=Complaint,
    sort="received_at",
    created_from=("received_at", "received_by"),
    columns=(
        *record_head(),
        Column("来源记录编号", "source_contact_uuid", UUID),
        Column("受理时间", "received_at", DATETIME, required=True),
        Column("渠道", "channel", ENUM, required=True, choices=ContactMethod),
        Column("投诉人", "complainant", TEXT, required=True, max_len=50),
        Column("房号", "unit_no", TEXT, max_len=40),
        Column("联系电话", "phone", TEXT, required=True, max_len=40, phone=True),
        Column("类别", "category", TEXT, required=True, max_len=50),
        Column("性质", "severity", ENUM, required=True, choices=ComplaintSeverity),
        Column("有效性", "validity", ENUM, required=True, choices=ComplaintValidity),
        Column("内容", "content", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("责任部门", "department", TEXT, max_len=50),
        Column("处理人", "handler", TEXT, max_len=50),
        Column("处理时限", "due_at", DATETIME),
        Column("处理意见", "opinion", TEXT, max_len=CONTENT_MAX, width=30),
        Column("处理结果", "result", TEXT, max_len=CONTENT_MAX, width=30),
        Column("完成时间", "completed_at", DATETIME),
        Column("是否超时", "overdue", YESNO, required=True),
        Column("升级级别", "escalation_level", INT, required=True, min_value=0, max_value=3),
        Column("重新处理次数", "reopen_count", INT, required=True, min_value=0),
        Column("回复方式", "reply_method", ENUM, choices=ReplyMethod),
        Column("回复时间", "reply_at", DATETIME),
        Column("状态", "status", ENUM, required=True, choices=ComplaintStatus),
        Column("审核人", "reviewer", TEXT, max_len=50),
        Column("审核时间", "reviewed_at", DATETIME),
        Column("审核意见", "review_opinion", TEXT, max_len=CONTENT_MAX, width=30),
        Column("受理人", "received_by", TEXT, required=True, max_len=50),
        VOID_REASON,
        *record_tail(),
    ),
    derive=lambda values: {"phone_digits": phone_digits(values.get("phone")) or None},
)


def _handled_before_closed(values: dict) -> None:
    """What the complaint services keep together: a complaint closed after its follow-up (not
    closed as 无效) was finished first; a reply has both its way and its time; nothing is
    finished or answered before it was received."""
    if values.get("status") == ComplaintStatus.CLOSED and values.get("validity") != ComplaintValidity.INVALID:
        for header, attr in (("处理结果", "result"), ("完成时间", "completed_at")):
            if values.get(attr) in (None, ""):
                raise ValidationError(header, "状态为已关闭（非无效投诉）时必须填写")
    if (values.get("reply_method") is None) != (values.get("reply_at") is None):
        raise ValidationError("回复时间" if values.get("reply_at") is None else "回复方式", "回复方式与回复时间应同时填写")
    for header, attr in (("完成时间", "completed_at"), ("回复时间", "reply_at")):
        if values.get(attr) is not None and values.get("received_at") and values[attr] < values["received_at"]:
            raise ValidationError(header, "不能早于受理时间")


def _someone_handles(values: dict) -> None:
    """A complaint being handled has someone on it: starting it names a 处理人, handing it to a
    department names the 责任部门 — either will do."""
    if values.get("status") == ComplaintStatus.IN_PROGRESS and not values.get("handler") \
            and not values.get("department"):
        raise ValidationError("处理人", f"状态为{ComplaintStatus.IN_PROGRESS}时，处理人和责任部门至少填写一项")


def _complaint_rules(values: dict) -> None:
    _someone_handles(values)
    _handled_before_closed(values)


SHEET = held_to_rules(SHEET, past=("received_at", "completed_at", "reply_at", "reviewed_at", "updated_at"),
                      required_in={ComplaintStatus.AWAITING_FOLLOW_UP: ("result", "completed_at")},
                      also=_complaint_rules)
