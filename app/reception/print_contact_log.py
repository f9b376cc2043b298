"""KF-01 业主来访来电接洽投诉记录表: the visits and calls of a date range."""

from __future__ import annotations

from datetime import date

from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, date_from: date, date_to: date) -> FormData:
    from sqlalchemy import select

    from app.reception.models import ContactRecord
    from app.reception.vocab import ContactStatus, HandlingMode
    from app.forms.data import bounds, md_hm

    start, end = bounds(date_from, date_to)
    rows = []
    with ctx.read() as s:
        q = (select(ContactRecord)
             .where(ContactRecord.site_code == ctx.site.code, ContactRecord.received_at >= start,
                    ContactRecord.received_at < end, ContactRecord.voided_at.is_(None))
             .order_by(ContactRecord.received_at, ContactRecord.id))
        for r in s.scalars(q):
            mode = r.handling_mode or ""
            if r.handling_mode == HandlingMode.HANDED_OVER.value or r.department:
                mode = (HandlingMode.HANDED_OVER.value + (f" {r.department}" if r.department else "")
                        + (f"（{r.handler}）" if r.handler else ""))
            remark = []
            if r.status != ContactStatus.DONE.value:
                remark.append(r.status)
                if r.due_at:
                    remark.append(f"要求{md_hm(r.due_at)}前完成")
            if r.complaint_uuid:
                remark.append("已转投诉")
            rows.append({
                "uuid": r.uuid, "received_at": r.received_at, "method": r.method, "name": r.name,
                "unit_no": r.unit_no, "phone": r.phone, "category": r.category, "content": r.content,
                "received_by": r.received_by, "handling_mode": mode, "handling": r.handling,
                "completed_at": r.completed_at, "remark": "；".join(remark), "status": r.status,
            })
    return FormData({"rows": rows, "count": len(rows), "count_text": f"{len(rows)} 条"},
                    period_from=date_from, period_to=date_to)


FORM = FormSpec(
    key="contact-log", code="KF-01", name="业主来访来电接洽投诉记录表", provide=provide,
    params=(Param.period("日期"),), help="一段日期内的来访来电", order=10,
)
