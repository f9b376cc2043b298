"""Search across all dates: two-character words, single characters, phone fragments,
units, names; newest first, paged and capped; punctuation is plain text; the index
follows every change; the LIKE fallback gives the same answers."""

import random
from datetime import datetime, timedelta

import pytest

from app import reception
from app.reception import search
from app.core import settings
from app.domain.enums import Role

PHRASES = ["卫生间漏水", "楼上装修噪音太大", "地下车库停车位被占", "咨询物业费", "门禁卡失灵", "电梯停运", "路灯不亮",
           "楼道垃圾没人清理", "阳台下水管堵塞", "表扬保安师傅"]
SPECIAL = {
    "quote": '业主说"马上到"就挂了',
    "star": "密码是12*34，请转告",
    "percent": "水费上涨100%不合理",
    "underscore": "邮箱wang_li写错了",
    "paren": "门禁卡(旧款)无法使用",
}


@pytest.fixture
def two_years(ctx, clock):
    """About 260 records spread over two years, created in random order through the service."""
    rnd = random.Random(4)
    end = datetime(2026, 11, 20, 17, 0)
    made = []
    times = [end - timedelta(days=rnd.randrange(730), minutes=rnd.randrange(600)) for _ in range(250)]
    for i, at in enumerate(times):
        clock.set(at)
        phrase = PHRASES[i % len(PHRASES)]
        row = reception.create_contact(
            ctx, method="来电", name=rnd.choice(["张三", "李四", "王五", "赵六"]) + str(i % 7),
            category="咨询", content=f"{phrase}，第{i}号", phone=f"139{i:08d}",
            unit_no=f"{1 + i % 5}-{1 + i % 2}-{1 + i % 18:02d}0{1 + i % 2}", handling="已答复")
        made.append(row)
    for j, (key, text) in enumerate(SPECIAL.items()):
        clock.set(end - timedelta(days=100 + j))
        made.append(reception.create_contact(ctx, method="来访", name="特殊", category="其他", content=text,
                                             handling="已答复"))
    clock.set(datetime(2026, 11, 20, 18, 0))
    return made


def _all(ctx, text, **kw):
    rows, cursor = [], None
    while True:
        page = reception.search_contacts(ctx, text, after=cursor, **kw)
        rows.extend(page.rows)
        cursor = page.next_cursor
        if cursor is None:
            return rows, page


def _expect(made, pred):
    hits = [r for r in made if pred(r)]
    return [r.uuid for r in sorted(hits, key=lambda r: (r.received_at, r.id), reverse=True)]


def test_backend_is_fts5_on_sqlite(ctx, db_url):
    with ctx.read() as s:
        assert search.backend(s) == ("fts5" if db_url.startswith("sqlite") else "like")


def test_words_of_two_characters_one_character_and_names(ctx, two_years):
    rows, page = _all(ctx, "漏水")
    assert [r.uuid for r in rows] == _expect(two_years, lambda r: "漏水" in r.content)
    assert len(rows) == 25
    years = {r.received_at.year for r in rows}
    assert len(years) >= 2
    for word in ("噪音", "停车"):
        rows, _ = _all(ctx, word)
        assert rows and [r.uuid for r in rows] == _expect(two_years, lambda r, w=word: w in r.content)
    rows, _ = _all(ctx, "灯")
    assert [r.uuid for r in rows] == _expect(two_years, lambda r: "灯" in r.content)
    assert all("路灯" in r.content for r in rows)
    rows, _ = _all(ctx, "装修噪音")
    assert [r.uuid for r in rows] == _expect(two_years, lambda r: "装修噪音" in r.content)
    rows, _ = _all(ctx, "漏水 第1")
    assert rows and all("漏水" in r.content and "第1" in r.content for r in rows)
    assert _all(ctx, "漏水 噪音")[0] == []
    rows, _ = _all(ctx, "李四3")
    assert rows and [r.uuid for r in rows] == _expect(two_years, lambda r: r.name == "李四3")


