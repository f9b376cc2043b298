"""One renovation at a glance: the application, workers, fees, extensions, visits,
notices, linked noise complaints (装修噪音扰民), acceptance, refund and the full history."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app import renovation as reno
from ui.shared.common import UiEnv


def _e(value) -> str:
    if value is None:
        return ""
    return escape(str(value))


def _dt(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class RenovationDetail(QTextBrowser):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.setOpenExternalLinks(False)
        self.uuid: str | None = None
        self.show_row(None)

    def show_row(self, row: reno.RenovationRow | None) -> None:
        self.uuid = row.uuid if row else None
        if row is None:
            self.setHtml("<p style='color:#888'>选择一条装修申请查看详情。</p>")
            return
        ctx = self.env.ctx
        try:
            notices = reno.list_notices(ctx, renovation_uuid=row.uuid, include_void=True)
            visits = reno.list_visits(ctx, renovation_uuid=row.uuid)
            complaints = reno.noise_complaints(ctx, row.uuid)
            accepts = reno.acceptances(ctx, row.uuid)
            history = reno.renovation_history(ctx, row.uuid)
        except Exception as exc:  # noqa: BLE001
            self.setHtml(f"<p style='color:#c62828'>{_e(exc)}</p>")
            return
        h = [f"<h3>{_e(row.unit_no)}　{_e(row.status)}"
             + (f"　许可证 {_e(row.permit_no)}" if row.permit_no else "") + "</h3>"]
        h.append("<table cellspacing=2>")

        def line(label, value):
            h.append(f"<tr><td style='color:#555;padding-right:8px'>{label}</td><td>{value}</td></tr>")

        line("业主", f"{_e(row.owner)} {_e(row.owner_phone)}")
        line("施工单位", _e(row.contractor))
        line("施工负责人", f"{_e(row.manager)} {_e(row.manager_phone)}")
        line("装修内容", _e(row.scope))
        period = f"{row.start_date:%Y-%m-%d} 至 {row.planned_end_date:%Y-%m-%d}"
        if row.extensions:
            period += "（" + "；".join(f"{x.created_at:%m-%d} 延期 {x.old_end_date:%m-%d}→{x.new_end_date:%m-%d}："
                                     f"{_e(x.reason)}" for x in row.extensions) + "）"
        line("施工期限", period)
        if row.involves_alteration:
            alt = f"{_e(row.alteration_text or '是')}：{_e(row.alteration_detail)}"
            alt += (f"（{_e(row.alteration_approved_by)} {_dt(row.alteration_approved_at)} 审批："
                    f"{_e(row.alteration_opinion)}）") if row.alteration_approved_at else \
                "（<b style='color:#c62828'>待拆改审批</b>）"
            line("拆改", alt)
        money = f"押金 {row.deposit:.2f} 元（收据 {_e(row.deposit_receipt)}）"
        for f in row.fees:
            money += f"；{_e(f.item)} {f.amount:.2f} 元（收据 {_e(f.receipt)}）"
        line("收费", money)
        line("协议", ("已签" if row.agreement_signed else "<b style='color:#c62828'>未签</b>") + "住宅装修管理协议，"
             + ("已签" if row.liability_signed else "<b style='color:#c62828'>未签</b>") + "责任承担书")
        line("施工人员", "；".join(f"{_e(w.name)} {_e(w.phone)} 出入证 {_e(w.pass_no)}" for w in row.workers) or "未登记")
        line("申请", f"{_dt(row.applied_at)} {_e(row.received_by)} 受理")
        if row.approved_at:
            what = "驳回：" + _e(row.refuse_reason) if row.refuse_reason else "批准" + (
                f"：{_e(row.approval_opinion)}" if row.approval_opinion else "")
            line("审批", f"{_dt(row.approved_at)} {_e(row.approved_by)} {what}")
        for a in accepts:
            failed = "、".join(a.failed_items)
            line("验收", f"{_dt(a.accepted_at)} {_e(a.inspector)} <b>{_e(a.result)}</b>"
                 + (f"（不合格项：{_e(failed)}）" if failed else "") + (f" {_e(a.note)}" if a.note else ""))
        if row.refunded_at:
            ded = "；".join(f"{_e(d.reason)} {d.amount:.2f} 元" for d in row.refund_deductions)
            line("退押金", f"{_dt(row.refunded_at)} {_e(row.refunded_by)} 退还 {row.refund_amount:.2f} 元"
                 f"（收据 {_e(row.refund_receipt)}）" + (f"，扣款：{ded}" if ded else ""))
        if row.void_reason:
            line("作废", f"<b style='color:#c62828'>{_e(row.void_reason)}</b>")
        h.append("</table>")

        h.append(f"<h4>整改通知书（{len(notices)}）</h4>")
        for n in notices:
            color = "#c62828" if n.overdue else ("#000" if n.is_open else "#888")
            h.append(f"<p style='color:{color}'>{_e(n.notice_no)} {_e(n.status)} 期限 {_dt(n.deadline)}"
                     + ("（已逾期）" if n.overdue else "") + f"：{_e(n.facts)}"
                     + (f"　复查 {_dt(n.recheck_at)} {_e(n.recheck_result)}" if n.recheck_result else "")
                     + (f"　措施 {_e(n.escalation)}" if n.escalation else "") + "</p>")
        h.append(f"<h4>噪音投诉（装修噪音扰民，{len(complaints)}）</h4>")
        for c in complaints:
            h.append(f"<p>{_dt(c.received_at)} {_e(c.complainant)} {_e(c.unit_no)} {_e(c.status)}："
                     f"{_e(c.content)}" + ("" if c.during_noise_hours else
                                           " <b style='color:#c62828'>（非允许施工时间）</b>") + "</p>")
        h.append(f"<h4>巡查记录（{len(visits)}）</h4>")
        for x in reversed(visits[-30:]):
            h.append(f"<p>{_dt(x.inspected_at)} {_e(x.inspector)} {_e(x.site_state)} {_e(x.progress)}"
                     + (f" <b style='color:#c62828'>违规：{_e(x.failed_checks)} {_e(x.violation)}</b>"
                        if x.failed_checks or x.violation else "")
                     + (f" {_e(x.note)}" if x.note else "") + "</p>")
        h.append("<h4>操作记录</h4>")
        for e in history:
            h.append(f"<p style='color:#444'>{_dt(e.at)} {_e(e.actor)} {_e(e.subject)} {_e(e.action)}"
                     + (f"：{_e(e.note)}" if e.note else "") + "</p>")
        self.setHtml("".join(h))
