"""Self-test records of renovation: an approved application, a visit with a violation (which opens
a rectification notice)."""

from datetime import timedelta

from app.renovation.application import ApplicationData, apply, approve
from app.renovation.visits import VisitData, record_visit


def sample(ctx) -> dict[str, dict]:
    today = ctx.now().date()
    reno = apply(ctx, ApplicationData(unit_no="1-1-101", owner="自检业主", contractor="自检装饰公司",
                                      manager="施工负责人", manager_phone="13700137000", scope="厨房卫生间翻新",
                                      start_date=today, planned_end_date=today + timedelta(days=30),
                                      agreement_signed=True, liability_signed=True))
    reno = approve(ctx, reno.uuid, expected_version=reno.version, opinion="同意")
    visit = record_visit(ctx, VisitData(renovation_uuid=reno.uuid, site_state="施工中", progress="水电改造",
                                        violation="超时施工"))
    return {"renovation-permit": {"number": reno.permit_no}, "rectification-notice": {"number": visit.notice_no},
            "renovation-round": {"day": today}}
