"""内部工作联系函: due within an hour of the inquiry (clock time, the site's setting), late when
sent at 61 minutes; from a visit/call record its time is the inquiry's; the reply recorded."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app import desk, reception
from app.core import settings
from app.desk.desk_settings import MEMO_MINUTES
from app.domain.errors import InvalidTransition, ValidationError


def _contact(ctx, clock, when):
    clock.set(when)
    return reception.create_contact(ctx, method="来电", name="陈先生", unit_no="3-2-1502",
                                    phone="13800138000", category="咨询", content="询问小区东门改造什么时候完工")


def test_a_memo_sent_61_minutes_after_the_inquiry_is_late(ctx, clock):
    c = _contact(ctx, clock, datetime(2026, 11, 20, 9, 0))
    clock.set(datetime(2026, 11, 20, 10, 0))
    on_time = desk.send_memo(ctx, department="工程部", subject="东门改造工期", content="业主询问完工时间，请回复",
                             source_type="来访来电", source_uuid=c.uuid)
    assert (on_time.inquiry_at, on_time.due_at, on_time.sent_late) == (
        datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 20, 10, 0), False)
    assert on_time.source_ref.startswith("11-20 09:00 陈先生") and on_time.number == "LXH20261120001"
    clock.set(datetime(2026, 11, 20, 10, 1))
    late = desk.send_memo(ctx, department="工程部", subject="东门改造工期", content="再次询问",
                          source_type="来访来电", source_uuid=c.uuid)
    assert late.sent_late and late.late


def test_the_hour_is_a_setting(ctx, supervisor_ctx, clock):
    settings.put(supervisor_ctx, MEMO_MINUTES.key, 30)
    clock.set(datetime(2026, 11, 20, 9, 31))
    m = desk.send_memo(ctx, department="安管部", subject="车位", content="…", inquiry_at=datetime(2026, 11, 20, 9, 0))
    assert m.due_at == datetime(2026, 11, 20, 9, 30) and m.sent_late


def test_the_reply_is_recorded_and_a_missing_reply_turns_red(ctx, clock):
    clock.set(datetime(2026, 11, 20, 9, 10))
    m = desk.send_memo(ctx, department="工程部", subject="路灯不亮", content="5栋门口路灯不亮",
                       reply_by=datetime(2026, 11, 20, 17, 0))
    assert not m.late
    clock.set(datetime(2026, 11, 20, 17, 1))
    assert desk.get_memo(ctx, m.uuid).reply_late
    assert desk.nav_badge(ctx).count == 1
    m = desk.record_reply(ctx, m.uuid, reply="已更换灯泡", replier="工程部 刘工", expected_version=m.version)
    assert (m.status, m.replier, m.replied_at) == ("已回复", "工程部 刘工", datetime(2026, 11, 20, 17, 1))
    assert m.reply_late  # it came after the reply-by time
    with pytest.raises(InvalidTransition):
        desk.record_reply(ctx, m.uuid, reply="再次", replier="刘工", expected_version=m.version)


def test_an_unknown_source_or_a_future_inquiry_is_refused(ctx, clock):
    with pytest.raises(ValidationError) as e:
        desk.send_memo(ctx, department="工程部", subject="x", content="y", source_type="来访来电",
                       source_uuid="00000000-0000-4000-8000-000000000000")
    assert e.value.field == "来源记录"
    with pytest.raises(ValidationError) as e:
        desk.send_memo(ctx, department="工程部", subject="x", content="y",
                       inquiry_at=clock.now + timedelta(hours=1))
    assert e.value.field == "征询时间"
