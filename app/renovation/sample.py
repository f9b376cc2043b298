"""Self-test records of renovation: an approved application, a visit with a violation (which opens
a rectification notice)."""

from datetime import time, timedelta

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


CONTRACTORS = ["金宇装饰工程有限公司", "安居家装服务部", "东方美家装饰公司"]
SCOPES = ["厨房卫生间翻新", "全屋墙面刷新、更换地板", "阳台封闭、更换门窗", "水电改造及吊顶"]
PROGRESS = ["水电改造", "泥瓦施工", "木工吊顶", "墙面处理", "安装收尾"]


def demo(ctx, scene) -> dict[str, int]:
    """Renovations under way (permits issued, visited on the rounds; today some units are not
    visited yet) and one visit that found a violation and opened a rectification notice."""
    rnd = scene.rnd
    made = {"装修申请": 0, "巡查记录": 0}
    count = min(5, len(scene.days))
    for n in range(count):
        applied_on = scene.days[-count + n - 1] if len(scene.days) > count else scene.days[0]
        code, owner, phone = scene.unit()
        at = scene.office_time(applied_on, latest=time(11, 0))
        with scene.at(at) as c:
            start = scene.today - timedelta(days=rnd.randint(0, 5))
            reno = apply(c, ApplicationData(unit_no=code, owner=owner, owner_phone=phone,
                                            contractor=rnd.choice(CONTRACTORS), manager=rnd.choice("王李张赵") + "师傅",
                                            manager_phone="137" + f"{rnd.randrange(10**8):08d}",
                                            scope=rnd.choice(SCOPES), start_date=max(start, applied_on),
                                            planned_end_date=scene.today + timedelta(days=rnd.randint(20, 60)),
                                            agreement_signed=True, liability_signed=True))
        with scene.at(scene.later(at, 1), scene.supervisor) as c:
            reno = approve(c, reno.uuid, expected_version=reno.version, opinion="同意，按规定时间施工")
        made["装修申请"] += 1
        visit_days = [d for d in scene.days[-5:] if d > applied_on and d >= reno.start_date]
        for d in visit_days:
            if d == scene.today and n % 2:
                continue  # not yet visited today
            violation = "中午休息时间施工，噪音扰民" if (n == 0 and d == visit_days[-1]) else None
            with scene.at(scene.office_time(d, earliest=time(9, 30))) as c:
                record_visit(c, VisitData(renovation_uuid=reno.uuid, site_state="施工中",
                                          progress=rnd.choice(PROGRESS), violation=violation))
            made["巡查记录"] += 1
    return made
