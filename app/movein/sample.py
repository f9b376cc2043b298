"""Self-test records of move-in: a handover started for a unit."""

from app.movein.handover import start_handover


def sample(ctx) -> dict[str, dict]:
    start_handover(ctx, "1-1-102", receiver_name="自检新业主", receiver_phone="13900139000")
    return {"move-in": {"unit": "1-1-102"}}
