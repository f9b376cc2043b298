"""Reception desk (来访来电接待): visits, calls and letters, messages to pass on (转告), the
day's list and search across all dates, 日结, the 来访来电 sheet and KF-01."""

from typing import TYPE_CHECKING

from app.domain.lazy import exports

if TYPE_CHECKING:  # imported on first use (app.domain.lazy), so one module of the package loads alone
    from app.reception.closing import DayClosingData, day_closing
    from app.reception.contact import (
        ContactRow, complete_contact, contact_history, create_contact, get_contact, hand_over, update_contact,
        void_contact,
    )
    from app.reception.desk import (
        default_department, default_due_at, department_choices, guess_complaint_category, staff_names,
        standard_phrases,
    )
    from app.reception.household import HouseholdData, household_contacts
    from app.reception.models import ContactRecord
    from app.reception.relay import (
        MessageRow, create_message, list_messages, list_pending_messages, mark_passed_on, my_pending_messages,
        void_message,
    )
    from app.reception.validation import validate_contact
    from app.reception.vocab import OPEN_STATES, OVERDUE, ContactCategory, ContactStatus, HandlingMode, RelayStatus
    from app.reception.worklists import (
        ContactFilter, ContactPage, count_contacts, list_contacts, list_repair_requests, nav_badge, receptionists,
        search_contacts, today_filter,
    )
    from app.reception import search

__getattr__ = exports(__name__, __file__)

__all__ = [
    'ContactCategory', 'ContactFilter', 'ContactPage', 'ContactRecord', 'ContactRow', 'ContactStatus',
    'DayClosingData', 'HandlingMode', 'HouseholdData', 'household_contacts', 'MessageRow', 'OPEN_STATES', 'OVERDUE', 'RelayStatus', 'complete_contact',
    'contact_history', 'count_contacts', 'create_contact', 'create_message', 'day_closing',
    'default_department', 'default_due_at', 'department_choices', 'get_contact',
    'guess_complaint_category', 'hand_over', 'list_contacts', 'list_messages', 'list_pending_messages',
    'list_repair_requests', 'mark_passed_on', 'my_pending_messages', 'nav_badge', 'receptionists',
    'search', 'search_contacts', 'staff_names', 'standard_phrases', 'today_filter', 'update_contact',
    'validate_contact', 'void_contact', 'void_message',
]
