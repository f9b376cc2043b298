"""ZX-02 违章整改通知书: one notice, by its number (e.g. ZG2026-0001)."""

from __future__ import annotations

from app.forms.spec import FormData, FormSpec, Param
from app.renovation.application import get
from app.renovation.notices import get_notice
from app.renovation.vocab import NoticeStatus


def provide(ctx, *, number: str) -> FormData:
    n = get_notice(ctx, number)
    app = get(ctx, n.renovation_uuid)
    recheck = ""
    if n.recheck_result:
        recheck = f"{n.recheck_at:%Y-%m-%d %H:%M} 复查：{n.recheck_result}"
        if n.recheck_by:
            recheck += f"（复查人 {n.recheck_by}）"
        if n.escalation:
            recheck += f"；已采取措施：{n.escalation}，新整改期限 {n.deadline:%Y-%m-%d %H:%M}"
        if n.recheck_note:
            recheck += f"；{n.recheck_note}"
    values = {
        "notice_no": n.notice_no, "unit_no": n.unit_no, "owner": n.owner, "contractor": n.contractor,
        "manager": f"{app.manager} {app.manager_phone}", "permit_no": app.permit_no or "",
        "issued_at": n.issued_at, "issued_by": n.issued_by, "failed_checks": "、".join(n.failed_list),
        "facts": n.facts, "basis": n.basis or "", "requirement": n.requirement, "deadline": n.deadline,
        "recheck": recheck, "signed_by": n.signed_by or "", "signed_at": n.signed_at,
        "status": n.status if not n.void_reason else f"{NoticeStatus.VOID}：{n.void_reason}",
        "addressee": f"{n.unit_no} 业主 {n.owner} 及施工单位 {n.contractor}",
    }
    return FormData(values, subject=n.notice_no, record_uuids=(n.uuid, n.renovation_uuid))


FORM = FormSpec(
    key="rectification-notice", code="ZX-02", name="违章整改通知书", provide=provide,
    params=(Param.text("number", "通知书编号", help="整改通知书编号，如 ZG2026-0001"),),
    help="打印一份违章整改通知书", listed=False, order=71,
)
