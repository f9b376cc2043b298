"""Logs hold no secrets: after failing operations -- a database error whose statement carries a
password hash and a phone, bad input naming a phone or an ID number, a command-line crash, an
unexpected error in the windows -- no argon2 hash, phone or ID number is in any log or console
message; errors are logged by kind and place."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy.exc import DBAPIError

from app import reception
from app.cli import main as cli_main
from app.core import users
from app.core.models import Staff
from app.core.safe_log import SafeFormatter, describe
from app.domain.errors import FrontDeskError

PHONE = "13912345678"
ID_NUMBER = "440301199001011234"
SECRETS = re.compile(r"\$argon2|" + PHONE + "|" + ID_NUMBER + r"|139 1234 5678")


def _database_error(ctx) -> DBAPIError:
    """A real error of the database, its statement parameters holding a hash and a phone."""
    try:
        with ctx.unit_of_work() as s:
            s.add(Staff(uuid="x" * 36, site_code="DEMO", created_at=ctx.now(), created_by="x", updated_at=ctx.now(),
                        updated_by="x", username="admin", name="重复", role="管理员", phone=PHONE,
                        password_hash=users.hash_password("Some-secret-9"), active=True, failed_attempts=0))
    except DBAPIError as exc:
        return exc
    raise AssertionError("the duplicate user name was not refused")


@pytest.fixture
def captured():
    """Every log record of the test, formatted as the application's log files format them."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: "\n".join(SafeFormatter("%(levelname)s %(name)s: %(message)s").format(r) for r in records)
    root.removeHandler(handler)


def test_a_database_error_is_logged_by_kind_and_place(admin_ctx, captured):
    exc = _database_error(admin_ctx)
    assert "$argon2" in str(exc) and PHONE in str(exc)  # what raw logging would have leaked
    logging.getLogger("frontdesk.test").error("saving failed: %s", exc, exc_info=exc)
    text = captured()
    assert not SECRETS.search(text), text
    assert "IntegrityError" in describe(exc) and "test_logs_hold_no_secrets.py" in describe(exc)
    assert "sqlalchemy gkpj" in describe(exc)  # SQLAlchemy's code for an integrity error


def test_failing_service_operations_leave_nothing_personal_in_the_log(ctx, captured):
    failures = 0
    for call in (
        lambda: reception.create_contact(ctx, method="来电", name="甲", category="咨询", phone="139 1234 5678x",
                                         content=f"身份证 {ID_NUMBER}", handling="已答复"),
        lambda: reception.create_contact(ctx, method="来电", name="甲\x00", category="咨询", phone=PHONE,
                                         content=f"身份证 {ID_NUMBER}"),
        lambda: users.login(ctx.as_actor(None), "wangli", "wrong-" + PHONE),
        lambda: users.add_user(ctx, username="x1", name="某人", role="前台客服", password=PHONE + "aA"),
    ):
        with pytest.raises(FrontDeskError) as err:
            call()
        logging.getLogger("ui.shared.common").error("unexpected error: %s", err.value, exc_info=err.value)
        failures += 1
    assert failures == 4
    assert not SECRETS.search(captured())


def test_a_command_line_crash_prints_and_logs_no_secret(admin_ctx, tmp_path, monkeypatch, capsys):
    exc = _database_error(admin_ctx)

    def crash(args):
        raise exc

    from app.cli.commands import core

    monkeypatch.setattr(core, "cmd_user_list", crash)
    home = tmp_path / "clihome"
    assert cli_main(["--home", str(home), "user", "list"]) == 1
    said = capsys.readouterr().err
    log = (home / "logs" / "cli-errors.log").read_text(encoding="utf-8")
    assert "IntegrityError" in said and "IntegrityError" in log and "crash" in log
    assert not SECRETS.search(said + log), said + log


def test_the_windows_log_file_holds_no_secret(admin_ctx, tmp_path, monkeypatch):
    import sys

    from ui.main import install_error_handling

    root = logging.getLogger()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    path = install_error_handling(tmp_path / "h")
    exc = _database_error(admin_ctx)
    logging.getLogger("ui.shared.worker").exception("background task %s failed", "保存", exc_info=exc)
    logging.getLogger("ui.reception").warning("receptionist list: %s", exc)
    for h in root.handlers:
        h.flush()
    text = open(path, encoding="utf-8").read()
    assert "IntegrityError" in text and not SECRETS.search(text), text
