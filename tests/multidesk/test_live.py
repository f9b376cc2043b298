"""Two desks on one database: what one saves shows on the other within seconds, an open record
says who changed it elsewhere, a stale save is refused with the other desk's name, and a lost
server is said in the status bar while what was typed stays."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import reception
from app.core import livelist
from app.core.context import Actor, Context
from app.db.engine import make_engine
from app.domain.enums import Role
from app.domain.errors import StaleRecord
from tests.conftest import PG_URL


@pytest.fixture
def other_desk(supervisor_ctx, clock):
    """A second desk: its own engine (its own connections) on the same database, 张敏 logged in."""
    engine = make_engine(supervisor_ctx.engine.url.render_as_string(hide_password=False))
    desk = Context(engine, supervisor_ctx.paths, clock=clock, actor=Actor("zhangmin", "张敏", Role.SUPERVISOR))
    yield desk
    engine.dispose()


def _call(ctx, name="李先生", content="咨询停车月卡办理流程"):
    return reception.create_contact(ctx, method="来电", name=name, category="咨询", content=content,
                                    phone="13800138000", handling="已告知办理流程")


def test_the_marker_moves_when_another_desk_saves(ctx, other_desk):
    before = livelist.change_marker(ctx)
    assert livelist.change_marker(ctx) == before  # nothing saved: nothing to refresh
    row = _call(other_desk)
    assert livelist.change_marker(ctx) != before
    assert livelist.record_change(ctx, "contact_record", row.uuid, row.version) is None
    reception.update_contact(other_desk, row.uuid, expected_version=row.version, content="咨询停车月卡和门禁卡")
    change = livelist.record_change(ctx, "contact_record", row.uuid, row.version)
    assert (change.version, change.updated_by) == (row.version + 1, "张敏")
    assert "张敏" in change.message(row.version)


def test_stale_save_is_refused_with_the_other_desks_name(ctx, other_desk):
    row = _call(ctx)
    reception.update_contact(other_desk, row.uuid, expected_version=row.version, content="内容已由主管补充")
    with pytest.raises(StaleRecord, match="张敏"):
        reception.update_contact(ctx, row.uuid, expected_version=row.version, content="前台的修改")
    assert reception.get_contact(ctx, row.uuid).content == "内容已由主管补充"


def test_the_list_on_one_desk_shows_what_another_desk_saved(qtbot, ctx, other_desk, monkeypatch):
    from ui.main import open_main_window
    from ui.shared.live_updates import LiveUpdates

    monkeypatch.setattr(LiveUpdates, "INTERVAL_MS", 200)
    window = open_main_window(ctx)
    qtbot.addWidget(window)
    page = window.show_page("reception")
    qtbot.waitUntil(lambda: window.live._marker is not None, timeout=5000)
    row = _call(other_desk, name="钱先生", content="请转告工程部回电")
    qtbot.waitUntil(lambda: page.model.find(row.uuid) >= 0, timeout=5000)  # no 刷新 pressed
    window.env.runner.shutdown()


def test_an_open_record_says_who_changed_it_elsewhere(qtbot, ctx, other_desk, make_env, dialogs):
    from ui.reception.contact_dialog import ContactDialog
    from ui.shared.live_updates import LiveUpdates

    row = reception.create_contact(ctx, method="来访", name="孙女士", category="报修", content="厨房水龙头漏水",
                                   handling_mode="转交", department="工程部")
    env = make_env(ctx)
    live = LiveUpdates(env, interval_ms=200)
    live.start()
    dlg = ContactDialog(env, row.uuid)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: live._marker is not None, timeout=5000)
    assert not dlg.watch.bar.isVisible()
    dlg.handling.setPlainText("已派维修工上门更换龙头")  # the receptionist is typing
    reception.update_contact(other_desk, row.uuid, expected_version=row.version, content="厨房水龙头漏水，楼下也渗水")
    qtbot.waitUntil(lambda: dlg.watch.bar.isVisible(), timeout=5000)
    assert "张敏" in dlg.watch.bar.text() and "版本 2" in dlg.watch.bar.text()
    assert dlg.handling.toPlainText() == "已派维修工上门更换龙头"  # what was typed stays
    dlg.complete()
    assert any("张敏" in e for e in dialogs.errors)  # the save is refused, naming the other desk
    assert reception.get_contact(ctx, row.uuid).handling in (None, "")
    live.stop()
    env.runner.shutdown()


def test_a_lost_server_is_said_in_the_status_bar_and_work_goes_on(qtbot, ctx, monkeypatch):
    from app.core.connection import ConnectionLost
    from ui.main import open_main_window
    from ui.shared.live_updates import LiveUpdates

    monkeypatch.setattr(LiveUpdates, "INTERVAL_MS", 200)
    window = open_main_window(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.live._marker is not None, timeout=5000)
    down = {"now": True}
    real = livelist.change_marker

    def marker(c):
        if down["now"]:
            raise ConnectionLost("与服务中心共享数据库的连接已中断")
        return real(c)

    monkeypatch.setattr(livelist, "change_marker", marker)
    qtbot.waitUntil(lambda: "连接已中断" in window.status_connection.text(), timeout=5000)
    assert "正在重试" in window.status_connection.text()
    down["now"] = False
    qtbot.waitUntil(lambda: window.status_connection.text() == "", timeout=5000)
    window.env.runner.shutdown()


@pytest.mark.skipif(not PG_URL, reason="a PostgreSQL server that can go away")
def test_a_save_while_the_server_is_gone_is_a_message_and_nothing_is_half_saved(ctx):
    from sqlalchemy.engine import make_url

    from app.core.connection import ConnectionLost

    dead = make_url(ctx.engine.url.render_as_string(hide_password=False)).set(port=1)
    gone = Context(make_engine(dead.render_as_string(hide_password=False)), ctx.paths, actor=ctx.actor)
    gone._site = ctx.site
    with pytest.raises(ConnectionLost, match="连接已中断"):
        _call(gone)
    before = livelist.change_marker(ctx)
    # the connections a desk holds are killed (the server restarted): the next save just works
    with ctx.engine.connect() as c:
        c.exec_driver_sql("SELECT 1")
    admin = make_engine(PG_URL)
    with admin.connect() as c:
        c.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          f"WHERE datname = '{ctx.engine.url.database}' AND pid <> pg_backend_pid()")
    admin.dispose()
    row = _call(ctx)
    assert livelist.change_marker(ctx) != before and reception.get_contact(ctx, row.uuid).name == "李先生"
    gone.engine.dispose()
