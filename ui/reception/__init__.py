"""Reception screens: the entry form, today's list and search, 日结, messages to pass on."""

from ui.registry import PageSpec

PAGES = (PageSpec("reception", "接待登记", "ui.reception.reception_page:ReceptionPage", "app.reception:nav_badge"),)
HOOKS = ("ui.reception.pending_messages_hook",)
