"""Renovation noise: the permitted hours on the working-day calendar, and noise complaints
linked to the unit under renovation."""

from __future__ import annotations

from datetime import date, datetime

from app import renovation as reno
from tests.renovation.helpers import DAY, approved_application


def test_noise_hours(ctx):
    friday = date(2026, 11, 20)
    assert reno.noise_allowed(ctx, datetime.combine(friday, datetime.min.time()).replace(hour=10))
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 20, 12, 30))
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 20, 7, 59))
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 21, 10, 0))  # Saturday
    assert "08:00–12:00、14:00–18:00" in reno.noise_hours_text(ctx)
    assert "休息日及法定节假日不得" in reno.noise_hours_text(ctx)


def test_noise_complaint_is_linked_to_the_renovation(ctx, supervisor_ctx, clock):
    from app.complaints.models import Complaint
    from app.core import records

    row = approved_application(ctx, supervisor_ctx)
    other = approved_application(ctx, supervisor_ctx, "5-1-0101")

    def complaint(unit, category, content, at):
        with ctx.unit_of_work() as s:
            records.create(ctx, s, Complaint, received_at=at, channel="来电", complainant="邻居",
                           unit_no=unit, phone="13800000000", category=category, severity="一般",
                           validity="待定", content=content, status="已受理", received_by="王丽")

    complaint("3-2-1502", "装修噪音扰民", "中午还在电钻", datetime(2026, 11, 20, 12, 40))
    complaint("3-2-1402", "装修噪音扰民", "楼上3-2-1502周六早上七点就开始砸墙", datetime(2026, 11, 21, 7, 30))
    complaint("3-2-1502", "停车", "车位被占", datetime(2026, 11, 20, 15, 0))
    complaint("3-2-1502", "装修噪音扰民", "去年的投诉", datetime(2025, 11, 20, 15, 0))
    linked = reno.noise_complaints(ctx, row.uuid)
    assert [c.content for c in linked] == ["中午还在电钻", "楼上3-2-1502周六早上七点就开始砸墙"]
    assert [c.during_noise_hours for c in linked] == [False, False]
    assert reno.noise_complaints(ctx, other.uuid) == []
    [item] = [i for i in reno.round_for(ctx, DAY) if i.unit_no == "3-2-1502"]
    assert item.noise_complaints == 2


def test_no_noisy_work_on_days_off_of_the_working_day_calendar(ctx, admin_ctx):
    from app.core import calendar

    # 2026-10-01 (Thursday) is National Day; 2026-09-20 (Sunday) is a make-up workday (调休).
    assert not reno.noise_allowed(ctx, datetime(2026, 10, 1, 10, 0))
    assert reno.noise_allowed(ctx, datetime(2026, 9, 20, 10, 0))
    assert reno.noise_windows(ctx, date(2026, 10, 1)) == []
    # A day the site's admin marks as a day off.
    assert reno.noise_allowed(ctx, datetime(2026, 11, 25, 10, 0))
    calendar.set_override(admin_ctx, date(2026, 11, 25), "off", "停水停电")
    assert not reno.noise_allowed(ctx, datetime(2026, 11, 25, 10, 0))
