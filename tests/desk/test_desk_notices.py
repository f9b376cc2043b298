"""告知: an important notice to a building lists its households; coverage is computed from the
confirmations (confirmed by whom, when, how; unreachable after the tries)."""

from __future__ import annotations

from datetime import datetime

import pytest

from app import desk, residents
from app.domain.errors import InvalidTransition, ValidationError


@pytest.fixture
def estate(admin_ctx):
    for unit in ("3-1-0101", "3-1-0102", "3-2-0201", "3-2-1502", "5-1-0301"):
        residents.add_unit(admin_ctx, unit)


def test_an_important_notice_to_a_building_tracks_each_household(ctx, clock, estate):
    n = desk.publish(ctx, kind="重要告知", title="3栋停水通知",
                     body="因二次供水设备检修，11月22日 9:00—17:00 3栋停水，请提前储水。", target="楼栋",
                     targets=["3"], channels=["公告栏", "电话"])
    assert n.number == "GZ20261120001" and n.target_text == "楼栋：3" and n.channels == "公告栏；电话"
    assert [c.unit_no for c in desk.confirmations(ctx, n.uuid)] == ["3-1-0101", "3-1-0102", "3-2-0201", "3-2-1502"]
    assert (n.coverage.households, n.coverage.confirmed, n.coverage.rate) == (4, 0, 0.0)

    clock.set(datetime(2026, 11, 20, 10, 0))
    c = desk.record_contact(ctx, n.uuid, "3-1-0101", reached=True, confirmed_by="陈先生（业主）")
    assert (c.status, c.confirmed_by, c.confirmed_at, c.method, c.staff, c.tries) == (
        "已确认", "陈先生（业主）", datetime(2026, 11, 20, 10, 0), "电话", "王丽", 1)
    desk.record_contact(ctx, n.uuid, "3栋2单元1502室", reached=False, note="无人接听")
    desk.record_contact(ctx, n.uuid, "3-2-1502", reached=True, confirmed_by="李女士（租户）", method="上门")
    for _ in range(3):  # three tries without an answer: unreachable
        desk.record_contact(ctx, n.uuid, "3-2-0201", reached=False)
    cov = desk.get_notice(ctx, n.number).coverage
    assert (cov.households, cov.confirmed, cov.unreachable, cov.pending) == (4, 2, 1, 1)
    assert cov.rate == 0.5 and cov.text == "已确认 2/4 户（50.0%），无法联系 1 户，待确认 1 户"
    with pytest.raises(InvalidTransition):
        desk.record_contact(ctx, n.uuid, "3-1-0101", reached=True, confirmed_by="陈先生")
    with pytest.raises(ValidationError) as e:
        desk.record_contact(ctx, n.uuid, "5-1-0301", reached=True, confirmed_by="孙先生")
    assert e.value.field == "房号"


def test_a_general_notice_needs_no_confirmations(ctx, estate):
    n = desk.publish(ctx, kind="温馨提示", title="降温提示", body="近日降温，请注意关好门窗。")
    assert n.target_text == "全体住户" and n.coverage.households == 0 and n.coverage.text == ""


def test_an_important_notice_without_households_or_to_an_unknown_building_is_refused(ctx, estate):
    with pytest.raises(ValidationError) as e:
        desk.publish(ctx, kind="重要告知", title="x", body="y", target="楼栋", targets=["9"])
    assert e.value.field == "告知对象" and "9" in str(e.value)
    with pytest.raises(ValidationError):
        desk.publish(ctx, kind="重要告知", title="x", body="y", target="楼栋", targets=[])
    assert desk.list_notices(ctx) == []
