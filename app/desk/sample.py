"""Self-test records of the desk services: a ladder lent and returned, a paid service, a service
application, an internal memo and a notice."""

from app.desk.applications import apply
from app.desk.loans import lend, return_item
from app.desk.memos import send_memo
from app.desk.notices import publish
from app.desk.paid import create_order


def sample(ctx) -> dict[str, dict]:
    today = ctx.now().date()
    loan = lend(ctx, item_no="TZ-01", borrower="自检业主", unit_no="1-1-101", phone="13800138000",
                deposit_receipt="ZJ-1")
    return_item(ctx, loan.uuid, expected_version=loan.version)
    order = create_order(ctx, customer="自检业主", unit_no="1-1-101", service="疏通下水道", receipt_no="ZJ-2")
    application = apply(ctx, applicant="自检业主", unit_no="1-1-101", content="申请临时停车")
    memo = send_memo(ctx, department="工程部", subject="自检联系函", content="请回复完工时间")
    notice = publish(ctx, kind="一般告知", title="自检告知", body="自检用告知内容")
    return {"borrow-register": {"date_from": today, "date_to": today},
            "service-order": {"number": order.number}, "service-application": {"number": application.number},
            "internal-memo": {"number": memo.number}, "notice": {"number": notice.number}}
