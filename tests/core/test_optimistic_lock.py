"""The same record changed from two places: the second, stale change is refused and the first is kept."""

import pytest

from app.core.models import Resident
from app.domain.errors import StaleRecord
from app.core import records
from app import residents


@pytest.fixture
def person(ctx):
    return residents.add_resident(ctx, name="张三", phone="13800138000", unit_no="3-2-1502")


def test_stale_version_from_another_window_is_refused(ctx, supervisor_ctx, person):
    # Two people open the same resident (version 1) in their windows.
    seen_by_wang = residents.get_resident(ctx, person.id)
    seen_by_zhang = residents.get_resident(supervisor_ctx, person.id)
    assert seen_by_wang.version == seen_by_zhang.version == 1

    saved = residents.update_resident(ctx, person.id, expected_version=seen_by_wang.version, name="张三",
                                      phone="13900139000", note="王丽改的电话")
    assert saved.version == 2

    with pytest.raises(StaleRecord) as err:
        residents.update_resident(supervisor_ctx, person.id, expected_version=seen_by_zhang.version, name="张三丰",
                                  phone="13700137000", note="张敏改的")
    assert "王丽" in str(err.value) and "刷新" in str(err.value)

    now = residents.get_resident(ctx, person.id)
    assert (now.name, now.phone, now.note, now.version) == ("张三", "13900139000", "王丽改的电话", 2)
    # Only the first change is in the history.
    changes = [h for h in records.history(ctx, now.uuid) if h.action == "修改"]
    assert len(changes) == 1 and changes[0].actor == "王丽"


def test_real_race_two_desks_read_the_same_version_and_save_at_once(ctx, supervisor_ctx, person):
    """Both read version 1, then both save at the same moment from two threads: the writers
    take turns (neither sees "database is locked"), the first is kept and the later one is
    refused as stale."""
    import threading

    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(who_ctx, note):
        seen = residents.get_resident(who_ctx, person.id)
        barrier.wait()
        try:
            residents.update_resident(who_ctx, person.id, expected_version=seen.version, name="张三",
                                      phone="13800138000", note=note)
            outcome[note] = "saved"
        except StaleRecord:
            outcome[note] = "stale"
        except Exception as exc:  # anything else is a failure a user would see
            outcome[note] = f"error {type(exc).__name__}"

    threads = [threading.Thread(target=save, args=(c, n)) for c, n in ((ctx, "王丽的"), (supervisor_ctx, "张敏的"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcome.values()) == ["saved", "stale"]
    winner = next(n for n, o in outcome.items() if o == "saved")
    now = residents.get_resident(ctx, person.id)
    assert (now.note, now.version) == (winner, 2)


def test_version_counter_refuses_a_flush_of_an_old_copy(ctx, supervisor_ctx, person):
    """The SQLAlchemy version_id_col itself: an object read before the other commit is
    flushed with ``WHERE version = 1`` and matches no row."""
    late = supervisor_ctx.Session()
    try:
        theirs = late.get(Resident, person.id)
        late.commit()  # end the read transaction; the loaded copy (version 1) stays
        residents.update_resident(ctx, person.id, expected_version=1, name="张三", phone="13800138000",
                                  note="先保存的")
        with pytest.raises(StaleRecord):
            with supervisor_ctx.unit_of_work() as s:
                theirs = s.merge(theirs, load=False)
                theirs.note = "后保存的"
                theirs.updated_by = "张敏"
    finally:
        late.close()
    now = residents.get_resident(ctx, person.id)
    assert (now.note, now.version) == ("先保存的", 2)


def test_version_grows_with_every_change(ctx, person):
    r = residents.update_resident(ctx, person.id, expected_version=1, name="张三", phone=None, note="a")
    r = residents.update_resident(ctx, person.id, expected_version=r.version, name="张三", phone=None, note="b")
    assert r.version == 3
    # Saving without any change does not bump the version.
    r2 = residents.update_resident(ctx, person.id, expected_version=3, name="张三", phone=None, note="b")
    assert r2.version == 3
