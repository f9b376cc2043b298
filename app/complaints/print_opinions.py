"""KF-02 住户投诉处理意见表: one day's complaints with their handling opinions, for the
supervisor's daily review.

The day's list: every complaint received that day, plus every complaint changed that
day (updated, completed, reviewed, or a progress entry), plus every complaint still open
at the end of that day. Voided complaints are left out. The supervisor's sign-off is
printed when present: the day's ComplaintDailyReview, else the reviews recorded on the
complaints themselves (Complaint.reviewer / reviewed_at / review_opinion).
"""

from __future__ import annotations

from datetime import date

from app.forms.spec import FormData, FormSpec, Param

FEEDBACK_CODE = {"满意": "A 满意", "较满意": "B 较满意", "不满意": "C 不满意"}


def provide(ctx, *, day: date) -> FormData:
    from sqlalchemy import and_, or_, select

    from app.complaints.models import Complaint, ComplaintProgress, FollowUp
    from app.complaints.vocab import ComplaintStatus
    from app.forms.data import bounds, md_hm

    d0, d1 = bounds(day)
    now = ctx.now()
    open_states = (ComplaintStatus.RECEIVED.value, ComplaintStatus.IN_PROGRESS.value)
    with ctx.read() as s:
        progressed = select(ComplaintProgress.complaint_id).where(
            ComplaintProgress.at >= d0, ComplaintProgress.at < d1, ComplaintProgress.voided_at.is_(None))
        in_day = lambda col: and_(col >= d0, col < d1)  # noqa: E731
        q = (select(Complaint)
             .where(Complaint.site_code == ctx.site.code, Complaint.voided_at.is_(None), Complaint.received_at < d1,
                    or_(in_day(Complaint.received_at), in_day(Complaint.updated_at), in_day(Complaint.completed_at),
                        in_day(Complaint.reviewed_at), Complaint.id.in_(progressed),
                        and_(Complaint.completed_at.is_(None), Complaint.status.in_(open_states)),
                        Complaint.completed_at >= d1))
             .order_by(Complaint.received_at, Complaint.id))
        complaints = s.scalars(q).all()
        ids = [c.id for c in complaints]
        uuids = [c.uuid for c in complaints]
        last_progress: dict[int, ComplaintProgress] = {}
        if ids:
            for p in s.scalars(select(ComplaintProgress).where(
                    ComplaintProgress.complaint_id.in_(ids), ComplaintProgress.at < d1,
                    ComplaintProgress.voided_at.is_(None)).order_by(ComplaintProgress.at, ComplaintProgress.id)):
                last_progress[p.complaint_id] = p
        follow_ups: dict[str, FollowUp] = {}
        if uuids:
            for f in s.scalars(select(FollowUp).where(FollowUp.subject_uuid.in_(uuids), FollowUp.voided_at.is_(None))
                               .order_by(FollowUp.visited_at, FollowUp.id)):
                follow_ups[f.subject_uuid] = f

        rows, reviews = [], []
        received = handled = overdue_n = 0
        for n, c in enumerate(complaints, 1):
            done_by_day = c.completed_at is not None and c.completed_at < d1
            ref = c.completed_at if done_by_day else min(now, d1)
            overdue = bool(c.overdue) or bool(c.due_at and ref > c.due_at)
            received += d0 <= c.received_at < d1
            handled += done_by_day
            overdue_n += overdue
            result = c.result or ""
            if not result and c.id in last_progress:
                p = last_progress[c.id]
                result = f"进展（{md_hm(p.at)}）：{p.note}"
            if not result and c.status in open_states:
                result = c.status
            fu = follow_ups.get(c.uuid)
            if fu:
                follow = f"{fu.visited_at:%m-%d} {fu.method} {FEEDBACK_CODE.get(fu.feedback, fu.feedback)}"
            elif c.status == ComplaintStatus.AWAITING_FOLLOW_UP.value:
                follow = "待回访" + (f"（{c.follow_up_due_at:%m-%d}前）" if c.follow_up_due_at else "")
            else:
                follow = ""
            department = c.department or ("客服中心" if c.within_desk_scope else "")
            rows.append({
                "uuid": c.uuid, "received_at": c.received_at, "complainant": c.complainant, "unit_no": c.unit_no,
                "phone": c.phone, "channel": c.channel, "severity": c.severity, "category": c.category,
                "content": c.content, "department": department + (f"（{c.handler}）" if c.handler else ""),
                "opinion": c.opinion, "result": result, "completed_at": c.completed_at, "overdue": overdue,
                "follow_up": follow, "status": c.status,
            })
            if c.reviewer:
                reviews.append((n, c.reviewer, c.reviewed_at, (c.review_opinion or "").strip()))

        daily = _daily_review(s, ctx.site.code, day)

    values = {
        "rows": rows, "count": len(rows), "received": received, "handled": handled, "overdue": overdue_n,
        "stats": f"当日投诉 {received} 件 / 已处理 {handled} 件 / 超时 {overdue_n} 件",
        "reviewer": None, "reviewed_at": None, "review_opinion": None,
    }
    if reviews:
        opinions = [r[3] for r in reviews if r[3]]
        if len(set(opinions)) <= 1:
            opinion = opinions[0] if opinions else ""
        else:
            opinion = "\n".join(f"第 {r[0]} 项：{r[3]}" for r in reviews if r[3])
        if len(reviews) < len(rows):
            missing = [str(i) for i in range(1, len(rows) + 1) if i not in {r[0] for r in reviews}]
            opinion += f"\n（第 {'、'.join(missing)} 项尚未审核）"
        values["review_opinion"] = opinion.strip()
        values["reviewer"] = "、".join(dict.fromkeys(r[1] for r in reviews))
        values["reviewed_at"] = max((r[2] for r in reviews if r[2]), default=None)
    if daily is not None:  # the supervisor's sign-off of the whole day wins
        values["review_opinion"], values["reviewer"], values["reviewed_at"] = daily
    return FormData(values, period_from=day, period_to=day)


def _daily_review(s, site_code: str, day: date):
    """The day's sign-off (ComplaintDailyReview), when the complaints module records one."""
    from sqlalchemy import select

    try:
        from app.complaints.models import ComplaintDailyReview
    except ImportError:
        return None
    row = s.scalars(select(ComplaintDailyReview).where(
        ComplaintDailyReview.site_code == site_code, ComplaintDailyReview.day == day,
        ComplaintDailyReview.voided_at.is_(None)).order_by(ComplaintDailyReview.reviewed_at.desc())).first()
    return None if row is None else (row.opinion, row.reviewer, row.reviewed_at)


FORM = FormSpec(
    key="complaint-opinions", code="KF-02", name="住户投诉处理意见表", provide=provide,
    params=(Param.day("day", "日期"),), help="某一天的投诉及处理意见，供主管审核",
    order=20,
)
