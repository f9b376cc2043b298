"""KF-02 住户投诉处理意见表: one day's complaints with their handling opinions, for the
supervisor's daily review. The lines, counts and sign-off are those of
:func:`app.complaints.daily_review.daily_review`, the list the supervisor sees on screen.

The sign-off printed is the day's (审核签字 on the daily review screen); a day without one
prints the reviews recorded on the complaints themselves (审核人 / 审核时间 / 审核意见, e.g.
from an imported workbook), noting the lines not yet reviewed.
"""

from __future__ import annotations

from datetime import date

from app.complaints.daily_review import DailyReviewData, daily_review
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, day: date) -> FormData:
    data = daily_review(ctx, day)
    rows = []
    for line in data.lines:
        c = line.complaint
        rows.append({
            "uuid": c.uuid, "received_at": c.received_at, "complainant": c.complainant, "unit_no": c.unit_no,
            "phone": c.phone, "channel": c.channel, "severity": line.severity, "category": c.category,
            "content": c.content, "department": line.department, "opinion": c.opinion, "result": line.result,
            "completed_at": line.completed_at, "overdue": line.late, "follow_up": line.follow_up,
            "status": line.status,
        })
    values = {
        "rows": rows, "count": len(rows), "received": data.received, "handled": data.handled,
        "overdue": data.overdue, "stats": data.stats, "reviewer": None, "reviewed_at": None, "review_opinion": None,
    }
    if data.sign_off is not None:
        so = data.sign_off
        values["review_opinion"], values["reviewer"], values["reviewed_at"] = so.opinion, so.reviewer, so.reviewed_at
    else:
        values.update(_line_reviews(data))
    return FormData(values, period_from=day, period_to=day)


def _line_reviews(data: DailyReviewData) -> dict:
    """The reviews written on the day's complaints, when the day itself was not signed off."""
    reviews = [(n, line.complaint) for n, line in enumerate(data.lines, 1) if line.complaint.reviewer]
    if not reviews:
        return {}
    opinions = [(n, (c.review_opinion or "").strip()) for n, c in reviews]
    texts = [text for _, text in opinions if text]
    if len(set(texts)) <= 1:
        opinion = texts[0] if texts else ""
    else:
        opinion = "\n".join(f"第 {n} 项：{text}" for n, text in opinions if text)
    reviewed = {n for n, _ in reviews}
    if len(reviewed) < len(data.lines):
        missing = [str(i) for i in range(1, len(data.lines) + 1) if i not in reviewed]
        opinion += f"\n（第 {'、'.join(missing)} 项尚未审核）"
    return {"review_opinion": opinion.strip(),
            "reviewer": "、".join(dict.fromkeys(c.reviewer for _, c in reviews)),
            "reviewed_at": max((c.reviewed_at for _, c in reviews if c.reviewed_at), default=None)}


FORM = FormSpec(
    key="complaint-opinions", code="KF-02", name="住户投诉处理意见表", provide=provide,
    params=(Param.day("day", "日期"),), help="某一天的投诉及处理意见，供主管审核",
    order=20,
)
