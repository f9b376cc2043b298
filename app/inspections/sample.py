"""Self-test records of supervision inspections: an inspection with one finding."""

from datetime import time

from app.inspections.inspection import add_finding, start_inspection
from app.inspections.standard import standard


def sample(ctx) -> dict[str, dict]:
    ins = start_inspection(ctx, inspected_on=ctx.now().date(), inspector="自检督导", area="客服前台")
    first = next(item for indicator in standard(ctx) for item in indicator.items)
    add_finding(ctx, ins.uuid, item_uuid=first.uuid, problems=1, note="自检问题点")
    return {"inspection-report": {"number": ins.inspection_no}}


def demo(ctx, scene) -> dict[str, int]:
    """A supervision inspection of the front desk by the supervisor, with one finding."""
    day = scene.days[-2] if len(scene.days) > 1 else scene.days[0]
    with scene.at(scene.office_time(day, latest=time(11, 0)), scene.supervisor) as c:
        ins = start_inspection(c, inspected_on=day, inspector=scene.supervisor.name, area="客服前台")
        first = next(item for indicator in standard(c) for item in indicator.items)
        add_finding(c, ins.uuid, item_uuid=first.uuid, problems=1, note="交接班记录未及时填写")
    return {"督导检查": 1}
