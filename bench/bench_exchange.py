"""The head-office workbook of a busy year, against bare openpyxl in the same run.

A temporary SQLite database gets a year of a busy site (default 30,000 visit/call records,
3,000 complaints, 5,000 follow-ups; bulk-inserted, then exported through the service). Figures:

- export: ``app.exchange.service.export_workbook`` for the whole year, against bare openpyxl
  write_only writing the same cells (values read back from our file beforehand, no styles);
  median of alternating runs; goal ratio <= 1.3;
- peak memory of the export: the peak RSS (VmHWM) of a fresh process that does only
  the export (interpreter, SQLAlchemy and openpyxl included), next to a process that only
  imports them; goal < 400 MB;
- import: ``import_workbook`` of that workbook into an empty database of the same site,
  against bare openpyxl read_only reading every cell of it; and the second import (all unchanged).

Every record gets the audit events its services would have written (新建, and 修改 for a changed
one), so the export's ``版本来历`` sheet lists the states a real site's records passed through.

    python bench/bench_exchange.py [--contacts 30000 --complaints 3000 --followups 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid as _uuid
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

YEAR = 2025
NOW = datetime(YEAR + 1, 1, 1, 8, 0)
SITE = dict(site_code="BENCH", site_name="阳光花园服务中心", company_name="示例物业服务有限公司")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉文斌海燕鹏飞晓东宇辉俊雪梅婷慧琳浩然子涵欣怡梓萱"
TEXTS = ["咨询物业费缴纳方式和截止时间", "卫生间天花板漏水，楼上渗水到本户，请尽快安排师傅上门查看",
         "楼上装修噪音太大，中午也在施工，影响老人和孩子休息", "建议在小区增加儿童游乐设施，并延长前台周末服务时间",
         "客厅插座没电，跳闸后合不上", "地下车库有车辆长期占用他人车位，多次沟通无果，请物业协调处理",
         "表扬维修师傅上门及时、态度好", "请转告工程部李经理回电，关于阳台下水管堵塞的问题"]


def _ctx(home: Path, url: str):
    from app.config import Paths
    from app.db.engine import make_engine, migrate
    from app.core.context import Context

    paths = Paths(home).ensure()
    engine = make_engine(url)
    migrate(engine, paths.backups)
    return Context(engine, paths, clock=lambda: NOW)


def new_site(home: Path):
    from app.core import users

    ctx = _ctx(home, f"sqlite:///{home / 'frontdesk.db'}")
    ctx.actor = users.init_site(ctx, admin_username="admin", admin_name="管理员", password="bench-pass-1", **SITE)
    return ctx


def open_site(home: Path):
    from app.core.context import Actor
    from app.domain.enums import Role

    ctx = _ctx(home, f"sqlite:///{home / 'frontdesk.db'}")
    ctx.actor = Actor("admin", "管理员", Role.ADMIN)
    return ctx


def generate(ctx, contacts: int, complaints: int, followups: int, seed: int = 7) -> None:
    """Bulk-insert a year of records (Core executemany; the services would take minutes)."""
    from sqlalchemy import insert

    from app.complaints.models import Complaint, FollowUp
    from app.reception.models import ContactRecord

    rnd = random.Random(seed)
    staff = ["王丽", "张敏", "李娜", "陈静"]
    start = datetime(YEAR, 1, 1, 8, 30)

    def name():
        return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))

    def phone():
        return rnd.choice(["138", "139", "150", "186"]) + f"{rnd.randrange(10**8):08d}"

    def when():
        return start + timedelta(days=rnd.randrange(365), minutes=rnd.randrange(570))

    def stamps(at):
        changed = rnd.random() < 0.3
        updated = at + timedelta(hours=rnd.randrange(1, 72)) if changed else at
        return dict(created_at=at, created_by=rnd.choice(staff), updated_at=min(updated, NOW - timedelta(hours=1)),
                    updated_by=rnd.choice(staff), version=rnd.randrange(2, 5) if changed else 1)

    site = ctx.site.code
    rows = []
    for _ in range(contacts):
        at = when()
        p = phone()
        long = rnd.random() < 0.01
        rows.append(dict(uuid=str(_uuid.UUID(int=rnd.getrandbits(128), version=4)), site_code=site, received_at=at,
                         method=rnd.choice(["来访", "来电", "来电", "来函"]), name=name(),
                         unit_no=f"{rnd.randrange(1, 13)}-{rnd.randrange(1, 3)}-{rnd.randrange(1, 33)}{rnd.randrange(1, 5):02d}",
                         phone=p, phone_digits=p, category=rnd.choice(["咨询", "报修", "投诉", "建议", "求助", "其他"]),
                         content=rnd.choice(TEXTS) * (40 if long else 1), handling_mode="当即处理",
                         department=None, handler=None, due_at=None, handling="已当场解答，业主满意",
                         completed_at=at + timedelta(minutes=20), status="已完成", received_by=rnd.choice(staff),
                         complaint_uuid=None, void_reason=None, voided_at=None, voided_by=None, **stamps(at)))
    crows = []
    for i in range(complaints):
        c = rows[i * max(1, contacts // max(complaints, 1)) % len(rows)]
        uid = str(_uuid.UUID(int=rnd.getrandbits(128), version=4))
        c["complaint_uuid"] = uid
        at = c["received_at"]
        crows.append(dict(uuid=uid, site_code=site, source_contact_uuid=c["uuid"], received_at=at, channel=c["method"],
                          complainant=c["name"], unit_no=c["unit_no"], phone=c["phone"], phone_digits=c["phone"],
                          category=rnd.choice(["装修噪音扰民", "公共设施故障", "停车", "服务态度"]),
                          severity=rnd.choice(["一般", "一般", "重要", "重大"]), validity="有效", content=c["content"],
                          department="工程部", handler="李工", within_desk_scope=False, due_at=at + timedelta(days=3),
                          opinion="转工程部核实处理，当日内联系业主", result="已处理完毕",
                          completed_at=at + timedelta(hours=20), overdue=rnd.random() < 0.1,
                          escalation_level=rnd.randrange(0, 2), reopen_count=0, reply_method="电话",
                          reply_at=at + timedelta(hours=21), status="已关闭", reviewer="张敏",
                          reviewed_at=at + timedelta(days=1), review_opinion="同意", received_by=c["received_by"],
                          **stamps(at)))
    frows = []
    for i in range(followups):
        subject = crows[i % len(crows)] if crows and i < len(crows) else None
        at = min(subject["completed_at"] + timedelta(hours=30), datetime(YEAR, 12, 31, 20)) if subject else when()
        frows.append(dict(uuid=str(_uuid.UUID(int=rnd.getrandbits(128), version=4)), site_code=site, visited_at=at,
                          subject_type="投诉" if subject else "日常走访", subject_uuid=subject["uuid"] if subject else None,
                          unit_no=subject["unit_no"] if subject else None,
                          interviewee=subject["complainant"] if subject else name(),
                          phone=subject["phone"] if subject else phone(), method="电话",
                          content="回访处理结果，业主确认问题已解决", feedback=rnd.choice(["满意", "满意", "较满意"]),
                          visitor=rnd.choice(staff), remark=None, **stamps(at)))
    from app.core import audit_chain
    from app.core.models import AuditEvent

    events = []
    for entity, data in (("contact_record", rows), ("complaint", crows), ("follow_up", frows)):
        for r in data:
            events.append(dict(site_code=site, at=r["created_at"], actor=r["created_by"], actor_username="bench",
                               action="新建", entity=entity, entity_uuid=r["uuid"], before=None, note=None,
                               after={"updated_at": r["created_at"].isoformat(sep=" "), "updated_by": r["created_by"]}))
            if r["updated_at"] != r["created_at"]:
                events.append(dict(site_code=site, at=r["updated_at"], actor=r["updated_by"], actor_username="bench",
                                   action="修改", entity=entity, entity_uuid=r["uuid"], before={"status": "处理中"},
                                   after={"status": r.get("status", "")}, note=None))
    with ctx.unit_of_work() as s:
        for model, data in ((ContactRecord, rows), (Complaint, crows), (FollowUp, frows)):
            for i in range(0, len(data), 2000):
                s.execute(insert(model.__table__), data[i:i + 2000])
        audit_chain.link_rows(s, events)
        for i in range(0, len(events), 2000):
            s.execute(insert(AuditEvent.__table__), events[i:i + 2000])


def export_once(ctx, out: Path) -> float:
    from app.exchange import service as exchange

    t = time.perf_counter()
    exchange.export_workbook(ctx, date(YEAR, 1, 1), date(YEAR, 12, 31), out)
    return time.perf_counter() - t


def read_cells(path: Path) -> list[tuple[str, list[tuple]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    out = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in wb.worksheets]
    wb.close()
    return out


def bare_write(sheets: list[tuple[str, list[tuple]]], out: Path) -> float:
    from openpyxl import Workbook

    t = time.perf_counter()
    wb = Workbook(write_only=True)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(out)
    return time.perf_counter() - t


def bare_read(path: Path) -> float:
    from openpyxl import load_workbook

    t = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    return time.perf_counter() - t


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
mode, home, out = sys.argv[1:4]
import app.exchange.service, openpyxl, sqlalchemy  # what both processes load
if mode == "export":
    from pathlib import Path
    sys.path.insert(0, {bench!r})
    import bench_exchange as b
    ctx = b.open_site(Path(home))
    b.export_once(ctx, Path(out))
# VmHWM: this process's own peak (ru_maxrss also counts the parent's memory before exec).
try:
    hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"maxrss_mb": hwm / 1024}}))
"""


