"""Self-test records of move-in (a handover started for a unit) and the demo site's handovers:
appointments booked for today, handovers delivered, and handovers waiting for their defects to be
rectified (one past its deadline)."""

from datetime import datetime, time, timedelta

from app.movein.appointments import add_appointment
from app.movein.defects import add_defect
from app.movein.handover import set_item, start_handover
from app.movein.inspection import set_inspection
from app.movein.fees_keys import add_key
from app.movein.meters import add_meter_reading
from app.movein.result import complete_handover, require_rectification
from app.movein.vocab import InspectionResult, ItemStatus


def sample(ctx) -> dict[str, dict]:
    start_handover(ctx, "1-1-102", receiver_name="自检新业主", receiver_phone="13900139000")
    return {"move-in": {"unit": "1-1-102"}}


DEFECTS = [("客厅", "墙面", "墙面有裂缝约 30 厘米"), ("卫生间", "地面", "地面找坡不当，有积水"),
           ("主卧", "门窗", "窗户密封条脱落")]


def _ready(ctx, data, scene):
    """Everything a handover needs ticked, read and inspected (as the receptionist does on the day)."""
    for item in data.checklist:
        if item.applicable:
            data = set_item(ctx, data.uuid, item.id, ItemStatus.DONE, expected_version=data.version)
    room = data.unit_no.rsplit("-", 1)[-1]
    data = add_meter_reading(ctx, data.uuid, kind="水", meter_no=f"W-{room}", reading=f"{scene.rnd.uniform(1, 20):.1f}",
                             expected_version=data.version)
    data = add_meter_reading(ctx, data.uuid, kind="电", meter_no=f"E-{room}", reading=scene.rnd.randint(10, 300),
                             expected_version=data.version)
    data = add_key(ctx, data.uuid, kind="入户门", count=3, signed=True, expected_version=data.version)
    return data


def demo(ctx, scene) -> dict[str, int]:
    rnd = scene.rnd
    made = {"入伙预约": 0, "入伙办理": 0}
    for hour in (10, 14, 16):  # booked for today, a few days ahead
        code, _name, _phone = scene.unit()
        booked_on = scene.days[-4] if len(scene.days) >= 4 else scene.days[0]
        with scene.at(scene.office_time(booked_on)) as c:
            add_appointment(c, unit_no=code, at=datetime.combine(scene.today, time(hour, 0)), name=_name,
                            phone=_phone)
        made["入伙预约"] += 1
    plan = [(7, "delivered"), (5, "delivered"), (6, "overdue"), (2, "rectify")]
    for ago, outcome in plan:
        if ago >= len(scene.days):
            continue
        day = scene.days[-1 - ago]
        code, name, phone = scene.unit()
        at = scene.office_time(day, latest=time(15, 0))
        with scene.at(at) as c:
            data = _ready(c, start_handover(c, code, receiver_name=name, receiver_phone=phone), scene)
            if outcome == "delivered":
                ids = [i.id for i in data.inspection if i.result == InspectionResult.UNCHECKED]
                data = set_inspection(c, data.uuid, ids, InspectionResult.PASSED, expected_version=data.version)
                complete_handover(c, data.uuid, expected_version=data.version)
            else:
                room, item, description = rnd.choice(DEFECTS)
                deadline = scene.later(at + timedelta(days=3), 0).date()
                data = add_defect(c, data.uuid, room=room, item=item, description=description,
                                  responsible="工程部", deadline=deadline, expected_version=data.version)
                ids = [i.id for i in data.inspection if i.result == InspectionResult.UNCHECKED]
                data = set_inspection(c, data.uuid, ids, InspectionResult.PASSED, expected_version=data.version)
                require_rectification(c, data.uuid, deadline=deadline, expected_version=data.version)
        made["入伙办理"] += 1
    return made
