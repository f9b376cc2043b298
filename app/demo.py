"""A lived-in demo site: the staff roster (receptionists, a supervisor, engineers), buildings,
units and residents, and the last N working days of every module -- visit/call records,
complaints and follow-ups here, and each feature's own records from ``app/<feature>/sample.py``
(its ``demo(ctx, scene)``, made through its own services). Everything happens between 08:30 and
18:00 on the site's working days, done by the roster's people. The same seed gives the same
data (names, numbers, texts and times; the record UUIDs are derived from the seed too)."""

from __future__ import annotations

import importlib
import importlib.util
import random
import uuid as _uuid
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Iterator

from sqlalchemy import func, select

from app.core.models import Building, Resident, Unit, UnitResident
from app.reception import ContactRecord
from app.complaints import ComplaintSeverity, Feedback, FollowUpMethod
from app.reception import ContactCategory, ContactStatus, HandlingMode
from app.domain.enums import ContactMethod, ResidentRole, Role
from app.core import records
from app.core.context import Actor, Context

OPEN_AT, CLOSE_AT = time(8, 30), time(18, 0)
#: The demo roster: (username, name, role, department). Every demo account's password is
#: DEMO_PASSWORD (printed by ``frontdesk demo-data``); an administrator changes it.
ROSTER = [("wangli", "王丽", Role.RECEPTIONIST, "客服部"), ("liuna", "刘娜", Role.RECEPTIONIST, "客服部"),
          ("chenjing", "陈静", Role.SUPERVISOR, "客服部"), ("zhoujun", "周军", Role.MANAGER, "客服部"), ("lijianguo", "李建国", Role.RECEPTIONIST, "工程部"),
          ("zhaoqiang", "赵强", Role.RECEPTIONIST, "工程部")]
DEMO_PASSWORD = "Demo-desk-2026"