def test_phone_fragment_and_unit(ctx, two_years):
    target = two_years[123]
    rows, _ = _all(ctx, "00000123")
    assert [r.uuid for r in rows] == [target.uuid]
    rows, _ = _all(ctx, "139 0000 0123")
    assert [r.uuid for r in rows] == [target.uuid]
    rows, _ = _all(ctx, "0012")
    assert {r.uuid for r in rows} >= {r.uuid for r in two_years if r.phone and "0012" in r.phone}
    code = two_years[7].unit_no
    b, e, room = code.split("-")
    expected = _expect(two_years, lambda r: r.unit_no == code)
    assert [r.uuid for r in _all(ctx, code)[0]] == expected
    assert [r.uuid for r in _all(ctx, f"{b}栋{e}单元{room}室")[0]] == expected
    by_room = [r.uuid for r in _all(ctx, room)[0]]
    assert set(expected) <= set(by_room)
    assert all(r.unit_no.endswith("-" + room) or room in r.content or room in (r.phone or "")
               for r in _all(ctx, room)[0])
    entrance = [r.uuid for r in _all(ctx, f"{b}-{e}")[0]]
    assert entrance == _expect(two_years, lambda r: (r.unit_no or "").startswith(f"{b}-{e}-"))


def test_punctuation_is_plain_text(ctx, two_years):
    for key, term in [("quote", '"马上到"'), ("star", "12*34"), ("percent", "100%"), ("underscore", "wang_li"),
                      ("paren", "(旧款)")]:
        rows, _ = _all(ctx, term)
        assert [r.content for r in rows] == [SPECIAL[key]], term
    for term in ['"', "*", "%", "_", "()", '" OR "', "漏水*", "NEAR(漏水", "^漏", "-漏水", "'", "\\", "漏水\"'"]:
        rows, _ = _all(ctx, term)
        assert len(rows) < len(two_years), term
        assert all(w.lower() in (r.content + r.name).lower() for r in rows for w in term.split()), term


def test_paged_and_capped(ctx, two_years, admin_ctx):
    first = reception.search_contacts(ctx, "第", limit=50)
    assert len(first.rows) == 50 and first.next_cursor is not None and not first.capped
    second = reception.search_contacts(ctx, "第", after=first.next_cursor, limit=50)
    assert not {r.uuid for r in first.rows} & {r.uuid for r in second.rows}
    assert first.rows[-1].received_at >= second.rows[0].received_at
    settings.put(admin_ctx, "reception.search_cap", 120)
    rows, last = _all(ctx, "第")
    assert len(rows) == 120 and last.capped
    assert [r.uuid for r in rows] == _expect(two_years, lambda r: "第" in r.content)[:120]


def test_date_range_and_filters_apply_to_search(ctx, two_years):
    flt = reception.ContactFilter(date_from=datetime(2026, 1, 1).date(), date_to=datetime(2026, 6, 30).date())
    rows, _ = _all(ctx, "漏水", flt=flt)
    assert [r.uuid for r in rows] == _expect(
        two_years, lambda r: "漏水" in r.content and datetime(2026, 1, 1) <= r.received_at < datetime(2026, 7, 1))
    assert _all(ctx, "漏水", flt=reception.ContactFilter(methods=("来访",)))[0] == []


def test_the_index_follows_changes(ctx, supervisor_ctx, two_years, clock):
    row = next(r for r in two_years if "漏水" in r.content)
    updated = reception.update_contact(supervisor_ctx, row.uuid, expected_version=row.version,
                                       content="厨房燃气异味，第999号", received_at=row.received_at - timedelta(days=400))
    assert row.uuid not in {r.uuid for r in _all(ctx, "漏水")[0]}
    assert [r.uuid for r in _all(ctx, "燃气")[0]] == [updated.uuid]
    made = [updated if r.uuid == updated.uuid else r for r in two_years]
    assert [r.uuid for r in _all(ctx, "第")[0]] == _expect(made, lambda r: "第" in r.content)
    fresh = reception.create_contact(ctx, method="来电", name="新来电", category="咨询", content="咨询燃气开通")
    assert [r.uuid for r in _all(ctx, "燃气")[0]] == [fresh.uuid, updated.uuid]