def peak_rss(mode: str, home: Path, out: Path) -> float:
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"))
    r = subprocess.run([sys.executable, "-c", code, mode, str(home), str(out)], capture_output=True, text=True,
                       cwd=ROOT, timeout=1200)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-3000:])
    return json.loads(r.stdout.strip().splitlines()[-1])["maxrss_mb"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--contacts", type=int, default=30_000)
    ap.add_argument("--complaints", type=int, default=3_000)
    ap.add_argument("--followups", type=int, default=5_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from app.exchange import service as exchange

    with tempfile.TemporaryDirectory(prefix="fd-bench-exchange-") as tmpdir:
        tmp = Path(tmpdir)
        t = time.perf_counter()
        ctx = new_site(tmp / "site")
        generate(ctx, args.contacts, args.complaints, args.followups)
        print(f"database: {args.contacts} 来访来电, {args.complaints} 投诉, {args.followups} 回访 "
              f"in {time.perf_counter() - t:.1f} s")

        ours = tmp / "ours.xlsx"
        export_once(ctx, ours)  # warm-up (and the file the baseline copies)
        cells = read_cells(ours)
        ncells = sum(len(r) for _t, rows in cells for r in rows)
        bare_write(cells, tmp / "bare.xlsx")
        t_ours, t_bare = [], []
        for _ in range(args.runs):
            t_ours.append(export_once(ctx, ours))
            t_bare.append(bare_write(cells, tmp / "bare.xlsx"))
        e_ours, e_bare = statistics.median(t_ours), statistics.median(t_bare)
        total = exchange.list_exports(ctx, limit=1)[0].rows
        print(f"export:  {e_ours:.2f} s for {total} records ({ncells} cells, {ours.stat().st_size / 1e6:.1f} MB); "
              f"bare openpyxl write_only {e_bare:.2f} s; ratio {e_ours / e_bare:.2f} (goal <= 1.3)")

        rss_export = peak_rss("export", tmp / "site", tmp / "child.xlsx")
        rss_base = peak_rss("idle", tmp / "site", tmp / "none.xlsx")
        print(f"memory:  export process peak RSS {rss_export:.0f} MB (goal < 400 MB); "
              f"the same imports without exporting {rss_base:.0f} MB")

        r_bare = statistics.median(bare_read(ours) for _ in range(args.runs))
        t_imports = []
        exported = exchange.list_exports(ctx, limit=1)[0].rows
        for i in range(max(1, min(args.runs, 3))):
            empty = new_site(tmp / f"empty{i}")
            t = time.perf_counter()
            result = exchange.import_workbook(empty, ours)
            t_imports.append(time.perf_counter() - t)
            assert result.inserted == exported, result.summary()
        i_ours = statistics.median(t_imports)
        t = time.perf_counter()
        again = exchange.import_workbook(empty, ours)
        t_again = time.perf_counter() - t
        assert again.unchanged == exported
        print(f"import:  {i_ours:.2f} s into an empty database ({exported} records, one transaction, one audit event "
              f"each); bare openpyxl read_only {r_bare:.2f} s; ratio {i_ours / r_bare:.2f}")
        print(f"re-import of the same workbook (all unchanged): {t_again:.2f} s; ratio {t_again / r_bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
