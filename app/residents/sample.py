"""Self-test records of the residents feature: a building, a unit and its owner."""

from app.residents.people import add_resident


def sample(ctx) -> dict[str, dict]:
    add_resident(ctx, name="自检业主", phone="13800138000", unit_no="1-1-101")
    return {}
