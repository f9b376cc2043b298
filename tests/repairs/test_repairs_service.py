"""Repair work orders: the state rules, deadlines, forced and sampled follow-ups, statistics."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from app.reception.models import ContactRecord
from app.domain.errors import InvalidTransition, PermissionDenied, StaleRecord, ValidationError
from app.core import records
from app import repairs
from app.repairs.vocab import RepairStatus as S


def _order(ctx, category="给排水", **kw):
    fields = dict(reporter="陈先生", unit_no="3栋2单元1502", phone="138 0013 8000", content="厨房水龙头漏水",
                  category=category)
    fields.update(kw)
    return repairs.create_order(ctx, **fields)


def _done(ctx, clock, category="给排水", **kw):
    """An order taken to 待回访 on time."""
    o = _order(ctx, category, **kw)
    o = repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    clock.set(clock.now + timedelta(minutes=10))
    o = repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    clock.set(clock.now + timedelta(minutes=50))
    return repairs.complete(ctx, o.number, result="已更换阀芯，试水正常", cost="35", expected_version=o.version)


def _contact(ctx, **kw):
    fields = dict(received_at=ctx.now(), method="来电", name="王女士", unit_no="1-1-301", phone="13912345678",
                  phone_digits="13912345678", category="报修", content="卫生间天花板渗水", status="待处理",
                  received_by=ctx.actor.name)
    fields.update(kw)
    with ctx.unit_of_work() as s:
        return records.create(ctx, s, ContactRecord, **fields).uuid


def test_a_new_order_is_numbered_and_waits_for_dispatch(ctx):
    a = _order(ctx)
    b = _order(ctx, urgency="紧急")
    assert (a.number, b.number) == ("WX20261120001", "WX20261120002")
    assert a.status == S.AWAITING_DISPATCH and a.unit_no == "3-2-1502" and a.phone == "13800138000"
    # Without an agreed time: 24 h (一般) / 4 h (紧急) from the report.
    assert a.finish_due_at == datetime(2026, 11, 21, 9, 0)
    assert b.finish_due_at == datetime(2026, 11, 20, 13, 0)
    c = _order(ctx, appointment_at=datetime(2026, 11, 20, 15, 0))
    assert c.finish_due_at == datetime(2026, 11, 20, 15, 0)
    assert repairs.get_order(ctx, a.uuid).number == a.number


def test_bad_input_names_the_field_and_changes_nothing(ctx):
    with pytest.raises(ValidationError) as err:
        _order(ctx, category="装修")
    assert err.value.field == "类别"
    with pytest.raises(ValidationError) as err:
        _order(ctx, reporter="  ")
    assert err.value.field == "报修人"
    with pytest.raises(ValidationError) as err:
        _order(ctx, appointment_at=datetime(2026, 11, 19, 9, 0))
    assert err.value.field == "预约时间"
    assert repairs.list_orders(ctx) == []


def test_only_the_allowed_steps(ctx, clock, supervisor_ctx):
    o = _order(ctx)
    with pytest.raises(InvalidTransition):
        repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    with pytest.raises(InvalidTransition):
        repairs.complete(ctx, o.number, result="修好了", expected_version=o.version)
    with pytest.raises(InvalidTransition):
        repairs.close(ctx, o.number, expected_version=o.version)
    o = repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    assert o.status == S.DISPATCHED and o.pickup_due_at == clock.now + timedelta(minutes=30)
    with pytest.raises(InvalidTransition):
        repairs.decline(ctx, o.number, "不属于物业维修范围", expected_version=o.version)
    # 改派 to a named worker restarts the pick-up clock.
    clock.set(clock.now + timedelta(minutes=5))
    o = repairs.dispatch(ctx, o.number, "张师傅", expected_version=o.version)
    assert o.dispatched_to == "张师傅" and o.pickup_due_at == clock.now + timedelta(minutes=30)
    o = repairs.pick_up(ctx, o.number, "张师傅", expected_version=o.version)
    assert o.status == S.IN_REPAIR and not o.pickup_late
    with pytest.raises(InvalidTransition):
        repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    o = repairs.complete(ctx, o.number, result="已疏通", expected_version=o.version)
    assert o.status == S.AWAITING_FOLLOW_UP
    with pytest.raises(InvalidTransition):
        repairs.pick_up(ctx, o.number, "张师傅", expected_version=o.version)
    # Voiding needs a supervisor and a reason, and is final.
    with pytest.raises(PermissionDenied):
        repairs.void_order(ctx, o.number, "重复登记", expected_version=o.version)
    with pytest.raises(ValidationError):
        repairs.void_order(supervisor_ctx, o.number, "", expected_version=o.version)
    o = repairs.void_order(supervisor_ctx, o.number, "重复登记", expected_version=o.version)
    assert o.status == S.VOID and o.void_reason == "重复登记"
    with pytest.raises(InvalidTransition):
        repairs.close(ctx, o.number, expected_version=o.version)
    assert [h.action for h in records.history(ctx, o.uuid)] == ["登记工单", "派工", "改派", "接单", "完工", "作废"]


def test_out_of_scope_request_is_declined_with_the_explanation(ctx):
    o = _order(ctx, content="请物业帮忙维修家里的空调")
    with pytest.raises(ValidationError) as err:
        repairs.decline(ctx, o.number, " ", expected_version=o.version)
    assert err.value.field == "不予受理说明"
    o = repairs.decline(ctx, o.number, "户内自购电器不属于物业维修范围，已告知业主联系厂家售后",
                        expected_version=o.version)
    assert o.status == S.DECLINED and "厂家售后" in o.decline_reason
    with pytest.raises(InvalidTransition):
        repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)


def test_a_stale_version_is_refused(ctx):
    o = _order(ctx)
    repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    with pytest.raises(StaleRecord):
        repairs.dispatch(ctx, o.number, "张师傅", expected_version=o.version)


@pytest.mark.parametrize("category", ["渗漏水", "安全设施"])
def test_leaks_and_safety_facilities_cannot_close_without_a_follow_up(ctx, clock, category):
    o = _done(ctx, clock, category)
    assert o.follow_up_required and o.follow_up_rule == "必访"
    with pytest.raises(InvalidTransition) as err:
        repairs.close(ctx, o.number, expected_version=o.version)
    assert "必须回访" in str(err.value)
    assert repairs.get_order(ctx, o.number).status == S.AWAITING_FOLLOW_UP
    clock.set(clock.now + timedelta(hours=3))
    o = repairs.record_follow_up(ctx, o.number, interviewee="陈先生", content="已不再渗水", feedback="满意",
                                 expected_version=o.version)
    assert o.status == S.CLOSED and o.feedback == "满意"
    assert [f.feedback for f in repairs.follow_ups_of(ctx, o.number)] == ["满意"]


def test_dissatisfied_sends_the_order_back(ctx, clock):
    o = _done(ctx, clock, "渗漏水")
    o = repairs.record_follow_up(ctx, o.number, interviewee="陈先生", content="仍然渗水", feedback="不满意",
                                 expected_version=o.version)
    assert o.status == S.AWAITING_DISPATCH and o.reopen_count == 1 and o.completed_at is None
    o = repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    o = repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    o = repairs.complete(ctx, o.number, result="重新做防水", expected_version=o.version)
    # The earlier (不满意) follow-up does not count for the new completion.
    with pytest.raises(InvalidTransition):
        repairs.close(ctx, o.number, expected_version=o.version)
    o = repairs.record_follow_up(ctx, o.number, interviewee="陈先生", content="好了", feedback="较满意",
                                 expected_version=o.version)
    assert o.status == S.CLOSED


def test_the_sample_is_random_recorded_and_reproducible(ctx, clock):
    rows = [_done(ctx, clock) for _ in range(60)]
    chosen = [r for r in rows if r.follow_up_required]
    assert 0.05 < len(chosen) / len(rows) < 0.6  # 30% nominal; a wild miss means the draw is broken
    assert len({r.sample_seed for r in rows}) == len(rows)
    for r in rows:
        assert r.sample_rate == 30 and r.follow_up_rule in ("抽中", "未抽中")
        # Anyone can redo the draw from what the order records, with the standard library alone.
        draw = random.Random(int(r.sample_seed)).random()
        assert draw == r.sample_draw
        assert (draw < r.sample_rate / 100) == r.follow_up_required
        assert repairs.verify_sample(r).matches
        # The draw is in the order's history too.
        done = [h for h in records.history(ctx, r.uuid) if h.action == "完工"][0]
        assert r.sample_seed in done.note
    # A sampled order needs its follow-up; an unsampled one closes without.
    picked = chosen[0]
    with pytest.raises(InvalidTransition):
        repairs.close(ctx, picked.number, expected_version=picked.version)
    skipped = next(r for r in rows if not r.follow_up_required)
    assert repairs.close(ctx, skipped.number, expected_version=skipped.version).status == S.CLOSED
    # A tampered record no longer verifies.
    forged = repairs.RepairRow(**{**picked.__dict__, "follow_up_required": not picked.follow_up_required})
    assert not repairs.verify_sample(forged).matches


def test_the_sample_rate_is_a_site_setting(ctx, supervisor_ctx, clock):
    with pytest.raises(PermissionDenied):
        repairs.save_settings(ctx, sample_percent=100)
    repairs.save_settings(supervisor_ctx, sample_percent=100)
    assert all(_done(ctx, clock).follow_up_required for _ in range(5))
    repairs.save_settings(supervisor_ctx, sample_percent=0)
    assert not any(_done(ctx, clock).follow_up_required for _ in range(5))
    with pytest.raises(ValidationError) as err:
        repairs.save_settings(supervisor_ctx, sample_percent=130)
    assert err.value.field == "回访抽样比例（%）"


def test_a_late_pick_up_is_flagged(ctx, clock):
    o = repairs.dispatch(ctx, _order(ctx).number, "工程部", expected_version=1)
    clock.set(clock.now + timedelta(minutes=29))
    assert repairs.late_orders(ctx) == []
    assert repairs.nav_badge(ctx).level == "amber" or repairs.nav_badge(ctx).count == 0
    clock.set(clock.now + timedelta(minutes=2))
    late = repairs.late_orders(ctx)
    assert [r.number for r in late] == [o.number] and late[0].late_reason == "接单超时"
    badge = repairs.nav_badge(ctx)
    assert (badge.count, badge.level) == (1, "red")
    # The badge sweep recorded 是否超时 on the order, by the system.
    flagged = repairs.get_order(ctx, o.number)
    assert flagged.overdue and flagged.pickup_late
    assert any(h.action == "超时" and h.actor == "系统" for h in records.history(ctx, o.uuid))
    # The flag took no new version: the desk can still save with the version it saw before.
    assert flagged.version == o.version
    o = repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    assert o.pickup_late and o.overdue and not o.late_now


def test_a_pick_up_within_the_setting_is_on_time(ctx, supervisor_ctx, clock):
    repairs.save_settings(supervisor_ctx, pickup_minutes=15)
    o = repairs.dispatch(ctx, _order(ctx).number, "工程部", expected_version=1)
    assert o.pickup_due_at == clock.now + timedelta(minutes=15)
    clock.set(clock.now + timedelta(minutes=14))
    o = repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    assert not o.pickup_late and not o.overdue
    # Finished after the agreed time: late.
    clock.set(clock.now + timedelta(days=2))
    o = repairs.complete(ctx, o.number, result="修好", expected_version=o.version)
    assert o.finish_late and o.overdue


def test_chasing_a_late_order_is_counted(ctx, clock):
    o = repairs.dispatch(ctx, _order(ctx).number, "工程部", expected_version=1)
    clock.set(clock.now + timedelta(hours=1))
    o = repairs.chase(ctx, o.number, "已电话催促工程部")
    assert o.chase_count == 1 and o.last_chased_at == clock.now


def test_paid_repairs_need_the_amount_and_receipt(ctx, clock):
    o = _order(ctx, paid=True)
    o = repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    o = repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    with pytest.raises(ValidationError) as err:
        repairs.complete(ctx, o.number, result="更换龙头", expected_version=o.version)
    assert err.value.field == "材料及费用"
    with pytest.raises(ValidationError) as err:
        repairs.complete(ctx, o.number, result="更换龙头", cost=80, expected_version=o.version)
    assert err.value.field == "收据号"
    with pytest.raises(ValidationError) as err:
        repairs.complete(ctx, o.number, result="更换龙头", cost="八十", receipt_no="R1", expected_version=o.version)
    assert err.value.field == "材料及费用"
    o = repairs.complete(ctx, o.number, result="更换龙头", materials="水龙头 1 个", cost="80.5", receipt_no="R0001",
                         expected_version=o.version)
    assert (o.cost, o.receipt_no) == (80.5, "R0001")


def test_a_reception_repair_request_becomes_a_work_order(ctx, clock):
    uuid = _contact(ctx)
    queue = repairs.intake_queue(ctx)
    assert [q.uuid for q in queue] == [uuid]
    o = repairs.create_from_contact(ctx, uuid, category="渗漏水")
    assert (o.reporter, o.unit_no, o.phone, o.content) == ("王女士", "1-1-301", "13912345678", "卫生间天花板渗水")
    assert o.source_contact_uuid == uuid and o.status == S.AWAITING_DISPATCH
    assert repairs.intake_queue(ctx) == []
    with pytest.raises(ValidationError):
        repairs.create_from_contact(ctx, uuid, category="渗漏水")
    with ctx.read() as s:
        c = records.get_by_uuid(s, ContactRecord, uuid)
        assert (c.status, c.handling_mode, c.department) == ("处理中", "转交", "工程部")
        assert o.number in c.handling
    o = _finish(ctx, clock, o)
    with ctx.read() as s:
        c = records.get_by_uuid(s, ContactRecord, uuid)
        assert c.status == "已完成" and "已完工" in c.handling and c.completed_at is not None
    # Other categories are not repair requests.
    other = _contact(ctx, category="咨询", content="物业费怎么交")
    assert repairs.intake_queue(ctx) == []
    with pytest.raises(ValidationError):
        repairs.create_from_contact(ctx, other, category="其他")


def _finish(ctx, clock, o):
    o = repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    o = repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    clock.set(clock.now + timedelta(hours=1))
    return repairs.complete(ctx, o.number, result="已处理", expected_version=o.version)


def test_the_category_list_is_editable(ctx, supervisor_ctx):
    conf = repairs.save_settings(supervisor_ctx, categories=["给排水", "渗漏水", "电气", "安全设施", "电梯"])
    assert "电梯" in conf.categories and "门窗" not in conf.categories
    assert _order(ctx, category="电梯").category == "电梯"
    with pytest.raises(ValidationError):
        _order(ctx, category="门窗")
    with pytest.raises(ValidationError):
        repairs.save_settings(supervisor_ctx, categories=[" "])
    with pytest.raises(ValidationError):
        repairs.save_settings(supervisor_ctx, must_follow_up=["燃气"])


def test_month_statistics(ctx, clock):
    leak = _done(ctx, clock, "渗漏水")
    repairs.record_follow_up(ctx, leak.number, interviewee="陈先生", content="好", feedback="满意",
                             expected_version=leak.version)
    leak2 = _done(ctx, clock, "渗漏水")
    repairs.record_follow_up(ctx, leak2.number, interviewee="陈先生", content="一般", feedback="较满意",
                             expected_version=leak2.version)
    # A late electrical job, not followed up yet.
    e = _order(ctx, "电气", content="客厅插座没电")
    e = repairs.dispatch(ctx, e.number, "工程部", expected_version=e.version)
    clock.set(clock.now + timedelta(hours=2))
    e = repairs.pick_up(ctx, e.number, "王师傅", expected_version=e.version)
    e = repairs.complete(ctx, e.number, result="更换空开", expected_version=e.version)
    d = _order(ctx, "其他", content="帮忙修空调")
    repairs.decline(ctx, d.number, "不在服务范围", expected_version=d.version)
    stats = repairs.month_statistics(ctx, 2026, 11)
    by = {r.category: r for r in stats.rows}
    assert list(by)[:7] == repairs.DEFAULT_CATEGORIES
    assert (by["渗漏水"].received, by["渗漏水"].completed, by["渗漏水"].on_time) == (2, 2, 2)
    assert by["渗漏水"].required_follow_up_rate == 1.0 and by["渗漏水"].satisfaction_rate == 1.0
    assert (by["电气"].completed, by["电气"].on_time, by["电气"].overdue) == (1, 0, 1)
    assert by["其他"].declined == 1 and by["其他"].completed == 0
    t = stats.total
    assert (t.received, t.completed, t.on_time, t.followed_up) == (4, 3, 2, 2)
    assert t.on_time_rate == pytest.approx(2 / 3) and t.follow_up_rate == pytest.approx(2 / 3)
    assert (t.satisfied, t.fairly_satisfied, t.dissatisfied) == (1, 1, 0)
    assert t.cost == 70.0
    empty = repairs.month_statistics(ctx, 2026, 10)
    assert empty.total.received == 0 and empty.total.on_time_rate is None


def test_the_managers_monthly_spot_check(ctx, manager_ctx, clock):
    done = [_done(ctx, clock, "渗漏水") for _ in range(12)]
    for o in done:
        repairs.record_follow_up(ctx, o.number, interviewee="陈先生", content="好", feedback="满意",
                                 expected_version=o.version)
    with pytest.raises(PermissionDenied):
        repairs.draw_spot_check(ctx, 2026, 11)
    picks = repairs.draw_spot_check(manager_ctx, 2026, 11)
    assert len(picks) == 5  # 10% of 12 is below the minimum of 5
    assert all(p.result is None and p.note is None for p in picks)
    assert {p.order_number for p in picks} <= {o.number for o in done}
    # Reproducible: the recorded seed picks the same follow-ups from the month's list.
    with ctx.read() as s:
        population = [f.uuid for f in repairs.spot_check_population(s, ctx, 2026, 11)]
    assert len(population) == picks[0].population == 12
    assert set(repairs.spot_pick(population, picks[0].sample_seed, picks[0].sample_size)) == \
        {p.follow_up_uuid for p in picks}
    with pytest.raises(ValidationError):
        repairs.draw_spot_check(manager_ctx, 2026, 11)
    with pytest.raises(ValidationError) as err:
        repairs.record_spot_check(manager_ctx, picks[0].uuid, result="不属实", expected_version=picks[0].version)
    assert err.value.field == "抽查说明"
    row = repairs.record_spot_check(manager_ctx, picks[0].uuid, result="属实", note="业主确认已回访",
                                    expected_version=picks[0].version)
    assert (row.result, row.checked_by) == ("属实", "李强")
    listed = repairs.spot_check_list(ctx, 2026, 11)
    assert len(listed) == 5 and sum(1 for p in listed if p.result) == 1


def test_a_follow_up_recorded_on_the_follow_ups_page_decides_the_order(ctx, clock):
    from app.complaints import followups

    o = _done(ctx, clock, "安全设施")
    due = [r for r in followups.due_follow_ups(ctx) if r.subject_type == "维修"]
    assert [r.subject_uuid for r in due] == [o.uuid] and due[0].due_at == o.completed_at + timedelta(days=3)
    followups.record_follow_up(ctx, "维修", o.uuid, method="电话", content="消防栓已修好", feedback="满意",
                               interviewee="陈先生")
    assert repairs.get_order(ctx, o.uuid).status == S.CLOSED
    assert not [r for r in followups.due_follow_ups(ctx) if r.subject_type == "维修"]
    # Not before the order is finished: refused, and nothing is recorded.
    open_order = _order(ctx)
    with pytest.raises(InvalidTransition):
        followups.record_follow_up(ctx, "维修", open_order.uuid, method="电话", content="?", feedback="满意",
                                   interviewee="陈先生")
    assert followups.follow_ups_of(ctx, open_order.uuid) == []
    # 不满意 from there reopens it as well.
    followups.record_follow_up(ctx, "维修", o.uuid, method="上门", content="又坏了", feedback="不满意",
                               interviewee="陈先生")
    again = repairs.get_order(ctx, o.uuid)
    assert again.status == S.AWAITING_DISPATCH and again.reopen_count == 1


def test_details_can_be_corrected_before_the_repair_starts(ctx, clock):
    o = _order(ctx)
    o = repairs.update_order(ctx, o.number, expected_version=o.version, reporter="陈先生", content="卫生间漏水",
                             category="渗漏水", unit_no="3-2-1502", urgency="紧急")
    assert (o.category, o.urgency, o.finish_due_at) == ("渗漏水", "紧急", datetime(2026, 11, 20, 13, 0))
    o = repairs.dispatch(ctx, o.number, "工程部", expected_version=o.version)
    o = repairs.pick_up(ctx, o.number, "李师傅", expected_version=o.version)
    with pytest.raises(InvalidTransition):
        repairs.update_order(ctx, o.number, expected_version=o.version, reporter="陈先生", content="x",
                             category="渗漏水")


def test_order_numbers_by_uuid(ctx):
    a, b = _order(ctx), _order(ctx)
    assert repairs.order_numbers(ctx, [a.uuid, b.uuid, None]) == {a.uuid: a.number, b.uuid: b.number}
