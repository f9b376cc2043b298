"""Backups: consistent while desks write, verified, kept by the rotation rule, restored with the
current database kept first; damaged or foreign files refused."""

from __future__ import annotations

import gzip
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import reception
from app.core import backup
from app.core.backup_files import list_backups
from app.domain.errors import PermissionDenied, ValidationError
from tests.conftest import PG_URL

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="the SQLite file itself is what is copied")


def _contact(ctx, i=0):
    return reception.create_contact(ctx, method="来电", name="甲", category="咨询", content=f"咨询 {i}",
                                    handling="已答复")


def _unzip(path: str, tmp_path: Path) -> Path:
    raw = tmp_path / "unzipped.db"
    with gzip.open(path, "rb") as fin:
        raw.write_bytes(fin.read())
    return raw


@sqlite_only
def test_backup_taken_while_a_desk_keeps_saving_is_consistent_and_verified(ctx, admin_ctx, tmp_path):
    for i in range(50):
        _contact(ctx, i)
    stop = threading.Event()
    saved = []

    def desk():
        i = 100
        while not stop.is_set():
            saved.append(_contact(ctx, i).uuid)
            i += 1

    t = threading.Thread(target=desk)
    t.start()
    try:
        info = backup.make_backup(admin_ctx, "manual")
    finally:
        stop.set()
        t.join(30)
    assert info.verified and Path(info.path).exists() and info.path.endswith(".db.gz")
    raw = _unzip(info.path, tmp_path)
    conn = sqlite3.connect(raw)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        in_copy = conn.execute("SELECT count(*) FROM contact_record").fetchone()[0]
        # every record in the copy has its audit event: a snapshot, not a half-written moment
        audited = conn.execute("SELECT count(DISTINCT entity_uuid) FROM audit_event WHERE entity='contact_record'"
                               ).fetchone()[0]
    finally:
        conn.close()
    assert in_copy == info.records["contact_record"] == audited
    assert 50 <= in_copy <= 50 + len(saved)
    assert saved, "the desk kept saving during the backup"
    listed = list_backups(admin_ctx.paths.backups)
    assert [b.path for b in listed] == [info.path] and listed[0].site_code == "DEMO"


def test_backup_needs_no_site_but_the_restore_needs_an_admin(ctx, admin_ctx):
    info = backup.make_backup(admin_ctx, "manual")
    assert info.verified
    with pytest.raises(PermissionDenied):
        backup.restore(ctx, info.path)


def test_rotation_over_a_simulated_year_keeps_today_7_days_8_weeks_12_months():
    start = datetime(2026, 1, 1, 8, 0)
    times = [start + timedelta(hours=h) for h in range(0, 366 * 24, 6)]  # four backups a day for a year
    now = times[-1]
    keep = backup.keep_set(times, now)
    today = [t for t in times if t.date() == now.date()]
    assert set(today) <= keep
    days = {t.date() for t in keep if t.date() != now.date()}
    # the newest of each of the last 7 days is kept
    for d in range(1, 7):
        day = now.date() - timedelta(days=d)
        assert max(t for t in times if t.date() == day) in keep
    # one per ISO week for the last 8 weeks, one per month for 12 months: and nothing else
    weeks = {t.isocalendar()[:2] for t in keep}
    months = {(t.year, t.month) for t in keep}
    assert len(weeks) >= 8 and len(months) == 12
    assert len(keep) <= len(today) + 7 + 8 + 12
    assert all(t >= now - timedelta(days=366) for t in keep) and len(days) >= 7


def test_rotate_deletes_what_the_rule_drops(admin_ctx, clock):
    made = []
    for day in range(40):
        clock.set(datetime(2026, 10, 1, 9, 0) + timedelta(days=day))
        made.append(backup.make_backup(admin_ctx, "auto"))
    left = list_backups(admin_ctx.paths.backups)
    assert len(left) < len(made)
    assert left[0].path == made[-1].path  # the newest is always there
    assert all(Path(b.path).exists() for b in left)
    assert not any(Path(b.path).exists() for b in made if b.path not in {x.path for x in left})


@sqlite_only
def test_restore_keeps_the_current_database_first_and_brings_back_the_backup(ctx, admin_ctx):
    first = _contact(ctx, 1)
    info = backup.make_backup(admin_ctx, "manual")
    later = _contact(ctx, 2)
    result = backup.restore(admin_ctx, info.path)
    assert result.kept_as and Path(result.kept_as).exists()
    kept = backup.read_info(Path(result.kept_as))
    assert kept.reason == "restore" and kept.verified and kept.records["contact_record"] == 2
    assert reception.get_contact(ctx, first.uuid).content == "咨询 1"
    from app.domain.errors import NotFound

    with pytest.raises(NotFound):
        reception.get_contact(ctx, later.uuid)


@sqlite_only
def test_restore_refuses_a_damaged_file_and_another_sites_backup(ctx, admin_ctx, tmp_path):
    _contact(ctx)
    info = backup.make_backup(admin_ctx, "manual")
    broken = tmp_path / "broken.db.gz"
    data = Path(info.path).read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    before = admin_ctx.paths.database.read_bytes()
    with pytest.raises(ValidationError, match="备份文件"):
        backup.restore(admin_ctx, broken)
    # another site's backup: the same file with the site code changed
    raw = _unzip(info.path, tmp_path)
    conn = sqlite3.connect(raw)
    conn.execute("UPDATE site SET code='OTHER'")
    conn.commit()
    conn.close()
    foreign = tmp_path / "foreign.db.gz"
    with gzip.open(foreign, "wb") as out:
        out.write(raw.read_bytes())
    with pytest.raises(ValidationError, match="OTHER"):
        backup.restore(admin_ctx, foreign)
    assert admin_ctx.paths.database.read_bytes() == before  # nothing was replaced
    assert backup.restore(admin_ctx, foreign, allow_other_site=True).restored is not None


def test_mirror_folder_gets_a_copy_and_a_missing_one_warns_after_a_day(admin_ctx, clock, tmp_path):
    from app.core import settings

    mirror = tmp_path / "usb"
    settings.put(admin_ctx, backup.MIRROR_FOLDER.key, str(mirror))
    info = backup.make_backup(admin_ctx, "manual")
    assert (mirror / Path(info.path).name).exists()
    assert backup.mirror_warning(admin_ctx) is None
    settings.put(admin_ctx, backup.MIRROR_FOLDER.key, "/proc/not-a-folder/usb")
    clock.set(clock.now + timedelta(days=1, hours=1))
    backup.make_backup(admin_ctx, "auto")  # the mirror is unreachable: the backup itself still works
    warning = backup.mirror_warning(admin_ctx)
    assert warning and "超过一天" in warning


def test_automatic_backup_is_due_only_after_changes_and_the_interval(ctx, admin_ctx, clock):
    assert backup.auto_backup_due(admin_ctx, None, None)
    info = backup.make_backup(admin_ctx, "auto")
    marker = backup.changes_marker(admin_ctx)
    clock.set(clock.now + timedelta(hours=2))
    assert not backup.auto_backup_due(admin_ctx, info.created_at, marker)  # nothing changed
    _contact(ctx)
    assert backup.auto_backup_due(admin_ctx, info.created_at, marker)
    assert not backup.auto_backup_due(admin_ctx, clock.now - timedelta(minutes=5), marker)  # too soon
