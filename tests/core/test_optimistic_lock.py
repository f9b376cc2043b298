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


def test_real_race_two_transactions_read_the_same_version(ctx, supervisor_ctx, person):
    """Both read version 1 inside their own transaction, both write: the version counter
    (or, on SQLite, the snapshot check) refuses the later writer."""
    with pytest.raises(StaleRecord):
        with supervisor_ctx.unit_of_work() as late:
            theirs = late.get(Resident, person.id)
            assert theirs.version == 1
            with ctx.unit_of_work() as early:
                mine = early.get(Resident, person.id)
                records.update(ctx, early, mine, {"note": "先保存的"}, expected_version=1)
            records.update(supervisor_ctx, late, theirs, {"note": "后保存的"}, expected_version=1)
    now = residents.get_resident(ctx, person.id)
    assert (now.note, now.version) == ("先保存的", 2)


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
