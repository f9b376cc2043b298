"""ZX-03 装修许可证: posted on the unit's door, by permit number (e.g. ZX2026-0001)."""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.forms.spec import FormData, FormSpec, Param
from app.renovation.noise import noise_hours_text
from app.renovation.search import find_by_permit


def provide(ctx, *, number: str) -> FormData:
    app = find_by_permit(ctx, number)
    if app.void_reason:
        raise ValidationError("许可证号", f"{app.permit_no} 所属装修记录已作废（{app.void_reason}），不能打印许可证")
    values = {
        "permit_no": app.permit_no, "unit_no": app.unit_no, "owner": app.owner, "contractor": app.contractor,
        "manager": f"{app.manager}　{app.manager_phone}",
        "work_period": f"{app.start_date:%Y年%m月%d日} 至 {app.planned_end_date:%Y年%m月%d日}",
        "scope": app.scope, "alteration": ("涉及拆改：" + (app.alteration_text or "是") + "（已审批）")
        if app.involves_alteration else "不涉及拆改",
        "hours": noise_hours_text(ctx), "issued_at": app.approved_at, "approved_by": app.approved_by,
        "workers": len(app.workers),
    }
    return FormData(values, subject=app.permit_no, record_uuids=(app.uuid,))


FORM = FormSpec(
    key="renovation-permit", code="ZX-03", name="装修许可证", provide=provide,
    params=(Param.text("number", "许可证号", help="装修许可证号，如 ZX2026-0001"),),
    help="打印装修许可证（张贴于户门）", listed=False, order=72,
)