class Scene:
    """What a feature's ``demo(ctx, scene)`` works with: the random source, the roster, the
    units with their residents, the working days covered, and :meth:`at` -- act as one of the
    roster at a given time (the services then stamp that time and that person)."""

    def __init__(self, ctx: Context, rnd: random.Random, staff: dict[str, list[Actor]],
                 units: list[tuple[str, str, str]], days: list[date], end: datetime):
        self.ctx, self.rnd, self.units, self.days, self.end = ctx, rnd, units, days, end
        self.receptionists = staff["receptionists"]
        self.supervisor = staff["supervisors"][0]
        self.manager = staff["managers"][0]
        self.engineers = [a.name for a in staff["engineers"]]
        self.today = end.date()
        self._taken: set[str] = set()

    def office_time(self, day: date, *, earliest: time = OPEN_AT, latest: time = time(17, 30)) -> datetime:
        """A random minute of ``day`` within office hours (never after the end of the demo)."""
        lo = datetime.combine(day, earliest)
        hi = min(datetime.combine(day, latest), self.end)
        if hi <= lo:
            return lo if lo <= self.end else self.end
        return lo + timedelta(minutes=self.rnd.randrange(int((hi - lo).total_seconds() // 60) + 1))

    def later(self, at: datetime, hours: float) -> datetime:
        """``hours`` of office time after ``at``: moved on to the next working day's morning when
        it would fall outside office hours (None beyond the end of the demo)."""
        return office_hours(self.ctx, at + timedelta(hours=hours))

    def unit(self) -> tuple[str, str, str]:
        """A unit (code, resident, phone) no other demo record of a feature has used yet."""
        free = [u for u in self.units if u[0] not in self._taken]
        code, name, phone = self.rnd.choice(free or self.units)
        self._taken.add(code)
        return code, name, phone

    def receptionist(self) -> Actor:
        return self.rnd.choice(self.receptionists)

    @contextmanager
    def at(self, when: datetime, actor: Actor | None = None) -> Iterator[Context]:
        """Act as ``actor`` (a receptionist by default) with the clock at ``when``."""
        ctx = self.ctx
        saved_clock, saved_actor = ctx._clock, ctx.actor
        ctx.set_clock(lambda: when)
        ctx.actor = actor or self.receptionist()
        try:
            yield ctx
        finally:
            ctx.set_clock(saved_clock)
            ctx.actor = saved_actor


def office_hours(ctx: Context, at: datetime) -> datetime:
    """``at`` when it is within office hours on a working day; otherwise the next opening time."""
    from app.core.calendar import load_calendar

    cal = load_calendar(ctx)
    if at.time() > CLOSE_AT:
        at = datetime.combine(at.date() + timedelta(days=1), OPEN_AT)
    elif at.time() < OPEN_AT:
        at = datetime.combine(at.date(), OPEN_AT)
    if not cal.is_workday(at.date()):
        at = datetime.combine(cal.next_workday(at.date()), OPEN_AT)
    return at


def _last_office_moment(now: datetime, cal) -> datetime:
    """``now`` within office hours on a working day, else the last closing time before it."""
    if cal.is_workday(now.date()) and now.time() >= OPEN_AT:
        return min(now, datetime.combine(now.date(), CLOSE_AT))
    day = now.date() - timedelta(days=1)
    while not cal.is_workday(day):
        day -= timedelta(days=1)
    return datetime.combine(day, CLOSE_AT)


def ctx_epoch(ctx: Context, username: str) -> int:
    from app.core.models import Staff

    with ctx.read() as s:
        return s.scalar(select(Staff.session_epoch).where(Staff.username == username)) or 0


def _roster(ctx: Context) -> dict[str, list[Actor]]:
    """The demo roster's accounts (added when missing) as actors, by kind."""
    from app.core import users

    known = {u.username: u for u in users.list_users(ctx, include_inactive=False)}
    staff: dict[str, list[Actor]] = {"receptionists": [], "supervisors": [], "managers": [], "engineers": []}
    for username, name, role, department in ROSTER:
        row = known.get(username)
        if row is None:
            row = users.add_user(ctx, username=username, name=name, role=role, password=DEMO_PASSWORD,
                                 department=department)
        epoch = ctx_epoch(ctx, row.username)
        actor = Actor(row.username, row.name, Role(row.role), epoch)
        kind = ("engineers" if department == "工程部" else "supervisors" if role is Role.SUPERVISOR else
                "managers" if role is Role.MANAGER else "receptionists")
        staff[kind].append(actor)
    return staff


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文斌海燕鹏飞晓东宇辉俊杰雪梅婷慧琳浩然子涵欣怡梓萱"

CONTACT_TEXTS = {
    ContactCategory.INQUIRY: ["咨询物业费缴纳方式和截止时间", "咨询装修申请需要准备哪些材料", "咨询小区快递柜位置",
                              "咨询停车月卡办理流程", "咨询门禁卡补办费用"],
    ContactCategory.REPAIR: ["卫生间天花板漏水，楼上渗水到本户", "厨房水龙头漏水需要更换", "客厅插座没电，跳闸后合不上",
                             "入户门锁损坏，钥匙打不开", "阳台下水管堵塞"],
    ContactCategory.COMPLAINT: ["楼上装修噪音太大，中午也在施工", "地下车库有车辆长期占用他人车位", "电梯经常停运影响出行",
                                "楼道垃圾两天没人清理", "夜间广场舞噪音扰民"],
    ContactCategory.SUGGESTION: ["建议在小区增加儿童游乐设施", "建议延长前台周末服务时间", "建议增设电动车充电桩"],
    ContactCategory.PRAISE: ["表扬保安师傅帮忙搬运重物", "表扬维修师傅上门及时、态度好"],
    ContactCategory.HELP: ["老人忘带钥匙，请求帮助联系家属", "请求帮忙搬运家具到电梯口"],
    ContactCategory.RELAY: ["请工程部师傅回电，业主在家等候", "请客服主管回电核对上月物业费"],
    ContactCategory.OTHER: ["领取业主手册", "登记临时访客车辆"],
}
CATEGORY_WEIGHTS = [(ContactCategory.INQUIRY, 30), (ContactCategory.REPAIR, 25), (ContactCategory.COMPLAINT, 12),
                    (ContactCategory.SUGGESTION, 6), (ContactCategory.PRAISE, 4), (ContactCategory.HELP, 8),
                    (ContactCategory.RELAY, 5), (ContactCategory.OTHER, 10)]
DEPT_FOR = {ContactCategory.REPAIR: "工程部", ContactCategory.COMPLAINT: "客服部", ContactCategory.HELP: "安管部"}


def _name(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))


def _phone(rnd: random.Random) -> str:
    return rnd.choice(["138", "139", "150", "186", "137", "158", "189"]) + f"{rnd.randrange(10**8):08d}"


def generate(ctx: Context, *, days: int, seed: int = 1, buildings: int = 6, entrances: int = 2, floors: int = 15,
             per_floor: int = 2, contacts_per_day: int = 15) -> dict[str, int]:
    rnd = random.Random(seed)
    ns = _uuid.UUID(int=seed)
    counter = iter(range(10**9))

    def uid() -> str:
        return str(_uuid.uuid5(ns, str(next(counter))))

    from app.core.calendar import load_calendar

    cal = load_calendar(ctx)
    end = _last_office_moment(ctx.now(), cal)  # nothing in the future, nothing out of hours
    work_days = [d for d in ((end - timedelta(days=days - 1)).date() + timedelta(days=i) for i in range(days))
                 if cal.is_workday(d)] or [end.date()]
    saved_clock, admin = ctx._clock, ctx.actor
    ctx.set_clock(lambda: datetime.combine(work_days[0], OPEN_AT))  # the roster and the units: the first morning
    try:
        roster = _roster(ctx)
        staff = [a.name for a in roster["receptionists"]]
        summary = {"房屋": 0, "住户": 0, "来访来电": 0, "投诉": 0, "回访": 0}
        ctx.actor = roster["receptionists"][0]
        units, calls = _people_and_contacts(ctx, rnd, uid, end, work_days, staff, summary, buildings=buildings,
                                            entrances=entrances, floors=floors, per_floor=per_floor,
                                            contacts_per_day=contacts_per_day)
        ctx.set_clock(saved_clock)
        scene = Scene(ctx, rnd, roster, units, work_days, end)
        _complaints(scene, calls, summary)
        from app.features import FEATURES

        for feature in FEATURES:
            name = f"app.{feature.key}.sample"
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
            if hasattr(module, "demo"):
                for label, n in module.demo(ctx, scene).items():
                    summary[label] = summary.get(label, 0) + n
    finally:
        ctx.set_clock(saved_clock)
        ctx.actor = admin
    return summary


def _people_and_contacts(ctx, rnd, uid, end, work_days, staff, summary, *, buildings, entrances, floors,
                         per_floor, contacts_per_day) -> tuple[list[tuple[str, str, str]], list[tuple[datetime, dict]]]:
    """Units, residents and the visit/call records (written directly: there are many); the calls
    that are complaints or messages to pass on are returned, to be taken through the services."""
    with ctx.unit_of_work() as s:
        units: list[tuple[str, str, str]] = []  # code, owner name, phone
        site = ctx.site.code
        existing = s.scalar(select(func.count()).select_from(Unit).where(Unit.site_code == site))
        for b in range(1, buildings + 1):
            building = s.scalars(select(Building).where(Building.site_code == site, Building.name == str(b))).first()
            if building is None:
                building = records.create(ctx, s, Building, uuid=uid(), name=str(b), label=f"{b}栋",
                                          area="东区" if b <= buildings // 2 else "西区")
            for e in range(1, entrances + 1):
                for f in range(1, floors + 1):
                    for r in range(1, per_floor + 1):
                        code = f"{b}-{e}-{f}{r:02d}"
                        name, phone = _name(rnd), _phone(rnd)
                        occupied = rnd.random() > 0.08
                        if existing:
                            units.append((code, name, phone))
                            continue
                        unit = records.create(ctx, s, Unit, uuid=uid(), building_id=building.id, entrance=str(e),
                                              room=f"{f}{r:02d}", code=code, occupied=occupied,
                                              floor_area=rnd.choice([89.5, 105.2, 120.0, 138.6]))
                        summary["房屋"] += 1
                        if not occupied:
                            continue
                        person = records.create(ctx, s, Resident, uuid=uid(), name=name, phone=phone,
                                                phone_digits=phone)
                        role = ResidentRole.OWNER if rnd.random() > 0.15 else ResidentRole.TENANT
                        records.create(ctx, s, UnitResident, uuid=uid(), unit_id=unit.id, resident_id=person.id,
                                       role=role.value)
                        summary["住户"] += 1
                        units.append((code, name, phone))
        calls: list[tuple[datetime, dict]] = []
        cats = [c for c, _ in CATEGORY_WEIGHTS]
        weights = [w for _, w in CATEGORY_WEIGHTS]
        for day in work_days:
            n = max(1, int(rnd.gauss(contacts_per_day, 3)))
            times = sorted(datetime(day.year, day.month, day.day, 8, 30) + timedelta(minutes=rnd.randrange(570))
                           for _ in range(n))
            for at in times:
                if at > end:
                    break
                code, name, phone = rnd.choice(units)
                cat = rnd.choices(cats, weights)[0]
                if day == work_days[-1] and at == times[0]:
                    cat = ContactCategory.COMPLAINT  # the day always brings a complaint to see to
                method = rnd.choices(list(ContactMethod), [45, 45, 5, 5])[0]
                content = rnd.choice(CONTACT_TEXTS[cat])
                age = (end - at).total_seconds() / 3600
                handed = cat in DEPT_FOR
                done = age > 30 or (not handed and rnd.random() > 0.1)
                fields = dict(uuid=uid(), received_at=at, method=method.value, name=name, unit_no=code, phone=phone,
                              phone_digits=phone, category=cat.value, content=content,
                              handling_mode=(HandlingMode.HANDED_OVER if handed else HandlingMode.ON_THE_SPOT).value,
                              department=DEPT_FOR.get(cat), received_by=rnd.choice(staff),
                              status=(ContactStatus.DONE if done else
                                      ContactStatus.IN_PROGRESS if handed else ContactStatus.PENDING).value,
                              created_at=at, updated_at=at)
                if handed:
                    fields["due_at"] = at.replace(hour=18, minute=0)
                if done:
                    fields["handling"] = "已联系相关部门处理完毕，业主表示认可" if handed else "已当场解答，业主满意"
                    fields["completed_at"] = min(end, office_hours(ctx, at + timedelta(minutes=rnd.randrange(5, 600))))
                if cat in (ContactCategory.COMPLAINT, ContactCategory.RELAY):  # through the services: the
                    # complaint with its deadlines, the message to pass on
                    calls.append((at, fields))
                    continue
                records.create(ctx, s, ContactRecord, **fields)
                summary["来访来电"] += 1
    return units, calls


COMPLAINT_CATEGORY = {"楼上装修噪音太大，中午也在施工": "装修噪音扰民", "地下车库有车辆长期占用他人车位": "停车",
                      "电梯经常停运影响出行": "公共设施故障", "楼道垃圾两天没人清理": "公共区域清洁绿化",
                      "夜间广场舞噪音扰民": "安全秩序"}


def _relay(scene: Scene, at: datetime, f: dict) -> None:
    """A message for one of the staff, passed on within the hour (today's may still wait)."""
    from app import reception

    to = scene.rnd.choice(scene.engineers + [scene.supervisor.name])
    with scene.at(at) as c:
        contact = reception.create_contact(c, method=f["method"], name=f["name"], phone=f["phone"],
                                           unit_no=f["unit_no"], category=ContactCategory.RELAY.value,
                                           content=f["content"], relay_to=to)
    passed_at = scene.later(at, scene.rnd.uniform(0.2, 1.5))
    if passed_at > scene.end or (at.date() == scene.today and scene.rnd.random() < 0.6):
        return
    message = next(m for m in reception.list_pending_messages(scene.ctx) if m.contact_uuid == contact.uuid)
    with scene.at(passed_at) as c:
        reception.mark_passed_on(c, message.uuid, expected_version=message.version)


def _complaints(scene: Scene, calls: list[tuple[datetime, dict]], summary: dict[str, int]) -> None:
    """Each message recorded at the desk and passed on; each complaint call recorded at the desk
    (which opens the complaint), then handled as far
    as its age allows: started by the supervisor with an engineer as 处理人, finished and answered,
    followed up. A few are left alone, so the lists show complaints due today and overdue."""
    from app import complaints, reception

    rnd = scene.rnd
    for at, f in calls:
        if f["category"] == ContactCategory.RELAY.value:
            _relay(scene, at, f)
            summary["来访来电"] += 1
            continue
        with scene.at(at) as c:
            contact = reception.create_contact(
                c, method=f["method"], name=f["name"], phone=f["phone"], unit_no=f["unit_no"],
                category=ContactCategory.COMPLAINT.value, content=f["content"],
                handling="已受理，转投诉处理", complaint_category=COMPLAINT_CATEGORY.get(f["content"], "其他"),
                complaint_severity=rnd.choices(list(ComplaintSeverity), [85, 15, 0])[0].value)
        summary["来访来电"] += 1
        summary["投诉"] += 1
        row = complaints.get(scene.ctx, contact.complaint_uuid)
        age_h = (scene.end - at).total_seconds() / 3600
        if age_h < 1 or rnd.random() < 0.12:
            continue  # not started yet: due today, or overdue
        with scene.at(scene.later(at, 0.5), scene.supervisor) as c:
            row = complaints.start_handling(c, row.uuid, expected_version=row.version,
                                            handler=rnd.choice(scene.engineers),
                                            opinion="转工程部核实处理，当日内联系业主")
        done_at = scene.later(at, rnd.uniform(1, 5) if rnd.random() < 0.8 else rnd.uniform(8, 30))
        if done_at > scene.end or at.date() == scene.today or (age_h < 30 and rnd.random() < 0.5):
            continue  # 处理中
        with scene.at(done_at) as c:
            row = complaints.record_result(c, row.uuid, result="已处理完毕，业主认可", expected_version=row.version,
                                           reply_method="电话", reply_at=done_at)
        follow_at = scene.later(done_at, rnd.uniform(16, 40))
        if age_h < 96 or follow_at > scene.end:
            continue  # 待回访
        with scene.at(follow_at) as c:
            complaints.followups.record_follow_up(c, "投诉", row.uuid, method=FollowUpMethod.PHONE.value,
                                        content="回访投诉处理结果，业主确认问题已解决",
                                        feedback=rnd.choices([Feedback.SATISFIED, Feedback.FAIRLY_SATISFIED],
                                                             [80, 20])[0].value)
        summary["回访"] += 1