def test_like_fallback_gives_the_same_answers(ctx, two_years):
    with ctx.read() as s:
        for text in ("漏水", "灯", "装修噪音", "00000123", "1-2", "李四3", "100%", "(旧款)", "漏水 第1"):
            terms = search.parse(text)
            conds = [search.ContactRecord.site_code == ctx.site.code]
            fts = [c.id for c in search.find(s, terms, conds, limit=1000)]
            like = [c.id for c in search.find(s, terms, conds, limit=1000, force_backend="like")]
            assert fts == like, text


def test_rebuild_index(ctx, supervisor_ctx, two_years, db_url):
    before = [r.uuid for r in _all(ctx, "漏水")[0]]
    with pytest.raises(Exception):
        search.rebuild_index(ctx)  # a receptionist may not
    done = search.rebuild_index(supervisor_ctx)
    assert done == (len(two_years) if db_url.startswith("sqlite") else 0)
    assert [r.uuid for r in _all(ctx, "漏水")[0]] == before
    status = search.index_status(ctx)
    assert status.records == len(two_years)
    if status.backend == "fts5":
        assert status.indexed == len(two_years)


def test_too_long_search_is_refused(ctx):
    from app.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        reception.search_contacts(ctx, "漏" * 101)
    assert reception.search_contacts(ctx, "   ").rows == ()


def test_upgrading_an_older_database_indexes_its_records(tmp_path, db_url):
    """A database at 0001_core with visit/call records gets them indexed by migration 0002."""
    if not db_url.startswith("sqlite"):
        pytest.skip("the FTS5 index is SQLite only")
    from alembic import command

    from app.config import Paths
    from app.db.engine import alembic_config, make_engine, migrate
    from app.core.context import Actor, Context

    paths = Paths(tmp_path / "old").ensure()
    engine = make_engine(f"sqlite:///{paths.database}")
    command.upgrade(alembic_config(engine), "0001_core")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO site (code, name, company_name, created_at) "
                             "VALUES ('OLD', '旧站点', '旧公司', '2025-01-01 00:00:00')")
        for i, text in enumerate(["卫生间漏水", "咨询停车", "楼道灯不亮"]):
            conn.exec_driver_sql(
                "INSERT INTO contact_record (uuid, site_code, version, created_at, created_by, updated_at, "
                "updated_by, received_at, method, name, category, content, status, received_by) "
                "VALUES (?, 'OLD', 1, ?, '王丽', ?, '王丽', ?, '来电', '业主', '咨询', ?, '已完成', '王丽')",
                (f"00000000-0000-4000-8000-00000000000{i}", f"2025-01-0{i + 1} 10:00:00",
                 f"2025-01-0{i + 1} 10:00:00", f"2025-01-0{i + 1} 10:00:00", text))
    migrate(engine, paths.backups)
    ctx = Context(engine, paths, actor=Actor("wangli", "王丽", Role.RECEPTIONIST))
    assert search.index_status(ctx).indexed == 3
    assert [r.content for r in _all(ctx, "漏水")[0]] == ["卫生间漏水"]
    assert [r.content for r in _all(ctx, "灯")[0]] == ["楼道灯不亮"]
    engine.dispose()


def test_full_width_and_half_width_letters_and_digits_are_the_same(ctx):
    from app import reception as rc

    half = rc.create_contact(ctx, method="来电", name="王五", category="咨询", content="门禁卡 AND 车位 #3 号")
    full = rc.create_contact(ctx, method="来电", name="赵六", category="咨询", content="门禁卡ＡＮＤ车位＃３号")
    for query in ("ＡＮＤ", "AND", "and", "＃３", "#3"):
        found = {r.uuid for r in rc.search_contacts(ctx, query).rows}
        assert {half.uuid, full.uuid} <= found, query
