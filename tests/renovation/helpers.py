"""Shared test data of the renovation tests: a complete application, an approved one, and
the steps of a renovation's history."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app import renovation as reno
from app.renovation import ApplicationData, FeeData, WorkerData

DAY = date(2026, 11, 20)  # the clock's day (a Friday)


def application_data(unit="3-2-1502", **kw) -> ApplicationData:
    values = dict(unit_no=unit, owner="赵建国", owner_phone="13800138000", contractor="安居装饰工程有限公司",
                  manager="钱师傅", manager_phone="139 0013 9000", scope="厨卫翻新、铺地砖、墙面刷漆",
                  start_date=DAY, planned_end_date=DAY + timedelta(days=60), deposit="2000",
                  deposit_receipt="SJ-0001", fees=[FeeData("装修管理费", Decimal("300"), "SJ-0002")],
                  agreement_signed=True, liability_signed=True,
                  workers=[WorkerData("孙工", "13700137000", "C-001"), WorkerData("周工", None, "C-002")])
    values.update(kw)
    return ApplicationData(**values)


def approved_application(ctx, supervisor_ctx, unit="3-2-1502", **kw):
    row = reno.apply(ctx, application_data(unit, **kw))
    return reno.approve(supervisor_ctx, row.uuid, expected_version=row.version)


def history_steps(ctx, uuid):
    """(subject, action) of every step, oldest first."""
    return [(e.subject.split(" ")[0], e.action) for e in reno.renovation_history(ctx, uuid)]
