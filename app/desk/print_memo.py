"""FW-06 内部工作联系函: one memo, by its number (e.g. LXH20261120001)."""

from __future__ import annotations

from app.desk.memos import get_memo
from app.forms.spec import FormData, FormSpec, Param


def provide(ctx, *, number: str) -> FormData:
    m = get_memo(ctx, number)
    source = m.source_type + (f"：{m.source_ref}" if m.source_ref else "")
    late = []
    if m.sent_late:
        late.append(f"发出超时（应于 {m.due_at:%m-%d %H:%M} 前发出）")
    if m.reply_late:
        late.append("回复超时")
    values = {
        "number": m.number, "department": m.department, "subject": m.subject, "content": m.content,
        "source": source, "inquiry_at": m.inquiry_at, "due_at": m.due_at, "sent_at": m.sent_at, "sent_by": m.sent_by,
        "reply_by": m.reply_by, "reply": m.reply or "", "replied_at": m.replied_at, "replier": m.replier or "",
        "late": "；".join(late) or "按时", "status": m.status if not m.void_reason else f"已作废：{m.void_reason}",
    }
    return FormData(values, subject=m.number, record_uuids=(m.uuid,))


FORM = FormSpec(
    key="internal-memo", code="FW-06", name="内部工作联系函", provide=provide,
    params=(Param.text("number", "联系函编号", help="内部工作联系函编号，如 LXH20261120001"),),
    help="打印一份内部工作联系函", listed=False, order=115,
)
