"""Tamper evidence: `frontdesk check` finds an edited record, an edited audit row, a deleted audit
row (in the middle or the newest) and a record written without history, each by name."""

from __future__ import annotations

from sqlalchemy import text

from app import reception
from app.core import maintenance


def _contacts(ctx, n=3):
    return [reception.create_contact(ctx, method="来电", name=f"业主{i}", category="咨询", content=f"咨询停车 {i}",
                                     handling="已答复") for i in range(n)]


def _problems(ctx):
    report = maintenance.check(ctx)
    return report.ok, [line for line in report.lines if line.startswith("异常")]


def _sql(ctx, statement, **params):
    with ctx.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_an_untouched_database_passes(ctx):
    _contacts(ctx)
    ok, problems = _problems(ctx)
    assert ok, problems


def test_a_record_edited_in_the_database_is_found(ctx):
    c = _contacts(ctx)[1]
    _sql(ctx, "UPDATE contact_record SET content = '改过的内容' WHERE uuid = :u", u=c.uuid)
    ok, problems = _problems(ctx)
    assert not ok
    assert any("记录与最后一次历史不符（contact_record）" in p and c.uuid in p and "content" in p for p in problems)


def test_an_edited_audit_row_is_found_as_the_first_broken_link(ctx):
    c = _contacts(ctx)[1]
    with ctx.engine.connect() as conn:
        first_id = conn.execute(text("SELECT min(id) FROM audit_event WHERE entity_uuid = :u"), {"u": c.uuid}).scalar()
    _sql(ctx, "UPDATE audit_event SET actor = '别人' WHERE id = :i", i=first_id)
    ok, problems = _problems(ctx)
    assert not ok
    assert any(f"第一处断开在历史记录 #{first_id}" in p for p in problems), problems


def test_a_deleted_audit_row_is_found(ctx):
    c = _contacts(ctx)[1]
    with ctx.engine.connect() as conn:
        ids = conn.execute(text("SELECT id FROM audit_event ORDER BY id")).scalars().all()
        gone = conn.execute(text("SELECT min(id) FROM audit_event WHERE entity_uuid = :u"), {"u": c.uuid}).scalar()
    _sql(ctx, "DELETE FROM audit_event WHERE id = :i", i=gone)
    ok, problems = _problems(ctx)
    after = ids[ids.index(gone) + 1]
    assert not ok
    assert any(f"第一处断开在历史记录 #{after}" in p for p in problems), problems
    assert any("记录无历史（contact_record）" in p and c.uuid in p for p in problems), problems


def test_deleting_the_newest_audit_rows_is_found(ctx):
    _contacts(ctx)
    _sql(ctx, "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
    ok, problems = _problems(ctx)
    assert not ok and any("最后的历史记录被删除" in p for p in problems), problems


def test_a_record_deleted_with_its_history_rewritten_is_still_found(ctx):
    """Deleting a record and its audit rows breaks the chain where they were."""
    c = _contacts(ctx)[0]
    _sql(ctx, "DELETE FROM contact_record WHERE uuid = :u", u=c.uuid)
    _sql(ctx, "DELETE FROM audit_event WHERE entity_uuid = :u", u=c.uuid)
    ok, problems = _problems(ctx)
    assert not ok and any("历史记录链" in p for p in problems), problems
