"""Reception desk (来访来电接待): visits, calls and letters, messages to pass on (转告), the
day's list and search across all dates, the 来访来电 sheet and KF-01."""

from app.reception.models import ContactRecord
from app.reception.service import (
    ContactFilter, complete_contact, contact_history, count_contacts, create_contact,
    create_message, day_closing, default_department, default_due_at, department_choices,
    get_contact, guess_complaint_category, hand_over, list_contacts, list_messages,
    list_pending_messages, list_repair_requests, mark_passed_on, my_pending_messages, nav_badge,
    receptionists, search_contacts, staff_names, standard_phrases, today_filter, update_contact,
    validate_contact, void_contact,
)
from app.reception.vocab import ContactCategory, ContactStatus, HandlingMode
from app.reception import search

__all__ = [
    'ContactCategory', 'ContactFilter', 'ContactRecord', 'ContactStatus', 'HandlingMode',
    'complete_contact', 'contact_history', 'count_contacts', 'create_contact', 'create_message',
    'day_closing', 'default_department', 'default_due_at', 'department_choices', 'get_contact',
    'guess_complaint_category', 'hand_over', 'list_contacts', 'list_messages',
    'list_pending_messages', 'list_repair_requests', 'mark_passed_on', 'my_pending_messages',
    'nav_badge', 'receptionists', 'search', 'search_contacts', 'staff_names', 'standard_phrases',
    'today_filter', 'update_contact', 'validate_contact', 'void_contact',
]
