"""Self-test records of repairs: one work order taken to completion."""

from app.repairs.order import create_order
from app.repairs.steps import complete, dispatch, pick_up


def sample(ctx) -> dict[str, dict]:
    o = create_order(ctx, reporter="自检业主", unit_no="1-1-101", phone="13800138000", content="厨房水龙头漏水",
                     category="给排水")
    o = dispatch(ctx, o.uuid, "工程部", expected_version=o.version)
    o = pick_up(ctx, o.uuid, "维修工甲", expected_version=o.version)
    o = complete(ctx, o.uuid, result="已更换水龙头", expected_version=o.version)
    return {"work-order": {"number": o.number}}
