"""Fast generator of a big visit/call database for the reception benchmark.

The schema comes from the application's migrations and the site from
``users.init_site``; the records themselves are bulk-inserted with sqlite3
``executemany`` (not through the services: a million records through the ORM would
take far longer than the benchmark itself), and indexed with the same tokeniser
the application uses (``app.core.search_index.index_rows``).

    python bench/gen_contacts.py --out /tmp/fd-bench/frontdesk.db --records 1000000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
import uuid as _uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉文斌海燕鹏飞晓东宇辉俊雪梅婷慧琳浩然子涵欣怡梓萱"
PLACES = ["卫生间", "厨房", "客厅", "主卧", "次卧", "阳台", "楼道", "电梯厅", "地下车库", "单元门口", "小区东门", "儿童游乐区",
          "垃圾房", "消防通道", "屋面", "外墙", "车位", "大堂", "会所", "绿化带"]
ISSUES = ["天花板漏水", "水龙头滴水", "下水管堵塞", "插座没电", "灯不亮", "门锁坏了", "窗户关不严", "墙面开裂", "地砖空鼓",
          "噪音扰民", "有异味", "垃圾没人清理", "车辆乱停", "电梯停运", "门禁卡失灵", "水压太低", "暖气不热", "有老鼠",
          "积水严重", "路灯不亮", "监控看不清", "宠物粪便", "装修噪音太大", "树枝挡住窗户", "快递堆放"]
REQUESTS = ["请尽快派人维修", "希望物业尽快处理", "请工程部上门查看", "请安管部巡查", "请给个答复", "已经反映过两次",
            "业主情绪比较激动", "要求今天处理", "请联系业主约时间", "咨询处理进度"]
INQUIRIES = ["咨询物业费缴纳方式", "咨询装修申请需要的材料", "咨询停车月卡办理", "咨询门禁卡补办费用", "咨询快递柜位置",
             "咨询水电费账单", "咨询房屋出租登记", "咨询宠物登记"]
RARE = ["发现马蜂窝", "燃气表有异响", "井盖松动", "外墙瓷砖脱落"]  # rare words for the "rare word" measurement
METHODS = [("来访", 45), ("来电", 45), ("来函", 5), ("其他", 5)]
CATEGORIES = [("咨询", 30), ("报修", 25), ("投诉", 12), ("建议", 6), ("表扬", 4), ("求助", 8), ("转告", 5), ("其他", 10)]
STAFF = ["王丽", "陈静", "刘洋", "赵敏"]

COLUMNS = ("uuid", "site_code", "version", "created_at", "created_by", "updated_at", "updated_by", "received_at",
           "method", "name", "unit_no", "phone", "phone_digits", "category", "content", "handling_mode",
           "department", "handler", "due_at", "handling", "completed_at", "status", "received_by")


def _content(rnd: random.Random, category: str) -> str:
    if category == "咨询":
        return rnd.choice(INQUIRIES)
    if rnd.random() < 0.0002:
        return rnd.choice(PLACES) + rnd.choice(RARE) + "，" + rnd.choice(REQUESTS)
    return rnd.choice(PLACES) + rnd.choice(ISSUES) + "，" + rnd.choice(REQUESTS)


def generate_rows(n: int, *, end: datetime, days: int, seed: int = 7, site_code: str = "BENCH"):
    """``n`` records spread evenly over ``days`` days up to ``end`` (chronological order)."""
    rnd = random.Random(seed)
    methods, mw = zip(*METHODS)
    cats, cw = zip(*CATEGORIES)
    start = end - timedelta(days=days)
    span = (end - start).total_seconds()
    step = span / n
    for i in range(n):
        at = start + timedelta(seconds=int(i * step + rnd.random() * step))
        b, e, f, r = rnd.randint(1, 30), rnd.randint(1, 4), rnd.randint(1, 33), rnd.randint(1, 4)
        unit = f"{b}-{e}-{f}{r:02d}"
        phone = rnd.choice(["138", "139", "150", "186", "137", "158", "189"]) + f"{rnd.randrange(10**8):08d}"
        cat = rnd.choices(cats, cw)[0]
        handed = cat in ("报修", "投诉", "求助")
        age = (end - at).total_seconds()
        done = age > 86400 or rnd.random() < 0.5
        ts = at.isoformat(sep=" ")
        yield (str(_uuid.UUID(int=rnd.getrandbits(128), version=4)), site_code, 1, ts, "王丽", ts, "王丽", ts,
               rnd.choices(methods, mw)[0],
               rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2)))),
               unit, phone, phone, cat, _content(rnd, cat), "转交" if handed else "当即处理",
               "工程部" if handed else None, "李工" if handed else None,
               at.replace(hour=18, minute=0).isoformat(sep=" ") if handed else None,
               ("已处理完毕，业主认可" if done else None),
               (at + timedelta(hours=2)).isoformat(sep=" ") if done else None,
               "已完成" if done else ("处理中" if handed else "待处理"), rnd.choice(STAFF))


def build(db_path: Path, n: int, *, days: int = 1460, end: datetime | None = None, seed: int = 7,
          log=print) -> Path:
    """Create the schema (migrations), the site, and ``n`` indexed records."""
    from app.config import Paths
    from app.db.engine import make_engine, migrate
    from app.core.search_index import index_rows
    from app.core import users
    from app.core.context import Context

    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    paths = Paths(db_path.parent).ensure()
    engine = make_engine(f"sqlite:///{db_path}")
    migrate(engine)
    ctx = Context(engine, paths)
    users.init_site(ctx, site_code="BENCH", site_name="基准测试服务中心", company_name="基准物业",
                    admin_username="admin", admin_name="管理员", password="bench-1234")
    engine.dispose()

    end = end or datetime.now().replace(microsecond=0)
    t0 = time.perf_counter()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-200000")
    sql = f"INSERT INTO contact_record ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    batch: list[tuple] = []
    with con:
        for row in generate_rows(n, end=end, days=days, seed=seed):
            batch.append(row)
            if len(batch) >= 20000:
                con.executemany(sql, batch)
                batch.clear()
        if batch:
            con.executemany(sql, batch)
    t1 = time.perf_counter()
    log(f"inserted {n:,} records in {t1 - t0:.1f} s")
    with con:
        last = 0
        while True:
            rows = con.execute("SELECT id, received_at, name, content, unit_no, phone_digits FROM contact_record "
                               "WHERE id > ? ORDER BY id LIMIT 50000", (last,)).fetchall()
            if not rows:
                break
            index_rows(con, rows)
            last = rows[-1][0]
        con.execute("INSERT INTO contact_fts(contact_fts) VALUES ('optimize')")
    t2 = time.perf_counter()
    log(f"indexed in {t2 - t1:.1f} s")
    con.execute("ANALYZE")
    con.close()
    return db_path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="SQLite file to create (replaced)")
    p.add_argument("--records", type=int, default=1_000_000)
    p.add_argument("--days", type=int, default=1460)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    build(Path(args.out), args.records, days=args.days, seed=args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
