"""Starting on a damaged database: the login window says what happened and offers the newest
backup; one click restores it and the desk opens."""

from __future__ import annotations

import pytest

from app.core import backup, users
from app.core.bootstrap import open_context
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="the desk's own SQLite file")


@pytest.fixture
def damaged_home(tmp_path):
    home = tmp_path / "desk"
    ctx = open_context(home)
    ctx.actor = users.init_site(ctx, site_code="DEMO", site_name="阳光花园", company_name="示例物业",
                                admin_username="admin", admin_name="管理员", password="secret-123x")
    backup.make_backup(ctx, "manual")
    ctx.engine.dispose()
    db = home / "frontdesk.db"
    data = bytearray(db.read_bytes())
    data[:16] = b"not a database!!"
    db.write_bytes(bytes(data))
    return home


def test_login_window_offers_the_newest_backup_and_opens_after_restoring(qtbot, damaged_home, dialogs):
    from ui.login_dialog import LoginDialog
    from ui.main import BackendLoader

    login = LoginDialog(home=damaged_home)
    qtbot.addWidget(login)
    loaders = []

    def load():
        loader = BackendLoader(damaged_home, None)
        loader.ready.connect(login.set_backend)
        loader.failed.connect(login.backend_failed)
        loaders.append(loader)
        loader.start()

    login.retry_requested.connect(load)
    load()
    qtbot.waitUntil(lambda: login.damage_panel.isVisibleTo(login), timeout=20000)
    text = login.message.text()
    assert "数据库已损坏" in text and "最新的可用备份" in text and "Traceback" not in text
    assert not login.login_button.isEnabled()
    login.restore_button.click()
    assert dialogs.confirms and "备份" in dialogs.confirms[-1]
    qtbot.waitUntil(lambda: login.ctx is not None, timeout=20000)
    assert login.ctx.site.code == "DEMO" and not login.damage_panel.isVisibleTo(login)
    assert any(p.name.startswith("damaged-") for p in (damaged_home / "backups").iterdir())
    for loader in loaders:
        loader.wait(5000)
    login.ctx.engine.dispose()
