"""A demo site with records of every module, for the tests that move or share a site."""

from __future__ import annotations

from datetime import datetime

from app import demo


def busy_site(ctx, supervisor_ctx, clock, admin_ctx) -> None:
    """Demo visits, calls, complaints and follow-ups, plus repair orders, handovers and renovations
    in every state (the same records the modules' own workbook tests use)."""
    from tests.movein.test_movein_exchange import _site_with_handovers
    from tests.renovation.test_renovation_exchange import _site_with_renovations
    from tests.repairs.test_repairs_exchange import _orders

    clock.set(datetime(2026, 11, 25, 18, 0))
    demo.generate(admin_ctx, days=6, seed=7, buildings=2, floors=4, contacts_per_day=6)
    _orders(ctx, clock, supervisor_ctx)
    clock.set(datetime(2026, 11, 21, 9, 0))
    _site_with_handovers(ctx, supervisor_ctx, clock)
    clock.set(datetime(2026, 11, 20, 9, 0))
    _site_with_renovations(ctx, supervisor_ctx, clock)
    clock.set(datetime(2026, 11, 26, 9, 0))
