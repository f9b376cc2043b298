"""FW-05 服务申请单: one application, by its number (e.g. SQ20261120001)."""

from __future__ import annotations

from app.desk.applications import get_application
from app.desk.vocab import ApplicationStatus
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, number: str) -> FormData:
    a = get_application(ctx, number)
    opinion = ""
    if a.decision:
        opinion = f"{a.decision}。{a.opinion or ''}".rstrip("。") + f"（{a.decided_by} {a.decided_at:%Y-%m-%d %H:%M}）"
    status = a.status if not a.void_reason else f"{ApplicationStatus.VOID}：{a.void_reason}"
    if a.late:
        status += "（超时）"
    values = {
        "number": a.number, "applied_at": a.applied_at, "applicant": a.applicant, "unit_no": a.unit_no or "",
        "phone": a.phone or "", "content": a.content, "attachments": "、".join(a.attachment_list) or "无",
        "due_at": a.due_at, "departments": a.departments or "", "decision": a.decision or "",
        "opinion": a.opinion or "", "opinion_text": opinion, "decided_by": a.decided_by or "",
        "decided_at": a.decided_at, "returned_at": a.returned_at, "status": status, "received_by": a.received_by,
    }
    return FormData(values, subject=a.number, record_uuids=(a.uuid,))


FORM = FormSpec(
    key="service-application", code="FW-05", name="服务申请单", provide=provide,
    params=(Param.text("number", "申请单号", help="服务申请单号，如 SQ20261120001"),),
    help="打印一份服务申请单", listed=False, order=114,
)
