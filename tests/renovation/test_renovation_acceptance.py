"""Acceptance and the deposit refund: only after a passed acceptance and with no open notice."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app.domain.errors import InvalidTransition, ValidationError
from app import renovation as reno
from app.renovation import DeductionData, VisitData
from tests.renovation.helpers import approved_application, history_steps


def test_refund_only_after_passed_acceptance_and_without_open_notice(ctx, supervisor_ctx, clock):
    row = approved_application(ctx, supervisor_ctx)
    visit = reno.record_visit(ctx, VisitData(row.uuid, "施工中", "水电", failed_checks=["私拉电线"]))
    assert visit.notice_no
    row = reno.request_acceptance(ctx, row.uuid, expected_version=reno.get(ctx, row.uuid).version)
    assert row.status == "待验收"

    # Failed acceptance: no refund.
    items = [(i, i != "装修垃圾已清运", "" if i != "装修垃圾已清运" else "楼道仍有垃圾")
             for i in reno.acceptance_items(ctx)]
    with pytest.raises(ValidationError, match="不合格项"):
        reno.record_acceptance(ctx, row.uuid, "合格", items, expected_version=row.version)
    row = reno.record_acceptance(ctx, row.uuid, "不合格", items, expected_version=row.version)
    assert row.status == "待验收" and row.acceptance_result == "不合格"
    with pytest.raises(InvalidTransition, match="验收不合格"):
        reno.refund_deposit(supervisor_ctx, row.uuid, receipt="TK-01", expected_version=row.version)

    # Passed acceptance, but the notice is still open: no refund.
    clock.set(clock.now + timedelta(days=1))
    ok_items = [(i, True, "") for i in reno.acceptance_items(ctx)]
    row = reno.record_acceptance(ctx, row.uuid, "合格", ok_items, expected_version=row.version)
    assert row.status == "已验收"
    with pytest.raises(InvalidTransition, match=visit.notice_no):
        reno.refund_deposit(supervisor_ctx, row.uuid, receipt="TK-01", expected_version=row.version)

    reno.recheck_notice(ctx, visit.notice_no, "已整改", note="已改为穿管敷设")
    row = reno.get(ctx, row.uuid)
    with pytest.raises(ValidationError, match="扣款1原因"):
        reno.refund_deposit(supervisor_ctx, row.uuid, receipt="TK-01", deductions=[DeductionData("", Decimal("100"))],
                            expected_version=row.version)
    with pytest.raises(ValidationError, match="超过押金"):
        reno.refund_deposit(supervisor_ctx, row.uuid, receipt="TK-01",
                            deductions=[DeductionData("损坏电梯轿厢", Decimal("2500"))], expected_version=row.version)
    row = reno.refund_deposit(supervisor_ctx, row.uuid, receipt="TK-01",
                              deductions=[DeductionData("损坏公共走道地砖", Decimal("150.50"))],
                              expected_version=row.version)
    assert row.status == "押金已退"
    assert row.refund_amount == Decimal("1849.50")
    assert row.refund_deductions == (DeductionData("损坏公共走道地砖", Decimal("150.50")),)
    assert row.refund_receipt == "TK-01" and row.refunded_at == clock.now
    steps = [a for s, a in history_steps(ctx, row.uuid) if s == "装修申请"]
    assert steps[-5:] == ["完工申请验收", "验收", "验收", "复查", "退押金"]
