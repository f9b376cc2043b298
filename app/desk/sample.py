"""Self-test records of the desk services (a ladder lent and returned, a paid service, a service
application, an internal memo and a notice) and the demo site's desk services."""

from datetime import time

from app.desk.applications import apply, decide
from app.desk.loans import lend, return_item
from app.desk.memos import record_reply, send_memo
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


SERVICES = ["开锁", "疏通下水道", "更换水龙头（不含材料）", "更换灯具（不含材料）"]
APPLICATIONS = ["申请临时停车位", "申请开具居住证明", "申请搬家放行", "申请公共区域摆放物品"]
MEMOS = [("工程部", "地库照明故障", "地下车库 B 区三盏照明灯不亮，请安排检修"),
         ("安管部", "访客车辆登记", "请核对昨晚进出的访客车辆登记情况"),
         ("保洁部", "楼道清洁", "2 栋 1 单元楼道有装修垃圾，请安排清运")]


def demo(ctx, scene) -> dict[str, int]:
    """Loans (returned, and one ladder out since yesterday), paid services, service applications
    (decided and pending) and internal memos (replied and waiting) over the last working days."""
    rnd = scene.rnd
    made = {"借用登记": 0, "有偿服务": 0, "服务申请": 0, "内部联系函": 0}
    days = scene.days[-6:]
    for i, day in enumerate(days):
        age = len(days) - 1 - i
        code, name, phone = scene.unit()
        at = scene.office_time(day, latest=time(16, 0))
        item = ("TZ-01", "TC-01")[i % 2]
        with scene.at(at) as c:
            loan = lend(c, item_no=item, borrower=name, unit_no=code, phone=phone, deposit_receipt=f"YJ-{i + 1:03d}")
        made["借用登记"] += 1
        if age != 1:  # the one lent yesterday is still out, past its free hour
            with scene.at(scene.later(at, rnd.uniform(0.3, 0.9))) as c:
                return_item(c, loan.uuid, expected_version=loan.version)
        code, name, phone = scene.unit()
        with scene.at(scene.office_time(day)) as c:
            create_order(c, customer=name, unit_no=code, phone=phone, service=rnd.choice(SERVICES),
                         receipt_no=f"SF-{i + 1:03d}")
        made["有偿服务"] += 1
        code, name, phone = scene.unit()
        at = scene.office_time(day, latest=time(15, 0))
        with scene.at(at) as c:
            application = apply(c, applicant=name, unit_no=code, phone=phone, content=rnd.choice(APPLICATIONS))
        made["服务申请"] += 1
        if age >= 2:
            with scene.at(scene.later(at, 2), scene.supervisor) as c:
                decide(c, application.uuid, "同意", opinion="同意，请按规定办理", expected_version=application.version)
        department, subject, content = MEMOS[i % len(MEMOS)]
        at = scene.office_time(day, latest=time(16, 0))
        with scene.at(at) as c:
            memo = send_memo(c, department=department, subject=subject, content=content)
        made["内部联系函"] += 1
        if age >= 1:
            with scene.at(scene.later(at, 0.8)) as c:
                record_reply(c, memo.uuid, reply="已安排处理", replier=rnd.choice(scene.engineers),
                             expected_version=memo.version)
    return made
