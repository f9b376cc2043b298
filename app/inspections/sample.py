"""Self-test records of supervision inspections: an inspection with one finding."""

from app.inspections.inspection import add_finding, start_inspection
from app.inspections.standard import standard


def sample(ctx) -> dict[str, dict]:
    ins = start_inspection(ctx, inspected_on=ctx.now().date(), inspector="自检督导", area="客服前台")
    first = next(item for indicator in standard(ctx) for item in indicator.items)
    add_finding(ctx, ins.uuid, item_uuid=first.uuid, problems=1, note="自检问题点")
    return {"inspection-report": {"number": ins.inspection_no}}
