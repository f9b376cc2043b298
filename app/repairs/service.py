"""What the follow-ups service asks of repairs when a 维修 follow-up is recorded (it looks this
module up by name): :func:`on_follow_up` decides the order's fate in the same unit of work, and
:func:`follow_ups_due` adds the orders waiting for their follow-up to the due list."""

from app.repairs.follow_up import follow_ups_due, on_follow_up

__all__ = ["follow_ups_due", "on_follow_up"]
