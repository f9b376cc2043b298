"""Self-test records of complaints and follow-ups: a complaint handled to the end and followed up."""

from app.complaints.followups import record_follow_up
from app.complaints.handling import record_reply, record_result, start_handling
from app.complaints.intake import receive


def sample(ctx) -> dict[str, dict]:
    c = receive(ctx, channel="来电", complainant="自检业主", phone="13800138000", unit_no="1-1-101",
                content="楼上装修噪音影响休息", category="装修噪音扰民")
    c = start_handling(ctx, c.uuid, expected_version=c.version)
    c = record_result(ctx, c.uuid, result="已约谈施工方，按规定时间施工", expected_version=c.version)
    if c.status != "待回访":
        c = record_reply(ctx, c.uuid, method="电话", expected_version=c.version)
    record_follow_up(ctx, "投诉", c.uuid, method="电话", content="噪音问题已解决", feedback="满意")
    today = ctx.now().date()
    return {"complaint-opinions": {"day": today}, "follow-ups": {"date_from": today, "date_to": today},
            "complaint-analysis": {"month": f"{today:%Y-%m}"}, "weekly-summary": {"week": today}}
