"""KF-04 维修工作单: one repair work order, with the owner's and the worker's signature lines."""

from __future__ import annotations

from dataclasses import dataclass

from app.core import records
from app.core.context import Context
from app.forms.spec import FormData, FormSpec, Param
from app.repairs.follow_up import FollowUpInfo, order_follow_ups
from app.repairs.order import RepairRow, find_order, order_row
from app.repairs.vocab import PUBLIC_AREA, RepairStatus


@dataclass(frozen=True)
class WorkOrderData:
    """What KF-04 prints."""

    order: RepairRow
    follow_ups: tuple[FollowUpInfo, ...]

    @property
    def follow_up_text(self) -> str:
        if not self.follow_ups:
            return ""
        f = self.follow_ups[-1]
        return f"{f.visited_at:%Y-%m-%d %H:%M} {f.method}回访 {f.interviewee}：{f.feedback}。{f.content}"


def work_order_data(ctx: Context, number: str) -> WorkOrderData:
    with ctx.read() as s:
        order = find_order(s, ctx, number)
        fups = tuple(records.to_row(f, FollowUpInfo) for f in order_follow_ups(s, order.uuid))
        return WorkOrderData(order_row(ctx, order), fups)


def provide(ctx, *, number: str) -> FormData:
    data = work_order_data(ctx, number)
    o = data.order
    dispatched = o.dispatched_to or ""
    if o.picked_up_by and o.picked_up_by != dispatched:
        taker = f"{o.picked_up_by}（{dispatched}）" if dispatched else o.picked_up_by
    else:
        taker = o.picked_up_by or ""
    if o.cost is None:
        cost_text = ""
    else:
        cost_text = f"{o.cost:.2f} 元"
        if o.paid and o.receipt_no:
            cost_text += f"（收据号 {o.receipt_no}）"
    materials = "；".join(x for x in (o.materials or "", cost_text) if x)
    status = o.status
    if o.status == RepairStatus.DECLINED.value and o.decline_reason:
        status = f"{o.status}：{o.decline_reason}"
    values = {
        "number": o.number,
        "received_at": o.received_at,
        "reporter": o.reporter,
        "unit_no": o.unit_no or PUBLIC_AREA,
        "phone": o.phone,
        "content": o.content,
        "category": o.category,
        "urgency": o.urgency,
        "paid": o.paid,
        "appointment_at": o.appointment_at,
        "dispatched_to": dispatched,
        "dispatched_at": o.dispatched_at,
        "pickup_due_at": o.pickup_due_at,
        "picked_up_at": o.picked_up_at,
        "picked_up_by": taker,
        "finish_due_at": o.finish_due_at,
        "completed_at": o.completed_at,
        "result": o.result,
        "materials": materials,
        "cost": o.cost,
        "overdue": o.overdue,
        "status": status,
        "received_by": o.received_by,
        "follow_up_rule": o.follow_up_rule or "",
        "follow_up": data.follow_up_text,
    }
    return FormData(values=values, subject=o.number, record_uuids=(o.uuid,))


FORM = FormSpec(
    key="work-order",
    code="KF-04",
    name="维修工作单",
    provide=provide,
    params=(Param.text("number", "单号", help="维修工单号，如 WX20261120001"),),
    help="打印一张维修工作单（KF-04）",
    listed=False,
    order=40,
)
