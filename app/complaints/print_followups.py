"""KF-03 回访记录表: the follow-up visits of a date range."""

from __future__ import annotations

from datetime import date

from app.forms.spec import FormData, FormSpec, Param

FEEDBACK_CODE = {"满意": "A 满意", "较满意": "B 较满意", "不满意": "C 不满意"}


def provide(ctx, *, date_from: date, date_to: date) -> FormData:
    from sqlalchemy import select

    from app.complaints.models import FollowUp
    from app.forms.data import bounds, short_ref

    start, end = bounds(date_from, date_to)
    rows = []
    with ctx.read() as s:
        q = (select(FollowUp)
             .where(FollowUp.site_code == ctx.site.code, FollowUp.visited_at >= start, FollowUp.visited_at < end,
                    FollowUp.voided_at.is_(None))
             .order_by(FollowUp.visited_at, FollowUp.id))
        for f in s.scalars(q):
            rows.append({
                "uuid": f.uuid, "visited_at": f.visited_at, "subject_ref": short_ref(f.subject_type, f.subject_uuid),
                "subject_type": f.subject_type, "unit_no": f.unit_no, "interviewee": f.interviewee,
                "phone": f.phone, "method": f.method, "content": f.content,
                "feedback": FEEDBACK_CODE.get(f.feedback, f.feedback), "visitor": f.visitor, "signature": "",
                "remark": f.remark,
            })
    return FormData({"rows": rows, "count": len(rows), "count_text": f"{len(rows)} 条"},
                    period_from=date_from, period_to=date_to)


FORM = FormSpec(
    key="follow-ups", code="KF-03", name="回访记录表", provide=provide,
    params=(Param.period("日期"),), help="一段日期内的回访", order=30,
)
