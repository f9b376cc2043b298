"""系统设置 → 数据库 (move this site to the shared database) and → 导入冲突 (the 客服主管's list)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import reception
from app.core import connection, conflicts
from app.exchange import service as exchange
from tests.conftest import PG_URL
from tests.exchange_helpers import empty_site  # noqa: F401 - a fixture
from tests.multidesk.test_conflicts import _export
from tests.multidesk.test_move import _sqlite_site


@pytest.mark.skipif(not PG_URL, reason="needs FRONTDESK_TEST_PG_URL (a PostgreSQL server)")
def test_an_administrator_moves_the_site_from_the_settings(qtbot, tmp_path, clock, empty_target, make_env, dialogs):
    from ui.admin.database_tab import Tab

    admin, desk, _sup = _sqlite_site(tmp_path, clock)
    reception.create_contact(desk, method="来访", name="吴先生", category="咨询", content="咨询停车", handling="已答复")
    env = make_env(admin)
    tab = Tab(env)
    qtbot.addWidget(tab)
    assert "本机单独使用" in tab.where.text()
    db, password = connection.SharedDatabase.from_url(empty_target)
    for w, v in ((tab.host, db.host), (tab.port, str(db.port)), (tab.database, db.database), (tab.user, db.user),
                 (tab.password, password)):
        w.setText(v)
    tab.move()
    qtbot.waitUntil(lambda: tab.move_button.isEnabled(), timeout=30000)
    assert "核对一致" in tab.result.text() and "重新启动" in tab.result.text()
    assert connection.load(admin.paths).shared == db
    assert tab.password.text() == ""
    env.runner.shutdown()


def test_the_supervisor_settles_a_conflict_from_the_list(qtbot, ctx, supervisor_ctx, empty_site, tmp_path, clock,
                                                         make_env, dialogs):
    from ui.admin.conflicts_tab import Tab

    row = reception.create_contact(ctx, method="来访", name="周先生", category="报修", content="楼道灯不亮",
                                   handling_mode="转交", department="工程部")
    exchange.import_workbook(empty_site, _export(ctx, tmp_path / "a0.xlsx"))
    clock.set(clock.now + timedelta(minutes=5))
    reception.update_contact(ctx, row.uuid, expected_version=1, content="楼道灯不亮（5 楼）")
    theirs = reception.update_contact(empty_site, row.uuid, expected_version=1, content="灯已换")
    reception.update_contact(empty_site, row.uuid, expected_version=theirs.version, content="灯已换，业主确认")
    exchange.import_workbook(supervisor_ctx, _export(empty_site, tmp_path / "b.xlsx"))

    env = make_env(supervisor_ctx)
    tab = Tab(env)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=5000)
    assert "楼道灯不亮（5 楼） → 灯已换，业主确认" in tab.table.item(0, 4).text()
    assert "王丽" in tab.table.item(0, 2).text() and "管理员" in tab.table.item(0, 3).text()
    tab.table.selectRow(0)
    tab.resolve(False)  # keep this desk's version
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0, timeout=5000)
    kept = reception.get_contact(ctx, row.uuid)
    assert kept.content == "楼道灯不亮（5 楼）" and kept.version == 4
    assert conflicts.open_conflicts(supervisor_ctx) == []
    env.runner.shutdown()
