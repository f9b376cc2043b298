"""KF-03 回访记录表: the follow-up visits of a date range. 关联单号 names each visit's subject
the way people file it: a repair by its 单号, a complaint by its 受理时间 and 投诉人 (see
:func:`app.complaints.followups.subject_refs`)."""

from __future__ import annotations

from datetime import date

from app.complaints.followups import list_follow_ups, subject_refs
from app.complaints.vocab import graded_feedback
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, date_from: date, date_to: date) -> FormData:
    follow_ups = list_follow_ups(ctx, date_from, date_to, limit=None)
    refs = subject_refs(ctx, follow_ups)
    rows = [{
        "uuid": f.uuid, "visited_at": f.visited_at, "subject_ref": refs.get(f.subject_uuid or "", f.subject_type),
        "subject_type": f.subject_type, "unit_no": f.unit_no, "interviewee": f.interviewee, "phone": f.phone,
        "method": f.method, "content": f.content, "feedback": graded_feedback(f.feedback), "visitor": f.visitor,
        "signature": "", "remark": f.remark,
    } for f in follow_ups]
    return FormData({"rows": rows, "count": len(rows), "count_text": f"{len(rows)} 条"},
                    period_from=date_from, period_to=date_to)


FORM = FormSpec(
    key="follow-ups", code="KF-03", name="回访记录表", provide=provide,
    params=(Param.period("日期"),), help="一段日期内的回访", order=30,
)
