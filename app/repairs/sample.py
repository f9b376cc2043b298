"""Self-test records of repairs (one work order taken to completion) and the demo site's work orders."""

from datetime import time

from app.repairs.follow_up import record_follow_up
from app.repairs.order import create_order
from app.repairs.steps import complete, dispatch, pick_up


def sample(ctx) -> dict[str, dict]:
    o = create_order(ctx, reporter="自检业主", unit_no="1-1-101", phone="13800138000", content="厨房水龙头漏水",
                     category="给排水")
    o = dispatch(ctx, o.uuid, "工程部", expected_version=o.version)
    o = pick_up(ctx, o.uuid, "维修工甲", expected_version=o.version)
    o = complete(ctx, o.uuid, result="已更换水龙头", expected_version=o.version)
    return {"work-order": {"number": o.number}}


REPAIRS = [("厨房水龙头漏水需要更换", "给排水"), ("卫生间地漏堵塞，积水排不下去", "给排水"),
           ("客厅插座没电，跳闸后合不上", "电气"), ("入户门锁损坏，钥匙打不开", "门窗"),
           ("阳台推拉门卡住推不动", "门窗"), ("卧室顶灯不亮，换灯泡也不行", "电气")]
RESULTS = ["已更换配件，试用正常", "已疏通，排水正常", "已检修线路，恢复供电", "已调整门扇，开关顺畅"]


def demo(ctx, scene) -> dict[str, int]:
    """Work orders of the last working days in every state: waiting to be dispatched, dispatched
    (some picked up late), in repair, completed and waiting for the follow-up, followed up and closed."""
    rnd = scene.rnd
    made = 0
    days = scene.days[-8:]
    for i, day in enumerate(days):
        age = len(days) - 1 - i  # working days ago
        for _ in range(rnd.randint(2, 4)):
            code, name, phone = scene.unit()
            content, category = rnd.choice(REPAIRS)
            at = scene.office_time(day, latest=time(16, 0) if age else time(15, 0))
            with scene.at(at) as c:
                o = create_order(c, reporter=name, unit_no=code, phone=phone, content=content, category=category)
            made += 1
            if age == 0 and rnd.random() < 0.25:
                continue  # 待派工
            at = scene.later(at, 0.2)
            with scene.at(at, scene.supervisor) as c:
                o = dispatch(c, o.uuid, "工程部", expected_version=o.version)
            late = rnd.random() < 0.25
            pick_at = scene.later(at, 3 if late else 0.3)
            if pick_at > scene.end or (age == 0 and late):
                continue  # 已派工, not picked up (late when its pick-up time has passed)
            with scene.at(pick_at, scene.receptionist()) as c:
                o = pick_up(c, o.uuid, rnd.choice(scene.engineers), expected_version=o.version)
            done_at = scene.later(pick_at, rnd.uniform(1, 4))
            if age == 0 or done_at > scene.end:
                continue  # 维修中
            with scene.at(done_at) as c:
                o = complete(c, o.uuid, result=rnd.choice(RESULTS), expected_version=o.version)
            follow_at = scene.later(done_at, rnd.uniform(16, 30))
            if age <= 1 or follow_at > scene.end:
                continue  # 待回访
            with scene.at(follow_at) as c:
                record_follow_up(c, o.uuid, content="回访维修结果，业主确认已修好",
                                 feedback=rnd.choices(["满意", "较满意"], [85, 15])[0], expected_version=o.version)
    return {"维修工单": made}
