"""回访: follow-up visits and calls."""

from app.complaints.models import FollowUp
from app.complaints.vocab import Feedback, FollowUpMethod, FollowUpSubject
from app.domain.validate import CONTENT_MAX
from app.domain.import_rules import held_to_rules
from app.exchange.spec import (
    DATETIME, ENUM, TEXT, UUID, VOID_REASON, Column, SheetSpec, record_head, record_tail,
)

SHEET = SheetSpec(
    name="回访",
    order=30,
    model=FollowUp,
    sort="visited_at",
    created_from=("visited_at", "visitor"),
    columns=(
        *record_head(),
        Column("回访时间", "visited_at", DATETIME, required=True),
        Column("关联类型", "subject_type", ENUM, required=True, choices=FollowUpSubject),
        Column("关联编号", "subject_uuid", UUID),
        Column("房号", "unit_no", TEXT, max_len=40),
        Column("受访人", "interviewee", TEXT, required=True, max_len=50),
        Column("联系电话", "phone", TEXT, max_len=40, phone=True),
        Column("回访方式", "method", ENUM, required=True, choices=FollowUpMethod),
        Column("回访内容", "content", TEXT, required=True, max_len=CONTENT_MAX, width=40),
        Column("反馈意见", "feedback", ENUM, required=True, choices=Feedback),
        Column("回访人", "visitor", TEXT, required=True, max_len=50),
        Column("备注", "remark", TEXT, max_len=CONTENT_MAX, width=30),
        VOID_REASON,
        *record_tail(),
    ),
)
SHEET = held_to_rules(SHEET, past=("visited_at", "updated_at"), state="subject_type",
                      required_in={FollowUpSubject.COMPLAINT: ("subject_uuid",)})
