"""Self-test records of the reception desk: a call handled at once and a visit handed over."""

from app.reception.contact import create_contact


def sample(ctx) -> dict[str, dict]:
    create_contact(ctx, method="来电", name="自检业主", phone="13800138000", unit_no="1-1-101", category="咨询",
                   content="咨询物业费缴纳方式", handling="已告知缴费方式")
    create_contact(ctx, method="来访", name="自检业主", phone="13800138000", unit_no="1-1-101", category="建议",
                   content="建议增加楼道照明", handling_mode="转交", department="工程部")
    today = ctx.now().date()
    return {"contact-log": {"date_from": today, "date_to": today}}
